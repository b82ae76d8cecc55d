"""Text values a table states with marks (issue 9, fresh2's "Which feed-forward layer variant does Switch-XXL use"):
the value is the header of the column the subject's row checks. A row left blank states nothing, a column of
anything but marks is no such column, and a column headed by the asked words alone names no variant."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

from synth.models import AttributeKind, PlanAttribute, Table
from synth.retrieve.asks.table_marks import _checked, _of_kind

HERON = """# Heron: sparse experts at scale

Each Heron layer replaces the position-wise feed-forward network (FFN) with a set of experts.

| Model | Parameters | FFN_GEGLU | Num. Heads |
|---|---|---|---|
| Heron-Base | 7B | ✓ | 12 |
| Heron-XXL | 395B | ✓ | 64 |
| Heron-C | 1571B | | 32 |

Table 9: Heron model design.
"""


def test_the_checked_column_of_the_subjects_row_is_its_variant(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"heron.md": HERON}, "Which feed-forward layer variant does Heron-XXL use, and how "
                      "many attention heads does it have?")
    cells = {c.attribute: c.value for c in answer.cells}
    assert cells == {"feed-forward layer variant": "FFN_GEGLU", "attention heads": "64"}


def test_a_row_left_blank_states_no_variant(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"heron.md": HERON}, "Which feed-forward layer variant does Heron-C use?")
    assert answer.cells == ()
    assert [(n.subject, n.attribute) for n in answer.not_stated] == [("Heron-C", "feed-forward layer variant")]


def _table(cells: list[str]) -> Table:
    rows = tuple((f"M{i}", c) for i, c in enumerate(cells))
    return Table("t", "d", "", ("Model", "GN"), rows, ("",) * len(rows), 0, 1)


def test_marks_are_read_as_the_pdf_writes_them() -> None:
    assert _checked(_table(["X", "X", ""]), [0, 1, 2], 1) == {0, 1}, "a math font's check mark is extracted as X"
    assert _checked(_table(["✓", "X", "✓"]), [0, 1, 2], 1) == {0, 2}, "beside ✓, X is a cross"
    assert _checked(_table(["✓", "0.3", ""]), [0, 1, 2], 1) == set(), "a column of values is no column of marks"


def test_a_header_of_the_asked_words_alone_names_no_variant() -> None:
    asked = PlanAttribute("feed-forward layer variant", AttributeKind.TEXT, ("feed-forward layer variant",), "test")
    acronyms = {"FFN": "Feed-Forward Network"}
    assert _of_kind("FFNGEGLU", asked, acronyms)
    assert not _of_kind("FFN", asked, acronyms)
    assert not _of_kind("Feed-forward layer", asked, acronyms)
    assert not _of_kind("GN", asked, acronyms)
