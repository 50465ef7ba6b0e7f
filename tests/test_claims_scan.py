"""The claim extractor's fast scans find exactly what the plain patterns find."""

from __future__ import annotations

import random
import re

import pytest

from articles.claims import claimants, extract, lexicon, triggers
from articles.claims.scan import finditer_from, trie_pattern, word_finders

SAMPLES = [
    "",
    "US",
    "US forces and Turkish troops patrolled Manbij, where the SDF-held town was shelled.",
    "The Pentagon said that U.S. troops remain at al-Tanf; the Kremlin denied it.",
    "Iraqi F-16 jets struck; pro-Assad forces, the Syrian army and the new Syrian authorities",
    "the Americans and the British, al-Qaeda fighters, separatist forces in northern Mali",
    "CAMUS forces, USA troops, bathe Pentagon, xthe Kremlin, _US forces, 9US troops",
    "Élysée officials: the Élysée said. «US troops» — ‘Russian forces’",
    "(Turkish, Iraqi and US units)",
    "Russia's army, Russia’s jets, Wagner's men; The coalition and Coalition forces",
    "In the city the base. That region this area; the city of Aleppo, the border with Iraq",
    "Government forces, the government's troops, the army, the junta, internationally "
    "recognised government in Tripoli; the internationally recognized government",
    "Syria Damascus Aleppo Idlib Assad Iraq Baghdad Mosul Libya Tripoli Yemen Aden Houthi Mali "
    "Malian Niger Nigerien Kyiv Ukrainian Lebanon Beirut Sudan Israel Gaza Rafah",
    "He said. She says: according to officials, as reported, has\nsaid, pointed out; quoted",
    "They were captured by IS and is deployed there; was was is had been stationed in Raqqa.",
    'Mr. Smith arrived. Gen. Jones left! Really?! "Yes." (Maybe.) Then\n\nNext line',
]

ALPHABET = [
    *"aeiostuwhbUSTIRAé .,;:'’\"“”()-—–\n!?",
    "US ",
    "the ",
    "forces",
    "troops",
    "said",
    "where",
    "as ",
    "Pentagon",
    "al-",
    "the Kremlin",
    "Turkish ",
    "and ",
    "is ",
    "'s",
    "control",
]


def fuzzed(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(count)]


TEXTS = SAMPLES + fuzzed(3000, 7)


def spans(matches) -> list[tuple[int, int, int | None]]:
    return [(m.start(), m.end(), m.lastindex) for m in matches]


def test_finditer_from_is_finditer_for_a_word_boundary_pattern():
    words = ["US", "the Kremlin", "al-Qaeda", "forces", "Élysée", "'s", "9th"]
    pattern = re.compile(r"\b(?:" + trie_pattern(words) + r")(?!\w)")
    finders = word_finders(words)
    for text in [*TEXTS, "9th 'sUS", "x's forces", "forces"]:
        assert spans(finditer_from(pattern, finders, text)) == spans(pattern.finditer(text))


def test_finditer_from_tries_position_zero_and_handles_no_finders():
    pattern = re.compile(r"\bab")
    assert spans(finditer_from(pattern, [], "ab ab")) == [(0, 2, None)]
    assert spans(finditer_from(pattern, [], "")) == []


@pytest.fixture(scope="module")
def bundled() -> lexicon.ActorLexicon:
    return lexicon.load_bundled_lexicon()


@pytest.mark.parametrize(
    "name", ["_regex", "_adjective_regex", "_coordinated_adjective"], ids=str.strip
)
def test_lexicon_scans_find_what_its_patterns_find(bundled, name):
    pattern = getattr(bundled, name)
    finders = bundled._adjective_finders if "adjective" in name else bundled._finders
    for text in TEXTS:
        assert spans(finditer_from(pattern, finders, text)) == spans(pattern.finditer(text))


def test_trigger_leads_are_found_as_by_the_plain_scan():
    odd = ["caféwas held", "naïve has bases", "x’s base", " ’s", "_'s", "1's", "'s was", "ö's"]
    for text in [*TEXTS, *odd]:
        lowered = text.lower()
        assert list(triggers._leads(lowered)) == [
            m.span() for m in triggers._LEAD.finditer(lowered)
        ]


@pytest.mark.parametrize(
    ("pattern", "finders"),
    [
        (claimants.ATTRIBUTION, claimants._ATTRIBUTION_FINDERS),
        (extract._HOSTS_REGEX, extract._HOSTS_FINDERS),
        (extract._PLACE_ANAPHOR, extract._PLACE_ANAPHOR_FINDERS),
    ],
    ids=["attribution", "hosts", "place anaphor"],
)
def test_fixed_pattern_finders_find_what_the_patterns_find(pattern, finders):
    for text in TEXTS:
        assert spans(finditer_from(pattern, finders, text)) == spans(pattern.finditer(text))


# The patterns as they were written before their branches were reordered for speed.
PLAIN_BOUNDARY = re.compile(
    r"(?=[wbasu,;\"“”():—–])(?:\b(?:where(?:as)?|while|but|after|before|since|because|although|"
    r"when|until)\b|\bas\s+(?=\w+\s+(?:said|say|says)\b)|,\s+(?:(?:which|who|whose|as|"
    r"and\s+(?:the|its|their|a))\b|(?=(?:[\w'’\-]+\s+){0,5}?(?:said|says|say|reported|told|"
    r"added|according)\b))|[;\"“”():]|—|–\s)"
)
PLAIN_QUOTE = re.compile(r"[\"“]([^\"“”]{2,3000}?)[\"”]")
PLAIN_SENTENCE_END = re.compile(r"(?=[.!?\n])(?:[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n+)")


@pytest.mark.parametrize(
    ("fast", "plain"),
    [
        (extract._BOUNDARY, PLAIN_BOUNDARY),
        (claimants._SENTENCE_END, PLAIN_SENTENCE_END),
        (claimants._QUOTE, PLAIN_QUOTE),
    ],
    ids=["boundary", "sentence end", "quote"],
)
def test_reordered_patterns_match_as_written(fast, plain):
    for text in TEXTS:
        for start in (0, 1, 3):
            assert spans(fast.finditer(text, start)) == spans(plain.finditer(text, start))


def test_clause_boundaries_of_some_sentences_are_those_of_the_whole_text():
    rng = random.Random(5)
    for text in [*SAMPLES, *(t.replace(",", ". ") for t in TEXTS[:500])]:
        sentences = claimants.split_sentences(text)
        everywhere = [m.start() for m in extract._BOUNDARY.finditer(text)]
        for _ in range(3):
            some = sorted(rng.sample(sentences, min(len(sentences), rng.randint(1, 4))))
            expected = [b for b in everywhere if any(s.start <= b < s.end for s in some)]
            assert extract._clause_boundaries(text, some) == expected


def test_cues_by_sentence_are_those_of_each_sentence_alone():
    for text in TEXTS:
        sentences = claimants.split_sentences(text)
        alone = [spans(claimants.ATTRIBUTION.finditer(text, s.start, s.end)) for s in sentences]
        assert [spans(c) for c in claimants._cues_by_sentence(text, sentences)] == alone
