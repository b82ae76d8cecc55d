"""A table names things shorter than a question does: "ARC-C" for ARC-Challenge, and "Mamba-2" in a table whose
caption gives its size ("Evaluation results for 8B-parameter models trained on 3.5T tokens")."""

from __future__ import annotations

import pytest

from synth.models import PlanSubject, Table
from synth.names import match_label
from synth.retrieve.asks.table_cells import _captioned_size
from synth.tables import TableRecord


@pytest.mark.parametrize(("asked", "label", "matches"), [
    ("ARC-Challenge", "ARC-C", True),
    ("ARC-C", "ARC-Challenge", True),
    ("ARC-Easy", "ARC-C", False),
    ("ARC-Challenge", "ARC-E", False),
])
def test_a_hyphenated_name_s_last_part_written_by_its_initial(asked: str, label: str, matches: bool) -> None:
    assert (match_label(asked, label) is not None) is matches


def _record(entity: str, caption: str) -> TableRecord:
    table = Table("t", "d", caption, ("Model", "ARC-C"), ((entity, "48.12"),), ("",), 0, 1)
    return TableRecord(table, entity, None, "ARC-C", 48.12, "48.12", 0, 1)


@pytest.mark.parametrize(("subject", "entity", "caption", "matches"), [
    ("Mamba-2 8B", "Mamba-2", "Table 3: Evaluation results for 8B-parameter models trained on 3.5T tokens.", True),
    ("Mamba-2 8B", "Mamba-2", "Table 4: Evaluation results for 2.7B-parameter models.", False),
    ("Mamba-2 8B", "Mamba", "Table 3: Evaluation results for 8B-parameter models trained on 3.5T tokens.", False),
    ("Mamba-2", "Mamba-2", "Table 3: Evaluation results for 8B-parameter models.", False),  # no size asked
])
def test_an_unsized_row_is_the_sized_model_its_caption_gives_the_size_of(subject: str, entity: str, caption: str,
                                                                        matches: bool) -> None:
    asked = PlanSubject(subject, (subject,), "test")
    assert (_captioned_size(asked, _record(entity, caption)) is not None) is matches


def test_a_score_average_column_is_the_benchmark_its_caption_names() -> None:
    """"Table 2: GLUE Language-Understanding Benchmark" over a "Score Average" column: the GLUE score asked."""
    from synth.models import AttributeKind, PlanAttribute
    from synth.retrieve.asks.table_cells import _captioned_overall
    table = Table("t", "d", "Table 2: GLUE Language-Understanding Benchmark [Wang et al., 2018] (dev).",
                  ("", "Score Average", "CoLA MCC"), (("FFNSwiGLU", "84.36", "51.32"),), ("",), 0, 1)
    record = TableRecord(table, "FFNSwiGLU", None, "Score Average", 84.36, "84.36", 0, 1)
    glue = PlanAttribute("GLUE", AttributeKind.METRIC, ("GLUE",), "test")
    superglue = PlanAttribute("SuperGLUE", AttributeKind.METRIC, ("SuperGLUE",), "test")
    assert _captioned_overall(glue, record) is not None
    assert _captioned_overall(superglue, record) is None
