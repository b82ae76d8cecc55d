"""The table-cell index: which tables of the library hold which labels, kept in the passage index's
SQLite database (synth.index) and updated with it, document by document.

The plan's vocabulary and verification used to read every table of the library into memory once per
build and scan every cell for each question and claim, so per-question time and peak memory grew
with the library. Here each document's tables leave rows only where a question or claim can reach
them, computed once when the document enters the index:

- `cell_entities`: the entity labels of each table's records (synth.tables.records), folded and in
  canonical form, so the tables whose labels can name a subject are found by prefix (a name matches
  a label only from the label's first character: synth.names.match_entity);
- `cell_lookups`: the first-token keys under which verification looks up each table's label forms
  (synth.verify.labels.index_forms), so a claim reaches only the tables its own tokens can name;
- `cell_labels` and `cell_measures`: the library statistics the stages need whole (how often each
  label is used on each axis, the measures tables report), summed over documents by SQL;
- `cell_tables`: a digest of each table's content (Table.content) and where it is (Table.at's fields), so
  verification gets a copy of a table it holds (a paper printed again, copies) from its twin without
  reading the copy's document;
- `cell_metrics` and `cell_metric_names`: the metric each table's records report (synth.analysis's
  matching key and the name as printed), so a scaling series reads only the tables of its metric,
  and the metric names the library's tables use, in the order a walk over every record meets them.

Every row is derived from the document and this code alone; the rows are recomputed from the
documents when the code they depend on changes (a digest stored with them, as the word statistics).
Tables are identified by (doc_id, seq): seq numbers the document's tables, then the tables read from
its text lines (synth.vocabulary.text_tables), which only the vocabulary uses.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from synth.models import Document, Table

SCHEMA = (
    "CREATE TABLE cell_entities (folded TEXT NOT NULL, canon TEXT NOT NULL, doc_id TEXT NOT NULL, seq INTEGER)",
    "CREATE INDEX cell_entities_folded ON cell_entities(folded)",
    "CREATE INDEX cell_entities_canon ON cell_entities(canon)",
    "CREATE INDEX cell_entities_doc ON cell_entities(doc_id)",
    "CREATE TABLE cell_lookups (lookup TEXT NOT NULL, doc_id TEXT NOT NULL, seq INTEGER)",
    "CREATE INDEX cell_lookups_lookup ON cell_lookups(lookup)",
    "CREATE INDEX cell_lookups_doc ON cell_lookups(doc_id)",
    "CREATE TABLE cell_labels (doc_id TEXT NOT NULL, axis TEXT NOT NULL, label TEXT NOT NULL, n INTEGER)",
    "CREATE INDEX cell_labels_doc ON cell_labels(doc_id)",
    "CREATE TABLE cell_measures (doc_id TEXT NOT NULL, measure TEXT NOT NULL)",
    "CREATE INDEX cell_measures_doc ON cell_measures(doc_id)",
    "CREATE TABLE cell_metrics (key TEXT NOT NULL, canon TEXT NOT NULL, metric TEXT NOT NULL, doc_id TEXT NOT NULL, "
    "seq INTEGER)",
    "CREATE INDEX cell_metrics_key ON cell_metrics(key)",
    "CREATE INDEX cell_metrics_canon ON cell_metrics(canon)",
    "CREATE INDEX cell_metrics_doc ON cell_metrics(doc_id)",
    "CREATE TABLE cell_metric_names (doc_id TEXT NOT NULL, ord INTEGER NOT NULL, canon TEXT NOT NULL, "
    "metric TEXT NOT NULL)",
    "CREATE INDEX cell_metric_names_doc ON cell_metric_names(doc_id)",
    "CREATE TABLE cell_tables (doc_id TEXT NOT NULL, seq INTEGER NOT NULL, digest TEXT NOT NULL, "
    "table_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, page INTEGER, section TEXT)",
    "CREATE INDEX cell_tables_key ON cell_tables(doc_id, seq)",
)
TABLES = ("cell_entities", "cell_lookups", "cell_labels", "cell_measures", "cell_metrics", "cell_metric_names",
          "cell_tables")
ENTITY, ATTRIBUTE = "entity", "attribute"


@functools.cache
def cells_code() -> str:
    """What the cell rows depend on: the code that reads tables into records, grids and label forms."""
    synth = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("cellindex.py", "analysis.py", "tables.py", "grids.py", "tableheads.py", "names.py", "claimparse.py",
                 "text.py", "vocabulary/texttables.py", "verify/cells.py", "verify/labels.py", "verify/facts.py",
                 "verify/words.py", "labelcodes.py"):
        with contextlib.suppress(OSError):
            digest.update((synth / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class DocumentCells:
    """The rows one document leaves in the cell index."""

    entities: set[tuple[str, str, int]] = field(default_factory=set)
    lookups: set[tuple[str, int]] = field(default_factory=set)
    labels: Counter[tuple[str, str]] = field(default_factory=Counter)
    measures: set[str] = field(default_factory=set)
    metrics: set[tuple[str, str, str, int]] = field(default_factory=set)
    metric_names: dict[str, str] = field(default_factory=dict)
    tables: list[tuple[int, str, str, int, int, int | None, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class TablePlace:
    """Where a table verification reads is, and a digest of what it holds: a copy of a held table with the
    same digest is that table at this place (Table.at), its document not read."""

    digest: str
    table_id: str
    start: int
    end: int
    page: int | None
    section: str | None


def content_digest(table: Table) -> str:
    """A digest of what a table holds (Table.content: every field but where it is)."""
    return hashlib.sha256(repr(table.content()).encode()).hexdigest()[:32]


def vocabulary_tables(document: Document) -> list[tuple[Table, bool | None]]:
    """The tables the vocabulary reads, in seq order: the document's own (orientation guessed), then
    those read from its text lines (orientation known)."""
    from synth.vocabulary import text_tables

    return [*((table, None) for table in document.tables), *text_tables(document)]


def verified_tables(document: Document) -> list[Table]:
    """Every table verification reads: the document's own, then those read from its text lines, the same tables
    the answer stage reads its values from (a cell read from a table verification cannot see would never be
    confirmed: Whisper's "Model Layers Width Heads Parameters" lines)."""
    return [table for table, _ in vocabulary_tables(document)]


def verified_table(document: Document, seq: int) -> Table:
    """The table at `seq` as the cell index numbers them (the document's own, then those read from its text lines,
    `vocabulary_tables`)."""
    if seq < len(document.tables):
        return document.tables[seq]
    from synth.vocabulary import text_tables

    # A handle keeps them with its document (as the vocabulary does): not read again for each of its tables.
    derived = getattr(document, "derived", None)
    texts = derived("text_tables", text_tables) if derived is not None else text_tables(document)
    table, _ = texts[seq - len(document.tables)]
    return table


def document_cells(document: Document) -> DocumentCells:
    """The cell-index rows of one document (module docstring)."""
    from synth.analysis import metric_key
    from synth.names import canonical
    from synth.tables import records
    from synth.text import fold
    from synth.verify.cells import table_places
    from synth.verify.facts import measured, measures_of
    from synth.verify.labels import index_forms

    out = DocumentCells()
    own = len(document.tables)
    for seq, (table, in_columns) in enumerate(vocabulary_tables(document)):
        found = records(table, in_columns=in_columns)
        for record in found:
            out.entities.add((fold(record.entity).strip(), canonical(record.entity), seq))
            out.labels[(ENTITY, record.entity)] += 1
            out.labels[(ATTRIBUTE, record.attribute)] += 1
        if seq < own:  # the library's measures and the scaling series read the document's own tables only
            out.measures.update(m for r in found for m in measures_of(measured(r)))
            out.metrics.update((metric_key(r), canonical(r.metric), r.metric, seq) for r in found)
            for record in found:
                if record.metric:  # first place kept (dict order), last spelling kept (value)
                    out.metric_names[canonical(record.metric)] = record.metric
        out.tables.append((seq, content_digest(table), table.table_id, table.start, table.end, table.page,
                           table.section))
        keys = [key for _, places in table_places(table, 0) for key, _ in places]
        if keys:
            out.lookups.update((lookup, seq) for lookup in index_forms(keys))
    return out


class CellRows:
    """Keeps the cell rows of one database in step with its documents (called by synth.index)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        row = db.execute("SELECT value FROM meta WHERE key = 'cells_code'").fetchone()
        self.valid = row is not None and row[0] == cells_code()

    def remove(self, doc_id: str) -> None:
        for table in TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def add(self, doc_id: str, document: Document) -> None:
        cells = document_cells(document)
        self.db.executemany("INSERT INTO cell_entities VALUES (?, ?, ?, ?)",
                            sorted((f, c, doc_id, s) for f, c, s in cells.entities))
        self.db.executemany("INSERT INTO cell_lookups VALUES (?, ?, ?)",
                            sorted((k, doc_id, s) for k, s in cells.lookups))
        self.db.executemany("INSERT INTO cell_labels VALUES (?, ?, ?, ?)",
                            sorted((doc_id, a, label, n) for (a, label), n in cells.labels.items()))
        self.db.executemany("INSERT INTO cell_measures VALUES (?, ?)", sorted((doc_id, m) for m in cells.measures))
        self.db.executemany("INSERT INTO cell_metrics VALUES (?, ?, ?, ?, ?)",
                            sorted((k, c, m, doc_id, s) for k, c, m, s in cells.metrics))
        self.db.executemany("INSERT INTO cell_metric_names VALUES (?, ?, ?, ?)",
                            ((doc_id, i, c, m) for i, (c, m) in enumerate(cells.metric_names.items())))
        self.db.executemany("INSERT INTO cell_tables VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            ((doc_id, *row) for row in cells.tables))

    def finish(self, documents: dict[str, Document]) -> None:
        """After the documents' updates: when the code changed, every document's rows again (each
        document read once, one at a time)."""
        if not self.valid:
            for table in TABLES:
                self.db.execute(f"DELETE FROM {table}")
            for doc_id, document in sorted(documents.items()):
                self.add(doc_id, document)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('cells_code', ?)", (cells_code(),))


def _prefix_range(prefix: str) -> tuple[str, str | None]:
    """Bounds of the strings that start with `prefix`: [prefix, successor) in code-point order, which
    SQLite's binary collation of UTF-8 follows."""
    last = ord(prefix[-1])
    return prefix, (prefix[:-1] + chr(last + 1)) if last < 0x10FFFF else None


def tables_by_entity(db: sqlite3.Connection, folded: Iterable[str], canon: Iterable[str]) -> set[tuple[str, int]]:
    """Tables with an entity label whose folded form starts with one of `folded` or whose canonical
    form starts with one of `canon` (an empty prefix: every table)."""
    found: set[tuple[str, int]] = set()
    for column, prefixes in (("folded", folded), ("canon", canon)):
        for prefix in sorted(set(prefixes)):
            if not prefix:
                found.update(db.execute("SELECT DISTINCT doc_id, seq FROM cell_entities"))
                continue
            low, high = _prefix_range(prefix)
            sql = f"SELECT DISTINCT doc_id, seq FROM cell_entities WHERE {column} >= ?"
            found.update(db.execute(sql + f" AND {column} < ?", (low, high)) if high is not None
                         else db.execute(sql, (low,)))
    return found


def tables_by_lookup(db: sqlite3.Connection, lookups: Sequence[str]) -> list[tuple[str, int]]:
    """Tables holding a label form under one of the lookup keys, in library order."""
    wanted = sorted(set(lookups))
    found: set[tuple[int, str, int]] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found.update(db.execute(f"SELECT DISTINCT d.rank, c.doc_id, c.seq FROM cell_lookups c JOIN docs d "
                                f"ON d.doc_id = c.doc_id WHERE c.lookup IN ({','.join('?' * len(chunk))})", chunk))
    return [(doc_id, seq) for _, doc_id, seq in sorted(found)]


def table_places(db: sqlite3.Connection, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], TablePlace]:
    """The content digest and place of each of the tables (doc_id, seq) verification reads."""
    wanted = set(keys)
    doc_ids = sorted({doc_id for doc_id, _ in wanted})
    found: dict[tuple[str, int], TablePlace] = {}
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start:start + 500]
        for doc_id, seq, *place in db.execute("SELECT doc_id, seq, digest, table_id, start, end, page, section FROM "
                                              f"cell_tables WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk):
            if (doc_id, seq) in wanted:
                found[(doc_id, seq)] = TablePlace(*place)
    return found


def label_counts(db: sqlite3.Connection, axis: str) -> Counter[str]:
    """How many records of the library use each label on the axis (entity or attribute)."""
    return Counter(dict(db.execute("SELECT label, sum(n) FROM cell_labels WHERE axis = ? GROUP BY label "
                                   "ORDER BY label", (axis,))))


def measures(db: sqlite3.Connection) -> frozenset[str]:
    """The measures the library's tables report (synth.verify.facts.measures_of), library-wide."""
    return frozenset(m for (m,) in db.execute("SELECT DISTINCT measure FROM cell_measures"))


def tables_by_metric(db: sqlite3.Connection, key: str) -> set[tuple[str, int]]:
    """Tables with a record whose metric key (synth.analysis.metric_key) is `key`."""
    return set(db.execute("SELECT DISTINCT doc_id, seq FROM cell_metrics WHERE key = ?", (key,)))


def metrics_starting(db: sqlite3.Connection, prefix: str) -> set[tuple[str, str]]:
    """(metric key, metric as printed) of every record whose canonical metric starts with `prefix`."""
    if not prefix:
        return set(db.execute("SELECT DISTINCT key, metric FROM cell_metrics"))
    low, high = _prefix_range(prefix)
    sql = "SELECT DISTINCT key, metric FROM cell_metrics WHERE canon >= ?"
    return set(db.execute(sql + " AND canon < ?", (low, high)) if high is not None else db.execute(sql, (low,)))


def metric_names(db: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    """Each document's (canonical metric, metric) pairs: in the order its records first use them, with
    the spelling of the last record that uses them."""
    found: dict[str, list[tuple[str, str]]] = {}
    for doc_id, canon, metric in db.execute("SELECT doc_id, canon, metric FROM cell_metric_names "
                                            "ORDER BY doc_id, ord"):
        found.setdefault(doc_id, []).append((canon, metric))
    return found
