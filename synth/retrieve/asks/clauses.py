"""Counts a sentence gives each for its own use, told apart by the words of their own stretch of the sentence: "40k
datapoints … to train the probes, and evaluate … on the remaining 10k datapoints", "119K GPU hours for the context
length extension and 5K GPU hours for post-training". The asked modifier ("training", "context length extension")
tells which count is asked; the count of a whole whose parts are listed after it ("2.788M GPU hours for its full
training, including pre-training, context length extension, and post-training") is no part's count."""

from __future__ import annotations

import re

from synth.names import key
from synth.retrieve.asks.lexicon import has_word, word_tokens

# Where a sentence's coordinated clauses part.
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|while|whereas|but)\s+", re.IGNORECASE)
# A clause whose verb is left out ("Heron-34B was trained on 5 trillion tokens, and Heron-7B on 4 trillion tokens"):
# a name and a preposition before the count, which then shares the clause before it.
_GAPPED = re.compile(r"^\s*(?:the\s+)?[\w.\-]+(?:\s+[\w.\-]+)?\s+(?:on|with|for|at|to|in|of|by)\s+"
                     r"(?:about\s+|around\s+|roughly\s+|approximately\s+|only\s+)?$", re.IGNORECASE)
# The parts of a whole listed after its count.
_PARTS = re.compile(r"\b(?:including|comprising|consisting\s+of|which\s+includes?)\b", re.IGNORECASE)

Found = list[tuple[str, float, str, int]]


def _says(text: str, modifiers: frozenset[str]) -> bool:
    words = [key(w) for w, _, _ in word_tokens(text)]
    return all(has_word(words, m) for m in modifiers)


def in_own_clause(text: str, found: Found, modifiers: frozenset[str]) -> Found:
    """The counts whose own stretch of the sentence says the asked modifiers, when some count's does: the words from
    the count to the next count or clause break ("119K GPU hours for the context length extension"), and those before
    it when it is its clause's first count; no count of a whole whose listed parts alone say them."""
    if not modifiers or not found:
        return found
    found = [v for v in found if not _whole_of_parts(text, v[3], modifiers)]
    if len(found) < 2:
        return found
    starts = sorted(v[3] for v in found)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text)]

    def own(position: int) -> str:
        clause = max([0, *(b for b in breaks if b <= position)])
        if clause and _GAPPED.match(text[clause:position]):  # "…, and Heron-7B on 4 trillion tokens": the verb gapped
            begin = max([0, *(b for b in breaks if b < clause)])
        else:
            begin = position if any(clause <= s < position for s in starts) else clause
        after = [s for s in starts if s > position] + [b for b in breaks if b > position]
        return text[begin:min(after, default=len(text))]

    kept = [value for value in found if _says(own(value[3]), modifiers)]
    return kept or found


def _whole_of_parts(text: str, position: int, modifiers: frozenset[str]) -> bool:
    """The asked modifiers the count's sentence does not say before the list of parts after it are in that list."""
    parts = _PARTS.search(text, position)
    if parts is None:
        return False
    missing = frozenset(m for m in modifiers if not _says(text[:parts.start()], frozenset({m})))
    return bool(missing) and _says(text[parts.end():], missing)
