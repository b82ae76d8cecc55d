"""What a library names: the vocabulary the plan reads a question with.

Nothing here is a list of known models or benchmarks: the names come from the library itself.
Table cells give entity labels (the model axis of a table) and attribute labels (the benchmark or
property axis); titles and the opening pages of each source give the names the source is *about*
("We introduce Mixtral 8x7B", "Qwen3 Technical Report"). Whether a word of a title is a name is
read from the source too: a word the source never writes in lower case is a name ("Mixtral"), a
word it also writes in lower case is not ("Attention").

Built once per library state and kept in memory (keyed by the library's fingerprint).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from synth.claimparse import name_spans
from synth.models import Document, Library, PassageKind, Source
from synth.names import LabelMatch, NameMatch, canonical, family, match_entity, match_label
from synth.tables import TableRecord, records
from synth.text import STOPWORDS, fold

_SIZE_AFTER = re.compile(r"^[\s\-]*((?:\d+\s*[x×]\s*)?\d+(?:\.\d+)?\s*[BMK](?:[-_]?A\d+(?:\.\d+)?B)?)(?![A-Za-z0-9])")
_INTRODUCE = re.compile(
    r"\b(?:introduce|introducing|present|presenting|propose|proposing|release|releasing|call|called|named|dubbed|"
    r"term|termed|develop)s?\b",
    re.IGNORECASE,
)
_OPENING_PAGES = 2
_INTRO_REACH = 90


def attach_sizes(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Names with the size written after them: `Mistral 7B`, `DeepSeekMoE 16B`, `Llama 3.1 405B`."""
    out = []
    for name, start, end in spans:
        found = _SIZE_AFTER.match(text[end:])
        if found and not re.search(r"\d+(?:\.\d+)?\s*[BMK]\b", name):
            end += found.end()
            name = text[start:end]
        out.append((name, start, end))
    return out


def names_in(text: str) -> list[tuple[str, int, int]]:
    """Every name of a text with its offsets, sizes attached."""
    return attach_sizes(text, list(name_spans(text)))


@dataclass(frozen=True)
class LibraryRecord:
    """A table cell with the citation key of its source."""

    source: str
    record: TableRecord


class Vocabulary:
    """Entity and attribute labels of every table, and the names each source is about."""

    def __init__(self, library: Library) -> None:
        self.library = library
        found: list[LibraryRecord] = []
        for source in library.sources:
            if source.document is not None:
                for table in source.document.tables:
                    found.extend(LibraryRecord(source.key, r) for r in records(table))
        self.records: tuple[LibraryRecord, ...] = tuple(found)
        self.entity_labels: Counter[str] = Counter(r.record.entity for r in found)
        self.attribute_labels: Counter[str] = Counter(r.record.attribute for r in found)
        self.about: dict[str, tuple[str, ...]] = {s.key: _about(s) for s in library.sources}

    @cached_property
    def titles(self) -> dict[str, str]:
        return {s.key: s.title for s in self.library.sources}

    def entity_matches(self, spellings: tuple[str, ...]) -> list[NameMatch]:
        return [m for label in self.entity_labels if (m := match_entity(spellings, label)) is not None]

    def attribute_matches(self, spellings: tuple[str, ...]) -> list[LabelMatch]:
        return [m for label in self.attribute_labels for s in spellings if (m := match_label(s, label)) is not None]

    def role(self, name: str) -> str | None:
        """`entity` when the library's tables use the name on their model axis (or a source is about
        it), `attribute` when they use it on their benchmark axis, None when they do neither."""
        entity = sum(self.entity_labels[m.label] for m in self.entity_matches((name,)))
        attribute = sum(self.attribute_labels[m.label] for m in self.attribute_matches((name,)))
        if any(_names(name, about) for names in self.about.values() for about in names):
            entity += 3
        if entity == attribute == 0:
            return None
        return "entity" if entity >= attribute else "attribute"

    def home_sources(self, spellings: tuple[str, ...]) -> list[str]:
        """Sources about the subject: their title or opening pages name it, or name its family
        (`Mixtral of Experts` is about Mixtral 8x7B) when they name no other member of it."""
        homes = []
        for key, names in self.about.items():
            named = any(_names(s, about) for s in spellings for about in names)
            if named or any(canonical(family(s)) == canonical(about) for s in spellings for about in names):
                homes.append(key)
        return homes


def _names(spelling: str, about: str) -> bool:
    match = match_entity((spelling,), about)
    return match is not None and match.member is None


def _proper(word: str, document: Document | None) -> bool:
    """A title word is a name when the source never writes it in lower case."""
    if not word[:1].isupper() or fold(word) in STOPWORDS:
        return False
    if any(c.isdigit() for c in word) or sum(c.isupper() for c in word) >= 2:
        return True
    if document is None:
        return False
    lower = len(re.findall(rf"(?<=\s){re.escape(word.lower())}(?=[\s,;:!?]|\.\s)", document.text))
    upper = len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", document.text))
    return upper >= 3 and lower * 10 <= upper


def _title_names(title: str, document: Document | None) -> list[str]:
    """The name a title is about: its part before a colon when that is a name (`DeepSeekMoE: Towards …`),
    else its leading name-like words (`DeepSeek-V3 Technical Report` → `DeepSeek-V3`, `Mistral 7B`)."""
    head, _, _ = title.partition(":")
    if head != title and 0 < len(head.split()) <= 4 and any(_proper(w, document) for w in head.split()):
        return [head.strip()]
    out = []
    for name, _, _ in names_in(title):
        words: list[str] = []
        for word in name.split():
            if _proper(word, document) or (words and re.fullmatch(r"[\d.]+[BMK]?", word)):
                words.append(word)
            else:
                break
        if words:
            out.append(" ".join(words))
    return out


def _about(source: Source) -> tuple[str, ...]:
    """Names a source is about: from its title, and what its opening pages introduce."""
    document = source.document
    names = _title_names(source.title, document)
    if document is not None:
        for passage in document.passages:
            if passage.kind is not PassageKind.TEXT or (passage.page or 1) > _OPENING_PAGES:
                continue
            text = " ".join(passage.text.split())
            spans = names_in(text)
            for verb in _INTRODUCE.finditer(text):
                after = [n for n in spans if verb.end() <= n[1] <= verb.end() + _INTRO_REACH]
                if after and _proper(after[0][0].split()[0], document):
                    names.append(after[0][0])
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(canonical(name), name)
    return tuple(unique.values())


_CACHE: dict[tuple[str, str], Vocabulary] = {}


def vocabulary(library: Library) -> Vocabulary:
    """The vocabulary of a library state, built once per process."""
    key = (library.root, library.fingerprint)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Vocabulary(library)
    return _CACHE[key]
