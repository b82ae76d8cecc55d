"""BibTeX parsing with bibtexparser v2: broken blocks become problems with their line, never crashes.

Field values lose their LaTeX braces and simple accent commands (`{\\"o}` → ö), so titles can be
matched against file text and shown as they read.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock

from synth.confine import read_regular
from synth.models import BibEntry, BibProblem
from synth.text import collapse, repair

_ACCENTS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a",
}
_SYMBOL_ACCENT = re.compile(r"""\\(["'`^~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))""")
_LETTER_ACCENT = re.compile(r"\\([uvHckr])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+(\\?[A-Za-z]))")
_LETTERS = {
    "L": "Ł", "l": "ł", "O": "Ø", "o": "ø", "ss": "ß", "AE": "Æ", "ae": "æ", "OE": "Œ", "oe": "œ",
    "AA": "Å", "aa": "å", "i": "ı", "j": "ȷ",
}
_LETTER_COMMAND = re.compile(r"\\(ss|AE|ae|OE|oe|AA|aa|L|l|O|o|i|j)(?![A-Za-z])\s*")
_ESCAPED = re.compile(r"\\([&%$#_{}])")
_COMMAND_WITH_ARGUMENT = re.compile(r"\\[A-Za-z]+\s*\{")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_VERBATIM_FIELDS = {"url", "doi", "file", "eprint", "pdf"}
_BLOCK_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]*)")


def _accent(match: re.Match[str]) -> str:
    letter = match.group(2) or match.group(3)
    base = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    return unicodedata.normalize("NFC", base + _ACCENTS[match.group(1)])


def clean_value(value: str) -> str:
    """A field value as a reader would see it: accents applied, braces and commands removed."""
    text = _SYMBOL_ACCENT.sub(_accent, value)
    text = _LETTER_ACCENT.sub(_accent, text)
    text = _LETTER_COMMAND.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPED.sub(lambda m: "\0" + m.group(1), text)
    text = _COMMAND_WITH_ARGUMENT.sub("{", text)
    text = _COMMAND.sub(r"\1", text)
    text = text.replace("{", "").replace("}", "").replace("~", " ").replace("\0", "")
    text = text.replace("---", "—").replace("--", "–")
    return unicodedata.normalize("NFC", collapse(text))


def _read(path: Path, limit: int) -> str:
    data = read_regular(path, limit, "SYNTH_MAX_TEXT_MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return repair(text)


def _describe(raw: str) -> str:
    head = _BLOCK_HEAD.match(raw.lstrip())
    if head and head.group(2):
        return f"entry @{head.group(1).lower()}{{{head.group(2)}}}"
    if head:
        return f"@{head.group(1).lower()} block"
    return "block"


def parse_bibtex(path: Path, limit: int = 32 * 2**20) -> tuple[list[BibEntry], list[BibProblem]]:
    """Entries of one .bib file (of at most `limit` bytes) in file order, and the problems of the
    blocks that were skipped."""
    shown = str(path)
    try:
        text = _read(path, limit)
    except OSError as exc:
        return [], [BibProblem(shown, 1, f"cannot read BibTeX file: {exc.strerror or exc}")]
    logger = logging.getLogger("bibtexparser")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:
        return [], [BibProblem(shown, 1, f"BibTeX file could not be parsed: {collapse(str(exc))}")]
    finally:
        logger.setLevel(previous)
    problems: list[BibProblem] = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(BibProblem(shown, line, f"duplicate key '{block.key}': this entry is skipped, "
                                                    "the first one with that key is used"))
        elif isinstance(block, ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", None) or collapse(str(block.error)) or "syntax error"
            problems.append(BibProblem(shown, line, f"broken {_describe(block.raw)} skipped: {collapse(reason)}"))
        else:
            problems.append(BibProblem(shown, line, f"{_describe(block.raw)} skipped: {collapse(str(block.error))}"))
    entries: list[BibEntry] = []
    for entry in library.entries:
        fields = {}
        for item in entry.fields:
            name = item.key.lower()
            raw = str(item.value)
            value = collapse(raw.replace("{", "").replace("}", "")) if name in _VERBATIM_FIELDS else clean_value(raw)
            if value:
                fields[name] = value
        line = (entry.start_line or 0) + 1
        if not entry.key:
            problems.append(BibProblem(shown, line, f"@{entry.entry_type} entry without a key skipped"))
            continue
        if not fields.get("title"):
            problems.append(BibProblem(shown, line, f"entry {entry.key} has no title"))
        entries.append(BibEntry(entry.key, entry.entry_type.lower(), tuple(sorted(fields.items())), line))
    problems.sort(key=lambda p: (p.line, p.message))
    return entries, problems
