"""How directly a sentence states how a subject does the asked thing: the asked words it uses (weighted by rarity), how-
words over result-words, and the sentences that continue a mechanism sentence or sit under a heading naming it."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from synth import claimparse
from synth.index import PassageIndex
from synth.models import AttributeKind, PlanAttribute
from synth.names import key, same_word, words_of
from synth.retrieve.asks.lexicon import WORD, has_word, word_tokens
from synth.retrieve.asks.terms import CATEGORY, informative_words

_HOW_CUES = re.compile(r"\b(by|through|via|introduc\w*|adopt\w*|us(?:e|es|ing)|employ\w*|add\w*|appl(?:y|ies|ied)|"
                       r"penali[sz]\w*|encourag\w*|ensur\w*|achiev\w*|maintain\w*|dynamic\w*|adjust\w*|so that|"
                       r"in order to|which|where)\b", re.IGNORECASE)
_RESULT_CUES = re.compile(r"\b(table|figure|fig\.|outperform\w*|surpass\w*|achieves? (?:a )?score|benchmark\w*)\b|%",
                          re.IGNORECASE)
MIN_COVERAGE = 0.5
MIN_MECHANISM_COVERAGE = 0.5
# A verb of the asked mechanism ("reduce", "taken", "decide") says what is wanted, not what the mechanism is.
VERB_WEIGHT = 0.3
# A sentence stating what is done ("we introduce", "is added", "X uses"), against one stating a problem.
_ACTION = re.compile(r"\b(?:we|our \w+|it|they|which)\s+(?:also\s+|further\s+|then\s+|first\s+)?(?:introduce|add|adopt|"
                     r"employ|use|apply|set|define|enforce|propose|compute|replace|route|select|store|cache|compress|"
                     r"decrease|increase|keep|limit|pass|drop|sample|estimate|optimi[sz]e|maximi[sz]e|minimi[sz]e|"
                     r"design|train|segment|group|skip)\w*|\b(?:is|are|was|were)\s+(?:then\s+)?(?:added|used|computed|"
                     r"stored|cached|compressed|dropped|routed|passed|defined|applied|determined|selected|"
                     r"segmented|grouped|estimated|processed|skipped|overwritten)\b|\bby\s+\w+ing\b|\bto\s+(?:ensure|"
                     r"encourage|prevent|mitigate|reduce|balance|achieve)\b", re.IGNORECASE)
# "we simply mask …", "we merge the two models …": what is done, not what was seen or thought.
_WE_DO = re.compile(r"\bwe\s+(?:\w+ly\s+)?(?!observe|find|found|show|demonstrate|compare|evaluate|believe|suspect|hope|"
                    r"refer|note|see|report|present|discuss|argue|expect|think|did\b|do\b|can\b|could\b)[a-z]{3,}",
                    re.IGNORECASE)
_SPECIFIC = re.compile(r"^\W*(?:specifically|to be specific|concretely|in particular|in detail)\b", re.IGNORECASE)
_PROBLEM = re.compile(r"\b(?:challeng\w*|problem\w*|issues?|difficult\w*|it is desirable|known that|suffers?|"
                      r"leads? to|can lead|bottlenecks?)\b", re.IGNORECASE)
# A wish or a supposition ("it would be …", "if we had …"), not a procedure's condition ("If the i-th token is chosen,
# we replace …", which says how it is done)
_HYPOTHETICAL = re.compile(r"\b(?:would be|could be|might|it is desirable|if (?:the|we)\b[^,.;]*\b(?:were|had|would|"
                           r"could)\b)", re.IGNORECASE)
_WE = re.compile(r"\b(?:we|our)\b", re.IGNORECASE)
_CODE = re.compile(r"(?:^|\s)#\s|\b[A-Za-z]+_[A-Za-z_]+\b|\b[a-z]+\.[a-z_]+\(|\bdef\s|\breturn\s|\s=\s[a-z_.]+\(")


_OTHER_WORK = re.compile(r"^(?:[A-Z][\w\-]+\s+(?:et al\.|(?:and|&) [A-Z][\w\-]+)\s*\(\d{4}\w?\)|(?:Following|Like|"
                         r"As in|Unlike|Similar to)\s+[A-Z][\w\-]+\s+et al\.)")
# Related work: a sentence citing several papers at once ("(Wang & Isola, 2020; Xu & Durrett, 2018)", "[3, 7, 9]")
# is about what others did, even in the subject's own paper.
_CITATIONS = re.compile(r"\([^()]*?\b(?:19|20)\d{2}\w?\s*;[^()]*\)|\[\d+(?:\s*[,–-]\s*\d+)+\]")
# The paper's overview of itself ("In this work, we introduce X, which …", "we propose a novel …"): what it is and
# what it achieves, said before the sections that say how.
_OVERVIEW = re.compile(r"^\W*in this (?:work|paper|report|study)\b|\b(?:propose|introduce|present)s?\s+(?:a|an)\s+"
                       r"(?:novel|new)\b", re.IGNORECASE)
# What the subject achieves, not how ("DIFF Transformer can mitigate hallucination", "… maintains stable
# performance"): an outcome, unless the asked mechanism is about that very word. Not "performance" alone: a
# mechanism sentence says what it keeps ("… the adverse impact on model performance").
_OUTCOME = re.compile(r"\b(?:hallucinat\w*|state-of-the-art|competitive|maintains?\s+(?:stable|strong|high|good)|"
                      r"robustness)\b", re.IGNORECASE)
# A caption ("Figure 2: …") or a sentence about the paper's own layout ("Section 3 explains our …").
_CAPTION = re.compile(r"^\W*(?:figure|fig\.|table)\s*\d+\s*[:.]", re.IGNORECASE)
_META = re.compile(r"^\W*(?:in\s+)?(?:section|sec\.|appendix|§)\s*[\dA-Z](?:\.\d+)*\b(?!\s*\))", re.IGNORECASE)


_SYMBOLS = re.compile(r"[=∈×∑≪^_]|[\u2100-\u2bff]|[\U0001d400-\U0001d7ff]")


_FINDING = re.compile(r"\b(?:results? (?:show|suggest|indicate)|experiment\w*|ablation\w*|we (?:observe|find|found|"
                      r"evaluate|validate)|compared (?:to|with))\b", re.IGNORECASE)
_TRAINING = re.compile(r"\b(?:during|in|while|for)\s+(?:the\s+)?(?:pre-?)?training\b", re.IGNORECASE)
_SERVING = re.compile(r"\b(?:inference|deploy\w*|serving|online)\b", re.IGNORECASE)


def states_how(text: str) -> bool:
    """The sentence says what is done ("we introduce a bias term …"), not a finding, a result or a problem."""
    return bool(_ACTION.search(text)) and not (_FINDING.search(text) or _RESULT_CUES.search(text)
                                               or (_PROBLEM.search(text) and not _WE.search(text)))


def _other_phase(text: str, asked: str) -> bool:
    """The question asks how it is done during training; the sentence is about inference or deployment."""
    return bool(_TRAINING.search(asked) and _SERVING.search(text) and not re.search(r"\btrain", text, re.IGNORECASE))


def formula_like(text: str) -> bool:
    """Mostly symbols: an equation with its definitions flattened into the sentence."""
    tokens = text.split()
    symbols = [t for t in tokens if len(t.strip(".,;:()")) <= 2 or _SYMBOLS.search(t)]
    return len(tokens) >= 8 and len(symbols) > 0.35 * len(tokens)


def is_code(text: str) -> bool:
    """Program text flattened into a sentence ("# expert mask shape … = mtf.one_hot(…)"): no mechanism in words;
    a formula in a sentence ("J(θ) = E[…]") is not program text."""
    return len(_CODE.findall(text)) >= 3


def wordings(attribute: PlanAttribute) -> list[PlanAttribute]:
    """The asked mechanism once per wording of it ("decide where to spend compute", "grouped bytes into
    patches"), so each is weighed on its own words."""
    if attribute.kind is not AttributeKind.MECHANISM or len(attribute.spellings) < 2:
        return [attribute]
    return [replace(attribute, name=s, spellings=(s,)) for s in attribute.spellings]


# Words that open the object of a verb: a first word followed by one is the verb ("tell its decoder which task …").
_OBJECT_START = frozenset("its their his her which what where whether how".split())


def verbs_of(phrase: str) -> frozenset[str]:
    """The verbs saying what is wanted of an asked mechanism, as keys: its main verb and one after "to" ("reduce
    the memory taken by …", "decide where to spend compute"), a participle before "by" ("taken by"); not a
    participle that is the asked state itself ("the load balanced across experts")."""
    from synth.plan.wording import is_verb

    words = re.findall(r"[A-Za-z][A-Za-z\-]*", phrase)
    out = set()
    for i, word in enumerate(words):
        lowered = word.lower()
        before = words[i - 1].lower() if i else ""
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        participle = re.search(r"(?:ed|en)$", lowered) and len(lowered) > 4
        if (i == 0 and (is_verb(lowered) or participle or after in _OBJECT_START)) or (
                before == "to" and is_verb(lowered)) or (
                after == "by" and re.search(r"(?:ed|en)$", lowered)):
            out.add(key(lowered))
    return frozenset(out)


def _weighted(asked: Sequence[str], name: str, weights: dict[str, float] | None) -> dict[str, float]:
    """Each asked word's weight by its rarity; a verb of what is wanted ("tell", "reduce") weighs less, and never
    more than a fraction of the rarest other word: a rare verb ("tell its decoder which task …") says nothing
    of how it is done."""
    verbs = verbs_of(name)
    weight = {w: (weights or {}).get(w, 1.0) for w in asked}
    others = [v for w, v in weight.items() if w not in verbs]
    cap = VERB_WEIGHT * max(others) if others else None
    return {w: min(VERB_WEIGHT * v, cap if cap is not None else v) if w in verbs else v for w, v in weight.items()}


def _rarest(weight: dict[str, float], name: str) -> str:
    """The asked word a sentence stating the mechanism must use: the rarest one that is not a verb of what is
    wanted, when there is one."""
    verbs = verbs_of(name)
    nouns = {w: v for w, v in weight.items() if w not in verbs} or weight
    return max(nouns, key=lambda w: (nouns[w], w))


def mechanism_score(text: str, attribute: PlanAttribute, named: bool, home: bool,
                    weights: dict[str, float] | None = None, acronyms: dict[str, str] | None = None) -> float:
    """How directly a sentence states how the subject does the asked thing: the share of the asked
    words it uses (each weighted by how rare it is in the library, so "load" and "balance" count more
    than "experts" or "training"), whether it names the subject, and how-words (by, through,
    introduces) over result-words (Table, %, outperforms). A mechanism worded several ways is stated by a
    sentence stating any wording."""
    if attribute.kind is AttributeKind.MECHANISM and len(attribute.spellings) > 1:
        return max(mechanism_score(text, wording, named, home, weights, acronyms) for wording in wordings(attribute))
    asked = informative_words(attribute) or list(words_of(attribute.name))
    if not asked:
        return 0.0
    have = [key(w) for w, _, _ in word_tokens(text)]
    for acronym, expansion in (acronyms or {}).items():
        if acronym in text and re.search(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", text):
            have += [key(w) for w in WORD.findall(expansion) for w in w.split("-")]
    mechanism = attribute.kind is AttributeKind.MECHANISM
    weight = _weighted(asked, attribute.name, weights) if mechanism else {w: (weights or {}).get(w, 1.0) for w in asked}
    shared = [w for w in asked if has_word(have, w) or (len(w) >= 4 and any(w in h for h in have))]
    coverage = math.fsum(weight[w] for w in shared) / (math.fsum(weight.values()) or 1.0)  # exact: order-free
    category = [w for w in words_of(attribute.name) if w in CATEGORY]
    if not shared or coverage < (MIN_MECHANISM_COVERAGE if mechanism else MIN_COVERAGE):
        return 0.0
    if mechanism and _rarest(weight, attribute.name) not in shared:
        return 0.0  # a mechanism sentence uses the asked thing's rarest word ("cache", "load")
    if len(shared) < min(2, len(asked)) and not any(has_word(have, c) for c in category) and not mechanism:
        return 0.0
    if mechanism and (is_code(text) or (_PROBLEM.search(text) and not _WE.search(text)) or _HYPOTHETICAL.search(text)):
        return 0.0  # a problem ("EP introduces challenges in load balancing"), a wish or program text says no how
    score = 3.0 * coverage + (1.0 if named else 0.0) + (0.5 if home else 0.0)
    if mechanism:
        # What is done, in words: not another work's method ("Lei et al. (2023) make use of …") nor a formula.
        score += 0.5 * bool(_ACTION.search(text)) - 1.5 * bool(_OTHER_WORK.search(text)) - 1.0 * formula_like(text)
        score -= 1.0 * bool(_FINDING.search(text)) + 1.5 * _other_phase(text, attribute.name)
        score -= 1.0 * (bool(_CITATIONS.search(text)) + bool(_OVERVIEW.search(text)) + bool(_CAPTION.match(text))
                        + bool(_META.match(text)))
        outcome = _OUTCOME.search(text)
        score -= 0.5 * bool(outcome and not any(same_word(key(outcome.group(0)), w) for w in asked))
    if len(shared) == len(asked) and all(has_word(have, w) for w in category):
        score += 1.5  # every word of the attribute, its category too ("layer normalization")
    score += min(1.5, 0.5 * len(_HOW_CUES.findall(text)))
    score -= min(2.0, 1.0 * len(_RESULT_CUES.findall(text)))
    if len(text) < 50 or claimparse.hedged(text):
        score -= 1.0
    return round(score, 4)


def wording_of(text: str, attribute: PlanAttribute) -> int | None:
    """Which wording of a mechanism asked several ways the sentence answers ("compute its parameter updates" or
    "correct the bias of moment estimates"): the one with the largest share of its words in it, at least 0.6."""
    have = [key(w) for w, _, _ in word_tokens(text)]
    best, share = None, 0.6
    for i, wording in enumerate(wordings(attribute)):
        asked = informative_words(wording)
        if asked:
            found = sum(1 for w in asked if has_word(have, w) or (len(w) >= 4 and any(w in h for h in have)))
            if found / len(asked) >= share + (0.0 if best is None else 1e-9):
                best, share = i, found / len(asked)
    return best


def rarity(attribute: PlanAttribute, index: PassageIndex, documents: int) -> dict[str, float]:
    """How rare each asked word is in the library (log of documents over documents using it)."""
    if attribute.kind not in (AttributeKind.TEXT, AttributeKind.MECHANISM):
        return {}
    weights: dict[str, float] = {}
    for wording in wordings(attribute):
        for part in (p for word in WORD.findall(wording.name) for p in word.split("-")):
            stem = key(part)
            if stem in informative_words(wording) and stem not in weights:
                used = len(index.mentions([part])) or 1
                weights[stem] = math.log((documents + 1) / used)
    return weights


def continuation_score(text: str, attribute: PlanAttribute, anchor: float, distance: int,
                       pointed: bool = False) -> float:
    """A sentence right after one stating the mechanism, in the same paragraph of the subject's source, that
    says what is done ("To be specific, we introduce a bias term for each expert …", "Specifically, we partition
    the query and key vectors into two groups", any "we <verb>" but a finding): ranked below its anchor, lower the
    further it is; a sentence stating a problem, a result or program text is none. Under a sentence pointing to what
    follows ("two tasks, described in this section") the description ranks right below what points to it."""
    acts = _ACTION.search(text) or _WE_DO.search(text) or _SPECIFIC.match(text)
    if not acts or _RESULT_CUES.search(text) or is_code(text) or len(text) < 40 or _HYPOTHETICAL.search(text):
        return 0.0
    if _PROBLEM.search(text) and not _WE.search(text):
        return 0.0
    if pointed:
        return round(anchor - 0.5 - 0.05 * (distance - 1), 4)
    return round(anchor - 1.0 - 0.3 * (distance - 1), 4)


def heading_anchor(text: str, attribute: PlanAttribute, weights: dict[str, float] | None = None) -> float:
    """A section title naming the asked mechanism ("3.3 Load Balance Consideration", "Rolling Buffer Cache"): the
    sentences under it say how; its weight as an anchor, 0 when it names something else."""
    if len(attribute.spellings) > 1:
        return max(heading_anchor(text, wording, weights) for wording in wordings(attribute))
    asked = informative_words(attribute)
    if not asked:
        return 0.0
    weight = _weighted(asked, attribute.name, weights)
    have = [key(w) for w, _, _ in word_tokens(text)]
    rarest = _rarest(weight, attribute.name)
    return 4.0 if has_word(have, rarest) else 0.0
