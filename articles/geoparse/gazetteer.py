"""The in-memory gazetteer: name indexes over PlaceRecords plus their geometries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from .lexicon import COUNTRY_ALIASES, DEMONYMS, REGION_ABBREVIATIONS, RIVER_NAME_GROUPS
from .normalize import ARTICLES, fold_name, fold_token, normalize_name
from .types import PlaceRecord

MAX_NAME_TOKENS = 6
# Precision code (UCDP where_prec) of a place of each kind named literally.
KIND_PRECISION = {
    "populated": 1,
    "site": 1,
    "admin2": 3,
    "admin1": 4,
    "country": 6,
    "sea": 7,
    "river": 5,
    "lake": 2,
    "other": 5,
    "relative": 5,
}
AREA_KINDS = frozenset(("country", "admin1", "admin2", "other", "sea"))


def _script_ok(name: str) -> bool:
    # News in English names places in Latin script, sometimes Arabic, Cyrillic or Hebrew;
    # names in other scripts only cost memory.
    return all(ord(ch) < 0x0800 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in name)


def _is_code(name: str, primary: str) -> bool:
    # GeoNames alternate names include airport and postal codes ("DAM", "ALP").
    return name != primary and len(name) <= 4 and name.isupper()


class PlaceTable(dict):
    """The places of a gazetteer, stored column-wise: compact, and fast to pickle and load.

    It is a dict of the records already read (filled on first access by `__missing__`), so
    repeated look-ups run at dict speed; the columns hold every place.
    """

    _FIELDS = (
        "name", "kind", "feature_code", "country_code", "admin1_code", "population", "lat", "lon",
        "bbox",
    )  # fmt: skip

    def __init__(self, places: Iterable[PlaceRecord]) -> None:
        super().__init__()
        self._row: dict[int, int] = {}
        self._columns: dict[str, list[Any]] = {name: [] for name in self._FIELDS}
        for place in places:
            if place.id in self._row:
                continue
            self._row[place.id] = len(self._row)
            for name, column in self._columns.items():
                column.append(getattr(place, name))

    def __missing__(self, place_id: int) -> PlaceRecord:
        row = self._row[place_id]  # KeyError for an unknown id, as a dict would
        c = self._columns
        record = PlaceRecord(
            place_id, c["name"][row], c["kind"][row], c["feature_code"][row],
            c["country_code"][row], c["admin1_code"][row], c["population"][row], c["lat"][row],
            c["lon"][row], c["bbox"][row],
        )  # fmt: skip
        self[place_id] = record
        return record

    def __reduce__(self) -> tuple[Any, ...]:
        # Only the columns are pickled; records are rebuilt on demand after loading.
        return (_restore_table, (self._row, self._columns))

    def get(self, place_id: Any, default: Any = None) -> Any:
        return self[place_id] if place_id in self._row else default

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._row

    def __iter__(self) -> Iterator[int]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def keys(self) -> Any:
        return self._row.keys()

    def values(self) -> Any:
        return (self[place_id] for place_id in self._row)

    def items(self) -> Any:
        return ((place_id, self[place_id]) for place_id in self._row)


def _restore_table(row: dict[int, int], columns: dict[str, list[Any]]) -> PlaceTable:
    table = PlaceTable(())
    table._row = row
    table._columns = columns
    return table


class Gazetteer:
    """Places with exact and spelling-variant name indexes and lazily built shapes."""

    def __init__(
        self,
        places: Mapping[int, PlaceRecord],
        exact: dict[str, Any],
        folded: dict[str, Any],
        demonyms: dict[str, int],
        geometries: Mapping[int, dict],
        river_groups: dict[int, tuple[int, ...]] | None = None,
        fold_prefixes: Iterable[str] = (),
    ) -> None:
        self.places = places if isinstance(places, PlaceTable) else PlaceTable(places.values())
        self._exact = exact
        self._folded = folded
        self.demonyms = demonyms
        # Geometries are kept as WKB: an order of magnitude faster to unpickle than GeoJSON.
        self._wkb: dict[int, bytes] = {
            pid: geometry if isinstance(geometry, bytes) else _to_wkb(geometry)
            for pid, geometry in geometries.items()
            if geometry
        }
        # Places whose geometry is valid as stored (all, as built from the bundle): checked once
        # here, so drawing one later need not run the validity test on a large country again.
        self._valid: frozenset[int] = _valid_ids(self._wkb)
        # Token prefixes of multi-word names, so the matcher stops extending a span early.
        self._prefixes = {
            " ".join(parts[:k])
            for parts in (key.split(" ") for key in exact if " " in key)
            for k in range(1, len(parts))
        }
        self._fold_prefixes: set[str] = set(fold_prefixes or ())
        self._shapes: dict[int, Any] = {}
        self.regions: dict[str, Any] = {}  # derived Regions by key, memoised across texts
        # River places that are one river under several names: their lines are joined.
        self.river_groups = river_groups or {}
        self.abbreviations: dict[str, int] = {}  # "ky." -> the Kentucky admin-1 place
        self.countries: dict[str, int] = {}
        self.admin1: dict[tuple[str, str], int] = {}
        for place in self.places.values():
            if place.kind == "country" and place.country_code:
                current = self.countries.get(place.country_code)
                # Prefer the record with a polygon when a country is loaded twice.
                if current is None or (place.id in self._wkb and current not in self._wkb):
                    self.countries[place.country_code] = place.id
            elif place.kind == "admin1" and place.country_code and place.admin1_code:
                key = (place.country_code, place.admin1_code)
                current = self.admin1.get(key)
                if current is None or (place.id in self._wkb and current not in self._wkb):
                    self.admin1[key] = place.id
        for abbreviation, (country_code, name) in REGION_ABBREVIATIONS.items():
            for pid in _unpack(exact.get(name)):
                place = self.places[pid]
                if place.kind == "admin1" and place.country_code == country_code:
                    self.abbreviations[abbreviation] = pid
                    break

    @classmethod
    def build(
        cls,
        places: Iterable[PlaceRecord],
        names: Iterable[tuple[int, str]],
        geometries: Mapping[int, dict],
    ) -> Gazetteer:
        """Return a gazetteer indexing every place by its name and its alternate names.

        `geometries` values are GeoJSON geometries (or their WKB bytes, which the database
        loader passes to save memory).
        """
        table = PlaceTable(places)
        exact: dict[str, Any] = {}
        folded: dict[str, Any] = {}
        fold_prefixes: set[str] = set()
        names_column = table._columns["name"]
        kinds_column = table._columns["kind"]
        countries_column = table._columns["country_code"]

        def add(place_id: int, name: str) -> None:
            norm = normalize_name(name)
            if len(norm) < 2 or norm in ARTICLES or len(norm.split()) > MAX_NAME_TOKENS:
                return
            _add_to(exact, norm, place_id)
            row = table._row[place_id]
            if countries_column[row] not in TRANSLITERATED and kinds_column[row] != "country":
                return  # no spelling variants: "Berrey" is a person, not Berea in Lesotho
            parts = [cached_fold_token(token) for token in norm.split()]
            key = "".join(parts) or norm.replace(" ", "")
            if len(key) >= 4 and key not in _GENERIC_KEYS:
                _add_to(folded, key, place_id)
                for k in range(1, len(parts)):
                    fold_prefixes.add("".join(parts[:k]))

        for place_id, row in table._row.items():
            add(place_id, names_column[row])
            if kinds_column[row] == "site":
                _add_site_core(folded, place_id, names_column[row])
        for place_id, name in names:
            row = table._row.get(place_id)
            if row is None or not name or len(name) > 80 or not _script_ok(name):
                continue
            if _is_code(name, names_column[row]) and kinds_column[row] != "country":
                continue
            add(place_id, name)
            if kinds_column[row] == "site":
                _add_site_core(folded, place_id, name)
        river_groups = _river_groups(table, exact)
        demonyms: dict[str, int] = {}
        for place_id, row in table._row.items():
            if kinds_column[row] != "country":
                continue
            country_code = table._columns["country_code"][row]
            for alias in COUNTRY_ALIASES.get(country_code, ()):
                _add_to(exact, alias, place_id)
            for demonym in DEMONYMS.get(country_code, ()):
                demonyms[demonym] = place_id
        # Frozen in place: a frozen copy of each index would double its memory at the peak.
        for index in (exact, folded):
            for key, ids in index.items():
                if not isinstance(ids, int):
                    index[key] = _freeze(ids)
        return cls(
            table,
            exact,
            folded,
            demonyms,
            geometries,
            river_groups,
            fold_prefixes,
        )

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Gazetteer:
        """Return a gazetteer from the parts `__getstate__` gave (the cache stores them apart)."""
        gazetteer = cls.__new__(cls)
        gazetteer.__dict__.update(state)
        return gazetteer

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_shapes"] = {}  # shapely objects are rebuilt on demand
        state["regions"] = {}
        return state

    def __len__(self) -> int:
        return len(self.places)

    def is_prefix(self, normalized: str) -> bool:
        """Return whether some multi-word name starts with these normalised words."""
        return normalized in self._prefixes

    def is_fold_prefix(self, key: str) -> bool:
        """Return whether some spelling-variant key starts with these folded words."""
        return key in self._fold_prefixes

    def lookup(self, normalized: str) -> tuple[int, ...]:
        """Return the ids of places with exactly this normalised name."""
        return _unpack(self._exact.get(normalized))

    def lookup_folded(self, normalized: str) -> tuple[int, ...]:
        """Return the ids of places whose name is a spelling variant of this normalised name."""
        key = fold_name(normalized)
        if len(key) < 4:
            return ()
        return _unpack(self._folded.get(key))

    def lookup_folded_key(self, key: str) -> tuple[int, ...]:
        """Return the ids of places under a precomputed spelling-variant key."""
        return _unpack(self._folded.get(key)) if len(key) >= 4 else ()

    def country(self, country_code: str) -> PlaceRecord | None:
        """Return the country place of an ISO code, if loaded."""
        place_id = self.countries.get(country_code)
        return self.places[place_id] if place_id is not None else None

    def shape(self, place_id: int) -> Any:
        """Return the shapely geometry of a place, or None when it has none."""
        if place_id in self._shapes:
            return self._shapes[place_id]
        data = self._wkb.get(place_id)
        result = None
        if data:
            import shapely
            from shapely.ops import unary_union

            result = shapely.from_wkb(data)
            if place_id not in self._valid and not result.is_valid:
                result = result.buffer(0)
            group = self.river_groups.get(place_id)
            if group:
                parts = [shapely.from_wkb(self._wkb[pid]) for pid in group if pid in self._wkb]
                result = unary_union(parts)
        self._shapes[place_id] = result
        return result


def _river_groups(
    places: Mapping[int, PlaceRecord], exact: dict[str, Any]
) -> dict[int, tuple[int, ...]]:
    """Index every name of a river group to all its river places and return the groups."""
    groups: dict[int, tuple[int, ...]] = {}
    for names in RIVER_NAME_GROUPS:
        members = sorted(
            {
                pid
                for name in names
                for pid in _as_tuple(exact.get(name))
                if places[pid].kind == "river"
            }
        )
        if not members:
            continue
        for name in names:
            for pid in members:
                _add_to(exact, name, pid)
        for pid in members:
            groups[pid] = tuple(members)
    return groups


def _valid_ids(wkb: Mapping[int, bytes]) -> frozenset[int]:
    if not wkb:
        return frozenset()
    import shapely

    ids = list(wkb)
    valid = shapely.is_valid(shapely.from_wkb([wkb[pid] for pid in ids]))
    return frozenset(pid for pid, ok in zip(ids, valid, strict=True) if ok)


def _to_wkb(geometry: dict[str, Any]) -> bytes:
    from shapely import to_wkb
    from shapely.geometry import shape

    return to_wkb(shape(geometry))


# Where English news spells place names by transliterating them (Arabic, Persian, Hebrew,
# Cyrillic, Georgian and Armenian scripts; Turkic, Sahel and Horn of Africa names written in
# French or English fashion; South and East Asia): places there are also indexed under their
# spelling-variant keys. Elsewhere names are written as the country writes them and only
# exact names match, so people's names ("Lavallee", "Lattin") do not become Laval or Latina.
# Countries (everywhere) and places of no country (seas) keep their variant keys.
TRANSLITERATED = frozenset(
    {
        # Arabic
        "AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM",
        "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE", "DJ",
        # Persian, Pashto, Urdu, Hebrew
        "IR", "AF", "PK", "TJ", "IL",
        # Cyrillic, Greek, the Caucasus, Turkic
        "UA", "RU", "BY", "BG", "RS", "MK", "ME", "BA", "KZ", "KG", "MN", "UZ", "TM", "AZ",
        "GE", "AM", "TR", "CY", "GR", "MD",
        # the Sahel, the Horn, the Great Lakes
        "ML", "NE", "BF", "TD", "NG", "CM", "CF", "SS", "ET", "ER", "SN", "GN", "GM", "KE",
        "UG", "CD",
        # South and East Asia
        "IN", "BD", "LK", "NP", "MM", "TH", "KH", "LA", "VN", "CN", "TW", "KP", "KR", "JP",
        "MY", "ID", "PH", "BT", "MV",
        "",  # no country: seas, gulfs and shared regions
    }
)  # fmt: skip


# Spelling-variant keys that are a bare designator once an article is dropped: Norway's "Ås
# District" must not make every "District" a place.
_GENERIC_KEYS = frozenset(
    fold_name(word)
    for word in (
        "district", "county", "province", "governorate", "region", "raion", "rayon", "oblast",
        "municipality", "state", "city", "village", "camp", "island", "islands", "mountain",
        "mountains", "valley", "river", "lake", "sea", "gulf", "bay", "desert", "airport",
    )
)  # fmt: skip


# What curated site names add to a place name: "Nasib border crossing" is also "Nasib".
_SITE_SUFFIXES = (
    " border crossing", " crossing", " air base", " airbase", " military base", " base",
    " oil field", " gas field", " oilfield", " field", " dam", " refugee camp", " camp",
    " oil terminal", " gas terminal", " terminal", " airport", " checkpoint", " port",
)  # fmt: skip


def _add_site_core(folded: dict[str, Any], place_id: int, name: str) -> None:
    # Only among the spelling variants, so a town of the same name still comes first
    # ("Qamishli" the town, not "Qamishli airport"; "Tabqa", not the Tabqa dam).
    norm = normalize_name(name)
    for suffix in _SITE_SUFFIXES:
        if norm.endswith(suffix):
            core = norm[: -len(suffix)].strip()
            if len(core) >= 4 and core not in ARTICLES and core.split()[-1] not in ARTICLES:
                key = fold_name(core)
                if len(key) >= 4:
                    _add_to(folded, key, place_id)
            return


def _add_to(index: dict[str, Any], key: str, place_id: int) -> None:
    # Most names belong to one place: a bare int, and a list only for shared names, keep the
    # build within a few hundred MB (sets per key would double it).
    current = index.get(key)
    if current is None:
        index[key] = place_id
    elif isinstance(current, int):
        if current != place_id:
            index[key] = [current, place_id]
    elif place_id not in current:
        current.append(place_id)


def _as_tuple(value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else tuple(value)


def _freeze(value: int | list[int]) -> int | tuple[int, ...]:
    return value if isinstance(value, int) else tuple(sorted(value))


def _unpack(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


@lru_cache(maxsize=200_000)
def cached_fold_token(token: str) -> str:
    """Return `fold_token` of a token, memoised because text repeats words."""
    return fold_token(token)
