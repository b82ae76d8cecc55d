"""Deterministic reasoning over table cells for the atoms tables are cited for.

The table(s) a claim is about are chosen first (most labels named, then caption words, then the
claim's figures among the cells; every source whose table names as many labels, so two sources'
tables of the same cell are both read). Then each atom is checked against the cells its clause's
labels address:

* FIGURE: the cell at (the row named nearest the figure, the column named nearest it; as many
  figures as names pair up in order) states the figure at the claim's precision (0.93 ~ 93%) →
  supported; the few cells a row and column address all differ → contradicted; a label naming
  several rows (a core without its variant) → settles nothing;
* COMPARISON and EXTREME: synth.verify.cell_comparisons.

Every finding quotes the rows it used and names the cells with their header paths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from synth import claimparse
from synth.claimparse import Quantity
from synth.grids import GridCell
from synth.labelcodes import pair_names, pair_part
from synth.models import AtomKind, Verdict
from synth.tables import parse_cell
from synth.text import fold, sentence_spans
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.cell_comparisons import judge_comparison, judge_extreme
from synth.verify.cells import TableView, assigned_value, label_header, setting_header
from synth.verify.findings import (
    PLAUSIBLE_RATIO,
    Context,
    Finding,
    Named,
    agrees,
    cell_label,
    full_value,
    in_clause,
    kind_of_counted,
    nearest,
    quote_cells,
)
from synth.verify.labels import Mention, is_own, plain, tokens
from synth.verify.parameters import about_claim, judge_parameter, value_column
from synth.verify.parity import judge_parity
from synth.verify.rivals import judge_unnamed_rival
from synth.verify.sweeps import changes_sweep, judge_sweep
from synth.verify.trends import judge_trend

# Labels named (a distinctive one counting double) plus caption words shared: below this a table
# is not what the claim is about.
MIN_VIEW_SCORE = 3
# A figure is contradicted by the cells its row and column labels address only when they are few
# ("LiveCodeBench" over Easy / Medium / Hard / Overall) and none of them states it.
MAX_ADDRESSED = 4


# --- figures ----------------------------------------------------------------------------------------


def _plausible(q: Quantity, value: float) -> bool:
    """A cell can be the figure the claim misstates only when they are of one magnitude: 10.5
    against 69 is a difference read as a score, not a wrong score."""
    a, b = abs(q.value), abs(value)
    if q.unit == "%" and b <= 1.0 < a:
        b *= 100
    return a > 0 and b > 0 and max(a, b) / min(a, b) <= PLAUSIBLE_RATIO


def _across_cue(atom: AtomSpec, atoms: ClaimAtoms, mention: Mention) -> bool:
    """Whether a comparison cue stands between the figure and a label after it ("87-88%, far above
    the UnsupEmb baseline"): that label is what the figure is compared with, not what it is said of."""
    return any(a.kind in (AtomKind.COMPARISON, AtomKind.EXTREME) and atom.start < a.start < mention.start
               and a.clause == atom.clause for a in atoms.atoms)


# A figure in parentheses right after a label ("TestTiming (0.90)") is said of that label.
_GLOSS = re.compile(r"^\s*\(\s*$")
_SAID_IN = re.compile(r"\s*(?:in|for|on|with|by|of)\s+(?:the\s+)?", re.IGNORECASE)


def _bound(atom: AtomSpec, atoms: ClaimAtoms, named: Named) -> tuple[Mention, tuple[int, ...]] | None:
    """The label a figure is said of: as many figures as labels of one axis in a clause pair up in
    order ("A outscores B, 18.8% against 12.1%"), when those labels are siblings (no two address a
    row in common: "Europarl in Portuguese … P=…" names a scene and a measure, not four rows);
    the label the figure stands in parentheses after ("TestTiming (0.90)"); the label the figure is
    said to be "in" or "for" right after it ("0.6109 in TF"); otherwise the label nearest the figure
    that no comparison cue separates from it."""
    labels = list(dict.fromkeys(m.label for m, _ in named))
    figures = [a for a in atoms.atoms if a.kind is AtomKind.FIGURE and a.clause == atom.clause]
    places = [set(next(p for m, p in named if m.label == label)) for label in labels]
    siblings = all(not (a & b) for i, a in enumerate(places) for b in places[i + 1:])
    if len(labels) >= 2 and len(figures) == len(labels) and siblings:
        label = labels[figures.index(atom)]
        return next(item for item in named if item[0].label == label)
    glossed = {m.label for m, _ in named if _GLOSS.match(atoms.text[m.end:atom.start])}
    if len(glossed) == 1:  # "TestTiming (0.90) and TestFinding (0.76)": 0.90 is TestTiming's, though as near the next
        return next(item for item in named if item[0].label in glossed)
    said_in = [item for item in named if _SAID_IN.match(atoms.text, atom.end, item[0].start)
               and _SAID_IN.match(atoms.text, atom.end).end() == item[0].start]
    if len({m.label for m, _ in said_in}) == 1:
        return said_in[0]  # "from P=0.5984 in DF to P=0.6109 in TF": 0.6109 is TF's, though DF is as near
    return nearest([item for item in named if not _across_cue(atom, atoms, item[0])], atom.start)


def _closer_name(view: TableView, atom: AtomSpec, text: str, bound: Mention) -> bool:
    """Whether a name this table has no label for sits nearer the figure than the label it was
    bound to ("81.1% on HumanEval and 40.0% on GSM8K": 40.0% is GSM8K's, not HumanEval's)."""
    covered = [(m.start, m.end) for m, _ in (*view.rows, *view.columns)]
    distance = abs(bound.start - atom.start)
    caption = fold(view.table.caption)
    for name, start, _ in claimparse.name_spans(text):
        if (atom.clause[0] <= start < atom.clause[1] and not any(s <= start < e for s, e in covered)
                and abs(start - atom.start) < distance and not claimparse.mentions(caption, name)):
            return True
    return False


_APPROXIMATE = re.compile(r"(?:\b(?:around|about|approximately|roughly|nearly|almost|some)|~|∼|≈)\s*$", re.I)
_BOUNDED = re.compile(r"\b(?:over|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|above|below|under|"
                      r"exceeding|beyond|within)\s*$|[<>≤≥]\s*$", re.I)
_SETTING_WORDS = re.compile(r"\b(?:dev|test|val|valid|validation|train|training|held[- ]out|\d+-shot|zero-shot|"
                            r"few-shot|cot|thinking|non-thinking|base|chat|instruct|sft|rl)\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def _settled(named: tuple[Mention, tuple[int, ...]], claim: str) -> bool:
    """Whether a label names its cells exactly: the whole label, or its core when that core names
    one row or column only and what the parenthesis adds is a metric ("MATH (EM)"), not a setting
    the claim does not state ("BLEU (dev)")."""
    mention, positions = named
    if mention.whole:
        return True
    if len(positions) != 1:
        return False
    added = " ".join(_PARENTHESES.findall(plain(mention.label)))
    return all(claimparse.mentions(fold(claim), word) for word in _SETTING_WORDS.findall(added))


def _qualified_apart(named: tuple[Mention, tuple[int, ...]], paths: tuple[tuple[str, ...], ...],
                     claim: str) -> bool:
    """Whether a label addresses columns told apart by a header above it that the claim does not
    state ("MMLU" under French / German / Spanish): the claim may mean a column of another table
    altogether (the plain MMLU column), so these cells cannot contradict it."""
    mention, positions = named
    if len(positions) < 2:
        return False
    label, said = plain(mention.label), fold(claim)
    parents = set()
    for position in positions:
        above: list[str] = []
        for level in paths[position]:
            if claimparse.mentions(fold(level), label):
                break
            above.append(fold(level))
        parents.add(tuple(level for level in above if not claimparse.mentions(said, level)))
    return len(parents) > 1


def _variant_named(named: tuple[Mention, tuple[int, ...]], paths: tuple[tuple[str, ...], ...],
                   claim: str) -> tuple[Mention, tuple[int, ...]]:
    """A core naming several variants ("DeepSeek-V2 Chat" over (SFT) and (RL)) narrowed to the one
    the claim's words spell out: the variant itself, or the words of its acronym ("after
    reinforcement learning" for RL)."""
    mention, positions = named
    if mention.whole or len(positions) < 2:
        return named
    words = re.findall(r"[a-z]+", fold(claim))
    initials = {"".join(w[0] for w in words[i:i + n]) for n in (2, 3) for i in range(len(words) - n + 1)}
    kept = []
    for position in positions:
        variants = [v.strip().lower() for label in paths[position] for v in _PARENTHESES.findall(label)]
        if any(v and (claimparse.mentions(fold(claim), v) or (v.isalpha() and 2 <= len(v) <= 4 and v in initials))
               for v in variants):
            kept.append(position)
    return (replace(mention, whole=True), tuple(kept)) if len(kept) == 1 else named


# Digits a figure needs before one matching cell of a named row may be taken for it when the
# claim names no column: "87.47%" is no coincidence, "5" may be any cell.
MIN_DIGITS_UNADDRESSED = 3


def _digits(quantity: Quantity) -> int:
    return len(re.sub(r"\D", "", quantity.raw.split("e")[0]).lstrip("0"))


def _in_row(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
            rows: tuple[Mention, tuple[int, ...]], context: Context) -> Finding | None:
    """A figure said of a row the claim names exactly, with no column named ("BERT reaches a final
    accuracy of 87.47%"): supported when exactly one cell of that row states it (a figure precise
    enough not to match by chance, and every setting word of the clause in that cell's column);
    otherwise nothing is settled, since the claim does not say which column it means."""
    assert atom.quantity is not None
    if not rows[0].whole or len(rows[1]) != 1 or _digits(atom.quantity) < MIN_DIGITS_UNADDRESSED:
        return None
    row = rows[1][0]
    cells = [c for c in view.grid.cells if c.row == row]
    agreeing = [c for c in cells if agrees(atom.quantity, c.value, c.unit)]
    if len(agreeing) != 1:
        return None
    cell = agreeing[0]
    clause = fold(atoms.text[atom.clause[0]:atom.clause[1]])
    column = fold(" ".join(cell.column_path))
    if any(not claimparse.mentions(column, word.lower()) for word in _SETTING_WORDS.findall(clause)):
        return None  # "on the test set" against a dev column
    return Finding(number, Verdict.SUPPORTED, quote_cells([cell], view, context),
                   f"the cell ({cell_label(cell)}) is {cell.raw}, the only cell of its row stating it", 1.0,
                   subject=plain(rows[0].label), attribute=" / ".join(cell.column_path),
                   setting=view.table.caption[:60])


_SIZE_AFTER = re.compile(r"^[\s\-]?\d+(?:\.\d+)?[BMKT]\b")
_SIZE_BEFORE = re.compile(r"\b\d+(?:\.\d+)?[BMKT][\s\-]$")


def sized_beyond(mention: Mention, text: str, figure: tuple[int, int] = (-1, -1)) -> bool:
    """Whether the claim gives the label's name a size the label lacks ("DeepSeekMoE 16B", "the 2B
    DeepSeekMoE model" against a column headed "DeepSeekMoE"): a paper about several sizes heads
    each table with the bare name, so its cells are not bound to the size the claim names. The figure
    judged is no such size: "has 26B parameters" gives the column "Parameters" its value."""
    if re.search(r"\d", mention.label):
        return False
    after, before = _SIZE_AFTER.match(text[mention.end:]), _SIZE_BEFORE.search(text[:mention.start])
    spans = ([(mention.end + after.start(), mention.end + after.end())] if after else []) + (
        [before.span()] if before else [])
    return any(not (start < figure[1] and figure[0] < end) for start, end in spans)


def _pair_cell(cell: GridCell, clause: str) -> GridCell | None:
    """A cell "16 / 8" under a pair label ("Heads (Q / KV)") read as the part the clause names ("8
    key-value heads": KV, synth.labelcodes); None when the clause names no one part."""
    values = [v.strip() for v in cell.raw.split("/")]
    names = next((n for label in (*cell.column_path, *cell.row_path) if (n := pair_names(label))), [])
    if len(values) < 2 or len(names) != len(values):
        return cell
    part = pair_part(names, clause)
    parsed = parse_cell(values[part]) if part is not None else None
    return replace(cell, value=parsed[0], unit=parsed[1]) if parsed is not None else None


def _sentence(atoms: ClaimAtoms, atom: AtomSpec) -> tuple[int, int]:
    """The span of the sentence an atom sits in (its scene may be set in an earlier clause)."""
    return next(((s, e) for s, e in sentence_spans(atoms.text) if s <= atom.start < e), atom.clause)


def _narrowed(bound: tuple[Mention, tuple[int, ...]], named: Named, atom: AtomSpec) -> tuple[Mention, tuple[int, ...]]:
    """A label addressing several rows narrowed by the sentence's other labels of that axis, nearest
    the figure first ("Europarl in Portuguese … P=0.5984": the P rows ∩ PT ∩ Europarl). A label
    that would leave no row (a sibling: "P" and "R") or that leaves the rows as they are is skipped."""
    mention, positions = bound
    kept = set(positions)
    for other, places in sorted(named, key=lambda n: (abs(n[0].start - atom.start), n[0].start)):
        narrower = kept & set(places)
        if other.label != mention.label and narrower and narrower != kept:
            kept = narrower
    return mention, tuple(sorted(kept))


def judge_figure(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                 context: Context, addressed_only: bool = False) -> Finding | None:
    """A figure against the cells its clause's row and column labels address; `addressed_only`
    (a runner-up table): never a row's only matching cell with no column named."""
    assert atom.quantity is not None
    before = atoms.text[max(0, atom.start - 16):atom.start]
    if _BOUNDED.search(before):
        return None  # "over 90%" is a bound, not the cell's value
    approximate = bool(_APPROXIMATE.search(before))
    rows = _bound(atom, atoms, [(m, p) for m, p in in_clause(view.rows, atom.clause)
                                if not kind_of_counted(m, atom.end, atoms.text)])
    columns = _bound(atom, atoms, in_clause(view.columns, atom.clause))
    if rows is not None and columns is None and not in_clause(view.columns, atom.clause):
        if value_column(view.grid) is not None:
            return judge_parameter(number, atom, atoms, view, rows, context)
        return None if addressed_only else _in_row(number, atom, atoms, view, rows, context)
    if rows is None or columns is None or any(_closer_name(view, atom, atoms.text, m) for m, _ in (rows, columns)):
        return None
    if any(sized_beyond(m, atoms.text, (atom.start, atom.end)) for m, _ in (rows, columns)):
        return None
    sentence = _sentence(atoms, atom)
    rows = _narrowed(_variant_named(rows, view.grid.row_paths, atoms.text), in_clause(view.rows, sentence), atom)
    columns = _narrowed(columns, in_clause(view.columns, sentence), atom)
    cells = [c for r in rows[1] for col in columns[1] if (c := view.cell(r, col)) is not None]
    cells = [c for cell in cells if (c := _pair_cell(cell, atoms.text[atom.clause[0]:atom.clause[1]])) is not None]
    if not cells:
        return None
    subject, attribute = plain(rows[0].label), plain(columns[0].label)
    setting = view.table.caption[:60]
    agreeing = [c for c in cells if agrees(atom.quantity, c.value, c.unit)]
    if agreeing and len({c.value for c in cells}) > 1 and any(
            _qualified_apart(named, paths, atoms.text)
            for named, paths in ((rows, view.grid.row_paths), (columns, view.grid.column_paths))):
        return None  # 75.1% under French / MMLU does not state a plain "MMLU" score: a neighbour's value
    if agreeing and (len({c.value for c in cells}) == 1 or len(rows[1]) == 1):
        return Finding(number, Verdict.SUPPORTED, quote_cells(agreeing[:1], view, context),
                       f"the cell ({cell_label(agreeing[0])}) is {agreeing[0].raw}", 1.0, subject=subject,
                       attribute=attribute, setting=setting)
    # The row states the figure in another column that the claim's label also names ("71.2 F1" is
    # the row's CoNLL F1, not its MUC/B3/CEAF F1): which column is meant is unsettled.
    exact = (_settled(rows, atoms.text) and _settled(columns, atoms.text) and len(rows[1]) == 1
             and not _qualified_apart(columns, view.grid.column_paths, atoms.text))
    elsewhere = exact and any(agrees(atom.quantity, c.value, c.unit) and claimparse.mentions(
        fold(" ".join(c.column_path)), plain(columns[0].label)) for c in view.grid.cells if c.row == rows[1][0])
    if (exact and not agreeing and not approximate and not elsewhere and len(cells) <= MAX_ADDRESSED
            and any(_plausible(atom.quantity, full_value(c.value, c.unit)) for c in cells)):
        shown = ", ".join(c.raw for c in cells)
        return Finding(number, Verdict.CONTRADICTED, quote_cells(cells, view, context, cells[0].raw),
                       f"the cell(s) ({cell_label(cells[0])}{' …' if len(cells) > 1 else ''}) say {shown}, "
                       f"not {atom.quantity.raw}", 1.0, subject=subject, attribute=attribute, setting=setting)
    return None


# --- all atoms --------------------------------------------------------------------------------------


def _distinct(label: str) -> bool:
    """A label that names something specific (digits, capitals inside, several words), not a
    common word that any paper's table may use as a header ("attention", "Full")."""
    return bool(re.search(r"\d|[A-Z].*[A-Z]|[a-z][A-Z]|\s\S", label.strip().lstrip("+-−–—*• ")))


_SOURCE_NAMED = re.compile(r"([\w.\-]+)(?:['’]s)?\s+(?:own\s+)?(?:technical\s+)?(?:paper|report|article|study)\b",
                           re.IGNORECASE)


def source_words(text: str) -> frozenset[str]:
    """Words a claim names a source by ("the Mixtral paper's re-evaluation", "the DeepSeek-V3
    technical report lists")."""
    return frozenset(t.norm for m in _SOURCE_NAMED.finditer(text) for t in tokens(m.group(1)))


def _ranked_views(views: list[TableView], claim_words: frozenset[str], numbers: Sequence[Quantity],
                  about: frozenset[str] = frozenset(), claim_text: str = "",
                  ) -> dict[str, list[tuple[tuple[int, int, int, int], TableView]]]:
    """Per document, the tables that name enough of the claim's labels with their scores (labels
    named, a distinctive one counting double, as does the setting a sweep counts when the claim
    changes it, "the number of attention heads" for "# of Heads"; caption words shared; the claim's
    figures among the cells; last, the labels named other than the paper's own row, which alone
    compare documents), best first. A "Parameter | Value" table of a document `about` the claim's
    subject names that subject in its Value header (synth.verify.parameters)."""
    ranked: dict[str, list[tuple[tuple[int, int, int, int], TableView]]] = {}
    figures_in: dict[int, int] = {}  # by cells tuple, which a table's copies share (synth.verify.tablecells.rebound)
    for view in views:
        labels = {plain(m.label) for m, _ in (*view.rows, *view.columns)}
        caption = len(view.caption_words & claim_words)
        # "our model" names any paper's own row: it counts, but never as a distinctive name.
        own = {plain(m.label) for m, _ in (*view.rows, *view.columns) if is_own(m.label)}
        swept = bool(claim_text) and changes_sweep(view, claim_text)
        named = len(labels) + sum(1 for label in labels - own if _distinct(label)) + swept
        if view.table.doc_id in about and value_column(view.grid) is not None:
            labels.add(view.grid.column_paths[-1][-1])
            named += 2
        if named + caption < MIN_VIEW_SCORE or (len(labels) < 2 and not swept
                                                and not any(_distinct(label) for label in labels)):
            continue  # one common word ("attention") names no table
        if own and (not labels - own or named - len(own) + caption < MIN_VIEW_SCORE):
            continue  # "our model" names every paper's own row: the rest of the claim must name the table
        figures = figures_in.get(id(view.grid.cells))
        if figures is None:
            figures = figures_in[id(view.grid.cells)] = sum(
                1 for q in numbers if any(agrees(q, c.value, c.unit) for c in view.grid.cells))
        ranked.setdefault(view.table.doc_id, []).append(((named, caption, figures, named - len(own)), view))
    for scored in ranked.values():
        scored.sort(key=lambda item: item[0], reverse=True)  # stable: ties keep the lookup's order
    return ranked


def choose_views(views: list[TableView], claim_words: frozenset[str], numbers: Sequence[Quantity],
                 titles: dict[str, frozenset[str]] | None = None, claim_text: str = "",
                 about: frozenset[str] = frozenset()) -> tuple[list[TableView], list[TableView]]:
    """The table(s) the claim is about, and the runners-up. Per document: most labels named (a
    distinctive one counting double), then most caption words shared, then most of the claim's
    figures among its cells. Across documents: every document whose best table names as many
    labels as any other, so two sources' tables of the same cell are both read (a disagreement,
    not a contradiction), narrowed to the documents whose title the claim names ("the Mixtral
    paper's …") if any. The runners-up are the chosen documents' other tables that name as many
    labels as their best one but share fewer caption words or figures ("Mixtral 8x7B … MMLU"
    names the main results table and the multilingual one alike): they are read only for a figure
    the chosen tables leave unsettled, at the cell its row and column labels both address (a
    comparison over a runner-up's other columns, or a row's one matching cell with no column
    named, would be read against cells the claim never meant)."""
    ranked = _ranked_views(views, claim_words, numbers, about, claim_text)
    if not ranked:
        return [], []
    # "our model" is every paper's own row: which paper a claim is about is told by its other labels.
    top = max(scored[0][0][3] for scored in ranked.values())
    documents = [doc for doc, scored in ranked.items() if scored[0][0][3] == top]
    named = source_words(claim_text)
    named_titles = [doc for doc in documents if (titles or {}).get(doc, frozenset()) & named]
    if named_titles and len(named_titles) < len(documents):
        documents = named_titles
    chosen = [view for doc in documents for score, view in ranked[doc] if score == ranked[doc][0][0]]
    runners_up = [view for doc in documents for score, view in ranked[doc]
                  if score != ranked[doc][0][0] and score[0] == ranked[doc][0][0][0]]
    return chosen, runners_up


_SETTING_KEY = re.compile(r"^(?:.+ (?:=|of|to) (?P<a>\d+(?:\.\d+)?)|(?P<b>\d+(?:\.\d+)?) .+|"
                          r"[^\d\s]\S* (?P<c>\d+(?:\.\d+)?))$")  # "m = 4", "4 layers", "WBits 2"


def _names_row(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView, context: Context) -> Finding | None:
    """A figure inside a setting's name ("m = 4" for the row 4 under the header m, synth.verify.cells
    .setting_rows; "window size of 10" for the row "(A4) Window size ( ws)=10", .assigned_rows) is
    the value that names the row, not a value said of a cell: the row's label cell states it, and
    is quoted."""
    header = " ".join(label_header(view.grid).split())
    for mention, positions in view.rows:
        key = _SETTING_KEY.match(plain(mention.label))
        if key is None or not (mention.start <= atom.start and atom.end <= mention.end) or len(positions) != 1:
            continue
        value = key.group("a") or key.group("b") or key.group("c")
        cells = [c for c in view.grid.cells if c.row == positions[0]][:1]
        if not cells or not cells[0].row_path or assigned_value(cells[0].row_path[-1]) != value:
            continue
        quoted = quote_cells(cells, view, context)
        label_cell = f"{' / '.join(cells[0].row_path)} | {header or '—'}: {cells[0].row_path[-1]}"
        return Finding(number, Verdict.SUPPORTED, tuple(replace(e, cells=(label_cell, *e.cells)) for e in quoted),
                       f"names the row '{plain(mention.label)}' of the table", 1.0,
                       subject=plain(mention.label), setting=view.table.caption[:60])
    return _names_column(number, atom, view, context) or _in_set(number, atom, atoms, view, context)


# A setting's values listed as a set: "m = {1, 2, 3}", "k ∈ {5, 10}".
_SET = re.compile(r"(?P<name>[A-Za-z\u03b1-\u03c9][\w\-]*)\s*(?:=|∈)\s*\{(?P<items>[^{}]{1,60})\}")


def _in_set(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView, context: Context) -> Finding | None:
    """A figure listed in a setting's set ("m = {1, 2, 3}") names the row of that value under the setting's
    header, as "m = 2" does: the row's label cell states it."""
    header = setting_header(view.grid)
    if header is None or atom.quantity is None:
        return None
    for match in _SET.finditer(atoms.text):
        if match.start("items") <= atom.start and atom.end <= match.end("items") and \
                match.group("name").lower() == header.lower():
            rows = [r for r, path in enumerate(view.grid.row_paths)
                    if path and assigned_value(path[-1]) == atom.quantity.raw]
            cells = [c for c in view.grid.cells if len(rows) == 1 and c.row == rows[0]][:1]
            if not cells:
                return None
            label_cell = f"{' / '.join(cells[0].row_path)} | {header}: {cells[0].row_path[-1]}"
            quoted = quote_cells(cells, view, context)
            return Finding(number, Verdict.SUPPORTED, tuple(replace(e, cells=(label_cell, *e.cells)) for e in quoted),
                           f"names the row '{header} = {atom.quantity.raw}' of the table", 1.0,
                           subject=f"{header} = {atom.quantity.raw}", setting=view.table.caption[:60])
    return None


def _names_column(number: int, atom: AtomSpec, view: TableView, context: Context) -> Finding | None:
    """A figure inside the name of a column's setting ("ρ = 0" for the column headed "ρ=0") names that
    column: the header states it, and is quoted with the column's first cell."""
    for mention, positions in view.columns:
        key = _SETTING_KEY.match(plain(mention.label))
        if key is None or not (mention.start <= atom.start and atom.end <= mention.end) or len(positions) != 1:
            continue
        path = view.grid.column_paths[positions[0]]
        cells = sorted((c for c in view.grid.cells if c.column == positions[0]), key=lambda c: c.row)[:1]
        if not cells or not path or assigned_value(path[-1]) != (key.group("a") or key.group("b")):
            continue
        header_cell = f"— | {' / '.join(path)}: {path[-1]}"  # the header states the value, as a label cell does
        quoted = quote_cells(cells, view, context)
        return Finding(number, Verdict.SUPPORTED, tuple(replace(e, cells=(header_cell, *e.cells)) for e in quoted),
                       f"names the column '{' / '.join(path)}' of the table", 1.0,
                       subject=plain(mention.label), setting=view.table.caption[:60])
    return None


def _judge(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView, context: Context,
           runner_up: bool = False) -> Finding | None:
    if atom.kind is AtomKind.FIGURE:
        if not runner_up and (named := _names_row(number, atom, atoms, view, context)) is not None:
            return named
        return judge_figure(number, atom, atoms, view, context, addressed_only=runner_up)
    if atom.kind is AtomKind.COMPARISON and atom.direction == 0:  # "comparable to", "on par with"
        return judge_parity(number, atom, atoms, view, context)
    if atom.kind is AtomKind.COMPARISON:
        return (judge_sweep(number, atom, atoms, view, context)
                or judge_trend(number, atom, atoms, view, context)
                or judge_comparison(number, atom, atoms, view, context)
                or judge_unnamed_rival(number, atom, atoms, view, context))
    if atom.kind is AtomKind.EXTREME:
        return judge_extreme(number, atom, atoms, view, context)
    return None


def judge_on_tables(atoms: ClaimAtoms, views: list[TableView], claim_words: frozenset[str],
                    numbers: Sequence[Quantity], context: Context) -> list[Finding]:
    """Findings for every figure, comparison and extreme atom from the table(s) the claim is about."""
    out: list[Finding] = []
    about = frozenset(about_claim(views, atoms, context))
    chosen, runners_up = choose_views(views, claim_words, numbers, context.titles, atoms.text, about)
    for number, atom in enumerate(atoms.atoms):
        found = [f for view in chosen if (f := _judge(number, atom, atoms, view, context)) is not None]
        if not found and atom.kind is AtomKind.FIGURE:  # the cell a row and column name in another table
            found = [f for view in runners_up if (f := _judge(number, atom, atoms, view, context, True)) is not None]
        out += found
    return out
