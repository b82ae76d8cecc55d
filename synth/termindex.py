"""What each document writes, kept in the passage index's SQLite database so that a question reads
only the documents that can match it (synth.index keeps these rows in step with its documents).

The plan's vocabulary used to scan the text of every document for each name and phrase a question
asks about (counting a name's mentions, whether a phrase is followed by numbers, which sources use a
technique), and to read every source once per build for the names it is about and the acronyms it
defines; time per question grew with the library. Here each document leaves, when it enters the
index:

- `term_words`: the distinct letter runs of its folded text and passages (cut to WORD_PREFIX
  letters). Every pattern those scans use starts a match where no letter precedes and with the
  letters of its first word (synth.names.name_regex, synth.plan.classes), so a document none of whose
  letter runs starts like that word cannot match: only the others are read and checked exactly.
- `term_acronyms`: the acronyms it defines with their expansion, in the order it defines them.
- `term_about`: the names a source is about (synth.vocabulary.about_names), per document and title,
  since a source's title can change with its BibTeX entry while its file stays the same.
- `term_symbols`: the names it gives each symbol it sets ("dropout rate Pdrop = 0.1":
  synth.retrieve.asks.symbols.read_definitions), which retrieval read from every candidate document's
  passages in every build, so that a question's cost grew with the documents that match it.
- `term_docs.text`: a digest of its text, so a count over documents' texts (a name's mentions, what
  follows a phrase) is made once per distinct text: a paper printed again (copies, two versions with
  the same text) is neither decoded nor counted again.

Every row is derived from the document (and its title) and the code alone; all rows are recomputed
once when that code changes (a digest stored with them, as synth.cellindex does).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from synth.models import Document, PassageKind, Source
from synth.text import fold

SCHEMA = (
    "CREATE TABLE term_docs (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, text TEXT NOT NULL)",
    "CREATE TABLE term_words (word TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (word, doc)) WITHOUT ROWID",
    "CREATE INDEX term_words_doc ON term_words(doc)",
    "CREATE TABLE term_acronyms (doc INTEGER NOT NULL, seq INTEGER NOT NULL, acronym TEXT NOT NULL, "
    "expansion TEXT NOT NULL, PRIMARY KEY (doc, seq))",
    "CREATE TABLE term_about (doc INTEGER NOT NULL, title TEXT NOT NULL, names TEXT NOT NULL, "
    "PRIMARY KEY (doc, title))",
    "CREATE TABLE term_symbols (doc INTEGER NOT NULL, symbol TEXT NOT NULL, names TEXT NOT NULL, "
    "PRIMARY KEY (doc, symbol))",
)
TABLES = ("term_docs", "term_words", "term_acronyms", "term_about", "term_symbols")
WORD_PREFIX = 6
_LETTERS = re.compile(r"[a-z]+")
_LEADING_LETTERS = re.compile(r"^[a-z]+")


@functools.cache
def terms_code() -> str:
    """What the rows depend on: folding, the vocabulary's reading of acronyms and names, and
    retrieval's reading of symbol definitions."""
    synth = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("termindex.py", "vocabulary/about.py", "names.py", "claimparse.py", "text.py",
                 "retrieve/asks/symbols.py"):
        with contextlib.suppress(OSError):
            digest.update((synth / name).read_bytes())
    return digest.hexdigest()[:16]


def document_words(document: Document) -> set[str]:
    """The letter runs a pattern can start a match on, in the document's folded text and in its
    text passages (read apart, as synth.plan.classes reads them), each cut to WORD_PREFIX letters."""
    texts = [document.text, *(p.text for p in document.passages if p.kind is PassageKind.TEXT)]
    return {word[:WORD_PREFIX] for text in texts for word in _LETTERS.findall(fold(text))}


def word_key(word: str) -> str | None:
    """The stored form a letter run must start with for a pattern that begins with the folded `word`
    where no letter precedes it: the word's leading letters, cut as stored; None when it starts with
    no letter (every document can match)."""
    found = _LEADING_LETTERS.match(word)
    return found.group(0)[:WORD_PREFIX] if found else None


def name_key(name: str) -> str | None:
    """word_key for synth.names.name_regex(name), which starts a match with the name's first part
    where no letter or digit precedes it."""
    from synth.claimparse import _NAME_PART

    parts = _NAME_PART.findall(fold(name))
    return word_key(parts[0]) if parts else None


class TermRows:
    """Keeps the term rows of one database in step with its documents (called by synth.index)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        row = db.execute("SELECT value FROM meta WHERE key = 'terms_code'").fetchone()
        self.valid = row is not None and row[0] == terms_code()

    def remove(self, doc_id: str) -> None:
        row = self.db.execute("SELECT id FROM term_docs WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return
        for table in ("term_words", "term_acronyms", "term_about", "term_symbols"):
            self.db.execute(f"DELETE FROM {table} WHERE doc = ?", (row[0],))
        self.db.execute("DELETE FROM term_docs WHERE id = ?", (row[0],))

    def add(self, doc_id: str, document: Document) -> None:
        from synth.retrieve.asks.symbols import read_definitions
        from synth.vocabulary import defined_acronyms

        key = self.db.execute("INSERT INTO term_docs (doc_id, text) VALUES (?, ?)",
                              (doc_id, text_digest(document.text))).lastrowid
        self.db.executemany("INSERT INTO term_words VALUES (?, ?)",
                            ((word, key) for word in sorted(document_words(document))))
        self.db.executemany("INSERT INTO term_acronyms VALUES (?, ?, ?, ?)",
                            ((key, seq, acronym, expansion)
                             for seq, (acronym, expansion) in enumerate(defined_acronyms(document.text))))
        self.db.executemany("INSERT INTO term_symbols VALUES (?, ?, ?)",
                            ((key, symbol, json.dumps(names))
                             for symbol, names in sorted(read_definitions(document.passages).items())))

    def finish(self, documents: dict[str, Document], sources: Iterable[Source]) -> None:
        """After the documents' updates: every row again when the code changed; then the names each
        source is about, computed for the (document, title) pairs not yet stored, and rows for
        titles no longer used dropped."""
        from synth.vocabulary import about_names

        if not self.valid:
            for table in TABLES:
                self.db.execute(f"DELETE FROM {table}")
            for doc_id, document in sorted(documents.items()):
                self.add(doc_id, document)
        keys = dict(self.db.execute("SELECT doc_id, id FROM term_docs"))
        stored = set(self.db.execute("SELECT doc, title FROM term_about"))
        wanted: dict[tuple[int, str], Source] = {}
        for source in sources:
            if source.document is not None and source.document.doc_id in keys:
                wanted[(keys[source.document.doc_id], source.title)] = source
        self.db.executemany("DELETE FROM term_about WHERE doc = ? AND title = ?", sorted(stored - set(wanted)))
        self.db.executemany("INSERT INTO term_about VALUES (?, ?, ?)",
                            ((doc, title, json.dumps(about_names(wanted[(doc, title)])))
                             for doc, title in sorted(set(wanted) - stored)))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('terms_code', ?)", (terms_code(),))


def text_digest(text: str) -> str:
    """What identifies a document's text: documents with one digest have the same text."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def text_digests(db: sqlite3.Connection) -> dict[str, str]:
    """Each document's text digest (`text_digest`)."""
    return dict(db.execute("SELECT doc_id, text FROM term_docs"))


def documents_with_word(db: sqlite3.Connection, key: str) -> set[str]:
    """Documents with a letter run starting like the key (synth.termindex.word_key)."""
    if len(key) >= WORD_PREFIX:
        rows = db.execute("SELECT DISTINCT d.doc_id FROM term_words w JOIN term_docs d ON d.id = w.doc "
                          "WHERE w.word = ?", (key,))
    else:
        rows = db.execute("SELECT DISTINCT d.doc_id FROM term_words w JOIN term_docs d ON d.id = w.doc "
                          "WHERE w.word >= ? AND w.word < ?", (key, key + "{"))  # '{' follows 'z'
    return {doc_id for (doc_id,) in rows}


def acronyms(db: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    """Each document's defined acronyms with their expansion, in the order it defines them."""
    found: dict[str, list[tuple[str, str]]] = {}
    for doc_id, acronym, expansion in db.execute(
            "SELECT d.doc_id, a.acronym, a.expansion FROM term_acronyms a JOIN term_docs d ON d.id = a.doc "
            "ORDER BY a.doc, a.seq"):
        found.setdefault(doc_id, []).append((acronym, expansion))
    return found


def about(db: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, ...]]:
    """The names each (document, title) is about."""
    return {(doc_id, title): tuple(json.loads(names)) for doc_id, title, names in db.execute(
        "SELECT d.doc_id, a.title, a.names FROM term_about a JOIN term_docs d ON d.id = a.doc")}


def symbol_definitions(db: sqlite3.Connection, doc_id: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The names one document gives each symbol it sets, as read_definitions gives them."""
    return {symbol: tuple(tuple(name) for name in json.loads(names)) for symbol, names in db.execute(
        "SELECT s.symbol, s.names FROM term_symbols s JOIN term_docs d ON d.id = s.doc WHERE d.doc_id = ? "
        "ORDER BY s.symbol", (doc_id,))}
