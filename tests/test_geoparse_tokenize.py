"""The tokenizer's fast pattern splits text exactly as the plain one it replaced."""

from __future__ import annotations

import random
import re

import pytest

from articles.geoparse.recognize import _TOKEN_SPLIT, tokenize

# Initials, numbers, then words with inner marks: alternatives tried in this order.
PLAIN = re.compile(
    r"((?:[A-Z]\.){2,}|\d+(?:[.,]\d+)?(?![^\W_])|[‘ʿʾ'`]?[^\W_]+(?:[’'ʼʿʾ‘`][^\W_]+)*)"
)

CASES = [
    "U.S. forces near Al-Tanf, 55 km from the U.K.'s base",
    "Raʾs al ‘Ayn and ʿAyn al-ʿArab; Ra’s al ‘Ayn",
    "1,000 troops, 3.5km, 12.5x and T4 airbase; 4x4 trucks",
    "A.B.c, AB.C., U.S, aU.S., É.S., ‘’ʿ ʾ` '",
    "Ḩasakah, Харків, حلب, İzmir, ß, Ⅻ, ², ½, ٣٤",
    "",
]


@pytest.mark.parametrize("text", CASES)
def test_fast_pattern_splits_like_the_plain_one(text: str) -> None:
    assert _TOKEN_SPLIT.split(text) == PLAIN.split(text)


def test_fast_pattern_on_random_text() -> None:
    pieces = [*"aZU.S,0159 ’'ʼʿʾ‘`-_\n—ABcd4xé٣", "Raʾs", "‘Ayn", "U.S.", "3.5km", "1,000", "Xx.Y."]
    rnd = random.Random(3)
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25)))
        assert _TOKEN_SPLIT.split(text) == PLAIN.split(text), text


def test_tokens_carry_offsets_and_gaps() -> None:
    text = "In U.S.-backed raids near Raʾs al ‘Ayn."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "In",
        "U.S.",
        "backed",
        "raids",
        "near",
        "Raʾs",
        "al",
        "‘Ayn",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.gap for t in tokens][:3] == ["", " ", "-"]
