"""Deterministic reasoning over table cells for the atoms tables are cited for.

For each atom the cells are found by the labels its clause names (synth.verify.cells):

* FIGURE: the cell at (the row named nearest the figure, the column named nearest it) states the
  figure (at the claim's precision; 0.93 ~ 93%) → supported; a different value → contradicted;
  a label naming several rows (a core without its variant) with different values → insufficient.
* COMPARISON: A's and B's cells on each attribute the clause names (else on every attribute both
  have): better/worse follow the metric's own direction (↓, error, loss, perplexity, rank …),
  higher/lower the raw value; a margin ("by 8.6 points", "+2.3%") or a ratio ("2× faster") must
  match the cells too. Every named attribute must hold; unnamed attributes must agree all one way,
  unless the claim says "most" (majority) or "all".
* EXTREME: A's cell is the highest / lowest (or best / worst) of its column among the rows of its
  group.

A denial ("does not outperform") swaps supported and contradicted. Every finding quotes the cells
it used with their header paths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synth import claimparse
from synth.claimparse import Quantity
from synth.models import AtomKind, Document, Evidence, Verdict
from synth.tables import Grid, GridCell
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.cells import TableView, cell_evidence
from synth.verify.labels import Mention, plain

_LOWER_BETTER = re.compile(r"↓|\berr(?:or)?s?\b|\bloss\b|perplexity|\bppl\b|\bwer\b|\bcer\b|\bter\b|\brank\b|\bmr\b|"
                           r"\bser\b|latency|\btime\b|\bmae\b|\bmse\b|\brmse\b|distance|\bfpr\b|\bfnr\b|invalid|"
                           r"\bmiss(?:ed)?\b|\bwrong\b|\brep\b|repetition", re.IGNORECASE)
TOLERANCE = 1e-9
# A misstated figure is of the cell's magnitude; beyond this ratio it is some other number.
PLAUSIBLE_RATIO = 3.0
# Share of unnamed attributes (every column both names have) that must agree with a comparison.
IMPLICIT_SUPPORT = 0.8
# Labels named (a distinctive one counting double) plus caption words shared: below this a table
# is not what the claim is about.
MIN_VIEW_SCORE = 3
# A figure is contradicted by the cells its row and column labels address only when they are few
# ("LiveCodeBench" over Easy / Medium / Hard / Overall) and none of them states it.
MAX_ADDRESSED = 4


@dataclass(frozen=True)
class Finding:
    """What one piece of evidence says of one atom of the claim."""

    atom: int
    status: Verdict
    evidence: tuple[Evidence, ...]
    note: str
    strength: float
    kind: str = "table"
    subject: str = ""
    attribute: str = ""
    setting: str = ""
    coverage: float = 1.0
    numeric: float = 1.0
    entity: float = 1.0
    relevance: float = 1.0

    @property
    def conflicting(self) -> bool:
        return any(e.conflicting_value is not None for e in self.evidence)

    @property
    def source(self) -> str:
        return self.evidence[0].source if self.evidence else ""


@dataclass(frozen=True)
class Context:
    """What reasoning needs besides the claim: where table rows are quoted from, and whose tables."""

    source_of: dict[str, str]
    row_spans: dict[tuple[str, int], tuple[int, int]]
    documents: dict[str, Document]
    titles: dict[str, frozenset[str]]


def lower_is_better(path: Sequence[str], caption: str = "") -> bool:
    return any(_LOWER_BETTER.search(label) for label in path)


def agrees(q: Quantity, value: float) -> bool:
    """The claim's figure states the cell: equal at the claim's precision (0.93 ~ 93%)."""
    candidates = [value]
    if q.unit == "%" and abs(value) <= 1.0 < q.value:
        candidates.append(value * 100)
    if q.unit != "%" and abs(q.value) <= 1.0 < abs(value):
        candidates.append(value / 100)
    return any(abs(round(c, q.decimals) - q.value) <= TOLERANCE for c in candidates)


def _in_clause(mentions: Sequence[tuple[Mention, tuple[int, ...]]], span: tuple[int, int]
               ) -> list[tuple[Mention, tuple[int, ...]]]:
    return [(m, p) for m, p in mentions if span[0] <= m.start < span[1]]


def _nearest(mentions: list[tuple[Mention, tuple[int, ...]]], position: int
             ) -> tuple[Mention, tuple[int, ...]] | None:
    if not mentions:
        return None
    return min(mentions, key=lambda item: (abs(item[0].start - position), item[0].start > position))


def _evidence(cells: list[GridCell], view: TableView, context: Context,
              conflicting: str | None = None) -> tuple[Evidence, ...]:
    return tuple(cell_evidence(cells, view.grid, context.source_of.get(view.table.doc_id, view.table.doc_id),
                               context.documents[view.table.doc_id], context.row_spans, conflicting))


def _label(cell: GridCell) -> str:
    return f"{' / '.join(cell.row_path)} | {' / '.join(cell.column_path)}"


# --- figures ----------------------------------------------------------------------------------------


def _plausible(q: Quantity, value: float) -> bool:
    """A cell can be the figure the claim misstates only when they are of one magnitude: 10.5
    against 69 is a difference read as a score, not a wrong score."""
    a, b = abs(q.value), abs(value)
    if q.unit == "%" and b <= 1.0 < a:
        b *= 100
    return a > 0 and b > 0 and max(a, b) / min(a, b) <= PLAUSIBLE_RATIO


def _bound(atom: AtomSpec, atoms: ClaimAtoms, named: Named) -> tuple[Mention, tuple[int, ...]] | None:
    """The label a figure is said of: as many figures as labels of one axis in a clause pair up in
    order ("A outscores B, 18.8% against 12.1%"); otherwise the label nearest the figure."""
    labels = list(dict.fromkeys(m.label for m, _ in named))
    figures = [a for a in atoms.atoms if a.kind is AtomKind.FIGURE and a.clause == atom.clause]
    if len(labels) >= 2 and len(figures) == len(labels):
        label = labels[figures.index(atom)]
        return next(item for item in named if item[0].label == label)
    return _nearest(named, atom.start)


def judge_figure(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                 context: Context) -> Finding | None:
    """A figure against the cells its clause's row and column labels address."""
    assert atom.quantity is not None
    rows = _bound(atom, atoms, _in_clause(view.rows, atom.clause))
    columns = _bound(atom, atoms, _in_clause(view.columns, atom.clause))
    if rows is None or columns is None:
        return None
    cells = [c for r in rows[1] for col in columns[1] if (c := view.cell(r, col)) is not None]
    if not cells:
        return None
    subject, attribute = plain(rows[0].label), plain(columns[0].label)
    setting = view.table.caption[:60]
    agreeing = [c for c in cells if agrees(atom.quantity, c.value)]
    if agreeing and (len({c.value for c in cells}) == 1 or len(rows[1]) == 1):
        return Finding(number, Verdict.SUPPORTED, _evidence(agreeing[:1], view, context),
                       f"the cell ({_label(agreeing[0])}) is {agreeing[0].raw}", 1.0, subject=subject,
                       attribute=attribute, setting=setting)
    exact = rows[0].whole and columns[0].whole and len(rows[1]) == 1
    if (exact and not agreeing and len(cells) <= MAX_ADDRESSED
            and all(_plausible(atom.quantity, c.value) for c in cells)):
        shown = ", ".join(c.raw for c in cells)
        return Finding(number, Verdict.CONTRADICTED, _evidence(cells, view, context, cells[0].raw),
                       f"the cell(s) ({_label(cells[0])}{' …' if len(cells) > 1 else ''}) say {shown}, "
                       f"not {atom.quantity.raw}", 1.0, subject=subject, attribute=attribute, setting=setting)
    return None


# --- comparisons and extremes ------------------------------------------------------------------------

Named = list[tuple[Mention, tuple[int, ...]]]


def _level(mention: Mention, positions: tuple[int, ...], paths: tuple[tuple[str, ...], ...]) -> int:
    """How deep in its header path a label sits (0 = outermost: a group, a spanning header)."""
    path, label = paths[positions[0]], plain(mention.label)
    return path.index(label) if label in path else len(path)


def _within(named: Named, paths: tuple[tuple[str, ...], ...]) -> list[int]:
    """Positions the labels address: labels of one level add up ("BLEU and METEOR"), labels of
    different levels narrow each other ("F1" under "Trigger Classification")."""
    levels: dict[int, set[int]] = {}
    for mention, positions in named:
        levels.setdefault(_level(mention, positions, paths), set()).update(positions)
    if not levels:
        return []
    common = set.intersection(*levels.values())
    return sorted(common or set().union(*levels.values()))


def _paths(view: TableView, axis: str) -> tuple[tuple[str, ...], ...]:
    return view.grid.row_paths if axis == "row" else view.grid.column_paths


def _split(view: TableView, atom: AtomSpec) -> tuple[str, Named, Named, Named] | None:
    """The axis the compared names sit on, the names compared on it (one level of its headers),
    the other names on it (narrowing the compared ones, as "precision" narrows "Portuguese vs
    English" in a table grouped by measure then language), and the other axis's names."""
    rows, columns = _in_clause(view.rows, atom.clause), _in_clause(view.columns, atom.clause)
    options = []
    for axis, names, others in (("row", rows, columns), ("column", columns, rows)):
        paths = _paths(view, axis)
        by_level: dict[int, Named] = {}
        for mention, positions in names:
            by_level.setdefault(_level(mention, positions, paths), []).append((mention, positions))
        for level, named in sorted(by_level.items(), key=lambda item: -item[0]):
            before = any(m.start < atom.start for m, _ in named)
            after = any(m.start >= atom.end for m, _ in named)
            if (before and after) if atom.kind is AtomKind.COMPARISON else bool(named):
                narrowing = [n for lv, group in by_level.items() if lv != level for n in group]
                options.append((axis, named, narrowing, others))
                break
    if not options:
        return None
    if atom.kind is AtomKind.EXTREME:
        # What is said to be the best is the clause's subject: the names before the cue, leftmost.
        options.sort(key=lambda o: min((m.start for m, _ in o[1] if m.start < atom.start), default=atom.end + 1))
    return options[0]


def _context_key(path: tuple[str, ...], label: str) -> tuple[str, ...]:
    return tuple(p for p in path if p != label)


def _narrowed(positions: tuple[int, ...], narrowing: Named, paths: tuple[tuple[str, ...], ...]) -> tuple[int, ...]:
    allowed = _within(narrowing, paths)
    kept = tuple(p for p in positions if p in allowed) if allowed else positions
    return kept or positions


def _pairs(view: TableView, axis: str, subject: tuple[Mention, tuple[int, ...]], objects: Named,
           narrowing: Named, attributes: Named) -> list[tuple[GridCell, GridCell]]:
    """(A's cell, B's cell) on each attribute: rows (or columns) that differ only in the compared
    label are paired, so "Europarl vs TED Talks" compares within the same language and measure."""
    paths = _paths(view, axis)
    along = _within(attributes, _paths(view, "column" if axis == "row" else "row"))
    candidates = []
    for obj, positions in objects:
        for x in _narrowed(subject[1], narrowing, paths):
            for y in _narrowed(positions, narrowing, paths):
                if x != y:
                    same = (_context_key(paths[x], plain(subject[0].label))
                            == _context_key(paths[y], plain(obj.label)))
                    candidates.append((x, y, same))
    if any(same for _, _, same in candidates):
        candidates = [c for c in candidates if c[2]]
    pairs = []
    for x, y, _ in candidates:
        if axis == "row":
            others = along or sorted({c.column for c in view.grid.cells if c.row == x})
            pairs += [(a, b) for o in others if (a := view.cell(x, o)) and (b := view.cell(y, o))]
        else:
            others = along or sorted({c.row for c in view.grid.cells if c.column == x})
            pairs += [(a, b) for o in others if (a := view.cell(o, x)) and (b := view.cell(o, y))]
    return pairs


_ON_NAME = re.compile(r"\b(?:on|in|for|at|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _unresolved(view: TableView, atom: AtomSpec, text: str) -> bool:
    """Whether the clause measures on something this table has no label for ("on MMLU-Pro" against
    a table without it): comparing every column instead would answer another question."""
    covered = [(m.start, m.end) for m, _ in (*view.rows, *view.columns)]
    for _, start, _ in claimparse.name_spans(text):
        if not (atom.clause[0] <= start < atom.clause[1]) or any(s <= start < e for s, e in covered):
            continue
        if _ON_NAME.search(text[max(atom.clause[0], start - 12):start]):
            return True
    return False


def _named(attributes: Named) -> bool:
    """Whether the claim names each attribute exactly (one column each), rather than a group of
    columns under a spanning header ("RMB" over its five sub-columns) or none at all."""
    return bool(attributes) and all(len(positions) == 1 for _, positions in attributes)


def _outcome(holds: list[bool], named: bool, quantifier: str) -> Verdict:
    """Supported when every compared cell agrees; contradicted when a named attribute (or, under
    "all", any) disagrees, or when none agrees; "most" takes the majority; unnamed attributes
    that disagree among themselves settle nothing unless nearly all agree."""
    if not holds:
        return Verdict.INSUFFICIENT
    share = sum(holds) / len(holds)
    if share == 1.0:
        return Verdict.SUPPORTED
    if named or quantifier == "all" or share == 0.0:
        return Verdict.CONTRADICTED
    if quantifier == "most":
        return Verdict.SUPPORTED if share > 0.5 else Verdict.CONTRADICTED
    if share >= IMPLICIT_SUPPORT:
        return Verdict.SUPPORTED
    if share <= 1.0 - IMPLICIT_SUPPORT:
        return Verdict.CONTRADICTED
    return Verdict.INSUFFICIENT


def _flip(status: Verdict, negated: bool) -> Verdict:
    if not negated or status is Verdict.INSUFFICIENT:
        return status
    return Verdict.CONTRADICTED if status is Verdict.SUPPORTED else Verdict.SUPPORTED


def _margin_fits(atom: AtomSpec, a: float, b: float) -> bool:
    margin = atom.margin
    assert margin is not None
    tolerance = 0.5 * 10 ** -margin.decimals + 1e-9
    if atom.ratio:
        return b != 0 and abs(a / b - margin.value) <= tolerance + 0.05 * margin.value
    difference = abs(a - b)
    relative = abs(a - b) / abs(b) * 100 if b else None
    scaled = difference * 100 if max(abs(a), abs(b)) <= 1.0 else None
    return any(x is not None and abs(round(x, margin.decimals) - margin.value) <= tolerance
               for x in (difference, relative, scaled))


def _direction(atom: AtomSpec, path: Sequence[str]) -> int:
    return -atom.direction if atom.aware and lower_is_better(path) else atom.direction


def _holds(atom: AtomSpec, a: float, b: float, path: Sequence[str]) -> bool:
    return a > b if _direction(atom, path) > 0 else a < b


def _margin_outcome(atom: AtomSpec, pairs: list[tuple[GridCell, GridCell]], axis: str) -> bool | None:
    """Whether the claimed margin fits: True (some pair in the claimed direction fits), False (a
    single pair, named exactly, that does not fit), None (several pairs, none fitting: the claim
    may average or pick among them, so nothing is settled)."""
    fitting = [_margin_fits(atom, a.value, b.value) for a, b in pairs
               if _holds(atom, a.value, b.value, a.column_path if axis == "row" else a.row_path)]
    if any(fitting):
        return True
    return False if len(pairs) == 1 and fitting == [False] else None


def judge_comparison(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                     context: Context) -> Finding | None:
    """A vs B on the clause's attributes, in one table."""
    found = _split(view, atom)
    if found is None:
        return None
    axis, names, narrowing, attributes = found
    if not attributes and (not atom.aware or _unresolved(view, atom, atoms.text)):
        return None  # "larger" or "higher" of what? Only better/worse may be read over every column.
    before = [(m, p) for m, p in names if m.start < atom.start]
    if not before:
        return None
    subject = before[0]
    later = [a.start for a in atoms.atoms if a.clause == atom.clause and a.kind is AtomKind.COMPARISON
             and a.start > atom.start]
    limit = min(later) if later else atom.clause[1]
    objects = [(m, p) for m, p in names if atom.end <= m.start < limit and m.label != subject[0].label]
    if not objects:
        return None
    pairs = _pairs(view, axis, subject, objects, narrowing, attributes)
    if not pairs:
        return None
    holds = [_holds(atom, a.value, b.value, a.column_path if axis == "row" else a.row_path) for a, b in pairs]
    status = _outcome(holds, _named(attributes), atom.quantifier)
    if status is Verdict.SUPPORTED and atom.margin is not None:
        fits = _margin_outcome(atom, pairs, axis)
        status = {True: Verdict.SUPPORTED, False: Verdict.CONTRADICTED, None: Verdict.INSUFFICIENT}[fits]
    status = _flip(status, atom.negated)
    if status is Verdict.INSUFFICIENT:
        return None
    shown = [c for pair in pairs[:3] for c in pair]
    said = f"{plain(subject[0].label)} vs {', '.join(dict.fromkeys(plain(m.label) for m, _ in objects))}"
    note = (f"{said}: {sum(holds)} of {len(holds)} cell pair(s) agree with '{atom.cue}'"
            + (f" by {atom.margin.raw}" if atom.margin is not None else "")
            + (" (the claim denies it)" if atom.negated else ""))
    failing = [(a, b) for (a, b), ok in zip(pairs, holds, strict=True) if ok == atom.negated]
    conflicting = None if status is Verdict.SUPPORTED else (failing or pairs)[0][1].raw
    return Finding(number, status, _evidence(shown, view, context, conflicting), note, 1.0,
                   subject=plain(subject[0].label),
                   attribute=", ".join(dict.fromkeys(plain(m.label) for m, _ in attributes)),
                   setting=view.table.caption[:60])


def _rivals(view: Grid, axis: str, position: int) -> list[int]:
    """Every other row (or data column) of the table: "the best" is read over the whole table."""
    if axis == "row":
        return [i for i, path in enumerate(view.row_paths) if path]
    return sorted({c.column for c in view.cells})


def judge_extreme(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                  context: Context) -> Finding | None:
    """A is the highest / lowest (best / worst) of its column(s) among the table's rows."""
    found = _split(view, atom)
    if found is None:
        return None
    axis, names, narrowing, attributes = found
    if not attributes and _unresolved(view, atom, atoms.text):
        return None
    before = [n for n in names if n[0].start < atom.start]
    subject = before[0] if before else _nearest(names, atom.start)
    assert subject is not None
    along = _within(attributes, _paths(view, "column" if axis == "row" else "row"))
    holds = []
    shown: list[GridCell] = []
    for position in _narrowed(subject[1], narrowing, _paths(view, axis)):
        if axis == "row":
            others = along or sorted({c.column for c in view.grid.cells if c.row == position})
        else:
            others = along or sorted({c.row for c in view.grid.cells if c.column == position})
        for other in others:
            mine = view.cell(position, other) if axis == "row" else view.cell(other, position)
            if mine is None:
                continue
            rivals = [c for p in _rivals(view.grid, axis, position) if p != position
                      and (c := view.cell(p, other) if axis == "row" else view.cell(other, p)) is not None]
            if not rivals:
                continue
            direction = _direction(atom, mine.column_path if axis == "row" else mine.row_path)
            top = max(rivals, key=lambda c: c.value) if direction > 0 else min(rivals, key=lambda c: c.value)
            ok = mine.value >= top.value if direction > 0 else mine.value <= top.value
            if ok and atom.margin is not None:
                ok = any(_margin_fits(atom, mine.value, r.value) for r in rivals)
            holds.append(ok)
            shown += [mine, top]
    status = _flip(_outcome(holds, _named(attributes), atom.quantifier), atom.negated)
    if status is Verdict.INSUFFICIENT:
        return None
    note = (f"{plain(subject[0].label)}: {sum(holds)} of {len(holds)} column(s) where it is '{atom.cue}'"
            + (" (the claim denies it)" if atom.negated else ""))
    conflicting = None if status is Verdict.SUPPORTED else shown[1].raw if len(shown) > 1 else None
    return Finding(number, status, _evidence(shown[:4], view, context, conflicting), note, 1.0,
                   subject=plain(subject[0].label),
                   attribute=", ".join(dict.fromkeys(plain(m.label) for m, _ in attributes)),
                   setting=view.table.caption[:60])


# --- all atoms --------------------------------------------------------------------------------------


def _distinct(label: str) -> bool:
    """A label that names something specific (digits, capitals inside, several words), not a
    common word that any paper's table may use as a header ("attention", "Full")."""
    return bool(re.search(r"\d|[A-Z].*[A-Z]|[a-z][A-Z]|\s\S", label.strip()))


def choose_views(views: list[TableView], claim_words: frozenset[str], numbers: Sequence[Quantity],
                 titles: dict[str, frozenset[str]] | None = None) -> list[TableView]:
    """The table(s) the claim is about. Per document: most labels named (a distinctive one
    counting double), then most caption words shared, then most of the claim's figures among its
    cells. Across documents: every document whose best table names as many labels as any other,
    so two sources' tables of the same cell are both read (a disagreement, not a contradiction),
    narrowed to the documents whose title the claim names ("the Mixtral paper's …") if any."""
    best_of: dict[str, tuple[tuple[int, int, int], list[TableView]]] = {}
    for view in views:
        labels = {plain(m.label) for m, _ in (*view.rows, *view.columns)}
        caption = len(view.caption_words & claim_words)
        named = len(labels) + sum(1 for label in labels if _distinct(label))
        if named + caption < MIN_VIEW_SCORE:
            continue
        figures = sum(1 for q in numbers if any(agrees(q, c.value) for c in view.grid.cells))
        score = (named, caption, figures)
        doc = view.table.doc_id
        if doc not in best_of or score > best_of[doc][0]:
            best_of[doc] = (score, [view])
        elif score == best_of[doc][0]:
            best_of[doc][1].append(view)
    if not best_of:
        return []
    top = max(score[0] for score, _ in best_of.values())
    documents = [doc for doc, (score, _) in best_of.items() if score[0] == top]
    named_titles = [doc for doc in documents if (titles or {}).get(doc, frozenset()) & claim_words]
    if named_titles and len(named_titles) < len(documents):
        documents = named_titles
    return [view for doc in documents for view in best_of[doc][1]]


def judge_on_tables(atoms: ClaimAtoms, views: list[TableView], claim_words: frozenset[str],
                    numbers: Sequence[Quantity], context: Context) -> list[Finding]:
    """Findings for every figure, comparison and extreme atom from the table(s) the claim is about."""
    out: list[Finding] = []
    chosen = choose_views(views, claim_words, numbers, context.titles)
    for number, atom in enumerate(atoms.atoms):
        for view in chosen:
            if atom.kind is AtomKind.FIGURE:
                finding = judge_figure(number, atom, atoms, view, context)
            elif atom.kind is AtomKind.COMPARISON:
                finding = judge_comparison(number, atom, atoms, view, context)
            elif atom.kind is AtomKind.EXTREME:
                finding = judge_extreme(number, atom, atoms, view, context)
            else:
                finding = None
            if finding is not None:
                out.append(finding)
    return out
