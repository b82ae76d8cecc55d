"""Claim extraction: check-worthy, complete sentences about the question, one per statement.

A claim is a whole sentence from an included source (never cut), that states a figure, a
comparison or a finding, and that mentions the question's focus terms. Table cells about a focus
term become claims too ("Qwen2.5-7B (instruction-tuned) scores 28.7 on LiveCodeBench."), since
the answer to a quantitative question usually sits in a table. Near-duplicates across sources
are merged, keeping the first source and listing the others.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from synth import claimparse
from synth.config import Question
from synth.index import PassageIndex, any_of
from synth.models import Answer, AttributeKind, Claim, Library, PassageKind, Plan, PlanAttribute
from synth.names import default_modifiers, key, name_regex, same_word, words_of
from synth.retrieve import FocusTerm, Screening
from synth.retrieve.asks import mechanism_score, subject_scope
from synth.retrieve.asks.roles import RoleScope, described, owned
from synth.retrieve.samples import in_samples, sample_spans
from synth.retrieve.sentences import sentences, states_something
from synth.tables import records
from synth.text import STOPWORDS, collapse, fold, sentence_spans
from synth.vocabulary import vocabulary

MIN_LENGTH = 40
MAX_LENGTH = 400
DUPLICATE_SIMILARITY = 90
_FINDING = re.compile(
    r"\b(outperform\w*|surpass\w*|achiev\w*|scor\w*|reach\w*|improv\w*|increas\w*|decreas\w*|higher|lower|"
    r"better|worse|exceed\w*|competitive|state-of-the-art|best|strongest|leads?|rises?|falls?|grows?|"
    r"scal\w*|trained|train\w* on|uses?|adopt\w*|introduc\w*|consist\w* of|comprises?|includ\w*|"
    r"contains?|shows?|demonstrat\w*|report\w*|release\w*|suggest\w*|find|found|correlat\w*)\b",
    re.IGNORECASE,
)
# A sentence opening on a pronoun or a back-reference means nothing once lifted out of its paragraph.
_NEEDS_CONTEXT = re.compile(
    r"^(it|its|they|their|this|these|those|that|he|she|such|here|there|the latter|the former)\b", re.IGNORECASE
)
_LOWER_WORD = re.compile(r"(?<![\w.-])[a-z]{3,}(?![\w-])")
_NOT_A_SENTENCE = re.compile(r"^(table|figure|fig\.|algorithm|equation)\s*\d", re.IGNORECASE)


def is_complete_sentence(text: str) -> bool:
    """A sentence a reader can take on its own: capitalised, ended, balanced, not a caption."""
    if not MIN_LENGTH <= len(text) <= MAX_LENGTH:
        return False
    if not (text[0].isupper() or text[0].isdigit()) or text[-1] not in ".!?":
        return False
    if _NOT_A_SENTENCE.match(text) or _NEEDS_CONTEXT.match(text) or "|" in text or "http" in text:
        return False
    if not any(word not in STOPWORDS for word in _LOWER_WORD.findall(text)):
        return False  # a list of names and numbers ("A 42.6, B 51.2 and C 55.5.") states nothing
    return all(text.count(a) == text.count(b) for a, b in ("()", "[]", "{}"))


def is_check_worthy(text: str) -> bool:
    parsed = claimparse.parse(text)
    return bool(parsed.quantities or parsed.comparative or _FINDING.search(text))


def _mentions_focus(text: str, focus: tuple[FocusTerm, ...]) -> list[str]:
    folded = fold(text)
    return [term.name for term in focus if any(claimparse.mentions(folded, s) for s in term.spellings)]


def _sentence_claims(screening: Screening, library: Library, index: PassageIndex,
                     asked: frozenset[str]) -> list[tuple[float, Claim]]:
    """Sentences about the focus terms: naming them, or sitting in a source whose title (or section)
    names them and sharing the question's other words — a Qwen2.5 report's "the pre-training data grew
    to 18 trillion tokens" is about Qwen2.5 even though the sentence does not repeat the name."""
    scored: list[tuple[float, Claim]] = []
    hits = index.search(screening.query, limit=400, doc_ids=list(screening.included_doc_ids))
    top = hits[0].score if hits else 1.0
    titles = {d.doc_id: d.title or "" for d in library.documents}
    for hit in hits:
        passage = hit.passage
        if passage.kind is not PassageKind.TEXT:
            continue
        source = library.source_for_doc(passage.doc_id).key
        context = _mentions_focus(f"{titles.get(passage.doc_id, '')} {passage.section or ''}", screening.focus)
        for start, end in sentence_spans(passage.text):
            sentence = collapse(passage.text[start:end])
            if not is_complete_sentence(sentence) or not is_check_worthy(sentence):
                continue
            named = _mentions_focus(sentence, screening.focus)
            overlap = len(claimparse.content_words(sentence) & asked)
            if screening.focus and not named:
                if not context or overlap == 0:
                    continue
                named = context
                overlap -= 0.5
            elif overlap == 0 and not named:
                continue
            score = len(named) * 2 + overlap + hit.score / top
            topic = named[0] if named else (passage.section or "Findings")
            scored.append((score, Claim(sentence, "source sentence", source, passage.passage_id,
                                        passage.page, passage.section, topic)))
    return scored


_BENCHMARK_TABLE = re.compile(r"perform|benchmark|score|evaluat|accura|result|compar|pass@", re.IGNORECASE)


def _table_claim_text(entity: str, variant: str | None, attribute: str, raw: str, caption: str) -> str:
    """A whole sentence for one cell: "X scores N on B" for benchmark tables, "The B of X is N" otherwise
    (an architecture table's "Layers" is not a score)."""
    suffix = ""
    if variant and not entity.lower().endswith(variant):
        suffix = " (instruction-tuned)" if variant == "instruct" else " (base model)" if variant == "base" else ""
    if _BENCHMARK_TABLE.search(caption):
        return f"{entity}{suffix} scores {raw} on {attribute}."
    return f"The {attribute} of {entity}{suffix} is {raw}."


def _table_claims(screening: Screening, library: Library, asked: frozenset[str]) -> list[tuple[float, Claim]]:
    """Table cells about the question: the cell's model or measure names a focus term, and its measure
    (or the table's caption) is what the question asks about — a Qwen2.5 MMLU score does not answer
    a question about Qwen2.5's training data."""
    scored: list[tuple[float, Claim]] = []
    included = set(screening.included_doc_ids)
    for document in library.documents:
        if document.doc_id not in included:
            continue
        source = library.source_for_doc(document.doc_id).key
        for table in document.tables:
            caption_words = claimparse.content_words(table.caption)
            for record in records(table):
                named = _mentions_focus(f"{record.attribute} {record.entity}", screening.focus)
                if not named:
                    continue
                measure_named = bool(_mentions_focus(record.attribute, screening.focus))
                overlap = len((claimparse.content_words(record.attribute) | caption_words) & asked)
                if not measure_named and overlap == 0:
                    continue
                text = _table_claim_text(record.entity, record.variant, record.attribute, record.raw, table.caption)
                topic = table.caption or named[0]
                scored.append((2.0 + len(named) + measure_named + overlap,
                               Claim(text, "table cell", source, None, table.page, table.section, topic)))
    return scored


def _figures(text: str) -> tuple[float, ...]:
    return tuple(sorted(q.value for q in claimparse.parse(text).quantities))


def asked_words(question: Question, screening: Screening) -> frozenset[str]:
    """What the question asks about beyond its focus terms ("data", "pre-train" in "How much data was
    Qwen2.5 pre-trained on?"): the words a claim must share to answer it, not merely name its subject."""
    focus_words = frozenset().union(*(claimparse.content_words(s) for t in screening.focus for s in t.spellings))
    return claimparse.content_words(question.question) - focus_words


def extract_claims(question: Question, screening: Screening, library: Library, index: PassageIndex,
                   plan: Plan | None = None, answer: Answer | None = None) -> list[Claim]:
    """The findings to verify for a question, best first, at most `question.max_findings`. With a plan,
    only sentences that bear on an ask (a subject in scope and an asked attribute stated) are kept."""
    if not screening.answerable:
        return []
    if plan is not None and plan.subjects and plan.attributes:
        scored = ask_claims(plan, screening, library, index, answer)
    else:
        asked = asked_words(question, screening)
        scored = _table_claims(screening, library, asked) + _sentence_claims(screening, library, index, asked)
    return _merged(scored, question.max_findings)


def _merged(scored: list[tuple[float, Claim]], limit: int) -> list[Claim]:
    """Best first; a near-duplicate of a kept claim (same figures, ≥ 90 % token overlap) is merged into it,
    its source listed in `also_in`."""
    scored.sort(key=lambda item: (-item[0], item[1].source or "", item[1].page or 0, item[1].text))
    kept: list[Claim] = []
    for _, claim in scored:
        duplicate = next((i for i, k in enumerate(kept)
                          if fuzz.token_set_ratio(fold(k.text), fold(claim.text)) >= DUPLICATE_SIMILARITY
                          and _figures(k.text) == _figures(claim.text)), None)
        if duplicate is not None:
            if claim.source and claim.source != kept[duplicate].source and claim.source not in kept[duplicate].also_in:
                kept[duplicate] = replace(kept[duplicate], also_in=(*kept[duplicate].also_in, claim.source))
            continue
        kept.append(claim)
        if len(kept) >= limit:
            break
    return kept


# A sentence whose subject is a dataset and whose verb says what it holds or where it comes from ("The ImageNet dataset
# (Russakovsky et al., 2015) contains 14 197 122 annotated images", "Since 2010, the dataset has been used in …",
# "LibriSpeech … is a corpus of …"); "the benchmark is harder for small models" says how models fare, and stays.
_DATASET_VERB = (r"(?:contains?|consists?\s+of|comprises?|includes?|covers?|spans?|holds?|"
                 r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:an?|the)\s+(?:\w+\s+){0,2}?"
                 r"(?:corpus|dataset|data\s+set|collection|set)\s+of|used\s+(?:in|for)|derived|collected|built|"
                 r"created|drawn|made\s+up|composed|sampled|scraped|crawled|curated|constructed))\b")
_OPENING = r"^(?:[^,]{0,40},\s*)?(?:the\s+)?"
_DATASET_SUBJECT = re.compile(_OPENING + r"(?:(?P<name>\S+(?:\s+\S+){0,3}?)\s+)??(?:dataset|data\s+set|corpus|"
                              r"benchmark|collection)s?(?:\s*\([^)]*\))?\s+" + _DATASET_VERB, re.IGNORECASE)


def describes_dataset(text: str, spellings: tuple[str, ...]) -> bool:
    """A sentence about a benchmark's data (its size, contents, provenance), not a result measured on it: its subject
    is the dataset ("the dataset", "the ImageNet dataset") or the benchmark's own name, and its verb says what the data
    holds or where it comes from."""
    described = _DATASET_SUBJECT.match(text)
    if described and (described.group("name") is None or any(
            name_regex(s).search(described.group("name").lower()) for s in spellings)):
        return True
    return any(re.match(rf"{_OPENING}{re.escape(s)}(?:\s*\([^)]*\))?\s+{_DATASET_VERB}", text, re.IGNORECASE)
               for s in spellings)


def _bears_on(text: str, attribute: PlanAttribute) -> bool:
    """Whether a sentence states something about the asked attribute: a benchmark asked is measured, not described."""
    if attribute.kind is AttributeKind.METRIC:
        lowered = text.lower()
        return any(name_regex(s).search(lowered) for s in attribute.spellings) \
            and not describes_dataset(text, attribute.spellings)
    if attribute.kind is AttributeKind.MECHANISM:
        return mechanism_score(text, attribute, True, True) > 2.0
    asked = words_of(attribute.name)
    have = [key(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", text)]
    return bool(asked) and all(any(same_word(w, h) for h in have) for w in asked - default_modifiers(asked))


def ask_claims(plan: Plan, screening: Screening, library: Library, index: PassageIndex,
               answer: Answer | None) -> list[tuple[float, Claim]]:
    """Sentences of the included sources that bear on an ask: a subject in scope (named, or in a source
    about it with no other model named) and an asked attribute stated. Headings, reference entries,
    axis text, meta sentences, model samples and quoted prompts (synth.retrieve.samples), descriptions of a
    benchmark's data and sentences about other models never qualify; quotes already shown as answer cells are
    not repeated. A question that names a paper ("In the Adafactor paper's experiments, …") asks what that paper says:
    its findings come from that paper alone, not from another paper's sentences about the same model (read30: the
    RMSNorm paper's "all models trained for 300K steps" was a finding of the Adafactor experiments' Transformer)."""
    vocab = vocabulary(library)
    shown = {" ".join(e.quote.split()) for c in (answer.cells if answer else ()) for e in c.evidence}
    shown |= {e.quote for m in (answer.mechanisms if answer else ()) for e in m.sentences}
    metric_names = [a.name for a in plan.attributes if a.kind is AttributeKind.METRIC]
    query = any_of([*(s for subject in plan.subjects for s in subject.spellings),
                    *(w for a in plan.attributes for w in (a.spellings[0], *a.name.split()) if len(w) > 2)])
    included = list(screening.included_doc_ids)
    named = [source.document.doc_id for key in plan.papers
             if (source := library.find(key)) is not None and source.document is not None
             and source.document.doc_id in included]
    hits = index.search(query, limit=400, doc_ids=named or included)
    top = hits[0].score if hits else 1.0
    scored: list[tuple[float, Claim]] = []
    seen: set[tuple[str, int]] = set()
    documents = {d.doc_id: d for d in library.documents}
    roles = RoleScope(documents)
    by_role = [s for s in plan.subjects if described(s)]
    samples: dict[str, tuple[tuple[int, int], ...]] = {}  # per document: where it quotes samples and prompts
    for hit in hits:
        passage = hit.passage
        if passage.kind is not PassageKind.TEXT or (passage.doc_id, passage.ordinal) in seen:
            continue
        seen.add((passage.doc_id, passage.ordinal))
        source = library.source_for_doc(passage.doc_id).key
        cut = sentences(passage)
        said = [s.text for s in cut]
        in_force = roles.headings(passage, said) if by_role else []
        its_own = {s.name: owned(s, said, in_force) for s in by_role}
        if passage.doc_id not in samples:
            samples[passage.doc_id] = sample_spans(documents[passage.doc_id])
        for position, text in enumerate(said):
            if text in shown or not states_something(text) or not is_complete_sentence(text) \
                    or in_samples(cut[position].start, samples[passage.doc_id]):
                continue  # a model's sample or a quoted prompt is no statement of the paper
            for subject in plan.subjects:
                scope = subject_scope(text, subject, vocab, source in subject.home_sources, metric_names,
                                      asked=[a.name for a in plan.attributes])
                if scope is None:
                    continue
                if subject.name in its_own and not its_own[subject.name][position]:
                    continue  # the reward model's paragraph is no finding of "the summarization policy"
                bearing = [a for a in plan.attributes if _bears_on(text, a)]
                if not bearing or not (is_check_worthy(text) or any(a.kind is AttributeKind.MECHANISM
                                                                      for a in bearing)):
                    continue
                score = 2.0 * len(bearing) + (1.5 if scope.named else 0.0) + hit.score / top
                scored.append((score, Claim(text, "source sentence", source, passage.passage_id, passage.page,
                                            passage.section, subject.name)))
                break
    return scored


def author_claims(question: Question) -> list[Claim]:
    return [Claim(collapse(text), "question author", topic="Author's claims") for text in question.claims]
