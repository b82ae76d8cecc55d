"""What a question asks of each subject: the asked phrases of its clauses (a count, a short text, a benchmark
score or a mechanism), each with the setting its clause fixes and the library's labels for it; or the author's
`columns:` when the question file states them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from synth.config import Column, Question
from synth.models import AttributeKind, PlanAttribute
from synth.names import canonical, default_modifiers, match_property, words_of
from synth.plan.binding import ClauseSubjects, shares_next
from synth.plan.clause_stages import clause_stages
from synth.plan.datasets import measured_on
from synth.plan.mechanism import read_mechanism
from synth.plan.phrasings import phrased
from synth.plan.qualifiers import qualified, trained_at, without_eval_set
from synth.plan.roles import condition_clause
from synth.plan.score_settings import metric_attribute
from synth.plan.setting import Setting, read_setting
from synth.plan.subjects import FRONT_SETTING, Name
from synth.plan.wording import Asked, asked_phrases, clauses, quantity_symbol, quantity_words
from synth.plan.written_symbols import with_symbols
from synth.vocabulary import Vocabulary


def _quantity(name: str, vocab: Vocabulary) -> bool:
    """A count or size: a word of amount, a label of the library's tables holding numbers, or a phrase
    the library writes numbers after ("weight decay of 0.1")."""
    if quantity_words(name):
        return True
    asked = words_of(name)
    if len(name.split()) == 1:  # one word: the label itself ("Layers"), not a stem it shares ("Tokens", "tokenizer")
        bare = canonical(name).rstrip("s")
        return any(canonical(re.sub(r"[#(].*$", "", label)).strip("-").rstrip("s") == bare
                   for label in vocab.attribute_labels_by_word(name)) or vocab.numeric_phrase(name)
    if any(match_property(asked, default_modifiers(asked), label) for label in vocab.attribute_labels):
        return True
    return vocab.numeric_phrase(name)


def asked_attributes(question: Question, text: str, slotted_text: str, names: list[Name], setting: Setting,
                vocab: Vocabulary) -> tuple[list[PlanAttribute], str | None]:
    if question.columns:
        return _from_columns(question.columns, vocab), None
    _, plain = read_setting(slotted_text)
    attributes: list[PlanAttribute] = []
    staged_parts = clause_stages(slotted_text)  # "… were the models pre-trained …, and … were they fine-tuned"
    parts = [part for part, _ in staged_parts] if staged_parts else clauses(plain)
    stage_at = [stage for _, stage in staged_parts] if staged_parts else [setting.stage] * len(parts)
    binding = ClauseSubjects(parts, names)
    set_for = _clause_settings(text, names, len(parts))
    for index, clause in enumerate(parts):
        if len(parts) > 1 and condition_clause(clause):
            continue  # "When OPT-30b is quantized to 2 bits, what …": the condition every value is read at
        trained = trained_at(clause)  # "after 65,536 training steps": the values at that point of training
        if trained and index not in set_for:
            set_for[index] = trained
        standalone = partial(_standalone, vocab=vocab)
        for asked, symbols in with_symbols(qualified(clause, _phrased_or_asked(clause, standalone))):
            asked = without_eval_set(asked, partial(_quantity, vocab=vocab))
            kind = asked.kind or (AttributeKind.QUANTITY if _quantity(asked.text, vocab) else AttributeKind.TEXT)
            if kind is AttributeKind.QUANTITY and stage_at[index]:
                asked = _staged(asked, vocab)
            spellings = (property_spellings(asked.text, vocab) if kind is AttributeKind.QUANTITY
                         and not quantity_symbol(asked.text) else (asked.text,))
            where = set_for.get(index)
            if where and kind is AttributeKind.QUANTITY:
                # "recall" asked on RealScholarQuery: a table printing both datasets side by side joins the dataset
                # and the measure in one column label ("RealScholarQuery Recall")
                spellings = tuple(dict.fromkeys([*spellings, *property_spellings(f"{where} {asked.text}", vocab)[1:]]))
            attributes.append(PlanAttribute(asked.text, kind, spellings, asked.how,
                                            stage=stage_at[index] if kind is not AttributeKind.METRIC else None,
                                            subjects=binding.of_clause(index), symbols=symbols,
                                            variant=None if kind is AttributeKind.METRIC else "; ".join(
                                                v for v in (set_for.get(index), setting.mode) if v) or None))
    datasets = measured_on(slotted_text, names, vocab)
    measured = {dataset for listed in datasets.values() for dataset in listed}
    for name in names:
        if name.role != "metric" or name.text in measured:
            continue
        for dataset in datasets.get(name.text, (None,)):
            front = next((n.text for n in names if n.role == "setting" and FRONT_SETTING.search(text[:n.start])),
                         None)
            attributes.append(metric_attribute(question, name, dataset, setting, binding, vocab, front))
    if staged_parts:
        attributes = _stage_named(attributes)
    mechanism = read_mechanism(slotted_text, [a.name for a in attributes if a.kind is AttributeKind.TEXT])
    if mechanism:
        attributes.append(PlanAttribute(mechanism.name, AttributeKind.MECHANISM, mechanism.spellings,
                                        'read from "how/why …"'))
    return attributes, mechanism.name if mechanism else None


def _stage_named(attributes: list[PlanAttribute]) -> list[PlanAttribute]:
    """"what dropout rate was used during pre-training, and … with what dropout rate were they fine-tuned": one thing
    asked at two stages is two attributes, each named with its stage ("pre-training dropout rate", "fine-tuning
    dropout rate"; a "training" word _staged added gives way to the stage's own)."""
    stages: dict[str, set[str | None]] = {}
    for attribute in attributes:
        stages.setdefault(canonical(_unstaged(attribute.name)), set()).add(attribute.stage)
    out = []
    for attribute in attributes:
        if attribute.stage and len(stages[canonical(_unstaged(attribute.name))]) > 1:
            name = f"{attribute.stage} {_unstaged(attribute.name)}"
            attribute = replace(attribute, name=name, spellings=tuple(dict.fromkeys([name, *attribute.spellings])))
        out.append(attribute)
    return out


def _unstaged(name: str) -> str:
    return re.sub(r"^(?:training|pre-?training|fine-?tuning)\s+", "", name, flags=re.IGNORECASE) or name


def _clause_settings(text: str, names: list[Name], count: int) -> dict[int, str]:
    """The setting a clause fixes with "for <setting>" (synth.plan.subjects._set_for), by the clause's index: the
    question's clauses are read again with the names in place, and only when they are as many as the slotted ones."""
    settings = [n for n in names if n.role == "setting" and n.setting == n.text]
    if not settings:
        return {}
    parts = clauses(read_setting(text)[1])
    if len(parts) != count:
        return {}
    out = {index: n.text for n in settings for index, part in enumerate(parts) if n.text in part}
    for n in settings:
        if FRONT_SETTING.search(text[:n.start]):  # "On AutoScholarQuery, …": every clause after it is asked there
            out.update({index: out.get(index, n.text) for index in range(len(parts))})
    for index in range(len(parts) - 2, -1, -1):  # "How many training steps and what batch size … in Stage 2"
        if index not in out and index + 1 in out and shares_next(parts[index]):
            out[index] = out[index + 1]
    return out


def _phrased_or_asked(clause: str, standalone: Callable[[str], bool]) -> list[Asked]:
    phrases = phrased(clause, standalone)
    return asked_phrases(clause, standalone) if phrases is None else phrases


def _staged(asked: Asked, vocab: Vocabulary) -> Asked:
    """"the number of steps … for pre-training" is the number of training steps: a count the library labels only
    with its training stage ("Training steps") takes the stage's word when the bare noun names no label."""
    words = asked.text.split()
    if len(words) > 3 or any("train" in w.lower() for w in words) or len(property_spellings(asked.text, vocab)) > 1:
        return asked
    staged = " ".join([*words[:-1], "training", words[-1]])
    if len(property_spellings(staged, vocab)) == 1:
        return asked
    return replace(asked, text=staged, how=f"{asked.how}; the training stage the question names qualifies it")


def _standalone(word: str, vocab: Vocabulary) -> bool:
    """A word the library's tables use as a label by itself ("Layers", "Width"): a noun of its own."""
    return any(canonical(label) == canonical(word) for label in vocab.attribute_labels_by_word(word))


def _from_columns(columns: list[Column], vocab: Vocabulary) -> list[PlanAttribute]:
    out = []
    for column in columns:
        kind = AttributeKind(column.kind) if column.kind else None
        if kind is None:
            role = vocab.role(column.name)
            if role == "attribute":
                kind = AttributeKind.METRIC
            else:
                kind = AttributeKind.QUANTITY if _quantity(column.name, vocab) else AttributeKind.TEXT
        out.append(PlanAttribute(column.name, kind, tuple(dict.fromkeys([column.name, *column.aliases])),
                                 "the question's columns", column.unit, column.variant, column.instructions))
    return out


def property_spellings(phrase: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The phrase and the library's labels for it (`total parameter counts` → `# Total Params`)."""
    asked = words_of(phrase)
    labels = sorted({label for label in vocab.attribute_labels
                     if match_property(asked, default_modifiers(asked), label)}, key=lambda s: (len(s), s))
    return tuple(dict.fromkeys([phrase, *labels[:6]]))
