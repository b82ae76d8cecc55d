"""A row label that drops a word of the subject's name: "Tiny" in the Whisper paper is Whisper tiny (tune part), but
"Transformer-3B" in the DIFF Transformer paper is its baseline (issue 9, the fresh part: DIFF Transformer-3B was
given the baseline's HellaSwag 63.4, marked supported)."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

TRANSFORMER = """# Transformer: attention is all you need

The Transformer is a sequence transduction model based on attention alone. The Transformer reaches 28.4 BLEU.
"""

NIMBUS = """# Nimbus Transformer: a transformer with cloud attention

Nimbus Transformer replaces softmax attention with cloud attention. We compare Nimbus Transformer with a
Transformer baseline of the same size trained on the same 350B tokens.

| Model | HellaSwag | PIQA |
|---|---|---|
| Transformer-3B | 63.4 | 75.2 |
| Nimbus-3B | 66.9 | 76.1 |

Table 1: Nimbus Transformer and the Transformer baseline, 5-shot.
"""


def test_a_label_naming_another_model_is_not_the_subject_without_its_first_word(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"transformer.md": TRANSFORMER, "nimbus.md": NIMBUS},
                      "What does Nimbus Transformer-3B score on HellaSwag?")
    given = [(c.subject, c.value) for c in answer.cells if c.attribute == "HellaSwag"]
    assert ("Nimbus Transformer-3B", "63.4") not in given, given


SHOTS = """# Nimbus Transformer: a transformer with cloud attention

Nimbus Transformer replaces softmax attention with cloud attention.

| Model | HellaSwag | PIQA |
|---|---|---|
| Nimbus-3B | 71.4 | 77.0 |

Table 1: Nimbus Transformer-3B trained on 1T tokens.

| Model | HellaSwag | PIQA |
|---|---|---|
| Training with 350B tokens (Zero-Shot) | | |
| Transformer-3B | 63.4 | 75.2 |
| Nimbus-3B | 66.2 | 76.0 |
| Training with 350B tokens (5-Shot) | | |
| Transformer-3B | 64.0 | 75.5 |
| Nimbus-3B | 66.9 | 76.1 |

Table 2: Nimbus Transformer-3B and the Transformer baseline trained on 350B tokens.
"""


def test_a_sized_name_shortened_to_its_first_word_is_the_subject_in_its_own_paper(tmp_path: Path) -> None:
    """"DIFF-3B" rows in the DIFF Transformer paper are DIFF Transformer-3B: the fresh part's HellaSwag cells were
    missed, and the paper's 1.4B ablation row "DIFF Transformer" was read instead."""
    answer = answered(tmp_path, {"transformer.md": TRANSFORMER, "nimbus.md": SHOTS},
                      "What does Nimbus Transformer-3B score on PIQA?")
    assert {c.value for c in answer.cells if c.subject == "Nimbus Transformer-3B"} >= {"77.0"}


def test_a_value_labelled_with_the_asked_shots_wins_over_an_unlabelled_one(tmp_path: Path) -> None:
    """"In the 5-shot setting …": a value whose table names no shot count (a zero-shot table's 71.4) is another
    setting's once a table labels a value 5-shot (the fresh part showed 71.4 for DIFF Transformer-3B)."""
    answer = answered(tmp_path, {"transformer.md": TRANSFORMER, "nimbus.md": SHOTS},
                      "In the 5-shot setting, what does Nimbus Transformer-3B score on HellaSwag?")
    assert [c.value for c in answer.cells if c.subject == "Nimbus Transformer-3B"] == ["66.9"]
