"""Does a markdown reader give the same sections, passages and tables as the recorded ones?

    .venv/bin/python bench/markdown_compare.py --record /tmp/markdown-before.json   # with the old reader
    .venv/bin/python bench/markdown_compare.py --check /tmp/markdown-before.json    # with the new one

Reads every .md file of ../shared/corpus/markdown (and the example library) with
synth.library.markdown.MarkdownReader and writes, or compares against, everything the reader
outputs: title, metadata, every passage (kind, span, section, table) and every table (caption,
header, rows, groups, span, section, confidence). Prints the first difference per file.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from snapshots import recorded_differences  # noqa: E402

from synth.library.base import Unreadable  # noqa: E402
from synth.library.markdown import MarkdownReader  # noqa: E402

FOLDERS = [ROOT.parent / "shared" / "corpus" / "markdown", ROOT / "library", ROOT / "tests" / "fixtures"]


def snapshot(path: Path) -> object:
    try:
        document = MarkdownReader().read(path, path.name, path.read_bytes())
    except Unreadable as exc:
        return {"unreadable": exc.reason}
    return {
        "title": document.title,
        "metadata": document.metadata,
        "passages": [[p.kind.value, p.start, p.end, p.section, p.table_id, p.text] for p in document.passages],
        "tables": [dataclasses.asdict(t) for t in document.tables],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record")
    parser.add_argument("--check")
    args = parser.parse_args()
    files = sorted(p for folder in FOLDERS if folder.is_dir() for p in folder.rglob("*.md"))
    current = {str(p.relative_to(ROOT.parent)): snapshot(p) for p in files}
    differences = recorded_differences(current, args.record, args.check, indent=1)
    if differences is None:
        return 0
    differing = len(differences)
    for name, old, new in differences:
        print(f"{name}: differs")
        if isinstance(old, dict) and isinstance(new, dict):
            for key in sorted(set(old) | set(new)):
                a, b = old.get(key), new.get(key)
                if a == b:
                    continue
                if isinstance(a, list) and isinstance(b, list):
                    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
                    print(f"  {key}: {len(a)} vs {len(b)}; first difference at {at}:")
                    print(f"    old {json.dumps(a[at] if at < len(a) else None, ensure_ascii=False)[:300]}")
                    print(f"    new {json.dumps(b[at] if at < len(b) else None, ensure_ascii=False)[:300]}")
                else:
                    print(f"  {key}: {str(a)[:200]!r} vs {str(b)[:200]!r}")
    print(f"{len(current)} files, {differing} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
