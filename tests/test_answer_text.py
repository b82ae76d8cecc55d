"""The answer paragraph says what the library does not state in one or two sentences, however many cells
are missing: subjects it states nothing for, then the attributes missing for the others."""

from __future__ import annotations

from dataclasses import replace

import pytest

from synth.answer.text import _opening, answer_text
from synth.models import (
    Answer,
    AnswerCell,
    AttributeKind,
    Evidence,
    NotStated,
    PassageKind,
    Plan,
    PlanAttribute,
    PlanSubject,
    Relation,
    Verdict,
)


def _plan(subjects: list[str], attributes: list[str]) -> Plan:
    return Plan(tuple(PlanSubject(s, (s,), "test") for s in subjects),
                tuple(PlanAttribute(a, AttributeKind.QUANTITY, (a,), "test") for a in attributes), Relation.COMPARE)


def test_what_is_not_stated_is_said_once_not_per_attribute() -> None:
    plan = _plan(["Alpha", "Beta", "Gamma"], ["batch size", "weight decay", "warmup steps"])
    gaps = [NotStated("Gamma", a, "") for a in ("batch size", "weight decay", "warmup steps")]
    gaps += [NotStated("Alpha", "weight decay", ""), NotStated("Beta", "weight decay", ""),
             NotStated("Beta", "warmup steps", "")]
    answer = Answer("partial", "", ("Alpha", "Beta", "Gamma"), (), Relation.COMPARE, (), tuple(gaps))
    text = answer_text(answer, plan)
    assert text == ("The library states none of the asked values for Gamma. Not stated in the library: weight decay "
                    "(Alpha, Beta); warmup steps (Beta).")


def test_one_missing_attribute_is_one_plain_sentence() -> None:
    plan = _plan(["Alpha", "Beta"], ["batch size"])
    answer = Answer("not_answerable", "", ("Alpha", "Beta"), (), Relation.COMPARE, (),
                    (NotStated("Alpha", "batch size", ""), NotStated("Beta", "batch size", "")))
    assert answer_text(answer, plan) == "The library does not state batch size for Alpha or Beta."


def _cell(subject: str, entity: str, number: float, variant: str | None = None,
          attribute: str = "key-value heads") -> AnswerCell:
    evidence = Evidence("s", "d", "q", 0, 1, 1, None, PassageKind.TABLE_ROW)
    return AnswerCell(subject, attribute, f"{number:g}", number, None, variant, entity, Verdict.SUPPORTED, 0.9,
                      (evidence,))


def test_a_family_s_range_is_compared_in_full_never_by_its_first_member() -> None:
    plan = _plan(["Mistral 7B", "Qwen3"], ["key-value heads"])
    cells = (_cell("Mistral 7B", "Mistral 7B", 8), _cell("Qwen3", "Qwen3-0.6B", 8), _cell("Qwen3", "Qwen3-8B", 8),
             _cell("Qwen3", "Qwen3-30B-A3B", 4))
    answer = Answer("answered", "", ("Mistral 7B", "Qwen3"), ("key-value heads",), Relation.COMPARE, cells, ())
    text = answer_text(answer, plan)
    assert "same value" not in text
    assert "Highest: Mistral 7B, Qwen3-0.6B and Qwen3-8B; lowest: Qwen3-30B-A3B." in text
    same = Answer("answered", "", ("Mistral 7B", "Qwen3"), ("key-value heads",), Relation.COMPARE, cells[:3], ())
    assert "All give the same value." in answer_text(same, plan)


def test_the_highest_is_read_within_one_setting_never_across_settings() -> None:
    """R1's distilled models: Llama-70B's 86.7 (cons@64) is not higher than Qwen-32B's 72.6 (pass@1)."""
    plan = _plan(["Qwen-32B", "Llama-70B", "Qwen-1.5B"], ["AIME 2024"])
    cells = (_cell("Qwen-32B", "Qwen-32B", 72.6, "pass@1", "AIME 2024"),
             _cell("Qwen-32B", "Qwen-32B", 83.3, "cons@64", "AIME 2024"),
             _cell("Llama-70B", "Llama-70B", 70.0, "pass@1", "AIME 2024"),
             _cell("Llama-70B", "Llama-70B", 86.7, "cons@64", "AIME 2024"),
             _cell("Qwen-1.5B", "Qwen-1.5B", 28.9, "pass@1", "AIME 2024"))
    answer = Answer("answered", "", ("Qwen-32B", "Llama-70B", "Qwen-1.5B"), ("AIME 2024",), Relation.RANK, cells, ())
    text = answer_text(answer, plan)
    assert "Highest (pass@1): Qwen-32B; lowest: Qwen-1.5B." in text
    assert "Highest (cons@64): Llama-70B; lowest: Qwen-32B." in text
    assert "indicative" not in text


def test_a_value_the_verifier_could_not_confirm_is_marked_in_the_paragraph() -> None:
    plan = _plan(["Alpha", "Beta"], ["batch size"])
    confirmed = _cell("Alpha", "Alpha", 32, attribute="batch size")
    unconfirmed = replace(_cell("Beta", "Beta", 64, attribute="batch size"), verdict=Verdict.INSUFFICIENT)
    answer = Answer("answered", "", ("Alpha", "Beta"), ("batch size",), Relation.LOOKUP, (confirmed, unconfirmed), ())
    assert answer_text(answer, plan) == "Batch size: Alpha 32; Beta 64 [unconfirmed]. Highest: Beta; lowest: Alpha."


def _said(subject: str, value: str, quote: str) -> AnswerCell:
    evidence = Evidence("s", "d", quote, 0, len(quote), 1, None, PassageKind.TEXT)
    return AnswerCell(subject, "batch size", value, float(value.replace(",", "")), None, None, subject,
                      Verdict.SUPPORTED, 0.9, (evidence,))


def test_values_counting_different_things_are_shown_with_them_and_never_ranked() -> None:
    plan = _plan(["Alpha", "Beta"], ["batch size"])
    cells = (_said("Alpha", "512", "Global batch size is 512."),
             _said("Beta", "32,000", "Beta was trained for 1M steps with a batch size of 32,000 words."))
    text = answer_text(Answer("answered", "", ("Alpha", "Beta"), ("batch size",), Relation.COMPARE, cells, ()), plan)
    assert "Beta 32,000 words" in text
    assert "Highest" not in text and "lowest" not in text
    assert "Not ranked: the values count different things (Alpha: not named; Beta: words)." in text


def test_values_counting_the_same_thing_are_ranked() -> None:
    plan = _plan(["Alpha", "Beta"], ["batch size"])
    cells = (_said("Alpha", "512", "Alpha uses a batch size of 512 sequences."),
             _said("Beta", "1,024", "Beta uses batches of 1,024 sequences."))
    text = answer_text(Answer("answered", "", ("Alpha", "Beta"), ("batch size",), Relation.COMPARE, cells, ()), plan)
    assert "Highest: Beta; lowest: Alpha." in text and "Alpha 512 sequences" in text


@pytest.mark.parametrize(("label", "opening"), [
    ("context length", "Context length"),
    ("multi-token prediction depth", "Multi-token prediction depth"),
    ("β1", "β1"),
    ("n_layers", "n_layers"),
    ("pass@1", "pass@1"),
    ("MMLU", "MMLU"),
])
def test_a_label_opening_a_sentence_is_capitalised_only_as_a_word(label: str, opening: str) -> None:
    """The Adam defaults question opened its answer with "Β1: Adam 0.9" (a capital beta)."""
    assert _opening(label) == opening


def test_subjects_whose_values_at_different_settings_overlap_are_not_ranked() -> None:
    """Chinchilla's raw 48.0 and adjusted 14,048 against FLAC's 61.9 and 60.9, no setting shared: the page said
    "Highest: Chinchilla 70B; lowest: Chinchilla 70B"."""
    plan = _plan(["Chinchilla", "FLAC"], ["ImageNet"])
    cells = (_cell("Chinchilla", "Chinchilla", 48.0, "Raw", "ImageNet"),
             _cell("Chinchilla", "Chinchilla", 14048.0, "Adjusted", "ImageNet"),
             _cell("FLAC", "FLAC", 61.9, "Raw; Chunk ∞", "ImageNet"),
             _cell("FLAC", "FLAC", 60.9, "Raw; Chunk 2048", "ImageNet"))
    answer = Answer("answered", "", ("Chinchilla", "FLAC"), ("ImageNet",), Relation.COMPARE, cells, ())
    text = answer_text(answer, plan)
    assert "Highest" not in text and "Not ranked: no two subjects share a setting" in text
    apart = Answer("answered", "", ("Chinchilla", "FLAC"), ("ImageNet",), Relation.COMPARE,
                   (cells[0], cells[2], cells[3]), ())
    assert "Highest: FLAC; lowest: Chinchilla (the variants differ, so the comparison is indicative)." in answer_text(
        apart, plan), "ranges apart: the order holds whichever value is taken"


def test_the_subject_s_own_value_leads_the_paragraph_over_a_sized_member_s_row() -> None:
    """read22: "Additional tokens: DeepSeek-Coder-V2-1B 1T" led the paragraph, the 1B ablation model's row, while the
    table's next cell held DeepSeek-Coder-V2's own "6 trillion"."""
    plan = Plan((PlanSubject("Coder", ("Coder",), "test"),),
                (PlanAttribute("additional tokens", AttributeKind.QUANTITY, ("additional tokens",), "test"),),
                Relation.LOOKUP)
    member = replace(_cell("Coder", "Coder-1B", 1, attribute="additional tokens"), value="1T")
    own = replace(_cell("Coder", "Coder", 6, attribute="additional tokens"), value="6 trillion")
    answer = Answer("answered", "", ("Coder",), ("additional tokens",), Relation.LOOKUP, (member, own), ())
    assert answer_text(answer, plan).startswith("Additional tokens: Coder 6 trillion")
