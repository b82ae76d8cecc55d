"""Text helpers shared by the stages: repair, paragraphs, sentences, tokens.

pysbd is superlinear on long strings, so sentences are always split one paragraph at a time.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Iterable

import ftfy
import pysbd

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+]*[A-Za-z0-9+]|[A-Za-z0-9]")
_SPACES = re.compile(r"\s+")

_UNITS = "one two three four five six seven eight nine".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
# Numbers written as words ("three runs", "thirty-two experts", "a dozen"): the one table every reader of figures uses.
CARDINALS: dict[str, float] = {
    **{word: float(n) for n, word in enumerate(_UNITS, 1)},
    **{word: float(n) for n, word in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
                                              "eighteen nineteen".split(), 10)},
    **{word: float(n) for n, word in zip(range(20, 100, 10), _TENS, strict=True)},
    **{f"{ten}-{unit}": float(t + u) for t, ten in zip(range(20, 100, 10), _TENS, strict=True)
       for u, unit in enumerate(_UNITS, 1)},
    "dozen": 12.0, "hundred": 100.0,
}


def cardinal_pattern(words: Iterable[str]) -> str:
    """An alternation of number words, the longest first so that "thirty-two" is never read as "thirty"."""
    return "|".join(sorted(words, key=len, reverse=True))


STOPWORDS = frozenset(
    """a an and are as at be been being both but by can could did do does for from had has have how
    in into is it its it's of on or our such than that the their them then there these they this
    those to was we were what when where which while who whom why will with would you your also
    more most other over under between about after before across per via each all any some than
    not no nor only very much many may might must shall should""".split()
)


# A whitespace-delimited token holding one of the characters mac_roman mojibake is made of. The
# lookbehind anchors each try at a token's start: without it the scan is quadratic in a long token
# (20,000 characters without a space took 1.8 s; a one-line nested HTML table, minutes).
_MOJIBAKE_TOKEN = re.compile(r"(?<!\S)\S*[√¬‚Ä∞ü§]\S*")


def _fix_token(match: re.Match[str]) -> str:
    """Retry one token on its own: ftfy gives up on a line where any part cannot be decoded."""
    token = match.group(0)
    fixed = ftfy.fix_encoding(token)
    if fixed != token:
        return fixed
    try:
        return token.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return token


def repair(text: str) -> str:
    """Fix mojibake (`Lebr√≥n` → `Lebrón`, `Plus¬π` → `Plus¹`) and normalise to NFC.

    Line structure is kept, so paragraph and table detection still work on the result.
    """
    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    fixed = _MOJIBAKE_TOKEN.sub(_fix_token, fixed)
    return fixed.replace("\r\n", "\n").replace("\r", "\n")


def collapse(text: str) -> str:
    """One line, single spaces: the form quotes are shown in."""
    return _SPACES.sub(" ", text).strip()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, separated by blank lines."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    result = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            result.append((start + lead, start + lead + len(stripped)))
    return result


_PER_THREAD = threading.local()


def _segmenter() -> pysbd.Segmenter:
    """One segmenter per thread: pysbd keeps the text being split on the segmenter, so two threads
    (a Dask worker's, say) sharing one get each other's sentences."""
    segmenter = getattr(_PER_THREAD, "segmenter", None)
    if segmenter is None:
        segmenter = _PER_THREAD.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return segmenter


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, offsets into that paragraph."""
    if not paragraph.strip():
        return []
    spans = []
    # Hard-wrapped lines (markdown, PDF text) are not sentence ends; same length, so offsets hold.
    for span in _segmenter().segment(paragraph.replace("\n", " ")):
        start, end = span.start, span.end
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def sentences(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in sentence_spans(paragraph)]


def fold(text: str) -> str:
    """Lower-case, accent-free, dash- and apostrophe-normalised (AIME’24 is AIME'24): the form used for
    matching, never for display. Only runs of non-ASCII characters are looked at one by one (combining
    marks are never ASCII): a document's text is folded in C, not character by character."""
    if text.isascii():
        return text.lower()
    text = _NON_ASCII.sub(_without_combining, unicodedata.normalize("NFKD", text))
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2032", "'")
    return text.lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_combining(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group(0) if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Word tokens, keeping model names such as `qwen2.5-72b-instruct` whole."""
    return [t.strip(".-") for t in _WORD.findall(fold(text)) if t.strip(".-")]


def content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 1]


_TICKS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)((?:\s+\d+(?:\.\d+)?){4,})(?![\w.])")


def has_tick_run(text: str, either_way: bool = False) -> bool:
    """Five or more evenly spaced numbers in a row ("0 10 20 30 40"): an axis's ticks, whatever prose a
    caption glued after them adds; with `either_way`, a y-axis read from the top too ("50 40 30 20 10 0")."""
    for match in _TICKS.finditer(text):
        numbers = [float(match.group(1)), *(float(n) for n in match.group(2).split())]
        steps = {round(b - a, 6) for a, b in itertools.pairwise(numbers)}
        if len(steps) == 1 and ((step := steps.pop()) > 0 or (either_way and step < 0)):
            return True
    return False


_MATH_LETTERS = re.compile("[\U0001d400-\U0001d7ff]")
_DOUBLED_MATH = re.compile("([\U0001d400-\U0001d7ff])\\1")
DRAWN_DOUBLES = 3


def drawn(text: str) -> bool:
    """Whether a text is a diagram's labels: a PDF draws a figure's symbols twice over (bold over italic: "Input
    Hidden 𝐮𝐮𝑡𝑡 … 1 𝑁𝑁𝑠𝑠 1 2 𝑁𝑁𝑟𝑟-1"), which prose sets once; its numbers are boxes and indices, no figures said
    of anything."""
    return len(_DOUBLED_MATH.findall(text)) >= DRAWN_DOUBLES


def plain_letters(text: str) -> str:
    """Mathematical italic and bold letters written as plain ones ("top-𝑝" is "top-p"), one character for one, so
    offsets into the text stay those of the original (a PDF sets a variable in math italic inside prose)."""
    if text.isascii():
        return text

    def plain(match: re.Match[str]) -> str:
        letter = unicodedata.normalize("NFKC", match.group(0))
        return letter if len(letter) == 1 else match.group(0)

    return _MATH_LETTERS.sub(plain, text)


# Verbs that choose, for one input, a part of a pool: a count they govern ("selects only 8 routed experts", "each
# token is sent to at most 4 nodes", "routes each token to 2 experts", "8 experts will be activated for each token")
# is how many are used per input, never the pool's size. Retrieval and the verifier read counts with these words.
CHOOSING = re.compile(r"\b(?:select|activat|choos|pick|dispatch|rout|sent\b|send|assign)\w*", re.IGNORECASE)
_CHOSEN_BEFORE = re.compile(r"\b(?:(?:select|activat|choos|pick)\w*\s+(?:only\s+|the\s+top\s+|top-?)?|"
                            r"(?:dispatch|rout|sent|send|assign)\w*\s+(?:(?:each|every)\s+(?:token|input)\s+)?to\s+"
                            r"(?:at\s+most\s+|up\s+to\s+|only\s+|the\s+top\s+|top-?)?(?:an?\s+)?|"
                            r"each\s+token\b[^.;]{0,40}?\bat\s+most\s+)$", re.IGNORECASE)
_CHOSEN_AFTER = re.compile(r"^\s+(?:[a-z]+\s+){0,2}?(?:will\s+be|are|is|get|gets)\s+(?:activated|selected|chosen)\b",
                           re.IGNORECASE)


def chosen_count(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] counts the members a choosing verb picks for one input (`CHOOSING`)."""
    return bool(_CHOSEN_BEFORE.search(text[max(0, start - 30):start]) or _CHOSEN_AFTER.match(text[end:end + 60]))
