"""Class subjects named by what they use: "Which models in the library use grouped-query attention?"

Such a question names no model: its subjects are the models whose own sources state that they use the
thing ("Mistral 7B leverages grouped-query attention (GQA)", "DeepSeek-V3 adopts Multi-head Latent
Attention"). A model qualifies only through a sentence of a source about it (the names the library
reads a source to be about) that writes the phrase with a verb of use and names the model or speaks
for it ("our model", "we"); a paper that only compares with the technique, cites it or evaluates on a
benchmark of the same acronym does not. Each member keeps the sentence that made it one, so the page
can say how the class was resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.models import PassageKind
from synth.names import canonical, name_regex
from synth.termindex import word_key
from synth.text import fold
from synth.vocabulary import Vocabulary

# "which models (in the library) use X", "the models in the library that use X", "models that adopt X"
USAGE_CLASS = re.compile(
    r"\b(?:(?:which|what)\s+(?:of\s+the\s+)?|(?:list\s+)?(?:the|all)\s+)(?P<noun>models?|methods?|architectures?|"
    r"systems?|networks?|language\s+models?)\s+(?:(?:in|of|from)\s+(?:the|this|our)\s+library\s+)?(?:that\s+|which\s+)?"
    r"(?P<verb>use|uses|used|adopt|adopts|employ|employs|leverage|leverages|rely\s+on|relies\s+on|are\s+built\s+on)\s+"
    r"(?P<thing>[^,?;]+?)(?=\s*(?:[,?;.]|$|\band\s+(?:how|what|which|where|why)\b))",
    re.IGNORECASE,
)
_USE_VERB = re.compile(r"\b(?:us(?:e|es|ed|ing)|adopt(?:s|ed|ing)?|employ(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|"
                       r"incorporat(?:e|es|ed|ing)|equipped\s+with|opt\s+to\s+use|based\s+on|built\s+(?:on|with)|"
                       r"rel(?:y|ies)\s+on|apply|applies|applied)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our\s+(?:model|models|architecture))\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_REFERENCE = re.compile(r"\barXiv\b|\bIn\s+Proceedings\b|\bpreprint\b|\b(?:19|20)\d\d\.\s", re.IGNORECASE)


@dataclass(frozen=True)
class UsageClass:
    """A class of subjects read from the question: its noun, the thing its members use, and the span."""

    noun: str
    thing: str
    start: int
    end: int


def usage_class(text: str) -> UsageClass | None:
    """The class a question asks about by what its members use, if it names one."""
    found = USAGE_CLASS.search(text)
    if not found:
        return None
    thing = re.sub(r"^(?:the|a|an)\s+", "", " ".join(found.group("thing").split()), flags=re.IGNORECASE)
    return UsageClass(found.group("noun").lower(), thing, found.start(), found.end()) if thing else None


def _phrase_words(thing: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", fold(thing)) if w]


def _phrase_pattern(thing: str) -> re.Pattern[str]:
    """The thing as written in any source: case, hyphens and spaces between its words are free."""
    return re.compile(r"(?<![a-z])" + r"[\s\-]*".join(re.escape(w) for w in _phrase_words(thing)) + r"(?![a-z])")


def resolve_usage(thing: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """Members of "the models that use <thing>", as (name, why) pairs: for every source, the model it is
    about that a sentence of its own names (or speaks for) with a verb of use and the thing."""
    pattern = _phrase_pattern(thing)
    words = _phrase_words(thing)
    # Only documents with a letter run starting like the thing's first word can write it.
    candidates = vocab.documents_with_word(word_key(words[0]) if words else None)
    members: dict[str, tuple[str, str]] = {}
    for key in sorted(vocab.about):
        names = vocab.about[key]
        document = vocab.library.source(key).document
        if not names or document is None or (candidates is not None and document.doc_id not in candidates):
            continue
        for passage in document.passages:
            if passage.kind is not PassageKind.TEXT:
                continue
            found = _stated(passage.text, pattern, names)
            if found:
                name, sentence = found
                members.setdefault(canonical(name), (name, f"{key}, p. {passage.page}: “{sentence}”"
                                                     if passage.page else f"{key}: “{sentence}”"))
                break
    return list(members.values())


def _stated(text: str, pattern: re.Pattern[str], names: tuple[str, ...]) -> tuple[str, str] | None:
    """(the model, the sentence) when a sentence of the passage says a model the source is about uses it."""
    for sentence in _SENTENCE.split(" ".join(text.split())):
        folded = fold(sentence)
        hit = pattern.search(folded)
        if not hit or _REFERENCE.search(sentence):
            continue
        before = folded[:hit.start()]
        if not _USE_VERB.search(before[-80:]):
            continue  # the thing must be what the sentence says is used, not what it is compared with
        named = [n for n in names if name_regex(n).search(folded[:hit.start()])]
        if named:
            return named[0], _short(sentence)
        if _FIRST_PERSON.search(before):
            return names[0], _short(sentence)
    return None


def _short(sentence: str, limit: int = 220) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"
