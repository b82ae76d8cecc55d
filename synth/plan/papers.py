"""Papers a question names by their title or authors rather than by what they are about.

"… in 'Round and Round We Go! What Makes Rotary Positional Encodings Useful?'", "What ROUGE-L do Ziegler et
al. report …", "in the p-RoPE experiments", "In the Adafactor paper": none of these is a subject or an asked
phrase. The words of a quoted title would otherwise be read as names and attributes ("Round", "Go"), and an
author as a model. They are read here into the sources the question points at, and cut from the text the rest of
the plan reads; a subject that no source is about is then looked for in the named paper (the rows of its
tables, its sentences), where its values are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synth.models import PlanSubject
from synth.names import name_regex
from synth.plan.subjects import Name
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary

# The origin of the subject a question naming a paper but no model asks about: the paper's own models.
PAPERS_MODELS = "the models of the paper the question names"
_QUOTED = re.compile(r"(?<![\w])['‘\"“](?P<title>[A-Z][^'‘’\"“”]{6,}?[^\s'‘’\"“”])['’\"”](?![\w])")
_ET_AL = re.compile(r"\((?P<cited>[A-Z][\w\-]+)\s+et\s+al\.?,?\s*(?:\d{4}[a-z]?)?\)|"
                    r"\b(?P<name>[A-Z][\w\-]+)\s+et\s+al\.?(?P<own>['’]s)?(?:\s*\(\d{4}[a-z]?\))?", re.UNICODE)
_WORK = re.compile(r"\b(?:[Ii]n|[Ff]rom|[Oo]f|[Bb]y|[Aa]ccording\s+to)\s+the\s+"
                   r"(?P<name>(?:[A-Z][\w\-.+]*\s+){0,2}[\w\-.+]+)\s+(?:paper|experiments?|study|work|report)\b")
# "In the layer normalization paper", "does the Adam paper use": a paper named by the words its title opens with, in
# any case and after any word (read only as a title's head, "Adam: A Method for …", never as a name the library knows)
_HEAD_WORK = re.compile(r"\bthe\s+(?P<name>[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3})\s+paper\b")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class PaperReference:
    """A paper the question names, as written, and the library's sources it names."""

    written: str
    sources: tuple[str, ...]


def paper_names(names: list[Name], text: str, papers: list[PaperReference], vocab: Vocabulary) -> list[Name]:
    """The names inside a paper's reference ("GLU" in "the GLU variants paper") that the library knows as no model:
    they name the paper, neither a subject nor a benchmark of the question."""
    spans = [(m.start(), m.end()) for paper in papers for m in re.finditer(re.escape(paper.written), text)]
    return [n for n in names
            if any(lo <= n.start and n.end <= hi for lo, hi in spans) and vocab.role(n.text) != "entity"]


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in STOPWORDS}


def _by_title(title: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The source whose title the quoted words are (most of them, in a title of about their length)."""
    asked = _words(title)
    if len(asked) < 2:
        return ()
    best: tuple[float, str] | None = None
    for key, written in vocab.titles.items():
        have = _words(written)
        if not have:
            continue
        share = len(asked & have) / len(asked)
        cover = len(asked & have) / len(have)
        if share >= 0.8 and cover >= 0.5 and (best is None or share + cover > best[0]):
            best = (share + cover, key)
    return (best[1],) if best else ()


def _by_head(name: str, vocab: Vocabulary) -> list[str]:
    """The sources whose title starts with the name before its colon ("Adafactor: Adaptive Learning Rates …")."""
    return [key for key, title in vocab.titles.items() if fold(title.split(":")[0]).strip() == fold(name).strip()]


def _by_title_words(name: str, vocab: Vocabulary) -> list[str]:
    """"the data-manifold scaling paper": the one source whose title holds every word of the name (two or more:
    "A Neural Scaling Law from the Dimension of the Data Manifold"), read when no title opens with the name."""
    asked = _words(name)
    if len(asked) < 2:
        return []
    found = [key for key, title in vocab.titles.items() if asked <= _words(title)]
    return found if len(found) == 1 else []


def _by_author(surname: str, vocab: Vocabulary) -> tuple[str, ...]:
    """Sources whose BibTeX authors or whose first page's opening (the author line) name the surname."""
    pattern = re.compile(rf"\b{re.escape(surname)}\b")
    found = []
    for source in vocab.library.sources:
        authors = dict(source.entry.fields).get("author", "") if source.entry is not None else ""
        opening = ""
        if source.document is not None:
            opening = " ".join(p.text for p in source.document.passages if (p.page or 1) == 1)[:1500]
        if pattern.search(authors) or pattern.search(opening):
            found.append(source.key)
    return tuple(found) if 0 < len(found) <= 2 else ()


def _unquoted_titles(text: str, vocab: Vocabulary) -> list[tuple[str, tuple[str, ...]]]:
    """"In An Empirical Model of Large-Batch Training, what …": a title written out without quotes, whole or the
    part on either side of its colon, of four words or more (a shorter one could be a model's name, "Mistral 7B")."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for key, written in sorted(vocab.titles.items()):
        for part in dict.fromkeys((written, *written.split(":"))):
            words = re.findall(r"\w+", part)
            if len(words) < 4:
                continue
            match = re.search(r"(?<![\w-])" + r"[\s\-:]+".join(map(re.escape, words)) + r"(?![\w-])", text,
                              re.IGNORECASE)
            if match:
                found.append((match.group(0), (key,)))
                break
    return found


def paper_references(text: str, vocab: Vocabulary) -> tuple[str, list[PaperReference]]:
    """The papers the question names, and the question with each title or author cut ("Ziegler et al." → "they",
    a quoted title → "the paper"); a paper named by what it is about ("the Adafactor paper") stays in the text."""
    references: list[PaperReference] = []

    def title(match: re.Match[str]) -> str:
        sources = _by_title(match.group("title"), vocab)
        if not sources:
            return match.group(0)
        references.append(PaperReference(match.group("title"), sources))
        return "the paper"

    def author(match: re.Match[str]) -> str:
        surname = match.group("cited") or match.group("name")
        sources = _by_author(surname, vocab)
        if not sources:
            return match.group(0)
        references.append(PaperReference(match.group(0).strip("() "), sources))
        return "" if match.group("cited") else ("their" if match.group("own") else "they")

    text = _QUOTED.sub(title, text)
    for written, sources in _unquoted_titles(text, vocab):
        references.append(PaperReference(written, sources))
        text = text.replace(written, "the paper", 1)
    text = " ".join(_ET_AL.sub(author, text).split())
    for match in _WORK.finditer(text):
        words = match.group("name").split()
        # "the Spin Cycles experiments": longest first; "the Qwen3 technical report": the name before a common word
        for name in [*(" ".join(words[k:]) for k in range(len(words))), *(" ".join(words[:k]) for k in
                                                                           range(len(words) - 1, 0, -1))]:
            homes = (_by_head(name, vocab) or vocab.home_sources((name,))) if fold(name) not in STOPWORDS else []
            if homes:
                references.append(PaperReference(match.group(0).split(" ", 2)[-1], tuple(homes)))
                break
    for match in _HEAD_WORK.finditer(text):
        words = match.group("name").split()
        heads = next((found for k in range(len(words)) if (found := _by_head(" ".join(words[k:]), vocab))), []) \
            or _by_title_words(match.group("name"), vocab)
        if heads and not any(set(heads) <= set(r.sources) for r in references):
            references.append(PaperReference(match.group(0).split(" ", 1)[-1], tuple(heads)))
    return text, references


def baseline_papers(text: str, subjects: Sequence[PlanSubject]) -> tuple[str, ...]:
    """"What do DIFF Transformer-3B and the Transformer baseline score on HellaSwag?": a subject called the
    baseline is the one the other subjects' papers compare with, so those papers are where its values are read
    (Mamba's Transformer row is another experiment's baseline). Only when another subject has a paper about it."""
    folded = fold(text)

    def baseline(spelling: str) -> bool:
        name = re.escape(fold(spelling))
        return re.search(rf"\b{name}\s+baselines?\b|\bbaseline\s+{name}\b", folded) is not None

    called = [s for s in subjects if any(baseline(spelling) for spelling in s.spellings)]
    if not called:
        return ()
    return tuple(dict.fromkeys(key for s in subjects if s not in called for key in s.home_sources))


def compared_papers(subjects: Sequence[PlanSubject]) -> tuple[str, ...]:
    """"Does BLT-Entropy beat Llama 3 on MMLU?": Llama 3 has no paper in the library, and the BLT paper compares the
    two under one setup (58.1 against 57.4); another paper's Llama 3 row (66.6, or a 70B's 78.9) is another
    evaluation. The papers about the compared subjects are read first for the one no paper is about."""
    homeless = [s for s in subjects if not s.home_sources]
    if not homeless or len(homeless) == len(subjects):
        return ()
    return tuple(dict.fromkeys(key for s in subjects for key in s.home_sources))


def papers_own(papers: list[PaperReference], vocab: Vocabulary, notes: list[str]) -> list[PlanSubject]:
    """"In the Qwen3 technical report, what is the vocabulary size?" names no subject but a paper by what it is
    about: the model the question's words name that the paper is about is the subject."""
    out: list[PlanSubject] = []
    for paper in papers:
        for source in paper.sources:
            for about in vocab.about.get(source, ()):
                if name_regex(about).search(fold(paper.written)) and all(s.name != about for s in out):
                    out.append(PlanSubject(about, (about,), f"what {paper.written} is about", (source,)))
    if out:
        notes.append(f"No model named: the paper the question names is about {', '.join(s.name for s in out)}.")
    elif len(papers) == 1:  # "In 'GLU Variants Improve Transformer', how many layers do the models have?"
        paper = papers[0]
        out = [PlanSubject(paper.written, (paper.written,), PAPERS_MODELS,
                           paper.sources)]
        notes.append(f"No model named: the subject is the models of {paper.written}, read in that paper.")
    return out
