"""How-questions read into the mechanism they ask about: its name, its other wordings in clauses of their own, and
the asked attribute "how does the <noun> work" points back to (names already replaced by slots)."""

from __future__ import annotations

import pytest

from synth.plan.mechanism import read_mechanism
from synth.plan.wording import SUBJECT

S = SUBJECT


@pytest.mark.parametrize(("question", "asked", "name", "spellings"), [
    (f"How do {S}, {S} and {S} keep the load balanced across their experts?", [],
     "the load balanced across experts", ("the load balanced across experts",)),
    (f"How do {S} and {S} decide where to spend compute — how are bytes grouped into patches, and how are tokens "
     "chosen for a block — and what capacity do they report?", [],
     "decide where to spend compute",
     ("decide where to spend compute", "grouped bytes into patches", "chosen tokens for a block")),
    (f"Which policy-optimization algorithm and which reward do {S} and {S} use, and how does the algorithm work?",
     ["policy-optimization algorithm", "reward"], "how the policy-optimization algorithm works",
     ("policy-optimization algorithm",)),
    (f"How are bytes grouped into patches in {S}?", [], "grouped bytes into patches", ("grouped bytes into patches",)),
])
def test_a_mechanism_is_read_with_every_wording_of_it(question: str, asked: list[str], name: str,
                                                      spellings: tuple[str, ...]) -> None:
    mechanism = read_mechanism(question, asked)
    assert mechanism is not None and (mechanism.name, mechanism.spellings) == (name, spellings)


@pytest.mark.parametrize("question", [
    f"How do {S} and {S} compare on MMLU?",
    f"How does {S} score on HumanEval?",
    f"Which optimizer does {S} use, and how does the schedule work?",
    f"How large are the reductions {S} reports?",
])
def test_a_request_for_values_is_no_mechanism(question: str) -> None:
    assert read_mechanism(question, ["optimizer"]) is None


def test_how_an_asked_value_works_is_answered_first_by_sentences_naming_it() -> None:
    from synth.answer import _mechanism
    from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute, PlanSubject
    from synth.retrieve.asks import AskEvidence

    def said(quote: str, source: str = "own", start: int = 0) -> Evidence:
        return Evidence(source, source, quote, start, start + len(quote), 1, None, PassageKind.TEXT)

    subject = PlanSubject("Heron", ("Heron",), "test", ("own",))
    asked = PlanAttribute("how the policy-optimization algorithm works", AttributeKind.MECHANISM,
                          ("policy-optimization algorithm",), "test")
    sentences = ((6.0, said("Policy optimization improves with longer contexts.", start=1)),
                 (5.0, said("GRPO samples a group of outputs and scores each against the group.", start=2)),
                 (7.0, said("Another paper optimizes its policy with PPO.", "other", 3)))
    answer = _mechanism(AskEvidence(subject, asked, (), sentences), ["GRPO"])
    assert answer is not None
    assert [e.quote[:4] for e in answer.sentences] == ["GRPO", "Poli", "Anot"], \
        "the value's own sentence first, the subject's sources before another paper's"
