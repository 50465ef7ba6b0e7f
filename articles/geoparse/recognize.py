"""Recognition: find the spans of a text that name places in the gazetteer (or look like places)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .gazetteer import MAX_NAME_TOKENS, Gazetteer, cached_fold_token
from .lexicon import (
    ADMIN_WORDS,
    ARMED_GROUP_WORDS,
    CITY_WORDS,
    COMMON_WORDS,
    DIRECTION_ADJECTIVES,
    LEADER_NAMES,
    MACRO_REGIONS,
    MONTHS_AND_DAYS,
    ORGANISATION_WORDS,
    PERSON_TITLES,
    RIVER_WORDS,
    SEATS_OF_GOVERNMENT,
    SITE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from .normalize import ARTICLES, normalize_name

# A token is "U.S."-style initials, a number ("1,000", "3.5") or a word, with inner ʿayn, hamza
# and apostrophes ("Raʾs", "‘Ayn", "T4"). Each branch starts on a different kind of character
# and its repeats are possessive, so the engine rejects a gap without backtracking: the same
# tokens as the plainer pattern in tests/test_geoparse_tokenize.py, about a quarter faster.
# One group: re.split then returns the gaps and the tokens in turn.
_TOKEN_SPLIT = re.compile(
    r"""(
        [^\W_\d]                              # a letter starts a word...
        (?: (?<=[A-Z]) \. (?:[A-Z]\.)+         # ...or initials: U.S., U.K.
          | [^\W_]*+ (?:[’'ʼʿʾ‘`][^\W_]++)*+ )
      | \d++ (?:[.,]\d+)? (?![^\W_])          # a number
      | \d [^\W_]*+ (?:[’'ʼʿʾ‘`][^\W_]++)*+     # a word that starts with a digit ("4x")
      | [‘ʿʾ'`] [^\W_]++ (?:[’'ʼʿʾ‘`][^\W_]++)*+ # a word after a mark ("‘Ayn")
    )""",
    re.VERBOSE,
)
# Gaps allowed inside one name: a space or a hyphen.
_NAME_GAPS = frozenset((" ", "-", "\u00a0", "‐", "‑", " - "))
_SENTENCE_END = re.compile(r"[.!?:;\"“”\n]|^$")
_ASCII_MARKS = str.maketrans("", "", "'`")
# Lower-case words that can end a name after a capitalised one: "Conoco gas field".
GENERIC_PLACE_WORDS = (
    SITE_WORDS
    | ADMIN_WORDS
    | RIVER_WORDS
    | frozenset(
        ("corridor", "terminal", "strip", "valley", "plain", "island", "islands", "gap", "pass",
         "oasis", "lake", "sea", "gulf", "bay", "hills", "heights", "mountains", "desert")
    )
)  # fmt: skip
# Capitalised words before a place name that keep it a place ("Greater Toronto Area").
_AREA_PREFIXES = frozenset(
    ("greater", "upper", "lower", "metro", "metropolitan", "downtown", "inner", "outer", "old")
)
_WATER_WORDS = frozenset(("gulf", "strait", "straits", "sea", "bay"))
_NEAR_CUES = frozenset(("near", "around", "towards", "toward", "outside", "nearby"))
_AREA_KINDS = frozenset(("country", "admin1", "other", "sea", "continent", "region"))
_ABBREVIATED_WORDS = frozenset(("st", "mt", "ft", "pt"))  # "St. Louis", "Mt. Hermon"
_POSSESSIVE = ("’s", "'s", "ʼs")
# Keys and values of the memo of Recognizer._longest: the end of the text, "no name here", and
# a name as (tokens, end offset from its last token's end, ids, folded, fold_only,
# metonym_name, demonym_of).
_END = object()
_NO_SPAN = object()
_LongestResult = tuple[int, int, tuple[int, ...], bool, frozenset[int], bool, int | None]


class Token:
    """One word of the text with its normalised forms (shared by every token of the same word)."""

    __slots__ = (
        "_sentence_start",
        "cap",
        "end",
        "gap",
        "index",
        "norm",
        "start",
        "text",
        "upper",
        "word",
    )

    def __init__(self, index: int, start: int, end: int, word: _Word, gap: str) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = word.text
        self.gap = gap  # the characters between the previous token and this one
        self.word = word
        self.cap = word.cap
        self.upper = word.upper
        self.norm = word.norm
        self._sentence_start: bool | None = None

    @property
    def sentence_start(self) -> bool:
        if self._sentence_start is None:
            self._sentence_start = self.index == 0 or bool(_SENTENCE_END.search(self.gap))
        return self._sentence_start

    @property
    def fold(self) -> str:
        return self.word.fold

    @property
    def possessive_base(self) -> str | None:
        return self.word.possessive_base


class _Word:
    """What a word's text alone decides: case, normalised and folded forms, possessive base.

    Text repeats words, so these are computed once per distinct word and shared by its tokens.
    """

    __slots__ = ("_fold", "cap", "name_word", "norm", "possessive_base", "text", "upper")

    def __init__(self, text: str) -> None:
        self.text = text
        first = text[0]
        if first.islower():
            self.cap = self.upper = False
        else:
            if not first.isalpha():
                first = text[1:2]
            # Scripts without case (Arabic) count as capitalised: names in English text.
            self.cap = first.isupper() or (first.isalpha() and not first.islower())
            self.upper = self.cap and len(text) > 1 and text.isupper()
        self.norm = (
            text.lower().translate(_ASCII_MARKS)
            if text.isascii() and "." not in text
            else _normalized(text)
        )
        self._fold: str | None = None
        self.possessive_base = (
            _normalized(text[:-2]) if len(text) > 3 and text.endswith(_POSSESSIVE) else None
        )
        # A capitalised word that can be part of a proper name (not "The", "In", "Monday").
        self.name_word = (
            self.cap
            and self.norm not in COMMON_WORDS
            and self.norm not in MONTHS_AND_DAYS
            and not text.isdigit()
        )

    @property
    def fold(self) -> str:
        """The spelling-variant key (only the name search reads it: built on first use)."""
        if self._fold is None:
            self._fold = "".join(cached_fold_token(part) for part in self.norm.split())
        return self._fold


_WORDS: dict[str, _Word] = {}
# Bounds the memo: a stream of articles with ever new words must not grow it without end.
_MAX_WORDS = 200_000
_MAX_LONGEST = 100_000  # nodes of the Recognizer._longest memo


def _word(text: str) -> _Word:
    word = _WORDS.get(text)
    if word is None:
        if len(_WORDS) >= _MAX_WORDS:
            _WORDS.clear()
        word = _WORDS[text] = _Word(text)
    return word


@lru_cache(maxsize=50_000)
def _normalized(text: str) -> str:
    return normalize_name(text)


def tokenize(text: str) -> list[Token]:
    """Return the word tokens of a text."""
    # One split returns gaps and words alternately (no match objects); offsets follow from
    # their lengths.
    parts = _TOKEN_SPLIT.split(text)
    tokens: list[Token] = []
    append = tokens.append
    known = _WORDS.get
    end = 0
    # (The last gap, the text after the last word, has no word: zip drops it.)
    for index, (gap, word) in enumerate(zip(parts[0::2], parts[1::2], strict=False)):
        start = end + len(gap)
        end = start + len(word)
        append(Token(index, start, end, known(word) or _word(word), gap))
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
    fold_only: frozenset[int] = frozenset()  # candidates found through spelling variants only


def _joinable(token: Token) -> bool:
    return token.gap in _NAME_GAPS


def _name_word(token: Token) -> bool:
    # A capitalised word that can be part of a proper name (not "The", "In", "Monday").
    return token.word.name_word


class _LowercaseWords:
    """The words a text uses in lower case, collected when first asked about."""

    __slots__ = ("_tokens", "_words")

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = {t.text for t in self._tokens if not t.cap}
        return word in self._words


class Recognizer:
    """Find name spans in a text against a gazetteer and a set of metonym names."""

    def __init__(self, gazetteer: Gazetteer, metonym_names: frozenset[str]) -> None:
        self.gazetteer = gazetteer
        self._sizes: dict[tuple[int, ...], tuple[frozenset[str], bool]] = {}
        # What _longest found at each sequence of words (a trie, see there). The gazetteer is
        # immutable, so answers hold for its lifetime; the trie is bounded by _MAX_LONGEST.
        self._longest_memo: dict[str, Any] = {}
        self._longest_entries = 0
        # Capitalised words at which nothing at all starts (no name, metonym, demonym, water
        # body or abbreviation), whatever follows: skipped at once.
        self._dead_words: set[str] = set()
        # The words before a space in a demonym ("north" of "north korean"), which can start a
        # two-word demonym.
        self._demonym_heads = {
            name[:k] for name in gazetteer.demonyms for k, ch in enumerate(name) if ch == " "
        }
        # "ky" for "Ky.": the gazetteer's region abbreviations all end with a period.
        self._abbreviated = {key.removesuffix(".") for key in gazetteer.abbreviations}
        self.metonyms: dict[str, int] = {}  # normalised name without "the" -> token count
        for name in metonym_names:
            norm = normalize_name(name)
            if norm.startswith("the "):
                norm = norm[4:]
            if norm:
                self.metonyms[norm] = len(norm.split())
        self._metonym_starts = {name.split()[0] for name in self.metonyms}

    def find(self, text: str, tokens: list[Token]) -> list[Span]:
        """Return the name spans of the text in order, without overlaps."""
        spans: list[Span] = []
        lowercase_words = _LowercaseWords(tokens)
        # Words seen as part of a person's name ("Mike Walsh"): later bare uses are the person.
        person_words: set[str] = set()
        dead_words = self._dead_words
        abbreviated = self._abbreviated
        # The capitalised tokens this loop looks at: every one outside the names it keeps, so
        # the search for cued unknown names need not walk the whole text again.
        looked_at: list[int] = []
        following = 0  # the first token after the last name kept
        # Names start at capitalised words, or at an article glued to one ("al-Tanf").
        for token in [t for t in tokens if t.cap or t.text in ARTICLES]:
            i = token.index
            if i < following:
                continue
            if not token.cap:
                if not self._can_start(tokens, i):
                    continue
            else:
                looked_at.append(i)
                if token.text in dead_words:
                    continue
            if len(token.text) <= 6 and token.text.lower().removesuffix(".") in abbreviated:
                span = self._abbreviation(text, token)
                if span is not None:
                    spans.append(span)
                    following = i + 1
                    continue
            span = (
                self._water_body(tokens, i) if token.norm in _WATER_WORDS else None
            ) or self._longest(tokens, i)
            if span is None:
                span = self._metonym(tokens, i) or self._demonym(tokens, i)
            if span is None:
                if token.cap and self._starts_nothing(token):
                    if len(dead_words) > _MAX_WORDS:
                        dead_words.clear()
                    dead_words.add(token.text)
                continue
            if not span.metonym_name and not span.demonym_of:
                self._check_common(tokens, span, lowercase_words)
            if not span.drop:
                self._check_neighbours(tokens, span, person_words)
            if not span.drop:
                self._find_cues(tokens, span)
                spans.append(span)
                following = span.last + 1
        if person_words:
            spans = [s for s in spans if not self._is_person_word(tokens, s, person_words)]
        spans.extend(self._cued_unknowns(tokens, spans, looked_at))
        spans.sort(key=lambda s: s.start)
        return spans

    def _starts_nothing(self, token: Token) -> bool:
        """Return whether no name can start at a capitalised word, whatever follows it.

        Called once a word matched nothing here; true when that was decided by the word alone.
        """
        norm = token.norm
        key = token.text.lower()
        abbreviations = self.gazetteer.abbreviations
        demonyms = self.gazetteer.demonyms
        return (
            self._longest_memo.get(token.text) is _NO_SPAN
            and norm not in _WATER_WORDS
            and norm not in self._metonym_starts
            and norm not in demonyms
            and not (len(token.text) <= 6 and (key in abbreviations or f"{key}." in abbreviations))
            and norm not in self._demonym_heads
        )

    def _is_person_word(self, tokens: list[Token], span: Span, person_words: set[str]) -> bool:
        if span.first != span.last or span.demonym_of is not None or span.cue:
            return False
        token = tokens[span.first]
        word = token.possessive_base or token.norm
        if word not in person_words:
            return False
        return not any(self.gazetteer.places[pid].kind == "country" for pid in span.place_ids)

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
        """Return the longest gazetteer name starting at token i (exact before variant keys).

        The answer depends only on the words (and the gaps between them) the search reads, so
        it is remembered in a trie over those: the first word, then each next (gap, word), or
        the gap alone where the gap ends the name, or _END at the end of the text.
        """
        node = self._longest_memo.get(tokens[i].text)
        k = i
        count = len(tokens)
        while node.__class__ is dict:
            k += 1
            if k == count:
                node = node.get(_END)
            else:
                token = tokens[k]
                child = node.get(token.gap)  # a gap that ends the name, whatever word follows
                node = child if child is not None else node.get((token.gap, token.text))
        if node is None:
            return self._remember_longest(tokens, i)
        if node is _NO_SPAN:
            return None
        n, trim, ids, folded, fold_only, metonym_name, demonym_of = node
        span = Span(
            i,
            i + n - 1,
            tokens[i].start,
            tokens[i + n - 1].end + trim,
            ids,
            folded,
            demonym_of,
            metonym_name,
        )
        span.fold_only = fold_only
        return span

    def _remember_longest(self, tokens: list[Token], i: int) -> Span | None:
        """Run the search for the longest name at token i and remember its answer."""
        span, read, gap_ends, ran_out = self._search_longest(tokens, i)
        result: _LongestResult | object = _NO_SPAN
        if span is not None:
            trim = span.end - tokens[span.last].end
            result = (
                span.last - span.first + 1,
                trim,
                span.place_ids,
                span.folded,
                span.fold_only,
                span.metonym_name,
                span.demonym_of,
            )
        # The path of keys the search read after the first word.
        keys: list[object] = []
        for k in range(i + 1, i + read):
            token = tokens[k]
            last = k == i + read - 1
            keys.append(token.gap if last and gap_ends else (token.gap, token.text))
        if ran_out:
            keys.append(_END)
        memo = self._longest_memo
        if self._longest_entries > _MAX_LONGEST:
            memo.clear()
            self._longest_entries = 0
        first = tokens[i].text
        if not keys:
            memo[first] = result
        else:
            node = memo.get(first)
            if node.__class__ is not dict:
                node = memo[first] = {}
            for key in keys[:-1]:
                child = node.get(key)
                if child.__class__ is not dict:
                    child = node[key] = {}
                node = child
            node[keys[-1]] = result
        self._longest_entries += len(keys) + 1
        return span

    def _search_longest(self, tokens: list[Token], i: int) -> tuple[Span | None, int, bool, bool]:
        """Return the longest name at token i and what the search read to find it.

        That is how many tokens it read from i, whether the gap before the last one ended the
        name (then that token's word was not read), and whether it ran out of text.
        """
        gazetteer = self.gazetteer
        # Local names for the indexes: this loop runs for every capitalised word.
        exact_index, fold_index = gazetteer._exact, gazetteer._folded
        prefixes, fold_prefixes = gazetteer._prefixes, gazetteer._fold_prefixes
        limit = min(MAX_NAME_TOKENS, len(tokens) - i)
        best: tuple[int, tuple[int, ...], bool, int] | None = None  # (n, ids, folded, end)
        fold_only: frozenset[int] = frozenset()
        exact_key = fold_key = ""
        exact_alive = fold_alive = True
        read = 0
        gap_ends = ran_out = False
        for n in range(1, limit + 1):
            token = tokens[i + n - 1]
            read = n
            if (
                n > 1
                and token.gap not in _NAME_GAPS  # not _joinable(token), inlined
                and not (token.gap == ". " and tokens[i + n - 2].norm in _ABBREVIATED_WORDS)
            ):
                gap_ends = True
                break
            text = token.text
            word = token.word
            base = word.possessive_base if text[-1] == "s" else None
            if base is not None and token.cap:
                # "Russia’s": the name without the possessive ends here; "Ra’s al ‘Ayn" goes on.
                found = self._match(exact_key, fold_key, base, n)
                if found is not None:
                    ids, folded = found
                    best = (n, ids, folded, token.end - 2)
                    fold_only = frozenset()
            norm = token.norm
            if exact_alive:
                exact_key = f"{exact_key} {norm}" if n > 1 else norm
            if fold_alive:
                fold_key += word.fold
            # A name ends on a capitalised word, or on a generic one after it ("Conoco gas
            # field", "Tower 22").
            if base is None and (
                token.cap or (n > 1 and (norm in GENERIC_PLACE_WORDS or text.isdigit()))
            ):
                # (_unpack inlined: index values are one id or a tuple of ids.)
                found_ids = exact_index.get(exact_key) if exact_alive else None
                exact = (
                    ()
                    if found_ids is None
                    else (found_ids,)
                    if isinstance(found_ids, int)
                    else found_ids
                )
                variants: tuple[int, ...] = ()
                if fold_alive and (n > 1 or len(norm) >= 5) and len(fold_key) >= 4:
                    found_ids = fold_index.get(fold_key)
                    if found_ids is not None:
                        variants = (found_ids,) if isinstance(found_ids, int) else found_ids
                if exact or variants:
                    # Variant readings join exact ones ("Anbar" is a village, and "Al Anbar").
                    merged = exact + tuple(pid for pid in variants if pid not in exact)
                    best = (n, merged, not exact, token.end)
                    fold_only = frozenset(variants) - frozenset(exact) if exact else frozenset()
            exact_alive = exact_alive and exact_key in prefixes
            fold_alive = fold_alive and (not fold_key or fold_key in fold_prefixes)
            if not exact_alive and not fold_alive:
                break
        else:
            ran_out = limit < MAX_NAME_TOKENS  # the text ended before a name could
        if best is None:
            return None, read, gap_ends, ran_out
        n, ids, folded, end = best
        first = tokens[i]
        if n == 1 and first.norm in ARTICLES:
            return None, read, gap_ends, ran_out
        norm = " ".join(t.norm for t in tokens[i : i + n])
        if norm.replace(" ", "_") in MACRO_REGIONS and not any(
            gazetteer.places[pid].kind in _AREA_KINDS for pid in ids
        ):
            return None, read, gap_ends, ran_out
        span = Span(i, i + n - 1, first.start, end, ids, folded)
        span.fold_only = fold_only
        if end < tokens[i + n - 1].end:  # "Damascus's": the name without the possessive
            norm = " ".join([*(t.norm for t in tokens[i : i + n - 1]),
                             tokens[i + n - 1].possessive_base or ""]).strip()  # fmt: skip
        head = norm[4:] if norm.startswith("the ") else norm
        span.metonym_name = head in self.metonyms
        if head in SEATS_OF_GOVERNMENT:
            # "White House" is also an alternate name of Casablanca: the building wins.
            span.place_ids = self._seat(head) or span.place_ids
        demonym = gazetteer.demonyms.get(norm)
        if demonym is not None and n == 1:
            # "Turkish" is both a demonym and a village name somewhere: the demonym wins.
            span.place_ids = ()
            span.demonym_of = demonym
        return span, read, gap_ends, ran_out

    def _match(
        self, exact_key: str, fold_key: str, last_norm: str, n: int
    ) -> tuple[tuple[int, ...], bool] | None:
        gazetteer = self.gazetteer
        key = f"{exact_key} {last_norm}" if n > 1 else last_norm
        ids = gazetteer.lookup(key)
        if ids:
            return ids, False
        folded = fold_key + "".join(cached_fold_token(p) for p in last_norm.split())
        if n > 1 or len(last_norm) >= 5:
            ids = gazetteer.lookup_folded_key(folded)
            if ids:
                return ids, True
        return None

    def _water_body(self, tokens: list[Token], i: int) -> Span | None:
        """Return "Gulf of Aden", "Strait of Hormuz", "Sea of Azov" as one name.

        Found in the gazetteer it resolves there; otherwise it stays unresolved rather than
        pinning Aden or a "Gulf Province" on the other side of the world.
        """
        token = tokens[i]
        if token.norm not in _WATER_WORDS or i + 2 >= len(tokens):
            return None
        if tokens[i + 1].norm != "of" or tokens[i + 1].gap != " " or tokens[i + 2].gap != " ":
            return None
        j = i + 2
        if not tokens[j].cap:
            return None
        while j + 1 < len(tokens) and _joinable(tokens[j + 1]) and tokens[j + 1].cap:
            j += 1
        parts = tokens[i : j + 1]
        norm = " ".join(t.norm for t in parts)
        ids = self.gazetteer.lookup(norm) or self.gazetteer.lookup_folded(norm)
        return Span(i, j, token.start, tokens[j].end, ids, cue="sea")

    def _abbreviation(self, text: str, token: Token) -> Span | None:
        """Return a span for "Ky.", "B.C." and other region abbreviations, period included."""
        abbreviations = self.gazetteer.abbreviations
        if not abbreviations or not token.cap or len(token.text) > 6:
            return None
        key = token.text.lower()
        end = token.end
        if not key.endswith("."):
            if text[end : end + 1] != ".":
                return None
            key += "."
            end += 1
        place_id = abbreviations.get(key)
        if place_id is None:
            return None
        return Span(token.index, token.index, token.start, end, (place_id,), cue="admin")

    def _seat(self, norm: str) -> tuple[int, ...]:
        """Return the capital a government building stands in ("the Kremlin" -> Moscow)."""
        seat = SEATS_OF_GOVERNMENT.get(norm)
        if seat is None:
            return ()
        city, country = seat
        places = self.gazetteer.places
        return tuple(
            pid
            for pid in self.gazetteer.lookup(city)
            if places[pid].country_code == country and places[pid].kind == "populated"
        )[:1]

    def _metonym(self, tokens: list[Token], i: int) -> Span | None:
        if tokens[i].norm not in self._metonym_starts:
            return None
        count = len(tokens)
        for n in range(min(4, count - i), 0, -1):
            parts = tokens[i : i + n]
            if any(not _joinable(t) for t in parts[1:]):
                continue
            norm = " ".join(t.norm for t in parts)
            if self.metonyms.get(norm) == n:
                span = Span(i, i + n - 1, parts[0].start, parts[-1].end, metonym_name=True)
                span.place_ids = self._seat(norm)
                return span
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

    def _check_common(
        self, tokens: list[Token], span: Span, lowercase_words: _LowercaseWords
    ) -> None:
        """Drop one-word names that are ordinary words, acronyms or people here."""
        if span.first != span.last:
            core = [t for t in tokens[span.first : span.last + 1] if t.norm not in ARTICLES]
            if len(core) == 1 and (
                core[0].norm in ARMED_GROUP_WORDS or core[0].norm in LEADER_NAMES
            ):
                span.drop = True  # "al-Qaeda" (not Kaédi), "al-Assad"
            return
        token = tokens[span.first]
        kinds, big = self._kinds_and_size(span.place_ids)
        word = token.possessive_base if span.end < token.end else token.norm
        if token.upper and "country" in kinds:
            return  # "US", "UK", "UAE" even first in a sentence ("us" is also a pronoun)
        if token.upper and len(word.replace(" ", "")) <= 3 and not self._dateline_start(token):
            # Two- and three-letter capitals are acronyms (BA, CIA) unless a country's (US, UK).
            span.drop = "country" not in kinds
        elif word in LEADER_NAMES or word in ARMED_GROUP_WORDS:
            span.drop = True
        elif word in PERSON_TITLES and self._title_before_name(tokens, span):
            span.drop = True  # "Gen. Abdel Fattah al-Burhan", "Sen. Graham": a title
        elif self._designation(tokens, span):
            span.drop = True  # "Su-24", "MiG-29": an aircraft, not the village of Su
        elif word in COMMON_WORDS or word in MONTHS_AND_DAYS or word in ORGANISATION_WORDS:
            span.drop = "country" not in kinds or (token.sentence_start and word in COMMON_WORDS)
        elif not big and token.text.lower() in lowercase_words:
            # The text also uses the word in lower case: it is a word here too ("Mobile").
            span.drop = True
        elif token.upper and not big and "\n" not in token.gap and token.index > 0:
            span.drop = True  # acronyms (TASS, ISW) that are also small places; not datelines
        elif not big and self._reads_as_person(tokens, span):
            span.drop = True

    def _kinds_and_size(self, place_ids: tuple[int, ...]) -> tuple[frozenset[str], bool]:
        """Return the kinds of the candidates and whether one is big (memoised per name)."""
        known = self._sizes.get(place_ids)
        if known is None:
            places = self.gazetteer.places
            kinds = frozenset(places[pid].kind for pid in place_ids)
            big = (
                "country" in kinds
                or "admin1" in kinds
                or any(places[pid].population >= 100_000 for pid in place_ids)
            )
            if len(self._sizes) > 50_000:
                self._sizes.clear()
            known = self._sizes[place_ids] = (kinds, big)
        return known

    @staticmethod
    def _dateline_start(token: Token) -> bool:
        # "GAO, Mali, July 29": the first word of a line followed by a comma or a dash.
        return (token.index == 0 or "\n" in token.gap) and token.cap

    @staticmethod
    def _title_before_name(tokens: list[Token], span: Span) -> bool:
        k = span.last + 1
        return k < len(tokens) and tokens[k].cap and tokens[k].gap in (". ", " ")

    @staticmethod
    def _designation(tokens: list[Token], span: Span) -> bool:
        k = span.last + 1
        return k < len(tokens) and tokens[k].gap == "-" and tokens[k].text[:1].isdigit()

    def _reads_as_person(self, tokens: list[Token], span: Span) -> bool:
        # "Walsh said", "said Steele": small places do not speak.
        following = [t.norm for t in tokens[span.last + 1 : span.last + 3]]
        if following[:1] == ["also"]:
            following = following[1:]  # "Kareem also said"
        before = tokens[span.first - 1].norm if span.first > 0 else ""
        return bool(following[:1] and following[0] in SPEECH_VERBS) or before in SPEECH_VERBS

    def _check_neighbours(self, tokens: list[Token], span: Span, person_words: set[str]) -> None:
        """Drop names that are part of a person's or an organisation's name."""
        first, last = tokens[span.first], tokens[span.last]
        # A capitalised headline, not a two- or three-letter acronym such as "US".
        all_caps = first.upper and len(first.text) > 3
        kinds = self._kinds_and_size(span.place_ids)[0]
        area = span.demonym_of is not None or "country" in kinds or "admin1" in kinds
        # Look left past a glued article ("Bashar al-Assad").
        j = span.first - 1
        glued = False
        if j >= 0 and _joinable(tokens[j + 1]) and tokens[j].norm in ARTICLES and not tokens[j].cap:
            j -= 1
            glued = True
        if (
            span.first >= 2
            and first.gap == ". "
            and len(tokens[span.first - 1].text) == 1
            and tokens[span.first - 1].cap
            and _joinable(tokens[span.first - 1])
            and _name_word(tokens[span.first - 2])
            and not tokens[span.first - 2].upper
        ):
            # "Kody R. Berrey", "Harry S. Truman": a surname after a middle initial, so later
            # bare uses are the person too, whatever the size of a namesake town.
            span.drop = True
            if span.first == span.last and not area:
                person_words.add(first.possessive_base or first.norm)
            return
        if self._in_group_name(tokens, span):
            span.drop = True
            return
        if j >= 0 and _joinable(tokens[j + 1]) and not self._paired_name(tokens, j, j + 1):
            before = tokens[j]
            if before.norm in PERSON_TITLES and before.cap:
                span.drop = True
                person_words.add(last.possessive_base or last.norm)
                return
            if (
                _name_word(before)
                and not all_caps
                and not before.upper  # "CBC Toronto", "EU-Canada": acronyms are not first names
                and before.possessive_base is None  # "CBC Radio's Edmonton AM"
                and before.norm not in DIRECTION_ADJECTIVES
                and before.norm not in _AREA_PREFIXES
                and self.gazetteer.demonyms.get(before.norm) is None
                and (glued or not area)  # "Environment Canada" still names Canada
            ):
                big = self._kinds_and_size(span.place_ids)[1]
                if not (before.sentence_start and not glued and big):
                    # ("Overall Edmonton received…" keeps Edmonton: a capitalised first word.)
                    span.drop = True
                    if span.first == span.last and not big:
                        person_words.add(last.possessive_base or last.norm)
                    return
        if (
            area
            and span.first >= 2
            and tokens[span.first - 1].norm in ("in", "for")
            and tokens[span.first - 2].cap
            and tokens[span.first - 2].norm in ORGANISATION_WORDS
            and not tokens[span.first - 2].sentence_start
        ):
            # "Islamic Resistance in Iraq": a body's name ("University of Manitoba" is in Manitoba)
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
            if not after.cap or all_caps or after.upper or self._paired_name(tokens, k, k):
                return
            chain = [after.norm]
            for token in tokens[k + 1 : k + 4]:
                if not _joinable(token) or not (token.cap or token.norm in ("of", "for", "and")):
                    break
                chain.append(token.norm)
            cue_words = (SITE_WORDS, ADMIN_WORDS, RIVER_WORDS, CITY_WORDS)
            if any(w in group for w in chain[:3] for group in cue_words):
                return
            if any(w in ORGANISATION_WORDS for w in chain):
                # "Manbij Military Council", "Syrian Democratic Forces", "Washington Post".
                span.drop = True
            elif not _name_word(after) or after.norm in TITLE_WORDS:
                return  # "Turkish President Erdogan", "Texas Senator Ted Cruz"
            else:
                span.drop = True
                if (
                    span.first == span.last
                    and not area
                    and not self._kinds_and_size(span.place_ids)[1]
                ):
                    person_words.add(first.norm)  # "Lucy Smith" makes "Lucy" a person

    @staticmethod
    def _in_group_name(tokens: list[Token], span: Span) -> bool:
        """Return whether the name is part of a jihadist group's name.

        "Islamic State Sahel", "Islamic State West Africa Province" (capitalised words back to
        "Islamic State"); "the Islamic State in Iraq and Syria", "Islamic State of Iraq and the
        Levant" (the names ISIS and ISIL spell out); "al-Qaeda in Iraq", "al-Qaeda in the
        Islamic Maghreb". A lone "Islamic State in Syria" is left alone: it is as often where
        the group is.
        """
        k = span.first - 1
        while k >= 1 and tokens[k].cap and tokens[k + 1].gap == " " and tokens[k].norm != "state":
            k -= 1  # back over capitalised words ("West Africa Province")
        if (
            k >= 1
            and tokens[k].norm == "state"
            and tokens[k - 1].norm == "islamic"
            and tokens[k + 1].gap == " "  # not "... the Islamic State. Syria said"
        ):
            return True
        words = [t.norm for t in tokens[max(0, span.first - 6) : span.first]]
        name = tokens[span.first].norm
        before = " ".join(words) + " "
        if name == "iraq" and re.search(r"islamic state (?:in|of) $", before):
            following = [t.norm for t in tokens[span.last + 1 : span.last + 2]]
            return following == ["and"] or words[-1] == "of"
        if name in ("syria", "levant") and re.search(
            r"islamic state (?:in|of) iraq and (?:the )?$", before
        ):
            return True
        return words[-2:] == ["qaeda", "in"] or words[-3:] == ["qaeda", "in", "the"]

    def _paired_name(self, tokens: list[Token], other: int, joint: int) -> bool:
        # "Syria-Turkey border", "Turkish–Syrian": two names joined by a hyphen are a pair.
        token = tokens[other]
        return tokens[joint].gap in ("-", "–", "—", "‐") and (
            token.norm in self.gazetteer.demonyms or bool(self.gazetteer.lookup(token.norm))
        )

    def _find_cues(self, tokens: list[Token], span: Span) -> None:
        count = len(tokens)
        country_like = (
            span.demonym_of is not None or "country" in self._kinds_and_size(span.place_ids)[0]
        )
        if country_like and not (
            span.last + 1 < count and tokens[span.last + 1].norm in RIVER_WORDS
        ):
            return  # "US base", "Turkish border": the country qualifies the noun
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

    def _cued_unknowns(
        self, tokens: list[Token], spans: list[Span], looked_at: list[int]
    ) -> list[Span]:
        """Return names the gazetteer lacks but the words around mark as places.

        `looked_at` lists, in order, the capitalised tokens outside the names found: the only
        ones that can start such a name.
        """
        taken = {i for span in spans for i in range(span.first, span.last + 1)}
        found: list[Span] = []
        count = len(tokens)
        for i in looked_at:
            token = tokens[i]
            if i < 2 or i in taken or not token.word.name_word or token.sentence_start:
                continue
            cue = ""
            previous = tokens[i - 1].norm
            if previous == "of" and tokens[i - 2].norm in CITY_WORDS:
                cue = "city"
            elif previous in _NEAR_CUES or (
                previous == "of"
                and (
                    tokens[i - 2].norm in DIRECTION_ADJECTIVES or tokens[i - 2].norm == "outskirts"
                )
            ):
                cue = "near"  # "near Lastochkyne", "south of Robotyne": a place, if unknown
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
            if tokens[i - 1].norm in PERSON_TITLES or (
                cue == "near"
                and (
                    token.norm in ORGANISATION_WORDS
                    or token.upper
                    or token.norm in self.gazetteer.demonyms
                    or (j + 1 < count and tokens[j + 1].cap and _joinable(tokens[j + 1]))
                )
            ):
                continue
            span = Span(i, j, token.start, tokens[j].end, cue=cue)
            found.append(span)
            taken.update(range(i, j + 1))
        return found
