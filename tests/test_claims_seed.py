"""The four claims of the seed article, from hand-built mentions (no gazetteer, no database)."""

from __future__ import annotations

import pytest

from articles.claims import extract_claims, load_bundled_lexicon
from tests.test_claims_helpers import mentions_for

SEED_PLACES = (
    "Syria",
    "Al Tanf",
    "southeastern Syria",
    "northern Syria",
    "the eastern Euphrates River bank",
)


@pytest.fixture
def seed_claims(seed_text):
    mentions = mentions_for(
        seed_text, literal=SEED_PLACES, metonym=["Washington"], dateline=["MOSCOW"]
    )
    claims = extract_claims(seed_text, mentions, load_bundled_lexicon(), outlet="TASS")
    return mentions, claims


def located(mentions, claims, relation):
    return {mentions[c.mention_index].text for c in claims if c.relation == relation}


def test_it_finds_the_base_near_al_tanf(seed_claims):
    mentions, claims = seed_claims
    assert located(mentions, claims, "base") == {"Al Tanf"}


def test_it_finds_the_presence_in_southeastern_syria(seed_claims):
    mentions, claims = seed_claims
    assert located(mentions, claims, "presence") == {"southeastern Syria"}


def test_it_gives_one_control_claim_per_coordinated_place(seed_claims):
    mentions, claims = seed_claims
    assert located(mentions, claims, "control") == {
        "northern Syria",
        "the eastern Euphrates River bank",
    }


def test_it_finds_support_for_the_sdf_in_that_area(seed_claims):
    mentions, claims = seed_claims
    support = [c for c in claims if c.relation == "support"]
    assert support
    assert {c.second_actor for c in support} == {"Syrian Democratic Forces"}
    assert located(mentions, claims, "support") <= {
        "northern Syria",
        "the eastern Euphrates River bank",
    }


def test_every_seed_claim_is_the_united_states_asserted_by_lavrov(seed_claims):
    _, claims = seed_claims
    assert claims
    for claim in claims:
        assert claim.actor == "United States"
        assert claim.status == "asserted"
        assert "Lavrov" in claim.claimant
        assert 0.0 <= claim.confidence <= 1.0


def test_no_seed_claim_is_at_the_dateline_or_at_washington(seed_claims):
    mentions, claims = seed_claims
    places = {mentions[c.mention_index].text for c in claims}
    assert "MOSCOW" not in places
    assert "Washington" not in places
    assert "Syria" not in places


def test_the_claimant_names_the_minister_with_his_title(seed_claims):
    _, claims = seed_claims
    assert {c.claimant for c in claims} == {"Sergey Lavrov (Russian Foreign Minister)"}
