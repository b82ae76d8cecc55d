"""A benchmark the question names as an attribute, with the setting its scores must come from: the dataset it
is asked on, a shot count, a system prompt or the decimal values of a setting ("with a dropout rate of 0.3")."""

from __future__ import annotations

import re

from synth.config import Question
from synth.models import AttributeKind, PlanAttribute
from synth.plan.binding import ClauseSubjects
from synth.plan.labels import sibling_labels
from synth.plan.setting import Setting
from synth.plan.spelling import library_names
from synth.plan.subjects import Name
from synth.text import fold
from synth.vocabulary import Vocabulary


def _known_part(dataset: str, vocab: Vocabulary) -> str:
    """"WMT14 EN-DE" where the library's tables print only "EN-DE": the dataset as the library labels it, the words
    the question adds before it dropped (a value is looked for under the label the tables print)."""
    if vocab.role(dataset) is not None:
        return dataset
    words = dataset.split()
    known = library_names(vocab)
    return next((" ".join(words[k:]) for k in range(1, len(words))
                 if vocab.role(" ".join(words[k:])) is not None or fold(" ".join(words[k:])) in known), dataset)


def metric_attribute(question: Question, name: Name, dataset: str | None, setting: Setting, binding: ClauseSubjects,
                     vocab: Vocabulary, front: str | None = None) -> PlanAttribute:
    """A benchmark or measure the question names, on the dataset it is asked on, in the setting it fixes (`front`: the
    benchmark written in front of the whole question, "On AutoScholarQuery, what Recall@20 …")."""
    dataset = _known_part(dataset, vocab) if dataset else None
    spellings = tuple(dict.fromkeys([*([f"{name.text} on {dataset}", f"{name.text} {dataset}"] if dataset else []),
                                     name.text, *question.aliases.get(name.text, [])]))
    wanted = dataset or (name.setting if name.setting and " and " not in name.setting else None)
    shots = _SHOTS.search(question.question)  # "In the 5-shot setting, …": the setting of every score asked
    shared = shots.group("shots") if shots and not (wanted and _SHOTS_WORD.search(wanted)) else None
    prompted = _PROMPTED.search(question.question)  # "with the Mistral system prompt": every score asked is under it
    prompt = prompted.group("prompt") if prompted else None
    variant = "; ".join(v for v in (setting.mode, wanted or front, shared, prompt, numbered_setting(question.question))
                        if v) or None
    known = vocab.role(name.text)
    siblings = () if known else sibling_labels(name.text, vocab)
    origin = ("a benchmark the library's tables report" if known else
              f"named in the question; its source's tables label it {', '.join(siblings)}" if siblings
              else "named in a list of benchmarks")
    return PlanAttribute(spellings[0], AttributeKind.METRIC, tuple(dict.fromkeys([*spellings, *siblings])), origin,
                         variant=variant, subjects=binding.of_metric(name.text))


_SHOTS = re.compile(r"\b(?P<shots>(?:\d+|zero|one|few)-shot)\s+(?:setting|evaluation|regime|prompting)\b",
                    re.IGNORECASE)
_SHOTS_WORD = re.compile(r"\b(?:\d+|zero|one|few)-?shots?\b", re.IGNORECASE)
# "with the Mistral system prompt", "under the Llama 2 system prompt": the prompt a score was taken with is a setting of
# the score (a table lists one model's score once per prompt), never a subject
_PROMPTED = re.compile(r"\b(?i:with|under|using)\s+(?:the\s+|a\s+)?"
                       r"(?P<prompt>[A-Z][\w.\-]*\s+(?:(?:[A-Z]|\d)[\w.\-]*\s+){0,3}(?:system\s+)?prompt)\b"
                       r"(?!\s*(?:engineering|template|format)\b)")


# "with expert dropout (0.1 in the non-expert layers, 0.4 inside the experts)", "when fine-tuned with a dropout rate of
# 0.3": a setting written with its decimal values; the values of its open parenthesis, or the one after "of" / "="
_NUMBERED = re.compile(r"\b(?i:with|under|using)\s+(?:an?\s+|the\s+)?[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3}"
                       r"\s*(?:\((?P<listed>[^()]*)\)|(?:of|=)\s*(?P<single>\d*\.\d+)(?![\w.]))")
_DECIMAL = re.compile(r"(?<![\w.])\d*\.\d+(?![\w.])")


def numbered_setting(question: str) -> str | None:
    """The decimal values of the settings a question asks its scores under ("with a dropout rate of 0.3"): a table
    whose rows are settings of one model prints them in the row's label ("Switch-Base (d=0.1, ed=0.4)"), so a score
    asked under them is a value labelled with every one of them; a row with other values (d=0.1 alone) or no setting
    at all is another setting's score, never this one."""
    values: list[str] = []
    for found in _NUMBERED.finditer(question):
        values += _DECIMAL.findall(found.group("listed") or "") if found.group("listed") is not None \
            else [found.group("single")]
    return ", ".join(dict.fromkeys(values)) or None
