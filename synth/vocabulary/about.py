"""Names a source is about and acronyms it defines, read from its title and opening pages.

Kept per document in the index (synth.termindex), so these run once per document, not per build.
"""

from __future__ import annotations

import re
from functools import lru_cache

from synth.claimparse import name_spans
from synth.models import Document, PassageKind, Source
from synth.names import canonical
from synth.text import STOPWORDS, fold

_SIZE_AFTER = re.compile(r"^[\s\-]*((?:\d+\s*[x×]\s*)?\d+(?:\.\d+)?\s*[BMK](?:[-_]?A\d+(?:\.\d+)?B)?)(?![A-Za-z0-9])")
_INTRODUCE = re.compile(
    r"\b(?:introduce|introducing|present|presenting|propose|proposing|release|releasing|call|called|named|dubbed|"
    r"term|termed|develop)s?\b|\bour\s+(?:\w+\s+){0,2}(?:model|method|system|approach|architecture|network)s?,",
    re.IGNORECASE,
)
_OPENING_PAGES = 2
_INTRO_GLUE = frozenset({"the", "a", "an", "our", "called", "named", "dubbed", "termed", "introduce", "present",
                         "propose", "release", "model", "models", "architecture", "method", "family", "series"})
_INTRO_REACH = 90
_DEFINITION = re.compile(r"\(([A-Z][A-Za-z0-9]{1,7})s?\)")


def attach_sizes(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Names with the size written after them: `Mistral 7B`, `DeepSeekMoE 16B`, `Llama 3.1 405B`."""
    out = []
    for name, start, end in spans:
        found = _SIZE_AFTER.match(text[end:])
        if found and not re.search(r"\d+(?:\.\d+)?\s*[BMK]\b", name):
            end += found.end()
            name = text[start:end]
        out.append((name, start, end))
    return out


@lru_cache(maxsize=65536)
def names_in(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every name of a text with its offsets, sizes attached."""
    return tuple(attach_sizes(text, list(name_spans(text))))



def _expansion(words: list[str], acronym: str) -> str | None:
    """The words before "(ACR)" whose initials spell the acronym ("Group Relative Policy Optimization")."""
    letters = [c for c in acronym if c.isupper()]
    for start in range(len(words) - 1, -1, -1):
        chosen = [w for w in words[start:] if w.lower() not in STOPWORDS]
        initials = [p[0].upper() for w in chosen for p in w.split("-") if p]
        if initials == letters:
            return " ".join(words[start:])
    return None


def _proper(word: str, document: Document | None) -> bool:
    """A title word is a name when the source never writes it in lower case."""
    if not word[:1].isupper() or fold(word) in STOPWORDS:
        return False
    if any(c.isdigit() for c in word) or sum(c.isupper() for c in word) >= 2:
        return True
    if document is None:
        return False
    lower = len(re.findall(rf"(?<=\s){re.escape(word.lower())}(?=[\s,;:!?]|\.\s)", document.text))
    upper = len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", document.text))
    return upper >= 3 and lower * 10 <= upper


def _title_names(title: str, document: Document | None) -> list[str]:
    """The name a title is about: its part before a colon when that is a name (`DeepSeekMoE: Towards …`),
    else its leading name-like words (`DeepSeek-V3 Technical Report` → `DeepSeek-V3`, `Mistral 7B`). A
    title in capitals or cut short ("TRANSFORMER WITH REPRE -", read from a PDF's first lines) names
    nothing reliably."""
    if title.rstrip().endswith("-") or sum(w.isupper() for w in title.split()) >= 2:
        return []
    head, _, _ = title.partition(":")
    if head != title and 0 < len(head.split()) <= 4 and any(_proper(w, document) for w in head.split()):
        return [head.strip()]
    out = []
    for name, _, _ in names_in(title):
        words: list[str] = []
        for word in name.split():
            if _proper(word, document) or (words and re.fullmatch(r"[\d.]+[BMK]?", word)):
                words.append(word)
            else:
                break
        if words:
            out.append(" ".join(words))
    return out


def defined_acronyms(text: str) -> list[tuple[str, str]]:
    """The acronyms a text defines with their expansion, each once, in the order it first defines them
    ("Group Relative Policy Optimization (GRPO)"); kept per document by synth.termindex."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        acronym = match.group(1)
        words = re.findall(r"[A-Za-z][\w-]*", text[max(0, match.start() - 80):match.start()])[-6:]
        expansion = _expansion(words, acronym)
        if expansion:
            found.setdefault(acronym, expansion)
    return list(found.items())


def about_names(source: Source) -> tuple[str, ...]:
    """Names a source is about: from its title, and what its opening pages introduce (kept per
    document and title by synth.termindex)."""
    document = source.document
    names = _title_names(source.title, document)
    if document is not None:
        for passage in document.passages:
            if passage.kind is not PassageKind.TEXT or (passage.page or 1) > _OPENING_PAGES:
                continue
            text = " ".join(passage.text.split())
            spans = names_in(text)
            for verb in _INTRODUCE.finditer(text):
                after = [n for n in spans if verb.end() <= n[1] <= verb.end() + _INTRO_REACH]
                for name, start, _ in after[:2]:
                    before = re.search(r"([A-Za-z][\w-]*)\s*$", text[verb.end():start])
                    if before and before.group(1).islower() and before.group(1) not in _INTRO_GLUE:
                        continue  # "the normalized Transformer" introduces a variant, not the Transformer
                    if _proper(name.split()[0], document):
                        names.append(name)
                    break
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(canonical(name), name)
    return tuple(unique.values())
