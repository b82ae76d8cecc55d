"""Text values a table states with marks: a column headed by one variant of a thing, its rows checked or left
blank ("FFNGEGLU ✓" in Switch Transformers' Table 9, whose ✓ the PDF's math font writes as "X"). For "which
feed-forward layer variant does Switch-XXL use" the value is the header of the column its row checks; a row left
blank says nothing (Switch-C), and a column of the asked words alone ("Normalization ✓") names no variant.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from synth.models import AttributeKind, Evidence, PassageKind, Plan, PlanAttribute, Table
from synth.names import canonical, family, key, match_entity, words_of
from synth.quotes import table_row
from synth.retrieve.asks.candidates import Candidate
from synth.vocabulary import Vocabulary

_CHECKS = frozenset({"✓", "✔", "√", "X"})
_BLANKS = frozenset({"", "✗", "✘", "-", "–", "—", "×"})
_GENERIC = frozenset(key(w) for w in ("layer", "network", "model", "variant", "type", "kind", "function", "unit"))


def _blocks(table: Table) -> Iterator[tuple[tuple[str, ...], list[int]]]:
    """The table's header and its row indexes, then each header repeated inside it ("Model | Expert Freq. | …")
    with the rows under it."""
    header = tuple(table.header)
    rows: list[int] = []
    for r, row in enumerate(table.rows):
        if row and header and row[0].strip() and row[0].strip() == header[0].strip():
            yield header, rows
            header, rows = tuple(row), []
            continue
        rows.append(r)
    yield header, rows


def _checked(table: Table, rows: list[int], column: int) -> set[int]:
    """The rows a column of marks checks; none when the column holds anything but marks and blanks, or checks no
    row. A column using "✓" too writes "X" for no."""
    cells = {r: table.rows[r][column].strip() if column < len(table.rows[r]) else "" for r in rows}
    checks = _CHECKS - ({"X"} if any(c in {"✓", "✔", "√"} for c in cells.values()) else set())
    if not cells or any(c not in _CHECKS and c not in _BLANKS for c in cells.values()):
        return set()
    return {r for r, c in cells.items() if c in checks}


def _of_kind(label: str, attribute: PlanAttribute, acronyms: dict[str, str]) -> bool:
    """The header names a variant of the asked thing: it opens on an acronym standing for the asked words ("FFN"
    for a feed-forward layer) or uses an asked word, and says more than the asked words."""
    asked = {w for w in words_of(attribute.name) if w not in _GENERIC}
    if not asked or words_of(label) <= words_of(attribute.name):
        return False
    if words_of(label) & asked:
        return True
    compact = re.sub(r"[^A-Za-z0-9]", "", label)
    return any(compact.startswith(acronym) and len(compact) > len(acronym) and words_of(expansion) & asked
               for acronym, expansion in acronyms.items() if len(acronym) >= 2)


def mark_candidates(plan: Plan, vocab: Vocabulary) -> dict[tuple[int, int], list[Candidate]]:
    """Text values of the plan's text attributes read from the columns of marks of tables holding a subject."""
    found: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    asked = [(j, a) for j, a in enumerate(plan.attributes) if a.kind is AttributeKind.TEXT]
    if not asked:
        return found
    tables: dict[str, tuple[str, Table]] = {}
    for item in vocab.records_for([s for subject in plan.subjects for s in subject.spellings],
                                  [canonical(family(s.name)) for s in plan.subjects],
                                  {home for subject in plan.subjects for home in subject.home_sources}):
        tables.setdefault(item.record.table.table_id, (item.source, item.record.table))
    for source, table in tables.values():
        for header, rows in _blocks(table):
            for column in range(1, len(header)):
                label = header[column].strip()
                kinds = [(j, a) for j, a in asked if _of_kind(label, a, vocab.acronyms)]
                checked = _checked(table, rows, column) if kinds else set()
                for r in sorted(checked):
                    entity = table.rows[r][0].strip()
                    for i, subject in enumerate(plan.subjects):
                        match = match_entity(subject.spellings, entity)
                        if match is None or match.member is not None:
                            continue
                        evidence = Evidence(source, table.doc_id, f"{entity} | {label} | {table.rows[r][column]}",
                                            table.start, table.end, table.page, table.section,
                                            PassageKind.TABLE_ROW, table_caption=table.caption,
                                            table_row=table_row(table, r, [column]))
                        for j, attribute in kinds:
                            found[(i, j)].append(Candidate(
                                subject.name, attribute.name, entity, None, label, None, None, evidence, True,
                                source in subject.home_sources, True, None, table.low_confidence))
    return found
