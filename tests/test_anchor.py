"""The anchored library a report reads (synth.anchor): which questions are anchored, and one library and
index per set of anchored documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from synth.anchor import AnchoredIndexes, anchor
from synth.build import prepare_library
from synth.cellindex import ATTRIBUTE, ENTITY
from synth.config import Question
from synth.index import PassageIndex
from synth.models import Library
from synth.plan import make_plan

ROOT = Path(__file__).resolve().parents[1]


def _anchored(tmp_path: Path, *asked: str) -> list[tuple[str, tuple[str, ...] | None, str]]:
    library, index = prepare_library(ROOT / "library", tmp_path / "cache")
    out = []
    try:
        for text in asked:
            question = Question(title="A question", question=text)
            found = anchor(question, make_plan(question, library), library, index)
            out.append((found.documents, found.doc_ids, found.digest))
    finally:
        index.close()
    return out


def test_quantities_and_texts_are_anchored_how_questions_are_not(tmp_path: Path) -> None:
    """A count or a short text is read from the documents naming the subject or the asked thing; a question
    asking how reads the whole library (its sentences are ranked by rarity over the library)."""
    context, position, how = _anchored(tmp_path, "What context length does Mixtral 8x7B support?",
                                       "What positional encoding do the Qwen2.5 models use?",
                                       "How was Qwen2.5 post-trained?")
    assert context[1] is not None and "mixtral-notes.md" in context[1]
    assert position[1] is not None and set(position[1]) == {"qwen2.5-notes.md", "qwen2.5-coder-notes.md"}
    assert how[1] is None


def test_questions_anchored_to_the_same_documents_share_one_library_and_index(tmp_path: Path) -> None:
    """Two questions over the same documents have different cache keys but one anchored library (its
    fingerprint is the documents' digest, not the plan's), so one in-memory index serves both; a question
    anchored to every source reads the library and its index themselves."""
    folder = tmp_path / "library"
    folder.mkdir()
    for path in (ROOT / "library").iterdir():
        if path.suffix in (".md", ".txt"):  # no BibTeX: every source has a document
            shutil.copy(path, folder / path.name)
    library, index = prepare_library(folder, tmp_path / "cache")
    indexes = AnchoredIndexes()
    try:
        found = [anchor(q, make_plan(q, library), library, index) for q in (
            Question(title="Positions", question="What positional encoding do the Qwen2.5 models use?"),
            Question(title="Embeddings", question="What position embeddings does Qwen2.5 use?"),
            Question(title="Sizes", question="What are the total parameters of Mixtral 8x7B and Qwen2.5?"))]
        assert found[0].doc_ids == found[1].doc_ids and found[0].digest != found[1].digest
        first, second = indexes.open(library, found[0], index), indexes.open(library, found[1], index)
        assert first[0] is second[0] and first[1] is second[1]
        assert len(first[0].sources) == 2 < len(library.sources)
        assert found[2].doc_ids is not None and len(found[2].doc_ids) == len(library.documents)
        assert indexes.open(library, found[2], index) == (library, index)
    finally:
        indexes.close()
        index.close()


def _readings(index: PassageIndex) -> list[object]:
    """What the stages read off an index: searches with their scores and order, mentions, word and label
    statistics, the names sources are about, acronyms, metrics."""
    queries = ["Mixtral", "HumanEval OR LiveCodeBench", "parameters OR tokens OR context", '"Qwen2.5" AND trained',
               "model"]
    out: list[object] = [[(h.passage.doc_id, h.passage.ordinal, h.score) for h in index.search(q, limit=50)]
                         for q in queries]
    out += [sorted(index.mentions(["Mixtral 8x7B", "Qwen2.5", "context length"])), index.text_passages(),
            index.word_counts(["model", "token", "train", "paramet", "context", "mixtral"]),
            index.cell_labels(ENTITY), index.cell_labels(ATTRIBUTE), index.about_names(),
            index.acronym_definitions(), index.cell_metric_names(), index.text_digests()]
    return out


def test_an_anchored_index_made_from_a_copy_of_the_whole_ranks_as_a_fresh_one(tmp_path: Path) -> None:
    """Most of the library anchored, its index is a copy of the library's less the other documents
    (synth.anchor.AnchoredIndexes): every search, score and statistic is that of an index built afresh."""
    library, index = prepare_library(ROOT / "library", tmp_path / "cache")
    try:
        kept = tuple(s for s in library.sources if s.document is not None and "mixtral" not in s.key)
        anchored = Library(library.root, kept, (), (), "three of four")
        fresh, copied = PassageIndex(anchored, None), PassageIndex(anchored, None, seed=index)
        assert copied.changes.removed == 1 and copied.changes.added == 0
        assert _readings(copied) == _readings(fresh)
        assert _readings(copied) != _readings(index)
        copied.close()
        fresh.close()
    finally:
        index.close()
