"""Does adding an unrelated PDF change what the questions retrieve? (What report invalidation by
dependencies would have to rely on.)

    .venv/bin/python bench/retrieval_stability.py [--unrelated FILE.pdf]

The example library plus the corpus PDFs except --unrelated is indexed, every question of
reports/ is built while every passage search it makes is logged; then --unrelated is added and
each logged search is run again. Printed: how many searches return the same passages in the same
order, how many return passages of the new file, and how many changed order without it (BM25's
collection statistics — passage count, average length, document frequencies — moved).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synth import index as index_module  # noqa: E402
from synth.build import make_report, prepare_library  # noqa: E402
from synth.config import load_questions  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", default=str(ROOT.parent / "shared" / "corpus" / "pdfs"))
    parser.add_argument("--unrelated", default="perspective_on_explanations_of_molecular_prediction_models.pdf")
    args = parser.parse_args()
    pdfs = Path(args.pdfs)
    with tempfile.TemporaryDirectory(prefix="synth-bench-stability-") as tmp:
        library_dir = Path(tmp) / "library"
        shutil.copytree(ROOT / "library", library_dir)
        (library_dir / "corpus").mkdir()
        for pdf in sorted(pdfs.glob("*.pdf")):
            if pdf.name != args.unrelated:
                shutil.copy(pdf, library_dir / "corpus" / pdf.name)
        calls: list[tuple[str, int, tuple[str, ...] | None]] = []
        search = index_module.PassageIndex.search

        def logged(self, query, limit=20, doc_ids=None):  # type: ignore[no-untyped-def]
            calls.append((query, limit, None if doc_ids is None else tuple(doc_ids)))
            return search(self, query, limit, doc_ids)

        index_module.PassageIndex.search = logged  # type: ignore[method-assign]
        library, index = prepare_library(library_dir, Path(tmp) / "cache")
        for loaded in load_questions(sorted((ROOT / "reports").glob("*.yaml"))):
            make_report(loaded, library, index)
        index_module.PassageIndex.search = search  # type: ignore[method-assign]
        before = [[h.passage.passage_id for h in index.search(*call)] for call in calls]
        index.close()
        shutil.copy(pdfs / args.unrelated, library_dir / "corpus" / args.unrelated)
        library, index = prepare_library(library_dir, Path(tmp) / "cache")
        after = [[h.passage.passage_id for h in index.search(*call)] for call in calls]
        index.close()
    new = f"corpus/{args.unrelated}#"
    same = sum(1 for a, b in zip(before, after, strict=True) if a == b)
    with_new = sum(1 for b in after if any(p.startswith(new) for p in b))
    moved = sum(1 for a, b in zip(before, after, strict=True) if a != b and not any(p.startswith(new) for p in b))
    print(f"{len(calls)} searches while building {len(list((ROOT / 'reports').glob('*.yaml')))} reports; "
          f"after adding {args.unrelated}: {same} identical, {with_new} return passages of the new file, "
          f"{moved} reordered without it (BM25 collection statistics)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
