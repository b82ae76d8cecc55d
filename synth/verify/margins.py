"""How much a comparison says, read against cells: a margin ("by 3.2 points", "+2.3%", "a 10%
relative gain", "2x faster") with the rounding of its figure, a degree word ("slightly", "much"),
and which way a pair of cells holds (better / worse by the metric's own direction, higher / lower
raw).
"""

from __future__ import annotations

from collections.abc import Sequence

from synth.grids import GridCell
from synth.models import Verdict
from synth.verify.atoms import AtomSpec
from synth.verify.findings import lower_is_better

# Relative gaps (|a - b| / max(|a|, |b|)) a degree word is read against: "slightly" holds up to
# SMALL_GAP and is refuted from LARGE_GAP on; "much" / "significantly" needs SMALL_GAP at least.
SMALL_GAP = 0.1
LARGE_GAP = 0.5


def margin_fits(atom: AtomSpec, a: float, b: float) -> bool:
    """Whether a against b shows the claimed margin: the difference, the relative change in percent,
    or the difference of two fractions in points, at the figure's rounding; a ratio within 5%."""
    margin = atom.margin
    assert margin is not None
    tolerance = 0.5 * 10 ** -margin.decimals + 1e-9
    if atom.ratio:
        return b != 0 and abs(a / b - margin.value) <= tolerance + 0.05 * margin.value
    difference = abs(a - b)
    relative = abs(a - b) / abs(b) * 100 if b else None
    scaled = difference * 100 if max(abs(a), abs(b)) <= 1.0 else None
    return any(x is not None and abs(round(x, margin.decimals) - margin.value) <= tolerance
               for x in (difference, relative, scaled))


def degree_outcome(atom: AtomSpec, pairs: list[tuple[GridCell, GridCell]], status: Verdict) -> Verdict:
    """A supported comparison that says how much ("slightly", "much", "by a large margin") also
    needs the gap to fit: every gap small for "slightly" (every gap large refutes it), every gap
    at least small-but-real for "much"; anything in between settles nothing."""
    if status is not Verdict.SUPPORTED or not atom.degree:
        return status
    gaps = [abs(a.value - b.value) / max(abs(a.value), abs(b.value)) for a, b in pairs
            if max(abs(a.value), abs(b.value)) > 0]
    if not gaps:
        return Verdict.INSUFFICIENT
    if atom.degree == "small":
        if all(g <= SMALL_GAP for g in gaps):
            return Verdict.SUPPORTED
        return Verdict.CONTRADICTED if all(g >= LARGE_GAP for g in gaps) else Verdict.INSUFFICIENT
    return Verdict.SUPPORTED if all(g >= SMALL_GAP for g in gaps) else Verdict.INSUFFICIENT


def direction_of(atom: AtomSpec, path: Sequence[str]) -> int:
    """+1 when the claim says the subject's cell is the larger number, -1 the smaller."""
    return -atom.direction if atom.aware and lower_is_better(path) else atom.direction


def pair_holds(atom: AtomSpec, a: float, b: float, path: Sequence[str]) -> bool:
    """Whether the cell pair goes the way the comparison says."""
    return a > b if direction_of(atom, path) > 0 else a < b


def margin_outcome(atom: AtomSpec, pairs: list[tuple[GridCell, GridCell]], axis: str) -> bool | None:
    """Whether the claimed margin fits: True (some pair in the claimed direction fits), False (a
    single pair, named exactly, that does not fit), None (several pairs, none fitting: the claim
    may average or pick among them, so nothing is settled)."""
    fitting = [margin_fits(atom, a.value, b.value) for a, b in pairs
               if pair_holds(atom, a.value, b.value, a.column_path if axis == "row" else a.row_path)]
    if any(fitting):
        return True
    return False if len(pairs) == 1 and fitting == [False] else None
