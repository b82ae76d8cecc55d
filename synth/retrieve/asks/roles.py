"""Whether a sentence of the named paper is about a subject named by its role or setting (synth.plan.roles).

"The summarization policy" of Ziegler et al.: its values sit in the paragraph that opens "For training the policy π,
…", not in the reward model's paragraph before it ("The batch size is 8 for style tasks and 32 for summarization"),
so a sentence is its own only when its paragraph has named the role by then. "The models … on the chess puzzles"
of the weak-to-strong paper: their values sit under the heading "A.2 CHESS PUZZLES" ("We train (finetune) all models
for 5 epochs …"), not under "A.1 NLP TASKS", whose sentences are worded alike, so a sentence is the subject's only
when its section's heading, its paragraph or the sentence itself names the setting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from synth.models import Document, Passage, PassageKind, PlanSubject
from synth.names import key, name_regex, same_word
from synth.retrieve.asks.lexicon import WORD
from synth.retrieve.sentences import sentences
from synth.text import STOPWORDS, fold

# "A.2 CHESS PUZZLES", "2.2. Fine-tuning details", "D.1 SELF-SUPERVISED VISION MODELS": a numbered section heading
# (a running page header, a table's header line or a figure's axis text is no section)
_NUMBERED = re.compile(r"^(?:[A-Z]|\d{1,2})(?:\.\d{1,2})*\.?\s+[A-Z][^.!?]{1,80}$")


def described(subject: PlanSubject) -> bool:
    """The subject is named by its role or setting, not by a name a sentence could write."""
    return subject.role is not None or subject.setting is not None


def section_heading(text: str) -> bool:
    """A numbered section heading."""
    return _NUMBERED.match(text.strip()) is not None


def headings_in_force(document: Document) -> dict[int, str | None]:
    """The section heading in force where each passage of the document starts (by passage ordinal): its own section
    when the reader knows it, else the last numbered heading line before it (a PDF's passages know none)."""
    out: dict[int, str | None] = {}
    heading: str | None = None
    for passage in document.passages:
        out[passage.ordinal] = passage.section or heading  # a markdown passage knows its section
        if passage.kind is not PassageKind.TEXT:
            continue
        for sentence in sentences(passage):
            if section_heading(sentence.text):
                heading = sentence.text
    return out


def _stems(text: str) -> list[str]:
    return [key(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS]


def _spelt(text: str) -> list[str]:
    """The stems a text says, a hyphenated word's parts and its joined form each ("MULTI-LAYER" says "multilayer",
    "handwriting sequence generation" says "handwriting-generation")."""
    return [*_stems(text), *_stems(text.replace("-", " ")), *_stems(re.sub(r"(?<=\w)-(?=\w)", "", text))]


def _says(words: Sequence[str], text: str) -> bool:
    have = _spelt(text)
    return bool(words) and all(any(same_word(w, h) for h in have) or (
        "-" in w and (all(any(same_word(part, h) for h in have) for part in w.split("-") if part)
                      or any(same_word(w.replace("-", ""), h) for h in have))) for w in words)


def about_described(subject: PlanSubject, before: Sequence[str], passage: Sequence[str], heading: str | None) -> bool:
    """Whether a sentence (the last of `before`, the passage's sentences up to it) is the described subject's: its
    role said in it, earlier in its paragraph or in its section's heading ("6.3 EXPERIMENT: CONVOLUTIONAL NEURAL
    NETWORKS" for the network), its setting said in its paragraph or its section's heading."""
    if subject.role and not any(_says(_stems(subject.role), text) for text in (*before, heading or "")):
        return False
    if subject.setting:  # each group of its words ("logistic regression; sparse features") said in one place
        groups = [_stems(group) for group in subject.setting.split("; ")]
        return all(any(_says(words, text) for text in (*passage, heading or "")) for words in groups)
    return True


class RoleScope:
    """The numbered section heading each sentence of a passage is under, for every stage that reads passages one by one
    (the answer stage, the findings; `owned` reads a described subject's sentences from it): the heading in force at
    each passage is found once per document and followed through the passage's own numbered headings."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self._documents = documents
        self._headings: dict[str, dict[int, str | None]] = {}

    def headings(self, passage: Passage, said: Sequence[str]) -> list[str | None]:
        """Per sentence of the passage (`said`, its sentences' texts), the numbered section heading it is under."""
        document = self._documents.get(passage.doc_id)
        if document is not None and passage.doc_id not in self._headings:
            self._headings[passage.doc_id] = headings_in_force(document)
        in_force = self._headings.get(passage.doc_id, {}).get(passage.ordinal)
        out = []
        for text in said:
            if section_heading(text):
                in_force = text
            out.append(in_force)
        return out


def owned(subject: PlanSubject, said: Sequence[str], headings: Sequence[str | None]) -> list[bool]:
    """Per sentence of a passage (`said`, under `headings`, RoleScope.headings), whether it is the described subject's
    (about_described)."""
    return [about_described(subject, said[:position + 1], said, heading) for position, heading in enumerate(headings)]


def _setting_said(subject: PlanSubject, text: str) -> bool:
    groups = [_stems(group) for group in (subject.setting or "").split("; ") if group]
    return bool(groups) and all(_says(words, text) for words in groups)


def setting_opened(subject: PlanSubject, said: Sequence[str], position: int, reach: int) -> int | None:
    """The last sentence of the passage, at most `reach` before `position`, that says the subject's setting: where a
    quote of the value's sentence starts, so that it shows what the value is for."""
    for k in range(position, max(-1, position - reach - 1), -1):
        if _setting_said(subject, said[k]):
            return k
    return None


def others_said(subject: PlanSubject, subjects: Sequence[PlanSubject], said: Sequence[str]) -> list[bool]:
    """Per sentence of a passage (`said`), whether it or the sentence before says the setting of another described
    subject of the question and it does not say the subject's own: "Figure 5: Handwriting sequence generation model
    … The models are trained with mini-batch size of 8" is the handwriting model's, though it sits under the
    skip-thought section."""
    others = [o for o in subjects if o.name != subject.name and o.setting and described(o)]
    if not others:
        return [False] * len(said)
    other = [any(_setting_said(o, text) and (not o.role or _says(_stems(o.role), text)) for o in others)
             for text in said]
    return [not _setting_said(subject, text) and (other[k] or (k > 0 and other[k - 1])) for k, text in enumerate(said)]


def role_player(text: str, subject: PlanSubject, attribute: str) -> str | None:
    """"Which model acts as the weak supervisor": the name a sentence gives the asked noun playing the role ("We use a
    pretrained AlexNet model (Krizhevsky et al., 2012) as a weak supervisor" → AlexNet)."""
    nouns = _stems(attribute)
    if not subject.role or len(nouns) != 1:
        return None
    role = r"\s+".join(re.escape(w) for w in subject.role.split())
    for found in re.finditer(rf"\b(?P<name>[A-Z][\w\-.]*(?:\s+[A-Z0-9][\w\-.]*)?)\s+(?P<noun>[a-z][\w\-]*)\s*"
                             rf"(?:\([^()]*\)\s*)?as\s+(?:a|an|the|our)\s+{role}\b", text):
        if _says(nouns, found.group("noun")):
            return found.group("name")
    return None


def others_section(heading: str | None, subject: PlanSubject, subjects: Sequence[PlanSubject]) -> bool:
    """"3.2 RealScholarQuery": a numbered section heading naming another subject of the question and not this one, so
    an unnamed sentence under it ("we completed this process for only 50 instances") is that subject's."""
    if not heading or not section_heading(heading):
        return False
    folded = fold(heading)

    def named(other: PlanSubject) -> bool:
        return any(name_regex(spelling).search(folded) for spelling in (other.name, *other.spellings))

    return not named(subject) and any(named(other) for other in subjects if other.name != subject.name)
