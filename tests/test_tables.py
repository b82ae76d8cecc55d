"""Table cells as records (parameters, variants, settings, bad cells) and tables rebuilt from PDF glyphs."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from synth.grids import grid, grid_parts
from synth.models import Table
from synth.pdftables import Glyph, cell_kind, extract_tables, tables_from_glyphs, worth_scanning
from synth.pdftables.captions import _find
from synth.tables import (
    caption_variant,
    models_in_columns,
    name_variant,
    parameter_count,
    parse_cell,
    parse_parameters,
    parse_value,
    records,
    split_setting,
    strip_variant,
    variant_name,
)
from synth.verify.cells import TableView

SHARED = Path(__file__).resolve().parents[2] / "shared"
PDFS = SHARED / "corpus" / "pdfs"


def table(header: list[str], rows: list[list[str]], caption: str = "", groups: list[str] | None = None) -> Table:
    return Table("doc#t1", "doc", caption, tuple(header), tuple(tuple(r) for r in rows),
                 tuple(groups or [""] * len(rows)), 0, 10)


# --- cells ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "expected"), [
    ("55.5", (55.5, None)), ("55.5†", (55.5, None)), ("**55.5**", (55.5, None)), ("74.9%", (74.9, "%")),
    ("70.9+2.3", (70.9, None)), ("55.0 (90.0)", (55.0, None)), ("1,800", (1800.0, None)), ("2.4B", (2.4, "B")),
    ("$5.328M", (5.328, "M")), ("−1.5", (-1.5, None)), ("8.79", (8.79, None)),
])
def test_parse_cell_reads_numbers_and_ignores_marks(cell: str, expected: tuple[float, str | None]) -> None:
    assert parse_cell(cell) == expected


@pytest.mark.parametrize("cell", ["-", "–", "n/a", "", "3-shot", "Yes", "MoE", "Easy (82)", "Qwen2.5-7B", "x"])
def test_non_numbers_and_missing_marks_give_no_value(cell: str) -> None:
    assert parse_value(cell) is None


# --- parameters and variants ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "total", "active"), [
    ("Qwen2.5-72B", 72.0, None), ("Qwen2.5-0.5B", 0.5, None), ("Qwen2-57BA14B", 57.0, 14.0),
    ("Qwen3-235B-A22B", 235.0, 22.0), ("Qwen3-30B-A3B-Base", 30.0, 3.0), ("LLaMA-3.1 405B Base", 405.0, None),
    ("Gemma2-9B", 9.0, None), ("Pythia-350M", 0.35, None), ("72b", 72.0, None),
])
def test_parameter_counts_from_names(name: str, total: float, active: float | None) -> None:
    parsed = parse_parameters(name)
    assert parsed is not None
    assert parsed.total_b == pytest.approx(total)
    assert parsed.active_b == active


@pytest.mark.parametrize("name", ["GPT-4o", "Qwen2.5-Turbo", "Phi3.5-Mini", "Mixtral-8x7B", "Claude-3.5-Sonnet"])
def test_no_parameter_count_where_the_name_gives_none(name: str) -> None:
    assert parameter_count(name) is None


def test_variants_from_names_and_captions() -> None:
    assert name_variant("Qwen2.5-7B-Instruct") == "instruct"
    assert name_variant("Gemma2-27B-IT") == "instruct"
    assert name_variant("Qwen2.5 72B-Inst.") == "instruct"
    assert name_variant("DeepSeek-V2 Chat") == "instruct"
    assert name_variant("Qwen3-32B Base") == "base"
    assert name_variant("Qwen2.5-7B") is None
    assert strip_variant("Qwen2.5-7B-Instruct") == "Qwen2.5-7B"
    assert caption_variant("Table 8: Performance of the 7B+ instruction-tuned models.") == "instruct"
    assert caption_variant("Table 6: Performance of the 70B+ Instruct models and Qwen2.5-Plus.") == "instruct"
    assert caption_variant("Table 4: Performance of the 7B+ base models.") == "base"
    assert caption_variant("Comparison of base models and instruct models") is None
    assert variant_name("Qwen2.5 72B", "instruct") == "Qwen2.5-72B-Instruct"
    assert variant_name("Qwen2.5-72B-Instruct", "instruct") == "Qwen2.5-72B-Instruct"


def test_setting_is_split_from_the_metric() -> None:
    assert split_setting("LiveCodeBench (Pass@1-COT)") == ("LiveCodeBench", "Pass@1-COT")
    assert split_setting("LiveCodeBench") == ("LiveCodeBench", None)
    assert split_setting("LiveCodeBench v5") == ("LiveCodeBench v5", None)


# --- records ------------------------------------------------------------------------------------


def test_records_of_an_instruct_table_with_models_in_columns() -> None:
    t = table(["Datasets", "Qwen2-57BA14B", "Qwen2.5-Turbo", "Qwen2.5-14B"],
              [["LiveCodeBench", "22.5", "40.7", "42.6"], ["MTbench", "8.55", "-", "8.88"]],
              caption="Table 7: Performance of the 14B-30B+ instruction-tuned models and Qwen2.5-Turbo.",
              groups=["Coding Tasks", "Alignment Tasks"])
    assert models_in_columns(t)
    found = {(r.entity_name, r.metric): r for r in records(t)}
    moe = found["Qwen2-57BA14B-Instruct", "LiveCodeBench"]
    assert (moe.value, moe.variant, moe.group) == (22.5, "instruct", "Coding Tasks")
    assert moe.parameters is not None and (moe.parameters.total_b, moe.parameters.active_b) == (57.0, 14.0)
    assert found["Qwen2.5-Turbo-Instruct", "LiveCodeBench"].parameters_b is None
    assert ("Qwen2.5-Turbo-Instruct", "MTbench") not in found  # "-" is missing, not zero


def test_a_spanning_group_header_over_model_columns_is_not_part_of_their_names() -> None:
    """Kimi k1.5's Table 2: the reader merges "Vision-Language Model" into every column below it."""
    t = table(["Benchmark (Metric)", "Language-only Model QwQ-32B Preview", "Language-only Model OpenAI o1-mini",
               "Vision-Language Model OpenAI o1", "Vision-Language Model Kimi k1.5"],
              [["MATH-500 (EM)", "90.6", "90.0", "94.8", "96.2"],
               ["AIME 2024 (Pass@1)", "50.0", "63.6", "74.4", "77.5"]])
    found = {(r.entity, r.metric): r.value for r in records(t, in_columns=True)}
    assert found["Kimi k1.5", "AIME 2024"] == 77.5
    assert found["QwQ-32B Preview", "MATH-500"] == 90.6
    assert not any(entity.startswith(("Vision", "Language")) for entity, _ in found)


def test_a_label_of_one_column_keeps_its_words() -> None:
    """A group is a header two or more columns share; "Dense Model 7B" alone is a name."""
    t = table(["Benchmark", "Dense Model 7B", "MoE Model 16B"], [["MMLU", "48.2", "45.0"]])
    assert {r.entity for r in records(t, in_columns=True)} == {"Dense Model 7B", "MoE Model 16B"}


def test_records_with_models_in_rows_take_parameters_and_shots_from_their_columns() -> None:
    t = table(["Model", "#TP", "#AP", "LiveCodeBench", "USACO"],
              [["DS-Coder-V2-Lite-Instruct", "16B", "2.4B", "24.3%", "6.5%"],
               ["GPT-4o-0513", "-", "-", "43.4%", "18.8%"]])
    assert not models_in_columns(t)
    found = {(r.entity, r.attribute): r for r in records(t)}
    lite = found["DS-Coder-V2-Lite-Instruct", "LiveCodeBench"]
    assert (lite.value, lite.unit, lite.variant) == (24.3, "%", "instruct")
    assert lite.parameters is not None and (lite.parameters.total_b, lite.parameters.active_b) == (16.0, 2.4)
    assert found["GPT-4o-0513", "LiveCodeBench"].parameters_b is None


def test_parameter_rows_and_setting_columns_of_a_base_model_table() -> None:
    t = table(["Benchmark (Metric)", "# Shots", "DeepSeek-V2 Base", "Qwen2.5 72B Base"],
              [["# Total Params", "-", "236B", "72B"], ["Non-Emb Params", "-", "230B", "70.2B"],
               ["HumanEval (Pass@1)", "0-shot", "43.3", "53.0"]],
              caption="Table 3 | Comparison among DeepSeek-V3-Base and other open-source base models.")
    found = {(r.entity_name, r.metric): r for r in records(t)}
    deepseek = found["DeepSeek-V2-Base", "HumanEval"]
    assert deepseek.setting == "Pass@1; 0-shot"
    assert deepseek.parameters_b == 236.0
    qwen = found["Qwen2.5-72B-Base", "HumanEval"]
    assert qwen.parameters is not None and qwen.parameters.non_embedding_b == 70.2
    assert not any(r.attribute == "# Shots" or r.raw == "0-shot" for r in records(t))


def test_bad_tables_never_raise() -> None:
    ragged = table(["Datasets", "A-1B", "B-2B"], [["X", "1.0"], ["Y", "2.0", "3.0", "4.0"], [], ["Z"]])
    assert [(r.entity, r.attribute, r.value) for r in records(ragged)] == [
        ("A-1B", "X", 1.0), ("A-1B", "Y", 2.0), ("B-2B", "Y", 3.0)]
    assert records(table(["only"], [["1"]])) == []
    assert records(table(["Datasets", "A-1B"], [])) == []
    merged = table(["Datasets", "A-1B", "B-2B"], [["", "1.0", "2.0"], ["Q", "", "—"]])
    assert records(merged) == []


# --- PDF tables from glyphs -----------------------------------------------------------------------


def glyph_line(y: float, cells: list[tuple[float, str]], size: float = 9.0) -> list[Glyph]:
    """Glyphs of one line: each (x, text) cell in a monospaced 0.5 em advance, spaces 0.28 em."""
    out: list[Glyph] = []
    for x, text in cells:
        position = x
        for index, char in enumerate(text):
            if char == " ":
                position += 0.28 * size
                continue
            out.append(Glyph(char, position, position + 0.5 * size, y, size,
                             space_before=index == 0 or text[index - 1] == " "))
            position += 0.5 * size
    return out


def synthetic_page() -> list[Glyph]:
    glyphs = glyph_line(700, [(70, "Table 2: Performance of the instruction-tuned models.")], size=10)
    glyphs += glyph_line(676, [(70, "Model"), (150, "Size"), (215, "LiveCodeBench"), (320, "MBPP")])
    glyphs += glyph_line(664, [(210, "Easy"), (260, "Hard")])
    glyphs += glyph_line(648, [(70, "Open Models")])
    rows = [("Foo-1B", "1B", "10.5", "2.0", "30.1"), ("Foo-7B", "7B", "20.5†", "-", "40.2"),
            ("Foo-70B", "70B", "35.0", "9.5", "")]
    for k, row in enumerate(rows):
        glyphs += glyph_line(636 - 12 * k, list(zip((70, 150, 210, 260, 320), row, strict=True)))
    glyphs += glyph_line(560, [(70, "The results show that larger models do better on every benchmark we ran.")],
                         size=10)
    return glyphs


def flop_matched_page() -> list[Glyph]:
    """BLT's Table 1 (p.12): column labels in two lines at 10 pt over 8.8 pt rows, the caption below without a colon."""
    glyphs = glyph_line(716, [(150, "Llama 3"), (210, "BLT-Space"), (270, "BLT-Entropy")], size=10)
    glyphs += glyph_line(704, [(150, "1T Tokens"), (210, "6T Bytes"), (270, "4.5T Bytes")], size=10)
    rows = [("Arc-E", "77.6", "75.4", "79.6"), ("MMLU", "58.1", "54.8", "57.4"), ("HumanEval", "31.1", "27.4", "35.4")]
    for k, row in enumerate(rows):
        glyphs += glyph_line(687 - 12 * k, list(zip((70, 150, 210, 270), row, strict=True)), size=8.8)
    glyphs += glyph_line(630, [(70, "Table 1 Comparison of flop-matched 8B models trained on the same data.")], size=10)
    glyphs += glyph_line(590, [(70, "Table 1 shows that the entropy model is better on average than the baseline.")],
                         size=10)
    return glyphs


def test_a_caption_without_a_colon_and_larger_column_labels_are_read() -> None:
    """The table was not read at all: its caption has no colon, and its labels are set larger than its rows."""
    [found] = tables_from_glyphs(flop_matched_page(), "doc", 12)
    assert found.caption == "Table 1 Comparison of flop-matched 8B models trained on the same data."
    assert found.header == ("", "Llama 3 1T Tokens", "BLT-Space 6T Bytes", "BLT-Entropy 4.5T Bytes")
    assert found.rows[1] == ("MMLU", "58.1", "54.8", "57.4")


def test_a_table_is_rebuilt_from_glyph_positions() -> None:
    [found] = tables_from_glyphs(synthetic_page(), "doc", 4)
    assert found.caption == "Table 2: Performance of the instruction-tuned models."
    assert found.page == 4
    assert found.header == ("Model", "Size", "LiveCodeBench Easy", "LiveCodeBench Hard", "MBPP")
    assert found.rows == (("Foo-1B", "1B", "10.5", "2.0", "30.1"), ("Foo-7B", "7B", "20.5†", "-", "40.2"),
                          ("Foo-70B", "70B", "35.0", "9.5", ""))
    assert found.row_groups == ("Open Models",) * 3
    assert not found.low_confidence
    by_cell = {(r.entity_name, r.attribute): r for r in records(found)}
    assert by_cell["Foo-7B-Instruct", "LiveCodeBench Easy"].value == 20.5
    assert ("Foo-7B-Instruct", "LiveCodeBench Hard") not in by_cell


def test_numbers_without_caption_or_grid_are_not_a_table() -> None:
    ticks = glyph_line(300, [(70, "0"), (120, "20"), (170, "40")]) + glyph_line(280, [(70, "60"), (120, "80")])
    assert tables_from_glyphs(ticks, "doc", 1) == []
    assert tables_from_glyphs([], "doc", 1) == []
    assert not worth_scanning("Just prose.\nWith one number 5.\n")


def test_cell_kinds() -> None:
    assert [cell_kind(c) for c in ["55.5", "55.5†", "-", "84.1%", "1891 / 96.7%", "3-shot", "MoE"]] == [
        "num", "num", "dash", "num", "num", "text", "text"]


def test_table_offsets_point_into_the_page_text() -> None:
    page_text = ("Intro text.\nTable 2: Performance of the instruction-tuned models.\nLiveCodeBench\n"
                 "Model Size Easy Hard MBPP\nOpen Models\nFoo-1B 1B 10.5 2.0 30.1\nFoo-7B 7B 20.5† - 40.2\n"
                 "Foo-70B 70B 35.0 9.5\nThe results show that larger models do better.")
    [found] = tables_from_glyphs(synthetic_page(), "doc", 4, page_text, page_offset=1000)
    assert page_text[found.start - 1000:].startswith("Table 2:")
    assert page_text[:found.end - 1000].endswith("9.5")


@pytest.mark.parametrize("seed", range(20))
def test_cell_offsets_are_where_the_whitespace_tolerant_pattern_finds_them(seed: int) -> None:
    """`_find` scans with str.find; it must agree with the regex it replaced (tokens joined by \\s*)."""
    rng = random.Random(seed)
    pieces = ["1", "12", "2.5", "a", "ab", "-", "(", "+", " ", "  ", "\n", "\u00a0", "\u2009", "\t", "\u00ad"]
    text = "".join(rng.choice(pieces) for _ in range(300))
    for _ in range(60):
        needle = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        start = rng.randint(0, len(text))
        tokens = needle.replace("\u00ad", "").split()
        match = re.compile(r"\s*".join(re.escape(t) for t in tokens)).search(text, start) if tokens else None
        assert _find(text, needle, start) == (match.start() if match else -1), (needle, start)


def test_a_generated_pdf_table_is_read(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(20, 20)
    pdf.cell(0, 6, "Table 5: Scores of the base models on two benchmarks.")
    columns = (20, 70, 100, 130)
    lines = [("Model", "MMLU", "GSM8K", "Params"), ("Bar-3B", "41.2", "20.5", "3B"),
             ("Bar-12B", "55.0", "44.4", "12B"), ("Bar-48B", "63.9", "-", "48B")]
    for k, line in enumerate(lines):
        for x, text in zip(columns, line, strict=True):
            pdf.set_xy(x, 34 + 6 * k)
            pdf.cell(25, 6, text)
    path = tmp_path / "table.pdf"
    pdf.output(str(path))
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[0].get_textpage()
        [found] = extract_tables(textpage, "doc", 1, textpage.get_text_range(), 0)
        textpage.close()
    finally:
        document.close()
    assert found.caption == "Table 5: Scores of the base models on two benchmarks."
    assert found.header == ("Model", "MMLU", "GSM8K", "Params")
    assert found.rows[2] == ("Bar-48B", "63.9", "-", "48B")
    by_cell = {(r.entity_name, r.attribute): r for r in records(found)}
    assert by_cell["Bar-12B-Base", "GSM8K"].value == 44.4
    assert by_cell["Bar-12B-Base", "GSM8K"].parameters_b == 12.0


# --- real PDFs (skipped without ../shared) -------------------------------------------------------


def pdf_tables(name: str, page: int) -> list[Table]:
    """The tables synth reads on one page of a shared corpus PDF (the test skips without ../shared)."""
    path = PDFS / name
    if not path.exists():
        pytest.skip(f"../shared/corpus/pdfs/{name} not present")
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[page - 1].get_textpage()
        found = extract_tables(textpage, "doc", page, textpage.get_text_range(), 0)
        textpage.close()
        return found
    finally:
        document.close()


def test_deepseek_coder_v2_table_4_spanning_header_and_groups() -> None:
    [found] = pdf_tables("deepseek_coder_v2.pdf", 9)
    assert found.caption.startswith("Table 4 | Performance on the LiveCodeBench (LCB) and USACO benchmarks")
    assert found.header == ("Model", "#TP", "#AP", "LiveCodeBench Easy (82)", "LiveCodeBench Medium (87)",
                            "LiveCodeBench Hard (57)", "LiveCodeBench Overall (226)", "USACO")
    rows = {row[0]: row for row in found.rows}
    assert rows["DS-Coder-V2-Instruct"] == ("DS-Coder-V2-Instruct", "236B", "21B", "84.1%", "29.9%", "5.3%",
                                           "43.4%", "12.1%")
    assert found.row_groups[0] == "Closed-Source Models" and found.row_groups[-1] == "Open-Source Models"
    overall = {r.entity: r for r in records(found) if r.attribute == "LiveCodeBench Overall (226)"}
    assert overall["DS-Coder-V2-Lite-Instruct"].parameters is not None
    assert (overall["DS-Coder-V2-Lite-Instruct"].parameters.total_b,
            overall["DS-Coder-V2-Lite-Instruct"].parameters.active_b) == (16.0, 2.4)


def test_qwen3_table_11_keeps_a_blank_cell_and_stacked_headers() -> None:
    first = pdf_tables("qwen3_technical_report.pdf", 14)[0]
    assert first.caption.startswith("Table 11: Comparison among Qwen3-235B-A22B (Thinking)")
    assert first.header[3] == "Grok-3-Beta (Think)"
    rows = {row[0]: row for row in first.rows}
    assert rows["MATH-500"][1:] == ("96.4", "97.3", "", "98.8", "98.0")
    assert rows["LiveCodeBench v5"][1:] == ("63.9", "64.3", "70.6", "70.4", "70.7")
    assert dict(zip((r[0] for r in first.rows), first.row_groups, strict=True))["AIME’25"] == "Math & Text Reasoning"


def test_mixtral_wrapped_row_labels_and_language_groups() -> None:
    table_3, table_4 = pdf_tables("mixtral_of_experts.pdf", 5)
    assert table_3.header == ("", "LLaMA 2 70B", "GPT-3.5", "Mixtral 8x7B")
    assert table_3.rows[0] == ("MMLU (MCQ in 57 subjects)", "69.9%", "70.0%", "70.6%")
    assert table_3.rows[-1] == ("MT Bench (for Instruct Models)", "6.86", "8.32", "8.30")
    assert table_4.header[2:5] == ("French Arc-c", "French HellaS", "French MMLU")
    assert table_4.header[-3:] == ("Italian Arc-c", "Italian HellaS", "Italian MMLU")


def test_characters_outside_the_bmp_are_joined_never_lone_surrogates() -> None:
    from synth.pdftables.glyphs import _characters

    # 𝑥 (U+1D465) is the UTF-16 pair D835 DC65 in pdfium's character stream: two indices, one character.
    chars = _characters([0x61, 0xD835, 0xDC65, 0x62, 0xD835, 0x20])
    assert chars == ["a", "\U0001d465", "", "b", " ", " "]
    assert "".join(chars).encode("utf-8")


# --- grids: cells addressed by header paths (tests/fixtures/verify/grids.yaml) ---------------------

GRIDS = yaml.safe_load((Path(__file__).parent / "fixtures" / "verify" / "grids.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", GRIDS, ids=[c["name"] for c in GRIDS])
def test_cells_are_addressed_by_full_header_paths(case: dict[str, Any]) -> None:
    found = grid(table(case["header"], case["rows"], "Table 1: x", case.get("groups")))
    assert found.label_columns == case["label_columns"]
    cells = {(c.row_path, c.column_path): c.raw for c in found.cells}
    for row_path, column_path, raw in case["cells"]:
        assert cells.get((tuple(row_path), tuple(column_path))) == raw, sorted(cells)[:8]


def test_a_grid_finds_its_own_cells_after_other_grids_were_freed() -> None:
    """A grid's cell lookup lives with the grid. It was kept in a module dict keyed by id(grid): a
    new grid at a freed grid's address got the freed grid's cells (another table's values), in any
    process that builds more than once (`synth serve`, the test run): a build after a killed one
    did not equal a clean build."""
    def views(first: int) -> list[TableView]:
        rows = [[["Alpha", f"{n}.5", "1"], ["Beta", f"{n}.25", "2"]] for n in range(first, first + 300)]
        return [TableView(grid(table(["Model", "Score", "Other"], r)), (), (), frozenset()) for r in rows]

    def wrong(found: list[TableView]) -> int:
        return sum(1 for view in found for cell in view.grid.cells if view.cell(cell.row, cell.column) != cell)

    freed = views(0)
    assert wrong(freed) == 0
    addresses = {id(view.grid) for view in freed}
    del freed
    again = views(1000)
    assert addresses & {id(view.grid) for view in again}, "no address was reused: the check below proves nothing"
    assert wrong(again) == 0


def test_a_model_name_over_two_header_lines_names_its_column() -> None:
    glyphs = glyph_line(700, [(70, "Table 3: Scores of the chat models.")], size=10)
    glyphs += glyph_line(676, [(70, "Benchmark"), (170, "DeepSeek-V2"), (260, "DS-Coder-V2-"), (350, "Qwen1.5")])
    glyphs += glyph_line(664, [(170, "Chat (SFT)"), (260, "Lite-Instruct"), (350, "72B Chat")])
    rows = [("MMLU", "78.4", "60.1", "76.2"), ("MATH", "52.7", "61.8", "40.6"), ("BBH", "81.3", "56.0", "65.9")]
    for k, row in enumerate(rows):
        glyphs += glyph_line(648 - 12 * k, list(zip((70, 170, 260, 350), row, strict=True)))
    glyphs += glyph_line(560, [(70, "The results show that larger models do better on every benchmark we ran.")],
                         size=10)
    [found] = tables_from_glyphs(glyphs, "doc", 3)
    assert found.header == ("Benchmark", "DeepSeek-V2 Chat (SFT)", "DS-Coder-V2-Lite-Instruct", "Qwen1.5 72B Chat")
    cells = {(c.row_path, c.column_path): c.raw for c in grid(found).cells}
    assert cells[("MATH",), ("DS-Coder-V2-Lite-Instruct",)] == "61.8"


# --- two tables the reader merged into one -----------------------------------------------------------


def test_a_second_header_below_figures_starts_a_grid_of_its_own() -> None:
    merged = table(["Model", "Parameters", "d_model"],
                   [["Heron-Base", "7B", "768"], ["Heron-Large", "26B", "1024"],
                    ["Model", "Num. Layers", "Num Experts"], ["Heron-Base", "12", "128"], ["Heron-Large", "24", "128"]])
    first, second = grid_parts(merged)
    assert {(c.row_path, c.column_path, c.raw) for c in first.cells} == {
        (("Heron-Base",), ("Parameters",), "7B"), (("Heron-Base",), ("d_model",), "768"),
        (("Heron-Large",), ("Parameters",), "26B"), (("Heron-Large",), ("d_model",), "1024")}
    assert ((("Heron-Large",), ("Num Experts",), "128") in {(c.row_path, c.column_path, c.raw) for c in second.cells})
    assert {c.row for c in second.cells} == {3, 4}  # the table's own row numbers, for the row's quote


def test_a_header_level_under_the_header_is_no_second_table() -> None:
    levelled = table(["Model", "French", "French"], [["Model", "ARC-c", "MMLU"], ["Nova-8x7B", "58.2%", "70.9%"]])
    assert len(grid_parts(levelled)) == 1


def centred_groups_page() -> list[Glyph]:
    """Delétang et al. (2023) Table 1's layout: chunk-size labels left of the compressor column, each printed once
    at the centre of the rows it covers; the second covers three bands of rows split by wider gaps."""
    glyphs = glyph_line(700, [(70, "Table 1: Compression rates on two datasets (lower is better).")], size=10)
    glyphs += glyph_line(676, [(70, "Compressor"), (150, "ImageNet"), (210, "LibriSpeech")])
    bands = [[(660, "gzip"), (650, "LZMA2"), (640, "PNG"), (630, "FLAC")],
             [(616, "gzip"), (606, "LZMA2"), (596, "PNG"), (586, "FLAC")],
             [(572, "Transformer 200K"), (562, "Transformer 800K")],
             [(548, "Chinchilla 70B")]]
    for band in bands:
        for y, name in band:
            glyphs += glyph_line(y, [(70, name), (150, f"{y / 10:.1f}"), (210, f"{y / 20:.1f}")])
    glyphs += glyph_line(645, [(40, "∞")])
    glyphs += glyph_line(582, [(40, "2048")])  # its own line, centred on rows 616 to 548
    glyphs += glyph_line(500, [(70, "The results show that large models compress images and audio well.")], size=10)
    return glyphs


def test_a_group_label_centred_on_several_bands_of_rows_covers_them_all() -> None:
    [found] = tables_from_glyphs(centred_groups_page(), "doc", 6)
    assert [row[0] for row in found.rows][-1] == "Chinchilla 70B"
    assert found.row_groups[-11:] == ("∞",) * 4 + ("2048",) * 7


def test_subscripts_of_a_table_set_smaller_than_the_prose_stay_on_their_rows() -> None:
    """Shazeer (2020) Table 3: rows in 7.5 pt under 10 pt prose, each label "FFN" with its variant as a 5.2 pt
    subscript 1.1 pt lower. Read as lines of their own, the subscripts became group headings of the next row,
    shifting every variant's name onto its neighbour's scores."""
    glyphs: list[Glyph] = []
    for k in range(12):
        glyphs += glyph_line(760 - 12 * k, [(70, "Prose of the page set in the body size, long enough to dominate.")],
                             size=10)
    glyphs += glyph_line(600, [(70, "Table 3: Scores of the variants.")], size=10)
    glyphs += glyph_line(585, [(110, "Average"), (160, "BoolQ")], size=7.5)
    for k, (variant, scores) in enumerate((("ReLU", ("72.76", "80.15")), ("GELU", ("72.98", "80.64")),
                                           ("GEGLU", ("73.96", "81.19")))):
        y = 575 - 9 * k
        glyphs += glyph_line(y, [(70, "FFN"), (110, scores[0]), (160, scores[1])], size=7.5)
        glyphs += glyph_line(y - 1.1, [(84, variant)], size=5.2)
    [found] = tables_from_glyphs(glyphs, "doc", 4)
    labels = {row[0].replace(" ", ""): row[1] for row in found.rows}
    assert labels == {"FFNReLU": "72.76", "FFNGELU": "72.98", "FFNGEGLU": "73.96"}


def test_a_numeric_group_label_is_named_by_its_column_title() -> None:
    """"2048" beside its rows reads "Chunk Size 2048": the group column's title, printed in the header row."""
    found = table(["", "", "Raw Rate"], [["Compressor", "ImageNet"], ["gzip", "70.7"], ["gzip", "68.6"],
                                           ["Chinchilla 70B", "48.0"]],
                  groups=["Chunk Size", "∞", "2048", "2048"])
    assert [p for p in grid(found).row_paths][1:] == [("Chunk Size ∞", "gzip"), ("Chunk Size 2048", "gzip"),
                                                      ("Chunk Size 2048", "Chinchilla 70B")]
    settings = {r.value: r.setting for r in records(found)}
    assert "Chunk Size 2048" in (settings[68.6] or "") and "Chunk Size ∞" in (settings[70.7] or "")
