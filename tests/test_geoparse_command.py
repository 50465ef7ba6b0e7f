"""The geoparse and evaluate commands and the gazetteer cache, on the test database."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles import gazetteer_cache
from articles.models import Place, PlaceKind, PlaceName, PlaceOrigin

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One directory for the module: building from the tables is the slow part, done once.
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(autouse=True)
def _own_cache_dir(settings, cache_dir: Path):
    settings.GAZETTEER_CACHE_DIR = str(cache_dir)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    return path


def test_it_writes_predictions_in_the_evaluation_format(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": "MOSCOW, April 5. Washington says US troops stay near Al Tanf."},
            {"id": "b", "text": "Shelling hit Qamishli and northern Syria."},
        ],
    )
    output = tmp_path / "out.jsonl"
    call_command("geoparse", str(source), "--output", str(output), stderr=StringIO())
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    first = {t["text"]: t for t in lines[0]["toponyms"]}
    assert first["MOSCOW"]["role"] == "literal"
    assert first["Washington"]["role"] == "metonym"
    assert first["Al Tanf"]["precision"] == 2
    assert abs(first["Al Tanf"]["lat"] - 33.506) < 0.05
    assert "US" not in first  # an adjective ("US troops") names an actor, not a place
    second = {t["text"]: t for t in lines[1]["toponyms"]}
    assert second["Qamishli"]["geonameid"] == 173377
    assert second["northern Syria"]["precision"] == 5
    assert isinstance(lines[0]["claims"], list)
    for line in lines:
        for toponym in line["toponyms"]:
            assert {"start", "end", "text", "lat", "lon", "role", "precision"} <= set(toponym)


def test_the_demonyms_option_adds_adjectives_of_nationality(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Turkish troops left."}])
    output = tmp_path / "out.jsonl"
    call_command("geoparse", str(source), "-o", str(output), "--demonyms", stderr=StringIO())
    toponyms = json.loads(output.read_text())["toponyms"]
    assert [(t["text"], t["precision"]) for t in toponyms] == [("Turkish", 6)]


def test_a_bad_input_line_is_named(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Aleppo"}\n{"id": "b"\n')
    with pytest.raises(CommandError, match=r"in\.jsonl, line 2: not valid JSON"):
        call_command("geoparse", str(source), "-o", str(tmp_path / "o.jsonl"), stderr=StringIO())


def test_evaluate_prints_the_metrics_as_json(tmp_path: Path) -> None:
    text = "Shelling hit Qamishli, officials in Damascus said."
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "g",
                "text": text,
                "toponyms": [
                    {"start": 13, "end": 21, "text": "Qamishli", "lat": 37.05215,
                     "lon": 41.23142, "role": "literal", "kind": "point"},
                    {"start": 35, "end": 43, "text": "Damascus", "lat": 33.5102,
                     "lon": 36.29128, "role": "literal", "kind": "point"},
                ],
                "claims": [],
            }
        ],
    )  # fmt: skip
    out = StringIO()
    call_command("evaluate", str(gold), stdout=out, stderr=StringIO())
    metrics = json.loads(out.getvalue())
    assert metrics["toponym_f1"] == 1.0
    assert metrics["acc161_end_to_end"] == 1.0
    predictions = write_jsonl(tmp_path / "pred.jsonl", [{"id": "g", "toponyms": []}])
    out = StringIO()
    call_command("evaluate", str(gold), "--predictions", str(predictions), stdout=out)
    assert json.loads(out.getvalue())["toponym_recall"] == 0.0


def test_evaluate_on_the_seed_article(tmp_path: Path) -> None:
    text = (SEED / "000_12002f5c7c04697f.txt").read_text()
    source = write_jsonl(tmp_path / "seed.jsonl", [{"id": "seed", "text": text}])
    output = tmp_path / "out.jsonl"
    call_command("geoparse", str(source), "-o", str(output), stderr=StringIO())
    toponyms = json.loads(output.read_text())["toponyms"]
    washington = [t for t in toponyms if t["text"] == "Washington"]
    # The seed README counts four in the body; the standfirst has a fifth.
    assert len(washington) >= 4 and all(t["role"] == "metonym" for t in washington)
    by_text = {t["text"]: t for t in toponyms}
    assert by_text["eastern Euphrates River bank"]["precision"] == 5


def test_the_cache_is_rebuilt_when_the_tables_change() -> None:
    gazetteer_cache.clear_gazetteer_cache()
    first = gazetteer_cache.get_gazetteer()
    assert gazetteer_cache.get_gazetteer() is first
    assert not first.lookup("zzyzx springs")
    place = Place.objects.create(
        name="Zzyzx Springs",
        kind=PlaceKind.SITE,
        country_code="SY",
        lat=35.0,
        lon=38.0,
        origin=PlaceOrigin.CURATED,
        source_id="test-zzyzx",
    )
    PlaceName.objects.create(place=place, name="Zzyzx Wells", normalized="zzyzx wells")
    second = gazetteer_cache.get_gazetteer()
    assert second is not first
    assert second.lookup("zzyzx springs") == (place.id,)
    assert second.lookup("zzyzx wells") == (place.id,)


def test_a_new_process_reads_the_pickled_cache() -> None:
    built = gazetteer_cache.get_gazetteer()
    gazetteer_cache.clear_gazetteer_cache()  # as if in a new process
    loaded = gazetteer_cache.get_gazetteer()
    assert loaded is not built
    assert len(loaded) == len(built) == Place.objects.count()
    assert list(Path(gazetteer_cache.cache_dir()).glob("*.pickle"))
