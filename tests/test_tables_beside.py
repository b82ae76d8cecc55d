"""Tables set beside a column of prose or a plot, whose rows share baselines with the other side's lines, and the
cells such tables print: stacked fractions, times in seconds, a note between a key and its value. Each was missed
in issue 9's fresh4 part (the Adafactor paper's Table 3, RMSNorm's Table 10, PaSa's Table 4)."""

from __future__ import annotations

from test_tables import glyph_line, pdf_tables

from synth.models import Table
from synth.pdftables import Glyph, cell_kind, tables_from_glyphs

PROSE = ["we set the small scale of the input to one",
         "and then scale it up by a factor of two",
         "so that all of the rows start out at a norm",
         "this lets the same step size work for all of it",
         "we test both of the two with this and two more",
         "in the first we set it to one and do not scale",
         "in the next we set it as before and do not add",
         "the two are run for a day on the same set of data"]


def _prose(ys: list[float], x: float = 55) -> list[Glyph]:
    """A column of prose at 10 pt, one line of `PROSE` on each baseline."""
    glyphs: list[Glyph] = []
    for k, y in enumerate(ys):
        glyphs += glyph_line(y, [(x, PROSE[k % len(PROSE)])], size=10)
    return glyphs


def test_a_table_in_one_column_beside_prose_on_shared_baselines_is_read() -> None:
    """Every row shares its baseline with a line of the text column, so each page line was prose and no row a data
    row: the table was read only as text. Its caption above it, on its side of the page, says where it is."""
    glyphs = _prose([330, 318, 306, 294, 282, 270, 258, 246, 234, 222])
    glyphs += glyph_line(318.7, [(307, "Table 3. Relative step sizes are more resilient")], size=9)
    glyphs += glyph_line(307.8, [(307, "to differently-scaled embedding parameters.")], size=9)
    glyphs += glyph_line(270, [(330, "Scheme"), (382, "Scale"), (433, "Adam"), (479, "Adafactor")], size=9)
    for y, row in zip((258, 246, 234), (("clever", "32", "26.4", "26.6"), ("naive", "1", "25.8", "26.4"),
                                        ("small", "1", "24.2", "25.4")), strict=True):
        glyphs += glyph_line(y, list(zip((330, 382, 433, 479), row, strict=True)), size=9)
    [table] = tables_from_glyphs(glyphs, "doc", 7)
    assert table.caption == ("Table 3. Relative step sizes are more resilient to differently-scaled embedding "
                             "parameters.")
    assert table.header == ("Scheme", "Scale", "Adam", "Adafactor")
    assert table.rows == (("clever", "32", "26.4", "26.6"), ("naive", "1", "25.8", "26.4"),
                          ("small", "1", "24.2", "25.4"))


def _plot_and_table() -> list[Glyph]:
    """A plot (tick labels at 14 pt, legend entries) to the left of a table captioned below it."""
    glyphs = glyph_line(590, [(216, "Heron"), (319, "Model"), (366, "Test Error"), (414, "Time")], size=9)
    rows = [("Baseline", "8.96%", "21.5"), ("BatchNorm", "8.25%", "38.0"), ("WeightNorm", "8.28%", "23.1"),
            ("LayerNorm", "10.49%", "39.4"), ("RMSNorm", "8.83%", "31.5")]
    for k, row in enumerate(rows):
        y = 577 - 10 * k
        if k % 2 == 0:
            glyphs += glyph_line(y, [(127, f"0.0{8 - 2 * k}")], size=14)
        glyphs += glyph_line(y, list(zip((307, 374, 414), row, strict=True)), size=9)
    glyphs += glyph_line(520, [(150, "0"), (174, "50"), (198, "100"), (223, "150")], size=14)
    glyphs += glyph_line(513.6, [(283, "Table 10: Test error rate and time in seconds per epoch")], size=9)
    glyphs += glyph_line(503.6, [(284, "for the small model. Time is measured")], size=9)
    glyphs += glyph_line(493.6, [(108, "Table 9: Error of the model."), (283, "with one GPU.")],
                         size=9)
    glyphs += glyph_line(469, [(108, "we also find that layer normalization works worse than the others on images")],
                         size=10)
    return glyphs


def test_a_table_beside_a_plot_keeps_every_row_and_its_whole_caption() -> None:
    """The plot's tick labels share baselines with every other row and set those lines' size, so the block broke at
    each of them, and the caption's last line ("with one GPU.") shares a line with Table 9's caption."""
    tables = tables_from_glyphs(_plot_and_table(), "doc", 9)
    [table] = [t for t in tables if t.caption.startswith("Table 10")]
    assert table.caption == ("Table 10: Test error rate and time in seconds per epoch for the small model. Time is "
                             "measured with one GPU.")
    assert table.header == ("Model", "Test Error", "Time")
    assert [row[0] for row in table.rows] == ["Baseline", "BatchNorm", "WeightNorm", "LayerNorm", "RMSNorm"]
    assert table.rows[-1] == ("RMSNorm", "8.83%", "31.5")


def test_times_in_seconds_with_a_spread_and_a_share_are_numbers() -> None:
    """RMSNorm's Table 10 prints its times as "31±0.5s (20.5%)": read as text, its rows held one number each and were
    no data rows."""
    assert [cell_kind(c) for c in ("21±0.0s", "31±0.5s (20.5%)", "120 ms", "3.5s", "3-shot", "2s-3s")] == [
        "num", "num", "num", "num", "text", "text"]


def test_a_caption_starting_inside_a_line_and_a_key_value_table_with_notes() -> None:
    """PaSa's Table 4: its caption shares a line with the other column's section heading ("5 Experiments"), its rows
    with that column's prose, and some rows hold a note between the name and the value."""
    rows = [("α", "(Equation 1)", "1.5"), ("β", "(Equation 3)", "0.1"), ("η", "(Equation 8)", "10"),
            ("learning rate", "", "1e-6"), ("epoch per step", "", "2"), ("NVIDIA H100 GPU", "", "16")]
    ys = [740 - 13.5 * k for k in range(len(rows))]
    glyphs = _prose([760, *ys], x=71)
    glyphs += glyph_line(760, [(384, "Name"), (491, "Value")], size=10)
    for y, (name, note, value) in zip(ys, rows, strict=True):
        glyphs += glyph_line(y, [(315, name), *([(377, note)] if note else []), (491, value)], size=10)
    glyphs += glyph_line(650, [(71, "5"), (89, "Experiments"), (311, "Table 4: The hyperparameters used in training.")],
                         size=10)
    [table] = tables_from_glyphs(glyphs, "doc", 7)
    assert table.caption == "Table 4: The hyperparameters used in training."
    assert table.header == ("Name", "Value")
    assert table.rows == (("α (Equation 1)", "1.5"), ("β (Equation 3)", "0.1"), ("η (Equation 8)", "10"),
                          ("learning rate", "1e-6"), ("epoch per step", "2"), ("NVIDIA H100 GPU", "16"))


def test_a_key_value_row_with_a_numeric_middle_is_no_note() -> None:
    """A note is text: three phrases with a number in the middle are two values, not a key and its value."""
    glyphs = glyph_line(700, [(200, "Name"), (300, "Value")], size=10)
    for k in range(5):
        glyphs += glyph_line(686 - 11 * k, [(200, f"layer {k}"), (250, f"{k + 2}.5"), (300, f"{k}")], size=10)
    glyphs += glyph_line(600, [(200, "Table 2: Settings.")], size=10)
    assert all(len(t.header) != 2 for t in tables_from_glyphs(glyphs, "doc", 3))


def _fraction_table() -> list[Glyph]:
    """A table whose rows print 1/√d as a stacked fraction: the numerator and the denominator's "d" at 6 pt, half a
    line above and below the row, and the radical of a "√d" cell on a baseline of its own."""
    glyphs = glyph_line(320, [(330, "Table 3: Embedding scales.")], size=9)
    glyphs += glyph_line(300, [(337, "Init"), (382, "Multiplier"), (433, "BLEU"), (479, "BLEU")], size=9)
    glyphs += glyph_line(290, [(345, "σ"), (430, "(Adam)"), (470, "(Adafactor)")], size=9)
    glyphs += glyph_line(281, [(393.5, "√")], size=9)
    for y, fraction, adam, adafactor in ((274, True, "26.4", "26.6"), (259, False, "25.8", "26.4"),
                                         (246, True, "24.2", "25.4")):
        multiplier = "dmodel" if y == 274 else "1"
        label = (339, "√") if fraction else (351, "1")
        glyphs += glyph_line(y, [label, (398, multiplier), (437, adam), (483, adafactor)], size=9)
        if fraction:
            glyphs += glyph_line(y + 3.6, [(349.5, "1")], size=6)
            glyphs += glyph_line(y - 5, [(343.5, "dmodel")], size=5)
    return glyphs


def test_stacked_fractions_and_a_raised_radical_are_read_into_their_cells() -> None:
    """The 6 pt numerator and denominator lines ended the block (or became headings) and the raised "√" joined the
    header; the label column split in two around the fraction."""
    [table] = tables_from_glyphs(_fraction_table(), "doc", 7)
    assert table.header == ("Init σ", "Multiplier", "BLEU (Adam)", "BLEU (Adafactor)")
    assert table.rows == (("1/√dmodel", "√dmodel", "26.4", "26.6"), ("1", "1", "25.8", "26.4"),
                          ("1/√dmodel", "1", "24.2", "25.4"))


def _captioned(tables: list[Table], number: int) -> Table:
    [table] = [t for t in tables if t.caption.startswith(f"Table {number}")]
    return table


def test_adafactor_table_3_beside_the_text_column() -> None:
    table = _captioned(pdf_tables("adafactor.pdf", 7), 3)
    assert table.header == ("Emb init. σ", "Multiplier", "BLEU (Adam)", "BLEU (Adafactor)")
    assert table.rows == (("1/√dmodel", "√dmodel", "26.4", "26.6"), ("1", "1", "25.8", "26.4"),
                          ("1/√dmodel", "1", "24.2", "25.4"))


def test_rmsnorm_table_10_beside_figure_9() -> None:
    table = _captioned(pdf_tables("rmsnorm.pdf", 9), 10)
    assert table.caption.endswith("Time is measured with GeForce RTX 2080 Ti.")
    assert table.header == ("Model", "Test Error", "Time")
    assert dict((row[0], row[1]) for row in table.rows) == {
        "Baseline": "8.96%", "BatchNorm": "8.25%", "WeightNorm": "8.28%", "LayerNorm": "10.49%", "RMSNorm": "8.83%",
        "pRMSNorm": "10.37%"}


def test_pasa_table_4_beside_the_text_column() -> None:
    table = _captioned(pdf_tables("pasa_llm_agent_for_paper_search.pdf", 7), 4)
    assert table.header == ("Name", "Value")
    rows = dict(table.rows)
    assert (rows["learning rate"], rows["NVIDIA H100 GPU"], rows["α (Equation 1)"], len(rows)) == ("1e-6", "16", "1.5",
                                                                                                  16)


def test_a_caption_line_running_on_into_the_other_column_still_marks_its_side() -> None:
    """BERT's Table 3: its caption's first line shares a baseline with the right column's prose ("(SWAG) dataset
    contains …"), so the caption seemed to span the page and nothing to lie beside it."""
    glyphs = _prose([790, 778, 766, 754, 742, 730, 718, 706], x=307)
    glyphs += glyph_line(790, [(125, "System"), (200, "Dev"), (240, "Test")], size=9)
    for y, row in zip((778, 766, 754, 742), (("Human", "86.3", "89.5"), ("nlnet", "74.2", "77.1"),
                                             ("unet", "71.4", "74.9"), ("BERT", "78.7", "83.1")), strict=True):
        glyphs += glyph_line(y, list(zip((83, 200, 240), row, strict=True)), size=9)
    glyphs += glyph_line(718, [(72, "Table 3: SQuAD 2.0 results of the systems")], size=10)
    [table] = tables_from_glyphs(glyphs, "doc", 7)
    assert table.caption == "Table 3: SQuAD 2.0 results of the systems"
    assert table.header == ("System", "Dev", "Test")
    assert [row[0] for row in table.rows] == ["Human", "nlnet", "unet", "BERT"]


def test_two_tables_side_by_side_on_shared_baselines_are_read_apart() -> None:
    """BERT's Tables 2 and 4: both columns' rows share baselines, so the page reading made one grid of both and gave
    it the right table's caption, the nearer one; the left table kept only its rows below the right one's."""
    glyphs = glyph_line(790, [(83, "System"), (200, "Dev"), (240, "Test"), (350, "System"), (443, "Dev"),
                              (470, "Test")], size=9)
    left = [("Human", "82.3", "91.2"), ("nlnet", "86.0", "91.7"), ("QANet", "84.5", "90.5"), ("BiDAF", "85.6", "85.8"),
            ("BERTBASE", "80.8", "88.5"), ("BERTLARGE", "84.1", "90.9")]
    right = [("GloVe", "51.9", "52.7"), ("ELMo", "59.1", "59.2"), ("GPT", "78.0", "77.1"), ("BERT", "86.6", "86.3")]
    for k, row in enumerate(left):
        glyphs += glyph_line(778 - 10 * k, list(zip((83, 200, 240), row, strict=True)), size=9)
    for k, row in enumerate(right):
        glyphs += glyph_line(778 - 10 * k, list(zip((350, 443, 470), row, strict=True)), size=9)
    glyphs += glyph_line(733, [(307, "Table 4: SWAG accuracies of the systems.")], size=10)
    glyphs += _prose([718, 706, 694, 682, 670, 658], x=307)
    glyphs += glyph_line(703, [(72, "Table 2: SQuAD 1.1 results of the systems.")], size=10)
    tables = {t.caption.split(":")[0]: t for t in tables_from_glyphs(glyphs, "doc", 7)}
    assert set(tables) == {"Table 2", "Table 4"}
    assert tables["Table 2"].header == tables["Table 4"].header == ("System", "Dev", "Test")
    assert tables["Table 2"].rows == tuple(left)
    assert tables["Table 4"].rows == tuple(right)


def test_a_header_s_stacked_fraction_stays_in_the_header() -> None:
    """The sparsely-gated MoE's Table 6 heads its last column "max(Load(X))" over "mean(Load(X))" at 7 pt: the
    denominator, nearer the header than the first row, belongs to the header, not to the row's last cell."""
    glyphs = glyph_line(150, [(187, "Table 6: Experiments with different combinations of losses.")], size=10)
    glyphs += glyph_line(134.6, [(412, "max(L(X))")], size=7)
    glyphs += glyph_line(130.8, [(155, "wimp"), (199, "wload"), (235, "Perplexity"), (354, "CV(L(X))")], size=10)
    glyphs += glyph_line(128.0, [(410, "mean(L(X))")], size=7)
    rows = [("0.0", "0.0", "39.8", "3.01", "17.80"), ("0.2", "0.0", "35.6", "0.17", "1.47"),
            ("0.1", "0.1", "35.6", "0.05", "1.14")]
    for k, row in enumerate(rows):
        glyphs += glyph_line(120.2 - 8.8 * k, list(zip((169, 203, 239, 372, 424), row, strict=True)), size=10)
    [table] = tables_from_glyphs(glyphs, "doc", 13)
    assert table.header == ("wimp", "wload", "Perplexity", "CV(L(X))", "max(L(X))/mean(L(X))")
    assert table.rows == tuple(rows)


def test_a_raised_radical_belongs_to_the_row_under_it() -> None:
    """nGPT's Table 4 sets each "√" of "1/√dmodel" nearer the row above than its own: given to the nearer row, it
    became a denominator there."""
    glyphs = glyph_line(680, [(108, "Table 4: Ablations of the scaling factors.")], size=10)
    glyphs += glyph_line(657.5, [(160, "Name"), (204, "init"), (252, "scale"), (306, "Mean"), (362, "Acc")],
                         size=8.6)
    for k, (name, init, fraction, mean, acc) in enumerate((("sqk", "1", True, "1.51", "54.44"),
                                                           ("sqk", "0.33", True, "1.36", "54.67"),
                                                           ("sqk", "1", False, "1.38", "54.19"))):
        y = 642.9 - 10.2 * k
        scale = [(243, "1/"), (259, "dmodel")] if fraction else [(260, "1")]
        glyphs += glyph_line(y, [(162, name), (210, init), *scale, (306, mean), (362, acc)], size=8.6)
        if fraction:
            glyphs += glyph_line(y + 6.7, [(254.7, "√")], size=8.6)
    [table] = tables_from_glyphs(glyphs, "doc", 19)
    assert [row[2] for row in table.rows] == ["1/ √dmodel", "1/ √dmodel", "1"]
