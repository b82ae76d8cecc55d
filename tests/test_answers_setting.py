"""The evaluator's `setting` words: a gold cell given under one column ('Start') is not matched by a product
cell read from another ('Average') of the same row, so a pooled or mislabelled value is not scored as right."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[1] / "bench" / "answers_eval.py"
_SPEC = importlib.util.spec_from_file_location("answers_eval", _PATH)
answers_eval = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("answers_eval", answers_eval)  # its dataclasses look their module up
_SPEC.loader.exec_module(answers_eval)


def _cell(value: str, number: float, quote: str, variant: str | None = None) -> dict:
    return {"subject": "ImageNet", "attribute": "critical batch size", "value": value, "number": number,
            "unit": None, "variant": variant, "evidence": [{"doc_id": "b.pdf", "quote": quote}]}


GOLD = {
    "subjects": [{"name": "ImageNet", "aliases": []}],
    "attributes": [{"name": "critical batch size", "aliases": []}],
    "cells": [
        {"subject": "ImageNet", "attribute": "critical batch size", "value": "1,000", "number": 1000, "unit": None,
         "variant": "start", "setting": ["start"]},
        {"subject": "ImageNet", "attribute": "critical batch size", "value": "15,000", "number": 15000,
         "unit": None, "variant": "average", "setting": ["average"]},
    ],
}


def test_each_setting_matches_only_its_column():
    start = _cell("1,000", 1000, "ImageNet | Critical Batch Size Start | 1,000")
    assert answers_eval.setting_fits(start, GOLD["cells"][0])
    assert not answers_eval.setting_fits(start, GOLD["cells"][1])
    assert answers_eval.setting_fits(_cell("15,000", 15000, "x", variant="Average"), GOLD["cells"][1])


def test_a_value_under_the_other_setting_is_wrong_and_both_settings_are_recalled():
    swapped = {"answer": {"cells": [_cell("15,000", 15000, "ImageNet | Critical Batch Size Start | 15,000")]}}
    result = answers_eval.score(GOLD, swapped)
    assert (result.recalled, result.wrong) == (0, 1)
    both = {"answer": {"cells": [_cell("1,000", 1000, "ImageNet | Critical Batch Size Start | 1,000"),
                                 _cell("15,000", 15000, "ImageNet | Critical Batch Size Average | 15,000")]}}
    result = answers_eval.score(GOLD, both)
    assert (result.recalled, result.wrong) == (2, 0)


def test_a_thousand_printed_as_a_lower_case_k_is_a_thousand() -> None:
    """A gold value printed "128k" (Kimi k1.5's context) is 128,000, as "128K" is: read as 128 it made a right
    "128k" wrong."""
    assert answers_eval.numbers_equal(128.0, "K", "128k", None)
    assert answers_eval.numbers_equal(128000.0, None, "128k", None)
    assert not answers_eval.numbers_equal(128.0, None, "128k", None)


def test_a_coarser_reject_never_rejects_the_gold_value_itself() -> None:
    """read31 glu-training-dropout: the fine-tuning dropout rate 0.1 rejects "0" (the pre-training rate), which 0.1
    equals at that entry's printed precision; the gold value itself is right, a 0 would still be wrong."""
    gold = {"subjects": [{"name": "GLU models", "aliases": []}],
            "attributes": [{"name": "fine-tuning dropout rate", "aliases": []}],
            "cells": [{"subject": "GLU models", "attribute": "fine-tuning dropout rate", "value": "0.1", "number": 0.1,
                       "unit": None, "variant": None, "reject": ["0"]}]}

    def cell(value: str, number: float) -> dict:
        return {"subject": "GLU models", "attribute": "fine-tuning dropout rate", "value": value, "number": number,
                "unit": None, "variant": None, "evidence": [{"doc_id": "g.pdf", "quote": "a dropout rate of 0.1"}]}

    result = answers_eval.score(gold, {"answer": {"cells": [cell("0.1", 0.1)]}})
    assert (result.recalled, result.wrong) == (1, 0)
    result = answers_eval.score(gold, {"answer": {"cells": [cell("0", 0.0)]}})
    assert (result.recalled, result.wrong) == (0, 1)
