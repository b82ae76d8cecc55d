"""Comparisons and extremes computed from table cells.

* COMPARISON: A's and B's cells on each attribute the clause names (else on every attribute both
  have): better/worse follow the metric's own direction (↓, error, loss, perplexity, rank …),
  higher/lower the raw value; a margin ("by 8.6 points", "+2.3%") or a ratio ("2× faster") must
  match the cells too. Rows that differ only in the compared label are paired ("Europarl vs TED
  Talks" within one language and measure). Every named attribute must hold; unnamed attributes
  must agree nearly all one way (only better / worse may be read over every column), unless the
  claim says "most" (majority) or "all".
* EXTREME: A's cell is the highest / lowest (or best / worst) of its column among the table's rows.

"Performance" or "results" with no measure named is read on the table's summary measure (F1,
accuracy, overall) where it has one. A denial ("does not outperform") swaps supported and contradicted.
"""

from __future__ import annotations

import re
from dataclasses import replace

from synth import claimparse
from synth.grids import Grid, GridCell
from synth.models import AtomKind, Verdict
from synth.text import fold
from synth.verify.atoms import AtomSpec, ClaimAtoms, margin_words
from synth.verify.cells import TableView
from synth.verify.findings import Context, Finding, Named, in_clause, quote_cells
from synth.verify.gaps import judge_gap
from synth.verify.labels import Mention, clean_label, plain
from synth.verify.margins import degree_outcome, direction_of, margin_fits, margin_outcome, pair_holds
from synth.verify.measures import is_measure, means_performance, names_measure, summary_columns
from synth.verify.sides import antecedent, compared_sides, comparison_sides, from_to, than_sides

# Share of unnamed attributes (every column both names have) that must agree with a comparison.
IMPLICIT_SUPPORT = 0.8

# A name a setting gives its row (synth.verify.cells.setting_rows, .assigned_rows): it sits where the row's label does.
_SETTING_NAME = re.compile(r"^.+ (?:=|of|to) \d+(?:\.\d+)?$|^\d+(?:\.\d+)? \S+$")


def _level(mention: Mention, positions: tuple[int, ...], paths: tuple[tuple[str, ...], ...]) -> int:
    """How deep in its header path a label sits (0 = outermost: a group, a spanning header)."""
    label = plain(mention.label)
    for position in positions:  # a core names several rows: the level where its own label sits
        if label in paths[position]:
            return paths[position].index(label)
    for position in positions:  # a family stem: the level of its members ("Audio2vec-U")
        for level, part in enumerate(paths[position]):
            if clean_label(part).startswith(f"{label}-"):
                return level
    if _SETTING_NAME.match(label):  # "window size of 10" names the row "(A4) Window size ( ws)=10"
        return max(0, len(paths[positions[0]]) - 1)
    return len(paths[positions[0]])


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


def _split(view: TableView, atom: AtomSpec, view_text: str = "") -> tuple[str, Named, Named, Named] | None:
    """The axis the compared names sit on, the names compared on it (one level of its headers),
    the other names on it (narrowing the compared ones, as "precision" narrows "Portuguese vs
    English" in a table grouped by measure then language), and the other axis's names."""
    rows, columns = in_clause(view.rows, atom.clause), in_clause(view.columns, atom.clause)
    options = []
    for axis, names, others in (("row", rows, columns), ("column", columns, rows)):
        paths = _paths(view, axis)
        by_level: dict[int, Named] = {}
        for mention, positions in names:
            by_level.setdefault(_level(mention, positions, paths), []).append((mention, positions))
        for level, named in sorted(by_level.items(), key=lambda item: -item[0]):
            before = any(m.start < atom.start for m, _ in named)
            after = any(m.start >= atom.end for m, _ in named)
            if atom.kind is AtomKind.COMPARISON and not before and view_text:
                before = bool(than_sides(atom, view_text, named)) or from_to(atom, view_text, named) is not None
            if atom.kind is AtomKind.COMPARISON and before and not after and view_text:
                after = compared_sides(atom, view_text, named) is not None
            if atom.kind is AtomKind.COMPARISON and len({m.label for m, _ in named}) < 2:
                continue  # one label on both sides ("the English corpora … in English") compares nothing
            if (before and after) if atom.kind is AtomKind.COMPARISON else bool(named):
                narrowing = [n for lv, group in by_level.items() if lv != level for n in group]
                options.append((axis, named, narrowing, others))
                break
    if not options:
        return None
    if atom.kind is AtomKind.COMPARISON:
        # "TF achieving a higher precision and f-measure than DF": what is compared is what the
        # measures are of (TF vs DF), not one measure against another.
        options.sort(key=lambda o: all(names_measure(m.label) for m, _ in o[1]))
    if atom.kind is AtomKind.COMPARISON and view_text:
        # "an increase of f-measure from F=0.5555 in DF to F=0.6403 in TF": the axis whose names the
        # change goes from and to is what is compared, not the measures named around it.
        options.sort(key=lambda o: from_to(atom, view_text, o[1]) is None)
    if atom.kind is AtomKind.EXTREME:
        # What is said to be the best is the clause's subject: the names before the cue, leftmost,
        # or the names after "achieved by" ("the lowest values are achieved by DSim").
        # A name set as the scene ("On the NYT11 dataset, m = 4 gives the best") is not the subject.
        by = _BY.search(view_text, atom.end, atom.clause[1]) if view_text else None
        # A measure is what the best is best in, not what is best ("BLEU … DAMD outperforms other models").
        options.sort(key=lambda o: (not (by is not None and any(m.start >= by.end() for m, _ in o[1])),
                                    names_measure(min(o[1], key=lambda n: n[0].start)[0].label),
                                    all(_scene(view_text, m.start) for m, _ in o[1]),
                                    min((m.start for m, _ in o[1] if m.start < atom.start), default=atom.end + 1)))
    return options[0]


def _scene(text: str, start: int) -> bool:
    """Whether a name is introduced as a setting ("on the NYT11 dataset", "for Waseem (2016)")."""
    return bool(text) and bool(_ON_NAME.search(text[max(0, start - 12):start]))


def _context_key(path: tuple[str, ...], label: str, level: int) -> tuple[str, ...]:
    """A row's (column's) header path without the compared label; for a row a name addresses under
    another label (one of "right/left branching"'s rows), without the label at the name's level."""
    if label in path or level >= len(path):
        return tuple(p for p in path if p != label)
    return path[:level] + path[level + 1:]


def _narrowed(positions: tuple[int, ...], narrowing: Named, paths: tuple[tuple[str, ...], ...]) -> tuple[int, ...]:
    allowed = _within(narrowing, paths)
    kept = tuple(p for p in positions if p in allowed) if allowed else positions
    return kept or positions


def _pairs(view: TableView, axis: str, subject: tuple[Mention, tuple[int, ...]], objects: Named,
           narrowing: Named, attributes: Named, performance: bool = False) -> list[tuple[GridCell, GridCell]]:
    """(A's cell, B's cell) on each attribute: rows (or columns) that differ only in the compared
    label are paired, so "Europarl vs TED Talks" compares within the same language and measure."""
    paths = _paths(view, axis)
    across = _paths(view, "column" if axis == "row" else "row")
    along = _within(attributes, across)
    candidates = []
    own = _level(subject[0], subject[1], paths)
    for obj, positions in objects:
        level = _level(obj, positions, paths)
        for x in _narrowed(subject[1], narrowing, paths):
            for y in _narrowed(positions, narrowing, paths):
                if x != y:
                    same = (_context_key(paths[x], plain(subject[0].label), own)
                            == _context_key(paths[y], plain(obj.label), level))
                    candidates.append((x, y, same))
    if any(same for _, _, same in candidates):
        candidates = [c for c in candidates if c[2]]
    pairs = []
    for x, y, _ in candidates:
        if axis == "row":
            others = summary_columns(along or sorted({c.column for c in view.grid.cells if c.row == x}), across,
                                     performance)
            pairs += [(a, b) for o in others if (a := view.cell(x, o)) and (b := view.cell(y, o))]
        else:
            others = summary_columns(along or sorted({c.row for c in view.grid.cells if c.column == x}), across,
                                     performance)
            pairs += [(a, b) for o in others if (a := view.cell(o, x)) and (b := view.cell(o, y))]
    return pairs


_ON_NAME = re.compile(r"\b(?:on|in|for|at|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _unresolved(view: TableView, atom: AtomSpec, text: str) -> bool:
    """Whether the clause measures on something this table has no label for ("on MMLU-Pro" against
    a table without it): comparing every column instead would answer another question."""
    covered = [(m.start, m.end) for m, _ in (*view.rows, *view.columns)]
    caption = fold(view.table.caption)
    for name, start, _ in claimparse.name_spans(text):
        if not (atom.clause[0] <= start < atom.clause[1]) or any(s <= start < e for s, e in covered):
            continue
        if claimparse.mentions(caption, fold(name)):
            continue  # "on SpanBench" where the caption says the table is on SpanBench
        if _ON_NAME.search(text[max(atom.clause[0], start - 12):start]):
            return True
    return False


def _named(attributes: Named) -> bool:
    """Whether the claim names each attribute exactly (one column each), rather than a group of
    columns under a spanning header ("RMB" over its five sub-columns) or none at all."""
    return bool(attributes) and all(len(positions) == 1 for _, positions in attributes)


def _outcome(holds: list[bool], named: bool, quantifier: str) -> Verdict:
    """Supported when every compared cell agrees; contradicted when a named attribute disagrees, or
    when none (or nearly none) agrees; "most" takes the majority; unnamed attributes that disagree
    among themselves settle nothing unless nearly all agree, and never support "all" / "every"
    (the cell against it may be a stray column, so it is not refuted either)."""
    if not holds:
        return Verdict.INSUFFICIENT
    share = sum(holds) / len(holds)
    if share == 1.0:
        return Verdict.SUPPORTED
    if named or share == 0.0:
        return Verdict.CONTRADICTED
    against = share <= 1.0 - IMPLICIT_SUPPORT + 1e-9  # nearly every cell says the opposite
    if quantifier == "all":  # a cell against it refutes "all" unless it is a stray column: never supported
        return Verdict.CONTRADICTED if against else Verdict.INSUFFICIENT
    if quantifier == "most":
        return Verdict.SUPPORTED if share > 0.5 else Verdict.CONTRADICTED
    if share >= IMPLICIT_SUPPORT:
        return Verdict.SUPPORTED
    return Verdict.CONTRADICTED if against else Verdict.INSUFFICIENT


def _mixed(holds: list[bool]) -> bool:
    """Some compared cells agree and some do not: for a name that addresses several rows
    ambiguously (a family, a core without its variant) that settles nothing either way."""
    return any(holds) and not all(holds)


def _flip(status: Verdict, negated: bool) -> Verdict:
    if not negated or status is Verdict.INSUFFICIENT:
        return status
    return Verdict.CONTRADICTED if status is Verdict.SUPPORTED else Verdict.SUPPORTED


_AGAINST_ALL = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:than\s+|over\s+|to\s+)?(?:all\s+)?(?:of\s+)?(?:the\s+)?"
                          r"(?:(?:other|previous|prior|existing|competing|remaining|strong|published|"
                          r"state-?of-?the-?art|sota|baseline|best)\s+)*"
                          r"(?:baselines?|models?|methods?|systems?|approaches|ones|works?|others)\b"
                          r"(?!\s+(?:with|using|based|trained|that|which|on\s+the\s+\w+\s+task))", re.IGNORECASE)
_SECOND_ORDER = re.compile(r"\b(?:gap|difference|margin|improvement)s?\b[^.;]{0,120}$|\bscal\w*\s+$|\bas\s+(?:the\s+)?"
                           r"\w+(?:\s+\w+)?\s+(?:increas|grow|decreas|rise)", re.IGNORECASE)


def second_order(atom: AtomSpec, text: str) -> bool:
    """Whether the comparison is of differences or trends ("the gap … is greater", "scales better
    as the batch grows"), not of one cell against another."""
    return bool(_SECOND_ORDER.search(text[atom.clause[0]:atom.start])
                or _SECOND_ORDER.match(text[atom.end:atom.clause[1]]))


def _against_all(atom: AtomSpec, text: str, view: TableView) -> bool:
    """"outperforms the other systems" is against every other row; "outperforms the Seq2seq
    baseline" names its rival."""
    match = _AGAINST_ALL.match(text[atom.end:atom.clause[1]])
    if atom.direction == 0 or match is None:
        return False
    span = (atom.end, atom.end + match.end())
    return not any(span[0] <= m.start < span[1] for m, _ in (*view.rows, *view.columns))


def _elliptical(view: TableView, atom: AtomSpec, atoms: ClaimAtoms
                ) -> tuple[str, Named, Named, Named, AtomSpec] | None:
    """A clause that continues the comparison before it in the same sentence: "DF achieved better
    values of precision, but lower values of recall" names what it measures but not what it
    compares (the names and sides are that comparison's, the attributes this clause's own); "TVMAX
    is slightly worse than sparsemax but still superior to softmax" names its rival but not its
    subject (the subject is carried over, on this clause's attributes, else the earlier ones)."""
    prior = antecedent(atom, atoms)
    if prior is None or (split := _split(view, prior, atoms.text)) is None:
        return None
    axis, names, narrowing, earlier = split
    compared, other = (view.rows, view.columns) if axis == "row" else (view.columns, view.rows)
    own, attributes = in_clause(compared, atom.clause), in_clause(other, atom.clause)
    if not own:
        return (axis, names, narrowing, attributes, prior) if attributes else None
    sides = comparison_sides(prior, atoms, names)
    ahead = [n for n in names if n[0].start < prior.start]  # "A outperforms all the baselines, while …"
    subject = sides[0] if sides is not None else ahead[0] if ahead and prior.kind is AtomKind.EXTREME else None
    if subject is None or any(m.start < atom.start for m, _ in own) or is_measure(subject[0].label):
        return None  # a measure carried over as the subject ("BLEU vs Combined Score") compares nothing
    return axis, [subject, *own], narrowing, attributes or earlier, atom


def _own_attributes(atom: AtomSpec, attributes: Named, paths: tuple[tuple[str, ...], ...]) -> Named:
    """The attributes a comparison names after its cue ("… of precision, recall and f-measure, with
    TF achieving a higher precision and f-measure than DF"): those of one header level named after
    the cue are what it compares on, not the ones of that level the clause listed before it."""
    by_level: dict[int, Named] = {}
    for mention, positions in attributes:
        by_level.setdefault(_level(mention, positions, paths), []).append((mention, positions))
    kept: Named = []
    for named in by_level.values():
        after = [n for n in named if n[0].start >= atom.end]
        kept += after if after and len(after) < len(named) else named
    return sorted(kept, key=lambda n: n[0].start)


_COORDINATED = re.compile(r",?\s+(?:and|but|or|yet)\s+(?:(?:on|in|for|at|under|with)\s+)?(?:(?:the|a|an)\s+)?",
                          re.IGNORECASE)


def _phrase_end(atom: AtomSpec, text: str, view: TableView) -> int:
    """Where the comparison's own phrase ends: at a conjunction that starts another predicate ("worse
    than softmax on MSCOCO and similar on Flickr30k"), not one that joins names ("than sparsemax and
    softmax", "on MSCOCO and (on) Flickr30k")."""
    starts = {m.start for m, _ in (*view.rows, *view.columns)}
    for match in _COORDINATED.finditer(text, atom.end, atom.clause[1]):
        if match.end() not in starts:
            return match.start()
    return atom.clause[1]


def _in_phrase(atom: AtomSpec, text: str, view: TableView, attributes: Named) -> Named:
    """The attributes of the comparison's own phrase: one named after a later predicate of the same
    clause is that predicate's ("… and similar on Flickr30k")."""
    end = _phrase_end(atom, text, view)
    return [n for n in attributes if n[0].start < end or n[0].start < atom.end]


def _judged(atom: AtomSpec, axis: str, pairs: list[tuple[GridCell, GridCell]], attributes: Named
            ) -> tuple[Verdict, list[tuple[GridCell, GridCell]], list[bool]] | None:
    """The comparison's status over its cell pairs, with the pairs it rests on and whether each holds;
    None when there is nothing to compare or the pairs are mostly ties."""
    if not pairs:
        return None
    if not _named(attributes):  # read over every column, a tie says neither way ("outperforms overall")
        untied = [(a, b) for a, b in pairs if a.value != b.value]
        ahead = [pair_holds(atom, a.value, b.value, a.column_path if axis == "row" else a.row_path) for a, b in untied]
        if untied and 2 * len(untied) < len(pairs) and any(ahead) and (not all(ahead) or atom.quantifier == "all"):
            return None  # mostly ties, and mixed where the cells differ (or "on all" of them): nothing borne out
        # Ties everywhere else and ahead (behind) wherever it differs: A is never behind B and ahead somewhere, so it
        # outperforms B (never ahead: it does not).
        pairs = untied or pairs
    holds = [pair_holds(atom, a.value, b.value, a.column_path if axis == "row" else a.row_path) for a, b in pairs]
    return _outcome(holds, _named(attributes), atom.quantifier), pairs, holds


def _rivals_named(objects: Named) -> bool:
    """Two or more rivals, each named whole by its own label ("TCSum and SRSum"), not one name
    addressing several rows."""
    return len({plain(m.label) for m, _ in objects}) >= 2 and all(m.whole for m, _ in objects)


def judge_comparison(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                     context: Context) -> Finding | None:
    """A vs B on the clause's attributes, in one table."""
    if second_order(atom, atoms.text):  # "the gap … is greater", "scales better as the batch grows": not one cell
        return judge_gap(number, atom, atoms, view, context)  # against another; two gaps are read on their own
    if _against_all(atom, atoms.text, view):  # "outperforms the other systems": A against every other row
        return judge_extreme(number, replace(atom, kind=AtomKind.EXTREME, quantifier="all"), atoms, view, context)
    split = _split(view, atom, atoms.text)
    found = (*split, atom) if split is not None else _elliptical(view, atom, atoms)
    if found is None:
        return None
    axis, names, narrowing, attributes, said = found
    attributes = _own_attributes(atom, attributes, _paths(view, "column" if axis == "row" else "row"))
    attributes = _in_phrase(atom, atoms.text, view, attributes)
    measured = any(is_measure(m.label) for m, _ in narrowing)
    if not attributes and (not (atom.aware or measured) or _unresolved(view, atom, atoms.text)):
        return None  # "larger" or "higher" of what? Only better/worse may be read over every column,
        # or higher/lower when a measure narrows the compared rows ("precision … PT higher than EN").
    sides = comparison_sides(said, atoms, names)
    if sides is None:
        return None
    subject, objects = sides
    performance = means_performance(atom, atoms.text, attributes)
    judged = _judged(atom, axis, _pairs(view, axis, subject, objects, narrowing, attributes, performance), attributes)
    if judged is None:
        return None
    status, pairs, holds = judged
    if _mixed(holds) and not all(m.whole for m, _ in (subject, *objects)):
        status = Verdict.INSUFFICIENT  # "Vega" over Vega-34B and Vega-7B, one ahead and one behind: which one?
    elif status is not Verdict.CONTRADICTED and not atom.negated and _rivals_named(objects):
        # "worse than TCSum and SRSum" is said of each rival: it fails on one it does not hold for,
        # and holds only where it holds for each (pooled cells would let one rival outvote the other).
        each = [_judged(atom, axis, _pairs(view, axis, subject, [obj], narrowing, attributes, performance), attributes)
                for obj in objects]
        failed = [j for j in each if j is not None and j[0] is Verdict.CONTRADICTED]
        if failed:
            status, pairs, holds = failed[0]
        elif status is Verdict.SUPPORTED and any(j is None or j[0] is not Verdict.SUPPORTED for j in each):
            status = Verdict.INSUFFICIENT
    if status is Verdict.SUPPORTED and atom.margin is not None:
        fits = margin_outcome(atom, pairs, axis)
        status = {True: Verdict.SUPPORTED, False: Verdict.CONTRADICTED, None: Verdict.INSUFFICIENT}[fits]
    if not atom.negated:
        status = degree_outcome(atom, [p for p, ok in zip(pairs, holds, strict=True) if ok], status)
    status = _flip(status, atom.negated)
    if status is Verdict.INSUFFICIENT:
        return None
    shown = [c for pair in pairs[:3] for c in pair]
    said = f"{plain(subject[0].label)} vs {', '.join(dict.fromkeys(plain(m.label) for m, _ in objects))}"
    note = (f"{said}: {sum(holds)} of {len(holds)} cell pair(s) agree with '{atom.cue}'"
            + (f" {margin_words(atom.margin)}" if atom.margin is not None else "")
            + (" (the claim denies it)" if atom.negated else ""))
    failing = [(a, b) for (a, b), ok in zip(pairs, holds, strict=True) if ok == atom.negated]
    conflicting = None if status is Verdict.SUPPORTED else (failing or pairs)[0][1].raw
    return Finding(number, status, quote_cells(shown, view, context, conflicting), note, 1.0,
                   subject=plain(subject[0].label),
                   attribute=", ".join(dict.fromkeys(plain(m.label) for m, _ in attributes)),
                   setting=view.table.caption[:60])


_BY = re.compile(r"\b(?:achieved|obtained|reached|attained|held|given|shown|produced|scored)\s+by\b", re.IGNORECASE)


def _rivals(view: Grid, axis: str, position: int) -> list[int]:
    """Every other row (or data column) of the table: "the best" is read over the whole table."""
    if axis == "row":
        return [i for i, path in enumerate(view.row_paths) if path]
    return sorted({c.column for c in view.cells})


def judge_extreme(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                  context: Context) -> Finding | None:
    """A is the highest / lowest (best / worst) of its column(s) among the table's rows."""
    found = _split(view, atom, atoms.text)
    if found is None:
        return None
    axis, names, narrowing, attributes = found
    attributes = _own_attributes(atom, attributes, _paths(view, "column" if axis == "row" else "row"))
    if not attributes and _unresolved(view, atom, atoms.text):
        return None
    by = _BY.search(atoms.text, atom.end, atom.clause[1])
    after_by = [n for n in names if by is not None and n[0].start >= by.end()]
    before = [n for n in names if n[0].start < atom.start]
    group: tuple[int, ...] = ()
    if after_by:  # "the lowest values are achieved by DSim"; "… by HClust and Patt": one of them
        subject = after_by[0]
        if len(after_by) > 1 and all(m.whole for m, _ in after_by):
            group = tuple(sorted({p for _, positions in after_by for p in positions}))
    elif before:
        subject = before[0]
    else:
        return None
    across = _paths(view, "column" if axis == "row" else "row")
    along = _within(attributes, across)
    performance = means_performance(atom, atoms.text, attributes)
    holds = []
    shown: list[GridCell] = []
    units = [group] if group else [(p,) for p in _narrowed(subject[1], narrowing, _paths(view, axis))]
    for unit in units:
        if axis == "row":
            others = summary_columns(along or sorted({c.column for c in view.grid.cells if c.row in unit}), across,
                                     performance)
        else:
            others = summary_columns(along or sorted({c.row for c in view.grid.cells if c.column in unit}), across,
                                     performance)
        for other in others:
            own = [c for p in unit if (c := view.cell(p, other) if axis == "row" else view.cell(other, p)) is not None]
            if not own:
                continue
            direction = direction_of(atom, own[0].column_path if axis == "row" else own[0].row_path)
            mine = max(own, key=lambda c: c.value) if direction > 0 else min(own, key=lambda c: c.value)
            rivals = [c for p in _rivals(view.grid, axis, unit[0]) if p not in unit
                      and (c := view.cell(p, other) if axis == "row" else view.cell(other, p)) is not None]
            if not rivals:
                continue
            top = max(rivals, key=lambda c: c.value) if direction > 0 else min(rivals, key=lambda c: c.value)
            ok = mine.value >= top.value if direction > 0 else mine.value <= top.value
            if ok and atom.margin is not None and not any(margin_fits(atom, mine.value, r.value) for r in rivals):
                if not _named(attributes):
                    continue  # the margin may be against a rival the claim names in words: settles nothing
                ok = False  # one named column, and no rival is that far behind: the cells say otherwise
            holds.append(ok)
            shown += [mine, top]
    status = _flip(_outcome(holds, _named(attributes), atom.quantifier), atom.negated)
    if _mixed(holds) and not subject[0].whole:
        status = Verdict.INSUFFICIENT
    if status is Verdict.INSUFFICIENT:
        return None
    note = (f"{plain(subject[0].label)}: {sum(holds)} of {len(holds)} column(s) where it is '{atom.cue}'"
            + (" (the claim denies it)" if atom.negated else ""))
    conflicting = None if status is Verdict.SUPPORTED else shown[1].raw if len(shown) > 1 else None
    return Finding(number, status, quote_cells(shown[:4], view, context, conflicting), note, 1.0,
                   subject=plain(subject[0].label),
                   attribute=", ".join(dict.fromkeys(plain(m.label) for m, _ in attributes)),
                   setting=view.table.caption[:60])
