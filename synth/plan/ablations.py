"""Ablation rows asked in words: "what recall does PaSa-7b reach without RL training" asks the row an ablation table
labels "w/o RL training" (or "− GroupNorm", "-GroupNorm"), not the full model's row beside it.

A question writes "without the Selector as reward model" where the table prints "w/o Selector as RM": the row is the
library's entity label whose words after its "w/o" / "−" mark are the words after "without", articles aside, an
upper-case abbreviation standing for as many words as it has letters ("RM" for "reward model"). The ablated rows
replace the model they ablate as subjects (its full row is not asked), and so do the names inside the phrase
("the Selector"): they are words of the row, not models of their own.
"""

from __future__ import annotations

import re

from synth.models import PlanSubject
from synth.text import fold
from synth.vocabulary import Vocabulary

_WITHOUT = re.compile(r"\bwithout\s+(?:the\s+|an?\s+|its\s+)?(?P<phrase>[^,;?.]+?)(?=\s*(?:[,;?.]|\band\b|$))",
                      re.IGNORECASE)
_MARK = re.compile(r"^\s*(?:w/o|−|–|-)\s*(?P<rest>\S.*)$", re.IGNORECASE)
_ARTICLES = frozenset(("the", "a", "an", "its"))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w\[\]@.\-]+", text) if w.lower() not in _ARTICLES]


def _spells(label_words: list[str], asked: list[str]) -> bool:
    """Every word of the label in order, an abbreviation ("RM") taking one asked word per letter."""
    if not label_words:
        return not asked
    head, rest = label_words[0], label_words[1:]
    bare = head.strip("[]")
    if asked and fold(bare) == fold(asked[0].strip("[]")) and _spells(rest, asked[1:]):
        return True
    n = len(bare)
    initials = "".join(w[:1] for w in asked[:n])
    if bare.isupper() and 2 <= n <= len(asked) and fold(initials) == fold(bare):
        return _spells(rest, asked[n:])
    return False


def ablation_label(phrase: str, vocab: Vocabulary) -> str | None:
    """The library's row label that "without <phrase>" names ("RL training" → "w/o RL training")."""
    asked = _words(phrase)
    found = [label for label in vocab.entity_labels if (mark := _MARK.match(label))
             and _spells(_words(mark.group("rest")), asked)]
    return min(found, key=len) if found else None


def ablated(text: str, subjects: list[PlanSubject], vocab: Vocabulary, notes: list[str]) -> list[PlanSubject]:
    """The subjects with each model the question asks "without X" of replaced by the rows that ablate X."""
    rows: list[tuple[str, str, PlanSubject]] = []
    inside: set[str] = set()
    for match in _WITHOUT.finditer(text):
        label = ablation_label(match.group("phrase"), vocab)
        if label is None:
            continue
        before = fold(text[:match.start()])
        owner = max((s for s in subjects if fold(s.name) in before), key=lambda s: before.rfind(fold(s.name)),
                    default=None)
        if owner is None:
            continue
        inside |= {s.name for s in subjects if fold(s.name) in fold(match.group("phrase"))}
        if all(row[0] != label for row in rows):
            rows.append((label, match.group(0), owner))
    if not rows:
        return subjects
    owners = {owner.name for _, _, owner in rows}
    notes.append("Ablation rows: " + "; ".join(f'"{written}" of {owner.name} is the row {label}'
                                                for label, written, owner in rows) + ".")
    kept = [s for s in subjects if s.name not in owners and s.name not in inside]
    return kept + [PlanSubject(label, (label, f"{owner.name} {label}", f"{owner.name} {written}"),
                               f'"{written}": the ablation row of {owner.name}', owner.home_sources)
                   for label, written, owner in rows]
