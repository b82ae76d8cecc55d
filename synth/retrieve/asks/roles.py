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
from collections.abc import Callable, Mapping, Sequence

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


# "Model Architecture for Single Language Pair MoE Models: Our model is …", "Training: We trained …": a paragraph's
# run-in heading, title-case words and a colon, in force until the next one or the next numbered heading
_RUN_IN = re.compile(r"^(?P<title>[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|for|of|and|the|with|on|in|to|a|an)){0,9}):\s+[A-Z]")


def _run_in(text: str) -> str | None:
    found = _RUN_IN.match(text)
    return found.group("title") if found else None


def _in_force(numbered: str | None, run_in: str | None) -> str | None:
    """The heading a sentence is under: the numbered heading, then the run-in heading inside it on its own line."""
    return "\n".join(h for h in (numbered, run_in) if h) or None


def headings_in_force(document: Document) -> dict[int, tuple[str | None, str | None]]:
    """The section heading in force where each passage of the document starts (by passage ordinal), and the run-in
    heading inside it: its own section when the reader knows it, else the last numbered heading line before it (a
    PDF's passages know none)."""
    out: dict[int, tuple[str | None, str | None]] = {}
    heading: str | None = None
    run_in: str | None = None
    for passage in document.passages:
        out[passage.ordinal] = (passage.section or heading, None if passage.section else run_in)
        if passage.kind is not PassageKind.TEXT:
            continue
        for sentence in sentences(passage):
            if section_heading(sentence.text):
                heading, run_in = sentence.text, None
            elif (title := _run_in(sentence.text)) is not None:
                run_in = title
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
        "-" in w and (all(any(same_word(key(part), h) for h in have) for part in w.split("-") if part)
                      or any(same_word(w.replace("-", ""), h) for h in have))) for w in words)


def about_described(subject: PlanSubject, before: Sequence[str], passage: Sequence[str], heading: str | None) -> bool:
    """Whether a sentence (the last of `before`, the passage's sentences up to it) is the described subject's: its
    role said in it, earlier in its paragraph or in its section's heading ("6.3 EXPERIMENT: CONVOLUTIONAL NEURAL
    NETWORKS" for the network), its setting said in its paragraph or its section's heading."""
    if subject.role and not any(_says(_stems(subject.role), text) for text in (*before, heading or "")):
        return False
    if subject.setting:  # each group of its words ("logistic regression; sparse features") said in one place
        return all(any(_group_said(group, text) for text in (*passage, heading or ""))
                   for group in subject.setting.split("; "))
    return True


class RoleScope:
    """The numbered section heading each sentence of a passage is under, for every stage that reads passages one by one
    (the answer stage, the findings; `owned` reads a described subject's sentences from it): the heading in force at
    each passage is found once per document and followed through the passage's own numbered headings."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self._documents = documents
        self._headings: dict[str, dict[int, tuple[str | None, str | None]]] = {}
        self._sections: dict[str, tuple[str, ...]] = {}

    def section_headings(self, doc_id: str) -> tuple[str, ...]:
        """Every numbered section heading of the document, in order."""
        if doc_id not in self._sections:
            document = self._documents.get(doc_id)
            self._sections[doc_id] = () if document is None else tuple(
                sentence.text for passage in document.passages if passage.kind is PassageKind.TEXT
                for sentence in sentences(passage) if section_heading(sentence.text))
        return self._sections[doc_id]

    def headings(self, passage: Passage, said: Sequence[str]) -> list[str | None]:
        """Per sentence of the passage (`said`, its sentences' texts), the numbered section heading it is under, and
        on a line of its own the run-in heading ("Model Architecture for Multilingual MoE Model:") inside it."""
        document = self._documents.get(passage.doc_id)
        if document is not None and passage.doc_id not in self._headings:
            self._headings[passage.doc_id] = headings_in_force(document)
        numbered, run_in = self._headings.get(passage.doc_id, {}).get(passage.ordinal, (None, None))
        out = []
        for text in said:
            if section_heading(text):
                numbered, run_in = text, None
            elif (title := _run_in(text)) is not None:
                run_in = title
            out.append(_in_force(numbered, run_in))
        return out


def owned(subject: PlanSubject, said: Sequence[str], headings: Sequence[str | None]) -> list[bool]:
    """Per sentence of a passage (`said`, under `headings`, RoleScope.headings), whether it is the described subject's
    (about_described)."""
    return [about_described(subject, said[:position + 1], said, heading) for position, heading in enumerate(headings)]


def says_setting(subject: PlanSubject, text: str) -> bool:
    """Whether a text says every group of the described subject's setting (each in its words or by its initials)."""
    groups = [group for group in (subject.setting or "").split("; ") if group]
    return bool(groups) and all(_group_said(group, text) for group in groups)


def _group_said(group: str, text: str) -> bool:
    """One group of a setting's words said in a text, in its words or by its initials."""
    return _says(_stems(group), text) or _abbreviated(group, text)


def _abbreviated(group: str, text: str) -> bool:
    """A setting of three words or more written by their initials: "mean-squared-error" as "MSE"."""
    parts = [p for p in re.split(r"[\s\-]+", group) if p]
    initials = "".join(p[0] for p in parts).upper()
    return len(parts) >= 3 and re.search(rf"(?<![\w-]){initials}(?![\w-])", text) is not None


def heading_naming(subject: PlanSubject, quote: str, heading: str | None) -> str | None:
    """The heading to show with a quote of a described subject's value when the heading, not the quote, says the
    subject's setting ("… with a batch size of 64" under "6.2 CNN/Daily Mail Reading Comprehension"), else None."""
    if not heading or not subject.setting or says_setting(subject, quote):
        return None
    groups = [group for group in subject.setting.split("; ") if group]
    if not any(_group_said(group, heading) for group in groups):
        return None
    return " › ".join(line.strip() for line in heading.split("\n") if line.strip())


def setting_opened(subject: PlanSubject, said: Sequence[str], position: int, reach: int) -> int | None:
    """The last sentence of the passage, at most `reach` before `position`, that says the subject's setting: where a
    quote of the value's sentence starts, so that it shows what the value is for."""
    for k in range(position, max(-1, position - reach - 1), -1):
        if says_setting(subject, said[k]):
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
    # a role every subject shares ("the teacher networks … in the cross-entropy experiments, in the …") tells none
    # of them apart: the setting alone does
    shared = all(o.role == subject.role for o in others)
    other = [any(says_setting(o, text) and (shared or not o.role or _says(_stems(o.role), text)) for o in others)
             for text in said]
    return [not says_setting(subject, text) and (other[k] or (k > 0 and other[k - 1])) for k, text in enumerate(said)]


# "… for experiments with cross entropy loss (figures 5, 7 and 8)", "each for cross-entropy and MSE losses": a "for"
# phrase up to its clause's end or a bracket
_FOR_PHRASE = re.compile(r"\bfor\s+(?P<phrase>[^,;.()\[\]]{3,80})")


def set_for_other(subject: PlanSubject, rivals: Sequence[PlanSubject], text: str, position: int) -> bool:
    """Whether the value at `position` is another described subject's: the first "for" phrase after it that says
    any asked setting says another subject's and not this one's ("[20, 600, 600, 2] … for experiments with cross
    entropy loss …, [9, 240, 240, 2] for cross entropy loss with vetted teacher": 20 is not the vetted teacher's)."""
    others = [o for o in rivals if o.name != subject.name and o.setting and described(o)]
    if not subject.setting or not others:
        return False
    for found in _FOR_PHRASE.finditer(text, position):
        phrase = found.group("phrase")
        own = says_setting(subject, phrase)
        if own or any(says_setting(o, phrase) for o in others):
            return not own
    return False


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


def _section_names(heading: str | None) -> Callable[[PlanSubject], bool] | None:
    """Whether the numbered section heading in force names a subject; None under no numbered heading (a run-in
    heading inside it does not count)."""
    heading = heading.split("\n")[0] if heading else None
    if not heading or not section_heading(heading):
        return None
    folded = fold(heading)
    return lambda subject: any(name_regex(spelling).search(folded) for spelling in (subject.name, *subject.spellings))


def own_section(heading: str | None, subject: PlanSubject) -> bool:
    """"3.2 RealQuery": a numbered section heading naming the subject, so an unnamed sentence under it is the
    subject's ("we completed this process for only 50 instances")."""
    named = _section_names(heading)
    return named is not None and named(subject)


def others_section(heading: str | None, subject: PlanSubject, subjects: Sequence[PlanSubject]) -> bool:
    """"3.2 RealScholarQuery": a numbered section heading naming another subject of the question and not this one, so
    an unnamed sentence under it ("we completed this process for only 50 instances") is that subject's."""
    named = _section_names(heading)
    if named is None:
        return False
    return not named(subject) and any(named(other) for other in subjects if other.name != subject.name)
