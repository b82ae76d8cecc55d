"""Table labels named in a claim: which row and column headers a claim's words name, exactly.

A label is compared token by token with the claim, separators ignored (`Qwen2.5 72B` ~
`qwen2.5-72b`), so a subject must match a header exactly, variants included: `Dual2seq` is not the
row `Dual2seq-LinAMR`, `DS-Coder-V2-Lite-Instruct` is not `DS-Coder-V2-Instruct`, `TGen+` is not
`TGen`. What a header adds to a name without changing what it names is dropped first: footnote
marks, citations ("Mrkšić et al. (2017)", "gella:17"), enumerators ("1.", "(A2)") and a leading `+`.
A parenthesised part ("BoC (Wiki-PubMed-PMC)", "DeepSeek-V2 Chat (SFT)") is a variant: the claim
may name the whole label, or only its core, which then names every row of that core (ambiguous,
never one of them). A short capitalised token abbreviates a CamelCase one (`DS` ~ `DeepSeek`), and
the usual metric abbreviations of headers are read as words (`P` precision, `Acc.` accuracy).
A label written as code (`context_len`, `n_kv_heads`) is named by the words it abbreviates
("context length", "key-value heads"), read as the answer stage reads it (synth.labelcodes).
Words a header cuts short are spelled out as claims write them (synth.verify.label_spelling).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from synth.labelcodes import abbreviated_property, code_label
from synth.text import STOPWORDS
from synth.verify.label_spelling import (
    MIN_ABBREVIATION,
    MIN_TRUNCATED,
    abbreviates,
    counted_spelling,
    cut_words,
    initials,
    slash_joined,
    slot_match,
    truncated,
    variants_spelled,
)

_MARKS = re.compile(r"[*†‡§¶∗⋆♠♣♦♥#]+")
_CITATION = re.compile(r"\b[A-Z][\w\-]+(?:\s+(?:and|&)\s+[A-Z][\w\-]+)?\s+et\s*al\.?(?:\s*\(\s*\d{4}[a-z]?\s*\))?"
                       r"|\b[A-Z][\w\-]+\s+(?:and|&)\s+[A-Z][\w\-]+\s*\(\s*\d{4}[a-z]?\s*\)"
                       r"|\(\s*(?:[A-Z][\w\-]+,?\s+)?\d{4}[a-z]?\s*\)|\b[a-z]+:\d{2}\b|\[[^\]]*\]")
# A name printed glued to its citation's first author ("HILDAHernault et al. (2010)"): the author
# starts at a capital that follows a letter, after at least three characters of the name.
_GLUED_AUTHOR = re.compile(r"(?<=[^\s(]{3})(?<=[A-Za-z])(?=[A-Z][a-z]+\s+(?:et\s*al\b|(?:and|&)\s+[A-Z][\w\-]+"
                           r"\s*\(\s*\d{4}))")
# What makes a citation of a row that is only one ("Davidson et al."): its authors name the row.
_CITATION_TAIL = re.compile(r"\s+et\s*al\b\.?|\(\s*\d{4}[a-z]?\s*\)")
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}\.\s+|\(\s*[A-Za-z]?\d{1,2}\s*\)\s*|[A-Za-z]\d\)\s*)")
_PARENTHETICAL = re.compile(r"\(([^()]*)\)")
# A trailing version ("UD v1.3") is a variant too: the core ("UD") names every version, ambiguously.
_VERSION = re.compile(r"\s+v\d+(?:\.\d+)*\s*$", re.IGNORECASE)
_VERSION_NEXT = re.compile(r"\s+v\d", re.IGNORECASE)  # a version after a name: which version it names
# Greek letters are words too: a header "ρ=0" or "λ = 0.1" sets a symbol the claim writes the same way.
_TOKEN = re.compile(r"[a-z0-9\u03b1-\u03c9\u03d1\u03d5\u03f5]+(?:\.[0-9]+)*[+−]?|[+−](?=[\s)\]]|$)")
# Header abbreviations read as the words claims use (only on the header side: "P" in a claim is
# rarely precision, but a column headed "P" is).
_HEADER_WORDS = {"p": "precision", "prec": "precision", "r": "recall", "rec": "recall", "f": "f1", "f1": "f1",
                 "fmeasure": "f1", "fscore": "f1", "acc": "accuracy", "em": "exactmatch",
                 # ISO 639-1 language codes, as headers of multilingual results write them
                 "en": "english", "pt": "portuguese", "de": "german", "fr": "french", "es": "spanish",
                 "zh": "chinese", "ja": "japanese", "ru": "russian", "ar": "arabic", "it": "italian",
                 "ko": "korean", "nl": "dutch", "cs": "czech", "tr": "turkish", "hi": "hindi"}
_CLAIM_WORDS = {"f1": "f1", "fmeasure": "f1", "fscore": "f1", "precision": "precision", "recall": "recall",
                "accuracy": "accuracy", "accuracies": "accuracy", "precisions": "precision", "recalls": "recall"}
_MIN_LABEL = 2
# "P=0.5984", "F = 0.29": a one-letter measure stated with its value in a claim.
_MEASURE_EQUALS = re.compile(r"\s?=\s?[\d.]")
_VARIANT_AFTER = re.compile(r"\s*[-–—]?\s*\(?(instruct|chat|base|sft|rl|thinking|non-thinking)\b", re.IGNORECASE)
_ROW_CODE = re.compile(r"^\s*\(\s*([A-Za-z]\d{1,2})\s*\)")


@dataclass(frozen=True)
class Token:
    """A word of a label or claim in comparison form, with its spelling and place in the text."""

    norm: str
    raw: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelForm:
    """One way a claim can name a label: the whole label, or its core without the variant."""

    label: str
    tokens: tuple[str, ...]
    raws: tuple[str, ...]
    whole: bool
    code: bool = False
    cut: tuple[bool, ...] = ()  # which words the header writes cut short ("Hier." of "Hier. Right Branch.")


@dataclass(frozen=True)
class Mention:
    """A label named in a claim, at [start, end) of the claim text."""

    label: str
    start: int
    end: int
    whole: bool


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character folded to one character (offsets stay those of the text): accents dropped,
    lower-cased; the minus sign kept, since `TGen−` is not `TGen`."""
    if ch in "−+":
        return ch
    folded = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
    return folded if len(folded) == 1 else ch.lower()[:1] or ch


def _merge_non(text: str) -> str:
    """`Non-thinking` names the opposite of `thinking`: one token, never a match for the other."""
    return re.sub(r"\b(non|un)[\s\-]+(?=[a-z])", r"\1", text, flags=re.IGNORECASE)


def clean_label(label: str) -> str:
    """A header as a name: marks, citations, enumerators and a leading `+` dropped; a header that
    is only a citation is named by its authors."""
    text = _MARKS.sub(" ", label.replace("**", ""))
    text = _GLUED_AUTHOR.sub(" ", text)
    cited = _CITATION.sub(" ", text)
    text = cited if cited.strip(" .,;:()") else _CITATION_TAIL.sub(" ", text)
    text = _ENUMERATOR.sub("", text)
    return " ".join(text.lstrip("+ ").split())


_F_MEASURE = re.compile(r"\bf[\s\-]?(?:measure|score)s?\b", re.IGNORECASE)


def _f1(match: re.Match[str]) -> str:
    return "F1".ljust(len(match.group(0)))


def tokens(text: str, header: bool = False) -> tuple[Token, ...]:
    """Comparison tokens of a text with their offsets (folded, header abbreviations read as words,
    "f-measure" / "F-score" as F1)."""
    unmerged = _merge_non(text)
    # "f-measure" reads "F1" padded to its length: the token spans the whole word, so the text after
    # it ("-measure") is not taken for the rest of a longer name.
    spelled = {m.start(): m.end() for m in _F_MEASURE.finditer(unmerged)}
    merged = _F_MEASURE.sub(_f1, unmerged)
    folded = "".join(_fold_char(ch) for ch in merged)
    words = _HEADER_WORDS if header else _CLAIM_WORDS
    out = []
    for match in _TOKEN.finditer(folded):
        norm = match.group(0)
        raw = merged[match.start():match.end()]
        if match.start() in spelled:
            out.append(Token(words.get(norm, norm), raw, match.start(), spelled[match.start()]))
            continue
        if raw in ("IT", "Inst", "INST") and match.start() > 0 and merged[match.start() - 1] in "-_ ":
            norm = "instruct"  # "Gemma2-9B-IT", "LLaMA3 70B Inst." name the instruction-tuned model
        elif not header and _MEASURE_EQUALS.match(merged, match.end()) and len(raw) == 1 and raw.isupper():
            norm = _HEADER_WORDS.get(norm, norm)  # "P=0.5984" states a precision, as a header "P" does
        out.append(Token(words.get(norm, norm), raw, match.start(), match.end()))
    return tuple(out)


_COUNTED = re.compile(r"^(?:num\.|no\.|number\s+of)\s*(?:of\s+)?([A-Za-z].*)$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def label_forms(label: str) -> tuple[LabelForm, ...]:
    """The whole label, and its core when a parenthesis adds a variant."""
    cleaned = clean_label(label)
    whole = tokens(cleaned)
    if len(whole) == 1:  # a header that is one abbreviation ("P", "Acc.", "EN") reads as the word
        whole = tokens(cleaned, header=True)
    forms = []
    if code_label(cleaned):
        forms.append(LabelForm(label, tuple(t.norm for t in whole), tuple(t.raw for t in whole), True, code=True))
        return tuple(forms)
    cut = cut_words(cleaned)
    if whole and (len(whole) > 1 or len(whole[0].norm) >= _MIN_LABEL or whole[0].norm in ("+", "−")):
        forms.append(LabelForm(label, tuple(t.norm for t in whole), tuple(t.raw for t in whole), True,
                               cut=_cut(whole, cut)))
    core_text = _VERSION.sub("", _PARENTHETICAL.sub(" ", cleaned))
    if core_text != cleaned:
        core = tokens(core_text)
        inside = tokens(" ".join(_PARENTHETICAL.findall(cleaned)))
        if core and inside:  # "Transformer (big)" is also "big Transformer"
            forms.append(LabelForm(label, tuple(t.norm for t in (*inside, *core)),
                                   tuple(t.raw for t in (*inside, *core)), True))
        versioned = bool(_VERSION.search(_PARENTHETICAL.sub(" ", cleaned)))
        if core and (len(core) > 1 or len(core[0].norm) >= (_MIN_LABEL if versioned else 3)):
            forms.append(LabelForm(label, tuple(t.norm for t in core), tuple(t.raw for t in core), False,
                                   cut=_cut(core, cut)))
    counted = _COUNTED.match(cleaned)
    # "Num. Heads" names what it counts, as "#Heads" does; "Layers" is "layer count"; "Transformer (base model)" is
    # "Transformer base", as a claim's "(base model)" reads (variants_spelled)
    spelled = [counted.group(1) if counted else None, counted_spelling(cleaned), variants_spelled(cleaned)]
    for what in (tokens(s) for s in dict.fromkeys(spelled) if forms and s):
        if what and all(f.tokens != tuple(t.norm for t in what) for f in forms):
            forms.append(LabelForm(label, tuple(t.norm for t in what), tuple(t.raw for t in what), True))
    code = _ROW_CODE.match(label)
    if forms and code:  # "(A5) Softmax" is also named by its code, as "(A3−A5)" does
        forms.append(LabelForm(label, (code.group(1).lower(),), (code.group(1),), True))
    return tuple(forms)


def _cut(words: tuple[Token, ...], cut: frozenset[str]) -> tuple[bool, ...]:
    """Which of a form's words are cut short (none: the empty tuple, as forms without any carry). A
    label needs a word written whole that is no function word: "% of Perf." is not "of performance"."""
    flags = tuple(len(words) > 1 and w.raw in cut for w in words)
    kept = any(not flag and w.norm not in STOPWORDS and len(w.norm) >= _MIN_LABEL
               for w, flag in zip(words, flags, strict=True))
    return flags if any(flags) and kept else ()


def _code(raw: str) -> bool:
    """A header code written in a claim ("PT", "EN", "Acc"), never a lone letter ("P=0.59")."""
    return len(raw) >= 2 and raw[0].isupper() and raw.isalpha()


def same_token(claim: Token, label_norm: str, label_raw: str) -> bool:
    """Equal tokens, or a short capitalised abbreviation of a CamelCase word (`DS` ~ `DeepSeek`)."""
    if claim.norm == label_norm or (_code(claim.raw) and _HEADER_WORDS.get(claim.norm) == label_norm):
        return True  # "PT" in a claim names the header "PT" (read as "portuguese") too
    for short, long in ((label_raw, claim.raw), (claim.raw, label_raw)):
        if (2 <= len(short) <= 3 and short.isalpha() and short.isupper() and re.search(r"[a-z]", long)
                and not long.lower().startswith(short.lower()) and initials(long) == short.lower()):
            return True
    return False


def _fits(word: Token, form: LabelForm, k: int) -> bool:
    """Whether a claim word is the form's k-th word, or spells out that word cut short ("Hier.")."""
    return same_token(word, form.tokens[k], form.raws[k]) or (
        bool(form.cut) and form.cut[k] and abbreviates(word, form.tokens[k]))


def _matches_at(words: tuple[Token, ...], i: int, form: LabelForm, slashed: frozenset[int] = frozenset()) -> int:
    """How many claim tokens from `i` spell the label form (0: none): token by token (a word cut short
    in the header spelled out, slash-joined alternatives one place: synth.verify.label_spelling), or with
    separators ignored ("MT-Bench" ~ "MTbench"); an own-row phrase with up to two words between
    its lead and its noun ("our capsule-based approach", "the proposed joint model")."""
    if is_own(form.label):
        lead, *noun = form.tokens
        if words[i].norm != lead:
            return 0
        if not noun:
            return 1
        for k in range(i + 1, min(i + 2 + _OWN_GAP, len(words))):
            if words[k].norm == noun[0]:
                return k - i + 1
            if not words[k].raw.islower():
                return 0  # "our ICA framework" names a system, which may be another table's
        return 0
    if len(form.tokens) == 1 and truncated(words[i], form.raws[0]):
        return 1  # only a one-word header: "% of Perf." is not "of performance"
    if i + len(form.tokens) <= len(words) and all(_fits(words[i + k], form, k) for k in range(len(form.tokens))):
        return len(form.tokens)
    if len(form.tokens) > 1 and any(i <= j < i + len(form.tokens) for j in slashed):
        size = slot_match(words, i, len(form.tokens), slashed, lambda word, k: _fits(word, form, k))
        if size:
            return size
    target = "".join(form.tokens)
    joined = ""
    for k in range(i, len(words)):
        joined += words[k].norm
        if joined == target:
            return k - i + 1
        if not target.startswith(joined):
            return 0
    return 0


# A suffix that compounds a name into an adjective ("GloVe-based", "BERT-style"): the name is still named.
_COMPOUNDED = re.compile(r"-(?:based|style|like|derived)\b", re.IGNORECASE)


def _glued(text: str, start: int, end: int) -> bool:
    """A match inside a longer name: `Dual2seq` in `Dual2seq-LinAMR`, `MMLU` in `MMLU-Pro`."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    after_next = text[end + 1] if end + 1 < len(text) else " "
    if _COMPOUNDED.match(text, end):
        after, after_next = " ", " "  # "GloVe-based embeddings" are GloVe's: the suffix is no longer name
    return (before in "-_/" and start > 1 and text[start - 2].isalnum()) or (
        after in "-_/" and after_next.isalnum()) or after.isalnum() or before.isalnum()


def find_mentions(text: str, forms_by_first: dict[str, list[LabelForm]], longest_only: bool = True) -> list[Mention]:
    """Labels the text names, longest first and never overlapping (`longest_only`; else every
    match, for the caller to resolve per table); `forms_by_first` indexes the candidate label
    forms by their first token (abbreviations are looked up by initials too)."""
    text = variants_spelled(text)
    words = tokens(text)
    slashed = slash_joined(text, words)
    found: list[Mention] = []
    for i, word in enumerate(words):
        keys = {word.norm, initials(word.raw)} if len(word.raw) > 3 else {word.norm}
        if _code(word.raw) and word.norm in _HEADER_WORDS:
            keys.add(_HEADER_WORDS[word.norm])
        candidates = [form for key in keys for form in forms_by_first.get(key, ())]
        candidates += forms_by_first.get(f"^{word.norm[:2]}", [])
        candidates += [form for k in range(MIN_TRUNCATED, len(word.norm) - 1)
                       for form in forms_by_first.get(word.norm[:k], ())
                       if len(form.tokens) == 1 and truncated(word, form.raws[0])]
        if word.raw.isalpha() and word.raw.isupper() and 2 <= len(word.raw) <= 3:
            candidates += forms_by_first.get(f"#{word.norm}", [])
        candidates += [form for k in range(MIN_ABBREVIATION, len(word.norm))  # "hierarchical": "Hier. Right Branch."
                       for form in forms_by_first.get(word.norm[:k], ()) if form.cut and form.cut[0]]
        if i in slashed:  # "right/left branching": the forms of the alternative after the slash start here too
            candidates += forms_by_first.get(words[i + 1].norm, [])
        for form in candidates:
            size = _matches_at(words, i, form, slashed)
            if size:
                start, end = word.start, words[i + size - 1].end
                variant = _VARIANT_AFTER.match(text, end)
                if variant and variant.group(1).lower().replace("-", "") not in form.tokens:
                    continue  # "Mixtral 8x7B – Instruct" is not the row "Mixtral 8x7B"
                if text[end:end + 1] == ")" and "(" in text[start:end]:
                    end += 1  # "DeepSeek-V2 Chat (SFT)": the variant's parenthesis is part of the name
                if not form.whole and _VERSION_NEXT.match(text, end):
                    continue  # "DeepSeek V2.5-0905" names its version, not the core "DeepSeek" of "DeepSeek V3"
                if not _glued(text, start, end):
                    found.append(Mention(form.label, start, end, form.whole))
    found += _code_mentions(text, words, forms_by_first.get(CODE_KEY, []))
    return longest(found) if longest_only else sorted(set(found), key=lambda m: (m.start, m.label))


# Every text looks code labels up under this one key: the words that name them ("key-value heads" for
# `n_kv_heads`) need not start with the label's first letters.
CODE_KEY = "_code"
_CODE_PHRASE = 4


def _code_mentions(text: str, words: tuple[Token, ...], forms: list[LabelForm]) -> list[Mention]:
    """Claim phrases of up to four words that a code label abbreviates, every word of the phrase
    stated by the label ("context length" for `context_len`, never "hidden size" for `hidden_dim`),
    after a figure or a function word: in "32 attention heads" the word "heads" is qualified by one
    the label `n_heads` does not state."""
    found = []
    for form in forms:
        for i in range(len(words)):
            if i > 0 and words[i - 1].norm not in STOPWORDS and not words[i - 1].norm[:1].isdigit():
                continue
            for size in range(min(_CODE_PHRASE, len(words) - i), 0, -1):
                start, end = words[i].start, words[i + size - 1].end
                if abbreviated_property(text[start:end], plain(form.label), every_word=True) and \
                        not _glued(text, start, end):
                    found.append(Mention(form.label, start, end, True))
                    break
    return found


def longest(mentions: list[Mention]) -> list[Mention]:
    """Mentions that no longer overlapping mention contains: "Dual2seq-LinAMR", not "Dual2seq"."""
    ordered = sorted(set(mentions), key=lambda m: (-(m.end - m.start), m.start, m.label, not m.whole))
    kept: list[Mention] = []
    for mention in ordered:
        if not any(mention.start < k.end and k.start < mention.end and (k.end - k.start) > (mention.end - mention.start)
                   for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.label))


def with_variant(label: str, variant: str | None) -> tuple[LabelForm, ...]:
    """A model header in a table whose caption says which kind of models it compares ("Qwen2.5-72B"
    in a table of instruction-tuned models) names that variant: `Qwen2.5-72B-Instruct`; in a
    table of base models the bare name names the base model as well."""
    forms = label_forms(label)
    if variant is None or not forms or not re.search(r"\d", label) or not re.search(r"[A-Za-z]", label):
        return forms
    whole = forms[0]
    if whole.tokens[-1] in ("instruct", "chat", "it", "base", "sft", "rl"):
        return forms
    extended = LabelForm(label, (*whole.tokens, variant), (*whole.raws, variant.capitalize()), True,
                         cut=(*whole.cut, False) if whole.cut else ())
    return (extended, *forms[1:]) if variant == "instruct" else (extended, *forms)


VARIANT_MARK = "\x1f"


def keyed(label: str, variant: str | None, family: str | None = None) -> str:
    """The index key of a label in a table whose caption gives its models a variant, or a family
    to a bare size ("72B" in a table of Qwen2.5 models is Qwen2.5-72B)."""
    if not variant and not family:
        return label
    return f"{label}{VARIANT_MARK}{variant or ''}{VARIANT_MARK}{family or ''}"


FAMILY_MARK = "\x1e"


def family_key(stem: str) -> str:
    """The index key of a family of labels that share a stem ("Audio2vec" for Audio2vec-U and
    Audio2vec-C): a claim naming the stem names every member, ambiguously (never one of them)."""
    return f"{FAMILY_MARK}{stem}"


OWN_MARK = "\x1d"
# How a paper's claims name the row it marks as its own: "our model", "the proposed method", "ours".
OWN_NOUNS = ("model", "models", "method", "approach", "system", "framework", "architecture")
_OWN_GAP = 2
OWN_PHRASES = (*((lead, noun) for lead in ("our", "proposed") for noun in OWN_NOUNS), ("ours",))


def own_key(label: str) -> str:
    """The index key under which a table's own row (or column) is named by "our model" and the like
    (synth.verify.cells.own_label), never by the label's own words: those have their own key."""
    return f"{OWN_MARK}{label}"


def is_own(key: str) -> bool:
    return key.startswith(OWN_MARK)


def plain(key: str) -> str:
    """The label as printed, from its index key."""
    return key.split(VARIANT_MARK, 1)[0].removeprefix(FAMILY_MARK).removeprefix(OWN_MARK)


def index_forms(keys: list[str]) -> dict[str, list[LabelForm]]:
    """Label forms keyed by first token (and by initials of a CamelCase first token, under `#`);
    a key made by `keyed` gives a model label the variant of its table."""
    out: dict[str, list[LabelForm]] = {}
    for key in dict.fromkeys(keys):
        if is_own(key):
            for words in OWN_PHRASES:
                out.setdefault(words[0], []).append(LabelForm(key, words, words, True))
            continue
        label, variant, family = ([*key.split(VARIANT_MARK), "", ""])[:3]
        prefix = tokens(family) if family else ()
        stem = label.startswith(FAMILY_MARK)
        for raw in with_variant(label.removeprefix(FAMILY_MARK), variant or None):
            form = LabelForm(key, (*(t.norm for t in prefix), *raw.tokens), (*(t.raw for t in prefix), *raw.raws),
                             raw.whole and not stem, raw.code, ((False,) * len(prefix) + raw.cut) if raw.cut else ())
            out.setdefault(form.tokens[0], []).append(form)
            if raw.code:
                out.setdefault(CODE_KEY, []).append(form)
            if len(form.tokens) == 1 and len(form.tokens[0]) > 2:  # "MTbench" is spelled "MT-Bench" too
                out.setdefault(f"^{form.tokens[0][:2]}", []).append(form)
            lead = initials(form.raws[0])
            if len(form.raws[0]) > 3 and len(lead) >= 2:
                out.setdefault(f"#{lead}", []).append(form)
    _add_baseline_parts(out)
    add_sibling_variants(keys, out)
    return out


# A parenthesis that names a variant on its own: a name (a capital or a digit in it), not a word ("big", "dev").
_VARIANT_NAME = re.compile(r"^(?=.*[A-Z0-9])[A-Za-z0-9][\w.+-]{2,}$")


def add_sibling_variants(keys: list[str], out: dict[str, list[LabelForm]]) -> None:
    """Labels that differ only in their parenthesis ("+BoC (GloVe)", "+BoC (Wiki-PubMed-PMC)") are
    told apart by it: a claim naming "GloVe" names that row, when no other sibling's parenthesis
    holds the name and it is no label of its own ("+BoC(Wiki-PubMed-PMC)+SEs", whose core has no
    sibling, is not one of them)."""
    by_inside: dict[str, set[tuple[str, str]]] = {}
    cores: dict[str, int] = {}
    for key in keys:
        if is_own(key) or VARIANT_MARK in key or key.startswith(FAMILY_MARK):
            continue
        inside = _PARENTHETICAL.findall(clean_label(key))
        core = " ".join(_PARENTHETICAL.sub(" ", clean_label(key)).split())
        if len(inside) == 1 and core and _VARIANT_NAME.match(inside[0].strip()):
            by_inside.setdefault(inside[0].strip(), set()).add((key, core))
            cores[core] = cores.get(core, 0) + 1
    plain_labels = {clean_label(k).lower() for k in keys}
    for name, owners in sorted(by_inside.items()):
        siblings = [(key, core) for key, core in owners if cores[core] >= 2]
        if len(siblings) != 1 or name.lower() in plain_labels or not (words := tokens(name)):
            continue
        key = siblings[0][0]
        out.setdefault(words[0].norm, []).append(
            LabelForm(key, tuple(t.norm for t in words), tuple(t.raw for t in words), True))


_BASELINE_NOUNS = ("baseline", "baselines")


def _add_baseline_parts(out: dict[str, list[LabelForm]]) -> None:
    """"the strong lemma baseline" names the row `Cluster+Lemma`: a word of a several-word label
    followed by "baseline" names that label, when that word is in no other label and is no label
    of its own (then "lemma" would name the row `Lemma`)."""
    whole = [f for forms in out.values() for f in forms if f.whole and not f.code and not is_own(f.label)]
    singles = {f.tokens[0] for f in whole if len(f.tokens) == 1}
    owners: dict[str, set[str]] = {}
    spelled: dict[tuple[str, str], str] = {}
    for form in whole:
        if len(form.tokens) < 2 or any(t in _BASELINE_NOUNS for t in form.tokens):
            continue
        for norm, raw in zip(form.tokens, form.raws, strict=True):
            word = norm.rstrip("+−")
            if word.isalpha() and len(word) >= 3 and word not in singles:
                owners.setdefault(word, set()).add(form.label)
                spelled[(word, form.label)] = raw.rstrip("+−")
    for word, labels in sorted(owners.items()):
        if len(labels) != 1 or word in _BASELINE_NOUNS:
            continue
        label = next(iter(labels))
        for noun in _BASELINE_NOUNS:
            out.setdefault(word, []).append(LabelForm(label, (word, noun), (spelled[(word, label)], noun), False))
