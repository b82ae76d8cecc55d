"""Values named by the role a sentence gives them ("… as the base language model"), kept apart from the terms
module, which reads values named by their kind."""

from __future__ import annotations

import re
from functools import lru_cache


def used_as(text: str, asked: str) -> list[tuple[int, str]]:
    """"we utilize DeepSeek-LLM (1.5B and 7B) … as the base language model": the name a sentence uses as the asked
    thing is its value, though it names nothing of the asked kind itself."""
    pattern = _used_as_pattern(asked)
    found = [(m.start("term"), m.group("term")) for m in pattern.finditer(text)] if pattern else []
    for copula in (_named_by_copula(asked), _naming_copula(asked)):
        found += [(m.start("term"), m.group("term")) for m in copula.finditer(text)] if copula else []
    called = _called(asked)
    found += [(m.start("term"), m.group("term")) for m in called.finditer(text)] if called else []
    if _DATA.search(asked):
        found += [(m.start("term"), m.group("term")) for m in _TRAINED_ON.finditer(text)
                  if not _HARDWARE.match(m.group("term"))]
    return found


def _head(asked: str) -> str | None:
    """The asked thing's head noun ("algorithm" of "quality-diversity algorithm"), if it is a plain word."""
    head = asked.split()[-1] if asked.split() else ""
    return head if re.fullmatch(r"[a-z][a-z\-]+", head) else None


@lru_cache(maxsize=256)
def _called(asked: str) -> re.Pattern[str] | None:
    """"a simple and easy-to-measure statistic called the gradient noise scale": the name given to a thing of the
    asked kind, up to the verb or clause break after it."""
    head = _head(asked)
    if head is None:
        return None
    return re.compile(rf"\b{re.escape(head)}s?,?\s+(?:called|named|termed|dubbed|known\s+as)\s+(?:the\s+|an?\s+)?"
                      r"(?P<term>[A-Za-z][\w\-]*(?:\s+(?!(?:predicts?|is|are|was|were|which|that|and|to|for|of|"
                      r"in|on|with|by)\b)[a-z][\w\-]*){0,3})(?=\s*[,.;:()]|\s+[a-z]+s?\b)", re.IGNORECASE)


# "We train our vanilla Transformer models on enwik8": the data a model is trained on, for an asked dataset; a name
# is capitalised or carries a digit, never hardware ("trained on TPUs").
_DATA = re.compile(r"\b(?:dataset|data|corpus|corpora)$", re.IGNORECASE)
_TRAINED_ON = re.compile(r"\b(?:pre-?)?train(?:s|ed|ing)?\s+(?:[\w\-]+\s+){0,4}?on\s+(?:the\s+)?"
                         r"(?P<term>[a-z][\w\-]*\d[\w\-.]*|(?-i:[A-Z])[\w\-.]*[\w])", re.IGNORECASE)
_HARDWARE = re.compile(r"^(?:[GTN]PU|NVIDIA|Nvidia|A100|H100|H800|V100|P100)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _named_by_copula(asked: str) -> re.Pattern[str] | None:
    """"the specific algorithm in the experiment in this paper is MAP-Elites": the asked thing's head noun, said
    of this work, named after "is"."""
    head = _head(asked)
    if head is None:
        return None
    return re.compile(rf"\b(?:the|our|this)\s+(?:[a-z\-]+\s+){{0,2}}?{re.escape(head)}s?"
                      r"(?:\s+(?:used\s+|chosen\s+)?(?:in|for|of)\s+[^.;,()]{0,50}?)?\s+(?:is|was)\s+(?:the\s+)?"
                      r"(?P<term>(?-i:[A-Z])[\w\-.]*[\w])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _naming_copula(asked: str) -> re.Pattern[str] | None:
    """"Proximal policy optimization [PPO; 67] is the RL algorithm": a name (or the acronym its citation bracket
    opens on) said to be the asked thing."""
    head = _head(asked)
    if head is None:
        return None
    # the asked thing's own modifiers, all of them ("the RL algorithm" for an RL algorithm; never "the RL algorithm"
    # for a quality-diversity algorithm)
    modifiers = "".join(rf"{re.escape(w)}\s+" for w in asked.split()[:-1])
    return re.compile(r"(?:(?<=\[)|(?<![\w\-.]))(?P<term>(?-i:[A-Z])[\w\-.]*[\w])(?:\s*[;,][^\])]{0,40})?[\])]?"
                      rf"\s+(?:is|was)\s+(?:the|our)\s+{modifiers}{re.escape(head)}s?\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _used_as_pattern(asked: str) -> re.Pattern[str] | None:
    """The pattern for one asked thing, built once: `used_as` reads every sentence of every hit."""
    words = [re.escape(w) for w in asked.split() if w]
    if not words:
        return None
    return re.compile(r"\b(?:use[sd]?|using|utili[sz](?:e|es|ed|ing)|adopt(?:s|ed|ing)?|employ(?:s|ed|ing)?|"
                      r"choose|chose|select(?:s|ed)?)\s+(?:the\s+)?(?P<term>(?-i:[A-Z])[\w\-.]*[\w])"
                      r"(?:[^.;]|(?<=\d)\.(?=\d)){0,120}?\bas\s+(?:the|our|its|a|an)\s+(?:[a-z\-]+\s+){0,2}?"
                      + r"\s+".join(words) + r"s?\b", re.IGNORECASE)
