"""Retrieval per ask, part by part: tables the PDF reader missed, read from text lines; labels written as
code or formulas (`n_kv_heads`, `dmodel`); text values that name which thing; a sibling model's unnamed
sentences; a wanted variant never matched inside another ("thinking" in "non-thinking")."""

from __future__ import annotations

import pytest

from synth.answer import _wanted_variant
from synth.models import AttributeKind, Document, Evidence, Passage, PassageKind, PlanAttribute, PlanSubject
from synth.retrieve.asks import Candidate
from synth.retrieve.asks.prose import _sibling
from synth.retrieve.asks.table_cells import abbreviated_property
from synth.retrieve.asks.terms import text_values
from synth.tables import records
from synth.vocabulary import text_tables

MISTRAL_PAGE = """forward by W tokens.
Parameter Value
dim 4096
n_layers 32
head_dim 128
hidden_dim 14336
n_kv_heads 8
window_size 4096
Table 1: Model architecture.
Mistral 7B is based on a transformer architecture."""
GPT2_PAGE = """of the OpenAI GPT model with a
Parameters Layers dmodel
117M 12 768
345M 24 1024
Table 2. Architecture hyperparameters for the model sizes."""


def _document(text: str) -> Document:
    return Document("d1", "x.pdf", "0", "pdf", "test", None, text, (Passage("d1", 0, text, 0, len(text), 2),))


def test_a_parameter_value_list_in_the_text_is_a_table_of_the_source_s_model() -> None:
    [(table, in_columns)] = text_tables(_document(MISTRAL_PAGE))
    assert in_columns and table.header == ("Parameter", "Value") and table.caption == "Table 1: Model architecture."
    cells = {(r.entity, r.attribute): r.raw for r in records(table, in_columns=in_columns)}
    assert cells[("Value", "n_kv_heads")] == "8" and cells[("Value", "hidden_dim")] == "14336"


def test_a_text_table_whose_labels_are_sizes_keeps_them_as_row_labels() -> None:
    [(table, in_columns)] = text_tables(_document(GPT2_PAGE))
    assert not in_columns and table.rows == (("117M", "12", "768"), ("345M", "24", "1024"))
    cells = {(r.entity, r.attribute): r.raw for r in records(table, in_columns=False)}
    assert cells[("345M", "dmodel")] == "1024", "a header word holding 'mode' is no setting column"


@pytest.mark.parametrize(("asked", "label", "matched"), [
    ("model dimension", "dim", True), ("model dimension", "dmodel", True), ("model dimension", "hidden_dim", False),
    ("model dimension", "head_dim", False), ("feed-forward hidden dimension", "hidden_dim", True),
    ("feed-forward hidden dimension", "dim", False), ("number of key-value heads", "n_kv_heads", True),
    ("key-value heads", "n_heads", False), ("attention heads", "n_heads", False),
    ("context length", "context_len", True), ("vocabulary size", "vocab_size", True),
    ("number of layers", "Num. Layers", True), ("parameters", "params ×106", False), ("dimension", "d", False),
])
def test_labels_written_as_code_are_read_without_taking_a_neighbour_s(asked: str, label: str, matched: bool) -> None:
    assert bool(abbreviated_property(asked, label)) is matched


def _text(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.TEXT, (name,), "test")


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    ("We use RMSNorm with pre-normalization in every block.", "normalization layer", ["RMSNorm", "pre-normalization"]),
    ("The classifier token is used for token-level tasks.", "tokenizer", []),
    ("Hidden units are in the active area of the nonlinearity.", "activation function", []),
    ("We trained on 2048 NVIDIA H800 GPUs.", "training GPUs", ["NVIDIA", "H800"]),
    ("We remove all normalization layers such as RMSNorm or LayerNorm.", "normalization layer", []),
    ("Each text is NFKC-normalized before scoring.", "normalization layer", []),
    ("We optimize with the AdamW optimizer.", "optimizer", ["AdamW"]),
])
def test_a_text_value_names_which_thing_never_only_which_kind(sentence: str, attribute: str,
                                                              values: list[str]) -> None:
    assert text_values(sentence, _text(attribute), {}, "layer normalization") == values


def test_a_sibling_model_is_not_the_model_its_source_is_about() -> None:
    def sibling(name: str, *about: str) -> bool:
        return _sibling(PlanSubject(name, (name,), "test", ()), about)

    assert sibling("DeepSeek-V2-Lite", "DeepSeek-V2") and sibling("AdaMax", "Adam")
    assert not sibling("Whisper large", "Whisper") and not sibling("Qwen3-235B-A22B", "Qwen3", "MoE")
    assert not sibling("Byte Latent Transformer", "BLT")


def test_thinking_is_not_found_inside_non_thinking() -> None:
    evidence = Evidence("s", "d", "q", 0, 1, 1, None, PassageKind.TABLE_ROW)

    def candidate(variant: str) -> Candidate:
        return Candidate("Qwen3-32B", "AIME'24", "Qwen3-32B", variant, "1", 1.0, None, evidence, True, True, True)

    assert _wanted_variant(candidate("thinking; v5"), "thinking")
    assert not _wanted_variant(candidate("non-thinking; v5"), "thinking")
    assert _wanted_variant(candidate("non-thinking"), "non-thinking")
