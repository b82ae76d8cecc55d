"""Figures a sentence writes in a way that misleads a reader of numbers one at a time.

A number typeset in TeX math mode with a thousands comma comes out of the PDF with a space after the comma: Janus-Pro's
"a codebook of size 16, 384 and downsamples images by a factor of 16" gives 16,384, and read one number at a time it
gave the codebook "16". A list of numbers looks alike ("128, 512 and 2048 experts"), so neither part of such a pair is
taken as a figure of its own unless the pair goes on as a list."""

from __future__ import annotations

import re

# "16, 384" not followed by another item ("…, 2]", "… and 2048"): the second group is three digits
_SPACED_AFTER = re.compile(r"^,\s\d{3}(?![\d.,])(?!\s*,\s*\d)(?!\s+(?:and|or|to)\s+\d)")
_SPACED_BEFORE = re.compile(r"(?<![\d.,])\d{1,3},\s$")
# a list before the pair ("64, 128, 256"), an open bracket ("[20, 600", "range(5, 100)"), a year and volume
_LISTED_BEFORE = re.compile(r"(?:\d,\s*|[\[(]\s*|(?:19|20)\d\d,\s*)$")


def spaced_thousands(text: str, start: int, end: int) -> bool:
    """The number at text[start:end] is one part of a figure written with a spaced thousands comma ("16, 384")."""
    if _SPACED_AFTER.match(text[end:]) and re.fullmatch(r"\d{1,3}", text[start:end]):
        return not _LISTED_BEFORE.search(text[max(0, start - 8):start])
    before = _SPACED_BEFORE.search(text[max(0, start - 5):start])
    if before and re.fullmatch(r"\d{3}", text[start:end]):
        first = start - len(before.group(0))
        return spaced_thousands(text, max(first, 0), start - 2)
    return False


# "in a single training step": where something happens, no count of steps
_WHERE_SINGLE = re.compile(r"\b(?:in|within|during|inside|over)\s+(?:a|one)\s+$", re.IGNORECASE)


def where_not_how_many(text: str, start: int) -> bool:
    """A spelled number that places something ("in a single training step", "within one batch"), not a count."""
    return _WHERE_SINGLE.search(text[max(0, start - 16):start]) is not None
