"""Rule-based claim extraction: who is where, doing what, according to whom.

Per sentence with a relation trigger: the agent is the nearest actor mention (or a pronoun
resolved to one) before the trigger, or after it for passives ("held by the SDF"); the place
is the literal mention the trigger's clause is about (first after the trigger, then the
antecedent of "where", "there", then a locative phrase before it), with each place of a
coordinated phrase giving its own claim; the claimant comes from the sentence's attribution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.claims.claimants import Sentence, sentence_claimants, split_sentences
from articles.claims.lexicon import ActorLexicon
from articles.claims.triggers import (
    ALLEGED,
    DENIAL,
    DENIAL_AFTER,
    HYPHEN_RELATION,
    HYPHEN_RELATIONS,
    NEGATION,
    PLANNED,
    TRIGGER_REGEX,
    spec_for,
)
from articles.claims.types import ActorMention, ExtractedClaim
from articles.geoparse.types import ResolvedMention

# Words that end the clause a trigger belongs to, so its place is not searched past them.
_BOUNDARY = re.compile(
    r"\bwhere\b|;|\bwhile\b|\bwhereas\b|\bbut\b|\bafter\b|\bbefore\b|\bsince\b|\bbecause\b|"
    r"\balthough\b|,\s+(?:which|who|whose|as|and\s+(?:the|its|their|a)\b)|[\"“”]|\(|\)|—|–\s|:",
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|into|near|at|around|on|inside|across|outside|throughout|within|to|toward|towards|"
    r"from|over|along|through|of|via|between|and|off|out\s+of|beyond|west\s+of|east\s+of|"
    r"north\s+of|south\s+of)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_PLACE_PREP = re.compile(
    r"\b(?:in|into|near|at|around|on|inside|across|outside|throughout|within|to|toward|towards|"
    r"from|over|along|through|of|via|off|beyond)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_COORDINATION = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+|,?\s*including\s+)"
    r"(?:(?:also\s+)?(?:in|on|at|near|around|into|across|of|along|inside|to)\s+)?"
    r"(?:(?:the|parts\s+of|part\s+of|areas\s+of)\s+)?$",
    re.IGNORECASE,
)
_INITIAL_PP = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:in|near|at|around|on|inside|across|outside|throughout|over|from)\s+"
    r"(?:the\s+)?(?:[\w'’\-]+\s+){0,4}?$",
    re.IGNORECASE,
)
_THERE = re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would)\b)", re.IGNORECASE)
_PRONOUN = re.compile(
    r"\b(?:they|it|(?:its|their)\s+(?:own\s+)?(?:forces|troops|fighters|soldiers|units|military|"
    r"jets|warplanes|drones|aircraft|army|men|militiamen|members)|"
    r"[Tt]he\s+(?:militias?|group|rebels|jihadists|militants|fighters|troops|forces|soldiers|"
    r"army|military|coalition|insurgents|movement|organi[sz]ation|paramilitaries|mercenaries|"
    r"separatists|extremists|terrorists|alliance))\b|\b(?:They|It)\b"
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
    "alliance": frozenset({"coalition"}),
    "army": frozenset({"state"}),
}
# Pronouns resolve to an actor named at most this far back.
_COREF_WINDOW = 900
# A second actor ("support the SDF", "clashed with IS") sits at most this many words after.
_OBJECT_GAP = re.compile(
    r"^\s*(?:(?:the|a|an|its|their|local|allied|rival|pro-\w+|\w+-backed|\w+-led|Kurdish|Arab|"
    r"forces|fighters|of|and|to|for|with|against|between|both|members|units|militants|"
    r"positions|elements)\s+){0,4}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Agent:
    actor: str
    start: int
    end: int
    explicit: bool  # named in the sentence, not a pronoun resolved backwards


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    relation: str
    passive: bool
    text: str
    hyphen_actor: ActorMention | None = None


class _Article:
    """The indexes one extraction run needs over an article's text."""

    def __init__(
        self, text: str, mentions: Sequence[ResolvedMention], lexicon: ActorLexicon
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        datelines = [(m.start, m.end) for m in mentions if m.is_dateline]
        literal = [
            (i, m) for i, m in enumerate(mentions) if m.role == "literal" and not m.is_dateline
        ]
        actors: list[ActorMention] = []
        used_as_actor: set[int] = set()
        for found in lexicon.find_mentions(text):
            if any(s < found.end and found.start < e for s, e in datelines):
                continue
            overlapping = [i for i, m in literal if m.start < found.end and found.start < m.end]
            if overlapping and _PLACE_PREP.search(text, max(0, found.start - 25), found.start):
                continue  # "in Iraq", "near Damascus": the place, not the actor
            used_as_actor.update(overlapping)
            actors.append(found)
        self.actors = actors
        self.actor_starts = [a.start for a in actors]
        self.places = sorted(
            ((i, m) for i, m in literal if i not in used_as_actor), key=lambda im: im[1].start
        )
        self.place_starts = [m.start for _, m in self.places]

    def actors_between(self, start: int, end: int) -> list[ActorMention]:
        lo = bisect.bisect_left(self.actor_starts, start)
        hi = bisect.bisect_left(self.actor_starts, end)
        return self.actors[lo:hi]

    def places_between(self, start: int, end: int) -> list[tuple[int, ResolvedMention]]:
        lo = bisect.bisect_left(self.place_starts, start)
        hi = bisect.bisect_left(self.place_starts, end)
        return self.places[lo:hi]

    def resolve_pronoun(self, start: int, word: str) -> str | None:
        """Return the actor a pronoun or a definite description at `start` stands for."""
        head = word.split()[-1].lower()
        kinds = _PRONOUN_KINDS.get(head)
        lo = bisect.bisect_left(self.actor_starts, start - _COREF_WINDOW)
        hi = bisect.bisect_left(self.actor_starts, start)
        for found in reversed(self.actors[lo:hi]):
            if found.end > start:
                continue
            if kinds and self.lexicon.kind_of(found.actor) not in kinds:
                continue
            if _is_modifier(self.text, found):
                continue
            return found.actor
        return None


def _is_modifier(text: str, found: ActorMention) -> bool:
    """Return whether an actor mention only modifies another ("US-backed", "SDF-held")."""
    return bool(HYPHEN_RELATION.match(text, found.end, found.end + 14))


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
    article = _Article(text, mentions, lexicon)
    sentences = split_sentences(text)
    if not sentences:
        return ()
    triggers = _find_triggers(text, article)
    if not triggers:
        return ()
    sentence_starts = [s.start for s in sentences]
    by_sentence: dict[int, list[_Trigger]] = {}
    for trigger in triggers:
        index = bisect.bisect_right(sentence_starts, trigger.start) - 1
        if index >= 0 and trigger.start < sentences[index].end:
            by_sentence.setdefault(index, []).append(trigger)
    claimants: list[str] | None = None
    claims: list[ExtractedClaim] = []
    seen: set[tuple[str, str, int, str | None]] = set()
    last_places: list[int] = []
    for index in sorted(by_sentence):
        sentence = sentences[index]
        if claimants is None:
            claimants = sentence_claimants(text, sentences, outlet)
        sentence_triggers = by_sentence[index]
        for position, trigger in enumerate(sentence_triggers):
            following = next(iter(sentence_triggers[position + 1 :]), None)
            found = _claims_for_trigger(
                article, sentence, trigger, following, claimants[index], last_places
            )
            for claim in found:
                key = (claim.actor, claim.relation, claim.mention_index or -1, claim.second_actor)
                if key in seen:
                    continue
                seen.add(key)
                claims.append(claim)
        placed = [
            c.mention_index
            for c in claims
            if c.sentence_start == sentence.start and c.mention_index is not None
        ]
        if placed:
            last_places = placed
        else:
            in_sentence = article.places_between(sentence.start, sentence.end)
            if in_sentence:
                last_places = [in_sentence[-1][0]]
    return tuple(claims)


def _find_triggers(text: str, article: _Article) -> list[_Trigger]:
    found = [
        _Trigger(m.start(), m.end(), spec.relation, spec.passive, m.group())
        for m in TRIGGER_REGEX.finditer(text)
        for spec in (spec_for(m),)
    ]
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
                    hyphen_actor=actor,
                )
            )
    found.sort(key=lambda t: t.start)
    # A trigger inside an actor's name ("Rapid Support Forces") is part of the name.
    out = []
    for trigger in found:
        if trigger.hyphen_actor is None and any(
            a.start <= trigger.start and trigger.end <= a.end
            for a in article.actors_between(trigger.start - 80, trigger.end)
        ):
            continue
        out.append(trigger)
    return out


def _claims_for_trigger(
    article: _Article,
    sentence: Sentence,
    trigger: _Trigger,
    following: _Trigger | None,
    claimant: str,
    last_places: list[int],
) -> list[ExtractedClaim]:
    text = article.text
    clause_start = _clause_start(text, sentence.start, trigger.start)
    window_end = _clause_end(text, trigger.end, sentence.end)
    if following is not None and following.start > trigger.end:
        window_end = min(window_end, following.start)

    agent, second = _agents(article, sentence, trigger, clause_start, window_end)
    if agent is None:
        return []
    if trigger.relation in {"support", "clash"}:
        if second is None or second == agent.actor:
            return []
    elif second == agent.actor:
        second = None

    places, how = _places(article, sentence, trigger, clause_start, window_end, last_places, agent)
    if not places:
        return []
    status = _status(text, sentence, clause_start, trigger, agent)
    confidence = 0.5
    confidence += 0.2 if agent.explicit else 0.05
    confidence += {"after": 0.15, "hyphen": 0.1, "where": 0.1, "before": 0.05}.get(how, 0.0)
    confidence += 0.05 if claimant else 0.0
    confidence = round(min(0.95, max(0.05, confidence)), 2)
    return [
        ExtractedClaim(
            actor=agent.actor,
            relation=trigger.relation,
            mention_index=place,
            claimant=claimant,
            status=status,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            confidence=confidence,
            second_actor=second if trigger.relation in {"support", "clash"} else None,
            trigger=trigger.text,
        )
        for place in places
    ]


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    start = sentence_start
    for match in _BOUNDARY.finditer(text, sentence_start, position):
        start = match.start()
    return start


def _clause_end(text: str, position: int, sentence_end: int) -> int:
    match = _BOUNDARY.search(text, position, sentence_end)
    return match.start() if match else sentence_end


def _agents(
    article: _Article,
    sentence: Sentence,
    trigger: _Trigger,
    clause_start: int,
    window_end: int,
) -> tuple[_Agent | None, str | None]:
    """Return the trigger's agent and, for support and clash, the other actor."""
    text = article.text
    if trigger.hyphen_actor is not None:
        head = trigger.hyphen_actor
        agent = _Agent(head.actor, head.start, head.end, True)
        after = [
            a
            for a in article.actors_between(trigger.end, window_end)
            if _OBJECT_GAP.match(text[trigger.end : a.start])
        ]
        return agent, (after[0].actor if after else None)

    after_actors = article.actors_between(trigger.end, window_end)
    if trigger.passive:
        agent_mention = next(
            (a for a in after_actors if _OBJECT_GAP.match(text[trigger.end : a.start])), None
        )
        if agent_mention is None:
            return None, None
        agent = _Agent(agent_mention.actor, agent_mention.start, agent_mention.end, True)
        before = _nearest_before(article, sentence.start, trigger.start)
        return agent, (before.actor if before else None)

    agent = _nearest_before(article, sentence.start, trigger.start)
    if agent is None:
        # A nominal trigger can hold its actor: "the deployment of US troops to Syria".
        inside = article.actors_between(trigger.start, trigger.end)
        if not inside:
            return None, None
        agent = _Agent(inside[0].actor, inside[0].start, inside[0].end, True)
    second: str | None = None
    if trigger.relation == "clash" and re.match(r"fighting\s+between", trigger.text, re.I):
        pair = [a for a in after_actors if a.actor]
        if len(pair) >= 2:
            return _Agent(pair[0].actor, pair[0].start, pair[0].end, True), pair[1].actor
        if pair:
            return _Agent(pair[0].actor, pair[0].start, pair[0].end, True), None
    if trigger.relation in {"support", "clash"}:
        objects = [a for a in after_actors if _OBJECT_GAP.match(text[trigger.end : a.start])]
        if objects:
            second = objects[0].actor
        elif trigger.relation == "clash":
            # "Turkish troops and the SDF clashed near Manbij": the other conjunct.
            pair = article.actors_between(sentence.start, agent.start)
            if pair and re.fullmatch(r"\s*(?:and|,)\s*", text[pair[-1].end : agent.start]):
                second = pair[-1].actor
    return agent, second


def _nearest_before(article: _Article, sentence_start: int, position: int) -> _Agent | None:
    """Return the nearest actor or resolvable pronoun before `position` in the sentence."""
    text = article.text
    candidates: list[_Agent] = []
    for found in article.actors_between(sentence_start, position):
        if found.end > position or _is_modifier(text, found):
            continue
        if _is_object(text, sentence_start, found.start):
            continue
        candidates.append(_Agent(found.actor, found.start, found.end, True))
    best = candidates[-1] if candidates else None
    for match in _PRONOUN.finditer(text, best.end if best else sentence_start, position):
        resolved = article.resolve_pronoun(match.start(), match.group())
        if resolved is not None:
            best = _Agent(resolved, match.start(), match.end(), False)
    return best


def _is_object(text: str, sentence_start: int, start: int) -> bool:
    """Return whether an actor mention is the object of a preposition ("with X", "by X")."""
    before = text[max(sentence_start, start - 14) : start]
    return bool(re.search(r"\b(?:with|against|by|from|to|for|on|between|of)\s+$", before, re.I))


def _places(
    article: _Article,
    sentence: Sentence,
    trigger: _Trigger,
    clause_start: int,
    window_end: int,
    last_places: list[int],
    agent: _Agent,
) -> tuple[list[int], str]:
    """Return the indexes of the mentions the trigger's event is about, and how they were found."""
    text = article.text
    after = article.places_between(trigger.end, window_end)
    if trigger.relation == "deployment" and len(after) > 1:
        # "moved troops from Iraq into Syria": the destination, not the origin.
        after = [
            (i, m)
            for i, m in after
            if not re.search(r"\bfrom\s+(?:the\s+)?$", text[max(0, m.start - 12) : m.start], re.I)
        ] or after
    if after:
        first_index, first = after[0]
        gap = text[trigger.end : first.start]
        if len(gap) <= 140 and not re.search(r"[.;!?]", gap):
            how = "hyphen" if trigger.hyphen_actor is not None else "after"
            return _coordinated(article, first_index, window_end), how
    # "…in southeastern Syria where they created a base": the place before "where".
    if text[clause_start : clause_start + 5].lower() == "where":
        group = _group_before(article, sentence.start, clause_start)
        if group:
            return group, "where"
    if _THERE.search(text, trigger.end, window_end) and last_places:
        return list(last_places), "there"
    before = article.places_between(sentence.start, trigger.start)
    for index, mention in reversed(before):
        if mention.end > agent.start and mention.start < agent.end:
            continue
        between = text[mention.end : trigger.start]
        lead = text[sentence.start : mention.start]
        prep = _PLACE_PREP.search(text, max(sentence.start, mention.start - 25), mention.start)
        if trigger.passive and not re.search(r"[;:]", between) and len(between) < 60:
            return [index], "before"
        if prep and not re.search(r"[,;:\"“”]", between) and len(between) < 120:
            return [index], "before"
        if _INITIAL_PP.match(lead) and re.match(r"^\s*,", between):
            return [index], "before"
    return [], ""


def _coordinated(article: _Article, first_index: int, window_end: int) -> list[int]:
    """Return `first_index` and the places coordinated with it ("in A and on B", "A, B and C")."""
    text = article.text
    group = [first_index]
    position = next(k for k, (i, _) in enumerate(article.places) if i == first_index)
    current = article.places[position][1]
    for index, mention in article.places[position + 1 :]:
        if mention.start >= window_end:
            break
        if not _COORDINATION.match(text[current.end : mention.start]):
            break
        group.append(index)
        current = mention
    return group


def _group_before(article: _Article, sentence_start: int, position: int) -> list[int]:
    """Return the coordinated places ending right before `position` (what "where" refers to)."""
    before = article.places_between(sentence_start, position)
    if not before:
        return []
    last_index, last = before[-1]
    if not re.fullmatch(r"[\s,]*", article.text[last.end : position]):
        return []
    group = [last_index]
    current_start = last.start
    for index, mention in reversed(before[:-1]):
        if not _COORDINATION.match(article.text[mention.end : current_start]):
            break
        group.insert(0, index)
        current_start = mention.start
    return group


def _status(
    text: str, sentence: Sentence, clause_start: int, trigger: _Trigger, agent: _Agent
) -> str:
    """Return asserted, denied, planned or alleged for the trigger's claim."""
    prefix = text[sentence.start : trigger.start]
    local_start = agent.end if sentence.start <= agent.end <= trigger.start else clause_start
    local = text[local_start : trigger.start] + " " + trigger.text
    if DENIAL.search(prefix) or NEGATION.search(local) or DENIAL_AFTER.match(text, trigger.end):
        return "denied"
    if ALLEGED.search(prefix):
        return "alleged"
    if PLANNED.search(local) or re.search(r"\bplans?\s+to\b", prefix, re.IGNORECASE):
        return "planned"
    return "asserted"
