"""Value types of the claim extractor (ORM-free)."""

from __future__ import annotations

from dataclasses import dataclass, field

RELATIONS = (
    "presence", "base", "control", "support", "deployment",
    "withdrawal", "strike", "clash", "patrol",
)  # fmt: skip
STATUSES = ("asserted", "denied", "planned", "alleged")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the lexicon (a row of the Actor table)."""

    name: str
    kind: str
    country_code: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)
    demonyms: tuple[str, ...] = field(default_factory=tuple)
    metonyms: tuple[str, ...] = field(default_factory=tuple)
    colour: str = ""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span of text that names an actor ("US forces", "the SDF", "Washington")."""

    start: int
    end: int
    text: str
    actor: str  # ActorEntry.name
    form: str  # "name", "alias", "demonym" or "metonym"


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    actor: str  # ActorEntry.name
    relation: str  # one of RELATIONS
    mention_index: int | None  # index into the mentions passed in; None = no place found
    claimant: str
    status: str  # one of STATUSES
    sentence_start: int
    sentence_end: int
    confidence: float
    second_actor: str | None = None
    trigger: str = ""  # the words that signalled the relation ("created a base", "struck")
