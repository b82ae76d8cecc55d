"""A paper's title as a claim's subject ("GLU Variants Improve Transformer has 12 layers."): the answer stage words
the cells of a paper asked by its title so. The title is a name: a comparison or superlative word inside it
("Improve") is no atom of the claim, and a table of another paper whose row names a word of the title
("Transformer") is not about the paper."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from synth.models import AtomKind
from synth.text import fold
from synth.verify.atoms import ClaimAtoms, statement

# A title of fewer words is read as any other name ("Layer Normalization", "Mistral 7B", "Qwen3 Technical Report")
MIN_TITLE_WORDS = 4


def _is_title(name: str, titles: Iterable[str]) -> bool:
    folded = fold(name).strip()
    return len(name.split()) >= MIN_TITLE_WORDS and any(fold(t).strip() == folded for t in titles)


def title_span(claim: str, entities: Sequence[str], titles: Iterable[str]) -> tuple[int, int] | None:
    """Where the claim writes its subject, when that subject is a document's whole title of at least
    `MIN_TITLE_WORDS` words; else None."""
    if not entities or not _is_title(entities[0], titles):
        return None
    start = fold(claim).find(fold(entities[0]))
    return (start, start + len(entities[0])) if start >= 0 else None


def titled_document(entities: Sequence[str], titles: dict[str, str]) -> str | None:
    """The document the claim's subject is the title of, if it is one (see `title_span`)."""
    if not entities:
        return None
    return next((doc for doc, title in titles.items() if _is_title(entities[0], (title,))), None)


def as_name(claim_atoms: ClaimAtoms, span: tuple[int, int] | None) -> ClaimAtoms:
    """The claim's atoms without the comparisons and superlatives its title holds; a clause left with nothing to
    check but its polarity is checked as a statement."""
    if span is None:
        return claim_atoms
    kept = [a for a in claim_atoms.atoms if not (a.kind in (AtomKind.COMPARISON, AtomKind.EXTREME)
                                                 and span[0] <= a.start and a.end <= span[1])]
    if len(kept) == len(claim_atoms.atoms):
        return claim_atoms
    text = claim_atoms.text
    for start, stop in {a.clause for a in claim_atoms.atoms}:
        if not any(a.clause == (start, stop) and a.kind is not AtomKind.POLARITY for a in kept):
            kept.append(statement(text, start, stop))
    return replace(claim_atoms, atoms=tuple(sorted(kept, key=lambda a: (a.start, a.kind.value))))
