"""The plan: what a question asks, as typed data, before anything is retrieved.

A question is read as *subjects* (the models, methods or papers it is about, or a class of them
such as "the mixture-of-experts models in the library", resolved against the library) ×
*attributes* (what it asks of each: a benchmark score, a count such as total parameters or
training tokens, a short text such as the normalization layer, or how a mechanism works) and a
*relation* (look up, compare, rank, a trend against parameter count, how/why a method works).

Names are told apart by the library, not by a list of known names: a name the library's tables
put on their model axis (or that a source is about) is a subject, a name they put on their
benchmark axis is an attribute. Attribute phrases that are not names ("total and activated
parameter counts", "which normalization layer") are read from the question's English: the noun
phrase after "what are the … of", "which … do", "how many … were"; coordinated modifiers are
distributed ("total and activated parameter counts" → total parameter counts, activated
parameter counts). The question file can state or correct all of it (`subjects`, `columns`,
`relation`), and `synth plan` prints how a question was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.config import Column, Question
from synth.models import AttributeKind, Library, PassageKind, Plan, PlanAttribute, PlanSubject, Relation, Table
from synth.names import canonical, key, match_entity, match_property, words_of
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary, names_in, vocabulary

_SLOT = "\u27e8S\u27e9"
_DETERMINERS = re.compile(r"^(?:the|a|an|their|its|his|her|our|each|every|respective|of)\s+", re.IGNORECASE)
_VERB = r"(?:do|does|did|is|are|was|were|has|have|had|can)"
_ATTRIBUTE_PATTERNS = (
    # what are the total and activated parameters, and the MMLU scores, of A, B and C
    ("what", re.compile(r"\bwhat\s+(?:is|are|was|were)\s+(?P<np>[^?;]+?)\s+(?:of|for|in|used by|used in|behind)\s+"
                        r"(?=" + _SLOT + r"|the\s|these\s|those\s|each\s|all\s|every\s)", re.IGNORECASE)),
    # which normalization layer do A and B use
    ("which", re.compile(r"\bwhich\s+(?P<np>[^?,;]+?)\s+" + _VERB + r"\s", re.IGNORECASE)),
    # how many tokens were A and B pre-trained on; how many layers, what width … do A have
    ("how many", re.compile(r"\bhow\s+(?P<q>many|much)\s+(?P<np>[^?;]+?)(?=\s*,\s*(?:how|what|which)\b|"
                            r"\s+and\s+(?:how|what|which|on|with)\b|\s+" + _VERB + r"\b)(?=(?P<tail>[^?]*))",
                            re.IGNORECASE)),
    # what is the impact of model size and training data on A's score
    ("impact", re.compile(r"\b(?:impact|effect|influence|role|contribution)s?\s+of\s+(?P<np>[^?;]+?)\s+(?:on|in)\s",
                          re.IGNORECASE)),
    # what policy-optimization algorithm does A use
    ("what-use", re.compile(r"\bwhat\s+(?!is\b|are\b|was\b|were\b|does\b|do\b|did\b)(?P<np>[a-z][\w\- ]*?)\s+"
                            r"(?:do|does|did)\s+" + _SLOT, re.IGNORECASE)),
    # how many layers, what width, how many heads …
    ("what-list", re.compile(r"(?:^|,\s*|\band\s+)what\s+(?!is\b|are\b|was\b|were\b|does\b|do\b|did\b)"
                             r"(?P<np>[a-z][\w\-]*(?:(?:\s+|\s*,\s*)[a-z][\w\-]*){0,8}?)(?=\s*,\s*(?:how|what|which)\b|"
                             r"\s+and\s+(?:how|what|which)\b|\s+" + _VERB + r"\b)", re.IGNORECASE)),
    # on what hardware were A and B trained
    ("on what", re.compile(r"\b(?:on|with|using)\s+what\s+(?P<np>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)\s+"
                           r"(?:and|" + _VERB + r")\b", re.IGNORECASE)),
)
# "how do A and B <verb phrase>": a mechanism, unless the verb asks for values.
_HOW = re.compile(r"\bhow\s+(?:do|does|did|can|could|is|are|was|were)\s", re.IGNORECASE)
_WHY = re.compile(r"\bwhy\s+(?:do|does|did|is|are|was|were)\s", re.IGNORECASE)
_VALUE_VERBS = re.compile(r"^(?:compare|score|perform|fare|rank|stack|measure|do\b|differ|scale|grow|change|vary)",
                          re.IGNORECASE)
_COMPARE = re.compile(r"\b(compare[sd]?|comparison|versus|vs\.?|differ|difference|better|worse|higher|lower|"
                      r"more|fewer|less)\b", re.IGNORECASE)
_RANK = re.compile(r"\b(rank|ranking|best|highest|lowest|top|most|least|strongest|weakest)\b", re.IGNORECASE)
_TREND = re.compile(
    r"\b(scal(?:e|es|ing)\s+(?:with|across|up)|as\s+a\s+function\s+of|trends?|against\s+(?:the\s+)?(?:parameter|model|size)|"
    r"with\s+(?:increasing|growing|larger)|correlat\w*|relationship\s+between|(?:grow|increase|improve|change)s?\s+"
    r"with)\b",
    re.IGNORECASE,
)
_CLASS = re.compile(
    r"\b(?:the|all|each|every)\s+(?:of\s+the\s+)?(?P<cls>[\w\-. ]+?)\s+(?P<noun>models?|methods?|architectures?|"
    r"papers?|systems?|optimizers?|networks?|layers?)\s+(?:in|of|from)\s+(?:the|this|our)\s+library\b",
    re.IGNORECASE,
)
_FAMILY_WORDS = re.compile(r"\b(?:all\s+(?:the\s+)?)?(?P<fam>" + _SLOT + r")\s+(?:models|family|series|sizes)\b")
_QUANTITY_WORDS = re.compile(r"\b(how many|how much|number of|count|size|length|tokens?|parameters?|params|"
                             r"layers?|heads?|experts?|budget|cost|hours|dimension)\b", re.IGNORECASE)
_ON_NAME = re.compile(r"\b(?:on|in|at|for)\s+(?:the\s+)?$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"\b((?:pre-?|post-?)?(?:train|fine-tun|finetun|distill|evaluat))ed\b", re.IGNORECASE)
_QUESTION_WORDS = frozenset("""what which how many much why when where who whose is are was were do does did
    and or the of on in for to with by use used uses using their its they them compare score scores model models
    respectively both each library between across against versus""".split())


@dataclass(frozen=True)
class _Name:
    text: str
    start: int
    end: int


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
    if len(parts) < 2:
        return [phrase] if phrase else []
    last = parts[-1].split()
    if len(last) >= 2 and all(len(p.split()) == 1 for p in parts[:-1]):
        head = " ".join(last[1:])
        return [f"{p} {head}" for p in parts[:-1]] + [parts[-1]]
    return parts


_VARIANT_SUFFIX = re.compile(r"^\s*[–—-]\s*(Instruct|Chat|Base)\b|^\s+(Instruct|Chat|Base)\b")
_DISTRIBUTED = re.compile(r"^\s+((?:[a-z][\w\-.]*,\s+)*[a-z][\w\-.]*,?\s+and\s+[a-z][\w\-.]*)\s+(?:models?|variants?|"
                          r"sizes?|versions?)\b")


def _question_names(text: str, vocab: Vocabulary) -> list[tuple[_Name, str | None]]:
    """Names in the question with the role the library gives them (`entity`, `attribute`, or None
    when the library does not use the name). A variant written after a name belongs to it ("Mistral 7B
    – Instruct"); a family name before a list of sizes stands for each ("the Whisper tiny, base and
    large models" → Whisper tiny, Whisper base, Whisper large)."""
    out: list[tuple[_Name, str | None]] = []
    covered = 0
    for name, start, end in names_in(text):
        if start < covered:
            continue  # the "Instruct" of "Mixtral 8x7B – Instruct", already attached
        suffix = _VARIANT_SUFFIX.match(text[end:])
        if suffix:
            end += suffix.end()
            name = text[start:end]
        listed = _DISTRIBUTED.match(text[end:])
        if listed:
            words = [w for w in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed.group(1)) if w.strip()]
            for word in words:
                out.append((_Name(f"{name} {word.strip()}", start, end + listed.end()), "entity"))
            covered = end + listed.end()
            continue
        out.append((_Name(name, start, end), vocab.role(name)))
        covered = end
    return out


def _spans(names: list[_Name]) -> list[_Name]:
    """One name per span (a distributed list is one span of several names)."""
    unique: dict[tuple[int, int], _Name] = {}
    for name in names:
        unique.setdefault((name.start, name.end), name)
    return list(unique.values())


def _slotted(text: str, names: list[_Name]) -> str:
    out = text
    for name in sorted(names, key=lambda n: -n.start):
        out = out[:name.start] + _SLOT + out[name.end:]
    return out


def _quantity(name: str, vocab: Vocabulary, how_many: bool) -> bool:
    """A count or size (numbers in the library's property labels, or asked with "how many")."""
    if how_many:
        return True
    asked = words_of(name)
    for label in vocab.attribute_labels:
        if match_property(asked, _defaults(asked), label):
            return True
    return bool(_QUANTITY_WORDS.search(name))


_DEFAULT_MODIFIERS = frozenset({key("total"), key("overall")})


def _defaults(asked: frozenset[str]) -> frozenset[str]:
    """Modifiers an unqualified label is read with: "47B parameters" is the total parameter count."""
    return frozenset(w for w in asked if w in _DEFAULT_MODIFIERS)


def _attribute_phrases(slotted: str, names: list[str]) -> list[tuple[str, AttributeKind | None, str]]:
    """(phrase, kind if the wording fixes it, how it was read) from the question's English. A phrase
    holding a name ("the MMLU and HumanEval scores") is left to the names, which are read on their own."""
    found: list[tuple[str, AttributeKind | None, str]] = []
    folded_names = [fold(n) for n in names]
    for label, pattern in _ATTRIBUTE_PATTERNS:
        for match in pattern.finditer(slotted):
            text = match.group("np")
            kind: AttributeKind | None = None
            if label == "how many":
                kind = AttributeKind.QUANTITY
                tail = re.split(r"\band\s+(?:how|what|which|on|with)\b", match.group("tail"))[0]
                participle = _PARTICIPLE.search(tail)
                if participle and _SLOT in tail:
                    verb = re.sub(r"^(pre|post)-?", "", participle.group(1).lower())
                    text = f"{verb}ing {text}"
            elif label in ("which", "what-use", "on what"):
                kind = AttributeKind.TEXT
            for chunk in re.split(r"\s*,\s*(?:and\s+)?", text):
                chunk = _clean_phrase(re.sub(r"^(?:which|what|how\s+(?:many|much))\s+", "", chunk.strip(),
                                             flags=re.IGNORECASE))
                if not chunk or _SLOT in chunk or fold(chunk) in _QUESTION_WORDS:
                    continue
                if any(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", fold(chunk)) for n in folded_names):
                    continue
                for part in split_coordination(chunk):
                    part = _clean_phrase(re.sub(r"^(?:which|what)\s+", "", part, flags=re.IGNORECASE))
                    if part and fold(part) not in _QUESTION_WORDS:
                        found.append((part, kind, f'read from "{label} …"'))
    return found


_LIGHT_VERBS = re.compile(r"^(?:keep|keeps|make|makes|get|gets|achieve|achieves|ensure|ensures|handle|handles|"
                          r"manage|manages)\s+", re.IGNORECASE)


def _mechanism(slotted: str) -> str | None:
    """The verb phrase of "how does A <do something>" or "why does A …", when it is not a request
    for values ("how do A and B compare", "… score on MMLU"); the words after the last subject."""
    for pattern in (_HOW, _WHY):
        match = pattern.search(slotted)
        if not match:
            continue
        clause = slotted[match.start():].split("?")[0]
        clause = re.sub(r"^(how\s+\w+\s+)(?:it|they|these models|this model)\b", r"\1" + _SLOT, clause,
                        flags=re.IGNORECASE)
        if _SLOT not in clause or _TREND.search(clause) or re.search(
                r"\b(?:compare|score|perform\w*|fare|rank|change|scale|vary|grow|differ)\b", clause, re.IGNORECASE):
            continue
        phrase = clause.rsplit(_SLOT, 1)[1]
        phrase = " ".join(phrase.split()).strip(" ,;:")
        if not phrase or _VALUE_VERBS.match(phrase):
            continue
        phrase = re.sub(r"\b(?:their|its|his|her)\s+", "", _LIGHT_VERBS.sub("", phrase))
        return phrase or None
    return None


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


def _acronym(phrase: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", phrase) if w]
    return "".join(w[0].lower() if fold(w) in STOPWORDS else w[0].upper() for w in words)


def resolve_class(phrase: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """Members of "the <phrase> models in the library", as (name, why) pairs: the name a source is about
    when its title calls it a <phrase>, or a sentence of its opening pages does ("We present X, a
    strong <phrase> language model"); a family is narrowed to the members its own tables label
    with the phrase or its acronym (an `Architecture` row reading `MoE`)."""
    parts = [re.escape(w) for w in re.split(r"[\s\-]+", fold(phrase)) if w]
    wanted = r"(?<![a-z])" + r"[\s\-]*".join(parts) + r"s?(?![a-z])"
    acronym = _acronym(phrase)
    short = (r"|(?<![A-Za-z])" + re.escape(acronym) + r"s?(?![A-Za-z])") if len(acronym) >= 2 else ""
    members: dict[str, tuple[str, str]] = {}
    for source_key, names in vocab.about.items():
        title = vocab.titles.get(source_key, "")
        candidates = [n for n in names if not re.search(wanted, fold(n)) and fold(n) != fold(acronym)]
        for name in candidates:
            sized = _members_by_table(name, source_key, vocab, acronym, phrase)
            if sized:
                for member, why in sized:
                    members.setdefault(canonical(member), (member, why))
                continue
            why = None
            if re.search(wanted, fold(title)) and name == candidates[0]:
                why = f"the title of {source_key} calls it one"
            else:
                sentence = _calls_it(name, wanted, short, vocab, source_key)
                if sentence:
                    why = f"{source_key}: “{sentence}”"
            if why:
                members.setdefault(canonical(name), (name, why))
    named = [name for name, _ in members.values()]
    return [(name, why) for name, why in members.values()
            if not any(other != name and match_entity((name,), other) for other in named)]


def _calls_it(name: str, wanted: str, short: str, vocab: Vocabulary, key: str) -> str | None:
    """A sentence of the source's opening pages that says the name is one: "X, a … <class>", "X is a …
    <class>", "X uses a … <class>"."""
    document = vocab.library.source(key).document
    if document is None:
        return None
    pattern = re.compile(re.escape(name) + r"(?:,|\s+(?:is|are|was|uses|adopts|employs))?\s+(?:an?|the|with)\s+"
                         r"(?:[\w\-()]+\s+){0,10}?(?:" + wanted + short + r")", re.IGNORECASE)
    for passage in document.passages:
        if passage.kind is not PassageKind.TEXT or (passage.page or 1) > 2:
            continue
        text = " ".join(passage.text.split())
        found = pattern.search(text)
        if found:
            return text[found.start(): found.end() + 40].rsplit(" ", 1)[0] + " …"
    return None


def _members_by_table(name: str, key: str, vocab: Vocabulary, acronym: str, phrase: str) -> list[tuple[str, str]]:
    """For a family (`Qwen3`), the sized members its own source's tables give the class label to."""
    members: dict[str, tuple[str, str]] = {}
    for table in _tables_of(key, vocab):
        for row in table.rows:
            if not row or "architecture" not in fold(row[0]):
                continue
            for column, cell in enumerate(row[1:], start=1):
                if column < len(table.header) and fold(cell.strip()) in (fold(acronym), fold(phrase)):
                    found = match_entity((name,), table.header[column])
                    if found is not None:
                        member = found.member or name
                        members.setdefault(canonical(member), (member, f"{key}, {_table_name(table.caption)}: "
                                                                           f"Architecture {cell.strip()}"))
    return sorted(members.values())


def _tables_of(key: str, vocab: Vocabulary) -> tuple[Table, ...]:
    document = vocab.library.source(key).document
    return document.tables if document is not None else ()


def _table_name(caption: str) -> str:
    match = re.match(r"\s*(Table\s*[A-Z]?\d+)", caption)
    return match.group(1) if match else "a table"


def family_member(label: str) -> str:
    """`Qwen3-235B-A22B Base` → `Qwen3-235B-A22B`: the label up to its sizes."""
    match = re.match(r"^(.*?\d+(?:\.\d+)?\s*[BM](?:[-_ ]?A\d+(?:\.\d+)?B)?)(?![A-Za-z0-9])", label)
    return match.group(1).strip() if match else label.strip()


def is_family(spellings: tuple[str, ...], vocab: Vocabulary) -> bool:
    """A name the library's tables use only with a size after it (`Qwen3` → `Qwen3-8B`, `Qwen3-32B`)."""
    matches = vocab.entity_matches(spellings)
    return bool(matches) and all(m.member for m in matches)


def _from_columns(columns: list[Column], vocab: Vocabulary) -> list[PlanAttribute]:
    out = []
    for column in columns:
        kind = AttributeKind(column.kind) if column.kind else None
        if kind is None:
            role = vocab.role(column.name)
            if role == "attribute":
                kind = AttributeKind.METRIC
            else:
                kind = AttributeKind.QUANTITY if _quantity(column.name, vocab, False) else AttributeKind.TEXT
        out.append(PlanAttribute(column.name, kind, tuple(dict.fromkeys([column.name, *column.aliases])),
                                 "the question's columns", column.unit, column.variant, column.instructions))
    return out


def make_plan(question: Question, library: Library) -> Plan:
    """Read a question into subjects × attributes and a relation, using the library's vocabulary."""
    vocab = vocabulary(library)
    text = " ".join(question.question.split())
    named = _question_names(text, vocab)
    known = [n for n, role in named if role == "entity"]
    slotted = _slotted(text, _spans(known))
    phrases = _attribute_phrases(slotted, [n.text for n, role in named if role is not None])
    in_phrases = " ".join(fold(p) for p, _, _ in phrases)
    subject_names: list[_Name] = list(known)
    attribute_names: list[_Name] = [n for n, role in named if role == "attribute"]
    for name, role in named:
        if role is not None or re.search(r"(?<![\w-])" + re.escape(fold(name.text)) + r"(?![\w-])", in_phrases):
            continue
        after_on = _ON_NAME.search(text[max(0, name.start - 12):name.start])
        (attribute_names if after_on and subject_names else subject_names).append(name)
    subject_names.sort(key=lambda n: n.start)
    slotted = _slotted(text, _spans(subject_names))
    notes: list[str] = []

    subjects: list[PlanSubject] = []
    if question.subjects:
        for item in question.subjects:
            spellings = tuple(dict.fromkeys([item.name, *item.aliases]))
            subjects.append(PlanSubject(item.name, spellings, "the question's subjects",
                                        tuple(vocab.home_sources(spellings))))
    else:
        seen: set[str] = set()
        for name in subject_names:
            if canonical(name.text) in seen:
                continue
            seen.add(canonical(name.text))
            spellings = tuple(dict.fromkeys([name.text, *question.aliases.get(name.text, [])]))
            subjects.append(PlanSubject(name.text, spellings, "named in the question",
                                        tuple(vocab.home_sources(spellings))))
        for match in _CLASS.finditer(text):
            phrase = _clean_phrase(re.split(r"\s(?:the|of)\s", " " + match.group("cls"))[-1])
            members = resolve_class(phrase, vocab)
            if not members:
                notes.append(f"No source in the library calls anything a {phrase} {match.group('noun')}.")
            for name, why in members:
                if canonical(name) in seen:
                    continue
                seen.add(canonical(name))
                subjects.append(PlanSubject(name, (name,), f"one of the {phrase} {match.group('noun')}: {why}",
                                            tuple(vocab.home_sources((name,)))))
    families = [s.name for s in subjects if is_family(s.spellings, vocab)]
    if families:
        notes.append(f"{', '.join(families)}: a family name; every sized member the library reports is shown apart.")
    mechanism = _mechanism(slotted) if not question.columns else None
    attributes: list[PlanAttribute] = []
    if question.columns:
        attributes = _from_columns(question.columns, vocab)
    else:
        for phrase, kind, how in _attribute_phrases(slotted, [n.text for n, role in named if role is not None]):
            if kind is None:
                kind = AttributeKind.QUANTITY if _quantity(phrase, vocab, False) else AttributeKind.TEXT
            attributes.append(PlanAttribute(phrase, kind, _property_spellings(phrase, vocab), how))
        for name in attribute_names:
            spellings = tuple(dict.fromkeys([name.text, *question.aliases.get(name.text, [])]))
            attributes.append(PlanAttribute(name.text, AttributeKind.METRIC, spellings,
                                            "a benchmark the library's tables report" if vocab.role(name.text)
                                            else "named after “on”"))
        if mechanism:
            attributes.append(PlanAttribute(mechanism, AttributeKind.MECHANISM, (mechanism,), 'read from "how/why …"'))
    unique: dict[str, PlanAttribute] = {}
    for attribute in attributes:
        unique.setdefault(canonical(attribute.name), attribute)
    relation, trend_by = _relation(text, question, len(subjects), bool(mechanism and not question.columns
                                                                      and any(a.kind is AttributeKind.MECHANISM
                                                                              for a in unique.values())))
    classes = [_Name(m.group(0), m.start(), m.end()) for m in _CLASS.finditer(text)]
    leftover = _unread(text, [*subject_names, *classes], attribute_names, list(unique.values()), relation)
    if leftover:
        notes.append("Words not read into the plan: " + ", ".join(leftover) + ".")
    if not subjects:
        notes.append("No subject was read: name the models or methods in `subjects:`.")
    if not unique:
        notes.append("No attribute was read: name what is asked of each subject in `columns:`.")
    return Plan(tuple(subjects), tuple(unique.values()), relation, trend_by, tuple(notes))


def _property_spellings(phrase: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The phrase and the library's labels for it (`total parameter counts` → `# Total Params`)."""
    asked = words_of(phrase)
    labels = sorted({label for label in vocab.attribute_labels
                     if match_property(asked, _defaults(asked), label)}, key=lambda s: (len(s), s))
    return tuple(dict.fromkeys([phrase, *labels[:6]]))


def _unread(text: str, subjects: list[_Name], attributes: list[_Name], asked: list[PlanAttribute],
            relation: Relation) -> list[str]:
    covered = " ".join([*(n.text for n in subjects), *(n.text for n in attributes), *(a.name for a in asked)])
    have = words_of(covered)
    rest = _slotted(text, [*subjects, *attributes])
    out = []
    for word in re.findall(r"[A-Za-z][A-Za-z\-]+", rest):
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


def describe(plan: Plan) -> str:
    """How a question was read, as plain lines for `synth plan`."""
    lines = [f"relation: {plan.relation.value}" + (f" (against {plan.trend_by})" if plan.trend_by else "")]
    lines.append(f"subjects ({len(plan.subjects)}):")
    for subject in plan.subjects:
        spelled = f" [also: {', '.join(subject.spellings[1:])}]" if len(subject.spellings) > 1 else ""
        homes = ", ".join(subject.home_sources) or "none"
        lines.append(f"  - {subject.name}{spelled} — {subject.origin}; sources about it: {homes}")
    lines.append(f"attributes ({len(plan.attributes)}):")
    for attribute in plan.attributes:
        extra = [f"unit {attribute.unit}"] if attribute.unit else []
        extra += [f"variant {attribute.variant}"] if attribute.variant else []
        labels = f"; library labels: {', '.join(attribute.spellings[1:])}" if len(attribute.spellings) > 1 else ""
        lines.append(f"  - {attribute.name} ({attribute.kind.value}{', ' + ', '.join(extra) if extra else ''}) — "
                     f"{attribute.origin}{labels}")
    lines.append(f"cells asked: {len(plan.subjects)} × {len(plan.attributes)} = "
                 f"{len(plan.subjects) * len(plan.attributes)}")
    for note in plan.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"
