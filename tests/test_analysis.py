"""Scaling series from tables: points with citations, the fit, disagreements, the sentence, the SVG."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from synth.analysis import analyse, describe_entities, least_squares, propose, run_analysis, spearman
from synth.build import build
from synth.config import Analysis, Question
from synth.library import load_library
from synth.models import Library
from synth.plot import scaling_svg
from synth.serialize import report_from_json, report_to_json

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed-library"
DISAGREE = ROOT / "tests" / "fixtures" / "tables" / "disagree"

# LiveCodeBench of the Qwen2.5 instruct models, read by hand from Tables 6–10 of the Qwen2.5
# Technical Report in ../shared/seed-library (parameters in billions → score, table number).
QWEN25_INSTRUCT_LCB = {
    0.5: (5.1, 10), 1.5: (14.8, 10), 3.0: (19.9, 9), 7.0: (28.7, 8), 14.0: (42.6, 7), 32.0: (51.2, 7), 72.0: (55.5, 6),
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Library:
    if not SEED.is_dir():
        pytest.skip("../shared/seed-library not present")
    return load_library(SEED, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def disagree(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return load_library(DISAGREE, tmp_path_factory.mktemp("cache"))


LCB_QWEN = Analysis(kind="scaling", metric="LiveCodeBench", by="parameters", entities="Qwen2.5-*-Instruct")


# --- statistics --------------------------------------------------------------------------------


def test_least_squares_and_spearman() -> None:
    assert least_squares([0, 1, 2], [1, 3, 5]) == pytest.approx((2.0, 1.0))
    assert least_squares([1, 1], [2, 3]) is None
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3], [5, 5, 5]) is None
    assert spearman([1, 2], [1, 2]) is None
    # ties share their average rank: ranks x = 1, 2.5, 2.5, 4 and y = 1, 2, 3, 4
    expected = np.corrcoef([1, 2.5, 2.5, 4], [1, 2, 3, 4])[0, 1]
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(expected)


def test_entity_patterns_in_words() -> None:
    assert describe_entities("Qwen2.5-*-Instruct") == "Qwen2.5 instruct models"
    assert describe_entities("Qwen3-*-Base") == "Qwen3 base models"
    assert describe_entities("Mistral-Large-2*") == "Mistral-Large-2 models"
    assert describe_entities("*") == "all models"


# --- the seed library --------------------------------------------------------------------------


def test_livecodebench_scaling_of_qwen25_instruct_models(seed: Library) -> None:
    result = run_analysis(LCB_QWEN, seed)
    assert result.n == 7
    got = {p.parameters_b: p for p in result.points}
    assert sorted(got) == sorted(QWEN25_INSTRUCT_LCB)
    for params, (value, table_number) in QWEN25_INSTRUCT_LCB.items():
        point = got[params]
        assert point.value == value
        assert point.entity == f"Qwen2.5-{params:g}B-Instruct"
        assert not point.disagrees
        [citation] = point.citations
        assert citation.source == "qwen2.5"
        assert citation.caption.startswith(f"Table {table_number}:")
        assert citation.attribute == "LiveCodeBench"
        assert seed.source("qwen2.5").document.text[citation.start:citation.end]  # offsets point at the table
    xs = [math.log2(p) for p in sorted(QWEN25_INSTRUCT_LCB)]
    ys = [QWEN25_INSTRUCT_LCB[p][0] for p in sorted(QWEN25_INSTRUCT_LCB)]
    slope, intercept = np.polyfit(xs, ys, 1)
    assert result.slope_per_doubling == pytest.approx(slope)
    assert result.intercept == pytest.approx(intercept)
    assert result.spearman_rho == pytest.approx(1.0)
    assert result.answer == (
        f"LiveCodeBench rises from 5.1 at 0.5B to 55.5 at 72B for Qwen2.5 instruct models, +{slope:.2f} points "
        "per doubling of parameters, ρ = 1.00, n = 7 [qwen2.5, Tables 6–10].")
    # the instruct tables also hold Qwen2.5-Turbo/Plus, which have no parameter count
    assert any("Qwen2.5-Turbo-Instruct" in note for note in result.notes)


def test_base_models_are_a_different_series(seed: Library) -> None:
    result = run_analysis(Analysis(metric="LiveCodeBench", entities="Qwen2.5-*-Base"), seed)
    assert all(p.entity.endswith("-Base") for p in result.points)
    assert not {p.value for p in result.points} & {v for v, _ in QWEN25_INSTRUCT_LCB.values()}


def test_svg_is_byte_identical_across_runs_and_processes(seed: Library, tmp_path: Path) -> None:
    result = run_analysis(LCB_QWEN, seed)
    svg = scaling_svg(result)
    assert svg == scaling_svg(result)
    assert svg.startswith("<?xml") and "</svg>" in svg
    assert "Parameters (billions, log2 scale)" in svg and "LiveCodeBench" in svg and "72B" in svg
    assert "<dc:date>" not in svg
    script = ("import sys; from pathlib import Path; from synth.library import load_library; "
              "from synth.analysis import run_analysis; from synth.config import Analysis; "
              "from synth.plot import scaling_svg; "
              "lib = load_library(Path(sys.argv[1]), Path(sys.argv[2])); "
              "sys.stdout.write(scaling_svg(run_analysis(Analysis(metric='LiveCodeBench', "
              "entities='Qwen2.5-*-Instruct'), lib)))")
    outputs = []
    for seed_value in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed_value}
        done = subprocess.run([sys.executable, "-c", script, str(SEED), str(tmp_path / seed_value)],
                              capture_output=True, text=True, env=env, check=True, cwd=ROOT)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == svg


def test_a_report_with_an_analysis_renders_the_plot(seed: Library, tmp_path: Path) -> None:
    question = tmp_path / "lcb.yaml"
    question.write_text("title: LiveCodeBench and size\nquestion: How does LiveCodeBench scale with parameter "
                        "count?\nkeywords: [LiveCodeBench]\nanalysis:\n  - metric: LiveCodeBench\n"
                        "    entities: Qwen2.5-*-Instruct\n", encoding="utf-8")
    out = tmp_path / "docs" / "reports"
    build([question], out, None, cache_dir=tmp_path / "cache", library_override=SEED)
    page = (out / "lcb" / "index.md").read_text(encoding="utf-8")
    svg = (out / "lcb" / "analysis-1-livecodebench.svg").read_text(encoding="utf-8")
    results = page.split("## Answer")[1].split("\n## ")[0]
    assert "**Answer.** LiveCodeBench rises from 5.1 at 0.5B to 55.5 at 72B" in results
    assert "](analysis-1-livecodebench.svg)" in results
    assert "55.5" in page and "Table 6: Performance of the 70B" in page
    assert svg == scaling_svg(run_analysis(LCB_QWEN, seed))
    report = report_from_json((out / "lcb" / "report.json").read_text(encoding="utf-8"))
    assert report.analyses[0].n == 7
    assert report_to_json(report) == (out / "lcb" / "report.json").read_text(encoding="utf-8")


def test_a_series_is_proposed_when_the_question_names_metric_and_size(seed: Library) -> None:
    question = Question(title="LCB scaling", question="How does LiveCodeBench performance scale with parameter count?",
                        keywords=["LiveCodeBench"])
    [proposal] = propose(question, seed)
    assert (proposal.metric, proposal.entities) == ("LiveCodeBench", "*")
    [result] = analyse(question, seed)
    assert result.proposed and result.n >= 7
    unrelated = Question(title="Training data", question="How much data was Qwen2.5 pre-trained on?")
    assert analyse(unrelated, seed) == ()


# --- disagreement between sources (fixture library) ------------------------------------------------


def test_points_that_disagree_between_sources_are_flagged(disagree: Library) -> None:
    result = run_analysis(Analysis(metric="LiveCodeBench", entities="Foo-*-Instruct"), disagree)
    by = {(p.entity, p.value): p for p in result.points}
    assert sorted(by) == [("Foo-16B-Instruct", 30.0), ("Foo-1B-Instruct", 10.0), ("Foo-4B-Instruct", 20.0),
                          ("Foo-4B-Instruct", 24.0), ("Foo-64B-Instruct", 41.0)]
    assert by["Foo-4B-Instruct", 20.0].disagrees and by["Foo-4B-Instruct", 24.0].disagrees
    assert not by["Foo-16B-Instruct", 30.0].disagrees
    assert {c.source for c in by["Foo-16B-Instruct", 30.0].citations} == {"alpha", "beta"}
    assert by["Foo-4B-Instruct", 24.0].citations[0].setting == "Pass@1"
    assert any("Foo-4B-Instruct: sources disagree" in note for note in result.notes)
    assert result.n == 5
    assert "[alpha, Table 3; beta, Table 1]" in result.answer


def test_no_matching_table_gives_an_honest_sentence(disagree: Library) -> None:
    result = run_analysis(Analysis(metric="LiveCodeBench", entities="Mistral-Large-2*"), disagree)
    assert result.n == 0 and result.slope_per_doubling is None and result.plot is None
    assert result.answer.startswith("No table in the library gives LiveCodeBench for Mistral-Large-2 models")
