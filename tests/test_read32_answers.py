"""What the read32 part showed on its first run over ../shared/corpus/pdfs (a tuning part written before any build:
Mixture-of-Depths, GSM-Symbolic, 'Language Modeling Is Compression', Ziegler et al.). The unit tests need no corpus;
the corpus tests skip when it is absent."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer

from synth.index import PassageIndex
from synth.models import AttributeKind, Library, PlanAttribute
from synth.plan.wording import asked_phrases, clauses, quantity_words
from synth.quotes import excerpt
from synth.retrieve.asks.denials import denied_values
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.spans import span_claims, span_values
from synth.retrieve.asks.terms import text_values
from synth.retrieve.sentences import states_something


def _attribute(name: str, kind: AttributeKind = AttributeKind.QUANTITY) -> PlanAttribute:
    return PlanAttribute(name, kind, (name,), "test")


def _values(sentence: str, attribute: str) -> list[str]:
    return [raw for raw, *_ in quantity_values(sentence, _attribute(attribute), frozenset())]


_ZIEGLER_774M = "The model is a Transformer with 36 layers, 20 heads, and embedding size 1280 (Vaswani et al., 2017)."
_ZIEGLER_124M = ("Our public version of the code only works with a smaller 124M parameter model with 12 layers, 12 "
                 "heads, and embedding size 768.")
_MOD_CAPTION = ("We used the 12.5% capacity MoD variant to perform an isoFLOP analysis for 6e18, 2e19, and 1e20 FLOPs, "
                "training models varying in size from 60M to 3B parameters.")


def test_a_reference_year_makes_no_sentence_a_table_row() -> None:
    """Ziegler et al. p.3: four figures beside ten words read as a flattened table row once the citation's year and the
    full stop after its bracket were counted as numbers; the sentence was never read."""
    assert states_something(_ZIEGLER_774M)
    assert not states_something("Benchmark DeepSeek 7B DeepSeekMoE 16B Architecture MHA+Dense 2.0 3.5 4.4 5.5")


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    (_ZIEGLER_774M, "attention heads", ["20"]),  # heads in a model's description are its attention heads
    (_ZIEGLER_124M, "attention heads", ["12"]),
    ("Each layer has 32 attention heads and 8 KV heads.", "attention heads", ["32"]),
    ("Each layer has 32 heads and 8 KV heads.", "attention heads", ["32"]),  # never another kind of heads
    (_ZIEGLER_774M, "embedding size", ["1280"]),  # the last item of the list "with" opens
    (_ZIEGLER_124M, "embedding size", ["768"]),
    (_ZIEGLER_774M, "layers", ["36"]),
    (_ZIEGLER_124M, "layers", ["12"]),  # "124M parameter model" counts parameters, not the layers after it
])
def test_a_models_description_gives_its_heads_and_width(sentence: str, attribute: str, values: list[str]) -> None:
    assert _values(sentence, attribute) == values


def test_a_span_is_the_value_of_a_range_or_list_asked() -> None:
    """Mixture-of-Depths p.9: "over what range of model sizes" and "for which total FLOP budgets" are answered by the
    span whole; asked of something else, the span gives nothing."""
    assert [v for v, *_ in span_values(_MOD_CAPTION, _attribute("range of model sizes"))] == ["60M to 3B parameters"]
    budgets = span_values(_MOD_CAPTION, _attribute("total FLOP budgets"))
    assert [v for v, *_ in budgets] == ["6e18, 2e19, and 1e20 FLOPs"]
    assert span_values(_MOD_CAPTION, _attribute("batch size")) == []
    assert span_values("We use 1, 2, and 4 shared experts.", _attribute("shared experts")) == []


def test_a_range_is_checked_as_sources_word_it() -> None:
    assert span_claims("Mixture-of-Depths", "60M to 3B parameters", "range of model sizes") == [
        "Mixture-of-Depths has model sizes from 60M to 3B parameters."]
    assert span_claims("Mixture-of-Depths", "6e18, 2e19, and 1e20 FLOPs", "total FLOP budgets") == []


def test_a_plain_word_sharing_a_stem_names_no_optimizer() -> None:
    """Mixture-of-Depths p.8: "FLOP-optimal MoD transformers" answered "which optimizer" (a paper naming none)."""
    optimizer = _attribute("optimizer", AttributeKind.TEXT)
    assert text_values("The trend that FLOP-optimal MoD transformers have more parameters than the baseline "
                       "continues for these larger FLOP budgets.", optimizer) == []
    assert text_values("We use the AdamW optimizer.", optimizer) == ["AdamW"]
    normalization = _attribute("normalization layer", AttributeKind.TEXT)
    assert text_values("We use QK-Norm and RMSNorm.", normalization) == ["QK-Norm", "RMSNorm"]


def test_an_accuracy_asked_is_a_number() -> None:
    assert quantity_words("accuracy")


def _cells(corpus: tuple[Library, PassageIndex], name: str) -> dict[tuple[str, str], str]:
    return {(c.subject, c.attribute): c.value for c in gold_answer("read32", name, corpus).cells}


def test_the_mixture_of_depths_spans_and_no_optimizer(corpus: tuple[Library, PassageIndex]) -> None:
    answer = gold_answer("read32", "mod-isoflop-analysis", corpus)
    cells = {(c.subject, c.attribute): c.value for c in answer.cells}
    assert cells.get(("Mixture-of-Depths", "range of model sizes")) == "60M to 3B parameters"
    ranged = next(c for c in answer.cells if c.attribute == "range of model sizes")
    assert ranged.verdict.value == "supported"  # checked as "… has model sizes from 60M to 3B parameters"
    assert "6e18, 2e19, and 1e20" in cells.get(("Mixture-of-Depths", "total FLOP budgets"), "")
    assert cells.get(("Mixture-of-Depths", "accuracy")) == "99%"
    assert ("Mixture-of-Depths", "optimizer") not in cells
    assert any(n.attribute == "optimizer" for n in answer.not_stated)


def test_the_774m_gpt2_of_ziegler_et_al(corpus: tuple[Library, PassageIndex]) -> None:
    cells = _cells(corpus, "ziegler-model-architectures")
    assert {a: cells.get(("774M-parameter GPT-2", a)) for a in ("layers", "attention heads", "embedding size")} == {
        "layers": "36", "attention heads": "20", "embedding size": "1280"}
    # "the smaller 124M-parameter model of their released code": a model named by its size alone, read where the
    # paper writes that size
    assert {a: cells.get(("124M-parameter model", a)) for a in ("layers", "attention heads", "embedding size")} == {
        "layers": "12", "attention heads": "12", "embedding size": "768"}


def test_a_size_written_before_a_name_finds_the_row_its_table_names(corpus: tuple[Library, PassageIndex]) -> None:
    """'Language Modeling Is Compression' Table 1 names its rows "Transformer 800K": "the 800K-parameter Transformer"
    is that row (a K-sized name has no parameter count the tables could match)."""
    answer = gold_answer("read32", "lmic-enwik9-rates", corpus)
    values = {c.value for c in answer.cells if c.subject == "Transformer 800K"}
    assert values == {"21.7", "21.9"}


def test_a_described_subject_beside_a_named_model_is_no_contest(corpus: tuple[Library, PassageIndex]) -> None:
    """fresh5: the Mixture-of-Depths models' sequence length and the layer normalization paper's handwriting model's
    were asked side by side, each in its own clause; the paragraph ranked them ("Highest: Mixture-of-Depths")."""
    answer = gold_answer("fresh5", "mod-handwriting-sequence-length", corpus)
    assert "Sequence length:" in answer.text
    assert "Highest" not in answer.text


def test_modifiers_each_asked_with_what_share_their_noun() -> None:
    """'Language Modeling Is Compression': "what raw and what adjusted compression rate" asks two rates, not a
    "raw" of its own; "what dropout and what learning rate" stays two things (dropout is a noun)."""
    assert clauses("what raw and what adjusted compression rate on enwik9 do A and B reach") == [
        "what raw and what adjusted compression rate on enwik9 do A and B reach"]
    assert [a.text for a in asked_phrases(clauses("what raw and what adjusted compression rate")[0],
                                          lambda _: False)] == ["raw compression rate", "adjusted compression rate"]
    assert [a.text for a in asked_phrases(clauses("what dropout and what learning rate")[0],
                                          lambda p: p == "dropout")] == ["dropout", "learning rate"]


def test_a_quote_keeps_the_sentence_naming_whose_figure_it_is() -> None:
    """Ziegler et al. p.3: the page showed "… The model is a Transformer with 36 layers" alone, which never says it is
    the 774M GPT-2; the sentence naming it is kept, and two sentences that follow each other get no ellipsis."""
    quote = ("We use a 774M parameter version of the GPT-2 language model in Radford et al. (2019) trained on their "
             "WebText dataset and their 50,257 token invertible byte pair encoding to preserve capitalization and "
             "punctuation (Sennrich et al., 2015). " + _ZIEGLER_774M)
    assert excerpt(quote, "774M-parameter GPT-2 has 36 layers.").text == quote
    assert excerpt(quote, "36", about="774M-parameter GPT-2").text == quote  # an answer cell: its value, its subject
    assert excerpt(quote, "The model has 36 layers.").text == f"… {_ZIEGLER_774M}"


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    # GLU p.3: the pre-training dropout is none; the answer called it not stated
    ("Our main departure from [Raffel et al., 2019] is that we use no dropout during pre-training.",
     "pre-training dropout rate", ["no dropout"]),
    ("All models are trained without weight decay.", "weight decay", ["without weight decay"]),
    ("We use a dropout rate of 0.1 and no more than 4 layers.", "dropout rate", ["0.1"]),
])
def test_a_setting_said_not_to_be_used_is_none(sentence: str, attribute: str, values: list[str]) -> None:
    denied = [raw for raw, *_ in denied_values(sentence, _attribute(attribute))]
    assert denied == values or (not denied and _values(sentence, attribute) == values)


def test_a_denial_is_read_for_a_named_subject_or_the_papers_own_models(corpus: tuple[Library, PassageIndex]) -> None:
    """read31: GLU's "we use no dropout during pre-training" is its models' pre-training dropout; fresh10: the
    weak-to-strong paper's NLP linear probes' "no weight decay" (an unnamed sentence of another appendix section) is
    not the DINO probes'."""
    glu = {(c.subject, c.attribute): c.value for c in gold_answer("read31", "glu-training-dropout", corpus).cells}
    assert glu.get(("GLU Variants Improve Transformer", "pre-training dropout rate")) == "no dropout"
    dino = {(c.subject, c.attribute) for c in gold_answer("fresh10", "w2s-dino-linear-probes", corpus).cells}
    assert not any(attribute == "weight decay" for _, attribute in dino)
