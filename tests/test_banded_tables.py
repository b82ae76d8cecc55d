"""A results table printed in stacked bands (QuIP's Table 1, p.9): each band under a label row of its own ("OPTQ |
QuIP", then "LDLQ-RG | QuIP-RG"), the column names ("WBits | Wiki↓ | PTB↓ | …") printed once in the first band, and
the rows values of a variable ("WBits" 4, 3, 2). Read before as five tables, the later four without column names:
"QuIP, 2 bits, Wiki↓ 11.48" could not be read, and the question asking it answered nothing (read23)."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer

from synth.config import Question
from synth.index import PassageIndex
from synth.models import Answer, Evidence, Library, PassageKind, PlanSubject, Table
from synth.pdftables.bands import carry_column_names
from synth.pdftables.captions import Caption
from synth.pdftables.grid import Grid
from synth.plan import make_plan
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.conditioned import keep_conditioned
from synth.retrieve.asks.table_cells import table_quote
from synth.tables import records

NAMES = ["WBits", "Wiki↓", "PTB↓", "C4↓", "Wiki↓", "PTB↓", "C4↓"]


def _grid(header: list[str], rows: list[list[str]]) -> Grid:
    return Grid(header, [list(r) for r in rows], [""] * len(rows), False, 0.0, 0.0, [])


def _caption() -> Caption:
    return Caption(1, "Table 1: Quantizing OPT-30b with various methods.", 0.0, 0.0, None)  # type: ignore[arg-type]


def test_a_later_band_takes_the_column_names_its_first_band_prints() -> None:
    caption = _caption()
    first = _grid(["", "", "Baseline", "", "", "Ours", ""], [NAMES, ["16", *["9.56"] * 6]])
    later = _grid(["", "", "OPTQ", "", "", "QuIP", ""], [["4", "9.59", "14.22", "11.56", "9.60", "14.18", "11.50"],
                                                         ["2", "71.70", "88.19", "29.59", "11.48", "17.40", "13.55"]])
    other = _grid(["Model", "MMLU", "GSM8K"], [["A", "1.0", "2.0"]])
    carry_column_names([(first, caption), (later, caption), (other, None)])
    assert later.rows[0] == NAMES and later.rows[1][0] == "4" and len(later.groups) == 3
    assert other.rows == [["A", "1.0", "2.0"]]


def test_a_band_of_another_caption_or_with_its_own_names_is_left_alone() -> None:
    first = _grid(["", "", "Baseline", "", "", "Ours", ""], [NAMES, ["16", *["9.56"] * 6]])
    own = _grid(["", "", "OPTQ", "", "", "QuIP", ""], [NAMES, ["4", *["9.59"] * 6]])
    elsewhere = _grid(["", "", "OPTQ", "", "", "QuIP", ""], [["4", *["9.59"] * 6]])
    carry_column_names([(first, _caption()), (own, None), (elsewhere, _caption())])
    assert own.rows[1][0] == "4" and elsewhere.rows == [["4", *["9.59"] * 6]]


def _band() -> Table:
    rows = (tuple(NAMES), ("4", "9.59", "14.22", "11.56", "9.60", "14.18", "11.50"),
            ("2", "71.70", "88.19", "29.59", "11.48", "17.40", "13.55"))
    return Table("doc#t9.2", "doc", "Table 1: Quantizing OPT-30b with various methods.",
                 ("", "", "OPTQ", "", "", "QuIP", ""), rows, ("",) * 3, 0, 0)


def test_rows_that_are_values_of_a_variable_are_its_settings_and_the_label_above_names_the_method() -> None:
    found = {(r.entity, r.attribute, r.setting): r.raw for r in records(_band())}
    assert found[("QuIP", "Wiki↓", "WBits 2")] == "11.48"
    assert found[("OPTQ", "Wiki↓", "WBits 2")] == "71.70"
    assert found[("OPTQ", "C4↓", "WBits 4")] == "11.56"  # "C4" names a column as "Wiki" does
    assert not [r for r in records(_band()) if r.entity in ("4", "2")]


def test_such_a_cell_is_quoted_with_its_method_column_and_setting() -> None:
    record = next(r for r in records(_band()) if (r.entity, r.attribute, r.setting) == ("QuIP", "Wiki↓", "WBits 2"))
    assert table_quote(record) == "QuIP | Wiki↓ | WBits 2 | 11.48"


def _candidate(variant: str | None, value: str, table: bool = True, caption: str | None = None) -> Candidate:
    evidence = Evidence("quip", "quip.pdf", f"QuIP | Wiki↓ | {variant} | {value}", 0, 1, 9, None,
                        PassageKind.TABLE_ROW if table else PassageKind.TEXT, table_caption=caption)
    return Candidate("QuIP", "WikiText2", "QuIP", variant, value, float(value), None, evidence, table, True, True)


def test_a_table_value_at_a_setting_the_condition_does_not_state_is_dropped() -> None:
    subject = PlanSubject("QuIP", ("QuIP",), "named in the question", ("quip",),
                          setting="OPT-30b is quantized to 2 bits per weight")
    # a table with no variant is held to its caption and row: one stating none of the condition's figures is another
    # run's (session 26: the DIFF Transformer's Table 9 learning rate for its 64K-context run)
    found = [_candidate("WBits 4", "9.60"), _candidate("WBits 2", "11.48"), _candidate(None, "9.9"),
             _candidate(None, "9.8", caption="Table 3: Quantizing OPT models to 2 bits"),
             _candidate("WBits 3", "9.79", table=False)]
    assert [c.value for c in keep_conditioned(subject, found)] == ["11.48", "9.8", "9.79"]
    unconditioned = PlanSubject("QuIP", ("QuIP",), "named in the question", ("quip",))
    assert keep_conditioned(unconditioned, found) == found


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    return gold_answer("read23", name, corpus)


def test_the_real_question_reads_both_methods_at_two_bits(corpus: tuple[Library, PassageIndex]) -> None:
    """read23 quip-opt30b-two-bits: both cells were "not stated"; the label "Wiki↓" is QuIP's own short name of
    WikiText2 (its text writes it in full), and 4 and 3 bits are other settings than the asked 2."""
    answer = _answer("quip-opt30b-two-bits", corpus)
    values = {(c.subject, c.value) for c in answer.cells}
    assert values == {("QuIP", "11.48"), ("OPTQ", "71.70")}, answer.cells
    assert any(n.subject == "QuIP" and "time" in n.attribute for n in answer.not_stated), answer.not_stated


@pytest.mark.parametrize("question", ["What WikiText2 perplexity does QuIP reach?",
                                      "What is the WikiText2 perplexity of QuIP?"])
def test_a_benchmark_before_its_measure_is_the_asked_benchmark(question: str,
                                                               corpus: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="Banded tables", question=question), corpus[0])
    assert [(a.name, a.kind.value) for a in plan.attributes] == [("WikiText2", "metric")]
