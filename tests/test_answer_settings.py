"""A value keeps the setting its source gives it (issue 9 item 3): the columns of one table row are separate
labelled cells, a sub-header row the reader left in the body names the columns, and a score stated in prose is
checked in the source's own words, never in fewer than the cell says."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from libraries import asks_report
from test_tables import table

from synth.answer import _wanted_variant
from synth.answer.wording import claims_of
from synth.build import prepare_library
from synth.grids import grid
from synth.index import PassageIndex
from synth.models import Evidence, Library, PassageKind, Verdict
from synth.retrieve.asks import Candidate
from synth.tableheads import fill_right
from synth.tables import records

ASKS = Path(__file__).parent / "fixtures" / "asks"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return prepare_library(ASKS / "library", tmp_path_factory.mktemp("cache"))


def test_two_columns_of_one_row_are_two_labelled_cells_not_a_disagreement(library) -> None:
    answer = asks_report("What is the critical batch size for StarNet and MiniText?", library).answer
    assert answer is not None
    assert all(not c.disagreements and c.verdict is Verdict.SUPPORTED for c in answer.cells)
    assert "StarNet 1,000 (Start), 15,000 (Average)" in answer.text
    assert "Highest (Start): StarNet; lowest: MiniText." in answer.text


def test_a_label_s_test_set_size_is_not_a_second_figure(library) -> None:
    answer = asks_report("What QuizBench accuracy does Plover-3B reach?", library).answer
    assert answer is not None
    assert {(c.value, c.variant, c.verdict) for c in answer.cells} == {
        ("53.8", "Full", Verdict.SUPPORTED), ("50.0", "100", Verdict.SUPPORTED)}


def test_a_sub_header_table_is_checked_under_the_labels_above_its_column(library) -> None:
    answer = asks_report("What compression rate does Plover-3B achieve on TinyText?", library).answer
    assert answer is not None
    assert {(c.value, c.verdict) for c in answer.cells} == {("21.0", Verdict.SUPPORTED)}
    assert "Plover-3B 21.0 (Raw Rate (%))" in answer.text  # the adjusted rate is another measure than the one asked
    adjusted = asks_report("What adjusted compression rate does Plover-3B achieve on TinyText?", library).answer
    assert adjusted is not None
    assert "Plover-3B 21.0 (Raw Rate (%)), 921.0 (Adjusted Rate (%))" in adjusted.text


def test_a_score_in_prose_is_verified_in_the_source_s_words(library) -> None:
    # the sentence's 41.2% stands as a cell of its own beside a table giving the value at two settings (raw and
    # adjusted, asked here); beside one table value of its own source it is that cell stated again
    answer = asks_report("What adjusted compression rate does Plover-3B achieve on GridNet patches?", library).answer
    assert answer is not None
    prose = [c for c in answer.cells if c.value == "41.2%"]
    assert prose and prose[0].verdict is Verdict.SUPPORTED


def _sentence(quote: str, entity: str, value: str) -> Candidate:
    evidence = Evidence("s.md", "s.md", quote, 0, len(quote), 1, None, PassageKind.TEXT)
    return Candidate("Osprey-9B", "GridNet", entity, None, value, float(value.rstrip("%")), "%", evidence,
                     False, True, True)


def test_own_words_carry_the_model_the_value_and_the_label_or_are_not_used() -> None:
    said = _sentence("Osprey-9B achieves compression rates of 41.2% on GridNet patches.", "Osprey-9B", "41.2%")
    assert "Osprey-9B achieves compression rates of 41.2% on GridNet patches." in claims_of(said, "GridNet")
    other = _sentence("Osprey-9B reaches 50.0% on GridNet, while Heron-7B reaches 60.0% on GridNet.", "Osprey-9B",
                      "60.0%")
    assert not [c for c in claims_of(other, "GridNet") if "while" in c or "reaches" in c]
    unlabelled = _sentence("Osprey-9B achieves compression rates of 41.2%.", "Osprey-9B", "41.2%")
    assert not [c for c in claims_of(unlabelled, "GridNet") if "achieves" in c]


def test_centred_spanning_labels_fill_their_own_equal_spans() -> None:
    level = ["", "", "Raw (%)", "", "", "", "Adjusted (%)", "", ""]
    assert fill_right(level, 1) == ["", *["Raw (%)"] * 4, *["Adjusted (%)"] * 4]
    assert fill_right(["", "Raw", "", "Adj", ""], 1) == ["", "Raw", "Raw", "Adj", "Adj"]
    assert fill_right(["", "A", "", ""], 1) == ["", "A", "A", "A"]


def test_records_read_a_sub_header_row_and_a_row_group_as_the_setting() -> None:
    compression = table(["", "", "Raw (%)", "", "", "", "Adjusted (%)", "", ""],
                        [["Compressor", "enwik9", "ImageNet", "LibriSpeech", "Random", "enwik9", "ImageNet",
                          "LibriSpeech", "Random"],
                         ["gzip", "32.3", "70.7", "36.4", "100.0", "32.3", "70.7", "36.4", "100.0"],
                         ["gzip", "48.1", "68.6", "38.5", "100.1", "48.1", "68.6", "38.5", "100.1"],
                         ["Tiny", "8.3", "48.0", "21.0", "100.8", "1408.3", "1448.0", "1421.0", "1500.8"]],
                        groups=["Chunk Size", "∞", "2048", "2048"])
    read = {(r.entity, r.attribute, r.setting, r.raw) for r in records(compression, in_columns=False)}
    assert ("gzip", "LibriSpeech", "Raw (%); Chunk Size ∞", "36.4") in read  # the group named by its column's title
    assert ("gzip", "LibriSpeech", "Adjusted (%); Chunk Size 2048", "38.5") in read
    # a row alone in its group is at the group's setting too: Tiny is measured at chunk size 2048, like the second gzip
    assert ("Tiny", "enwik9", "Adjusted (%); Chunk Size 2048", "1408.3") in read
    assert not [r for r in read if r[1] in ("Raw (%)", "Adjusted (%)")]  # a spanning label never names a cell
    paths = {(c.row_path[-1], c.column_path, c.raw) for c in grid(compression).cells}
    assert ("Tiny", ("Adjusted (%)", "enwik9"), "1408.3") in paths


def test_a_shot_count_asked_drops_another_count_and_keeps_a_value_given_without_one() -> None:
    value = _sentence("Osprey-9B scores 41.2% on GridNet.", "Osprey-9B", "41.2%")
    assert _wanted_variant(value, "5-shot")
    assert _wanted_variant(replace(value, variant="5-shot"), "5-shot")
    assert not _wanted_variant(replace(value, variant="0-shot"), "5-shot")
    assert not _wanted_variant(replace(value, variant="thinking"), "non-thinking; 5-shot")


def test_a_column_group_adjusting_a_measure_the_table_also_prints_raw_is_marked_adjusted() -> None:
    """Delétang et al. Table 1 prints each compressor's rate twice, "Raw" and "Adjusted" (the model's own size
    counted in): a question about the compression rate asks the raw one, so the adjusted cells are marked apart
    (and answer only a question that says "adjusted")."""
    both = table(["", "Raw (%)", "", "Adjusted (%)", ""],
                 [["Compressor", "enwik9", "ImageNet", "enwik9", "ImageNet"],
                  ["Tiny", "8.3", "48.0", "1408.3", "1448.0"]], groups=["Chunk Size", "2048"])
    marked = {(r.raw, r.adjusted) for r in records(both, in_columns=False)}
    assert marked == {("8.3", None), ("48.0", None), ("1408.3", "adjusted"), ("1448.0", "adjusted")}
    alone = table(["", "Adjusted (%)", ""], [["Compressor", "enwik9", "ImageNet"], ["Tiny", "1408.3", "1448.0"]],
                  groups=["Chunk Size", "2048"])
    assert {r.adjusted for r in records(alone, in_columns=False)} == {None}  # no raw rate beside it: the measure


def test_a_lone_row_takes_its_group_s_value_as_its_setting_but_not_a_stray_letter() -> None:
    """Chinchilla 70B's only row of Delétang et al. Table 1 sits under "2048" of the "Chunk Size" column: it is
    measured at chunk size 2048 like FLAC's second row; a stray letter the PDF reader left as a group ("P") is no
    value of anything."""
    grouped = table(["", "Raw (%)", ""], [["Compressor", "enwik9", "ImageNet"], ["Tiny", "8.3", "48.0"]],
                    groups=["Chunk Size", "2048"])
    assert {r.setting for r in records(grouped, in_columns=False)} == {"Raw (%); Chunk Size 2048"}
    stray = table(["", "Raw (%)", ""], [["Compressor", "enwik9", "ImageNet"], ["Tiny", "8.3", "48.0"]],
                  groups=["Chunk Size", "P"])
    assert {r.setting for r in records(stray, in_columns=False)} == {"Raw (%)"}
