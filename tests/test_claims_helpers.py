"""Helpers for the claim tests: ResolvedMentions built by hand (no gazetteer, no database)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from articles.geoparse.types import ResolvedMention


def mentions_for(
    text: str,
    literal: Iterable[str] = (),
    metonym: Iterable[str] = (),
    dateline: Iterable[str] = (),
) -> tuple[ResolvedMention, ...]:
    """Return a mention for every occurrence of each string, longest strings winning overlaps."""
    found: list[ResolvedMention] = []
    wanted = [(s, "literal", False) for s in literal]
    wanted += [(s, "metonym", False) for s in metonym]
    wanted += [(s, "literal", True) for s in dateline]
    for surface, role, is_dateline in sorted(wanted, key=lambda w: -len(w[0])):
        for match in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            found.append(
                ResolvedMention(
                    start=match.start(),
                    end=match.end(),
                    text=surface,
                    role=role,  # type: ignore[arg-type]
                    is_dateline=is_dateline,
                )
            )
    return tuple(sorted(found, key=lambda m: m.start))


def claim_rows(text, mentions, claims):
    """Return (actor, relation, place text, status, second actor) for each claim."""
    return [
        (
            c.actor,
            c.relation,
            mentions[c.mention_index].text if c.mention_index is not None else None,
            c.status,
            c.second_actor,
        )
        for c in claims
    ]
