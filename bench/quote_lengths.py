"""How long the quotes on report pages are: every evidence item of every report.json in a reports
folder (answer cells and the values other sources give, findings, the question's own claims, passages
that disagree), measured two ways:

- `quote field`: the characters of `Evidence.quote` in report.json, which report pages used to print
  whole (a table quote was the row as extracted, or the whole table flattened into a line);
- `shown now`: the characters of source text the current page shows (synth.quotes.shown_chars): the
  row's cells and column headers for a table quote, the sentence(s) that state the claim for prose.

    .venv/bin/python bench/quote_lengths.py docs/reports [OTHER_REPORTS_DIR …]

Run it on two builds of the same questions (before and after a change) and read them side by side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from synth.models import Evidence, PassageKind, Report
from synth.quotes import shown_chars
from synth.serialize import report_from_json


def evidence_items(report: Report) -> list[tuple[Evidence, str]]:
    """Every quoted evidence item a report page shows, with the claim (or cell value) it backs."""
    items: list[tuple[Evidence, str]] = []
    for cell in report.answer.cells if report.answer else ():
        items += [(e, cell.value) for e in cell.evidence[:1]]
        items += [(d.evidence, d.value) for d in cell.disagreements]
    for checked in (*report.findings, *report.author_claims):
        items += [(e, checked.claim.text) for e in checked.verification.evidence]
        items += [(e, checked.claim.text) for e in checked.verification.counter_evidence]
    for conflict in report.contradictions:
        items += [(conflict.first, ""), (conflict.second, "")]
    return items


def _line(label: str, values: list[int]) -> str:
    if not values:
        return f"  {label:28} n=0"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (f"  {label:28} n={len(values):4}  median {statistics.median(values):7.0f}  p90 {p90:6}  "
            f"max {max(values):6}  over 500: {sum(v > 500 for v in values)}")


def measure(folder: Path) -> None:
    reports = [report_from_json(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*/report.json"))]
    items = [item for report in reports for item in evidence_items(report)]
    print(f"{folder}: {len(reports)} reports, {len(items)} evidence items")
    for kind, chosen in (("table", [i for i in items if i[0].passage_kind is PassageKind.TABLE_ROW]),
                         ("prose", [i for i in items if i[0].passage_kind is not PassageKind.TABLE_ROW]),
                         ("all", items)):
        print(_line(f"{kind}: quote field", [len(e.quote) for e, _ in chosen]))
        print(_line(f"{kind}: shown now", [shown_chars(e, claim) for e, claim in chosen]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path, help="report folders holding */report.json")
    for folder in parser.parse_args().folders:
        measure(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
