"""Which names a comparison sets against which: its subject (what is said to be higher, better,
…) and its objects (what it is compared with), from the words around the cue.

* "A outperforms B": the name before the cue against those after it;
* "Recall is higher for PT than for EN": the names between the cue and "than" against those after;
* "increased … from X in DF to Y in TF": what the change ends at against where it starts;
* "reduces the F1 score marginally (A3−A5)": an ablation's code pair, oriented by the clause's words;
* "When comparing DF with DocSub, DF achieved better precision" and "Compared with B, A gives
  higher …": both names precede the cue, and the one the clause restates (or names after
  "compared with B") is the subject;
* an elliptical comparison ("…, but lower values of recall") names nothing itself: it continues
  the comparison before it in the same sentence, with the sides that one names.
"""

from __future__ import annotations

import re
from typing import Literal

from synth.models import AtomKind
from synth.text import sentence_spans
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.findings import Named
from synth.verify.label_spelling import CODE_PAIR
from synth.verify.labels import Mention

Side = tuple[Mention, tuple[int, ...]]

_THAN = re.compile(r"\bthan\b|\bcompared\s+(?:with|to)\b|\bover\b|\bagainst\b", re.IGNORECASE)


_FOR = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:for|in|on|with|when|using|under)\s+(?:the\s+)?$", re.IGNORECASE)


def than_sides(atom: AtomSpec, text: str, names: Named) -> tuple[Named, Named] | None:
    """"Recall is higher for PT than for EN": with no name before the cue, the names between the
    cue and "than" are the subject and those after it the objects."""
    than = _THAN.search(text, atom.end, atom.clause[1])
    if than is None:
        return None
    subject = [n for n in names if atom.end <= n[0].start < than.start()
               and _FOR.search(text[atom.end:n[0].start])]
    objects = [n for n in names if n[0].start >= than.end()]
    return (subject, objects) if len(subject) == 1 and objects else None


_FROM_TO = re.compile(r"\bfrom\b(?P<first>.+?)\bto\b(?P<second>(?:[^,;.]|\.(?=\d))+)", re.IGNORECASE)


def from_to(atom: AtomSpec, text: str, names: Named
             ) -> tuple[tuple[Mention, tuple[int, ...]], Named] | None:
    """"increased … from X in DF to Y in TF": TF is what rose, against DF (never "from P=… to P=…",
    which names the measure on both sides, not what is compared)."""
    match = _FROM_TO.search(text, atom.end, atom.clause[1])
    if match is None:
        return None
    first = [(m, p) for m, p in names if match.start("first") <= m.start < match.end("first")]
    second = [(m, p) for m, p in names if match.start("second") <= m.start < match.end("second")]
    if len(second) != 1 or not first or all(m.label == second[0][0].label for m, _ in first):
        return None
    return second[0], first


_ORIGIN = re.compile(r"(?:\bbaselines?|\b(?:add(?:ing|ed)?\b.*\bto|from|over|than)(?:\s+the)?)\s*$", re.IGNORECASE)


def _code_pair_sides(atom: AtomSpec, text: str, names: Named
                     ) -> tuple[tuple[Mention, tuple[int, ...]], Named] | Literal[False] | None:
    """"… reduces the F1 score marginally (A3−A5)": the code pair names the two rows of an ablation, but
    papers write it from−to and to−from alike, so its order gives no direction. The row the clause
    also names in words decides: the baseline or what something is added to ("add … to the baseline
    BiLSTM-CNN", A1) is where the change starts, any other ("replacing … with softmax", A5) where it
    ends (both may be named: "adding sparse attention to the dense baseline"). False: a code pair
    the clause's words do not orient (nothing may be read from its order); None: no code pair."""
    pair = CODE_PAIR.search(text, atom.clause[0], atom.clause[1])
    if pair is None:
        return None
    coded = [(m, p) for m, p in names if pair.start() <= m.start < pair.end()]
    rows = list(dict.fromkeys(p for _, p in coded))
    # A row named in words by its label or by the setting it was run with ("window size of 10" for
    # "(A4) Window size ( ws)=10"): the same rows as a code.
    worded = [(m, p) for m, p in names if not pair.start() <= m.start < pair.end() and p in rows]
    if len(rows) != 2 or not worded:
        return False
    origins = {p for m, p in worded if _ORIGIN.search(text[max(atom.clause[0], m.start - 60):m.start])}
    ends = {p for _, p in worded} - origins
    if len(origins) == 1 and len(ends) <= 1:
        start = next(item for item in coded if item[1] in origins)
        return next(item for item in coded if item[1] not in origins), [start]
    if not origins and len(ends) == 1:
        end = next(item for item in coded if item[1] in ends)
        return end, [next(item for item in coded if item[1] not in ends)]
    return False


_COMPARING = re.compile(r"\bcompar(?:e|es|ed|ing)\b(?P<participle>\s+(?:with|to)\b)?", re.IGNORECASE)


def compared_sides(atom: AtomSpec, text: str, names: Named) -> tuple[Side, Named] | None:
    """"When comparing DF with DocSub, DF achieved better precision": every name precedes the cue.
    After "comparing A with B" the clause must restate the subject (A … B …, A); after "compared
    with B, A" the name that follows B is the subject; "A compared to B has higher …" keeps A.
    Two labels exactly, else nothing is settled ("Comparing POS and SEM tagging, we note that
    higher layers …" restates neither)."""
    match = None
    for found in _COMPARING.finditer(text, atom.clause[0], atom.start):
        match = found
    if match is None:
        return None
    before = sorted((n for n in names if n[0].start < atom.start), key=lambda n: n[0].start)
    if len({m.label for m, _ in before}) != 2 or any(n[0].start >= atom.end for n in names):
        return None
    ahead = [n for n in before if n[0].start < match.start()]
    if ahead:  # "A compared to B has higher …"
        if {m.label for m, _ in ahead} != {ahead[0][0].label}:
            return None
        subject = ahead[0]
    else:
        first, last = before[0], before[-1]
        restated = first[0].label == last[0].label
        if restated == bool(match.group("participle")):
            return None  # "compared with B, A": two labels in turn; "comparing A with B, A": A again
        subject = last
    objects = [n for n in before if n[0].label != subject[0].label]
    return (subject, objects) if objects else None


def antecedent(atom: AtomSpec, atoms: ClaimAtoms) -> AtomSpec | None:
    """The comparison an elliptical one continues ("DF achieved better precision, but lower values
    of recall"; "outperforms all the baselines …, while surpassing our lemma baseline by 3
    points"): the last comparison or extreme of an earlier clause of the same sentence."""
    sentence = next(((s, e) for s, e in sentence_spans(atoms.text) if s <= atom.start < e), None)
    if sentence is None:
        return None
    earlier = [a for a in atoms.atoms if a.kind in (AtomKind.COMPARISON, AtomKind.EXTREME) and a.clause != atom.clause
               and sentence[0] <= a.start and a.end <= atom.clause[0]]
    return earlier[-1] if earlier else None


def _spelled_out(before: Named, text: str) -> Side | None:
    """"the transfer baseline that directly uses rationale … (RA-TRANS) outperforms ORACLE": a label
    written in parentheses after a description names what the description means, so it is the
    subject, not a label a word of the description happens to name ("transfer" ~ `Trans`)."""
    last = before[-1]
    opened = text.rfind("(", 0, last[0].start)
    if len(before) < 2 or opened < 0 or text[opened + 1:last[0].start].strip() or \
            text[last[0].end:last[0].end + 1] != ")" or not last[0].whole:
        return None
    return last if before[0][0].end <= opened and before[0][0].label != last[0].label else None


def comparison_sides(atom: AtomSpec, atoms: ClaimAtoms, names: Named) -> tuple[Side, Named] | None:
    """The subject and objects of a comparison among the names its clause gives (module docstring)."""
    text = atoms.text
    coded = _code_pair_sides(atom, text, names)
    if coded is False:
        return None
    sides = coded or from_to(atom, text, names)
    than = than_sides(atom, text, names) if not any(m.start < atom.start for m, _ in names) else None
    if sides is not None:
        subject, objects = sides
    elif than is not None:
        subject, objects = than[0][0], than[1]
    elif (compared := compared_sides(atom, text, names)) is not None:
        subject, objects = compared
    else:
        before = [(m, p) for m, p in names if m.start < atom.start]
        if not before:
            return None
        subject = _spelled_out(before, text) or before[0]
        later = [a.start for a in atoms.atoms if a.clause == atom.clause and a.kind is AtomKind.COMPARISON
                 and a.start > atom.start]
        limit = min(later) if later else atom.clause[1]
        objects = [(m, p) for m, p in names if atom.end <= m.start < limit and m.label != subject[0].label]
    return (subject, objects) if objects else None
