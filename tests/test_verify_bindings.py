"""Figures bound to their owners when names carry no digit, and comparisons whose sides are the claim's
names, driven by tests/fixtures/verify/bindings.yaml: "the 1.6T parameter Heron-C" is not Heron-XL's,
a figure the claim gives to another of its names is no rival, and "Falcon … less data than Kestrel"
is the opposite of "Kestrel … less data than Falcon"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from synth import claimparse
from synth.models import Passage
from synth.verify.claim import claim_info
from synth.verify.comparisons import comparison_conflict
from synth.verify.figures import check_figures, owner_of
from synth.verify.labels import Mention
from synth.verify.reasoning import sized_beyond
from synth.verify.windows import Window

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "verify" / "bindings.yaml").read_text(encoding="utf-8"))


def _window(text: str) -> Window:
    return Window(Passage("d", 0, text, 0, len(text), 1), text, 0, len(text), 1.0)


@pytest.mark.parametrize("case", [c for c in CASES if "matched" in c or "conflict" in c], ids=lambda c: c["claim"])
def test_figure_binding(case: dict[str, Any]) -> None:
    text = case["text"]
    checked = check_figures(claim_info(case["claim"], frozenset()), _window(text), claimparse.parse(text),
                            frozenset())
    if "matched" in case:
        assert checked.matched == case["matched"]
    if "conflict" in case:
        assert (checked.conflict.raw if checked.conflict is not None else None) == case["conflict"]


@pytest.mark.parametrize("case", [c for c in CASES if "comparison" in c], ids=lambda c: c["claim"])
def test_comparison_sides_by_name(case: dict[str, Any]) -> None:
    assert comparison_conflict(claim_info(case["claim"], frozenset()), _window(case["text"]),
                               frozenset()) is case["comparison"]


def test_a_verb_after_a_figure_does_not_give_it_to_the_next_name() -> None:
    # "70B compresses Audiobank": a figure's following word is no noun of a name only after a determiner
    claim = "Heron at 70B compresses Audiobank samples to 16.4% of their raw size."
    spans = claimparse.name_spans(claim)
    figure = claimparse.parse(claim).quantities[0]
    assert owner_of(claim, figure.start, spans, frozenset(), figure.end + len(" compresses"),
                    ("Audiobank",)) != "Audiobank"


@pytest.mark.parametrize("case", [c for c in CASES if "sized" in c], ids=lambda c: c["claim"])
def test_a_size_the_label_lacks_unbinds_its_cells(case: dict[str, Any]) -> None:
    start = case["claim"].index(case["label"])
    mention = Mention(case["label"], start, start + len(case["label"]), True)
    figure = (case["figure"], case["claim"].index(" ", case["figure"])) if "figure" in case else (-1, -1)
    assert sized_beyond(mention, case["claim"], figure) is case["sized"]
