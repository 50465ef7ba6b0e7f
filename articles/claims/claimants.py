"""Sentences, paragraphs and who says what: attribution of each sentence to a claimant."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from articles.claims.scan import finditer_from, word_finders


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# One branch per first character, so the engine skips in C to the characters that end one.
_SENTENCE_END = re.compile(
    "|".join(rf"{mark}[.!?]*[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])" for mark in (r"\.", "!", r"\?"))
    + r"|\n\n*"
)
# Tokens after which a full stop does not end the sentence.
_ABBREVIATIONS = _words(
    "mr mrs ms dr gen lt col maj capt sgt st no vs jan feb mar apr jun jul aug sep sept oct nov "
    "dec e.g i.e etc approx brig adm cmdr gov sen rep pres prof jr sr inc corp co"
)
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_LONGEST_ABBREVIATION = max(len(word) for word in _ABBREVIATIONS)


class Sentence(NamedTuple):  # a named tuple: cheap to create, immutable
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of `text`; a line break always ends a sentence and a paragraph."""
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for match in _SENTENCE_END.finditer(text):
        at = match.start()
        newline = text[at] == "\n"
        if not newline and text[at] == ".":
            space = text.rfind(" ", start, at)
            line = text.rfind("\n", start, at)
            word_start = max(space, line) + 1
            # A word of over six lower-case-ended letters is neither an abbreviation nor initials.
            if at - word_start <= _LONGEST_ABBREVIATION or not text[at - 1].islower():
                token = text[word_start : at + 1]
                if token.rstrip(".").lower() in _ABBREVIATIONS or _INITIALS.match(token):
                    continue
        sentence = _trimmed(text, start, at if newline else match.end(), paragraph)
        if sentence is not None:
            out.append(sentence)
        start = match.end()
        if newline:
            paragraph += 1
    sentence = _trimmed(text, start, len(text), paragraph)
    if sentence is not None:
        out.append(sentence)
    return out


def _trimmed(text: str, start: int, end: int, paragraph: int) -> Sentence | None:
    """Return the sentence text[start:end] without the spaces around it (None if blank)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, paragraph) if start < end else None


_SAY = (
    r"said|says|say|told|tells|noted|notes|stated|claimed|claims|reported|reports|announced|"
    r"announces|added|adds|warned|warns|confirmed|confirms|denied|denies|deny|alleged|alleges|"
    r"accused|accuses|accuse|insisted|insists|wrote|writes|tweeted|explained|"
    r"stressed|stresses|emphasi[sz]ed|argued|argues|acknowledged|admitted|asserted|asserts|"
    r"charged|estimated|estimates|posted|revealed|disclosed|observed|recalled|pointed\s+out|"
    r"has\s+said|have\s+said|had\s+said|quoted|cited|spoke|speaking"
)
# (The look-ahead on first letters lets the engine skip most positions after one test.)
ATTRIBUTION = re.compile(rf"(?=[acdehinopqrstw])\b(?:according\s+to|(?:{_SAY}))\b")
# Where a cue can start: its first word, or the part of it before a character class.
_ATTRIBUTION_FINDERS = word_finders(
    re.split(r"\\s\+|\[", cue)[0] for cue in ["according", *_SAY.split("|")]
)
_ACCORDING_NP = re.compile(
    r"\s+((?:[^,.;:\"“”()\s]+\s*){1,9}?)(?=[,.;:\"“”)]|\s+(?:that|which|who|on\s+\w+day|in\s+a|"
    r"quoted|citing)\b|$)"
)
_TOKEN = re.compile(r"[\w'’.\-\[\]]+|[^\s\w]")
# Lower-case words that may sit inside a speaker phrase ("the Russian foreign minister").
_SPEAKER_WORDS = _words(
    """the a an of for and foreign defense defence interior minister ministry ministers secretary
    spokesman spokeswoman spokesperson spokespeople official officials military army forces
    command commander commanders chief general state media agency news monitor observatory war
    sources source residents witnesses activists analysts officer officers statement president
    prime deputy governor ambassador envoy senior local security council head leader group
    government authorities administration office press service services department staff human
    rights organisation organization coalition brigade militia told reporters journalists
    people's men women police intelligence navy air force special representative negotiator
    mission peacekeepers monitors operations centre center tv television broadcaster channel
    outlet newspaper daily"""
)
_PERSON_TITLES = _words(
    """minister secretary president spokesman spokeswoman spokesperson general commander chief
    ambassador envoy governor leader director colonel lieutenant major captain admiral brigadier
    gen. lt. col. maj. capt. adm. brig. sheikh emir king prince senator representative adviser
    advisor official head premier chancellor mayor cleric analyst researcher"""
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_RANKS = _words(
    "general major colonel lieutenant captain admiral brigadier sergeant gen. lt. col. maj. "
    "capt. adm. brig. sgt."
)
_DETERMINERS = _words("the a an two three four several some many local senior its their his her")
_LINKS = _words("of for in from at with")
# The last word of a speaker phrase found back to its determiner (singular; "s" is dropped).
_SPEAKER_HEADS = _words(
    """official spokesman spokeswoman spokesperson ministry minister operator monitor
    observatory group source commander general colonel governor mayor cell command council
    negotiator resident witness activist analyst officer agency media people leader president
    statement government authoritie army military force coalition office service department
    mission police guard fighter rebel militant diplomat envoy ambassador chief head person
    representative broadcaster channel newspaper daily outlet blogger company operator staff"""
)
_SKIP_BACK = _words(
    """also has had have again later earlier previously further then reportedly repeatedly
    once already recently publicly separately"""
)
_OUTLET_IN_TEXT = re.compile(
    r"/\s*([A-Z][A-Za-z]{1,15})\s*/|\(([A-Z][A-Za-z]{1,15}(?:\s[A-Z][a-z]+)?)\)\s*[-—–]"
)


class Attribution(NamedTuple):
    start: int  # where the attribution cue starts ("said", "according to")
    speaker: str  # as written, e.g. "Russian Foreign Minister Sergey Lavrov", "he"
    verb: str


def _cues_by_sentence(text: str, sentences: list[Sentence]) -> list[list[re.Match[str]]]:
    """Return, per sentence, the attribution cues a scan of that sentence alone would find.

    One scan of the whole text finds the same cues as one scan per sentence unless a cue runs
    past the end of its sentence ("has\nsaid" over a line break) or starts between two; then
    each sentence is scanned alone.
    """
    found: list[list[re.Match[str]]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for match in finditer_from(ATTRIBUTION, _ATTRIBUTION_FINDERS, text):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index < 0 or match.end() > sentences[index].end:
            return [list(ATTRIBUTION.finditer(text, s.start, s.end)) for s in sentences]
        found[index].append(match)
    return found


def find_attributions(
    text: str, sentence: Sentence, cues: list[re.Match[str]] | None = None
) -> list[Attribution]:
    """Return the attributions ("X said", "according to X", "said X") inside `sentence`.

    `cues` are the attribution cues in the sentence, when they were found already.
    """
    out: list[Attribution] = []
    if cues is None:
        cues = list(ATTRIBUTION.finditer(text, sentence.start, sentence.end))
    for match in cues:
        verb = match.group()
        if verb == "according to" or verb.startswith("according"):
            np_match = _ACCORDING_NP.match(text, match.end(), sentence.end)
            if np_match:
                speaker = _speaker_back(np_match.group(1).strip()) or ""
                if speaker:
                    out.append(Attribution(match.start(), speaker, "according to"))
            continue
        before = text[sentence.start : match.start()]
        speaker = _speaker_back(before)
        if not speaker and before.rstrip()[-1:] in {",", '"', "”"}:
            # Inverted order after a quote or comma: '…," said Lavrov' / ', said the ministry'.
            speaker = _speaker_forward(text[match.end() : sentence.end])
        if speaker:
            out.append(Attribution(match.start(), speaker, verb))
    return out


# Only the last words before a cue make its speaker: a long lead-in is tokenised from a space
# this far from its end (tokens never hold a space, so they are those of the whole lead-in).
_SPEAKER_TAIL = 100
# With this many tokens left, the phrase search below cannot reach the first of them.
_ENOUGH_TOKENS = 10


def _speaker_back(before: str) -> str:
    """Return the speaker phrase that ends `before` (the words right before "said")."""
    if len(before) > _SPEAKER_TAIL:
        cut = before.rfind(" ", 0, len(before) - _SPEAKER_TAIL)
        if cut > 0:
            found = _speaker_from_tokens(_TOKEN.findall(before, cut + 1), partial=True)
            if found is not None:
                return found
    return _speaker_from_tokens(_TOKEN.findall(before), partial=False) or ""


def _speaker_from_tokens(tokens: list[str], *, partial: bool) -> str | None:
    """Return the speaker phrase that ends these tokens of a lead-in.

    `partial` tokens are only the last ones of the lead-in: None when they were too few to
    tell.
    """
    picked: list[str] = []
    while tokens and not picked and tokens[-1].lower() in _SKIP_BACK:
        tokens.pop()
    if tokens and tokens[-1].lower() in _PRONOUNS:
        return tokens[-1].lower()
    if tokens and tokens[-1] == ",":
        # "The spokesman, Colonel Mark Reyes, said": the name in apposition.
        tokens.pop()
    if partial and len(tokens) < _ENOUGH_TOKENS:
        return None
    determined = _determined_phrase(tokens)
    if determined:
        return determined
    while tokens:
        token = tokens[-1]
        low = token.lower()
        if _named(token) or low in _SPEAKER_WORDS or token in {"'s", "’s"}:
            picked.append(token)
            tokens.pop()
            continue
        break
    if partial and not tokens:
        return None
    while picked and picked[-1].lower() in {"and", "of", "for", "'s", "’s"}:
        picked.pop()
    phrase = _strip_stop(" ".join(reversed(picked)))
    phrase = _possessive(phrase)
    return phrase if _plausible_speaker(phrase) else ""


_POSSESSIVE = re.compile(r"\s+(['’]s)\b")


def _possessive(phrase: str) -> str:
    """Return `phrase` with "'s" joined to the word before ("Russia 's" -> "Russia's")."""
    if "s" not in phrase or ("'s" not in phrase and "’s" not in phrase):
        return phrase
    return _POSSESSIVE.sub(r"\1", phrase)


def _determined_phrase(tokens: list[str]) -> str:
    """Return "the Ukrainian nuclear operator", "two US officials": up to seven words back to a
    determiner, when the phrase ends in a noun that speaks."""
    if not tokens or tokens[-1].lower().rstrip("s") not in _SPEAKER_HEADS:
        return ""
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 8), -1):
        token = tokens[k]
        if not (token[0].isalnum() or token in {"'s", "’s"}):
            # ", rebel negotiators said": a short phrase after a comma needs no determiner.
            words = tokens[k + 1 :]
            if 1 < len(words) <= 3 and all(w[0].isalpha() for w in words):
                return _strip_stop(" ".join(words))
            return ""
        if token.lower() in _DETERMINERS and (k == 0 or tokens[k - 1].lower() not in _LINKS):
            phrase = " ".join(tokens[k:])
            return _strip_stop(_possessive(phrase))
    if 1 < len(tokens) <= 3 and all(t[0].isalpha() for t in tokens):
        return _strip_stop(" ".join(tokens))  # "Rebel negotiators said" opening the sentence
    return ""


def _speaker_forward(after: str) -> str:
    tokens = _TOKEN.findall(after)
    picked: list[str] = []
    for token in tokens:
        low = token.lower()
        if not picked and low in _PRONOUNS:
            return low
        if _named(token) or low in _SPEAKER_WORDS:
            picked.append(token)
            continue
        break
    while picked and picked[-1].lower() in {"and", "of", "for", "the", "a"}:
        picked.pop()
    phrase = _strip_stop(" ".join(picked))
    return phrase if _plausible_speaker(phrase) else ""


def _strip_stop(phrase: str) -> str:
    """Return `phrase` without a sentence's closing full stop ("said Mazloum Abdi.")."""
    if not phrase.endswith("."):
        return phrase
    last = phrase.split()[-1].rstrip(".")
    if len(last) == 1 or last.lower() in _ABBREVIATIONS:
        return phrase
    return phrase[:-1]


def _plausible_speaker(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 12:
        return False
    meaningful = [w for w in words if w.lower() not in {"the", "a", "an", "of", "and", "for"}]
    if not meaningful:
        return False
    # One capitalised word that only opens the sentence ("However said") is no speaker.
    return any(w[:1].isupper() for w in meaningful) or any(
        w.lower() in _SPEAKER_WORDS - {"the", "a", "an", "of", "and", "for"} for w in meaningful
    )


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    title: str

    @property
    def label(self) -> str:
        if not self.title:
            return self.name
        words = self.title.split()
        ranks = 0
        while ranks < len(words) and words[len(words) - 1 - ranks].lower() in _RANKS:
            ranks += 1
        if not ranks:
            return f"{self.name} ({self.title})"  # "Sergey Lavrov (Russian Foreign Minister)"
        rank = " ".join(words[len(words) - ranks :])
        rest = " ".join(words[: len(words) - ranks])
        # "Colonel Mark Reyes", "Major General Igor Volkov (ministry spokesman)"
        return f"{rank} {self.name}" + (f" ({rest})" if rest else "")


class SpeakerBook:
    """The people and bodies an article quotes, so "Lavrov", "he" and "the Russian foreign
    minister" all resolve to "Sergey Lavrov (Russian Foreign Minister)"."""

    def __init__(self) -> None:
        self._by_surname: dict[str, _Person] = {}
        self._by_title: dict[str, _Person] = {}
        self.last_person: str = ""
        self.last_speaker: str = ""

    def learn(self, phrase: str) -> None:
        """Record a speaker phrase that names a person with a title ("Foreign Minister X Y")."""
        person = _split_person(phrase)
        if person is None:
            return
        key = person.name.split()[-1].lower()
        known = self._by_surname.get(key)
        if (
            known is None
            or (not known.title and person.title)
            or (len(person.name) > len(known.name) and known.title == person.title)
        ):
            self._by_surname[key] = person
        if person.title:
            self._by_title.setdefault(_title_key(person.title), person)

    def resolve(self, phrase: str) -> str:
        """Return the canonical claimant label for a speaker phrase as written."""
        low = phrase.lower()
        if low in {"he", "she"}:
            return self.last_person or self.last_speaker
        if low in _PRONOUNS:
            return self.last_speaker
        person = _split_person(phrase)
        if person is not None:
            known = self._by_surname.get(person.name.split()[-1].lower())
            label = known.label if known else person.label
            self.last_person = self.last_speaker = label
            return label
        by_title = self._by_title.get(_title_key(phrase))
        if by_title is not None:
            self.last_person = self.last_speaker = by_title.label
            return by_title.label
        # As written, with a sentence-initial article in lower case: "the Pentagon",
        # "a US defence official", "Rebel negotiators".
        label = _ARTICLE_FIRST.sub(lambda m: m.group().lower(), phrase)
        self.last_speaker = label
        return label


_ARTICLE_FIRST = re.compile(r"^(The|A|An)\s")


def _title_key(title: str) -> str:
    words = [w for w in title.lower().split() if w not in {"the", "a", "an"}]
    return " ".join(words)


@functools.lru_cache(maxsize=4096)
def _split_person(phrase: str) -> _Person | None:
    """Return the person a phrase names ("Russian Foreign Minister Sergey Lavrov"), if any.

    A person is a run of capitalised words that are not title words, either after a title that
    ends in a person title ("Minister", "spokesman") or on its own as one to three names.
    """
    words = phrase.split()
    if not words:
        return None
    name: list[str] = []
    while words and _named(words[-1]) and not _is_title_word(words[-1]):
        name.insert(0, words.pop())
    if not name:
        return None
    title_words = [w for w in words if w.lower() not in {"the", "a", "an"}]
    if title_words:
        if not _is_title_word(title_words[-1]) or title_words[-1].lower() == "of":
            return None
        return _Person(" ".join(name), " ".join(title_words))
    if len(name) > 4 or not all(_NAME_WORD.match(w) for w in name):
        return None
    if any(w.lower() in _SPEAKER_WORDS for w in name):
        return None
    return _Person(" ".join(name), "")


_NAME_PARTICLE = re.compile(r"(?:al|el|ad|ash|as|at|an|bin|ibn|abu|bint|de|van|von|da)-\w")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|(?:al|el|ad|ash|as|at|an|abu)-[A-Za-z'’\-]+)$")


def _named(token: str) -> bool:
    """Return whether a token can belong to a name ("Lavrov", "al-Sudani")."""
    return token[:1].isupper() or bool(_NAME_PARTICLE.match(token))


def _is_title_word(word: str) -> bool:
    return word.lower() in _PERSON_TITLES


def outlet_from_text(text: str) -> str:
    """Return the wire service a dateline names ("/TASS/", "(Reuters) -"), if any."""
    match = _OUTLET_IN_TEXT.search(text, 0, 600)
    if not match:
        return ""
    return match.group(1) or match.group(2) or ""


@dataclass
class Claimants:
    """Who makes each claim of an article: attributions per sentence, with the fallback."""

    default: list[str]  # per sentence: quotation or carried speaker, else the outlet
    attributions: list[list[tuple[int, str]]]  # per sentence: (cue position, label)

    def at(self, index: int, position: int) -> str:
        """Return the claimant of something said at `position` in sentence `index`.

        The nearest attribution before it in the sentence ("X said that …", "according to X,
        …"); else the first one after it ("…, X said"); else the sentence's default.
        """
        found = self.attributions[index]
        before = [label for start, label in found if start <= position]
        if before:
            return before[-1]
        if found:
            return found[0][1]
        return self.default[index]


def sentence_claimants(text: str, sentences: list[Sentence], outlet: str) -> Claimants:
    """Return the claimants of the sentences of `text`.

    A sentence without an attribution of its own takes the speaker of the quotation it is part
    of, or the article's main speaker (quoted at least twice) when the sentence before was
    theirs: wire reports run a minister's words over several paragraphs without repeating "he
    said". Otherwise the outlet asserts it.
    """
    fallback = outlet or outlet_from_text(text) or "the outlet"
    book = SpeakerBook()
    found = [
        find_attributions(text, s, cues)
        for s, cues in zip(sentences, _cues_by_sentence(text, sentences), strict=True)
    ]
    for attributions in found:
        for attribution in attributions:
            book.learn(attribution.speaker)
    labelled: list[list[tuple[int, str]]] = []
    for attributions in found:
        labels = []
        for attribution in attributions:
            resolved = book.resolve(attribution.speaker)
            if resolved:
                labels.append((attribution.start, resolved))
        labelled.append(labels)
    direct = [labels[0][1] if labels else "" for labels in labelled]
    quoted = list(direct)
    _spread_quotes(text, sentences, quoted)

    counts: dict[str, int] = {}
    for label in direct:
        if label:
            counts[label] = counts.get(label, 0) + 1
    main = max(counts, key=lambda k: counts[k]) if counts else ""
    if main and counts[main] < 2:
        main = ""

    defaults: list[str] = []
    previous = ""
    for label in quoted:
        if not label and main and previous == main:
            label = main
        previous = label
        defaults.append(label or fallback)
    return Claimants(defaults, labelled)


# Greedy: the quotation cannot hold a quote mark, so it ends at the first one either way.
_QUOTE = re.compile(r"[\"“]([^\"“”]{2,3000})[\"”]")


def _spread_quotes(text: str, sentences: list[Sentence], labels: list[str]) -> None:
    """Give every sentence inside a quotation the speaker of the sentence that attributes it."""
    starts = [s.start for s in sentences]
    for match in _QUOTE.finditer(text):
        first = max(0, bisect.bisect_right(starts, match.start()) - 1)
        last = bisect.bisect_left(starts, match.end())
        inside = [
            i
            for i in range(first, last)
            if sentences[i].start < match.end() and match.start() < sentences[i].end
        ]
        if len(inside) < 2:
            continue
        speaker = next((labels[i] for i in reversed(inside) if labels[i]), "")
        if speaker:
            for i in inside:
                if not labels[i]:
                    labels[i] = speaker
