"""Readings a comparison across papers needs (issue 9, fresh13): a superlative over named subjects asks the noun it
ranks them by, a label's peak word is any other, a year is one however written, a column named by a size alone is the
sized model of its paper, a layer's width is its size or its dimension, and a mode asked of a list binds only the
models that have modes."""

from __future__ import annotations

from synth.answer.variants import names_modes, without_absent_mode
from synth.labelcodes import has_word, label_words
from synth.models import Evidence, PassageKind
from synth.names import default_modifiers, match_label, match_property, words_of
from synth.plan.ranked import ranked
from synth.plan.wording import METRIC, SUBJECT
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.lexicon import same_measures
from synth.retrieve.asks.symbols import symbol_values
from synth.retrieve.asks.table_cells import _same_size


def test_a_superlative_over_named_subjects_asks_the_noun_it_ranks_them_by() -> None:
    clause = f"Which of {SUBJECT}, {SUBJECT} and the {SUBJECT} has the most Transformer layers"
    assert ranked(clause).text == "Transformer layers"
    assert ranked("Which was trained with the highest peak learning rate").text == "peak learning rate"
    assert ranked(f"Which of {SUBJECT} and {SUBJECT} supports the longest context").text == "context length"


def test_an_open_verb_before_the_superlative_qualifies_the_noun_as_it_does_after_how_many() -> None:
    clause = f"Which of {SUBJECT}, {SUBJECT} and {SUBJECT} activates the most parameters per token"
    assert ranked(clause).text == "activated parameters per token"


def test_a_class_described_or_a_benchmark_named_is_no_ranked_noun() -> None:
    assert ranked("Which model has the most parameters") is None  # a class: synth.plan.described reads it
    assert ranked(f"Which of {SUBJECT} and {SUBJECT} has the highest accuracy on {METRIC}") is None
    assert ranked(f"What is the largest {SUBJECT} model") is None


def test_a_peak_word_in_a_label_is_any_peak_word() -> None:
    asked = words_of("maximum learning rate")
    assert match_property(asked, default_modifiers(asked), "Max Learning Rate") is not None
    assert has_word(label_words("Medium | Max Learning Rate"), "peak")
    assert not has_word(label_words("Medium | Final Learning Rate"), "peak")


def test_a_short_year_is_the_year_written_in_full() -> None:
    assert match_label("AIME 2025", "AIME’25") is not None
    assert match_label("AIME'24", "AIME 2024") is not None
    assert match_label("AIME 2025", "AIME’24") is None


def test_a_column_named_by_a_size_alone_is_that_size_at_any_precision() -> None:
    assert _same_size("1B", "1.0B Models")
    assert _same_size("830M", "830M")
    assert not _same_size("1B", "0.5B Models")
    assert not _same_size("1B", "1.0B tokens")


def test_a_layer_s_width_is_its_size_or_its_dimension() -> None:
    assert "dimension" in same_measures(["hidden", "size"])
    assert "length" not in same_measures(["hidden", "size"])  # a bound on a length is a context's, no width


def _candidate(variant: str | None, entity: str = "DeepSeek R1") -> Candidate:
    evidence = Evidence("deepseek-r1", "deepseek_r1.pdf", f"GPQA Diamond (Pass@1) | {entity} | 71.5", 0, 10, 13, None,
                        PassageKind.TABLE_ROW)
    return Candidate("DeepSeek-R1", "GPQA Diamond", entity, variant, "71.5", 71.5, "%", evidence, True, True, True)


def test_a_mode_binds_only_the_models_that_have_modes() -> None:
    """"DeepSeek-R1, Kimi k1.5 and Qwen3-235B-A22B in thinking mode": R1's paper names no mode and its table no
    thinking column, so its scores are not filtered away; a model whose paper names modes keeps the filter."""
    plain = [_candidate("Pass@1")]
    assert without_absent_mode("thinking", plain, moded=False) is None
    assert without_absent_mode("thinking", plain, moded=True) == "thinking"
    assert without_absent_mode("thinking", [_candidate("thinking")], moded=False) == "thinking"
    assert without_absent_mode("Stage 1; thinking", plain, moded=False) == "Stage 1"
    assert names_modes("in thinking mode and in non-thinking mode") and not names_modes("a long thinking process")


def test_an_indexed_symbol_is_read_from_the_values_its_bare_symbol_sets_together() -> None:
    """"β = 0.9, 0.95" (the DIFF Transformer-3B's Adam) sets β2 = 0.95; a longer list is a sweep, no setting."""
    assert [v[1] for v in symbol_values("optimizer with β = 0.9, 0.95. The maximal", frozenset({"β2"}))] == [0.95]
    assert [v[1] for v in symbol_values("Adam β (0.9, 0.95)", frozenset({"β1"}))] == [0.9]
    assert symbol_values("we tried β = 0.9, 0.95, 0.99, 0.999", frozenset({"β2"})) == []
