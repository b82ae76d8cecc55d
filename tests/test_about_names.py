"""Which model each shared-corpus PDF is about (issue 9 items 2/3): the names a source is about decide which
tables may give a value for a subject, so a title fragment ("Large-Scale Weak") or a lost name (Whisper's
table values never given to Whisper) costs answers. Gold: tests/fixtures/about/shared_corpus.yaml, written
from each paper's title and abstract; skipped when ../shared is absent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from synth.anchor import AnchoredIndexes, anchor, anchored_library
from synth.answer import build_answer
from synth.config import Question
from synth.index import PassageIndex
from synth.models import Library, Source
from synth.names import canonical
from synth.plan import make_plan
from synth.retrieve.asks import retrieve_asks
from synth.vocabulary import about_names, vocabulary

GOLD = yaml.safe_load((Path(__file__).parent / "fixtures" / "about" / "shared_corpus.yaml").read_text())

# Cases synth reads wrong today: (pdf, "gives" | "only"), each an xfail that must fail. The GLU paper proposes
# its FFN variants in equations ("FFNGLU(x, W, V, W2) = ..."), which no sentence names.
PENDING: frozenset[tuple[str, str]] = frozenset({("glu_variants_improve_transformer.pdf", "gives")})


def _cases(check: str) -> list[object]:
    marks = {case["pdf"]: [pytest.mark.xfail(reason="about-name read wrong", strict=True)]
             if (case["pdf"], check) in PENDING else [] for case in GOLD}
    return [pytest.param(case, marks=marks[case["pdf"]], id=case["pdf"]) for case in GOLD]


def _source(corpus: tuple[Library, PassageIndex], pdf: str) -> Source:
    library, _ = corpus
    found = [s for s in library.sources if s.document is not None and s.document.doc_id == pdf]
    assert len(found) == 1, f"{pdf} is not one source of the corpus"
    return found[0]


def _accepted(name: str, allowed: set[str]) -> bool:
    """A gold name, or a gold name with a size after it ("Mixtral 8x7B", "Janus-Pro-7B")."""
    key = canonical(name)
    return any(key == a or (key.startswith(a + "-") and re.match(r"\d", key[len(a) + 1:])) for a in allowed)


@pytest.mark.parametrize("case", _cases("gives"))
def test_about_names_give_what_the_paper_introduces(corpus: tuple[Library, PassageIndex], case: dict) -> None:
    names = {canonical(n) for n in about_names(_source(corpus, case["pdf"]))}
    missing = [spellings for spellings in case["about"] if not names & {canonical(s) for s in spellings}]
    assert not missing, f"{case['pdf']}: about {sorted(names)}, none of {missing}"


@pytest.mark.parametrize("case", _cases("only"))
def test_about_names_are_only_what_the_paper_introduces(corpus: tuple[Library, PassageIndex], case: dict) -> None:
    allowed = {canonical(s) for spellings in case["about"] for s in spellings} | {
        canonical(s) for s in case.get("also", [])}
    names = about_names(_source(corpus, case["pdf"]))
    wrong = [n for n in names if not _accepted(n, allowed)]
    assert not wrong, f"{case['pdf']}: about {list(names)}, not what the paper introduces: {wrong}"


def test_a_variant_of_what_a_source_is_about_is_at_home_there(corpus: tuple[Library, PassageIndex]) -> None:
    """Whisper Large V2 is a variant of the Whisper the Whisper paper is about (its family name is itself), so
    that paper's tables of it ("Table 18. Hyperparameters changed for Whisper Large V2") are read for it; the
    Transformer-XL is no variant of the Transformer the attention paper is about."""
    library, _ = corpus
    vocab = vocabulary(library)
    whisper = _source(corpus, "whisper_robust_speech_recognition.pdf").key
    attention = _source(corpus, "attention_is_all_you_need.pdf").key
    assert whisper in vocab.home_sources(("Whisper Large V2",))
    assert attention not in vocab.home_sources(("Transformer-XL",))


def test_a_version_the_source_never_names_is_not_at_home_there(corpus: tuple[Library, PassageIndex]) -> None:
    """Whisper large-v3 came after the Whisper paper, which names large-v2 but never a large-v3: the paper's
    unnamed sentences say nothing of it (its "filter width of 3" was given as large-v3's width)."""
    library, _ = corpus
    vocab = vocabulary(library)
    whisper = _source(corpus, "whisper_robust_speech_recognition.pdf").key
    assert whisper in vocab.home_sources(("Whisper large-v2",))
    assert whisper not in vocab.home_sources(("Whisper large-v3",))
    assert whisper in vocab.home_sources(("Whisper large",))


def test_a_table_captioned_with_the_subject_gives_its_values(corpus: tuple[Library, PassageIndex]) -> None:
    """A "Hyperparameter | Value" table whose caption names the subject gives its values, not the family table's
    (1048576 updates for every Whisper model)."""
    library, index = corpus
    question = Question(title="Whisper Large V2 updates", question="For how many updates was Whisper Large V2 "
                        "trained, and what stochastic depth rate did it use?")
    plan = make_plan(question, library)
    anchored = anchored_library(library, anchor(question, plan, library, index))
    indexes = AnchoredIndexes()
    try:
        within = indexes.of(anchored, index)
        answer = build_answer(plan, retrieve_asks(plan, anchored, within), anchored, within)
    finally:
        indexes.close()
    given = {(c.attribute, c.value) for c in answer.cells if c.value}
    assert ("training updates", "655360") in given, given
    assert ("training updates", "1048576") not in given
