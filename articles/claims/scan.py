"""Exact, faster stand-ins for `pattern.finditer(text)` where Python's engine scans slowly.

A pattern that opens with a word boundary or a look-ahead ("\\b(?:US|Turkish)\\s+troops") is
tried by the engine at every character of the text. A pattern that opens with a plain literal
or character set lets the engine skip, in C, every character that cannot start a match. So a
slow pattern is paired with one or more *finders*: faster patterns that match wherever the slow
one can start a match (and perhaps elsewhere). The slow pattern is then tried only where a
finder matched, which yields exactly what its own finditer would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

_NONE = 1 << 62

# A character that can stand before a word: anything but an ASCII letter, digit or "_"
# (non-ASCII word characters such as "é" are let through; the slow pattern rejects them).
NOT_ASCII_WORD = r"[^A-Za-z0-9_]"


Finder = tuple[re.Pattern[str], int]


def trie_pattern(words: Iterable[str]) -> str:
    """Return a regex alternation of `words` shaped as a trie, longest match first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # Optional and greedy: the longer form is tried first, the shorter one on backtrack.
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return render(trie)


def word_finders(words: Iterable[str]) -> list[Finder]:
    """Return finders for a pattern that starts with "\\b" and then one of `words`.

    Words opening with a capital, a digit or another character that is rare in text are found
    by their own alternation, which the engine scans quickly; words opening with a lower-case
    ASCII letter are found after the character before them.
    """
    rare: set[str] = set()
    lower: set[str] = set()
    for word in words:
        if not word:
            continue
        (lower if "a" <= word[0] <= "z" else rare).add(word)
    finders: list[Finder] = []
    if rare:
        finders.append((re.compile(trie_pattern(rare)), 0))
    if lower:
        # A set of first letters is one test; the alternation tries its branches in turn.
        firsts = "".join(sorted({word[0] for word in lower}))
        finders.append((re.compile(f"{NOT_ASCII_WORD}(?=[{firsts}])(?={trie_pattern(lower)})"), 1))
    return finders


def finditer_from(
    pattern: re.Pattern[str], finders: Sequence[Finder], text: str
) -> Iterator[re.Match[str]]:
    """Yield the matches `pattern.finditer(text)` yields, trying `pattern` only where a finder
    says a match may start.

    Each finder is (regex, offset), offset 0 or 1: wherever `pattern` matches at a position
    p >= offset, `regex` must match at p - offset (position 0 is always tried). `pattern` must
    not match the empty string.
    """
    match = pattern.match
    found = match(text, 0)
    if found is not None:
        yield found
        position = found.end()
    else:
        position = 1
    if len(finders) == 1:
        # The common case, without the bookkeeping of several finders.
        ((regex, offset),) = finders
        search = regex.search
        while True:
            hit = search(text, position - offset)
            if hit is None:
                return
            candidate = hit.start() + offset
            found = match(text, candidate)
            if found is None:
                position = candidate + 1
            else:
                yield found
                position = found.end()
    end_of_text = len(text)
    count = len(finders)
    upcoming = [-1] * count  # per finder: its next candidate at or after `position`
    while position <= end_of_text:
        best = _NONE
        for k in range(count):
            candidate = upcoming[k]
            if candidate < position:
                regex, offset = finders[k]
                hit = regex.search(text, position - offset)
                candidate = upcoming[k] = _NONE if hit is None else hit.start() + offset
            if candidate < best:
                best = candidate
        if best == _NONE:
            return
        found = match(text, best)
        if found is None:
            position = best + 1
        else:
            yield found
            position = found.end()
