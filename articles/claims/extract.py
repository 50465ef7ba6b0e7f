"""Rule-based claim extraction: who is where, doing what, according to whom.

Per sentence with a relation trigger: the agent is the nearest actor mention (or a pronoun
resolved to one) before the trigger, or after it for passives ("held by the SDF"); the place
is the literal mention the trigger's clause is about (first after the trigger, then the
antecedent of "where", "there", then a locative phrase before it), with each place of a
coordinated phrase giving its own claim; the claimant comes from the sentence's attribution.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from articles.claims.claimants import (
    Claimants,
    Sentence,
    sentence_claimants,
    split_sentences,
)
from articles.claims.lexicon import ActorLexicon
from articles.claims.scan import finditer_from, trie_pattern
from articles.claims.triggers import (
    ALLEGED,
    DENIAL,
    DENIAL_AFTER,
    HYPHEN_RELATION,
    HYPHEN_RELATIONS,
    NEGATION,
    PLANNED,
    find_trigger_matches,
)
from articles.claims.types import ActorMention, ExtractedClaim
from articles.geoparse.types import ResolvedMention

# Words that end the clause a trigger belongs to, so its place is not searched past them.
# (The leading look-ahead lets the engine skip most characters after one test.)
# Every branch opens with a plain character (a word's first letter is matched before the
# look-behind that puts a word boundary in front of it), so the engine skips in C to the
# characters that can start one.
_BOUNDARY = re.compile(
    r"w(?<=\bw)(?:here(?:as)?|hile|hen)\b|b(?<=\bb)(?:ut|efore|ecause)\b|"
    r"a(?<=\ba)(?:fter|lthough)\b|s(?<=\bs)ince\b|u(?<=\bu)ntil\b|"
    r"a(?<=\ba)s\s+(?=\w+\s+(?:said|say|says)\b)|,\s+(?:(?:which|who|whose|as|"
    r"and\s+(?:the|its|their|a))\b|(?=(?:[\w'’\-]+\s+){0,5}?(?:said|says|say|reported|told|"
    r"added|according)\b))|;|\"|“|”|\(|\)|:|—|–\s",
)
# "Houthi positions", "US warplanes": a name right before these nouns describes them.
_MODIFIES_AFTER = re.compile(
    r"\s+(?:positions?|targets?|sites?|fighters|forces|troops|soldiers|militants|rebels|"
    r"fortifications|hideouts|strongholds|ships?|vessels|warships|warplanes|jets|drones?|"
    r"missiles?|aircraft|units|militias?|military|army|officials?|commanders?|leaders|defen[cs]e|"
    r"government|administration|embassy|envoy|diplomats?|spokes(?:man|woman|person)|party|"
    r"movement|council|front|brigades?)\b"
)
_TARGET_AFTER = re.compile(
    r"\s+(?:positions?|targets?|sites?|fortifications|hideouts|strongholds|depots?|checkpoints?|"
    r"facilities|installations|headquarters|camps?|outposts?)\b"
)
_COORDINATED_ACTOR = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+(?:the\s+)?")
_SUBJECT_AFTER = re.compile(
    r"(?:[’']s\s|-(?:backed|led|held|controlled|aligned|allied)\b|\s+(?:(?:also|has|have|had|is|"
    r"are|was|were|will|would|still|now|reportedly|says|said|and\s+its|announced|claimed|denied|"
    r"accused|warned|confirmed)\b))",
    re.IGNORECASE,
)
_PLACE_PREP = re.compile(
    r"\b(?:in|into|near|at|around|on|inside|across|outside|throughout|within|to|toward|towards|"
    r"from|over|along|through|of|via|off|beyond)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "officials in Anbar province said": the place of a speaker, not of an event.
_SPEAKER_PLACE_BEFORE = re.compile(
    r"\b(?:officials?|authorities|sources|residents|governor|media|people|spokes(?:man|woman|"
    r"person)|ministry|mayor|agency|monitor|council|command)\s+(?:in|of|from|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DESTINATION_BEFORE = re.compile(
    r"\b(?:bound\s+for|heading\s+(?:to|for)|headed\s+(?:to|for)|en\s+route\s+to|"
    r"linked\s+to|flights\s+to|(?:border|crossing|frontier|boundary)\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# The last word of each pattern above, before an optional "the".
_SPEAKER_PREPOSITIONS = frozenset({"in", "of", "from", "for"})
_DESTINATION_PREPOSITIONS = frozenset({"for", "to", "with"})


def _speaker_or_destination_before(text: str, start: int) -> bool:
    """Return whether _SPEAKER_PLACE_BEFORE or _DESTINATION_BEFORE ends at `start`.

    Both end in a preposition and whitespace (then maybe "the"), so the word before tells
    which, if either, to try; an unclear case (non-ASCII text, a cut word) tries both.
    """
    low = max(0, start - 24)
    tail = text[low:start]
    if not tail[-1:].isspace():
        return False
    speaker = destination = True
    if tail.isascii():
        words = tail.lower().split()
        k = len(words) - 1
        if k >= 0 and words[k] == "the":
            k -= 1
        if k > 0 or (k == 0 and low == 0):
            speaker = words[k] in _SPEAKER_PREPOSITIONS
            destination = words[k] in _DESTINATION_PREPOSITIONS
    return bool(
        (speaker and _SPEAKER_PLACE_BEFORE.search(text, max(0, start - 40), start))
        or (destination and _DESTINATION_BEFORE.search(text, max(0, start - 30), start))
    )


_SPEAKER_PLACE_AFTER = re.compile(
    r"\s+(?:said|says|say|reported|told|announced|added|claimed)\b|\s+(?:officials?|authorities|"
    r"governor|mayor)\s+(?:said|says|say)\b"
)
_QUALIFIER = re.compile(
    r"\s*,?\s*(?:in|of|near|outside|(?:\w+\s+)?(?:east|west|north|south|north-east|north-west|"
    r"south-east|south-west|northeast|northwest|southeast|southwest)\s+of)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    r"\s*,?\s*(?:(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?)?(?:in|at|of|near|on|outside)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_QUALIFIER_AT = re.compile(r"\s*,?\s*(?:in|at|of|near)\s+(?:the\s+)?", re.IGNORECASE)
_COORDINATION = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+|,?\s*including\s+)"
    r"(?:also\s+)?(?:(?:[\w'’\-]+\s+){0,4}?(?:in|on|at|near|around|into|across|of|along|inside|"
    r"to|outside)\s+)?(?:(?:the|a|an|parts?\s+of|areas?\s+of|nearby|neighbouring|neighboring|"
    r"town\s+of|city\s+of|village\s+of|port\s+of)\s+)*$",
    re.IGNORECASE,
)
# A sentence that opens with the place: "In Raqqa, SDF fighters …", "Meanwhile, near Gao, …".
_INITIAL_PP = re.compile(
    r"^\s*(?:(?:Meanwhile|Elsewhere|Also|Further\s+\w+|Earlier|Later|Overnight),?\s+)?"
    r"(?:[Ii]n|[Nn]ear|[Aa]t|[Aa]round|[Oo]n|[Ii]nside|[Aa]cross|[Oo]utside|[Tt]hroughout|[Oo]ver)"
    r"\s+(?:the\s+)?(?:[\w'’\-]+\s+){0,4}?$"
)
_SPEAKS_AFTER = re.compile(
    r"\s+(?:also\s+)?(?:said|says|say|told|reported|announced|accused|accuses|claimed|denied|"
    r"warned|confirmed|blamed)\b"
)
_AGENTIVE_BEFORE = re.compile(
    r"\b(?:(?:led|commanded|headed)\s+by|(?:allied|loyal|affiliated|aligned)\s+(?:to|with)|"
    r"(?:forces|fighters|troops|units|militias?|mercenaries)\s+(?:of|from|backing))\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_ORIGIN_BEFORE = re.compile(
    r"\bfrom\s+(?:(?:the|their|its|a|an)\s+)?(?:[\w\-]+\s+){0,3}?(?:in|at|near)?\s*(?:the\s+)?$"
)
_DEMANDED = re.compile(
    r"\b(?:must|should|ought\s+to|ha(?:ve|s)\s+to|(?:were|was|been)\s+(?:told|ordered|asked)\s+to)"
    r"\s+(?:\w+\s+)?$"
)
_NOMINAL_EVENT = re.compile(
    r"(?:air|drone|missile|rocket|artillery|naval|aerial)?[\s\-]*(?:strikes?|raids?|attacks?|"
    r"bombardments?|barrages?)\b",
    re.IGNORECASE,
)
_EVENT_IN_PHRASE = re.compile(
    r"\b(?:of|after|amid|during|following|despite|since)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
_NO_QUANTIFIER = re.compile(r"\b(?:no|not\s+a\s+single|none\s+of\s+the|neither)\s+$", re.I)
_STATUS_RESET = re.compile(r",\s+(?:saying|adding|but|while|although)\b|;|\bbut\b")
_VP_AND = re.compile(
    r"\band\s+(?:(?:now|also|then|later|still|have|has|had|were|was|are|is)\s+)*$", re.IGNORECASE
)
_SUBORDINATE_WITH_SUBJECT = re.compile(
    r"(?:after|before|when|while|since|because|although|until)\s+(?:the|a|an|its|their|his|her|"
    r"(?-i:[A-Z]))",
    re.IGNORECASE,
)
_HABITUAL = re.compile(r"\b(?:usually|rarely|declined\s+to\s+comment|does\s+not\s+comment)\b")
# "Kataib Hezbollah, a component of the PMF, denied …": the aside names no agent.
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+[^,.;]{0,70},")
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b[^,.;]*(?:,|$)")
_THERE = re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would)\b)", re.IGNORECASE)
_PRONOUN = re.compile(
    r"\b(?:they|them|it|(?:its|their|his|her)\s+(?:own\s+)?(?:forces|troops|fighters|soldiers|units|"
    r"military|jets|warplanes|drones|aircraft|army|men|militiamen|members|artillery|gunners)|"
    r"[Tt]he\s+(?:(?:paramilitary|armed|jihadist|militant|rebel|insurgent|extremist|Islamist|"
    r"Kurdish|Shiite|Shia|Sunni|Iran-backed|al\s+Qaeda-linked|separatist)\s+)?"
    r"(?:militias?|group|rebels|jihadists|militants|fighters|troops|forces|soldiers|"
    r"military|coalition|insurgents|movement|organi[sz]ation|paramilitaries|mercenaries|"
    r"separatists|extremists|terrorists|alliance|(?:peacekeeping\s+)?mission|peacekeepers)|"
    r"[Uu]nits|[Tt]roops|[Ss]oldiers)"
    r"\b|\b(?:They|It)\b"
)
_PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "militia": frozenset({"militia"}),
    "militias": frozenset({"militia"}),
    "rebels": frozenset({"rebel", "jihadist", "militia"}),
    "insurgents": frozenset({"rebel", "jihadist"}),
    "separatists": frozenset({"rebel", "militia"}),
    "jihadists": frozenset({"jihadist"}),
    "extremists": frozenset({"jihadist"}),
    "terrorists": frozenset({"jihadist", "rebel", "militia"}),
    "militants": frozenset({"jihadist", "rebel", "militia"}),
    "group": frozenset({"rebel", "jihadist", "militia", "pmc"}),
    "movement": frozenset({"rebel", "jihadist", "militia"}),
    "organisation": frozenset({"rebel", "jihadist", "militia", "pmc", "international"}),
    "organization": frozenset({"rebel", "jihadist", "militia", "pmc", "international"}),
    "paramilitaries": frozenset({"militia", "pmc"}),
    "mercenaries": frozenset({"pmc"}),
    "coalition": frozenset({"coalition"}),
    "mission": frozenset({"international"}),
    "peacekeepers": frozenset({"international"}),
    "alliance": frozenset({"coalition"}),
    "army": frozenset({"state"}),
    "units": frozenset({"state", "coalition", "rebel", "militia", "pmc"}),
}
# Phrases naming the forces of whichever government the article is about.
_GENERIC_GOVERNMENT = re.compile(
    r"(?=[PpGgLlRrTtAaIi])\b(?:(?:[Pp]ro-government|[Gg]overnment|[Ll]oyalist|[Rr]egular)\s+(?:forces|troops|soldiers|"
    r"units|fighters|army)|[Tt]he\s+government's\s+(?:allies|forces|troops)|[Gg]overnment\s+allies|"
    r"[Aa]rmy\s+units|[Tt]he\s+(?:national\s+|regular\s+)?army|[Tt]he\s+(?:military\s+)?junta|"
    r"[Tt]he\s+military\s+government|(?:[Tt]he\s+)?internationally\s+recogni[sz]ed\s+government"
    r"(?!\s+in\s+Tripoli))\b"
)
_GENERIC_GOVERNMENT_WORDS = ("overnment", "rmy", "egular", "oyalist", "junta")
_GENERIC_COALITION = re.compile(
    r"(?=[TtCc])\b(?:[Tt]he\s+coalition|[Cc]oalition\s+(?:forces|troops|soldiers|jets|warplanes|"
    r"aircraft|advisers|officials|spokesman))\b"
)
_HOSTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("Syrian government", r"\bSyria|Damascus|Aleppo|Idlib|Assad\b"),
        ("Iraq", r"\bIraq|Baghdad|Mosul|Anbar|Kirkuk"),
        ("Government of National Unity", r"\bLibya|Tripoli\b|Misrata|Benghazi|Sirte|Haftar"),
        ("Yemeni government", r"\bYemen|Aden\b|Marib|Houthi|Sanaa"),
        ("Mali", r"\bMali\b|Malian|Bamako"),
        ("Burkina Faso", r"Burkina|Ouagadougou"),
        ("Niger", r"\bNiger\b|Nigerien|Niamey"),
        ("Ukraine", r"Ukrain|Kyiv|Kharkiv|Donetsk|Zaporizhzhia"),
        ("Lebanese Armed Forces", r"\bLeban|Beirut"),
        ("Sudan", r"\bSudan|Khartoum"),
        ("Israel", r"\bIsrael|Gaza|Rafah|Jerusalem"),
    )
)
# Every country cue starts with a capital: the look-ahead skips the rest in one test.
_HOSTS_REGEX = re.compile(
    "(?=[A-Z])(?:"
    + "|".join(f"(?P<h{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(_HOSTS))
    + ")"
)
# Every cue is a word written out (with "\b" around some): their alternation finds them fast.
_HOSTS_FINDERS = [
    (
        re.compile(
            trie_pattern(
                cue.replace(r"\b", "")
                for _, pattern in _HOSTS
                for cue in pattern.pattern.split("|")
            )
        ),
        0,
    )
]
_POST_ASSAD = re.compile(
    r"transitional\s+government|interim\s+government|new\s+(?:Syrian\s+)?authorities|Sharaa|"
    r"fall\s+of\s+(?:Bashar\s+al-)?Assad|former\s+regime|Damascus's\s+new"
)


def _host_government(text: str, lexicon: ActorLexicon) -> str | None:
    """Return the government whose country the article is mostly about (for "government forces")."""
    counts: dict[str, int] = {}
    for match in finditer_from(_HOSTS_REGEX, _HOSTS_FINDERS, text):
        name = _HOSTS[int(match.lastgroup[1:])][0]  # type: ignore[index]
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    name = max(counts, key=lambda k: counts[k])
    if name == "Syrian government" and _POST_ASSAD.search(text):
        name = "Syrian transitional government"
    return name if lexicon.get(name) is not None else None


def _generic_mentions(text: str, lexicon: ActorLexicon) -> list[ActorMention]:
    # Every match holds one of these words; most texts have none of them.
    governments = (
        list(_GENERIC_GOVERNMENT.finditer(text))
        if any(word in text for word in _GENERIC_GOVERNMENT_WORDS)
        else []
    )
    coalitions = list(_GENERIC_COALITION.finditer(text)) if "oalition" in text else []
    host = _host_government(text, lexicon) if governments or coalitions else None
    found = []
    if host is not None:
        found += [ActorMention(m.start(), m.end(), m.group(), host, "alias") for m in governments]
    # "the coalition" is the Saudi-led one in Yemen and the one against the Islamic State
    # elsewhere.
    coalition = (
        "Saudi-led coalition" if host == "Yemeni government" else ("Global Coalition against Daesh")
    )
    if lexicon.get(coalition) is not None:
        found += [
            ActorMention(m.start(), m.end(), m.group(), coalition, "alias") for m in coalitions
        ]
    return sorted(found, key=lambda m: m.start)


# Definite descriptions that point back to a place: "the city", "the base", "the region".
_PLACE_ANAPHOR_BODY = (
    r"(?:[Tt]he|[Tt]hat|[Tt]his)\s+(?:(?:nearby|same|besieged|embattled|key|strategic|frontline|front-line|"
    r"captured|northern|southern|eastern|western|small|main|coastal|border)\s+)?"
    r"(city|town|village|base|air\s?base|airbase|airport|airfield|dam|camp|site|plant|station|"
    r"region|area|province|oblast|governorate|district|field|oil\s+field|crossing|garrison|"
    r"outpost|port|facility|enclave|island|peninsula|country|border|frontier)\b"
    r"(?!\s+(?:of|around|near|between|outside)\b)"
)
_PLACE_ANAPHOR = re.compile(r"(?=[Tt])\b" + _PLACE_ANAPHOR_BODY)
# Without its word boundary the pattern opens with "[Tt]", which the engine skips to quickly.
_PLACE_ANAPHOR_FINDERS = [(re.compile(_PLACE_ANAPHOR_BODY), 0)]
_FACILITY_WORDS = re.compile(
    r"crossing|base|airport|airfield|camp|dam|field|plant|port|terminal|bridge|station|gate",
    re.IGNORECASE,
)
_POINT_WORDS = re.compile(
    r"region|province|oblast|governorate|district|northern|southern|eastern|western|north|south|"
    r"east|west|bank|valley|strip|heights|desert|countryside|sea|gulf|coast|border",
    re.IGNORECASE,
)
_ANAPHOR_KEYS = {
    "base": ("base", "garrison", "tanf", "airfield", "outpost"),
    "airbase": ("base", "airfield", "airport"),
    "air base": ("base", "airfield", "airport"),
    "airport": ("airport", "airfield"),
    "airfield": ("airfield", "airport", "base"),
    "dam": ("dam",),
    "camp": ("camp",),
    "plant": ("plant", "power"),
    "station": ("station", "plant"),
    "field": ("field",),
    "oil field": ("field",),
    "crossing": ("crossing", "gate", "border"),
    "garrison": ("garrison", "base"),
    "outpost": ("outpost", "base", "post"),
    "port": ("port", "harbour", "harbor"),
    "region": ("region", "oblast", "province", "governorate"),
    "province": ("province", "governorate", "region"),
    "oblast": ("oblast", "region"),
    "governorate": ("governorate", "province"),
    "district": ("district",),
    "border": ("border", "frontier"),
    "frontier": ("frontier", "border"),
}
_REGION_ANAPHORS = frozenset({"region", "province", "oblast", "governorate", "district", "area"})
_POINT_ANAPHORS = frozenset({"city", "town", "village", "capital", "port"})
# Pronouns resolve to an actor named at most this far back; "the city" to a place this far.
_COREF_WINDOW = 900
_PLACE_ANAPHOR_WINDOW = 1500
# A second actor ("support the SDF", "clashed with IS") sits at most this many words after.
_OBJECT_GAP = re.compile(
    r"^\s*(?:(?:the|a|an|its|their|local|allied|rival|pro-\w+|\w+-backed|\w+-led|Kurdish|Arab|"
    r"forces|fighters|of|and|to|for|with|against|between|both|members|units|militants|"
    r"positions|elements)\s+){0,4}$",
    re.IGNORECASE,
)
# "Three US soldiers were killed": the victims of an event are not its agent.
_VICTIM_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+\s+)?(?:killed|"
    r"wounded|injured|hurt|captured|taken\s+prisoner)\b"
)
# Forces named with where they are: "American troops at the al-Omar oil field".
_NOMINAL_PRESENCE = re.compile(
    r"\s+(?:(?:who\s+are\s+|which\s+are\s+)?(?:still\s+)?(?:stationed|based|deployed|positioned|"
    r"garrisoned)\s+)?(?:at|in|inside)\s+(?:the\s+)?"
)
_NOMINAL_BASE = re.compile(
    r"\s+(?:(?:military|air|naval|main|largest|forward|logistics|small|new|former)\s+){0,2}"
    r"(?:base|garrison|outpost|airbase|air\s+base)s?\s+(?:at|in|near|on)\s+(?:the\s+)?"
)
_FORCE_TAIL = re.compile(
    r"(?:forces|troops|soldiers|military|army|marines|police|advisers|personnel|contingent|"
    r"units|fighters|commandos|paratroopers|servicemen|mercenaries|militiamen)$",
    re.IGNORECASE,
)


# The small records below are named tuples rather than frozen dataclasses: as immutable, and
# several times cheaper to create (an article makes thousands of them).
class _Agent(NamedTuple):
    actor: str
    start: int
    end: int
    explicit: bool  # named in the sentence, not a pronoun resolved backwards
    blamed: bool = False  # named as the culprit after the fact ("…, blaming Hezbollah")


class _Trigger(NamedTuple):
    start: int
    end: int
    relation: str
    passive: bool
    text: str
    fixed_agent: ActorMention | None = None  # "US-backed", "American troops at …"
    refers_back: bool = False  # about the last strike told ("…, blaming Hezbollah")


class _Place(NamedTuple):
    start: int
    end: int
    index: int  # the mention a claim here points to (the antecedent, for "the city")
    anaphor: bool = False


class _Article:
    """The indexes one extraction run needs over an article's text."""

    def __init__(
        self,
        text: str,
        mentions: Sequence[ResolvedMention],
        lexicon: ActorLexicon,
        triggers: Sequence[_Trigger],
        named: tuple[list[ActorMention], list[ActorMention], list[ActorMention]],
        demonym: bool,
    ) -> None:
        """Index `text`; `named` holds the lexicon's, the demonym phrases' and the generic
        actor mentions of it, `demonym` whether a capitalised demonym occurs in it."""
        self.text = text
        self.lexicon = lexicon
        # Clause boundaries in the sentences with triggers (set by extract_claims): each
        # trigger's clause is looked up by bisection.
        self.boundaries: list[int] = []
        dateline_end = _dateline_end(text)
        spans = sorted(
            (
                (m.start, m.end, i, m)
                for i, m in enumerate(mentions)
                # A demonym mention ("Turkish") names who, not where: never a place, and it
                # must not hide the actor phrase it starts ("Turkish troops").
                if m.role == "literal" and m.end > m.start and not getattr(m, "is_demonym", False)
            ),
            key=lambda s: s[0],
        )
        span_starts = [s[0] for s in spans]
        max_len = max((e - s for s, e, _, _ in spans), default=0)
        trigger_starts = [t.start for t in triggers]

        lexicon_mentions, modified_mentions, generic_mentions = named
        found_actors = _merge_actor_mentions(
            lexicon_mentions,
            modified_mentions,
            _trigger_modifiers(text, lexicon, triggers) if demonym else [],
            generic_mentions,
        )
        actors: list[ActorMention] = []
        used_as_actor: set[int] = set()
        actor_starts_all = {a.start for a in found_actors}

        def found_actors_next(found: ActorMention) -> bool:
            # "US and British warplanes": the next words name another actor.
            gap = _COORDINATED_ACTOR.match(text, found.end)
            return bool(gap) and gap.end() in actor_starts_all

        for found in found_actors:
            if found.start < dateline_end:
                continue
            lo = bisect.bisect_left(span_starts, found.start - max_len)
            hi = bisect.bisect_left(span_starts, found.end)
            overlapping = [
                (i, m) for s, e, i, m in spans[lo:hi] if s < found.end and found.start < e
            ]
            if any(m.is_dateline for _, m in overlapping):
                continue
            # A place inside a longer name ("Syrian Democratic Forces", "Manbij Military
            # Council") is part of the name; an exact overlap ("Turkey", "Damascus") depends on
            # how the name is used.
            inside_name = all(
                found.start <= m.start and m.end <= found.end and m.end - m.start < len(found.text)
                for _, m in overlapping
            )
            if overlapping and not (
                inside_name
                or _in_subject_position(text, found, trigger_starts)
                or (found_actors_next(found) and _COORDINATED_ACTOR.match(text, found.end))
            ):
                continue  # "struck Damascus", "in Iraq": the geoparser's literal place stands
            used_as_actor.update(i for i, _ in overlapping)
            actors.append(found)
        # "Russian soldiers of the Africa Corps", "mercenaries of the Wagner Group": the
        # named unit is the actor, the nationality only describes it.
        self.actors = [
            a
            for k, a in enumerate(actors)
            if not (
                k + 1 < len(actors)
                and a.form == "demonym"
                and actors[k + 1].form != "demonym"
                and _rx(r"\s+(?:of|from)\s+(?:the\s+)?").fullmatch(
                    text[a.end : actors[k + 1].start]
                )
            )
        ]
        self.actor_starts = [a.start for a in self.actors]
        # Without an actor (nor a demonym a pronoun could stand for) no claim can be made: the
        # places are not needed.
        self.hopeless = not self.actors and not demonym
        if self.hopeless:
            return

        literal = [
            _Place(s, e, i)
            for s, e, i, m in spans
            if i not in used_as_actor
            and not m.is_dateline
            and s >= dateline_end
            and not _speaker_or_destination_before(text, s)
            and not _SPEAKER_PLACE_AFTER.match(text, e)
            and not _MODIFIES_AFTER.match(text, e)
        ]
        self.places = sorted(literal + self._anaphors(literal, mentions), key=lambda p: p.start)
        self.place_starts = [p.start for p in self.places]
        self.place_position = {(p.start, p.index): k for k, p in enumerate(self.places)}

    def _anaphors(self, literal: list[_Place], mentions: Sequence[ResolvedMention]) -> list[_Place]:
        """Return "the city", "the base", … as places standing for the place they refer to."""
        out: list[_Place] = []
        starts = [p.start for p in literal]
        text = self.text
        for match in finditer_from(_PLACE_ANAPHOR, _PLACE_ANAPHOR_FINDERS, text):
            k = bisect.bisect_left(starts, match.start())
            if k < len(literal) and literal[k].start < match.end():
                continue  # part of a name ("the Tabqa air base" as one mention)
            if k > 0 and literal[k - 1].end > match.start():
                continue
            noun = " ".join(match.group(1).lower().split())
            antecedent = _antecedent(
                text, literal[:k], mentions, noun, match.start() - _PLACE_ANAPHOR_WINDOW
            )
            if antecedent is not None:
                out.append(_Place(match.start(), match.end(), antecedent, anaphor=True))
        return out

    def claimant_name(self, label: str) -> str:
        """Return a claimant label, with an actor's abbreviation spelt out ("SDF")."""
        bare = label.removeprefix("the ")
        if not bare.isupper():
            return label  # "the Pentagon", "US Central Command" say who spoke more exactly
        found = self.lexicon.find_mentions(bare)
        if len(found) == 1 and found[0].text == bare and found[0].form in {"name", "alias"}:
            return found[0].actor
        return label

    def actors_between(self, start: int, end: int) -> list[ActorMention]:
        lo = bisect.bisect_left(self.actor_starts, start)
        hi = bisect.bisect_left(self.actor_starts, end)
        return self.actors[lo:hi]

    def places_between(self, start: int, end: int) -> list[_Place]:
        lo = bisect.bisect_left(self.place_starts, start)
        hi = bisect.bisect_left(self.place_starts, end)
        return self.places[lo:hi]

    def _subject_before(self, start: int, lo: int, hi: int) -> str | None:
        """Return the first acting actor of the pronoun's sentence, else of the one before."""
        text = self.text
        sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        candidates = [
            a
            for a in self.actors[lo:hi]
            if a.end <= start
            and not _is_modifier(text, a)
            and not _VICTIM_AFTER.match(text, a.end)
            and not _is_object(text, a.start - 16, a.start)
            and not _SPEAKS_AFTER.match(text, a.end)
        ]
        if any(a.start >= sentence_start for a in self.actors[lo:hi]):
            return None  # within a sentence the nearest actor is the better guess
        if candidates:
            last_sentence = max(text.rfind(". ", 0, candidates[-1].start), 0)
            earlier = [a for a in candidates if a.start >= last_sentence]
            return earlier[0].actor
        return None

    def resolve_pronoun(self, start: int, word: str) -> str | None:
        """Return the actor a pronoun or a definite description at `start` stands for."""
        head = word.split()[-1].lower()
        text = self.text
        if word[:3].lower() in {"his", "her"}:
            # "the Russian defence minister ordered his forces": the person's country.
            nationality = _rx(
                r"\b([A-Z][a-z]+)\s+(?:[a-z]+\s+){0,3}[a-z]+\s+(?:\w+\s+){0,3}$"
            ).findall(text[max(0, start - 70) : start])
            for adjective in reversed(nationality):
                actor = self.lexicon.actor_for_adjective(adjective)
                if actor is not None:
                    return actor
        if head == "it" and _rx(r"\s+(?:was|is|has\s+been|will\s+be|would\s+be)\b").match(
            text[start + 2 :]
        ):
            return None  # "It was the first strike on the city"
        if head == "them":
            # "government troops accused them of shelling": not the clause's own subject, but
            # an actor of an earlier clause ("Houthi forces besiege Taiz, and …") may be meant.
            sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
            clause = max(
                (
                    m.start()
                    for m in _rx(r",|\band\b|\bbut\b").finditer(text, sentence_start, start)
                ),
                default=sentence_start,
            )
            hi = bisect.bisect_left(self.actor_starts, clause)
            lo = bisect.bisect_left(self.actor_starts, start - _COREF_WINDOW)
            for found in reversed(self.actors[lo:hi]):
                if not _is_modifier(text, found) and not _VICTIM_AFTER.match(text, found.end):
                    return found.actor
            return None
        if head in {"they", "it"} and _rx(r",?\s+and\s+$").search(text, max(0, start - 8), start):
            # "X arrived in Ouagadougou to protect Y, and they are now …": the subject goes on.
            sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
            for found in self.actors[
                bisect.bisect_left(self.actor_starts, sentence_start) : bisect.bisect_left(
                    self.actor_starts, start
                )
            ]:
                if not (
                    _is_modifier(text, found)
                    or _VICTIM_AFTER.match(text, found.end)
                    or _SPEAKS_AFTER.match(text, found.end)
                    or _is_object(text, found.start - 16, found.start)
                ):
                    return found.actor
        if head in {"they", "it"}:
            # "The rebels said they had withdrawn": the description just before is the antecedent.
            described = [
                m
                for m in _PRONOUN.finditer(text, max(0, start - 60), start)
                if m.group().split()[-1].lower() not in {"they", "it"}
            ]
            if described and not _rx(r"[.;]").search(text[described[-1].end() : start]):
                return self.resolve_pronoun(described[-1].start(), described[-1].group())
        kinds = _PRONOUN_KINDS.get(head)
        lo = bisect.bisect_left(self.actor_starts, start - _COREF_WINDOW)
        hi = bisect.bisect_left(self.actor_starts, start)
        if not kinds:
            subject = self._subject_before(start, lo, hi)
            if subject is not None:
                return subject
        for found in reversed(self.actors[lo:hi]):
            if found.end > start:
                continue
            if kinds and self.lexicon.kind_of(found.actor) not in kinds:
                continue
            if _is_modifier(text, found):
                continue
            if not kinds and _is_object(text, found.start - 16, found.start):
                continue
            if _VICTIM_AFTER.match(text, found.end):
                continue
            return found.actor
        return None


def _dateline_end(text: str) -> int:
    """Return where the dateline ("QAMISHLI, Syria, Oct. 10 (Wire) –") ends, 0 if none."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][\w'’.\- ]{1,30}){0,2},?\s+[^\n]{0,60}?"
    r"(?:\)\s*[–—\-]+|/\s*\.|\s[–—]\s|\s-{1,2}\s)"
)


def _antecedent(
    text: str,
    before: list[_Place],
    mentions: Sequence[ResolvedMention],
    noun: str,
    earliest: int,
) -> int | None:
    """Return the mention index "the <noun>" refers to: the nearest fitting place before it."""
    candidates = [p for p in reversed(before) if p.start >= earliest]
    if not candidates:
        return None
    # "Moura, a town in central Mali", "Tinzaouaten on the Algerian border": the place the
    # phrase is about is the head, not the one that locates it.
    heads: list[_Place] = []
    for k, place in enumerate(candidates):
        previous = candidates[k + 1] if k + 1 < len(candidates) else None
        if previous is not None and _APPOSITION.fullmatch(text[previous.end : place.start]):
            continue
        heads.append(place)
    candidates = heads or candidates
    keys = _ANAPHOR_KEYS.get(noun)
    # "The main water station near Ra's al-Ayn … the station": the place it was introduced by.
    introduced = text.rfind(noun.split()[-1] + " ", 0, candidates[0].end + 1)
    if introduced != -1:
        for place in candidates:
            if 0 < place.start - introduced <= len(noun) + 12 and _rx(
                r"\s(?:near|in|at|outside|of)\s+(?:the\s+)?$"
            ).search(text[introduced : place.start]):
                return place.index
    if noun == "country":
        fitting = [p for p in candidates if mentions[p.index].precision == 6]
        return fitting[0].index if fitting else None
    if keys:
        for place in candidates:
            if any(key in text[place.start : place.end].lower() for key in keys):
                return place.index
    if noun in {"area", "region"}:
        # "supports the SDF in that area": an area, not a town, when one was named.
        for place in candidates:
            precision = mentions[place.index].precision
            if (precision or 0) >= 4 or (
                precision is None and _POINT_WORDS.search(text[place.start : place.end])
            ):
                return place.index
    if noun in _POINT_ANAPHORS:
        for place in candidates:
            precision = mentions[place.index].precision
            if _FACILITY_WORDS.search(text[place.start : place.end]):
                continue  # "the city" is Rafah, not the Rafah crossing
            if precision in (1, 2) or (
                precision is None and not _POINT_WORDS.search(text[place.start : place.end])
            ):
                return place.index
        return None
    return candidates[0].index


def _merge_actor_mentions(*groups: list[ActorMention]) -> list[ActorMention]:
    """Return the mentions of all groups, earlier groups winning overlaps, in text order."""
    kept: list[ActorMention] = []
    for group in groups:
        if not kept:
            kept = list(group)
            continue
        starts = [a.start for a in kept]
        for found in group:
            k = bisect.bisect_left(starts, found.start)
            overlaps = (k < len(kept) and kept[k].start < found.end) or (
                k > 0 and kept[k - 1].end > found.start
            )
            if not overlaps:
                kept.insert(k, found)
                starts.insert(k, found.start)
    return kept


def _trigger_modifiers(
    text: str, lexicon: ActorLexicon, triggers: Sequence[_Trigger]
) -> list[ActorMention]:
    """Return demonyms right before a nominal trigger: "Turkish air strikes", "US drone strike"."""
    out = []
    for trigger in triggers:
        match = _rx(r"(?<![\w\-])([A-Z][\w.]*)\s+$").search(
            text[max(0, trigger.start - 20) : trigger.start]
        )
        if match is None:
            continue
        actor = lexicon.actor_for_adjective(match.group(1))
        if actor is not None:
            start = trigger.start - len(match.group())
            out.append(
                ActorMention(start, start + len(match.group(1)), match.group(1), actor, "demonym")
            )
    return out


@functools.cache
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return the compiled `pattern` (cached without the re module's per-call flag handling)."""
    return re.compile(pattern, flags)


def _in_subject_position(text: str, found: ActorMention, trigger_starts: Sequence[int]) -> bool:
    """Return whether a name that is also a place acts here ("Turkey struck", "Iraq's army")."""
    if _PLACE_PREP.search(text, max(0, found.start - 25), found.start):
        return False
    if _SUBJECT_AFTER.match(text, found.end) or _MODIFIES_AFTER.match(text, found.end):
        return True
    k = bisect.bisect_left(trigger_starts, found.end)
    if k < len(trigger_starts) and trigger_starts[k] - found.end <= 30:
        return not _rx(r"[.,;:!?]").search(text[found.end : trigger_starts[k]])
    return False


def _is_modifier(text: str, found: ActorMention) -> bool:
    """Return whether an actor mention only modifies another ("US-backed", "SDF-held")."""
    return bool(HYPHEN_RELATION.match(text, found.end, found.end + 14))


def _is_object(text: str, start: int, position: int) -> bool:
    """Return whether the words before `position` make what follows a prepositional object.

    "Fighters led by HTS" and "Aircraft of the coalition" keep their actor as the agent.
    """
    before = text[max(0, start) : position]
    if before.isascii():
        # The object pattern needs one of its prepositions right before closing whitespace;
        # without it the answer is no, whatever the agentive pattern says.
        word = before.rstrip()
        if len(word) == len(before) or not word.lower().endswith(_OBJECT_PREPOSITIONS):
            return False
    if _AGENTIVE_BEFORE.search(before):
        return False
    return bool(_OBJECT_BEFORE.search(before))


_OBJECT_PREPOSITIONS = ("with", "against", "by", "from", "to", "for", "on", "between", "at")
_OBJECT_BEFORE = re.compile(rf"\b(?:{'|'.join(_OBJECT_PREPOSITIONS)})\s+$", re.IGNORECASE)


def extract_claims(
    text: str,
    mentions: Sequence[ResolvedMention],
    lexicon: ActorLexicon,
    *,
    outlet: str = "",
) -> tuple[ExtractedClaim, ...]:
    """Return the claims `text` makes about armed actors at the places in `mentions`.

    Metonyms and datelines are never claim locations; a claim without a place is not returned.
    """
    # Every claim has an actor: named in the text, or a demonym that a pronoun stands for ("the
    # Russian minister … his forces") or that modifies a trigger ("Turkish air strikes").
    named = (
        lexicon.find_mentions(text),
        lexicon.find_modified_mentions(text),
        _generic_mentions(text, lexicon),
    )
    demonym = lexicon.has_capitalised_demonym(text)
    if not (demonym or any(named)):
        return ()  # most texts that are not about armed conflict name no armed actor
    verbal = [
        _Trigger(m.start(), m.end(), spec.relation, spec.passive, m.group(), None, spec.refers_back)
        for m, spec in find_trigger_matches(text)
    ]
    article = _Article(text, mentions, lexicon, verbal, named, demonym)
    if article.hopeless or not article.places:
        return ()  # no actor, or no place for a claim
    triggers = _find_triggers(text, article, verbal)
    if not triggers:
        return ()  # before splitting sentences: most texts have no trigger at all
    sentences = split_sentences(text)
    if not sentences:
        return ()
    sentence_starts = [s.start for s in sentences]
    by_sentence: dict[int, list[_Trigger]] = {}
    for trigger in triggers:
        index = bisect.bisect_right(sentence_starts, trigger.start) - 1
        if index >= 0 and trigger.start < sentences[index].end:
            by_sentence.setdefault(index, []).append(trigger)
    article.boundaries = _clause_boundaries(text, [sentences[i] for i in sorted(by_sentence)])
    claimants = _LazyClaimants(text, sentences, outlet)
    claims: list[ExtractedClaim] = []
    seen: set[tuple[str, str, int, str | None, str, str]] = set()
    last_places: list[int] = []
    last_event_places: list[int] = []
    for index in sorted(by_sentence):
        sentence = sentences[index]
        context = _Context(article, sentence, claimants, index, last_places, last_event_places)
        sentence_triggers = by_sentence[index]
        found: list[ExtractedClaim] = []
        pending: list[tuple[_Trigger, list[_Agent], str]] = []
        for position, trigger in enumerate(sentence_triggers):
            following = next(
                (
                    t
                    for t in sentence_triggers[position + 1 :]
                    if t.start >= trigger.end and t.fixed_agent is None
                ),
                None,
            )
            found += context.claims_for(trigger, following, pending)
        found += context.support_where_supported_acts(pending, found)
        for claim in found:
            key = (
                claim.actor,
                claim.relation,
                claim.mention_index or -1,
                claim.second_actor,
                claim.status,
                claim.claimant,
            )
            if key in seen:
                continue
            seen.add(key)
            claims.append(claim)
        events = [
            place.index
            for t in sentence_triggers
            if t.relation in {"strike", "clash"} and not t.refers_back
            for place in article.places_between(t.end, sentence.end)[:1]
        ]
        if events:
            last_event_places = events[:1]
        placed = [c.mention_index for c in found if c.mention_index is not None]
        if placed:
            last_places = placed[-1:]
        else:
            in_sentence = list(article.places_between(sentence.start, sentence.end))
            if in_sentence:
                last_places = [in_sentence[-1].index]
    return tuple(claims)


def _find_triggers(text: str, article: _Article, verbal: list[_Trigger]) -> list[_Trigger]:
    found = list(verbal)
    place_starts = set(article.place_starts)
    for actor in article.actors:
        hyphen = HYPHEN_RELATION.match(text, actor.end, actor.end + 14)
        if hyphen and hyphen.group(1).lower() in HYPHEN_RELATIONS:
            relation = HYPHEN_RELATIONS[hyphen.group(1).lower()]
            found.append(
                _Trigger(
                    actor.start,
                    hyphen.end(),
                    relation,
                    False,
                    text[actor.start : hyphen.end()],
                    fixed_agent=actor,
                )
            )
            continue
        # "the US base at the Conoco gas field", "American troops at the al-Omar oil field".
        base = _NOMINAL_BASE.match(text, actor.end)
        if base and base.end() in place_starts:
            found.append(
                _Trigger(actor.start, base.end(), "base", False, base.group().strip(), actor)
            )
            continue
        if actor.form == "demonym" and _FORCE_TAIL.search(actor.text):
            presence = _NOMINAL_PRESENCE.match(text, actor.end)
            if presence and presence.end() in place_starts:
                found.append(
                    _Trigger(actor.start, presence.end(), "presence", False, actor.text, actor)
                )
    found.sort(key=lambda t: t.start)
    actor_ends = {a.end for a in article.actors}
    # "struck Ukrainian units massing in the Sumy region": the participle only describes the
    # object of the strike, so it is no event of its own.
    found = [
        t
        for t in found
        if not (
            t.fixed_agent is None
            and _rx(r"\w+ing\b").match(t.text)
            and any(t.start - k in actor_ends for k in (1, 2))
            and any(
                o.end <= t.start and o.start < t.start - 1 and t.start - o.end < 60
                for o in found
                if o is not t and o.fixed_agent is None
            )
        )
    ]
    # A trigger inside an actor's or a place's name ("Rapid Support Forces", "Al Tanf
    # garrison") is part of the name.
    out = []
    for trigger in found:
        if trigger.fixed_agent is None and (
            any(
                a.start <= trigger.start and trigger.end <= a.end
                for a in article.actors_between(trigger.start - 80, trigger.end)
            )
            or any(
                p.start <= trigger.start < p.end
                for p in article.places_between(trigger.start - 80, trigger.end)
                if not p.anaphor
            )
        ):
            continue
        out.append(trigger)
    return out


class _LazyClaimants:
    """The claimants of an article's sentences, worked out when the first claim needs them
    (many articles with triggers make no claim)."""

    def __init__(self, text: str, sentences: list[Sentence], outlet: str) -> None:
        self._args = (text, sentences, outlet)
        self._claimants: Claimants | None = None

    def get(self) -> Claimants:
        if self._claimants is None:
            self._claimants = sentence_claimants(*self._args)
        return self._claimants


class _Context:
    """Claim finding for the triggers of one sentence."""

    def __init__(
        self,
        article: _Article,
        sentence: Sentence,
        claimants: _LazyClaimants,
        index: int,
        last_places: list[int],
        last_event_places: list[int],
    ) -> None:
        self.article = article
        self.text = article.text
        self.sentence = sentence
        self.claimants = claimants
        self.index = index
        self.last_event_places = last_event_places
        self.last_places = last_places

    def claims_for(
        self,
        trigger: _Trigger,
        following: _Trigger | None,
        pending: list[tuple[_Trigger, list[_Agent], str]],
    ) -> list[ExtractedClaim]:
        text = self.text
        sentence = self.sentence
        clause_start = _clause_start(self.article, sentence.start, trigger.start)
        window_end = _clause_end(self.article, trigger.end, sentence.end)
        if _rx(r",\s+(?:which|who|whose)\b").match(text[clause_start : clause_start + 12]):
            # A relative clause ends at its closing comma: "Moscow, which backs X, keeps …".
            comma = text.find(",", trigger.end, window_end)
            if comma != -1:
                window_end = comma
        if following is not None and following.start > trigger.end:
            window_end = min(window_end, following.start)

        agents, second = self._agents(trigger, window_end)
        if not agents:
            return []
        agents = [a for a in agents if a.actor != second]
        if not agents:
            return []
        if second is None and (
            trigger.relation == "support"
            or _rx(r"(?:fight|fought|battl|heavy|fierce|intense)", re.I).match(trigger.text)
        ):
            # "supporting deliveries of aid", "fighting with gunmen": the other side is unnamed.
            return []
        if _HABITUAL.search(text, agents[-1].end, trigger.start):
            return []  # "as it usually does on strikes in Syria": no event
        if trigger.relation == "withdrawal" and _DEMANDED.search(
            text, agents[-1].end, trigger.start
        ):
            # "PKK fighters must leave Sinjar": a demand to leave says they are there.
            trigger = trigger._replace(relation="presence")
        status = _status(text, sentence, clause_start, trigger, agents[-1])
        if agents[-1].blamed and status == "asserted":
            status = "alleged"
        if trigger.refers_back:
            status = "denied" if trigger.text[:3].lower() == "den" else "alleged"
            if not self.last_event_places:
                return []
            return self._make(trigger, agents, None, list(self.last_event_places), "there", status)
        places, how = self._places(trigger, clause_start, window_end, agents[-1])
        if not places:
            if trigger.relation == "support":
                pending.append((trigger, agents, status))
            return []
        return self._make(trigger, agents, second, places, how, status)

    def _make(
        self,
        trigger: _Trigger,
        agents: list[_Agent],
        second: str | None,
        places: list[int],
        how: str,
        status: str,
    ) -> list[ExtractedClaim]:
        out = []
        claimants = self.claimants.get()
        claimant = self.article.claimant_name(claimants.at(self.index, trigger.start))
        attributed = claimant != claimants.default[self.index] or bool(
            claimants.attributions[self.index]
        )
        for agent in agents:
            confidence = 0.5
            confidence += 0.2 if agent.explicit else 0.05
            confidence += {"after": 0.15, "fixed": 0.1, "where": 0.1, "before": 0.05}.get(how, 0)
            confidence += 0.05 if attributed else 0.0
            confidence = round(min(0.95, max(0.05, confidence)), 2)
            out += [
                ExtractedClaim(
                    actor=agent.actor,
                    relation=trigger.relation,
                    mention_index=place,
                    claimant=claimant,
                    status=status,
                    sentence_start=self.sentence.start,
                    sentence_end=self.sentence.end,
                    confidence=confidence,
                    second_actor=second if trigger.relation in {"support", "clash"} else None,
                    trigger=trigger.text,
                )
                for place in places
            ]
        return out

    def support_where_supported_acts(
        self,
        pending: list[tuple[_Trigger, list[_Agent], str]],
        found: list[ExtractedClaim],
    ) -> list[ExtractedClaim]:
        """Return support claims placed where the supported actor acts in the same sentence.

        "Syrian forces backed by Russian jets took Nassib": Russia supports them at Nassib.
        """
        out: list[ExtractedClaim] = []
        for trigger, agents, status in pending:
            window_end = _clause_end(self.article, trigger.end, self.sentence.end)
            second = self._agents(trigger, window_end)[1]
            places = []
            for claim in found:
                if claim.actor == second and claim.mention_index not in places:
                    places.append(claim.mention_index)
            if places:
                out += self._make(trigger, agents, second, places, "fixed", status)
        return out

    def _agents(self, trigger: _Trigger, window_end: int) -> tuple[list[_Agent], str | None]:
        """Return the trigger's agents (co-ordinated ones too) and the other actor, if any."""
        article = self.article
        text = self.text
        sentence = self.sentence
        if trigger.fixed_agent is not None:
            head = trigger.fixed_agent
            agent = _Agent(head.actor, head.start, head.end, True)
            after = [
                a
                for a in article.actors_between(trigger.end, window_end)
                if _OBJECT_GAP.match(text[trigger.end : a.start])
            ]
            return [agent], (after[0].actor if after else None)

        after_actors = article.actors_between(trigger.end, window_end)
        if trigger.passive:
            agent_mention = next(
                (a for a in after_actors if _OBJECT_GAP.match(text[trigger.end : a.start])), None
            )
            if agent_mention is None:
                return [], None
            agent = _Agent(agent_mention.actor, agent_mention.start, agent_mention.end, True)
            before = _nearest_before(article, sentence.start, trigger.start)
            return [agent], (before.actor if before else None)

        if trigger.relation == "clash" and _rx(r"fighting\s+between", re.I).match(trigger.text):
            pair = after_actors[:2]
            if pair:
                agent = _Agent(pair[0].actor, pair[0].start, pair[0].end, True)
                return [agent], (pair[1].actor if len(pair) > 1 else None)
        # "… after the government takes control of Aleppo": a subordinate clause with its own
        # subject is searched alone, so an actor of the main clause does not take its place.
        clause = _clause_start(article, sentence.start, trigger.start)
        search_from = clause if _SUBORDINATE_WITH_SUBJECT.match(text, clause) else sentence.start
        agent = _nearest_before(article, search_from, trigger.start)
        if (
            agent is not None
            and _NOMINAL_EVENT.match(trigger.text)
            and _EVENT_IN_PHRASE.search(text, max(0, trigger.start - 40), trigger.start)
            and text[agent.end : trigger.start].strip()
        ):
            return [], None  # "withdrew after days of drone strikes on Kidal": whose strikes?
        if agent is None:
            # "A rocket struck Majdal Shams, the military said, blaming Hezbollah".
            blamed = _rx(r"\b(?:blam(?:ed|ing|es)|accus(?:ed|ing|es))\s+$")
            for found in article.actors_between(trigger.end, sentence.end):
                if blamed.search(text, max(0, found.start - 14), found.start):
                    return [_Agent(found.actor, found.start, found.end, True, blamed=True)], None
        if agent is None:
            # A nominal trigger can hold its actor: "the deployment of US troops to Syria".
            inside = article.actors_between(trigger.start, trigger.end)
            if not inside:
                return [], None
            agent = _Agent(inside[0].actor, inside[0].start, inside[0].end, True)
        agents = [agent]
        if agent.explicit:
            # "US and Turkish troops began patrols": both act.
            earlier = article.actors_between(sentence.start, agent.start)
            while earlier and _rx(r"\s*(?:,|and|,\s*and)\s*").fullmatch(
                text[earlier[-1].end : agents[0].start]
            ):
                co = earlier.pop()
                agents.insert(0, _Agent(co.actor, co.start, co.end, True))
        second: str | None = None
        if trigger.relation in {"support", "clash"}:
            objects = [a for a in after_actors if _OBJECT_GAP.match(text[trigger.end : a.start])]
            if objects:
                second = objects[0].actor
            elif trigger.relation == "clash" and len(agents) > 1:
                second = agents[0].actor
                agents = agents[1:]
        unique: list[_Agent] = []
        for item in agents:
            if all(item.actor != u.actor for u in unique):
                unique.append(item)
        return unique, second

    def _places(
        self, trigger: _Trigger, clause_start: int, window_end: int, agent: _Agent
    ) -> tuple[list[int], str]:
        """Return the mentions the trigger's event is about, and how they were found."""
        article = self.article
        text = self.text
        sentence = self.sentence
        # Past the trigger's first word: "hand the city over" holds its place.
        first_word = _rx(r"\S+").match(trigger.text)
        after = article.places_between(
            trigger.start + (first_word.end() if first_word else 1), window_end
        )
        if trigger.relation == "deployment":
            # "moved troops from Iraq into Syria": the destination, not the origin.
            after = [p for p in after if not _preceded_by(text, p.start, r"from|via|through")]
        if trigger.relation == "withdrawal":
            # "pulled back to the eastern bank": the destination is not what was left.
            after = [p for p in after if not _preceded_by(text, p.start, r"to|towards?|into")]
        if trigger.fixed_agent is not None and trigger.relation == "control":
            # "Hodeidah, the Houthi-held port on the Red Sea": the port is Hodeidah.
            head = article.places_between(sentence.start, trigger.start)
            if (
                head
                and _rx(r"\s*,\s*(?:the|a)\s+").fullmatch(text[head[-1].end : trigger.start])
                and not _rx(r"\s*(?:the\s+)?$").match(
                    text[trigger.end : (after or [head[-1]])[0].start]
                )
            ):
                return [head[-1].index], "fixed"
        if after:
            first = after[0]
            gap = text[trigger.end : first.start]
            if len(gap) <= 140 and not _rx(r"[.;!?]").search(gap):
                how = "fixed" if trigger.fixed_agent is not None else "after"
                return _coordinated(article, first, window_end), how
        # "…in southeastern Syria where they created a base": the place just before "where".
        opener = _rx(r"(?:,\s*)?(where|which)\b").match(text[clause_start : clause_start + 9])
        if opener:
            before = article.places_between(sentence.start, clause_start)
            if before and _rx(r"[\s,]*").fullmatch(text[before[-1].end : clause_start]):
                head = len(before) - 1
                if opener.group(1) == "which":
                    # "the nuclear plant at Enerhodar, which they occupied": the plant.
                    while head > 0 and _QUALIFIER_AT.fullmatch(
                        text[before[head - 1].end : before[head].start]
                    ):
                        head -= 1
                return [before[head].index], "where"
        if _THERE.search(text, trigger.end, window_end):
            # "Turkish troops would not enter Manbij … stop arming the YPG there".
            earlier = [
                p
                for p in article.places_between(sentence.start, trigger.start)
                if not (p.start < agent.end and agent.start < p.end)
            ]
            if earlier:
                return [earlier[-1].index], "there"
            if self.last_places:
                return list(self.last_places), "there"
        before = article.places_between(sentence.start, trigger.start)
        for place in reversed(before):
            if place.end > agent.start and place.start < agent.end:
                continue
            between = text[place.end : trigger.start]
            lead = text[sentence.start : place.start]
            prep = _PLACE_PREP.search(text, max(sentence.start, place.start - 25), place.start)
            if trigger.relation in {"strike", "deployment"} and _ORIGIN_BEFORE.search(
                text, max(sentence.start, place.start - 40), place.start
            ):
                continue  # "French aircraft from their base in Niamey struck …"
            if trigger.passive and not _rx(r"[;:]").search(between) and len(between) < 60:
                return [place.index], "before"
            if prep and not _rx(r"[,;:\"“”]").search(between) and len(between) < 120:
                return [place.index], "before"
            if _INITIAL_PP.match(lead) and _rx(r"^\s*,").match(between):
                return [place.index], "before"
        return [], ""


def _preceded_by(text: str, position: int, words: str) -> bool:
    return bool(
        _rx(rf"\b(?:{words})\s+(?:the\s+)?$", re.I).search(text[max(0, position - 14) : position])
    )


def _nearest_before(article: _Article, sentence_start: int, position: int) -> _Agent | None:
    """Return the nearest actor or resolvable pronoun before `position` in the sentence."""
    text = article.text
    candidates: list[_Agent] = []
    # Actors inside a relative clause the trigger is not part of ("X, which backs Y, keeps …").
    asides = [
        (m.start(), m.end())
        for regex in (_RELATIVE, _APPOSITIVE)
        for m in regex.finditer(text, sentence_start, position)
        if m.end() <= position
    ]
    skipped_object: ActorMention | None = None
    for found in article.actors_between(sentence_start, position):
        if found.end > position:
            # "A Turkish drone strike": the actor phrase runs into the trigger.
            candidates.append(_Agent(found.actor, found.start, found.end, True))
            continue
        if _is_modifier(text, found) or _VICTIM_AFTER.match(text, found.end):
            continue
        if _TARGET_AFTER.match(text, found.end):
            continue  # "pounded Syrian government positions": the target, not the agent
        # "Turkish air strikes": right before a nominal trigger, a name is its agent, unless a
        # preposition made it the object of something else ("backed by Russian air power").
        adjacent = not text[found.end : position].strip() and not _rx(
            r"\b(?:by|with|against|from|between)\s+$"
        ).search(text[max(0, found.start - 10) : found.start])
        if not adjacent and any(s < found.start and found.end <= e for s, e in asides):
            continue
        if not adjacent and _is_object(text, max(sentence_start, found.start - 14), found.start):
            skipped_object = found
            continue
        if skipped_object is not None and _rx(r"\s*(?:,|and|or|,\s*and)\s*").fullmatch(
            text[skipped_object.end : found.start]
        ):
            skipped_object = found
            continue  # "with Moscow and Tehran": both are objects
        candidates.append(_Agent(found.actor, found.start, found.end, True))
    best = candidates[-1] if candidates else None
    if best is not None and len(candidates) > 1 and _VP_AND.search(text, best.end, position):
        # "Iraqi forces have driven IS from the desert and now control the frontier": a second
        # verb shares the sentence's subject, not the object of the first.
        subject = candidates[0]
        if not _SPEAKS_AFTER.match(text, subject.end):
            best = subject
    for match in _PRONOUN.finditer(text, best.end if best else sentence_start, position):
        resolved = article.resolve_pronoun(match.start(), match.group())
        if resolved is not None:
            best = _Agent(resolved, match.start(), match.end(), False)
        elif match.group().split()[-1].lower() in _PRONOUN_KINDS:
            # "as the peacekeeping mission pulled out": someone unnamed acts, not an earlier actor.
            best = None
    return best


def _clause_boundaries(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """Return where the clause boundaries inside `sentences` (in text order) start.

    They are those a scan of the whole text finds there, found by scanning only from the last
    ".", "!" or "?" before each sentence: no boundary match holds one of them, so a scan from
    just after one finds what a scan from the start of the text finds after it.
    """
    out: list[int] = []
    matches: Iterator[re.Match[str]] | None = None
    pending: re.Match[str] | None = None
    for sentence in sentences:
        sync = 1 + max(
            text.rfind(".", 0, sentence.start),
            text.rfind("!", 0, sentence.start),
            text.rfind("?", 0, sentence.start),
        )
        if matches is None or (pending is not None and pending.end() <= sync):
            matches = _BOUNDARY.finditer(text, sync)
            pending = next(matches, None)
        while pending is not None and pending.start() < sentence.end:
            if pending.start() >= sentence.start:
                out.append(pending.start())
            pending = next(matches, None)
        if pending is None:
            break  # no boundary after this one in the text
    return out


def _clause_start(article: _Article, sentence_start: int, position: int) -> int:
    """Return where the clause holding `position` starts (a boundary word or the sentence)."""
    starts = article.boundaries
    k = bisect.bisect_left(starts, position) - 1
    return starts[k] if k >= 0 and starts[k] >= sentence_start else sentence_start


def _clause_end(article: _Article, position: int, sentence_end: int) -> int:
    """Return where the clause holding `position` ends."""
    starts = article.boundaries
    k = bisect.bisect_left(starts, position)
    return starts[k] if k < len(starts) and starts[k] < sentence_end else sentence_end


def _coordinated(article: _Article, first: _Place, window_end: int) -> list[int]:
    """Return the place and those coordinated with it ("in A and on B", "A, B and C")."""
    text = article.text
    group = [first.index]
    position = article.place_position[(first.start, first.index)]
    current = first
    if _preceded_by(text, first.start, "between"):
        return group  # "the road between Ain Issa and Tal Tamr" is one route, not two places
    # A bare comma only joins a list that an "and"/"or" closes ("A, B and C"); otherwise what
    # follows is an apposition ("Gharyan, about 80 km south of Tripoli").
    pending: list[int] = []
    for place in article.places[position + 1 :]:
        if place.start >= window_end:
            break
        gap = text[current.end : place.start]
        if _QUALIFIER.fullmatch(gap):
            current = place  # "Ain al-Asad air base in Anbar province": Anbar only says where
            continue
        if not _COORDINATION.match(gap) and not (
            _rx(r"\s+to\s+(?:the\s+)?").fullmatch(gap) and _preceded_by(text, first.start, "from")
        ):
            break  # ("from al-Qaim to Rabia" names both ends)
        if not _rx(r"\b(?:and|or|as\s+well\s+as|including)\b", re.IGNORECASE).search(
            gap
        ) and not _rx(r"\s+to\s+(?:the\s+)?").fullmatch(gap):
            pending.append(place.index)
        else:
            group += [i for i in [*pending, place.index] if i not in group]
            pending = []
        current = place
    return group


# Every match of DENIAL and of ALLEGED holds one of these (lower-cased).
_DENIAL_STEMS = ("den", "refut", "reject", "dismiss", "false", "untrue", "baseless", "fabricat")
_DENIAL_STEMS += ("there",)
_ALLEGED_STEMS = ("accus", "alleg", "reportedly", "purported", "suspected", "blam")
_ALLEGED_STEMS += ("unconfirmed", "unverified", "claimed")


def _status(
    text: str, sentence: Sentence, clause_start: int, trigger: _Trigger, agent: _Agent
) -> str:
    """Return asserted, denied, planned or alleged for the trigger's claim.

    A reporting verb ("denied that", "accused X of") governs what follows it until a new
    clause starts (", saying", ", but", a relative "where"); of two, the nearer one counts.
    """
    scope_start = sentence.start
    lead_in = text[sentence.start : trigger.start]
    if ";" in lead_in or "but" in lead_in or "," in lead_in:  # what every reset holds
        for match in _STATUS_RESET.finditer(text, sentence.start, trigger.start):
            scope_start = match.end()
    if text[clause_start : clause_start + 6].lower().startswith(("where", "which", "who")):
        scope_start = max(scope_start, clause_start)
    prefix = text[scope_start : trigger.start]
    local_start = agent.end if sentence.start <= agent.end <= trigger.start else clause_start
    local = text[local_start : trigger.start] + " " + trigger.text
    if NEGATION.search(local) or DENIAL_AFTER.match(text, trigger.end):
        return "denied"
    if _NO_QUANTIFIER.search(text, max(sentence.start, agent.start - 16), agent.start):
        return "denied"  # "no Turkish soldiers had entered Manbij"
    # Where the last denial and the last allegation end (matches come in order).
    denial = allegation = -1
    # An ASCII lead-in without any of the cues' stems has neither (case folding beyond ASCII
    # could match more, so other text is always scanned).
    folded = prefix.lower() if prefix.isascii() else None
    if folded is None or any(stem in folded for stem in _DENIAL_STEMS):
        for match in DENIAL.finditer(prefix):
            denial = match.end()
    if folded is None or any(stem in folded for stem in _ALLEGED_STEMS):
        for match in ALLEGED.finditer(prefix):
            allegation = match.end()
    if denial > allegation:
        return "denied"
    if allegation > -1:
        return "alleged"
    if trigger.fixed_agent is not None or trigger.text[:3].lower() in {"its", "the"}:
        return "asserted"  # "from its bases near Naqoura": a standing fact, whatever "will" says
    if PLANNED.search(local) or _rx(r"\bplans?\s+to\b", re.IGNORECASE).search(prefix):
        return "planned"
    return "asserted"
