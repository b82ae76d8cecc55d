"""Does anchoring change an answer? Each tuning question's answer (plan, retrieval and answer stages, as
`answers_eval.py --answers-only` makes it) read on the whole library and on its anchored library
(synth.anchor with the given attribute kinds), compared cell by cell.

    .venv/bin/python bench/anchor_diff.py --kinds metric,quantity,text [--part tune ...]

Prints one line per anchored question (its anchored documents, `same` or the cells that differ) and a
total. Only tuning parts are read: a report-only part is refused.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.answers_eval import _FOLDERS, CORPUS, GOLD, TUNING_PARTS  # noqa: E402
from synth.models import AttributeKind  # noqa: E402


def _cells(answer: dict[str, Any]) -> dict[str, str]:
    """Each answer cell and not-stated cell by its (subject, attribute, variant), with what it says."""
    out: dict[str, str] = {}
    for cell in answer["cells"]:
        where = [(e["source"], e.get("page")) for e in cell["evidence"][:1]]
        out[f"{cell['subject']} × {cell['attribute']} [{cell['variant']}]"] = \
            f"{cell['value']} {cell['verdict']} {where}"
    for cell in answer["not_stated"]:
        out[f"{cell['subject']} × {cell['attribute']} (not stated)"] = "not stated"
    for mechanism in answer.get("mechanisms", ()):
        out[f"{mechanism.get('subject')} × {mechanism.get('attribute')} (how)"] = json.dumps(mechanism,
                                                                                            sort_keys=True)[:200]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="metric,quantity,text")
    parser.add_argument("--part", action="append", choices=TUNING_PARTS)
    parser.add_argument("--question", action="append", help="only these question files (stems)")
    parser.add_argument("--json", action="store_true", help="print the two answers' JSON lines that differ")
    args = parser.parse_args(argv)
    from synth.anchor import AnchoredIndexes, anchor
    from synth.answer import build_answer
    from synth.build import prepare_library
    from synth.config import Question
    from synth.plan import make_plan
    from synth.retrieve.asks import retrieve_asks
    from synth.serialize import to_data

    kinds = frozenset(AttributeKind(k) for k in args.kinds.split(","))
    library, index = prepare_library(CORPUS)
    indexes = AnchoredIndexes()
    anchored_count = same = 0
    for part in args.part or TUNING_PARTS:
        for path in sorted(_FOLDERS.get(part, GOLD / part).glob("*.yaml")):
            if args.question and path.stem not in args.question:
                continue
            question = Question(**yaml.safe_load(path.read_text(encoding="utf-8"))["question"])
            plan = make_plan(question, library)
            found = anchor(question, plan, library, index, kinds)
            if found.doc_ids is None:
                continue
            anchored_count += 1
            answers = []
            for lib, within in ((library, index), indexes.open(library, found, index)):
                asks = retrieve_asks(plan, lib, within)
                answers.append(json.dumps(to_data(build_answer(plan, asks, lib, within)), sort_keys=True))
            kinds_asked = ",".join(sorted({a.kind.value for a in plan.attributes}))
            if answers[0] == answers[1]:
                same += 1
                print(f"{part}/{path.stem}: {len(found.doc_ids)} documents, {kinds_asked}: same", flush=True)
                continue
            if args.json:
                lines = [json.dumps(json.loads(a), indent=1, sort_keys=True).splitlines() for a in answers]
                print("\n".join(difflib.unified_diff(*lines, "whole", "anchored", n=2, lineterm="")))
            whole, anchored = (_cells(json.loads(a)) for a in answers)
            if whole == anchored:
                print(f"{part}/{path.stem}: {len(found.doc_ids)} documents, {kinds_asked}: same cells, other "
                      "details differ", flush=True)
                continue
            print(f"{part}/{path.stem}: {len(found.doc_ids)} documents, {kinds_asked}: DIFFERS", flush=True)
            for cell in sorted(set(whole) | set(anchored)):
                if whole.get(cell) != anchored.get(cell):
                    print(f"    {cell}\n        whole:    {whole.get(cell)}\n        anchored: {anchored.get(cell)}")
    print(f"done: {anchored_count} anchored questions, {same} same answers, {anchored_count - same} differ")
    indexes.close()
    index.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
