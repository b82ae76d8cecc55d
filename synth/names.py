"""Names and labels compared the way a reader compares them.

A table header "DeepSeek-V3 Base" is DeepSeek-V3 (its base variant), "DeepSeek-V2-Lite" is another
model than DeepSeek-V2, and "Qwen3-235B-A22B" is one member of the Qwen3 family. A row label
"LiveCodeBench v5" is LiveCodeBench (version 5), "HumanEval (Pass@1)" is HumanEval in its pass@1
setting, "HumanE" is HumanEval cut short by a narrow column, but "MMLU-Pro" is another benchmark
than MMLU. The words that make a label a *variant* rather than another thing are general
evaluation and training-stage words (base, chat, instruct, thinking, pass@k, shots, versions and
dates), never names of particular models or benchmarks.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from synth.claimparse import _NAME_PART
from synth.text import STOPWORDS, fold

# Training-stage and release words: what turns a model name into one of its variants.
_VARIANT_WORDS = {
    "base": "base", "pretrained": "base", "pre-trained": "base",
    "chat": "chat", "instruct": "instruct", "inst": "instruct", "instruction-tuned": "instruct",
    "it": "instruct", "sft": "SFT", "rl": "RL", "rlhf": "RLHF", "dpo": "DPO",
    "thinking": "thinking", "think": "thinking", "reasoning": "thinking",
    "non-thinking": "non-thinking", "nonthinking": "non-thinking", "no-think": "non-thinking",
    "dense": "dense", "moe": "MoE", "long-cot": "long-CoT", "short-cot": "short-CoT",
}
# Evaluation-setting words: what turns a benchmark label into one of its settings.
_SETTING_WORD = re.compile(
    r"^(?:pass@\d+|maj@\d+|cons@\d+|best@\d+|\d+-?shots?|shots?|zero-?shot|few-?shot|cot|em|acc\.?|accuracy|"
    r"f1|strict|loose|prompt|instance|avg\.?|average|score|rating|percentile|correct|bpb|ppl|loss|elo|mcq|"
    r"subjects?|in|of|for|the|and|with|v\d+(?:\.\d+)*|\d{4}(?:-\d{2}){0,2}|\d+|[a-z]{3}-[a-z]{3})$"
)
_VERSION = re.compile(r"^(?:v\d+(?:\.\d+)*|\d{4}(?:-\d{2}){0,2}|\d{3,4})$")
_SIZE = re.compile(r"^(?:\d+(?:\.\d+)?[kmbt]|\d+x\d+(?:\.\d+)?[bm]|a\d+(?:\.\d+)?b|\d+(?:\.\d+)?b-?a\d+(?:\.\d+)?b)$")
_SIZE_IN_NAME = re.compile(
    r"[\s\-_]*(?<![a-z0-9])(?:\d+\s*[x×]\s*\d+(?:\.\d+)?\s*[BM]|\d+(?:\.\d+)?\s*[BMK](?:[-_ ]?A\d+(?:\.\d+)?B)?)"
    r"(?![a-z0-9])", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9@]+(?:[.\-@][a-z0-9@]+)*\.?|\([^)]*\)|[+*/&]", re.IGNORECASE)
_GENERIC = frozenset({"count", "counts", "number", "numbers", "amount", "total-number", "value", "values",
                      "figure", "figures", "#", "no", "num", "model", "models", "the"})


_SUFFIXES = ("izations", "ization", "isations", "isation", "ations", "ation", "ements", "ement", "ments", "ment",
             "ities", "ity", "ated", "ates", "ate", "izes", "ized", "ize", "ises", "ised", "ise",
             "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "al", "s", "e")


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """A crude stem, enough for `activated`/`active`/`activation`, `params`/`parameters`, `trained`/
    `training` to meet: suffixes stripped while at least three letters remain."""
    word = fold(word)
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    return word


@lru_cache(maxsize=65536)
def name_regex(name: str) -> re.Pattern[str]:
    """A name in folded text whatever its separators (`Qwen2.5-72B` ~ `qwen 2.5 72b`; `CNN/Daily Mail`, `supervised +
    60k fine-tune`), never inside a longer token (`GPT-4` in `GPT-4o`, `Qwen2.5-1.5B` as `Qwen2.5-15B`); what
    follows is left to the caller to judge (a variant, a setting, or another model)."""
    parts = _NAME_PART.findall(fold(name))
    if not parts:
        return re.compile(r"(?!x)x")
    pattern = re.escape(parts[0])
    # "Recall@20" is the label "Recall@20": a name spelt with "@" keeps it as a separator (only such a name)
    joins = r"[\s\-_.'+/@]*" if "@" in name else r"[\s\-_.'+/]*"
    for previous, part in itertools.pairwise(parts):
        both_numeric = previous[0].isdigit() and part[0].isdigit()
        pattern += (r"[\s\-_]+" if both_numeric else joins) + re.escape(part)
    return re.compile(r"(?<![a-z0-9])" + pattern + r"(?![a-z0-9]|\.\d)")


@lru_cache(maxsize=65536)
def canonical(name: str) -> str:
    """Comparison form: case-folded, runs of spaces, hyphens and underscores as one hyphen (kept per
    name: a table printed again asks it of the same labels once per copy)."""
    return re.sub(r"[\s_\-]+", "-", fold(name)).strip("-")


def family(name: str) -> str:
    """The name without its size and variant words: `Qwen3-235B-A22B` → `Qwen3`, `Mixtral 8x7B` →
    `Mixtral`, `DeepSeek-V3 Base` → `DeepSeek-V3`; a name with neither is its own family."""
    core = _SIZE_IN_NAME.sub("", name)
    words = core.split()
    while words and (fold(words[-1]).strip("().-") in _VARIANT_WORDS or words[-1] in ("–", "—", "-")):
        words.pop()
    return " ".join(words).strip(" -_–—") or name


def size_of(name: str) -> str | None:
    match = _SIZE_IN_NAME.search(name)
    return match.group(0).strip(" -_") if match else None


def size_first(spelling: str) -> str | None:
    """A sized name as a question may write it, its size first ("3B DIFF Transformer" for "DIFF Transformer 3B"),
    or None when the name does not end in its size."""
    size = size_of(spelling)
    head = spelling[:-len(size)].strip() if size and spelling.endswith(size) else ""
    return f"{size} {head}" if head else None


@dataclass(frozen=True)
class NameMatch:
    """How a label relates to a subject: the same model (with a variant), or a member of its family."""

    label: str
    variant: str | None
    member: str | None = None


# A reference number printed after a row's name: "Janus [46]", "ConvS2S [9]", "GPT-4 [1, 2]"
_CITED = re.compile(r"\s*\[\d+(?:\s*[,–\-]\s*\d+)*\]")


# "Llama 3 1T Tokens", "BLT-Entropy 4.5T Bytes": the amount of data a model was trained on, a setting as "(1T tokens)"
# is, never a member size
_DATA_AMOUNT = re.compile(r"(?<![\w(.])(\d+(?:\.\d+)?\s?[KMBT])\s+(tokens|bytes|words|characters)\b", re.IGNORECASE)


def uncited(label: str) -> str:
    """A label without its reference numbers: "DALL-E 3 [2]" is the model DALL-E 3; a claim naming it with "[2]"
    would be checked for a figure 2."""
    return " ".join(_CITED.sub(" ", label).split())


def _remainder_tokens(rest: str) -> list[str]:
    """Tokens after a matched name; a hyphenated token is split ("72B-Instruct" → 72B, Instruct) unless it is
    a variant, a size or a version as a whole ("non-thinking", "235B-A22B", "2024-11-25"). A reference number
    ("Janus [46]") cites the model's paper: no variant of it."""
    out: list[str] = []
    for token in _TOKEN.findall(_CITED.sub(" ", rest)):
        bare = fold(token).strip(".-")
        if not bare:
            continue
        if token.startswith("(") or "-" not in bare or bare in _VARIANT_WORDS or _SIZE.match(bare) \
                or _VERSION.match(bare) or _SETTING_WORD.match(bare):
            out.append(token)
        else:
            out.extend(part for part in token.split("-") if part.strip("."))
    return out


def _variant_of(tokens: list[str]) -> tuple[list[str], bool]:
    """The variant words a label's remainder spells, and whether anything else is left (another model)."""
    words: list[str] = []
    for token in tokens:
        bare = fold(token).strip(".-")
        if token.startswith("("):
            inner = token.strip("()").strip()
            sub, other = _variant_of(_remainder_tokens(inner))
            words.append(" ".join(sub) if not other and sub else inner)
            continue
        if bare in _VARIANT_WORDS:
            words.append(_VARIANT_WORDS[bare])
        elif _VERSION.match(bare) or (_SETTING_WORD.match(bare) and "@" in bare):
            words.append(token.strip(".-"))
        else:
            return words, True
    return words, False


def match_entity(spellings: tuple[str, ...], label: str) -> NameMatch | None:
    """Whether a table's entity label names the subject (or, for a family name such as `Qwen3`,
    one sized member of it), with the variant the rest of the label spells. Variant words inside
    the name count too: `DeepSeekMoE Chat 16B` is DeepSeekMoE 16B (chat)."""
    found = _match_entity(spellings, label)
    if found is not None:
        return found
    grouped = _GROUP_PREFIX.match(label)
    if grouped and grouped.end() < len(label):  # "Vision-Language Model GPT-4o 0513": a header path, group first
        found = _match_entity(spellings, label[grouped.end():])
        if found is not None:
            return NameMatch(label, found.variant, found.member)
    bracketed = _BRACKETED_MEMBER.search(label)
    if bracketed:  # "Transformer (base model)", "Transformer (big)": the member written in brackets
        found = _match_entity(spellings, f"{label[:bracketed.start()]} {bracketed.group(1)}")
        return NameMatch(label, found.variant, found.member) if found is not None else None
    staged = _STAGE_AFTER.search(label)
    if staged and staged.start() > 0:  # "Janus-Pro-7B Stage 2": the model at one stage of its training
        found = match_entity(spellings, label[:staged.start()])
        if found is not None:
            stage = " ".join(staged.group(0).split())
            return NameMatch(label, f"{found.variant} {stage}" if found.variant else stage, found.member)
    words = label.split()
    inner = [w for w in words[1:-1] if fold(w).strip("().-") in _VARIANT_WORDS]
    if not inner:
        return None
    rest = " ".join(w for w in words if w not in inner)
    found = _match_entity(spellings, rest)
    if found is None:
        return None
    variant = " ".join([*(_VARIANT_WORDS[fold(w).strip("().-")] for w in inner), *([found.variant] if found.variant
                                                                                  else [])])
    return NameMatch(label, variant, found.member)


_STAGE_AFTER = re.compile(r"\s+(?:Stage|Phase)\s*(?:\d{1,2}|[IVX]{1,4})$")
# A group label over several models' columns, joined to each model's label: "Language-only Model", "Open-Source Models"
_GROUP_PREFIX = re.compile(r"^(?:[A-Za-z][\w\-]*\s+){1,3}Models?\s+")
_BRACKETED_MEMBER = re.compile(r"\s*\(\s*(tiny|small|medium|base|large|big|huge|giant|xl|xxl)(?:\s+models?)?\s*\)\s*$",
                               re.IGNORECASE)


def _match_entity(spellings: tuple[str, ...], label: str) -> NameMatch | None:
    folded = fold(label).strip()
    for spelling in spellings:
        found = name_regex(spelling).match(folded)
        if not found:
            continue
        rest = label[found.end():] if len(folded) == len(label) else folded[found.end():]
        tokens = _remainder_tokens(_DATA_AMOUNT.sub(r"(\1 \2)", rest))
        member = None
        if tokens and _SIZE.match(fold(tokens[0]).strip(".-")) and not size_of(spelling):
            member_tokens = [tokens.pop(0)]
            while tokens and _SIZE.match(fold(tokens[0]).strip(".-")):
                member_tokens.append(tokens.pop(0))
            member = _member_name(label, found.end(), member_tokens)
        words, other = _variant_of(tokens)
        if other:
            continue
        return NameMatch(label, " ".join(words) or None, member)
    return None


def _member_name(label: str, start: int, sizes: list[str]) -> str:
    """The label up to its last size token: `Qwen3-235B-A22B Base` → `Qwen3-235B-A22B`."""
    position = start
    folded = fold(label)
    for size in sizes:
        at = folded.find(fold(size).strip(".-"), position)
        if at < 0:
            break
        position = at + len(fold(size).strip(".-"))
    return label[:position].strip(" -_")


def words_of(label: str) -> frozenset[str]:
    """Stemmed content words of a label, generic counting words and stop words left out."""
    found = set()
    for token in re.findall(r"[a-z][a-z0-9]*|\d+(?:\.\d+)?", fold(label).replace("#", " ")):
        if token in STOPWORDS or token in _GENERIC:
            continue
        found.add(key(token))
    return frozenset(found)


def same_word(a: str, b: str) -> bool:
    """`param` ~ `parameter`, `norm` ~ `normal`: equal stems, or one a prefix (4+ letters) of the other."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and short.isalpha()


# A schedule's highest value is written "peak", "max", "maximum" or "maximal": one word for a label's reading
# ("peak learning rate" is Whisper's "Max Learning Rate", as synth.retrieve.asks.lexicon reads sentences).
_PEAK = frozenset(key(w) for w in ("peak", "max", "maximum", "maximal"))


def same_label_word(a: str, b: str) -> bool:
    """Two words of labels alike: one stem, or two peak words."""
    return same_word(a, b) or (a in _PEAK and b in _PEAK)


def contains_words(have: frozenset[str], wanted: frozenset[str]) -> bool:
    return all(any(same_label_word(w, h) for h in have) for w in wanted)


@dataclass(frozen=True)
class LabelMatch:
    """How a table label relates to an asked attribute: the setting it adds, if any."""

    label: str
    setting: str | None
    abbreviated: bool = False


@lru_cache(maxsize=65536)
def _initials_of(spelling: str) -> str | None:
    """"NQ" for NaturalQuestions or Natural Questions: the capitals opening each part of a name of two to four
    parts, which a narrow column prints instead of the name."""
    parts = re.findall(r"[A-Z][a-z]+", spelling)
    if not 2 <= len(parts) <= 4 or "".join(parts) != re.sub(r"[\s\-]", "", spelling):
        return None
    return "".join(p[0] for p in parts)


# "AIME’25" is AIME 2025: a year written by its last two digits after an apostrophe
_SHORT_YEAR = re.compile(r"\s*['’](\d{2})(?!\d)")


def full_years(text: str) -> str:
    """"AIME’25" → "AIME 2025": a label's short year written in full, as a question writes it."""
    return _SHORT_YEAR.sub(r" 20\1", text)


def match_label(spelling: str, label: str) -> LabelMatch | None:
    """Whether a metric label is the asked attribute, in some setting: `LiveCodeBench v5`,
    `HumanEval (Pass@1)`, `LiveCodeBench-CoT Pass@1` are; `MMLU-Pro`, `HumanEval-Mul` are not.
    A header cut short by a narrow column (`HumanE`) matches mid-word (`HumanE|val`); a year is one however written
    (`AIME’25` is `AIME 2025`)."""
    if _SHORT_YEAR.search(label) or _SHORT_YEAR.search(spelling):
        found = match_label(full_years(spelling), full_years(label))
        if found:
            return LabelMatch(label, found.setting, found.abbreviated)
    folded = fold(label).strip()
    found = name_regex(spelling).match(folded)
    if found:
        rest = label[found.end():] if len(folded) == len(label) else folded[found.end():]
        tokens = _remainder_tokens(_DATA_AMOUNT.sub(r"(\1 \2)", rest))
        setting: list[str] = []
        for token in tokens:
            inner = token.strip("()").strip() if token.startswith("(") else token
            if token.startswith("(") or all(_SETTING_WORD.match(fold(t).strip(".-")) or fold(t).strip(".-") in
                                            ("base", "chat", "instruct") for t in inner.split("-") if t):
                setting.append(inner)
            else:
                return None
        return LabelMatch(label, " ".join(setting) or None)
    unbracketed = " ".join(re.sub(r"[()]", " ", folded).split())
    if unbracketed != folded and name_regex(spelling).fullmatch(unbracketed):
        return LabelMatch(label, None)  # "Pile-test BPB" is the label "Pile-test (BPB)": the measure, bracketed
    if _initials_of(spelling) == label.strip():
        return LabelMatch(label, None, abbreviated=True)  # "NQ" over a column of NaturalQuestions scores
    if _hyphen_initial(spelling) == fold(label).strip() or _hyphen_initial(label) == fold(spelling).strip():
        return LabelMatch(label, None, abbreviated=True)  # "ARC-C" over a column of ARC-Challenge scores
    spelled = fold(spelling)
    if (len(folded) >= 5 and folded.isalnum() and len(spelled) > len(folded) and spelled.startswith(folded)
            and spelled[len(folded)].isalpha() and spelled[len(folded) - 1].isalpha()):
        return LabelMatch(label, None, abbreviated=True)
    return None


def _hyphen_initial(name: str) -> str | None:
    """"ARC-Challenge" → "arc-c": a name whose last hyphenated part (a word of three letters or more) is written
    by its initial, as tables do in narrow columns ("ARC-C", "ARC-E")."""
    found = re.fullmatch(r"([A-Za-z0-9]+)-([A-Za-z][a-z]{2,})", name.strip())
    return f"{fold(found.group(1))}-{found.group(2)[0].lower()}" if found else None


_DEFAULT_MODIFIERS = frozenset({key("total"), key("overall")})


# Modifiers a noun goes without in a model's description: "a Transformer with 36 layers, 20 heads" counts its
# attention heads.
_IMPLIED_BY = {key("heads"): frozenset({key("attention")})}


def implied_modifiers(asked: frozenset[str]) -> frozenset[str]:
    """The asked modifiers its noun goes without ("attention" of "attention heads")."""
    implied = frozenset().union(*(_IMPLIED_BY.get(a, frozenset()) for a in asked))
    return asked & implied


def default_modifiers(asked: frozenset[str]) -> frozenset[str]:
    """Modifiers an unqualified label is read with: "47B parameters" is the total parameter count, "20 heads" the
    attention heads."""
    return frozenset(w for w in asked if w in _DEFAULT_MODIFIERS) | implied_modifiers(asked)


def match_property(asked: frozenset[str], default: frozenset[str], label: str) -> LabelMatch | None:
    """Whether a property label (`# Total Params`, `Activated Params`) is the asked property: every
    asked word is in the label (a default modifier such as `total` may be left out), and the label
    adds nothing but a setting in brackets."""
    metric = re.sub(r"\([^)]*\)", " ", label)
    setting = " ".join(s.strip() for s in re.findall(r"\(([^)]*)\)", label)) or None
    have = words_of(metric)
    if not have or not contains_words(have, asked - default):
        return None
    if not contains_words(asked, have):
        return None
    return LabelMatch(label, setting)


def variant_words(text: str) -> str | None:
    """`Thinking` → `thinking`, `Non-thinking` → `non-thinking`, `Chat (RL)` → `chat RL`; None when the
    text names something else than a variant."""
    words, other = _variant_of(_remainder_tokens(text))
    return " ".join(words) if words and not other else None
