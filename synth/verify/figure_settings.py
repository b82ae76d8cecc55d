"""What a sentence says each of its figures is of: the name it is tagged with ("92.7% on HumanEval and 86.3% on
EvalPlus", lists paired in order), the enumeration it belongs to, and the setting it is given at.

Settings: "The learning rate was 1.41 × 10−5 for style tasks and 7.07 × 10−6 for summarization." gives each figure
at the setting named right after it. A claim that names one of those settings is about that figure only: without
this, the words before the second figure ("… for style tasks and") made it look like the style tasks' figure, and
the first figure supported "the summarization policy has a learning rate of 1.41 × 10−5". A claim that names none
of them is left to the words around its figure: the setting of one figure is often the whole of which the others
are parts ("119K GPU hours for the context length extension … 2.788M GPU hours for its full training")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from synth import claimparse
from synth.claimparse import Quantity
from synth.verify.windows import Window
from synth.verify.words import norm, shared_words, word_tokens

# A setting phrase opens on its preposition right after the figure or the noun it counts ("512 for summarization",
# "2 epochs for the NLP tasks", "90.2 on HumanEval").
_SETTING_OPENS = re.compile(r"\s*(?:[\w\-]+\s+){0,2}?(?:for|on|in|at|during|under|when)\s+", re.IGNORECASE)
# It ends where the clause does.
_SETTING_ENDS = re.compile(r"[,;:()]|\.(?:\s|$)|\s(?:and|or|while|whereas|but|with)\s", re.IGNORECASE)
# Words that name what has a figure, never where it was measured: "the models are trained for 2 epochs" names no
# setting "on reward modeling".
_HOLDERS = frozenset(norm(w) for w in ("model", "models", "method", "system", "approach", "network", "baseline"))


@dataclass(frozen=True)
class FigureSettings:
    """Of one window: the words of its own setting each figure is given at (only the words no sibling's setting
    shares), by the figure's start."""

    distinct: dict[int, frozenset[str]]

    def set_aside(self, claim: str) -> frozenset[int]:
        """The starts of the figures given at settings the claim does not name, when it names one of them: beside
        the one it names, they are other settings' values (neither stating nor contradicting it)."""
        if not self.distinct:
            return frozenset()
        said = word_tokens(claim).bag
        unnamed = frozenset(start for start, words in self.distinct.items() if not shared_words(said, words))
        return unnamed if len(unnamed) < len(self.distinct) else frozenset()


def _setting_after(text: str, figure: Quantity, limit: int) -> frozenset[str]:
    opens = _SETTING_OPENS.match(text, figure.end, limit)
    if opens is None:
        return frozenset()
    ends = _SETTING_ENDS.search(text, opens.end(), limit)
    return word_tokens(text[opens.end():ends.start() if ends else limit]).bag - _HOLDERS


def figure_settings(window: Window, figures: Sequence[Quantity]) -> FigureSettings:
    """The settings a window's sentences give their figures, where a sentence gives two or more figures each at a
    setting of its own."""
    groups: dict[int, list[tuple[Quantity, frozenset[str]]]] = {}
    ordered = sorted(figures, key=lambda q: q.start)
    for i, figure in enumerate(ordered):
        second = int(0 < window.split <= figure.start)
        sentence_end = window.split if not second and window.split > 0 else len(window.text)
        limit = min(ordered[i + 1].start if i + 1 < len(ordered) else len(window.text), sentence_end)
        words = _setting_after(window.text, figure, limit)
        if words:
            groups.setdefault(second, []).append((figure, words))
    distinct: dict[int, frozenset[str]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        for figure, words in members:
            own = words - frozenset().union(*(w for f, w in members if f is not figure))
            if own:
                distinct[figure.start] = own
    return FigureSettings(distinct)


def claim_stretch(claim: str, figure: Quantity, figures: Sequence[Quantity]) -> str:
    """The words of a claim that can name its figure's setting: the whole claim when it has one figure, else the
    stretch between the figures before and after it ("… 90.2% on HumanEval and 43.4% on LiveCodeBench")."""
    before = max((f.end for f in figures if f.end <= figure.start), default=0)
    after = min((f.start for f in figures if f.start >= figure.end), default=len(claim))
    return claim[before:after] if len(figures) > 1 else claim


_ENUMERATION_GLUE = re.compile(r"^\s*[A-Za-z-]*\s*(?:,\s*|\s+)(?:and\s+|or\s+)?"
                               r"(?:then\s+|finally\s+|ultimately\s+|eventually\s+)?$", re.IGNORECASE)


def enumerations(text: str, figures: Sequence[Quantity]) -> dict[int, int]:
    """Figure start → number of the enumeration it belongs to ("32,768 tokens, 65,536 tokens, and
    ultimately 262,144 tokens"): members of one list are not rivals of each other."""
    group, out = 0, {}
    for previous, current in itertools.pairwise(figures):
        if _ENUMERATION_GLUE.match(text[previous.end:current.start]):
            out.setdefault(previous.start, group)
            out[current.start] = out[previous.start]
        else:
            group += 1
    return out


_LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$")


def _lists(items: Sequence[tuple[str, int, int]], text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of two or more items joined only by commas / "and" / "or"."""
    groups: list[list[tuple[str, int, int]]] = []
    for item in items:
        if groups and _LIST_GLUE.match(text[groups[-1][-1][2]:item[1]]):
            groups[-1].append(item)
        else:
            groups.append([item])
    return [g for g in groups if len(g) >= 2]


_ON_NAME = re.compile(r"^\s*(?:on|in|for|at)\s+(?:the\s+)?$", re.IGNORECASE)


# A name, one noun, then the figure it is brought to: "LibriSpeech samples to 16.4%"
_NAME_TO = re.compile(r"^\s+(?:[a-z][\w\-]*\s+)?to\s+$")


@lru_cache(maxsize=32768)
def respectively(text: str) -> dict[int, tuple[str, tuple[str, ...]]]:
    """What each figure is a figure *of*, when the sentence says so: "92.7% on HumanEval and 86.3%
    on EvalPlus" tags each figure with its benchmark; "MMLU and BBH ... 79.7 and 78.2" pairs the
    lists in order; and a later list of as many figures ("(92.1 and 85.9)") follows the same order.
    Maps a figure's start to (its name, all names of that group)."""
    names = list(claimparse.name_spans(text))
    figures = [(q.raw, q.start, q.end) for q in claimparse.quantities(text)]
    pairs: dict[int, tuple[str, tuple[str, ...]]] = {}
    tagged: list[tuple[int, str]] = []
    for _, start, end in figures:
        follower = next(((name, s) for name, s, _ in names if s >= end and _ON_NAME.match(text[end:s])), None)
        leader = next((name for name, _, e in reversed(names) if e <= start and _NAME_TO.match(text[e:start])), None)
        if follower is not None:
            tagged.append((start, follower[0]))
        elif leader is not None:  # "compresses ImageNet patches to 43.4% and LibriSpeech samples to 16.4%"
            tagged.append((start, leader))
    if len(tagged) >= 2:
        members = tuple(name for _, name in tagged)
        for start, name in tagged:
            pairs[start] = (name, members)
    name_lists = _lists(names, text)
    figure_lists = _lists(figures, text)
    for figure_list in figure_lists:
        before = [n for n in name_lists if len(n) == len(figure_list) and n[-1][2] <= figure_list[0][1]
                  and ". " not in text[n[-1][2]:figure_list[0][1]]]
        if before:
            order = tuple(name for name, _, _ in before[-1])
        else:
            earlier = [(start, name) for start, name in tagged
                       if start < figure_list[0][1] and ". " not in text[start:figure_list[0][1]]]
            if len(earlier) != len(figure_list):
                continue
            order = tuple(name for _, name in earlier)
        for name, (_, start, _) in zip(order, figure_list, strict=True):
            pairs[start] = (name, order)
    return pairs
