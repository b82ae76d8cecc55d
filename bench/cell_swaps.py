"""Whether the cell-verification stage refuses a neighbour's value: cells wrong by construction, made from the gold.

    nice .venv/bin/python bench/cell_swaps.py [--part tuning|tune|dev|…|held_out|reports|…] [--details]

From each gold answer file (bench/data/answers, format in its README) this makes cells whose value is known to be
wrong, and asks the cell-verification stage (synth.answer.checks.verify_cells: the rules over the whole library, then
the read-back against the one place the cell was read from) about each, exactly as the answer stage would: the cell
is a retrieval Candidate, worded by the answer stage's own code (`claims_of` with `cell_label`), checked over the
anchored library of its question (as synth.build and answers_eval.py --answers-only make it). For every stated gold
cell (subject A, attribute T, value v, its quote on its page as the place):

- subject swap: v given to another subject B of the question whose gold cell for T (same variant) differs or is not
  stated: "B's T is v", read from A's place;
- attribute swap: v given to A's other attribute U whose gold cell differs or is not stated;
- setting swap: v given to A's other variant or setting of T (base vs chat, a size column, 'Start' vs 'Average');
- control: the gold cell itself, right value at its own place: it should stay supported.

A swapped cell is worded as the answer stage words the target cell: the target's printed name (its own gold table
row, else its subject's name), its label (its own place's column label, else the source's when the attribute is the
same, else the asked attribute's name) and its variant, over the source cell's quote. A value equal (at the printed
precision) to the target's value, an accepted value or another source's value is no swap. A gold place the library's
text or tables do not hold (a figure, a table the reader missed) is counted as "no place" and not asked.

Prints per part swaps marked supported (target 0), contradicted and insufficient, and right cells marked supported.
`--details` lists every supported swap with its wording and quote (never for the parts run only to report).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import answers_eval
from answers_eval import CORPUS, GOLD, TUNING_PARTS, numbers_equal

from synth.names import canonical, family
from synth.text import fold

if TYPE_CHECKING:
    from synth.answer.kinds import TextCell
    from synth.models import Evidence, Library, Plan, Verification
    from synth.retrieve.asks import Candidate

KINDS = ("subject", "attribute", "setting")
MAX_TEXT_WORDS = 5
_FIGURE = re.compile(r"[~≈]?\s*\d[\d,]*(?:\.\d+)?(?:\s*[×x]\s*10\^?[−\-–]?\d+|e[−\-]\d+)?(?:\s*%|[KMBT](?![A-Za-z]))?")
_UNITS = {"B", "M", "T", "K", "%"}


@dataclass(frozen=True)
class GoldCell:
    """One gold cell: stated (value, number, unit, quote and page in its source) or not stated."""

    subject: str
    attribute: str
    variant: str | None
    setting: tuple[str, ...]
    value: str | None
    number: float | None
    unit: str | None
    source: str | None
    page: int | None
    quote: str | None
    right: tuple[str, ...]  # every value that is right for the cell: value, accept, others

    @property
    def stated(self) -> bool:
        return self.value is not None

    @property
    def askable(self) -> bool:
        """A stated cell whose value a cell would hold: a number, or a text value of at most MAX_TEXT_WORDS words (a
        gold description, "LayerNorm after each residual connection …", is no value the answer stage gives, and no
        swap of it says anything); it is still a target, its description telling a wrong value."""
        return self.stated and bool(self.quote) and (self.number is not None
                                                     or len((self.value or "").split()) <= MAX_TEXT_WORDS)

    @property
    def table(self) -> bool:
        """A table quote: `row | column | value` (a figure quote names its figure first)."""
        return bool(self.quote) and self.quote.count(" | ") >= 2 and not re.match(r"Figure\s*\d", self.quote)


@dataclass(frozen=True)
class Swap:
    """A cell to ask: `target`'s subject, attribute and variant with `source`'s value, read from `source`'s place
    (the control: the source itself)."""

    kind: str  # subject | attribute | setting | control
    source: GoldCell
    target: GoldCell


def gold_cells(gold: dict) -> list[GoldCell]:
    """A gold file's cells as typed objects. A cell holds its shortest right value ("layer normalization"), as the
    answer stage's short text values do, and a number only its figure as printed (a gold value may describe it)."""
    out = []
    for c in gold.get("cells", []):
        stated = not c.get("not_stated") and c.get("value") is not None
        right = [str(c["value"])] if stated else []
        right += [str(a) for a in c.get("accept", [])] + [str(o["value"]) for o in c.get("others", []) if "value" in o]
        value = min(right[:1 + len(c.get("accept", []))], key=len) if stated else None
        figure = _FIGURE.search(value or "") if stated and c.get("number") is not None else None
        if figure:  # "256 sequences (128,000 tokens per batch)": a cell holds the figure as printed, 256
            value = figure.group(0).strip()
        out.append(GoldCell(
            subject=c["subject"], attribute=c["attribute"], variant=c.get("variant"),
            setting=tuple(str(s) for s in c.get("setting", [])), value=value,
            number=float(c["number"]) if stated and c.get("number") is not None else None,
            unit=c.get("unit"), source=c.get("source"), page=c.get("page"),
            quote=str(c["quote"]) if stated and c.get("quote") else None, right=tuple(right)))
    return out


def _differs(cell: GoldCell, target: GoldCell) -> bool:
    """Whether `cell`'s value is wrong for `target`: any value for a not-stated cell; else none of its right values
    (numbers at the printed precision, text by its content words)."""
    if not target.stated:
        return True
    if cell.number is not None:
        return not any(numbers_equal(cell.number, cell.unit, printed, target.unit) for printed in target.right)
    return not any(answers_eval._idea(cell.value or "", printed, 1.0) for printed in target.right)


def _same_setting(a: GoldCell, b: GoldCell) -> bool:
    return canonical(a.variant or "") == canonical(b.variant or "") and a.setting == b.setting


def swaps_of(cells: Sequence[GoldCell]) -> list[Swap]:
    """Every swap of a question's gold, and a control per stated cell: a subject swap to each other subject's cell
    of the same attribute and setting, an attribute swap to each of the subject's cells of another attribute (same
    setting), a setting swap to each of its other settings of the attribute; only where the value is wrong there."""
    out = []
    for cell in cells:
        if not cell.askable:
            continue
        out.append(Swap("control", cell, cell))
        for other in cells:
            if other is cell or not _differs(cell, other):
                continue
            if other.subject != cell.subject and other.attribute == cell.attribute and _same_setting(cell, other):
                out.append(Swap("subject", cell, other))
            elif other.subject == cell.subject and other.attribute != cell.attribute and _same_setting(cell, other):
                out.append(Swap("attribute", cell, other))
            elif other.subject == cell.subject and other.attribute == cell.attribute and not _same_setting(cell, other):
                out.append(Swap("setting", cell, other))
    return out


# --- the places: a gold quote found in the library -------------------------------------------------------------

def _squeezed(text: str) -> tuple[str, list[int]]:
    """The text without spaces, hyphens and the extraction's soft-hyphen artefact, and where each kept character
    was: a gold quote is the page text with line breaks read as spaces and `pre\ufffetraining` as `pretraining`."""
    kept, where = [], []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "-\ufffe\u00ad\u2010\u2011":
            continue
        kept.append(ch)
        where.append(i)
    return fold("".join(kept)), where


@dataclass(frozen=True)
class Place:
    """Where a gold cell is read in the library, as retrieval would hand it over: the evidence (a sentence's span, or
    a table with the cell as `row label | column header | value`) and the name it prints for the subject."""

    evidence: Evidence
    printed: str


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(text)))


def find_place(cell: GoldCell, library: Library) -> Place | None:
    """The gold cell's quote found in the library: a sentence's span in its document's text on its page, or, for a
    table quote, the cell of a table on that page holding the value whose row and column labels share most words
    with the quote's (a gold quote may annotate a label: "Qwen3-0.6B (Thinking, Table 19)")."""
    from synth.models import Evidence, PassageKind

    handle = next((d for d in library.documents if Path(d.path).name == cell.source), None)
    if handle is None or not cell.quote:
        return None
    key = library.source_for_doc(handle.doc_id).key
    if cell.table:
        parts = [p.strip() for p in cell.quote.split(" | ")]
        printed, labels = re.sub(r"[%\s]", "", parts[-1]), _words(" ".join(parts[:-1]))
        best: tuple[int, Place] | None = None
        for table in handle.tables:
            if table.page != cell.page:
                continue
            for row in table.rows:
                for c, value in enumerate(row[1:], start=1):
                    if re.sub(r"[%\s]", "", value) != printed:
                        continue
                    header = table.header[c] if c < len(table.header) else ""
                    shared = len(labels & _words(f"{row[0]} {header}"))
                    if shared and (best is None or shared > best[0]):
                        quote = f"{row[0].strip()} | {header.strip()} | {value.strip()}"
                        evidence = Evidence(key, handle.doc_id, quote, table.start, table.end, table.page,
                                            table.section, PassageKind.TABLE_ROW, table_caption=table.caption)
                        best = (shared, Place(evidence, _printed_name(cell, (row[0], header))))
        return best[1] if best else None
    passages = [p for p in handle.passages if p.page == cell.page and p.kind is PassageKind.TEXT] or [
        p for p in handle.passages if p.kind is PassageKind.TEXT]
    if not passages:
        return None
    text = handle.text
    lo, hi = min(p.start for p in passages), max(p.end for p in passages)
    squeezed, where = _squeezed(text[lo:hi])
    wanted, _ = _squeezed(cell.quote)
    at = squeezed.find(wanted)
    if at < 0 or not wanted:
        return None
    start, end = lo + where[at], lo + where[at + len(wanted) - 1] + 1
    section = next((p.section for p in passages if p.start <= start < p.end), None)
    return Place(Evidence(key, handle.doc_id, cell.quote, start, end, cell.page, section, PassageKind.TEXT),
                 cell.subject)


def _printed_name(cell: GoldCell, labels: Sequence[str]) -> str:
    """The label of a table cell that names the cell's subject (its family in it), else the row label."""
    fam = canonical(family(cell.subject))
    return next((label.strip() for label in labels if fam and fam in canonical(label)), labels[0].strip())


# --- the cells as the answer stage words them --------------------------------------------------------------------

def _attribute_names(plan: Plan, gold: dict) -> dict[str, tuple[str, bool]]:
    """Each gold attribute's name in the plan and whether the plan reads it as a quantity (the answer stage words a
    count "X has 47B total parameters", a score "X scores 70.6 on MMLU"); an attribute the plan did not read keeps
    its gold name, a count by its unit."""
    from synth.models import AttributeKind

    out = {}
    units = {c["attribute"]: c.get("unit") for c in gold.get("cells", []) if c.get("unit")}
    for entry in gold.get("attributes", []):
        names = {canonical(str(n)) for n in [entry["name"], *entry.get("aliases", [])]}
        found = next((a for a in plan.attributes if names & {canonical(s) for s in (a.name, *a.spellings)}), None)
        if found is not None:
            out[entry["name"]] = (found.name, found.kind is AttributeKind.QUANTITY)
        else:
            out[entry["name"]] = (entry["name"], units.get(entry["name"]) in {"B", "M", "T", "K", None})
    return out


def _candidate(swap: Swap, places: dict[GoldCell, Place | None], names: dict[str, tuple[str, bool]]) -> Candidate:
    """The swapped cell as retrieval would have handed it to the answer stage: the target's subject, attribute,
    variant and printed name, the source's value and place."""
    from synth.models import PassageKind
    from synth.retrieve.asks import Candidate

    source, target = swap.source, swap.target
    place, own = places[source], places.get(target)
    assert place is not None
    return Candidate(subject=target.subject, attribute=names[target.attribute][0],
                     entity=own.printed if own is not None else target.subject, variant=target.variant,
                     value=source.value or "", number=source.number,
                     unit=source.unit if source.unit in _UNITS else None, evidence=place.evidence,
                     table=place.evidence.passage_kind is PassageKind.TABLE_ROW, home=True, named=True)


def wordings(swap: Swap, places: dict[GoldCell, Place | None], names: dict[str, tuple[str, bool]]) -> list[str]:
    """The swapped cell's wordings, by the answer stage's own code (`cell_label`, `claims_of`), labelled as the
    target is: by its own place (a table's column), else by the source's place for the same attribute, else by the
    asked attribute's name."""
    from dataclasses import replace

    from synth.answer import cell_label
    from synth.answer.wording import claims_of
    from synth.models import PassageKind

    candidate = _candidate(swap, places, names)
    own = places.get(swap.target)
    if own is None and swap.target.attribute == swap.source.attribute:
        own = places[swap.source]
    if own is None:
        label = names[swap.target.attribute][0]
    else:
        label = cell_label(replace(candidate, entity=own.printed, evidence=own.evidence,
                                   table=own.evidence.passage_kind is PassageKind.TABLE_ROW))
    return claims_of(candidate, label, names[swap.target.attribute][1])


def _given(swap: Swap, plan: Plan, names: dict[str, tuple[str, bool]]) -> TextCell | None:
    """A swap whose value is a term, as the answer stage hands a text cell to the stage: the value, the target's
    attribute as the plan reads it (the gold's name when the plan did not read it) and the question's other
    attributes."""
    from synth.answer.kinds import TextCell
    from synth.models import AttributeKind, PlanAttribute

    name = names[swap.target.attribute][0]
    if not swap.source.value or swap.source.number is not None:
        return None
    attribute = next((a for a in plan.attributes if a.name == name),
                     PlanAttribute(name, AttributeKind.TEXT, (name,), "gold"))
    read = {canonical(a.name) for a in plan.attributes}
    others = (*plan.attributes, *(PlanAttribute(n, AttributeKind.TEXT, (n,), "gold") for n, _ in names.values()
                                  if canonical(n) not in read))
    return TextCell(swap.source.value, attribute, tuple(dict.fromkeys(o for o in others if o.name != name)))


# --- running a part ------------------------------------------------------------------------------------------------

@dataclass
class Tally:
    """Verdicts per kind of swap, controls, and cells whose gold place the library does not hold."""

    verdicts: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in (*KINDS, "control")})
    no_place: int = 0
    supported: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for kind, counts in other.verdicts.items():
            self.verdicts[kind].update(counts)
        self.no_place += other.no_place

    def line(self, name: str) -> str:
        swaps = sum((self.verdicts[k] for k in KINDS), Counter())
        per_kind = ", ".join(f"{k} {self.verdicts[k]['supported']}/{sum(self.verdicts[k].values())}" for k in KINDS)
        control = self.verdicts["control"]
        return (f"{name}: swaps {sum(swaps.values())}: supported {swaps['supported']} (target 0; {per_kind}), "
                f"contradicted {swaps['contradicted']}, insufficient {swaps['insufficient']}; right cells supported "
                f"{control['supported']} of {sum(control.values())}; {self.no_place} gold places not in the library")


def check_question(gold: dict, library: Library, index: object, indexes: object) -> Tally:
    """Every swap and control of one question, checked by the cell-verification stage."""
    from synth.answer.checks import verify_cells
    from synth.config import Question

    tally = Tally()
    plan, anchored, within = answers_eval.planned(Question(**gold["question"]), library, index, indexes)
    names = _attribute_names(plan, gold)
    asked: list[tuple[Swap, list[str], Evidence]] = []
    cells = gold_cells(gold)
    places = {cell: find_place(cell, anchored) for cell in cells if cell.stated and cell.quote}
    tally.no_place = sum(place is None for cell, place in places.items() if cell.askable)
    for swap in swaps_of(cells):
        place = places[swap.source]
        if place is not None:
            asked.append((swap, wordings(swap, places, names), place.evidence))
    given = [_given(s, plan, names) for s, _, _ in asked]
    checked: list[Verification] = verify_cells([w for _, w, _ in asked], [p for _, _, p in asked], anchored,
                                               within, [s.target.variant for s, _, _ in asked], given) if asked else []
    for (swap, _, place), verification in zip(asked, checked, strict=True):
        tally.verdicts[swap.kind][verification.verdict.value] += 1
        if swap.kind == "control" and verification.verdict.value != "supported":
            tally.unconfirmed.append(f"{swap.source.subject} × {swap.source.attribute} = {swap.source.value}: "
                                     f"{verification.verdict.value}: “{verification.claim}” — "
                                     f"{verification.explanation[:200]}")
        if swap.kind != "control" and verification.verdict.value == "supported":
            tally.supported.append(f"{gold['id']} [{swap.kind}] {swap.target.subject} × {swap.target.attribute}"
                                   f"{f' [{swap.target.variant}]' if swap.target.variant else ''} given "
                                   f"{swap.source.value} of {swap.source.subject} × {swap.source.attribute}: "
                                   f"“{verification.claim}” — place p.{place.page} “{place.quote[:160]}” — "
                                   f"{verification.explanation[:240]}")
    return tally


def run_part(part: str, details: bool, library: Library, index: object) -> Tally:
    from synth.anchor import AnchoredIndexes

    folder = answers_eval._FOLDERS.get(part, GOLD / part)
    total = Tally()
    indexes = AnchoredIndexes()
    started = time.perf_counter()
    for path in sorted(folder.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        tally = check_question(gold, library, index, indexes)
        total.add(tally)
        if details and part not in answers_eval._REPORT_ONLY:
            print(tally.line(f"  {path.stem}"))
            for line in tally.supported:
                print(f"    supported swap: {line}")
            for line in tally.unconfirmed:
                print(f"    right cell not supported: {line}")
    indexes.close()
    print(total.line(f"{part} ({time.perf_counter() - started:.0f} s)"))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = [*TUNING_PARTS, "tuning", *answers_eval._REPORT_ONLY, "reports"]
    parser.add_argument("--part", default="tuning", choices=parts)
    parser.add_argument("--details", action="store_true",
                        help="list each supported swap (never for the parts run only to report)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent (the shared corpus is needed)")
        return 0
    from synth.build import prepare_library

    chosen = {"tuning": TUNING_PARTS,
              "reports": [p for p in answers_eval._REPORT_ONLY if p != "held_out"]}.get(args.part, [args.part])
    library, index = prepare_library(CORPUS)
    total = Tally()
    for part in chosen:
        total.add(run_part(part, args.details, library, index))
    if len(chosen) > 1:
        print(total.line(f"{args.part} (all)"))
    index.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
