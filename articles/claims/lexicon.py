"""The actor lexicon: every surface form that names an armed actor, compiled into one regex."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from articles.claims.scan import finditer_from, trie_pattern, word_finders
from articles.claims.types import ActorEntry, ActorMention

BUNDLED_ACTORS = Path(__file__).resolve().parent.parent / "data" / "actors.json"

# A one-word demonym ("Turkish", "US") names the actor only in front of one of these nouns:
# "Turkish troops" is an actor, "Turkish journalist" is not.
FORCE_NOUNS = (
    "forces", "force", "troops", "troop", "soldiers", "soldier", "military", "army",
    "armed forces", "air force", "navy", "marines", "special forces", "military police",
    "warplanes", "warplane", "jets", "jet", "fighter jets", "aircraft", "drones", "drone",
    "helicopters", "artillery", "personnel", "contingent", "servicemen", "service members",
    "military advisers", "military advisors", "advisers", "commandos", "paratroopers", "tanks",
    "warships", "naval forces", "units", "battalion", "battalions", "brigade", "brigades",
    "convoy", "convoys", "patrols", "patrol", "militaries", "air defences",
    "air defenses", "gunboats", "bombers", "mercenaries", "fighters", "missiles", "missile",
    "rockets", "shells", "gunners", "bombs", "glide bombs", "air power", "airpower", "aviation",
    "trucks", "vehicles", "armoured vehicles", "armored vehicles", "infantry", "ground forces",
    "snipers", "planes", "instructors", "military instructors", "trainers",
    "group of forces", "grouping", "frigates", "submarines", "navy ships", "ships", "gunmen",
    "militiamen",
)  # fmt: skip

_FORM_RANK = {"name": 0, "alias": 1, "demonym": 2, "metonym": 3}


@dataclass(frozen=True, slots=True)
class _Form:
    actor: str
    form: str


def _variants(form: str) -> set[str]:
    """Return the spellings of `form` worth matching: as written and with a capital first letter."""
    out = {form}
    if form[:1].islower():
        out.add(form[0].upper() + form[1:])
    if form.startswith("The "):
        out.add("the " + form[4:])
    if "'" in form:
        out |= {v.replace("'", "’") for v in list(out)}
    return out


class ActorLexicon:
    """Every actor with its names, aliases, demonym phrases and metonyms, ready to match."""

    def __init__(self, entries: tuple[ActorEntry, ...], forms: dict[str, _Form]) -> None:
        self.entries = entries
        self._by_name = {entry.name: entry for entry in entries}
        self._forms = forms
        self._metonyms = frozenset(
            text for entry in entries for m in entry.metonyms for text in _variants(m)
        )
        self._metonym_actor = {
            key: entry.name
            for entry in entries
            for m in entry.metonyms
            for key in {m.casefold(), m.casefold().removeprefix("the ")}
        }
        # One-word demonyms ("Turkish", "US") for phrases the fixed forms miss: "Iraqi F-16
        # jets", "Russian glide bombs", and the modifier of a nominal trigger ("Turkish air
        # strikes", "a US drone strike").
        self._adjectives: dict[str, str] = {}
        for entry in entries:
            for demonym in entry.demonyms:
                if " " not in demonym.strip():
                    self._adjectives.setdefault(demonym.strip(), entry.name)
        nouns = trie_pattern({n for noun in FORCE_NOUNS for n in (noun, noun.title())})
        self._adjective_regex = re.compile(
            r"\b(" + (trie_pattern(self._adjectives) or r"(?!x)x") + r")\s+"
            r"(?:(?:[\"“]?[A-Z0-9][\w\-]*[\"”]?|cargo|transport|attack|combat|reconnaissance|surveillance|"
            r"special|elite|heavy|armou?red|fighter|glide|ballistic|cruise|ground|assault|"
            r"tactical|strategic|and|or)\s+){1,4}(?:" + nouns + r")(?!\w)"
        )
        adjectives = trie_pattern(self._adjectives) or r"(?!x)x"
        self._coordinated_adjective = re.compile(
            r"\b(?:"
            + adjectives
            + r")(?=\s*(?:,|and|or)\s+(?:"
            + adjectives
            + r")\s+(?:"
            + nouns
            + r")\b)"
        )
        pattern = trie_pattern(sorted(forms, key=len, reverse=True)) if forms else r"(?!x)x"
        # Word edges on both sides; a hyphen may follow ("US-backed") but not precede.
        # "\b" rather than a look-behind keeps the scan fast; a match right after a hyphen
        # ("pro-Assad forces") is dropped in find_mentions.
        self._regex = re.compile(r"\b(?:" + pattern + r")(?!\w)")
        # Capitalised demonyms anywhere (see has_capitalised_demonym).
        capitalised = [word for word in self._adjectives if "A" <= word[0] <= "Z"]
        self._capitalised_demonym = re.compile(trie_pattern(capitalised) or r"(?!x)x")
        # Faster scans that find where these patterns can start (articles.claims.scan).
        self._finders = word_finders(forms)
        self._adjective_finders = word_finders(self._adjectives)

    @classmethod
    def build(cls, actors: Iterable[ActorEntry]) -> ActorLexicon:
        """Return a lexicon over `actors`; on a form two actors share, the earlier actor wins."""
        entries = tuple(actors)
        forms: dict[str, _Form] = {}

        def add(text: str, actor: str, form: str) -> None:
            text = " ".join(text.split())
            if not text:
                return
            for variant in _variants(text):
                known = forms.get(variant)
                if known is None or (
                    known.actor == actor and _FORM_RANK[form] < _FORM_RANK[known.form]
                ):
                    forms[variant] = _Form(actor, form)

        for entry in entries:
            add(entry.name, entry.name, "name")
            for alias in entry.aliases:
                add(alias, entry.name, "alias")
            for metonym in entry.metonyms:
                add(metonym, entry.name, "metonym")
        # Demonyms go last so an alias of another actor ("Syrian Democratic Forces") keeps its
        # meaning over a generated phrase ("Syrian forces" is not a prefix of it, but "Kurdish
        # forces" could be claimed by two entries).
        for entry in entries:
            for demonym in entry.demonyms:
                if " " in demonym.strip():
                    add(demonym, entry.name, "demonym")
                else:
                    for noun in FORCE_NOUNS:
                        add(f"{demonym} {noun}", entry.name, "demonym")
                        add(f"{demonym} {noun.title()}", entry.name, "demonym")
                        add(f"{demonym}-led {noun}", entry.name, "demonym")
        return cls(entries, forms)

    def metonym_names(self) -> frozenset[str]:
        """Return the surface forms that stand for an actor ("Washington", "the Kremlin")."""
        return self._metonyms

    def actor_for_metonym(self, text: str) -> str | None:
        """Return the actor a metonym such as "the Kremlin" stands for, if it is one."""
        key = " ".join(text.split()).casefold()
        return self._metonym_actor.get(key) or self._metonym_actor.get(key.removeprefix("the "))

    def get(self, name: str) -> ActorEntry | None:
        """Return the actor called `name`, if the lexicon has it."""
        return self._by_name.get(name)

    def kind_of(self, name: str) -> str:
        """Return the ActorKind value of the actor called `name` ("" if unknown)."""
        entry = self._by_name.get(name)
        return entry.kind if entry else ""

    def find_mentions(self, text: str) -> list[ActorMention]:
        """Return every actor mention in `text`, leftmost-longest, in order."""
        forms = self._forms
        out: list[ActorMention] = []
        for match in finditer_from(self._regex, self._finders, text):
            if match.start() and text[match.start() - 1] == "-":
                continue
            surface = match.group()
            found = forms.get(surface) or forms.get(" ".join(surface.split()))
            if found is None:
                continue
            out.append(ActorMention(match.start(), match.end(), surface, found.actor, found.form))
        return out

    def actor_for_adjective(self, word: str) -> str | None:
        """Return the actor a one-word demonym ("Turkish", "US") stands for, if any."""
        return self._adjectives.get(word)

    def has_capitalised_demonym(self, text: str) -> bool:
        """Return whether a one-word demonym with a capital ("Turkish", "US") occurs anywhere
        in `text`, even inside a word: where none does, only the text's actor mentions can
        name an actor."""
        return self._capitalised_demonym.search(text) is not None

    def find_modified_mentions(self, text: str) -> list[ActorMention]:
        """Return mentions like "Iraqi F-16 jets" (a demonym, a model name, a force noun) and
        the first adjective of "Russian and Turkish troops"."""
        found = [
            ActorMention(m.start(), m.end(), m.group(), self._adjectives[m.group(1)], "demonym")
            for m in finditer_from(self._adjective_regex, self._adjective_finders, text)
            if not (m.start() and text[m.start() - 1] == "-")
        ]
        found += [
            ActorMention(m.start(), m.end(), m.group(), self._adjectives[m.group()], "demonym")
            for m in finditer_from(self._coordinated_adjective, self._adjective_finders, text)
        ]
        return sorted(found, key=lambda m: m.start)

    def __len__(self) -> int:
        return len(self.entries)


def entries_from_json(rows: Iterable[dict]) -> list[ActorEntry]:
    """Return ActorEntry values for the dicts of actors.json (or Actor rows as dicts)."""
    return [
        ActorEntry(
            name=row["name"],
            kind=row.get("kind", "other"),
            country_code=row.get("country_code", "") or "",
            aliases=tuple(row.get("aliases") or ()),
            demonyms=tuple(row.get("demonyms") or ()),
            metonyms=tuple(row.get("metonyms") or ()),
            colour=row.get("colour", "") or "",
        )
        for row in rows
    ]


def read_bundled_actors(path: Path = BUNDLED_ACTORS) -> list[ActorEntry]:
    """Return the actors of the bundled actors.json."""
    with path.open(encoding="utf-8") as fh:
        return entries_from_json(json.load(fh))


@lru_cache(maxsize=1)
def load_bundled_lexicon() -> ActorLexicon:
    """Return the lexicon of the bundled actors.json (no database needed)."""
    return ActorLexicon.build(read_bundled_actors())
