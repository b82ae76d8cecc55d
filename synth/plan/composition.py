"""Questions about what a data mixture is made of, in the asked-position shape the later readings expect.

A researcher asks a mixture's composition with the part after the verb: "what share of X's pre-training data is
source code, what share is math", "what shares of English, non-English and code data make up the datasets". Read as
written, the share is a bare word ("share") and the parts are no words of any attribute (or a part such as "math" is
read as a benchmark's name), so the composition is rewritten as "what is the share of ⟨part⟩ in ⟨whole⟩", whose
attribute ("share of source code") the share readers take from "60% source code, 10% math corpus, …".
"""

from __future__ import annotations

import re

_SHARE_NOUN = r"(?:share|fraction|proportion|percentage|portion)"
# "the share of English data": a name a share is taken of is a kind of data, no subject (subjects.py)
SHARE_OF_BEFORE = re.compile(rf"\b{_SHARE_NOUN}s?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_NEXT_ASK = r"(?=\s*(?:[,;?]|$)|\s+and\s+(?:what|how|which|on|in|at|to)\b)"
# "what share of X's data is source code", "what share is math": the part follows the verb
_SHARE_IS = re.compile(rf"\bwhat\s+(?P<share>{_SHARE_NOUN})\s+(?:of\s+(?P<whole>[^,;?]+?)\s+)?(?:is|are|was|were)\s+"
                       rf"(?P<part>[^,;?]+?){_NEXT_ASK}", re.IGNORECASE)
# "what shares of English, non-English and code data make up the datasets": the parts, then the whole they make up
_SHARES_MAKE_UP = re.compile(rf"\bwhat\s+(?P<share>{_SHARE_NOUN})s?\s+of\s+(?P<parts>[^;?]+?)\s+(?:make|makes|made)\s+"
                             r"up\s+(?P<whole>[^,;?]+)", re.IGNORECASE)
# "the 1.1T- and 3.5T-token datasets": data named by its size, an amount no name or attribute of the question
_SIZED_DATA = re.compile(r"\b(?:\d[\d.]*\s*[KMBT]-?\s+(?:and|or)\s+)?\d[\d.]*\s*[KMBT]-(?:token|word)\s+"
                         r"(?=(?:datasets?|corpora|corpus|data)\b)")
_LISTED = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_DATA_NOUN = re.compile(r"\s+(?P<noun>data|corpus|corpora|text|tokens)$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"^[a-z]+(?:ed|en)$", re.IGNORECASE)
# "how many tokens does its natural-language corpus hold": the tokens of that part of the data, not the model's tokens
# (a body of data only: "how many words do its feature vectors include" asks the words)
_PART_HOLDS = re.compile(r"\bhow\s+many\s+(?P<counted>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)\s+(?:does|do|did)\s+"
                         r"(?:its|their|the|this|that)\s+(?P<whole>(?:[a-z][\w\-]*\s+){0,2}?(?:corpus|corpora|dataset|"
                         r"datasets|data|split|mixture|mix|collection))\s+(?:hold|contain|include|comprise)\b",
                         re.IGNORECASE)

# "How many instances are in … of A and B, how many of A's are for helpfulness and how many for safety": the parts of
# a counted whole, each the count of its own kind, of the owner named
_FIRST_COUNTED = re.compile(r"\bhow\s+many\s+(?P<counted>[a-z][\w\-]*)\s+(?:are|were|is|was|do|does|did)\b",
                            re.IGNORECASE)
_OWNERS_PARTS = re.compile(r"\b(?i:how\s+many\s+of)\s+(?P<owner>[A-Z][\w\-.]*(?:\s+[A-Z0-9][\w\-.]*)?)['’]s\s+"
                           r"(?i:are|were|is|was)\s+(?:for\s+)?(?P<part>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)"
                           r"(?:\s+and\s+(?i:how\s+many)\s+(?:(?:are|were)\s+)?for\s+(?P<other>[a-z][\w\-]*))?"
                           r"(?=\s*(?:[,;?]|$)|\s+and\b)")
_COUNTED_NOUNS = frozenset("data samples examples instances tokens documents prompts pairs".split())


def _parts_owned(text: str) -> str:
    """"how many of A's are for helpfulness and how many for safety" → "how many helpfulness instances does A have and
    how many safety instances does A have", the counted noun taken from the question's first count."""
    first = _FIRST_COUNTED.search(text)
    if not first:
        return text

    def counted(part: str) -> str:
        return part if part.split()[-1].lower() in _COUNTED_NOUNS else f"{part} {first.group('counted')}"

    def owned(match: re.Match[str]) -> str:
        owner = match.group("owner")
        out = f"how many {counted(match.group('part'))} does {owner} have"
        other = match.group("other")
        return out + (f" and how many {counted(other)} does {owner} have" if other else "")
    return _OWNERS_PARTS.sub(owned, text)


def _shares_of(share: str, parts: str) -> str:
    """"share", "English, non-English and code data" → "the share of English data, the share of non-English data and
    the share of code data": each part its own share, the list's last noun said of every part."""
    items = [p for p in _LISTED.split(parts.strip()) if p]
    noun = _DATA_NOUN.search(items[-1]) if len(items) > 1 else None
    if noun:
        items = [i if _DATA_NOUN.search(i) else f"{i} {noun.group('noun')}" for i in items]
    shares = [f"the {share} of {item}" for item in items]
    return shares[0] if len(shares) == 1 else f"{', '.join(shares[:-1])} and {shares[-1]}"


def _share_is(match: re.Match[str]) -> str:
    part = match.group("part")
    if _PARTICIPLE.match(part):
        return match.group(0)  # "what share of the input tokens is masked": a share of the whole, not a part
    whole = match.group("whole")
    return f"what is the {match.group('share').lower()} of {part}" + (f" in {whole}" if whole else "")


def composition_asked(text: str) -> str:
    """"What share of X's data is source code, what share is math" → "what is the share of source code in X's data,
    what is the share of math"; "what shares of A, B and C data make up the datasets" → "what is the share of A, B
    and C data in the datasets"; "how many tokens does its natural-language corpus hold" → "how many natural-language
    corpus tokens"; "how many of A's are for helpfulness" → "how many helpfulness instances does A have"."""
    text = _parts_owned(text)
    text = _PART_HOLDS.sub(lambda m: f"how many {m.group('whole')} {m.group('counted')}", text)
    text = _SHARES_MAKE_UP.sub(lambda m: f"what is {_shares_of(m.group('share').lower(), m.group('parts'))} in "
                                         f"{_SIZED_DATA.sub('', m.group('whole'))}", text)
    return _SHARE_IS.sub(_share_is, text)
