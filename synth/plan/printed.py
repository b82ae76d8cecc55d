"""How a question was read, as the plain lines `synth plan reports/x.yaml` prints before any build."""

from __future__ import annotations

from synth.models import Plan


def describe(plan: Plan) -> str:
    """How a question was read, as plain lines for `synth plan`."""
    lines = [f"relation: {plan.relation.value}" + (f" (against {plan.trend_by})" if plan.trend_by else "")]
    lines.append(f"subjects ({len(plan.subjects)}):")
    for subject in plan.subjects:
        spelled = f" [also: {', '.join(subject.spellings[1:])}]" if len(subject.spellings) > 1 else ""
        homes = ", ".join(subject.home_sources) or "none"
        lines.append(f"  - {subject.name}{spelled} — {subject.origin}; sources about it: {homes}")
    lines.append(f"attributes ({len(plan.attributes)}):")
    for attribute in plan.attributes:
        extra = [f"unit {attribute.unit}"] if attribute.unit else []
        extra += [f"variant {attribute.variant}"] if attribute.variant else []
        extra += [f"written {', '.join(attribute.symbols)}"] if attribute.symbols else []
        labels = f"; library labels: {', '.join(attribute.spellings[1:])}" if len(attribute.spellings) > 1 else ""
        of = f"; asked of {', '.join(attribute.subjects)}" if attribute.subjects else ""
        lines.append(f"  - {attribute.name} ({attribute.kind.value}{', ' + ', '.join(extra) if extra else ''}) — "
                     f"{attribute.origin}{labels}{of}")
    lines.append(f"cells asked: {len(plan.subjects)} × {len(plan.attributes)} = "
                 f"{len(plan.subjects) * len(plan.attributes)}" if all(not a.subjects for a in plan.attributes) else
                 f"cells asked: {len(plan.cells)} (each clause asks its attributes of the subjects it names)")
    for note in plan.notes:
        lines.append(f"note: {note}")
    if plan.unread:  # a clause no attribute was read from: the page says "Partly answered", never "Answered"
        lines.append(f"parts of the question read: {plan.parts - len(plan.unread)} of {plan.parts}")
        lines.extend(f"not read: \"{clause.text}\" (words read nowhere: {', '.join(clause.words)})"
                     for clause in plan.unread)
    return "\n".join(lines) + "\n"
