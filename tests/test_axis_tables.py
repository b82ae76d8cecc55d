"""A table whose header the PDF reader left blank, its first row a variable and its values (the GLU variants'
log-perplexities at 65,536 and 524,288 training steps), and row labels that share a run-in prefix ("FFNReGLU")."""

from __future__ import annotations

import pytest

from synth.models import Table
from synth.tableheads import axis_header, caption_measure, run_in_prefix
from synth.tables import records

CAPTION = ("Table 1: Heldout-set log-perplexity for Transformer models on the segment-filling task from [Raffel et "
           "al., 2019]. All models are matched for parameters and computation.")
ROWS = [("Training Steps", "65,536", "524,288"), ("FFNReLU(baseline)", "1.997 (0.005)", "1.677"),
        ("FFNGELU", "1.983 (0.005)", "1.679"), ("FFNGEGLU", "1.942 (0.004)", "1.633"),
        ("FFNSwiGLU", "1.944 (0.010)", "1.636"), ("FFNReGLU", "1.953 (0.003)", "1.645")]


def glu_table(caption: str = CAPTION, rows: list[tuple[str, ...]] | None = None) -> Table:
    rows = ROWS if rows is None else rows
    return Table("glu#t1", "glu", caption, ("", "", ""), tuple(rows), ("",) * len(rows), 0, 10)


@pytest.mark.parametrize(("caption", "measure"), [
    (CAPTION, "Heldout-set log-perplexity"),
    ("Table 3: Validation perplexity of each model after 100k steps.", "Validation perplexity"),
    ("Table 2: Results on GLUE for every variant.", None),  # a generic opening word names no measure
    ("Table 4: Comparison of routing strategies.", None),
    ("Table 5: GLUE Language-Understanding Benchmark (dev).", None),  # nothing it is measured for
])
def test_caption_measure(caption: str, measure: str | None) -> None:
    assert caption_measure(caption) == measure


def test_first_row_of_a_blank_header_is_the_column_variable() -> None:
    assert axis_header(glu_table()) == ["", "log-perplexity (Heldout-set; Training Steps 65,536)",
                                        "log-perplexity (Heldout-set; Training Steps 524,288)"]
    read = {(r.entity, r.attribute): r.raw for r in records(glu_table())}
    assert read[("FFNReGLU", "log-perplexity (Heldout-set; Training Steps 65,536)")] == "1.953 (0.003)"
    assert read[("FFNGEGLU", "log-perplexity (Heldout-set; Training Steps 524,288)")] == "1.633"
    assert not any(entity == "Training Steps" for entity, _ in read)  # the variable is no model


@pytest.mark.parametrize("table", [
    glu_table(caption="Table 2: Results on the segment-filling task."),  # the figures would be nobody's measure
    glu_table(rows=[("Training Steps", "65,536", "65,536"), *ROWS[1:]]),  # values repeat: no variable
    glu_table(rows=[("FFNReLU", "1.997", "1.677"), *ROWS[1:]]),  # the first row is a model's
])
def test_no_axis_header(table: Table) -> None:
    assert axis_header(table) is None
    assert records(table) == []  # as before: a blank header names no column


def test_run_in_prefix() -> None:
    table = glu_table()
    assert run_in_prefix(table, "FFNReGLU") == "FFN"
    assert run_in_prefix(table, "FFNReLU(baseline)") == "FFN"
    bert = Table("b#t1", "b", "", ("System", "MNLI"), (("BERTBASE", "84.6"), ("BERTLARGE", "86.7"),
                                                       ("OpenAI GPT", "82.1"), ("ELMo", "76.3")), ("",) * 4, 0, 1)
    assert run_in_prefix(bert, "BERTLARGE") is None  # two of four rows share it: a family, not a module prefix


def test_a_subject_named_after_the_run_in_prefix() -> None:
    from synth.models import PlanSubject
    from synth.retrieve.asks.table_cells import _run_in_member

    read = {r.entity: r for r in records(glu_table()) if r.attribute.endswith("65,536)")}
    reglu = PlanSubject("ReGLU", ("ReGLU",), "named in the question", ("shazeer2020glu",))
    assert _run_in_member(reglu, read["FFNReGLU"]) is not None
    assert _run_in_member(reglu, read["FFNGEGLU"]) is None
    assert _run_in_member(PlanSubject("GLU", ("GLU",), "named"), read["FFNSwiGLU"]) is None


def test_the_shared_pdf_table() -> None:
    from test_tables import pdf_tables

    (table,) = [t for t in pdf_tables("glu_variants_improve_transformer.pdf", 2) if t.caption.startswith("Table 1")]
    read = {(r.entity, r.attribute): r.value for r in records(table)}
    assert read[("FFNReGLU", "log-perplexity (Heldout-set; Training Steps 65,536)")] == 1.953
    assert read[("FFNSwiGLU", "log-perplexity (Heldout-set; Training Steps 524,288)")] == 1.636


def test_the_quoted_row_and_the_verifier_read_the_columns_by_the_variable() -> None:
    """The evidence showed 'FFNReGLU | 1.953 (0.003) | 1.645' under a blank header: which column is which step count
    was nowhere on the page."""
    from synth.grids import grid
    from synth.quotes import table_row

    view = grid(glu_table())
    assert [p for p in view.column_paths[1:]] == [("Training Steps", "65,536"), ("Training Steps", "524,288")]
    quoted = table_row(glu_table(), 5, [1])
    assert quoted.header[1:] == ("Training Steps / 65,536", "Training Steps / 524,288")
