"""Relation triggers, status cues and the ACLED event types each relation maps to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from articles.claims.scan import trie_pattern

# Between a verb and its noun: "created a base", "set up two new military bases".
_DET = r"(?:(?:a|an|the|its|their|his|two|three|four|several|some|new|small|large|permanent|"
_DET += r"dozens\s+of|hundreds\s+of|a\s+number\s+of|many|numerous|\d+|"
_DET += r"military|air|naval|forward|second|further|more|another|temporary|key)\s+){0,4}"
_BASE_NOUN = r"(?:bases?|air\s?bases?|outposts?|garrisons?|headquarters|military\s+facilit(?:y|ies)"
_BASE_NOUN += r"|facilit(?:y|ies)|posts?|airfields?|positions?|camps?|observation\s+posts?)"
_FORCES = r"(?:troops|forces|soldiers|units|reinforcements|fighters|personnel|contingents?|"
_FORCES += r"(?:an?\s+)?(?:military\s+)?(?:convoy|battalion|brigade|detachment|division)s?|"
_FORCES += r"servicemen|marines|paratroopers|commandos|advisers|equipment|tanks|armou?r|jets|"
_FORCES += r"warplanes|aircraft|helicopters|drones|air\s+defen[cs]e\s+systems|warships|trucks|"
_FORCES += r"vehicles|(?:heavy\s+)?weapons|artillery|missiles|systems|assets)"


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    leads: str  # the first words it can start with, as prefixes ("withdr" for withdrew/withdraw)
    relation: str
    pattern: str
    passive: bool = False  # the agent follows the trigger ("held by X", "under the control of X")
    # The event was told before: "Washington blamed Kataib Hezbollah", "The group denied any
    # role in the attack" are about the place of the last strike or clash.
    refers_back: bool = False


_BE = "is are was were been being "

TRIGGERS: tuple[TriggerSpec, ...] = (
    TriggerSpec(
        "blam held",
        "strike",
        r"blam(?:ed|es|ing)(?=\s+(?:the\s+)?(?-i:[A-Z]))|held\s+(?:the\s+)?(?-i:[A-Z])[\w\-]*"
        r"(?:\s+[\w\-]+){0,3}?\s+responsible",
        passive=True,
        refers_back=True,
    ),
    TriggerSpec(
        "den",
        "strike",
        r"den(?:y|ies|ied|ying)\s+(?:any\s+|all\s+)?(?:role|involvement|responsibility|part)\s+"
        r"in\s+(?:the|this|that)\s+(?:\w+\s+)?(?:attack|strike|bombing|raid|shelling)",
        refers_back=True,
    ),
    # --- passive forms first, so "was captured by" is not read as the active "captured".
    TriggerSpec(
        _BE + "remain now largely still firmly fully held controlled captured seized retaken "
        "recaptured overrun run",
        "control",
        r"(?:(?:is|are|was|were|been|being|remains?|remained|now|largely|still|firmly|fully)\s+"
        r"(?:\w+\s+)?)?(?:held|controlled|captured|seized|retaken|recaptured|overrun|run)\s+by",
        passive=True,
    ),
    TriggerSpec("under", "control", r"under\s+(?:the\s+)?(?:full\s+|firm\s+)?control\s+of", True),
    TriggerSpec("fell", "control", r"fell\s+(?:back\s+)?(?:to|into\s+the\s+hands\s+of)", True),
    TriggerSpec(
        _BE + "struck hit targeted bombed shelled bombarded attacked",
        "strike",
        r"(?:(?:is|are|was|were|been|being)\s+(?:\w+\s+)?)?(?:struck|hit|targeted|bombed|shelled|"
        r"bombarded|attacked)\s+by",
        passive=True,
    ),
    TriggerSpec(
        _BE + "backed supported armed funded trained equipped sponsored",
        "support",
        r"(?:(?:is|are|was|were|been|being)\s+(?:\w+\s+)?)?(?:backed|supported|armed|funded|"
        r"trained|equipped|sponsored)\s+by",
        passive=True,
    ),
    TriggerSpec(_BE, "patrol", r"(?:is|are|was|were|been|being)\s+(?:\w+\s+)?patrolled\s+by", True),
    # --- base
    TriggerSpec(
        "set establish buil creat open keep kept maintain run ran operat construct expand "
        "fortif has have had occup use used uses using hous",
        "base",
        r"(?:set(?:s|ting)?\s+up|establish(?:es|ed|ing)?|buil[dt]s?|building|creat(?:e|es|ed|ing)|"
        r"open(?:s|ed|ing)?|keep(?:s|ing)?|kept|maintain(?:s|ed|ing)?|run(?:s|ning)?|ran|"
        r"operat(?:e|es|ed|ing)|construct(?:s|ed|ing)?|expand(?:s|ed|ing)?|fortif(?:y|ies|ied)|"
        r"ha(?:ve|s|d)|occup(?:y|ies|ied)|us(?:e|es|ed|ing)|hous(?:e|es|ed|ing))\s+"
        + _DET
        + _BASE_NOUN,
    ),
    TriggerSpec(
        "garrison", "base", r"garrison(?:s|ed|ing)?(?=\s+(?:\w+\s+){0,3}(?:in|at|near|on)\b)"
    ),
    TriggerSpec("is are was were", "base", r"(?:is|are|was|were)\s+(?:\w+\s+)?garrisoned"),
    TriggerSpec(
        "'s ’s their its",
        "base",
        r"(?:'s|’s|their|its)\s+(?:\w+\s+)?(?:military\s+|air\s+|naval\s+)?(?:bases?|garrisons?|"
        r"outposts?)\s+(?=(?:in|at|near)\b)",
    ),
    # --- presence ("are deployed in" is presence; "deployed to" below is deployment)
    TriggerSpec(
        "maintain",
        "presence",
        r"maintain(?:s|ed|ing)?\s+(?:a|an|their|its|his|the)?\s*(?:\w+\s+){0,2}presence",
    ),
    TriggerSpec(
        "hold held take takes taking taken took",
        "presence",
        r"(?:hold(?:s|ing)?|held|t(?:ake|akes|aking|aken|ook)\s+up)\s+(?:\w+\s+){0,2}?"
        r"(?:positions?|a\s+foothold|footholds?|a\s+bridgehead|bridgeheads?|lines?)",
    ),
    TriggerSpec(
        "is are was were remain have has had still currently",
        "presence",
        r"(?:is|are|remains?|have\s+been|has\s+been|still|currently|(?:were|was|remained|had\s+been)"
        r"(?!\s+(?:\w+\s+)?deployed))"
        r"\s+(?:\w+\s+){0,2}?(?:deployed|stationed|based|present|positioned|entrenched|active|"
        r"there)(?=\s+(?:\w+\s+){0,3}(?:in|at|near|around|on|across|inside|throughout|along)\b|"
        r"(?<=there))",
    ),
    TriggerSpec(
        "stationed based positioned entrenched",
        "presence",
        r"(?:stationed|based|positioned|entrenched)(?=\s+(?:\w+\s+){0,2}(?:in|at|near|around|on|"
        r"across|inside|along)\b)",
    ),
    TriggerSpec(
        "hous is are were was remain roll swept swe storm besieg encircl surround blockad",
        "presence",
        r"(?:(?:is|are|were|was)\s+(?:\w+\s+)?)?housed(?=\s+(?:\w+\s+){0,4}(?:in|at)\b)|"
        r"(?:is|are|remain|remains|was|were)\s+(?:still\s+|also\s+)?active\b|"
        r"(?:is|are|were|was)\s+(?:\w+\s+)?(?:training|advising|operating|fighting)"
        r"(?=\s+(?:[\w'’]+\s+){0,4}(?:in|at|near|around|south|north|east|west|outside)\b)|"
        r"(?:roll(?:ed|s|ing)|swept|sweep(?:s|ing)?|storm(?:ed|s|ing)?)\s+into|"
        r"besieg(?:e|es|ed|ing)|encircl(?:e|es|ed|ing)|surround(?:s|ed|ing)|blockad(?:es|ed|ing)",
    ),
    TriggerSpec(
        "dug dig",
        "presence",
        r"d(?:ug|ig|igs|igging)\s+in(?=\s+(?:\w+\s+){0,3}(?:in|at|near|around|along|on)\b)",
    ),
    TriggerSpec(
        "consolidat concentrat",
        "presence",
        r"consolidat(?:e|es|ed|ing)\s+(?:its|their|the)\s+(?:\w+\s+)?(?:forces|troops|positions)",
    ),
    TriggerSpec(
        "military presence",
        "presence",
        r"(?:military\s+)?presence\s+(?=(?:in|at|near|around|on|across)\b)",
    ),
    TriggerSpec(
        "is are was were remain",
        "presence",
        r"(?:is|are|was|were|remain|remains)\s+(?:still\s+|now\s+|currently\s+|also\s+)?"
        r"(?=(?:in|inside|at|near)\s+(?:the\s+)?(?-i:[A-Z]))",
    ),
    TriggerSpec(
        "has have had keep kept maintain",
        "presence",
        r"(?:ha(?:ve|s|d)|keep(?:s|ing)?|kept|maintain(?:s|ed|ing)?)\s+(?:(?!\w+ed\b)\w+\s+){0,2}?"
        + _FORCES
        + r"(?=\s+(?:stationed\s+|based\s+|deployed\s+)?(?:in|at|near|on|inside|around)\b)",
    ),
    TriggerSpec(
        "remain stay operat are is enter",
        "presence",
        r"(?:remain(?:s|ed)?|stay(?:s|ed)?|operat(?:e|es|ed|ing)|are\s+operating|is\s+operating)"
        r"(?=\s+(?:\w+\s+)?(?:in|at|near|around|inside|across|throughout)\b)|enter(?:s|ed|ing)",
    ),
    TriggerSpec(
        "has have had keep kept",
        "presence",
        r"(?:ha(?:ve|s|d)|keep(?:s|ing)?|kept)\s+(?:about|around|some|roughly|"
        r"nearly|almost|an\s+estimated)?\s*[\d,]+\s+(?:\w+\s+)?" + _FORCES,
    ),
    # --- deployment
    TriggerSpec(
        "deploy redeploy send sends sent sending dispatch mov rush airlift fly flies flew brought "
        "bring plac carr transport ferr",
        "deployment",
        r"(?:re)?deploy(?:s|ed|ing)?|(?:sen[dt]s?|sending|dispatch(?:es|ed|ing)?|mov(?:e|es|ed|ing)|"
        r"rush(?:es|ed|ing)?|airlift(?:s|ed|ing)?|fl(?:y|ies|ew)|brought|bring(?:s|ing)?|"
        r"plac(?:e|es|ed|ing)|carr(?:y|ies|ied|ying)|transport(?:s|ed|ing)?|ferr(?:y|ies|ied|ying))\s+"
        r"(?:(?:about|around|some|more|additional|new|extra|fresh|hundreds\s+of|thousands\s+of|any|no|"
        r"dozens\s+of|[\d,]+|a|an|its|their|his|the|of|military|special|elite|ground|combat|"
        r"heavy|and|armou?red)\s+){0,5}" + _FORCES,
    ),
    TriggerSpec("deployment", "deployment", r"deployment\s+of\s+(?:\w+\s+){0,3}" + _FORCES),
    TriggerSpec(
        "arriv advanc push were was have has had mass flown",
        "deployment",
        r"arriv(?:e|es|ed|ing)(?=\s+(?:\w+\s+)?(?:in|at|to)\b)|"
        r"(?:advanc(?:e|es|ed|ing)|push(?:es|ed|ing)?)(?=\s+(?:\w+\s+)?(?:towards?|into|to)\s+"
        r"(?:the\s+)?(?-i:[A-Z]))|(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:sent|flown|moved|"
        r"transferred|airlifted|rushed|redeployed|dispatched|deployed|brought)(?=\s+(?:\w+\s+){0,2}"
        r"(?:in|into|to|toward|towards|at|near|around)\b)|mass(?:ed|ing|es)(?=\s+(?:\w+\s+){0,3}(?:in|at|near|"
        r"around|along|on|west|east|north|south)\b)|flown\s+(?:out\s+|back\s+)?(?=to\b)",
    ),
    TriggerSpec(
        "ground incursion launch",
        "deployment",
        r"(?:ground\s+(?:raids?|incursions?|operations?|offensive|invasion)|incursions?)"
        r"\s+(?=(?:into|in)\b)|launch(?:es|ed|ing)?\s+(?:\w+\s+){0,5}?ground\s+(?:raids?|"
        r"incursions?|operations?|offensive|invasion)",
    ),
    TriggerSpec(
        "cross",
        "deployment",
        r"cross(?:ed|es|ing)?\s+(?:the\s+(?:border|frontier|river)\s+)?into",
    ),
    TriggerSpec(
        "concentrat",
        "deployment",
        r"concentrat(?:e|es|ed|ing)(?=\s+(?:\w+\s+){0,2}(?:at|in|around|near)\b)",
    ),
    TriggerSpec(
        "mov",
        "deployment",
        r"mov(?:e|es|ed|ing)(?=\s+(?:\w+\s+){0,3}(?:into|to|toward|towards)\b)",
    ),
    TriggerSpec(
        "reinforc",
        "deployment",
        r"reinforc(?:e|es|ed|ing)|reinforcements\s+(?=(?:to|into)\b)",
    ),
    # --- withdrawal
    TriggerSpec(
        "withdr pull retreat evacuat left leav abandon vacat hand end",
        "withdrawal",
        r"withdr(?:ew|aw|awn|aws|awing)|pull(?:s|ed|ing)?\s+(?:\w+\s+){0,6}?(?:out|back)|"
        r"retreat(?:s|ed|ing)?|evacuat(?:e|es|ed|ing)|pullout|pull-out|withdrawal|"
        r"(?:left|leaves|leave|leaving|abandon(?:s|ed|ing)?|vacat(?:e|es|ed|ing))"
        r"(?=\s+(?:their|its|the|a|an)?\s*(?:[\w\-]+\s+){0,3}(?:base|positions?|outposts?|"
        r"garrison|bases|headquarters|posts?|sites?|airfield|air\s+base)\b)|"
        r"hand(?:s|ed|ing)?\s+(?:\w+\s+){0,5}?over(?=\s+(?:to\s+)?(?:the\s+|their\s+|its\s+)?"
        r"(?:control|(?-i:[A-Z])|bases?|camps?|positions?|territory|outposts?|regular|posts?|"
        r"garrisons?))|handover\s+of|(?:left|leave|leaves|leaving)(?=\s+(?-i:[A-Z]))|"
        r"end(?:s|ed|ing)?\s+(?:its|their|the)\s+(?:\w+\s+){0,2}(?:mission|deployment|presence)",
    ),
    # --- strike ("attack on X" is a strike; "attacked X" a clash)
    TriggerSpec(
        "air drone missile rocket artillery naval aerial precision retaliatory suicide kamikaze "
        "bomb strik struck shell pound target hit launch fire fires fired firing shot attack "
        "fly flies flew flown retaliat",
        "strike",
        r"(?:air|drone|missile|rocket|artillery|naval|aerial|precision|retaliatory|suicide\s+drone|"
        r"kamikaze\s+drone)[\s\-]*(?:strikes?|attacks?|raids?|bombardments?|barrages?|fire)|"
        r"airstrikes?|air\s?raids?|bombing\s+raids?|strikes?\s+(?=(?:on|against|in|near|at)\b)|"
        r"struck|striking|strik(?:e|es)(?=\s+(?:\w+\s+){0,3}(?:in|on|near|at|targets?|"
        r"positions?)\b)|shell(?:s|ed|ing)|bomb(?:s|ed|ing)|bombard(?:s|ed|ing)?|pound(?:s|ed|ing)|"
        r"target(?:ed|ing)|hit(?:s|ting)?|launch(?:es|ed|ing)?\s+(?:\w+\s+){0,3}?(?:(?:drone|"
        r"missile|rocket|air|artillery)\s+)?(?:strikes?|attacks?|raids?|barrages?|salvos?)|"
        r"launch(?:es|ed|ing)?\s+(?:\w+\s+){0,3}?(?:missiles?|rockets?|drones?)|"
        r"fir(?:e|es|ed|ing)\s+(?:[\w\-]+\s+){0,5}?(?:missiles?|rockets?|shells?|drones?|mortars?)|"
        r"fir(?:e|es|ed|ing)\s+(?=(?:on|at)\b)|shot\s+down|"
        r"attacks?\s+(?=(?:on|against)\b(?!\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:army|military|"
        r"camp|base|post|position|checkpoint|barracks|garrison|outpost|soldiers|troops)\b))|"
        r"fl(?:y|ies|ew|own)\s+(?:\w+\s+){0,3}?(?:strikes|sorties|missions|raids)|"
        r"retaliat(?:e|es|ed|ing)\s+against",
    ),
    # --- clash
    TriggerSpec(
        "clash fought fight battl engag ambush attack assault heavy fierce intense repel repuls "
        "skirmish press kill",
        "clash",
        r"clash(?:es|ed|ing)?(?:\s+with)?|fought(?:\s+with|\s+against)?|fight(?:s|ing)?\s+"
        r"(?:with|against)|fighting\s+between|battl(?:e|es|ed|ing)(?:\s+with|\s+against)?|"
        r"engag(?:e|es|ed|ing)\s+(?:with|in\s+(?:heavy\s+)?(?:fighting|clashes)\s+with)|"
        # A bare noun after an article ("the attack had happened") names no new event.
        r"(?<!the\s)(?<!an\s)(?<!a\s)(?<!this\s)(?<!that\s)(?<!its\s)(?<!their\s)"
        r"(?:ambush(?:es|ed|ing)?|attack(?:s|ed|ing)?|assault(?:s|ed|ing)?)|"
        r"(?:heavy\s+|fierce\s+|intense\s+)?fighting(?=\s+(?:in|near|around|at|for|broke)\b)|"
        r"repel(?:s|led|ling)|repuls(?:e|es|ed|ing)|skirmish(?:es|ed)?(?:\s+with)?|"
        r"kill(?:ed|s|ing)\s+(?:\w+\s+){0,3}?(?:militants|jihadists|insurgents|terrorists)|"
        r"press(?:ed|es|ing)?\s+(?:their|its|the|an?)\s+(?:\w+\s+)?(?:offensive|assault|attack)s?"
        r"\s+(?:on|against)",
    ),
    # --- control
    TriggerSpec(
        "took take takes taking taken seiz gain wrest regain retook assum tighten extend lost "
        "lose loses full complete control captur recaptur retak overr liberat hold held occup "
        "conquer declar claim drove drive drives driving driven",
        "control",
        r"(?:(?:took|take|takes|taking|taken|seized|seize|seizes|seizing|gained|gain|gains|wrested|"
        r"regained|retook|assumed|tightened|extended|lost|loses)\s+)?(?:full\s+|complete\s+)?"
        r"control(?:s|led|ling)?(?:\s+(?:over|of))?|"
        r"(?:re)?captur(?:e|es|ed|ing)|(?:re)?seiz(?:e|es|ed|ing)|seized|retook|retak(?:e|es|en|ing)|"
        r"overr(?:an|un|uns|unning)|took\s+over|tak(?:e|es|en|ing)\s+over|liberat(?:e|es|ed|ing)|"
        r"(?:hold|holds|held|holding)(?!\s+(?:talks|a\s+meeting|meetings|elections?|back|on|off))"
        r"(?<!be\sheld)(?<!been\sheld)(?<!being\sheld)(?<!was\sheld)(?<!were\sheld)|"
        r"occup(?:y|ies|ied|ying)|conquer(?:s|ed|ing)?|"
        r"(?:declar|claim)(?:ed|es|s|ing)?\s+victory|"
        r"(?:took|taking|taken|take|takes)(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
        r"(?<!was\s)(?<!were\s)(?<!been\s)dr(?:ove|ive|ives|iving|iven)\s+(?:\w+\s+){0,6}?out\s+of",
    ),
    # --- support
    TriggerSpec(
        "provid giv gave lend lent offer support back arm train fund equip financ sponsor "
        "assist help side sides sided allied allies ally",
        "support",
        r"(?:provid(?:e|es|ed|ing)|giv(?:e|es|ing)|gave|lend(?:s|ing)?|lent|offer(?:s|ed|ing)?)"
        r"\s+(?:\w+\s+){0,2}(?:support|backing|cover|assistance|aid|weapons|arms)\s+(?:to|for)|"
        r"support(?:s|ed|ing)?|back(?:s|ed|ing)?(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
        r"(?:arm(?:s|ed|ing)|train(?:s|ed|ing)|fund(?:s|ed|ing)|equip(?:s|ped|ping)|"
        r"financ(?:e|es|ed|ing)|sponsor(?:s|ed|ing)?|assist(?:s|ed|ing)?|help(?:s|ed|ing)?)"
        r"(?=\s+(?:the\s+)?(?-i:[A-Z]))|(?:sided|side|sides|allied|allies|ally)\s+with",
    ),
    # --- patrol
    TriggerSpec(
        "joint military regular armou patrol comb sweep",
        "patrol",
        r"(?:joint\s+|military\s+|regular\s+|armou?red\s+)?patrol(?:s|led|ling|ed|ing)?|"
        r"comb(?:s|ed|ing)?(?=\s+(?:the|through)\b)|sweep(?:s|ing)?\s+(?=(?:the|through)\b)",
    ),
)

TRIGGER_REGEX = re.compile(
    "|".join(
        rf"(?P<t{i}>(?<![\w\-])(?:{spec.pattern})(?:(?<=\s)|(?!\w)))"
        for i, spec in enumerate(TRIGGERS)
    ),
    re.IGNORECASE,
)


# Python's regex engine would try every trigger at every character. Instead each word is looked
# up once (cached) for the triggers whose lead stems prefix it, and only those are matched there;
# tests/test_claims_triggers.py checks this finds exactly what one big alternation finds.
# A trigger starts at a word that is not the tail of a compound ("rebel-held" is not "held")
# and ends at a word's end ("encircle" is not "encirclement").
_STEM_SPECS: dict[str, tuple[int, ...]] = {}
for _index, _spec in enumerate(TRIGGERS):
    for _stem in _spec.leads.split():
        _STEM_SPECS[_stem] = (*_STEM_SPECS.get(_stem, ()), _index)
# Where a word starts with a lead stem; the word is then looked up for its triggers.
# Matched against the lower-cased text: a case-sensitive scan is several times faster.
_LEAD = re.compile(r"\b(?:" + trie_pattern(_STEM_SPECS) + r")[a-z]*|(?<=\w)['’]s\b")
# What _LEAD finds, found faster (see _leads): a lead word after the character before it, and
# "'s" (which _LEAD's first branch takes, as a stem, right after a word).
_WORD_STEMS = [stem for stem in _STEM_SPECS if stem.isalpha()]
_LEAD_WORD = re.compile(
    r"[^A-Za-z0-9_](?=["
    + "".join(sorted({stem[0] for stem in _WORD_STEMS}))
    + "])((?:"
    + trie_pattern(_WORD_STEMS)
    + ")[a-z]*)"
)
_LEAD_MARK = re.compile(r"['’]s[a-z]*")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# Function words lead triggers only as whole words ("is" but not "island", "was" but not
# "Washington").
_WHOLE_WORDS = frozenset(
    {"is", "are", "was", "were", "been", "being", "has", "have", "had", "its", "their", "still"}
    | {"now", "fully", "firmly", "largely", "currently", "under"}
)


# After a function-word lead ("is", "had"), a trigger needs one of these words within the next
# eight ("was captured by", "had 900 troops in", "is deployed in"); most "is" and "was" in news
# text have none, and checking a set is far cheaper than running the regexes.
_AFTER_FUNCTION_WORDS = frozenset(
    """held controlled captured seized retaken recaptured overrun run struck hit targeted bombed
    shelled bombarded attacked backed supported armed funded trained equipped sponsored
    patrolled garrisoned deployed stationed based present positioned entrenched active there
    housed training advising operating fighting sent flown moved transferred airlifted rushed
    redeployed dispatched brought in inside at near troops forces soldiers units reinforcements
    fighters personnel contingent contingents convoy convoys battalion battalions brigade
    brigades detachment detachments division divisions servicemen marines paratroopers commandos
    advisers equipment tanks armour armor jets warplanes aircraft helicopters drones systems
    warships trucks vehicles weapons artillery missiles assets base bases airbase airbases
    outpost outposts garrison garrisons headquarters facility facilities post posts airfield
    airfields position positions camp camps""".split()  # noqa: SIM905
)
_FUNCTION_LEADS = _WHOLE_WORDS | {
    "remain", "remains", "remained", "keep", "keeps", "kept", "'s", "’s"
}  # fmt: skip


def _worth_trying(lowered: str, word: str, end: int) -> bool:
    """Return whether a trigger could start at a function word ending at `end`."""
    if word not in _FUNCTION_LEADS:
        return True
    for token in lowered[end : end + 90].split()[:8]:
        token = token.strip(".,;:!?\"“”()'’")
        if token in _AFTER_FUNCTION_WORDS or token[:1].isdigit():
            return True
    return False


@lru_cache(maxsize=65536)
def _specs_for_word(word: str) -> re.Pattern[str] | None:
    """Return one regex trying, in table order, every trigger that can start with `word`."""
    found: set[int] = set()
    for k in range(1, len(word) + 1):
        stem = word[:k]
        if stem in _WHOLE_WORDS and k != len(word):
            continue
        found.update(_STEM_SPECS.get(stem, ()))
    if not found:
        return None
    # One alternation per word runs inside the regex engine instead of one call per trigger;
    # the first alternative that matches wins, as in the full table.
    return re.compile(
        "|".join(
            rf"(?P<s{i}>(?<![\w\-])(?:{TRIGGERS[i].pattern})(?:(?<=\s)|(?!\w)))"
            for i in sorted(found)
        ),
        re.IGNORECASE,
    )


def _leads(lowered: str) -> Iterator[tuple[int, int]]:
    """Yield the spans `_LEAD.finditer(lowered)` yields.

    _LEAD starts a match at a word boundary, so the engine tries it at every character. Here
    one scan finds lead words by the character before them (a word boundary unless it is a
    non-ASCII letter) and another finds "'s" (a lead right after a word character); the two
    are merged, dropping what starts inside the lead before, as finditer does.
    """
    first = _LEAD.match(lowered)
    taken = 0  # where the last lead ended
    if first is not None:
        taken = first.end()
        yield 0, taken
    words = _LEAD_WORD.finditer(lowered)
    marks = _LEAD_MARK.finditer(lowered)
    word = next(words, None)
    mark = next(marks, None)
    while word is not None or mark is not None:
        if word is not None and (mark is None or word.start(1) < mark.start()):
            start, stop = word.span(1)
            before = lowered[start - 1]
            valid = before.isascii() or not before.isalnum()
            word = next(words, None)
        else:
            start, stop = mark.span()
            before = lowered[start - 1] if start else ""
            valid = bool(before) and (before.isalnum() or before == "_")
            mark = next(marks, None)
        if valid and start >= taken:
            taken = stop
            yield start, stop


def find_trigger_matches(text: str) -> list[tuple[re.Match[str], TriggerSpec]]:
    """Return the non-overlapping trigger matches of `text` with their specs, leftmost first."""
    out: list[tuple[re.Match[str], TriggerSpec]] = []
    end = 0
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lower-case to two ("İ"); keep offsets aligned by folding only ASCII.
        lowered = text.translate(_ASCII_LOWER)
    for start, stop in _leads(lowered):
        if start < end or (start and lowered[start - 1] == "-"):
            continue
        lead = lowered[start:stop]
        regex = _specs_for_word(lead)
        if regex is None or (lead in _FUNCTION_LEADS and not _worth_trying(lowered, lead, stop)):
            continue
        found = regex.match(text, start)
        if found is not None and found.end() > start:
            out.append((found, TRIGGERS[int(found.lastgroup[1:])]))  # type: ignore[index]
            end = found.end()
    return out


def spec_for(match: re.Match[str]) -> TriggerSpec:
    """Return the TriggerSpec whose group matched."""
    return TRIGGERS[int(match.lastgroup[1:])]  # type: ignore[index]


# Adjectival relations glued to an actor name: "US-backed", "Houthi-held", "SDF-controlled".
HYPHEN_RELATION = re.compile(
    r"[-‐–]\s?(backed|supported|sponsored|funded|armed|allied|aligned|held|controlled|run|"
    r"occupied|led|linked|affiliated|inspired|loyal)\b",
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
DENIAL_AFTER = re.compile(r"\W*(?:any\s+longer|anymore|any\s+more)\b", re.IGNORECASE)
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
