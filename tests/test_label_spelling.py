"""How a claim spells a header's words (synth.verify.label_spelling): words the header cuts short with a
period, and slash-joined alternatives."""

from __future__ import annotations

from synth.verify.labels import find_mentions, index_forms


def _named(text: str, labels: list[str]) -> list[tuple[str, str]]:
    return [(m.label, text[m.start:m.end]) for m in find_mentions(text, index_forms(labels))]


def test_a_word_cut_short_is_spelled_out() -> None:
    assert _named("the hierarchical right branching baseline", ["Hier. Right Branch.", "Right Branching"]) == [
        ("Hier. Right Branch.", "hierarchical right branching")]
    assert _named("its validation accuracy", ["Val. Accuracy"]) == [("Val. Accuracy", "validation accuracy")]


def test_a_label_of_function_words_and_cut_words_names_nothing() -> None:
    assert _named("a considerable amount of performance", ["% of Perf."]) == []
    assert _named("the hierarchy of branches", ["Hier. Right Branch."]) == []


def test_slash_joined_words_are_alternatives_in_one_place() -> None:
    labels = ["Hier. Right Branch.", "Hier. Left Branch.", "Right Branching", "Left Branching"]
    assert sorted(_named("the hierarchical right/left branching baselines", labels)) == [
        ("Hier. Left Branch.", "hierarchical right/left branching"),
        ("Hier. Right Branch.", "hierarchical right/left branching")]


def test_a_slash_inside_a_short_word_joins_no_alternatives() -> None:
    assert _named("the model w/o attention", ["W Attention", "O Attention"]) == []
