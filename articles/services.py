"""The one place where domain code (geoparsing, claims, readers) meets the database.

Views, admin actions and management commands call these functions and nothing deeper.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from articles.claims.types import ExtractedClaim
from articles.fetch import FeedEntry
from articles.geocoders import Geocoder, geocoder_from_settings, precision_for_bbox
from articles.geoparse.types import ResolvedMention
from articles.models import (
    CURATED_STATUSES,
    Actor,
    Article,
    Claim,
    ClaimGroup,
    ClaimStatus,
    GeocoderCacheEntry,
    Mention,
    Method,
    Place,
    PlaceKind,
    PlaceName,
    PlaceOrigin,
    Relation,
    ReviewStatus,
)
from articles.place_import import PlaceInput
from articles.readers import (
    ArticleInput,
    ReaderError,
    iter_input_files,
    read_article_bytes,
    read_articles,
)

# Bump when geoparsing or claim extraction changes what they return for the same text.
PIPELINE_VERSION = "2026.11.1"


@dataclass(frozen=True, slots=True)
class ProcessSummary:
    mentions: int
    claims: int
    kept_mentions: int
    kept_claims: int


@dataclass(frozen=True, slots=True)
class IngestResult:
    article: Article
    created: bool
    summary: ProcessSummary | None = None


@dataclass
class IngestSummary:
    created: int = 0
    unchanged: int = 0
    failed: int = 0
    mentions: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest identifying an article text (whitespace-insensitive)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def find_existing_article(data: ArticleInput) -> Article | None:
    """Return the stored article with the same URL or the same content, if any."""
    digest = content_hash(data.text)
    if data.url:
        found = Article.objects.filter(url=data.url).first()
        if found:
            return found
    return Article.objects.filter(content_hash=digest).first()


def ingest_article(data: ArticleInput, *, process: bool = True) -> IngestResult:
    """Return the article for `data`, storing and processing it unless it is already there."""
    existing = find_existing_article(data)
    if existing is not None:
        return IngestResult(article=existing, created=False)
    with transaction.atomic():
        article = Article.objects.create(
            url=data.url,
            outlet=data.outlet,
            title=data.title,
            published=data.published,
            text=data.text,
            language=data.language,
            content_hash=content_hash(data.text),
        )
        summary = process_article(article) if process else None
    return IngestResult(article=article, created=True, summary=summary)


def _ingest_batch(
    summary: IngestSummary, read: Callable[[], Iterable[ArticleInput]], *, process: bool
) -> None:
    """Store every article `read` yields in one transaction, or none and record the error."""
    try:
        with transaction.atomic():
            results = [ingest_article(data, process=process) for data in read()]
    except ReaderError as exc:
        summary.failed += 1
        summary.errors.append(str(exc))
        return
    for result in results:
        if result.created:
            summary.created += 1
            if result.summary:
                summary.mentions += result.summary.mentions
                summary.claims += result.summary.claims
        else:
            summary.unchanged += 1


def ingest_paths(
    paths: Sequence[Path],
    *,
    process: bool = True,
    on_file: Callable[[Path], None] | None = None,
) -> IngestSummary:
    """Return a summary of ingesting every article file under `paths`.

    Each file is one transaction: a bad record anywhere in a file stores nothing from that file,
    and the error is reported while the other files go on.
    """
    summary = IngestSummary()
    max_chars = settings.CONFLICTMAP_MAX_ARTICLE_CHARS
    for path in iter_input_files(list(paths)):
        _ingest_batch(summary, partial(read_articles, path, max_chars=max_chars), process=process)
        if on_file:
            on_file(path)
    return summary


def ingest_uploads(files: Iterable[tuple[str, bytes]], *, process: bool = True) -> IngestSummary:
    """Return a summary of ingesting uploaded files given as (file name, content) pairs."""
    summary = IngestSummary()
    max_chars = settings.CONFLICTMAP_MAX_ARTICLE_CHARS
    for name, data in files:
        _ingest_batch(
            summary, partial(read_article_bytes, data, name, max_chars=max_chars), process=process
        )
    return summary


def ingest_urls(
    urls: Iterable[str], *, feed: bool = False, limit: int | None = None, session: object = None
) -> IngestSummary:
    """Return a summary of fetching and ingesting article pages, or the pages of RSS/Atom feeds."""
    from articles import fetch

    summary = IngestSummary()
    pages: list[tuple[str, FeedEntry | None]] = []
    for url in urls:
        if not feed:
            pages.append((url, None))
            continue
        try:
            entries = fetch.fetch_feed(url, session=session)
        except ReaderError as exc:
            summary.failed += 1
            summary.errors.append(str(exc))
            continue
        pages += [(entry.url, entry) for entry in entries[:limit]]
    for page_url, entry in pages:
        if Article.objects.filter(url=page_url).exists():
            summary.unchanged += 1  # already stored: no need to fetch it again
            continue

        def read(page_url: str = page_url, entry: FeedEntry | None = entry) -> list[ArticleInput]:
            article = fetch.fetch_article(page_url, session=session)
            if entry is not None:
                # The feed's own title and date beat what extraction guessed from the page.
                article = replace(
                    article,
                    title=entry.title or article.title,
                    published=entry.published or article.published,
                )
            return [article]

        _ingest_batch(summary, read, process=True)
    return summary


def run_pipeline(
    text: str, *, outlet: str = ""
) -> tuple[tuple[ResolvedMention, ...], tuple[ExtractedClaim, ...]]:
    """Return the mentions and claims the geoparser and claim extractor find in `text`."""
    from articles.actor_store import get_actor_lexicon
    from articles.claims import extract_claims
    from articles.gazetteer_cache import get_gazetteer
    from articles.geoparse import geoparse_text

    lexicon = get_actor_lexicon()
    mentions = geoparse_text(text, get_gazetteer(), metonym_names=lexicon.metonym_names())
    claims = extract_claims(text, mentions, lexicon, outlet=outlet)
    return mentions, claims


def region_place(mention: ResolvedMention) -> Place:
    """Return the stored Place of a relative region, creating it the first time it is seen."""
    region = mention.region
    assert region is not None
    lons, lats = _geometry_bounds(region.geometry)
    place, _ = Place.objects.get_or_create(
        origin=PlaceOrigin.DERIVED,
        source_id=region.key[:120],
        defaults={
            "name": region.name[:200],
            "kind": PlaceKind.RELATIVE,
            "country_code": region.country_code,
            "lat": region.lat,
            "lon": region.lon,
            "geometry": region.geometry,
            "min_lon": min(lons, default=region.lon),
            "max_lon": max(lons, default=region.lon),
            "min_lat": min(lats, default=region.lat),
            "max_lat": max(lats, default=region.lat),
            "attribution": "Derived from Natural Earth geometries",
        },
    )
    return place


def _geometry_bounds(geometry: dict) -> tuple[list[float], list[float]]:
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords: object) -> None:
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
        elif isinstance(coords, (list, tuple)):
            for item in coords:
                walk(item)

    if geometry.get("type") == "GeometryCollection":
        for part in geometry.get("geometries", []):
            part_lons, part_lats = _geometry_bounds(part)
            lons += part_lons
            lats += part_lats
    else:
        walk(geometry.get("coordinates"))
    return lons, lats


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def geocode_online(
    query: str, country_codes: list[str], geocoder: Geocoder
) -> tuple[Place, int] | None:
    """Return a stored Place and precision for `query` from the online geocoder, cached in the DB.

    The cache keeps misses too, so a name the provider does not know is asked once.
    """
    key = query.strip()[:300]
    if country_codes:
        key = f"{key} [{','.join(sorted(country_codes))}]"[:300]
    entry = GeocoderCacheEntry.objects.filter(provider=geocoder.provider, query=key).first()
    if entry is None:
        result = geocoder.lookup(query, country_codes)
        entry = GeocoderCacheEntry.objects.create(
            provider=geocoder.provider,
            query=key,
            found=result is not None,
            name=result.name if result else "",
            lat=result.lat if result else None,
            lon=result.lon if result else None,
            bbox=list(result.bbox) if result and result.bbox else None,
        )
    if not entry.found or entry.lat is None or entry.lon is None:
        return None
    bbox = tuple(entry.bbox) if entry.bbox else None
    place, _ = Place.objects.get_or_create(
        origin=PlaceOrigin.GEOCODER,
        source_id=f"{geocoder.provider}:{key}"[:120],
        defaults={
            "name": (entry.name.split(",")[0] or query)[:200],
            "kind": PlaceKind.OTHER,
            "lat": entry.lat,
            "lon": entry.lon,
            "min_lon": bbox[0] if bbox else entry.lon,
            "min_lat": bbox[1] if bbox else entry.lat,
            "max_lon": bbox[2] if bbox else entry.lon,
            "max_lat": bbox[3] if bbox else entry.lat,
            "attribution": f"{geocoder.provider} (online geocoder): {entry.name}"[:300],
        },
    )
    return place, precision_for_bbox(bbox)  # type: ignore[arg-type]


def _focus_countries(found_mentions: Sequence[ResolvedMention]) -> list[str]:
    ids = [m.place_id for m in found_mentions if m.place_id and m.role == "literal"]
    codes = Place.objects.filter(pk__in=ids).exclude(country_code="")
    counts: dict[str, int] = {}
    for code in codes.values_list("country_code", flat=True):
        counts[code] = counts.get(code, 0) + 1
    return sorted(counts, key=counts.__getitem__, reverse=True)[:2]


def process_article(article: Article, *, geocoder: Geocoder | None = None) -> ProcessSummary:
    """Return what re-running the pipeline on `article` stored.

    Machine-made mentions and claims are replaced; a curator's verified, corrected or rejected
    rows stay as they are, and the machine does not add a row that repeats one of them.
    Names the gazetteer leaves unresolved go to the online geocoder only when one is configured.
    """
    geocoder = geocoder or geocoder_from_settings()
    found_mentions, found_claims = run_pipeline(article.text, outlet=article.outlet)
    focus = _focus_countries(found_mentions) if geocoder else []
    with transaction.atomic():
        curated_claims = list(
            article.claims.filter(review_status__in=CURATED_STATUSES).select_related("mention")
        )
        kept_mention_ids = {claim.mention_id for claim in curated_claims if claim.mention_id}
        # Groups that lose a machine claim here are recounted with the new claims below.
        former_groups = list(
            article.claims.exclude(review_status__in=CURATED_STATUSES)
            .exclude(group_id=None)
            .values_list("group_id", flat=True)
        )
        article.claims.exclude(review_status__in=CURATED_STATUSES).delete()
        (
            article.mentions.exclude(review_status__in=CURATED_STATUSES)
            .exclude(pk__in=kept_mention_ids)
            .delete()
        )
        kept_mentions = list(article.mentions.all())

        stored: list[Mention | None] = []
        new_mentions: list[Mention] = []
        for found in found_mentions:
            span = (found.start, found.end)
            same = next((m for m in kept_mentions if _overlaps(span, (m.start, m.end))), None)
            if same is not None:
                stored.append(same)
                continue
            mention = Mention(
                article=article,
                start=found.start,
                end=found.end,
                text=found.text[:300],
                place_id=found.place_id,
                candidates=[
                    {"place_id": c.place_id, "name": c.name, "score": round(c.score, 4)}
                    for c in found.candidates[:10]
                ],
                role=found.role,
                precision=found.precision,
                method=Method.RELATIVE if found.method == "relative" else found.method,
            )
            if found.region is not None:
                mention.place = region_place(found)
            elif found.place_id is None and found.role == "literal" and geocoder is not None:
                online = geocode_online(found.text, focus, geocoder)
                if online is not None:
                    mention.place, mention.precision = online
                    mention.method = Method.GEOCODER
            stored.append(mention)
            new_mentions.append(mention)
        Mention.objects.bulk_create(new_mentions)

        actors = _actors_by_name(
            {c.actor for c in found_claims}
            | {c.second_actor for c in found_claims if c.second_actor}
        )
        curated_keys = {
            (claim.actor_id, claim.relation, claim.mention.start if claim.mention else None)
            for claim in curated_claims
        }
        new_claims: list[Claim] = []
        for found in found_claims:
            mention = stored[found.mention_index] if found.mention_index is not None else None
            actor = actors[found.actor]
            key = (actor.pk, found.relation, mention.start if mention else None)
            if key in curated_keys:
                continue
            new_claims.append(
                Claim(
                    article=article,
                    actor=actor,
                    relation=found.relation,
                    mention=mention,
                    second_actor=actors.get(found.second_actor) if found.second_actor else None,
                    claimant=found.claimant[:200],
                    status=found.status,
                    sentence_start=found.sentence_start,
                    sentence_end=found.sentence_end,
                    quote=article.text[found.sentence_start : found.sentence_end].strip(),
                    confidence=found.confidence,
                    valid_from=article.published,
                    valid_to=article.published,
                )
            )
        Claim.objects.bulk_create(new_claims)
        article.pipeline_version = PIPELINE_VERSION
        article.processed_at = timezone.now()
        article.save(update_fields=["pipeline_version", "processed_at"])
        assign_claim_groups(article.claims.all(), former_groups=former_groups)
    return ProcessSummary(
        mentions=len(new_mentions),
        claims=len(new_claims),
        kept_mentions=len(kept_mentions),
        kept_claims=len(curated_claims),
    )


# Claims with the same actor, relation and place are one claim when their validity dates come
# within this many days of each other: reports of a base or a front line repeat for weeks,
# while the same words a season later report a new development (or contradict an old one).
CLAIM_GROUP_WINDOW = dt.timedelta(days=60)
# Outlet names stored on a group for popups; `n_outlets` keeps the full count.
CLAIM_GROUP_OUTLETS = 8

GroupKey = tuple[int, str, int]  # (actor id, relation, place id)


@dataclass(frozen=True, slots=True)
class RegroupSummary:
    groups: int
    created: int
    updated: int
    deleted: int
    claims_moved: int
    contested: int


@dataclass(frozen=True, slots=True)
class _Member:
    id: int
    key: GroupKey
    start: dt.date | None
    end: dt.date | None
    status: str
    article_id: int
    outlet: str
    group_id: int | None


def assign_claim_groups(
    claims: QuerySet[Claim], *, former_groups: Iterable[int | None] = ()
) -> RegroupSummary:
    """Return what regrouping the (actor, relation, place) keys of `claims` changed.

    Every claim of those keys is regrouped, whatever its article, so the result is the one a
    full `rebuild_claim_groups` gives for them; the keys of the groups the claims belong to now
    are included, so a claim that was rejected or moved to another place leaves its old group.
    `former_groups` names groups of claims deleted since (their counts are refreshed too).
    """
    keys: set[GroupKey] = set(
        claims.filter(mention__place__isnull=False)
        .order_by()
        .values_list("actor_id", "relation", "mention__place_id")
        .distinct()
    )
    in_groups = Q(pk__in=claims.order_by().values("group_id"))
    former = sorted({pk for pk in former_groups if pk is not None})
    if former:
        in_groups |= Q(pk__in=former)
    keys |= set(
        ClaimGroup.objects.filter(in_groups).values_list("actor_id", "relation", "place_id")
    )
    if not keys:
        return RegroupSummary(0, 0, 0, 0, 0, 0)
    return _regroup(keys)


def rebuild_claim_groups() -> RegroupSummary:
    """Return what regrouping every claim changed (a second run changes nothing)."""
    return _regroup(None)


def _regroup(keys: set[GroupKey] | None) -> RegroupSummary:
    members_qs = Claim.objects.exclude(review_status=ReviewStatus.REJECTED).filter(
        mention__place__isnull=False
    )
    old_qs = ClaimGroup.objects.all()
    if keys is not None:
        # The claims and groups at these places, narrowed to the exact keys below: one query
        # for any number of keys, and the place indexes find few rows (filtering on actors and
        # relations too would lead SQLite to the wider (actor, relation) index).
        places = sorted({key[2] for key in keys})
        members_qs = members_qs.filter(mention__place_id__in=places)
        old_qs = old_qs.filter(place_id__in=places)
    old_groups = {
        g.pk: g for g in old_qs if keys is None or (g.actor_id, g.relation, g.place_id) in keys
    }
    by_key: dict[GroupKey, list[_Member]] = {}
    for pk, actor_id, relation, place_id, start, end, status, article_id, outlet, group_id in (
        members_qs.order_by()
        .values_list(
            "id",
            "actor_id",
            "relation",
            "mention__place_id",
            "valid_from",
            "valid_to",
            "status",
            "article_id",
            "article__outlet",
            "group_id",
        )
        .iterator(chunk_size=5000)
    ):
        key = (actor_id, relation, place_id)
        if keys is not None and key not in keys:
            continue
        member = _Member(
            pk,
            key,
            start or end,
            end or start,
            status,
            article_id,
            " ".join(outlet.split()),
            group_id,
        )
        by_key.setdefault(key, []).append(member)

    taken: set[int] = set()
    target: dict[int, ClaimGroup] = {}  # claim id -> its group (new ones get ids on create)
    new_groups: list[ClaimGroup] = []
    changed: list[ClaimGroup] = []
    now = timezone.now()
    for key in sorted(by_key):
        for cluster in _cluster_by_date(by_key[key]):
            votes = Counter(
                m.group_id for m in cluster if m.group_id in old_groups and m.group_id not in taken
            )
            reuse = min(votes, key=lambda pk: (-votes[pk], pk)) if votes else None
            if reuse is None:
                group = ClaimGroup(actor_id=key[0], relation=key[1], place_id=key[2])
                _fill_group(group, cluster)
                new_groups.append(group)
            else:
                taken.add(reuse)
                group = old_groups[reuse]
                if _fill_group(group, cluster):
                    group.updated_at = now
                    changed.append(group)
            for m in cluster:
                target[m.id] = group
    ClaimGroup.objects.bulk_create(new_groups, batch_size=1000)
    ClaimGroup.objects.bulk_update(changed, _GROUP_FIELDS, batch_size=500)
    unused = [pk for pk in old_groups if pk not in taken]

    # Members whose group changes, and former members (rejected, moved) that leave their group.
    current = {m.id: m.group_id for members in by_key.values() for m in members}
    grouped = (
        Claim.objects.filter(group__isnull=False)
        if keys is None
        else Claim.objects.filter(group_id__in=list(old_groups))
    )
    strays = set(grouped.values_list("id", flat=True)) - target.keys()
    moves = [(g.pk, pk) for pk, g in target.items() if current[pk] != g.pk]
    moves += [(None, pk) for pk in sorted(strays)]
    _set_claim_groups(moves)
    for start in range(0, len(unused), _ID_CHUNK):
        ClaimGroup.objects.filter(pk__in=unused[start : start + _ID_CHUNK]).delete()
    groups = len(taken) + len(new_groups)
    contested = sum(1 for g in [*new_groups, *(old_groups[pk] for pk in taken)] if g.contested)
    return RegroupSummary(
        groups=groups,
        created=len(new_groups),
        updated=len(changed),
        deleted=len(unused),
        claims_moved=len(moves),
        contested=contested,
    )


# Ids per IN (...) list: below SQLite's bound-variable limit.
_ID_CHUNK = 10_000
_GROUP_FIELDS = [
    "first_date",
    "last_date",
    "n_claims",
    "n_articles",
    "n_outlets",
    "outlets",
    "has_asserted",
    "has_denied",
    "contested",
    "updated_at",
]


def _set_claim_groups(moves: list[tuple[int | None, int]]) -> None:
    """Store (group id, claim id) pairs: one prepared UPDATE run for every pair.

    A full rebuild moves most claims; `bulk_update` would build a CASE expression per claim
    (about 25 s for 80k claims on SQLite), this takes well under a second.
    """
    if not moves:
        return
    table = connection.ops.quote_name(Claim._meta.db_table)
    column = connection.ops.quote_name(Claim._meta.get_field("group").column)
    # Only the model's own quoted table and column names are interpolated; values are bound.
    sql = f"UPDATE {table} SET {column} = %s WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, moves)


def _cluster_by_date(members: list[_Member]) -> list[list[_Member]]:
    """Return the members in runs whose dates come within CLAIM_GROUP_WINDOW of each other.

    Runs chain: a claim joins when it starts within the window of the latest end so far.
    Undated claims cannot be placed in time, so they make one group of their own per key.
    """
    dated = sorted((m for m in members if m.start is not None), key=lambda m: (m.start, m.id))
    runs: list[list[_Member]] = []
    end: dt.date | None = None
    for m in dated:
        assert m.start is not None and m.end is not None
        if runs and end is not None and m.start <= end + CLAIM_GROUP_WINDOW:
            runs[-1].append(m)
            end = max(end, m.end)
        else:
            runs.append([m])
            end = m.end
    undated = sorted((m for m in members if m.start is None), key=lambda m: m.id)
    if undated:
        runs.append(undated)
    return runs


def _fill_group(group: ClaimGroup, members: list[_Member]) -> bool:
    """Set the group's dates and counts from its members; return whether anything changed."""
    outlets = sorted({m.outlet for m in members if m.outlet})
    starts = [m.start for m in members if m.start is not None]
    ends = [m.end for m in members if m.end is not None]
    statuses = {m.status for m in members}
    values = {
        "first_date": min(starts, default=None),
        "last_date": max(ends, default=None),
        "n_claims": len(members),
        "n_articles": len({m.article_id for m in members}),
        "n_outlets": len(outlets),
        "outlets": "\n".join(outlets[:CLAIM_GROUP_OUTLETS]),
        "has_asserted": ClaimStatus.ASSERTED in statuses,
        "has_denied": ClaimStatus.DENIED in statuses,
    }
    values["contested"] = values["has_asserted"] and values["has_denied"]
    changed = any(getattr(group, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(group, name, value)
    return changed


def _actors_by_name(names: Iterable[str]) -> dict[str, Actor]:
    """Return the Actor rows for `names`, creating any the lexicon knows but the table lacks."""
    wanted = set(names)
    found = {actor.name: actor for actor in Actor.objects.filter(name__in=wanted)}
    for name in wanted - found.keys():
        found[name], _ = Actor.objects.get_or_create(name=name)
    return found


def reprocess_articles(articles: Iterable[Article]) -> int:
    """Return the number of articles re-processed (curator-made rows stay)."""
    count = 0
    for article in articles:
        process_article(article)
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class PlaceImportSummary:
    created: int
    updated: int


def import_places(places: Sequence[PlaceInput]) -> PlaceImportSummary:
    """Return counts after storing validated curated places, all or nothing.

    A place is matched on its id among curated places; an update bumps its version.
    """
    from articles.geoparse.normalize import normalize_name

    created = updated = 0
    with transaction.atomic():
        for item in places:
            values = {
                "name": item.name,
                "kind": item.kind,
                "lat": item.lat,
                "lon": item.lon,
                "geometry": item.geometry,
                "min_lon": item.bbox[0],
                "min_lat": item.bbox[1],
                "max_lon": item.bbox[2],
                "max_lat": item.bbox[3],
                "country_code": item.country_code,
                "feature_code": item.feature_code,
                "source_note": item.source_note,
                "attribution": "Conflictmap curated",
            }
            place = Place.objects.filter(
                origin=PlaceOrigin.CURATED, source_id=item.source_id
            ).first()
            if place is None:
                place = Place.objects.create(
                    origin=PlaceOrigin.CURATED, source_id=item.source_id, **values
                )
                created += 1
            else:
                for key, value in values.items():
                    setattr(place, key, value)
                place.version += 1
                place.save()
                updated += 1
            for name in (item.name, *item.alternate_names):
                PlaceName.objects.get_or_create(
                    place=place, normalized=normalize_name(name), defaults={"name": name}
                )
    return PlaceImportSummary(created=created, updated=updated)


def merge_places(keep: Place, duplicates: Iterable[Place]) -> int:
    """Return how many places were merged into `keep`: their mentions and names move to it."""
    from articles.geoparse.normalize import normalize_name

    merged = 0
    with transaction.atomic():
        for place in duplicates:
            if place.pk == keep.pk:
                continue
            moved = list(Mention.objects.filter(place=place).values_list("pk", flat=True))
            former_groups = list(
                Claim.objects.filter(mention_id__in=moved)
                .exclude(group_id=None)
                .values_list("group_id", flat=True)
            )
            Mention.objects.filter(pk__in=moved).update(place=keep)
            assign_claim_groups(
                Claim.objects.filter(mention_id__in=moved), former_groups=former_groups
            )
            known = set(keep.names.values_list("normalized", flat=True))
            for name in [place.name, *place.names.values_list("name", flat=True)]:
                key = normalize_name(name)
                if key and key not in known:
                    PlaceName.objects.create(place=keep, name=name[:200], normalized=key)
                    known.add(key)
            place.delete()
            merged += 1
        if merged:
            keep.version += 1
            keep.save(update_fields=["version", "updated_at"])
    return merged


SYNTHETIC_OUTLET = "Conflictmap synthetic benchmark data"


def generate_synthetic_claims(count: int, *, seed: int = 1, batch: int = 5000) -> int:
    """Return how many synthetic claims were stored: realistic mixes for benchmarks, clearly marked.

    Claims sit on gazetteer places in conflict countries, weighted towards populated places and
    sites, with every relation, status and precision, dates from 2014 to 2025, in articles of
    the outlet SYNTHETIC_OUTLET (so they can be told apart and deleted).
    """
    import random

    rng = random.Random(seed)
    countries = ["SY", "IQ", "UA", "LY", "YE", "ML", "BF", "NE", "LB", "IL", "PS", "SD"]
    places = list(
        Place.objects.filter(country_code__in=countries)
        .exclude(kind=PlaceKind.RELATIVE)
        .order_by("-population")
        .values_list("id", "name", "kind")[:20000]
    )
    actors = list(Actor.objects.values_list("id", flat=True))
    if not places or not actors:
        raise ValueError("load the gazetteer and the actors first (manage.py setup_demo)")
    relations = [r for r, _ in Relation.choices]
    statuses = ["asserted"] * 8 + ["denied", "planned", "alleged"]
    reviews = ["machine"] * 6 + ["verified"] * 3 + ["corrected", "rejected"]
    precision_of = {PlaceKind.COUNTRY: 6, PlaceKind.ADMIN1: 4, PlaceKind.ADMIN2: 3}
    start = dt.date(2014, 1, 1)
    created = 0
    while created < count:
        size = min(batch, count - created)
        articles = Article.objects.bulk_create(
            Article(
                url=f"https://synthetic.conflictmap.invalid/{seed}/{created + i}",
                outlet=SYNTHETIC_OUTLET,
                title=f"Synthetic report {created + i}",
                published=start + dt.timedelta(days=rng.randrange(4380)),
                text="Synthetic benchmark article.",
                content_hash=hashlib.sha256(f"synthetic-{seed}-{created + i}".encode()).hexdigest(),
            )
            for i in range(0, size, 20)
        )
        mentions = []
        for i in range(size):
            place_id, name, kind = places[min(int(rng.expovariate(1 / 800)), len(places) - 1)]
            precision = precision_of.get(kind, rng.choice((1, 1, 1, 2, 2)))
            mentions.append(
                Mention(
                    article=articles[i // 20],
                    start=0,
                    end=len(name),
                    text=name[:300],
                    place_id=place_id,
                    precision=precision,
                )
            )
        Mention.objects.bulk_create(mentions)
        claims = []
        for i, mention in enumerate(mentions):
            article = articles[i // 20]
            relation = rng.choice(relations)
            claims.append(
                Claim(
                    article=article,
                    actor_id=rng.choice(actors),
                    relation=relation,
                    mention=mention,
                    second_actor_id=rng.choice(actors)
                    if relation in ("support", "clash")
                    else None,
                    claimant=rng.choice(("the outlet", "a ministry spokesman", "local sources")),
                    status=rng.choice(statuses),
                    sentence_start=0,
                    sentence_end=28,
                    quote="Synthetic benchmark article.",
                    confidence=round(rng.random(), 2),
                    valid_from=article.published,
                    valid_to=article.published,
                    review_status=rng.choice(reviews),
                )
            )
        Claim.objects.bulk_create(claims)
        created += size
    return created
