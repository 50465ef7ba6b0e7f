"""Evaluation metrics (DESIGN / eval README) on hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.evaluation import (
    Document,
    EvaluationInputError,
    evaluate,
    haversine_km,
    pair_toponyms,
    read_jsonl,
)

TEXT = "Fighting near Manbij and Raqqa; Washington says US forces stay in northern Syria."
# spans: Manbij 14-20, Raqqa 25-30, Washington 32-42, northern Syria 66-80


def topo(start: int, end: int, lat: float | None, lon: float | None, **extra) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end], "lat": lat, "lon": lon, **extra}


GOLD = Document(
    "d1",
    TEXT,
    (
        topo(14, 20, 36.528, 37.955, role="literal", kind="point"),
        topo(25, 30, 35.953, 39.008, role="literal", kind="point"),
        topo(32, 42, 38.895, -77.036, role="metonym", kind="point"),
        topo(66, 80, 36.2, 38.8, role="literal", kind="region"),
    ),
    (
        {"actor": "United States", "relation": "presence", "location": "northern Syria"},
        {"actor": "United States", "relation": "strike", "location": "Raqqa"},
    ),
)


def test_it_scores_a_perfect_prediction() -> None:
    predicted = Document("d1", "", GOLD.toponyms, ())
    metrics = evaluate([GOLD], [predicted])
    assert metrics["toponym_precision"] == metrics["toponym_recall"] == 1.0
    assert metrics["toponym_f1"] == 1.0
    assert metrics["acc161_end_to_end"] == metrics["acc161_resolution"] == 1.0
    assert metrics["points_within_20km_end_to_end"] == 1.0
    assert metrics["median_error_km"] == 0.0
    assert metrics["metonyms_flagged"] == 1.0


def test_it_counts_misses_end_to_end_but_not_for_resolution() -> None:
    predicted = Document(
        "d1",
        "",
        (
            topo(14, 20, 36.528, 37.955),  # Manbij, right
            topo(32, 42, 38.895, -77.036, role="metonym"),
            topo(63, 80, 40.0, 30.0),  # "in northern Syria" overlaps the gold span; 700 km off
            topo(0, 8, 10.0, 10.0),  # "Fighting": a false positive
        ),
        (),
    )
    metrics = evaluate([GOLD], [predicted])
    assert metrics["paired_toponyms"] == 3
    assert metrics["toponym_precision"] == 0.75
    assert metrics["toponym_recall"] == 0.75
    assert metrics["toponym_f1"] == 0.75
    # literal gold: Manbij (right), Raqqa (missed), northern Syria (wrong)
    assert metrics["literal_gold_toponyms"] == 3
    assert metrics["acc161_end_to_end"] == round(1 / 3, 4)
    assert metrics["acc161_resolution"] == 0.5
    # point gold: Manbij within 20 km, Raqqa missed
    assert metrics["points_within_20km_end_to_end"] == 0.5
    assert metrics["metonyms_flagged"] == 1.0


def test_a_paired_prediction_without_coordinates_is_wrong_and_half_the_earth_off() -> None:
    gold = Document("d", "Raqqa", (topo(0, 5, 35.95, 39.0),), ())
    predicted = Document("d", "", ({"start": 0, "end": 5, "lat": None, "lon": None},), ())
    metrics = evaluate([gold], [predicted])
    assert metrics["acc161_resolution"] == 0.0
    assert metrics["median_error_km"] == 20038.0


def test_pairing_is_greedy_in_text_order_and_uses_each_prediction_once() -> None:
    gold = [{"start": 0, "end": 5}, {"start": 6, "end": 10}]
    predicted = [{"start": 0, "end": 10}]
    pairs = pair_toponyms(gold, predicted)
    assert pairs[0][1] == predicted[0]
    assert pairs[1][1] is None


@pytest.mark.parametrize(
    ("claim", "matches"),
    [
        # location by span overlap, actor case-insensitive
        (
            {"actor": "united states", "relation": "presence",
             "location": {"start": 66, "end": 80, "lat": None, "lon": None}},
            True,
        ),
        # location within 50 km of the gold toponym's point
        (
            {"actor": "United States", "relation": "strike",
             "location": {"start": 0, "end": 3, "lat": 36.1, "lon": 39.2}},
            True,
        ),
        # 110 km away and no overlap
        (
            {"actor": "United States", "relation": "strike",
             "location": {"start": 0, "end": 3, "lat": 35.0, "lon": 39.0}},
            False,
        ),
        # wrong relation
        (
            {"actor": "United States", "relation": "base",
             "location": {"start": 66, "end": 80, "lat": 36.2, "lon": 38.8}},
            False,
        ),
    ],
)  # fmt: skip
def test_claims_match_on_actor_relation_and_location(claim: dict, matches: bool) -> None:
    predicted = Document("d1", "", (), (claim,))
    metrics = evaluate([GOLD], [predicted])
    assert metrics["matched_claims"] == int(matches)
    assert metrics["claim_recall"] == (0.5 if matches else 0.0)


def test_a_document_without_predictions_counts_as_all_missed() -> None:
    metrics = evaluate([GOLD], [])
    assert metrics["toponym_recall"] == 0.0
    assert metrics["acc161_end_to_end"] == 0.0
    assert metrics["acc161_resolution"] is None


def test_haversine_is_great_circle_km() -> None:
    assert round(haversine_km(0, 0, 0, 1)) == 111
    assert round(haversine_km(33.5138, 36.2765, 36.2021, 37.1343)) == 309  # Damascus-Aleppo


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ('["a list"]', "line 2: expected a JSON object"),
        ('{"text": "no id"}', "line 2: missing 'id'"),
        ('{"id": "x"}', "line 2: missing 'text'"),
        ('{"id": "x", "text": "t", "toponyms": [{"start": "0", "end": 1}]}', "integer 'start'"),
        ('{"id": "x", "text": "t", "claims": [{"actor": "US"}]}', "needs 'actor' and 'relation'"),
    ],
)
def test_a_bad_line_is_reported_with_its_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": "fine"}) + "\n" + line + "\n")
    with pytest.raises(EvaluationInputError, match=message):
        list(read_jsonl(path))


def test_the_entity_diagnostic_accepts_the_same_geonames_id_far_away() -> None:
    gold = Document(
        "d",
        "Canada",
        ({"start": 0, "end": 6, "lat": 60.1, "lon": -113.6, "geonameid": 6251999},),
        (),
    )
    same = Document(
        "d", "", ({"start": 0, "end": 6, "lat": 56.8, "lon": -110.4, "geonameid": 6251999},), ()
    )
    metrics = evaluate([gold], [same])
    assert metrics["acc161_resolution"] == 0.0  # 400 km apart: the DESIGN metric says wrong
    assert metrics["resolution_same_geonameid_or_161km"] == 1.0
