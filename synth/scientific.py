"""Numbers in scientific notation, read one way by the claim parser and by the answer stage's readers of values.

"1.41 × 10−5" read digit by digit is three figures (1.41, 10 and 5), none of them the value. Forms read: "1e-4" (any
case, any minus; "1e −4" as PDF text prints "1e" and a raised "−4" on two lines), "1.41 × 10−5" / "2 x 10-5" /
"2.3 · 10^19" (a sign after "× 10", spaces allowed), "10−3" as PDF text prints a lost superscript (U+2212, the minus
sign, glued to its exponent: never a range's dash), "1.0 × 10^−3" as the table reader marks a raised exponent
(synth.pdftables.lines), and the LaTeX "2 \\times 10^{-5}".
"""

from __future__ import annotations

import re

_CARET = r"\s*\^\s*\{?\s*[-+−]?\d+\s*\}?"
SCIENTIFIC = re.compile(
    r"(?<![\w.])(?:(?P<mantissa>\d+(?:\.\d+)?)"
    rf"(?:[eE](?P<e_power>[-+−–]?\d+|\s+−\d+)|\s*(?:[×x·⋅]|\\times)\s*10(?P<times_power>{_CARET}|\s*[−\-–]\s*\d+))"
    rf"|10(?P<bare_power>{_CARET}|−\d+))(?!\w|\.\d)")


def scientific_value(match: re.Match[str]) -> float:
    """The figure a SCIENTIFIC match stands for (a bare power of ten has mantissa 1)."""
    power = next(p for p in (match.group(g) for g in ("e_power", "times_power", "bare_power")) if p is not None)
    exponent = int(re.sub(r"[\s^{}]", "", power).replace("−", "-").replace("–", "-"))
    return float(f"{match.group('mantissa') or '1'}e{exponent}")


def mantissa_decimals(match: re.Match[str]) -> int:
    """Digits after the mantissa's point: "1.41 × 10−5" is written to two decimals."""
    mantissa = match.group("mantissa") or ""
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def scientific_cell(text: str) -> float | None:
    """The figure a whole table cell states in scientific notation ("1.0 × 10^−3", "4.2e-4"), else None: a cell
    holding anything more ("1e-4 (tuned)") is not read as one number here."""
    match = SCIENTIFIC.fullmatch(text.strip())
    return scientific_value(match) if match else None


# The table reader marks an exponent the PDF prints raised after "10" with a caret (synth.pdftables.lines): "10^−3".
_RAISED = re.compile(r"(?<![\w.])10\^([−\-–+]?\d{1,3})(?!\w|\.\d)")
_SUPERSCRIPT = str.maketrans("0123456789−-–+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁻⁺")


def raised_powers(text: str) -> str:
    """Each caret-marked power of ten written raised, as the paper prints it ("1.0 × 10^−3" → "1.0 × 10⁻³"): pages
    show the figure the paper printed, never the reader's caret nor a re-formatted float."""
    return _RAISED.sub(lambda m: "10" + m.group(1).translate(_SUPERSCRIPT), text)
