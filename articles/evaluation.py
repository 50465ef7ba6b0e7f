"""Evaluation of geoparser and claim predictions against gold JSON Lines (ORM-free).

Formats and metrics are those of DESIGN.md "Evaluation format" and ../shared/eval/README.md:
toponym precision/recall/F1 by span overlap with greedy pairing (gold in text order, each takes
the first unused overlapping prediction); accuracy within 161 km end to end (over every literal
gold toponym) and for resolution (over the paired ones); the end-to-end share of point toponyms
within 20 km; the median error; the share of gold metonyms flagged; claim precision/recall/F1.

One diagnostic is added beside them, `resolution_same_geonameid_or_161km`: a paired prediction
also counts as right when it names the gold's GeoNames entity, because gazetteers disagree by
hundreds of km on the single point of a large country or province.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HALF_EARTH_KM = 20038.0  # error of a paired prediction without coordinates (eval README)
ACC_KM = 161.0
POINT_KM = 20.0
CLAIM_KM = 50.0


class EvaluationInputError(ValueError):
    """A gold or prediction line is not valid JSON or lacks a required field."""


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    toponyms: tuple[dict[str, Any], ...]
    claims: tuple[dict[str, Any], ...]


def read_jsonl(path: Path | str, *, require_text: bool = True) -> Iterator[Document]:
    """Yield the documents of a JSON Lines file; a bad line raises an error naming it."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            yield parse_line(line, where=f"{path}, line {number}", require_text=require_text)


def parse_line(line: str, *, where: str, require_text: bool = True) -> Document:
    """Return the document of one JSON line, checking the fields the metrics read."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise EvaluationInputError(f"{where}: not valid JSON ({error.msg})") from error
    if not isinstance(data, dict):
        raise EvaluationInputError(f"{where}: expected a JSON object")
    if "id" not in data:
        raise EvaluationInputError(f"{where}: missing 'id'")
    text = data.get("text", "")
    if require_text and not isinstance(text, str):
        raise EvaluationInputError(f"{where}: missing or non-string 'text'")
    if require_text and "text" not in data:
        raise EvaluationInputError(f"{where}: missing 'text'")
    toponyms = data.get("toponyms") or []
    claims = data.get("claims") or []
    if not isinstance(toponyms, list) or not isinstance(claims, list):
        raise EvaluationInputError(f"{where}: 'toponyms' and 'claims' must be lists")
    for index, toponym in enumerate(toponyms):
        if not isinstance(toponym, dict):
            raise EvaluationInputError(f"{where}: toponym {index} is not an object")
        for key in ("start", "end"):
            if not isinstance(toponym.get(key), int):
                raise EvaluationInputError(f"{where}: toponym {index} lacks an integer '{key}'")
        for key in ("lat", "lon"):
            value = toponym.get(key)
            if value is not None and not isinstance(value, (int, float)):
                raise EvaluationInputError(f"{where}: toponym {index} has a non-numeric '{key}'")
    for index, claim in enumerate(claims):
        if not isinstance(claim, dict) or "actor" not in claim or "relation" not in claim:
            raise EvaluationInputError(f"{where}: claim {index} needs 'actor' and 'relation'")
    return Document(str(data["id"]), text or "", tuple(toponyms), tuple(claims))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def pair_toponyms(
    gold: Iterable[dict[str, Any]], predicted: Iterable[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Return each gold toponym (in text order) with its greedily paired prediction or None."""
    predictions = sorted(predicted, key=lambda p: (p["start"], p["end"]))
    used = [False] * len(predictions)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for toponym in sorted(gold, key=lambda g: (g["start"], g["end"])):
        match = None
        for index, prediction in enumerate(predictions):
            if not used[index] and _overlaps(toponym, prediction):
                used[index] = True
                match = prediction
                break
        pairs.append((toponym, match))
    return pairs


def _error_km(gold: dict[str, Any], prediction: dict[str, Any]) -> float:
    if prediction.get("lat") is None or prediction.get("lon") is None:
        return HALF_EARTH_KM
    return haversine_km(gold["lat"], gold["lon"], prediction["lat"], prediction["lon"])


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return 0.0 if precision is not None and recall is not None else None
    return round(2 * precision * recall / (precision + recall), 4)


def _claim_matches(
    gold_claim: dict[str, Any], predicted: dict[str, Any], gold_doc: Document
) -> bool:
    if str(gold_claim.get("actor", "")).casefold() != str(predicted.get("actor", "")).casefold():
        return False
    if gold_claim.get("relation") != predicted.get("relation"):
        return False
    location = predicted.get("location")
    wanted = gold_claim.get("location")
    if not wanted:
        return not location
    if not isinstance(location, dict):
        return False
    wanted_text = str(wanted).casefold()
    for toponym in gold_doc.toponyms:
        if str(toponym.get("text", "")).casefold() != wanted_text:
            continue
        if (
            isinstance(location.get("start"), int)
            and isinstance(location.get("end"), int)
            and _overlaps(toponym, location)
        ):
            return True
        if (
            location.get("lat") is not None
            and location.get("lon") is not None
            and toponym.get("lat") is not None
            and haversine_km(toponym["lat"], toponym["lon"], location["lat"], location["lon"])
            <= CLAIM_KM
        ):
            return True
    return False


def evaluate(gold_docs: Iterable[Document], predicted_docs: Iterable[Document]) -> dict[str, Any]:
    """Return the DESIGN metrics of predictions against gold documents, as a JSON-ready dict."""
    predictions = {doc.id: doc for doc in predicted_docs}
    documents = 0
    gold_count = predicted_count = paired = 0
    literal_total = literal_within = resolution_pairs = resolution_within = 0
    point_total = point_within = 0
    metonym_total = metonym_flagged = 0
    errors: list[float] = []
    # Diagnostic beside the DESIGN metrics: the same GeoNames entity counts as right even when
    # the two gazetteers put an area's point more than 161 km apart (countries, provinces).
    entity_pairs = entity_right = 0
    gold_claims = predicted_claims = matched_claims = 0
    for gold in gold_docs:
        documents += 1
        predicted = predictions.get(gold.id)
        predicted_toponyms = list(predicted.toponyms) if predicted else []
        predicted_count += len(predicted_toponyms)
        gold_count += len(gold.toponyms)
        for toponym, match in pair_toponyms(gold.toponyms, predicted_toponyms):
            if match is not None:
                paired += 1
            if toponym.get("role", "literal") == "metonym":
                metonym_total += 1
                if match is not None and match.get("role") == "metonym":
                    metonym_flagged += 1
                continue
            if toponym.get("lat") is None or toponym.get("lon") is None:
                continue
            literal_total += 1
            is_point = toponym.get("kind", "point") == "point"
            point_total += is_point
            if match is None:
                continue
            error = _error_km(toponym, match)
            errors.append(error)
            resolution_pairs += 1
            if toponym.get("geonameid") is not None:
                entity_pairs += 1
                entity_right += error <= ACC_KM or match.get("geonameid") == toponym["geonameid"]
            if error <= ACC_KM:
                literal_within += 1
                resolution_within += 1
            if is_point and error <= POINT_KM:
                point_within += 1
        gold_claims += len(gold.claims)
        claims = list(predicted.claims) if predicted else []
        predicted_claims += len(claims)
        used = [False] * len(claims)
        for gold_claim in gold.claims:
            for index, claim in enumerate(claims):
                if not used[index] and _claim_matches(gold_claim, claim, gold):
                    used[index] = True
                    matched_claims += 1
                    break
    precision = _ratio(paired, predicted_count)
    recall = _ratio(paired, gold_count)
    claim_precision = _ratio(matched_claims, predicted_claims)
    claim_recall = _ratio(matched_claims, gold_claims)
    return {
        "documents": documents,
        "gold_toponyms": gold_count,
        "predicted_toponyms": predicted_count,
        "paired_toponyms": paired,
        "toponym_precision": precision,
        "toponym_recall": recall,
        "toponym_f1": _f1(precision, recall),
        "literal_gold_toponyms": literal_total,
        "acc161_end_to_end": _ratio(literal_within, literal_total),
        "acc161_resolution": _ratio(resolution_within, resolution_pairs),
        "points_within_20km_end_to_end": _ratio(point_within, point_total),
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "resolution_same_geonameid_or_161km": _ratio(entity_right, entity_pairs),
        "gold_metonyms": metonym_total,
        "metonyms_flagged": _ratio(metonym_flagged, metonym_total),
        "gold_claims": gold_claims,
        "predicted_claims": predicted_claims,
        "matched_claims": matched_claims,
        "claim_precision": claim_precision,
        "claim_recall": claim_recall,
        "claim_f1": _f1(claim_precision, claim_recall),
    }


def mention_to_toponym(mention: Any, geonameid: int | None = None) -> dict[str, Any]:
    """Return the prediction-format toponym of a ResolvedMention."""
    toponym: dict[str, Any] = {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "lat": mention.lat,
        "lon": mention.lon,
        "role": mention.role,
        "precision": mention.precision,
    }
    if geonameid is not None:
        toponym["geonameid"] = geonameid
    if mention.candidates:
        toponym["score"] = mention.candidates[0].score
    return toponym


def prediction_toponyms(
    mentions: Iterable[Any], geonameids: dict[int, int] | None = None
) -> list[dict[str, Any]]:
    """Return the predicted toponyms of a document's mentions.

    A mention whose span holds other mentions ("between Raqqa and Tabqa" around "Raqqa" and
    "Tabqa") is left out: each name is scored once, by its own span.
    """
    mentions = list(mentions)
    geonameids = geonameids or {}
    kept = []
    for mention in mentions:
        holds_other = any(
            other is not mention
            and mention.start <= other.start
            and other.end <= mention.end
            and (other.start, other.end) != (mention.start, mention.end)
            for other in mentions
        )
        if not holds_other:
            kept.append(mention_to_toponym(mention, geonameids.get(mention.place_id or -1)))
    return kept


def prediction_claims(claims: Iterable[Any], mentions: list[Any]) -> list[dict[str, Any]]:
    """Return the prediction-format claims of ExtractedClaims over a document's mentions."""
    result = []
    for claim in claims:
        location = None
        index = claim.mention_index
        if index is not None and 0 <= index < len(mentions):
            mention = mentions[index]
            location = {
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "lat": mention.lat,
                "lon": mention.lon,
            }
        item: dict[str, Any] = {
            "actor": claim.actor,
            "relation": claim.relation,
            "location": location,
            "claimant": claim.claimant,
            "status": claim.status,
        }
        if claim.second_actor:
            item["second_actor"] = claim.second_actor
        result.append(item)
    return result
