"""A cell the verification stage finds another value for shows that passage with its quote, in the answer
paragraph and in the limitations: the page never says "1 other passage points the other way" while hiding it, nor
"no passages disagree" beside such a cell. Finch 13B has no paper of its own, so the comparison is read first in
Wren's paper (as "Mistral 7B against Llama 2 13B" is read in Mistral's) and the other paper's Wren row reaches the
cell through the verification stage alone."""

from __future__ import annotations

from pathlib import Path

from libraries import answered, indexed_library

from synth.answer.disagreements import checked_disagreements, shown_others
from synth.build import make_report
from synth.config import LoadedQuestion, Question
from synth.models import Evidence, PassageKind, QuotedRow, Verdict, Verification
from synth.render import render_report
from synth.retrieve.asks.candidates import Candidate
from synth.verify import others_note

OWN = """# Wren 7B

## Abstract

We present Wren 7B, a dense language model.

## Results

**Table 2: Comparison of Wren 7B with Finch.**

| Model | MMLU | GSM8K |
| --- | --- | --- |
| Wren 7B | 60.1% | 52.2% |
| Finch 13B | 55.6% | 34.3% |
"""

OTHER = """# Osprey: a sparse mixture of experts

## Abstract

We present Osprey, a sparse model, and compare it with Wren 7B.

## Results

**Table 2: Comparison of Osprey with Wren.**

| Model | MMLU | GSM8K |
| --- | --- | --- |
| Wren 7B | 62.5% | 50.0% |
| Osprey 8x7B | 70.6% | 74.4% |
"""

QUESTION = "What MMLU scores do Wren 7B and Finch 13B reach?"


def test_another_paper_s_value_for_the_cell_is_shown_with_its_quote(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"wren.md": OWN, "osprey.md": OTHER}, QUESTION)
    [cell] = [c for c in answer.cells if c.subject == "Wren 7B"]
    assert cell.value == "60.1%" and cell.verdict is Verdict.SUPPORTED
    assert [(d.value, d.evidence.source) for d in cell.disagreements] == [("62.5%", "osprey")]
    assert "another passage gives 62.5%" in answer.text


def test_the_page_lists_the_disagreeing_cell_under_limitations(tmp_path: Path) -> None:
    library = indexed_library(tmp_path, {"wren.md": OWN, "osprey.md": OTHER})
    loaded = LoadedQuestion("q", Path("q.yaml"), Question(title="A question", question=QUESTION), QUESTION)
    page = render_report(make_report(loaded, *library), lambda key: None)
    library[1].close()
    assert "Another source gives **62.5%**" in page
    assert ("Sources disagree on [cell 1](#cell-1) (Wren 7B — MMLU): the answer gives 60.1%, "
            "another passage 62.5%") in page
    assert "no passages disagree" not in page


def _row(label: str, value: str) -> Evidence:
    row = QuotedRow(0, ("Model", "MMLU"), (label, value), (1,))
    return Evidence("osprey", "osprey.md", f"{label} {value}", 0, 10, 4, None, PassageKind.TABLE_ROW,
                    conflicting_value=value, table_caption="Table 2", table_row=row)


def test_a_passage_that_names_another_model_or_no_model_is_counted_but_not_shown() -> None:
    own = Evidence("wren", "wren.md", "Wren 7B | MMLU | 60.1%", 50, 60, 2, None, PassageKind.TABLE_ROW)
    cell = Candidate("Wren 7B", "MMLU", "Wren 7B", None, "60.1%", 60.1, "%", own, table=True, home=True, named=True)
    section = Evidence("wren", "wren.md", "dynamic patching (§2.3)", 0, 20, 3, None, PassageKind.TEXT,
                       conflicting_value="2.3")
    counter = (_row("Wren 7B", "62.5%"), _row("Wren 7B Instruct", "64.0%"), _row("Osprey 8x7B", "70.6%"), section)
    checked = Verification("Wren 7B MMLU is 60.1%", Verdict.SUPPORTED, 0.8, (own,), (),
                           "supported" + others_note(len(counter)), counter_evidence=counter)
    shown, unshown = checked_disagreements(checked, (), cell)
    assert [d.value for d in shown] == ["62.5%"] and unshown == 3
    explanation = shown_others(checked, len(shown), unshown, "Wren 7B")
    assert "listed as a disagreement" not in explanation
    assert explanation.startswith("supported; 1 other passage(s) give another value (shown beside the cell); "
                                  "3 other passage(s) the check counted against it do not name Wren 7B")
