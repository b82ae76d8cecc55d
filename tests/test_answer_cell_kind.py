"""A text cell is not supported when the library names its value as another attribute the question asks and never as
the cell's (bench/cell_swaps.py: every text cell is worded "X uses V", so "InstructGPT uses PPO." passed for
InstructGPT's reward and "GPT-2 uses byte-level BPE." for GPT-2's positional encoding)."""

from __future__ import annotations

from libraries import indexed_library

from synth.answer.checks import verify_cells
from synth.answer.kinds import TextCell
from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute

_PAPER = """# Training language models to follow instructions with human feedback (InstructGPT)

## 3 Methods

We call the resulting models InstructGPT. We train a reward model on comparisons of outputs.
Then we fine-tuned the SFT model on our environment using PPO (Schulman et al., 2017).
The reward is given by the reward model at the end of each episode.

We use the Proximal Policy Optimization (PPO) algorithm of Schulman et al. (2017).
"""

_GPT2 = """# Language Models are Unsupervised Multitask Learners (GPT-2)

## 2.2 Input Representation

GPT-2 uses byte-level BPE. In contrast, a byte-level version of BPE only requires a base vocabulary of size 256.
The Byte Pair Encoding (BPE) tokenizer is applied to raw bytes.
"""


def _attribute(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.TEXT, (name,), "question")


def _place(library, quote: str) -> Evidence:
    document = library.documents[0].load()
    start = document.text.index(quote)
    return Evidence("paper", document.doc_id, quote, start, start + len(quote), 1, "3 Methods", PassageKind.TEXT)


def test_a_value_of_another_attribute_is_not_supported(tmp_path):
    library, index = indexed_library(tmp_path, {"instructgpt.md": _PAPER})
    try:
        place = _place(library, "Then we fine-tuned the SFT model on our environment using PPO "
                                "(Schulman et al., 2017).")
        wording = ["InstructGPT uses PPO."]
        algorithm, reward = _attribute("policy-optimization algorithm"), _attribute("reward")
        checked = verify_cells([wording, wording, wording], [place, place, place], library, index, None,
                               [TextCell("PPO", algorithm, (reward,)), TextCell("PPO", reward, (algorithm,)),
                                TextCell("PPO", reward)])
        assert [v.verdict.value for v in checked] == ["supported", "insufficient", "supported"]
        assert "names it as a policy-optimization algorithm, never as a reward" in checked[1].explanation
        unchecked = verify_cells([wording], [place], library, index)
        assert unchecked[0].verdict.value == "supported"  # a cell of no text attribute is checked as before
    finally:
        index.close()


def test_an_acronym_s_expansion_names_a_kind_only_with_its_modifiers(tmp_path):
    """Byte Pair Encoding is an encoding, but no positional encoding: the value stays the tokenizer's."""
    library, index = indexed_library(tmp_path, {"gpt2.md": _GPT2})
    try:
        document = library.documents[0].load()
        quote = "GPT-2 uses byte-level BPE."
        start = document.text.index(quote)
        place = Evidence("gpt2", document.doc_id, quote, start, start + len(quote), 1, "2.2 Input Representation",
                         PassageKind.TEXT)
        tokenizer, position = _attribute("tokenizer"), _attribute("positional encoding")
        checked = verify_cells([[quote], [quote]], [place, place], library, index, None,
                               [TextCell("byte-level BPE", tokenizer, (position,)),
                                TextCell("byte-level BPE", position, (tokenizer,))])
        assert [v.verdict.value for v in checked] == ["supported", "insufficient"]
    finally:
        index.close()


_GSHARD = """# GShard: Scaling Giant Models with Conditional Computation

## 4 Training

GShard uses float32 precision for the weights.
"""


def test_an_attribute_named_by_the_same_noun_is_no_other_kind(tmp_path):
    """"precision" and "training precision" ask one kind of value: float32, named a precision, stays the cell's."""
    library, index = indexed_library(tmp_path, {"gshard.md": _GSHARD})
    try:
        quote = "GShard uses float32 precision for the weights."
        document = library.documents[0].load()
        start = document.text.index(quote)
        place = Evidence("gshard", document.doc_id, quote, start, start + len(quote), 1, "4 Training",
                         PassageKind.TEXT)
        checked = verify_cells([["GShard uses float32."]], [place], library, index, None,
                               [TextCell("float32", _attribute("training precision"), (_attribute("precision"),))])
        assert checked[0].verdict.value == "supported"
    finally:
        index.close()
