"""An answer cell is read back against the place it was read from (synth.verify.read_back): a model's own paper
states its settings in sentences that do not name it ("We use Adam with …"), which the library's best passages
for a claim's words can leave out when other papers say more about the same words. The place is judged by the
same rules: it supports only what it states, for the claim's subject, at the claim's figure."""

from __future__ import annotations

import re

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Evidence, Library, PassageKind, Verdict
from synth.verify import read_back

OWN = """# Osprey-3: bidirectional encoders for language understanding

Osprey-3 is pre-trained on a corpus of books and encyclopedia articles.

We use Adam with learning rate of 1e-4, β1 = 0.9, β2 = 0.999, L2 weight decay of 0.01, learning rate warmup
over the first 10,000 steps, and linear decay of the learning rate. We use a dropout probability of 0.1 on all
layers.
"""

OTHERS = {f"other{i}.txt": f"""# Optimizers, part {i}

Adam is the optimizer most models use, and Osprey-like encoders use Adam with weight decay too. Adam with weight
decay of 0.1 and a learning rate of 3e-4 is common; AdamW decouples weight decay from Adam's update.
""" for i in range(6)}

QUOTE = ("We use Adam with learning rate of 1e-4, β1 = 0.9, β2 = 0.999, L2 weight decay of 0.01, learning rate "
         "warmup over the first 10,000 steps, and linear decay of the learning rate.")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("read-back"), {"osprey.txt": OWN, **OTHERS})


def _place(library: Library) -> Evidence:
    document = next(d for d in library.documents if d.doc_id.startswith("osprey"))
    found = re.search(r"\s+".join(map(re.escape, QUOTE.split())), document.text)
    assert found is not None
    return Evidence(source=document.doc_id, doc_id=document.doc_id, quote=QUOTE, start=found.start(),
                    end=found.end(), page=None, section=None, passage_kind=PassageKind.TEXT)


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Osprey-3 uses Adam.", Verdict.SUPPORTED),
    ("The weight decay of Osprey-3 is 0.01.", Verdict.SUPPORTED),
    ("Osprey-3 has 0.01 weight decay.", Verdict.SUPPORTED),
    ("The learning rate of Osprey-3 is 1e-4.", Verdict.SUPPORTED),
    # another figure under the same words: never supported (an unnamed sentence contradicts only where the words
    # around its figure fit the claim's closely, as "The weight decay … is 0.1" does)
    ("Osprey-3 has 0.1 weight decay.", Verdict.INSUFFICIENT),
    ("The weight decay of Osprey-3 is 0.1.", Verdict.CONTRADICTED),
    ("Osprey-3 uses a dropout probability of 0.1.", Verdict.INSUFFICIENT),  # the next sentence, not the quoted one
    ("Osprey-3 uses SGD.", Verdict.INSUFFICIENT),
])
def test_a_cell_is_read_back_against_its_own_sentence(claim: str, verdict: Verdict,
                                                     library: tuple[Library, PassageIndex]) -> None:
    assert read_back(claim, _place(library[0]), *library).verdict is verdict
