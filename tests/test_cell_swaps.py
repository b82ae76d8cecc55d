"""The cell-swap bench's generator: cells wrong by construction (a neighbour's value) are made only where the gold
says the value is wrong, each stated cell is its own control, and a gold quote is found in the library as the place
the cell was read from."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from libraries import indexed_library

from synth.models import Evidence, PassageKind

_PATH = Path(__file__).resolve().parents[1] / "bench" / "cell_swaps.py"
_SPEC = importlib.util.spec_from_file_location("cell_swaps", _PATH)
cell_swaps = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("cell_swaps", cell_swaps)  # its dataclasses look their module up
_SPEC.loader.exec_module(cell_swaps)


def _cell(subject: str, attribute: str, value: str | None, number: float | None = None, unit: str | None = "B",
          variant: str | None = None, **extra: object) -> dict:
    if value is None:
        return {"subject": subject, "attribute": attribute, "not_stated": True, "note": "searched", **extra}
    return {"subject": subject, "attribute": attribute, "value": value, "number": number, "unit": unit,
            "variant": variant, "source": "a.pdf", "page": 1, "quote": f"{subject} has {value} {attribute}", **extra}


GOLD = {"cells": [
    _cell("Mixtral 8x7B", "total parameters", "47B", 47),
    _cell("Mixtral 8x7B", "activated parameters", "13B", 13),
    _cell("DeepSeek-V2", "total parameters", "236B", 236),
    _cell("DeepSeek-V2", "activated parameters", "21B", 21),
    _cell("Mistral 7B", "total parameters", "7.3B", 7.3, others=[{"source": "b.pdf", "value": "47B"}]),
    _cell("Mistral 7B", "activated parameters", None),
]}


def _swaps(gold: dict) -> set[tuple[str, str, str, str, str]]:
    return {(s.kind, s.source.subject, s.source.attribute, s.target.subject, s.target.attribute)
            for s in cell_swaps.swaps_of(cell_swaps.gold_cells(gold))}


def test_subject_and_attribute_swaps_only_where_the_gold_value_differs():
    swaps = _swaps(GOLD)
    assert ("subject", "Mixtral 8x7B", "total parameters", "DeepSeek-V2", "total parameters") in swaps
    assert ("attribute", "Mixtral 8x7B", "total parameters", "Mixtral 8x7B", "activated parameters") in swaps
    # a not-stated cell takes no value at all
    assert ("subject", "Mixtral 8x7B", "activated parameters", "Mistral 7B", "activated parameters") in swaps
    # 47B is another source's value for Mistral 7B's total in this gold: giving it is no swap
    assert ("subject", "Mixtral 8x7B", "total parameters", "Mistral 7B", "total parameters") not in swaps
    # another subject's other attribute is neither kind
    assert not any(kind in ("subject", "attribute") and a != t and s != u for kind, s, a, u, t in swaps)


def test_a_value_equal_at_the_printed_precision_is_no_swap():
    gold = {"cells": [_cell("A", "MMLU", "70.6", 70.6, "%"), _cell("B", "MMLU", "70.60", 70.6, "%"),
                      _cell("C", "MMLU", "70.7", 70.7, "%")]}
    swaps = _swaps(gold)
    assert ("subject", "A", "MMLU", "C", "MMLU") in swaps
    assert ("subject", "A", "MMLU", "B", "MMLU") not in swaps


def test_setting_swaps_give_a_value_to_the_other_variant_and_every_stated_cell_is_a_control():
    gold = {"cells": [_cell("Qwen3-4B", "LiveCodeBench", "54.2", 54.2, "%", variant="thinking; v5"),
                      _cell("Qwen3-4B", "LiveCodeBench", "21.3", 21.3, "%", variant="non-thinking; v5"),
                      _cell("Qwen3-8B", "LiveCodeBench", "57.5", 57.5, "%", variant="thinking; v5")]}
    made = cell_swaps.swaps_of(cell_swaps.gold_cells(gold))
    settings = {(s.source.value, s.target.variant) for s in made if s.kind == "setting"}
    assert settings == {("54.2", "non-thinking; v5"), ("21.3", "thinking; v5")}
    subjects = {(s.source.value, s.target.subject, s.target.variant) for s in made if s.kind == "subject"}
    assert subjects == {("54.2", "Qwen3-8B", "thinking; v5"), ("57.5", "Qwen3-4B", "thinking; v5")}
    assert sum(s.kind == "control" and s.source is s.target for s in made) == 3


def test_a_described_text_value_is_a_target_but_never_given():
    gold = {"cells": [
        _cell("GPT-2", "normalization layer", "LayerNorm moved to the input of each sub-block (pre-normalization)",
              unit=None, accept=["layer normalization"]),
        _cell("nGPT", "normalization layer", "No normalization layers: LayerNorm and RMSNorm are removed entirely",
              unit=None),
    ]}
    made = cell_swaps.swaps_of(cell_swaps.gold_cells(gold))
    assert {(s.kind, s.source.value, s.target.subject) for s in made} == {
        ("control", "layer normalization", "GPT-2"), ("subject", "layer normalization", "nGPT")}


def test_a_swapped_cell_is_worded_for_its_target_by_the_answer_stage():
    cells = cell_swaps.gold_cells({"cells": [_cell("DeepSeek-V3", "training tokens", "14.8T", 14.8, "T"),
                                             _cell("DeepSeek-V2", "training tokens", "8.1T", 8.1, "T")]})
    evidence = Evidence("v3", "v3", "We pre-train DeepSeek-V3 on 14.8T tokens", 0, 40, 1, None, PassageKind.TEXT)
    places = {cells[0]: cell_swaps.Place(evidence, "DeepSeek-V3"), cells[1]: None}
    swap = next(s for s in cell_swaps.swaps_of(cells) if s.kind == "subject" and s.target.subject == "DeepSeek-V2")
    said = cell_swaps.wordings(swap, places, {"training tokens": ("training tokens", True)})
    assert "DeepSeek-V2 has 14.8T training tokens." in said
    assert not any("DeepSeek-V3" in s for s in said)


def test_a_gold_quote_is_found_as_its_place_in_the_library(tmp_path):
    text = ("# Model\n\nOur model is trained with care.\n\nWe pre-train the Foo-7B model on 2.5\ntrillion tokens "
            "of web text.\n")
    library, index = indexed_library(tmp_path, {"foo.md": text})
    try:
        cell = cell_swaps.gold_cells({"cells": [dict(_cell("Foo-7B", "training tokens", "2.5T", 2.5, "T"),
                                                     source="foo.md", page=None,
                                                     quote="pre-train the Foo-7B model on 2.5 trillion tokens")]})[0]
        place = cell_swaps.find_place(cell, library)
        assert place is not None
        document = library.documents[0].load()
        assert document.text[place.evidence.start:place.evidence.end].split() == \
            "pre-train the Foo-7B model on 2.5 trillion tokens".split()
        missing = cell_swaps.gold_cells({"cells": [dict(_cell("Foo-7B", "training tokens", "3T", 3, "T"),
                                                        source="foo.md", page=None, quote="on 3 trillion tokens")]})
        assert cell_swaps.find_place(missing[0], library) is None
    finally:
        index.close()


def test_a_number_is_given_as_its_printed_figure_not_the_gold_description():
    gold = {"cells": [_cell("BERT", "batch size", "256 sequences (128,000 tokens per batch)", 256, None),
                      _cell("Transformer", "batch size", "about 25000 source tokens", 25000, None)]}
    assert [c.value for c in cell_swaps.gold_cells(gold)] == ["256", "25000"]
