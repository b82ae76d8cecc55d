"""What a report depends on in its library: the documents its plan anchors it to.

A report used to read the whole library (BM25 and word statistics, label counts, the screening of
every source), so any library edit could change it and every edit rebuilt every report. Now a
question's plan is read on the whole library (cheap, once per build, and itself part of the cache
key), and everything after the plan runs on the *anchored* library: the documents that mention one
of the plan's subject or attribute spellings (FTS phrase queries), plus the subjects' home sources,
in library order, with an index of their passages alone. A report is then a function of its
question, synth's code, the settings, the plan and the anchored documents' digests: the cache key
(`Anchor.digest`) holds exactly these, so an added PDF that mentions none of a report's subjects and
attributes leaves the key, and the report, as they were, and one that mentions any rebuilds it.

Only a question asking for table scores (every attribute a metric) of named subjects is anchored.
A plan without subjects, a question with an `analysis` (it walks every table of the library), and
one asking for a quantity, a text or how something works (values read from sentences, ranked by
word rarity, which moved to other models' sentences over the anchored documents alone) read the
whole library and depend on its fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, replace

from synth.config import Question
from synth.index import PassageIndex, document_digest
from synth.models import AttributeKind, Library, Plan, Relation, Report, Source
from synth.serialize import to_data


@dataclass(frozen=True)
class Anchor:
    """The documents a report reads (`None`: the whole library) and the digest of what it depends on."""

    doc_ids: tuple[str, ...] | None
    digest: str


def _source_digest(source: Source) -> str:
    document = source.document
    return json.dumps([source.key, repr(source.entry), source.link,
                       None if document is None else [document.doc_id, document_digest(document)]])


def _tabular(plan: Plan) -> bool:
    """Only a question whose every attribute is a score the tables report is anchored: values read
    from sentences are ranked by word rarity, and over a handful of anchored documents that ranking
    chose another model's sentence (answers_eval: DeepSeekMoE 145B's 4 shared experts for 16B's 2;
    a question asking how lost 2 gold ideas)."""
    return plan.relation is not Relation.MECHANISM and all(a.kind is AttributeKind.METRIC for a in plan.attributes)


def anchor(question: Question, plan: Plan, library: Library, index: PassageIndex) -> Anchor:
    """The anchored documents of a question whose plan is read, and its dependency digest."""
    planned = json.dumps(to_data(plan, exact=True), sort_keys=True)
    if question.analysis or not plan.subjects or not plan.attributes or not _tabular(plan):
        material = ["whole library", library.root, library.fingerprint, planned]
        return Anchor(None, hashlib.sha256("\0".join(material).encode()).hexdigest())
    spellings = sorted({s for subject in plan.subjects for s in subject.spellings}
                       | {s for attribute in plan.attributes for s in attribute.spellings})
    found = index.mentions(spellings)
    homes = {key for subject in plan.subjects for key in subject.home_sources}
    anchored = [s for s in library.sources if s.document is not None
                and (s.document.doc_id in found or s.key in homes)]
    material = ["anchored", library.root, planned, *(_source_digest(s) for s in anchored)]
    return Anchor(tuple(s.document.doc_id for s in anchored if s.document is not None),
                  hashlib.sha256("\0".join(material).encode()).hexdigest())


def anchored_library(library: Library, found: Anchor) -> Library:
    """The library a report reads: its anchored sources in library order (skipped files and BibTeX
    problems are library-wide: `with_library_figures` puts them on the report)."""
    if found.doc_ids is None:
        return library
    wanted = set(found.doc_ids)
    sources = tuple(s for s in library.sources if s.document is not None and s.document.doc_id in wanted)
    return Library(library.root, sources, (), (), found.digest)


def with_library_figures(report: Report, library: Library) -> Report:
    """The report with the whole library's figures (its size, skipped files, BibTeX problems): they
    are read off the library every build, never from the cached report."""
    return replace(report, library_size=len(library.sources), skipped_files=library.skipped,
                   bib_problems=library.bib_problems)


class AnchoredIndexes:
    """In-memory passage indexes of anchored libraries, one per anchor digest, built on first use
    and shared by the questions of one build that anchor to the same documents."""

    def __init__(self) -> None:
        self._open: dict[str, PassageIndex] = {}
        self._lock = threading.Lock()

    def of(self, library: Library, whole: PassageIndex) -> PassageIndex:
        if library.fingerprint == whole.library.fingerprint and library.root == whole.library.root:
            return whole
        with self._lock:
            if library.fingerprint not in self._open:
                self._open[library.fingerprint] = PassageIndex(library, None)
            return self._open[library.fingerprint]

    def close(self) -> None:
        for index in self._open.values():
            index.close()
        self._open.clear()
