"""Evaluate `synth verify` on labelled claims: per-verdict precision/recall, macro-F1, confusion matrix
and a reliability table, per set and per part (tuned on / held out).

Sets (bench/verify_sets.py describes each and its library):

    .venv/bin/python bench/verify_eval.py --set seed [--failures]
    .venv/bin/python bench/verify_eval.py --set scifact [--part tune] [--limit 200] [--failures]
    .venv/bin/python bench/verify_eval.py --set scitab [--part tune] [--failures]
    .venv/bin/python bench/verify_eval.py --set corpus [--part tune] [--failures]
    .venv/bin/python bench/verify_eval.py --set all

Held-out parts (SciTab, corpus and SciFact `held_out`) are only ever printed as aggregate figures:
`--failures` lists misclassified claims of the parts one may tune on, never of a held-out part.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import verify_sets as sets  # noqa: E402

from synth.index import PassageIndex  # noqa: E402
from synth.models import Library, PassageKind, Verdict, Verification  # noqa: E402
from synth.verify import verify_claim  # noqa: E402
from synth.verify.decide import candidate_docs  # noqa: E402

VERDICTS = (Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.INSUFFICIENT)
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
HELD_OUT = "held_out"
SEED_SPLITS = (
    ("tuned", "written before tuning (tuned on)"),
    ("heldout", "written after the first tuning; first run 32/35, its 3 failures then fixed"),
    ("holdout", "holdout: written after all tuning, never tuned on"),
)


@dataclass(frozen=True)
class Outcome:
    """One claim's gold label and the engine's verification."""

    item: sets.Labelled
    result: Verification

    @property
    def gold(self) -> Verdict:
        return self.item.gold

    @property
    def predicted(self) -> Verdict:
        return self.result.verdict


def run(claims: Sequence[sets.Labelled], library: Library, index: PassageIndex,
        progress: Callable[[int], None] | None = None) -> tuple[list[Outcome], float]:
    outcomes = []
    started = time.perf_counter()
    for number, item in enumerate(claims, 1):
        outcomes.append(Outcome(item, verify_claim(item.claim, library, index)))
        if progress is not None:
            progress(number)
    return outcomes, time.perf_counter() - started


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """Accuracy, macro-F1 over the verdicts that occur in gold, and supported precision."""
    out: dict[str, float] = {}
    f1s = []
    for verdict in VERDICTS:
        gold = sum(1 for o in outcomes if o.gold is verdict)
        predicted = sum(1 for o in outcomes if o.predicted is verdict)
        right = sum(1 for o in outcomes if o.gold is verdict and o.predicted is verdict)
        precision = right / predicted if predicted else 0.0
        recall = right / gold if gold else 0.0
        out[f"{verdict.value}_precision"], out[f"{verdict.value}_recall"] = precision, recall
        if gold:
            f1s.append(f1(precision, recall))
    out["macro_f1"] = sum(f1s) / len(f1s) if f1s else 0.0
    out["accuracy"] = sum(1 for o in outcomes if o.gold is o.predicted) / max(1, len(outcomes))
    return out


def report(name: str, outcomes: Sequence[Outcome]) -> None:
    """Per-verdict precision/recall/F1, macro-F1 and the confusion matrix (rows gold, columns predicted)."""
    print(f"\n== {name}: {len(outcomes)} claims")
    if not outcomes:
        return
    print(f"{'verdict':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>6}{'pred':>6}{'right':>7}")
    for verdict in VERDICTS:
        gold = sum(1 for o in outcomes if o.gold is verdict)
        predicted = sum(1 for o in outcomes if o.predicted is verdict)
        right = sum(1 for o in outcomes if o.gold is verdict and o.predicted is verdict)
        precision = right / predicted if predicted else None
        recall = right / gold if gold else None
        score = f1(precision or 0.0, recall or 0.0) if gold else None
        cells = [f"{x:.3f}" if x is not None else "-" for x in (precision, recall)]
        print(f"{verdict.value:<14}{cells[0]:>10}{cells[1]:>8}{(f'{score:.3f}' if score is not None else '-'):>7}"
              f"{gold:>6}{predicted:>6}{right:>7}")
    summary = scores(outcomes)
    false_support = sum(1 for o in outcomes if o.predicted is Verdict.SUPPORTED and o.gold is not Verdict.SUPPORTED)
    print(f"macro-F1 {summary['macro_f1']:.3f}; accuracy {summary['accuracy']:.3f}; supported precision "
          f"{summary['supported_precision']:.3f}; false 'supported' {false_support}")
    print("confusion (rows gold, columns predicted):")
    print(f"{'':<14}" + "".join(f"{v.value:>14}" for v in VERDICTS))
    for gold in VERDICTS:
        row = [sum(1 for o in outcomes if o.gold is gold and o.predicted is p) for p in VERDICTS]
        print(f"{gold.value:<14}" + "".join(f"{n:>14}" for n in row))


def reliability(name: str, outcomes: Sequence[Outcome]) -> bool:
    """Confidence bins against observed accuracy; returns whether accuracy rises with the bins."""
    print(f"\nreliability ({name}): confidence bin, claims, observed accuracy, mean confidence")
    accuracies = []
    for low, high in itertools.pairwise(BINS):
        inside = [o for o in outcomes if low <= o.result.confidence < high]
        label = f"[{low:.1f}, {min(high, 1.0):.1f}{']' if high > 1 else ')'}"
        if not inside:
            print(f"  {label:<12}{0:>6}{'-':>10}{'-':>8}")
            continue
        accuracy = sum(1 for o in inside if o.gold is o.predicted) / len(inside)
        mean = sum(o.result.confidence for o in inside) / len(inside)
        accuracies.append(accuracy)
        print(f"  {label:<12}{len(inside):>6}{accuracy:>10.3f}{mean:>8.3f}")
    monotone = all(a <= b + 1e-9 for a, b in itertools.pairwise(accuracies))
    print(f"  monotone: {'yes' if monotone else 'NO'}")
    return monotone


def by_kind(name: str, outcomes: Sequence[Outcome]) -> None:
    """Right verdicts and false 'supported' per kind of claim (negation/scope, variant, …)."""
    print(f"\nby kind ({name}): claims, right, false 'supported', contradicted gold → contradicted")
    for kind in sorted({o.item.kind for o in outcomes}):
        inside = [o for o in outcomes if o.item.kind == kind]
        right = sum(1 for o in inside if o.gold is o.predicted)
        false = sum(1 for o in inside if o.predicted is Verdict.SUPPORTED and o.gold is not Verdict.SUPPORTED)
        denied = [o for o in inside if o.gold is Verdict.CONTRADICTED]
        caught = sum(1 for o in denied if o.predicted is Verdict.CONTRADICTED)
        print(f"  {kind or '-':<22}{len(inside):>4}{right:>7}{false:>7}{f'{caught}/{len(denied)}':>9}")


def failures(outcomes: Sequence[Outcome], limit: int) -> None:
    """Misclassified claims with the engine's explanation; refuses held-out parts."""
    shown = [o for o in outcomes if o.item.part != HELD_OUT]
    wrong = [o for o in shown if o.gold is not o.predicted]
    print(f"\nfailures ({len(wrong)}; showing {min(limit, len(wrong))}):")
    for outcome in wrong[:limit]:
        print(f"- gold {outcome.gold.value}, got {outcome.predicted.value} {outcome.result.confidence:.2f} "
              f"[{outcome.item.group}]: {outcome.item.claim}")
        if outcome.item.note:
            print(f"    note: {outcome.item.note}")
        print(f"    why: {outcome.result.explanation}")
        for evidence in outcome.result.evidence[:1]:
            print(f"    quote ({evidence.source} {evidence.location}): {evidence.quote[:220]}")


def miss_kind(outcome: Outcome, retrieved: Sequence[str]) -> str:
    """Where a SciFact miss comes from: the cited abstract never retrieved, retrieved but judged
    insufficient, a verdict opposite to the abstract's, or a claim without evidence decided."""
    gold, predicted = outcome.gold, outcome.predicted
    if gold is Verdict.INSUFFICIENT:
        return f"no-evidence claim judged {predicted.value}"
    if predicted is Verdict.INSUFFICIENT:
        found = any(doc in outcome.item.gold_docs for doc in retrieved)
        return (f"{gold.value}: cited abstract retrieved, judged insufficient" if found
                else f"{gold.value}: cited abstract not retrieved")
    return f"{gold.value} claim judged {predicted.value}"


def misses(outcomes: Sequence[Outcome], library: Library, index: PassageIndex) -> None:
    """Counts of each kind of miss (tuning parts only: a held-out part shows aggregates alone)."""
    kinds = Counter(miss_kind(o, candidate_docs(o.item.claim, library, index))
                    for o in outcomes if o.gold is not o.predicted and o.item.part != HELD_OUT)
    print("\nmisses by kind:")
    for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:>5}  {kind}")


def check_quotes(outcomes: Sequence[Outcome], library: Library) -> int:
    """Evidence quotes that are not the document text at their offsets (must be 0)."""
    bad = 0
    for outcome in outcomes:
        for evidence in (*outcome.result.evidence, *outcome.result.counter_evidence):
            if evidence.passage_kind is PassageKind.TABLE_ROW:
                continue
            document = library.source_for_doc(evidence.doc_id).document
            assert document is not None
            if " ".join(document.text[evidence.start:evidence.end].split()) != evidence.quote:
                bad += 1
    return bad


def timing(name: str, outcomes: Sequence[Outcome], seconds: float) -> None:
    print(f"\n{name}: {len(outcomes)} claims in {seconds:.1f}s ({1000 * seconds / max(1, len(outcomes)):.1f} ms/claim)")


def evaluate_seed(args: argparse.Namespace) -> list[Outcome]:
    if not sets.SEED_LIBRARY.is_dir():
        print(f"seed set skipped: {sets.SEED_LIBRARY} is absent")
        return []
    with tempfile.TemporaryDirectory() as cache:
        library, index = sets.seed_library(Path(cache))
        claims = [c for c in sets.seed_claims() if args.part != "tune" or c.part != "holdout"]
        outcomes, seconds = run(claims, library, index)
        timing("seed-library", outcomes, seconds)
        report("seed-library, all", outcomes)
        for split, title in SEED_SPLITS:
            report(f"seed-library, {title}", [o for o in outcomes if o.item.part == split])
        print(f"quotes not equal to document text[start:end]: {check_quotes(outcomes, library)}")
        if args.failures:
            failures(outcomes, args.show)
    reliability("seed-library", outcomes)
    return outcomes


def evaluate_scifact(args: argparse.Namespace) -> list[Outcome]:
    corpus, claims_file = sets.SCIFACT / "corpus.jsonl", sets.SCIFACT / "claims_train.jsonl"
    if not corpus.is_file() or not claims_file.is_file():
        print(f"SciFact set skipped: {sets.SCIFACT} is absent")
        return []
    started = time.perf_counter()
    library, index = sets.scifact_library(corpus)
    print(f"\nSciFact corpus: {len(library.sources)} abstracts loaded and indexed in "
          f"{time.perf_counter() - started:.1f}s")

    def progress(number: int) -> None:
        if args.verbose and number % 100 == 0:
            print(f"  {number} claims", file=sys.stderr)

    everything: list[Outcome] = []
    for part in _parts(args):
        outcomes, seconds = run(sets.scifact_claims(claims_file, args.limit, part), library, index, progress)
        timing(f"SciFact train {part}", outcomes, seconds)
        report(f"SciFact train {part}", outcomes)
        decided = [o for o in outcomes if o.predicted is not Verdict.INSUFFICIENT]
        right_doc = [o for o in decided if o.result.evidence and o.result.evidence[0].doc_id in o.item.gold_docs]
        right_both = [o for o in right_doc if o.predicted is o.gold]
        print(f"abstract level: {len(decided)} supported/contradicted verdicts; first evidence from a gold "
              f"abstract {len(right_doc)}; and verdict right {len(right_both)}")
        if part != HELD_OUT:
            misses(outcomes, library, index)
        if args.failures and part != HELD_OUT:
            failures(outcomes, args.show)
        reliability(f"SciFact train {part}", outcomes)
        everything += outcomes
    return everything


def _parts(args: argparse.Namespace) -> tuple[str, ...]:
    return ("tune", HELD_OUT) if args.part == "both" else (args.part,)


def evaluate_scitab(args: argparse.Namespace) -> list[Outcome]:
    if not sets.SCITAB.is_file():
        print(f"SciTab set skipped: {sets.SCITAB} is absent")
        return []
    entries = sets.scitab_entries()
    everything: list[Outcome] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "scitab"
        root.mkdir()
        sets.write_scitab_library(entries, root)
        started = time.perf_counter()
        library, index = sets.prepare_library(root, Path(folder) / "cache")
        print(f"\nSciTab library: {len(library.sources)} papers, "
              f"{sum(len(d.tables) for d in library.documents)} tables, read and indexed in "
              f"{time.perf_counter() - started:.1f}s")
        for part in _parts(args):
            outcomes, seconds = run(sets.scitab_claims(entries, part), library, index)
            timing(f"SciTab {part}", outcomes, seconds)
            report(f"SciTab {part} ({len({o.item.group for o in outcomes})} papers)", outcomes)
            reliability(f"SciTab {part}", outcomes)
            if args.failures and part != HELD_OUT:
                failures(outcomes, args.show)
            everything += outcomes
    return everything


def evaluate_corpus(args: argparse.Namespace) -> list[Outcome]:
    if not sets.CORPUS.is_dir():
        print(f"corpus set skipped: {sets.CORPUS} is absent")
        return []
    cache = ROOT / ".synth-cache" / "bench"
    started = time.perf_counter()
    library, index = sets.prepare_library(sets.CORPUS, cache)
    print(f"\ncorpus library: {len(library.sources)} sources read (cache {cache}) and indexed in "
          f"{time.perf_counter() - started:.1f}s")
    everything: list[Outcome] = []
    for part in _parts(args):
        claims = list(sets.corpus_claims(part))
        if not claims:
            print(f"\ncorpus {part}: {sets.CORPUS_CLAIMS[part].name} has not landed")
            continue
        outcomes, seconds = run(claims, library, index)
        timing(f"corpus {part}", outcomes, seconds)
        report(f"corpus {part}", outcomes)
        by_kind(f"corpus {part}", outcomes)
        reliability(f"corpus {part}", outcomes)
        if args.failures and part != HELD_OUT:
            failures(outcomes, args.show)
        everything += outcomes
    return everything


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("seed", "scifact", "scitab", "corpus", "all"), default="all")
    parser.add_argument("--part", choices=("tune", HELD_OUT, "both"), default="both",
                        help="SciTab / corpus / SciFact part to run (held-out parts print aggregate figures only); "
                        "'tune' also leaves out the seed set's holdout split")
    parser.add_argument("--limit", type=int, default=None,
                        help="first N SciFact train claims of each part (default: all)")
    parser.add_argument("--failures", action="store_true", help="list misclassified claims (never held-out ones)")
    parser.add_argument("--show", type=int, default=40, help="how many failures to list")
    parser.add_argument("-v", "--verbose", action="store_true", help="progress on stderr")
    args = parser.parse_args(argv)
    evaluators = {"seed": evaluate_seed, "scifact": evaluate_scifact, "scitab": evaluate_scitab,
                  "corpus": evaluate_corpus}
    for name, evaluate in evaluators.items():
        if args.set in (name, "all"):
            evaluate(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
