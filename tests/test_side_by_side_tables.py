"""Two small tables set side by side with staggered baselines (what_makes_rope_useful.pdf p.10): each keeps its own
header and caption. Before, Table 2 ("Encoding | Wiki | FlanV2") took Table 1's header line ("Encoding NoPE RoPE
p-RoPE") into its first column and Table 1's caption, so its rows were read as columns and its values were lost."""

from __future__ import annotations

from test_tables import glyph_line

from synth.models import Table
from synth.pdftables import Glyph, tables_from_glyphs
from synth.tables import models_in_columns, records


def side_by_side_page() -> list[Glyph]:
    glyphs = glyph_line(702.5, [(323, "Table 2: Validation perplexity comparison")], size=10)
    glyphs += glyph_line(691.5, [(323, "between Heron, Egret and Ibis.")], size=10)
    glyphs += glyph_line(688.9, [(108, "Table 1: A summary of the properties")], size=10)
    glyphs += glyph_line(677.9, [(108, "of Heron, Egret and Ibis.")], size=10)
    glyphs += glyph_line(666.9, [(347, "Encoding"), (403, "Wiki"), (442, "FlanV2")], size=10)
    glyphs += glyph_line(653.3, [(118, "Encoding"), (170, "Heron"), (206, "Egret"), (243, "Ibis")], size=10)
    glyphs += glyph_line(650.7, [(347, "Heron"), (403, "4.8594"), (442, "6.6429")], size=10)
    glyphs += glyph_line(639.8, [(347, "Egret"), (403, "4.4627"), (442, "6.4429")], size=10)
    glyphs += glyph_line(637.2, [(118, "Positional"), (170, "no"), (206, "yes"), (243, "yes")], size=10)
    glyphs += glyph_line(626.2, [(118, "Semantic"), (170, "yes"), (206, "no"), (243, "yes")], size=10)
    glyphs += glyph_line(623.6, [(347, "Ibis"), (403, "4.5302"), (442, "6.5111")], size=10)
    return glyphs


def test_a_table_beside_another_keeps_its_own_header_and_caption() -> None:
    [found] = tables_from_glyphs(side_by_side_page(), "doc", 10)
    assert found.caption == "Table 2: Validation perplexity comparison between Heron, Egret and Ibis."
    assert found.header == ("Encoding", "Wiki", "FlanV2")
    assert [row[0] for row in found.rows] == ["Heron", "Egret", "Ibis"]


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> Table:
    return Table("doc#t1", "doc", "Table 2: Validation perplexity.", header, rows, ("",) * len(rows), 0, 0)


def test_a_corner_cell_naming_the_rows_kind_puts_the_models_in_rows() -> None:
    """With it read, Table 2's rows were still taken for benchmarks: "Wiki | FlanV2" and "NoPE | RoPE | 0.25-RoPE"
    look equally model-like, and a tie went to the header."""
    rows = (("NoPE", "4.8594", "6.6429"), ("RoPE", "4.4627", "6.4429"), ("0.25-RoPE", "4.5302", "6.5111"))
    assert not models_in_columns(_table(("Encoding", "Wiki", "FlanV2"), rows))
    assert models_in_columns(_table(("", "Wiki", "FlanV2"), rows))


def _labels_page() -> list[Glyph]:
    """Janus-Pro's Table 3: column labels set an ordinary space apart, each over its own column."""
    labels = ["Params", "POPE↑", "MME-P↑", "MMB↑", "SEED↑", "GQA↑", "MMMU↑"]
    size, x, starts = 8.0, 130.0, [70.0]
    for label in labels:
        starts.append(x)
        x += len(label) * 0.5 * size + 0.28 * size
    glyphs = glyph_line(720, [(70, "Table 3 | Comparison on multimodal understanding benchmarks.")], size=10)
    glyphs += glyph_line(700, [(70, "Model"), (130, " ".join(labels))], size=size)
    rows = [("Hr", "1B", "84", "112", "53", "60", "56", "30"), ("Eg", "7B", "85", "151", "64", "58", "62", "35"),
            ("Ib", "8B", "85", "124", "58", "68", "60", "31")]
    for k, row in enumerate(rows):
        glyphs += glyph_line(686 - 11 * k, list(zip(starts, row, strict=True)), size=size)
    return glyphs


def test_labels_an_ordinary_space_apart_over_their_own_columns_are_each_a_column_s() -> None:
    """Read before as one phrase of eight words (prose to the block finder), so the header was left out."""
    [found] = tables_from_glyphs(_labels_page(), "doc", 6)
    assert found.header == ("Model", "Params", "POPE↑", "MME-P↑", "MMB↑", "SEED↑", "GQA↑", "MMMU↑")


def test_a_model_on_several_rows_keeps_the_size_and_length_of_each_row() -> None:
    """DIFF Transformer's Table 7 gives the Transformer's throughput at 3B/2K, 3B/4K and 13B/2K: each value is at its
    row's size and length, never the Transformer's throughput without them."""
    table = Table("doc#t7", "doc", "Table 7: Throughput.", ("Model", "Model Size", "Length", "Throughput"),
                  (("Transformer", "3B", "2K", "7247"), ("Transformer", "13B", "2K", "998"),
                   ("Kite", "3B", "2K", "6635"), ("Kite", "13B", "2K", "942")), ("",) * 4, 0, 0)
    found = {(r.entity, r.raw): r.setting for r in records(table) if r.attribute == "Throughput"}
    assert found == {("Transformer", "7247"): "Model Size 3B", ("Transformer", "998"): "Model Size 13B",
                     ("Kite", "6635"): "Model Size 3B", ("Kite", "942"): "Model Size 13B"}


def _captioned_page() -> list[Glyph]:
    """Attention Is All You Need's Table 2: a spanning header line right under the caption, then the labels."""
    glyphs = glyph_line(713, [(108, "Table 2: The Heron achieves better BLEU scores than previous models on the")],
                        size=10)
    glyphs += glyph_line(702, [(108, "English-to-German and English-to-French tests at a fraction of the cost.")],
                         size=10)
    glyphs += glyph_line(687, [(300, "BLEU"), (390, "Cost")], size=10)
    glyphs += glyph_line(678, [(137, "Model")], size=10)
    glyphs += glyph_line(671, [(280, "EN-DE"), (325, "EN-FR"), (380, "EN-DE"), (425, "EN-FR")], size=10)
    rows = [("ConvS2S", "25.16", "40.46", "9.6", "1.5"), ("MoE", "26.03", "40.56", "2.0", "1.2"),
            ("Heron", "28.4", "41.8", "2.3", "1.1")]
    for k, row in enumerate(rows):
        glyphs += glyph_line(660 - 11 * k, list(zip((137, 282, 327, 383, 428), row, strict=True)), size=10)
    return glyphs


def test_a_header_line_right_under_a_caption_is_the_table_s_not_the_caption_s() -> None:
    """Before, "BLEU Cost" and "Model" were read as the caption's third and fourth lines: the columns were "EN-DE",
    "EN-FR" twice, and a question about BLEU found nothing."""
    [found] = tables_from_glyphs(_captioned_page(), "doc", 8)
    assert found.caption.endswith("at a fraction of the cost.")
    assert found.header[1:3] == ("BLEU EN-DE", "BLEU EN-FR")

