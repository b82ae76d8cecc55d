"""A cell whose check found its value only said of another model ("the passage says this of DeepSeekMoE 145B, not
DeepSeekMoE 16B") is not contradicted: the same value of a sibling says nothing of the cell's subject (issue 10)."""

from __future__ import annotations

from synth.answer import _not_contradicted_by_another
from synth.models import Atom, AtomKind, Evidence, PassageKind, Verdict, Verification
from synth.retrieve.asks.candidates import Candidate
from synth.verify.passages import said_of_another

QUOTE = "The number of warmup steps is set to 2K."


def _candidate() -> Candidate:
    evidence = Evidence("deepseekmoe", "deepseekmoe.pdf", QUOTE, 0, len(QUOTE), 15, None, PassageKind.TEXT)
    return Candidate("DeepSeekMoE 16B", "warmup steps", "DeepSeekMoE 16B", None, "2K", 2000.0, None, evidence,
                     False, True, False)


def _checked(*atoms: Atom) -> Verification:
    verdict = Verdict.CONTRADICTED if any(a.status is Verdict.CONTRADICTED for a in atoms) else Verdict.SUPPORTED
    return Verification("DeepSeekMoE 16B has 2K steps.", verdict, 0.8, (), (), "figure 2K — contradicted", (), atoms)


def test_the_same_value_said_of_a_sibling_contradicts_nothing() -> None:
    sibling = Atom(AtomKind.FIGURE, "2K", Verdict.CONTRADICTED, said_of_another("DeepSeekMoE 145B", "DeepSeekMoE 16B"))
    shown = _not_contradicted_by_another(_checked(sibling), _candidate())
    assert shown.verdict is Verdict.INSUFFICIENT
    assert all(a.status is not Verdict.CONTRADICTED for a in shown.atoms)
    assert "DeepSeekMoE 145B" in shown.explanation


def test_a_contradiction_about_the_subject_itself_stands() -> None:
    other = Atom(AtomKind.FIGURE, "2K", Verdict.CONTRADICTED, "the passage gives 4K for DeepSeekMoE 16B")
    note = said_of_another("DeepSeekMoE 145B", "DeepSeekMoE 16B")
    sibling = Atom(AtomKind.STATEMENT, "x", Verdict.CONTRADICTED, note)
    assert _not_contradicted_by_another(_checked(other, sibling), _candidate()).verdict is Verdict.CONTRADICTED
