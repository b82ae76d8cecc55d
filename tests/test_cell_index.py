"""The table-cell index (synth.cellindex) against the in-memory walk over every table it replaces:
verification's lookups name the same tables, rows and columns; the vocabulary's label counts and
measures are the same; a question's subjects reach every record the full walk would match, in the
same order; and after any sequence of added, changed and removed files the index answers as a fresh
one does."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from libraries import fixture_library

from synth.cellindex import ATTRIBUTE, ENTITY, content_digest, verified_table, verified_tables
from synth.index import PassageIndex, cells_of
from synth.models import Library
from synth.names import canonical, family, match_entity
from synth.tables import records
from synth.verify import tablecells
from synth.verify.cells import TableView, build_index, table_places, tables_named
from synth.verify.facts import measures_of, normalised
from synth.verify.labels import find_mentions
from synth.verify.tablecells import RowSpans, TableCells, lookup_keys, placed_size, rebound, rebound_size, row_spans
from synth.vocabulary import LibraryRecord, Vocabulary, text_tables

EXTRA = """# Zeta notes

Table 1: Results of instruction-tuned models.

| Model | MMLU | GSM8K | HumanEval (Pass@1) |
|---|---|---|---|
| Zeta-7B | 61.2 | 52.0 | 40.1 |
| Zeta-7B-Base | 58.3 | 41.9 | 33.0 |
| Qwen2.5-7B | 74.2 | 85.4 | 57.9 |
| Audio2vec-U | 12.0 | 13.5 | 9.9 |
| Audio2vec-C | 12.5 | 14.0 | 10.1 |

Model Layers Width Heads Parameters
Tiny 4 384 6 39M
Base 6 512 8 74M
"""


def _library(tmp_path: Path, extra: str = EXTRA) -> tuple[Library, PassageIndex]:
    return fixture_library(tmp_path, extra)


def _texts(library: Library) -> list[str]:
    """Claims naming every label of every table, alone and in pairs, and some free text."""
    labels: list[str] = []
    for document in library.documents:
        for table in document.tables:
            labels += [h for h in table.header if h.strip()] + [r[0] for r in table.rows if r and r[0].strip()]
    labels = list(dict.fromkeys(labels))
    rng = random.Random(7)
    texts = [f"{label} scores 61.2." for label in labels]
    texts += [f"{a} is better than {b} on {c}." for a, b, c in (rng.sample(labels, 3) for _ in range(60))]
    texts += ["DS-Coder-V2 beats GPT-4o on MT-Bench.", "The model has 7B parameters.", "Nothing in tables here."]
    return texts


def _views(views: list[TableView]) -> list[tuple[object, ...]]:
    return [(v.table.table_id, v.rows, v.columns, v.caption_words) for v in views]


def test_claims_name_the_same_tables_as_an_index_of_every_table(tmp_path: Path) -> None:
    library, index = _library(tmp_path)
    documents = {d.doc_id: d for d in library.documents}
    everything = build_index([t for d in library.documents for t in verified_tables(d)])
    stored = TableCells(index.cell_tables_named, documents)
    placed = TableCells(index.cell_tables_named, documents, places=index.cell_table_places)
    named = 0
    for text in _texts(library):
        expected = _views(tables_named(text, everything))
        assert _views(tables_named(text, stored.named_in(text))) == expected, text
        assert _views(tables_named(text, placed.named_in(text))) == expected, text
        named += bool(expected)
    assert named > 20  # the texts do name tables: the comparison is not between two empty lists
    index.close()


def test_the_grid_cache_holds_no_more_than_its_byte_budget_and_names_the_same_tables(tmp_path: Path) -> None:
    """A budget of a few tables' grids: tables leave and are made again, the answers do not change,
    and the held estimate never passes the budget unless one table alone is larger."""
    library, index = _library(tmp_path)
    documents = {d.doc_id: d for d in library.documents}
    everything = build_index([t for d in library.documents for t in verified_tables(d)])
    sizes = sorted(placed_size(TableCells(index.cell_tables_named, documents)._table((doc_id, seq)))
                   for doc_id, document in documents.items() for seq in range(len(document.tables)))
    budget = sum(sizes[-3:])
    small = TableCells(index.cell_tables_named, documents, budget=budget)
    tiny = TableCells(index.cell_tables_named, documents, budget=1)
    evicted = False
    for text in _texts(library):
        expected = _views(tables_named(text, everything))
        assert _views(tables_named(text, small.named_in(text))) == expected, text
        assert _views(tables_named(text, tiny.named_in(text))) == expected, text
        assert small.held_bytes <= budget
        assert len(tiny._placed) <= 1 and tiny.held_bytes <= sizes[-1]
        evicted = evicted or len(small._placed) < len(sizes)
    assert len(sizes) > 3 and evicted
    index.close()


def test_a_tables_estimated_size_grows_with_its_cells(tmp_path: Path) -> None:
    library, index = _library(tmp_path)
    documents = {d.doc_id: d for d in library.documents}
    cells = TableCells(index.cell_tables_named, documents)
    placed = [cells._table((doc_id, seq)) for doc_id, d in documents.items() for seq in range(len(d.tables))]
    by_cells = sorted((sum(len(g.cells) for g, _ in p), placed_size(p)) for p in placed if p)
    assert by_cells[0][0] < by_cells[-1][0] and by_cells[0][1] < by_cells[-1][1]
    assert all(size > 250 * count for count, size in by_cells)
    index.close()


def test_a_table_printed_again_gets_its_twins_grids_with_its_own_identity(tmp_path: Path) -> None:
    """Every markdown file again under another name, a line before it (so its tables start elsewhere): the
    grids rebound from a twin equal those made for the table, and claims name the same tables as an index
    of every table."""
    _library(tmp_path)
    for path in sorted((tmp_path / "lib").glob("*.md")):
        (path.parent / f"again-{path.name}").write_text("Printed again.\n\n" + path.read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    library, index = _library(tmp_path)
    documents = {d.doc_id: d for d in library.documents}
    first: dict[tuple[object, ...], object] = {}
    twins = 0
    for document in library.documents:
        for table in document.tables:
            twin = first.setdefault(table.content(), table)
            if twin is not table:
                assert (twin.table_id, twin.start) != (table.table_id, table.start)  # type: ignore[attr-defined]
                assert rebound(table_places(twin, 0), table) == table_places(table, 0)  # type: ignore[arg-type]
                twins += 1
    assert twins >= 3
    everything = build_index([t for d in library.documents for t in verified_tables(d)])
    stored = TableCells(index.cell_tables_named, documents)
    for text in _texts(library):
        assert _views(tables_named(text, stored.named_in(text))) == _views(tables_named(text, everything)), text
    index.close()


def test_library_statistics_equal_a_count_over_every_record(tmp_path: Path) -> None:
    library, index = _library(tmp_path)
    found = [r for d in library.documents
             for table, in_columns in [*((t, None) for t in d.tables), *text_tables(d)]
             for r in records(table, in_columns=in_columns)]
    assert found
    assert index.cell_labels(ENTITY) == Counter(r.entity for r in found)
    assert index.cell_labels(ATTRIBUTE) == Counter(r.attribute for r in found)
    own = [normalised(r) for d in library.documents for t in d.tables for r in records(t)]
    assert index.cell_measures() == frozenset(m for r in own for m in measures_of(r.attribute))
    spans = RowSpans({d.doc_id: d for d in library.documents})
    expected = {k: v for d in library.documents for k, v in row_spans(d).items()}
    assert expected and dict(spans) == expected
    index.close()


def _walk(library: Library) -> list[LibraryRecord]:
    """Every record of every table of every source, in library order (the vocabulary's old walk)."""
    out = []
    for source in library.sources:
        if source.document is not None:
            for table, in_columns in [*((t, None) for t in source.document.tables), *text_tables(source.document)]:
                out.extend(LibraryRecord(source.key, r) for r in records(table, in_columns=in_columns))
    return out


def _key(item: LibraryRecord) -> tuple[object, ...]:
    return (item.source, item.record.table.table_id, item.record.row, item.record.column)


def test_subjects_reach_every_record_they_can_match_in_library_order(tmp_path: Path) -> None:
    library, index = _library(tmp_path)
    vocab = Vocabulary(library)
    walk = _walk(library)
    position = {_key(item): n for n, item in enumerate(walk)}
    subjects = [*sorted({r.record.entity for r in walk}), "Qwen2.5", "Zeta", "Whisper tiny", "Mixtral 8x7B"]
    for subject in subjects:
        spellings = (subject,)
        families = [canonical(family(subject))]
        homes = {walk[0].source}
        got = list(vocab.records_for(spellings, families, homes))
        keys = [_key(item) for item in got]
        assert keys == sorted(keys, key=position.__getitem__), subject  # library order
        wanted = {_key(item) for item in walk
                  if match_entity(spellings, item.record.entity) is not None or item.source in homes
                  or canonical(item.record.entity).startswith(families[0])}
        assert wanted <= set(keys), subject
    assert cells_of(library) is index  # the vocabulary read the build's index, not one of its own
    index.close()


def test_a_table_printed_again_gives_the_records_a_walk_gives(tmp_path: Path) -> None:
    """With every markdown file printed again elsewhere, the records a subject reaches (its twins' records
    rebound to the table) are those a walk over every table makes, equal in every field."""
    _library(tmp_path)
    for path in sorted((tmp_path / "lib").glob("*.md")):
        (path.parent / f"again-{path.name}").write_text("Printed again.\n\n" + path.read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    library, index = _library(tmp_path)
    vocab = Vocabulary(library)
    walk = {_key(item): item for item in _walk(library)}
    tables = set()
    for subject in sorted({item.record.entity for item in walk.values()}):
        for item in vocab.records_for((subject,), [canonical(family(subject))], set()):
            assert item == walk[_key(item)], subject
            tables.add(item.record.table.table_id)
    assert 0 < len(vocab._twins) < len(tables)  # some tables' records came from a twin
    index.close()


@pytest.mark.parametrize("seed", [3, 11])
def test_the_index_follows_random_edits_as_a_fresh_one(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    rows = ["| Zeta-7B | 61.2 | 52.0 |", "| Eta-13B | 66.0 | 58.1 |", "| Theta-2B | 40.3 | 22.2 |",
            "| Qwen2.5-7B | 74.2 | 85.4 |"]
    for step in range(5):
        body = "\n".join(rng.sample(rows, rng.randint(1, len(rows))))
        extra = f"# Step {step}\n\n| Model | MMLU | GSM8K |\n|---|---|---|\n{body}\n"
        if step == 3:
            (tmp_path / "lib" / "library-mixtral-notes.md").unlink()
        library, index = _library(tmp_path, extra)
        fresh = PassageIndex(library, None)
        for axis in (ENTITY, ATTRIBUTE):
            assert index.cell_labels(axis) == fresh.cell_labels(axis)
        assert index.cell_measures() == fresh.cell_measures()
        for text in _texts(library):
            keys = sorted(lookup_keys(text))
            assert index.cell_tables_named(keys) == fresh.cell_tables_named(keys)
        prefixes = ["z", "qwen", "eta", "theta", "mixtral"]
        assert index.cell_tables_of(prefixes, prefixes) == fresh.cell_tables_of(prefixes, prefixes)
        fresh.close()
        index.close()


def test_scaling_series_read_the_records_a_walk_over_every_table_reads(tmp_path: Path) -> None:
    from synth.analysis import library_metrics, metric_key, metric_matches, metric_records
    from synth.tables import split_setting

    library, index = _library(tmp_path)
    every = [(s.key, r) for s in library.sources if s.document is not None
             for table in s.document.tables for r in records(table)]
    assert library_metrics(library) == {canonical(r.metric): r.metric for _, r in every if r.metric}
    assert list(library_metrics(library)) == list({canonical(r.metric): r.metric for _, r in every if r.metric})
    metrics = sorted({r.metric or r.attribute for _, r in every})
    assert len(metrics) > 10
    for metric in [*metrics, "MMLU", "Pass@1", "", "zzz"]:
        walked = [(k, r) for k, r in every if metric_matches(r, metric)]
        assert [(k, r) for k, r in metric_records(library, metric) if metric_matches(r, metric)] == walked
        prefix = canonical(metric)
        near = {r.metric for _, r in every if not metric_matches(r, metric) and canonical(r.metric).startswith(prefix)}
        wanted = canonical(split_setting(metric)[0])
        assert all(metric_key(r) == wanted for _, r in walked)
        assert {m for key, m in index.cell_metrics_starting(prefix) if key != wanted} == near
    index.close()


def test_copies_of_a_table_do_not_push_its_grids_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every markdown file printed again seven times: a budget that holds each distinct table's grids once and
    each copy's own grid objects holds every copy (a copy is not counted as a table of its own), so walking
    every table twice makes each distinct table's grids once."""
    _library(tmp_path)
    for path in sorted((tmp_path / "lib").glob("*.md")):
        for n in range(7):
            (path.parent / f"again{n}-{path.name}").write_text(f"Printed again {n}.\n\n" + path.read_text(
                encoding="utf-8"), encoding="utf-8")
    library, index = _library(tmp_path)
    documents = {d.doc_id: d for d in library.documents}
    keys = [(doc_id, seq) for doc_id, d in documents.items() for seq in range(len(d.tables))]
    distinct: dict[object, int] = {}
    for doc_id, seq in keys:
        distinct.setdefault(documents[doc_id].tables[seq].content(), placed_size(table_places(
            documents[doc_id].tables[seq], 0)))
    made: list[object] = []
    monkeypatch.setattr("synth.verify.tablecells.table_places",
                        lambda table, start: made.append(table.content()) or table_places(table, start))
    placed = [TableCells(index.cell_tables_named, documents)._table(key) for key in keys]
    budget = sum(distinct.values()) + sum(rebound_size(p) for p in placed)
    assert len(keys) >= 8 * len(distinct) > 8 and budget < sum(placed_size(p) for p in placed) / 4
    made.clear()
    cells = TableCells(index.cell_tables_named, documents, budget=budget)
    for _ in range(2):
        for key in keys:
            cells._table(key)
    assert sorted(map(repr, made)) == sorted(map(repr, distinct)) and cells.held_bytes <= budget
    index.close()


SIBLINGS = """# Emb notes

Table 2: Relation extraction with embeddings.

| Model | F1 |
|---|---|
| +Emb (GloVe) | 61.2 |
| +Emb (FastText) | 60.4 |
| Base | 55.0 |
"""


def test_copies_of_a_table_tell_siblings_apart_as_each_table_alone_does(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A table whose rows differ only in a parenthesis, printed four times: a claim naming "GloVe" finds the
    same mentions and tables as an index of every table does, and the sibling forms of the four identical
    label lists are made and filed once (a form filed four times finds the same mentions as one)."""
    _library(tmp_path, SIBLINGS)
    for n in range(3):
        (tmp_path / "lib" / f"again{n}-emb.md").write_text(f"Printed again {n}.\n\n{SIBLINGS}", encoding="utf-8")
    library, index = _library(tmp_path, SIBLINGS)
    documents = {d.doc_id: d for d in library.documents}
    made: list[tuple[str, ...]] = []
    original = tablecells.add_sibling_variants
    monkeypatch.setattr(tablecells, "add_sibling_variants", lambda keys, out: made.append(tuple(keys)) or original(
        keys, out))
    tablecells._sibling_forms.cache_clear()
    text = "+Emb with GloVe scores 61.2 F1."
    named = TableCells(index.cell_tables_named, documents).named_in(text)
    emb = [labels for labels in made if "+Emb (GloVe)" in labels]
    copies = [g for g in named.grids if g.table.caption.startswith("Table 2: Relation extraction")]
    assert len(made) == len(set(made)) and len(emb) == 1 and len(copies) == 4
    assert [f.label for f in named.forms["glove"] if f.tokens == ("glove",)] == ["+Emb (GloVe)"]
    everything = build_index([t for d in library.documents for t in verified_tables(d)])
    assert find_mentions(text, named.forms, longest_only=False) == find_mentions(text, everything.forms,
                                                                                 longest_only=False)
    reached = [verified_table(documents[d], seq) for d, seq in index.cell_tables_named(sorted(lookup_keys(text)))]
    alone = build_index(reached)
    assert [(label, named.places[label]) for label in named.places] == list(alone.places.items())
    assert named.grids == alone.grids
    assert _views(tables_named(text, named)) == _views(tables_named(text, everything))
    index.close()


def test_copies_of_a_held_table_are_rebound_from_the_index_unread(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A table printed four times: with the cell index's digests and places, the first copy a claim names is
    read from its document and the other three are its grids at their own places, their documents unread;
    the index is the one the documents' own tables make, copy by copy."""
    _library(tmp_path, SIBLINGS)
    for n in range(3):
        (tmp_path / "lib" / f"again{n}-emb.md").write_text(f"Printed again {n}.\n\n{SIBLINGS}", encoding="utf-8")
    library, index = _library(tmp_path, SIBLINGS)
    documents = {d.doc_id: d for d in library.documents}
    text = "+Emb with GloVe scores 61.2 F1."
    keys = index.cell_tables_named(sorted(lookup_keys(text)))
    places = index.cell_table_places(keys)
    assert set(places) == set(keys)
    for (doc_id, seq), place in places.items():
        table = verified_table(documents[doc_id], seq)
        assert table is not None and place.digest == content_digest(table)
        assert (place.table_id, place.start, place.end, place.page, place.section) == (
            table.table_id, table.start, table.end, table.page, table.section)
    read: list[tuple[str, int]] = []
    original = tablecells.verified_table
    monkeypatch.setattr(tablecells, "verified_table", lambda document, seq: read.append((document.doc_id, seq))
                        or original(document, seq))
    unread = TableCells(index.cell_tables_named, documents, places=index.cell_table_places).named_in(text)
    copies = {key for key in keys if places[key].digest == places[read[0]].digest}
    assert len(copies) == 4 and not copies - {read[0]} & set(read)
    read.clear()
    every = TableCells(index.cell_tables_named, documents).named_in(text)
    assert copies <= set(read)
    assert unread.grids == every.grids and list(unread.places.items()) == list(every.places.items())
    assert unread.forms == every.forms
    assert _views(tables_named(text, unread)) == _views(tables_named(text, every))
    index.close()
