"""A name the question writes out with its acronym in brackets, "Fill-in-Middle (FIM)", is one thing, read by the
acronym the papers use once they have defined it ("The FIM is utilized at a rate of 0.5"). Read as written, the
words and the acronym were two subjects and the thing whose rate was asked ("at what rate is FIM applied") no word of
the attribute, whose bare "rate" then took the learning rate."""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"\s*\((?P<acronym>[A-Z][A-Za-z]{1,5})\)")
_WORDS_BEFORE = re.compile(r"(?:[A-Za-z][\w\-]*\s+){0,5}[A-Za-z][\w\-]*$")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w).lower()


def _spelled(before: str, acronym: str) -> int | None:
    """Where the words the acronym abbreviates start in `before`, or None: their initials, taking each word whole
    ("Multi-head Latent Attention") or each hyphenated part ("Fill-in-Middle"), are the acronym's letters."""
    run = _WORDS_BEFORE.search(before)
    if not run:
        return None
    words = run.group(0).split()
    for n in range(1, len(words) + 1):
        tail = words[-n:]
        if acronym.lower() in (_initials(tail), _initials([p for w in tail for p in w.split("-")])):
            return len(before) - len(" ".join(tail))
    return None


def acronym_named(text: str) -> str:
    """"At what rate is Fill-in-Middle (FIM) applied" → "At what rate is FIM applied"; a bracket that abbreviates
    nothing before it ("the reasoning stage (S2)", "DeepSeek-V2 Chat (RL)") stays."""
    out, at = [], 0
    for found in _BRACKETED.finditer(text):
        start = _spelled(text[at:found.start()], found.group("acronym"))
        if start is None:
            continue
        out.append(text[at:at + start] + found.group("acronym"))
        at = found.end()
    return "".join(out) + text[at:]
