"""Short text values ("RMSNorm, pre-normalization") and how directly a sentence states a mechanism."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from synth import claimparse
from synth.index import PassageIndex
from synth.models import AttributeKind, PlanAttribute
from synth.names import key, same_word, words_of
from synth.retrieve.asks.quantities import WORD, has_word, word_tokens
from synth.text import STOPWORDS

# Category nouns that say what kind of thing is asked, not which: "normalization *layer*".
_CATEGORY = frozenset(key(w) for w in """layer layers function functions algorithm algorithms method methods type
    types kind kinds technique techniques strategy strategies scheme schemes mechanism mechanisms approach approaches
    variant variants design component components architecture module modules objective choice form""".split())
_HOW_CUES = re.compile(r"\b(by|through|via|introduc\w*|adopt\w*|us(?:e|es|ing)|employ\w*|add\w*|appl(?:y|ies|ied)|"
                       r"penali[sz]\w*|encourag\w*|ensur\w*|achiev\w*|maintain\w*|dynamic\w*|adjust\w*|so that|"
                       r"in order to|which|where)\b", re.IGNORECASE)
_RESULT_CUES = re.compile(r"\b(table|figure|fig\.|outperform\w*|surpass\w*|achieves? (?:a )?score|benchmark\w*)\b|%",
                          re.IGNORECASE)
MIN_COVERAGE = 0.5
MIN_MECHANISM_COVERAGE = 0.7
DISTINCTIVE = 0.5

def informative_words(attribute: PlanAttribute) -> list[str]:
    return [w for w in words_of(attribute.name) if w not in _CATEGORY and len(w) >= 3]


_NAME_TERM = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[A-Z]{2,}[a-z]*"
                        r"(?:-[A-Za-z0-9]+)*)(?![\w-])")
_TITLE_PHRASE = re.compile(r"(?<![\w-])((?:[A-Z][a-z]+[\s-]){1,4}[A-Z][a-z]+)(?![\w-])")
_FUNCTION = STOPWORDS | frozenset("""we our this these those using use uses used each every then also both which
    whose via per its their it as additional further final other another same against without within among into
    onto from over under after before during through across about toward towards upon
    employ employs adopt adopts apply applies introduce introduces propose proposes incorporate incorporates include
    includes perform performs need needs reduce reduces enforce enforces compute computes sample samples combine
    combines follow follows show shows""".split())


_DENIED = re.compile(r"\b(?:without|not|no|instead of|rather than|unlike|neither|nor)\b", re.IGNORECASE)
_NOMINAL = re.compile(r"(?:ation|ment|ness|izer|iser|ity)s?$")


def _stem_in(word: str, stems: Sequence[str]) -> bool:
    lowered = word.lower()
    return any(s[:4] in lowered for s in stems if len(s) >= 4) or any(same_word(key(p), s) for p in
                                                                       lowered.split("-") for s in stems)


def text_values(text: str, attribute: PlanAttribute, acronyms: dict[str, str] | None = None) -> list[str]:
    """Terms of a sentence that name the asked kind of thing, for "normalization layer": names such as
    `RMSNorm` or `QK-Norm`, and noun phrases built on the attribute's word (`layer normalization`,
    `pre-normalization`); for "policy-optimization algorithm": `PPO`, `Group Relative Policy Optimization`.
    Inflected verbs (`normalized`, `optimizes`) and the attribute's bare word are not values."""
    stems = informative_words(attribute)
    if not stems:
        return []
    category = [w for w in words_of(attribute.name) if w in _CATEGORY]
    words = [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]
    found: list[tuple[int, str]] = []
    for match in _NAME_TERM.finditer(text):
        term = match.group(1)
        if term.lower() in ("table", "figure") or len(term) < 2:
            continue
        position = next((i for i, w in enumerate(words) if w[1] <= match.start() < w[2]), 0)
        near = [w[0] for w in words[max(0, position - 2):position + 3]]
        expansion = (acronyms or {}).get(term, "")
        if _stem_in(term, stems) or (expansion and _stem_in(expansion, stems)) or (
                category and any(_stem_in(w, category) for w in near)):
            found.append((match.start(), term))
    for match in _TITLE_PHRASE.finditer(text):
        if _stem_in(match.group(1), stems) and match.group(1).split()[0].lower() not in _FUNCTION:
            found.append((match.start(), match.group(1)))
    def joinable(k: int, nxt: int) -> bool:
        word = words[k][0]
        return (word.islower() and word not in _FUNCTION and text[words[min(k, nxt)][2]:words[max(k, nxt)][1]].strip()
                == "" and ("-" in word or not re.search(r"(?:ed|ly|ing)$", word)))

    for i, (word, _, _) in enumerate(words):
        lowered = word.lower()
        if not word.islower() or not _stem_in(word, stems):
            continue
        if re.search(r"(?:ed|es|ing|izes?|ises?)$", lowered) and "-" not in lowered:
            continue
        first, last = i, i
        while first - 1 >= 0 and i - first < 2 and joinable(first - 1, first):
            first -= 1
        while last + 1 < len(words) and last - i < 2 and joinable(last + 1, last) and not _NOMINAL.search(lowered) \
                and not _stem_in(words[last + 1][0], [*stems, *category]):
            last += 1
        phrase = [w[0] for w in words[first:last + 1]]
        if len(phrase) == 1 and "-" not in word:
            continue
        found.append((words[first][1], " ".join(phrase)))
    found = [(at, term) for at, term in found
             if not _DENIED.search(re.split(r"[;:]|\bbut\b", text[max(0, at - 120):at])[-1])]
    found.sort()
    terms: list[str] = []
    for _, term in found:
        if not any(term.lower() in t.lower() for t in terms):
            terms = [t for t in terms if t.lower() not in term.lower()]
            terms.append(term)
    return terms



def mechanism_score(text: str, attribute: PlanAttribute, named: bool, home: bool,
                    weights: dict[str, float] | None = None, acronyms: dict[str, str] | None = None) -> float:
    """How directly a sentence states how the subject does the asked thing: the share of the asked
    words it uses (each weighted by how rare it is in the library, so "load" and "balance" count more
    than "experts" or "training"), whether it names the subject, and how-words (by, through,
    introduces) over result-words (Table, %, outperforms)."""
    asked = informative_words(attribute) or list(words_of(attribute.name))
    if not asked:
        return 0.0
    have = [key(w) for w, _, _ in word_tokens(text)]
    for acronym, expansion in (acronyms or {}).items():
        if acronym in text and re.search(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", text):
            have += [key(w) for w in WORD.findall(expansion) for w in w.split("-")]
    weight = {w: (weights or {}).get(w, 1.0) for w in asked}
    shared = [w for w in asked if has_word(have, w) or (len(w) >= 4 and any(w in h for h in have))]
    coverage = sum(weight[w] for w in shared) / (sum(weight.values()) or 1.0)
    category = [w for w in words_of(attribute.name) if w in _CATEGORY]
    if not shared or coverage < (MIN_MECHANISM_COVERAGE if attribute.kind is AttributeKind.MECHANISM else MIN_COVERAGE):
        return 0.0
    if attribute.kind is AttributeKind.MECHANISM and any(w not in shared for w in asked if weight[w] >= DISTINCTIVE):
        return 0.0  # a mechanism sentence uses every distinctive word of the question ("load", "balance", "expert")
    if len(shared) < min(2, len(asked)) and not any(has_word(have, c) for c in category):
        return 0.0
    score = 3.0 * coverage + (1.0 if named else 0.0) + (0.5 if home else 0.0)
    if len(shared) == len(asked) and all(has_word(have, w) for w in category):
        score += 1.5  # every word of the attribute, its category too ("layer normalization")
    score += min(1.5, 0.5 * len(_HOW_CUES.findall(text)))
    score -= min(2.0, 1.0 * len(_RESULT_CUES.findall(text)))
    if len(text) < 50 or claimparse.hedged(text):
        score -= 1.0
    return round(score, 4)


def rarity(attribute: PlanAttribute, index: PassageIndex, documents: int) -> dict[str, float]:
    """How rare each asked word is in the library (log of documents over documents using it)."""
    if attribute.kind not in (AttributeKind.TEXT, AttributeKind.MECHANISM):
        return {}
    weights: dict[str, float] = {}
    for word in WORD.findall(attribute.name):
        for part in word.split("-"):
            stem = key(part)
            if stem in informative_words(attribute) and stem not in weights:
                used = len(index.mentions([part])) or 1
                weights[stem] = math.log((documents + 1) / used)
    return weights

