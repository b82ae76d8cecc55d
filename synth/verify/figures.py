"""Figures: each figure of the claim is matched to the passage figure in the same role — same kind
(scale words count: 18 trillion ≠ 18 billion; percentages are not bare integers), similar words
around it, the same noun after it, and the same owner ("A reached 92.7% on X and 86.3% on Y,
ahead of B (92.1 and 85.9)": 92.1 is B's figure on X).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synth import claimparse
from synth.claimparse import Assertion, Quantity
from synth.tables import strip_variant
from synth.text import STOPWORDS, drawn, fold, has_tick_run
from synth.verify.chosen import other_role
from synth.verify.claim import ClaimInfo, ratio_token
from synth.verify.figure_settings import claim_stretch, enumerations, figure_settings, respectively
from synth.verify.names import mentioned, opens_on_another_name, same_name
from synth.verify.window_figures import footnote_mark, time_span
from synth.verify.windows import Window
from synth.verify.words import (
    HAS_ALPHA,
    HAS_DIGIT,
    WORD,
    is_content,
    model_like,
    norm,
    same_word,
    shared_words,
    word_tokens,
)

ROLE_MARGIN = 1.0


ROLE_STRONG = 2.5


ROLE_WEAK = 2.0


CONTEXT_TOKENS = 4


_FIGURE = re.compile(r"(?<![\w.\-])\d+(?:[.,]\d+)*(?![\w.]*[A-Za-z])")


_LEADS_IN = re.compile(r"\b(?:of|to|is|are|was|were|as|at)\s*$|[=:]\s*$", re.IGNORECASE)
_JOINT = re.compile(r"\s(?:and|while|whereas)\s|,\s")


def _lead_in(text: str, start: int, next_figure: int) -> int:
    """Where the words that introduce the next figure begin ("… layers to 60 *and the hidden dimension to* 5120"),
    when they lead into it ("to", "of", "="): they name that figure, not the one before; else -1."""
    between = text[start:next_figure]
    if not _LEADS_IN.search(between):
        return -1
    joints = list(_JOINT.finditer(between))
    return start + joints[-1].start() if joints else -1


def _context(text: str, quantity: Quantity) -> tuple[frozenset[str], frozenset[str]]:
    """Content words just before and just after a figure, within its sentence; after it, only up to the next
    figure, or the comma or the words leading into it: in "β1 = 0.9, β2 = 0.999, L2 weight decay of 0.01" the
    words "weight decay" belong to 0.01, never to 0.9 or 0.999. (Before it, the words reach over other figures:
    "grew from 7T tokens to 18T" leads into both.)"""
    tokens = word_tokens(text)
    limit_left = max(text.rfind(". ", 0, quantity.start), text.rfind("; ", 0, quantity.start), 0)
    stops = [text.find(". ", quantity.end), text.find("; ", quantity.end)]
    next_figure = _FIGURE.search(text, quantity.end)
    if next_figure is not None:
        stops += [next_figure.start(), text.find(", ", quantity.end), _lead_in(text, quantity.end, next_figure.start())]
    right_stop = [p for p in stops if p >= 0]
    limit_right = min(right_stop) if right_stop else len(text)
    before = [w for w, (s, _) in zip(tokens.words, tokens.spans, strict=True) if limit_left <= s < quantity.start]
    after = [w for w, (s, _) in zip(tokens.words, tokens.spans, strict=True) if quantity.end <= s < limit_right]
    return (frozenset(before[-CONTEXT_TOKENS:]) | _acronyms(text[limit_left:quantity.start], last=True),
            frozenset(after[:CONTEXT_TOKENS]) | _acronyms(text[quantity.end:limit_right], last=False))


_ALPHA_WORD = re.compile(r"[A-Za-z][a-z]+")


def _acronyms(text: str, last: bool) -> frozenset[str]:
    """Initials of the word pairs and triples near a figure, so "reward model" meets "RM"."""
    words = [w.lower() for w in _ALPHA_WORD.findall(text) if w.lower() not in STOPWORDS]
    words = words[-CONTEXT_TOKENS:] if last else words[:CONTEXT_TOKENS]
    return frozenset("".join(w[0] for w in words[i:i + n]) for n in (2, 3) for i in range(len(words) - n + 1))


# A bound said before the noun it bounds ("4.2 × 10−4 maximum learning rate"): the noun is what the figure is of.
_BOUND_WORD = re.compile(r"(?:maximum|minimum|maximal|minimal|max|min|peak)$", re.IGNORECASE)


def _unit(text: str, quantity: Quantity) -> str | None:
    """The noun right after a figure ("18 trillion tokens" → token; names such as "Qwen2.5" in
    "500 Qwen2.5 models" and a bound's word in "4K maximum sequence length" are skipped), if the next word is one."""
    position = quantity.end
    while True:
        match = WORD.search(text, position)
        if match is None or text[position:match.start()].strip(" ") not in ("", "-"):
            return None
        if (HAS_DIGIT.search(match.group(0)) and HAS_ALPHA.search(match.group(0))) or _BOUND_WORD.match(
                match.group(0)):
            position = match.end()
            continue
        return norm(match.group(0)) if is_content(match.group(0)) else None


def _unit_end(text: str, quantity: Quantity) -> int:
    """Where a figure and the noun right after it end ("7 trillion tokens|")."""
    match = WORD.match(text, quantity.end + (len(text[quantity.end:]) - len(text[quantity.end:].lstrip(" "))))
    return match.end() if match and _unit(text, quantity) is not None else quantity.end


_NOUN_PHRASE_END = re.compile(r"[,;:.()]|\band\b|\bor\b")


def _noun_phrase(text: str, quantity: Quantity) -> tuple[str, ...]:
    """A figure's noun phrase when it is exactly a modifier and a noun up to a comma, "and" or the end ("24 Mamba-2
    layers, …": mamba-2, layer); nothing for any other phrase ("15.7B parameters for each token")."""
    end = _NOUN_PHRASE_END.search(text, quantity.end)
    phrase = text[quantity.end:end.start() if end else len(text)]
    words = word_tokens(phrase).words
    return words if len(phrase.split()) == 2 and len(words) == 2 else ()


def _other_kind(said: tuple[str, ...], written: tuple[str, ...]) -> bool:
    """Whether two figures' noun phrases (`_noun_phrase`) count the same head noun of different kinds ("4
    self-attention layers" against "24 Mamba-2 layers" in "24 Mamba-2 layers, 4 self-attention layers, and 28 MLP
    layers"): the window's figure neither states nor contradicts the claim's."""
    return (bool(said) and bool(written) and said[1] == written[1] and said[0] != written[0]
            and said[1] not in (said[0], written[0]))


def _near_after(text: str, quantity: Quantity) -> frozenset[str]:
    tokens = word_tokens(text)
    return frozenset([w for w, (start, _) in zip(tokens.words, tokens.spans, strict=True)
                      if start >= quantity.end][:2])


def _unnamed_role(claim: str, q: Quantity, window: str, w: Quantity) -> bool:
    """Whether the claim names what its figure counts ("two *steps*") and no word around the window's figure
    says it ("capacity factor 2.0 to 1.25", "a small constant 2.", "these two model variants"): the window's figure
    is then of something the claim does not say. "A context length of 128K tokens" still says "128K context", and
    a percentage with no noun of its own ("a 92.7% on HumanEval") is a score whatever the claim calls it."""
    unit_q, unit_w = _unit(claim, q), _unit(window, w)
    if unit_q is None or (unit_w is not None and same_word(unit_q, unit_w)) or (unit_w is None and w.unit == "%"):
        return False
    before, after = _context(window, w)
    return not shared_words(frozenset({unit_q}), before | after)


def _role_fit(claim: str, q: Quantity, window: str, w: Quantity) -> float | None:
    """How alike the words around two figures are: same side counts fully, the other side half;
    None when the nouns right after them differ ("two epochs" is not "131,072 tokens")."""
    before_q, after_q = _context(claim, q)
    before_w, after_w = _context(window, w)
    unit_q, unit_w = _unit(claim, q), _unit(window, w)
    if (unit_q is not None and unit_w is not None and not same_word(unit_q, unit_w)
            and unit_q not in _near_after(window, w) and unit_w not in _near_after(claim, q)):
        return None
    return (len(shared_words(before_q, before_w)) + len(shared_words(after_q, after_w))
            + 0.5 * (len(shared_words(before_q, after_w)) + len(shared_words(after_q, before_w))))


_OWNED_BY = re.compile(r"^\s*[A-Za-z-]*\s*(?:used\s+|reported\s+|achieved\s+|obtained\s+)?(?:for|of|by|in)\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)


def _family_word(name: str) -> str:
    match = re.match(r"[a-z]+", fold(name))
    return match.group(0) if match else ""


_LIKENESS = re.compile(r"-(?:level|style|like|based|class|type|scale|sized)$", re.IGNORECASE)


def can_own(name: str, measures: frozenset[str], owners: Sequence[str] = ()) -> bool:
    """Whether a passage name can own a figure: a model-like name (it has a digit), or a name of the
    family of one of the claim's names without a digit (Switch-C beside the claim's Switch-XXL). A factor ("an 18x
    inference efficiency increase in 5 years") or a span of time ("15-month") is no name: the years are not the
    factor's. Nor is a name made an adjective of likeness ("ResNet-50-level performance", "GPT-3-style"): it says
    what something is measured against or like, not whose figures follow. Nor is a footnote's mark glued to its
    first word ("2Each training step took approximately 0.15 seconds")."""
    if ratio_token(name) or time_span(name) or _LIKENESS.search(name) or footnote_mark(name):
        return False
    if model_like(name, measures):
        return True
    family = _family_word(name)
    return len(family) >= 3 and any(_family_word(owner) == family for owner in owners)


def owner_of(window: str, position: int, spans: Sequence[tuple[str, int, int]], measures: frozenset[str],
             end: int | None = None, owners: Sequence[str] = ()) -> str | None:
    """The name a figure is said of: a name right after it ("7 trillion tokens used for Qwen2"), or
    right after its noun ("the 1.6T parameter Switch-C"), else the nearest owning name before it in
    its sentence."""
    if end is not None:
        for name, start, _ in spans:
            if start >= end and can_own(name, measures, owners) and (
                    _OWNED_BY.match(window[end:start]) or (end > position and _PREMODIFIER.match(window[end:start])
                                                           and _DETERMINER.search(window[:position]))):
                return name
    sentence_start = max(window.rfind(". ", 0, position), window.rfind("; ", 0, position), 0)
    owner = None
    for name, start, name_end in spans:
        if start >= position:
            break
        if start >= sentence_start and can_own(name, measures, owners) and not counted_kind(window, start, name_end):
            owner = name
    return owner


# A count right before a name ("with 24 Mamba-2 layers"), not a table's or a section's number ("Table 3 GPT-4")
_COUNT_BEFORE = re.compile(r"(?<![\w.\-])(?<!Table )(?<!Figure )(?<!Section )(?<!Fig\. )\d+(?:[.,]\d+)*\s+$")
_NOUN_AFTER = re.compile(r"\s+[a-z][a-z\-]*\b")


def counted_kind(text: str, start: int, end: int) -> bool:
    """Whether a name stands between a figure and the noun the figure counts ("24 *Mamba-2* layers, 4 self-attention
    layers, and 28 MLP layers"): it names a kind of that noun, and owns none of the figures after it."""
    return bool(_COUNT_BEFORE.search(text[max(0, start - 24):start]) and _NOUN_AFTER.match(text, end))


_PREMODIFIER = re.compile(r"^[\s\-]*$")


_DETERMINER = re.compile(r"\b(?:the|a|an|its|our|their)\s+$", re.IGNORECASE)


_BACK_REFERENCE = re.compile(r"\s*(?:this|these|that|those|such|it|its|they|their)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|\(\d{1,2}\))\s+\S")


def _names_claim(info: ClaimInfo, text: str) -> bool:
    folded = fold(text)
    return any(mentioned(folded, text, name, variant) for name, variant in zip(info.entities, info.variants,
                                                                               strict=True))


def _owned_by_claim(owner: str | None, info: ClaimInfo, window_names: bool) -> bool:
    """Whether a window figure may be the claim's: its owner is one of the claim's names; another
    name owns it only when the claim has models and the window names none of them (then the
    figure's nearest name says little)."""
    if owner is None:
        return True
    folded_owner = fold(owner)
    if any(claimparse.mentions(folded_owner, name) or claimparse.mentions(fold(name), owner)
           or claimparse.mentions(folded_owner, strip_variant(name)) for name in info.owners or info.models):
        return True
    return bool(info.models) and not window_names


def sibling_subject(owner: str | None, sentence: str, info: ClaimInfo) -> bool:
    """Whether a figure's owner is another model whose name extends one of the claim's ("DeepSeek-V2-Lite" beside
    DeepSeek-V2) and is what the sentence is about (it opens the sentence): the sentence states that model's
    figures, never the claim's."""
    if owner is None or not sentence.lstrip().startswith(owner):
        return False
    folded_owner = fold(owner)
    return any(folded_owner.startswith(fold(name)) and not claimparse.mentions(folded_owner, name)
               for name in info.models)


def _comparable(q: Quantity, w: Quantity) -> bool:
    """Same kind of figure in prose: a percentage is compared with a percentage, or with a score
    written with decimals ("92.7%" vs "(92.1 and 85.9)"), never with a bare integer nor with a number in
    scientific notation ("10%" is no rival of a learning rate of "1.41 × 10−5")."""
    if (q.unit == "%") != (w.unit == "%"):
        plain = w if q.unit == "%" else q
        if plain.unit != "plain" or plain.decimals == 0 or plain.scientific:
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


def _claimed_elsewhere(info: ClaimInfo, q: Quantity, w: Quantity, window: str, fit: float) -> bool:
    """Whether a passage figure is another of the claim's figures in its own role: then it is no
    rival of `q`. When it fits `q`'s role clearly better than its own ("the Classic RM … 84.4,
    the Chain-of-Thought RM … 98.5" against a claim that swaps them), the claim swapped them."""
    for other in info.assertion.quantities:
        if other is not q and w.agrees(other):
            own = _role_fit(info.text, other, window, w)
            return own is None or fit < own + ROLE_MARGIN
    return False


# A figure given as what "a baseline MoE model" / "an MoE model" comprises is another model's than
# the one a claim names, even inside that model's own paper: an indefinite noun phrase that is no
# predicate ("It is a decoder-only model with 8 …" describes the subject), followed by the word
# that attaches the figure to it and at most nine more words ("comprising 15.7B total parameters on
# 1.33T tokens", "comprising approximately 16B total parameters, trained for around 300B tokens").
_ANOTHER_SUBJECT = re.compile(r"(?<!\bis\s)(?<!\bwas\s)(?<!\bare\s)(?<!\bas\s)(?<!\bbe\s)"
                              r"\b(?:a|an|another)\s+(?:[\w\-]+\s+){0,3}?(?:models?|baselines?|variants?|"
                              r"versions?|networks?)\s+(?:comprising|with|of|having|containing|(?:that|which)\s+"
                              r"(?:has|have|contains?))\s+(?:[^\s;:()]+\s+){0,9}$", re.IGNORECASE)


def of_another_subject(info: ClaimInfo, window: Window, w: Quantity) -> bool:
    """Whether a window's figure is what an unnamed other model comprises ("we train a baseline MoE
    model comprising 15.7B total parameters", "on an MoE model comprising approximately 16B"):
    unless the phrase names one of the claim's names, it neither states nor contradicts the figure
    of a model the claim names (DeepSeek-V3's 671B is not disputed by the models of its ablations,
    and their 15.7B is not DeepSeek-V3's)."""
    if not info.entities:
        return False
    start = window.split if 0 < window.split <= w.start else 0
    match = _ANOTHER_SUBJECT.search(window.text[max(start, w.start - 160):w.start])
    if match is None:
        return False
    return not _names_claim(info, match.group(0))


# Which count of a model's parameters a size is: the nearest of the words "activated"/"active" and
# "total" in its own stretch (no further than the figures beside it, four words each way). "70B total
# parameters, of which 12B are activated" gives 70B the total and 12B the activated count.
_COUNT_KINDS = (("activated", re.compile(r"^activ(?:e|ated?|ates?)$", re.IGNORECASE)),
                ("total", re.compile(r"^total$", re.IGNORECASE)))
_COUNT_WORDS = 4


def count_kind(text: str, q: Quantity, figures: Sequence[Quantity]) -> str | None:
    """'activated', 'total' or None (neither, or both as near) for a figure: an activated count is
    never the total one, however equal the numbers ("activates 15.7B parameters" is not "15.7B
    total"), nor a bare count ("ranging from 0.6 billion to 235 billion" parameters). Only sizes
    (15.7B, 235 billion) are counts of parameters: "activates 6 of the 64 routed experts" is left alone."""
    if q.unit != "scale":
        return None
    left = max([f.end for f in figures if f.end <= q.start] + [text.rfind(". ", 0, q.start) + 1, 0])
    rights = [f.start for f in figures if f.start >= q.end] + [p for p in (text.find(". ", q.end),) if p >= 0]
    before = re.findall(r"[A-Za-z]+", text[left:q.start])[::-1][:_COUNT_WORDS]
    after = re.findall(r"[A-Za-z]+", text[q.end:min(rights, default=len(text))])[:_COUNT_WORDS]
    nearest = {kind: min([i for i, w in enumerate(before) if pattern.match(w)]
                         + [i for i, w in enumerate(after) if pattern.match(w)], default=_COUNT_WORDS)
               for kind, pattern in _COUNT_KINDS}
    found = sorted((distance, kind) for kind, distance in nearest.items() if distance < _COUNT_WORDS)
    if not found or (len(found) == 2 and found[0][0] == found[1][0]):
        return None
    return found[0][1]


_CLAUSE_MARKS = (". ", "; ", ", ", " and ", " or ")


def _phrase_after(text: str, quantity: Quantity) -> frozenset[str]:
    """The content words from a figure to the end of its clause ("16K *tokens for the WSJ only setting*")."""
    ends = [p for p in (text.find(mark, quantity.end) for mark in _CLAUSE_MARKS) if p >= 0]
    return word_tokens(text[quantity.end:min(ends, default=len(text))]).bag


def _word_before(text: str, start: int) -> str | None:
    """The content word right before a figure in its clause ("a *vocabulary* of 16K tokens")."""
    clause = max(text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS)
    words = [norm(m.group(0)) for m in WORD.finditer(text, max(clause, 0), start) if is_content(m.group(0))]
    return words[-1] if words else None


def _parallel(claim: str, window: Window, agreeing: Quantity, rival: Quantity) -> bool:
    """Whether one sentence says the same thing of two figures in parallel ("a vocabulary of 16K tokens for the
    WSJ only setting and a vocabulary of 32K tokens for the semi-supervised setting"): the same word before each,
    the same noun after each. The sentence then gives the role two values at two settings, and a claim that names
    neither setting is stated by neither figure: which one it means is the setting's to say."""
    text = window.text
    if window.sentence_at(agreeing.start) != window.sentence_at(rival.start):
        return False
    said = word_tokens(claim).bag
    if shared_words(said, _phrase_after(text, agreeing)) - shared_words(said, _phrase_after(text, rival)):
        return False  # the claim names what the sentence says after its own figure only: its setting
    unit = _unit(text, agreeing)
    before = _word_before(text, agreeing.start)
    return (unit is not None and before is not None and _unit(text, rival) == unit
            and _word_before(text, rival.start) == before)


@dataclass(frozen=True)
class FigureCheck:
    """How the claim's figures fare in one window."""

    matched: int
    conflict: Quantity | None
    conflict_fit: float
    claimed: Quantity | None


def check_figures(info: ClaimInfo, window: Window, parsed: Assertion, measures: frozenset[str]) -> FigureCheck:
    """How the claim's figures fare in one window. A sentence that opens on another name and names none of the
    claim's gives that name's figures, whatever its title or the window's other sentence names."""
    if not info.assertion.quantities:  # nothing to match: skip the window's names, lists and settings
        return FigureCheck(0, None, 0.0, None)
    spans = claimparse.name_spans(window.text)
    names_claim_model = any(claimparse.mentions(window.folded, name) for name in info.models)
    paired = respectively(window.text)
    matched = 0
    best: tuple[float, Quantity, Quantity] | None = None
    lists = enumerations(window.text, parsed.quantities)
    # A figure among an axis's ticks and legend ("… 3 out of 63 routed experts (DeepSeekMoE) Figure 6 |"), or a
    # diagram's labels (synth.text.drawn), is bound to nothing a claim says: it neither states nor contradicts one.
    axis = {w.start for w in parsed.quantities if has_tick_run(window.sentence_at(w.start))
            or drawn(window.sentence_at(w.start))}
    # In a two-sentence window that names the claim's model only in its second sentence, an unowned figure of the
    # first, when that sentence opens on a back-reference ("This model comprises … 63 routed experts. … DeepSeekMoE
    # still outperforms GShard.") or is an item of a numbered list ("1. Shufflenet … (15-month doubling time). 2.
    # EfficientNet-b0 …"), is said of what came before it or of its own item, never of the model named after it.
    named_later = window.split > 0 and bool(_BACK_REFERENCE.match(window.text) or _LIST_ITEM.match(
        window.text)) and not _names_claim(
        info, window.text[:window.split]) and _names_claim(info, window.text[window.split:])
    claim_spans = claimparse.name_spans(info.text)
    said = {q.start: owner_of(info.text, q.start, claim_spans, measures, _unit_end(info.text, q), info.owners)
            for q in info.assertion.quantities}
    settings = figure_settings(window, parsed.quantities)
    for q in info.assertion.quantities:
        aside = settings.set_aside(claim_stretch(info.text, q, info.assertion.quantities))
        agreeing: list[tuple[float, Quantity]] = []
        rivals: list[tuple[float, Quantity]] = []
        unequal: list[Quantity] = []
        unit_q = _unit(info.text, q)
        kind_q = count_kind(info.text, q, info.assertion.quantities)
        said_of = said[q.start]
        said_phrase = _noun_phrase(info.text, q)  # once per claimed figure, not per window figure
        others = [name for start, name in said.items() if start != q.start and name is not None]
        for w in parsed.quantities:
            if w.start in axis or not _comparable(q, w) or _implausible(q, w) or of_another_subject(info, window, w):
                continue
            owner = owner_of(window.text, w.start, spans, measures, _unit_end(window.text, w), info.owners)
            if not _owned_by_claim(owner, info, names_claim_model) or sibling_subject(
                    owner, window.sentence_at(w.start), info):
                continue
            if owner is None and named_later and w.start < window.split:
                continue
            if opens_on_another_name(window.sentence_at(w.start), info.entities) and not _names_claim(
                    info, window.sentence_at(w.start)):
                continue  # "AutoScholarQuery includes 33,511 / 1,000 / 1,000 query-paper pairs": none of PaSa's
            if w.start in aside:
                continue  # given at a setting the claim does not name, beside the one it names
            if _other_kind(said_phrase, _noun_phrase(window.text, w)) or other_role(info.text, q, window.text, w):
                continue  # "4 self-attention layers" is no count of Mamba-2 layers, "selects 8" none of the pool
            if owner is not None and any(same_name(owner, name) for name in others) and not (
                    said_of is not None and same_name(owner, said_of)):
                continue  # the claim gives this figure to another of its names ("16.4%, better than FLAC's 30.3%")
            if not q.agrees(w):
                unequal.append(w)
            fit = _role_fit(info.text, q, window.text, w)
            bonus = 1.0 if owner is not None and names_claim_model else 0.0
            if w.start in paired:
                partner, members = paired[w.start]
                if any(same_name(partner, e) for e in info.entities):
                    bonus += 2.0
                elif any(same_name(m, e) for m in members for e in info.entities):
                    continue
            kind_w = count_kind(window.text, w, parsed.quantities) if kind_q is not None else None
            if q.agrees(w) and kind_q is not None and kind_w != kind_q and (kind_w or kind_q == "activated"):
                continue  # the other count (a bare count is a total): neither states nor contradicts this one
            if kind_w is not None and kind_w == kind_q:
                bonus += 1.0
            if q.agrees(w) and _unnamed_role(info.text, q, window.text, w):
                continue  # "two steps" is not stated by a "2.0" whose words around it never say steps
            if q.agrees(w):
                same_unit = unit_q is not None and fit is not None and _unit(window.text, w) is not None
                agreeing.append(((fit or 0.0) + bonus + (1.0 if same_unit else 0.0), w))
            elif fit is not None and not _claimed_elsewhere(info, q, w, window.text, fit):
                rivals.append((fit + bonus, w))
        if agreeing:
            enumerated = {lists[w.start] for _, w in agreeing if w.start in lists}
            rivals = [(fit, w) for fit, w in rivals if lists.get(w.start, -1) not in enumerated]
        best_agree = max((fit for fit, _ in agreeing), default=-1.0)
        best_rival = max(rivals, key=lambda item: item[0], default=None)
        if agreeing and all(any(_parallel(info.text, window, w, r) for r in unequal) for _, w in agreeing):
            continue  # the sentence gives this role two values at settings the claim does not name
        if agreeing and (best_rival is None or best_rival[0] < max(ROLE_STRONG, best_agree + ROLE_MARGIN)):
            matched += 1
        elif best_rival is not None and (best is None or best_rival[0] > best[0]):
            best = (best_rival[0], best_rival[1], q)
    if best is None:
        return FigureCheck(matched, None, 0.0, None)
    return FigureCheck(matched, best[1], best[0], best[2])
