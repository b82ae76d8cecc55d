"""A text value that only repeats the question's own names is no answer."""

from __future__ import annotations

from synth.models import AttributeKind, Evidence, PassageKind, Plan, PlanAttribute, PlanSubject, Relation
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.echo import asked_names, drop_echoes

QUOTE = "WER on LibriSpeech test-clean as a function of SNR under additive white noise."


def _candidate(value: str) -> Candidate:
    evidence = Evidence("s", "d", QUOTE, 0, len(QUOTE), 8, None, PassageKind.TEXT)
    return Candidate("Whisper large-v2", "test-other", "Whisper", None, value, None, None, evidence, False, True, False)


def test_a_value_naming_only_what_the_question_names_is_dropped() -> None:
    plan = Plan((PlanSubject("Whisper large-v2", ("Whisper large-v2", "Whisper"), "test"),),
                tuple(PlanAttribute(a, AttributeKind.TEXT, (a,), "test") for a in ("test-clean", "LibriSpeech")),
                Relation.LOOKUP)
    names = asked_names(plan)
    kept = drop_echoes([_candidate("LibriSpeech"), _candidate("Whisper, test-clean"), _candidate("CHiME6")],
                       AttributeKind.TEXT, names)
    assert [c.value for c in kept] == ["CHiME6"]
    assert [c.value for c in drop_echoes([_candidate("LibriSpeech")], AttributeKind.QUANTITY, names)] == \
        ["LibriSpeech"], "only text values are words; a number is never an echo"


def test_the_asked_noun_in_the_plural_is_an_echo() -> None:
    """'Which positional encoding does the Transformer use?' was answered 'positional encodings'."""
    plan = Plan((PlanSubject("Transformer", ("Transformer",), "test"),),
                (PlanAttribute("positional encoding", AttributeKind.TEXT, ("positional encoding",), "test"),),
                Relation.LOOKUP)
    kept = drop_echoes([_candidate("positional encodings"), _candidate("sinusoidal positional encodings")],
                       AttributeKind.TEXT, asked_names(plan))
    assert [c.value for c in kept] == ["sinusoidal positional encodings"]


def test_the_name_the_asked_noun_belongs_to_is_an_echo() -> None:
    """'Which frequencies of RoPE does Gemma 7B use most?' was answered 'RoPE' (from 'different RoPE frequencies')."""
    plan = Plan((PlanSubject("Gemma 7B", ("Gemma 7B",), "test"),),
                (PlanAttribute("frequencies", AttributeKind.TEXT, ("frequencies", "RoPE frequencies"), "test"),),
                Relation.LOOKUP)
    kept = drop_echoes([_candidate("RoPE"), _candidate("low, high")], AttributeKind.TEXT, asked_names(plan))
    assert [c.value for c in kept] == ["low, high"]


def test_a_name_of_the_question_completing_the_asked_noun_is_kept_as_its_spelling() -> None:
    from synth.plan.qualifiers import owned_by_names

    asked = {"frequencies": PlanAttribute("frequencies", AttributeKind.TEXT, ("frequencies",), "test")}
    owned = owned_by_names(asked, ["RoPE"], "Which frequencies of RoPE does Gemma 7B use most?")
    assert owned["frequencies"].name == "frequencies"
    assert owned["frequencies"].spellings == ("frequencies", "RoPE frequencies")
    assert owned_by_names(asked, ["RoPE"], "Which frequencies does Gemma 7B use with RoPE?") == asked
