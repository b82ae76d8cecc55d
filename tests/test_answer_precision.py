"""No neighbour's value in a cell (issue 9, the precision part): a subject named with its training stage
('Chat (RL)') takes only that stage's values (one named without a variant shows each variant apart), a paper the
question names answers its cells, a code label `n_heads` answers 'attention heads' (never `n_kv_heads`), and the
largest of a family that no member is known to be takes no sized member's value."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.answer import _cells_of
from synth.answer.variants import in_named_papers, subject_variant, subject_variant_fits
from synth.build import prepare_library
from synth.config import Question
from synth.index import PassageIndex
from synth.labelcodes import abbreviated_property
from synth.models import AttributeKind, Evidence, Library, PassageKind, PlanAttribute, PlanSubject
from synth.plan import make_plan
from synth.retrieve.asks import AskEvidence, Candidate

ASKS = Path(__file__).parent / "fixtures" / "asks"


def _candidate(entity: str, value: str, variant: str | None = None, source: str = "own.md",
               member: str | None = None, table: bool = True) -> Candidate:
    quote = f"{entity} | Score | {value}"
    kind = PassageKind.TABLE_ROW if table else PassageKind.TEXT
    evidence = Evidence(source, source, quote, 0, len(quote), 1, None, kind)
    return Candidate("Osprey-9B", "Score", entity, variant, value, float(value), None, evidence, table, True, True,
                     member)


def _ask(name: str, *candidates: Candidate, spellings: tuple[str, ...] = (), superlative: str | None = None,
         ) -> AskEvidence:
    subject = PlanSubject(name, spellings or (name,), "test", ("own.md",), superlative)
    return AskEvidence(subject, PlanAttribute("Score", AttributeKind.METRIC, ("Score",), "test"), candidates)


@pytest.mark.parametrize(("name", "variant"), [
    ("Mixtral 8x7B – Instruct", "instruct"), ("DeepSeek-V2-Lite Chat", "chat"), ("DeepSeek-V3-Base", "base"),
    ("DeepSeek-V2 Chat (RL)", "rl"), ("DeepSeek-V2 Chat (SFT)", "sft"), ("Mistral 7B", None), ("Qwen3-32B", None),
])
def test_a_subject_s_own_name_gives_its_variant(name: str, variant: str | None) -> None:
    assert subject_variant(name) == variant


def test_a_subject_named_without_a_variant_keeps_every_variant_as_its_own_cell() -> None:
    ask = _ask("DeepSeek-V2", _candidate("DeepSeek-V2", "48.8"), _candidate("DeepSeek-V2 Chat (SFT)", "76.8", "SFT"),
               _candidate("DeepSeek-V2 Chat (RL)", "81.1", "RL"))
    assert {(p.best.value, p.best.variant) for p in _cells_of(ask)} == {("48.8", None), ("76.8", "SFT"),
                                                                       ("81.1", "RL")}


def test_a_subject_named_with_its_stage_takes_only_that_stage() -> None:
    ask = _ask("DeepSeek-V2 Chat (RL)", spellings=("DeepSeek-V2 Chat (RL)", "DeepSeek-V2 Chat", "DeepSeek-V2"))
    assert subject_variant_fits(ask, _candidate("DeepSeek-V2 Chat (RL)", "81.1", "RL; 0-shot"))
    assert not subject_variant_fits(ask, _candidate("DeepSeek-V2 Chat (SFT)", "76.8", "SFT; 0-shot"))
    assert not subject_variant_fits(ask, _candidate("DeepSeek-V2", "48.8"))


def test_an_instruct_subject_keeps_its_own_rows() -> None:
    ask = _ask("Mistral 7B – Instruct", spellings=("Mistral 7B – Instruct", "Mistral 7B"))
    assert subject_variant_fits(ask, _candidate("Mistral 7B Instruct", "6.84"))
    assert not subject_variant_fits(ask, _candidate("Mistral 7B", "60.1"))


def test_the_named_paper_answers_when_it_states_the_value_else_the_others_do() -> None:
    own = _candidate("Mistral 7B", "52.2", source="mistral")
    other = _candidate("Mistral-7b-v0.1", "44.5", "v0.1; Full", source="gsm-symbolic")
    assert list(in_named_papers([own, other], ["mistral"])) == [own]
    assert list(in_named_papers([other], ["mistral"])) == [other]
    assert list(in_named_papers([own, other], [])) == [own, other]


def test_cells_of_a_named_paper_drop_another_paper_s_evaluation() -> None:
    ask = _ask("Mistral 7B", _candidate("Mistral 7B", "52.2", source="mistral"),
               _candidate("Mistral-7b-v0.1", "44.5", "v0.1; Full", source="gsm-symbolic"))
    assert {p.best.value for p in _cells_of(ask, ("mistral",))} == {"52.2"}
    assert {p.best.value for p in _cells_of(ask)} == {"52.2", "44.5"}


def test_the_unresolved_largest_of_a_family_takes_no_sized_member_s_value() -> None:
    member = _candidate("GShard 137B", "16", source="deepseekmoe", member="GShard 137B")
    said = _candidate("GShard", "2048", table=False)
    assert {p.best.value for p in _cells_of(_ask("GShard", member, said, superlative="largest"))} == {"2048"}
    assert {p.best.value for p in _cells_of(_ask("GShard", member, said))} == {"2048", "16"}


@pytest.mark.parametrize(("asked", "label", "states"), [
    ("attention heads", "n_heads", True),
    ("number of attention heads", "n_heads", True),
    ("attention heads", "n_kv_heads", False),
    ("key-value heads", "n_heads", False),
    ("key-value heads", "n_kv_heads", True),
    ("attention heads per layer", "n_heads", False),
])
def test_n_heads_names_attention_heads_never_the_kv_heads(asked: str, label: str, states: bool) -> None:
    assert bool(abbreviated_property(asked, label)) is states


def test_a_claim_s_words_still_name_every_word_of_a_code_label() -> None:
    assert abbreviated_property("attention heads", "n_heads", every_word=True) is None


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return prepare_library(ASKS / "library", tmp_path_factory.mktemp("cache"))


def test_a_bracketed_stage_is_part_of_the_subject_never_a_subject_of_its_own(library) -> None:
    plan = make_plan(Question(title="A question", question="What CodeBench score do Kestrel 8x2B Chat (RL) and "
                                                             "Heron-7B reach?"), library[0])
    names = [s.name for s in plan.subjects]
    assert "Kestrel 8x2B Chat (RL)" in names and "RL" not in names
    kestrel = next(s for s in plan.subjects if s.name == "Kestrel 8x2B Chat (RL)")
    assert "Kestrel 8x2B Chat" in kestrel.spellings
