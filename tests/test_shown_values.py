"""How a cell's value and its table row are shown (read as a user on the pages built over ../shared/corpus/pdfs,
session 24): Kimi k1.5's RL context "128k K"; QuIP's Table 1 row "2" quoted under a blank corner, its "WBits" lost."""

from __future__ import annotations

from synth.answer.text import shown_value
from synth.models import AnswerCell, Table, Verdict
from synth.quotes import table_row


def _cell(value: str, number: float, unit: str | None) -> AnswerCell:
    return AnswerCell("Kimi k1.5", "context length", value, number, unit, None, "Kimi k1.5", Verdict.SUPPORTED, 0.9,
                      ())


def test_a_scale_written_in_lower_case_is_not_written_again() -> None:
    assert shown_value(_cell("128k", 128e3, "K")) == "128k"
    assert shown_value(_cell("128", 128e3, "K")) == "128 K"
    assert shown_value(_cell("47B", 47e9, "B")) == "47B"


def test_the_rows_title_printed_under_the_first_header_row_heads_the_label_column() -> None:
    table = Table("doc#t9.2", "doc", "Table 1: Quantizing OPT-30b.", ("", "", "OPTQ", "", "", "QuIP", ""),
                  (("WBits", "Wiki↓", "PTB↓", "C4↓", "Wiki↓", "PTB↓", "C4↓"),
                   ("2", "71.70", "88.19", "29.59", "11.48", "17.40", "13.55")), ("", ""), 0, 0)
    quoted = table_row(table, 1, [4])
    assert quoted.header[0] == "WBits" and quoted.cells[0] == "2"
