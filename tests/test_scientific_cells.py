"""A cell printed in scientific notation ("2.3 · 10" with a raised "19", Attention Is All You Need's Table 2) is one
number. Before, the middle dot was dropped as a dot leader, so the mantissa and the power of ten fell into two
columns ("2.3", "1019"), and the rows whose single cell spans two columns shifted every figure after it."""

from __future__ import annotations

from test_tables import glyph_line

from synth.pdftables import Glyph, tables_from_glyphs
from synth.pdftables.cells import cell_kind


def _power(x: float, y: float, mantissa: str, exponent: str) -> list[Glyph]:
    """"2.3 · 10" at the body size with the exponent raised and smaller, as LaTeX sets 2.3 \\cdot 10^{19}."""
    glyphs = glyph_line(y, [(x, f"{mantissa} · 10")], size=10)
    right = glyphs[-1].x1
    return glyphs + [Glyph(char, right + 3.5 * k, right + 3.5 * (k + 1), y + 3.6, 7.0)
                     for k, char in enumerate(exponent)]


def _page() -> list[Glyph]:
    glyphs = glyph_line(700, [(100, "Model"), (240, "BLEU"), (305, "Alpha"), (365, "Beta")], size=10)
    rows = [("Heron", "24.6", ("2.3", "19"), ("1.4", "20")), ("Egret", "25.1", ("9.6", "18"), ("1.5", "20")),
            ("Ibis", "26.0", ("2.0", "19"), ("1.2", "20")), ("Kite", "26.3", ("1.8", "20"), ("1.1", "21"))]
    y = 688.0
    for name, bleu, first, second in rows:
        glyphs += glyph_line(y, [(100, name), (242, bleu)], size=10)
        glyphs += _power(300, y, *first) + _power(360, y, *second)
        y -= 11
    for name, bleu, spanning in (("Wren", "27.3", ("3.3", "18")), ("Lark", "28.4", ("2.3", "19"))):
        glyphs += glyph_line(y, [(100, name), (242, bleu)], size=10) + _power(330, y, *spanning)
        y -= 11
    return glyphs


def test_a_power_of_ten_is_a_number() -> None:
    assert cell_kind("2.3 · 10^19") == "num"
    assert cell_kind("1.1 × 10^-3") == "num"


def test_a_mantissa_and_its_power_of_ten_are_one_cell_in_their_own_column() -> None:
    [table] = tables_from_glyphs(_page(), "doc", 8)
    assert table.header == ("Model", "BLEU", "Alpha", "Beta")
    assert table.rows[0] == ("Heron", "24.6", "2.3 · 10^19", "1.4 · 10^20")
    assert table.rows[3] == ("Kite", "26.3", "1.8 · 10^20", "1.1 · 10^21")
    assert table.rows[4][:2] == ("Wren", "27.3") and "3.3 · 10^18" in table.rows[4][2:]
