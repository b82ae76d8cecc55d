"""A speed-up stated as a multiple: "a 7.5x speedup", "delivering 1.8 times TPS (Tokens Per Second)", "generates the
content nearly 8× faster", "nearly 2.5 times the inference speed of a 7B dense model". None of these writes the
asked noun after the figure the way a count does ("8 experts"), so the count readers never took them and every "how
much faster" question was declared not stated (issue 9, fresh11). Only a multiple tied to a word of speed is read: "2.5
times the activated parameters" is no speed-up, and one multiple of a list ("4x, 10x and 20x faster … on 1k, 4k and 8k
context lengths, respectively") belongs to one setting of several, so none of the list is read here."""

from __future__ import annotations

import re

from synth.models import PlanAttribute

# the attribute asks a speed ratio: "speed-up", "decoding speedup", "faster", "how many times faster", "speed
# improvement"
_ASKS = re.compile(r"\bspeed[\s\-]?ups?\b|\bfaster\b|\bspeed\s+improvements?\b", re.IGNORECASE)
_MULTIPLE = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*(?:x|×|times)(?![\w\-])", re.IGNORECASE)
# a word of speed right after the multiple, a determiner and up to two words between ("times the inference speed")
_SPEED_AFTER = re.compile(r"^\s*(?:(?:the|a|an|its|their)\s+)?(?:[\w\-]+\s+){0,2}?"
                          r"(?:speed[\s\-]?ups?|speed\s+improvements?|faster|quicker|speed|TPS|throughput|"
                          r"tokens\s+per\s+second)\b", re.IGNORECASE)
# "a speed-up of 7x", "speeds up training by 3x"
_SPEED_BEFORE = re.compile(r"(?:speed[\s\-]?ups?|speeds?\s+up\s+[\w\-]+(?:\s+[\w\-]+)?)\s+(?:of|by)\s+"
                           r"(?:about\s+|around\s+|nearly\s+|roughly\s+|up\s+to\s+|over\s+)?$", re.IGNORECASE)
# the baseline a multiple is over, when the sentence names it: "a 2.5x speedup over T5-Large", "8× faster than the
# Transformer". Which baseline the question compares with is not known here, so a named one is never read (fresh9: the
# 64-expert Switch-Base's speed-up over T5-Base was given the 2.5x over T5-Large, marked supported)
_NAMED_BASELINE = re.compile(r"^[^,;.]{0,40}?\b(?:over|than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?)\s+"
                             r"(?:(?:the|a|an)\s+)?(?-i:[A-Z])", re.IGNORECASE)
# one multiple of a list: another item before it or after it
_LISTED_BEFORE = re.compile(r"\d(?:\.\d+)?\s*(?:x|×|times)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$",
                            re.IGNORECASE)
_LISTED_AFTER = re.compile(r"^\s*(?:,|and\b|or\b)\s*(?:and\s+|or\s+)?\d", re.IGNORECASE)


# the passages a speed-up may be stated in, whatever the question calls it
SPEEDUP_QUERY = '"speedup" OR "speed" OR "faster" OR "tps" OR "times"'


def asks_speedup(attribute: PlanAttribute) -> bool:
    """The attribute asks how many times faster something is."""
    return _ASKS.search(attribute.name) is not None


def speedup_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the multiples a sentence states as a speed-up."""
    if not asks_speedup(attribute):
        return []
    out = []
    for found in _MULTIPLE.finditer(text):
        start, end = found.start("n"), found.end()
        if _LISTED_BEFORE.search(text[max(0, start - 16):start]) or _LISTED_AFTER.match(text[end:end + 12]):
            continue  # "4x, 10x and 20x faster … respectively": each is one setting's
        if not (_SPEED_AFTER.match(text[end:end + 48]) or _SPEED_BEFORE.search(text[max(0, start - 48):start])):
            continue  # "2.5 times the activated parameters": a multiple of another thing
        if _NAMED_BASELINE.match(text[end:end + 64]):
            continue
        out.append((found.group(0).strip(), float(found.group("n")), "", start))
    return out
