"""The plan: what a question asks, as typed data, before anything is retrieved.

A question is read as *subjects* (the models, methods or papers it is about, or a class of them
such as "the mixture-of-experts models in the library", resolved against the library) ×
*attributes* (what it asks of each: a benchmark score, a count such as total parameters or
training tokens, a short text such as the normalization layer, or how a mechanism works) and a
*relation* (look up, compare, rank, a trend against parameter count, how/why a method works), plus
the setting every value must come from (a training stage, a thinking mode).

Names are told apart by the library, not by a list of known names (synth.plan.subjects); the asked
phrases are read from the question's English (synth.plan.wording): "what are the … of", "which …
do", "how many … were", "give …", "compare X and Y in terms of …", with coordinated modifiers
distributed. Whether a phrase asks for a number or a short text is read from its words and from the
library (a phrase the library writes numbers after, "weight decay of 0.1", is a quantity). The
question file can state or correct all of it (`subjects`, `columns`, `relation`), and `synth plan`
prints how a question was read.

Questions written by other people name papers rather than models ("in '<title>'", "Ziegler et al.", "the p-RoPE
experiments": synth.plan.papers) and describe rows rather than name them ("the supervised + 60k fine-tuned
model", "which positional encoding achieves the lowest …": synth.plan.described); a benchmark may be spelled as
its paper's prose spells it, or joined to the measure in one column (synth.plan.labels).
"""

from __future__ import annotations

import re

from synth.config import Question
from synth.models import AttributeKind, Library, Plan, PlanAttribute, PlanSubject, Relation
from synth.names import canonical, family, size_of, words_of
from synth.plan.ablations import ablated
from synth.plan.acronym import acronym_named
from synth.plan.asked_on import on_dataset
from synth.plan.attributes import asked_attributes, property_spellings
from synth.plan.binding import bind, merged
from synth.plan.classes import UsageClass, usage_class
from synth.plan.coverage import unread_clauses, without_wholes
from synth.plan.derived import derived_from
from synth.plan.described import described_subjects, in_papers
from synth.plan.experiments import experiment_subjects, without_described
from synth.plan.families import is_family, resolve_class
from synth.plan.folded import measures_folded, without_benchmark_settings, without_summary_words, without_which_one
from synth.plan.labels import measured
from synth.plan.members import class_members, own_members, usage_members
from synth.plan.named_stage import at_stage, named_stage
from synth.plan.papers import (
    baseline_papers,
    compared_papers,
    paper_names,
    paper_references,
    papers_own,
)
from synth.plan.phrasings import (
    consisting_of,
    drawn_from,
    of_measure,
    one_each,
    restated_counts,
    trend_asked,
    uncontracted,
    used_for,
    without_appositives,
)
from synth.plan.possessed import without_owners, without_tools
from synth.plan.printed import describe
from synth.plan.qualifiers import owned_by_names
from synth.plan.roles import (
    acting_as,
    condition_names,
    condition_words,
    conditioned,
    role_subjects,
)
from synth.plan.scale import at_scale, scaled, sized
from synth.plan.score_settings import numbered_setting
from synth.plan.setting import read_setting, unversioned
from synth.plan.spelling import respell
from synth.plan.spent import spent_on
from synth.plan.subjects import Name, question_names, slotted
from synth.plan.superlatives import superlative_members, superlatives
from synth.plan.used import checked_quantities, used_attribute, used_names, used_phrases
from synth.plan.wording import (
    distribute,
    totalled,
)
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary, vocabulary

__all__ = ["describe", "make_plan", "numbered_setting", "split_coordination"]

_SUPERLATIVE_ORIGIN = re.compile(r"the ((?:\w+-)?(?:smallest|largest)) ")
_DETERMINERS = re.compile(r"^(?:the|a|an|their|its|his|her|our|each|every|respective|of)\s+", re.IGNORECASE)
_COMPARE = re.compile(r"\b(compare[sd]?|comparison|versus|vs\.?|differ|difference|better|worse|higher|lower|"
                      r"more|fewer|less)\b", re.IGNORECASE)
_RANK = re.compile(r"\b(rank|ranking|best|highest|lowest|top|most|least|strongest|weakest)\b", re.IGNORECASE)
_TREND = re.compile(
    r"\b(scal(?:e|es|ing)\s+(?:with|across|up)|as\s+a\s+function\s+of|trends?|against\s+(?:the\s+)?(?:parameter|model|size)|"
    r"with\s+(?:increasing|growing|larger)|correlat\w*|relationship\s+between|(?:grow|increase|decrease|improve|change|"
    r"varie|evolve)s?\s+(?:with|as|across))\b",
    re.IGNORECASE,
)
_CLASS = re.compile(
    r"\b(?:the|all|each|every)\s+(?:of\s+the\s+)?(?P<cls>[\w\-. ]+?)\s+(?P<noun>models?|methods?|architectures?|"
    r"papers?|systems?|optimizers?|networks?|layers?)\s+(?:in|of|from)\s+(?:the|this|our)\s+library\b",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(r"\b((?:pre-?|post-?)?(?:train|fine-tun|finetun|distill|evaluat))ed\b", re.IGNORECASE)
_QUESTION_WORDS = frozenset("""what which how many much why when where who whose is are was were do does did
    and or the of on in for to with by use used uses using their its they them compare score scores model models
    respectively both each library between across against versus reach reaches reached achieve achieves achieved
    get gets got long take takes took taken run performed conducted done""".split())


def _clean_phrase(phrase: str) -> str:
    phrase = " ".join(phrase.split()).strip(" ,;:")
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _DETERMINERS.sub("", phrase)
    return phrase


def split_coordination(phrase: str) -> list[str]:
    """`total and activated parameter counts` → [`total parameter counts`, `activated parameter
    counts`]; `parameter count and context length` stays two phrases."""
    parts = [p.strip() for p in re.split(r"\s*(?:,\s*and|,\s*or|,|\band\b|\bor\b|/)\s*", phrase) if p.strip()]
    return distribute(parts, lambda _: False) if parts else []


def _relation(text: str, question: Question, subjects: int, mechanism: bool) -> tuple[Relation, str | None]:
    if question.relation:
        relation = Relation(question.relation)
        return relation, "parameters" if relation is Relation.TREND else None
    if mechanism:
        return Relation.MECHANISM, None
    if _TREND.search(text) or question.analysis:
        return Relation.TREND, "parameters"
    if _RANK.search(text) and subjects != 1:
        return Relation.RANK, None
    if _COMPARE.search(text) or subjects > 1:
        return Relation.COMPARE, None
    return Relation.LOOKUP, None


def _subjects(question: Question, text: str, names: list[Name], vocab: Vocabulary, notes: list[str],
              usage: UsageClass | None = None) -> list[PlanSubject]:
    if question.subjects:
        return [PlanSubject(item.name, tuple(dict.fromkeys([item.name, *item.aliases])), "the question's subjects",
                            tuple(vocab.home_sources(tuple(dict.fromkeys([item.name, *item.aliases])))))
                for item in question.subjects]
    subjects: list[PlanSubject] = []
    seen: set[str] = set()
    named = [n for n in names if n.role == "subject"]
    families = {canonical(n.text) for n in named}
    for name in named:
        if canonical(name.text) in seen:
            continue
        if _RANGE_END.search(text[max(0, name.start - 30):name.start]) and canonical(_bare(family(name.text))) in {
                canonical(_bare(f)) for f in families if canonical(f) != canonical(name.text)}:
            continue  # "from Qwen3-0.6B-Base up to Qwen3-235B-A22B-Base": the range of a family already asked
        seen.add(canonical(name.text))
        spellings = [name.text, *question.aliases.get(name.text, [])]
        unstaged = _STAGE.sub("", name.text).strip() or name.text
        # "DeepSeek-V3-Base" is DeepSeek-V3 in its base variant, "DeepSeek-V2 Chat (RL)" DeepSeek-V2 Chat at a stage
        spellings += [spelling for spelling in (unstaged, _bare(unstaged)) if spelling != name.text]
        if re.fullmatch(r"[A-Z][\w\-]*[^sS]s", name.text) and vocab.role(name.text[:-1]) == "entity":
            spellings.append(name.text[:-1])  # "the vanilla Transformers": the models the library calls Transformer
        spellings_t = tuple(dict.fromkeys(spellings))
        homes = vocab.home_sources(spellings_t)
        if not homes and name.member:
            homes = vocab.home_sources((name.member,))  # "Transformer big" is in the paper about the Transformer
        wanted = superlatives(text, name.start)
        if wanted and not size_of(name.text):
            members = [m for m in superlative_members(name.text, spellings_t, homes, vocab, wanted)
                       if canonical(m[0]) not in seen]
            if members:
                seen.update(canonical(m) for m, _ in members)
                subjects += [PlanSubject(m, (m,), why, tuple(vocab.home_sources((m,)) or homes)) for m, why in members]
                continue
        derived = derived_from(text, name.text, name.start, name.end)
        if derived is not None:
            subjects += class_members(derived, homes, vocab, seen, notes)
            continue
        unresolved = " and ".join(wanted) if wanted and not size_of(name.text) else None
        if unresolved:
            notes.append(f"the {unresolved} {name.text}: the library names no sized members to tell it by; a sized "
                         "member's values are not taken for it.")
        subjects.append(PlanSubject(name.text, spellings_t, "named in the question", tuple(homes), unresolved))
    for match in _CLASS.finditer(text):
        phrase = _clean_phrase(re.split(r"\s(?:the|of)\s", " " + match.group("cls"))[-1])
        members = resolve_class(phrase, vocab)
        if not members:
            notes.append(f"No source in the library calls anything a {phrase} {match.group('noun')}.")
        for member, why in members:
            if canonical(member) in seen:
                continue
            seen.add(canonical(member))
            subjects.append(PlanSubject(member, (member,), f"one of the {phrase} {match.group('noun')}: {why}",
                                        tuple(vocab.home_sources((member,)))))
    if usage is not None:
        subjects += usage_members(usage, vocab, seen, notes)
    return subjects


_RANGE_END = re.compile(r"\b(?:from|up\s+to|to|through)\s+(?:the\s+)?$", re.IGNORECASE)
_SUBJECT_VARIANT = re.compile(r"[\s\-–—]+(?:Base|Chat|Instruct|BASE|CHAT|INSTRUCT)\s*$")
_STAGE = re.compile(r"\s*\((?:SFT|RL|RLHF|DPO)\)\s*$")


def _bare(name: str) -> str:
    """The subject's name without its variant word: `DeepSeek-V3-Base` → `DeepSeek-V3`."""
    return _SUBJECT_VARIANT.sub("", name).strip() or name


_REWRITES = (acronym_named, uncontracted, trend_asked, of_measure, used_for, consisting_of, one_each, restated_counts,
             totalled, spent_on, without_appositives)


def make_plan(question: Question, library: Library) -> Plan:
    """Read a question into subjects × attributes and a relation, using the library's vocabulary."""
    vocab = vocabulary(library)
    text = " ".join(question.question.split())
    for rewrite in (*_REWRITES, drawn_from, acting_as):  # the question in the shapes the later readings expect
        text = rewrite(text)
    stage_named, text = named_stage(text)
    text, respelt = respell(text, vocab)
    text, papers = paper_references(text, vocab)
    setting, _ = read_setting(text)
    text, size = at_scale(unversioned(text))
    usage = None if question.subjects else usage_class(text)
    if usage is not None:  # the class is the subject: its words are neither names nor asked phrases
        text = text[:usage.start] + "they" + text[usage.end:]
    names = question_names(text, vocab)
    names = [n for n in names if n not in paper_names(names, text, papers, vocab)]
    used = [] if question.columns else used_names(text, names)
    names = [n for n in names if n not in used]  # "does X use RMSNorm": RMSNorm is asked of X, not a subject
    names = without_owners(text, names, vocab)  # "PaSa's Crawler": the Crawler
    names = without_tools(text, names, vocab)  # "the FlashAttention and xFormers changes": no subject
    condition = condition_names(text, names)  # "When OPT-30b is quantized to 2 bits, what … do A and B reach"
    names = [n for n in names if n not in condition]
    roles, tools = ([], []) if question.subjects else role_subjects(text, names, papers, vocab)
    if not roles and not question.subjects:  # "the multilayer neural network trained on MNIST" of the Adam paper
        roles, tools = experiment_subjects(text, names, papers, vocab)
    names = [n for n in names if n not in tools]  # "train the summarization policy with PPO": PPO is no subject
    notes: list[str] = [f"Spelling: {', '.join(change.note() for change in respelt)}."] if respelt else []
    subjects = in_papers(_subjects(question, text, names, vocab, notes, usage), papers, notes, vocab, text)
    subjects = sized(scaled(subjects, size, vocab), vocab)
    subjects = [*roles, *subjects]
    if not question.subjects:
        subjects = ablated(text, subjects, vocab, notes)  # "PaSa-7b … without RL training": the row "w/o RL training"
    slotted_text = slotted(text, names)
    attributes, mechanism = asked_attributes(question, text, slotted_text, names, setting, vocab)
    attributes = without_described(attributes, roles, tools)  # "how big is the entropy model that …"
    if stage_named and not question.columns:
        attributes = at_stage(attributes, stage_named)
        notes.append(f"Values are taken only where their evidence names the {stage_named} stage the question names.")
    if not question.columns:
        attributes += [used_attribute(thing) for thing in [*(n.text for n in used), *used_phrases(slotted_text)]]
        attributes += [PlanAttribute(name, AttributeKind.QUANTITY, property_spellings(name, vocab),
                                     'read from "does … have … of <value>"')
                       for name in checked_quantities(slotted_text)]
    unique: dict[str, PlanAttribute] = {}
    for attribute in attributes:
        known = unique.get(canonical(attribute.name))
        unique[canonical(attribute.name)] = attribute if known is None else merged(known, attribute)
    # "what does the largest GPT-2 model reach": the superlative picked the subject; it is no attribute asked
    resolved = {fold(word) for s in subjects if (said := _SUPERLATIVE_ORIGIN.match(s.origin))
                for word in (said.group(1), *said.group(1).split("-"))}
    unique = {k: a for k, a in unique.items() if fold(a.name) not in resolved}
    if subjects and not question.columns:
        unique = without_summary_words(without_which_one(unique) if len(subjects) > 1 else unique)
        unique = without_benchmark_settings(unique, vocab, notes)
        unique = owned_by_names(unique, [n.text for n in names if n.role == "modifier"], text)
    relation, trend_by = _relation(text, question, len(subjects), bool(mechanism and not question.columns))
    if relation is not Relation.MECHANISM and relation is not Relation.TREND:
        subjects = own_members(subjects, vocab)
    families = [s.name for s in subjects if is_family(s.spellings, vocab)]
    if families:
        notes.append(f"{', '.join(families)}: a family name; every sized member the library reports is shown apart.")
    clause_stages = sorted({a.stage for a in unique.values() if a.stage})
    if len(clause_stages) > 1:  # "… were the models pre-trained …, and … were they fine-tuned"
        notes.append(f"Each value is taken only from the stage its clause names ({', '.join(clause_stages)}).")
    if (setting.stage and len(clause_stages) < 2) or setting.mode:
        said = " and ".join(f"{w} {v}" for w, v in (("stage", setting.stage if len(clause_stages) < 2 else None),
                                                     ("mode", setting.mode)) if v)
        notes.append(f"Values are taken only from the {said} the question names.")
    leftover = _unread(slotted_text, list(unique.values()), relation)
    leftover = [w for w in leftover if fold(w) not in resolved and not (fold(w) == "biggest" and "largest" in resolved)]
    # "train the summarization policy with PPO": the role subject's words and the method it is trained with are read
    read = {fold(w) for phrase in [*(s.name for s in roles), *(t.text for t in tools)] for w in phrase.split()}
    leftover = [w for w in leftover if fold(w) not in read]
    stated_at = condition_words(text)  # "When OPT-30b is quantized to 2 bits, …": read as every subject's setting
    leftover = [w for w in leftover if not any(fold(w).strip("-") in c for c in stated_at)]
    if leftover:
        notes.append("Words not read into the plan: " + ", ".join(leftover) + ".")
    if papers and not question.subjects:
        settings = frozenset(canonical(n.text) for n in names if n.role == "setting")
        subjects, unique = described_subjects(text, subjects, unique, papers, vocab, notes, settings)
        subjects = subjects or papers_own(papers, vocab, notes)
    unique = measured(unique, subjects, notes, vocab)
    unique = measures_folded(unique, notes)
    if not question.columns:
        unique = on_dataset(unique, slotted_text, notes, vocab)
    if not subjects:
        notes.append("No subject was read: name the models or methods in `subjects:`.")
    if not unique:
        notes.append("No attribute was read: name what is asked of each subject in `columns:`.")
    named = tuple(dict.fromkeys(key for paper in papers for key in paper.sources))
    if not named and (named := baseline_papers(text, subjects)):
        notes.append(f"A baseline is asked: values are read first in the compared papers ({', '.join(named)}).")
    if not named and relation is Relation.COMPARE and (named := compared_papers(subjects)):
        notes.append(f"A comparison: a subject no paper is about is read first where the others are compared with "
                     f"it ({', '.join(named)}).")
    subjects = conditioned(text, subjects, notes, papers)  # "when the embedding parameters are initialized with …"
    # the author's columns are the reading they chose: only a question read by the plan can have dropped a clause
    parts, unread = unread_clauses(question.question, leftover, unique.values(), subjects, relation)
    unread = () if question.columns else unread
    asked = without_wholes(list(unique.values()), question.question, unread)
    return Plan(tuple(subjects), tuple(bind(subjects, asked)), relation, trend_by, tuple(notes), named, unread, parts)


def _unread(rest: str, asked: list[PlanAttribute], relation: Relation) -> list[str]:
    """Content words of the question (names already slotted) that no asked phrase holds."""
    have = words_of(" ".join(a.name for a in asked))
    out = []
    for word in re.findall(r"[A-Za-z][A-Za-z\-]+", re.sub(r"\u27e8[SA]\u27e9", " ", rest)):
        folded = fold(word)
        if folded in STOPWORDS or folded in _QUESTION_WORDS or len(folded) < 3:
            continue
        if _COMPARE.fullmatch(word) or _RANK.fullmatch(word) or _TREND.search(word):
            continue
        if not words_of(word) or _PARTICIPLE.search(word) or all(
                any(w == h or h.startswith(w) or w.startswith(h) for h in have) for w in words_of(word)):
            continue
        out.append(word)
    if relation is Relation.TREND:
        out = [w for w in out if fold(w) not in ("scale", "scales", "parameter", "count", "size", "performance")]
    return list(dict.fromkeys(out))
