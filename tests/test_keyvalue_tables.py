"""Two-column key–value tables ("Params | Values", one value per row) are read with header and caption."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tables import glyph_line

from synth.pdftables import Glyph, extract_tables, tables_from_glyphs

PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdfs"
ROWS = [("Layers", "28"), ("Hidden size", "3072"), ("Heads", "12"), ("LR", "3.2 × 10−4"), ("Batch size", "4M"),
        ("Dropout", "0.0")]


def key_value_page(caption: bool = True) -> list[Glyph]:
    """A hyperparameter table: its header set apart by a wider gap, the caption below."""
    glyphs = glyph_line(700, [(70, "Table 9 presents the detailed hyperparameters of the 3B models we trained.")],
                        size=10)
    glyphs += glyph_line(676, [(200, "Params"), (300, "Values")], size=10)
    for k, (label, value) in enumerate(ROWS):
        glyphs += glyph_line(660 - 11 * k, [(200, label), (300, value)], size=10)
    if caption:
        glyphs += glyph_line(560, [(70, "Table 9: Hyperparameters used for the 3B model.")], size=10)
    return glyphs


def test_a_key_value_table_is_read_with_its_header_and_caption() -> None:
    """Not read before: no row holds two numbers, so no block started."""
    [found] = tables_from_glyphs(key_value_page(), "doc", 16)
    assert found.caption == "Table 9: Hyperparameters used for the 3B model."
    assert found.header == ("Params", "Values")
    assert found.rows == tuple(ROWS)
    assert not found.low_confidence


def test_a_note_column_every_row_has_is_a_column_of_its_own() -> None:
    """InstructGPT's Table 8 ("Model | Split | Prompts per customer"): three phrases a row were no key-value row."""
    glyphs = glyph_line(706, [(70, "Table 8: Average prompts per customer")], size=10)
    glyphs += glyph_line(686, [(70, "Model"), (110, "Split"), (160, "Prompts per customer")], size=10)
    rows = [("SFT", "train", "1.65"), ("SFT", "valid", "1.87"), ("RM", "train", "5.35"), ("RM", "valid", "27.96")]
    for k, row in enumerate(rows):
        glyphs += glyph_line(670 - 11 * k, list(zip((72, 110, 235), row, strict=True)), size=10)
    [found] = tables_from_glyphs(glyphs, "doc", 34)
    assert found.header == ("Model", "Split", "Prompts per customer")
    assert found.rows == tuple(rows)


def test_label_value_pairs_without_a_caption_are_not_a_table() -> None:
    assert tables_from_glyphs(key_value_page(caption=False), "doc", 16) == []


def test_differential_transformer_table_9_beside_table_10() -> None:
    path = PDFS / "differential_transformer.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus/pdfs/differential_transformer.pdf not present")
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[15].get_textpage()
        found = {t.caption.split(":")[0]: t for t in extract_tables(textpage, "doc", 16, textpage.get_text_range(), 0)}
        textpage.close()
    finally:
        document.close()
    assert set(found) == {"Table 9", "Table 10"}
    rows = dict(found["Table 9"].rows)
    assert found["Table 9"].header == ("Params", "Values")
    assert (rows["Layers"], rows["Hidden size"], rows["Heads"], rows["Batch size"]) == ("28", "3072", "12", "4M")
    assert found["Table 10"].header == ("Size", "Hidden Dim.", "#Layers", "#Heads")
