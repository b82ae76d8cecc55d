"""How many page breaks fall inside a sentence, and which ones the PDF reader joins again.

    .venv/bin/python bench/page_breaks.py [--library ../shared/corpus/pdfs] [--examples 10]

For every pair of pages of every PDF: page k's last body line (above its page number, running foot and
footnotes) is prose that ends no sentence, and page k+1's first prose line, after its running head, page
number and captioned floats, starts in lower case and ends its sentence within a few lines
(synth.library.pagebreaks.find_joins, the rule the reader applies). Prints the count over all page breaks and
the first `--examples` breaks, spread over the files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synth.library.pagebreaks import sentence_breaks  # noqa: E402
from synth.library.pdf import page_texts  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default=str(ROOT.parent / "shared" / "corpus" / "pdfs"))
    parser.add_argument("--examples", type=int, default=10)
    args = parser.parse_args()
    files = sorted(Path(args.library).rglob("*.pdf"))
    if not files:
        print(f"no PDFs under {args.library}", file=sys.stderr)
        return 1
    breaks = joined = 0
    found: list[tuple[str, int, str, str]] = []
    for path in files:
        pages = page_texts(path.read_bytes())
        breaks += max(len(pages) - 1, 0)
        for page, before, after in sentence_breaks(pages):
            joined += 1
            found.append((path.name, page, before, after))
    print(f"{len(files)} files, {breaks} page breaks, {joined} inside a sentence (joined by the reader)")
    step = max(len(found) // max(args.examples, 1), 1)
    for name, page, before, after in found[::step][:args.examples]:
        print(f"- {name} pp. {page}–{page + 1}: …{before[-70:]} ‖ {after[:70]}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
