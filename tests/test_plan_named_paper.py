"""A subject the question looks for in a paper it names ("the Gemma 2B models … in the p-RoPE experiments")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import SimpleNamespace

from synth.models import PlanSubject
from synth.plan.described import in_papers
from synth.plan.papers import PaperReference


class _Vocab:
    """The two lookups in_papers makes: the names each source is about, and the table rows (source, label)
    a subject's tables hold."""

    def __init__(self, about: dict[str, tuple[str, ...]], rows: tuple[tuple[str, str], ...]) -> None:
        self.about = about
        self.rows = rows

    def records_for(self, spellings: Iterable[str], families: Iterable[str],
                    sources: Iterable[str]) -> Iterator[SimpleNamespace]:
        for source, label in self.rows:
            yield SimpleNamespace(source=source, record=SimpleNamespace(entity=label))


def _homes(about: dict[str, tuple[str, ...]], labelled_in: str = "rope") -> tuple[str, ...]:
    subject = PlanSubject("Gemma 2B", ("Gemma 2B",), "named in the question")
    vocab = _Vocab(about, rows=((labelled_in, "Gemma 2B"),))
    return in_papers([subject], [PaperReference("p-RoPE experiments", ("rope",))], [], vocab)[0].home_sources  # type: ignore[arg-type]


def test_a_paper_about_no_model_is_where_its_experiments_model_is_read() -> None:
    """The p-RoPE paper is about a method: its sentences ("we train for 10,000 steps") are the Gemma 2B runs'."""
    assert _homes({"rope": ()}) == ("rope",)


def test_a_paper_about_its_own_model_keeps_a_labelled_baseline_out() -> None:
    """The BLT paper's unnamed sentences are BLT's: a baseline its tables label (Llama 3) is not read there."""
    assert _homes({"rope": ("BLT",)}) == ()


def test_a_model_only_another_paper_labels_is_read_in_the_named_paper() -> None:
    """The p-RoPE paper is about RoPE and p-RoPE, and only GSM-Symbolic's tables label Gemma2b: no baseline of the
    named paper, so the Gemma 2B runs are read there."""
    assert _homes({"rope": ("RoPE", "p-RoPE")}, labelled_in="gsm") == ("rope",)
