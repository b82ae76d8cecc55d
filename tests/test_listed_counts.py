"""Counts listed in one sentence, each with its own kind of the same noun (read22: "an 8B-parameter Mamba-2-Hybrid with
24 Mamba-2 layers, 4 self-attention layers, and 28 MLP layers"). The cell 4 was worded "… has 4 Mamba-2 layers" (the
4 inside "24"), the passage's 24 Mamba-2 layers was taken as a rival of the claimed 4 self-attention layers, and the
claim's "24 Mamba-2 layers" was checked against the Mamba-2 model's row of a table (56 layers): right values shown
*contradicted*."""

from __future__ import annotations

from synth import claimparse
from synth.answer.wording import _said_after
from synth.verify.figures import _noun_phrase, _other_kind
from synth.verify.findings import kind_of_counted
from synth.verify.labels import Mention

SENTENCE = ("Our ablation experiments lead us to design an 8B-parameter Mamba-2-Hybrid with 24 Mamba-2 layers, 4 "
            "self-attention layers, and 28 MLP layers.")


def test_a_value_is_worded_with_the_noun_after_it_not_after_a_longer_number() -> None:
    assert _said_after("4", SENTENCE) == "self-attention layers"
    assert _said_after("24", SENTENCE) == "Mamba-2 layers"


def _figure(text: str, raw: str) -> claimparse.Quantity:
    return next(q for q in claimparse.parse(text).quantities if q.raw == raw)


def _kinds_differ(claim: str, claimed: str, window: str, written: str) -> bool:
    return _other_kind(_noun_phrase(claim, _figure(claim, claimed)), _noun_phrase(window, _figure(window, written)))


def test_a_count_of_another_kind_of_the_same_noun_is_no_rival() -> None:
    claim = "8B-parameter Mamba-2-Hybrid has 4 self-attention layers."
    assert _kinds_differ(claim, "4", SENTENCE, "24")
    assert not _kinds_differ(claim, "4", SENTENCE, "4")
    other = "The hybrid has 6 self-attention layers, 4 MLP layers."
    assert not _kinds_differ(claim, "4", other, "6")  # the same kind: a rival
    # only a phrase that is exactly a modifier and a noun: "15.7B parameters for each token" is no kind of "token"
    lite = "DeepSeek-V2-Lite activates 15.7B parameters for each token."
    total = "DeepSeek-V2-Lite comprises 15.7B total parameters, of which 2.4B are activated for each token."
    assert not _kinds_differ(lite, "15.7B", total, "2.4B")


def test_a_name_between_a_figure_and_its_noun_is_the_kind_counted() -> None:
    claim = "8B-parameter Mamba-2-Hybrid has 24 Mamba-2 layers."
    start = claim.index("Mamba-2 layers")
    figure_end = claim.index("24") + 2
    assert kind_of_counted(Mention("Mamba-2", start, start + len("Mamba-2"), True), figure_end, claim)
    named = "Mamba-2 has 56 layers."
    assert not kind_of_counted(Mention("Mamba-2", 0, 7, True), named.index("56") + 2, named)
