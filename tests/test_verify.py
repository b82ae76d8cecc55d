"""Verification verdicts on small libraries built in the test: one test per kind of mismatch.

Each library is made of Document/Passage/Table/Source objects directly, so the tests pin the
verification engine alone (no reader, no cache), and every quote can be checked against the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pytest

from synth.index import PassageIndex
from synth.models import Document, Library, Passage, PassageKind, Source, Table, Verdict, Verification
from synth.verify import CONFIDENCE_WEIGHTS, verify_claim

REPORT = """\
# Model Report

In pre-training, we scaled the high-quality pre-training datasets from the previous 7 trillion tokens
to 18 trillion tokens.

The flagship model reaches 92.7% on HumanEval and 86.3% on EvalPlus, edging past Claude 3.5 Sonnet
(92.1 and 85.9).

Our tokenizer implements byte-level byte-pair encoding with a vocabulary of 151,643 regular tokens.

The Zephyr-9B model outperforms Orion-12B on eight out of ten benchmarks.

The Nova-Coder models were continued from the Orion-2.5 base checkpoints.

Orion-3 was pre-trained on 18 trillion tokens, up from the 7 trillion tokens used for Orion-2.

The review praises LiveBench but quotes no LiveBench score for Orion-3, and neither does the report.

In the abstract we state that Orion-70B-Instruct is competitive with Titan-400B-Instruct, which is
around 5 times larger.

In the conclusion we state that Orion-70B-Instruct matches Titan-400B-Instruct, despite being six times smaller.
"""

INSTRUCT_ROWS = (("LiveCodeBench", "32.1", "55.5"), ("MATH", "69.0", "83.1"))
BASE_ROWS = (("LiveCodeBench", "30.2", "41.0"), ("MATH", "41.7", "62.1"))


def _table(doc_id: str, number: int, caption: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]],
           text: str, passages: list[Passage]) -> tuple[str, Table]:
    """Append a pipe table to `text`, with its caption and one TABLE_ROW passage per row."""
    table_id = f"{doc_id}#t{number}"
    start = len(text)
    text += f"{caption}\n\n| {' | '.join(header)} |\n| {' | '.join('---' for _ in header)} |\n"
    for row in rows:
        line = f"| {' | '.join(row)} |"
        passages.append(Passage(doc_id, 0, f"{caption} | {line}", len(text), len(text) + len(line),
                                kind=PassageKind.TABLE_ROW, table_id=table_id))
        text += line + "\n"
    table = Table(table_id, doc_id, caption, header, tuple(rows), tuple("" for _ in rows), start, len(text))
    return text + "\n", table


def _library() -> tuple[Library, PassageIndex]:
    """One document: the paragraphs of REPORT, an instruction-tuned table and a base-model table."""
    doc_id = "report.md"
    text = REPORT
    passages: list[Passage] = []
    position = 0
    for block in REPORT.split("\n\n"):
        start = REPORT.index(block, position)
        position = start + len(block)
        stripped = block.strip()
        if stripped and not stripped.startswith("#"):
            passages.append(Passage(doc_id, 0, stripped, start, start + len(stripped), section="Results"))
    text += "\n"
    text, instruct = _table(doc_id, 1, "Table 1: Performance of the instruction-tuned models.",
                            ("Datasets", "Titan-400B", "Orion-70B"), INSTRUCT_ROWS, text, passages)
    text, base = _table(doc_id, 2, "Table 2: Performance of the base models.",
                        ("Datasets", "Titan-400B", "Orion-70B"), BASE_ROWS, text, passages)
    numbered = tuple(Passage(p.doc_id, i, p.text, p.start, p.end, p.page, p.section, p.kind, p.table_id)
                     for i, p in enumerate(sorted(passages, key=lambda p: p.start)))
    document = Document(doc_id, doc_id, hashlib.sha256(text.encode()).hexdigest(), "markdown", "test",
                        "Model Report", text, numbered, (instruct, base))
    library = Library("lib", (Source("report", None, document, "file"),), (), (), "f" * 64)
    return library, PassageIndex(library, None)


@pytest.fixture(scope="module")
def library() -> tuple[Library, PassageIndex]:
    return _library()


def check(claim: str, library: tuple[Library, PassageIndex]) -> Verification:
    return verify_claim(claim, *library)


def test_exact_figure_is_supported_and_perturbed_figure_contradicted(library: tuple[Library, PassageIndex]) -> None:
    exact = check("Our tokenizer has a vocabulary of 151,643 regular tokens.", library)
    assert exact.verdict is Verdict.SUPPORTED
    perturbed = check("Our tokenizer has a vocabulary of 152,064 regular tokens.", library)
    assert perturbed.verdict is Verdict.CONTRADICTED
    assert perturbed.evidence[0].conflicting_value == "151,643"


def test_scale_word_counts(library: tuple[Library, PassageIndex]) -> None:
    assert check("The pre-training datasets were scaled to 18 trillion tokens.", library).verdict is Verdict.SUPPORTED
    wrong = check("The pre-training datasets were scaled to 18 billion tokens.", library)
    assert wrong.verdict is Verdict.CONTRADICTED
    assert wrong.evidence[0].conflicting_value == "18 trillion"


def test_percentage_is_compared(library: tuple[Library, PassageIndex]) -> None:
    assert check("The flagship model reaches 92.7% on HumanEval.", library).verdict is Verdict.SUPPORTED
    wrong = check("The flagship model reaches 94.7% on HumanEval.", library)
    assert wrong.verdict is Verdict.CONTRADICTED
    assert wrong.evidence[0].conflicting_value == "92.7%"


def test_figure_of_another_entity_is_not_support(library: tuple[Library, PassageIndex]) -> None:
    assert check("Claude 3.5 Sonnet scored 92.1 on HumanEval.", library).verdict is Verdict.SUPPORTED
    swapped = check("Claude 3.5 Sonnet scored 92.7% on HumanEval.", library)
    assert swapped.verdict is Verdict.CONTRADICTED
    assert swapped.evidence[0].conflicting_value == "92.1"


def test_other_version_of_a_name_is_a_swapped_entity(library: tuple[Library, PassageIndex]) -> None:
    assert check("Nova-Coder was continued from the Orion-2.5 base checkpoints.", library).verdict is Verdict.SUPPORTED
    swapped = check("Nova-Coder was continued from the Orion-2 base checkpoints.", library)
    assert swapped.verdict is Verdict.CONTRADICTED
    assert swapped.evidence[0].conflicting_value == "Orion-2.5"


def test_figure_owned_by_the_name_after_it(library: tuple[Library, PassageIndex]) -> None:
    assert check("Orion-3 was pre-trained on 18 trillion tokens.", library).verdict is Verdict.SUPPORTED
    older = check("Orion-3 was pre-trained on 7 trillion tokens.", library)
    assert older.verdict is Verdict.CONTRADICTED, "7 trillion is Orion-2's figure"
    assert older.evidence[0].conflicting_value == "18 trillion"


def test_a_sentence_of_the_library_is_supported_by_itself(library: tuple[Library, PassageIndex]) -> None:
    sentence = "The review praises LiveBench but quotes no LiveBench score for Orion-3, and neither does the report."
    assert check(sentence, library).verdict is Verdict.SUPPORTED


def test_instruct_claim_reads_the_instruct_table_column(library: tuple[Library, PassageIndex]) -> None:
    instruct = check("Orion-70B-Instruct scores 55.5 on LiveCodeBench.", library)
    assert instruct.verdict is Verdict.SUPPORTED
    assert instruct.evidence[0].table_caption == "Table 1: Performance of the instruction-tuned models."
    base_value = check("Orion-70B-Instruct scores 41.0 on LiveCodeBench.", library)
    assert base_value.verdict is Verdict.CONTRADICTED
    assert base_value.evidence[0].conflicting_value == "55.5"
    assert check("Orion-70B scores 41.0 on LiveCodeBench.", library).verdict is Verdict.SUPPORTED


def test_negation_contradicts(library: tuple[Library, PassageIndex]) -> None:
    assert check("Our tokenizer implements byte-level byte-pair encoding.", library).verdict is Verdict.SUPPORTED
    denied = check("Our tokenizer does not implement byte-level byte-pair encoding.", library)
    assert denied.verdict is Verdict.CONTRADICTED


def test_comparative_direction_against_a_table(library: tuple[Library, PassageIndex]) -> None:
    assert check("Orion-70B-Instruct outperforms Titan-400B-Instruct on MATH.", library).verdict is Verdict.SUPPORTED
    reversed_claim = check("Titan-400B-Instruct outperforms Orion-70B-Instruct on MATH.", library)
    assert reversed_claim.verdict is Verdict.CONTRADICTED
    assert reversed_claim.evidence[0].conflicting_value == "83.1"
    denied = check("Orion-70B-Instruct does not outperform Titan-400B-Instruct on MATH.", library)
    assert denied.verdict is Verdict.CONTRADICTED


def test_comparative_with_swapped_names_in_text(library: tuple[Library, PassageIndex]) -> None:
    claim = "Zephyr-9B outperforms Orion-12B on eight out of ten benchmarks."
    assert check(claim, library).verdict is Verdict.SUPPORTED
    assert check("Orion-12B outperforms Zephyr-9B on eight out of ten benchmarks.",
                 library).verdict is Verdict.CONTRADICTED


def test_absent_topic_is_insufficient(library: tuple[Library, PassageIndex]) -> None:
    result = check("Orion-70B-Instruct scores 38.8 on SWE-bench Verified.", library)
    assert result.verdict is Verdict.INSUFFICIENT
    assert check("The model was trained on 4,096 TPU chips.", library).verdict is Verdict.INSUFFICIENT


def test_within_source_contradiction_is_counter_evidence(library: tuple[Library, PassageIndex]) -> None:
    result = check("Titan-400B-Instruct is around 5 times larger than Orion-70B-Instruct.", library)
    assert result.verdict is Verdict.SUPPORTED
    assert result.counter_evidence, "the conclusion says six times"
    assert result.counter_evidence[0].conflicting_value == "six"
    assert result.counter_evidence[0].source == result.evidence[0].source


def test_quotes_are_the_document_text_at_their_offsets(library: tuple[Library, PassageIndex]) -> None:
    lib, _ = library
    document = lib.documents[0]
    claims = ["The flagship model reaches 94.7% on HumanEval.", "Orion-70B-Instruct scores 41.0 on LiveCodeBench.",
              "Titan-400B-Instruct is around 5 times larger than Orion-70B-Instruct.",
              "Orion-70B-Instruct scores 38.8 on SWE-bench Verified."]
    quoted = 0
    for claim in claims:
        result = check(claim, library)
        for evidence in (*result.evidence, *result.counter_evidence):
            assert " ".join(document.text[evidence.start:evidence.end].split()) == evidence.quote
            quoted += 1
    assert quoted >= len(claims)


def test_confidence_is_a_weighted_sum_of_named_signals(library: tuple[Library, PassageIndex]) -> None:
    for claim in ("Orion-70B-Instruct scores 55.5 on LiveCodeBench.", "The model was trained on 4,096 TPU chips."):
        result = check(claim, library)
        assert [s.name for s in result.signals] == list(CONFIDENCE_WEIGHTS)
        assert all(0.0 <= s.value <= 1.0 for s in result.signals)
        expected = sum(CONFIDENCE_WEIGHTS[s.name] * s.value for s in result.signals)
        assert result.confidence == pytest.approx(expected, abs=0.01)
        assert 0.0 <= result.confidence <= 1.0
    assert sum(CONFIDENCE_WEIGHTS.values()) == pytest.approx(1.0)


def test_an_exclusive_claim_needs_a_passage_that_says_only(library: tuple[Library, PassageIndex]) -> None:
    plain = check("The Nova-Coder models were continued from the Orion-2.5 base checkpoints.", library)
    assert plain.verdict is Verdict.SUPPORTED
    narrowed = check("The Nova-Coder models were continued only from the Orion-2.5 base checkpoints.", library)
    assert narrowed.verdict is not Verdict.SUPPORTED
