"""Recognition: find the spans of a text that name places in the gazetteer (or look like places)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import MAX_NAME_TOKENS, Gazetteer, cached_fold_token
from .lexicon import (
    ADMIN_WORDS,
    CITY_WORDS,
    COMMON_WORDS,
    DIRECTION_ADJECTIVES,
    LEADER_NAMES,
    MONTHS_AND_DAYS,
    ORGANISATION_WORDS,
    PERSON_TITLES,
    RIVER_WORDS,
    SITE_WORDS,
    TITLE_WORDS,
)
from .normalize import ARTICLES, normalize_name

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K.
    r"|[‘ʿʾ'`]?[^\W\d_]+(?:[’'ʼʿʾ‘`][^\W\d_]+)*"  # words, with inner ʿayn/hamza/apostrophes
    r"|\d+(?:[.,]\d+)?"
)
# Gaps allowed inside one name: a space or a hyphen.
_NAME_GAPS = frozenset((" ", "-", "\u00a0", "‐", "‑", " - "))
_SENTENCE_END = re.compile(r"[.!?:;\"“”\n]|^$")
_ASCII_MARKS = str.maketrans("", "", "'`")
_POSSESSIVE = ("’s", "'s", "ʼs")


class Token:
    """One word of the text with its normalised forms (computed when first needed)."""

    __slots__ = (
        "_fold",
        "_norm",
        "cap",
        "end",
        "gap",
        "index",
        "sentence_start",
        "start",
        "text",
        "upper",
    )

    def __init__(self, index: int, start: int, end: int, text: str, gap: str) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.gap = gap  # the characters between the previous token and this one
        first = next((ch for ch in text if ch.isalpha()), "")
        # Scripts without case (Arabic) count as capitalised: they are names in English text.
        self.cap = bool(first) and (first.isupper() or not first.islower())
        self.upper = len(text) > 1 and text.isupper()
        self.sentence_start = index == 0 or bool(_SENTENCE_END.search(gap))
        self._norm: str | None = None
        self._fold: str | None = None

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm = (
                self.text.lower().translate(_ASCII_MARKS)
                if self.text.isascii() and "." not in self.text
                else normalize_name(self.text)
            )
        return self._norm

    @property
    def fold(self) -> str:
        if self._fold is None:
            self._fold = "".join(cached_fold_token(part) for part in self.norm.split())
        return self._fold

    @property
    def possessive_base(self) -> str | None:
        if len(self.text) > 3 and self.text.endswith(_POSSESSIVE):
            return normalize_name(self.text[:-2])
        return None


def tokenize(text: str) -> list[Token]:
    """Return the word tokens of a text."""
    tokens: list[Token] = []
    previous_end = 0
    for index, match in enumerate(_TOKEN.finditer(text)):
        start, end = match.span()
        tokens.append(Token(index, start, end, match.group(), text[previous_end:start]))
        previous_end = end
    return tokens


@dataclass(slots=True)
class Span:
    """A recognised name: token range, character range and what the gazetteer knows about it."""

    first: int  # token indexes, inclusive
    last: int
    start: int  # character offsets
    end: int
    place_ids: tuple[int, ...] = ()
    folded: bool = False  # matched through spelling variants only
    demonym_of: int | None = None  # country place id of a demonym ("Turkish")
    metonym_name: bool = False  # in the caller's metonym list ("the Kremlin")
    cue: str = ""  # "site", "admin", "river", "city" from surrounding words
    drop: bool = False
    extra: dict = field(default_factory=dict)


def _joinable(token: Token) -> bool:
    return token.gap in _NAME_GAPS


def _name_word(token: Token) -> bool:
    # A capitalised word that can be part of a proper name (not "The", "In", "Monday").
    return (
        token.cap
        and token.norm not in COMMON_WORDS
        and token.norm not in MONTHS_AND_DAYS
        and not token.text.isdigit()
    )


class Recognizer:
    """Find name spans in a text against a gazetteer and a set of metonym names."""

    def __init__(self, gazetteer: Gazetteer, metonym_names: frozenset[str]) -> None:
        self.gazetteer = gazetteer
        self.metonyms: dict[str, int] = {}  # normalised name without "the" -> token count
        for name in metonym_names:
            norm = normalize_name(name)
            if norm.startswith("the "):
                norm = norm[4:]
            if norm:
                self.metonyms[norm] = len(norm.split())

    def find(self, text: str, tokens: list[Token]) -> list[Span]:
        """Return the name spans of the text in order, without overlaps."""
        spans: list[Span] = []
        lowercase_words = {t.text for t in tokens if not t.cap}
        count = len(tokens)
        i = 0
        while i < count:
            token = tokens[i]
            if not self._can_start(tokens, i):
                i += 1
                continue
            span = self._longest(tokens, i)
            if span is None:
                span = self._metonym(tokens, i) or self._demonym(tokens, i)
            if span is None:
                i += 1
                continue
            if not span.metonym_name and not span.demonym_of:
                self._check_common(tokens, span, lowercase_words)
            if not span.drop:
                self._check_neighbours(tokens, span)
            if not span.drop:
                self._find_cues(tokens, span)
                spans.append(span)
                i = span.last + 1
            else:
                i = token.index + 1
        spans.extend(self._cued_unknowns(tokens, spans))
        spans.sort(key=lambda s: s.start)
        return spans

    def _can_start(self, tokens: list[Token], i: int) -> bool:
        token = tokens[i]
        if token.cap:
            return True
        # "al-Tanf", "ash-Shaddadi": a lower-case article glued to a capitalised word.
        return (
            token.norm in ARTICLES
            and i + 1 < len(tokens)
            and tokens[i + 1].gap == "-"
            and tokens[i + 1].cap
        )

    def _longest(self, tokens: list[Token], i: int) -> Span | None:
        gazetteer = self.gazetteer
        first = tokens[i]
        # Which lengths can match at all: the exact index knows its first words; the folded
        # index is tried for every length since articles and variants change the first word.
        limit = min(MAX_NAME_TOKENS, len(tokens) - i)
        length = 1
        while length < limit and _joinable(tokens[i + length]):
            length += 1
        exact_possible = gazetteer.has_start(first.norm)
        for n in range(length, 0, -1):
            last = tokens[i + n - 1]
            if not last.cap:
                continue
            parts = tokens[i : i + n]
            norm = " ".join(t.norm for t in parts)
            ids: tuple[int, ...] = ()
            folded = False
            end = last.end
            if last.possessive_base is not None:
                # "Russia’s": the name without the possessive wins over a place called "Russias".
                base = " ".join([*(t.norm for t in parts[:-1]), last.possessive_base])
                ids = gazetteer.lookup(base)
                if ids:
                    end = last.end - 2
            if not ids and exact_possible and last.possessive_base is None:
                ids = gazetteer.lookup(norm)
            if not ids and (n > 1 or len(first.norm) >= 5) and last.possessive_base is None:
                key = "".join(t.fold for t in parts)
                ids = gazetteer.lookup_folded_key(key)
                folded = bool(ids)
                if not ids and last.possessive_base is not None:
                    base = "".join(
                        [
                            *(t.fold for t in parts[:-1]),
                            "".join(cached_fold_token(p) for p in last.possessive_base.split()),
                        ]
                    )
                    ids = gazetteer.lookup_folded_key(base)
                    folded = bool(ids)
                    if ids:
                        end = last.end - 2
            if ids:
                if n == 1 and first.norm in ARTICLES:
                    return None
                span = Span(i, i + n - 1, first.start, end, ids, folded)
                head = norm if not norm.startswith("the ") else norm[4:]
                span.metonym_name = head in self.metonyms
                demonym = gazetteer.demonyms.get(norm)
                if demonym is not None and n == 1:
                    # "Turkish" is both a demonym and a village name somewhere: the demonym wins.
                    span.place_ids = ()
                    span.demonym_of = demonym
                return span
        return None

    def _metonym(self, tokens: list[Token], i: int) -> Span | None:
        count = len(tokens)
        for n in range(min(4, count - i), 0, -1):
            parts = tokens[i : i + n]
            if any(not _joinable(t) for t in parts[1:]):
                continue
            norm = " ".join(t.norm for t in parts)
            if self.metonyms.get(norm) == n:
                return Span(i, i + n - 1, parts[0].start, parts[-1].end, metonym_name=True)
        return None

    def _demonym(self, tokens: list[Token], i: int) -> Span | None:
        token = tokens[i]
        demonym = self.gazetteer.demonyms.get(token.norm)
        if demonym is None and i + 1 < len(tokens) and _joinable(tokens[i + 1]):
            two = f"{token.norm} {tokens[i + 1].norm}"
            demonym = self.gazetteer.demonyms.get(two)
            if demonym is not None:
                return Span(i, i + 1, token.start, tokens[i + 1].end, demonym_of=demonym)
        if demonym is None:
            return None
        return Span(i, i, token.start, token.end, demonym_of=demonym)

    def _check_common(self, tokens: list[Token], span: Span, lowercase_words: set[str]) -> None:
        if span.first != span.last:
            return
        token = tokens[span.first]
        places = self.gazetteer.places
        big = any(
            places[pid].kind in ("country", "admin1") or places[pid].population >= 100_000
            for pid in span.place_ids
        )
        word = token.possessive_base if span.end < token.end else token.norm
        if word in LEADER_NAMES:
            span.drop = True
        elif word in COMMON_WORDS or word in MONTHS_AND_DAYS or word in ORGANISATION_WORDS:
            if token.sentence_start or token.upper or not big:
                span.drop = True
        elif token.text.lower() in lowercase_words and not big:
            # The text also uses the word in lower case: it is a word here too ("Mobile").
            span.drop = True
        elif token.upper and not big and "\n" not in token.gap and token.index > 0:
            span.drop = True  # acronyms (TASS, ISW) that are also small places; not datelines

    def _check_neighbours(self, tokens: list[Token], span: Span) -> None:
        """Drop names that are part of a person's or an organisation's name."""
        first, last = tokens[span.first], tokens[span.last]
        all_caps = first.upper
        # Look left past a glued article ("Bashar al-Assad").
        j = span.first - 1
        if j >= 0 and _joinable(tokens[j + 1]) and tokens[j].norm in ARTICLES and not tokens[j].cap:
            j -= 1
        if j >= 0 and _joinable(tokens[j + 1]):
            before = tokens[j]
            if before.norm in PERSON_TITLES and before.cap:
                span.drop = True
                return
            if (
                _name_word(before)
                and not all_caps
                and before.norm not in DIRECTION_ADJECTIVES
                and self.gazetteer.demonyms.get(before.norm) is None
            ):
                span.drop = True
                return
        k = span.last + 1
        if (
            k + 1 < len(tokens)
            and tokens[k].norm in ARTICLES
            and not tokens[k].cap
            and tokens[k + 1].gap == "-"
        ):
            k += 1  # "Bashar al-Assad": look past the glued article
        if k < len(tokens) and _joinable(tokens[k]) and span.end == last.end:
            after = tokens[k]
            if not after.cap or all_caps or not _name_word(after):
                return
            words = [t.norm for t in tokens[k : k + 3] if t.cap]
            cue_words = (SITE_WORDS, ADMIN_WORDS, RIVER_WORDS, CITY_WORDS)
            if any(w in group for w in words for group in cue_words):
                return
            country_like = span.demonym_of is not None or any(
                self.gazetteer.places[pid].kind == "country" for pid in span.place_ids
            )
            if country_like and after.norm in TITLE_WORDS:
                return
            # "Manbij Military Council", "Syrian Democratic Forces", "Washington Post".
            span.drop = True

    def _find_cues(self, tokens: list[Token], span: Span) -> None:
        count = len(tokens)
        k = span.last + 1
        if k < count and tokens[k].gap in (" ", "\u00a0"):
            word = tokens[k].norm
            if word in ADMIN_WORDS:
                span.cue = "admin"
                span.last, span.end = k, tokens[k].end
            elif word == "air" and k + 1 < count and tokens[k + 1].norm in ("base", "field"):
                span.cue = "site"
                span.last, span.end = k + 1, tokens[k + 1].end
            elif word in SITE_WORDS:
                span.cue = "site"
                span.last, span.end = k, tokens[k].end
            elif word in RIVER_WORDS:
                span.cue = "river"
                span.last, span.end = k, tokens[k].end
        j = span.first - 1
        if not span.cue and j >= 1 and tokens[j].norm == "of":
            word = tokens[j - 1].norm
            if word in CITY_WORDS:
                span.cue = "city"
            elif word in ADMIN_WORDS:
                span.cue = "admin"
        if not span.cue and j >= 0 and tokens[j].norm in RIVER_WORDS:
            span.cue = "river"

    def _cued_unknowns(self, tokens: list[Token], spans: list[Span]) -> list[Span]:
        """Return names the gazetteer lacks but the words around mark as places."""
        taken = {i for span in spans for i in range(span.first, span.last + 1)}
        found: list[Span] = []
        count = len(tokens)
        for i in range(2, count):
            token = tokens[i]
            if i in taken or not _name_word(token) or token.sentence_start:
                continue
            cue = ""
            if tokens[i - 1].norm == "of" and tokens[i - 2].norm in CITY_WORDS:
                cue = "city"
            # Extend over the name's capitalised words ("Tall Baydar air base").
            j = i
            while (
                j + 1 < count
                and j + 1 not in taken
                and _joinable(tokens[j + 1])
                and (tokens[j + 1].cap or tokens[j + 1].norm in ARTICLES)
            ):
                j += 1
            while j > i and not tokens[j].cap:
                j -= 1
            if j + 1 < count and tokens[j + 1].gap == " ":
                nxt = tokens[j + 1].norm
                if nxt in ("airbase", "crossing", "camp", "dam", "checkpoint") or (
                    nxt == "air" and j + 2 < count and tokens[j + 2].norm == "base"
                ):
                    cue = "site"
            if not cue or any(k in taken for k in range(i, j + 1)):
                continue
            if tokens[i - 1].norm in PERSON_TITLES:
                continue
            span = Span(i, j, token.start, tokens[j].end, cue=cue)
            found.append(span)
            taken.update(range(i, j + 1))
        return found
