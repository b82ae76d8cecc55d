"""A row label that drops a word of the subject's name: "Tiny" in the Whisper paper is Whisper tiny (tune part), but
"Transformer-3B" in the DIFF Transformer paper is its baseline (issue 9, the fresh part: DIFF Transformer-3B was
given the baseline's HellaSwag 63.4, marked supported)."""

from __future__ import annotations

from pathlib import Path

from libraries import asks_report, indexed_library

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
    library = indexed_library(tmp_path, {"transformer.md": TRANSFORMER, "nimbus.md": NIMBUS})
    try:
        answer = asks_report("What does Nimbus Transformer-3B score on HellaSwag?", library).answer
    finally:
        library[1].close()
    assert answer is not None
    given = [(c.subject, c.value) for c in answer.cells if c.attribute == "HellaSwag"]
    assert ("Nimbus Transformer-3B", "63.4") not in given, given

