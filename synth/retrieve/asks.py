"""Retrieval per ask: for every (subject, attribute) of the plan, the table cells and sentences that
state it, each with its exact variant and where it was read.

A table cell states (subject, attribute) when its entity label names the subject (its variant
spelled by the rest of the label or by the caption: "Qwen3-32B (Thinking)") and its attribute
label is the asked benchmark in some setting ("LiveCodeBench v5", "HumanEval (Pass@1)") or the
asked property ("# Activated Params"). A sentence states it when the subject is in scope (named,
or the sentence sits in a source about the subject and names no other model) and the value sits
next to the attribute ("90.2% on HumanEval", "671B total parameters", "pre-trained on 36 trillion
tokens"). A value of another model is never a candidate: "DeepSeek-V2-Lite" is not DeepSeek-V2,
"Mixtral 8x22B" is not Mixtral 8x7B; the labels that came close are kept, so the page can say what
was not used.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from synth import claimparse
from synth.index import PassageIndex, any_of, phrase
from synth.models import AttributeKind, Evidence, Library, PassageKind, Plan, PlanAttribute, PlanSubject, Table
from synth.names import (
    LabelMatch,
    NameMatch,
    canonical,
    family,
    key,
    match_entity,
    match_label,
    match_property,
    name_regex,
    same_word,
    size_of,
    variant_words,
    words_of,
)
from synth.quotes import table_row
from synth.retrieve.sentences import Sentence, sentences, states_something
from synth.tables import TableRecord
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary, names_in, vocabulary

# Category nouns that say what kind of thing is asked, not which: "normalization *layer*".
_CATEGORY = frozenset(key(w) for w in """layer layers function functions algorithm algorithms method methods type
    types kind kinds technique techniques strategy strategies scheme schemes mechanism mechanisms approach approaches
    variant variants design component components architecture module modules objective choice form""".split())
_SCALE_UNIT = {"trillion": "T", "billion": "B", "million": "M", "thousand": "K"}
_NOT_THE_MODEL = re.compile(r"\b(baselines?|ablations?|toy|preliminary|validation experiments?|smaller|small-scale|"
                            r"proxy|pilot)\b", re.IGNORECASE)
_HOW_CUES = re.compile(r"\b(by|through|via|introduc\w*|adopt\w*|us(?:e|es|ing)|employ\w*|add\w*|appl(?:y|ies|ied)|"
                       r"penali[sz]\w*|encourag\w*|ensur\w*|achiev\w*|maintain\w*|dynamic\w*|adjust\w*|so that|"
                       r"in order to|which|where)\b", re.IGNORECASE)
_RESULT_CUES = re.compile(r"\b(table|figure|fig\.|outperform\w*|surpass\w*|achieves? (?:a )?score|benchmark\w*)\b|%",
                          re.IGNORECASE)
TEXT_LIMIT = 60
HOME_LIMIT = 120
# Nouns whose amount is counted in another unit: "how much data" is answered in tokens.
_MASS_NOUNS = frozenset(key(w) for w in ("data", "corpus", "dataset", "compute", "budget", "amount", "size"))
MIN_COVERAGE = 0.5
MIN_MECHANISM_COVERAGE = 0.7
DISTINCTIVE = 0.5
MECHANISM_SENTENCES = 3


@dataclass(frozen=True)
class Candidate:
    """One value a source gives for (subject, attribute), in one variant, with its evidence."""

    subject: str
    attribute: str
    entity: str
    variant: str | None
    value: str
    number: float | None
    unit: str | None
    evidence: Evidence
    table: bool
    home: bool
    named: bool
    member: str | None = None
    low_confidence: bool = False
    abbreviated: bool = False
    score: float = 0.0

    @property
    def source(self) -> str:
        return self.evidence.source


@dataclass(frozen=True)
class AskEvidence:
    """Everything retrieved for one (subject, attribute): candidate values, ranked sentences (for
    mechanisms and text attributes) and the labels that came close but name another model."""

    subject: PlanSubject
    attribute: PlanAttribute
    candidates: tuple[Candidate, ...]
    sentences: tuple[tuple[float, Evidence], ...] = ()
    neighbours: tuple[str, ...] = ()


# --- tables ----------------------------------------------------------------------------------


def caption_entity_variant(caption: str, entity: str) -> str | None:
    """The variant a caption gives an entity: "Qwen3-235B-A22B (Thinking)", "Qwen3-30B-A3B / Qwen3-14B
    (Non-thinking)"."""
    folded = fold(caption)
    found = name_regex(entity).search(folded)
    if not found:
        return None
    after = caption[found.end():] if len(folded) == len(caption) else folded[found.end():]
    tail = re.match(r"^(?:\s*/\s*[\w.\-]+)*\s*\(([^)]*)\)", after)
    if not tail:
        return None
    words = variant_words(tail.group(1))
    return words or None


_CAPTION_KIND = re.compile(r"\b(base|chat|instruct|instruction[- ]tuned|pre-?trained|post-?trained)\s+(?:[\w-]+\s+)?"
                           r"models?\b", re.IGNORECASE)
_KIND = {"instruction-tuned": "instruct", "instruction tuned": "instruct", "pretrained": "base", "pre-trained": "base",
         "posttrained": "instruct", "post-trained": "instruct"}


def caption_kind(caption: str) -> str | None:
    """The kind of model a caption says the table compares, in its own word: "chat models" → chat,
    "base models" → base; None when it names none or several."""
    kinds = {_KIND.get(m.group(1).lower(), m.group(1).lower()) for m in _CAPTION_KIND.finditer(caption)}
    return kinds.pop() if len(kinds) == 1 else None


def _variant(match: NameMatch, label: LabelMatch | None, record: TableRecord) -> str | None:
    model = match.variant
    if model is None or all(re.fullmatch(r"v?\d[\d.\-]*", w) for w in model.split()):
        kind = caption_entity_variant(record.table.caption, match.member or record.entity) \
            or caption_kind(record.table.caption)
        model = " ".join(w for w in (kind, model) if w) or None
    parts = [model] if model else []
    setting = label.setting if label else None
    if setting:
        parts.append(setting)
    for extra in (record.setting or "").split("; "):
        if extra and not (setting and canonical(extra) in canonical(setting)):
            parts.append(extra)
    return "; ".join(dict.fromkeys(parts)) or None


def table_quote(record: TableRecord) -> str:
    """The cell as `row label | setting columns | column header | value` (models in columns) or
    `row label | column header | value`."""
    table = record.table
    row = table.rows[record.row]
    header = table.header
    between = [f"{cell.strip()}" for c, cell in enumerate(row[1:record.column], start=1)
               if c < len(header) and re.search(r"shots?|setting|metric|mode", header[c], re.IGNORECASE)
               and cell.strip()]
    column = header[record.column] if record.column < len(header) else ""
    return " | ".join([row[0].strip(), *between, column.strip(), record.raw])


def _table_evidence(source: str, record: TableRecord) -> Evidence:
    table = record.table
    return Evidence(source, table.doc_id, table_quote(record), table.start, table.end, table.page, table.section,
                    PassageKind.TABLE_ROW, table_caption=table.caption,
                    table_row=table_row(table, record.row, [record.column]))


def _label_match(attribute: PlanAttribute, label: str) -> LabelMatch | None:
    if attribute.kind is AttributeKind.METRIC:
        for spelling in attribute.spellings:
            found = match_label(spelling, label)
            if found:
                return found
        return None
    if attribute.kind is AttributeKind.QUANTITY:
        asked = words_of(attribute.name)
        for spelling in attribute.spellings[1:]:
            if canonical(spelling) == canonical(label):
                return LabelMatch(label, None)
        return match_property(asked, defaults(asked), label)
    return None


_DEFAULT_MODIFIERS = frozenset({key("total"), key("overall")})


def _home_label(subject: PlanSubject, label: str) -> NameMatch | None:
    """In a source about the subject, a row label without the family name: "Tiny" in the Whisper
    paper's architecture table is Whisper tiny, "Base" is Whisper base."""
    for spelling in subject.spellings:
        words = spelling.split()
        for k in range(1, len(words)):
            if canonical(" ".join(words[k:])) == canonical(label):
                return NameMatch(label, None)
    return None


def _bare_head(attribute: PlanAttribute, record: TableRecord) -> LabelMatch | None:
    """A label that is the attribute's noun alone ("Heads" for attention heads), when no other label of
    the same table uses that noun with another modifier."""
    if attribute.kind is not AttributeKind.QUANTITY:
        return None
    asked = words_of(attribute.name)
    label_words = words_of(re.sub(r"\([^)]*\)", " ", record.attribute))
    if len(label_words) != 1 or not asked:
        return None
    [head] = label_words
    if not any(same_word(head, w) for w in asked):
        return None
    table = record.table
    labels = [*table.header, *(row[0] for row in table.rows if row)]
    others = [lbl for lbl in labels if lbl != record.attribute and any(same_word(head, w) for w in words_of(lbl))]
    return None if others else LabelMatch(record.attribute, None)


def defaults(asked: frozenset[str]) -> frozenset[str]:
    """Modifiers an unqualified label is read with: "47B parameters" is the total parameter count."""
    return frozenset(w for w in asked if w in _DEFAULT_MODIFIERS)


def _unit_of(record: TableRecord) -> str | None:
    return record.unit


def _table_candidates(plan: Plan, vocab: Vocabulary) -> tuple[dict[tuple[int, int], list[Candidate]],
                                                               dict[int, set[str]]]:
    found: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    near: dict[int, set[str]] = defaultdict(set)
    asked = [(j, a) for j, a in enumerate(plan.attributes)
             if a.kind in (AttributeKind.METRIC, AttributeKind.QUANTITY)]
    if not asked:
        return found, near
    entity_cache: dict[tuple[int, str], NameMatch | None] = {}
    label_cache: dict[tuple[int, str], LabelMatch | None] = {}
    families = [canonical(family(s.name)) for s in plan.subjects]
    for item in vocab.records:
        record = item.record
        for i, subject in enumerate(plan.subjects):
            if (i, record.entity) not in entity_cache:
                entity_cache[(i, record.entity)] = match_entity(subject.spellings, record.entity)
            match = entity_cache[(i, record.entity)]
            if match is None and item.source in subject.home_sources:
                match = _home_label(subject, record.entity)
            if match is None:
                rest = canonical(record.entity)[len(families[i]):]
                if canonical(record.entity).startswith(families[i]) and not re.fullmatch(r"[\d.\-]*", rest):
                    near[i].add(record.entity)
                continue
            for j, attribute in asked:
                if (j, record.attribute) not in label_cache:
                    label_cache[(j, record.attribute)] = _label_match(attribute, record.attribute)
                label = label_cache[(j, record.attribute)] or _bare_head(attribute, record)
                if label is None:
                    continue
                variant = _variant(match, label, record)
                found[(i, j)].append(Candidate(
                    subject.name, attribute.name, record.entity, variant, record.raw, record.value, _unit_of(record),
                    _table_evidence(item.source, record), True, item.source in subject.home_sources, True,
                    match.member, record.table.low_confidence, label.abbreviated,
                ))
    return found, near


# --- sentences -------------------------------------------------------------------------------


_COMPARING = re.compile(r"\b(?:outperform\w*|surpass\w*|than|compared|versus|vs\.?|beat\w*|exceed\w*|ahead|behind|"
                        r"trail\w*|rival\w*|match\w*|over)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Scope:
    """Who a sentence is about: the subject's mentions (offsets) and the other models it names."""

    named: bool
    entity: str
    variant: str | None
    member: str | None
    mentions: tuple[tuple[int, int], ...] = ()
    others: tuple[tuple[int, int], ...] = ()
    text: str = ""

    def owns(self, position: int, text: str = "") -> bool:
        """Whether a value at `position` belongs to the subject: the nearest model named before it (or,
        when none is, after it) is the subject, a value followed by "for <another model>" is that model's,
        and in a comparison ("A outperforms B with 90.8%") the value is the first-named model's."""
        text = text or self.text
        after = [s for s, _ in self.others if 0 < s - position <= 45]
        if text and any(re.search(r"(?:\b(?:for|of|by|in)\s+(?:the\s+)?|\()$", text[position:s]) for s in after):
            return False  # "… 7 trillion tokens used for Qwen2", "70B parameters per token (Llama 2 70B)"
        if text and self.others and self.mentions:
            nearest = max((e for _, e in self.mentions if e <= position), default=None)
            if nearest is not None and _COMPARING.search(text[nearest:position]):
                return False  # "Mixtral … outperforming the previous best model using 70B parameters"
        if not self.named or not self.mentions:
            return True
        if self.others:
            first_other = min(s for s, _ in self.others)
            if first_other < min(s for s, _ in self.mentions) and _COMPARING.search(text[first_other:position]):
                return False
        names = sorted([(s, e, True) for s, e in self.mentions] + [(s, e, False) for s, e in self.others])
        before = [n for n in names if n[1] <= position]
        owner = before[-1] if before else next((n for n in names if n[0] >= position), None)
        return bool(owner and owner[2])


def _model_like(name: str, vocab: Vocabulary) -> bool:
    if re.search(r"[A-Za-z].*\d|\d.*[A-Za-z]", name):
        return True
    return vocab.role(name) == "entity"


# "Transformer layers", "Transformer block": a name used as a kind of component, not as a model.
_AS_MODIFIER = re.compile(r"^\s+(?:layers?|blocks?|architectures?|decoders?|encoders?|modules?|backbones?|style)\b")
_VARIANT_AFTER = re.compile(r"^\s*[–—-]\s*(Instruct|Chat|Base)\b")
_NUMBER_AFTER = re.compile(r"^[\s\-]*\d")


def subject_scope(sentence: str, subject: PlanSubject, vocab: Vocabulary, home: bool,
                  attribute_names: Iterable[str] = (), introduced: bool = False) -> _Scope | None:
    """Whether a sentence is about the subject: it names it (or a member of its family), or it sits in a
    source about the subject and names no other model. In the source that introduces the subject, its
    short family name counts as naming it ("Mixtral" in the Mixtral 8x7B paper); a statement about the
    family alone ("Heron models from 1B to 34B") is not about one sized member of it."""
    skip = {canonical(a) for a in attribute_names}
    own_family = canonical(family(subject.name))
    sized = size_of(subject.name) is not None and own_family != canonical(subject.name)
    mentions: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    first: tuple[str, NameMatch] | None = None
    family_only = False
    for name, start, end in names_in(sentence):
        match = match_entity(subject.spellings, name)
        variant = _VARIANT_AFTER.match(sentence[end:end + 20])
        if match is None and variant:
            match = match_entity(subject.spellings, f"{name} {variant.group(1)}")
        if match is not None:
            mentions.append((start, end))
            first = first or (name, match)
            continue
        if canonical(name) in skip or not _model_like(name, vocab) or _AS_MODIFIER.match(sentence[end:]):
            continue
        if home and canonical(name) == own_family and not _NUMBER_AFTER.match(sentence[end:]):
            mentions.append((start, end))
            if introduced or variant:
                first = first or (name, NameMatch(name, variant.group(1).lower() if variant else None, None))
            else:
                family_only = True
            continue
        others.append((start, end))
    if first is None and not mentions and len(fold(sentence)) == len(sentence):
        # A name at the start of a sentence is not told from a capitalised word by the name finder.
        folded = fold(sentence)
        for spelling in (*subject.spellings, *((family(subject.name),) if home else ())):
            found = name_regex(spelling).match(folded)
            if found and not _NUMBER_AFTER.match(sentence[found.end():]):
                mentions.append((found.start(), found.end()))
                if spelling in subject.spellings or introduced:
                    first = (sentence[found.start():found.end()], NameMatch(spelling, None))
                else:
                    family_only = True
                break
    if first is not None:
        name, match = first
        return _Scope(True, name, match.variant, match.member, tuple(mentions), tuple(others), sentence)
    if sized and family_only:
        return None
    if home and not others and not _NOT_THE_MODEL.search(sentence):
        return _Scope(False, subject.name, None, None)
    return None


def _scale(raw: str, quantity: claimparse.Quantity) -> tuple[float, str | None]:
    word = re.search(r"(trillion|billion|million|thousand)", raw, re.IGNORECASE)
    if word:
        return float(raw[: word.start()].replace(",", "").strip()), _SCALE_UNIT[word.group(1).lower()]
    suffix = re.search(r"([KMBT])\s*$", raw)
    if suffix:
        return float(raw[: suffix.start()].replace(",", "").strip()), suffix.group(1)
    return quantity.value, None


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Words (hyphenated words split: "pre-trained" → pre, trained) and clause punctuation."""
    return tuple((m.group(0), m.start(), m.end()) for m in re.finditer(r"[A-Za-z][A-Za-z0-9]*|[,;:.()]", text))


@lru_cache(maxsize=65536)
def _quantities(text: str) -> tuple[claimparse.Quantity, ...]:
    return claimparse.quantities(text)


def _words_around(text: str, start: int, end: int, before: int, after: int) -> tuple[list[str], list[str]]:
    """Word keys before and after a span, stopping at clause punctuation."""
    tokens = _tokens(text)
    left = [t for t in tokens if t[2] <= start][::-1]
    right = [t for t in tokens if t[1] >= end]
    out_left: list[str] = []
    for word, _, _ in left:
        if word in ",;:.()" or len(out_left) >= before:
            break
        out_left.append(key(word))
    out_right: list[str] = []
    for word, _, _ in right:
        if word in ",;:.()" or len(out_right) >= after:
            break
        out_right.append(key(word))
    return out_left, out_right


def _has(words: Iterable[str], wanted: str) -> bool:
    return any(same_word(w, wanted) for w in words)


_NEXT_ITEM = re.compile(r"\b(?:and|or|with)\s+(?:a|an|the|its|their)\b", re.IGNORECASE)
_RANGE_START = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_RANGE_END = re.compile(r"^\s*(?:to|and|-|–)\s*\d", re.IGNORECASE)


def _in_range(text: str, quantity: claimparse.Quantity) -> bool:
    """A bound of a range ("from 1B to 34B parameters") describes a family, not one model."""
    before, after = text[max(0, quantity.start - 10):quantity.start], text[quantity.end:quantity.end + 8]
    if _RANGE_START.search(before) and _RANGE_END.match(after):
        return True
    return bool(re.search(r"\b(?:to|and)\s+$", before)) and bool(
        re.search(r"\b(?:from|between)\s+\S+\s+(?:to|and)\s+$", text[max(0, quantity.start - 40):quantity.start]))


def quantity_values(text: str, attribute: PlanAttribute, contrast: frozenset[str]
                    ) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the counts a sentence gives for a quantity attribute: the
    attribute's noun right after the figure ("36 trillion tokens", "671B total parameters") or its
    modifier right after it ("37B activated"), every other modifier nearby, no contrasting modifier
    ("13B active parameters" is not the total)."""
    asked = words_of(attribute.name)
    if not asked:
        return []
    head = sorted(asked, key=lambda w: (attribute.name.lower().rfind(w[:4]), w))[-1]
    modifiers = asked - {head} - defaults(asked)
    sentence_words = [key(w) for w, _, _ in _tokens(text)]
    out = []
    for quantity in _quantities(text):
        if quantity.unit != "scale" or _in_range(text, quantity):
            continue
        left, right = _words_around(text, quantity.start, quantity.end, 6, 5)
        coordination = _NEXT_ITEM.search(text[quantity.end:quantity.end + 60])
        if coordination:  # "32K and a batch size of 576": the noun after "and a" is another item's
            right = right[:len(_tokens(text[quantity.end:quantity.end + coordination.start()]))]
        near_right = right[:2]
        clause_left, clause_right = _words_around(text, quantity.start, quantity.end, 40, 8)
        clause_left += [key(w) for w, _, end in _tokens(text) if end <= quantity.start]
        measured = head in _MASS_NOUNS and head != key("size") and right and modifiers and all(
            _has(clause_left, m) or _has(clause_right, m) for m in modifiers)
        if not (_has(right, head) or measured or (modifiers and any(_has(near_right, m) for m in modifiers) and
                                                  _has(sentence_words, head))):
            continue
        if any(not (_has(clause_left, m) or _has(clause_right, m)) for m in modifiers):
            continue
        if any(_has(left[:2] + right[:3], c) for c in contrast):
            continue
        number, unit = _scale(quantity.raw, quantity)
        shown = quantity.raw
        if measured and not _has(right[:1], head):
            noun = re.match(r"\s+([A-Za-z][\w-]*)", text[quantity.end:])
            shown = f"{quantity.raw} {noun.group(1)}" if noun else shown  # "18 trillion tokens" for "how much data"
        out.append((shown, number, unit or "", quantity.start))
    return out + _plain_values(text, attribute, head, modifiers, out)


_SCIENTIFIC = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*[×x]\s*10\s*[−\-–]\s*(\d+)(?!\d)")
_PLAIN = re.compile(r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([KMBT](?![A-Za-z]))?(?![\w.]*\d)(?!\s*%)"
                    r"(?![A-Za-z])")
_LINK = r"(?:\s+(?:is|was|are|were|of|to|at|set\s+to|equals?|=|:)\s*|\s*[=:]\s*)"


def _plain_values(text: str, attribute: PlanAttribute, head: str, modifiers: frozenset[str],
                  found: list[tuple[str, float, str, int]]) -> list[tuple[str, float, str, int]]:
    """Counts and settings without a scale word, read only right next to the attribute's words: "61
    layers", "a batch size of 4608", "learning rate to 2.2 × 10−4", "sequence length 4K". The noun must
    touch the number (its modifiers too, for "batch size"), so a number elsewhere in the sentence is never
    taken."""
    words = [w for w in _WORD_RE.findall(attribute.name) if w.lower() not in STOPWORDS][-2:]
    if not words:
        return []
    rest = modifiers - {key(p) for w in words for p in w.split("-")}
    if any(not _has([key(w) for w, _, _ in _tokens(text)], m) for m in rest):
        return []  # "pre-training learning rate": the sentence must be about pre-training
    taken = {position for *_, position in found}
    phrase = r"[\s-]+".join(re.escape(w) + r"\w*" for w in words)
    out: list[tuple[str, float, str, int]] = []
    for pattern, before in ((rf"\b{phrase}(?:\s+\S{{1,4}})?{_LINK}(?:(?:about|around|approximately|roughly)\s+)?$",
                             True),
                            (rf"^\s+(?!and\b|or\b|with\b|per\b)(?:[a-z]+\s+)?{phrase}\b", False)):
        for number in (*_SCIENTIFIC.finditer(text), *_PLAIN.finditer(text)):
            if number.start() in taken:
                continue
            context = (text[max(0, number.start() - 60):number.start()] if before
                       else text[number.end():number.end() + 60])
            if not re.search(pattern, context, re.IGNORECASE):
                continue
            unit = ""
            if number.re is _SCIENTIFIC:
                value = float(number.group(1)) * 10 ** -int(number.group(2))
            else:
                value, unit = float(number.group(1).replace(",", "")), number.group(2) or ""
            taken.add(number.start())
            out.append((number.group(0), value, unit, number.start()))
    return out


_OTHER_BENCHMARK = re.compile(r"^(?:[\-+][A-Za-z0-9]|\+)")
_VALUE_BEFORE = re.compile(r"\s*(?:(?:points?|score|accuracy|pass@\d+|success rate)\s+)?(?:on|in|at|for)\s+(?:the\s+)?",
                           re.IGNORECASE)
_CITATION_AFTER = re.compile(r"^\s*\([^()]*(?:et al\.|\d{4}[a-z]?)\)")
_SETTING_AFTER = re.compile(r"^\s*\(([^()]{3,60})\)")
_VALUE_AFTER = re.compile(r"\s*(?:\(([^)]{1,20})\))?\s*(?:score|accuracy|pass@\d+|result)?\s*"
                          r"(?:of|:|=|at|reaching|with)\s*", re.IGNORECASE)


def _setting_after(text: str, end: int) -> str | None:
    """A parenthesis right after a benchmark's name, citations skipped: "LiveCodeBench (Jain et al.,
    2024) (questions from Dec. 2023 to June. 2024)" → the question window."""
    rest = text[end:]
    citation = _CITATION_AFTER.match(rest)
    if citation:
        rest = rest[citation.end():]
    setting = _SETTING_AFTER.match(rest)
    if setting and not re.search(r"et al\.|^[A-Z][\w\-]+,?\s+(?:19|20)\d{2}[a-z]?$", setting.group(1)):
        return " ".join(setting.group(1).split())
    return None


def metric_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str | None, str | None, int]]:
    """(value, number, unit, setting, offset) a sentence gives for a benchmark: "90.2% on HumanEval",
    "HumanEval score of 90.2", "LiveCodeBench (Pass@1) of 43.4"."""
    lowered = text.lower()
    out = []
    quantities = [q for q in _quantities(text) if q.unit in ("%", "plain")]
    for spelling in attribute.spellings:
        for mention in name_regex(spelling).finditer(lowered):
            if _OTHER_BENCHMARK.match(text[mention.end():]):
                continue
            for q in quantities:
                unit = "%" if q.unit == "%" else None
                if q.end <= mention.start() and _VALUE_BEFORE.fullmatch(text[q.end:mention.start()]):
                    out.append((q.raw, q.value, unit, _setting_after(text, mention.end()), q.start))
                elif q.start >= mention.end():
                    after = _VALUE_AFTER.fullmatch(text[mention.end():q.start])
                    if after:
                        out.append((q.raw, q.value, unit, after.group(1), q.start))
    return out


def _informative(attribute: PlanAttribute) -> list[str]:
    return [w for w in words_of(attribute.name) if w not in _CATEGORY and len(w) >= 3]


_NAME_TERM = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[A-Z]{2,}[a-z]*"
                        r"(?:-[A-Za-z0-9]+)*)(?![\w-])")
_TITLE_PHRASE = re.compile(r"(?<![\w-])((?:[A-Z][a-z]+[\s-]){1,4}[A-Z][a-z]+)(?![\w-])")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_FUNCTION = STOPWORDS | frozenset("""we our this these those using use uses used each every then also both which
    whose via per its their it as additional further final other another same against without within among into
    onto from over under after before during through across about toward towards upon
    employ employs adopt adopts apply applies introduce introduces propose proposes incorporate incorporates include
    includes perform performs need needs reduce reduces enforce enforces compute computes sample samples combine
    combines follow follows show shows""".split())


_DENIED = re.compile(r"\b(?:without|not|no|instead of|rather than|unlike|neither|nor)\b", re.IGNORECASE)
_NOMINAL = re.compile(r"(?:ation|ment|ness|izer|iser|ity)s?$")


def _stem_in(word: str, stems: Sequence[str]) -> bool:
    lowered = word.lower()
    return any(s[:4] in lowered for s in stems if len(s) >= 4) or any(same_word(key(p), s) for p in
                                                                       lowered.split("-") for s in stems)


def text_values(text: str, attribute: PlanAttribute, acronyms: dict[str, str] | None = None) -> list[str]:
    """Terms of a sentence that name the asked kind of thing, for "normalization layer": names such as
    `RMSNorm` or `QK-Norm`, and noun phrases built on the attribute's word (`layer normalization`,
    `pre-normalization`); for "policy-optimization algorithm": `PPO`, `Group Relative Policy Optimization`.
    Inflected verbs (`normalized`, `optimizes`) and the attribute's bare word are not values."""
    stems = _informative(attribute)
    if not stems:
        return []
    category = [w for w in words_of(attribute.name) if w in _CATEGORY]
    words = [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    found: list[tuple[int, str]] = []
    for match in _NAME_TERM.finditer(text):
        term = match.group(1)
        if term.lower() in ("table", "figure") or len(term) < 2:
            continue
        position = next((i for i, w in enumerate(words) if w[1] <= match.start() < w[2]), 0)
        near = [w[0] for w in words[max(0, position - 2):position + 3]]
        expansion = (acronyms or {}).get(term, "")
        if _stem_in(term, stems) or (expansion and _stem_in(expansion, stems)) or (
                category and any(_stem_in(w, category) for w in near)):
            found.append((match.start(), term))
    for match in _TITLE_PHRASE.finditer(text):
        if _stem_in(match.group(1), stems) and match.group(1).split()[0].lower() not in _FUNCTION:
            found.append((match.start(), match.group(1)))
    def joinable(k: int, nxt: int) -> bool:
        word = words[k][0]
        return (word.islower() and word not in _FUNCTION and text[words[min(k, nxt)][2]:words[max(k, nxt)][1]].strip()
                == "" and ("-" in word or not re.search(r"(?:ed|ly|ing)$", word)))

    for i, (word, _, _) in enumerate(words):
        lowered = word.lower()
        if not word.islower() or not _stem_in(word, stems):
            continue
        if re.search(r"(?:ed|es|ing|izes?|ises?)$", lowered) and "-" not in lowered:
            continue
        first, last = i, i
        while first - 1 >= 0 and i - first < 2 and joinable(first - 1, first):
            first -= 1
        while last + 1 < len(words) and last - i < 2 and joinable(last + 1, last) and not _NOMINAL.search(lowered) \
                and not _stem_in(words[last + 1][0], [*stems, *category]):
            last += 1
        phrase = [w[0] for w in words[first:last + 1]]
        if len(phrase) == 1 and "-" not in word:
            continue
        found.append((words[first][1], " ".join(phrase)))
    found = [(at, term) for at, term in found
             if not _DENIED.search(re.split(r"[;:]|\bbut\b", text[max(0, at - 120):at])[-1])]
    found.sort()
    terms: list[str] = []
    for _, term in found:
        if not any(term.lower() in t.lower() for t in terms):
            terms = [t for t in terms if t.lower() not in term.lower()]
            terms.append(term)
    return terms


Ranked = dict[tuple[int, int], list[tuple[float, Evidence]]]


def _text_candidates(plan: Plan, library: Library, index: PassageIndex, vocab: Vocabulary
                     ) -> tuple[dict[tuple[int, int], list[Candidate]], Ranked]:
    values: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    ranked: dict[tuple[int, int], list[tuple[float, Evidence]]] = defaultdict(list)
    doc_of = {s.key: s.document.doc_id for s in library.sources if s.document is not None}
    key_of = {doc_id: k for k, doc_id in doc_of.items()}
    metric_names = [a.name for a in plan.attributes if a.kind is AttributeKind.METRIC]
    for j, attribute in enumerate(plan.attributes):
        contrast = _contrast(attribute, plan, vocab)
        weights = rarity(attribute, index, len(library.documents))
        attribute_query = any_of([*attribute.spellings[:1], *[w for w in attribute.name.split()
                                                             if fold(w) not in STOPWORDS]])
        if attribute.kind is AttributeKind.METRIC:
            attribute_query = " OR ".join(p for p in (phrase(s) for s in attribute.spellings) if p)
        for i, subject in enumerate(plan.subjects):
            homes = [doc_of[k] for k in subject.home_sources if k in doc_of]
            hits = index.search(attribute_query, limit=HOME_LIMIT, doc_ids=homes) if homes else []
            naming = " OR ".join(p for p in (phrase(s) for s in subject.spellings) if p)
            if naming and attribute_query:
                hits += index.search(f"({naming}) AND ({attribute_query})", limit=TEXT_LIMIT)
            seen: set[tuple[str, int]] = set()
            for hit in hits:
                passage = hit.passage
                if passage.kind is not PassageKind.TEXT or (passage.doc_id, passage.ordinal) in seen:
                    continue
                seen.add((passage.doc_id, passage.ordinal))
                source = key_of.get(passage.doc_id, passage.doc_id)
                home = source in subject.home_sources
                introduced = home and any(canonical(a) in {canonical(s) for s in subject.spellings}
                                          for a in vocab.about.get(source, ()))
                context: tuple[int, Sentence, _Scope] | None = None
                for position, sentence in enumerate(sentences(passage)):
                    scope = subject_scope(sentence.text, subject, vocab, home, metric_names, introduced)
                    if scope is not None and scope.named and (not scope.others or min(
                            s for s, _ in scope.others) > min(s for s, _ in scope.mentions or ((0, 0),))):
                        context = (position, sentence, scope)
                    elif scope is None:
                        context = None
                    if scope is None or not states_something(sentence.text):
                        continue
                    if not scope.named and context is not None and position - context[0] <= CONTEXT_SENTENCES:
                        # "We introduce Mixtral 8x7B … As a result, each token has access to 47B parameters":
                        # the sentence before names the subject, so the quote starts there.
                        named = context[2]
                        sentence = _joined(context[1], sentence)
                        scope = _Scope(True, named.entity, named.variant, named.member, (), ())
                    _collect(values[(i, j)], ranked[(i, j)], sentence, source, subject, attribute, scope, home,
                             contrast, hit.score, weights, vocab.acronyms)
    return values, ranked


CONTEXT_SENTENCES = 3


def _joined(first: Sentence, last: Sentence) -> Sentence:
    """One quote from the sentence naming the subject through the sentence stating the value."""
    passage = first.passage
    text = " ".join(passage.text[first.start - passage.start:last.end - passage.start].split())
    return Sentence(text, first.start, last.end, passage)


def _collect(values: list[Candidate], ranked: list[tuple[float, Evidence]], sentence: Sentence, source: str,
             subject: PlanSubject, attribute: PlanAttribute, scope: _Scope, home: bool, contrast: frozenset[str],
             bm25: float, weights: dict[str, float], acronyms: dict[str, str]) -> None:
    evidence = sentence.evidence(source)
    if attribute.kind is AttributeKind.QUANTITY:
        for raw, number, unit, position in quantity_values(sentence.text, attribute, contrast):
            if not scope.owns(position, sentence.text):
                continue
            values.append(Candidate(subject.name, attribute.name, scope.entity, scope.variant, raw, number,
                                    unit or None, evidence, False, home, scope.named, scope.member))
    elif attribute.kind is AttributeKind.METRIC:
        for raw, number, unit, setting, position in metric_values(sentence.text, attribute):
            if not scope.owns(position, sentence.text):
                continue
            variant = "; ".join(p for p in (scope.variant, setting) if p) or None
            values.append(Candidate(subject.name, attribute.name, scope.entity, variant, raw, number, unit, evidence,
                                    False, home, scope.named, scope.member))
    elif attribute.kind is AttributeKind.TEXT:
        score = mechanism_score(sentence.text, attribute, scope.named, home, weights, acronyms)
        terms = text_values(sentence.text, attribute, acronyms)
        if score > 0:
            ranked.append((score + min(bm25, 20.0) / 100.0, evidence))
        if terms and score > 0 and not claimparse.negated(sentence.text):
            values.append(Candidate(subject.name, attribute.name, scope.entity, scope.variant, ", ".join(terms), None,
                                    None, evidence, False, home, scope.named, scope.member,
                                    score=score + 0.5 * min(2, len(terms))))
    else:
        score = mechanism_score(sentence.text, attribute, scope.named, home, weights, acronyms)
        if score > 0:
            ranked.append((score + min(bm25, 20.0) / 100.0, evidence))


def mechanism_score(text: str, attribute: PlanAttribute, named: bool, home: bool,
                    weights: dict[str, float] | None = None, acronyms: dict[str, str] | None = None) -> float:
    """How directly a sentence states how the subject does the asked thing: the share of the asked
    words it uses (each weighted by how rare it is in the library, so "load" and "balance" count more
    than "experts" or "training"), whether it names the subject, and how-words (by, through,
    introduces) over result-words (Table, %, outperforms)."""
    asked = _informative(attribute) or list(words_of(attribute.name))
    if not asked:
        return 0.0
    have = [key(w) for w, _, _ in _tokens(text)]
    for acronym, expansion in (acronyms or {}).items():
        if acronym in text and re.search(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", text):
            have += [key(w) for w in _WORD_RE.findall(expansion) for w in w.split("-")]
    weight = {w: (weights or {}).get(w, 1.0) for w in asked}
    shared = [w for w in asked if _has(have, w) or (len(w) >= 4 and any(w in h for h in have))]
    coverage = sum(weight[w] for w in shared) / (sum(weight.values()) or 1.0)
    category = [w for w in words_of(attribute.name) if w in _CATEGORY]
    if not shared or coverage < (MIN_MECHANISM_COVERAGE if attribute.kind is AttributeKind.MECHANISM else MIN_COVERAGE):
        return 0.0
    if attribute.kind is AttributeKind.MECHANISM and any(w not in shared for w in asked if weight[w] >= DISTINCTIVE):
        return 0.0  # a mechanism sentence uses every distinctive word of the question ("load", "balance", "expert")
    if len(shared) < min(2, len(asked)) and not any(_has(have, c) for c in category):
        return 0.0
    score = 3.0 * coverage + (1.0 if named else 0.0) + (0.5 if home else 0.0)
    if len(shared) == len(asked) and all(_has(have, w) for w in category):
        score += 1.5  # every word of the attribute, its category too ("layer normalization")
    score += min(1.5, 0.5 * len(_HOW_CUES.findall(text)))
    score -= min(2.0, 1.0 * len(_RESULT_CUES.findall(text)))
    if len(text) < 50 or claimparse.hedged(text):
        score -= 1.0
    return round(score, 4)


def rarity(attribute: PlanAttribute, index: PassageIndex, documents: int) -> dict[str, float]:
    """How rare each asked word is in the library (log of documents over documents using it)."""
    if attribute.kind not in (AttributeKind.TEXT, AttributeKind.MECHANISM):
        return {}
    weights: dict[str, float] = {}
    for word in _WORD_RE.findall(attribute.name):
        for part in word.split("-"):
            stem = key(part)
            if stem in _informative(attribute) and stem not in weights:
                used = len(index.mentions([part])) or 1
                weights[stem] = math.log((documents + 1) / used)
    return weights


def _contrast(attribute: PlanAttribute, plan: Plan, vocab: Vocabulary) -> frozenset[str]:
    """Modifiers that make a count another count: those of the other asked attributes with the same
    noun, and those the library's own labels put before that noun (`Active Params` against total)."""
    if attribute.kind is not AttributeKind.QUANTITY:
        return frozenset()
    asked = words_of(attribute.name)
    mine = asked
    heads = {w for w in asked if w not in defaults(asked)}
    found: set[str] = set()
    for other in plan.attributes:
        if other is not attribute and other.kind is AttributeKind.QUANTITY:
            theirs = words_of(other.name)
            if any(same_word(a, b) for a in theirs for b in heads):
                found |= {w for w in theirs if not any(same_word(w, m) for m in mine)}
    for label in vocab.attribute_labels:
        words = words_of(re.sub(r"\([^)]*\)", " ", label))
        if len(words) >= 2 and any(same_word(a, b) for a in words for b in heads):
            found |= {w for w in words if not any(same_word(w, m) for m in mine) and w.isalpha() and len(w) >= 4}
    return frozenset(found)


def retrieve_asks(plan: Plan, library: Library, index: PassageIndex) -> tuple[AskEvidence, ...]:
    """Candidates for every (subject, attribute) of the plan, from every source of the library."""
    vocab = vocabulary(library)
    tables, near = _table_candidates(plan, vocab)
    texts, ranked = _text_candidates(plan, library, index, vocab)
    out = []
    for i, subject in enumerate(plan.subjects):
        for j, attribute in enumerate(plan.attributes):
            found = [*tables.get((i, j), []), *texts.get((i, j), [])]
            best: dict[tuple[str, int], tuple[float, Evidence]] = {}
            for score, evidence in ranked.get((i, j), []):
                slot = (evidence.doc_id, evidence.start)
                if slot not in best or best[slot][0] < score:
                    best[slot] = (score, evidence)
            ordered = sorted(best.values(), key=lambda item: (-item[0], item[1].source, item[1].start))
            out.append(AskEvidence(subject, attribute, tuple(found), tuple(ordered),
                                   tuple(sorted(near.get(i, set()))[:12])))
    return tuple(out)


def table_of(evidence: Evidence, library: Library) -> Table | None:
    """The table an evidence quote was read from (by its span)."""
    for document in library.documents:
        if document.doc_id == evidence.doc_id:
            for table in document.tables:
                if (table.start, table.end) == (evidence.start, evidence.end):
                    return table
    return None
