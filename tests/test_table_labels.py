"""Row and column labels as papers print them (issue 9, the phrasing part): a row's reference number ("Janus [46]")
and a score column named only by the caption ("… on GenEval benchmark" over "Overall↑")."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.names import match_entity, match_label


@pytest.mark.parametrize(("spelling", "label", "named"), [
    ("Janus", "Janus [46]", True),
    ("ConvS2S", "ConvS2S [9]", True),
    ("GPT-4", "GPT-4 [1, 2]", True),
    ("ConvS2S", "ConvS2S Ensemble [9]", False),
    ("Janus", "Janus-Pro-7B", False),
    # an amount of training data after the name is a setting, as "(1T tokens)" is (BLT's Table 1)
    ("Llama 3", "Llama 3 1T Tokens", True),
    ("BLT-Entropy", "BLT-Entropy 4.5T Bytes", True),
    ("Llama 3", "Llama 3.1 8B (15T tokens)", False),
])
def test_a_reference_number_after_a_row_s_name_is_no_variant(spelling: str, label: str, named: bool) -> None:
    """70 row labels of four corpus PDFs end in a reference number; none could name a subject."""
    assert (match_entity((spelling,), label) is not None) is named


GENEVAL = """# Orion-Pro: unified multimodal understanding and generation

Orion-Pro improves on Orion with more data and a larger model.

| Method | Single Obj. | Two Obj. | Counting | Overall↑ |
|---|---|---|---|---|
| Orion [46] | 0.97 | 0.68 | 0.30 | 0.61 |
| Orion-Pro-7B | 0.99 | 0.89 | 0.59 | 0.80 |

Table 4: Evaluation of text-to-image generation ability on GenEval benchmark.
"""


def test_the_overall_column_of_a_table_the_caption_names_is_the_asked_score(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"orion.md": GENEVAL}, "Is Orion-Pro-7B's overall GenEval score higher than Orion's?")
    assert sorted((c.subject, c.value) for c in answer.cells) == [("Orion", "0.61"), ("Orion-Pro-7B", "0.80")]


SIZES = """# Zephyr-2: language models are multitask learners

We introduce Zephyr-2, a family of language models trained on web text.

| Parameters | Layers | dmodel |
|---|---|---|
| 117M | 12 | 768 |
| 345M | 24 | 1024 |
| 1542M | 48 | 1600 |

Table 2: Architecture hyperparameters for the 3 model sizes.
"""


def test_row_labels_under_a_first_column_header_naming_the_count_are_the_count(tmp_path: Path) -> None:
    """GPT-2's Table 2 prints each size's parameters as its row label: "the largest GPT-2 model" had 48 layers and
    dmodel 1600, but its parameters "not stated in the library"."""
    answer = answered(tmp_path, {"zephyr.md": SIZES},
                      "How many parameters and layers does the largest Zephyr-2 model have?")
    assert sorted((c.attribute, c.value) for c in answer.cells) == [("layers", "48"), ("parameters", "1542M")]


FLOP_MATCHED = """# Kestrel: patches scale better than tokens

We introduce Kestrel-Entropy, a byte-level model patched by entropy. Kestrel-Entropy groups bytes into patches.

| | Llama 3 1T Tokens | Kestrel-Entropy 4.5T Bytes |
|---|---|---|
| MMLU | 58.1 | 57.4 |
| HumanEval | 31.1 | 35.4 |

Table 1: Comparison of flop-matched 8B models.
"""

SURVEY = """# A survey of open models

| Model | MMLU |
|---|---|
| Llama 3 70B | 78.9 |
| Llama 3 | 66.6 |

Table 3: MMLU (5-shot) of open base models.
"""


def test_a_subject_no_paper_is_about_is_read_where_the_other_is_compared_with_it(tmp_path: Path) -> None:
    """The fresh part's "Does BLT-Entropy beat Llama 3 on MMLU …" showed Llama 3's 66.60, 78.9 and 80.3 from other
    papers' tables, marked supported, beside the BLT paper's 58.1."""
    answer = answered(tmp_path, {"kestrel.md": FLOP_MATCHED, "survey.md": SURVEY},
                      "Does Kestrel-Entropy beat Llama 3 on MMLU?")
    assert sorted((c.subject, c.value) for c in answer.cells) == [("Kestrel-Entropy", "57.4"), ("Llama 3", "58.1")]


KEY_VALUE = """# Kite: a differential transformer

We introduce Kite, a transformer with differential attention.

Table 9: Hyperparameters used for the Kite-3B model.

| Params | Values |
|---|---|
| Layers | 28 |
| Heads | 12 |

Table 10: Model sizes of Kite.

| Size | Layers | Heads |
|---|---|---|
| 830M | 24 | 8 |
| 13.1B | 40 | 20 |
"""


def test_a_value_table_whose_caption_names_a_size_gives_that_size_s_values_only(tmp_path: Path) -> None:
    """The tables3 helper's key-value reader (DIFF Transformer Table 9, "for the DIFF Transformer-3B model") gave its
    28 layers to DIFF Transformer 830M, 6.8B and 13.1B: 6 wrong values in the sizes part."""
    answer = answered(tmp_path, {"kite.md": KEY_VALUE}, "How many layers does Kite 830M have?")
    assert [(c.subject, c.value) for c in answer.cells] == [("Kite 830M", "24")]


@pytest.mark.parametrize(("spelling", "label", "matched"), [
    ("Pile-test BPB", "Pile-test (BPB)", True),
    ("BBH EM", "BBH (EM)", True),
    ("GPQA Diamond", "GPQA (Diamond)", True),
    ("MMLU", "MMLU-Pro (EM)", False),
    ("Pile-test BPB", "Pile-test (Acc.)", False),
    # a narrow column prints a two-part name's initials (Mistral 7B's Table 2: "NQ")
    ("NaturalQuestions", "NQ", True),
    ("Natural Questions", "NQ", True),
    ("TriviaQA", "TQ", False),
    ("MMLU", "MM", False),
])
def test_a_label_bracketing_the_measure_or_printing_initials_is_asked(spelling: str, label: str, matched: bool) -> None:
    """"Which of DeepSeek-V2 and Mixtral 8x22B has the lower Pile-test BPB?" found no cell: the table prints
    "Pile-test (BPB)"."""
    assert (match_label(spelling, label) is not None) is matched


THROUGHPUT = """# Kite: a differential attention model

We compare Kite with a Transformer of the same size.

| Model | Model Size | Length | Throughput |
|---|---|---|---|
| Transformer | 3B | 2K | 7247 |
| Kite | 3B | 2K | 6635 |
| Transformer | 13B | 2K | 998 |
| Kite | 13B | 2K | 942 |

Table 7: Throughput is measured with number of tokens per second.
"""


def test_a_two_word_label_is_no_bare_head_of_another_noun(tmp_path: Path) -> None:
    """"Model Size" is no batch size: read as the bare noun "size", its 3B was given as the Transformer's batch
    size once the table's rows were read as models (dev part, pretraining-optimizer-settings)."""
    answer = answered(tmp_path, {"kite.md": THROUGHPUT}, "What batch size does the Transformer use?")
    assert "3B" not in {c.value for c in answer.cells}
