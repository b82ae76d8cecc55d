"""Score report answers against hand-checked gold answers over ../shared/corpus/pdfs.

    .venv/bin/python bench/answers_eval.py [--part tune|dev|probe|shapes|prose2|paraphrase|methods|methods2|sizes|
        settings|reader|questions|precision|colleague|values2|phrasing|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|
        fresh7|fresh8|fresh9|fresh10|fresh11|fresh12|fresh13|fresh14|read22|read23|read24|read25|read26|read27|read28|read30|
        read31|read32|tuning|
        held_out|
        methods_report|sizes_report|
        settings_report|reader_report|lead_report|questions_report|precision_report|fresh2_report|fresh4_report|fresh5_report|
        fresh6_report|fresh7_report|fresh8_report|fresh9_report|fresh11_report|fresh12_report|fresh13_report|fresh14_report|
        reports|both]
        [--details] [--answers-only]

Each gold file in bench/data/answers/{tune,dev,probe,shapes,prose2,paraphrase,methods2,sizes,settings,reader,questions,
precision,colleague,values2,phrasing,fresh,fresh2,fresh3,fresh4,fresh5,fresh6,fresh7,fresh8,fresh9,fresh10,fresh11,fresh12,fresh13,fresh14,
read22,read23,read24,read25,read26,read27,read28,read30,read31,read32,sizes_report,settings_report,reader_report,lead_report,questions_report,precision_report,fresh2_report,fresh4_report,
fresh5_report,
fresh6_report,fresh7_report,fresh8_report,fresh9_report,fresh11_report,fresh12_report,fresh13_report,fresh14_report,
held_out}/ holds a question
(fed to synth unchanged), its subjects and attributes with aliases, the cells (value, number, unit, variant, accept,
others, reject, or not_stated), mechanisms (must_state ideas) and off_topic names; the format is in
bench/data/answers/README.md. Every question of a part is
built with `synth build --library ../shared/corpus/pdfs` into a temporary folder and its report.json is scored:

- cell recall: gold cells (not `not_stated`) that a report cell matches — same subject (name,
  alias, or the name the source prints), same attribute (name, alias, or the same content words),
  a variant naming the same variant when the gold has several cells for that (subject, attribute)
  (and, when the gold cell lists `setting` words, a variant or quote naming one of them: 'Start' vs 'Average'),
  and a right value: `value`, an `accept` entry, or an `others` value read from that other source
  (numbers at the printed precision, units scaled: 47B = 47 billion);
- wrong values: report cells whose value is none of those for a gold cell they match (a `reject`
  value is always wrong), and any value given for a `not_stated` cell;
- not-stated recall: `not_stated` gold cells that the report declares *not stated in the library*;
- mechanism ideas: `must_state` ideas found in the report's mechanism sentences and text cells
  for that subject (an idea is found when ≥ 70 % of its content words are in one sentence);
- off-topic findings: findings that name an `off_topic` name and none of the question's subjects;
- cell verdicts: right values the verification stage marks *supported*, and wrong values it marks *supported*
  (the worst failure: a wrong value presented as confirmed).

Text cells (a normalization layer, an RL algorithm) are right when every content word of `value` or of an `accept` entry
is in the cell's value or quote. The held-out part is run only to report its figures: this script never prints its
questions, cells or values, only scores. `tune`, `dev`, `probe`, `shapes`, `prose2`, `paraphrase`, `methods` (the tuning
half of `methods/`, in `methods/tune/`), `methods2`, `sizes`, `settings`, `reader`, `questions`, `precision`,
`colleague`, `values2`, `phrasing`, `fresh`, `fresh2`, `fresh3`, `fresh4`, `fresh5`, `fresh6`, `fresh7`, `fresh8`,
`fresh9`, `fresh10`, `fresh11`, `fresh12`, `fresh13`, `fresh14`, `read22` (questions the lead typed while reading
pages, gold written from the PDFs after one build) and `read23` to `read28`, `read30` to `read32` (the same, gold
written before any build) are tuning parts (`tuning` runs the forty);
`methods_report` (`methods/report/`) is the half of the method questions run once, to report, never tuned on, and
`sizes_report`, `settings_report`, `reader_report`, `questions_report`, `precision_report`, `fresh2_report`,
`fresh4_report`, `fresh5_report`, `fresh6_report`, `fresh7_report`, `fresh8_report`, `fresh9_report`,
`fresh11_report`, `fresh12_report`, `fresh13_report` and `fresh14_report` the same for the questions written with
`sizes`, `settings`, `reader`, `questions`, `precision`, `fresh2`, `fresh4`, `fresh5`, `fresh6`, `fresh7`, `fresh8`,
`fresh9`, `fresh11`, `fresh12`, `fresh13` and `fresh14`;
`lead_report` holds questions the lead wrote over papers no part asks about, never tuned on;
`reports` runs every report-only part but `held_out`; `both` is `tune` and `held_out`, as before. `paraphrase` rewords
questions of the other tuning parts (same gold cells): its originals are run beside it and the gap between the two
wordings is printed.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synth.names import canonical, key, name_regex, words_of  # noqa: E402
from synth.text import fold  # noqa: E402

if TYPE_CHECKING:
    from synth.anchor import AnchoredIndexes
    from synth.config import Question
    from synth.index import PassageIndex
    from synth.models import Library, Plan

GOLD = ROOT / "bench" / "data" / "answers"
CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"
_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_MODEL_WORDS = {"base", "chat", "instruct", "sft", "rl", "thinking", "non-thinking", "long-cot", "short-cot"}
# The method questions live in one folder, split in a tuning half and a half run only to report.
_FOLDERS = {"methods": GOLD / "methods" / "tune", "methods_report": GOLD / "methods" / "report"}
# Parts run once to report, never tuned on: their wrong and missed cells are never printed.
_REPORT_ONLY = ("held_out", "methods_report", "sizes_report", "settings_report", "reader_report", "lead_report",
                "questions_report", "precision_report", "fresh2_report", "fresh4_report", "fresh5_report",
                "fresh6_report", "fresh7_report", "fresh8_report", "fresh9_report", "fresh11_report",
                "fresh12_report", "fresh13_report", "fresh14_report")
TUNING_PARTS = ["tune", "dev", "probe", "shapes", "prose2", "paraphrase", "methods", "methods2", "sizes", "settings",
                "reader", "questions", "precision", "colleague", "values2", "phrasing", "fresh", "fresh2", "fresh3",
                "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13",
                "fresh14", "read22", "read23", "read24", "read25", "read26", "read27", "read28", "read30",
                "read31", "read32"]
_SETTING_WORDS = re.compile(r"pass@\d+-?cot|pass@\d+|\bcot\b|\bv\d+\b|maj@\d+", re.IGNORECASE)


@dataclass
class Score:
    cells: int = 0
    recalled: int = 0
    wrong: int = 0
    judged: int = 0
    not_stated: int = 0
    declared: int = 0
    ideas: int = 0
    ideas_found: int = 0
    findings: int = 0
    off_topic: int = 0
    confirmed: int = 0
    wrong_supported: int = 0
    wrong_cells: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("cells", "recalled", "wrong", "judged", "not_stated", "declared", "ideas", "ideas_found",
                     "findings", "off_topic", "confirmed", "wrong_supported"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _names(entry: dict) -> set[str]:
    return {canonical(str(n)) for n in [entry["name"], *entry.get("aliases", [])]}


def _variant_words(text: str | None) -> set[str]:
    words = set(re.findall(r"[a-z][a-z\-]*", (text or "").lower()))
    found = {w for w in words if w in _MODEL_WORDS}
    if "non-thinking" in found:
        found.discard("thinking")
    return found


def _settings(text: str | None) -> set[str]:
    return {s.lower().replace("-", "") for s in _SETTING_WORDS.findall(text or "")}


def variant_compatible(product: str | None, gold: str | None) -> bool:
    """The product's variant names the gold's: the same model variant (an unlabelled product cell reads as
    the base model, as the gold's convention has it) and no conflicting benchmark setting."""
    want, have = _variant_words(gold), _variant_words(product)
    if want - {"base"}:
        if not (want - {"base"}) <= (have | ({"chat"} if "instruct" in have else set())
                                     | ({"instruct"} if "chat" in have else set())):
            return False
    elif have - {"base"}:
        return False
    gold_settings, product_settings = _settings(gold), _settings(product)
    if gold_settings and product_settings and not (gold_settings & product_settings):
        return False
    return not ({"pass@1cot", "pass@1"} <= (gold_settings | product_settings)
                and gold_settings != product_settings and gold_settings and product_settings)


def setting_fits(cell: dict, gold: dict) -> bool:
    """A gold cell listing `setting` words (the column a table gives it under: 'Start' vs 'Average', a chunk size)
    takes only a product cell whose variant or first quote names one of them: the other setting's value is another
    cell, not this one."""
    words = [str(w).lower() for w in gold.get("setting", [])]
    if not words:
        return True
    evidence = cell.get("evidence") or [{}]
    said = f"{cell.get('variant') or ''} {evidence[0].get('quote', '')}".lower()
    return any(w in said for w in words)


def _decimals(printed: str) -> int:
    match = re.search(r"\d+(?:\.(\d+))?", printed)
    return len(match.group(1)) if match and match.group(1) else 0


def _magnitude(number: float, unit: str | None) -> float:
    return number * _SCALE.get((unit or "").strip(), 1.0)


def _number_in(text: str) -> tuple[float, str | None] | None:
    scientific = re.search(r"(\d+(?:\.\d+)?)\s*(?:e|[×x]\s*10\^?)\s*([−\-–]?\d+)", text)
    if scientific:  # "1e-4", "2.2 × 10^-4": the printed value is the power, not its mantissa
        return float(scientific.group(1)) * 10 ** int(scientific.group(2).replace("−", "-").replace("–", "-")), None
    match = re.search(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(trillion|billion|million|thousand|[KMBT](?![a-z]))?",
                      text, re.IGNORECASE)
    if not match:
        return None
    unit = match.group(2)
    unit = {"trillion": "T", "billion": "B", "million": "M", "thousand": "K"}.get((unit or "").lower(), unit)
    return float(match.group(1).replace(",", "")), unit.upper() if unit else unit  # "128k" is 128 K


def numbers_equal(product_number: float, product_unit: str | None, printed: str, gold_unit: str | None) -> bool:
    parsed = _number_in(printed)
    if parsed is None:
        return False
    number, unit = parsed
    unit = unit or (gold_unit if gold_unit in _SCALE else None)
    tolerance = 0.5 * 10 ** -_decimals(printed) + 1e-9
    if re.search(r"\d\s*(?:e|[×x]\s*10\^?)\s*[−\-–]?\d", printed):
        tolerance = abs(number) * 0.005  # "1e-4" is printed to its mantissa's precision, not to the unit
    if unit in _SCALE or product_unit in _SCALE:
        a, b = _magnitude(product_number, product_unit), _magnitude(number, unit)
        return math.isclose(a, b, rel_tol=1e-6) or abs(a - b) <= tolerance * _SCALE.get(unit or "", 1.0)
    return abs(product_number - number) <= tolerance


def _idea(text: str, idea: str, share: float) -> bool:
    wanted = words_of(idea)
    if not wanted:
        return False
    have = {key(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9\-]*|\d+(?:\.\d+)?", text)} | words_of(text)
    found = sum(1 for w in wanted if any(w == h or (min(len(w), len(h)) >= 4 and (h.startswith(w) or w.startswith(h)))
                                         for h in have))
    return found >= share * len(wanted)


def value_right(cell: dict, gold: dict) -> bool:
    """A product cell's value is the gold value, an accepted one, or another source's value read from it."""
    if cell.get("number") is not None and (gold.get("number") is not None or _number_in(str(gold.get("value", "")))):
        printed = [str(gold.get("value", "")), *map(str, gold.get("accept", []))]
        if any(numbers_equal(cell["number"], cell.get("unit"), p, gold.get("unit")) for p in printed if p):
            return True
        sources = {e["doc_id"] for e in cell.get("evidence", [])}
        return any(other.get("source") in sources and numbers_equal(cell["number"], cell.get("unit"),
                                                                    str(other.get("value", "")), gold.get("unit"))
                   for other in gold.get("others", []))
    text = " ".join([str(cell.get("value", "")), *(e.get("quote", "") for e in cell.get("evidence", []))])
    return any(_idea(text, str(idea), 1.0) for idea in [gold.get("value", ""), *gold.get("accept", [])] if idea)


def rejected(cell: dict, gold: dict) -> bool:
    if cell.get("number") is None:
        return False
    return any(numbers_equal(cell["number"], cell.get("unit"), str(r), gold.get("unit"))
               for r in gold.get("reject", []))


def _cell_matches_subject(cell: dict, subject: dict) -> bool:
    names = _names(subject)
    entity = str(cell.get("entity") or "")
    stripped = re.sub(r"\s*\((?:thinking|non-thinking)\)\s*$", "", entity, flags=re.IGNORECASE)
    return bool({canonical(cell["subject"]), canonical(entity), canonical(stripped)} & names)


def _attribute_matches(name: str, attribute: dict) -> bool:
    if canonical(name) in _names(attribute):
        return True
    words = words_of(name)
    return bool(words) and any(words == words_of(str(n)) for n in [attribute["name"], *attribute.get("aliases", [])])


def score(gold: dict, report: dict) -> Score:
    result = Score()
    answer = report.get("answer") or {}
    cells = answer.get("cells", [])
    declared = {(canonical(n["subject"]), canonical(n["attribute"])) for n in answer.get("not_stated", [])}
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for g in gold.get("cells", []):
        by_pair.setdefault((g["subject"], g["attribute"]), []).append(g)
    subjects = {s["name"]: s for s in gold.get("subjects", [])}
    attributes = {a["name"]: a for a in gold.get("attributes", [])}
    mechanisms = answer.get("mechanisms", [])

    def product_cells(subject: str, attribute: str) -> list[dict]:
        return [c for c in cells if _cell_matches_subject(c, subjects[subject])
                and _attribute_matches(c["attribute"], attributes[attribute])]

    def subject_text(subject: str) -> list[str]:
        texts = [e["quote"] for m in mechanisms for e in m.get("sentences", [])
                 if canonical(m["subject"]) in _names(subjects[subject])]
        texts += [f"{c['value']} {' '.join(e['quote'] for e in c.get('evidence', []))}" for c in cells
                  if _cell_matches_subject(c, subjects[subject]) and c.get("number") is None]
        return texts

    for (subject, attribute), golds in sorted(by_pair.items()):
        found = product_cells(subject, attribute)
        several = len([g for g in golds if not g.get("not_stated")]) > 1
        for g in golds:
            label = f"{subject} × {attribute}" + (f" [{g.get('variant')}]" if g.get("variant") else "")
            if g.get("not_stated"):
                result.not_stated += 1
                pair = (canonical(subject), canonical(attribute))
                said = any((canonical(n) in _names(subjects[subject]) and _attribute_matches(a, attributes[attribute]))
                           or (canonical(n), canonical(a)) == pair for n, a in declared)
                if said and not found:
                    result.declared += 1
                else:
                    result.missed.append(f"not declared: {label}")
                continue
            result.cells += 1
            compatible = [c for c in found if (not several or variant_compatible(c.get("variant"), g.get("variant")))
                          and setting_fits(c, g)]
            ideas = [str(i) for i in [g.get("value", ""), *g.get("accept", [])] if i]
            in_text = g.get("number") is None and any(_idea(t, i, 1.0) for t in subject_text(subject) for i in ideas)
            if any(value_right(c, g) for c in compatible) or in_text:
                result.recalled += 1
            else:
                result.missed.append(f"missed: {label}")
        for c in found:
            compatible = [g for g in golds if not g.get("not_stated")
                          and (not several or variant_compatible(c.get("variant"), g.get("variant")))
                          and setting_fits(c, g)]
            shown = f"{subject} × {attribute}: {c.get('value')} [{c.get('variant')}]"
            if any(g.get("not_stated") for g in golds) and not compatible:
                result.judged += 1
                result.wrong += 1
                result.wrong_cells.append(f"value for a not-stated cell: {shown}")
                continue
            if not compatible:
                continue
            result.judged += 1
            supported = c.get("verdict") == "supported"
            # a value another variant's gold rejects is no wrong value for the variant it is right for (the long-CoT
            # 77.5 beside the short-CoT cell that rejects it)
            # a reject entry printed coarser than the gold value ("0" beside "0.1": equal at its printed precision)
            # never rejects the gold value itself
            if any(rejected(c, g) and not value_right(c, g) for g in (compatible if several else golds)) \
                    or not any(value_right(c, g) for g in compatible):
                result.wrong += 1
                result.wrong_supported += supported
                result.wrong_cells.append(f"wrong: {shown}" + (" (marked supported)" if supported else ""))
            elif supported:
                result.confirmed += 1
            else:
                result.unconfirmed.append(f"right, {c.get('verdict')}: {shown} — {str(c.get('explanation', ''))[:300]}")
    for mechanism in gold.get("mechanisms", []):
        subject = mechanism["subject"]
        texts = subject_text(subject) if subject in subjects else []
        for idea in mechanism.get("must_state", []):
            result.ideas += 1
            if any(_idea(t, str(idea), 0.7) for t in texts):
                result.ideas_found += 1
    off = [str(n) for n in gold.get("off_topic", [])]
    names = [n for s in gold.get("subjects", []) for n in [s["name"], *s.get("aliases", [])]]
    for finding in report.get("findings", []):
        text = fold(finding["claim"]["text"])
        result.findings += 1
        if any(name_regex(o).search(text) for o in off) and not any(name_regex(n).search(text) for n in names):
            result.off_topic += 1
    return result


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else "—"


def _answers_only(golds: dict[str, dict]) -> dict[str, dict]:
    """report.json's `answer` for each question from the plan, retrieval and answer stages alone (no claims,
    findings or review): the cell figures in a fraction of the time; off-topic findings are not measured."""
    from synth.anchor import AnchoredIndexes
    from synth.answer import build_answer
    from synth.build import prepare_library
    from synth.config import Question
    from synth.retrieve.asks import retrieve_asks
    from synth.serialize import to_data

    library, index = prepare_library(CORPUS)
    indexes = AnchoredIndexes()
    out = {}
    for stem, gold in golds.items():
        plan, anchored, within = planned(Question(**gold["question"]), library, index, indexes)
        asks = retrieve_asks(plan, anchored, within) if plan.subjects and plan.attributes else ()
        out[stem] = {"answer": to_data(build_answer(plan, asks, anchored, within)), "findings": []}
    indexes.close()
    index.close()
    return out


def planned(question: Question, library: Library, index: PassageIndex,
            indexes: AnchoredIndexes) -> tuple[Plan, Library, PassageIndex]:
    """A question's plan, and the anchored library and index every stage after the plan reads, as synth.build
    makes them (shared with bench/cell_swaps.py, which checks cells over the same library)."""
    from synth.anchor import anchor
    from synth.plan import make_plan

    plan = make_plan(question, library)
    anchored, within = indexes.open(library, anchor(question, plan, library, index), index)
    return plan, anchored, within


def run_part(part: str, details: bool, answers_only: bool = False) -> Score | None:
    folder = _FOLDERS.get(part, GOLD / part)
    files = sorted(folder.glob("*.yaml"))
    if not files:
        print(f"{part}: no gold files in {folder}")
        return None
    from synth.build import build

    total = Score()
    golds = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in files}
    originals = _originals(golds)
    asked = {**golds, **originals}
    if answers_only:
        started = time.perf_counter()
        reports = _answers_only(asked)
        seconds = time.perf_counter() - started
        print(f"\n{part}: {len(asked)} questions answered in {seconds:.1f} s (plan, retrieval and answer stages "
              "only; off-topic findings not measured)")
    else:
        with tempfile.TemporaryDirectory(prefix="answers-eval-") as tmp:
            questions = Path(tmp) / "questions"
            questions.mkdir()
            for stem, gold in asked.items():
                (questions / f"{stem}.yaml").write_text(yaml.safe_dump(gold["question"], sort_keys=True,
                                                                       allow_unicode=True), encoding="utf-8")
            started = time.perf_counter()
            build(sorted(questions.glob("*.yaml")), out_dir=Path(tmp) / "out", site_dir=None,
                  library_override=CORPUS)
            seconds = time.perf_counter() - started
            print(f"\n{part}: {len(asked)} questions built in {seconds:.1f} s ({seconds / len(asked):.1f} s per "
                  "question, report cache included)")
            reports = {stem: json.loads((Path(tmp) / "out" / stem / "report.json").read_text(encoding="utf-8"))
                       for stem in asked}
    _print_scores(part, golds, reports, details, total)
    if originals:
        _print_gap(golds, originals, reports)
    return total


def _originals(golds: dict[str, dict]) -> dict[str, dict]:
    """The questions the paraphrases reword (`paraphrase_of: tune/moe-parameters`), run beside them so that
    the gap between a wording the code was tuned on and another is measured in one run."""
    out = {}
    for gold in golds.values():
        if gold.get("paraphrase_of"):
            path = GOLD / f"{gold['paraphrase_of']}.yaml"
            out[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


def _print_gap(golds: dict[str, dict], originals: dict[str, dict], reports: dict[str, dict]) -> None:
    """Each paraphrase beside its original: recall and wrong values of both wordings of the same gold cells."""
    print(f"\n{'paraphrase (original)':32} {'recall':>16} {'original':>16} {'wrong':>7} {'orig. wrong':>12}")
    para, orig = Score(), Score()
    for stem, gold in golds.items():
        source = Path(gold["paraphrase_of"]).name
        mine, theirs = score(gold, reports[stem]), score(originals[source], reports[source])
        para.add(mine)
        orig.add(theirs)
        print(f"{stem[:32]:32} {_ratio(mine.recalled, mine.cells):>16} {_ratio(theirs.recalled, theirs.cells):>16} "
              f"{mine.wrong:>7} {theirs.wrong:>12}")
    print(f"{'all (per paraphrase)':32} {_ratio(para.recalled, para.cells):>16} "
          f"{_ratio(orig.recalled, orig.cells):>16} {para.wrong:>7} {orig.wrong:>12}")
    print(f"paraphrase gap: recall {para.recalled}/{para.cells} reworded against {orig.recalled}/{orig.cells} as "
          f"tuned; not stated declared {para.declared}/{para.not_stated} against {orig.declared}/{orig.not_stated}; "
          f"wrong values {para.wrong} against {orig.wrong}")


def _print_scores(part: str, golds: dict[str, dict], reports: dict[str, dict], details: bool, total: Score) -> None:
    print(f"{'question':32} {'cell recall':>16} {'wrong':>7} {'not stated':>14} {'ideas':>14} {'off-topic':>14}")
    for stem, gold in golds.items():
        result = score(gold, reports[stem])
        total.add(result)
        print(f"{stem[:32]:32} {_ratio(result.recalled, result.cells):>16} {result.wrong:>7} "
              f"{_ratio(result.declared, result.not_stated):>14} {_ratio(result.ideas_found, result.ideas):>14} "
              f"{_ratio(result.off_topic, result.findings):>14}")
        if details and part not in _REPORT_ONLY:
            for line in [*result.wrong_cells, *result.missed, *result.unconfirmed]:
                print(f"    {line}")
    print(f"{part + ' (all)':32} {_ratio(total.recalled, total.cells):>16} {total.wrong:>7} "
          f"{_ratio(total.declared, total.not_stated):>14} {_ratio(total.ideas_found, total.ideas):>14} "
          f"{_ratio(total.off_topic, total.findings):>14}")
    print(f"{part}: wrong values {total.wrong} of {total.judged} judged report cells; targets: cell recall ≥ 0.9, "
          "0 wrong values, every not-stated cell declared, ≤ 10 % off-topic findings")
    print(f"{part}: cell verdicts: {total.confirmed} of {total.judged - total.wrong} right values marked supported; "
          f"{total.wrong_supported} of {total.wrong} wrong values marked supported (target 0)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="tune",
                        choices=[*TUNING_PARTS, "tuning", *_REPORT_ONLY, "reports", "both"])
    parser.add_argument("--details", action="store_true",
                        help="list wrong and missed cells (never for the parts run only to report)")
    parser.add_argument("--answers-only", action="store_true",
                        help="score the answer stage alone (plan, retrieval, answer): no build, no off-topic figure")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent (the shared corpus is needed to build the questions)")
        return 0
    tuning = TUNING_PARTS
    reports = [part for part in _REPORT_ONLY if part != "held_out"]
    parts = {"both": ["tune", "held_out"], "tuning": tuning, "reports": reports}.get(args.part, [args.part])
    for part in parts:
        run_part(part, args.details, args.answers_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
