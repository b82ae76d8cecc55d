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

A question is anchored when every attribute it asks is a table score, a quantity or a short text
(`ANCHORED_KINDS`) of named subjects: over the tuning questions their answers read on the anchored
library are those read on the whole library (bench/anchor_diff.py; bench/RESULTS.md, item 3, round 4).
A plan without subjects, a question with an `analysis` (it walks every table of the library), and one
asking how something works (its sentences are ranked by word rarity over the library, which, over the
anchored documents alone, lost gold ideas) read the whole library and depend on its fingerprint.
Questions anchored to the same documents share one anchored library and index (`Anchor.documents`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from synth.config import Question
from synth.index import PassageIndex, document_digest
from synth.models import AttributeKind, Library, Plan, Relation, Report, Source
from synth.serialize import to_data


@dataclass(frozen=True)
class Anchor:
    """The documents a report reads (`None`: the whole library), the digest of what it depends on, and the
    digest of those documents alone (the anchored library's fingerprint: questions anchored to the same
    documents share one library and index)."""

    doc_ids: tuple[str, ...] | None
    digest: str
    documents: str = ""


def _source_digest(source: Source) -> str:
    document = source.document
    return json.dumps([source.key, repr(source.entry), source.link,
                       None if document is None else [document.doc_id, document_digest(document)]])


ANCHORED_KINDS = frozenset({AttributeKind.METRIC, AttributeKind.QUANTITY, AttributeKind.TEXT})


def _anchorable(plan: Plan, kinds: frozenset[AttributeKind]) -> bool:
    """Only a question whose every attribute is of an anchored kind, and that does not ask how, is anchored:
    a how-question's sentences are ranked by the rarity of the asked words among the library's documents
    (synth.retrieve.asks.mechanism.rarity), and over its anchored documents alone that ranking lost 2 gold
    ideas of the tune how-questions (bench/RESULTS.md, item 3, round 3)."""
    asks_how = plan.relation is Relation.MECHANISM and AttributeKind.MECHANISM not in kinds
    return not asks_how and all(a.kind in kinds for a in plan.attributes)


def anchor(question: Question, plan: Plan, library: Library, index: PassageIndex,
           kinds: frozenset[AttributeKind] = ANCHORED_KINDS) -> Anchor:
    """The anchored documents of a question whose plan is read, and its dependency digest (`kinds`: the
    attribute kinds a question may ask and be anchored; bench/anchor_diff.py tries others)."""
    planned = json.dumps(to_data(plan, exact=True), sort_keys=True)
    if question.analysis or not plan.subjects or not plan.attributes or not _anchorable(plan, kinds):
        material = ["whole library", library.root, library.fingerprint, planned]
        return Anchor(None, hashlib.sha256("\0".join(material).encode()).hexdigest())
    spellings = sorted({s for subject in plan.subjects for s in subject.spellings}
                       | {s for attribute in plan.attributes for s in attribute.spellings})
    found = index.mentions(spellings)
    homes = {key for subject in plan.subjects for key in subject.home_sources}
    anchored = [s for s in library.sources if s.document is not None
                and (s.document.doc_id in found or s.key in homes)]
    documents = ["anchored", library.root, *(_source_digest(s) for s in anchored)]
    return Anchor(tuple(s.document.doc_id for s in anchored if s.document is not None),
                  hashlib.sha256("\0".join([*documents, planned]).encode()).hexdigest(),
                  hashlib.sha256("\0".join(documents).encode()).hexdigest())


def anchored_library(library: Library, found: Anchor) -> Library:
    """The library a report reads: its anchored sources in library order (skipped files and BibTeX
    problems are library-wide: `with_library_figures` puts them on the report). Anchored to every source,
    it is the library itself (the same passages: its index ranks as one of them alone would)."""
    if found.doc_ids is None:
        return library
    wanted = set(found.doc_ids)
    sources = tuple(s for s in library.sources if s.document is not None and s.document.doc_id in wanted)
    if sources == library.sources:
        return library
    return Library(library.root, sources, (), (), found.documents)


def with_library_figures(report: Report, library: Library) -> Report:
    """The report with the whole library's figures (its size, skipped files, BibTeX problems): they
    are read off the library every build, never from the cached report."""
    return replace(report, library_size=len(library.sources), skipped_files=library.skipped,
                   bib_problems=library.bib_problems)


class AnchoredIndexes:
    """In-memory passage indexes of anchored libraries, one per set of anchored documents, built on first
    use and shared by the questions of one build that anchor to the same documents; the `HELD` last used are
    kept (memory stays bounded however many questions a build has)."""

    HELD = 8

    def __init__(self) -> None:
        self._open: OrderedDict[str, PassageIndex] = OrderedDict()
        self._lock = threading.Lock()

    def open(self, library: Library, found: Anchor, whole: PassageIndex) -> tuple[Library, PassageIndex]:
        """The library a report reads and its index: one Library object per set of documents, since the
        stages that reach its table cells find the index by the object (synth.index.cells_of)."""
        anchored = anchored_library(library, found)
        if anchored is library:
            return library, whole
        index = self.of(anchored, whole)
        return index.library, index

    def of(self, library: Library, whole: PassageIndex) -> PassageIndex:
        if library.fingerprint == whole.library.fingerprint and library.root == whole.library.root:
            return whole
        with self._lock:
            if library.fingerprint not in self._open:
                while len(self._open) >= self.HELD:
                    self._open.popitem(last=False)[1].close()
                # Over a quarter of the library anchored, a copy of its index less the other documents is
                # cheaper than a new one (41 PDFs: 36 kept 0.33 s CPU against 6.7 s, 15 kept 2.1 s against
                # 3.4 s, 6 kept 2.2 s against 1.2 s).
                seed = whole if 4 * len(library.documents) > len(whole.library.documents) else None
                self._open[library.fingerprint] = PassageIndex(library, None, seed)
            self._open.move_to_end(library.fingerprint)
            return self._open[library.fingerprint]

    def close(self) -> None:
        for index in self._open.values():
            index.close()
        self._open.clear()
