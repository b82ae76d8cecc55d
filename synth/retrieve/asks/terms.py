"""Short text values ("RMSNorm, pre-normalization") and how directly a sentence states a mechanism."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from synth import claimparse
from synth.index import PassageIndex
from synth.models import AttributeKind, PlanAttribute
from synth.names import key, same_word, words_of
from synth.retrieve.asks.lexicon import WORD, has_word, shouted, word_tokens
from synth.retrieve.asks.used_as import used_as
from synth.text import STOPWORDS, fold

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


def informative_words(attribute: PlanAttribute) -> list[str]:
    return [w for w in words_of(attribute.name) if w not in _CATEGORY and len(w) >= 3]


_NAME_TERM = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[A-Z]{2,}[a-z]*"
                        r"(?:-[A-Za-z0-9]+)*)(?![\w-])")
_TITLE_PHRASE = re.compile(r"(?<![\w-])((?:[A-Z][a-z]+[\s-]){1,4}[A-Z][a-z]+)(?![\w-])")
# One capitalised word, not opening the sentence, right before a noun: the name of the thing the noun names.
_CAPITALISED_BEFORE = re.compile(r"\b(?i:the|a|an|our|its|their)\s+([A-Z][a-z][\w\-]*)\s+([a-z][a-z\-]*)\b")
_POSSESSIVE = re.compile(r"(?<![\w-])([A-Z][\w\-.]*\w)['’]s\s+([a-z][a-z\-]*)")
# A lower-case name with a digit or an underscore in it is an identifier, not a word of the sentence.
_IDENTIFIER = re.compile(r"(?<![\w-])([a-z][\w\-.]*(?:\d|_)[\w\-.]*[a-z0-9])\s+([a-z][a-z\-]*)")
_FUNCTION = STOPWORDS | frozenset("""we our this these those using use uses used each every then also both which
    whose via per its their it as additional further final other another same against without within among into
    onto from over under after before during through across about toward towards upon
    employ employs adopt adopts apply applies introduce introduces propose proposes incorporate incorporates include
    includes perform performs need needs reduce reduces enforce enforces compute computes sample samples combine
    combines follow follows show shows""".split())


_DENIED = re.compile(r"\b(?:without|not|no|instead of|rather than|unlike|neither|nor|remov\w*|eliminat\w*|discard\w*|"
                     r"drop(?:s|ped|ping)?)\b", re.IGNORECASE)
_NOMINAL = re.compile(r"(?:ation|ment|ness|izer|iser|ity)s?$")


def _stem_in(word: str, stems: Sequence[str]) -> bool:
    lowered = word.lower()
    return any(s[:4] in lowered for s in stems if len(s) >= 4) or any(same_word(key(p), s) for p in
                                                                       lowered.split("-") for s in stems)


# Nouns the library uses for one another's thing: a positional encoding is written "position embeddings".
_KINDRED = {"encoding": "embedding", "embedding": "encoding", "optimiser": "optimizer", "optimizer": "optimiser"}


def _same(word: str, asked: str) -> bool:
    """A word of the sentence is the asked word itself, inflected ("tokenizers" for "tokenizer", "positional"
    for "position"), not one sharing a crude stem ("token" is not "tokenizer", "active" not "activation")."""
    word, asked = word.lower().strip("-"), asked.lower()
    if _KINDRED.get(asked.rstrip("s")) == word.rstrip("s"):
        return True
    if word.rstrip("s") == asked.rstrip("s"):
        return True
    if word.startswith(asked):  # "positional", "tokenizers"; never "model" for "mode"
        rest = word[len(asked):]
        return len(rest) > 2 or rest in ("s", "es", "al", "ed", "er")
    return asked.startswith(word) and len(word) >= 5 and asked[len(word):] in ("s", "es", "al", "ed", "ing", "ion")


def _process(word: str, asked: str) -> bool:
    """"tokenization" is what a "tokenizer" does: a name before the process noun names the agent ("WordPiece
    tokenization" is a WordPiece tokenizer)."""
    word, asked = word.lower().rstrip("s"), asked.lower().rstrip("s")
    return asked.endswith(("izer", "iser")) and word == asked[:-2] + "ation"


def names_kind(word: str, asked: str) -> bool:
    """The word is the asked noun or the process the asked agent noun performs."""
    return _same(word, asked) or _process(word, asked)


_PARTS = frozenset(("layer", "network", "block", "module", "sublayer"))


def _same_part(word: str, asked: str) -> bool:
    """A model's part named by another part noun: a "feed-forward network" is the "feed-forward layer"."""
    return word.lower().rstrip("s") in _PARTS and asked.lower().rstrip("s") in _PARTS


def same_term(word: str, asked: str) -> bool:
    """`_same` for other modules: the sentence's word is the asked (raw, unstemmed) word."""
    return _same(word, asked)


def _names_asked(term: str, asked: Sequence[str]) -> bool:
    return any(_same(part, a) for part in re.split(r"[\s\-]+", term) for a in asked)


def _modifies(text: str, words: list[tuple[str, int, int]], position: int, asked: Sequence[str]) -> bool:
    """The name at `position` modifies the asked noun, which ends the phrase: "AdamW optimizer", "NVIDIA H800
    GPUs"; not "KL reward coefficient", where the asked word modifies another noun."""
    for k in range(position + 1, min(position + 3, len(words))):
        if any(names_kind(words[k][0], a) for a in asked):
            if k + 1 >= len(words) or text[words[k][2]:words[k + 1][1]].strip():
                return True  # punctuation or the end follows
            following = words[k + 1][0]
            if any(_same(following, a) for a in asked):
                continue  # "ReLU activation function": the asked noun goes on
            return following.lower() in _FUNCTION or not following.islower()
    return False


def _headed_by(phrase: str, asked: Sequence[str]) -> bool:
    """The phrase's last word is the asked thing (or its category): "layer normalization" and "Group Relative
    Policy Optimization" name a normalization and an optimization; "reward model" names a model."""
    last = re.split(r"[\s\-]+", phrase.strip())[-1]
    return any(_same(last, a) for a in asked)


def _known(phrase: str, terms: str) -> bool:
    """The phrase is one the library uses as a name (a title, an acronym's expansion), plurals aside."""
    folded = fold(phrase).rstrip("s")
    return bool(terms) and re.search(r"(?<![a-z])" + re.escape(folded) + r"s?(?![a-z])", terms) is not None


def text_values(text: str, attribute: PlanAttribute, acronyms: dict[str, str] | None = None, terms: str = "",
                denied: bool = False) -> list[str]:
    """Terms of a sentence that name the asked kind of thing, for "normalization layer": names such as
    `RMSNorm` or `QK-Norm`, a name written with the asked noun (`AdamW optimizer`, `H800 GPUs`), the
    asked word's compounds (`pre-normalization`) and phrases the library uses as names (`layer
    normalization`, a title; `rotary position embedding`, an acronym's expansion); for
    "policy-optimization algorithm": `PPO`, `Group Relative Policy Optimization`. The asked thing's own
    words ("GPUs", "policy optimization", "reward model") say which kind, not which one: never a value;
    nor is a phrase that merely shares a stem with them ("classifier token" for "tokenizer"). A term the
    sentence removes or rejects is left out unless `denied` (then every term of the asked kind is listed)."""
    asked_words = [w for w in re.findall(r"[a-z][a-z0-9]*", fold(attribute.name).replace("-", " "))
                   if w not in STOPWORDS]
    stems = informative_words(attribute)
    if not stems:  # "RL algorithm", only words of a kind: a name said to be it ("PPO … is the RL algorithm") still is
        return _distinct(used_as(text, attribute.name), text, denied)
    informative = [w for w in asked_words if key(w) in stems] or asked_words
    head = informative[-1:]  # "optimization" of "policy-optimization algorithm": a value names the asked thing
    category = [w for w in asked_words if key(w) in _CATEGORY]
    words = [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]
    found: list[tuple[int, str]] = []

    def bare(term: str) -> bool:
        """Only the asked thing's own words ("GPUs", "Policy Optimization")."""
        parts = re.split(r"[\s\-]+|(?<=[a-z])(?=[A-Z])", term)  # "LayerNorm" is Layer + Norm, not "layer"
        return all(any(_same(part, a) or _same_part(part, a) for a in asked_words) or fold(part) in STOPWORDS
                   for part in parts if part)

    for match in _NAME_TERM.finditer(text):
        term = match.group(1)
        if term.lower() in ("table", "figure") or len(term) < 2 or bare(term) or re.search(r"-[a-z]+ed$", term) \
                or shouted(text, match.start(1)):
            continue  # not a name: "NFKC-normalized" is a participle, "HOW ARE DIFFERENT …" a heading
        position = next((i for i, w in enumerate(words) if w[1] <= match.start() < w[2]), 0)
        expansion = (acronyms or {}).get(term, "")
        if expansion and bare(expansion):
            continue  # "FFN" (Feed-Forward Network) for a feed-forward layer variant: the asked thing, no variant of it
        if _stem_in(term, stems) or (expansion and _headed_by(expansion, [*head, *category])) or _modifies(
                text, words, position, [*head, *category]):
            found.append((match.start(), term))
    for match in _TITLE_PHRASE.finditer(text):
        phrase = match.group(1)
        if _headed_by(phrase, head) and phrase.split()[0].lower() not in _FUNCTION and not bare(phrase):
            found.append((match.start(), phrase))

    for match in _CAPITALISED_BEFORE.finditer(text):  # "the Adam optimizer", "in the Sodarace domain"
        if fold(match.group(1)) not in _FUNCTION and match.group(1).lower() not in (
                "table", "figure", "section", "appendix") and any(_same(match.group(2), a) for a in head):
            found.append((match.start(1), match.group(1)))
    for match in _POSSESSIVE.finditer(text):  # "Qwen's tokenizer": the asked thing named by whose it is
        if any(_same(match.group(2), a) for a in head):
            found.append((match.start(), match.group(0)))
    for match in _IDENTIFIER.finditer(text):  # "tiktoken-cl100k_base tokenizer": a name spelt as code
        if any(_same(match.group(2), a) for a in head):
            found.append((match.start(), match.group(1)))

    def joinable(k: int, nxt: int) -> bool:
        word = words[k][0]
        return (word.islower() and word not in _FUNCTION and text[words[min(k, nxt)][2]:words[max(k, nxt)][1]].strip()
                == "" and ("-" in word or not re.search(r"(?:ed|ly|ing)$", word)))

    for i, (word, _, _) in enumerate(words):
        lowered = word.lower()
        if not word.islower() or not _names_asked(word, head):
            continue
        if re.search(r"(?:ed|es|ing|izes?|ises?)$", lowered) and "-" not in lowered:
            continue
        if "-" in word:
            following = re.match(r"\s+([a-z][a-z\-]*)", text[words[i][2]:])
            if re.match(r"(?:pre|post)-", lowered) and not bare(word) and not (
                    following and following.group(1) not in _FUNCTION):
                found.append((words[i][1], word))  # "pre-normalization": where the asked thing sits
            continue  # not "pre-activation residual network", "de-tokenizers", "off-policy"
        first, last = i, i
        while first - 1 >= 0 and i - first < 2 and joinable(first - 1, first):
            first -= 1
        while last + 1 < len(words) and last - i < 2 and joinable(last + 1, last) and not _NOMINAL.search(lowered) \
                and not _stem_in(words[last + 1][0], [*stems, *(key(c) for c in category)]):
            last += 1
        # The longest run of words around the asked word that the library uses as a name.
        spans = sorted(((a, b) for a in range(first, i + 1) for b in range(i, last + 1) if b > a),
                       key=lambda span: span[0] - span[1])
        for a, b in spans:
            phrase = " ".join(w[0] for w in words[a:b + 1])
            if not _headed_by(phrase, [*head, *category]):
                continue  # "reward model" is a model, not a kind of reward
            # a known phrase of the asked words ("layer normalization" for a normalization layer), never the
            # asked kind's own modifier ("quality diversity" for a quality-diversity algorithm names no algorithm)
            if _known(phrase, terms) and (not bare(phrase) or f"\n{fold(phrase)}\n" in f"\n{terms}\n") \
                    and fold(phrase).replace("-", " ").split() != asked_words[:-1]:
                found.append((words[a][1], phrase))
                break
    found += used_as(text, attribute.name)
    return _distinct(found, text, denied)


def _distinct(found: list[tuple[int, str]], text: str, denied: bool) -> list[str]:
    """The terms in the sentence's order, those it denies left out (unless `denied`), one kept of a term and a
    longer one holding it."""
    found = sorted((at, term) for at, term in found
                   if denied or not _DENIED.search(re.split(r"[;:]|\bbut\b", text[max(0, at - 120):at])[-1]))
    out: list[str] = []
    for _, term in found:
        if not any(term.lower() in t.lower() for t in out):
            out = [t for t in out if t.lower() not in term.lower()]
            out.append(term)
    return out


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
    category = [w for w in words_of(attribute.name) if w in _CATEGORY]
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



_REMOVES = re.compile(r"(?:^(?:\W*\d+\.)?\s*|\bwe\s+)(?:remove|eliminate|discard)\s+(?:all\s+|any\s+|the\s+)?"
                      r"((?:[\w\-]+\s+){0,3}[\w\-]+)", re.IGNORECASE)


def removed_value(text: str, attribute: PlanAttribute) -> str | None:
    """A sentence of the subject's design saying the asked thing itself is removed ("Remove all normalization
    layers such as RMSNorm or LayerNorm", "we remove …"): the value is that there is none, with the names it
    removes. Only when the removed phrase is the asked one whole (its words, ending on the asked noun: "layers"),
    not "removing the normalization of q" or "without … normalizes"."""
    stems = informative_words(attribute)
    if not stems:
        return None
    category = [w for w in words_of(attribute.name) if w in _CATEGORY]
    for match in _REMOVES.finditer(text):
        parts = match.group(1).split()
        for end in range(1, len(parts) + 1):
            removed = [key(w) for p in parts[:end] for w in p.split("-")]
            if not all(any(same_word(w, s) for w in removed) for s in stems):
                continue
            following = parts[end] if end < len(parts) else ""
            if not _headed_by(" ".join(parts[:end]), category or stems[-1:]):
                continue
            if following.lower() == "of":
                break
            names = [m.group(1) for m in _NAME_TERM.finditer(text[match.start(1):]) if _stem_in(m.group(1), stems)]
            said = " ".join(parts[:end])
            return f"none ({', '.join(dict.fromkeys(names))} removed)" if names else f"none (no {said})"
    return None


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
