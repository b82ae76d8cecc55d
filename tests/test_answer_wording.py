"""How a cell is worded for the verification stage: as the sources word it, never less than the cell says."""

from __future__ import annotations

import pytest

from synth.answer.wording import claims_of
from synth.claimparse import parse
from synth.models import Passage
from synth.models.claims import Evidence, PassageKind
from synth.retrieve.asks import Candidate
from synth.verify.claim import claim_info
from synth.verify.figures import check_figures
from synth.verify.windows import Window


def _candidate(attribute: str, value: str, quote: str, table: bool) -> Candidate:
    evidence = Evidence("m.md", "m.md", quote, 0, len(quote), 2, None,
                        PassageKind.TABLE_ROW if table else PassageKind.TEXT)
    return Candidate("Osprey-9B", attribute, "Osprey-9B", None, value, float(value), None, evidence,
                     table, True, True)


def test_a_count_is_worded_as_sources_count_it() -> None:
    said = _candidate("number of layers", "32", "Osprey-9B stacks 32 layers.", table=False)
    assert "Osprey-9B has 32 layers." in claims_of(said, "number of layers", quantity=True)


def test_a_table_cell_is_also_worded_with_the_table_s_own_label() -> None:
    cell = _candidate("context length", "8192", "Osprey-9B | context_len: 8192", table=True)
    assert "The context_len of Osprey-9B is 8192." in claims_of(cell, "context_len", quantity=True)


def test_an_attribute_that_is_not_a_count_keeps_its_words() -> None:
    said = _candidate("training tokens", "2", "Osprey-9B was trained on 2 trillion tokens.", table=False)
    claims = claims_of(said, "training tokens", quantity=True)
    assert claims[0] == "Osprey-9B has 2 training tokens."
    assert not [c for c in claims if c.startswith("The ")]


def test_words_after_the_value_that_name_no_noun_are_no_wording() -> None:
    quote = "Osprey-9B is fine-tuned with a learning rate of 5 and a batch size of 32."
    said = _candidate("learning rate", "5", quote, table=False)
    assert not [c for c in claims_of(said, "learning rate", quantity=True) if "and" in c.split()]


def test_the_noun_after_the_value_ends_at_a_function_word() -> None:
    said = _candidate("number of layers", "32", "Osprey-9B has 32 layers and 8 heads.", table=False)
    assert "Osprey-9B has 32 layers." in claims_of(said, "number of layers", quantity=True)
    assert not [c for c in claims_of(said, "number of layers", quantity=True) if "and." in c]


def test_a_value_named_before_it_is_worded_with_that_name() -> None:
    quote = "Osprey-9B is fine-tuned with a learning rate of 5 and a batch size of 32."
    said = _candidate("learning rates", "5", quote, table=False)
    assert "The learning rate of Osprey-9B is 5." in claims_of(said, "learning rates", quantity=True)


def test_a_value_that_ends_its_sentence_is_still_named_by_the_noun_before_it() -> None:
    quote = "Osprey-9B is fine-tuned with a learning rate of 5 and a batch size of 32."
    said = _candidate("batch sizes", "32", quote, table=False)
    assert "The batch size of Osprey-9B is 32." in claims_of(said, "batch sizes", quantity=True)


def test_a_value_that_is_the_start_of_a_longer_figure_is_not_named() -> None:
    said = _candidate("batch sizes", "3", "Osprey-9B uses a batch size of 3.5 million tokens.", table=False)
    assert not [c for c in claims_of(said, "batch sizes", quantity=True) if c.startswith("The batch size")]


def test_the_noun_after_the_value_words_a_cell_only_when_it_names_the_attribute() -> None:
    # "a vocabulary of 16K tokens": "Osprey-9B has 16K tokens." would drop the vocabulary the cell is about
    quote = "We used a vocabulary of 16 tokens for the news only setting."
    claims = claims_of(_candidate("vocabulary size", "16", quote, table=False), "vocabulary size", quantity=True)
    assert "Osprey-9B has 16 tokens." not in claims
    assert "Osprey-9B has 16 vocabulary size." in claims
    said = _candidate("activated parameters", "4", "Osprey-9B has 4 active parameters per token.", table=False)
    assert "Osprey-9B has 4 active parameters." in claims_of(said, "activated parameters", quantity=True)


def test_a_row_s_reference_number_is_left_out_of_the_wording() -> None:
    """"DALL-E 3 [2] scores 0.67 on Overall↑." was checked for a figure 2 and contradicted (Janus-Pro Table 4)."""
    evidence = Evidence("m.md", "m.md", "DALL-E 3 [2] | Overall↑ | 0.67", 0, 30, 7, None, PassageKind.TABLE_ROW)
    cell = Candidate("DALL-E 3", "GenEval", "DALL-E 3 [2]", None, "0.67", 0.67, None, evidence, True, False, True)
    assert claims_of(cell, "Overall↑") == ["DALL-E 3 scores 0.67 on Overall↑."]


def test_a_value_read_at_a_setting_is_also_worded_with_its_setting() -> None:
    # One sentence giving the value at two settings states each only with its setting named: the wording that
    # names it is the one verification can find stated.
    quote = "The learning rate was 1.41 × 10−5 for style tasks and 7.07 × 10−6 for summarization."
    evidence = Evidence("m.md", "m.md", quote, 0, len(quote), 2, None, PassageKind.TEXT)
    said = Candidate("Osprey-9B", "learning rate", "Osprey-9B", "summarization", "7.07 × 10−6", 7.07e-6, None,
                     evidence, False, True, True)
    claims = claims_of(said, "learning rate", quantity=True)
    assert "Osprey-9B has 7.07 × 10−6 learning rate (summarization)." in claims
    window = Window(Passage("m.md", 0, quote, 0, len(quote), 2), quote, 0, len(quote), 1.0)
    named = check_figures(claim_info(claims[-1], frozenset()), window, parse(quote), frozenset())
    assert (named.matched, named.conflict) == (1, None)
    style = Candidate("Osprey-9B", "learning rate", "Osprey-9B", "summarization", "1.41 × 10−5", 1.41e-5, None,
                      evidence, False, True, True)
    wrong = check_figures(claim_info(claims_of(style, "learning rate", quantity=True)[-1], frozenset()), window,
                          parse(quote), frozenset())
    assert wrong.matched == 0 and wrong.conflict is not None and wrong.conflict.raw == "7.07 × 10−6"


def test_a_measure_given_by_its_noun_alone_is_worded_by_the_noun() -> None:
    """"The vocabulary is expanded to 50,257" gives the vocabulary size with the measure understood, as the answer
    stage reads it: "X has 50,257 vocabulary size" asks the verification stage for a "size" the sentence lacks."""
    said = _candidate("vocabulary size", "50257", "The vocabulary is expanded to 50257.", table=False)
    assert "Osprey-9B has a vocabulary of 50257." in claims_of(said, "vocabulary size", quantity=True)
    other = _candidate("batch size", "512", "We train on 512 sequences per step.", table=False)
    assert not [c for c in claims_of(other, "batch size", quantity=True) if "a batch of" in c], \
        "only a noun the quote itself names"


def test_a_context_length_said_as_a_context_size_is_worded_as_said() -> None:
    quote = "We also increase the context size from 512 to 1024 tokens."
    said = _candidate("context length", "1024", quote, table=False)
    assert "Osprey-9B has 1024 context size." in claims_of(said, "context length", quantity=True)


@pytest.mark.parametrize(("value", "bare"), [("1.997 (0.005)", "1.997"), ("53.8 (± 4.54)", "53.8")])
def test_a_value_printed_with_its_spread_is_also_worded_by_the_figure(value: str, bare: str) -> None:
    """GLU Variants Table 1 prints '1.997 (0.005)': the verifier looked for a second figure 0.005 and left the cell
    unconfirmed."""
    quote = f"FFNReLU(baseline) | log-perplexity (Heldout-set; Training Steps 65,536) | {value}"
    evidence = Evidence("m.md", "m.md", quote, 0, len(quote), 2, None, PassageKind.TABLE_ROW)
    candidate = Candidate("Osprey-9B", "log-perplexity", "Osprey-9B", None, value, float(bare), None, evidence,
                          True, True, True)
    claims = claims_of(candidate, "log-perplexity", quantity=True)
    assert any(value in c for c in claims) and any(f" {bare} " in c and value not in c for c in claims)


def _read(attribute: str, value: str, number: float, quote: str, unit: str | None = None) -> Candidate:
    evidence = Evidence("m.md", "m.md", quote, 0, len(quote), 1, None, PassageKind.TEXT)
    return Candidate("Osprey-9B", attribute, "Osprey-9B", None, value, number, unit, evidence, False, True, True)


@pytest.mark.parametrize(("attribute", "value", "number", "quote", "neighbour"), [
    # cell-swap bench (tune/moe-parameters): the activated count given to the total, the total to the activated
    ("total parameters", "13B", 13, "has access to 47B parameters, but only uses 13B active parameters during "
     "inference", "Osprey-9B has 13B active parameters."),
    ("activated parameters", "16.4B", 16.4, "Osprey-9B has approximately 16.4B total parameters, with the number of "
     "activated parameters around 2.8B", "Osprey-9B has 16.4B total parameters."),
    # dev/deepseek-v2-v3-hyperparameters: "consists of 2 shared experts" is no hidden dimension
    ("hidden dimension", "2", 2, "Each MoE layer consists of 2 shared experts and 160 routed experts",
     "The layer consists of Osprey-9B is 2."),
    # dev/bert-pretraining: a learning rate is no batch size
    ("batch size", "1e-4", 1e-4, "We use Adam with learning rate of 1e-4, β1 = 0.9, β2 = 0.999",
     "The learning rate of Osprey-9B is 1e-4."),
])
def test_the_quote_s_own_noun_words_a_cell_only_when_it_names_the_cell_s_attribute(attribute, value, number, quote,
                                                                                   neighbour) -> None:
    """A wording with the quote's noun for another quantity checks that quantity, not the cell: a neighbour's value
    read from the same sentence was marked supported (bench/cell_swaps.py, attribute swaps)."""
    assert neighbour not in claims_of(_read(attribute, value, number, quote, "B" if value.endswith("B") else None),
                                      attribute, quantity=True)


def test_the_quote_s_own_noun_still_words_the_cell_it_names() -> None:
    quote = "has access to 47B parameters, but only uses 13B active parameters during inference"
    assert "Osprey-9B has 13B active parameters." in claims_of(_read("activated parameters", "13B", 13, quote, "B"),
                                                              "activated parameters", quantity=True)
    said = _read("learning rate", "1e-4", 1e-4, "We use Adam with learning rate of 1e-4, β1 = 0.9")
    assert "The learning rate of Osprey-9B is 1e-4." in claims_of(said, "learning rate", quantity=True)
