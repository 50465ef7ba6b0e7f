"""The trigger scan: the per-word shortcut finds exactly what one big alternation finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.claims.triggers import TRIGGER_REGEX, TRIGGERS, find_trigger_matches

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "tests" / "data" / "conflict_dev.jsonl",
    ROOT / "tests" / "test_claims_extract.py",
]


def corpus_texts():
    texts = []
    for path in CORPORA:
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def full_scan(text):
    return [(m.start(), m.end(), m.group()) for m in TRIGGER_REGEX.finditer(text) if m.group()]


def test_the_word_shortcut_matches_the_full_alternation():
    texts = corpus_texts()
    assert texts
    for text in texts:
        fast = [(m.start(), m.end(), m.group()) for m, _ in find_trigger_matches(text)]
        assert fast == full_scan(text)


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("created a base", "base"),
        ("keep a base", "base"),
        ("maintain their presence", "presence"),
        ("are deployed in", "presence"),
        ("controlling part of the territory", "control"),
        ("retook", "control"),
        ("was captured by", "control"),
        ("support the", "support"),
        ("deployed to", "deployment"),
        ("withdrew from", "withdrawal"),
        ("air strike on", "strike"),
        ("drone attack on", "strike"),
        ("clashed with", "clash"),
        ("fighting between", "clash"),
        ("patrolled", "patrol"),
    ],
)
def test_each_trigger_phrase_signals_its_relation(text, relation):
    found = find_trigger_matches(f"They {text} Raqqa.")
    assert [spec.relation for _, spec in found][:1] == [relation]


@pytest.mark.parametrize("text", ["the encirclement", "rebel-held districts", "held talks"])
def test_word_parts_and_compounds_are_no_triggers(text):
    assert find_trigger_matches(text) == []


def test_every_trigger_lists_its_lead_words():
    assert all(spec.leads.split() for spec in TRIGGERS)
