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
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|while|whereas|but)\s+(?![\d.,]+\s*[KMBTk]?\b)", re.IGNORECASE)
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


def in_own_clause(text: str, found: Found, modifiers: frozenset[str], head: str) -> Found:
    """The counts whose own stretch of the sentence says the asked modifiers, when some count's does: a clause's first
    count owns the clause up to the next count ("40k datapoints … to train the probes"); a later count that names the
    noun again owns the words from it to the next count ("5K GPU hours for post-training"); a later one that does not
    ("1k, 4k, and 8k tokens") is an item of a list and stays. No count of a whole whose listed parts alone say them."""
    if not modifiers or not found:
        return found
    found = [v for v in found if not _whole_of_parts(text, v[3], modifiers)]
    if len(found) < 2:
        return found
    starts = sorted(v[3] for v in found)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text)]

    def judged(position: int) -> bool | None:
        clause = max([0, *(b for b in breaks if b <= position)])
        end = min([s for s in starts if s > position] + [b for b in breaks if b > position], default=len(text))
        if clause and _GAPPED.match(text[clause:position]):  # "…, and Heron-7B on 4 trillion tokens": the verb gapped
            return _says(text[max([0, *(b for b in breaks if b < clause)]):end], modifiers)
        if not any(clause <= s < position for s in starts):
            return _says(text[clause:end], modifiers)
        stretch = text[position:end]
        return _says(stretch, modifiers) if _says(stretch, frozenset({head})) else None

    verdicts = {value[3]: judged(value[3]) for value in found}
    if True not in verdicts.values():
        return found
    return [value for value in found if verdicts[value[3]] is not False]


def _whole_of_parts(text: str, position: int, modifiers: frozenset[str]) -> bool:
    """The asked modifiers the count's sentence does not say before the list of parts after it are in that list."""
    parts = _PARTS.search(text, position)
    if parts is None:
        return False
    missing = frozenset(m for m in modifiers if not _says(text[:parts.start()], frozenset({m})))
    return bool(missing) and _says(text[parts.end():], missing)
