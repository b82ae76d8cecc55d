"""A cell's value supported only where another model variant's value is given is not supported (bench/cell_swaps.py:
every Qwen3 size's thinking-mode LiveCodeBench score was marked supported for its non-thinking cell, and the other
way round, from the other mode's table)."""

from __future__ import annotations

from libraries import indexed_library

from synth.answer.checks import other_variant, verify_cells
from synth.models import Evidence, PassageKind

_PAPER = """# Osprey technical report

Table 19: Comparison among Osprey-1B (Thinking) and other reasoning baselines.

| | Rival-2B | Osprey-1B |
|---|---|---|
| LiveCodeBench v5 | 10.1 | 12.3 |
| AIME'24 | 20.0 | 30.5 |

Table 20: Comparison among Osprey-1B (Non-thinking) and other non-reasoning baselines.

| | Rival-2B | Osprey-1B |
|---|---|---|
| LiveCodeBench v5 | 2.2 | 3.6 |
| AIME'24 | 5.0 | 7.5 |
"""


def _table_place(library, mode: str) -> Evidence:
    document = library.documents[0].load()
    table = next(t for t in document.tables if f"({mode})" in t.caption)
    return Evidence("osprey", document.doc_id, f"LiveCodeBench v5 | Osprey-1B | {table.rows[0][2]}", table.start,
                    table.end, table.page, table.section, PassageKind.TABLE_ROW, table_caption=table.caption)


def test_the_other_mode_s_table_does_not_support_a_cell(tmp_path):
    library, index = indexed_library(tmp_path, {"osprey.md": _PAPER})
    try:
        thinking, non_thinking = _table_place(library, "Thinking"), _table_place(library, "Non-thinking")
        right = verify_cells([["Osprey-1B scores 12.3 on LiveCodeBench v5."],
                              ["Osprey-1B scores 3.6 on LiveCodeBench v5."]], [thinking, non_thinking], library,
                             index, ["thinking; v5", "non-thinking; v5"])
        assert [v.verdict.value for v in right] == ["supported", "supported"]
        swapped = verify_cells([["Osprey-1B scores 3.6 on LiveCodeBench v5."],
                                ["Osprey-1B scores 12.3 on LiveCodeBench v5."]], [non_thinking, thinking], library,
                               index, ["thinking; v5", "non-thinking; v5"])
        assert [v.verdict.value for v in swapped] == ["insufficient", "insufficient"]
    finally:
        index.close()


def test_a_variant_is_told_by_its_own_word_not_inside_another():
    caption = "Comparison among Osprey-1B (Non-thinking) and other non-reasoning baselines."
    said = [Evidence("o", "o", "LiveCodeBench v5 | Osprey-1B | 3.6", 0, 1, 1, None, PassageKind.TABLE_ROW,
                     table_caption=caption)]
    assert other_variant(said, "thinking; v5") == "non-thinking"
    assert other_variant(said, "non-thinking; v5") is None
    assert other_variant(said, None) is None
    assert other_variant([Evidence("o", "o", "Osprey-1B Chat (SFT) | MMLU | 70.1", 0, 1, 1, None,
                                   PassageKind.TABLE_ROW)], "base") == "chat"
