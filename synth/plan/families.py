"""Subjects named by their kind or their family: "the mixture-of-experts models in the library" resolved to the
models whose sources call them so, and whether a name is a family whose sized members the library reports apart."""

from __future__ import annotations

import re

from synth.models import PassageKind, Table
from synth.names import canonical, match_entity
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary


def _acronym(phrase: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", phrase) if w]
    return "".join(w[0].lower() if fold(w) in STOPWORDS else w[0].upper() for w in words)


def resolve_class(phrase: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """Members of "the <phrase> models in the library", as (name, why) pairs: the name a source is about
    when its title calls it a <phrase>, or a sentence of its opening pages does ("We present X, a
    strong <phrase> language model"); a family is narrowed to the members its own tables label
    with the phrase or its acronym (an `Architecture` row reading `MoE`)."""
    parts = [re.escape(w) for w in re.split(r"[\s\-]+", fold(phrase)) if w]
    wanted = r"(?<![a-z])" + r"[\s\-]*".join(parts) + r"s?(?![a-z])"
    acronym = _acronym(phrase)
    short = (r"|(?<![A-Za-z])" + re.escape(acronym) + r"s?(?![A-Za-z])") if len(acronym) >= 2 else ""
    members: dict[str, tuple[str, str]] = {}
    for source_key, names in vocab.about.items():
        title = vocab.titles.get(source_key, "")
        candidates = [n for n in names if not re.search(wanted, fold(n)) and fold(n) != fold(acronym)]
        for name in candidates:
            sized = _members_by_table(name, source_key, vocab, acronym, phrase)
            if sized:
                for member, why in sized:
                    members.setdefault(canonical(member), (member, why))
                continue
            why = None
            if re.search(wanted, fold(title)) and name == candidates[0]:
                why = f"the title of {source_key} calls it one"
            else:
                sentence = _calls_it(name, wanted, short, vocab, source_key)
                if sentence:
                    why = f"{source_key}: “{sentence}”"
            if why:
                members.setdefault(canonical(name), (name, why))
    named = [name for name, _ in members.values()]
    return [(name, why) for name, why in members.values()
            if not any(other != name and match_entity((name,), other) for other in named)]


def _calls_it(name: str, wanted: str, short: str, vocab: Vocabulary, key: str) -> str | None:
    """A sentence of the source's opening pages that says the name is one: "X, a … <class>", "X is a …
    <class>", "X uses a … <class>"."""
    document = vocab.library.source(key).document
    if document is None:
        return None
    pattern = re.compile(re.escape(name) + r"(?:,|\s+(?:is|are|was|uses|adopts|employs))?\s+(?:an?|the|with)\s+"
                         r"(?:[\w\-()]+\s+){0,10}?(?:" + wanted + short + r")", re.IGNORECASE)
    for passage in document.passages:
        if passage.kind is not PassageKind.TEXT or (passage.page or 1) > 2:
            continue
        text = " ".join(passage.text.split())
        found = pattern.search(text)
        if found:
            return text[found.start(): found.end() + 40].rsplit(" ", 1)[0] + " …"
    return None


def _members_by_table(name: str, key: str, vocab: Vocabulary, acronym: str, phrase: str) -> list[tuple[str, str]]:
    """For a family (`Qwen3`), the sized members its own source's tables give the class label to."""
    members: dict[str, tuple[str, str]] = {}
    for table in _tables_of(key, vocab):
        for row in table.rows:
            if not row or "architecture" not in fold(row[0]):
                continue
            for column, cell in enumerate(row[1:], start=1):
                if column < len(table.header) and fold(cell.strip()) in (fold(acronym), fold(phrase)):
                    found = match_entity((name,), table.header[column])
                    if found is not None:
                        member = found.member or name
                        members.setdefault(canonical(member), (member, f"{key}, {_table_name(table.caption)}: "
                                                                           f"Architecture {cell.strip()}"))
    return sorted(members.values())


def _tables_of(key: str, vocab: Vocabulary) -> tuple[Table, ...]:
    document = vocab.library.source(key).document
    return document.tables if document is not None else ()


def _table_name(caption: str) -> str:
    match = re.match(r"\s*(Table\s*[A-Z]?\d+)", caption)
    return match.group(1) if match else "a table"


def family_member(label: str) -> str:
    """`Qwen3-235B-A22B Base` → `Qwen3-235B-A22B`: the label up to its sizes."""
    match = re.match(r"^(.*?\d+(?:\.\d+)?\s*[BM](?:[-_ ]?A\d+(?:\.\d+)?B)?)(?![A-Za-z0-9])", label)
    return match.group(1).strip() if match else label.strip()


def is_family(spellings: tuple[str, ...], vocab: Vocabulary) -> bool:
    """A name the library's tables use only with a size after it (`Qwen3` → `Qwen3-8B`, `Qwen3-32B`)."""
    matches = vocab.entity_matches(spellings)
    return bool(matches) and all(m.member for m in matches)


