"""A share asked of a whole ("what share of tokens is masked", "the fraction of parameters activated") is a
percentage of that whole: "we mask 15% of all WordPiece tokens in each sequence at random". Other readers of counts
never take a percentage, so this one reads it when the whole after "of" is the asked one, and the asked verb (if
any) is the sentence's."""

from __future__ import annotations

import re

from synth.models import PlanAttribute
from synth.names import key

_SHARE = re.compile(r"\b(?:share|fraction|percentage|proportion|percent|portion)\s+of\s+(?:the\s+|all\s+)?"
                    r"(?P<whole>[a-z][\w\-]*)(?:\s+(?P<verb>[a-z]+(?:ed|en)))?\b", re.IGNORECASE)
_PERCENT = (r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*%\s+of\s+(?:all\s+|the\s+|each\s+|every\s+)?"
            r"(?:[\w\-]+\s+){{0,3}}?{whole}\w*\b")


def share_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the percentages of the asked whole a sentence gives."""
    asked = _SHARE.search(attribute.name)
    if not asked:
        return []
    listed = composition_values(text, attribute)
    if listed:
        return listed
    whole = re.escape(key(asked.group("whole").lower())[:4])
    verb = asked.group("verb")
    if verb and not re.search(rf"\b{re.escape(verb[:4])}\w*", text, re.IGNORECASE):
        return []  # "the share of tokens masked": the sentence must mask
    return [(f"{found.group('n')}%", float(found.group("n")), "%", found.start("n"))
            for found in re.finditer(_PERCENT.format(whole=whole), text, re.IGNORECASE)]


# "the share of source code", "the share of English data": the part a mixture's share is asked of
_SHARE_OF_PART = re.compile(r"^(?:share|fraction|percentage|proportion|portion)s?\s+of\s+(?P<part>[a-z][\w\- ]*?)"
                            r"(?:\s+(?:data|corpus|corpora|text|tokens))?$", re.IGNORECASE)
_LISTED_SHARE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*%\s+[A-Za-z]")


def composition_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the asked part's share in a sentence listing a mixture's parts by
    their percentages ("consists of 60% source code, 10% math corpus, and 30% natural language corpus"): the
    percentage written right before the part's words, in a list of two or more such shares. "15% non-English" is not
    the share of English: the part's first word must follow the figure."""
    asked = _SHARE_OF_PART.match(attribute.name.strip())
    if not asked or len(_LISTED_SHARE.findall(text)) < 2:
        return []
    part = r"\s+".join(re.escape(w) for w in asked.group("part").split())
    pattern = rf"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*%\s+{part}(?![\w-])"
    return [(f"{found.group('n')}%", float(found.group("n")), "%", found.start("n"))
            for found in re.finditer(pattern, text, re.IGNORECASE)]
