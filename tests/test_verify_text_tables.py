"""Verification reads every table the answer stage reads its values from, those laid out as plain text lines
included (Whisper's "Model Layers Width Heads Parameters / Tiny 4 384 6 39M"): a cell read from a table the
verifier cannot see would never be confirmed, and would stand "insufficient" beside the quote that states it."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

PAPER = """# Kestrel: robust speech recognition

We train the Kestrel model family on 600,000 hours of audio.

Model Layers Width Heads Parameters
Tiny 4 384 6 39M
Base 6 512 8 74M
Small 12 768 12 244M
Table 1. Architecture details of the Kestrel model family.

The models are trained with data parallelism.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("text-tables"), {"kestrel.txt": PAPER})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Kestrel base has 6 layers.", Verdict.SUPPORTED),
    ("Kestrel small has 12 attention heads.", Verdict.SUPPORTED),
    ("Kestrel tiny has 39M parameters.", Verdict.SUPPORTED),
    ("Kestrel base has 12 layers.", Verdict.CONTRADICTED),
])
def test_a_table_printed_as_text_lines_is_read_by_verification(claim: str, verdict: Verdict,
                                                              library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library, learned=False).verdict is verdict
