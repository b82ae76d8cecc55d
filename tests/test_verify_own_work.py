"""A paper's own work described without its name (synth.verify.own_work): read back in the one paper the question
makes the cell subject's own, "In all experiments we train for 10,000 steps …" (the RoPE study, of its Gemma 2B
models) and "This causes our results to be slightly worse … (less than two hours each on one Google TPU v2)"
(Adafactor's translation runs) state their values for the subject; read30 marked them insufficient. Only in a
section naming the subject, and when nothing in the sentence, its heading or the sentence before it names another
model or a baseline."""

from __future__ import annotations

import re

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Evidence, Library, PassageKind, Verdict
from synth.verify import read_back
from synth.verify.usage import run_on

ROPE = """# Round and Round We Go! What Makes Rotary Positional Encodings Useful?

C Training details

FlanV2 was introduced by Longpre et al. (2023). It is a dataset for instruction tuning which combines collections from
FLAN, P3/T0, and Natural Instructions with dialog, program synthesis, and complex reasoning tasks. The dataset contains
15,000,000 samples.
In all experiments we train for 10,000 steps using a batch size of 512 and a sequence length of 8,192.
We fix the wavelength to the standard value of 10,000. We use the standard Gemma 2B architecture (Gemma Team et al.,
2024).

We also train Gemma 7B for 20,000 steps using a batch size of 256.

For the Gemma 7B runs we change the schedule. We train for 30,000 steps using a batch size of 1,024.

Our baseline is trained for 40,000 steps using a batch size of 128.

D Language model probes

We finetune all models for 2 epochs using a batch size of 32.
"""

ADAFACTOR = """# Adafactor: Adaptive Learning Rates with Sublinear Memory Cost

9. Experimental Setup

We evaluated the optimization algorithms described in this paper on the Transformer machine translation model
described in Vaswani et al. (2017).

Each training batch contained sentence pairs containing approximately 4,096 tokens in the input and 4,096 tokens in
the target sentences. These batches are about 8 times smaller than the ones used by Vaswani et al. (2017). This causes
our results to be slightly worse, but significantly speeds up training times (less than two hours each on one Google
TPU v2).
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("own-work"),
                           {"rope.txt": ROPE, "adafactor.txt": ADAFACTOR})


def _place(library: Library, name: str, quote: str) -> Evidence:
    document = next(d for d in library.documents if d.doc_id.startswith(name))
    found = re.search(r"\s+".join(map(re.escape, quote.split())), document.text)
    assert found is not None
    return Evidence(source=document.doc_id, doc_id=document.doc_id, quote=quote, start=found.start(),
                    end=found.end(), page=None, section=None, passage_kind=PassageKind.TEXT)


_ALL = "In all experiments we train for 10,000 steps using a batch size of 512 and a sequence length of 8,192."
_TPU = ("This causes our results to be slightly worse, but significantly speeds up training times (less than two hours "
        "each on one Google TPU v2).")


@pytest.mark.parametrize(("name", "quote", "claim", "verdict"), [
    ("rope", _ALL, "Gemma 2B has 10,000 steps.", Verdict.SUPPORTED),
    ("rope", _ALL, "The batch size of Gemma 2B is 512.", Verdict.SUPPORTED),
    ("rope", _ALL, "The sequence length of Gemma 2B is 8,192.", Verdict.SUPPORTED),
    ("adafactor", _TPU, "Transformer uses one Google TPU v2.", Verdict.SUPPORTED),
])
def test_the_authors_unnamed_account_of_their_work_is_the_subjects_in_its_own_paper(
        name: str, quote: str, claim: str, verdict: Verdict, library: tuple[Library, PassageIndex]) -> None:
    place = _place(library[0], name, quote)
    assert read_back(claim, place, *library, own_subject=True).verdict is verdict
    # read in a paper not known to be the subject's, the same sentence states nothing of it
    assert read_back(claim, place, *library).verdict is Verdict.INSUFFICIENT


@pytest.mark.parametrize(("name", "quote", "claim"), [
    ("rope", _ALL, "Gemma 2B has 20,000 steps."),  # another figure
    ("adafactor", _TPU, "Transformer uses one Google TPU v3."),  # another TPU
    # the sentence names another model (its figure is that model's: contradicted by a swapped name, as before),
    # follows one that does, or is about the baseline
    ("rope", "We also train Gemma 7B for 20,000 steps using a batch size of 256.", "Gemma 2B has 20,000 steps."),
    ("rope", "We train for 30,000 steps using a batch size of 1,024.", "Gemma 2B has 30,000 steps."),
    ("rope", "Our baseline is trained for 40,000 steps using a batch size of 128.", "Gemma 2B has 40,000 steps."),
    # a section that never names the subject (the weak-to-strong paper's language-model setup, read25)
    ("rope", "We finetune all models for 2 epochs using a batch size of 32.", "The batch size of Gemma 2B is 32."),
])
def test_nothing_else_is_read_as_the_subjects(name: str, quote: str, claim: str,
                                              library: tuple[Library, PassageIndex]) -> None:
    place = _place(library[0], name, quote)
    assert read_back(claim, place, *library, own_subject=True).verdict is not Verdict.SUPPORTED


@pytest.mark.parametrize(("sentence", "hardware", "runs"), [
    (_TPU, "one Google TPU v2", True),
    ("Each training step took 0.15 seconds on a 32-core TPUv2 cluster.", "32-core TPUv2 cluster", True),
    (_TPU, "one Google TPU v3", False),
    ("We use Adam on one Google TPU v2.", "Adam", False),  # no hardware: a verb of use must say it
])
def test_hardware_is_put_to_use_by_running_on_it(sentence: str, hardware: str, runs: bool) -> None:
    assert run_on(sentence, hardware) is runs
