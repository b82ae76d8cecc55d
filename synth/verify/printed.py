"""Whether the library prints a word as a name: the claim's first word is capitalised whatever it is ("Shufflenet
has 15 months doubling time."), so the claim alone cannot tell a model's name from a common noun there. The
library can: a name is printed with a capital inside it ("ShuffleNet") or capitalised where no sentence starts
("we train with Adafactor"), a common noun in lower case ("a dropout of 0.1"). A claim whose subject is read as a
common word names no subject, and any sentence sharing its other words and another figure then contradicts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Of a word's uses inside sentences, this share at least capitalised makes it a name ("Transformer" is printed in
# lower case in a quarter of its uses, "Dropout" in nine tenths).
CAPITALISED_SHARE = 0.8
# ... counted over at least this many capitalised uses inside sentences (one heading is no evidence).
MIN_CAPITALISED = 2
_SENTENCE_END = (".", ":", ";", "!", "?", "\u2022", "*")


class PrintedNames:
    """Per library: each asked word's reading, computed once from the documents' texts."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = tuple(texts)
        self._known: dict[str, bool] = {}

    def is_name(self, word: str) -> bool:
        """Whether the library prints `word` as a name: once with a capital after its first letter, or capitalised
        in nearly all of its uses inside a sentence."""
        key = word.lower()
        if key not in self._known:
            self._known[key] = self._read(word)
        return self._known[key]

    def _read(self, word: str) -> bool:
        pattern = re.compile(r"(?<![\w\-])" + re.escape(word) + r"(?![\w\-])", re.IGNORECASE)
        capitalised = lower = 0
        for text in self._texts:
            for match in pattern.finditer(text):
                printed = match.group(0)
                if any(ch.isupper() for ch in printed[1:]) and not printed.isupper():
                    return True  # "ShuffleNet": printed as a name
                if _opens_sentence(text, match.start()):
                    continue  # a sentence's first word is capitalised whatever it is
                if printed[:1].isupper():
                    capitalised += 1
                else:
                    lower += 1
        return capitalised >= MIN_CAPITALISED and capitalised >= CAPITALISED_SHARE * (capitalised + lower)


def _opens_sentence(text: str, at: int) -> bool:
    before = at - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before < 0 or text[before] in _SENTENCE_END

