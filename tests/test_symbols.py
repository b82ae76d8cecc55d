"""Settings written as symbols and the names their own paper gives them ("dropout rate Pdrop = 0.1", "h = 8
parallel attention layers, or heads"), merged tables, scaled labels, and whose unnamed sentence it is."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, Document, Passage, PlanAttribute, PlanSubject, Table
from synth.plan.wording import asked_phrases
from synth.retrieve.asks.other_topic import other_member
from synth.retrieve.asks.scope import led_by_other, subject_scope
from synth.retrieve.asks.symbols import attribute_symbols, is_symbol, normal_symbol, symbol_values
from synth.retrieve.asks.table_cells import _label_match, _unit_of
from synth.retrieve.sentences import is_axis_text, sentences
from synth.tables import records
from synth.vocabulary import Vocabulary

PAPER = """The encoder is composed of a stack of N = 6 identical layers.
In this work we employ h = 8 parallel attention layers, or heads. For each of these we use dk = dv = dmodel/h = 64.
For the base model, we use a rate of Pdrop = 0.1. The big model used dropout rate Pdrop = 0.3.
During training, we employed label smoothing of value \x0fls = 0.1. We used warmup_steps = 4000.
We trained a 4-layer transformer with dmodel = 1024 on the Penn Treebank.
Require: α: Stepsize
Good default settings are α = 0.001, β1 = 0.9, β2 = 0.999 and ε = 10−8."""


def _attribute(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")


def _document(text: str = PAPER, doc_id: str = "sym") -> Document:
    passages = tuple(Passage(doc_id, i, line, 0, len(line), 1) for i, line in enumerate(text.splitlines()))
    return Document(doc_id, "x.pdf", doc_id, "pdf", "test", None, text, passages)


@pytest.mark.parametrize(("asked", "symbols"), [
    ("dropout rate", {"Pdrop"}), ("label smoothing value", {"ls"}), ("attention heads", {"h"}),
    ("layers", {"N"}), ("warmup steps", {"warmup_steps"}), ("step size", {"α"}), ("β2", {"β2"}),
    ("model dimension", set()), ("weight decay", set()),
])
def test_a_symbol_stands_for_what_its_own_paper_names_it(asked: str, symbols: set[str]) -> None:
    """"N = 6 identical layers" is the layer count; "h = 8 parallel attention layers, or heads" names heads
    (and layers, with more other words); "a 4-layer transformer with dmodel = 1024" names no dmodel."""
    assert attribute_symbols(_attribute(asked), _document()) == frozenset(symbols)


@pytest.mark.parametrize(("asked", "contrast", "symbols"), [
    ("steps", frozenset({"warmup", "train"}), set()), ("steps", frozenset(), {"warmup_steps"}),
    ("warmup steps", frozenset({"train"}), {"warmup_steps"}), ("dropout rate", frozenset({"attention"}), {"Pdrop"}),
])
def test_a_symbol_named_with_a_contrasting_modifier_is_another_count(asked: str, contrast: frozenset[str],
                                                                     symbols: set[str]) -> None:
    """"warmup_steps = 4000" answers "warmup steps", not "how many steps was it trained for": the modifier the
    library puts before "steps" elsewhere makes it another count, as it does in prose."""
    paper = "The base model used dropout rate Pdrop = 0.1. We used warmup_steps = 4000."
    assert attribute_symbols(_attribute(asked), _document(paper, "sym-warmup"), contrast) == frozenset(symbols)


def test_symbol_settings_are_read_with_their_notation() -> None:
    text = "Good default settings are α = 0.001, β1 = 0.9, β2 = 0.999 and ε = 10−8, lr = 2.2 × 10−4."
    values = {raw: number for raw, number, _, _ in symbol_values(text, frozenset({"α", "β2", "ε", "lr"}))}
    assert values["0.001"] == 0.001 and values["0.999"] == 0.999
    assert values["10−8"] == pytest.approx(1e-8) and values["2.2 × 10−4"] == pytest.approx(2.2e-4)
    assert "0.9" not in values, "β1 is not asked"
    assert symbol_values("we use dk = dv = 64", frozenset({"dv"})) == [], "a chain is no setting"


def test_symbol_spellings() -> None:
    assert normal_symbol("𝛽2") == "β2" and normal_symbol("\x0fls") == "ls" and normal_symbol("d_model") == "dmodel"
    assert is_symbol("β2") and is_symbol("d_model") and not is_symbol("step size")


def test_settings_written_as_symbols_are_prose_not_axis_text() -> None:
    assert not is_axis_text("Good default settings for the tested machine learning problems are α = 0.001, "
                            "β1 = 0.9, β2 = 0.999 and ε = 10−8 .")
    assert is_axis_text("Benchmark 7B 16B 67B 45.0 46.2 50.1 71.3 72.0")
    assert is_axis_text("Metrics 0 10 20 30 40 50 60 70 80 Performance 0 shared expert + 2 out of 16 routed experts "
                        "(GShard) Figure 6 | Comparison between GShard and DeepSeekMoE with half the activated.")
    assert not is_axis_text("We train models with 1 2 4 8 16 experts and compare their perplexity on held-out data.")
    # a number in scientific notation is one number, not three (DIFF Transformer's learning rate)
    assert not is_axis_text("The maximal learning rate is 3.2e-4 with 1000 warmup steps and linearly decays to "
                            "1.28e-5.")


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], doc_id: str = "t") -> Table:
    return Table("t1", doc_id, "Table 9: Switch model design.", header, rows, ("",) * len(rows), 0, 10, 3)


def test_a_header_row_inside_a_table_heads_the_rows_below_it() -> None:
    table = _table(("Model", "Parameters", "FLOPs/seq"),
                   (("Switch-XXL", "395B", "6.3T"), ("Model", "Num. Layers", "Num Experts"),
                    ("Switch-XXL", "24", "64")))
    cells = {(r.entity, r.attribute): r.raw for r in records(table, in_columns=False)}
    assert cells[("Switch-XXL", "Num. Layers")] == "24" and cells[("Switch-XXL", "Num Experts")] == "64"
    assert ("Switch-XXL", "FLOPs/seq") in cells and cells[("Switch-XXL", "FLOPs/seq")] == "6.3T"
    assert len(cells) == 4, "no cell is read under the first header's labels"


def test_a_label_s_scale_is_the_value_s_unit() -> None:
    table = _table(("", "N", "params ×106"), (("base", "6", "65"),))
    by_label = {r.attribute: r for r in records(table, in_columns=False)}
    assert _unit_of(by_label["params ×106"]) == "M" and _unit_of(by_label["N"]) is None
    assert _label_match(_attribute("parameters"), "params ×106") is not None


class _Vocab(Vocabulary):
    """The vocabulary of a one-paper library (Adam and AdaMax), without reading any table."""

    def __init__(self) -> None:  # no library to read: the two lookups below are all the scope needs
        pass

    def role(self, name: str) -> str | None:
        return "entity" if name in ("Adam", "AdaMax", "GPT-2", "GShard") else None

    def home_sources(self, spellings: tuple[str, ...]) -> list[str]:
        return ["adam"] if set(spellings) & {"Adam", "AdaMax", "MLA"} else []


class _NormsVocab(_Vocab):
    """A library whose tables compare normalization layers and baselines as entities."""

    def role(self, name: str) -> str | None:
        return "entity" if name in ("RMSNorm", "LayerNorm", "LLaMA") else super().role(name)


ADAM = PlanSubject("Adam", ("Adam",), "test", ("adam",))
ADAMAX = PlanSubject("AdaMax", ("AdaMax",), "test", ("adam",))


def test_a_sentence_opening_on_another_asked_model_leads_the_next_ones_away() -> None:
    vocab = _Vocab()
    opening = "Algorithm 2: AdaMax, a variant of Adam based on the infinity norm."
    assert led_by_other(opening, ADAM, vocab, (ADAM, ADAMAX))
    assert not led_by_other(opening, ADAMAX, vocab, (ADAM, ADAMAX))
    assert not led_by_other("In MLA, we set the number of attention heads to 128.", ADAM, vocab, (ADAM, ADAMAX)), \
        "a component is not another model"
    assert not led_by_other("The recipe to convert the baseline AdaMax into ours is as follows: 1.", ADAM, vocab,
                            (ADAM, ADAMAX)), "a model named inside the sentence does not lead it"


def test_an_optimizer_the_subject_uses_is_not_another_model() -> None:
    bert = PlanSubject("BERT", ("BERT",), "test", ("bert",))
    scope = subject_scope("We use Adam with learning rate of 1e-4, β1 = 0.9.", bert, _Vocab(), True)
    assert scope is not None and not scope.named


def test_names_listed_as_examples_of_the_asked_kind_are_values_not_other_models() -> None:
    """nGPT's "Remove all normalization layers such as RMSNorm or LayerNorm" answers its norm layer; once a table of
    another paper made LayerNorm a compared entity, the sentence was read as about another model."""
    ngpt = PlanSubject("nGPT", ("nGPT",), "test", ("ngpt",))
    vocab = _NormsVocab()
    removed = "Remove all normalization layers such as RMSNorm or LayerNorm."
    scope = subject_scope(removed, ngpt, vocab, True, asked=("norm layer",))
    assert scope is not None and not scope.named and not scope.others
    assert subject_scope(removed, ngpt, vocab, True, asked=("MMLU score",)) is None, "another kind: other models"
    baselines = "It outperforms strong baselines such as LLaMA with 45.3 on MMLU."
    assert subject_scope(baselines, ngpt, vocab, True, asked=("MMLU score",)) is None


def test_a_scaled_copy_of_a_model_is_another_model() -> None:
    gshard = PlanSubject("GShard", ("GShard",), "test", ("gshard",))
    scaled = "We compare it with GShard×1.2 and GShard×1.5 with 15.9B and 19.8B total parameters."
    assert subject_scope(scaled, gshard, _Vocab(), False) is None
    named = subject_scope("GShard x2 experts per token and 19.8B parameters.", gshard, _Vocab(), False)
    assert named is not None and named.named


def test_an_unnamed_sentence_about_another_sized_member_is_not_the_subject_s() -> None:
    big = PlanSubject("Transformer big", ("Transformer big",), "test", ("t",))
    base = PlanSubject("Transformer base", ("Transformer base",), "test", ("t",))
    text = "For the base model, we use a rate of Pdrop = 0.1."
    assert other_member(text, big) and not other_member(text, base)


def test_default_names_no_attribute_of_its_own() -> None:
    asked = asked_phrases("What are the default step size and β2 of ⟨S⟩", lambda _: False)
    assert [a.text for a in asked] == ["step size", "β2"]


def test_a_heading_glued_to_a_sentence_is_no_part_of_its_quote() -> None:
    text = "2 Architecture We adopt a Transformer with 32 layers. It has 4096 dims."
    quoted = [s.text for s in sentences(Passage("d", 0, text, 0, len(text), 1))]
    assert quoted == ["We adopt a Transformer with 32 layers.", "It has 4096 dims."]


@pytest.mark.parametrize("sentence", [
    "Heron models utilize GPT-2's tokenizer (Smith et al., 2023), which implements BPE with a vocabulary of 50,000.",
    "We adopt the same tokenizer as used in GPT-2, which is built on BPE and has a vocabulary size of 50K.",
    "For the Stage II pretraining data, we refer to GPT-2 [49] and add approximately 50 million samples.",
])
def test_a_model_named_as_the_origin_of_a_tool_is_no_owner_of_its_values(sentence: str) -> None:
    heron = PlanSubject("Heron", ("Heron",), "test", ("heron",))
    scope = subject_scope(sentence, heron, _Vocab(), True)
    assert scope is not None and scope.owns(sentence.index("50"), sentence)


def test_a_value_said_to_be_for_the_subject_is_its_own() -> None:
    heron = PlanSubject("Heron-16B", ("Heron-16B",), "test", ("heron",))
    text = "We sample 2T tokens like GPT-2 did, and the vocabulary size is set to 100K for Heron-16B."
    scope = subject_scope(text, heron, _Vocab(), True)
    assert scope is not None and scope.owns(text.index("100K"), text)
    assert not scope.owns(text.index("2T"), text), "the value right after another model stays that model's"


@pytest.mark.parametrize(("subject", "sentence", "owned"), [
    ("LSTM", "We train a size-2048 LSTM [HS97] using BPE [SHB15] with a vocabulary of size 40,000.", "40,000"),
    ("DIFF Transformer-3B", "We train 3B-size DIFF Transformer language models on 1T tokens.", "1T"),
])
def test_a_size_in_front_of_the_name_and_a_citation_key_name_no_other_model(subject: str, sentence: str,
                                                                             owned: str) -> None:
    """"a size-2048 LSTM", "3B-size DIFF Transformer": the name with its size in front; "[HS97]" cites, and "BPE" is a
    word of the asked "BPE vocabulary size": neither is a model the value could belong to."""
    asked = PlanSubject(subject, (subject,), "test", ())
    scope = subject_scope(sentence, asked, _Vocab(), False, ["BPE"])
    assert scope is not None and scope.named and scope.owns(sentence.index(owned), sentence)


def test_hardware_and_its_memory_are_no_other_model() -> None:
    """"each equipped with 8 Nvidia A100 (40GB) GPUs": the GPU's model and memory name the hardware, not a model
    whose figures these are (Janus-Pro's training time)."""
    janus = PlanSubject("Janus-Pro-7B", ("Janus-Pro-7B",), "test", ("janus-pro",))
    text = "The training took about 14 days on a cluster of 32 nodes, each equipped with 8 Nvidia A100 (40GB) GPUs."
    scope = subject_scope(text, janus, _Vocab(), True)
    assert scope is not None and scope.others == ()


def test_a_subscript_split_off_by_the_pdf_is_no_symbol() -> None:
    """"The FFN layers have hidden size df f = 3072" (GLU variants' d_ff): "f" is the end of "dff", not a symbol a
    definition elsewhere could make the number of layers."""
    assert symbol_values("The FFN layers have hidden size df f = 3072.", frozenset({"f"})) == []
    assert symbol_values("We use h = 8 parallel attention layers.", frozenset({"h"})) == [("8", 8.0, "", 11)]


@pytest.mark.parametrize("sentence", [
    "For each layer, we include a residual skip connection and RMSNorm before the Mamba-2, self-attention, or MLP "
    "block.",
    "We interleave Mamba-2 and attention layers.",
])
def test_a_model_first_in_a_list_of_components_is_a_component(sentence: str) -> None:
    """"before the Mamba-2, self-attention, or MLP block" in the paper about the 8B Mamba-2-Hybrid: Mamba-2 is the
    kind of block, so the sentence is still about the hybrid (fresh2 lost its normalization layer to it)."""
    hybrid = PlanSubject("Heron-Hybrid 8B", ("Heron-Hybrid 8B",), "test", ("heron",))
    scope = subject_scope(sentence.replace("Mamba-2", "Heron-2"), hybrid, _Vocab(), True)
    assert scope is not None and not scope.named
