"""How many hand-checked table cells the PDF table extractor gets right.

The sample (bench/data/tables_sample.yaml) lists cells of real PDFs in ../shared/corpus/pdfs:
page, the table's caption number, and (row label, column name, value) as printed. For each
cell the extractor's tables on that page with that caption are searched: the cell is *found*
when a table has a row with that label and a column with that name, and *correct* when the
cell there holds the same value. Names and values are compared after Unicode normalisation,
case folding and whitespace collapsing only, so a wrong column or a shifted row is a miss.

    .venv/bin/python bench/tables_eval.py --pdfs ../shared/corpus/pdfs
    .venv/bin/python bench/tables_eval.py --pdfs ../shared/corpus/pdfs --misses
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synth.library.pdf import _clean_page  # noqa: E402
from synth.models import Table  # noqa: E402
from synth.pdftables import extract_tables  # noqa: E402

SAMPLE = ROOT / "bench" / "data" / "tables_sample.yaml"
DEFAULT_PDFS = ROOT.parent / "shared" / "corpus" / "pdfs"
_NUMBER = re.compile(r"Table\s*(\d+)", re.IGNORECASE)


def norm(text: str) -> str:
    """Comparison form: NFKC, case-folded, one kind of quote, single spaces."""
    text = unicodedata.normalize("NFKC", str(text)).replace("’", "'").replace("−", "-").casefold()
    return " ".join(text.split())


@dataclass
class Tally:
    cells: int = 0
    found: int = 0
    correct: int = 0
    tables: int = 0
    seconds: float = 0.0


def find_cell(tables: list[Table], row: str | list[str], column: str) -> str | None:
    """The cell at (row, column) in the first table that has both, else None."""
    keys = [norm(c) for c in (row if isinstance(row, list) else [row])]
    wanted_column = norm(column)
    for table in tables:
        header = [norm(h) for h in table.header]
        if wanted_column not in header:
            continue
        index = header.index(wanted_column)
        for cells in table.rows:
            if [norm(c) for c in cells[:len(keys)]] == keys and index < len(cells):
                return cells[index]
    return None


def evaluate(pdfs: Path, sample: dict[str, Any], misses: bool) -> dict[str, Tally]:
    results: dict[str, Tally] = {}
    for entry in sample["documents"]:
        name = entry["pdf"]
        tally = results.setdefault(name, Tally())
        path = pdfs / name
        if not path.exists():
            print(f"  {name}: not found in {pdfs}, its {sum(len(t['cells']) for t in entry['tables'])} cells "
                  "count as missed")
        document = pdfium.PdfDocument(str(path)) if path.exists() else None
        try:
            for table_entry in entry["tables"]:
                number = int(_NUMBER.search(table_entry["caption"]).group(1))
                tables: list[Table] = []
                if document is not None:
                    started = time.perf_counter()
                    page = document[table_entry["page"] - 1]
                    textpage = page.get_textpage()
                    text = _clean_page(textpage.get_text_range())
                    on_page = extract_tables(textpage, name, table_entry["page"], text, 0)
                    textpage.close()
                    page.close()
                    tally.seconds += time.perf_counter() - started
                    tables = [t for t in on_page if (m := _NUMBER.match(t.caption)) and int(m.group(1)) == number]
                tally.tables += 1
                for row, column, value in table_entry["cells"]:
                    tally.cells += 1
                    got = find_cell(tables, row, column)
                    if got is not None:
                        tally.found += 1
                        if norm(got) == norm(value):
                            tally.correct += 1
                            continue
                    if misses:
                        state = "not found" if got is None else f"got {got!r}"
                        print(f"    miss {name} p{table_entry['page']} Table {number}: ({row}, {column}) "
                              f"expected {value!r}, {state}")
        finally:
            if document is not None:
                document.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS, help="folder holding the sample's PDFs")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="hand-checked cells (YAML)")
    parser.add_argument("--misses", action="store_true", help="list every cell not extracted correctly")
    args = parser.parse_args(argv)
    if not args.pdfs.is_dir():
        print(f"skipped: {args.pdfs} is not present (the shared corpus lives in ../shared/corpus/pdfs)")
        return 0
    sample = yaml.safe_load(args.sample.read_text(encoding="utf-8"))
    results = evaluate(args.pdfs, sample, args.misses)
    sets = {entry["pdf"]: entry.get("set", "development") for entry in sample["documents"]}
    print(f"{'document':36} {'set':>11} {'tables':>6} {'cells':>6} {'found':>6} {'correct':>8} {'ratio':>6} "
          f"{'time':>7}")
    totals: dict[str, Tally] = {}
    for name, tally in results.items():
        _row(name, sets[name], tally)
        for key in (sets[name], "overall"):
            total = totals.setdefault(key, Tally())
            total.tables += tally.tables
            total.cells += tally.cells
            total.found += tally.found
            total.correct += tally.correct
            total.seconds += tally.seconds
    for key in ("development", "held-out", "overall"):
        if key in totals:
            _row(key, "", totals[key])
    return 0


def _row(name: str, kind: str, tally: Tally) -> None:
    ratio = tally.correct / tally.cells if tally.cells else 0.0
    print(f"{name:36} {kind:>11} {tally.tables:6d} {tally.cells:6d} {tally.found:6d} {tally.correct:8d} "
          f"{ratio:6.1%} {tally.seconds:6.2f}s")


if __name__ == "__main__":
    raise SystemExit(main())
