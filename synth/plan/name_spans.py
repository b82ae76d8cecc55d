"""A question's names as spans of its text, before any role is read: a variant, member, stage or year word
written after a name is part of it ("Mistral 7B – Instruct", "Whisper large", "DeepSeek-V2 Chat (RL)"), sizes before
or after a name make one member per size ("the 830M, 6.8B and 13.1B DIFF Transformer models"), a distributed list
("comes in small, medium and large variants") one name per word, names joined by an arrow one name, and lower-case
list members the library's tables name are names. synth.plan.subjects reads each span's role.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from synth.names import size_of
from synth.plan.name_roles import Raw
from synth.text import STOPWORDS
from synth.vocabulary import Vocabulary, names_in

_VARIANT_SUFFIX = re.compile(r"^\s*[–—-]\s*(Instruct|Chat|Base)\b|^\s+(Instruct|Chat|Base)\b")
# "DeepSeek-V2 Chat (RL)": the training stage in brackets names the variant, not a subject of its own.
_STAGE_SUFFIX = re.compile(r"^\s*\((SFT|RL|RLHF|DPO)\)")
_DISTRIBUTED = re.compile(r"^\s+(?:(?:comes?|came|is\s+available|are\s+available|was\s+released)\s+in\s+(?:the\s+)?)?"
                          r"((?:[a-z][\w\-.]*,\s+)*[a-z][\w\-.]*,?\s+and\s+[a-z][\w\-.]*)\s+(?:models?|variants?|"
                          r"sizes?|versions?)\b")
# A lower-case word after a name that names one of its sizes or releases, when "model" follows or the
# word is a size: "the Transformer big model", "Whisper large", "GPT-2 small".
MEMBER_WORD = re.compile(r"^\s+(?:(tiny|small|medium|large|big|huge|giant|xl|xxl|mini|lite|large-v\d+)\b"
                         r"(?=\s+models?\b|\s*[,.;?)]|\s+and\b|\s+or\b|\s*$)|"
                         r"(base)\b(?=\s*[,.;?)]|\s+and\b|\s+or\b|\s*$))", re.IGNORECASE)
# The same word written before the name: "the base Transformer", "the big Transformer model" (never "the large
# language model", whose word is no size of a name).
_MEMBER_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+(tiny|small|medium|large|big|huge|base)\s+$", re.IGNORECASE)
# "the GPT-2 models with 117M, 345M and 1542M parameters": one member per size.
_SIZES_AFTER = re.compile(r"^\s+models?\s+(?:with|of)\s+((?:\d+(?:\.\d+)?\s*[KMBT],\s+)*\d+(?:\.\d+)?\s*[KMBT],?"
                          r"(?:\s+(?:and|or)\s+\d+(?:\.\d+)?\s*[KMBT]))\s+param\w*", re.IGNORECASE)
# "the 830M, 6.8B and 13.1B DIFF Transformer models", "the 1B Janus-Pro model": sizes written in front of a name
# are members of it, one per size (never an attribute of the question).
_SIZES_BEFORE = re.compile(r"(?<![\w.\-])((?:\d+(?:\.\d+)?[MB],?\s+(?:(?:and|or)\s+)?)*\d+(?:\.\d+)?[MB])\s+$")
_LIST_ITEM_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
_LIST_END = re.compile(r"^\s*(?:,|\s(?:and|or)\s|\s+models?\b)")
LIST_VARIANT = re.compile(r"^\s+(base|chat|instruct|instruction-tuned|pre-?trained|post-?trained)\s+models?\b",
                          re.IGNORECASE)
VARIANT_NAME = {"instruction-tuned": "Instruct", "pretrained": "Base", "pre-trained": "Base",
                "posttrained": "Instruct", "post-trained": "Instruct"}
_YEAR_AFTER = re.compile(r"^['’]\d{2}\b")
# "the MoE model with 2048 experts": a count written after a name, which the library's tables put in one label.
_WITH_COUNT = re.compile(r"^\s+(?:models?\s+)?(with\s+\d[\d,.]*\s+[A-Za-z][\w\-]*)")
_TRAILING_SETTING = re.compile(r"\s+(?:pass|maj|cons|best)@\d+$", re.IGNORECASE)
# Nouns that name a part of a benchmark's data ("ImageNet patches", "LibriSpeech samples"): the name is the benchmark.
DATASET_NOUNS = ("samples", "patches", "images", "tasks", "questions", "problems", "puzzles", "split", "splits",
                 "subset", "subsets")
_OPENING_WORD = re.compile(r"(?:^|[.?!:]\s+)([A-Z][a-z][\w\-]*)\s+$")
# "Chinchilla 70B, gzip and FLAC": a lower-case word between two names of a list, which the library's tables name.
_LOWER_MEMBER = re.compile(r"^\s*,\s*([a-z][\w\-.]*)(?=\s*,|\s+(?:and|or)\s+)")
PARTS = f"(?:{'|'.join(DATASET_NOUNS)})"
LIST_GLUE = re.compile(rf"^(?:\s+{PARTS})?\s*(?:,\s*(?:and\s+|or\s+)?(?:of\s+|for\s+)?|"
                       rf"\s+(?:and|or)\s+(?:of\s+|for\s+|the\s+)?)$")


@dataclass(frozen=True)
class Name:
    """A name of the question: its text, span, the role read for it, and a setting written with it."""

    text: str
    start: int
    end: int
    role: str  # subject | metric | modifier | setting
    setting: str | None = None
    member: str | None = None  # for "Whisper large", "the Transformer big model": the name it is a member of


def raw_names(text: str, vocab: Vocabulary) -> list[Raw]:
    """Names with variant, member and year words attached and distributed lists expanded."""
    out: list[Raw] = []
    covered = 0
    carried: list[str] = []  # "the 8B Mamba-2 and Transformer models": the sizes before a list are every item's
    for name, start, end in names_in(text):
        if start < covered:
            continue  # the "Instruct" of "Mixtral 8x7B – Instruct", already attached
        if carried and _LIST_ITEM_GLUE.fullmatch(text[covered:start]) and not size_of(name) \
                and _LIST_END.match(text[end:]) and vocab.role(name) == "entity":
            for size in carried:
                out.append(Raw(f"{name} {size}", start, end, "entity", name))
            covered = end
            continue
        carried = []
        if _STAGE_LABEL.search(text[covered:start]) and text[end:end + 1] == ")":
            continue  # "the reasoning stage (S2)": the label of a stage of training, no model
        opening = _OPENING_WORD.search(text[:start])
        if opening and opening.start(1) >= covered and vocab.role(f"{opening.group(1)} {name}") == "entity":
            start = opening.start(1)  # "Kestrel 8x2B vs. …": a sentence's first word is part of the name
            name = text[start:end]
        for pattern in (_VARIANT_SUFFIX, _STAGE_SUFFIX, _YEAR_AFTER):
            suffix = pattern.match(text[end:])
            if suffix:
                end += suffix.end()
                name = text[start:end]
        listed = _DISTRIBUTED.match(text[end:])
        if listed:
            words = [w for w in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed.group(1)) if w.strip()]
            for word in words:
                out.append(Raw(f"{name} {word.strip()}", start, end + listed.end(), "entity", name))
            covered = end + listed.end()
            continue
        before = _SIZES_BEFORE.search(text[covered:start])
        if before and not size_of(name) and vocab.role(name) != "attribute":
            for size in re.findall(r"\d+(?:\.\d+)?[MB]", before.group(1)):
                out.append(Raw(f"{name} {size}", covered + before.start(1), end, "entity", name))
            covered = end
            carried = re.findall(r"\d+(?:\.\d+)?[MB]", before.group(1)) if _LIST_ITEM_GLUE.match(text[end:]) else []
            continue
        sizes = _SIZES_AFTER.match(text[end:])
        if sizes:
            for size in re.findall(r"\d+(?:\.\d+)?\s*[KMBT]", sizes.group(1)):
                out.append(Raw(f"{name} {size}", start, end + sizes.end(), "entity", name))
            covered = end + sizes.end()
            continue
        counted = _WITH_COUNT.match(text[end:])
        if counted and vocab.role(f"{name} {counted.group(1)}") == "entity":
            name = f"{name} {counted.group(1)}"  # "the MoE model with 2048 experts": the row "MoE with 2048 Experts"
            end += counted.end()
        setting = _TRAILING_SETTING.search(name)
        if setting and setting.start() > 0:
            end = start + setting.start()  # "MATH-500 pass@1": the benchmark, its setting read after it
            name = text[start:end]
        member = MEMBER_WORD.match(text[end:])
        of = None
        ahead = _MEMBER_BEFORE.search(text[covered:start])
        if ahead and not member and not size_of(name) and vocab.role(name) == "entity":
            of, name, start = name, f"{name} {ahead.group(1).lower()}", covered + ahead.start(1)
            model = re.match(r"^\s+models?\b", text[end:])
            if model:
                end += model.end()
        elif member and vocab.role(name) != "attribute":
            end += member.end()
            of, name = name, f"{name} {member.group(1) or member.group(2)}"
            model = re.match(r"^\s+models?\b", text[end:])
            if model:
                end += model.end()
        component = _COMPONENT.search(name)
        if component and _COMPONENT_NOUN.match(text[end:]) and vocab.role(name) is None \
                and not vocab.home_sources((name,)) and vocab.home_sources((name[:component.start()],)):
            end = start + component.start()  # "the DeepSeek-V2 KV cache": the model, then the part asked of it
            name = text[start:end]
        out.append(Raw(name, start, end, vocab.role(name), of))
        covered = end
    return _arrows(text, _lower_members(text, out, vocab), vocab)


# The bracket after a stage of training holds its label, never a model's name: "the reasoning stage (S2)".
_STAGE_LABEL = re.compile(r"\b(?:stages?|phases?|steps?|periods?)\s*\($", re.IGNORECASE)
# An acronym of a model's part written after the model's name: "KV cache", "MTP depth", "MoE layer".
_COMPONENT = re.compile(r"\s+[A-Z][A-Za-z]{1,3}$")
_COMPONENT_NOUN = re.compile(r"^\s+(?:cache|layers?|modules?|blocks?|heads?|routers?|gates?|gating|depth|dimensions?|"
                             r"experts?|weights?|compression|loss|objective|stack|encoder|decoder|coefficients?|"
                             r"penalty|term|ratios?|rates?|sizes?)\b")
_ARROW = re.compile(r"^\s*(?:→|->|⇒|⟶)\s*$")


def _arrows(text: str, names: list[Raw], vocab: Vocabulary) -> list[Raw]:
    """"WMT'14 En→De newstest2014": names joined by an arrow (a translation direction) and the names written right
    against them are one name — a benchmark's direction, never two subjects "En" and "De newstest2014"; so are two
    names joined by a bare slash that no table labels ("CNN/Daily Mail"; "MMLU/HumanEval" stays a list)."""
    out: list[Raw] = []
    run: list[Raw] = []

    def flush() -> None:
        if len(run) > 1 and any(_ARROW.match(text[a.end:b.start]) or text[a.end:b.start] == "/"
                                for a, b in itertools.pairwise(run)):
            joined = text[run[0].start:run[-1].end]
            out.append(Raw(joined, run[0].start, run[-1].end, vocab.role(joined)))
        else:
            out.extend(run)
        run.clear()

    for name in names:
        gap = text[run[-1].end:name.start] if run else ""
        slash = gap == "/" and not vocab.role(run[-1].text) and not vocab.role(name.text)
        if run and not (_ARROW.match(gap) or gap == " " or slash):
            flush()
        run.append(name)
    flush()
    return out


def _lower_members(text: str, names: list[Raw], vocab: Vocabulary) -> list[Raw]:
    """A list member written in lower case ("gzip") is a name when the names around it are and the library's
    tables put the word on their model axis: between two names ("Chinchilla 70B, gzip and FLAC"), or at either end
    of a list ("how do gzip and FLAC compare", "FLAC and gzip") when a table's row is labelled with the word in the
    question's own spelling, so a word the tables only capitalise ("Base", "Large", "Model") stays a word."""
    out: list[Raw] = []
    for i, name in enumerate(names):
        gap_start = out[-1].end if out else 0
        out.extend(_lower_before(text, gap_start, name.start, vocab))
        out.append(name)
        gap = text[name.end:names[i + 1].start] if i + 1 < len(names) else text[name.end:]
        member = _LOWER_MEMBER.match(gap) if i + 1 < len(names) else None
        after = None if member else _LOWER_AFTER.match(gap)
        if member and _listed_lower(member.group(1), vocab, spelt=False):
            start = name.end + member.start(1)
            out.append(Raw(member.group(1), start, start + len(member.group(1)), "entity"))
        elif after and _listed_lower(after.group(1), vocab, spelt=True):
            start = name.end + after.start(1)
            out.append(Raw(after.group(1), start, start + len(after.group(1)), "entity"))
    return out


# "gzip and FLAC", "gzip, LZMA2 and FLAC": a lower-case word right before a list's name, joined to it as a list item.
_LOWER_BEFORE = re.compile(r"(?<![\w\-.])([a-z][\w\-.]*[\w])(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
# "FLAC and gzip": a lower-case word that ends a list after its last name.
_LOWER_AFTER = re.compile(r"^\s*,?\s+(?:and|or)\s+([a-z][\w\-.]*[\w])(?![\w\-])(?!\s+(?:and|or)\b)")


_SHOT_WORD = re.compile(r"shots?$")  # "zero-shot and 5-shot": a setting of the prompt, never a subject


def _listed_lower(word: str, vocab: Vocabulary, spelt: bool) -> bool:
    """A lower-case word is a name of the library's model axis; `spelt`: a table row is labelled with it as written."""
    if word in STOPWORDS or MEMBER_WORD.match(f" {word}") or _SHOT_WORD.search(word) or vocab.role(word) != "entity":
        return False
    return not spelt or any(match.label == word for match in vocab.entity_matches((word,)))


def _lower_before(text: str, start: int, end: int, vocab: Vocabulary) -> list[Raw]:
    """The lower-case list members written right before a name, first to last ("gzip, lzma and FLAC")."""
    found: list[Raw] = []
    while True:
        before = _LOWER_BEFORE.search(text[start:end])
        if not before or not _listed_lower(before.group(1), vocab, spelt=True):
            return found
        end = start + before.start(1)
        found.insert(0, Raw(before.group(1), end, end + len(before.group(1)), "entity"))


def lists(text: str, names: list[Raw] | list[Name]) -> list[list[int]]:
    """Indexes of names coordinated in one list ("A, B and C", "of A and of B")."""
    groups: list[list[int]] = []
    for i, name in enumerate(names):
        if groups and LIST_GLUE.match(text[names[groups[-1][-1]].end:name.start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups
