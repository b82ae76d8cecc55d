"""The cells checked: each cell's wordings against the whole library by the verification stage's rules (no learned
judge), then, for a cell the library leaves insufficient, against the one place it was read from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from synth.index import PassageIndex
from synth.models import Evidence, Library, Verdict, Verification
from synth.verify import read_back, verify_claims


def verify_cells(claims: Sequence[list[str]], places: Sequence[Evidence], library: Library,
                 index: PassageIndex) -> list[Verification]:
    """One verification per cell: of its wordings, the first the library supports, else the first it
    contradicts, else the first. The rules alone decide (no learned judge): a cell is supported only
    when its value is found stated. A cell the library-wide check leaves insufficient is read back
    against the place it was read from (`_read_back`)."""
    flat = [claim for wordings in claims for claim in wordings]
    checked = iter(verify_claims(flat, library, index, learned=False)) if flat else iter(())
    out = []
    for wordings, place in zip(claims, places, strict=True):
        results = [next(checked) for _ in wordings]
        chosen = next((v for v in results if v.verdict is Verdict.SUPPORTED),
                      next((v for v in results if v.verdict is Verdict.CONTRADICTED), results[0]))
        out.append(_read_back(chosen, wordings, place, library, index))
    return out


def _read_back(checked: Verification, wordings: Sequence[str], place: Evidence, library: Library,
               index: PassageIndex) -> Verification:
    """A cell the whole library leaves insufficient may still be stated by the very sentence or table row it was
    read from, which the library's best passages for the claim's words can miss (a model's own paper saying "we
    use …" without its name; a table row among many with the same labels). Each wording is checked against that
    place alone, by the same rules: a place that states it supports the cell, as a single source. A cell the
    library contradicts stays contradicted (a disagreement is never read away)."""
    if checked.verdict is not Verdict.INSUFFICIENT:
        return checked
    for wording in wordings:
        own = read_back(wording, place, library, index)
        if own.verdict is Verdict.SUPPORTED:
            return replace(own, explanation=f"{own.explanation} (in the quoted source itself; no other passage of "
                                            "the library was found to state it)")
    return checked
