"""A score asked under a setting written with its values ("with a dropout rate of 0.2", "with expert dropout (0.1 in
the non-expert layers, 0.4 inside the experts)") is the value of the table row labelled with those values, never the
first row of the model (issue 9, fresh8: the Switch Transformer's dropout sweep gave Switch-Base's d=0.1 row for the
expert-dropout row, and T5-Base's only row, d=0.1, for a dropout of 0.3 the paper never fine-tunes it with)."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.plan import numbered_setting

OWL = """# Owl: Sparse Models Fine-Tuned

Ada Quill

## Fine-tuning

We fine-tune Owl-Base and the dense Wren-Base on GLUE with several dropout rates.

**Table 4: Fine-tuning regularization results of Owl-Base and Wren-Base.**

| Model (dropout) | GLUE | SQuAD |
| --- | --- | --- |
| Wren-Base (d=0.1) | 82.9 | 83.5 |
| Owl-Base (d=0.1) | 84.7 | 83.7 |
| Owl-Base (d=0.2) | 84.4 | 83.9 |
| Owl-Base (d=0.1, ed=0.4) | 85.2 | 83.6 |

**Table 5: Fine-tuning results after longer pre-training.**

| Model | GLUE | SQuAD |
| --- | --- | --- |
| Wren-Base | 84.3 | 85.5 |
| Owl-Base | 86.7 | 87.2 |
"""


@pytest.mark.parametrize(("question", "wanted"), [
    ("What GLUE score does Owl-Base reach when fine-tuned with a dropout rate of 0.2?", "0.2"),
    ("What GLUE score does Owl-Base reach with expert dropout (0.1 in the non-expert layers, 0.4 inside the experts)?",
     "0.1, 0.4"),
    ("What GLUE score does Owl-Base reach with 8-shot prompting and the model with 2048 experts?", None),
    ("What BLEU does it reach when trained with a BPE tokenizer of 5000 tokens?", None),
])
def test_a_setting_s_decimal_values_are_read(question: str, wanted: str | None) -> None:
    assert numbered_setting(question) == wanted


@pytest.mark.parametrize(("question", "value"), [
    ("What GLUE score does Owl-Base reach when fine-tuned with a dropout rate of 0.2?", "84.4"),
    ("What GLUE score does Owl-Base reach with expert dropout (0.1 in the non-expert layers, 0.4 inside the experts)?",
     "85.2"),
])
def test_a_score_asked_under_a_numbered_setting_is_its_row_s(tmp_path: Path, question: str, value: str) -> None:
    answer = answered(tmp_path, {"owl.md": OWL}, question)
    assert [c.value for c in answer.cells if c.subject == "Owl-Base"] == [value]


def test_a_setting_the_table_never_gives_the_model_is_not_stated(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"owl.md": OWL},
                      "What GLUE score does Wren-Base get when fine-tuned with a dropout rate of 0.3?")
    assert not [c for c in answer.cells if c.subject == "Wren-Base"]
    assert any(n.subject == "Wren-Base" for n in answer.not_stated)


def test_a_score_asked_under_no_setting_is_still_given(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"owl.md": OWL}, "What GLUE score does Wren-Base reach?")
    assert [c for c in answer.cells if c.subject == "Wren-Base"]
