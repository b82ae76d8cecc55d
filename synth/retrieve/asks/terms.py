"""Short text values ("RMSNorm, pre-normalization"): the terms a sentence names for an asked text attribute, and a
sentence saying the asked thing is removed. How directly a sentence states a mechanism is in asks/mechanism.py."""

from __future__ import annotations

import re
from collections.abc import Sequence

from synth.models import PlanAttribute
from synth.names import key, same_word, words_of
from synth.retrieve.asks.lexicon import WORD, shouted
from synth.retrieve.asks.used_as import used_as
from synth.text import STOPWORDS, fold

# Category nouns that say what kind of thing is asked, not which: "normalization *layer*".
CATEGORY = frozenset(key(w) for w in """layer layers function functions algorithm algorithms method methods type
    types kind kinds technique techniques strategy strategies scheme schemes mechanism mechanisms approach approaches
    variant variants design component components architecture module modules objective choice form""".split())


def informative_words(attribute: PlanAttribute) -> list[str]:
    return [w for w in words_of(attribute.name) if w not in CATEGORY and len(w) >= 3]


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


def _name_carries_stem(term: str, stems: Sequence[str]) -> bool:
    """A name carries the asked stem in a part written as a name ("RMSNorm", "QK-Norm", "AdamW"), or in a lower-case
    part holding the whole stem ("QK-norm"): "FLOP-optimal" shares only "opti" with an optimizer, in a plain word."""
    parts = [part for part in term.split("-") if part]
    return any(_stem_in(part, stems) and (not part.islower() or any(s in part for s in stems)) for part in parts)


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
    category = [w for w in asked_words if key(w) in CATEGORY]
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
        if _name_carries_stem(term, stems) or (expansion and _headed_by(expansion, [*head, *category])) or _modifies(
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
    category = [w for w in words_of(attribute.name) if w in CATEGORY]
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
