"""Value types of the claim extractor (ORM-free)."""

from __future__ import annotations

from dataclasses import dataclass, field

RELATIONS = (
    "presence", "base", "control", "support", "deployment",
    "withdrawal", "strike", "clash", "patrol",
)
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
