"""A count asked at a stage of training the question names (read23 qwen3-pretraining-stages: "on how many tokens … is
the reasoning stage (S2) trained"). The right value, "about 5T higher-quality tokens" of the Reasoning Stage (S2), was
shown *contradicted* by the General Stage (S1)'s "over 30 trillion tokens", and the page hid which stage it was of."""

from __future__ import annotations

from gold_answers import gold_answer

from synth.answer.stages import at_asked_stage, of_another_stage, stage_names
from synth.index import PassageIndex
from synth.models import Answer, Atom, AtomKind, Evidence, Library, PassageKind, Verdict, Verification
from synth.retrieve.asks.candidates import Candidate

GENERAL = ("(1) General Stage (S1): At the first pre-training stage, all Qwen3 models are trained on over 30 trillion "
           "tokens using a sequence length of 4,096 tokens.")
REASONING = ("(2) Reasoning Stage (S2): To further improve the reasoning ability, we optimize the pre-training corpus "
             "of this stage. The models are further pre-trained with about 5T higher-quality tokens.")


def test_a_stage_is_named_by_its_own_word_never_by_its_count() -> None:
    assert stage_names(GENERAL) == {"general"}
    assert stage_names(REASONING) == {"reasoning"}
    assert stage_names("a three-stage process; in the first stage and the final phase") == set()


def _evidence(quote: str) -> Evidence:
    return Evidence("qwen3", "qwen3.pdf", quote, 0, len(quote), 4, None, PassageKind.TEXT)


def _contradicted(quote: str) -> Verification:
    atom = Atom(AtomKind.FIGURE, "figure 5T", Verdict.CONTRADICTED, "the passage gives 30 trillion", evidence=(0,))
    return Verification("Qwen3 has 5T training tokens.", Verdict.CONTRADICTED, 0.8, (_evidence(quote),), (),
                        "figure 5T — contradicted", atoms=(atom,))


def test_a_figure_of_another_named_stage_contradicts_nothing() -> None:
    found = of_another_stage(_contradicted(GENERAL), "Reasoning Stage (S2)")
    assert found.verdict is Verdict.INSUFFICIENT and "general stage" in found.explanation
    assert all(a.status is not Verdict.CONTRADICTED for a in found.atoms)


def test_a_figure_of_the_same_stage_or_of_no_named_stage_still_contradicts() -> None:
    assert of_another_stage(_contradicted(REASONING), "reasoning").verdict is Verdict.CONTRADICTED
    assert of_another_stage(_contradicted("Qwen3 is trained on 30T tokens."), "reasoning").verdict \
        is Verdict.CONTRADICTED
    assert of_another_stage(_contradicted(GENERAL), None).verdict is Verdict.CONTRADICTED


def test_a_value_read_where_the_asked_stage_is_named_carries_that_stage() -> None:
    candidate = Candidate("Qwen3", "training tokens", "Qwen3", None, "5T", 5e12, None, _evidence(REASONING), False,
                          True, False)
    assert at_asked_stage(candidate, "reasoning").variant == "reasoning"
    elsewhere = Candidate("Qwen3", "training tokens", "Qwen3", None, "30T", 3e13, None, _evidence(GENERAL), False,
                          True, False)
    assert at_asked_stage(elsewhere, "reasoning").variant is None


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    return gold_answer("read23", name, corpus)


def test_the_real_question_shows_the_stage_and_no_contradiction(corpus: tuple[Library, PassageIndex]) -> None:
    answer = _answer("qwen3-pretraining-stages", corpus)
    [tokens] = [c for c in answer.cells if c.attribute == "training tokens"]
    assert tokens.value == "5T" and tokens.verdict is not Verdict.CONTRADICTED, tokens
    assert tokens.variant and "reasoning" in tokens.variant.lower()
