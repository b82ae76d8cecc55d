"""What a library names: the vocabulary the plan reads a question with.

Nothing here is a list of known models or benchmarks: the names come from the library itself.
Table cells give entity labels (the model axis of a table) and attribute labels (the benchmark or
property axis); titles and the opening pages of each source give the names the source is *about*
("We introduce Mixtral 8x7B", "Qwen3 Technical Report"). Whether a word of a title is a name is
read from the source too: a word the source never writes in lower case is a name ("Mixtral"), a
word it also writes in lower case is not ("Attention").

Built once per library state and kept in memory (keyed by the library's fingerprint). The tables'
cells are not: how often each label is used comes from the cell index kept with the passage index
(synth.cellindex), and a question's subjects reach only the tables whose labels can name them
(`records_for`). Nor are the documents' texts: the names each source is about and the acronyms it
defines are kept per document in the index (synth.termindex), and a name or phrase is counted only
in the documents whose words can start it.

Its parts: `about` (the names a source is about, the acronyms it defines) and `texttables` (tables
written as plain text lines); this module holds the vocabulary itself.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from synth.cellindex import ATTRIBUTE, ENTITY
from synth.claimparse import _NAME_PART
from synth.index import cells_of
from synth.models import Document, DocumentHandle, Library, Table
from synth.names import LabelMatch, NameMatch, canonical, family, match_entity, match_label, name_regex
from synth.tables import TableRecord, records
from synth.termindex import name_key
from synth.text import STOPWORDS, fold
from synth.vocabulary.about import about_names, attach_sizes, defined_acronyms, names_in
from synth.vocabulary.texttables import text_tables

__all__ = ["DOMINANT_MENTIONS", "LibraryRecord", "Vocabulary", "about_names", "attach_sizes", "defined_acronyms",
           "names_in", "text_tables", "vocabulary"]

_TWIN_TABLES = 256  # tables whose records are kept for a twin printed again elsewhere
DOMINANT_MENTIONS = 10


@dataclass(frozen=True)
class LibraryRecord:
    """A table cell with the citation key of its source."""

    source: str
    record: TableRecord


class Vocabulary:
    """Entity and attribute labels of every table, and the names each source is about."""

    def __init__(self, library: Library) -> None:
        self.library = library
        cells = cells_of(library)
        self.entity_labels: Counter[str] = cells.cell_labels(ENTITY)
        self.attribute_labels: Counter[str] = cells.cell_labels(ATTRIBUTE)
        stored = cells.about_names()
        self.about: dict[str, tuple[str, ...]] = {
            s.key: stored[(s.document.doc_id, s.title)] if s.document is not None and (s.document.doc_id, s.title)
            in stored else about_names(s) for s in library.sources}
        self._entities_by_prefix = _by_prefix(self.entity_labels)
        self._attributes_by_prefix = _by_prefix(self.attribute_labels)
        self._roles: dict[str, str | None] = {}
        self._counts: dict[tuple[tuple[str, ...], str], int] = {}
        # Documents of one text (a paper printed again) are counted once, by their text's digest.
        self._texts: dict[str, str] = cells.text_digests()
        self._numeric: dict[str, bool] = {}
        self._homes: dict[tuple[str, ...], list[str]] = {}
        self._entities: dict[str, list[set[str]]] = {}
        self._twins: OrderedDict[tuple[tuple[object, ...], bool | None], list[TableRecord]] = OrderedDict()

    def records_for(self, spellings: Iterable[str], families: Iterable[str],
                    sources: Iterable[str]) -> Iterator[LibraryRecord]:
        """The records (in library order, as a walk over every table of every source gives them) of the
        tables that can hold a subject: those with an entity label a spelling can name
        (synth.names.match_entity reads a name from the label's first character, so the label starts
        with the spelling's first name part), one starting with a family's canonical form, and every
        table of the given sources. The library's other cells are never read."""
        prefixes = set()
        for spelling in spellings:
            parts = _NAME_PART.findall(fold(spelling))
            if parts:
                prefixes.add(parts[0])
        wanted = cells_of(self.library).cell_tables_of(prefixes, families)
        by_doc: dict[str, set[int]] = {}
        for doc_id, seq in wanted:
            by_doc.setdefault(doc_id, set()).add(seq)
        homes = set(sources)
        for source in self.library.sources:
            document = source.document
            if document is None or (source.key not in homes and document.doc_id not in by_doc):
                continue
            seqs = by_doc.get(document.doc_id, set())
            # Tables read from text lines come after the document's own: its text is decoded only when
            # one of them is wanted, not for every document whose tables can hold a subject.
            own = len(document.tables)
            tables = self._tables(document) if source.key in homes or max(seqs) >= own else \
                [(table, None) for table in document.tables]
            for seq, (table, in_columns) in enumerate(tables):
                if source.key in homes or seq in seqs:
                    yield from (LibraryRecord(source.key, r) for r in self._records(table, in_columns))

    def _records(self, table: Table, in_columns: bool | None) -> list[TableRecord]:
        """records(table), or a held twin's records with this table (records read a table's content
        alone, Table.content): a paper printed again in the library is read once."""
        slot = (table.content(), in_columns)
        twin = self._twins.get(slot)
        if twin is not None:
            self._twins.move_to_end(slot)
            return [_rebound(record, table) for record in twin]
        made = self._twins[slot] = records(table, in_columns=in_columns)
        while len(self._twins) > _TWIN_TABLES:
            self._twins.popitem(last=False)
        return made

    @staticmethod
    def _tables(document: DocumentHandle) -> list[tuple[Table, bool | None]]:
        """The tables of a document the vocabulary reads (synth.cellindex numbers them in this order)."""
        texts: list[tuple[Table, bool]] = document.derived("text_tables", text_tables)
        return [*((table, None) for table in document.tables), *texts]

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """Acronyms the library defines, with their expansion: "Group Relative Policy Optimization (GRPO)"
        makes GRPO mean that wherever it is used, in any source."""
        defined = cells_of(self.library).acronym_definitions()
        found: dict[str, str] = {}
        for document in self.library.documents:
            for acronym, expansion in defined.get(document.doc_id, ()):
                found.setdefault(acronym, expansion)
        return found

    @cached_property
    def titles(self) -> dict[str, str]:
        return {s.key: s.title for s in self.library.sources}

    @cached_property
    def terms(self) -> str:
        """The library's named terms as one folded text, one per line: source titles and the expansions of
        the acronyms it defines ("layer normalization", "rotary position embedding"). A lowercase phrase
        is a method's name only when the library uses it as one."""
        return "\n".join(sorted({fold(t) for t in (*self.titles.values(), *self.acronyms.values()) if t}))

    def attribute_labels_by_word(self, word: str) -> tuple[str, ...]:
        """Attribute labels starting like the word (the few a word could be)."""
        return self._attributes_by_prefix.get(_prefix(word), ())

    def numeric_phrase(self, phrase: str) -> bool:
        """Whether the library writes numbers after the phrase more often than not: "weight decay of 0.1",
        "a dropout rate of 0.1", "label smoothing of value εls = 0.1" make those phrases quantities;
        "the tokenizer", "the optimizer" are followed by names."""
        if phrase not in self._numeric:
            pattern = name_regex(phrase)
            numeric = other = 0
            by_text: dict[str, tuple[int, int]] = {}
            for document in self._may_match(name_key(phrase)):
                text = self._text_of(document)
                if text not in by_text:
                    by_text[text] = _followed_by_numbers(pattern, document.derived("folded", _folded_text))
                numeric, other = numeric + by_text[text][0], other + by_text[text][1]
            self._numeric[phrase] = numeric >= 2 and numeric * 4 >= other
        return self._numeric[phrase]

    def entity_matches(self, spellings: tuple[str, ...]) -> list[NameMatch]:
        labels = {label for s in spellings for label in self._entities_by_prefix.get(_prefix(s), ())}
        return [m for label in sorted(labels) if (m := match_entity(spellings, label)) is not None]

    def attribute_matches(self, spellings: tuple[str, ...]) -> list[LabelMatch]:
        return [m for s in spellings for label in self._attributes_by_prefix.get(_prefix(s), ())
                if (m := match_label(s, label)) is not None]

    def role(self, name: str) -> str | None:
        """`entity` when the library's tables use the name on their model axis (or a source is about
        it), `attribute` when they use it on their benchmark axis, None when they do neither."""
        if name not in self._roles:
            self._roles[name] = self._role(name)
        return self._roles[name]

    def _role(self, name: str) -> str | None:
        entity = sum(self.entity_labels[m.label] for m in self.entity_matches((name,)))
        attribute = sum(self.attribute_labels[m.label] for m in self.attribute_matches((name,)))
        if any(_names(name, about) for names in self.about.values() for about in names):
            entity += 3
        if entity == attribute == 0:
            return None
        return "entity" if entity >= attribute else "attribute"

    def home_sources(self, spellings: tuple[str, ...]) -> list[str]:
        """Sources about the subject: their title or opening pages name it, or name its family
        (`Mixtral of Experts` is about Mixtral 8x7B); else the one source that names it (or its family)
        far more often than any other (the Whisper paper, whose title does not say "Whisper")."""
        if spellings not in self._homes:  # asked again for every sentence a subject is looked for in
            self._homes[spellings] = self._home_sources(spellings)
        return list(self._homes[spellings])

    def _home_sources(self, spellings: tuple[str, ...]) -> list[str]:
        homes = []
        for key, names in self.about.items():
            named = any(_names(s, about) for s in spellings for about in names)
            if named or any(canonical(family(s)) == canonical(about) or (
                    _variant_of(s, about) and self._version_said(s, about, key)) for s in spellings for about in names):
                homes.append(key)
        if not homes:
            dominant = self._dominant(spellings) or self._dominant(tuple(dict.fromkeys(family(s) for s in spellings)))
            homes = [dominant] if dominant else []
        return homes

    def _version_said(self, spelling: str, about: str, key: str) -> bool:
        """A numbered variant of what a source is about ("Whisper large-v3" of the Whisper paper) is the source's
        only when the source names that version: a later release the source never mentions is not the model it
        studies, and its sentences that name no model say nothing of it (a "filter width of 3" is no large-v3's)."""
        version = spelling[len(about):].strip()
        if not any(ch.isdigit() for ch in version):
            return True
        document = self.library.source(key).document
        return document is not None and self._mentions((spelling, version), document) > 0

    def documents_with_word(self, key: str | None) -> set[str] | None:
        """The documents a pattern starting with a letter run like the key can match in
        (synth.termindex.word_key); None, every document, for no key."""
        return None if key is None else cells_of(self.library).documents_with_word(key)

    def _may_match(self, key: str | None) -> list[DocumentHandle]:
        """The library's documents, in order, that a pattern starting like the key can match in."""
        found = self.documents_with_word(key)
        return [d for d in self.library.documents if found is None or d.doc_id in found]

    def _dominant(self, spellings: tuple[str, ...]) -> str | None:
        candidates: set[str] = set()
        for spelling in spellings:
            found = self.documents_with_word(name_key(spelling))
            candidates = {d.doc_id for d in self.library.documents} if found is None else candidates | found
        # A document with no letter run a spelling starts with cannot mention it: its count is 0 unread.
        counts = sorted(((self._mentions(spellings, s.document) if s.document.doc_id in candidates else 0, s.key)
                         for s in self.library.sources if s.document is not None), reverse=True)
        if not counts:
            return None
        second = counts[1][0] if len(counts) > 1 else 0
        if self._compared(spellings, counts[0][1]):
            return None  # a baseline its tables compare with the model the source is about
        if second == 0 and counts[0][0] >= 3:
            return counts[0][1]  # the only source that names it ("AdaMax", introduced inside the Adam paper)
        if counts[0][0] < DOMINANT_MENTIONS:
            return None
        return counts[0][1] if counts[0][0] >= 3 * second else None

    def _compared(self, spellings: tuple[str, ...], key: str) -> bool:
        """The name labels a model of the source's tables beside the model the source is about
        (Claude-3.5-Sonnet beside DeepSeek-V3 in DeepSeek-V3's tables): a baseline, not its subject."""
        about = [a for a in self.about.get(key, ()) if match_entity(spellings, a) is None]
        return bool(about) and any(
            any(match_entity(spellings, e) is not None for e in entities)
            and any(match_entity(tuple(about), e) is not None for e in entities)
            for entities in self._table_entities(key))

    def _table_entities(self, key: str) -> list[set[str]]:
        """The entity labels of each table of one source (read from its document once per build)."""
        if key not in self._entities:
            document = self.library.source(key).document
            tables = [] if document is None else self._tables(document)
            self._entities[key] = [{r.entity for r in records(table, in_columns=in_columns)}
                                   for table, in_columns in tables]
        return self._entities[key]

    def _text_of(self, document: DocumentHandle) -> str:
        """What the document's counts are kept under: its text's digest (synth.termindex), else its id."""
        return self._texts.get(document.doc_id) or document.doc_id

    def _mentions(self, spellings: tuple[str, ...], document: DocumentHandle) -> int:
        key = (spellings, self._text_of(document))
        if key not in self._counts:
            # Kept with the document in the bounded document cache, not for the whole library.
            folded = document.derived("folded", _folded_text)
            self._counts[key] = sum(len(name_regex(s).findall(folded)) for s in spellings)
        return self._counts[key]


def _rebound(record: TableRecord, table: Table) -> TableRecord:
    """`replace(record, table=table)` without its keyword call: every field but the table is the twin's
    (TableRecord has no __post_init__), and at 16 copies of the shared PDFs this ran 200,000 times a build."""
    copy = object.__new__(TableRecord)
    copy.__dict__.update(record.__dict__)
    copy.__dict__["table"] = table
    return copy


def _folded_text(document: Document) -> str:
    return fold(document.text)


def _followed_by_numbers(pattern: re.Pattern[str], folded: str) -> tuple[int, int]:
    """How many matches of the pattern in a folded text a number follows, and how many it does not."""
    follows = [bool(_NUMBER_AFTER.match(folded[m.end():m.end() + 40])) for m in pattern.finditer(folded)]
    return sum(follows), len(follows) - sum(follows)


# "weight decay of 0.1", "base wavelength θ to 500,000" (its symbol first), "the base wavelength, which by default
# is 10,000"
_NUMBER_AFTER = re.compile(r"^\s*(?:\(\S{1,12}\)\s*|[\u0370-\u03ff][\w\u0370-\u03ff]{0,2}\s+)?"
                           r"(?:of\s+(?:value\s+)?|is\s+|was\s+|to\s+|=\s*|:\s*|set\s+to\s+|,\s*which\s+(?:by\s+default\s+)?is\s+)?"
                           r"(?:[a-z\u0370-\u03ff]{1,4}\s*=\s*)?[-−]?\d")


def _prefix(label: str) -> str:
    return canonical(label).replace("-", "")[:3]


def _by_prefix(labels: Counter[str]) -> dict[str, tuple[str, ...]]:
    """Labels by the first three letters of their compact form: a name can only match a label that
    starts like it, so matching looks at a handful of labels instead of thousands."""
    grouped: dict[str, list[str]] = {}
    for label in labels:
        grouped.setdefault(_prefix(label), []).append(label)
    return {k: tuple(sorted(v)) for k, v in grouped.items()}


def _variant_of(spelling: str, about: str) -> bool:
    """"Whisper Large V2" is a variant of the Whisper a source is about: the name and up to two words after it,
    none an acronym ("DeepSeek-V3 MTP" asks DeepSeek-V3's multi-token prediction) nor a function word."""
    words, head = spelling.split(), about.split()
    rest = words[len(head):]
    return fold(" ".join(words[:len(head)])) == fold(about) and 0 < len(rest) <= 2 and not any(
        fold(w) in STOPWORDS or re.fullmatch(r"[A-Z]{2,}s?", w) for w in rest)


def _names(spelling: str, about: str) -> bool:
    match = match_entity((spelling,), about)
    return match is not None and match.member is None


_CACHE: dict[tuple[str, str], Vocabulary] = {}


def vocabulary(library: Library) -> Vocabulary:
    """The vocabulary of a library state, built once per process."""
    key = (library.root, library.fingerprint)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Vocabulary(library)
    found = _CACHE[key]
    # The same library state read again (a second build in one process): its tables are reached
    # through the index opened for this Library object, not one made again for the old one.
    found.library = library
    return found
