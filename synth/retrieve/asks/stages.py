"""A value set for one stretch of training: "The MTP loss weight λ is set to 0.3 for the first 10T tokens, and to 0.1
for the remaining 4.8T tokens". The stretch is the value's setting (0.3 alone would read as the weight throughout),
and the value the sentence sets for the next stretch is a value of its own, with its stretch."""

from __future__ import annotations

import re
from collections.abc import Sequence

_STRETCH = (r"(?:for|during|over|in)\s+the\s+(?:first|last|remaining|next|final|following|rest\s+of\s+the)\s+"
            r"(?:[^,;.]|\.(?=\d))*?[\w%)]")
_END = r"(?=\s*(?:[,;]|\.(?:\s|$)|\band\b|$))"
_AFTER = re.compile(rf"\s+(?P<stretch>{_STRETCH}){_END}", re.IGNORECASE)
_THEN = re.compile(rf"\s*,?\s*(?:and|then)\s+(?:to\s+|at\s+)?(?P<value>\d[\d,]*(?:\.\d+)?)\s+(?P<stretch>{_STRETCH})"
                   rf"{_END}", re.IGNORECASE)
_FIGURE = re.compile(r"[^\s,;]+")


def staged(text: str, found: Sequence[tuple[str, float, str, int]]
           ) -> list[tuple[str, float, str, int, str | None]]:
    """The values read from a sentence, each with the stretch of training it is set for (None when it names none),
    and the values it sets for the next stretches ("…, and to 0.1 for the remaining 4.8T tokens")."""
    taken = {position for *_, position in found}
    out: list[tuple[str, float, str, int, str | None]] = []
    for raw, number, unit, position in found:
        figure = _FIGURE.match(text, position)
        after = _AFTER.match(text, figure.end()) if figure else None
        out.append((raw, number, unit, position, after.group("stretch") if after else None))
        while after is not None:
            then = _THEN.match(text, after.end())
            if then is None or then.start("value") in taken:
                break
            taken.add(then.start("value"))
            out.append((then.group("value"), float(then.group("value").replace(",", "")), "", then.start("value"),
                        then.group("stretch")))
            after = then
    return out


# "(2) Reasoning Stage (S2): … The models are further pre-trained with about 5T … tokens": a numbered item that names a
# stage of training opens a stretch of text whose values are that stage's, though their sentences do not name it
_ITEM = re.compile(r"\((?:\d{1,2}|[ivx]{1,4}|[a-e])\)\s+(?P<label>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}\s+"
                   r"(?:Stage|Phase)(?:\s*\([^()]{1,8}\))?)\s*:")


def stage_item(passage: str, offset: int) -> str | None:
    """The label of the numbered stage item ("Reasoning Stage (S2)") the text at `offset` of a passage sits in: the
    last one opened before it, None when no item opened or a later numbered item without a stage closed it."""
    items = [m for m in re.finditer(r"\((?:\d{1,2}|[ivx]{1,4}|[a-e])\)\s", passage[:offset])]
    if not items:
        return None
    last = _ITEM.match(passage, items[-1].start())
    return " ".join(last.group("label").split()) if last else None
