"""Does the PDF reader give the same Documents as the recorded ones? The check of every ingest speed-up.

    .venv/bin/python bench/pdf_compare.py --record /tmp/pdf-before.json   # with the old reader
    .venv/bin/python bench/pdf_compare.py --check /tmp/pdf-before.json    # with the new one

Reads every PDF of ../shared/corpus/pdfs (or `--library`) with `synth.library.pdf.PdfReader` and
writes, or compares against, the whole serialized `Document` (`synth.serialize.to_data`, floats
exact): title, metadata, text, every passage and every table cell. An optimisation that must not
change output is only kept when this prints `0 differ`; the first differing field is shown per file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from snapshots import recorded_differences  # noqa: E402

from synth.library.base import Unreadable  # noqa: E402
from synth.library.pdf import PdfReader  # noqa: E402
from synth.serialize import to_data  # noqa: E402


def snapshot(path: Path) -> object:
    """The Document as JSON-able data; `path` is left out so two checkouts compare equal."""
    try:
        document = PdfReader().read(path, path.stem, path.read_bytes())
    except Unreadable as exc:
        return {"unreadable": exc.reason}
    data = to_data(document, exact=True)
    data.pop("path")
    return data


def first_difference(old: object, new: object, where: str = "") -> str:
    """The path of the first field that differs, with both values (shortened)."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                return first_difference(old.get(key), new.get(key), f"{where}.{key}")
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return f"{where}: {len(old)} items -> {len(new)}"
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return first_difference(a, b, f"{where}[{index}]")
    return f"{where}: {str(old)[:120]!r} -> {str(new)[:120]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default=str(ROOT.parent / "shared" / "corpus" / "pdfs"))
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--record")
    group.add_argument("--check")
    args = parser.parse_args()
    files = sorted(Path(args.library).rglob("*.pdf"))
    if not files:
        print(f"no PDFs under {args.library}", file=sys.stderr)
        return 1
    current = {path.name: snapshot(path) for path in files}
    differences = recorded_differences(current, args.record, args.check)
    if differences is None:
        return 0
    for name, old, new in differences:
        print(f"{name}: {first_difference(old, new)}")
    differing = len(differences)
    tables = sum(len(doc.get("tables", [])) for doc in current.values() if isinstance(doc, dict))
    print(f"{len(current)} files, {tables} tables, {differing} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
