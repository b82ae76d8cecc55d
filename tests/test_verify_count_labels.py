"""A header that counts what it lists ("Num. Heads", "No. of layers", "Number of experts") is named by what it
counts, as "#Heads" is: "Switch-XXL has 64 attention heads" reads the cell under "Num. Heads"."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

PAPER = """# Lark models

Table 9: Lark model design.

| Model | Parameters | Num. Heads | No. of layers |
|---|---|---|---|
| Lark-Base | 7B | 12 | 12 |
| Lark-XXL | 395B | 64 | 24 |
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("count-labels"), {"lark.md": PAPER})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Lark-XXL has 64 attention heads.", Verdict.SUPPORTED),
    ("Lark-XXL has 24 layers.", Verdict.SUPPORTED),
    ("Lark-Base has 12 heads.", Verdict.SUPPORTED),
    ("Lark-XXL has 24 layers and 64 heads.", Verdict.SUPPORTED),
    ("Lark-XXL has 32 heads.", Verdict.CONTRADICTED),
])
def test_a_count_header_is_named_by_what_it_counts(claim: str, verdict: Verdict,
                                                   library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library, learned=False).verdict is verdict
