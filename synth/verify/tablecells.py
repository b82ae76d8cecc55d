"""Verification's way to the library's table cells: only the tables a claim's tokens can name.

`tables_named` (synth.verify.cells) looks a claim's tokens up in an index of label forms keyed by
their first token (and initials, and two-letter prefixes). Which keys a claim looks up depends on the
claim alone, and which keys a table's labels are filed under on the table alone, so the tables a
claim can name are those the cell index (synth.cellindex) files under one of the claim's keys: an
index of those tables gives the claim exactly the mentions and places an index of every table of the
library would. Nothing here holds the library's cells; a cache bounded by estimated bytes (not by a
count of tables: one table may have ten cells or ten thousand) keeps the grids of recently named
tables, since a report's claims name the same few tables again and again. A table printed again in
another document (one paper as PDF and as markdown, two versions of it, copies) gets the grids of its
twin in the cache with its own identity (`rebound`), not made again: grids depend on the table's
content alone. The budget counts a content's grids once, however many copies of it are held, so copies
do not push the grids out and have them made again (at 16 copies of the shared PDFs they did); the
sibling forms of a table's labels are made once per distinct label list, not once per copy. The cell
index keeps a digest of each table's content and its place (synth.cellindex.table_places): a copy of a
held content is rebound at its place without its document being read.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from synth.cellindex import TablePlace, verified_table, verified_tables
from synth.grids import Grid
from synth.models import Document, Passage, PassageKind, Table
from synth.verify.cells import CellIndex, LabelPlace, build_index, table_places
from synth.verify.labels import LabelForm, add_sibling_variants, find_mentions, index_forms

# 32 MB as estimated (about 20 MB by tracemalloc): the grids a report's claims name at 64 copies of the
# shared markdown corpus (1,536 tables) fit; at 16 MB a warm build made 4,326 grids for them, not 1,536
KEPT_BYTES = 32 * 2**20
Placed = list[tuple[Grid, list[tuple[str, LabelPlace]]]]


def rebound(placed: Placed, table: Table) -> Placed:
    """A twin's grids and places as `table_places(table, 0)` makes them for `table`, which has the
    twin's content (grid_parts and the label places never read where a table is): each grid's table
    (the table itself, or a part of it) takes the table's place (Table.at)."""
    return [(replace(grid, table=grid.table.at(table)), places) for grid, places in placed]


class _Lookups(dict[str, list[LabelForm]]):
    """Records every key `find_mentions` looks up, and finds nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: object = None) -> list[LabelForm]:  # type: ignore[override]
        self.asked.add(key)
        return []


@lru_cache(maxsize=65536)
def _forms(key: str) -> tuple[tuple[str, LabelForm], ...]:
    """The label forms of one index key with their lookup keys, in the order `index_forms` files them:
    filing the keys one by one in order gives the lists `index_forms` gives them all at once."""
    return tuple((lookup, form) for lookup, forms in index_forms([key]).items() for form in forms)


@lru_cache(maxsize=4096)
def _sibling_forms(labels: tuple[str, ...]) -> tuple[tuple[str, tuple[LabelForm, ...]], ...]:
    """What `add_sibling_variants` adds for one table's labels, made once per distinct label list: the
    copies of a table printed again have the same labels, and adding them is what grew with copies."""
    added: dict[str, list[LabelForm]] = {}
    add_sibling_variants(list(labels), added)
    return tuple((lookup, tuple(forms)) for lookup, forms in added.items())


def placed_size(placed: Placed) -> int:
    """Roughly what one table's grids and label places cost in memory: each cell (a GridCell and its
    row and column paths), each row and column path, each place and its positions. An estimate in
    the spirit of synth.library.documents.size_of, for a budget, not an exact measure."""
    total = 0
    for grid, places in placed:
        total += 600 + 250 * len(grid.cells) + 120 * (len(grid.row_paths) + len(grid.column_paths))
        total += sum(150 + len(label) + 8 * len(place.positions) for label, place in places)
    return total


def rebound_size(placed: Placed) -> int:
    """What a copy rebound from a held twin adds: its own grid objects, the cells and places being the twin's."""
    return 600 * len(placed)


def lookup_keys(text: str) -> set[str]:
    """The keys `find_mentions` looks the text's tokens up under."""
    probe = _Lookups()
    find_mentions(text, probe, longest_only=False)
    return probe.asked


class _Group:
    """The tables of one named_in index with the same grids and places (a table and its copies): each
    label's places within one table, made once, and where each member's first grid is in the index."""

    def __init__(self, placed: Placed) -> None:
        self.placed = placed  # kept alive: the group is known by the identity of its places lists
        self.by_label: dict[str, list[tuple[int, str, tuple[int, ...]]]] = {}
        labels: list[str] = []
        for offset, (_, places) in enumerate(placed):
            for label, place in places:
                self.by_label.setdefault(label, []).append((offset, place.axis, place.positions))
                labels.append(label)
        self.labels = tuple(labels)
        self.first_grids: list[int] = []


class _Places(Mapping[str, list[LabelPlace]]):
    """label → its places in every table of a named_in index, in grid order (as `build_index` lists
    them), made when asked: a claim names few of the labels of the tables it can name, and a group's
    copies add only their grid numbers."""

    def __init__(self, groups: list[_Group]) -> None:
        self._groups = groups
        self._labels = dict.fromkeys(label for group in groups for label in group.by_label)
        self._made: dict[str, list[LabelPlace]] = {}

    def __getitem__(self, label: str) -> list[LabelPlace]:
        made = self._made.get(label)
        if made is None:
            if label not in self._labels:
                raise KeyError(label)
            found = [(first + offset, axis, positions) for group in self._groups if label in group.by_label
                     for first in group.first_grids for offset, axis, positions in group.by_label[label]]
            found.sort(key=lambda place: place[0])  # stable: a table's own order kept within one grid
            made = self._made[label] = [LabelPlace(grid, axis, positions) for grid, axis, positions in found]
        return made

    def __contains__(self, label: object) -> bool:
        return label in self._labels

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


class TableCells:
    """The label index of the tables a text can name, from a store of which tables hold which keys.

    `lookup(keys)` answers the (doc_id, seq) of the tables filed under any of the keys, in library
    order (synth.cellindex.tables_by_lookup); `documents` gives each table's document."""

    def __init__(self, lookup: Callable[[Sequence[str]], list[tuple[str, int]]] | None,
                 documents: Mapping[str, Document], budget: int = KEPT_BYTES,
                 places: Callable[[Iterable[tuple[str, int]]], Mapping[tuple[str, int], TablePlace]] | None = None
                 ) -> None:
        self._lookup = lookup
        self._documents = documents
        self._budget = budget
        self._places = places
        self._placed: OrderedDict[tuple[str, int], tuple[Placed, object]] = OrderedDict()
        # content → (its grids' estimated bytes, the held tables with it): a content's grids are counted
        # once however many copies hold them, each further copy only for its own grid objects (`rebound`)
        self._holders: dict[object, tuple[int, dict[tuple[str, int], None]]] = {}
        # the cell index's digest of a held content (`places`, synth.cellindex.table_places), both ways: a
        # table with that digest is rebound from the held one without its document being read
        self._held_digests: dict[str, object] = {}
        self._digest_of: dict[object, str] = {}
        self.held_bytes = 0

    def named_in(self, text: str) -> CellIndex:
        """An index of every table whose labels the text's tokens can name (module docstring): the
        index `build_index` makes of those tables, their grids and places reused from the cache. Copies
        of a table (the same places, `rebound`) are one `_Group`: their labels are gathered and their
        sibling forms made once, not once per copy; a label's places are listed when a mention asks."""
        index = CellIndex()
        groups: dict[tuple[int, ...], _Group] = {}
        keys = self._lookup(sorted(lookup_keys(text))) if self._lookup is not None else []
        known = self._places(k for k in keys if k not in self._placed) if self._places is not None else {}
        for key in keys:
            placed = self._table(key, known.get(key))
            if not placed:
                continue
            same = tuple(id(places) for _, places in placed)  # a group holds its lists: no id is reused
            group = groups.get(same)
            if group is None:
                group = groups[same] = _Group(placed)
            group.first_grids.append(len(index.grids))
            index.grids.extend(view for view, _ in placed)
        index.places = places = _Places(list(groups.values()))
        for label in places:  # index_forms of the keys, each key's forms made once per process
            for lookup, form in _forms(label):
                index.forms.setdefault(lookup, []).append(form)
        # siblings are told apart within their own table, as synth.cellindex files them; a label list's
        # forms once (find_mentions reads a form filed twice as once: its mentions are a set)
        for labels in dict.fromkeys(group.labels for group in groups.values()):
            for lookup, forms in _sibling_forms(labels):
                index.forms.setdefault(lookup, []).extend(forms)
        return index

    def _table(self, key: tuple[str, int], known: TablePlace | None = None) -> Placed:
        """One table's grids and places, from the cache, rebound from a held twin, or made and kept; the
        least recently named tables leave once the estimated bytes pass the budget (the newest always stays).
        A table the cell index `known`s to hold a held content is rebound from it at its place, unread."""
        if key in self._placed:
            self._placed.move_to_end(key)
            return self._placed[key][0]
        content: object = self._held_digests.get(known.digest) if known is not None else None
        holders: tuple[int, dict[tuple[str, int], None]] | None
        placed: Placed
        if content is not None and known is not None:
            holders = self._holders[content]
            placed = rebound(self._placed[next(iter(holders[1]))][0], _placed_at(key[0], known))
        else:
            table = verified_table(self._documents[key[0]], key[1])
            content = table.content()
            holders = self._holders.get(content)
            if holders is not None:
                placed = rebound(self._placed[next(iter(holders[1]))][0], table)
            else:
                placed = table_places(table, 0)
                if known is not None:
                    self._held_digests[known.digest], self._digest_of[content] = content, known.digest
        self._placed[key] = (placed, content)
        if holders is None:
            self._holders[content] = (placed_size(placed), {key: None})
            self.held_bytes += placed_size(placed)
        else:
            holders[1][key] = None
            self.held_bytes += rebound_size(placed)
        while self.held_bytes > self._budget and len(self._placed) > 1:
            old, (old_placed, old_content) = self._placed.popitem(last=False)
            cost, keys = self._holders[old_content]
            del keys[old]
            if keys:
                self.held_bytes -= rebound_size(old_placed)
            else:
                self.held_bytes -= cost
                del self._holders[old_content]
                if old_content in self._digest_of:
                    del self._held_digests[self._digest_of.pop(old_content)]
        return placed


def _placed_at(doc_id: str, place: TablePlace) -> Table:
    """A table holding nothing, where `place` says a table is: what `rebound` reads of a copy (Table.at)."""
    return Table(place.table_id, doc_id, "", (), (), (), place.start, place.end, place.page, place.section)


class AllTables(TableCells):
    """Every table of the documents in one index built up front: the in-memory path the cell index
    replaces, kept to check it against (tests) and for a library without a passage index."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        super().__init__(None, documents)
        self._index = build_index([t for d in documents.values() for t in verified_tables(d)])

    def named_in(self, text: str) -> CellIndex:
        return self._index


class RowSpans(Mapping[tuple[str, int], tuple[int, int]]):
    """Where each table row is printed: (table_id, row) → the span of its row passage, read from the
    table's document when asked (and kept with it in the bounded document cache), never for every
    table of the library at once. A table's rows have spans only when the document has one row
    passage per table row."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self._documents = documents

    def _spans(self, table_id: str) -> dict[tuple[str, int], tuple[int, int]]:
        doc_id = table_id.rsplit("#", 1)[0]
        document = self._documents.get(doc_id)
        if document is None:
            return {}
        derived = getattr(document, "derived", None)
        spans: dict[tuple[str, int], tuple[int, int]] = (
            derived("row_spans", row_spans) if derived is not None else row_spans(document))
        return spans

    def __getitem__(self, key: tuple[str, int]) -> tuple[int, int]:
        return self._spans(key[0])[key]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for document in self._documents.values():
            yield from row_spans(document)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def row_spans(document: Document) -> dict[tuple[str, int], tuple[int, int]]:
    """The row passages of each table of a document whose rows all have one."""
    by_table: dict[str, list[Passage]] = {}
    for passage in document.passages:
        if passage.kind is PassageKind.TABLE_ROW and passage.table_id:
            by_table.setdefault(passage.table_id, []).append(passage)
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for table in document.tables:
        rows = by_table.get(table.table_id, [])
        if len(rows) == len(table.rows):
            for number, passage in enumerate(rows):
                spans[(table.table_id, number)] = (passage.start, passage.end)
    return spans


