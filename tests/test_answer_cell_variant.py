"""A cell's value supported only where another model variant's value is given is not supported (bench/cell_swaps.py:
every Qwen3 size's thinking-mode LiveCodeBench score was marked supported for its non-thinking cell, and the other
way round, from the other mode's table)."""

from __future__ import annotations

from libraries import indexed_library

from synth.answer.checks import other_setting, other_variant, verify_cells
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


_BATCH = """# An empirical model of large-batch training

Table 1: Critical batch sizes of the tasks, at the start of training and averaged over training.

| Task | Critical Batch Size Start | Critical Batch Size Average |
|---|---|---|
| ImageNet | 1,000 | 15,000 |
| CIFAR10 | 300 | 900 |
"""


def test_another_column_setting_s_cell_does_not_support_a_cell(tmp_path):
    library, index = indexed_library(tmp_path, {"batch.md": _BATCH})
    try:
        document = library.documents[0].load()
        table = document.tables[0]

        def place(column: int) -> Evidence:
            return Evidence("batch", document.doc_id, f"ImageNet | {table.header[column]} | {table.rows[0][column]}",
                            table.start, table.end, table.page, table.section, PassageKind.TABLE_ROW,
                            table_caption=table.caption)

        start, average = place(1), place(2)
        claims = [["ImageNet has 1,000 critical batch size."], ["ImageNet has 15,000 critical batch size."]]
        right = verify_cells(claims, [start, average], library, index, ["start of training", "average over training"])
        assert [v.verdict.value for v in right] == ["supported", "supported"]
        swapped = verify_cells(claims, [start, average], library, index, ["average over training", "start of training"])
        assert [v.verdict.value for v in swapped] == ["insufficient", "insufficient"]
        assert "for the start setting" in swapped[0].explanation
    finally:
        index.close()


def test_a_setting_is_told_by_the_cell_s_own_labels_not_the_caption():
    caption = "Critical batch sizes at the start of training and averaged over training."
    said = [Evidence("b", "b", "ImageNet | Critical Batch Size Average | 15,000", 0, 1, 1, None, PassageKind.TABLE_ROW,
                     table_caption=caption)]
    assert other_setting(said, "start of training") == "average"
    assert other_setting(said, "average over training") is None
    subset = [Evidence("g", "g", "Phi-2 | GSM8K (Full) | 56.0", 0, 1, 1, None, PassageKind.TABLE_ROW)]
    assert other_setting(subset, "100-question subset") == "full"
    cot = [Evidence("d", "d", "LiveCodeBench (Pass@1-COT) | DeepSeek V3 | 40.5", 0, 1, 1, None, PassageKind.TABLE_ROW)]
    assert other_setting(cot, "chat; Pass@1 (no CoT)") == "cot"
    assert other_setting(cot, "chat; Pass@1-COT") is None
