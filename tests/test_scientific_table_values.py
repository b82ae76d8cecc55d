"""Table cells in scientific notation are numbers (learning rates, FLOPs): "1.0 × 10^−3" as the PDF table reader
writes a raised exponent, "4.2e-4" and "3.1E8" as papers type them. Before, `tables.parse_cell` read none of them, so
Janus-Pro's, Whisper's and DeepSeekMoE's learning-rate rows had no records and Janus-Pro's learning-rate row was read
as a second header line over every column. The page shows the figure as the paper prints it (10⁻³), and a claim
compares it by value ("1e-3" states it, "1e-4" does not)."""

from __future__ import annotations

import pytest
from gold_answers import question_answer

from synth import markdown as md
from synth.claimparse import quantities
from synth.config import Question
from synth.grids import grid
from synth.index import PassageIndex
from synth.models import Library, Table
from synth.pdftables.cells import cell_kind
from synth.scientific import raised_powers, scientific_cell
from synth.tables import parse_cell, records
from synth.verify.findings import agrees


@pytest.mark.parametrize(("cell", "value"), [
    ("1.0 × 10^−3", 1e-3),     # Janus-Pro Table 2 as the table reader writes its raised exponent
    ("1.75 × 10^−4", 1.75e-4),  # Whisper Table 19
    ("1 × 10^−3", 1e-3),
    ("10^−6", 1e-6),            # Whisper Table 17's ϵ: a bare power of ten
    ("2.3 · 10^19", 2.3e19),    # Attention Is All You Need Table 2: a middle dot for the times sign
    ("4.2e-4", 4.2e-4),         # DeepSeekMoE Table 7
    ("1e-6", 1e-6),             # PaSa Table 4
    ("3.1E8", 3.1e8),           # Byte Latent Transformer Table 2
    ("2 × 10−4", 2e-4),         # pypdfium2's page text of a superscript: the exponent flattened after U+2212
    ("1.41 × 10-5", 1.41e-5),
])
def test_a_cell_in_scientific_notation_is_one_number(cell: str, value: float) -> None:
    assert parse_cell(cell) == (pytest.approx(value), None)
    assert scientific_cell(cell) == pytest.approx(value)


@pytest.mark.parametrize(("cell", "parsed"), [
    ("70.9+2.3", (70.9, None)), ("55.5†", (55.5, None)), ("10×", (10.0, "×")), ("128K", (128.0, "K")),
    ("8 x 10", None), ("10-15", (10.0, None)), ("1e-4 (tuned)", None), ("Constant", None),
])
def test_other_cells_read_as_before(cell: str, parsed: tuple[float, str | None] | None) -> None:
    assert parse_cell(cell) == parsed


def _hyperparameters() -> Table:
    header = ("Hyperparameters", "Alpha-1B Stage 1", "Alpha-1B Stage 2", "Alpha-7B Stage 1", "Alpha-7B Stage 2")
    rows = (("Learning rate", "1.0 × 10^−3", "1.0 × 10^−4", "2.0 × 10^−3", "4.0 × 10^−5"),
            ("LR scheduler", "Constant", "Constant", "Constant", "Constant"),
            ("Batch size", "256", "512", "256", "512"))
    return Table("doc#t1", "doc", "Table 2: Hyperparameters.", header, rows, ("",) * len(rows), 0, 10)


def test_a_learning_rate_row_is_a_row_of_values_not_a_header() -> None:
    table = _hyperparameters()
    rates = {(r.entity, r.raw): r.value for r in records(table) if r.attribute == "Learning rate"}
    assert rates == {("Alpha-1B Stage 1", "1.0 × 10^−3"): pytest.approx(1e-3),
                     ("Alpha-1B Stage 2", "1.0 × 10^−4"): pytest.approx(1e-4),
                     ("Alpha-7B Stage 1", "2.0 × 10^−3"): pytest.approx(2e-3),
                     ("Alpha-7B Stage 2", "4.0 × 10^−5"): pytest.approx(4e-5)}
    batch = next(c for c in grid(table).cells if c.row_path == ("Batch size",) and c.raw == "512")
    assert batch.column_path == ("Alpha-1B", "Stage 2")  # never "… / 1.0 × 10^−4 / Constant"


def test_a_numbered_stage_keeps_its_noun_under_the_shared_model_name() -> None:
    """"Alpha-7B Stage 1", "Alpha-7B Stage 2": the model spans the stages; "Stage / 2" named no column."""
    paths = {c.column_path for c in grid(_hyperparameters()).cells}
    assert paths == {("Alpha-1B", "Stage 1"), ("Alpha-1B", "Stage 2"), ("Alpha-7B", "Stage 1"), ("Alpha-7B", "Stage 2")}


def test_the_table_reader_already_calls_these_cells_numbers() -> None:
    assert cell_kind("1.0 × 10^−3") == "num"


@pytest.mark.parametrize(("text", "shown"), [
    ("1.0 × 10^−3", "1.0 × 10⁻³"), ("2.3 · 10^19", "2.3 · 10¹⁹"), ("ϵ = 10^−6.", "ϵ = 10⁻⁶."),
    ("x^2", "x^2"), ("2^10", "2^10"), ("v10^3", "v10^3"), ("10^3.5", "10^3.5"),
])
def test_a_page_shows_the_power_of_ten_raised_as_printed(text: str, shown: str) -> None:
    assert raised_powers(text) == shown


def test_markdown_text_raises_the_power_and_stays_inert() -> None:
    assert md.text("<b>1.0 × 10^−4</b>") == "&lt;b&gt;1.0 × 10⁻⁴&lt;/b&gt;"


@pytest.mark.parametrize(("claim", "cell", "same"), [
    ("a learning rate of 1e-3", 1e-3, True),
    ("a learning rate of 1e-4", 1e-3, False),
    ("a learning rate of 1.0 × 10^−3", 1e-3, True),
    ("a learning rate of 1.0 × 10−3", 1e-3, True),
    ("a learning rate of 1.1 × 10−3", 1e-3, False),
    ("a learning rate of 4e-5", 4e-4, False),
    ("an epsilon of 10^−6", 1e-6, True),
    ("a training cost of 2.3 · 10^19 FLOPs", 2.3e19, True),
    ("a training cost of 2.3 · 10^19 FLOPs", 2.3e18, False),
])
def test_a_claim_in_scientific_notation_states_the_cell_of_its_value(claim: str, cell: float, same: bool) -> None:
    """Before, "1e-3" was rounded to no decimals against the cell (0.0 vs 0.001) and never stated it."""
    [figure] = quantities(claim)
    assert agrees(figure, cell) is same


def test_janus_pro_learning_rates_are_records(corpus: tuple[Library, PassageIndex]) -> None:
    """The real table (Janus-Pro Table 2, p. 5): two models × three stages, learning rates in scientific notation."""
    library, _ = corpus
    document = next(d for d in library.documents if d.doc_id == "janus_pro.pdf")
    table = next(t for t in document.tables if t.caption.startswith("Table 2"))
    rates = {r.entity: (r.raw, r.value) for r in records(table) if r.attribute == "Learning rate"}
    assert rates["Janus-Pro-7B Stage 2"] == ("1.0 × 10^−4", pytest.approx(1e-4))
    assert rates["Janus-Pro-1B Stage 3"] == ("4.0 × 10^−5", pytest.approx(4e-5))
    assert len(rates) == 6
    steps = next(c for c in grid(table).cells if c.row_path == ("Training steps",) and c.raw == "40K")
    assert steps.column_path == ("Janus-Pro-7B", "Stage 3")


@pytest.mark.parametrize(("question", "subject", "value", "number"), [
    ("What learning rate does Janus-Pro-7B use in Stage 2?", "Janus-Pro-7B", "1.0 × 10^−4", 1e-4),
    ("What max learning rate was Whisper Large V2 trained with?", "Whisper Large V2", "2.0 × 10^−4", 2e-4),
])
def test_a_learning_rate_printed_only_in_a_table_answers_its_question(
        question: str, subject: str, value: str, number: float, corpus: tuple[Library, PassageIndex]) -> None:
    """Before, both were "not stated in the library": the only cells giving them were read as no number."""
    [cell] = question_answer(Question(question=question, title=question), corpus).cells
    assert (cell.subject, cell.value, cell.number, cell.verdict) == (subject, value, pytest.approx(number), "supported")
    assert cell.evidence[0].page in (5, 28)
