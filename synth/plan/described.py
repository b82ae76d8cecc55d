"""Subjects a question describes instead of naming, read against the paper the question names.

"What ROUGE-L do Ziegler et al. report for the supervised + 60k fine-tuned summarization model …" names no model:
it describes a row of that paper's table ("supervised + 60k fine-tune"). "Which positional encoding achieves the
lowest validation perplexity on Wiki in '<title>'?" asks a class whose members are the rows of that paper's table
holding the asked column (NoPE, RoPE, 0.25-RoPE, 0.75-RoPE). Both are read only inside the named paper's tables,
so no list of names is needed and no other paper's rows can come in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import AttributeKind, PlanAttribute, PlanSubject, Table
from synth.names import canonical, family, match_entity, name_regex, size_first
from synth.plan.papers import PaperReference
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary

_WORD = re.compile(r"[a-z0-9]+")
# "which positional encoding achieves the lowest validation perplexity": the class, its verb, the ranked measure
WHICH_RANKED = re.compile(r"\bwhich\s+(?P<cls>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)\s+(?P<verb>[a-z]+)\s+the\s+"
                          r"(?:lowest|highest|best|worst|largest|smallest|most|least|fewest)\s+"
                          r"(?P<measure>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)(?=\s+(?:on|in|at|for|among|across|of|"
                          r"with|after|before|by|under|within)\b|\s*[?,.;]|\s*$)", re.IGNORECASE)


def _stems(text: str) -> set[str]:
    """Content words with their inflections folded ("fine-tuned" and "fine-tune" share "tune")."""
    out = set()
    for word in _WORD.findall(fold(text)):
        if word in STOPWORDS:
            continue
        stem = re.sub(r"(?:ed|es|s|d)$", "", word) if len(word) > 4 else word
        out.add(stem[:-1] if len(stem) > 3 and stem.endswith("e") else stem)
    return out


def _tables(keys: tuple[str, ...], vocab: Vocabulary) -> list[Table]:
    out: list[Table] = []
    for key in keys:
        document = vocab.library.source(key).document
        out += list(document.tables) if document is not None else []
    return out


def _row_labels(table: Table) -> list[str]:
    return [" ".join(row[0].split()) for row in table.rows if row and row[0].strip()]


# What a figure of the question counts ("after 65,536 training steps"): a setting of the question, never a row it
# describes as a subject, though a table labels a row with those words ("Training Steps").
_COUNTED = re.compile(r"\d[\d,.]*\s+([a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)", re.IGNORECASE)


def described_rows(text: str, papers: tuple[str, ...], vocab: Vocabulary) -> list[tuple[str, ...]]:
    """The row labels of the named papers' tables whose every content word the question writes (two at least),
    the longest of those that overlap ("supervised + 60k fine-tune", not also "60k fine-tune"); the labels of one
    row in several tables ("… fine-tune", "… fine-tuned") are one subject's spellings."""
    asked = _stems(text)
    counted = {w for m in _COUNTED.finditer(text) for w in _stems(m.group(1))}
    found: dict[frozenset[str], dict[str, None]] = {}
    for table in _tables(papers, vocab):
        for label in _row_labels(table):
            words = frozenset(_stems(label))
            if len(words) >= 2 and words <= asked and not words <= counted:
                found.setdefault(words, {})[label] = None
    return [tuple(labels) for words, labels in found.items() if not any(words < other for other in found)]


def class_rows(text: str, papers: tuple[str, ...], columns: list[str], vocab: Vocabulary) -> list[tuple[str, ...]]:
    """"Which <class> achieves the lowest <measure> on <benchmark>" in a named paper: the rows of its tables that
    have a column the question asks (the benchmark), in the table's order."""
    if not WHICH_RANKED.search(text) or not columns:
        return []
    wanted = {canonical(c) for c in columns}
    out: dict[str, None] = {}
    for table in _tables(papers, vocab):
        if any(canonical(" ".join(h.split())) in wanted for h in table.header[1:]):
            for label in _row_labels(table):
                out.setdefault(label)
    return [(label,) for label in out]


def _labelled_in(subject: PlanSubject, named: tuple[str, ...], vocab: Vocabulary) -> bool:
    """Whether a table of the named papers labels the subject (a baseline they compare with), not only another
    paper's table (Gemma2b in GSM-Symbolic's for the Gemma 2B models of the p-RoPE experiments)."""
    return any(item.source in named and match_entity(subject.spellings, item.record.entity) is not None
               for item in vocab.records_for(subject.spellings, (), named))


def _experiment_models(subject: PlanSubject, text: str, papers: list[PaperReference]) -> bool:
    """The question opens on the paper ("In the Adafactor paper's … experiments, …") and writes the subject as the
    models that paper trained ("how many steps were the Transformer models trained for"), not as one released model
    ("DeepSeek-V2"). A paper named later, for another subject ("… and what sequence length did the layer normalization
    paper's handwriting-generation model use?"), scopes none of the others (fresh5: the Mixture-of-Depths models were
    looked for in the layer normalization paper)."""
    opens = any(re.match(rf"(?:in|according\s+to|from)\s+(?:the\s+)?['‘\"“]?{re.escape(p.written)}", text,
                         re.IGNORECASE) for p in papers)
    return opens and any(re.search(rf"{name_regex(s).pattern}(?:\s+(?:models|networks|runs)\b|s\b)", text,
                                   re.IGNORECASE) for s in subject.spellings)


def in_papers(subjects: list[PlanSubject], papers: list[PaperReference], notes: list[str],
              vocab: Vocabulary, text: str = "") -> list[PlanSubject]:
    """A subject no source is about and no table labels ("the Gemma 2B models … in the p-RoPE experiments") is
    looked for in the paper the question names: that paper is where its sentences are. A model the tables label
    (a baseline the named paper compares with) keeps its own sources: the named paper's sentences about its own
    model must not become the baseline's — unless the paper is about no model of its own. A subject the question
    writes as the models the named paper trained ("the Transformer models" of the Adafactor paper's experiments) is
    read there too, even when another source is about it: the Transformer paper's 300K steps are not the Adafactor
    experiments' (read30)."""
    named = tuple(dict.fromkeys(key for paper in papers for key in paper.sources))
    if not named:
        return subjects
    notes.append(f"The question names a paper: {'; '.join(p.written for p in papers)} ({', '.join(named)}).")
    # A paper about no model of its own (a method's experiments run on Gemma 2B) has no model its sentences could be
    # about instead: a subject its tables label is its experiments' model there, not a baseline.
    # Its experiments' models are read there even when another source is about them ("In 'Language Modeling Is
    # Compression', which dataset were the vanilla Transformers trained on": not the Transformer paper's data).
    ownerless = not any(vocab.about.get(key) for key in named)
    return [subject if not ownerless and (subject.home_sources or _labelled_in(subject, named, vocab))
            and not (_experiment_models(subject, text, papers) and not _labelled_in(subject, named, vocab))
            else replace(subject, home_sources=named, origin=f"{subject.origin}; looked for in the paper the question "
                         "names") for subject in subjects]


def described_subjects(text: str, subjects: list[PlanSubject], unique: dict[str, PlanAttribute],
                       papers: list[PaperReference], vocab: Vocabulary,
                       notes: list[str], settings: frozenset[str] = frozenset()) -> tuple[list[PlanSubject],
                                                                                   dict[str, PlanAttribute]]:
    """Subjects the question describes in a paper it names: a row its words spell ("the supervised + 60k
    fine-tuned model"), which replaces the names that are only words of it ("60k"), or the rows of a ranked class
    ("which positional encoding achieves the lowest …"), which is then no attribute of its own. A row the question
    names whole as a setting (`settings`: "what presence penalty is used for Creative Writing v3") is where the asked
    value applies, no subject."""
    keys = tuple(dict.fromkeys(key for paper in papers for key in paper.sources))
    metrics = [s for a in unique.values() if a.kind is AttributeKind.METRIC for s in a.spellings]
    ranked = WHICH_RANKED.search(text)
    rows = class_rows(text, keys, metrics, vocab) if not subjects or ranked else []
    why = "a row of the named paper's table that has the asked column"
    if not rows:
        rows = [row for row in described_rows(text, keys, vocab) if _spelt_apart(row[0], text, subjects, papers)]
        why = "a row of the named paper's table that the question describes"
    asked = [canonical(a.name) for a in unique.values()]
    # "how long did each training step take": a row labelled "Training Steps" is what is asked, no model described
    rows = [row for row in rows if not _sibling_row(row[0], subjects) and not _unit_of_ask(row[0], text)
            and not any(canonical(row[0]).rstrip("s") in name for name in asked) and canonical(row[0]) not in settings]
    kept = subjects
    if rows:
        inside = [s for s in subjects if any(fold(s.name) in fold(row[0]) for row in rows)
                  and not _written_apart(s, rows, text)]
        kept = [s for s in subjects if s not in inside]
        notes.append(f"Described, not named: {', '.join(row[0] for row in rows)} ({why}).")
        kept += [PlanSubject(row[0], row, why, keys) for row in rows
                 if canonical(row[0]) not in {canonical(s.name) for s in kept}]
    if ranked and (rows or subjects):  # the class ranked is what the subjects are, the measure what is asked
        cls = canonical(ranked.group("cls"))
        unique = {k: a for k, a in unique.items() if canonical(a.name) != cls}
        measure = ranked.group("measure")
        unique.setdefault(canonical(measure), PlanAttribute(measure, AttributeKind.QUANTITY, (measure,),
                                                            f'read from "which … {ranked.group("verb")} the …"'))
    return kept, unique


def _written_apart(subject: PlanSubject, rows: list[tuple[str, ...]], text: str) -> bool:
    """"NoPE, RoPE and 0.75-RoPE": a subject the question lists beside a row label it writes whole is a subject of its
    own, not a word of the row. A subject written elsewhere ("the Transformer baseline … in the 3B experiments", the row
    "Transformer-3B") or only inside the row's words ("60k" of "the supervised + 60k fine-tuned model") is the row's."""
    folded = fold(text)
    at = [m.span() for m in name_regex(subject.name).finditer(folded)]
    for label in (label for row in rows for label in row):
        for found in re.finditer(rf"(?<![\w-]){re.escape(fold(label))}(?![\w-])", folded):
            for start, end in at:
                if (end <= found.start() and _LISTED.fullmatch(folded[end:found.start()])) or \
                        (found.end() <= start and _LISTED.fullmatch(folded[found.end():start])):
                    return True
    return False


# the glue between two names of one list, other names of the list between them
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:[\w.\-]+\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+))*")


def _spelt_apart(label: str, text: str, subjects: list[PlanSubject], papers: list[PaperReference]) -> bool:
    """"How many heads does the Transformer baseline use in the 3B experiments of the DIFF Transformer paper, and how
    many does DIFF Transformer-3B use?": the rows "DIFF-3B" and "DIFF Transformer" are spelt only by words of the
    paper's name and of a subject the question names, so they describe nothing new; "Transformer-3B" is spelt by
    "Transformer baseline … 3B experiments". A subject inside the row ("60k" in "supervised + 60k fine-tune") keeps
    its words: the row is what it means."""
    rest = fold(text)
    spans = [p.written for p in papers]
    spans += [spelling for s in subjects if fold(s.name) not in fold(label) for spelling in s.spellings]
    # "its 3B DIFF Transformer" is the subject DIFF Transformer 3B, its size written first
    spans += [first for spelling in list(spans) if (first := size_first(spelling))]
    for span in sorted(spans, key=len, reverse=True):
        rest = re.sub(rf"(?<![\w-]){re.escape(fold(span))}(?![\w-])", " ", rest)
    return _stems(label) <= _stems(rest)


def _unit_of_ask(label: str, text: str) -> bool:
    """"the computational budget in ops/timestep": a row labelled by a unit ("ops/timestep", "TFLOPS/GPU") that the
    question writes after "in" is what the asked value is counted in, no row it describes."""
    return "/" in label and re.search(rf"\bin\s+{re.escape(label)}(?![\w/])", text, re.IGNORECASE) is not None


def _sibling_row(label: str, subjects: list[PlanSubject]) -> bool:
    """"In the Mistral 7B paper, … does Mistral 7B outperform Llama 2 13B?": the row "LLaMA 2 7B" has every word the
    question writes, but only as words of two names; it is another member of a named subject's family, not a model
    the question describes."""
    return any(canonical(family(label)) == canonical(family(s.name)) and canonical(family(label)) != canonical(label)
               and match_entity(s.spellings, label) is None for s in subjects)

