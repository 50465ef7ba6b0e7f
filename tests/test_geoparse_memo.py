"""The geoparser's memos (the longest-name trie, base scores, candidates) never change a result."""

from __future__ import annotations

import random

from articles.geoparse import geoparse_text
from articles.geoparse.gazetteer import Gazetteer
from articles.geoparse.recognize import Recognizer, tokenize
from tests.test_geoparse_world import METONYMS, PLACES, small_gazetteer

# Words that start, continue, end or break names: multi-word and variant names, possessives,
# abbreviations with a period, generic place words, articles and punctuation.
WORDS = [
    *(row[1] for row in PLACES),
    *(name for row in PLACES for name in row[9]),
    "Damascus's", "Syria’s", "St.", "Mt. Hermon", "the", "The", "air", "base", "border",
    "crossing", "River", "province", "al", "Al", "Tall", "Deir", "ez", "Zor", "New", "Police",
    "said", "Turkish", "Syrian", "Gulf of", "Aden", "22", "Tower", "of", "in", "Kremlin",
    "northern", "east of the", "near", "30 km north of", "countryside", "between", "and",
    "the border with", "eastern bank of the",
]  # fmt: skip
GAPS = [" ", " ", " ", "-", ", ", ". ", "\n", " - ", "’s ", "", ": "]


def random_texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 14)):
            parts.append(rnd.choice(WORDS))
            parts.append(rnd.choice(GAPS))
        if rnd.random() < 0.5:
            parts.pop()  # end the text right after a word
        texts.append("".join(parts))
    return texts


def test_remembered_longest_names_match_a_fresh_search() -> None:
    recognizer = Recognizer(small_gazetteer(), METONYMS)
    for text in random_texts(1, 3000):
        tokens = tokenize(text)
        for i in range(len(tokens)):
            fresh = recognizer._search_longest(tokens, i)[0]
            assert recognizer._longest(tokens, i) == fresh, (text, i)
            assert recognizer._longest(tokens, i) == fresh, (text, i)  # now from the memo


def test_results_do_not_depend_on_what_was_parsed_before() -> None:
    texts = random_texts(2, 400)
    warm = Gazetteer.from_state(small_gazetteer().__getstate__())  # (the shared one stays as is)
    for text in texts:
        geoparse_text(text, warm, metonym_names=METONYMS)  # fill the memos
    for text in texts:
        # A gazetteer of its own starts with empty memos (and a recognizer of its own).
        fresh = Gazetteer.from_state(small_gazetteer().__getstate__())
        expected = geoparse_text(text, fresh, metonym_names=METONYMS)
        # Derived regions are cached under order-free keys ("border:JO:SY") but built by the
        # first mention needing one, so they are left out: only the memos are compared here.
        warm.regions.clear()
        assert geoparse_text(text, warm, metonym_names=METONYMS) == expected, text
