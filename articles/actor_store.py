"""The Actor table as the source of the claim extractor's lexicon, and the bundled actors.

The lexicon the extractor uses is a derived cache of the table (DESIGN decision 3, applied to
actors): curators add aliases or actors in the admin and the next extraction sees them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction

from articles.claims import ActorEntry, ActorLexicon, read_bundled_actors
from articles.claims.lexicon import BUNDLED_ACTORS, load_bundled_lexicon
from articles.models import Actor

_FIELDS = ("kind", "country_code", "aliases", "demonyms", "metonyms", "colour")


@dataclass
class ActorLoadSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_curated: list[str] = field(default_factory=list)
    unchanged: int = 0


def _row_values(entry: ActorEntry) -> dict[str, object]:
    return {
        "kind": entry.kind,
        "country_code": entry.country_code,
        "aliases": list(entry.aliases),
        "demonyms": list(entry.demonyms),
        "metonyms": list(entry.metonyms),
        "colour": entry.colour or "#555555",
    }


def _curated_actor_ids() -> set[int]:
    """Return the ids of actors a curator added or changed in the admin (its change log)."""
    content_type = ContentType.objects.get_for_model(Actor)
    ids = LogEntry.objects.filter(
        content_type=content_type, action_flag__in=(ADDITION, CHANGE)
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in ids if pk and str(pk).isdigit()}


def sync_bundled_actors(path: Path = BUNDLED_ACTORS, *, dry_run: bool = False) -> ActorLoadSummary:
    """Return what loading the bundled actors created, updated and left alone.

    Missing actors are created. An existing actor is brought up to date with the file unless
    a curator added or changed it in the admin (the admin's change log says so): their edits
    win over the bundled data.
    """
    summary = ActorLoadSummary()
    entries = read_bundled_actors(path)
    with transaction.atomic():
        existing = {actor.name: actor for actor in Actor.objects.all()}
        curated = _curated_actor_ids() if existing else set()
        to_create: list[Actor] = []
        to_update: list[Actor] = []
        for entry in entries:
            values = _row_values(entry)
            actor = existing.get(entry.name)
            if actor is None:
                to_create.append(Actor(name=entry.name, **values))
                summary.created.append(entry.name)
                continue
            if all(getattr(actor, name) == values[name] for name in _FIELDS):
                summary.unchanged += 1
                continue
            if actor.pk in curated:
                summary.kept_curated.append(entry.name)
                continue
            for name, value in values.items():
                setattr(actor, name, value)
            to_update.append(actor)
            summary.updated.append(entry.name)
        if not dry_run:
            Actor.objects.bulk_create(to_create)
            # save() rather than bulk_update so updated_at moves and the lexicon cache notices.
            for actor in to_update:
                actor.save()
    return summary


def load_bundled_actors() -> int:
    """Return how many actors loading actors.json created or updated (curated ones stay)."""
    summary = sync_bundled_actors()
    return len(summary.created) + len(summary.updated)


def entry_for(actor: Actor) -> ActorEntry:
    """Return the lexicon entry of an Actor row."""
    return ActorEntry(
        name=actor.name,
        kind=actor.kind,
        country_code=actor.country_code,
        aliases=tuple(str(a) for a in actor.aliases or ()),
        demonyms=tuple(str(d) for d in actor.demonyms or ()),
        metonyms=tuple(str(m) for m in actor.metonyms or ()),
        colour=actor.colour,
    )


_lock = threading.Lock()
_cache: tuple[tuple[int, object], ActorLexicon] | None = None


def _table_fingerprint() -> tuple[int, object]:
    """Return the Actor table's row count and latest updated_at.

    In plain SQL (portable: COUNT and MAX), because this runs for every article processed and
    the ORM's aggregate() costs about ten times the query itself. The latest time comes back
    as the driver returns it; it is only compared with the previous value.
    """
    database = connections[router.db_for_read(Actor)]
    table = database.ops.quote_name(Actor._meta.db_table)
    column = database.ops.quote_name(Actor._meta.get_field("updated_at").column)
    with database.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX({column}) FROM {table}")  # noqa: S608
        count, latest = cursor.fetchone()
    return int(count), latest


def get_actor_lexicon() -> ActorLexicon:
    """Return the lexicon over the Actor table, rebuilt when the table has changed.

    The fingerprint (row count, latest updated_at) costs one query and catches additions,
    deletions and admin edits. An empty table falls back to the bundled actors, so the
    pipeline works before `load_actors` has run.
    """
    global _cache
    fingerprint = _table_fingerprint()
    cached = _cache
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    if not fingerprint[0]:
        lexicon = load_bundled_lexicon()
    else:
        # Bundled order first: where two actors share a form, the earlier one wins, and the
        # file lists state forces before the groups that borrow their adjectives.
        order = {entry.name: i for i, entry in enumerate(read_bundled_actors())}
        rows = sorted(Actor.objects.all(), key=lambda a: (order.get(a.name, len(order)), a.name))
        lexicon = ActorLexicon.build(entry_for(actor) for actor in rows)
    with _lock:
        _cache = (fingerprint, lexicon)
    return lexicon


def clear_actor_lexicon_cache() -> None:
    """Forget the cached lexicon (tests, and after bulk changes made with update())."""
    global _cache
    with _lock:
        _cache = None
