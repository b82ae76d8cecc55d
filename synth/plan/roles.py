"""Subjects a question names by their role or setting in a paper it names, when it names no model of its own.

"What learning rate … did Ziegler et al. use to train the summarization policy with PPO" asks of the policy trained
for summarization: PPO is the method it is trained with, not the subject, and "summarization" is the setting its
values are stated at ("7.07 × 10−6 for summarization"), beside the style tasks'. "How many epochs … were the models
finetuned with on the chess puzzles" asks of the models of one setting of the paper (its chess puzzles section), not
of the paper's other settings (NLP tasks, reward models). Such a subject is read only inside the named paper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from synth.models import PlanSubject
from synth.names import size_first
from synth.plan.papers import PaperReference
from synth.plan.subjects import Name
from synth.vocabulary import Vocabulary

ROLE_ORIGIN = "named by its role in the paper the question names"
SETTING_ORIGIN = "the models of one setting of the paper the question names"

_WORDS = r"[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?"
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "our", "each", "every", "all", "this", "that"})
# "to train the summarization policy with PPO": what is trained, then the method it is trained with
_TRAINED_WITH = re.compile(rf"\b(?:train(?:s|ed|ing)?|fine-?tun(?:e|es|ed|ing)|finetun(?:e|es|ed|ing)|"
                           rf"optimi[sz](?:e|es|ed|ing))\s+the\s+(?P<described>{_WORDS})\s+(?:with|using|via|by)\s+$",
                           re.IGNORECASE)
# "were the models finetuned with on the chess puzzles": the models of one setting; "… on the NLP tasks, on the chess
# puzzles and on the ChatGPT reward modeling task": of three, each named by words a name may start
_SETTING_WORDS = r"[A-Za-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?"
_SETTING_END = r"(?=\s*(?:[,?.;]|\band\b|\bor\b|$))"
# "the RMSNorm models trained with for CNN reading comprehension, for image-caption retrieval and for CIFAR-10
# classification": the paper's own method may name the models, and a setting may go without "the"
# "the teacher networks have in the cross-entropy experiments, in the …": a kind word may name the models, and "in"
# opens a setting when the setting is one of the paper's experiments (never "the models in Table 3")
_MODELS_ON = re.compile(rf"\bthe\s+(?:[A-Z][\w\-]*\s+|(?P<kind>(?!(?:{'|'.join(_DETERMINERS)})\b)[a-z][\w\-]*)\s+)?"
                        rf"(?P<role>models|networks|runs)\b(?:(?![?;]).){{0,60}}?\b"
                        rf"(?P<by>on|for|in)\s+(?:the\s+)?(?P<setting>{_SETTING_WORDS}){_SETTING_END}")
_ALSO_ON = re.compile(rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?P<by>on|for|in)\s+(?:the\s+)?"
                      rf"(?P<setting>{_SETTING_WORDS}){_SETTING_END}")
# Words that open a question's next ask, never a setting: "…, and on how many GPUs"
_NOT_A_SETTING = _DETERMINERS | {"how", "what", "which", "who", "whom", "whose", "when", "where", "why", "both", "them",
                                  "it"}


# "which model acts as the weak supervisor": the model is asked of the role
_ACTS_AS = re.compile(r"\b(?P<which>which|what)\s+(?P<noun>[a-z][\w\-]*)\s+(?:acts|serves|functions|acted|served|"
                      r"(?:is|was)\s+used)\s+as\s+(?P<role>(?:the|a|an)\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)"
                      r"(?=\s*(?:[,?.;]|\band\b|$))", re.IGNORECASE)
_IS_ROLE = re.compile(r"\b(?:which|what)\s+[a-z][\w\-]*\s+is\s+(?:the|a|an)\s+(?P<role>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)"
                      r"{0,2}?)(?=\s*(?:[,?.;]|\band\b|$))", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"(?:est|most|least|best|worst)$", re.IGNORECASE)


def acting_as(text: str) -> str:
    """"Which model acts as the weak supervisor" asks what the role's model is: read as "which model is the weak
    supervisor", the shape whose noun is the asked attribute."""
    return _ACTS_AS.sub(lambda m: f"{m.group('which')} {m.group('noun')} is {m.group('role')}", text)


def _labelled(role: str, homes: tuple[str, ...], vocab: Vocabulary) -> list[str]:
    """The names of the named papers' table rows that give the role in brackets: "AlexNet" of the row "AlexNet (weak
    supervisor)", the model the paper has play the role."""
    wanted = re.compile(rf"\(\s*{re.escape(role)}\s*\)", re.IGNORECASE)
    out: dict[str, None] = {}
    for key in homes:
        document = vocab.library.source(key).document
        for table in document.tables if document is not None else ():
            for row in table.rows:
                label = " ".join(row[0].split()) if row else ""
                found = wanted.search(label)
                if found and label[:found.start()].strip():
                    out.setdefault(label[:found.start()].strip())
    return list(out)


def role_subjects(text: str, names: Sequence[Name], papers: Sequence[PaperReference], vocab: Vocabulary | None = None
                  ) -> tuple[list[PlanSubject], list[Name]]:
    """The subjects the question names by role or setting in the paper it names, and the names it writes only as
    the method they are trained with (no subjects then)."""
    homes = tuple(dict.fromkeys(key for paper in papers for key in paper.sources))
    if not homes:
        return [], []
    out: list[PlanSubject] = []
    tools: list[Name] = []
    role = _IS_ROLE.search(text)
    if role and not any(n.role == "subject" for n in names) and not _SUPERLATIVE.search(role.group("role").split()[0]):
        phrase = " ".join(role.group("role").split())
        labels = _labelled(phrase, homes, vocab) if vocab is not None else []
        return [PlanSubject(phrase, (phrase, *labels), ROLE_ORIGIN, homes, role=phrase)], []
    for name in names:
        found = _TRAINED_WITH.search(text[:name.start])
        described = found.group("described").split() if found else []
        if name.role != "subject" or not described or described[0].lower() in _DETERMINERS:
            continue
        tools.append(name)
        phrase = " ".join(described)
        setting = " ".join(described[:-1]) or None
        out.append(PlanSubject(phrase, (phrase,), ROLE_ORIGIN, homes, role=described[-1], setting=setting))
    settings, role_noun, opened = _settings_on(text) if not out else ([], "", 0)
    # "the RMSNorm models …": the name before the models' noun is the paper's method, no subject of its own
    inside = [n for n in names if any(start <= n.start and n.end <= end for _, start, end in settings)
              or (settings and opened <= n.start and n.end <= settings[0][1])]
    if settings and not any(n.role == "subject" for n in names if n not in inside):
        # "on the ChatGPT reward modeling task": ChatGPT is a word of the setting, no subject of its own
        tools += inside
        out += [PlanSubject(setting, (setting,), SETTING_ORIGIN, homes, role=role_noun,
                            setting=_GENERIC_TAIL.sub("", setting) or setting) for setting, _, _ in settings]
    return out, tools


# "the ChatGPT reward modeling task" is what "A.3 CHATGPT REWARD MODELING" heads: the kind word is no word to look for
_GENERIC_TAIL = re.compile(r"(?<=\S)\s+(?:tasks?|settings?|experiments?|domains?)$", re.IGNORECASE)


def _settings_on(text: str) -> tuple[list[tuple[str, int, int]], str, int]:
    """The settings "the models … on the X, on the Y and on the Z" names (each with its span), the models' noun and
    where "the models" opens."""
    found = _MODELS_ON.search(text)
    if not found or not _a_setting(found):
        return [], "", 0
    spans = [found.span("setting")]
    at = found.end()
    while (more := _ALSO_ON.match(text, at)) is not None and _a_setting(more):
        spans.append(more.span("setting"))
        at = more.end()
    role = " ".join(w for w in (found.group("kind"), found.group("role")) if w).lower()
    return [(" ".join(text[s:e].split()), s, e) for s, e in spans], role, found.start()


def _a_setting(found: re.Match[str]) -> bool:
    """The words after "on"/"for" name a setting, those after "in" only when they end on an experiment's kind word."""
    setting = found.group("setting")
    return setting.split()[0].lower() not in _NOT_A_SETTING and (
        found.group("by").lower() != "in" or _GENERIC_TAIL.search(setting) is not None)


# "In the Adafactor paper, when the embedding parameters are initialized with standard deviation 1 and not scaled up,
# which of Adam and Adafactor reaches the higher BLEU?": the condition every asked value is stated at
_CONDITION = re.compile(r"(?:^|,\s*|\?\s*)(?:when|whenever|if)\s+(?P<condition>(?!(?:is|are|was|were|does|do|did)\b)"
                        r"[^,?;]{6,120}?)\s*(?=,|\?|$)", re.IGNORECASE)


def condition_words(text: str) -> set[str]:
    """The folded words of the question's condition: read into every subject's setting, none left unread."""
    found = _CONDITION.search(text)
    return {w.lower() for w in re.findall(r"[\w\-]+", found.group("condition"))} if found else set()


def condition_clause(clause: str) -> bool:
    """A clause that states the condition the question puts on its values ("When OPT-30b is quantized to 2 bits per
    weight"), which asks nothing ("When was X released" asks a time)."""
    return _CONDITION.fullmatch(clause.strip().rstrip(",")) is not None


def condition_names(text: str, names: Sequence[Name]) -> list[Name]:
    """The names written inside the question's condition when it names its subjects outside it: "When OPT-30b is
    quantized to 2 bits per weight, what … do QuIP and OPTQ reach" asks of QuIP and OPTQ, each at the condition,
    and OPT-30b is what the condition is stated of, no subject of its own."""
    found = _CONDITION.search(text)
    if found is None:
        return []
    inside = [n for n in names if found.start("condition") <= n.start < found.end("condition")]
    outside = [n for n in names if n.role == "subject" and n not in inside]
    return [n for n in inside if n.role == "subject"] if outside else []


def conditioned(text: str, subjects: Sequence[PlanSubject], notes: list[str],
                papers: Sequence[PaperReference] = ()) -> list[PlanSubject]:
    """The named subjects, each to be read only where the condition the question puts on them is stated (in the
    value's sentence, paragraph or section): a value measured under another condition is another setting's. The
    paper and the subject the condition names are not part of it ("When the Differential Transformer paper extends
    its 3B DIFF Transformer to a 64K context length": the paragraph saying "extend … to 64K context length" states it,
    whatever it calls the paper or the model)."""
    found = _CONDITION.search(text)
    if found is None or not subjects:
        return list(subjects)
    condition = " ".join(found.group("condition").split())
    notes.append(f"Values are taken only where their sentence, paragraph or section states the condition: {condition}.")
    return [s if s.setting else replace(s, setting=_without_names(condition, s, papers)) for s in subjects]


def _without_names(condition: str, subject: PlanSubject, papers: Sequence[PaperReference]) -> str:
    """The condition's words but the paper references and the subject's own name (its size may come first: "3B DIFF
    Transformer" for DIFF Transformer 3B), and the determiners they leave."""
    spans = [p.written for p in papers] + list(subject.spellings)
    spans += [first for spelling in subject.spellings if (first := size_first(spelling))]
    rest = condition
    for span in sorted(spans, key=len, reverse=True):
        rest = re.sub(rf"(?<![\w-]){re.escape(span)}(?![\w-])", " ", rest, flags=re.IGNORECASE)
    words = [w for w in rest.split() if w.lower() not in _DETERMINERS and w.lower() not in _USING]
    # "uses its multi-token prediction for speculative decoding": the thing used and what it is used for, each said
    # somewhere in the paragraph or its heading (the heading names the method, a sentence the purpose)
    return re.sub(r"\s+for\s+", "; ", " ".join(words), count=1) if words else condition


# Verbs that say a subject uses something: the condition is stated wherever the thing used is ("Combined with the
# framework of speculative decoding"), whatever verb the paragraph uses
_USING = frozenset({"uses", "use", "using", "used", "applies", "apply", "applying", "applied", "employs", "employ",
                    "employing", "employed"})
