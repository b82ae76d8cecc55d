"""A subject the question looks for in a paper it names ("the Gemma 2B models … in the p-RoPE experiments")."""

from __future__ import annotations

from synth.models import PlanSubject
from synth.plan.described import in_papers
from synth.plan.papers import PaperReference


class _Vocab:
    """The two lookups in_papers makes: the names each source is about, and the table rows a name matches."""

    def __init__(self, about: dict[str, tuple[str, ...]], rows: tuple[str, ...]) -> None:
        self.about = about
        self.rows = rows

    def entity_matches(self, spellings: tuple[str, ...]) -> list[str]:
        return [row for row in self.rows if row in spellings]


def _homes(about: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    subject = PlanSubject("Gemma 2B", ("Gemma 2B",), "named in the question")
    vocab = _Vocab(about, rows=("Gemma 2B",))
    return in_papers([subject], [PaperReference("p-RoPE experiments", ("rope",))], [], vocab)[0].home_sources  # type: ignore[arg-type]


def test_a_paper_about_no_model_is_where_its_experiments_model_is_read() -> None:
    """The p-RoPE paper is about a method: its sentences ("we train for 10,000 steps") are the Gemma 2B runs'."""
    assert _homes({"rope": ()}) == ("rope",)


def test_a_paper_about_its_own_model_keeps_a_labelled_baseline_out() -> None:
    """The BLT paper's unnamed sentences are BLT's: a baseline its tables label (Llama 3) is not read there."""
    assert _homes({"rope": ("BLT",)}) == ()
