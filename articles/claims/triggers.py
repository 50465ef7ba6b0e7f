"""Relation triggers, status cues and the ACLED event types each relation maps to."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Between a verb and its noun: "created a base", "set up two new military bases".
_DET = r"(?:(?:a|an|the|its|their|his|two|three|four|several|some|new|small|large|permanent|"
_DET += r"military|air|naval|forward|second|further|more|another|temporary|key)\s+){0,4}"
_BASE_NOUN = r"(?:bases?|air\s?bases?|outposts?|garrisons?|headquarters|military\s+facilit(?:y|ies)"
_BASE_NOUN += r"|facilit(?:y|ies)|posts?|airfields?|positions?|camps?|observation\s+posts?)"
_FORCES = r"(?:troops|forces|soldiers|units|reinforcements|fighters|personnel|contingents?|"
_FORCES += r"(?:an?\s+)?(?:military\s+)?(?:convoy|battalion|brigade|detachment|division)s?|"
_FORCES += r"servicemen|marines|paratroopers|commandos|advisers|equipment|tanks|armou?r|jets|"
_FORCES += r"warplanes|aircraft|helicopters|drones|air\s+defen[cs]e\s+systems|warships)"


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    relation: str
    pattern: str
    passive: bool = False  # the agent follows the trigger ("held by X", "under the control of X")


TRIGGERS: tuple[TriggerSpec, ...] = (
    # --- passive forms first, so "was captured by" is not read as the active "captured".
    TriggerSpec(
        "control",
        r"(?:is|are|was|were|been|being|remains?|remained|now|largely|still|firmly|fully)\s+"
        r"(?:\w+\s+)?(?:held|controlled|captured|seized|retaken|recaptured|overrun|run)\s+by",
        passive=True,
    ),
    TriggerSpec("control", r"(?:under|in)\s+(?:the\s+)?(?:full\s+|firm\s+)?control\s+of", True),
    TriggerSpec("control", r"fell\s+(?:back\s+)?(?:to|into\s+the\s+hands\s+of)", True),
    TriggerSpec(
        "strike",
        r"(?:is|are|was|were|been|being)\s+(?:\w+\s+)?(?:struck|hit|targeted|bombed|shelled|"
        r"bombarded|attacked)\s+by",
        passive=True,
    ),
    TriggerSpec(
        "support",
        r"(?:(?:is|are|was|were|been|being)\s+(?:\w+\s+)?)?(?:backed|supported|armed|funded|"
        r"trained|equipped|sponsored)\s+by",
        passive=True,
    ),
    TriggerSpec("patrol", r"(?:is|are|was|were|been|being)\s+(?:\w+\s+)?patrolled\s+by", True),
    # --- base
    TriggerSpec(
        "base",
        r"(?:set(?:s|ting)?\s+up|establish(?:es|ed|ing)?|buil[dt]s?|building|creat(?:e|es|ed|ing)|"
        r"open(?:s|ed|ing)?|keep(?:s|ing)?|kept|maintain(?:s|ed|ing)?|run(?:s|ning)?|ran|"
        r"operat(?:e|es|ed|ing)|construct(?:s|ed|ing)?|expand(?:s|ed|ing)?|fortif(?:y|ies|ied)|"
        r"ha(?:ve|s|d)|occup(?:y|ies|ied)|us(?:e|es|ed|ing)|hous(?:e|es|ed|ing))\s+"
        + _DET
        + _BASE_NOUN,
    ),
    TriggerSpec("base", r"garrison(?:s|ed|ing)?(?=\s+(?:\w+\s+){0,3}(?:in|at|near|on)\b)"),
    TriggerSpec("base", r"(?:is|are|was|were)\s+(?:\w+\s+)?garrisoned"),
    TriggerSpec(
        "base",
        r"(?:'s|’s|their|its)\s+(?:\w+\s+)?(?:military\s+|air\s+|naval\s+)?(?:base|garrison|"
        r"outpost)\s+(?=(?:in|at|near)\b)",
    ),
    # --- presence ("are deployed in" is presence; "deployed to" below is deployment)
    TriggerSpec(
        "presence",
        r"maintain(?:s|ed|ing)?\s+(?:a|an|their|its|his|the)?\s*(?:\w+\s+){0,2}presence",
    ),
    TriggerSpec(
        "presence",
        r"(?:is|are|were|was|remains?|remained|have\s+been|has\s+been|had\s+been|still|currently)"
        r"\s+(?:\w+\s+)?(?:deployed|stationed|based|present|positioned|entrenched|active)"
        r"(?=\s+(?:\w+\s+){0,3}(?:in|at|near|around|on|across|inside|throughout|along)\b)",
    ),
    TriggerSpec(
        "presence",
        r"(?:stationed|based|positioned|entrenched)(?=\s+(?:\w+\s+){0,2}(?:in|at|near|around|on|"
        r"across|inside|along)\b)",
    ),
    TriggerSpec("presence", r"(?:military\s+)?presence\s+(?=(?:in|at|near|around|on|across)\b)"),
    TriggerSpec(
        "presence",
        r"(?:remain(?:s|ed)?|stay(?:s|ed)?|operat(?:e|es|ed|ing)|are\s+operating|is\s+operating)"
        r"(?=\s+(?:\w+\s+)?(?:in|at|near|around|inside|across|throughout)\b)",
    ),
    TriggerSpec(
        "presence",
        r"(?:ha(?:ve|s|d)|keep(?:s|ing)?|kept)\s+(?:about|around|some|roughly|"
        r"nearly|almost|an\s+estimated)?\s*[\d,]+\s+(?:\w+\s+)?" + _FORCES,
    ),
    # --- deployment
    TriggerSpec(
        "deployment",
        r"(?:re)?deploy(?:s|ed|ing)?|(?:sen[dt]s?|sending|dispatch(?:es|ed|ing)?|mov(?:e|es|ed|ing)|"
        r"rush(?:es|ed|ing)?|airlift(?:s|ed|ing)?|fl(?:y|ies|ew)|brought|bring(?:s|ing)?)\s+"
        r"(?:(?:about|around|some|more|additional|new|extra|fresh|hundreds\s+of|thousands\s+of|"
        r"dozens\s+of|[\d,]+|a|an|its|their|his|the|of|military|special|elite|ground|combat|"
        r"heavy)\s+){0,4}" + _FORCES,
    ),
    TriggerSpec("deployment", r"(?:the\s+)?deployment\s+of\s+(?:\w+\s+){0,3}" + _FORCES),
    TriggerSpec(
        "deployment",
        r"(?:arriv(?:e|es|ed|ing)|entered|enters|advanc(?:e|es|ed|ing)|pushed|push(?:es|ing)?|"
        r"(?:were|was|have\s+been|has\s+been)\s+sent)(?=\s+(?:\w+\s+)?(?:in|into|to|toward|towards|"
        r"on|at)?\b)",
    ),
    TriggerSpec("deployment", r"reinforc(?:e|es|ed|ing)|reinforcements\s+(?=(?:to|into)\b)"),
    # --- withdrawal
    TriggerSpec(
        "withdrawal",
        r"withdr(?:ew|aw|awn|aws|awing)|pull(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:out|back)|"
        r"retreat(?:s|ed|ing)?|evacuat(?:e|es|ed|ing)|pullout|pull-out|withdrawal|"
        r"(?:left|leaves|leave|leaving|abandon(?:s|ed|ing)?|vacat(?:e|es|ed|ing))"
        r"(?=\s+(?:their|its|the)?\s*(?:\w+\s+)?(?:base|positions?|outposts?|garrison|bases)\b)|"
        r"hand(?:s|ed|ing)?\s+over|handover\s+of",
    ),
    # --- strike
    TriggerSpec(
        "strike",
        r"(?:air|drone|missile|rocket|artillery|naval|aerial|precision|retaliatory|suicide\s+drone|"
        r"kamikaze\s+drone)[\s\-]*(?:strikes?|attacks?|raids?|bombardments?|barrages?|fire)|"
        r"airstrikes?|air\s?raids?|bombing\s+raids?|strikes?\s+(?=(?:on|against|in|near|at)\b)|"
        r"struck|strik(?:e|es|ing)(?=\s+(?:\w+\s+){0,3}(?:in|on|near|at|targets?|positions?)\b)|"
        r"shell(?:s|ed|ing)|bomb(?:s|ed|ing)|bombard(?:s|ed|ing)?|pound(?:s|ed|ing)|"
        r"target(?:s|ed|ing)|hit(?:s|ting)?|launch(?:es|ed|ing)?\s+(?:\w+\s+){0,3}?(?:strikes?|"
        r"attacks?|missiles?|rockets?|drones?|raids?)|fir(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}?"
        r"(?:missiles?|rockets?|shells?|drones?)|shot\s+down",
    ),
    # --- clash
    TriggerSpec(
        "clash",
        r"clash(?:es|ed|ing)?(?:\s+with)?|fought(?:\s+with|\s+against)?|fight(?:s|ing)?\s+"
        r"(?:with|against)|fighting\s+between|battl(?:e|es|ed|ing)(?:\s+with|\s+against)?|"
        r"engag(?:e|es|ed|ing)\s+(?:with|in\s+(?:heavy\s+)?(?:fighting|clashes)\s+with)|"
        r"ambush(?:es|ed|ing)?|attack(?:s|ed|ing)?|assault(?:s|ed|ing)?|"
        r"(?:heavy\s+|fierce\s+|intense\s+)?fighting(?=\s+(?:in|near|around|at|for|broke)\b)|"
        r"repel(?:s|led|ling)|repuls(?:e|es|ed|ing)|skirmish(?:es|ed)?(?:\s+with)?",
    ),
    # --- control (after "under the control of": the active verbs)
    TriggerSpec(
        "control",
        r"(?:(?:took|take|takes|taking|seized|seize|seizes|seizing|gained|gain|gains|wrested|"
        r"regained|retook|assumed|tightened|extended|lost|loses)\s+)?(?:full\s+|complete\s+)?"
        r"control(?:s|led|ling)?(?:\s+(?:over|of))?|"
        r"in\s+control\s+of|"
        r"(?:re)?captur(?:e|es|ed|ing)|(?:re)?seiz(?:e|es|ed|ing)|seized|retook|retak(?:e|es|en|ing)|"
        r"overr(?:an|un|uns|unning)|took\s+over|tak(?:e|es|en|ing)\s+over|liberat(?:e|es|ed|ing)|"
        r"(?:hold|holds|held|holding)(?!\s+(?:talks|a\s+meeting|meetings|elections?|back|on|off))|"
        r"occup(?:y|ies|ied|ying)|conquer(?:s|ed|ing)?|encircl(?:e|es|ed|ing)|"
        r"besieg(?:e|es|ed|ing)|surround(?:s|ed|ing)",
    ),
    # --- support
    TriggerSpec(
        "support",
        r"(?:provid(?:e|es|ed|ing)|giv(?:e|es|ing)|gave|lend(?:s|ing)?|lent|offer(?:s|ed|ing)?)"
        r"\s+(?:\w+\s+){0,2}(?:support|backing|cover|assistance|aid|weapons|arms)\s+(?:to|for)|"
        r"support(?:s|ed|ing)?|back(?:s|ed|ing)?(?=\s+(?:the\s+)?[A-Z])|"
        r"(?:arm(?:s|ed|ing)|train(?:s|ed|ing)|fund(?:s|ed|ing)|equip(?:s|ped|ping)|"
        r"financ(?:e|es|ed|ing)|sponsor(?:s|ed|ing)?|assist(?:s|ed|ing)?|help(?:s|ed|ing)?)"
        r"(?=\s+(?:the\s+)?[A-Z])|(?:sided|side|sides|allied|allies|ally)\s+with",
    ),
    # --- patrol
    TriggerSpec(
        "patrol",
        r"(?:joint\s+|military\s+|regular\s+|armou?red\s+)?patrol(?:s|led|ling|ed|ing)?",
    ),
)

TRIGGER_REGEX = re.compile(
    "|".join(rf"(?P<t{i}>\b(?:{spec.pattern}))" for i, spec in enumerate(TRIGGERS)),
    re.IGNORECASE,
)


def spec_for(match: re.Match[str]) -> TriggerSpec:
    """Return the TriggerSpec whose group matched."""
    return TRIGGERS[int(match.lastgroup[1:])]  # type: ignore[index]


# Adjectival relations glued to an actor name: "US-backed", "Houthi-held", "SDF-controlled".
HYPHEN_RELATION = re.compile(
    r"[-‐–]\s?(backed|supported|sponsored|funded|armed|allied|aligned|held|controlled|run|"
    r"occupied|led)\b",
    re.IGNORECASE,
)
HYPHEN_RELATIONS = {
    "backed": "support",
    "supported": "support",
    "sponsored": "support",
    "funded": "support",
    "armed": "support",
    "allied": "support",
    "aligned": "support",
    "held": "control",
    "controlled": "control",
    "run": "control",
    "occupied": "control",
}

# Status cues. A denial verb anywhere before the trigger in the sentence ("denied that US
# troops are stationed in …") denies it; plain negation only counts between the actor and the
# trigger, where it governs the trigger's verb ("did not withdraw"), not a distant one.
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|"
    r"(?:reject|dismiss)(?:s|ed|ing)?\s+(?:\w+\s+)?(?:claims|reports|allegations|accusations)|"
    r"false(?:ly)?|untrue|baseless|fabricat\w+|there\s+(?:are|is|were|was)\s+no)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:no\s+longer|never|not|no|n[o’']t|neither|nor|without|ceased\s+to|stopped)\b|n[’']t\b",
    re.IGNORECASE,
)
DENIAL_AFTER = re.compile(r"^\W*(?:any\s+longer|anymore|any\s+more)\b", re.IGNORECASE)
PLANNED = re.compile(
    r"\b(?:will|would|shall|'ll|’ll|plans?\s+to|planning\s+to|planned\s+to|plans\s+for|"
    r"intends?\s+to|intending\s+to|intended\s+to|is\s+to|are\s+to|set\s+to|prepar\w+\s+to|"
    r"aims?\s+to|aiming\s+to|going\s+to|about\s+to|expected\s+to|threaten\w*\s+to|vow\w*\s+to|"
    r"pledg\w*\s+to|promis\w*\s+to|seeks?\s+to|seeking\s+to|wants?\s+to|nursing\s+plans|"
    r"plans|proposed|proposal\s+to|agreed\s+to|could\s+soon|may\s+soon|next\s+week|next\s+month|"
    r"ready\s+to|in\s+order\s+to|considering|mulling|weighing)\b",
    re.IGNORECASE,
)
ALLEGED = re.compile(
    r"\b(?:accus(?:e|es|ed|ing)|alleg(?:e|es|ed|edly|ing|ation|ations)|reportedly|purported(?:ly)?|"
    r"suspected\s+of|blam(?:e|es|ed|ing)|unconfirmed|unverified|claimed\s+without)\b",
    re.IGNORECASE,
)

# ACLED's event type and sub-event type nearest to each relation.
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "presence": ("Strategic developments", "Other"),
    "base": ("Strategic developments", "Headquarters or base established"),
    "control": ("Battles", "Non-state actor overtakes territory"),
    "support": ("Strategic developments", "Other"),
    "deployment": ("Strategic developments", "Change to group/activity"),
    "withdrawal": ("Strategic developments", "Non-violent transfer of territory"),
    "strike": ("Explosions/Remote violence", "Air/drone strike"),
    "clash": ("Battles", "Armed clash"),
    "patrol": ("Strategic developments", "Other"),
}
_GOVERNMENT_KINDS = frozenset({"state", "coalition", "international"})


def acled_type(relation: str, actor_kind: str = "", trigger: str = "") -> tuple[str, str]:
    """Return ACLED's (event type, sub-event type) for a relation by an actor of `actor_kind`.

    Control by a government (state forces, a state coalition) is "Government regains
    territory"; by anyone else "Non-state actor overtakes territory". A strike whose trigger
    names shelling, artillery, missiles or rockets is ACLED's "Shelling/artillery/missile attack".
    """
    if relation == "control" and actor_kind in _GOVERNMENT_KINDS:
        return ("Battles", "Government regains territory")
    if relation == "strike" and re.search(
        r"shell|artillery|missile|rocket|mortar|barrage", trigger, re.IGNORECASE
    ):
        return ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    return ACLED_TYPES.get(relation, ("Strategic developments", "Other"))
