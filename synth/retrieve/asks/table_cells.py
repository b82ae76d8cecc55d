"""Table cells that state (subject, attribute): the entity label names the subject (its variant spelled
by the rest of the label or by the caption), the attribute label is the asked benchmark in some setting
or the asked property."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from synth import claimparse
from synth.index import PassageIndex, cells_of
from synth.labelcodes import abbreviated_property
from synth.models import AttributeKind, Document, Evidence, PassageKind, Plan, PlanAttribute, PlanSubject
from synth.models.library import DocumentHandle
from synth.names import (
    LabelMatch,
    NameMatch,
    canonical,
    default_modifiers,
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
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.symbols import attribute_symbols, label_symbol
from synth.tableheads import run_in_prefix
from synth.tables import TableRecord, parse_cell
from synth.text import fold
from synth.vocabulary import Vocabulary

# --- tables ----------------------------------------------------------------------------------


def caption_entity_variant(caption: str, entity: str) -> str | None:
    """The variant a caption gives an entity: "Qwen3-235B-A22B (Thinking)", "Qwen3-30B-A3B / Qwen3-14B
    (Non-thinking)", "Kimi k1.5 long-CoT and …"."""
    folded = fold(caption)
    found = name_regex(entity).search(folded)
    if not found:
        return None
    after = caption[found.end():] if len(folded) == len(caption) else folded[found.end():]
    tail = re.match(r"^(?:\s*/\s*[\w.\-]+)*\s*\(([^)]*)\)", after) or re.match(r"^\s+([\w\-]+)", after)
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
               if c < len(header) and re.search(r"shots?|setting|metric|\bmodes?\b", header[c], re.IGNORECASE)
               and cell.strip()]
    column = header[record.column] if record.column < len(header) else ""
    if row[0].strip() == record.entity:
        column = record.attribute  # the label the record was read under (a merged table's second header)
    elif not column.strip() and record.attribute != row[0].strip():
        # QuIP's Table 1: the row is a value of a variable ("2" under "WBits"), the method the label above the column
        return " | ".join([record.entity, record.attribute, *([record.setting] if record.setting else []), record.raw])
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
        bare = _LABEL_SCALE.sub("", label).strip() or label  # "params ×106" is a params label in millions
        found = match_property(asked, default_modifiers(asked), bare) or abbreviated_property(attribute.name, bare) \
            or _top_k(attribute.name, bare)
        return LabelMatch(label, found.setting, found.abbreviated) if found else None
    return None


_TOP_K = re.compile(r"^top[_\-]?k[_\-](?P<rest>\w+)$", re.IGNORECASE)
_SELECTED = re.compile(r"\b(?:activated|active|selected|routed|chosen)\b|\bper\s+token\b", re.IGNORECASE)


def _top_k(asked_name: str, label: str) -> LabelMatch | None:
    """`top_k_experts` is the number of experts each token is routed to: the asked "activated experts per token"
    (or "experts per token", "selected experts") when the rest of the label is the asked noun; never the experts
    of a layer, which the question asks without an activation word."""
    found = _TOP_K.match(label.strip())
    if not found or not _SELECTED.search(asked_name):
        return None
    noun = " ".join(_SELECTED.sub(" ", asked_name).split())
    return abbreviated_property(noun, found.group("rest")) if noun else None


def _home_label(subject: PlanSubject, label: str, vocab: Vocabulary) -> NameMatch | None:
    """In a source about the subject, a row label without the family name: "Tiny" in the Whisper
    paper's architecture table is Whisper tiny, "Base" is Whisper base; never a label naming a model of its own, nor
    one without a count or size the dropped words open with ("Switch-Base" is no "64-expert Switch-Base": the Switch
    paper's distillation teacher gave its quality to the 64-expert model, issue 9, fresh9).
    A sized name of several words is shortened to its first word and its size: "DIFF-3B" in the DIFF Transformer
    paper is DIFF Transformer-3B; an unsized one to its first word when that is an acronym ("DIFF")."""
    for spelling in subject.spellings:
        words = spelling.split()
        for k in range(1, len(words)):
            if any(word[0].isdigit() for word in words[:k]):
                break  # "64-expert Switch-Base": a count the label does not write is a member it does not name
            if canonical(" ".join(words[k:])) == canonical(label) and not _own_model(label, vocab):
                return NameMatch(label, None)
        sized = _SIZED_LAST.search(spelling)
        if len(words) > 1 and sized and canonical(f"{words[0]}-{sized.group(1)}") == canonical(label):
            return NameMatch(label, None)
        if len(words) > 1 and sized and _same_size(sized.group(1), label):
            return NameMatch(label, None)  # "1.0B Models", a column of the nGPT paper's Table 2, is nGPT 1B
        if len(words) > 1 and not sized and words[0].isupper() and len(words[0]) > 2 \
                and canonical(words[0]) == canonical(label) and not _own_model(label, vocab):
            return NameMatch(label, None)  # "DIFF" rows of the DIFF Transformer paper's Table 7
    return None


# "DIFF Transformer-3B": the size written last, after a hyphen or a space
_SIZED_LAST = re.compile(r"[\s-](\d+(?:\.\d+)?[KMBT])$")
# A label that is a size alone, with the kind it sizes: "1.0B Models", "830M", "7B model"
_SIZE_ONLY = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMBT])(?:\s+models?)?$", re.IGNORECASE)


def _same_size(size: str, label: str) -> bool:
    """Whether a label is the size alone, written at any precision ("1.0B Models" is 1B)."""
    found, wanted = _SIZE_ONLY.match(label.strip()), _SIZE_ONLY.match(size)
    return bool(found and wanted) and found.group(2).upper() == wanted.group(2).upper() \
        and float(found.group(1)) == float(wanted.group(1))


def _run_in_member(subject: PlanSubject, record: TableRecord) -> NameMatch | None:
    """"FFNReGLU" in the paper about ReGLU: the subject's name after the prefix its table's rows share."""
    prefix = run_in_prefix(record.table, record.entity)
    found = match_entity(subject.spellings, record.entity[len(prefix):]) if prefix else None
    return NameMatch(record.entity, found.variant, found.member) if found is not None else None


def _own_model(label: str, vocab: Vocabulary) -> bool:
    """"Transformer-3B" in the DIFF Transformer paper is its baseline, not DIFF Transformer-3B without "DIFF": a
    label whose family is what some source is about names that model (the Transformer), not the subject."""
    head = family(label)
    return any((found := match_entity((head,), about)) is not None and found.member is None
               for names in vocab.about.values() for about in names)


def _value_column(subject: PlanSubject, record: TableRecord, vocab: Vocabulary, source: str) -> NameMatch | None:
    """A table whose one data column is headed "Value" ("Parameter | Value": dim 4096, n_layers 32) gives
    the values of the model its source is about, when that model is the subject (its name or family); of the model
    its caption names when that is the subject itself ("Hyperparameters changed for Whisper Large V2", not Whisper
    large's); of the sized model its caption names when it names one ("… for the DIFF Transformer-3B model"), never
    another size's."""
    if not _headed_value(record) or len(record.table.header) != 2:
        return None
    about = vocab.about.get(source, ())
    if not about:
        return None
    named = claimparse.entities(record.table.caption)
    if any((m := match_entity(subject.spellings, name)) is not None and m.variant is None and m.member is None
           and not size_of(name) for name in named):
        return NameMatch(record.entity, None)
    captioned = [name for name in named if size_of(name)]
    if captioned:  # "Table 9: Hyperparameters used for the DIFF Transformer-3B model": that model's values only
        found = next((m for name in captioned if (m := match_entity(subject.spellings, name)) is not None), None)
        return NameMatch(record.entity, None, found.member) if found else None
    main = about[0]
    if match_entity(subject.spellings, main) or canonical(family(subject.name)) == canonical(main):
        return NameMatch(record.entity, None)
    return None


def _others_fine_tune(match: NameMatch, source: str, subject: PlanSubject) -> bool:
    """An SFT label in a source not about the subject ("LLaMA2 SFT 7B" in the DeepSeekMoE paper) is that
    paper's own fine-tune of the model, not a release of it: its scores are another model's."""
    return "SFT" in (match.variant or "").split() and source not in subject.home_sources


def _printed_name(record: TableRecord, subject: PlanSubject) -> str:
    """The name a cell is given as: its row or column label; for a "Parameter | Value" table of a source
    about the subject, the subject (the header "Value" names no model)."""
    return subject.name if _headed_value(record) else record.entity


def _headed_value(record: TableRecord) -> bool:
    """A cell under the column header "Value(s)", which names no model."""
    return canonical(record.entity) in ("value", "values")


_COUNTING = frozenset({"num", "number", "no", "of", "total", "n"})
# Nouns of counted things: their modifier says which things are counted ("reasoning data", "code tokens"), so a label
# that is the modifier alone ("Reasoning", a score's column) is not the count.
_COUNTED = frozenset(key(w) for w in "data samples examples instances tokens documents prompts pairs queries".split())


def _bare_words(name: str) -> frozenset[str]:
    """The words of an asked attribute a one-word label may be: its head noun ("Heads" for attention heads), or the
    modifier of a two-word name whose head is a measure ("Test" for test error), never a word of what a share or
    count is taken of ("NaturalQuestions" is not the share of natural language) or of a counted noun's modifier; none
    for a counted noun with two modifiers or more ("Heads" is still the query attention heads)."""
    phrases = re.split(r"\s+(?:of|per|for|in|on|at)\s+", name.lower())
    phrase = next((p for p in phrases if words_of(p)), "")  # "number of layers": the counted noun
    words = [w for w in (key(t) for t in re.findall(r"[a-z][a-z0-9]*", phrase)) if w in words_of(phrase)]
    if not words or (len(words) > 2 and words[-1] in _COUNTED):
        return frozenset()  # "natural-language corpus tokens": the bare "Tokens" drops what says which tokens
    if len(words) == 2 and words[-1] not in _COUNTED:
        return frozenset(words)
    return frozenset({words[-1]})


def _bare_head(attribute: PlanAttribute, record: TableRecord) -> LabelMatch | None:
    """A label that is the attribute's noun alone ("Heads" for attention heads), when no other label of
    the same table uses that noun with another modifier."""
    if attribute.kind is not AttributeKind.QUANTITY:
        return None
    asked = _bare_words(attribute.name)
    label_words = words_of(re.sub(r"\([^)]*\)", " ", record.attribute))
    if len(label_words) != 1 or not asked:
        return None
    [head] = label_words
    if not head.isalpha() or not any(same_word(head, w) for w in asked):
        return None  # "Test14" (newstest2014) names a test set, not the "test error" asked
    printed = re.sub(r"\([^)]*\)", " ", record.attribute).strip()
    if len(printed) > 2 and printed.isupper():
        return None  # "DROP" is a benchmark's name, not the "accuracy drop" asked
    if len([w for w in re.findall(r"[A-Za-z]+", printed) if w.lower() not in _COUNTING]) > 1:
        return None  # "Model Size" is no bare "Size": its other word names what is sized (not the batch)
    table = record.table
    labels = [*table.header, *(row[0] for row in table.rows if row)]
    others = [lbl for lbl in labels if lbl != record.attribute and any(same_word(head, w) for w in words_of(lbl))]
    return None if others else LabelMatch(record.attribute, None)


def _labelled_by_first_column(attribute: PlanAttribute, record: TableRecord) -> TableRecord | None:
    """"Parameters | Layers | dmodel" over "1542M | 48 | 1600" (GPT-2's Table 2): the row labels are the asked count
    when the first column's header names it; read once per row, at its first cell."""
    header = record.table.header
    if attribute.kind is not AttributeKind.QUANTITY or record.column != 1 or not header or record.entity != \
            record.table.rows[record.row][0].strip():
        return None
    if not header[0].strip() or _label_match(attribute, header[0].strip()) is None:
        return None
    parsed = parse_cell(record.entity)
    if parsed is None:
        return None
    return replace(record, attribute=header[0].strip(), value=parsed[0], raw=record.entity, column=0, unit=parsed[1])


_OVERALL = re.compile(r"^(?:score\s+)?(?:overall|average|avg\.?|mean|total)(?:\s+score)?\b[\s↑↓()]*$", re.IGNORECASE)


def _captioned_overall(attribute: PlanAttribute, record: TableRecord) -> LabelMatch | None:
    """"Table 4: … text-to-image generation ability on GenEval benchmark" over "Single Obj. … Overall↑": the column
    "Overall" is the GenEval score the caption names, when no column of the table is labelled with the metric."""
    if attribute.kind is not AttributeKind.METRIC or not _OVERALL.match(record.attribute.strip()):
        return None
    caption = fold(record.table.caption or "")
    named = any(re.search(rf"(?<![\w-]){re.escape(fold(s))}(?![\w-])", caption) for s in attribute.spellings)
    labelled = any(_label_match(attribute, label) for label in record.table.header[1:])
    return LabelMatch(record.attribute, None) if named and not labelled else None


def _symbol_label(attribute: PlanAttribute, j: int, record: TableRecord, source: str,
                  documents: dict[str, Document | DocumentHandle],
                  cache: dict[tuple[int, str], frozenset[str]], index: PassageIndex) -> LabelMatch | None:
    """A label written as a symbol its own source defines as the asked attribute: "h" where the paper says
    "h = 8 parallel attention layers, or heads", "Pdrop" where it says "dropout rate Pdrop = 0.1"."""
    if attribute.kind is not AttributeKind.QUANTITY or source not in documents or len(record.attribute) > 12:
        return None
    if (j, source) not in cache:
        cache[(j, source)] = attribute_symbols(attribute, index.symbol_definitions(documents[source].doc_id))
    if label_symbol(record.attribute) in cache[(j, source)]:
        return LabelMatch(record.attribute, None, abbreviated=True)
    return None


_MARKS = re.compile(r"[\s↑↓()*†‡]+")


def _shortened_label(attribute: PlanAttribute, record: TableRecord, documents: dict[str, Document | DocumentHandle],
                     source: str, cache: dict[tuple[str, str], bool], index: PassageIndex) -> LabelMatch | None:
    """A benchmark's label cut short by its own source's tables: "Wiki↓" for WikiText2 in QuIP's tables, when the
    source writes the asked name in full ("We evaluate on … WikiText2 [17]") and the label is its first four letters
    or more, cut inside a word. Only in that source: another paper's "Wiki" is its own dataset; "MathQA" beside the
    asked "MathQA-Pro" is another benchmark."""
    if attribute.kind is not AttributeKind.METRIC or source not in documents:
        return None
    label = _MARKS.sub("", record.attribute)
    spelling = next((s for s in attribute.spellings if len(label) >= 4 and len(label) < len(s)
                     and fold(s).startswith(fold(label)) and label[:1].isalpha() and s[len(label)].isalnum()), None)
    if spelling is None or any(fold(spelling) in fold(h) for h in record.table.header):
        return None  # "MathQA" is not "MathQA-Pro": the name goes on past a separator, or the table heads it too
    if (spelling, source) not in cache:
        cache[(spelling, source)] = bool(index.mentions([spelling], [documents[source].doc_id]))
    return LabelMatch(record.attribute, None, abbreviated=True) if cache[(spelling, source)] else None


def _grouped_label(attribute: PlanAttribute, record: TableRecord) -> LabelMatch | None:
    """"Critical Batch Size Start" and "Critical Batch Size Average": columns under one spanning header that the
    PDF reader joined to their own; the shared words are the asked label, the column's own words its setting."""
    if attribute.kind is not AttributeKind.QUANTITY:
        return None
    words = record.attribute.split()
    for cut in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:cut])
        if sum(1 for label in record.table.header if label.strip().startswith(f"{prefix} ")) < 2:
            continue
        found = _label_match(attribute, prefix)
        return LabelMatch(record.attribute, " ".join(words[cut:]), found.abbreviated) if found else None
    return None


_LABEL_SCALE = re.compile(r"(?:[×x]\s*10\^?\s*(?P<power>[369]|12)|\((?P<letter>[KMBT])\)|"
                          r"\(in\s+(?P<word>thousands|millions|billions|trillions)\))\s*$", re.IGNORECASE)
_POWER_UNIT = {"3": "K", "6": "M", "9": "B", "12": "T"}
_WORD_UNIT = {"thousands": "K", "millions": "M", "billions": "B", "trillions": "T"}


def _unit_of(record: TableRecord) -> str | None:
    """The cell's own unit, else the scale its label prints: "params ×106" holds millions ("65" is 65M),
    "Params (B)" billions."""
    if record.unit:
        return record.unit
    scale = _LABEL_SCALE.search(record.attribute)
    if not scale:
        return None
    if scale.group("power"):
        return _POWER_UNIT[scale.group("power")]
    if scale.group("letter"):
        return scale.group("letter").upper()
    return _WORD_UNIT[scale.group("word").lower()]


def _captioned_size(subject: PlanSubject, record: TableRecord) -> NameMatch | None:
    """"Mamba-2" in a table of "8B-parameter models": the row is the sized model the caption gives the size of."""
    size = size_of(subject.name)
    if size is None:
        return None
    bare = subject.name.replace(size, "").strip(" -_")
    if not bare or canonical(record.entity) != canonical(bare):
        return None
    sized = re.search(rf"(?<![\w.]){re.escape(size)}[\s\-]*(?:parameters?|params?|models?|scale)\b",
                      record.table.caption, re.IGNORECASE)
    return NameMatch(record.entity, None) if sized else None


def _asks_adjusted(plan: Plan, adjustment: str) -> bool:
    """The question asks the measure with the table's adjustment ("the adjusted compression rate" read as an attribute
    of its own, or as another's variant or instructions)."""
    said = " ".join(w for a in plan.attributes for w in (a.name, *a.spellings, a.variant or "", a.instructions or ""))
    return re.search(rf"\b{re.escape(adjustment)}\b", said, re.IGNORECASE) is not None


def table_candidates(plan: Plan, vocab: Vocabulary) -> tuple[dict[tuple[int, int], list[Candidate]],
                                                               dict[int, set[str]]]:
    found: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    near: dict[int, set[str]] = defaultdict(set)
    asked = [(j, a) for j, a in enumerate(plan.attributes)
             if a.kind in (AttributeKind.METRIC, AttributeKind.QUANTITY)]
    if not asked:
        return found, near
    entity_cache: dict[tuple[int, str], NameMatch | None] = {}
    documents = {s.key: s.document for s in vocab.library.sources if s.document is not None}
    index = cells_of(vocab.library)
    symbol_cache: dict[tuple[int, str], frozenset[str]] = {}
    label_cache: dict[tuple[int, str], LabelMatch | None] = {}
    mention_cache: dict[tuple[str, str], bool] = {}
    families = [canonical(family(s.name)) for s in plan.subjects]
    # Only tables that can hold a subject: a label naming it, one of its family, or a home source's.
    for item in vocab.records_for([s for subject in plan.subjects for s in subject.spellings], families,
                                  {home for subject in plan.subjects for home in subject.home_sources}):
        record = item.record
        for i, subject in enumerate(plan.subjects):
            if (i, record.entity) not in entity_cache:
                entity_cache[(i, record.entity)] = match_entity(subject.spellings, record.entity)
            match = entity_cache[(i, record.entity)]
            if match is None and item.source in subject.home_sources:
                match = _home_label(subject, record.entity, vocab) \
                    or _value_column(subject, record, vocab, item.source) or _run_in_member(subject, record)
            if match is None:
                match = _captioned_size(subject, record)
            if match is not None and _others_fine_tune(match, item.source, subject):
                near[i].add(record.entity)
                continue
            if match is None:
                rest = canonical(record.entity)[len(families[i]):]
                if canonical(record.entity).startswith(families[i]) and not re.fullmatch(r"[\d.\-]*", rest):
                    near[i].add(record.entity)
                continue
            for j, attribute in asked:
                labelled = _labelled_by_first_column(attribute, record)
                if labelled is not None:
                    found[(i, j)].append(Candidate(
                        subject.name, attribute.name, _printed_name(record, subject), None, labelled.raw,
                        labelled.value, labelled.unit, _table_evidence(item.source, labelled), True,
                        item.source in subject.home_sources, True, match.member, record.table.low_confidence))
                if (j, record.attribute) not in label_cache:
                    label_cache[(j, record.attribute)] = _label_match(attribute, record.attribute)
                label = label_cache[(j, record.attribute)] or _bare_head(attribute, record) \
                    or _captioned_overall(attribute, record) \
                    or _grouped_label(attribute, record) \
                    or _symbol_label(attribute, j, record, item.source, documents, symbol_cache, index) \
                    or _shortened_label(attribute, record, documents, item.source, mention_cache, index)
                if label is None or (record.adjusted and not _asks_adjusted(plan, record.adjusted)):
                    continue  # "Adjusted Compression Rate" beside the raw one: another measure than the one asked
                variant = _variant(match, label, record)
                unit = _unit_of(record)
                shown = record.raw if unit == record.unit else f"{record.raw}{unit}"  # "65" under "params ×106"
                found[(i, j)].append(Candidate(
                    subject.name, attribute.name, _printed_name(record, subject), variant, shown, record.value, unit,
                    _table_evidence(item.source, record), True, item.source in subject.home_sources, True,
                    match.member, record.table.low_confidence, label.abbreviated,
                ))
    return found, near

