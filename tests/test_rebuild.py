"""Reports are rebuilt only when what they read changed (synth.anchor), and an incremental build
always equals a fresh one: random library edits (add, change, remove a document) built on a warm
cache give byte-identical pages to a build from an empty cache."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth.build import BuildSummary, build

ROOT = Path(__file__).resolve().parents[1]

UNRELATED = ("# Soil moisture sensors\n\nA note on capacitive soil moisture probes in vineyards. The probes were "
             "buried at 30 cm and read hourly over one summer.\n")
QWEN = ("# Qwen2.5 addendum\n\nQwen2.5 was pre-trained on 18 trillion tokens of web text, code and "
        "mathematics. Its post-training used over 1 million supervised examples.\n")
MIXTRAL = ("# Mixtral in brief\n\nMixtral 8x7B has 46.7B total parameters, of which 12.9B are active per token; "
           "it scores 40.2 on HumanEval.\n")
MISTRAL = "# Mistral Large 2\n\nMistral Large 2 was released in July 2024 with a context window of 128k tokens.\n"
APPENDIX = "\n## Appendix\n\nThe LiveCodeBench score of the 72B instruct model is 55.5 on the 2024 split.\n"
TEXTS = (UNRELATED, QWEN, MIXTRAL)


def _build(project: Path) -> BuildSummary:
    return build([], project / "docs" / "reports", project / "docs", project / ".synth-cache")


def _pages(project: Path) -> dict[str, str]:
    docs = project / "docs"
    return {str(p.relative_to(docs)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(docs.rglob("*")) if p.is_file()}


def _fresh_pages(project: Path, elsewhere: Path) -> dict[str, str]:
    """The pages a build from an empty cache gives for the project's current questions and library."""
    if elsewhere.exists():
        shutil.rmtree(elsewhere)
    for name in ("reports", "library", "schemas"):
        shutil.copytree(project / name, elsewhere / name)
    shutil.copytree(ROOT / "docs" / "assets", elsewhere / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", elsewhere / "docs" / "about.md")
    shutil.copy(ROOT / "mkdocs.yml", elsewhere / "mkdocs.yml")
    with contextlib.chdir(elsewhere):
        _build(elsewhere)
    return _pages(elsewhere)


def _library_size(project: Path, report_id: str) -> int:
    page = (project / "docs/reports" / report_id / "index.md").read_text(encoding="utf-8")
    return int(page.split("| Sources in the library | ")[1].split(" |")[0])


def _anchored_questions(project: Path) -> list[str]:
    """Four questions synth.anchor anchors: two asking for table scores, one for a quantity and one for a
    text (of the example's, `moe-models` and `mistral-large-2-livecodebench` ask for quantities, texts and
    scores and are anchored too; `livecodebench-scaling` has an analysis and `qwen2.5-training-data` asks
    how: they read the whole library)."""
    (project / "reports" / "humaneval.yaml").write_text(
        "title: HumanEval of two models\nquestion: What do Mixtral 8x7B and DeepSeek-Coder-V2 score on HumanEval?\n",
        encoding="utf-8")
    (project / "reports" / "lcb.yaml").write_text(
        "title: Mistral Large 2 on LiveCodeBench\nquestion: What does Mistral-Large-2 score on LiveCodeBench?\n",
        encoding="utf-8")
    (project / "reports" / "context.yaml").write_text(
        "title: Mixtral's context\nquestion: What context length does Mixtral 8x7B support?\n", encoding="utf-8")
    (project / "reports" / "position.yaml").write_text(
        "title: Qwen2.5's positions\nquestion: What positional encoding do the Qwen2.5 models use?\n",
        encoding="utf-8")
    return ["humaneval", "lcb", "context", "position"]


WHOLE_LIBRARY = ["livecodebench-scaling", "qwen2.5-training-data"]


def test_an_unrelated_source_rebuilds_no_anchored_report_and_a_relevant_one_only_its_reports(
        project: Path, made: list[str]) -> None:
    humaneval, lcb, context, position = _anchored_questions(project)
    _build(project)
    before = _library_size(project, "humaneval")
    made.clear()
    (project / "library" / "soil.md").write_text(UNRELATED, encoding="utf-8")
    summary = _build(project)
    assert made == WHOLE_LIBRARY
    assert sorted(summary.reused) == sorted([humaneval, lcb, context, position, "mistral-large-2-livecodebench",
                                             "moe-models"])
    assert _library_size(project, "humaneval") == before + 1, "library-wide figures are read off the library"
    assert _library_size(project, "context") == before + 1

    made.clear()
    (project / "library" / "mixtral-brief.md").write_text(MIXTRAL, encoding="utf-8")
    _build(project)
    assert made == sorted([humaneval, context, "moe-models", *WHOLE_LIBRARY])
    made.clear()
    (project / "library" / "mistral-brief.md").write_text(MISTRAL, encoding="utf-8")
    _build(project)
    assert made == sorted([lcb, "mistral-large-2-livecodebench", *WHOLE_LIBRARY])
    made.clear()
    (project / "library" / "qwen-addendum.md").write_text(QWEN, encoding="utf-8")
    _build(project)
    assert made == sorted([position, *WHOLE_LIBRARY])


EDITS = st.lists(st.tuples(st.sampled_from(["add", "change", "remove"]), st.integers(0, 9),
                           st.sampled_from(TEXTS)), min_size=1, max_size=2)


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
def test_random_library_edits_build_the_same_pages_as_a_fresh_build(
        project: Path, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int, str]]) -> None:
    library = project / "library"
    if not (project / "reports" / "lcb.yaml").exists():  # the project is shared by the examples
        _anchored_questions(project)
        for slow in ("livecodebench-scaling", "mistral-large-2-livecodebench", "qwen2.5-training-data"):
            (project / "reports" / f"{slow}.yaml").unlink()
    _build(project)
    elsewhere = tmp_path_factory.mktemp("fresh") / "project"
    for number, (action, pick, text) in enumerate(edits):
        files = sorted(p for p in library.iterdir() if p.suffix in (".md", ".txt"))
        target = files[pick % len(files)]
        if action == "add":
            (library / f"added-{number}-{pick}.md").write_text(text, encoding="utf-8")
        elif action == "change":
            target.write_text(target.read_text(encoding="utf-8") + APPENDIX + text, encoding="utf-8")
        elif len(files) > 1:
            target.unlink()
        _build(project)
        assert _pages(project) == _fresh_pages(project, elsewhere), (action, target.name)
