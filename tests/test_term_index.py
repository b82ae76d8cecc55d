"""The per-document term rows (synth.termindex) against the scans of every document they replace: a
document the rows leave out never holds a match of the name or phrase asked for; the vocabulary's
mentions, numeric phrases, acronyms and the names each source is about are what a scan of every
document gives; and after added, changed and removed files (and a retitled BibTeX entry) an updated
index answers as a fresh one does."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from libraries import fixture_library

from synth.index import PassageIndex
from synth.models import Library, PassageKind
from synth.names import name_regex
from synth.plan.classes import _phrase_pattern, _phrase_words
from synth.retrieve.asks.symbols import read_definitions
from synth.termindex import name_key, word_key
from synth.text import fold
from synth.vocabulary import _NUMBER_AFTER, Vocabulary, about_names, defined_acronyms, names_in

EXTRA = """# Zeta: a Mixture of Experts model

We introduce Zeta-7B, a model trained with Group Relative Policy Optimization (GRPO) and
grouped-query attention (GQA). Zeta-7B uses grouped-query attention with 8 key-value heads.
Zeta-7B has a weight decay of 0.1 and a dropout rate of 0.1; the weight decay is 0.1.
We apply dropout rate Pdrop = 0.1 and a stack of N = 6 identical layers, with warmup_steps = 4000.
Rotary Position Embedding (RoPE) is used, and Zeta-7B beats GPT-4o and gpt4o-mini.
"""


def _library(tmp_path: Path, extra: str = EXTRA) -> tuple[Library, PassageIndex]:
    return fixture_library(tmp_path, extra)


def _names(library: Library) -> list[str]:
    """Every name the library's texts and tables write, and a few phrases and odd spellings."""
    found: set[str] = {"weight decay", "dropout rate", "learning rate", "GPT-4o", "gpt4o", "Deep Seek", "7B",
                       "(GQA)", "grouped query attention", "Ωmega", "ﬁne-tuning"}
    for document in library.documents:
        found.update(name for name, _, _ in names_in(document.text))
        for table in document.tables:
            found.update(r[0] for r in table.rows if r and r[0].strip())
    return sorted(found)


def _texts(library: Library) -> dict[str, list[str]]:
    """What the replaced scans read of each document: its folded text and its text passages' sentences."""
    return {d.doc_id: [fold(d.text), *(fold(" ".join(p.text.split())) for p in d.passages
                                       if p.kind is PassageKind.TEXT)] for d in library.documents}


def test_left_out_documents_hold_no_match(tmp_path: Path) -> None:
    library, index = _library(tmp_path)
    texts = _texts(library)
    names = _names(library)
    assert len(names) > 100
    checked = 0
    for name in names:
        for key, pattern in ((name_key(name), name_regex(name)),
                             (word_key(w[0]) if (w := _phrase_words(name)) else None, _phrase_pattern(name))):
            if key is None:
                continue
            kept = index.documents_with_word(key)
            for doc_id, folded in texts.items():
                if any(pattern.search(t) for t in folded):
                    checked += 1
                    assert doc_id in kept, (name, doc_id)
    assert checked > 100
    index.close()


def test_the_vocabulary_reads_what_a_scan_of_every_document_reads(tmp_path: Path) -> None:
    library, index = _library(tmp_path)
    vocab = Vocabulary(library)
    assert vocab.about == {s.key: about_names(s) for s in library.sources}
    assert any(vocab.about.values())
    scanned: dict[str, str] = {}
    for document in library.documents:
        for acronym, expansion in defined_acronyms(document.text):
            scanned.setdefault(acronym, expansion)
    assert vocab.acronyms == scanned
    assert vocab.acronyms["GRPO"] == "Group Relative Policy Optimization"
    for name in _names(library):
        spellings = (name,)
        counts = {s.key: len(name_regex(name).findall(fold(s.document.text)))
                  for s in library.sources if s.document is not None}
        ranked = sorted(((n, k) for k, n in counts.items()), reverse=True)
        found = vocab._dominant(spellings)
        if found is not None:
            assert ranked[0][1] == found
        numeric = other = 0
        for document in library.documents:
            folded = fold(document.text)
            for hit in name_regex(name).finditer(folded):
                if _NUMBER_AFTER.match(folded[hit.end():hit.end() + 40]):
                    numeric += 1
                else:
                    other += 1
        assert vocab.numeric_phrase(name) == (numeric >= 2 and numeric * 4 >= other), name
    assert vocab.numeric_phrase("weight decay")
    index.close()


def test_symbol_definitions_are_what_reading_each_documents_passages_gives(tmp_path: Path) -> None:
    library, index = _library(tmp_path)
    defined = 0
    for document in library.documents:
        expected = read_definitions(document.passages)
        assert index.symbol_definitions(document.doc_id) == expected, document.doc_id
        defined += len(expected)
    assert defined >= 3  # Pdrop, N, warmup_steps at least: the comparison is not between empty dicts
    assert index.symbol_definitions("no such document") == {}
    index.close()


@pytest.mark.parametrize("seed", [5, 13])
def test_the_rows_follow_random_edits_as_a_fresh_index(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    lines = ["We introduce Eta-13B, trained with Direct Preference Optimization (DPO).",
             "Theta-2B uses multi-head latent attention (MLA) with a weight decay of 0.01.",
             "Iota is a Mixture of Experts (MoE) model.", "Kappa-1B beats Zeta-7B on GSM8K."]
    _library(tmp_path)
    bib = tmp_path / "lib" / "library-references.bib"
    for step in range(5):
        extra = f"# Step {step}: Zeta notes\n\n" + "\n".join(rng.sample(lines, rng.randint(1, len(lines)))) + "\n"
        if step == 2:
            (tmp_path / "lib" / "library-mixtral-notes.md").unlink()
        if step == 3 and bib.exists():
            bib.write_text(bib.read_text(encoding="utf-8").replace("title = {", "title = {Renamed ", 1),
                           encoding="utf-8")
        library, index = _library(tmp_path, extra)
        fresh = PassageIndex(library, None)
        assert index.about_names() == fresh.about_names()
        assert index.acronym_definitions() == fresh.acronym_definitions()
        for document in library.documents:
            assert index.symbol_definitions(document.doc_id) == fresh.symbol_definitions(document.doc_id)
        for name in [*_names(library), "eta", "theta", "mixtral", "zeta"]:
            key = name_key(name)
            if key is not None:
                assert index.documents_with_word(key) == fresh.documents_with_word(key), name
        assert Vocabulary(library).about == {s.key: about_names(s) for s in library.sources}
        fresh.close()
        index.close()


@settings(derandomize=True, max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000) | st.sampled_from("ﬁéÉİΣς\u0301–—’‘′−"), max_size=40))
def test_fold_equals_folding_every_character(text: str) -> None:
    """fold looks at non-ASCII runs only: the same text as normalising and filtering every character."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    for dash in "\u2013\u2014\u2212":
        plain = plain.replace(dash, "-")
    for quote in "\u2019\u2018\u2032":
        plain = plain.replace(quote, "'")
    assert fold(text) == plain.lower()
