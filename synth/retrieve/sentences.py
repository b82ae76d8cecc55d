"""Sentences a reader can quote, and the ones that state nothing.

PDF paragraphs arrive with their headings glued on ("2.1.2. DeepSeekMoE with Auxiliary-Loss-Free
Load Balancing Basic Architecture of DeepSeekMoE. For Feed-Forward Networks …"): a heading line
is split off before sentences are cut, so it never becomes part of a quote. Some sentences state
nothing about the world even when they are well formed: reference-list entries ("[12] A. Author.
Title. In Proceedings …"), axis and legend text ("HumanEval MBPP+ MATH GSM8K 50 60 70 80"), and
meta sentences that only point at the paper itself ("In Table 2 we compare …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from synth.claimparse import mask_citations
from synth.models import Evidence, Passage, PassageKind
from synth.text import collapse, has_tick_run

_HEADING_LINE = re.compile(
    r"^\s*(?:(?:\d+(?:\.\d+)*\.?|[A-Z]\.\d*|[IVX]+\.)\s+[A-Z][^\n]{0,90}|[A-Z][A-Za-z\-]*(?:\s+[A-Za-z\-&]+){0,8})\s*$"
)
_REFERENCE = re.compile(
    r"(?:\bIn\s+(?:Proceedings|Advances|International|Conference|Findings)|\barXiv\s*(?:preprint|:)\s*(?:arXiv:)?\d"
    r"|\bpp\.\s*\d|\bvol\.\s*\d|\bURL\s+https?|\bdoi:|^\s*\[\d+\]\s+[A-Z]"
    r"|^\s*(?:[A-Z][A-Za-z\-]+,\s+(?:[A-Z]\.\s*){1,3},?\s+(?:and\s+)?){2}"
    r"|^\s*(?:[A-Z][a-z\-]+(?:\s+[A-Z][a-z\-]*\.?){1,2},\s+){3})",  # "Ruibin Xiong, Yunchang Yang, Di He, …"
)
_META = re.compile(
    r"^(?:in|as shown in|as seen in|as illustrated in|see)\s+(?:table|figure|fig\.|section|appendix)\b|"
    r"^(?:table|figure|fig\.)\s*\d+\s+(?:shows|presents|lists|reports|summari[sz]es|compares|illustrates)\b|"
    r"^(?-i:(?:[A-Z][A-Za-z\-]*\s+){1,4})(?:table|figure|fig\.)\s*\d+\s+"
    r"(?:shows|presents|lists|reports|summari[sz]es|compares|illustrates)\b(?!\s+that)|"
    r"\bwe\s+(?:compare|present|report|show|list|summari[sz]e|provide|describe|detail|discuss|include)\s+"
    r"(?:the\s+|our\s+|their\s+|all\s+)?(?:results|comparisons?|performance|evaluation|details|numbers|scores|"
    r"an?\s+overview|(?:\w+\s+){0,3}in\s+(?:table|figure|section|appendix))|"
    r"\b(?:is|are)\s+(?:shown|presented|listed|reported|summari[sz]ed|illustrated|given)\s+in\s+"
    r"(?:table|figure|fig\.|section|appendix)\b|"
    r"^(?:the\s+)?(?:results|details|comparisons?)\s+(?:are|is)\s+(?:shown|presented|listed|reported|given)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][a-z]{2,}")
# A number, "3.2e-4" and "2.2 × 10−4" each counted once.
# A lone "." or "," after a bracket is no number.
_NUMBERISH = re.compile(r"(?<![\w.])(?:\d+(?:\.\d+)?(?:e[-−]\d+|\s*[×x]\s*10\s*[-−]\s*\d+)|(?=[.,%]*\d)[\d.,%]+)"
                        r"(?![\w])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage: its text on one line and its span in the document's text."""

    text: str
    start: int
    end: int
    passage: Passage
    printed: str | None = None  # the sentence as printed, when `text` is a reading of it for one subject

    def evidence(self, source: str) -> Evidence:
        page, last_page = self.passage.pages_of(self.start, self.end)
        return Evidence(source, self.passage.doc_id, self.printed or self.text, self.start, self.end,
                        page, self.passage.section, PassageKind.TEXT, last_page=last_page)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of a passage with heading lines cut off as blocks of their own."""
    blocks: list[tuple[int, int]] = []
    position = 0
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        end = offset + len(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if (_HEADING_LINE.match(line) and not line.rstrip().endswith((".", ",", ";", ":"))
                and following[:1].isupper() and len(line.strip()) >= 3):
            if offset > position:
                blocks.append((position, offset))
            blocks.append((offset, end))
            position = end + 1
        offset = end + 1
    if position < len(text):
        blocks.append((position, len(text)))
    return [(s, e) for s, e in blocks if text[s:e].strip()]


# A break after . ! ? before a capital, or before a number that opens the next line (a figure's axis ticks glued
# after the paragraph: "… for the remaining 4.8T tokens.\n2K 11K 20K …")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*(?:\s+(?=[A-Z(\[“\"•])|[ \t]*\n\s*(?=\d))")
_NO_BREAK = re.compile(r"(?:\b(?:et al|e\.g|i\.e|vs|Figs?|Eqs?|Sec|Secs|Tab|No|cf|approx|resp|Dr|Mr|Ms|St|Jr|etc|viz|"
                       r"Proc|Vol|pp|al|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|(?<![A-Za-z])[A-Za-z])\.[\"”’)\]]*$")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one block: a break after . ! ? before a capital, except after abbreviations
    and initials ("et al.", "e.g.", "J. Smith"). A regular expression rather than pysbd: retrieval
    reads thousands of paragraphs per question and pysbd costs ~10 ms each."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _NO_BREAK.search(text[max(start, match.start() - 12):match.start()]):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@lru_cache(maxsize=32768)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        if "\n" not in text[start:end] and is_heading(text[start:end]):
            spans.append((start, end))
            continue
        spans.extend((start + s, start + e) for s, e in _sentence_spans(text[start:end]))
    return tuple(spans)


_YEAR = re.compile(r"\b(?:19|20)\d{2}[a-z]?\b")
_BIBLIO = re.compile(r"\barXiv\b|\bURL\b|\bProceedings\b|\bConference\b|\bJournal\b|\bTransactions\b|\bWorkshop\b|"
                     r"\bCoRR\b|\babs/\d|\bpp\.\s*\d|\bvol\.\s*\d|\b[A-Z]\.\s+[A-Z][a-z]+,")


def is_reference_list(text: str) -> bool:
    """A passage of a reference list: years and bibliographic marks on nearly every line."""
    lines = [line for line in text.split("\n") if line.strip()]
    years, marks = len(_YEAR.findall(text)), len(_BIBLIO.findall(text))
    return len(lines) >= 3 and years >= max(2, len(lines) // 4) and marks >= 2 and years + marks >= len(lines) * 0.4


def sentences(passage: Passage) -> list[Sentence]:
    """The sentences of a text passage, heading lines split off, with document offsets; none from a
    reference list."""
    if passage.kind is not PassageKind.TEXT or is_reference_list(passage.text):
        return []
    out = []
    for s, e in _spans(passage.text):
        glued = _GLUED_HEADING.match(passage.text[s:e]) or _RUN_IN_HEADING.match(passage.text[s:e])
        if glued and glued.end() < e - s:
            s += glued.end()  # "2 Architecture We adopt …": the heading is no part of the sentence, "2" no value
        out.append(Sentence(collapse(passage.text[s:e]), passage.start + s, passage.start + e, passage))
    return out


# A section number and a title in capitals glued before the sentence's first word ("2 Architecture We …",
# "3.1 Pre-Training Data Our corpus …").
_GLUED_HEADING = re.compile(r"\d+(?:\.\d+)*\.?\s+(?:[A-Z][A-Za-z\-]*\s+){1,6}?(?=(?:We|Our|The|In|This|These|To|For|A|"
                            r"An|As|It|Each|All|During|After|Since|Given|Unlike|While|With|Following)\s)")


# An unnumbered run-in heading naming what its paragraph describes, which the paragraph's first words repeat
# ("ImageNet The ImageNet dataset … contains …", "LibriSpeech LibriSpeech (Panayotov et al., 2015) is a corpus …"):
# a sentence never repeats its own first name right after it, so the first copy is the heading.
_RUN_IN_HEADING = re.compile(r"((?:[A-Z][\w\-.]*|[a-z]+\d[\w\-]*)(?:\s+[A-Z][\w\-.]*){0,3})\s+"
                             r"(?=(?:(?:The|A|An|Our|This|These)\s+)?\1(?![\w\-]))")


def is_heading(text: str) -> bool:
    return bool(_HEADING_LINE.match(text)) and not text.rstrip().endswith((".", "!", "?"))


def is_reference_entry(text: str) -> bool:
    return bool(_REFERENCE.search(text))


def is_meta(text: str) -> bool:
    """A sentence about the paper itself ("In Table 2 we compare …"), not about the world; a run-in heading the
    PDF glued before it ("Attention Score Analysis Table 3 presents …") does not hide it, though one before
    "Figure 4 shows that nGPT maintains …" keeps the finding it states."""
    return bool(_META.search(text))


_SUPPOSITION = re.compile(
    r"^(?:consider|suppose|assume|imagine)\b|^(?:for\s+(?:example|instance)|e\.g\.),?\s+(?:if|suppose|assume|"
    r"consider)\b|\ban\s+example\s+(?:where|in\s+which)\b", re.IGNORECASE)
_PROSE_WORD = re.compile(r"(?<![\w-])[a-z]{2,}(?![\w-])")
_ANY_TOKEN = re.compile(r"\S+")


# A name whose figures are hyphened to it: "Training GPT2-20-16 on bioS(10M) for 1000 exposures costs 8.5 days" is
# prose (fresh10: the sentence was read as axis text, its counted numbers five of nine)
_HYPHENED_NAME = re.compile(r"(?<![\w-])[A-Za-z][\w.]*(?:-\d[\w.]*)+(?![\w-])")
_SETTING = re.compile(r"\s*=\s*\d+(?:\.\d+)?(?:\s*[×x]\s*10\s*[−\-–]\s*\d+|e[−\-–]?\d+|\s*[−\-–]\s*\d+)?")


_NUMBER_LIST = re.compile(r"\[\s*\d[\d.,\s]*\]")


def is_axis_text(text: str) -> bool:
    """Figure axes, legends and table rows flattened into text: mostly numbers and bare names, few
    lower-case words of prose ("Benchmark DeepSeek 7B DeepSeekMoE 16B Architecture MHA+Dense …"), or an
    axis's tick run. Settings written as symbols ("α = 0.001, β1 = 0.9, β2 = 0.999") are prose: each reads
    "is a value"."""
    if has_tick_run(text):
        return True
    text = mask_citations(text)  # "(Vaswani et al., 2017)": a reference's year is no figure of a table row
    text = _SETTING.sub(" is value", text)
    text = _NUMBER_LIST.sub(" 0 ", text)  # "shape [20, 600, 600, 2]", "[35, 2, 5]": one item of the sentence
    text = _HYPHENED_NAME.sub("Name", text)  # "GPT2-20-16", "Llama-3-8B": a name, whatever its figures
    numbers = len(_NUMBERISH.findall(text))
    words = len(_WORD.findall(text))
    if numbers >= 4 and numbers >= words / 2:
        return True
    tokens = len(_ANY_TOKEN.findall(text))
    return tokens >= 12 and len(_PROSE_WORD.findall(text)) < 0.3 * tokens


_THANKS = re.compile(r"\b(?:thank|thanks|grateful|gratitude|acknowledg\w*|funded by|supported by (?:the|a) grant)\b",
                     re.IGNORECASE)


def states_something(text: str) -> bool:
    """Neither a heading, a reference entry, axis text, a meta sentence, a supposition nor an acknowledgement."""
    return not (is_heading(text) or is_reference_entry(text) or is_axis_text(text) or is_meta(text)
                or is_supposition(text) or _THANKS.search(text))


def is_supposition(text: str) -> bool:
    """A sentence that sets up an example rather than reports a setting ("Consider an example where θi = 0.01
    and the global learning rate is 0.001"): its figures are the example's, not the paper's."""
    return bool(_SUPPOSITION.search(text))
