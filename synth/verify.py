"""Verification: every claim gets a verdict backed by quoted evidence, or `insufficient`.

For a claim, candidate passages come from BM25 (synth.index: the claim's words, plus the passages
naming all its entities). Text passages are cut into windows of one or two sentences and compared
with the claim on five things:

* words: the IDF-weighted share of the claim's content words the window (or its section heading)
  states, with light stemming and a few general synonyms (use/employ); rise/fall words and
  outperform/trail words count as one word each, their direction being checked separately;
* names: every named entity of the claim must be in the window, its heading or the document title
  (a document is about what its title names), with variants respected: `Qwen2.5-72B-Instruct` is
  never the base `Qwen2.5-72B`, and an acronym is found through its expansion ("RL" in
  "Reinforcement Learning"); a window naming another version or size of the claim's model in its
  place (Qwen2 for Qwen2.5) is a swapped entity;
* figures: each figure is matched to the window figure in the same role: same kind (scale words
  count: 18 trillion ≠ 18 billion; percentages are not bare integers), similar words around it,
  the same noun after it, and the same owner ("A reached 92.7% on X and 86.3% on Y, ahead of B
  (92.1 and 85.9)": 92.1 is B's figure on X);
* polarity: negation ("not", "no", "ineffective") and direction of change (increase vs decrease)
  of the clause that carries the claim must agree; questions, aims and hedges ("to assess
  whether", "may") state nothing;
* comparatives: "A outperforms B" is contradicted by "B outperforms A" or "A trails B"; a claim
  comparing two names is only supported by a passage that compares those two.

A window *supports* the claim only when all five agree; it *contradicts* it when it is about the
same names and words but states a different figure in the same role, the opposite polarity or
direction, the reverse comparison, or the same thing of a swapped entity. Table cells are checked
directly: "X scores N on B" against the cell (row B, column X) of synth.tables records, choosing
the instruct or base column from the name and the caption, and the table the claim's words point
to; "A beats B on X" against both cells. A table answer takes precedence over prose. Anything else
is `insufficient`: inventing support is the worst failure this product can have, so ties go to
the cautious verdict. Passages that point the other way are kept as `counter_evidence`
(synth.build.find_contradictions reports them, within one source or between sources).

Confidence is a weighted sum of named signals, each in [0, 1] and shown on the page:

    confidence = Σ CONFIDENCE_WEIGHTS[name] × signal[name]

The signals are defined per verdict (`_signals_for`, `_insufficient`), and the weights were
calibrated on the labelled seed-library claims and SciFact train (bench/verify_eval.py prints the
reliability tables): a higher confidence bin is right more often.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from rapidfuzz import fuzz

from synth import claimparse
from synth.claimparse import Assertion, Cue, Quantity
from synth.index import Hit, PassageIndex, any_of, phrase
from synth.models import Document, Evidence, Library, Passage, PassageKind, Signal, Table, Verdict, Verification
from synth.tables import TableRecord, caption_variant, name_variant, records, strip_variant
from synth.text import STOPWORDS, collapse, content_tokens, fold, sentence_spans

CANDIDATES = 40
SUPPORT_COVERAGE = 0.75
SUPPORT_COVERAGE_WITH_FIGURES = 0.5
CONTRADICT_COVERAGE = 0.6
POLARITY_COVERAGE = 0.75
MIN_SHARED_WORDS = 2
ROLE_MARGIN = 1.0
ROLE_STRONG = 2.5
ROLE_WEAK = 2.0
CONTEXT_TOKENS = 4
# Calibrated on the labelled seed-library claims and SciFact train (bench/verify_eval.py prints the
# reliability tables): among weightings that keep observed accuracy rising from bin to bin on each set
# and on both together, a point in the middle of that region with small calibration error, every
# signal weighted, and alignment kept at 0.30.
CONFIDENCE_WEIGHTS = {
    "alignment": 0.30,
    "numeric_agreement": 0.17,
    "entity_agreement": 0.27,
    "independent_sources": 0.18,
    "passage_relevance": 0.08,
}

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+']*[A-Za-z0-9+]|[A-Za-z0-9]")
_NUMERIC = re.compile(r"[\d.,%+\-]+[kmbt]?")
_DENIALS = frozenset({"never", "none", "neither", "cannot", "without"})
_SCALE_WORDS = frozenset({"trillion", "billion", "million", "thousand", "percent", "hundred"})
_EXTRA_STOPWORDS = frozenset({"can", "also", "than", "which", "who", "whose", "there", "here", "thus", "however",
                              "therefore", "i.e", "e.g", "etc", "et", "al", "around", "approximately", "about",
                              "roughly", "nearly", "almost", "up"})
# General-English equivalences (not tied to any data set): verbs a paraphrase swaps freely.
_SYNONYMS = {
    "utiliz": "us", "utilis": "us", "employ": "us", "leverag": "us", "adopt": "us", "use": "us",
    "demonstrat": "show", "exhibit": "show", "reveal": "show", "display": "show",
    "includ": "contain", "compris": "contain", "consist": "contain",
    "attain": "achiev", "obtain": "achiev", "reach": "achiev",
    "big": "larg", "large": "larg", "larger": "larg", "bigger": "larg",
    "small": "small", "smaller": "small",
}
# Verbs that only say "has this figure": a claim "X scored N on B" is checked on X, N and B.
_LIGHT_VERBS = frozenset({"scor", "achiev", "report", "record", "post", "get", "got", "show"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}s?$")
_RELATIVE = re.compile(r"\b(which|who|that|whose)\b", re.IGNORECASE)
_BARE_SIZE = re.compile(r"^\d+(?:\.\d+)?[BM]$", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_HAS_ALPHA = re.compile(r"[A-Za-z]")
_COMPACT = re.compile(r"[^a-z0-9+]")
_WORD_SPLIT = re.compile(r"[a-z0-9+]+")


# ---------------------------------------------------------------------------------------------
# Words


def _norm(token: str) -> str:
    """The form two words are compared in: folded, hyphens dropped, lightly stemmed, synonyms merged.
    Rise/fall words become one token, and so do outperform/trail words: "increases" and
    "decreases" are about the same thing, and their direction is checked separately."""
    word = fold(token).strip(".-'").replace("'s", "").replace("’s", "")
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        return word
    kind = claimparse.word_kind(word)
    if kind is not None:
        return f"<{kind}>"
    denial = claimparse.NEGATIVE_ADJECTIVE.fullmatch(word)
    if denial is not None:
        word = denial.group(1)
    word = claimparse.stem(word.replace("-", ""))
    return _SYNONYMS.get(word, word)


def _is_content(token: str) -> bool:
    low = fold(token).strip(".-'")
    if (len(low) < 2 or low in STOPWORDS or low in _EXTRA_STOPWORDS or low in _SCALE_WORDS
            or low in claimparse.NUMBER_WORDS or low in _DENIALS):
        return False
    return not _NUMERIC.fullmatch(low)


@dataclass(frozen=True)
class _Tokens:
    """Content tokens of a text with their offsets, for word coverage and figure context."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def bag(self) -> frozenset[str]:
        return frozenset(self.words)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> _Tokens:
    words, spans = [], []
    for match in _WORD.finditer(text):
        if _is_content(match.group(0)):
            words.append(_norm(match.group(0)))
            spans.append((match.start(), match.end()))
    return _Tokens(tuple(words), tuple(spans))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[0] != b[0]:
        return False
    shortest = min(len(a), len(b))
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(5, 0.75 * shortest)


def _shared(claim_words: frozenset[str], window_words: frozenset[str]) -> frozenset[str]:
    """Claim words the window states, exactly or as a close morphological variant."""
    found = set(claim_words & window_words)
    for word in claim_words - found:
        if any(_same_word(word, other) for other in window_words):
            found.add(word)
    return frozenset(found)


# ---------------------------------------------------------------------------------------------
# The claim


@dataclass(frozen=True)
class ClaimInfo:
    """Everything about a claim that is compared with passages, computed once."""

    text: str
    assertion: Assertion
    words: frozenset[str]
    entities: tuple[str, ...]
    variants: tuple[str | None, ...]
    models: tuple[str, ...]
    negated: bool
    direction: int
    cues: tuple[Cue, ...]
    order: tuple[str | None, str | None]
    verbatim: str = ""


def _compact(text: str) -> str:
    return _COMPACT.sub("", fold(text))


def _model_like(name: str, measures: frozenset[str]) -> bool:
    """A name that can own a figure (a model, a drug, a gene), not a benchmark or a bare size."""
    if _compact(name) in measures or _BARE_SIZE.match(name):
        return False
    return bool(_HAS_DIGIT.search(name) and _HAS_ALPHA.search(name))


def _claim_info(claim: str, measures: frozenset[str]) -> ClaimInfo:
    assertion = claimparse.parse(claim)
    spans = claimparse.name_spans(claim)
    entities = assertion.entities
    variants = []
    for name in entities:
        variant = name_variant(name)
        if variant is None:
            for mention, start, end in spans:
                if mention == name:
                    variant = claimparse.variant_around(claim, start, end)
                    break
        variants.append(variant)
    entity_tokens = {_norm(t) for name in entities for t in _WORD.findall(name)}
    words = frozenset(w for w in _tokens(claim).words if w not in entity_tokens)
    if assertion.quantities and len(entities) >= 2:
        words -= _LIGHT_VERBS
    models = tuple(name for name in entities if _model_like(name, measures))
    cues = claimparse.comparatives(claim)
    verbatim = collapse(fold(claim)).rstrip(".!?;: ")
    return ClaimInfo(claim, assertion, words, entities, tuple(variants), models, claimparse.negated(claim),
                     claimparse.direction(claim), cues, _comparison_order(claim, spans, cues, measures),
                     verbatim if len(verbatim) >= 20 else "")


def _comparison_order(text: str, spans: Sequence[tuple[str, int, int]], cues: Sequence[Cue],
                      measures: frozenset[str]) -> tuple[str | None, str | None]:
    """(subject, object) of the first entity comparison: "A outperforms B" → (A, B)."""
    cue = next((c for c in cues if c.group != "amount"), None)
    if cue is None:
        return None, None
    models = [(name, start) for name, start, _ in spans if _model_like(name, measures)]
    return _subject(text, models, cue), _object(text, models, cue)


def _subject(text: str, models: Sequence[tuple[str, int]], cue: Cue) -> str | None:
    """Who the comparative is said of: the nearest name before a relative pronoun ("B, which is
    five times larger"), else the first name of the sentence ("A, despite being smaller")."""
    sentence_start = max(text.rfind(". ", 0, cue.start), text.rfind("; ", 0, cue.start), 0)
    before = [(name, start) for name, start in models if sentence_start <= start < cue.start]
    if not before:
        return None
    nearest, start = before[-1]
    if _RELATIVE.search(text[start + len(nearest):cue.start]):
        return nearest
    return before[0][0]


def _object(text: str, models: Sequence[tuple[str, int]], cue: Cue) -> str | None:
    """What the comparative is measured against: the first name after it in its sentence."""
    stops = [p for p in (text.find(". ", cue.end), text.find("; ", cue.end)) if p >= 0]
    sentence_end = min(stops) if stops else len(text)
    return next((name for name, start in models if cue.end <= start < sentence_end), None)


# ---------------------------------------------------------------------------------------------
# Names


def _acronym_in(acronym: str, text: str) -> bool:
    """`RL` in "... Reinforcement Learning ...", `SFT` in "Supervised Fine-tuning"."""
    letters = acronym.rstrip("s").upper()
    words = [w for w in re.split(r"[\s\-/]+", text) if w[:1].isalpha()]
    initials = "".join(w[0].upper() for w in words)
    return len(letters) >= 2 and letters in initials and any(
        "".join(w[0].upper() for w in words[i:i + len(letters)]) == letters and words[i][:1].isupper()
        for i in range(len(words) - len(letters) + 1))


def _mentioned(folded: str, raw: str, name: str, variant: str | None) -> bool:
    """Whether a text names the entity, respecting the claim's variant (base vs instruct)."""
    if variant == "instruct" and name_variant(name) is None:
        if not claimparse.mentions(folded, name):
            return False
        return "instruct" in folded or "chat" in folded or bool(re.search(r"-it\b", folded))
    if claimparse.mentions(folded, name):
        if variant == "base" and name_variant(name) is None:
            return not claimparse.mentions(folded, name + "-Instruct") or " base" in folded
        return True
    if name_variant(name) == "instruct":
        stripped = strip_variant(name)
        return claimparse.mentions(folded, stripped) and ("instruct" in folded or "chat" in folded)
    if _ACRONYM.match(name):
        return _acronym_in(name, raw)
    return False


def _composite(name: str, folded_window: str, folded_context: str) -> bool:
    """`Qwen2.5-Coder-32B-Instruct` in "The 32B-Instruct model", in a document titled Qwen2.5-Coder."""
    parts = re.split(r"[-\s]+", name)
    for cut in range(1, len(parts)):
        head, tail = "-".join(parts[:cut]), "-".join(parts[cut:])
        if (_HAS_DIGIT.search(tail) and claimparse.mentions(folded_window, tail)
                and claimparse.mentions(folded_context, head)):
            return True
    return False


def _entity_found(info: ClaimInfo, index: int, window: Window) -> float:
    """1 when the window names the entity, 0.75 when only its heading, the document title or (for
    names that own no figures, such as acronyms) the rest of its paragraph does, else 0."""
    name, variant = info.entities[index], info.variants[index]
    if _mentioned(window.folded, window.text, name, variant):
        return 1.0
    context = window.context
    if _composite(name, window.folded, fold(context)):
        return 1.0
    if context and _mentioned(fold(context), context, name, variant):
        return 0.75
    paragraph = window.passage.text
    if name not in info.models and _mentioned(fold(paragraph), paragraph, name, variant):
        return 0.75
    return 0.0


# ---------------------------------------------------------------------------------------------
# Windows


@dataclass(frozen=True)
class Window:
    """One or two adjacent sentences of a passage, with offsets into the document text."""

    passage: Passage
    text: str
    start: int
    end: int
    relevance: float
    context: str = ""
    split: int = 0
    title: str = ""

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def sentences(self) -> tuple[str, ...]:
        """The window's one or two sentences."""
        if self.split <= 0:
            return (self.text,)
        return (self.text[:self.split].rstrip(), self.text[self.split:])

    def sentence_at(self, position: int) -> str:
        return self.text if self.split <= 0 else (self.text[:self.split] if position < self.split
                                                  else self.text[self.split:])


@lru_cache(maxsize=32768)
def _sentence_windows(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, start of the second sentence or 0) of each sentence and each adjacent pair."""
    spans = sentence_spans(text)
    windows = [(s, e, 0) for s, e in spans]
    windows += [(spans[i][0], spans[i + 1][1], spans[i + 1][0] - spans[i][0]) for i in range(len(spans) - 1)]
    return tuple(windows)


def _windows(hit: Hit, top_score: float, title: str) -> list[Window]:
    passage = hit.passage
    if passage.kind is PassageKind.TABLE_ROW:
        return []
    relevance = hit.score / top_score if top_score > 0 else 0.0
    context = " ".join(part for part in (passage.section or "", title) if part)
    return [
        Window(passage, passage.text[s:e], passage.start + s, passage.start + e, relevance, context, split, title)
        for s, e, split in _sentence_windows(passage.text)
    ]


# ---------------------------------------------------------------------------------------------
# Figures


def _context(text: str, quantity: Quantity) -> tuple[frozenset[str], frozenset[str]]:
    """Content words just before and just after a figure, within its sentence."""
    tokens = _tokens(text)
    limit_left = max(text.rfind(". ", 0, quantity.start), text.rfind("; ", 0, quantity.start), 0)
    right_stop = [p for p in (text.find(". ", quantity.end), text.find("; ", quantity.end)) if p >= 0]
    limit_right = min(right_stop) if right_stop else len(text)
    before = [w for w, (s, _) in zip(tokens.words, tokens.spans, strict=True) if limit_left <= s < quantity.start]
    after = [w for w, (s, _) in zip(tokens.words, tokens.spans, strict=True) if quantity.end <= s < limit_right]
    return frozenset(before[-CONTEXT_TOKENS:]), frozenset(after[:CONTEXT_TOKENS])


def _unit(text: str, quantity: Quantity) -> str | None:
    """The noun right after a figure ("18 trillion tokens" → token; names such as "Qwen2.5" in
    "500 Qwen2.5 models" are skipped), if the next word is one."""
    position = quantity.end
    while True:
        match = _WORD.search(text, position)
        if match is None or text[position:match.start()].strip(" ") not in ("", "-"):
            return None
        if _HAS_DIGIT.search(match.group(0)) and _HAS_ALPHA.search(match.group(0)):
            position = match.end()
            continue
        return _norm(match.group(0)) if _is_content(match.group(0)) else None


def _unit_end(text: str, quantity: Quantity) -> int:
    """Where a figure and the noun right after it end ("7 trillion tokens|")."""
    match = _WORD.match(text, quantity.end + (len(text[quantity.end:]) - len(text[quantity.end:].lstrip(" "))))
    return match.end() if match and _unit(text, quantity) is not None else quantity.end


def _near_after(text: str, quantity: Quantity) -> frozenset[str]:
    tokens = _tokens(text)
    return frozenset([w for w, (start, _) in zip(tokens.words, tokens.spans, strict=True)
                      if start >= quantity.end][:2])


def _role_fit(claim: str, q: Quantity, window: str, w: Quantity) -> float | None:
    """How alike the words around two figures are: same side counts fully, the other side half;
    None when the nouns right after them differ ("two epochs" is not "131,072 tokens")."""
    before_q, after_q = _context(claim, q)
    before_w, after_w = _context(window, w)
    unit_q, unit_w = _unit(claim, q), _unit(window, w)
    if (unit_q is not None and unit_w is not None and not _same_word(unit_q, unit_w)
            and unit_q not in _near_after(window, w) and unit_w not in _near_after(claim, q)):
        return None
    return (len(_shared(before_q, before_w)) + len(_shared(after_q, after_w))
            + 0.5 * (len(_shared(before_q, after_w)) + len(_shared(after_q, before_w))))


_OWNED_BY = re.compile(r"^\s*[A-Za-z-]*\s*(?:used\s+|reported\s+|achieved\s+|obtained\s+)?(?:for|of|by|in)\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)


def _owner(window: str, position: int, spans: Sequence[tuple[str, int, int]], measures: frozenset[str],
           end: int | None = None) -> str | None:
    """The name a figure is said of: a name right after it ("7 trillion tokens used for Qwen2"),
    else the nearest model-like name before it in its sentence."""
    if end is not None:
        for name, start, _ in spans:
            if start >= end and _model_like(name, measures) and _OWNED_BY.match(window[end:start]):
                return name
    sentence_start = max(window.rfind(". ", 0, position), window.rfind("; ", 0, position), 0)
    owner = None
    for name, start, _ in spans:
        if start >= position:
            break
        if start >= sentence_start and _model_like(name, measures):
            owner = name
    return owner


_ENUMERATION_GLUE = re.compile(r"^\s*[A-Za-z-]*\s*(?:,\s*|\s+)(?:and\s+|or\s+)?"
                               r"(?:then\s+|finally\s+|ultimately\s+|eventually\s+)?$", re.IGNORECASE)


def _enumerations(text: str, figures: Sequence[Quantity]) -> dict[int, int]:
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


def _owned_by_claim(owner: str | None, info: ClaimInfo, window_names: bool) -> bool:
    """Whether a window figure may be the claim's: only decided when the window itself names one
    of the claim's models (otherwise the figure's nearest name says little)."""
    if owner is None:
        return True
    if not info.models:
        return False
    if not window_names:
        return True
    folded_owner = fold(owner)
    return any(claimparse.mentions(folded_owner, name) or claimparse.mentions(fold(name), owner)
               or claimparse.mentions(folded_owner, strip_variant(name)) for name in info.models)


def _comparable(q: Quantity, w: Quantity) -> bool:
    """Same kind of figure in prose: a percentage is compared with a percentage, or with a score
    written with decimals ("92.7%" vs "(92.1 and 85.9)"), never with a bare integer."""
    if (q.unit == "%") != (w.unit == "%"):
        plain = w if q.unit == "%" else q
        if plain.unit != "plain" or plain.decimals == 0:
            return False
    return q.compatible(w)


def _mantissa(q: Quantity) -> str:
    match = re.match(r"[\d.,]+", q.raw)
    return match.group(0).replace(",", "") if match else q.raw


def _implausible(q: Quantity, w: Quantity) -> bool:
    """Figures two orders of magnitude apart are not the same figure misstated, unless only the
    scale word differs (18 trillion vs 18 billion)."""
    if q.value <= 0 or w.value <= 0 or q.unit == "%" or w.unit == "%":
        return False
    if max(q.value, w.value) / min(q.value, w.value) <= 100:
        return False
    return q.unit != "scale" or _mantissa(q) != _mantissa(w)


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


@lru_cache(maxsize=32768)
def _respectively(text: str) -> dict[int, tuple[str, tuple[str, ...]]]:
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
        if follower is not None:
            tagged.append((start, follower[0]))
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


@dataclass(frozen=True)
class FigureCheck:
    """How the claim's figures fare in one window."""

    matched: int
    conflict: Quantity | None
    conflict_fit: float
    claimed: Quantity | None


def _check_figures(info: ClaimInfo, window: Window, parsed: Assertion, measures: frozenset[str]) -> FigureCheck:
    spans = claimparse.name_spans(window.text)
    names_claim_model = any(claimparse.mentions(window.folded, name) for name in info.models)
    paired = _respectively(window.text)
    matched = 0
    best: tuple[float, Quantity, Quantity] | None = None
    lists = _enumerations(window.text, parsed.quantities)
    for q in info.assertion.quantities:
        agreeing: list[tuple[float, Quantity]] = []
        rivals: list[tuple[float, Quantity]] = []
        unit_q = _unit(info.text, q)
        for w in parsed.quantities:
            if not _comparable(q, w) or _implausible(q, w):
                continue
            owner = _owner(window.text, w.start, spans, measures, _unit_end(window.text, w))
            if not _owned_by_claim(owner, info, names_claim_model):
                continue
            fit = _role_fit(info.text, q, window.text, w)
            bonus = 1.0 if owner is not None and names_claim_model else 0.0
            if w.start in paired:
                partner, members = paired[w.start]
                if any(_same_name(partner, e) for e in info.entities):
                    bonus += 2.0
                elif any(_same_name(m, e) for m in members for e in info.entities):
                    continue
            if q.agrees(w):
                same_unit = unit_q is not None and fit is not None and _unit(window.text, w) is not None
                agreeing.append(((fit or 0.0) + bonus + (1.0 if same_unit else 0.0), w))
            elif fit is not None and not any(w.agrees(other) for other in info.assertion.quantities):
                rivals.append((fit + bonus, w))
        if agreeing:
            enumerated = {lists[w.start] for _, w in agreeing if w.start in lists}
            rivals = [(fit, w) for fit, w in rivals if lists.get(w.start, -1) not in enumerated]
        best_agree = max((fit for fit, _ in agreeing), default=-1.0)
        best_rival = max(rivals, key=lambda item: item[0], default=None)
        if agreeing and (best_rival is None or best_rival[0] < max(ROLE_STRONG, best_agree + ROLE_MARGIN)):
            matched += 1
        elif best_rival is not None and (best is None or best_rival[0] > best[0]):
            best = (best_rival[0], best_rival[1], q)
    if best is None:
        return FigureCheck(matched, None, 0.0, None)
    return FigureCheck(matched, best[1], best[0], best[2])


# ---------------------------------------------------------------------------------------------
# One window


@dataclass(frozen=True)
class Judgement:
    """How one window (or table cell) relates to the claim."""

    verdict: Verdict
    evidence: Evidence
    coverage: float
    numeric: float
    entity: float
    relevance: float
    reason: str
    kind: str = "text"


def _evidence(window: Window, source: str, conflicting: str | None = None) -> Evidence:
    return Evidence(
        source=source,
        doc_id=window.passage.doc_id,
        quote=collapse(window.text),
        start=window.start,
        end=window.end,
        page=window.passage.page,
        section=window.passage.section,
        passage_kind=window.passage.kind,
        conflicting_value=conflicting,
    )


_CLAUSE_BREAK = re.compile(r";|:|,\s*(?=(?:whereas|while|but|although|though|yet|however|which|who|and)\b)"
                           r"|\b(?:whereas|but)\b")


def _best_sentence(info: ClaimInfo, window: Window) -> str:
    """The sentence of a two-sentence window that carries the claim, for polarity checks."""
    return max(window.sentences(), key=lambda s: len(_shared(info.words, _tokens(s).bag)))


def _matching_clause(claim: str, clause: str) -> str:
    """The clause of a compound claim that a window clause speaks to, so "A, but not B" is compared
    part by part rather than as one denial."""
    parts = [c for c in _CLAUSE_BREAK.split(claim) if c and c.strip()]
    if len(parts) <= 1:
        return claim
    target = _tokens(clause).bag
    return max(parts, key=lambda c: len(_shared(_tokens(c).bag, target)))


def _best_clause(info: ClaimInfo, sentence: str) -> str:
    """The clause of a sentence that carries the claim ("X increased A, whereas Y decreased B"),
    so a contrast elsewhere in the sentence does not flip its direction."""
    clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()]
    if len(clauses) <= 1:
        return sentence

    def weight(clause: str) -> float:
        says_change = info.direction != 0 and any(claimparse.directions(clause))
        return len(_shared(info.words, _tokens(clause).bag)) + (0.5 if says_change else 0.0)

    return max(clauses, key=weight)


def _comparison_conflict(info: ClaimInfo, window: Window, measures: frozenset[str]) -> bool | None:
    """True when the window compares the claim's names the other way round, False when the same way,
    None when it does not compare them."""
    subject, obj = info.order
    if subject is None or not info.cues:
        return _phrase_comparison_conflict(info, window)
    claim_cue = next(c for c in info.cues if c.group != "amount")
    cues = [c for c in claimparse.comparatives(window.text) if c.group == claim_cue.group]
    if not cues:
        return None
    spans = claimparse.name_spans(window.text)
    models = [(name, start) for name, start, _ in spans if _model_like(name, measures)]
    for cue in cues:
        said_of, against = _subject(window.text, models, cue), _object(window.text, models, cue)
        if said_of is None:
            continue
        same_subject = _same_name(said_of, subject) and (against is None or obj is None or _same_name(against, obj))
        reversed_subject = (obj is not None and _same_name(said_of, obj)
                            and (against is None or _same_name(against, subject)))
        if not same_subject and not reversed_subject:
            continue
        flipped = (cue.lower != claim_cue.lower) != reversed_subject
        return flipped
    return None


_THAN = re.compile(r"\b(more|less|better|worse|higher|lower|greater|fewer|larger|smaller)\b[^.;:]{0,40}?\bthan\b",
                   re.IGNORECASE)
_PHRASE_END = re.compile(r"[,;:.]|\b(?:in|for|at|on|among|during|when|with|after|before|because|by|as)\b",
                         re.IGNORECASE)


def _than_sides(text: str) -> tuple[frozenset[str], frozenset[str], bool] | None:
    """For "X is more effective than Y in Z": (words of X, words of Y, whether it says less)."""
    match = _THAN.search(text)
    if match is None:
        return None
    start = max(text.rfind(". ", 0, match.start()), text.rfind("; ", 0, match.start()), 0)
    left = _tokens(text[start:match.start()]).bag
    end = _PHRASE_END.search(text, match.end())
    right = _tokens(text[match.end():end.start() if end else len(text)]).bag
    lower = match.group(1).lower() in ("less", "worse", "lower", "fewer", "smaller")
    return left - right, right - left, lower


def _phrase_comparison_conflict(info: ClaimInfo, window: Window) -> bool | None:
    """"X is more effective than Y" against "Y is more effective than X", for unnamed things."""
    claim = _than_sides(info.text)
    if claim is None:
        return None
    for sentence in window.sentences():
        found = _than_sides(sentence)
        if found is None:
            continue
        same = len(_shared(claim[0], found[0])) + len(_shared(claim[1], found[1]))
        swapped = len(_shared(claim[0], found[1])) + len(_shared(claim[1], found[0]))
        if max(same, swapped) < 2 or same == swapped:
            continue
        return (claim[2] != found[2]) != (swapped > same)
    return None


def _family_of(name: str) -> str:
    match = re.match(r"[a-z]+", fold(name))
    return match.group(0) if match else ""


def _words_of(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", fold(name)))


def _substitute(info: ClaimInfo, found: list[float], window: Window, measures: frozenset[str]) -> str | None:
    """When exactly one model-like name of the claim is missing and the window names, in its place,
    the same name with other numbers (another version or size: Qwen2 for Qwen2.5, Llama-3-70B for
    Llama-3-405B), that name: a swapped entity. Names that differ in words (Qwen2.5-Turbo vs
    Qwen2.5-Plus) are other products, about which the window says nothing either way."""
    missing = [e for e, f in zip(info.entities, found, strict=True) if f == 0.0]
    if len(missing) != 1 or missing[0] not in info.models or len(_family_of(missing[0])) < 3:
        return None
    words = _words_of(strip_variant(missing[0]))
    for name, _, _ in claimparse.name_spans(window.text):
        if (_model_like(name, measures) and _words_of(strip_variant(name)) == words
                and not any(_same_name(name, e) for e in info.entities)):
            return name
    return None


def _about_offshoot(info: ClaimInfo, window: Window, measures: frozenset[str]) -> bool:
    """Whether the window's document is about an offshoot of the claim's model that the claim does
    not name (its title names it): a passage of notes on Qwen2.5-Coder that mentions "the Qwen2.5
    base checkpoint" gives Qwen2.5-Coder's figures, not Qwen2.5's, so it cannot contradict a claim
    on Qwen2.5 by a figure."""
    if not info.models or not window.title:
        return False
    folded_claim = fold(info.text)
    for text in (window.title,):
        for name, _, _ in claimparse.name_spans(text):
            folded = fold(name)
            if (_model_like(name, measures) and not claimparse.mentions(folded_claim, name)
                    and any(folded.startswith(fold(strip_variant(m)) + "-") and not claimparse.mentions(folded, m)
                            for m in info.models)):
                return True
    return False


def _same_name(a: str, b: str) -> bool:
    return claimparse.mentions(fold(a), strip_variant(b)) or claimparse.mentions(fold(b), strip_variant(a))


@dataclass
class _Probe:
    """Near misses seen while judging windows: windows that name every entity of the claim, scored
    by the share of its words (times the share of its figures) they state. They explain an
    `insufficient` verdict (the closest such passage is quoted) and lower its confidence."""

    best: float = 0.0
    window: Window | None = None
    sources: set[str] = field(default_factory=set)

    def record(self, window: Window, coverage: float) -> None:
        if coverage > self.best:
            self.best, self.window = coverage, window
        if coverage >= CONTRADICT_COVERAGE - 0.1:
            self.sources.add(window.passage.doc_id)


# "only", "solely", "exclusively" narrow a claim: a passage that does not say so does not state it.
_EXCLUSIVE = re.compile(r"\b(only|solely|exclusively|entirely|alone)\b", re.IGNORECASE)


def judge_window(info: ClaimInfo, window: Window, source: str, facts: _LibraryFacts,
                 probe: _Probe | None = None) -> Judgement | None:
    """Support, contradiction, or nothing (None) for one window of text."""
    measures = facts.measures
    parsed = claimparse.parse(window.text)
    found = [_entity_found(info, i, window) for i in range(len(info.entities))]
    substitute = None
    if any(f == 0.0 for f in found):
        substitute = _substitute(info, found, window, measures)
        if substitute is None:
            return None
        found = [1.0 if f == 0.0 else f for f in found]
    entity = sum(found) / len(found) if found else 1.0
    if info.verbatim and info.verbatim in collapse(window.folded):
        return Judgement(Verdict.SUPPORTED, _evidence(window, source), 1.0, 1.0,
                         entity, window.relevance, "the passage states it word for word")
    heading_words = _tokens(window.passage.section).bag if window.passage.section else frozenset()
    window_words = _tokens(window.text).bag | heading_words
    shared = _shared(info.words, window_words)
    coverage = facts.coverage(shared, info.words) if info.words else (1.0 if info.entities else 0.0)
    if probe is not None:
        stated = sum(1 for q in info.assertion.quantities if any(q.agrees(w) for w in parsed.quantities))
        probe.record(window, coverage * (stated / len(info.assertion.quantities) if info.assertion.quantities
                                         else 1.0))
    if len(shared) < min(MIN_SHARED_WORDS, len(info.words)) or coverage < min(CONTRADICT_COVERAGE,
                                                                                SUPPORT_COVERAGE_WITH_FIGURES):
        return None
    figures = _check_figures(info, window, parsed, measures)
    total = len(info.assertion.quantities)
    numeric = figures.matched / total if total else 1.0
    sentence = _best_sentence(info, window)
    if claimparse.hedged(sentence) and not claimparse.hedged(info.text):
        return None
    clause = _best_clause(info, sentence)
    claim_clause = _matching_clause(info.text, clause)
    negated = claimparse.negated(clause)
    same_polarity = negated == claimparse.negated(claim_clause)
    comparison = _comparison_conflict(info, window, measures)
    up, down = claimparse.directions(clause)
    claim_direction = claimparse.direction(claim_clause)
    if comparison is not None or claim_direction == 0:
        direction_ok, opposite_direction = True, False
    elif claimparse.direction_count(sentence) < claimparse.direction_count(claim_clause):
        direction_ok, opposite_direction = False, False
    elif claim_direction > 0:
        direction_ok, opposite_direction = up and not down, down and not up
    else:
        direction_ok, opposite_direction = down and not up, up and not down
    needed = SUPPORT_COVERAGE_WITH_FIGURES if total else SUPPORT_COVERAGE
    if info.order[0] is not None and info.order[1] is not None and comparison is None:
        comparison_ok = False
    else:
        comparison_ok = comparison is not True
    exclusive_ok = not _EXCLUSIVE.search(claim_clause) or bool(_EXCLUSIVE.search(sentence))
    states_it = (numeric == 1.0 and figures.conflict is None and same_polarity and direction_ok
                 and comparison_ok and exclusive_ok and coverage >= needed)
    if substitute is not None:
        if not states_it or coverage < POLARITY_COVERAGE:
            return None
        missing = next(e for e, f in zip(info.entities, found, strict=True) if not _mentioned(
            window.folded, window.text, e, None))
        return Judgement(Verdict.CONTRADICTED, _evidence(window, source, substitute), coverage, numeric, entity,
                         window.relevance, f"the passage says this of {substitute}, not {missing}")
    if states_it:
        return Judgement(Verdict.SUPPORTED, _evidence(window, source), coverage, numeric, entity,
                         window.relevance, "the passage states it")
    if coverage < CONTRADICT_COVERAGE:
        return None
    local = _shared(info.words, _tokens(window.sentence_at(figures.conflict.start)).bag | heading_words
                    ) if figures.conflict is not None else frozenset()
    local_coverage = facts.coverage(local, info.words) if info.words else 1.0
    if figures.conflict is not None and figures.claimed is not None and same_polarity and not _about_offshoot(
            info, window, measures) and (
            (figures.conflict_fit >= ROLE_STRONG and local_coverage >= CONTRADICT_COVERAGE)
            or (figures.conflict_fit >= ROLE_WEAK and local_coverage >= 0.8 and len(local) >= 3)):
        rival = figures.conflict
        return Judgement(Verdict.CONTRADICTED, _evidence(window, source, rival.raw), coverage, numeric, entity,
                         window.relevance, f"the passage gives {rival.raw} where the claim says {figures.claimed.raw}")
    if numeric < 1.0 or coverage < POLARITY_COVERAGE:
        return None
    if comparison is True:
        return Judgement(Verdict.CONTRADICTED, _evidence(window, source), coverage, numeric, entity, window.relevance,
                         "the passage makes the opposite comparison between the same names")
    if not same_polarity and not opposite_direction:
        which = "denies" if negated else "affirms"
        return Judgement(Verdict.CONTRADICTED, _evidence(window, source), coverage, numeric, entity,
                         window.relevance, f"the passage {which} what the claim states")
    if opposite_direction and same_polarity:
        return Judgement(Verdict.CONTRADICTED, _evidence(window, source), coverage, numeric, entity,
                         window.relevance, "the passage states the opposite direction of change")
    return None


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class _LibraryFacts:
    """Per-library lookups, built once: table records, measure names, doc → source key."""

    records: tuple[TableRecord, ...]
    measures: frozenset[str]
    source_of: dict[str, str]
    title_of: dict[str, str]
    row_spans: dict[tuple[str, int], tuple[int, int]]
    documents: dict[str, Document]
    frequency: dict[str, int]
    passages: int
    attributes: tuple[str, ...]

    def weight(self, word: str) -> float:
        """Inverse document frequency over the library's passages: rare words carry a claim."""
        return math.log((self.passages + 1) / (self.frequency.get(word, 0) + 1)) + 1.0

    def coverage(self, shared: frozenset[str], words: frozenset[str]) -> float:
        """IDF-weighted share of the claim's words that a passage states."""
        total = sum(self.weight(w) for w in words)
        return sum(self.weight(w) for w in shared) / total if total else 0.0


_FACTS: dict[tuple[str, str, int], _LibraryFacts] = {}


def _facts(library: Library) -> _LibraryFacts:
    key = (library.root, library.fingerprint, id(library))
    cached = _FACTS.get(key)
    if cached is not None:
        return cached
    found = [_normalised(r) for doc in library.documents for table in doc.tables for r in records(table)]
    measures = frozenset(m for r in found for m in (_compact(r.attribute), _compact(_unbracketed(r.attribute))))
    source_of = {s.document.doc_id: s.key for s in library.sources if s.document is not None}
    title_of = {d.doc_id: d.title or "" for d in library.documents}
    row_spans: dict[tuple[str, int], tuple[int, int]] = {}
    for doc in library.documents:
        by_table: dict[str, list[Passage]] = {}
        for passage in doc.passages:
            if passage.kind is PassageKind.TABLE_ROW and passage.table_id:
                by_table.setdefault(passage.table_id, []).append(passage)
        for table in doc.tables:
            rows = by_table.get(table.table_id, [])
            if len(rows) == len(table.rows):
                for number, passage in enumerate(rows):
                    row_spans[(table.table_id, number)] = (passage.start, passage.end)
    frequency: Counter[str] = Counter()
    texts = [p.text for d in library.documents for p in d.passages if p.kind is not PassageKind.TABLE_ROW]
    for text in texts:
        frequency.update(frozenset(_norm(m.group(0)) for m in _WORD.finditer(text) if _is_content(m.group(0))))
    # Each attribute label once, first-seen order: claims are matched against labels, not every cell.
    attributes = tuple(dict.fromkeys(r.attribute for r in found))
    facts = _LibraryFacts(tuple(found), measures, source_of, title_of, row_spans,
                          {d.doc_id: d for d in library.documents}, dict(frequency), len(texts), attributes)
    if len(_FACTS) > 4:
        _FACTS.clear()
    _FACTS[key] = facts
    return facts


def _unbracketed(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


def _family(caption: str) -> str | None:
    """The model family a caption names ("... of Qwen2.5 open-weight models" → Qwen2.5)."""
    for name in claimparse.entities(caption):
        if (_HAS_DIGIT.search(name) and _HAS_ALPHA.search(name) and not re.search(r"\d+(?:\.\d+)?[BM]\b", name)
                and not name.lower().startswith("table")):
            return name
    return None


def _normalised(record: TableRecord) -> TableRecord:
    """Fix what a generic table reader cannot know: rows named by bare sizes ("72B") are models of
    the family the caption names, and a model the caption names itself ("base models and
    Qwen2.5-Plus") takes no variant from the caption."""
    entity, attribute = record.entity, record.attribute
    if _BARE_SIZE.match(attribute.strip("* ")) and not _HAS_DIGIT.search(entity):
        entity, attribute = attribute, entity
    entity = entity.strip("* ")
    if _BARE_SIZE.match(entity):
        family = _family(record.table.caption)
        if family:
            entity = f"{family}-{entity}"
    variant = name_variant(entity) or caption_variant(record.table.caption)
    if claimparse.mentions(fold(record.table.caption), entity) and name_variant(entity) is None:
        variant = None
    if (entity, attribute, variant) == (record.entity, record.attribute, record.variant):
        return record
    return replace(record, entity=entity, attribute=attribute, variant=variant)


def _cell_quantity(record: TableRecord) -> Quantity:
    found = claimparse.quantities(record.raw)
    if found and abs(found[0].value - record.value) > 1e-9 and found[0].unit == "scale":
        return found[0]
    return Quantity(record.value, "plain", record.raw, 0, len(record.raw), 0)


def _attribute_span(claim: str, attribute: str) -> tuple[int, int] | None:
    """Where the claim names a table attribute, whole words only, separators ignored:
    "MT-Bench" ~ "MTbench", "IFEval (multilingual)" ~ itself, but "MMLU" never inside "MMLU-Pro"."""
    target = _compact(attribute)
    if not target:
        return None
    folded = fold(claim)
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD_SPLIT.finditer(folded)]
    for i in range(len(tokens)):
        joined = ""
        for j in range(i, len(tokens)):
            joined += tokens[j][0]
            if len(joined) > len(target):
                break
            if joined == target:
                start, end = tokens[i][1], tokens[j][2]
                if (start > 0 and folded[start - 1] in "-_.") or (end < len(folded) and folded[end] in "-_"
                                                                  and end + 1 < len(folded)
                                                                  and folded[end + 1].isalnum()):
                    break
                return start, end
    return None


def _record_entity_matches(record: TableRecord, name: str, variant: str | None) -> bool:
    """Same model, and a compatible variant: `Qwen2.5-72B-Instruct` ~ header `Qwen2.5-72B` in an
    instruction-tuned table, but never the base model's column."""
    target = fold(strip_variant(record.entity))
    if target != fold(strip_variant(name)) and not claimparse.name_pattern(strip_variant(name)).fullmatch(target):
        return False
    return variant is None or record.variant is None or variant == record.variant


def _row_evidence(record: TableRecord, facts: _LibraryFacts, source: str, conflicting: str | None) -> Evidence:
    """The table row the cell sits in, quoted exactly as the document has it."""
    table = record.table
    span = facts.row_spans.get((table.table_id, record.row))
    document = facts.documents[table.doc_id]
    if span is not None:
        start, end = span
        quote = collapse(document.text[start:end])
    else:
        start, end = table.start, table.end
        quote = collapse(document.text[start:end])
    return Evidence(source=source, doc_id=table.doc_id, quote=quote, start=start, end=end, page=table.page,
                    section=table.section, passage_kind=PassageKind.TABLE_ROW, conflicting_value=conflicting,
                    table_caption=table.caption or None)


def _caption_score(claim: str, table: Table) -> int:
    return len(_shared(_tokens(claim).bag, _tokens(table.caption).bag))


def _pick_tables(candidates: list[TableRecord], info: ClaimInfo) -> list[TableRecord]:
    """Among cells for the same name and attribute in several tables, keep the tables the claim's
    own words point to ("in-house English evaluation" → the English table)."""
    if len({r.table.table_id for r in candidates}) <= 1:
        return candidates
    scores = {r.table.table_id: _caption_score(info.text, r.table) for r in candidates}
    best = max(scores.values())
    return [r for r in candidates if scores[r.table.table_id] == best]


def _matching_records(info: ClaimInfo, facts: _LibraryFacts) -> dict[int, list[TableRecord]]:
    """For each claim entity, the cells of attributes the claim names, longest attribute first."""
    spans: dict[str, tuple[int, int]] = {}
    for attribute in facts.attributes:
        span = _attribute_span(info.text, attribute)
        if span is not None:
            spans[attribute] = span
    named = {a: s for a, s in spans.items()
             if not any(o != a and o_s[0] <= s[0] and s[1] <= o_s[1] and o_s != s for o, o_s in spans.items())}
    candidates = [r for r in facts.records if r.attribute in named] if named else []
    out: dict[int, list[TableRecord]] = {}
    for index, name in enumerate(info.entities):
        variant = info.variants[index]
        cells = [r for r in candidates if _record_entity_matches(r, name, variant)]
        if variant is None and name_variant(name) is None:
            preferred = [r for r in cells if r.variant in (None, "base")]
            by_attribute = {_compact(r.attribute) for r in preferred}
            cells = preferred + [r for r in cells if r.variant == "instruct"
                                 and _compact(r.attribute) not in by_attribute]
        if cells:
            out[index] = cells
    return out


def _claim_owner(info: ClaimInfo, q: Quantity, measures: frozenset[str]) -> str | None:
    return _owner(info.text, q.start, claimparse.name_spans(info.text), measures)


def judge_tables(info: ClaimInfo, library: Library) -> list[Judgement]:
    """Check "entity scores N on attribute" and comparatives against table cells."""
    if not info.entities or (not info.assertion.quantities and not info.cues):
        return []
    facts = _facts(library)
    matching = _matching_records(info, facts)
    judgements: list[Judgement] = []
    for index, cells in matching.items():
        name = info.entities[index]
        owned = [q for q in info.assertion.quantities
                 if len(info.models) <= 1 or _same_name(_claim_owner(info, q, facts.measures) or name, name)]
        if not owned:
            continue
        for attribute in sorted({_compact(r.attribute) for r in cells}):
            group = _pick_tables([r for r in cells if _compact(r.attribute) == attribute], info)
            judgements.extend(_judge_cells(info, group, owned, facts))
    if info.order[0] is not None and info.order[1] is not None:
        judgements.extend(_judge_comparative(info, matching, facts))
    return judgements


def _judge_cells(info: ClaimInfo, group: list[TableRecord], owned: list[Quantity],
                 facts: _LibraryFacts) -> list[Judgement]:
    """One name and attribute: a cell that states the claim's figure supports it (cells of other
    tables measured another way are then not counted against it); if none does, each differing
    cell contradicts it. A negated claim ("does not score N") is the other way round."""
    cells = [(record, _cell_quantity(record)) for record in group]
    cells = [(record, cell) for record, cell in cells if any(q.compatible(cell) for q in owned)]
    agreeing = [record for record, cell in cells if any(q.agrees(cell) for q in owned)]
    claimed = ", ".join(q.raw for q in owned)
    out = []
    for record, _ in cells:
        if agreeing and record not in agreeing:
            continue
        source = facts.source_of[record.table.doc_id]
        where = f"the table cell ({record.attribute}, {record.entity}) is {record.raw}"
        if bool(agreeing) != info.negated:
            out.append(Judgement(Verdict.SUPPORTED, _row_evidence(record, facts, source, None), 1.0, 1.0, 1.0, 1.0,
                                 where if agreeing else f"{where}, not {claimed}, as the claim says", "table"))
        else:
            out.append(Judgement(Verdict.CONTRADICTED, _row_evidence(record, facts, source, record.raw), 1.0, 0.0,
                                 1.0, 1.0, f"{where}, {'which the claim denies' if agreeing else 'not ' + claimed}",
                                 "table"))
    return out


def _judge_comparative(info: ClaimInfo, matching: dict[int, list[TableRecord]],
                       facts: _LibraryFacts) -> list[Judgement]:
    """`A outperforms B on X`: compare A's and B's cells for X in the same table."""
    cue = next(c for c in info.cues if c.group != "amount")
    if cue.group != "performance":
        return []
    subject, obj = info.order
    first = next((i for i, e in enumerate(info.entities) if e == subject), None)
    second = next((i for i, e in enumerate(info.entities) if e == obj), None)
    if first is None or second is None or first not in matching or second not in matching:
        return []
    out: list[Judgement] = []
    for a in matching[first]:
        for b in matching[second]:
            if b.table is not a.table or b.row != a.row or b.column == a.column:
                continue
            holds = a.value < b.value if cue.lower else a.value > b.value
            if info.negated:
                holds = not holds
            source = facts.source_of[a.table.doc_id]
            evidence = _row_evidence(a, facts, source, None if holds else b.raw)
            verdict = Verdict.SUPPORTED if holds else Verdict.CONTRADICTED
            out.append(Judgement(verdict, evidence, 1.0, 1.0, 1.0, 1.0,
                                 f"{a.entity} {a.raw} vs {b.entity} {b.raw} on {a.attribute}", "table"))
    return out


# ---------------------------------------------------------------------------------------------
# Decision and confidence


def verify_claim(claim: str, library: Library, index: PassageIndex) -> Verification:
    """The verdict for one claim against the whole library."""
    facts = _facts(library)
    info = _claim_info(claim, facts.measures)
    hits = _candidates(info, index)
    top = hits[0].score if hits else 0.0
    judgements = judge_tables(info, library)
    best_alignment = 0.0
    closest: Window | None = None
    folded_claim = fold(claim)
    probe = _Probe()
    for hit in hits:
        source = facts.source_of[hit.passage.doc_id]
        for window in _windows(hit, top, facts.title_of.get(hit.passage.doc_id, "")):
            judgement = judge_window(info, window, source, facts, probe)
            if judgement is not None:
                judgements.append(judgement)
            alignment = fuzz.token_set_ratio(folded_claim, window.folded) / 100
            if alignment > best_alignment:
                best_alignment, closest = alignment, window
    return _decide(info, judgements, best_alignment, closest, facts, probe, index)


def _candidates(info: ClaimInfo, index: PassageIndex) -> list[Hit]:
    """BM25 over the claim's words (unstemmed: the index stems them itself), plus the passages
    that name every entity of the claim, which a long claim's many words can push down."""
    terms = {t for t in content_tokens(info.text) if not claimparse.NUMBER_WORDS.issuperset({t})}
    hits = index.search(any_of(sorted(terms | {fold(e) for e in info.entities})), limit=CANDIDATES)
    if info.entities:
        both = " AND ".join(p for p in (phrase(e) for e in info.entities) if p)
        seen = {(h.passage.doc_id, h.passage.ordinal) for h in hits}
        extra = [h for h in index.search(both, limit=CANDIDATES // 2)
                 if (h.passage.doc_id, h.passage.ordinal) not in seen]
        if extra and hits:
            floor = min(h.score for h in hits)
            hits += [Hit(h.passage, min(h.score, floor)) for h in extra]
        elif extra:
            hits = extra
    return hits


def _score(judgement: Judgement) -> float:
    return judgement.coverage + judgement.entity + 0.5 * judgement.relevance


def _decide(info: ClaimInfo, judgements: list[Judgement], best_alignment: float, closest: Window | None,
            facts: _LibraryFacts, probe: _Probe, index: PassageIndex) -> Verification:
    tables = [j for j in judgements if j.kind == "table"]
    pool = tables if tables else judgements
    supports = [j for j in pool if j.verdict is Verdict.SUPPORTED]
    conflicts = [j for j in pool if j.verdict is Verdict.CONTRADICTED]
    if supports and (not conflicts or max(map(_score, supports)) >= max(map(_score, conflicts))):
        chosen, verdict = supports, Verdict.SUPPORTED
    elif conflicts:
        chosen, verdict = conflicts, Verdict.CONTRADICTED
    else:
        return _insufficient(info, best_alignment, closest, facts, probe, index)
    chosen = sorted(chosen, key=lambda j: (-_score(j), j.evidence.end - j.evidence.start, j.evidence.doc_id,
                                           j.evidence.start))
    evidence = _dedupe([j.evidence for j in chosen])[:3]
    best = chosen[0]
    sources = len({e.doc_id for e in _dedupe([j.evidence for j in chosen])})
    others = _dedupe([j.evidence for j in judgements if j.verdict is not verdict])
    others = [e for e in others if (e.doc_id, e.start) not in {(x.doc_id, x.start) for x in evidence}][:3]
    parts, notes = _signals_for(verdict, best, sources, bool(info.assertion.quantities), len(others))
    explanation = best.reason
    if others:
        explanation += f"; {len(others)} other passage(s) point the other way (listed as a conflict)"
    return Verification(info.text, verdict, _confidence(parts), tuple(evidence), _signals(parts, notes), explanation,
                        tuple(others))


def _signals_for(verdict: Verdict, best: Judgement, sources: int, has_figures: bool,
                 conflicts: int) -> tuple[dict[str, float], dict[str, str]]:
    """The five signals for a supported or contradicted verdict.

    alignment: share of the claim's content words in the quoted passage (1 for a table cell);
    numeric_agreement: 1 when every figure of the claim was checked and agrees (supported) or a
    figure in the same role differs (contradicted), 0.5 when the claim states no figure to check;
    entity_agreement: share of the claim's names in the passage itself (a name found only in the
    heading or title counts 0.75); independent_sources: 0.5 for one source, 1 for two or more,
    halved when other passages point the other way; passage_relevance: BM25 score of the passage
    relative to the best candidate (1 for a table cell).
    """
    if verdict is Verdict.SUPPORTED:
        numeric = (best.numeric if has_figures else 0.5)
    else:
        numeric = 1.0 if best.evidence.conflicting_value is not None else 0.5
    independent = min(1.0, sources / 2) if sources else 0.0
    if conflicts:
        independent /= 2
    parts = {
        "alignment": best.coverage,
        "numeric_agreement": numeric,
        "entity_agreement": best.entity,
        "independent_sources": independent,
        "passage_relevance": best.relevance,
    }
    notes = {
        "alignment": "share of the claim's content words found in the quoted passage (1 for a table cell)",
        "numeric_agreement": ("1 when the claim's figures were checked against the passage, 0.5 when it states none"
                              if verdict is Verdict.SUPPORTED else
                              "1 when a figure in the same role differs, 0.5 for a denial or reversed comparison"),
        "entity_agreement": "share of the claim's named entities present in the passage (0.75 if only in its "
                            "heading or title)",
        "independent_sources": f"{sources} source(s) with evidence; 2 or more count fully; halved when other "
                               f"passages disagree",
        "passage_relevance": "BM25 rank score of the passage relative to the best candidate",
    }
    return parts, notes


def _confidence(parts: dict[str, float]) -> float:
    return round(min(1.0, max(0.0, sum(CONFIDENCE_WEIGHTS[name] * value for name, value in parts.items()))), 2)


def _signals(parts: dict[str, float], notes: dict[str, str]) -> tuple[Signal, ...]:
    return tuple(Signal(name, round(parts[name], 3), notes[name]) for name in CONFIDENCE_WEIGHTS)


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    """Keep the first of overlapping quotes (a sentence and the two-sentence window around it)."""
    out: list[Evidence] = []
    for item in evidence:
        if not any(item.doc_id == kept.doc_id and item.start < kept.end and kept.start < item.end for kept in out):
            out.append(item)
    return out


def _insufficient(info: ClaimInfo, best_alignment: float, closest: Window | None, facts: _LibraryFacts,
                  probe: _Probe, index: PassageIndex) -> Verification:
    """No passage states or contradicts the claim. The quoted context is the closest near miss
    (a passage naming all the claim's entities), else the best fuzzy match.

    alignment: 1 − how close the library came (best fuzzy alignment or near-miss word coverage);
    numeric_agreement: 1 when the claim's figures appear in no candidate, 0.5 when it states none;
    entity_agreement: share of the claim's names that no passage of the library mentions at all
    (0.5 if it names none); independent_sources: 1 / (1 + sources with a near miss); passage_relevance: 1 − BM25
    relevance of the closest passage.
    """
    shown = probe.window if probe.window is not None else closest
    evidence: tuple[Evidence, ...] = ()
    if shown is not None:
        evidence = (_evidence(shown, facts.source_of[shown.passage.doc_id]),)
    missing = 0.5
    if info.entities:
        missing = sum(1 for name in info.entities if not index.mentions([name])) / len(info.entities)
    parts = {
        "alignment": 1.0 - max(best_alignment, probe.best),
        "numeric_agreement": 1.0 if info.assertion.quantities else 0.5,
        "entity_agreement": missing,
        "independent_sources": 1.0 / (1 + len(probe.sources)),
        "passage_relevance": 1.0 - (shown.relevance if shown else 0.0),
    }
    notes = {
        "alignment": "1 − how close the best candidate came (fuzzy alignment or share of the claim's words)",
        "numeric_agreement": "1 when no passage states the claim's figures, 0.5 when the claim states none",
        "entity_agreement": "share of the claim's names the library never mentions (0.5 when it names none)",
        "independent_sources": f"1 / (1 + {len(probe.sources)} source(s) that name the claim's entities and "
                               f"share most of its words without stating it)",
        "passage_relevance": "1 − relevance of the closest passage",
    }
    reason = "no passage in the library states or contradicts this claim"
    if shown is not None:
        reason += " (the closest passage is quoted for context)"
    return Verification(info.text, Verdict.INSUFFICIENT, _confidence(parts), evidence, _signals(parts, notes), reason)


def verify_claims(claims: Sequence[str], library: Library, index: PassageIndex) -> list[Verification]:
    """Verify each claim independently; same order as given."""
    return [verify_claim(claim, library, index) for claim in claims]
