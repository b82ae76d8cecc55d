"""Count the questions whose plan leaves an asking clause unread (issue 9: a page must say what it did not read).

    .venv/bin/python bench/unread_clauses.py [--part tuning|reports|<a part of bench/answers_eval.py>] [--details]

Plans only (no retrieval, no build): for each tuning part, how many questions have a clause the plan did not read;
with --details, each such question and its unread clauses. The parts run only to report (`reports` runs them all)
give one aggregate line, never a question or a per-part count.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from answers_eval import _FOLDERS, _REPORT_ONLY, CORPUS, GOLD, TUNING_PARTS  # noqa: E402


def count_part(part: str, details: bool, library: object) -> tuple[int, int]:
    """(questions with an unread clause, questions) of one part; the flagged ones printed with --details."""
    from synth.config import Question
    from synth.plan import make_plan

    flagged = total = 0
    for path in sorted(_FOLDERS.get(part, GOLD / part).glob("*.yaml")):
        question = Question(**yaml.safe_load(path.read_text(encoding="utf-8"))["question"])
        plan = make_plan(question, library)  # type: ignore[arg-type]
        total += 1
        if plan.unread:
            flagged += 1
            if details and part not in _REPORT_ONLY:
                print(f"{part}/{path.stem}: {question.question}")
                for clause in plan.unread:
                    print(f"    not read: {clause.text!r} (words read nowhere: {', '.join(clause.words)})")
    return flagged, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="tuning")
    parser.add_argument("--details", action="store_true", help="list the flagged questions (tuning parts only)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    from synth.build import prepare_library

    library, index = prepare_library(CORPUS)
    parts = {"tuning": TUNING_PARTS, "reports": list(_REPORT_ONLY)}.get(args.part, [args.part])
    flagged = total = 0
    for part in parts:
        f, t = count_part(part, args.details, library)
        flagged, total = flagged + f, total + t
        if part not in _REPORT_ONLY:  # the parts run only to report give their aggregate alone
            print(f"{part}: {f} of {t} questions have an asking clause the plan did not read")
    print(f"{args.part} (all): {flagged} of {total} questions have an asking clause the plan did not read")
    index.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
