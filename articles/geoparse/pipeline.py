"""geoparse_text: recognise place names, resolve them in context, build relative regions."""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .gazetteer import AREA_KINDS, KIND_PRECISION, Gazetteer
from .lexicon import (
    ACTOR_NOUNS,
    DIRECTION_ADJECTIVES,
    LOCATIVE_WORDS,
    METONYM_NEXT_WORDS,
    METONYM_OBJECT_OF,
    STRICT_METONYM_VERBS,
)
from .normalize import normalize_name
from .recognize import Recognizer, Span, Token, tokenize
from .regions import (
    between_band,
    border_band,
    circle,
    direction_part,
    haversine_km,
    home_parts,
    offset_point,
    region_from_geometry,
    river_side,
)
from .types import Candidate, PlaceRecord, Region, ResolvedMention

_DATELINE_AFTER = re.compile(r"^\s*(?:,|\(|—|–|-{1,2}\s|/)")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_UNITS_KM = {
    "km": 1.0,
    "kms": 1.0,
    "kilometers": 1.0,
    "kilometres": 1.0,
    "kilometer": 1.0,
    "kilometre": 1.0,
    "miles": 1.609,
    "mile": 1.609,
    "mi": 1.609,
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
}
_NEAR_SKIP = frozenset(
    [
        "the",
        "of",
        "to",
        "a",
        "an",
        "town",
        "city",
        "village",
        "community",
        "area",
        "areas",
        "region",
        "vicinity",
        "outskirts",
        "just",
        "on",
        "in",
        "small",
        "key",
        "strategic",
        "border",
        "northern",
        "southern",
        "eastern",
        "western",
    ]
)
_NEAR_WORDS = frozenset(("near", "nearby", "outskirts", "vicinity", "outside", "around", "close"))
_COUNTRYSIDE_AFTER = frozenset(("countryside", "suburbs", "environs", "outskirts"))
# The words some relative reading needs before a name (within six words: a direction "north
# of", a unit "30 km north of", "countryside of", "rural", "near") or right after it: without
# one, only a river's banks can make a mention relative (see _Builder._relative).
_RELATIVE_BEFORE = (
    frozenset(DIRECTION_ADJECTIVES) | frozenset(_UNITS_KM) | _NEAR_WORDS | {"countryside", "rural"}
)
_RELATIVE_AFTER = _COUNTRYSIDE_AFTER
# Words right before a name that can start a direction cue ("the eastern bank of the X", "east
# of X", "northern X").
_DIRECTION_CUE_LEADS = frozenset(DIRECTION_ADJECTIVES) | {"the", "river", "of"}
_BORDER_WORDS = frozenset(("border", "borders", "frontier", "boundary"))
# "US-led", "Iran-backed": a country name turned adjective.
_ADJECTIVE_SUFFIXES = frozenset(
    ("led", "backed", "supported", "funded", "brokered", "allied", "aligned", "affiliated")
)
_POINT_KINDS = frozenset(("populated", "site", "lake"))
_BUILDING_METONYMS = frozenset(
    (
        "kremlin",
        "pentagon",
        "white house",
        "elysee",
        "élysée",
        "downing street",
        "quai d orsay",
        "foggy bottom",
        "whitehall",
        "state department",
    )
)


@dataclass(slots=True)
class _Resolved:
    span: Span
    ranked: list[tuple[int, float]]  # the best _RANKED (place id, score), best first
    pick: int | None = None


def geoparse_text(
    text: str, gazetteer: Gazetteer, *, metonym_names: Iterable[str] = ()
) -> tuple[ResolvedMention, ...]:
    """Return the place mentions of a text, resolved in context, in text order."""
    tokens = tokenize(text)
    recognizer = _recognizer(gazetteer, frozenset(metonym_names))
    spans = recognizer.find(text, tokens)
    resolved = _resolve(spans, tokens, gazetteer)
    return _Builder(text, tokens, gazetteer, resolved).build()


_RECOGNIZER_CACHE: dict[tuple[int, frozenset[str]], Recognizer] = {}


def _recognizer(gazetteer: Gazetteer, metonym_names: frozenset[str]) -> Recognizer:
    key = (id(gazetteer), metonym_names)
    recognizer = _RECOGNIZER_CACHE.get(key)
    if recognizer is None or recognizer.gazetteer is not gazetteer:
        # A recognizer holds its gazetteer: keep none of another one, or every reload after a
        # curator's edit would keep the previous few hundred MB alive.
        for stale in [k for k, r in _RECOGNIZER_CACHE.items() if r.gazetteer is not gazetteer]:
            del _RECOGNIZER_CACHE[stale]
        if len(_RECOGNIZER_CACHE) > 8:
            _RECOGNIZER_CACHE.clear()
        recognizer = _RECOGNIZER_CACHE[key] = Recognizer(gazetteer, metonym_names)
    return recognizer


# --- resolution ----------------------------------------------------------------------------

_FEATURE_BONUS = {"PPLC": 2.5, "PPLA": 1.2, "PPLA2": 0.6, "PPLA3": 0.2, "PPLA4": 0.1, "PPLG": 1.0}
_KIND_PRIOR = {
    "country": 10.0,
    "admin1": 6.5,
    "admin2": 3.0,
    "site": 3.5,
    "river": 3.0,
    "lake": 2.5,
    "sea": 3.0,
    "other": 6.0,  # disputed and special areas: Gaza, the West Bank, the Golan, Crimea
}
_CUE_KINDS = {
    "admin": {"admin1": 6.0, "admin2": 5.0},
    "site": {"site": 6.0, "populated": 0.5},
    "river": {"river": 14.0, "lake": 2.0},  # "the Jordan River" is not the country
    "city": {"populated": 3.0, "site": 1.0},
    "direction": {"country": 8.0, "admin1": 8.0, "admin2": 4.0, "other": 8.0},
}


# A populated place without a census figure (curated frontline villages, GeoNames seats of
# population 0) is a village of unknown size, not an empty one.
_UNCOUNTED = 200


def _prior(place: PlaceRecord) -> float:
    if place.kind == "populated":
        return (
            1.0
            + 0.6 * math.log10((place.population or _UNCOUNTED) + 1)
            + _FEATURE_BONUS.get(place.feature_code, 0.0)
        )
    return _KIND_PRIOR.get(place.kind, 2.0)


def _candidate_ids(span: Span) -> tuple[int, ...]:
    if span.demonym_of is not None:
        return (span.demonym_of,)
    return span.place_ids


def _resolve(spans: list[Span], tokens: list[Token], gazetteer: Gazetteer) -> list[_Resolved]:
    places = gazetteer.places
    cues = [span.cue or _direction_cue(tokens, span) for span in spans]
    base = _base_scores(spans, tokens, cues, gazetteer)
    _apply_qualifiers(spans, tokens, gazetteer, base)
    _share_evidence(cues, base)

    picks = [_best(scores) for scores in base]
    contextual: list[dict[int, float]] = base
    # The same reading weighed against the same anchors recurs (both passes, repeated names):
    # distances are remembered per (place, anchor set).
    anchor_sets: dict[tuple[tuple[float, float], ...], int] = {}
    nearest_km: dict[tuple[int, int], float] = {}
    # Mentions of one name share a group number (an index into `own_weights` below).
    group_of: dict[tuple[int, ...], int] = {}
    groups = [group_of.setdefault(_candidate_ids(span), len(group_of)) for span in spans]
    for _ in range(2):
        # A plain dict: Counter's __missing__ is a Python call on every unseen country below.
        weights: dict[str, float] = {}
        # The same name's own share of them: nine mentions of "London" are not nine witnesses
        # for England against the St. Thomas and Middlesex around them.
        own_weights: list[dict[str, float]] = [{} for _ in group_of]
        anchors: dict[int, set[int]] = {}  # point place id -> indexes of the spans picking it
        admin_picks: set[tuple[str, str]] = set()
        for i, (pid, scores) in enumerate(zip(picks, base, strict=True)):
            if pid is None:
                continue
            place = places[pid]
            code = place.country_code
            share = 1.0 if len(scores) == 1 else 0.5
            weights[code] = weights.get(code, 0) + share
            if share < 1.0:
                group = own_weights[groups[i]]
                group[code] = group.get(code, 0) + share
            if place.kind in _POINT_KINDS:
                if len(scores) <= 3:
                    anchors.setdefault(pid, set()).add(i)
            elif place.kind == "admin1":
                admin_picks.add((code, place.admin1_code))
        total = sum(weights.values())
        contextual = []
        for i, scores in enumerate(base):
            if len(scores) <= 1:
                contextual.append(scores)
                continue
            if len(scores) > _CONTEXT_CANDIDATES:
                # Context moves scores by a few points: the long tail of a common name ("San
                # José" has hundreds) cannot catch up, so only the best readings are weighed.
                # (A stable sort: equal scores keep their order, as heapq.nsmallest would.)
                scores = dict(sorted(scores.items(), key=_minus_score)[:_CONTEXT_CANDIDATES])
            group = own_weights[groups[i]]
            rest = total - sum(group.values())
            others: tuple[tuple[float, float], ...] | None = None  # built when a reading needs it
            others_key = 0
            adjusted = {}
            # Context adds at most ~8 points: readings further behind cannot win.
            floor = max(scores.values()) - 8.5
            for pid, score in scores.items():
                if score < floor:
                    adjusted[pid] = score
                    continue
                place = places[pid]
                code = place.country_code
                if rest > 0:
                    weight = weights.get(code, 0) - group.get(code, 0.0)
                    score += 4.0 * weight / rest
                kind = place.kind
                if admin_picks and kind != "admin1" and (code, place.admin1_code) in admin_picks:
                    score += 2.0
                if kind in _POINT_KINDS or kind == "river":
                    if others is None:
                        alone = {i}
                        others = tuple(
                            (places[anchor].lat, places[anchor].lon)
                            for anchor, users in anchors.items()
                            if users != alone and anchor not in scores
                        )
                        others_key = anchor_sets.setdefault(others, len(anchor_sets))
                    if others:
                        nearest = nearest_km.get((pid, others_key))
                        if nearest is None:
                            nearest = nearest_km[pid, others_key] = _nearest_km(
                                place.lat, place.lon, others
                            )
                        score += 4.0 * math.exp(-nearest / 300.0)
                adjusted[pid] = score
            contextual.append(adjusted)
        new_picks = [_best(scores) for scores in contextual]
        if new_picks == picks:
            break  # a second pass from the same picks would repeat this one exactly
        picks = new_picks
    picks = _drop_strays(spans, picks, places)
    results = []
    for span, scores, pick in zip(spans, contextual, picks, strict=True):
        # Mentions list the best five candidates (sorted in C: faster than a heap in Python).
        if len(scores) <= 1:
            ranked = list(scores.items())
        else:
            ranked = sorted(scores.items(), key=_rank_key)[:_RANKED]
        results.append(_Resolved(span, ranked, pick))
    return results


_BaseKey = tuple[int | None, tuple[int, ...], bool, frozenset[int], str, str]
_MAX_MEMO = 20_000  # entries of each _Memo dict


class _Memo:
    """What geoparsing remembers across texts for one gazetteer: names recur.

    `base`: the scores of a span before context (prior, own-name bonus, variant penalty, kind
    cue, seats), which depend only on its candidates, surface and cue; copied for each span, as
    context changes the copies. `candidates`: the Candidates of a ranked list. `home`: see below.
    """

    __slots__ = ("base", "candidates", "home")

    def __init__(self) -> None:
        self.base: dict[_BaseKey, dict[int, float]] = {}
        self.candidates: dict[tuple[tuple[int, float], ...], tuple[Candidate, ...]] = {}
        # An area's shape without its overseas parts, by place id (regions.home_parts).
        self.home: dict[int, Any] = {}


_MEMOS: weakref.WeakKeyDictionary[Gazetteer, _Memo] = weakref.WeakKeyDictionary()


def _memo(gazetteer: Gazetteer) -> _Memo:
    memo = _MEMOS.get(gazetteer)
    if memo is None:
        memo = _MEMOS[gazetteer] = _Memo()
    return memo


def _base_scores(
    spans: list[Span], tokens: list[Token], cues: list[str], gazetteer: Gazetteer
) -> list[dict[int, float]]:
    """Return each span's candidate scores before context (fresh dicts the caller may change)."""
    memo = _memo(gazetteer).base
    base: list[dict[int, float]] = []
    for span, cue in zip(spans, cues, strict=True):
        surface = " ".join([t.text for t in tokens[span.first : span.last + 1]])
        key = (span.demonym_of, span.place_ids, span.folded, span.fold_only, surface, cue)
        scores = memo.get(key)
        if scores is None:
            if len(memo) >= _MAX_MEMO:
                memo.clear()
            scores = memo[key] = _span_scores(span, _normalized_name(surface), cue, gazetteer)
        base.append(dict(scores))
    return base


# A name holding one of these words names water: "the Red Sea" is the sea, not Egypt's Red Sea
# governorate, unless a cue says otherwise ("Red Sea governorate").
_WATER_WORDS = frozenset(("sea", "gulf", "strait", "straits", "bay", "ocean", "channel"))
_WATER_BONUS = 8.0
_WATER_CUES = frozenset(("", "site", "city"))


def _span_scores(span: Span, surface: str, cue: str, gazetteer: Gazetteer) -> dict[int, float]:
    places = gazetteer.places
    cue_bonus = _CUE_KINDS.get(cue, {}) if cue else {}
    # "the Red Sea", and "the Red Sea port of Hodeidah": a port or a city names the sea it is
    # on; "Red Sea governorate" (an admin cue) is the land unit.
    water = cue in _WATER_CUES and not _WATER_WORDS.isdisjoint(surface.split())
    scores: dict[int, float] = {}
    for pid in _candidate_ids(span):
        place = places[pid]
        score = _prior(place)
        if water and place.kind == "sea":
            score += _WATER_BONUS
        if span.folded or pid in span.fold_only:
            score -= 1.5
            if place.kind == "site":
                score -= 3.0  # "Qamishli" the town before "Qamishli airport"
        elif _normalized_name(place.name) == surface:
            score += 1.5  # its own name, not one of its many alternate names
        scores[pid] = score + cue_bonus.get(place.kind, 0.0)
    _prefer_seats(scores, places)
    if cue == "admin":  # (only a span's own cue is "admin"; see _direction_cue)
        _add_region_of_seat(scores, gazetteer)
    return scores


def _add_region_of_seat(scores: dict[int, float], gazetteer: Gazetteer) -> None:
    """Read "Deir al-Zor province" as the governorate of the city Deir ez-Zor.

    The governorate's own name is often spelt differently in the gazetteer ("Dayr az Zawr");
    the city's admin-1 code still leads to it.
    """
    places = gazetteer.places
    if not scores or any(places[pid].kind in ("admin1", "admin2") for pid in scores):
        return
    for pid in sorted(scores, key=lambda p: -scores[p]):
        city = places[pid]
        if city.feature_code not in ("PPLA", "PPLC") or not city.admin1_code:
            continue
        region = gazetteer.admin1.get((city.country_code, city.admin1_code))
        if region is not None:
            # The cue decides, as it would have for the region's own name.
            scores[region] = scores[pid] + _CUE_KINDS["admin"]["admin1"]
        break


def _prefer_seats(scores: dict[int, float], places: Mapping[int, PlaceRecord]) -> None:
    """Prefer a city over the same-named region it is the seat of ("Aleppo", "Idlib"), or that
    it is the metropolis of ("New York", "Lagos": a city of a million or more).

    News names the region with a cue ("Aleppo province", "New York state"), which outweighs
    this.
    """
    regions = [pid for pid in scores if places[pid].kind == "admin1"]
    if not regions:
        return
    for pid in scores:
        place = places[pid]
        seat_like = place.feature_code in ("PPLA", "PPLC") or (
            place.kind == "populated" and place.population >= 1_000_000
        )
        if seat_like and any(
            places[r].country_code == place.country_code
            and places[r].admin1_code == place.admin1_code
            for r in regions
        ):
            scores[pid] += 1.5


_STRAY_KM = 1500.0
_STRAY_ANCHOR_KINDS = _POINT_KINDS | {"country"}
_STRAY_KINDS = frozenset(("populated", "river", "lake"))
_CONTEXT_CANDIDATES = 25
_RANKED = 5  # candidates a mention lists


def _drop_strays(
    spans: list[Span], picks: list[int | None], places: Mapping[int, PlaceRecord]
) -> list[int | None]:
    """Leave unresolved a small place far from everything else the text talks about.

    A Syrian story's "Fezzan" or "Moura" that only matches a hamlet in Italy or Portugal is
    a place the gazetteer lacks, not a trip abroad; curators get the candidates instead.
    """
    result = list(picks)
    # "Others" of a pick are the picks of the other spans that name another place: counted
    # per place and per country, and only when some pick could be a stray.
    strays = [
        (i, pid)
        for i, pid in enumerate(picks)
        if pid is not None
        # Sites are curated conflict places: a match on one is evidence enough.
        and places[pid].kind in _STRAY_KINDS
        and places[pid].population < 50_000
        and spans[i].cue not in ("admin", "city")
        and not spans[i].metonym_name
    ]
    if not strays:
        return result
    by_place: dict[int, int] = {}
    by_country: dict[str, int] = {}
    for pid in picks:
        if pid is not None:
            by_place[pid] = by_place.get(pid, 0) + 1
            code = places[pid].country_code
            by_country[code] = by_country.get(code, 0) + 1
    chosen = sum(by_place.values())
    for i, pid in strays:
        place = places[pid]
        same = by_place[pid]
        if chosen - same < 2:
            continue
        if place.country_code and by_country[place.country_code] > same:
            continue
        points = [
            places[other]
            for j, other in enumerate(picks)
            if other is not None
            and other != pid
            and j != i
            and places[other].kind in _STRAY_ANCHOR_KINDS
        ]
        if points and min(_fast_km(place, o) for o in points) > _STRAY_KM:
            result[i] = None
    return result


def _share_evidence(cues: list[str], base: list[dict[int, float]]) -> None:
    """Give every mention of the same name the best evidence any of them has (one sense per text).

    "Paris, Texas" early in a story settles the later bare "Paris". A kind cue stays local:
    "the Jordan River" does not make the next bare "Jordan" a river.
    """
    keys = [
        frozenset(scores) if len(scores) > 1 and not cue else None
        for cue, scores in zip(cues, base, strict=True)
    ]
    best: dict[frozenset[int], dict[int, float]] = {}
    repeated = False
    for key, scores in zip(keys, base, strict=True):
        if key is None:
            continue
        merged = best.get(key)
        if merged is None:
            best[key] = dict(scores)
            continue
        repeated = True
        for pid, score in scores.items():
            if score > merged[pid]:
                merged[pid] = score
    if repeated:
        for key, scores in zip(keys, base, strict=True):
            if key is not None:
                scores.update(best[key])


def _minus_score(item: tuple[int, float]) -> float:
    return -item[1]


def _rank_key(item: tuple[int, float]) -> tuple[float, int]:
    return (-item[1], item[0])


_RADIANS = math.pi / 180.0  # math.radians(x) is exactly x * _RADIANS


def _nearest_km(lat: float, lon: float, others: tuple[tuple[float, float], ...]) -> float:
    """Return min(_fast_km) from (lat, lon) to `others`, inlined: it runs for every candidate."""
    cos, hypot = math.cos, math.hypot
    best = math.inf
    for olat, olon in others:
        km = hypot(
            (olon - lon) * _RADIANS * cos((lat + olat) / 2 * _RADIANS), (olat - lat) * _RADIANS
        )
        if km < best:
            best = km
    return 6371.0 * best


def _fast_km(a: PlaceRecord, b: PlaceRecord) -> float:
    # Equirectangular distance: within a few percent of great-circle at the ranges that matter
    # here (tens to hundreds of km), and much cheaper.
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(x, y)


@lru_cache(maxsize=100_000)
def _normalized_name(name: str) -> str:
    return normalize_name(name)


def _best(scores: dict[int, float]) -> int | None:
    """Return the best-scored place id (the lowest id among equals), None for no candidates."""
    if len(scores) <= 1:
        return next(iter(scores), None)
    return max(scores.items(), key=_best_key)[0]


def _best_key(item: tuple[int, float]) -> tuple[float, int]:
    return (item[1], -item[0])


def _direction_cue(tokens: list[Token], span: Span) -> str:
    # Both readings need one of these words just before the name.
    if span.first == 0 or tokens[span.first - 1].norm not in _DIRECTION_CUE_LEADS:
        return ""
    before = [t.norm for t in tokens[max(0, span.first - 4) : span.first]]
    while before and before[-1] in ("the", "river"):
        before.pop()
    has_the = span.first > 0 and tokens[span.first - 1].norm == "the"
    if before[-2:] in (["bank", "of"], ["banks", "of"]) or (
        has_the and before[-1:] == ["of"] and len(before) > 1 and before[-2] in DIRECTION_ADJECTIVES
    ):
        # "the eastern bank of the Dnipro", "east of the Euphrates" (but "east of Jordan")
        return "river"
    j = span.first - 1
    if (
        j >= 0
        and tokens[j].norm in DIRECTION_ADJECTIVES
        and tokens[j].norm.endswith(("ern", "central"))
    ):
        return "direction"
    return ""


def _apply_qualifiers(
    spans: list[Span], tokens: list[Token], gazetteer: Gazetteer, base: list[dict[int, float]]
) -> None:
    """Boost readings that agree with an explicit qualifier: "Tripoli, Lebanon", "X in Y"."""
    places = gazetteer.places
    for i in range(len(spans) - 1):
        span, nxt = spans[i], spans[i + 1]
        if nxt.first - span.last > 3:
            continue  # only "X, Y", "X in Y", "X in the Y", "X of Y"
        between = tokens[span.last + 1 : nxt.first]
        gap = tokens[nxt.first].gap if not between else ""
        if between:
            words = [t.norm for t in between]
            if words not in (["in"], ["in", "the"], ["of"]):
                continue
        elif gap.strip() != ",":
            continue
        areas = [
            places[pid]
            for pid in base[i + 1]
            if places[pid].kind in ("country", "admin1", "admin2")
        ]
        if not areas or any(places[pid].kind == "country" for pid in base[i]):
            continue  # "Russia, Turkey and Iran" is a list, not "Paris, Texas"
        for pid in base[i]:
            place = places[pid]
            for area in areas:
                if place.id == area.id or place.country_code != area.country_code:
                    continue
                if area.kind == "country" or area.admin1_code == place.admin1_code:
                    base[i][pid] += 8.0
                    base[i + 1][area.id] += 3.0
                    break


# --- building the mentions -----------------------------------------------------------------


class _Builder:
    """Turn resolved spans into ResolvedMentions: roles, precision and relative regions."""

    def __init__(
        self, text: str, tokens: list[Token], gazetteer: Gazetteer, resolved: list[_Resolved]
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.gazetteer = gazetteer
        self.memo = _memo(gazetteer)
        self.resolved = resolved
        weights: Counter[str] = Counter()
        # Where things happen: towns and sites named literally, not capitals that speak.
        ground: Counter[str] = Counter()
        for item in resolved:
            if item.pick is not None:
                place = gazetteer.places[item.pick]
                weights[place.country_code] += 1
                if place.kind in _POINT_KINDS and not item.span.metonym_name:
                    ground[place.country_code] += 1
        self.focus = [cc for cc, _ in weights.most_common() if cc]
        self.ground_focus = [cc for cc, _ in ground.most_common() if cc]

    def build(self) -> tuple[ResolvedMention, ...]:
        mentions: list[ResolvedMention] = []
        consumed: set[int] = set()
        extra: list[ResolvedMention] = []
        places = self.gazetteer.places
        tokens = self.tokens
        for index, item in enumerate(self.resolved):
            if index in consumed:
                continue
            if item.pick is not None and places[item.pick].kind == "country":
                border = self._border(index, consumed)
                if border is not None:
                    mentions.append(border)
                    continue
            mention = self._mention(item)
            mention = self._relative(index, item, mention)
            mentions.append(mention)
            first = item.span.first
            if first > 0 and tokens[first - 1].norm == "between":
                between = self._between(index)
                if between is not None:
                    extra.append(between)
        mentions.extend(extra)
        mentions.sort(key=lambda m: (m.start, -m.end))
        return tuple(mentions)

    # -- single mentions

    def _mention(self, item: _Resolved) -> ResolvedMention:
        span = item.span
        text = self.text[span.start : span.end]
        candidates = self._candidates(item.ranked)
        dateline = self._is_dateline(span)
        role = "literal"
        if not dateline:
            if span.metonym_name and self._reads_as_actor(span):
                role = "metonym"
            elif (
                item.pick is not None
                and self.gazetteer.places[item.pick].feature_code == "PPLC"
                and self._reads_as_actor(span, strict=True)
            ):
                role = "metonym"  # "Sanaa demands", "Tripoli says": any national capital
        if item.pick is None:
            return ResolvedMention(
                span.start, span.end, text, role=role, candidates=candidates, is_dateline=dateline
            )
        place = self.gazetteer.places[item.pick]
        precision = KIND_PRECISION.get(place.kind, 5)
        if place.feature_code == "CONT":
            precision = 7  # a continent: the coarsest code, like a sea
        demonym = span.demonym_of is not None or (
            place.kind == "country" and self._used_as_adjective(span)
        )
        if demonym:
            precision = 6
        return ResolvedMention(
            span.start,
            span.end,
            text,
            role=role,
            place_id=place.id,
            precision=precision,
            lat=place.lat,
            lon=place.lon,
            candidates=candidates,
            is_dateline=dateline,
            is_demonym=demonym,
        )

    def _candidates(self, ranked: list[tuple[int, float]]) -> tuple[Candidate, ...]:
        if not ranked:
            return ()
        memo = self.memo.candidates
        key = tuple(ranked)
        candidates = memo.get(key)
        if candidates is None:
            if len(memo) >= _MAX_MEMO:
                memo.clear()
            places = self.gazetteer.places
            candidates = memo[key] = tuple(
                Candidate(pid, places[pid].name, round(score, 3)) for pid, score in ranked
            )
        return candidates

    def _used_as_adjective(self, span: Span) -> bool:
        """Return whether a country name qualifies an actor ("US forces", "US-backed")."""
        if span.last + 1 >= len(self.tokens):
            return False
        tokens = self.tokens
        if span.end < tokens[span.last].end:
            return False  # "Ukraine's military": a possessive names the country itself
        after = tokens[span.last + 1]
        if after.gap == "-":
            return after.norm in _ADJECTIVE_SUFFIXES
        if after.gap != " ":
            return False
        word = after.possessive_base or after.norm
        if word in ("and", "or") and span.last + 3 < len(tokens):
            # "US and Turkish troops", "US and British warplanes"
            other = tokens[span.last + 2]
            return other.norm in self.gazetteer.demonyms and tokens[span.last + 3].norm in (
                ACTOR_NOUNS
            )
        if after.cap:
            return word in ("central", "special", "air", "navy", "army", "marine", "marines")
        return word in ACTOR_NOUNS

    def _is_dateline(self, span: Span) -> bool:
        first = self.tokens[span.first]
        if not first.upper:
            return False
        before = self.text[: span.start]
        line_start = before.rfind("\n") + 1
        if before[line_start:].strip():
            return False
        return bool(_DATELINE_AFTER.match(self.text[span.end : span.end + 4]))

    def _reads_as_actor(self, span: Span, *, strict: bool = False) -> bool:
        """Return whether a capital or a building stands for a government here.

        `strict` is for capitals the actor lexicon does not list: only a clear verb counts.
        """
        tokens = self.tokens
        previous = tokens[span.first - 1].norm if span.first > 0 else ""
        if previous in ("pro", "anti") and tokens[span.first].gap == "-":
            return True  # "pro-Ankara factions"
        if span.last + 1 < len(tokens):
            after = tokens[span.last + 1]
            if after.gap == "-" and after.norm in _ADJECTIVE_SUFFIXES:
                return True  # "Tehran-backed militias" (but "Moscow-based analysts")
        if previous == "the" and span.first > 1:
            previous = tokens[span.first - 2].norm
        if previous in LOCATIVE_WORDS:
            return False  # "talks in Moscow", "the government in Tripoli"
        if previous in METONYM_OBJECT_OF and not strict:
            return True  # "accused Abu Dhabi of", "backed by Tehran", "a deal with Baghdad"
        surface = _normalized_name(self.text[span.start : span.end])
        if surface in _BUILDING_METONYMS:
            return True
        last = tokens[span.last]
        if last.possessive_base is not None or self.text[span.end : span.end + 2] in ("’s", "'s"):
            return not strict  # "Damascus's new rulers", "Moscow’s position"
        return self._verb_follows(span.last + 1, strict=strict)

    def _verb_follows(self, index: int, *, strict: bool, depth: int = 0) -> bool:
        tokens = self.tokens
        if index >= len(tokens):
            return False
        token = tokens[index]
        word = token.norm
        if token.gap.strip() == ",":
            # "Tehran, which agreed last month": an appositive clause about the government.
            if word in ("which", "who") and index + 1 < len(tokens):
                return self._is_verb(tokens[index + 1].norm, strict=strict)
            return False
        if token.gap.strip():
            return False
        if word.endswith("ly") or word in ("also", "now", "still", "again", "too", "then"):
            # "Amman initially said"
            return index + 1 < len(tokens) and self._is_verb(tokens[index + 1].norm, strict=strict)
        if word in ("and", "or") and depth == 0 and index + 1 < len(tokens):
            # "Moscow and Ankara agreed", "Washington and its allies"
            nxt = tokens[index + 1]
            if nxt.norm in ("its", "their"):
                return True
            end = index + 1
            while end + 1 < len(tokens) and tokens[end + 1].cap and tokens[end + 1].gap == " ":
                end += 1
            return nxt.cap and self._verb_follows(end + 1, strict=strict, depth=1)
        return self._is_verb(word, strict=strict)

    @staticmethod
    def _is_verb(word: str, *, strict: bool) -> bool:
        if word in (STRICT_METONYM_VERBS if strict else METONYM_NEXT_WORDS):
            return True
        # Past tenses ("Abu Dhabi pulled", "Kyiv continued"): capitals rarely precede one.
        return not strict and len(word) > 4 and word.endswith("ed")

    # -- relative places

    def _relative(self, index: int, item: _Resolved, mention: ResolvedMention) -> ResolvedMention:
        if mention.role == "metonym" or item.pick is None or mention.is_dateline:
            return mention
        place = self.gazetteer.places[item.pick]
        span = item.span
        if place.kind == "river":
            result = self._river_bank(span, place, mention)
            if result is not None:
                return result
        if not self._relative_cue(span):
            return mention  # none of the readings below can apply
        for builder in (self._direction, self._distance, self._countryside):
            result = builder(span, place, mention)
            if result is not None:
                return result
        if place.kind in _POINT_KINDS and self._near(span):
            return replace(mention, precision=2)
        return mention

    def _relative_cue(self, span: Span) -> bool:
        """Return whether a word that a direction, distance, countryside or "near" reading
        needs is within six words before the name or right after it."""
        tokens = self.tokens
        first = span.first
        for token in tokens[max(0, first - 6) : first]:
            if token.norm in _RELATIVE_BEFORE:
                return True
        return span.last + 1 < len(tokens) and tokens[span.last + 1].norm in _RELATIVE_AFTER

    def _words_before(self, span: Span, count: int) -> list[str]:
        first = span.first
        return [t.norm for t in self.tokens[max(0, first - count) : first]]

    def _region_mention(
        self,
        mention: ResolvedMention,
        start: int,
        end: int,
        region: Region,
        precision: int,
        anchor: int | None,
    ) -> ResolvedMention:
        return replace(
            mention,
            start=start,
            end=end,
            text=self.text[start:end],
            place_id=None,
            precision=precision,
            method="relative",
            lat=region.lat,
            lon=region.lon,
            region=region,
            anchor_place_id=anchor,
            is_demonym=False,
        )

    def _home_shape(self, place_id: int, shape: Any) -> Any:
        """Return an area without its overseas parts ("the south of France" is not French
        Guiana), worked out once per place: for Canada or Russia it takes ~0.1 s."""
        home = _memo(self.gazetteer).home
        if place_id not in home:
            home[place_id] = home_parts(shape)
        return home[place_id]

    def _region(
        self, key: str, name: str, make: Callable[[], Any], country_code: str
    ) -> Region | None:
        """Return the Region of a key, built once per gazetteer (regions repeat across texts)."""
        cache = self.gazetteer.regions
        if key not in cache:
            if len(cache) > 5_000:
                cache.clear()  # "30 km north of X" keys are unbounded; parts of countries repeat
            geometry = make()
            cache[key] = (
                region_from_geometry(key, name, geometry, country_code)
                if geometry is not None and not geometry.is_empty
                else None
            )
        return cache[key]

    def _nearest_country_for(
        self, span: Span, shape_test: Callable[[Any], bool]
    ) -> PlaceRecord | None:
        """Return the country of the closest named town that passes a test, else by focus.

        "east of the Euphrates" in a Baghdad story about Hajin means Syria: the towns named
        around the phrase say which country's side of the river is meant.
        """
        nearby = sorted(
            (
                abs(item.span.start - span.start),
                self.gazetteer.places[item.pick].country_code,
            )
            for item in self.resolved
            if item.pick is not None
            and item.span is not span
            and not item.span.metonym_name
            and self.gazetteer.places[item.pick].kind in _POINT_KINDS
        )
        for distance, country_code in nearby:
            if distance > 400:
                break
            country = self.gazetteer.country(country_code)
            shape = self.gazetteer.shape(country.id) if country is not None else None
            if shape is not None and shape_test(shape):
                return country
        return self._focus_area_for(shape_test)

    def _focus_area_for(self, shape_test: Callable[[Any], bool]) -> PlaceRecord | None:
        for cc in dict.fromkeys(self.ground_focus + self.focus):
            country = self.gazetteer.country(cc)
            shape = self.gazetteer.shape(country.id) if country is not None else None
            if shape is not None and shape_test(shape):
                return country
        return None

    def _river_bank(
        self, span: Span, place: PlaceRecord, mention: ResolvedMention
    ) -> ResolvedMention | None:
        if place.kind != "river":
            return None
        tokens = self.tokens
        direction = None
        start = span.start
        end = span.end
        before = self._words_before(span, 5)
        # "east of the Euphrates", "eastern bank of the Euphrates", "east bank of the river X"
        trimmed = before[:]
        while trimmed and trimmed[-1] in ("the", "river"):
            trimmed.pop()
        if trimmed and trimmed[-1] == "of":
            trimmed.pop()
            if trimmed and trimmed[-1] in ("bank", "banks", "side", "shore"):
                trimmed.pop()
            if trimmed and trimmed[-1] in DIRECTION_ADJECTIVES:
                direction = DIRECTION_ADJECTIVES[trimmed[-1]]
                start = tokens[span.first - (len(before) - len(trimmed)) - 1].start
        # "the eastern Euphrates River bank", "the Euphrates' east bank"
        if direction is None:
            after = [t.norm for t in tokens[span.last + 1 : span.last + 4]]
            if after and after[0] == "river":
                after = after[1:]
            lead = before[-1] if before else ""
            if lead in DIRECTION_ADJECTIVES and after[:1] in (["bank"], ["banks"], ["side"]):
                direction = DIRECTION_ADJECTIVES[lead]
                start = tokens[span.first - 1].start
                end = self._end_of_word(span.last + 1, ("bank", "banks", "side"))
            elif (
                after[:2]
                and after[0] in DIRECTION_ADJECTIVES
                and after[1:2]
                in (
                    ["bank"],
                    ["banks"],
                    ["side"],
                )
            ):
                direction = DIRECTION_ADJECTIVES[after[0]]
                end = self._end_of_word(span.last + 1, ("bank", "banks", "side"))
        if direction is None or direction == "central":
            return None
        river = self.gazetteer.shape(place.id)
        if river is None:
            return None
        country = self._nearest_country_for(span, lambda shape: shape.intersects(river))
        if country is None:
            return None
        key = f"bank:{direction}:{place.id}:{country.country_code}"
        name = f"{country.name} {direction} of the {place.name}"
        region = self._region(
            key,
            name,
            lambda: river_side(self.gazetteer.shape(country.id), river, direction),
            country.country_code,
        )
        if region is None:
            return None
        return self._region_mention(mention, start, end, region, 5, place.id)

    def _end_of_word(self, from_index: int, words: tuple[str, ...]) -> int:
        for token in self.tokens[from_index : from_index + 3]:
            if token.norm in words:
                return token.end
        return self.tokens[from_index].end

    def _direction(
        self, span: Span, place: PlaceRecord, mention: ResolvedMention
    ) -> ResolvedMention | None:
        tokens = self.tokens
        j = span.first - 1
        if j < 0:
            return None
        word = tokens[j].norm
        start = tokens[j].start
        if word == "of" and j >= 1 and tokens[j - 1].norm in DIRECTION_ADJECTIVES:
            # "the north of Syria", "north of Raqqa"
            j -= 1
            word = tokens[j].norm
            start = tokens[j].start
        if word not in DIRECTION_ADJECTIVES:
            return None
        direction = DIRECTION_ADJECTIVES[word]
        # "north-eastern", "north eastern"
        if j >= 1 and tokens[j].gap in ("-", " ") and tokens[j - 1].norm in ("north", "south"):
            combined = tokens[j - 1].norm + direction.replace("north", "").replace("south", "")
            if combined in DIRECTION_ADJECTIVES and direction in ("east", "west"):
                direction = DIRECTION_ADJECTIVES[combined]
                start = tokens[j - 1].start
        if tokens[j - 1].norm in _UNITS_KM if j >= 1 else False:
            return None  # "30 km north of X" is the distance pattern
        area_kind = place.kind in AREA_KINDS
        shape = self.gazetteer.shape(place.id) if area_kind else None
        if area_kind and shape is not None:
            key = f"part:{direction}:{place.id}"
            name = f"{direction} {place.name}"
            region = self._region(
                key,
                name,
                lambda: direction_part(self._home_shape(place.id, shape), direction),
                place.country_code,
            )
            if region is None:
                return None
            return self._region_mention(mention, start, span.end, region, 5, place.id)
        if area_kind or direction == "central":
            return None
        if place.kind in _POINT_KINDS:
            # "north of Raqqa" / "northern Aleppo" around a town: a circle off its centre, at the
            # distance such phrases usually mean in conflict reporting.
            distance = 25.0
            lat, lon = offset_point(place.lat, place.lon, distance, direction)
            region = self._region(
                f"offset:{place.id}:{direction}:{int(distance)}",
                f"{direction} of {place.name}",
                lambda: circle(lat, lon, 15.0),
                place.country_code,
            )
            if region is None:
                return None
            return self._region_mention(mention, start, span.end, region, 2, place.id)
        return None

    def _distance(
        self, span: Span, place: PlaceRecord, mention: ResolvedMention
    ) -> ResolvedMention | None:
        # "30 km north of Raqqa", "five kilometres from Manbij"
        tokens = self.tokens
        j = span.first - 1
        if j >= 0 and tokens[j].norm == "the":
            j -= 1
        if j < 2 or tokens[j].norm not in ("of", "from"):
            return None
        direction = None
        k = j - 1
        if tokens[k].norm in DIRECTION_ADJECTIVES:
            direction = DIRECTION_ADJECTIVES[tokens[k].norm]
            if k >= 1 and tokens[k].gap == "-" and tokens[k - 1].norm in ("north", "south"):
                combined = tokens[k - 1].norm + direction
                if combined in DIRECTION_ADJECTIVES:
                    direction = DIRECTION_ADJECTIVES[combined]
                    k -= 1
            k -= 1
        if k < 1 or tokens[k].norm not in _UNITS_KM:
            return None
        amount_token = tokens[k - 1]
        amount = _amount(amount_token.norm)
        if amount is None:
            return None
        km = amount * _UNITS_KM[tokens[k].norm]
        if direction is None or direction == "central":
            lat, lon, radius = place.lat, place.lon, km
            key = f"within:{place.id}:{int(km)}"
            name = f"within {int(km)} km of {place.name}"
        else:
            lat, lon = offset_point(place.lat, place.lon, km, direction)
            radius = max(3.0, km * 0.2)
            key = f"offset:{place.id}:{direction}:{int(km)}"
            name = f"{int(km)} km {direction} of {place.name}"
        region = self._region(key, name, lambda: circle(lat, lon, radius), place.country_code)
        if region is None:
            return None
        precision = 2 if km <= 50 else 5
        return self._region_mention(
            mention, amount_token.start, span.end, region, precision, place.id
        )

    def _countryside(
        self, span: Span, place: PlaceRecord, mention: ResolvedMention
    ) -> ResolvedMention | None:
        if place.kind not in _POINT_KINDS:
            return None
        tokens = self.tokens
        start, end = span.start, span.end
        after = tokens[span.last + 1] if span.last + 1 < len(tokens) else None
        before = self._words_before(span, 2)
        if after is not None and after.norm in _COUNTRYSIDE_AFTER:
            end = after.end
        elif before[-2:] == ["countryside", "of"]:
            start = tokens[span.first - 2].start
        elif before[-1:] == ["rural"]:
            start = tokens[span.first - 1].start
        else:
            return None
        region = self._region(
            f"countryside:{place.id}",
            f"{place.name} countryside",
            lambda: circle(place.lat, place.lon, 30.0),
            place.country_code,
        )
        if region is None:
            return None
        return self._region_mention(mention, start, end, region, 2, place.id)

    def _near(self, span: Span) -> bool:
        words = self._words_before(span, 6)
        for word in reversed(words):
            if word in _NEAR_WORDS:
                return True
            if word not in _NEAR_SKIP:
                return False
        return False

    # -- borders and corridors

    def _country_of(self, item: _Resolved) -> PlaceRecord | None:
        if item.pick is None:
            return None
        place = self.gazetteer.places[item.pick]
        return place if place.kind == "country" else None

    def _border(self, index: int, consumed: set[int]) -> ResolvedMention | None:
        items = self.resolved
        item = items[index]
        first_country = self._country_of(item)
        if first_country is None:
            return None
        tokens = self.tokens
        span = item.span
        # "the Syrian-Turkish border", "the Turkey–Syria border", "Iraq/Syria border"
        if index + 1 < len(items) and items[index + 1].span.first - span.last <= 2:
            nxt = items[index + 1]
            second = self._country_of(nxt)
            gap_tokens = tokens[span.last + 1 : nxt.span.first]
            joined = not gap_tokens and tokens[nxt.span.first].gap.strip() in ("-", "–", "—", "/")
            anded = [t.norm for t in gap_tokens] == ["and"]
            after = tokens[nxt.span.last + 1] if nxt.span.last + 1 < len(tokens) else None
            if (
                second is not None
                and (joined or anded)
                and after is not None
                and after.norm in _BORDER_WORDS
            ):
                consumed.add(index + 1)
                return self._border_mention(item, first_country, second, span.start, after.end)
        before = self._words_before(span, 3)
        # "the border with Turkey", "Syria's border with Iraq"
        if before[-1:] == ["with"] or before[-2:] == ["with", "the"]:
            k = span.first - (1 if before[-1] == "with" else 2) - 1
            if k >= 0 and tokens[k].norm in _BORDER_WORDS:
                other = None
                start = tokens[k].start
                if index > 0:
                    prev = items[index - 1]
                    if prev.span.last == k - 1 and self._country_of(prev) is not None:
                        other = self._country_of(prev)
                        start = prev.span.start
                if other is not None:
                    return self._border_mention(item, other, first_country, start, span.end)
                return self._border_with_focus(item, first_country, start, span.end)
        # "the Turkish border", "Syria's border" (with the focus country)
        after = tokens[span.last + 1] if span.last + 1 < len(tokens) else None
        if after is not None and after.norm in _BORDER_WORDS and after.gap.strip() in ("", "’s"):
            if span.last + 2 < len(tokens) and tokens[span.last + 2].norm in ("with", "between"):
                return None
            return self._border_with_focus(item, first_country, span.start, after.end)
        return None

    def _border_with_focus(
        self, item: _Resolved, country: PlaceRecord, start: int, end: int
    ) -> ResolvedMention | None:
        """Return the border of a country with the first focus country that touches it."""
        for cc in self.focus:
            if cc == country.country_code:
                continue
            other = self.gazetteer.country(cc)
            if other is not None:
                mention = self._border_mention(item, other, country, start, end)
                if mention is not None:
                    return mention
        return None

    def _border_mention(
        self, item: _Resolved, first: PlaceRecord, second: PlaceRecord, start: int, end: int
    ) -> ResolvedMention | None:
        a, b = self.gazetteer.shape(first.id), self.gazetteer.shape(second.id)
        if a is None or b is None:
            return None
        codes = sorted((first.country_code, second.country_code))
        region = self._region(
            f"border:{codes[0]}:{codes[1]}",
            f"{first.name}–{second.name} border",
            lambda: border_band(a, b),
            codes[0],
        )
        if region is None:
            return None
        mention = self._mention(item)
        return self._region_mention(mention, start, end, region, 5, first.id)

    def _between(self, index: int) -> ResolvedMention | None:
        items = self.resolved
        if index + 1 >= len(items):
            return None
        item, nxt = items[index], items[index + 1]
        if item.pick is None or nxt.pick is None:
            return None
        tokens = self.tokens
        if item.span.first == 0 or tokens[item.span.first - 1].norm != "between":
            return None
        gap = [t.norm for t in tokens[item.span.last + 1 : nxt.span.first]]
        if gap not in (["and"], ["and", "the"]):
            return None
        a = self.gazetteer.places[item.pick]
        b = self.gazetteer.places[nxt.pick]
        if a.kind not in _POINT_KINDS or b.kind not in _POINT_KINDS:
            return None
        region = self._region(
            f"between:{min(a.id, b.id)}:{max(a.id, b.id)}",
            f"between {a.name} and {b.name}",
            lambda: between_band(a.lat, a.lon, b.lat, b.lon),
            a.country_code if a.country_code == b.country_code else "",
        )
        if region is None:
            return None
        distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
        mention = self._mention(item)
        start = tokens[item.span.first - 1].start
        return self._region_mention(
            mention, start, nxt.span.end, region, 2 if distance <= 50 else 5, a.id
        )


def _amount(word: str) -> float | None:
    if _NUMBER.match(word):
        return float(word.replace(",", ""))
    return _NUMBER_WORDS.get(word)
