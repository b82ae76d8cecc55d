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


def test_a_sentence_stating_the_mechanism_brings_the_next_one_saying_how() -> None:
    from synth.answer import _mechanism
    from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute, PlanSubject
    from synth.retrieve.asks import AskEvidence

    def said(quote: str, start: int) -> Evidence:
        return Evidence("own", "own", quote, start, start + len(quote), 9, None, PassageKind.TEXT)

    first = said("We pioneer a loss-free load balancing strategy.", 0)
    how = said("To be specific, we introduce a bias term for each expert.", first.end + 1)
    result = said("The experimental results show a similar load balance.", 500)
    after_result = said("Results show that the bias term works.", result.end + 1)
    subject = PlanSubject("Heron", ("Heron",), "test", ("own",))
    asked = PlanAttribute("the load balanced", AttributeKind.MECHANISM, ("the load balanced",), "test")
    answer = _mechanism(AskEvidence(subject, asked, (), ((6.0, first), (5.0, result), (4.0, after_result),
                                                         (2.0, how))))
    assert answer is not None
    assert [e.start for e in answer.sentences] == [first.start, how.start, result.start, after_result.start], \
        "the bias term follows the sentence it explains; a finding brings no follower"


def test_a_part_of_the_paper_or_a_function_is_no_other_model() -> None:
    from synth.retrieve.asks.scope import _FUNCTION_CALL, _PART_OF_PAPER

    assert _PART_OF_PAPER.match("Algorithm 1") and _PART_OF_PAPER.match("Table 3")
    assert not _PART_OF_PAPER.match("Llama 2")
    assert _FUNCTION_CALL.match("(·) to meet the requirements") and not _FUNCTION_CALL.match(" (Shazeer et al., 2017)")
