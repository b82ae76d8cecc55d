"""Evaluate `synth verify` on labelled claims: precision, recall and a confusion matrix per verdict.

Two sets, both read in place from ../shared (skipped with a reason when absent):

1. seed: bench/data/seed_claims.yaml, hand-labelled claims over ../shared/seed-library, reported
   as a whole and per split (claims tuned on, claims written after tuning, untouched holdout).
2. scifact: SciFact train claims against its 5,183-abstract corpus, built as an in-memory
   library (one Document per abstract: the title and the abstract as two passages) so that no
   files are written. SUPPORT → supported, CONTRADICT → contradicted, no evidence → insufficient.

A reliability table (confidence bins against observed accuracy) is printed per set and for both
together, since confidence must mean something: higher bins must be right more often.

    .venv/bin/python bench/verify_eval.py                 # both sets, full SciFact train
    .venv/bin/python bench/verify_eval.py --set seed --failures
    .venv/bin/python bench/verify_eval.py --set scifact --limit 200
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synth.index import PassageIndex  # noqa: E402
from synth.models import Document, Library, Passage, PassageKind, Source, Verdict, Verification  # noqa: E402
from synth.verify import verify_claim  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED_LIBRARY = SHARED / "seed-library"
SEED_CLAIMS = ROOT / "bench" / "data" / "seed_claims.yaml"
SCIFACT = SHARED / "scifact"
VERDICTS = (Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.INSUFFICIENT)
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
SPLITS = (
    ("tuned", "written before tuning (tuned on)"),
    ("heldout", "written after the first tuning; first run 32/35, its 3 failures then fixed"),
    ("holdout", "holdout: written after all tuning, never tuned on"),
)


@dataclass(frozen=True)
class Outcome:
    """One claim's gold label, the engine's verification, and (SciFact) its gold abstracts."""

    claim: str
    gold: Verdict
    result: Verification
    note: str = ""
    gold_docs: frozenset[str] = frozenset()
    split: str = ""


def load_seed_library(root: Path, cache: Path) -> tuple[Library, PassageIndex]:
    """The seed library through the product's own reader and index (what `synth verify` uses)."""
    from synth.build import prepare_library

    return prepare_library(root, cache)


def scifact_library(corpus: Path) -> tuple[Library, PassageIndex]:
    """An in-memory library of SciFact abstracts: title passage + abstract passage per document."""
    sources = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            doc_id = str(row["doc_id"])
            title = " ".join(row["title"].split())
            abstract = " ".join(" ".join(s.split()) for s in row["abstract"])
            text = f"{title}\n\n{abstract}"
            passages = (
                Passage(doc_id, 0, title, 0, len(title), section="title"),
                Passage(doc_id, 1, abstract, len(title) + 2, len(text), section="abstract"),
            )
            digest = hashlib.sha256(text.encode()).hexdigest()
            document = Document(doc_id, f"scifact/{doc_id}", digest, "scifact", "bench", title, text, passages)
            sources.append(Source(f"scifact-{doc_id}", None, document, "bench"))
    fingerprint = hashlib.sha256(corpus.read_bytes()).hexdigest()
    library = Library(str(corpus.parent), tuple(sources), (), (), fingerprint)
    return library, PassageIndex(library, None)


def scifact_claims(path: Path, limit: int | None) -> list[tuple[str, Verdict, frozenset[str]]]:
    """(claim, gold verdict, gold abstracts) in file order; the first `limit` when given."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            labels = {s["label"] for sets in row["evidence"].values() for s in sets}
            if not labels:
                gold = Verdict.INSUFFICIENT
            elif labels == {"SUPPORT"}:
                gold = Verdict.SUPPORTED
            elif labels == {"CONTRADICT"}:
                gold = Verdict.CONTRADICTED
            else:
                continue
            out.append((row["claim"], gold, frozenset(row["evidence"])))
            if limit is not None and len(out) >= limit:
                break
    return out


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


def report(name: str, outcomes: Sequence[Outcome]) -> None:
    """Per-verdict precision/recall/counts and the confusion matrix (rows gold, columns predicted)."""
    print(f"\n== {name}: {len(outcomes)} claims")
    print(f"{'verdict':<14}{'precision':>10}{'recall':>8}{'gold':>6}{'pred':>6}{'right':>7}")
    for verdict in VERDICTS:
        gold = sum(1 for o in outcomes if o.gold is verdict)
        predicted = sum(1 for o in outcomes if o.result.verdict is verdict)
        right = sum(1 for o in outcomes if o.gold is verdict and o.result.verdict is verdict)
        precision = f"{right / predicted:.3f}" if predicted else "-"
        recall = f"{right / gold:.3f}" if gold else "-"
        print(f"{verdict.value:<14}{precision:>10}{recall:>8}{gold:>6}{predicted:>6}{right:>7}")
    accuracy = sum(1 for o in outcomes if o.gold is o.result.verdict) / max(1, len(outcomes))
    false_support = sum(1 for o in outcomes
                        if o.result.verdict is Verdict.SUPPORTED and o.gold is not Verdict.SUPPORTED)
    print(f"accuracy {accuracy:.3f}; false 'supported' {false_support}")
    print("confusion (rows gold, columns predicted):")
    print(f"{'':<14}" + "".join(f"{v.value:>14}" for v in VERDICTS))
    for gold in VERDICTS:
        row = [sum(1 for o in outcomes if o.gold is gold and o.result.verdict is p) for p in VERDICTS]
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
        accuracy = sum(1 for o in inside if o.gold is o.result.verdict) / len(inside)
        mean = sum(o.result.confidence for o in inside) / len(inside)
        accuracies.append((accuracy, len(inside)))
        print(f"  {label:<12}{len(inside):>6}{accuracy:>10.3f}{mean:>8.3f}")
    monotone = all(a <= b + 1e-9 for (a, _), (b, _) in itertools.pairwise(accuracies))
    print(f"  monotone: {'yes' if monotone else 'NO'}")
    return monotone


def failures(outcomes: Sequence[Outcome], limit: int) -> None:
    wrong = [o for o in outcomes if o.gold is not o.result.verdict]
    print(f"\nfailures ({len(wrong)}; showing {min(limit, len(wrong))}):")
    for outcome in wrong[:limit]:
        print(f"- gold {outcome.gold.value}, got {outcome.result.verdict.value} {outcome.result.confidence:.2f}: "
              f"{outcome.claim}")
        if outcome.note:
            print(f"    note: {outcome.note}")
        print(f"    why: {outcome.result.explanation}")
        for evidence in outcome.result.evidence[:1]:
            print(f"    quote ({evidence.source} {evidence.location}): {evidence.quote[:220]}")


def run(claims: Sequence[tuple[str, Verdict, str, frozenset[str]]], library: Library, index: PassageIndex,
        progress: Callable[[int], None] | None = None) -> tuple[list[Outcome], float]:
    outcomes = []
    started = time.perf_counter()
    for number, (claim, gold, note, docs) in enumerate(claims, 1):
        outcomes.append(Outcome(claim, gold, verify_claim(claim, library, index), note, docs))
        if progress is not None:
            progress(number)
    return outcomes, time.perf_counter() - started


def evaluate_seed(args: argparse.Namespace) -> list[Outcome]:
    if not SEED_LIBRARY.is_dir():
        print(f"seed set skipped: {SEED_LIBRARY} is absent")
        return []
    labelled = yaml.safe_load(SEED_CLAIMS.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as cache:
        library, index = load_seed_library(SEED_LIBRARY, Path(cache))
        claims = [(c["claim"], Verdict(c["label"]), c.get("note", ""), frozenset[str]()) for c in labelled]
        outcomes, seconds = run(claims, library, index)
        outcomes = [replace(o, split=c.get("split", "tuned")) for o, c in zip(outcomes, labelled, strict=True)]
        print(f"\nseed-library: {len(outcomes)} claims in {seconds:.2f}s "
              f"({1000 * seconds / len(outcomes):.1f} ms/claim)")
        report("seed-library, all", outcomes)
        for split, title in SPLITS:
            report(f"seed-library, {title}", [o for o in outcomes if o.split == split])
        within = [o for o in outcomes if o.result.counter_evidence
                  and any(c.source == o.result.evidence[0].source for c in o.result.counter_evidence)]
        print(f"claims with counter-evidence: {sum(1 for o in outcomes if o.result.counter_evidence)}; "
              f"within one source: {len(within)}")
        for outcome in within:
            counter = outcome.result.counter_evidence[0]
            print(f"  {outcome.claim}\n    vs ({counter.location}): {counter.quote[:160]}")
        print(f"quotes not equal to document text[start:end]: {check_quotes(outcomes, library)}")
        if args.failures:
            failures(outcomes, args.show)
    reliability("seed-library", outcomes)
    return outcomes


def evaluate_scifact(args: argparse.Namespace) -> list[Outcome]:
    corpus, claims_file = SCIFACT / "corpus.jsonl", SCIFACT / "claims_train.jsonl"
    if not corpus.is_file() or not claims_file.is_file():
        print(f"SciFact set skipped: {SCIFACT} is absent")
        return []
    started = time.perf_counter()
    library, index = scifact_library(corpus)
    print(f"\nSciFact corpus: {len(library.sources)} abstracts loaded and indexed in "
          f"{time.perf_counter() - started:.1f}s")
    claims = [(c, g, "", d) for c, g, d in scifact_claims(claims_file, args.limit)]

    def progress(number: int) -> None:
        if args.verbose and number % 100 == 0:
            print(f"  {number} claims", file=sys.stderr)

    outcomes, seconds = run(claims, library, index, progress)
    print(f"SciFact train: {len(outcomes)} claims in {seconds:.1f}s ({1000 * seconds / max(1, len(outcomes)):.1f} "
          f"ms/claim)")
    report("SciFact train", outcomes)
    decided = [o for o in outcomes if o.result.verdict is not Verdict.INSUFFICIENT]
    right_doc = [o for o in decided if o.result.evidence and o.result.evidence[0].doc_id in o.gold_docs]
    right_both = [o for o in right_doc if o.result.verdict is o.gold]
    print(f"abstract level: {len(decided)} supported/contradicted verdicts; first evidence from a gold abstract "
          f"{len(right_doc)}; and verdict right {len(right_both)} "
          f"(precision {len(right_both) / max(1, len(decided)):.3f}, recall "
          f"{len(right_both) / max(1, sum(1 for o in outcomes if o.gold is not Verdict.INSUFFICIENT)):.3f})")
    if args.failures:
        failures(outcomes, args.show)
    reliability("SciFact train", outcomes)
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("seed", "scifact", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N SciFact train claims (default: all)")
    parser.add_argument("--failures", action="store_true", help="list misclassified claims")
    parser.add_argument("--show", type=int, default=40, help="how many failures to list")
    parser.add_argument("-v", "--verbose", action="store_true", help="progress on stderr")
    args = parser.parse_args(argv)
    outcomes: list[Outcome] = []
    if args.set in ("seed", "all"):
        outcomes += evaluate_seed(args)
    if args.set in ("scifact", "all"):
        outcomes += evaluate_scifact(args)
    if args.set == "all" and outcomes:
        reliability("both sets", outcomes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
