"""Measures asked on a dataset (issue 9, fresh4): "What recall and precision does Kite-7b achieve on WrenQuery?" asks
both measures on WrenQuery, not a third column "WrenQuery"; the answer takes the values of the table whose caption
names it, never the same-shaped table of the other query set printed first."""

from __future__ import annotations

from pathlib import Path

from libraries import answered, written_library

from synth.config import Question
from synth.plan import make_plan

KITE = """# Kite: Searching Papers with Agents

Ada Quill, Bo Renn

## Abstract

We present Kite, an agent that searches papers. We evaluate Kite-7b on two query sets, OwlQuery and WrenQuery.

## Results

**Table 1: Results on OwlQuery test set.**

| Method | Recall | Precision |
| --- | --- | --- |
| Search Engine | 0.2012 | 0.0451 |
| Kite-7b | 0.4834 | 0.1448 |

**Table 2: Results on WrenQuery.**

| Method | Recall | Precision |
| --- | --- | --- |
| Search Engine | 0.1520 | 0.2013 |
| Kite-7b | 0.6111 | 0.5146 |

Kite-7b outperforms the search engine on OwlQuery and on WrenQuery.
"""
QUESTION = "What recall and precision does Kite-7b achieve on WrenQuery?"


def test_the_dataset_measures_are_asked_on_is_their_setting(tmp_path: Path) -> None:
    plan = make_plan(Question(title="A question", question=QUESTION), written_library(tmp_path, {"kite.md": KITE}))
    assert [s.name for s in plan.subjects] == ["Kite-7b"]
    assert [(a.name, a.variant) for a in plan.attributes] == [("recall", "WrenQuery"), ("precision", "WrenQuery")]


def test_a_measure_asked_on_a_dataset_is_read_from_the_table_captioned_with_it(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"kite.md": KITE}, QUESTION)
    given = {(c.attribute, c.value) for c in answer.cells}
    assert given == {("recall", "0.6111"), ("precision", "0.5146")}, given


def test_a_measure_asked_in_another_clause_keeps_the_dataset_apart(tmp_path: Path) -> None:
    """Only the clause that ends on "achieve on <dataset>" asks its measures there."""
    library = written_library(tmp_path, {"kite.md": KITE})
    plan = make_plan(Question(title="A question", question="What is the recall of Kite-7b, and what does the search "
                                                           "engine achieve on WrenQuery?"), library)
    assert all(a.variant is None for a in plan.attributes), [(a.name, a.variant) for a in plan.attributes]
