"""`synth diff BASE NEW`: what a change did to the reports, claim by claim.

A pull request shows a two-line YAML diff; what readers see is the reports. This compares two
report folders (each `<id>/report.json`, e.g. the base branch's build and the PR's) and says, per
report: answer cells whose value changed, findings added and removed, verdicts that changed, and the
quality score before and after. The markdown goes to the job summary of the PR's CI run.

report.json is read as plain JSON, not through synth.serialize, on purpose: the base build may come
from an older synth whose Report had other fields. Missing fields (e.g. `answer` before the answer
stage existed) count as empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_LISTED = 40


@dataclass(frozen=True)
class Change:
    """One thing that differs: what, its value before and after (None when absent)."""

    subject: str
    before: str | None
    after: str | None


@dataclass
class ReportDiff:
    """The differences within one report; `status` is added, removed, changed or unchanged."""

    report_id: str
    title: str
    status: str
    score: Change | None = None
    answer_status: Change | None = None
    cells: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    verdicts: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


@dataclass
class Diff:
    reports: list[ReportDiff]

    @property
    def changed(self) -> list[ReportDiff]:
        return [r for r in self.reports if r.changed]


def _load(folder: Path) -> dict[str, dict[str, Any]]:
    """Every report.json under folder, by report id; unreadable files are named in an error."""
    reports = {}
    for path in sorted(folder.glob("*/report.json")):
        try:
            reports[path.parent.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: cannot read report.json: {exc}") from exc
    return reports


OWN_CLAIM = " (the question's own claim)"


def _claims(report: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """Every checked claim by its text: (verdict, confidence). The question's own claims are kept
    apart from findings (a finding may have the same words)."""
    found = {}
    for group, suffix in (("findings", ""), ("author_claims", OWN_CLAIM)):
        for item in report.get(group) or []:
            claim = (item.get("claim") or {}).get("text")
            verification = item.get("verification") or {}
            if claim:
                found[" ".join(claim.split()) + suffix] = (str(verification.get("verdict", "?")),
                                                           float(verification.get("confidence") or 0.0))
    return found


def _cells(report: dict[str, Any]) -> dict[str, str]:
    """Answer cells by `subject · attribute [variant]`: the values stated (several sources may state
    one), or "not stated in the library"."""
    answer = report.get("answer") or {}
    values: dict[str, set[str]] = {}
    for cell in answer.get("cells") or []:
        name = f"{cell.get('subject')} · {cell.get('attribute')}" + (
            f" [{cell['variant']}]" if cell.get("variant") else "")
        shown = str(cell.get("value"))
        if cell.get("verdict") and cell.get("verdict") != "supported":
            shown += f" ({cell['verdict']})"
        values.setdefault(name, set()).add(shown)
    for missing in answer.get("not_stated") or []:
        values.setdefault(f"{missing.get('subject')} · {missing.get('attribute')}", set()).add(
            "not stated in the library")
    return {name: " / ".join(sorted(v)) for name, v in values.items()}


def _score(report: dict[str, Any]) -> float | None:
    overall = (report.get("review") or {}).get("overall")
    return float(overall) if overall is not None else None


def _compare(report_id: str, base: dict[str, Any] | None, new: dict[str, Any] | None) -> ReportDiff:
    title = str((new or base or {}).get("title") or report_id)
    if base is None or new is None:
        diff = ReportDiff(report_id, title, "added" if base is None else "removed")
        present = new or base or {}
        claims = sorted(_claims(present).items())
        changes = [Change(text, None, verdict) if base is None else Change(text, verdict, None)
                   for text, (verdict, _) in claims]
        (diff.added if base is None else diff.removed).extend(changes)
        score = _score(present)
        diff.score = Change("quality", None, f"{score:.1f}") if base is None and score is not None else (
            Change("quality", f"{score:.1f}", None) if score is not None else None)
        return diff
    diff = ReportDiff(report_id, title, "unchanged")
    before, after = _claims(base), _claims(new)
    diff.added = [Change(text, None, after[text][0]) for text in sorted(after.keys() - before.keys())]
    diff.removed = [Change(text, before[text][0], None) for text in sorted(before.keys() - after.keys())]
    diff.verdicts = [Change(text, f"{before[text][0]} {before[text][1]:.2f}", f"{after[text][0]} {after[text][1]:.2f}")
                     for text in sorted(before.keys() & after.keys()) if before[text][0] != after[text][0]]
    old_cells, new_cells = _cells(base), _cells(new)
    diff.cells = [Change(name, old_cells.get(name), new_cells.get(name))
                  for name in sorted(old_cells.keys() | new_cells.keys()) if old_cells.get(name) != new_cells.get(name)]
    old_status, new_status = ((r.get("answer") or {}).get("status") for r in (base, new))
    if old_status != new_status:
        diff.answer_status = Change("answer", old_status, new_status)
    old_score, new_score = _score(base), _score(new)
    if old_score != new_score:
        diff.score = Change("quality", None if old_score is None else f"{old_score:.1f}",
                            None if new_score is None else f"{new_score:.1f}")
    if diff.added or diff.removed or diff.verdicts or diff.cells or diff.answer_status or diff.score:
        diff.status = "changed"
    return diff


def diff_folders(base: Path, new: Path) -> Diff:
    """Compare two folders of reports (each `<report id>/report.json`)."""
    old, current = _load(base), _load(new)
    return Diff([_compare(rid, old.get(rid), current.get(rid)) for rid in sorted(old.keys() | current.keys())])


def _cell(text: str | None) -> str:
    """A markdown table cell: pipes and line breaks cannot break the table, HTML stays text."""
    if text is None:
        return "—"
    return " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")


def _listed(changes: list[Change], heading: str, show: Iterable[str]) -> list[str]:
    if not changes:
        return []
    columns = list(show)
    lines = [f"**{heading}** ({len(changes)})", "", "| " + " | ".join(columns) + " |",
             "|" + "|".join(" --- " for _ in columns) + "|"]
    for change in changes[:MAX_LISTED]:
        values = {"Claim": change.subject, "Cell": change.subject, "Before": change.before, "After": change.after,
                  "Verdict": change.after or change.before}
        lines.append("| " + " | ".join(_cell(values[c]) for c in columns) + " |")
    if len(changes) > MAX_LISTED:
        lines.append(f"\n… and {len(changes) - MAX_LISTED} more.")
    return [*lines, ""]


def render_markdown(diff: Diff, base: Path, new: Path) -> str:
    """The job summary: one line per report, then the details of each changed one."""
    changed = diff.changed
    lines = [f"## synth diff: {len(changed)} of {len(diff.reports)} report(s) changed", "",
             f"`{_cell(str(base))}` → `{_cell(str(new))}`", ""]
    if not diff.reports:
        return "\n".join([*lines, "No reports in either folder.", ""])
    lines += ["| Report | Change | Quality | Answer cells | Findings +/− | Verdicts changed |",
              "| --- | --- | --- | --- | --- | --- |"]
    for report in diff.reports:
        score = (f"{report.score.before or '—'} → {report.score.after or '—'}" if report.score else "same")
        lines.append(f"| {_cell(report.title)} (`{_cell(report.report_id)}`) | {report.status} | {score} | "
                     f"{len(report.cells)} | +{len(report.added)} / −{len(report.removed)} | {len(report.verdicts)} |")
    lines.append("")
    for report in changed:
        lines += [f"### {_cell(report.title)}", ""]
        if report.answer_status:
            lines += [f"Answer: {_cell(report.answer_status.before)} → {_cell(report.answer_status.after)}", ""]
        lines += _listed(report.cells, "Answer cells changed", ["Cell", "Before", "After"])
        lines += _listed(report.verdicts, "Verdicts changed", ["Claim", "Before", "After"])
        lines += _listed(report.added, "Findings added", ["Claim", "Verdict"])
        lines += _listed(report.removed, "Findings removed", ["Claim", "Verdict"])
    return "\n".join(lines).rstrip() + "\n"
