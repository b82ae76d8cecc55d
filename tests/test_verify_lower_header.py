"""A table whose label column is named on its lower header level, under a blank cell, while the upper level names
the column groups (QuIP's Table 1: "OPTQ" and "QuIP" over "WBits | Wiki↓ … LAMB↑", rows 4, 3, 2; BERT's Table 6:
"Hyperparams" and "Dev Set Accuracy" over "#L | #H | #A | …"). The label column's name is read from that level
(synth.verify.cells.label_header), so its rows are named as a setting's ("WBits 2", "WBits = 2") and the column
header owns the cells below it: read30 left OPTQ's 2-bit values under "OPTQ" insufficient, no row being named."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claims

QUIP = """# Quantization with incoherence processing

**Table 1: Quantizing OPT-30b with various quantization and processing methods.**

|  | OPTQ |  | QuIP |  |
| --- | --- | --- | --- | --- |
| WBits | Wiki | LAMB | Wiki | LAMB |
| 4 | 9.59 | 72.39 | 9.60 | 73.20 |
| 3 | 10.32 | 68.89 | 9.79 | 72.68 |
| 2 | 71.70 | 25.77 | 11.48 | 65.24 |
"""

BERT = """# Pre-training deep bidirectional encoders

**Table 6: Ablation over model size. #L = the number of layers.**

|  | Hyperparams |  | Dev Set Accuracy |  |
| --- | --- | --- | --- | --- |
| #L | #H | LM (ppl) | MNLI-m | SST-2 |
| 3 | 768 | 5.84 | 77.9 | 88.4 |
| 12 | 768 | 3.99 | 84.4 | 92.9 |
| 24 | 1024 | 3.23 | 86.6 | 93.7 |
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("lower-header"), {"quip.md": QUIP, "bert.md": BERT})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("OPTQ scores 71.70 on WBits 2 Wiki.", Verdict.SUPPORTED),
    ("OPTQ scores 25.77 on WBits 2 LAMB.", Verdict.SUPPORTED),
    ("QuIP scores 65.24 on WBits 2 LAMB.", Verdict.SUPPORTED),
    ("The Wiki perplexity of OPTQ at WBits = 2 is 71.70.", Verdict.SUPPORTED),
    # the other group's value in the same row: the column header owns its cells
    ("QuIP scores 25.77 on WBits 2 LAMB.", Verdict.CONTRADICTED),
    ("OPTQ scores 65.24 on WBits 2 LAMB.", Verdict.CONTRADICTED),
    # no row named: which bit width is meant is not said
    ("OPTQ scores 71.70 on Wiki.", Verdict.INSUFFICIENT),
    ("With L = 24, the model scores 86.6 on MNLI-m.", Verdict.SUPPORTED),
    ("With L = 12, the model scores 86.6 on MNLI-m.", Verdict.CONTRADICTED),
])
def test_rows_under_a_label_column_named_below_the_group_headers(claim: str, verdict: Verdict,
                                                                 library: tuple[Library, PassageIndex]) -> None:
    assert verify_claims([claim], *library, learned=False)[0].verdict is verdict


def test_a_pdf_tables_row_is_quoted_from_the_line_it_opens(corpus: tuple[Library, PassageIndex]) -> None:
    """The row "2" of QuIP's Table 1 was quoted as "2.40 9.56 14.04 …", the end of the 16-bit row's "72.40"."""
    checked = verify_claims(["OPTQ scores 71.70 on WBits 2 Wiki↓."], *corpus, learned=False)[0]
    assert checked.verdict is Verdict.SUPPORTED
    assert checked.evidence[0].quote.startswith("2 71.70 88.19")
