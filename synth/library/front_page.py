"""Who wrote a PDF without author metadata, read from its first page: the line set below the title.

Only the first author is read, with "and others" when the page names more: a citation shows "Radford et
al." and that needs nothing else, while splitting a whole byline ("Jan Leike Ilya Sutskever Jeff Wu") into
people is guesswork. When the line does not look like a person's name or a team's, nothing is read and the
citation keeps the title, as before.
"""

from __future__ import annotations

import re

from synth.text import collapse, repair

# Footnote marks and affiliation numbers after a name, and the separators between names.
_SEPARATOR = re.compile(r"\s*(?:[,;∗*†‡§¶⋄⇤˚♠♣♦♥#]|\d+|\s{2,}|\band\b)")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.(?:-?[A-Z]\.)*|de|del|della|der|van|von|la|le|da|dos)$")
_TEAM = re.compile(r"^(?:[\w\-]+\s+)?(?:Team|AI|Research|Lab|Labs)$|^[A-Z][\w]*-AI$")
_PLACEHOLDER = re.compile(r"^(?:anonymous|anonymous submission|author|authors|unknown|submission)$", re.IGNORECASE)
_EMAIL = re.compile(r"@[\w\-]+\.|^\{[^}]*,[^}]*\}")
# Where page 1's front matter ends: the abstract or the introduction (titles and bylines sit above).
FRONT_END = re.compile(r"^(?:abstract|\d?\.?\s*introduction)\b", re.IGNORECASE)
_NOT_PERSON = re.compile(r"\b(?:university|institute|department|school|college|google|openai|microsoft|meta|"
                         r"nvidia|deepmind|brain|labs?|research|team|ai|laborator\w*|inc|corp\w*|page|https?)\b",
                         re.IGNORECASE)


def placeholder_author(value: str) -> bool:
    """Metadata that names no one: "Anonymous Submission"."""
    return bool(_PLACEHOLDER.match(value.strip()))


def _title_words(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def first_author(lines: list[tuple[str, float]], title: str | None) -> str | None:
    """The author field a citation needs, from page 1's first lines (text, font size) below the title:
    "Alec Radford and others", "{DeepSeek-AI}", or None."""
    if not title:
        return None
    wanted = _title_words(title)
    texts = [collapse(repair(line)) for line, _ in lines]
    last_title = None
    for index, text in enumerate(texts[:12]):
        words = _title_words(text)
        if not words:
            continue
        if words in wanted:
            last_title = index
        elif last_title is not None:
            break
    if last_title is None or last_title + 1 >= len(texts):
        return None
    byline = texts[last_title + 1]
    if _TEAM.match(byline):
        return "{" + byline + "}"
    parts = [p for p in _SEPARATOR.split(byline) if p and p.strip(" .")]
    if not parts:
        return None
    name = parts[0].strip()
    # A byline without any mark between names ("Jan Leike Ilya Sutskever") gives no end to the first one.
    if not _person(name, 3 if len(parts) == 1 else 4):
        return None
    return f"{name} and others" if _more_people(parts[1:], texts[last_title + 2:]) else name


def _person(text: str, most: int = 4) -> bool:
    words = text.split()
    return 2 <= len(words) <= most and all(_NAME_WORD.match(w) for w in words) and not _NOT_PERSON.search(text)


def _more_people(rest: list[str], following: list[str]) -> bool:
    """Whether the front page names another author: more names on the byline, a line below it that is a
    name, or a second address."""
    if any(_person(p.strip()) for p in rest):
        return True
    emails = 0
    for text in following:
        if FRONT_END.match(text):
            break
        emails += len(_EMAIL.findall(text))
        if _person(_SEPARATOR.split(text)[0].strip()) or emails >= 2:
            return True
    return False
