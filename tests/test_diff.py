"""`synth diff`: the effect of a question edit on the reports, from two real builds, and the cases a
real PR rarely shows at once (answer cells, verdict flips, reports added and removed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from synth.cli import main
from synth.diff import diff_folders, render_markdown


def test_a_question_edit_shows_as_removed_findings_and_a_score_change(
        project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["build"]) == 0
    shutil.copytree(project / "docs/reports", project / "base")
    question = project / "reports/livecodebench-scaling.yaml"
    edited = question.read_text(encoding="utf-8").replace("subjects: [Qwen2.5]", "subjects: [Qwen2.5, Mistral-Large-2]")
    question.write_text(edited + "max_findings: 1\n", encoding="utf-8")
    assert main(["build"]) == 0
    before = json.loads((project / "base/livecodebench-scaling/report.json").read_text())
    after = json.loads((project / "docs/reports/livecodebench-scaling/report.json").read_text())
    dropped = {f["claim"]["text"] for f in before["findings"]} - {f["claim"]["text"] for f in after["findings"]}
    assert dropped, "the edit dropped findings"
    summary = project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    capsys.readouterr()
    assert main(["diff", "base", "docs/reports", "--summary", "-o", "diff.md"]) == 0
    out = capsys.readouterr().out
    assert out == summary.read_text(encoding="utf-8") == (project / "diff.md").read_text(encoding="utf-8")
    assert f"## synth diff: 1 of {len(list((project / 'reports').glob('*.yaml')))} report(s) changed" in out
    assert f"**Findings removed** ({len(dropped)})" in out
    # The subject the edit added is a new row of the answer table, which the library cannot fill.
    assert "**Answer cells changed** (1)" in out
    assert "| Mistral-Large-2 · LiveCodeBench | — | not stated in the library |" in out
    assert "Answer: answered → partial" in out
    assert all(text in out for text in sorted(dropped)[:5])
    score = f"{before['review']['overall']:.1f} → {after['review']['overall']:.1f}"
    assert before["review"]["overall"] != after["review"]["overall"] and score in out
    assert "| Qwen2.5 training data (`qwen2.5-training-data`) | unchanged | same |" in out
    assert main(["diff", "base", "docs/reports", "--fail-on-change"]) == 1
    assert main(["diff", "base", "base", "--fail-on-change"]) == 0


def _report(path: Path, report_id: str, claims: dict[str, str], score: float, answer: dict | None = None) -> None:
    data: dict = {"report_id": report_id, "title": report_id.title(), "review": {"overall": score},
                  "findings": [{"claim": {"text": text}, "verification": {"verdict": verdict, "confidence": 0.9}}
                               for text, verdict in claims.items()], "author_claims": []}
    if answer is not None:
        data["answer"] = answer
    (path / report_id).mkdir(parents=True)
    (path / report_id / "report.json").write_text(json.dumps(data), encoding="utf-8")


def test_cells_verdicts_and_reports_added_or_removed(tmp_path: Path) -> None:
    base, new = tmp_path / "base", tmp_path / "new"
    cell = {"subject": "Heron-7B", "attribute": "MMLU", "variant": None, "value": "61.0", "verdict": "supported"}
    _report(base, "kept", {"A scores 1.": "supported", "B | scores 2.": "supported"}, 9.0)  # an old build: no answer
    _report(new, "kept", {"A scores 1.": "contradicted", "C <b>scores</b> 3.": "supported"}, 8.0,
            {"status": "answered", "cells": [cell], "not_stated": [{"subject": "Heron-7B", "attribute": "GSM8K"}]})
    _report(base, "gone", {"D.": "supported"}, 5.0)
    _report(new, "fresh", {}, 7.0)
    diff = diff_folders(base, new)
    by_id = {r.report_id: r for r in diff.reports}
    assert [by_id[k].status for k in ("fresh", "gone", "kept")] == ["added", "removed", "changed"]
    kept = by_id["kept"]
    assert [(c.subject, c.before, c.after) for c in kept.verdicts] == [("A scores 1.", "supported 0.90",
                                                                         "contradicted 0.90")]
    assert [c.subject for c in kept.added] == ["C <b>scores</b> 3."]
    assert [c.subject for c in kept.removed] == ["B | scores 2."]
    assert [(c.subject, c.before, c.after) for c in kept.cells] == [
        ("Heron-7B · GSM8K", None, "not stated in the library"), ("Heron-7B · MMLU", None, "61.0")]
    text = render_markdown(diff, base, new)
    assert "C &lt;b>scores&lt;/b> 3." in text and "B \\| scores 2." in text, "claims cannot break the table"
    assert "Answer: — → answered" in text and "| Heron-7B · MMLU | — | 61.0 |" in text


def test_missing_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit, match="nowhere: no such report folder"):
        main(["diff", "nowhere", "."])
