"""Tie BibTeX entries to library files: by `file = {…}` field, else by fuzzy title match.

Every document and every entry ends up in exactly one Source. Matching is one-to-one and greedy by
score (ties by key, then file), so the result does not depend on the order files were read in.
Titles that differ in a number (Qwen2 vs Qwen3, DeepSeek-V2 vs V3) never match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from rapidfuzz import fuzz

from synth.models import BibEntry, DocumentHandle, DocumentHead, Source
from synth.text import fold

TITLE_THRESHOLD = 90
HEAD_THRESHOLD = 98
# A match found only in the text ranks below one on the file's own title.
HEAD_PENALTY = 3
# A title this short ("Mistral 7B") is found inside many first pages; it must match the file's title.
MIN_HEAD_TITLE = 20
FILE_FIELD = "file field"
NO_ENTRY = "no BibTeX entry: cited from file metadata"
NO_FILE = "entry only: no file in the library"
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Folded, punctuation-free, single-spaced: `BERT: Pre-training` → `bert pre training`.

    Memoised: linking compares every entry with every file, and would otherwise fold each file's
    first page once per entry (quadratic in the size of the library).
    """
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


@functools.lru_cache(maxsize=16384)
def _numbers(normalised: str) -> frozenset[str]:
    """The tokens holding a digit. Memoised like `normalise`: each entry title and each file's title
    is asked about once per pair."""
    return frozenset(token for token in normalised.split() if any(ch.isdigit() for ch in token))


def slug(text: str) -> str:
    """A citation key from a file stem: `DeepSeek_Coder_V2` → `deepseek-coder-v2`."""
    return _SLUG.sub("-", fold(text)).strip("-") or "source"


def _file_names(value: str) -> list[str]:
    """Paths named by a file field: `a.pdf`, `a.pdf;b.pdf`, or JabRef's `:dir/a.pdf:PDF`."""
    names = []
    for part in value.split(";"):
        part = part.strip()
        pieces = part.split(":")
        if len(pieces) == 3 and not re.match(r"^[A-Za-z]$", pieces[0]):
            part = pieces[1]
        if part:
            names.append(part.replace("\\", "/"))
    return names


def _by_file_field(entry: BibEntry, documents: Sequence[DocumentHandle]) -> DocumentHandle | None:
    value = entry.get("file")
    if not value:
        return None
    for name in _file_names(value):
        wanted = PurePosixPath(name)
        for document in documents:
            if document.doc_id == wanted.as_posix() or document.doc_id.endswith("/" + wanted.as_posix()):
                return document
        same_name = [d for d in documents if PurePosixPath(d.doc_id).name.lower() == wanted.name.lower()]
        if same_name:
            return same_name[0]
    return None


def title_score(entry_title: str, document: DocumentHead) -> int:
    """0-100: how surely `document` is the work titled `entry_title`.

    Either the file's own title matches closely and names the same numbers (Qwen2 is not Qwen2.5),
    or the whole entry title, at least MIN_HEAD_TITLE characters long, appears almost verbatim
    near the start of the text (for files whose title could not be read).
    """
    wanted = normalise(entry_title)
    if not wanted:
        return 0
    score = 0.0
    own_title = normalise(document.title or "")
    if own_title and _numbers(wanted) == _numbers(own_title):
        score = max(fuzz.ratio(wanted, own_title), fuzz.token_sort_ratio(wanted, own_title))
    if score < TITLE_THRESHOLD and len(wanted) >= MIN_HEAD_TITLE:
        head = normalise(document.opening)
        if _numbers(wanted) <= set(head.split()):
            head_score = fuzz.partial_ratio(wanted, head)
            if head_score >= HEAD_THRESHOLD:
                score = max(score, head_score - HEAD_PENALTY)
    return round(score)


def link(entries: Sequence[BibEntry], documents: Sequence[DocumentHandle]) -> list[Source]:
    """One Source per entry and per document, sorted by key."""
    sources: list[Source] = []
    taken_docs: set[str] = set()
    open_entries: list[BibEntry] = []
    for entry in sorted(entries, key=lambda e: e.key):
        document = _by_file_field(entry, [d for d in documents if d.doc_id not in taken_docs])
        if document is not None:
            taken_docs.add(document.doc_id)
            sources.append(Source(entry.key, entry, document, FILE_FIELD))
        else:
            open_entries.append(entry)
    candidates: list[tuple[int, str, str]] = []
    by_id = {d.doc_id: d for d in documents}
    for entry in open_entries:
        if not entry.title:
            continue
        for document in documents:
            if document.doc_id in taken_docs:
                continue
            score = title_score(entry.title, document)
            if score >= TITLE_THRESHOLD:
                candidates.append((score, entry.key, document.doc_id))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    matched: dict[str, tuple[str, int]] = {}
    for score, key, doc_id in candidates:
        if key in matched or doc_id in taken_docs:
            continue
        matched[key] = (doc_id, score)
        taken_docs.add(doc_id)
    for entry in open_entries:
        if entry.key in matched:
            doc_id, score = matched[entry.key]
            sources.append(Source(entry.key, entry, by_id[doc_id], f"title match ({score})"))
        else:
            sources.append(Source(entry.key, entry, None, NO_FILE))
    used_keys = {s.key.lower() for s in sources}
    for document in sorted(documents, key=lambda d: d.doc_id):
        if document.doc_id in taken_docs:
            continue
        base = slug(PurePosixPath(document.doc_id).stem)
        key, n = base, 2
        while key.lower() in used_keys:
            key, n = f"{base}-{n}", n + 1
        used_keys.add(key.lower())
        sources.append(Source(key, None, document, NO_ENTRY))
    return sorted(sources, key=lambda s: s.key)
