"""The answer's status line on a report page: answered, partly answered, or not answerable, and which parts of the
question the report did not read (issue 9: a page never says "Answered" when the plan dropped part of the question).

The clauses not read are shown by the template (`unread_parts` of report_macros.md.j2), escaped there: the question's
text is untrusted.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from synth import markdown as md
from synth.answer.text import primary_cells
from synth.models import Report, Verdict
from synth.templating import md_safe


@dataclass(frozen=True)
class UnreadParts:
    """The asking clauses of the question the report did not read, for the page's status line; `lead` when the line
    opens with them ("**Partly answered**: …"), after the status otherwise (the library answers nothing)."""

    lead: bool
    parts: int
    clauses: tuple[str, ...]

    @property
    def read(self) -> int:
        return self.parts - len(self.clauses)


def unread_parts(report: Report) -> UnreadParts | None:
    """The clauses of the question the plan did not read, when the answer stage looked anything up."""
    plan, answer = report.plan, report.answer
    if plan is None or answer is None or not plan.unread or not plan.cells:
        return None
    return UnreadParts(answer.status != "not_answerable", max(plan.parts, len(plan.unread)),  # never "1 of 0"
                       tuple(clause.text for clause in plan.unread))


def status_line(report: Report) -> Markup:
    """The answer's status: what share of the asked cells the library states, and what the verifier did not confirm;
    when a clause was not read, never "Answered" (the template puts the unread clauses before it)."""
    answer = report.answer
    if answer is None and not report.answerable:
        missing = ", ".join(md.text(t) for t in report.unanswered_terms) or "the question's terms"
        return md_safe(f"**The library cannot answer this question.** No source in the library mentions {missing}, "
                       "so no finding is reported: claims about other subjects would not answer it.")
    if answer is None:
        return md_safe("**The question was not read into subjects and attributes**: see the findings below.")
    asked = len(report.plan.cells) if report.plan else len(answer.subjects) * len(answer.attributes)
    gaps = len(answer.not_stated)
    if not asked:
        return md_safe("**The question was not read into subjects and attributes**, so nothing was looked up: this "
                       "page does not say whether the library answers it.")
    unconfirmed = sum(cell.verdict is not Verdict.SUPPORTED for cell in primary_cells(answer).values())
    caution = (f" {unconfirmed} of the stated values {'was' if unconfirmed == 1 else 'were'} not confirmed by the "
               "verification stage (marked *unconfirmed* or *disputed*): read the quote before citing "
               f"{'it' if unconfirmed == 1 else 'them'}." if unconfirmed else "")
    unread = unread_parts(report) is not None
    if unread and answer.status != "not_answerable":  # the lead "**Partly answered**: …" is the template's
        if not gaps:
            stated = "The one cell it read is" if asked == 1 else f"All {asked} cells it read are"
            return md_safe(f"{stated} stated by a source.{caution}")
        return md_safe(f"Of the {asked} cells it read, the library states {asked - gaps}; {gaps} "
                       f"{'is' if gaps == 1 else 'are'} *not stated in the library*.{caution}")
    if answer.status == "answered":
        stated = "the one asked cell is" if asked == 1 else f"all {asked} asked cells are"
        return md_safe(f"**Answered** from the library: {stated} stated by a source.{caution}")
    if answer.status == "partial":
        return md_safe(f"**Partly answered**: the library states {asked - gaps} of the {asked} asked cells; "
                       f"{gaps} {'is' if gaps == 1 else 'are'} *not stated in the library*.{caution}")
    return md_safe("**The library cannot answer this question**: no source states what it asks "
                   "(see *Not stated in the library*).")
