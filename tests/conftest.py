"""Shared fixtures: the regional gazetteer and the actor lexicon, loaded once per test database."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seed"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Countries whose populated places the integration tests load (countries, rivers, lakes,
# sites and regions load worldwide); the full bundle is for the app and the benchmarks.
TEST_COUNTRIES = frozenset(
    {
        "SY",
        "IQ",
        "TR",
        "JO",
        "LB",
        "IL",
        "PS",
        "IR",
        "SA",
        "YE",
        "LY",
        "UA",
        "RU",
        "US",
        "GB",
        "FR",
        "EG",
        "ML",
        "NE",
        "BF",
        "TD",
        "SD",
        "DJ",
        "AE",
        "QA",
        "KW",
        # Rows of no country: seas, gulfs and straits and regions shared by several countries
        # (curated, in the sites layer).
        "",
    }
)


def ensure_reference_data() -> None:
    """Load the regional gazetteer and the actors unless this database already has them."""
    from articles.actor_store import load_bundled_actors
    from articles.gazetteer_load import gazetteer_is_loaded, load_bundled_gazetteer

    if not gazetteer_is_loaded():
        load_bundled_gazetteer(countries=set(TEST_COUNTRIES))
    load_bundled_actors()


@pytest.fixture(autouse=True)
def check_gazetteer_every_call(settings):
    """Let each test see gazetteer changes at once (production checks every few seconds)."""
    settings.CONFLICTMAP_GAZETTEER_CHECK_SECONDS = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.fixture
def reference_data(db):
    """The gazetteer and actors, reloaded if a transactional test flushed them."""
    ensure_reference_data()


@pytest.fixture
def seed_text() -> str:
    path = SEED_DIR / "000_12002f5c7c04697f.txt"
    if not path.exists():
        pytest.fail(f"the seed article is expected at {path} (shared/ beside the project)")
    return path.read_text(encoding="utf-8")
