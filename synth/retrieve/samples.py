"""Text a paper quotes rather than states: model samples, example continuations and prompts.

An appendix page headed "Samples for TL;DR summarization task (part 2)" prints a Reddit post and the summaries
each model wrote ("What's terrible is that once you've done six seasons it's hard to walk away, but each episode
of seven stings more than the last."); a figure of "Prompt: … GPT-3 175B completion: …" prints what a model wrote
for a prompt. Neither is a statement of the paper, whatever words it shares with a question. A sample region opens
at a heading or label that introduces samples, prompts or completions and closes at the next caption (the figure
or table that holds the samples ends there, and the paper's prose resumes), numbered section heading, or page end.
"""

from __future__ import annotations

import bisect
import re

from synth.models import Document, PassageKind

# "Samples for TL;DR summarization task", "Random samples from the 1.5B model", "Examples of generated code",
# "Prompt:", "PROMPT", "GPT-3 175B completion:": a line that only introduces quoted or generated text.
_OPENS = re.compile(
    r"^(?:[A-Z]\.?\d*(?:\.\d+)*\.?\s+)?(?:(?:Random|Uncurated|Selected|More|Additional|Example|Model|Qualitative)\s+)*"
    r"(?:Samples|Examples|Continuations|Completions|Generations|Transcripts|Dialogues|Conversations)\s+"
    r"(?:for|from|of|on|generated)\b[^.!?]*$|"
    r"^(?:PROMPT|Prompt|COMPLETION|Completion)s?\s*:?$|^(?:[\w.\-]+\s+){1,4}completions?\s*:",
)
# "Figure 8: Examples of …", "Table 12 | An example of AGIEval.", "3.2. Comparing Compression Rates", "A.2 CHESS".
_CLOSES = re.compile(r"^(?:Table|Figure|Fig\.)\s*\d+\s*[:|.]|^(?:[A-Z]|\d{1,2})(?:\.\d{1,2})*\.?\s+[A-Z][^.!?]{1,80}$")


def sample_spans(document: Document) -> tuple[tuple[int, int], ...]:
    """The document's sample regions as (start, end) character offsets, in order."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    page: int | None = None
    last_end = 0
    for passage in document.passages:
        if passage.kind is not PassageKind.TEXT:
            continue
        if opened is not None and passage.page != page:
            spans.append((opened, last_end))  # a page's samples end with the page
            opened = None
        page = passage.page
        if opened is None and passage.section and _OPENS.match(passage.section.strip()):
            spans.append((passage.start, passage.end))  # a markdown section "Samples for …": its passages whole
            continue
        offset = passage.start
        for line in passage.text.split("\n"):
            text = line.strip()
            if opened is not None and _CLOSES.match(text):
                spans.append((opened, offset))
                opened = None
            elif opened is None and _OPENS.match(text):
                opened = offset
            offset += len(line) + 1
        last_end = passage.end
    if opened is not None:
        spans.append((opened, last_end))
    return tuple(spans)


def in_samples(offset: int, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether a document offset lies in one of the sample regions."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
