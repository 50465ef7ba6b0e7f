"""Claim extraction, sentence by sentence: relations, claimants, statuses, coreference, places."""

from __future__ import annotations

import pytest

from articles.claims import ACLED_TYPES, acled_type, extract_claims, load_bundled_lexicon
from articles.geoparse.types import ResolvedMention
from tests.test_claims_helpers import claim_rows, mentions_for


def extract(text, places=(), metonyms=(), datelines=(), outlet="Example Wire"):
    mentions = mentions_for(text, literal=places, metonym=metonyms, dateline=datelines)
    claims = extract_claims(text, mentions, load_bundled_lexicon(), outlet=outlet)
    return mentions, claims


def rows(text, places=(), metonyms=(), datelines=(), outlet="Example Wire"):
    mentions, claims = extract(text, places, metonyms, datelines, outlet)
    return claim_rows(text, mentions, claims)


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("Turkish troops set up a new base near Manbij.", ["Manbij"], ("Turkey", "base", "Manbij")),
        (
            "US forces keep a garrison at Al Tanf.",
            ["Al Tanf"],
            ("United States", "base", "Al Tanf"),
        ),
        (
            "Russian military police are deployed in Qamishli.",
            ["Qamishli"],
            ("Russia", "presence", "Qamishli"),
        ),
        (
            "American troops maintain their presence in Hasakah province.",
            ["Hasakah province"],
            ("United States", "presence", "Hasakah province"),
        ),
        (
            "The SDF captured Raqqa after a four-month battle.",
            ["Raqqa"],
            ("Syrian Democratic Forces", "control", "Raqqa"),
        ),
        (
            "Houthi rebels seized the port of Hodeidah.",
            ["Hodeidah"],
            ("Houthis", "control", "Hodeidah"),
        ),
        (
            "The Syrian army retook Palmyra in March.",
            ["Palmyra"],
            ("Syrian government", "control", "Palmyra"),
        ),
        (
            "The US-led coalition carried out an air strike on Hajin.",
            ["Hajin"],
            ("Global Coalition against Daesh", "strike", "Hajin"),
        ),
        (
            "Israeli jets struck Damascus international airport.",
            ["Damascus international airport"],
            ("Israel", "strike", "Damascus international airport"),
        ),
        (
            "Ukraine launched a drone attack on the Engels air base.",
            ["Engels air base"],
            ("Ukraine", "strike", "Engels air base"),
        ),
        (
            "Iran sent hundreds of fighters to Deir ez-Zor.",
            ["Deir ez-Zor"],
            ("Iran", "deployment", "Deir ez-Zor"),
        ),
        (
            "French troops withdrew from Gao in August.",
            ["Gao"],
            ("France", "withdrawal", "Gao"),
        ),
        (
            "Russian military police patrolled the area around Ain Issa.",
            ["Ain Issa"],
            ("Russia", "patrol", "Ain Issa"),
        ),
    ],
)
def test_it_recognises_each_relation(text, places, expected):
    found = [row[:3] for row in rows(text, places)]
    assert expected in found


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "Iran supports the Houthis in northern Yemen.",
            ["northern Yemen"],
            ("Iran", "support", "northern Yemen", "Houthis"),
        ),
        (
            "Turkey backs the Syrian National Army in Afrin.",
            ["Afrin"],
            ("Turkey", "support", "Afrin", "Syrian National Army"),
        ),
        (
            "Wagner fighters clashed with Tuareg rebels near Tinzaouaten.",
            ["Tinzaouaten"],
            ("Wagner Group", "clash", "Tinzaouaten", "Azawad Liberation Front"),
        ),
        (
            "Fighting between the SDF and the Syrian National Army broke out near Manbij.",
            ["Manbij"],
            ("Syrian Democratic Forces", "clash", "Manbij", "Syrian National Army"),
        ),
        (
            "The LNA clashed with GNA forces in Tarhuna.",
            ["Tarhuna"],
            ("Libyan National Army", "clash", "Tarhuna", "Government of National Unity"),
        ),
    ],
)
def test_it_names_the_second_actor_of_support_and_clash(text, places, expected):
    found = [(a, r, p, second) for a, r, p, _, second in rows(text, places)]
    assert expected in found


@pytest.mark.parametrize(
    "text",
    [
        "Washington supports provision of humanitarian help in Syria.",
        "The US backed a ceasefire in Idlib.",
    ],
)
def test_support_without_a_supported_actor_is_no_claim(text):
    assert [r for r in rows(text, ["Syria", "Idlib"]) if r[1] == "support"] == []


@pytest.mark.parametrize(
    ("text", "places", "claimant"),
    [
        (
            "US forces keep a base near Al Tanf, according to the Syrian Observatory for Human"
            " Rights.",
            ["Al Tanf"],
            "the Syrian Observatory for Human Rights",
        ),
        (
            "Russia's defence ministry said Turkish troops shelled Tal Rifaat.",
            ["Tal Rifaat"],
            "Russia's defence ministry",
        ),
        (
            '"Turkish troops shelled Tal Rifaat overnight," said Mazloum Abdi.',
            ["Tal Rifaat"],
            "Mazloum Abdi",
        ),
        (
            "The Pentagon reported that US troops patrolled the area around Rmeilan.",
            ["Rmeilan"],
            "the Pentagon",
        ),
        (
            "SDF commander Mazloum Abdi noted that US forces remain in Hasakah.",
            ["Hasakah"],
            "Mazloum Abdi (SDF commander)",
        ),
        ("Israeli jets struck Damascus airport.", ["Damascus airport"], "Example Wire"),
    ],
)
def test_it_attributes_each_claim_to_its_claimant(text, places, claimant):
    _, claims = extract(text, places)
    assert claims
    assert {c.claimant for c in claims} == {claimant}


def test_a_quoted_paragraph_keeps_the_speaker_of_its_quotation():
    text = (
        'Defence Minister Ali Hassan spoke on Monday. "The militias are gone. '
        'Iraqi troops control Tal Afar now," he said.'
    )
    _, claims = extract(text, ["Tal Afar"])
    assert [c.claimant for c in claims] == ["Ali Hassan (Defence Minister)"]


def test_the_article_speaker_carries_into_an_unattributed_paragraph():
    text = (
        "Ukrainian Defence Minister Oleksii Reznikov said on Friday that the front was stable.\n\n"
        "Reznikov said Russian troops had suffered heavy losses.\n\n"
        "Russian forces are still entrenched around Bakhmut."
    )
    _, claims = extract(text, ["Bakhmut"])
    assert [c.claimant for c in claims] == ["Oleksii Reznikov (Ukrainian Defence Minister)"]


def test_a_dateline_names_the_wire_service_when_no_outlet_is_given():
    text = "KYIV, May 3 (Reuters) - Russian forces struck Kharkiv overnight."
    mentions, claims = extract(text, ["Kharkiv"], datelines=["KYIV"], outlet="")
    assert [(c.claimant, mentions[c.mention_index].text) for c in claims] == [
        ("Reuters", "Kharkiv")
    ]


@pytest.mark.parametrize(
    ("text", "places", "status"),
    [
        ("Turkish troops shelled Tal Rifaat.", ["Tal Rifaat"], "asserted"),
        ("Turkey denied that its troops shelled Tal Rifaat.", ["Tal Rifaat"], "denied"),
        ("US forces did not withdraw from Manbij.", ["Manbij"], "denied"),
        ("It said that no Turkish soldiers had entered Manbij.", ["Manbij"], "denied"),
        (
            "Moscow denied any role and accused Ukrainian forces of shelling Nikopol.",
            ["Nikopol"],
            "alleged",
        ),
        (
            "Bamako denied it, saying only that Russian instructors were training troops at"
            " Sevare.",
            ["Sevare"],
            "asserted",
        ),
        ("US forces no longer hold the Conoco field.", ["the Conoco field"], "denied"),
        ("Russia plans to deploy troops to Qamishli.", ["Qamishli"], "planned"),
        ("Turkey will set up observation posts in Idlib.", ["Idlib"], "planned"),
        (
            "Washington is nursing plans to create a base in Deir ez-Zor.",
            ["Deir ez-Zor"],
            "planned",
        ),
        (
            "Damascus accused the SDF of seizing oil fields near Deir ez-Zor.",
            ["Deir ez-Zor"],
            "alleged",
        ),
        ("Hezbollah fighters allegedly attacked a post near Metula.", ["Metula"], "alleged"),
    ],
)
def test_it_reads_the_status_of_the_claim(text, places, status):
    found = rows(text, places, metonyms=["Washington", "Damascus"])
    assert found
    assert {r[3] for r in found} == {status}


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "The Houthis fired missiles at Marib. They also seized Harib.",
            ["Marib", "Harib"],
            [
                ("Houthis", "strike", "Marib"),
                ("Houthis", "control", "Harib"),
            ],
        ),
        (
            "Turkey said its forces struck PKK positions in Sinjar.",
            ["Sinjar"],
            [("Turkey", "strike", "Sinjar")],
        ),
        (
            "Iran-backed militias entered Albu Kamal on Sunday. The militias now control the"
            " border crossing there.",
            ["Albu Kamal"],
            [
                ("Iran-backed militias", "presence", "Albu Kamal"),
                ("Iran-backed militias", "control", "Albu Kamal"),
            ],
        ),
        (
            "US troops remain in Deir ez-Zor, where they patrol the oil fields.",
            ["Deir ez-Zor"],
            [
                ("United States", "presence", "Deir ez-Zor"),
                ("United States", "patrol", "Deir ez-Zor"),
            ],
        ),
        (
            "JNIM fighters besieged Djibo for months. The group also attacked an army post in"
            " Arbinda.",
            ["Djibo", "Arbinda"],
            [("JNIM", "presence", "Djibo"), ("JNIM", "clash", "Arbinda")],
        ),
    ],
)
def test_it_resolves_pronouns_there_and_where(text, places, expected):
    found = [row[:3] for row in rows(text, places)]
    for claim in expected:
        assert claim in found


@pytest.mark.parametrize(
    ("text", "places", "metonyms", "expected"),
    [
        (
            "Speaking in Ankara, the minister said Turkish troops struck targets near Kobani.",
            ["Ankara", "Kobani"],
            [],
            [("Turkey", "strike", "Kobani")],
        ),
        (
            "Russian jets, which took off from Hmeimim, struck Idlib on Tuesday.",
            ["Hmeimim", "Idlib"],
            [],
            [("Russia", "strike", "Idlib")],
        ),
        (
            "Washington said it would withdraw troops from Syria.",
            ["Syria"],
            ["Washington"],
            [("United States", "withdrawal", "Syria")],
        ),
        (
            "The Kremlin said Russian forces seized Avdiivka.",
            ["Avdiivka"],
            ["the Kremlin"],
            [("Russia", "control", "Avdiivka")],
        ),
        (
            "Moscow, which backs the Syrian government, has warplanes at Hmeimim in Latakia.",
            ["Hmeimim", "Latakia"],
            ["Moscow"],
            [("Russia", "presence", "Hmeimim")],
        ),
        (
            "Turkish troops moved from Hatay into Idlib province.",
            ["Hatay", "Idlib province"],
            [],
            [("Turkey", "deployment", "Idlib province")],
        ),
        (
            "The SDF holds Raqqa, Tabqa and Manbij.",
            ["Raqqa", "Tabqa", "Manbij"],
            [],
            [
                ("Syrian Democratic Forces", "control", "Raqqa"),
                ("Syrian Democratic Forces", "control", "Tabqa"),
                ("Syrian Democratic Forces", "control", "Manbij"),
            ],
        ),
    ],
)
def test_the_claim_is_about_the_place_of_the_event(text, places, metonyms, expected):
    found = [row[:3] for row in rows(text, places, metonyms)]
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "metonym"),
    [
        ("Washington keeps a base near Al Tanf.", "Washington"),
        ("Ankara struck PKK positions near Qandil.", "Ankara"),
        ("Tehran deployed advisers to Aleppo.", "Tehran"),
    ],
)
def test_a_metonym_is_an_actor_never_a_location(text, metonym):
    mentions, claims = extract(text, ["Al Tanf", "Qandil", "Aleppo"], metonyms=[metonym])
    assert claims
    assert all(mentions[c.mention_index].text != metonym for c in claims)
    assert all(c.actor in {"United States", "Turkey", "Iran"} for c in claims)


def test_a_literal_capital_after_a_strike_is_the_place():
    mentions, claims = extract("Israeli jets struck Damascus.", ["Damascus"])
    assert claim_rows("", mentions, claims) == [("Israel", "strike", "Damascus", "asserted", None)]


def test_a_sentence_without_a_place_yields_no_claim():
    assert rows("US forces struck targets overnight.") == []


def test_a_trigger_inside_an_actor_name_is_not_a_relation():
    assert rows("The Rapid Support Forces are in Khartoum.", ["Khartoum"]) == [
        ("Rapid Support Forces", "presence", "Khartoum", "asserted", None)
    ]


@pytest.mark.parametrize(
    ("relation", "kind", "expected"),
    [
        ("base", "state", ("Strategic developments", "Headquarters or base established")),
        ("strike", "state", ("Explosions/Remote violence", "Air/drone strike")),
        ("clash", "rebel", ("Battles", "Armed clash")),
        ("control", "rebel", ("Battles", "Non-state actor overtakes territory")),
        ("control", "jihadist", ("Battles", "Non-state actor overtakes territory")),
        ("control", "state", ("Battles", "Government regains territory")),
    ],
)
def test_it_maps_relations_to_acled_types(relation, kind, expected):
    assert acled_type(relation, kind) == expected


def test_every_relation_has_an_acled_type():
    from articles.claims import RELATIONS

    assert set(ACLED_TYPES) == set(RELATIONS)


def test_shelling_is_acleds_artillery_sub_event():
    assert acled_type("strike", "state", "shelled") == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "Ukrainian troops entered Kherson and took control of the city.",
            ["Kherson"],
            ("Ukraine", "control", "Kherson"),
        ),
        (
            "Kataib Hezbollah fired rockets at the Ain al-Asad air base. The base was evacuated and"
            " US troops withdrew from the base.",
            ["Ain al-Asad air base"],
            ("United States", "withdrawal", "Ain al-Asad air base"),
        ),
        (
            "Fighting raged in the Kursk region. Russia sent reinforcements to the region.",
            ["the Kursk region"],
            ("Russia", "deployment", "the Kursk region"),
        ),
    ],
)
def test_a_definite_description_stands_for_the_place_named_before(text, places, expected):
    assert expected in [row[:3] for row in rows(text, places)]


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "Government forces retook Sirte from the Islamic State in Libya.",
            ["Sirte", "Libya"],
            ("Government of National Unity", "control", "Sirte"),
        ),
        (
            "Government forces retook Palmyra, Syrian state media said.",
            ["Palmyra"],
            ("Syrian government", "control", "Palmyra"),
        ),
        (
            "In Mali, the army retook Kidal.",
            ["Mali", "Kidal"],
            ("Mali", "control", "Kidal"),
        ),
    ],
)
def test_government_forces_belong_to_the_country_the_article_is_about(text, places, expected):
    assert expected in [row[:3] for row in rows(text, places)]


def test_coordinated_actors_each_get_the_claim():
    found = [row[:3] for row in rows("Russian and Turkish troops patrolled Kobani.", ["Kobani"])]
    assert sorted(found) == [("Russia", "patrol", "Kobani"), ("Turkey", "patrol", "Kobani")]


def test_a_unit_of_a_named_force_is_that_force():
    found = rows("Russian soldiers of the Africa Corps arrived in Ouagadougou.", ["Ouagadougou"])
    assert [row[:3] for row in found] == [("Africa Corps", "deployment", "Ouagadougou")]


def test_an_object_pronoun_is_not_the_subject_of_its_clause():
    text = "Houthi forces besiege Taiz. Government troops accused them of shelling Taiz."
    found = [row[:4] for row in rows(text, ["Taiz"])]
    assert ("Houthis", "strike", "Taiz", "alleged") in found


def test_which_refers_to_the_place_a_qualifier_hangs_on():
    text = "Russian troops are inside the nuclear plant at Enerhodar, which they have occupied."
    found = [row[:3] for row in rows(text, ["nuclear plant", "Enerhodar"])]
    assert ("Russia", "control", "nuclear plant") in found


def test_a_participle_describing_the_object_is_no_event():
    text = "Russian jets struck Ukrainian units massing in the Sumy region."
    assert [row[:3] for row in rows(text, ["the Sumy region"])] == [
        ("Russia", "strike", "the Sumy region")
    ]


def test_a_demonym_mention_is_never_a_place_and_never_hides_its_actor():
    text = "Turkish troops shelled Tal Rifaat."
    demonym = ResolvedMention(0, 7, "Turkish", is_demonym=True)
    place = ResolvedMention(23, 33, "Tal Rifaat")
    claims = extract_claims(text, [demonym, place], load_bundled_lexicon())
    assert [(c.actor, c.relation, c.mention_index) for c in claims] == [("Turkey", "strike", 1)]


def test_a_name_describing_targets_is_no_place():
    text = "Saudi-led coalition jets struck Houthi positions in Sirwah."
    found = [row[:3] for row in rows(text, ["Houthi", "Sirwah"])]
    assert found == [("Saudi-led coalition", "strike", "Sirwah")]


def test_places_in_the_dateline_are_no_claim_locations():
    text = "QAMISHLI, Syria, Oct. 10 (Wire) – Turkish warplanes pounded Ras al-Ain."
    found = [row[:3] for row in rows(text, ["QAMISHLI", "Syria", "Ras al-Ain"])]
    assert found == [("Turkey", "strike", "Ras al-Ain")]


def test_an_origin_is_not_where_a_strike_lands():
    text = "French aircraft from their base in Niamey struck the attackers."
    assert [row[:3] for row in rows(text, ["Niamey"])] == [("France", "base", "Niamey")]


def test_a_place_inside_an_actor_name_is_part_of_the_name():
    text = "The US supports the Syrian Democratic Forces in Hasakah."
    syria = ResolvedMention(20, 25, "Syria")  # a geoparser slip inside "Syrian"
    hasakah = ResolvedMention(48, 55, "Hasakah")
    claims = extract_claims(text, [syria, hasakah], load_bundled_lexicon())
    assert [(c.actor, c.relation, c.mention_index, c.second_actor) for c in claims] == [
        ("United States", "support", 1, "Syrian Democratic Forces")
    ]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Ministry spokesman Major General Igor Volkov said US troops patrolled Manbij.",
            "Major General Igor Volkov (Ministry spokesman)",
        ),
        (
            "The spokesman, Colonel Mark Reyes, said coalition troops patrolled Manbij.",
            "Colonel Mark Reyes",
        ),
        ("Rebel negotiators said Russian troops patrolled Manbij.", "Rebel negotiators"),
        (
            "US troops patrolled Manbij, the Ukrainian nuclear operator said.",
            "the Ukrainian nuclear operator",
        ),
        ("The SDF said US troops patrolled Manbij.", "Syrian Democratic Forces"),
    ],
)
def test_it_names_speakers_as_people_read_them(text, claimant):
    _, claims = extract(text, ["Manbij"])
    assert [c.claimant for c in claims] == [claimant]


def test_each_claim_takes_the_attribution_nearest_to_it():
    text = (
        "Washington says its troops are in Syria, and a US defence official said there were no"
        " plans to pull them out of Tanf."
    )
    mentions, claims = extract(text, ["Syria", "Tanf"])
    by_place = {mentions[c.mention_index].text: c.claimant for c in claims}
    assert by_place["Tanf"] == "a US defence official"


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "The US-led coalition will leave Baghdad by September.",
            ["Baghdad"],
            ("Global Coalition against Daesh", "withdrawal", "Baghdad", "planned"),
        ),
        (
            "The Rapid Support Forces seized Nyala. The paramilitary group also shelled El Fasher.",
            ["Nyala", "El Fasher"],
            ("Rapid Support Forces", "strike", "El Fasher", "asserted"),
        ),
    ],
)
def test_more_phrasings_of_the_same_relations(text, places, expected):
    assert expected in [row[:4] for row in rows(text, places)]


def test_a_speaker_name_may_carry_an_arabic_particle():
    text = "Prime Minister Mohammed Shia al-Sudani said the coalition would leave Baghdad."
    _, claims = extract(text, ["Baghdad"])
    assert [c.claimant for c in claims] == ["Mohammed Shia al-Sudani (Prime Minister)"]


def test_it_survives_arbitrary_slices_and_mentions():
    # Seeded, so a failure reproduces; claims must always point at a literal, non-dateline,
    # non-demonym mention inside the text.
    import random

    from tests.test_claims_triggers import corpus_texts

    rnd = random.Random(7)
    texts = corpus_texts()
    lexicon = load_bundled_lexicon()
    for _ in range(400):
        source = rnd.choice(texts)
        start = rnd.randrange(len(source))
        text = source[start : start + rnd.randrange(1, 900)] + rnd.choice(["", "\n\n", " “", "—"])
        mentions = []
        for _ in range(rnd.randrange(8)):
            begin = rnd.randrange(len(text) + 1)
            end = min(len(text), begin + rnd.randrange(30))
            mentions.append(
                ResolvedMention(
                    begin,
                    end,
                    text[begin:end],
                    role=rnd.choice(["literal", "metonym"]),
                    is_dateline=rnd.random() < 0.1,
                    is_demonym=rnd.random() < 0.1,
                    precision=rnd.choice([None, 1, 2, 5, 6]),
                )
            )
        for claim in extract_claims(text, mentions, lexicon, outlet=rnd.choice(["", "Wire"])):
            mention = mentions[claim.mention_index]
            assert mention.role == "literal"
            assert not mention.is_dateline and not mention.is_demonym
            assert 0.0 <= claim.confidence <= 1.0
            assert 0 <= claim.sentence_start <= claim.sentence_end <= len(text)


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n", "US", "“", "The US struck", "they struck it there."]
)
def test_it_returns_nothing_for_degenerate_text(text):
    assert extract_claims(text, [], load_bundled_lexicon()) == ()


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "PKK fighters must leave Sinjar under the agreement.",
            ["Sinjar"],
            [("PKK", "presence", "Sinjar")],
        ),
        (
            "Tuareg rebels said they withdrew from Kidal after days of drone strikes on Anefis.",
            ["Kidal", "Anefis"],
            [("Azawad Liberation Front", "withdrawal", "Kidal")],
        ),
        (
            "Its artillery pounded Syrian government positions around Saraqeb, Turkey said.",
            ["Saraqeb"],
            [],
        ),
        (
            "Amman said the attack had happened on the Syrian side of the frontier near Rukban.",
            ["Rukban"],
            [],
        ),
    ],
)
def test_who_acts_is_not_who_is_hit_or_who_reports(text, places, expected):
    found = [row[:3] for row in rows(text, places)]
    assert ("Syrian government", "strike", "Saraqeb") not in found
    assert ("Azawad Liberation Front", "strike", "Anefis") not in found
    for claim in expected:
        assert claim in found
    if not expected:
        assert all(actor != "Jordan" for actor, _, _ in found)


def test_blame_and_denial_refer_back_to_the_last_strike():
    text = (
        "A rocket struck a football pitch in Majdal Shams on Saturday, the Israeli military said,"
        " blaming Hezbollah. The group denied any role in the attack."
    )
    found = [row[:4] for row in rows(text, ["Majdal Shams"])]
    assert ("Hezbollah", "strike", "Majdal Shams", "alleged") in found
    assert ("Hezbollah", "strike", "Majdal Shams", "denied") in found


def test_a_blame_with_no_strike_before_it_is_no_claim():
    assert rows("Washington blamed Kataib Hezbollah for the unrest in Baghdad.", ["Baghdad"]) == []


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "In Yemen, coalition jets struck Houthi positions near Saada.",
            ["Yemen", "Saada"],
            ("Saudi-led coalition", "strike", "Saada"),
        ),
        (
            "In Syria, coalition jets struck Islamic State positions near Hajin.",
            ["Syria", "Hajin"],
            ("Global Coalition against Daesh", "strike", "Hajin"),
        ),
        (
            "Houthi forces besiege Taiz, and government troops accused them of shelling Taiz.",
            ["Taiz"],
            ("Houthis", "strike", "Taiz"),
        ),
        (
            "Kataib Hezbollah, a component of the Popular Mobilization Forces, denied having any"
            " presence in al-Qaim.",
            ["al-Qaim"],
            ("Kataib Hezbollah", "presence", "al-Qaim"),
        ),
    ],
)
def test_context_decides_who_the_coalition_and_them_are(text, places, expected):
    assert expected in [row[:3] for row in rows(text, places)]


def test_a_second_verb_shares_the_subject_not_the_object():
    text = (
        "Iraqi forces have driven the Islamic State from the desert and now control the whole"
        " frontier from al-Qaim to Rabia."
    )
    found = [row[:3] for row in rows(text, ["al-Qaim", "Rabia"])]
    assert sorted(found) == [("Iraq", "control", "Rabia"), ("Iraq", "control", "al-Qaim")]


def test_fighting_alongside_someone_is_presence():
    text = "Moscow denied that Russian mercenaries were fighting alongside Haftar's forces south of"
    text += " Tripoli."
    found = [row[:4] for row in rows(text, ["south of Tripoli"], metonyms=["Moscow"])]
    assert ("Wagner Group", "presence", "south of Tripoli", "denied") in found


@pytest.mark.parametrize(
    ("text", "places", "metonyms"),
    [
        ("It came a day before a meeting about Syria to be held in Moscow.", ["Moscow"], []),
        (
            "Damascus would plan further action with Moscow and Tehran after the government takes"
            " full control of Aleppo.",
            ["Aleppo"],
            ["Damascus", "Moscow", "Tehran"],
        ),
    ],
)
def test_general_news_phrasing_makes_no_claim(text, places, metonyms):
    assert rows(text, places, metonyms) == []


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "The Russian defence minister said his forces had captured Avdiivka.",
            ["Avdiivka"],
            [("Russia", "control", "Avdiivka", "asserted", None)],
        ),
        (
            "Turkish air strikes hit Qandil overnight.",
            ["Qandil"],
            [("Turkey", "strike", "Qandil", "asserted", None)],
        ),
        ("Rebels seized Goma, where they set up a base.", ["Goma"], []),
        ("Heavy rain flooded Dhaka and Chittagong on Monday, officials said.", ["Dhaka"], []),
    ],
)
def test_a_text_naming_no_actor_makes_a_claim_only_through_a_demonym(text, places, expected):
    # No actor mention in any of these: the extractor may stop early, but not where a demonym
    # still names the actor ("his forces" after "the Russian … minister", "Turkish air strikes").
    lexicon = load_bundled_lexicon()
    assert not lexicon.find_mentions(text) and not lexicon.find_modified_mentions(text)
    assert rows(text, places) == expected
