"""Counts and settings a sentence states next to the asked attribute's words ("36 trillion tokens",
"671B total parameters", "a batch size of 4608")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from synth import claimparse
from synth.models import PlanAttribute
from synth.names import default_modifiers, implied_modifiers, key, same_word, words_of
from synth.retrieve.asks.bounds import ALTERNATIVES, family_bound, in_range
from synth.retrieve.asks.clauses import in_own_clause
from synth.retrieve.asks.counted import SUBSET_WORDS, counts_other, singular, spelled_values, subset_values, verb_values
from synth.retrieve.asks.hardware import ACCELERATOR, HARDWARE_AFTER
from synth.retrieve.asks.lexicon import (
    PEAK,
    PLAIN,
    REPEATED,
    REPEATS,
    WORD,
    has_word,
    measured_noun,
    same_measures,
    word_tokens,
)
from synth.retrieve.asks.memory import memory_values
from synth.retrieve.asks.per_unit import asks_per_unit, per_unit, time_per_unit_values
from synth.retrieve.asks.percents import percent_values
from synth.retrieve.asks.schedules import WARMUP, schedule_values
from synth.retrieve.asks.shares import share_values
from synth.retrieve.asks.spaced import spaced_thousands
from synth.retrieve.asks.speedups import speedup_values
from synth.retrieve.asks.thresholds import threshold_values
from synth.retrieve.asks.totals import total_values
from synth.scientific import SCIENTIFIC, scientific_value
from synth.text import CHOOSING, STOPWORDS, chosen_count

_SCALE_UNIT = {"trillion": "T", "billion": "B", "million": "M", "thousand": "K"}
# Nouns whose amount is counted in another unit: "how much data" is answered in tokens.
_MASS_NOUNS = frozenset(key(w) for w in ("data", "corpus", "dataset", "compute", "budget", "amount", "size"))
# Nouns a magnitude stands for when left out ("21B are activated for each token" counts parameters, never experts).
_IMPLIED_NOUNS = frozenset(key(w) for w in ("parameters", "params", "weights", "tokens"))
_PART_OF = re.compile(r"\b\d[\d,]*\s+out\s+of\s+(?:the\s+)?\d", re.IGNORECASE)
_LENGTH_NOUNS = r"context|sequence|window|length"
_LENGTH_OF = re.compile(rf"\b(?:{_LENGTH_NOUNS})s?(?:\s+(?:size|length|window))?\s*(?:of|to|is|are|was|were|=|:|"
                        r"from\s+[\d.,]+\s*[KMBk]?\s+to)\s*"
                        r"(?:up\s+to\s+)?$", re.IGNORECASE)
_LENGTH_WORDS = re.compile(rf"\b(?:{_LENGTH_NOUNS})", re.IGNORECASE)
# "Completions are 256 tokens": the length of each item the sentence is about, not an amount of the asked tokens
_ITEMS_ARE = re.compile(r"\b(?:completions|generations|responses|samples|segments|documents|passages|contexts|"
                        r"sequences|examples)\s+"
                        r"(?:are|were)\s+(?:about\s+|approximately\s+|roughly\s+)?$", re.IGNORECASE)
# "we generate 100 tokens with Top-k random sampling": the tokens a model outputs, asked only as what it generates
_GENERATED = re.compile(r"\b(?:generat|sampl|output|produc)\w*\s+(?:up\s+to\s+|about\s+|approximately\s+)?$",
                        re.IGNORECASE)
# "approximately 256 tokens worth of paragraphs", "at least 50 tokens of context": the size of what follows, not an
# amount of the asked tokens
_WORTH_OF = re.compile(r"^[\d.,]+\s*[KMBT]?\s+[A-Za-z][\w\-]*\s+(?:worth\s+of|of\s+context)\b", re.IGNORECASE)
_LOWER_THOUSANDS = re.compile(r"(?<![\w.\-/])(\d+(?:\.\d+)?)k(?![\w-])")
_WHOLE_SET = re.compile(r"\bout\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_POOL = re.compile(r"\b(?:subset|sample|selection)\s+of\s+(?:the\s+)?[\d,]+\s+[^.;]{0,40}?\bfrom\s+(?:the\s+|all\s+)?$",
                   re.IGNORECASE)

# A magnitude letter the sentence also writes alone beside an operator ("= 0.27B 96+B between learning rate and B", a
# formula flattened into text): B is the formula's variable, so "0.27B" is a coefficient, not 0.27 billion.
_OPERATOR = r"[+*/=×^−]"


def _symbol_scale(text: str, raw: str) -> bool:
    """The figure's magnitude letter is a variable of a formula in the sentence, not a scale."""
    letter = raw.rstrip()[-1:]
    if letter not in ("K", "M", "B", "T"):
        return False
    return re.search(rf"{_OPERATOR}\s*{letter}(?![\w.])|(?<![\w.]){letter}\s*{_OPERATOR}", text) is not None


def _scale(raw: str, quantity: claimparse.Quantity) -> tuple[float, str | None]:
    word = re.search(r"(trillion|billion|million|thousand)", raw, re.IGNORECASE)
    if word:
        return float(raw[: word.start()].replace(",", "").strip()), _SCALE_UNIT[word.group(1).lower()]
    suffix = re.search(r"([KMBT]|(?<=\d)k)\s*$", raw)
    if suffix:  # "128k" is 128 K, as "128K" is
        return float(raw[: suffix.start()].replace(",", "").strip()), suffix.group(1).upper()
    return quantity.value, None


@lru_cache(maxsize=65536)
def sentence_quantities(text: str) -> tuple[claimparse.Quantity, ...]:
    """The sentence's figures, and a thousand written as a lower-case k ("scales to 128k context length"), which
    claims parsing reads as a setting's name ("LV-Eval at 16k") and retrieval reads as the figure it is."""
    found = claimparse.quantities(text)
    taken = [(q.start, q.end) for q in found]
    extra = tuple(claimparse.Quantity(float(m.group(1)) * 1e3, "scale", m.group(0), m.start(), m.end(),
                                      len(m.group(1).split(".")[1]) if "." in m.group(1) else 0)
                  for m in _LOWER_THOUSANDS.finditer(text) if not any(s <= m.start() < e for s, e in taken))
    return tuple(sorted((*found, *extra), key=lambda q: q.start)) if extra else found


def _words_around(text: str, start: int, end: int, before: int, after: int) -> tuple[list[str], list[str]]:
    """Word keys before and after a span, stopping at clause punctuation."""
    tokens = word_tokens(text)
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


def _counts_head(words: Iterable[str], head: str) -> bool:
    """The words after a figure name the counted thing, never the agent that makes it: "2T tokens" counts tokens,
    not a "tokenizer" (the stems meet as token / tokeniz)."""
    return any(has_word([w], head) and not (head.startswith(w) and head[len(w):len(w) + 2] in ("iz", "is"))
               for w in words)


# A capitalised word (and a version number) right before a size: "Chinchilla 70B", "Llama 2 70B".
_NAME_BEFORE = re.compile(r"\b[A-Z][\w\-.]*(?:\s+\d+(?:\.\d+)?)?\s+$")
_PER = re.compile(r"\s+(?:per|in each|for each)\s+", re.IGNORECASE)
_NEXT_ITEM = re.compile(r"\b(?:and|or|with)\s+(?:a|an|the|its|their)\b", re.IGNORECASE)


# A figure right after another of the same noun phrase ("128 random 2048 token segments") measures each one, in the
# noun written after it; the first figure counts them.
# A figure of another part of the sentence ("3.2e-4 with 1000 warmup steps") is joined to it by a function word.
_MEASURE_OF_EACH = re.compile(r"(?<![\w.,\-−])\d[\d,]*(?:\.\d+)?\s+(?:(?!(?:with|and|or|of|to|for|in|on|at|by|from|"
                              r"than|vs|over|per|each|every)\b)[a-z]+\s+)?$")


# "22 TPU v3 core-years", "300 GPU hours": the counted noun is the first half of a unit, so the figure is an amount
# of that unit, never a count of the noun
_UNIT_AFTER = re.compile(r"^[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b", re.IGNORECASE)


# "the time in second per 1k training steps", "after every 30k training steps": the figure is a rate's denominator
# or an interval, so it counts no amount of the noun
_DENOMINATOR = re.compile(r"\b(?:per|every)\s+$", re.IGNORECASE)


# "10 random samples per template are reviewed manually": a sample drawn from the set, not the set's size
_DRAWN = re.compile(r"^\s+random(?:ly)?\b", re.IGNORECASE)


def _drawn(text: str, end: int, attribute: PlanAttribute) -> bool:
    """The figure counts a random draw from what is asked ("Once data are generated, 10 random samples per template
    are reviewed manually"; GSM-Symbolic generates 50), unless the question asks about a random draw."""
    return _DRAWN.match(text[end:end + 12]) is not None and "random" not in attribute.name.lower()


# "scaling study of byte-level models up to 8B parameters", "models at multiple scales from 1B up to 8B parameters":
def _without_own_stage(attribute: PlanAttribute) -> str:
    """"fine-tuning dropout rate", asked at the fine-tuning stage: the stage names which dropout rate (the stage filter
    reads it), no word the value's sentence must write ("we use a dropout rate of 0.1" under "3.3 Fine-Tuning")."""
    prefix = f"{attribute.stage} " if attribute.stage else ""
    if prefix and attribute.name.lower().startswith(prefix.lower()) and len(attribute.name) > len(prefix):
        return attribute.name[len(prefix):]
    return attribute.name


def quantity_values(text: str, attribute: PlanAttribute, contrast: frozenset[str], speedups: bool = True
                    ) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the counts a sentence gives for a quantity attribute: the
    attribute's noun right after the figure ("36 trillion tokens", "671B total parameters") or its
    modifier right after it ("37B activated"), every other modifier nearby, no contrasting modifier
    ("13B active parameters" is not the total); a speed-up's multiples only when `speedups` (the question names no
    baseline the multiple would have to be over)."""
    asked = words_of(_without_own_stage(attribute))
    if not asked:
        return []
    text = claimparse.mask_citations(text)  # "The RoPE [36] θ is increased to 640,000": the reference is no word
    named = _PER.split(attribute.name.lower())[0]  # "experts per token": experts
    head = sorted(asked, key=lambda w: (named.rfind(w[:4]), w))[-1]
    modifiers = asked - {head} - default_modifiers(asked)
    sentence_words = [key(w) for w, _, _ in word_tokens(text)]
    whole = not asks_per_unit(attribute.name)
    out = []
    for quantity in sentence_quantities(text):
        if quantity.unit != "scale" or in_range(text, quantity.start, quantity.end) or _drawn(
                text, quantity.end, attribute):
            continue
        if _DENOMINATOR.search(text[max(0, quantity.start - 7):quantity.start]):
            continue  # "the time in second per 1k training steps": not a number of training steps
        if _symbol_scale(text, quantity.raw):
            continue  # "= 0.27B 96+B between learning rate and B": a coefficient of the variable B
        if whole and per_unit(text, quantity.start, quantity.end):
            continue  # "each training batch contains 18M tokens": the batch, not the training tokens
        if _LENGTH_OF.search(text[max(0, quantity.start - 40):quantity.start]) and not _LENGTH_WORDS.search(
                attribute.name):
            continue  # "trained with a context size of 32k tokens": a length, not an amount of tokens
        left, right = _words_around(text, quantity.start, quantity.end, 6, 5)
        coordination = _NEXT_ITEM.search(text[quantity.end:quantity.end + 60])
        if coordination:  # "32K and a batch size of 576": the noun after "and a" is another item's
            right = right[:len(word_tokens(text[quantity.end:quantity.end + coordination.start()]))]
        near_right = right[:2]
        clause_left, clause_right = _words_around(text, quantity.start, quantity.end, 40, 8)
        clause_left += [key(w) for w, _, end in word_tokens(text) if end <= quantity.start]
        measured = head in _MASS_NOUNS and head != key("size") and right and modifiers and all(
            has_word(clause_left, m) or has_word(clause_right, m) for m in modifiers)
        implied = modifiers and any(has_word(near_right, m) for m in modifiers) and head in _IMPLIED_NOUNS and has_word(
            sentence_words, head)
        if not (_counts_head(right, head) or measured or implied):
            continue
        if counts_other(text[quantity.end:], asked):
            continue
        if any(not (has_word(clause_left, m) or has_word(clause_right, m)) for m in modifiers):
            continue
        # "1.2M instances for helpfulness and 0.3M instances for safety": a word before "and" is the previous item's
        near_left = [] if left[:1] in (["and"], ["or"]) else left[:2]
        if any(has_word(near_left + right[:3], c) for c in contrast):
            continue
        if whole and _MEASURE_OF_EACH.search(text[max(0, quantity.start - 30):quantity.start]):
            continue  # "128 random 2048 token segments": 2048 tokens is each segment's length, 128 their count
        if _in_name(text, quantity.start) and not has_word(right[:1], head):
            continue  # "Chinchilla 70B achieves compression rates of 43.4%": the size in a name, not the value
        number, unit = _scale(quantity.raw, quantity)
        shown = quantity.raw
        if measured and not has_word(right[:1], head):
            noun = re.match(r"\s+([A-Za-z][\w-]*)", text[quantity.end:])
            shown = f"{quantity.raw} {noun.group(1)}" if noun else shown  # "18 trillion tokens" for "how much data"
        out.append((shown, number, unit or "", quantity.start))
    timed = time_per_unit_values(text, attribute.name)
    if timed:
        return timed  # "each training step took 0.15 seconds": the step's time, no count the sentence also gives
    out += [v for v in (*total_values(text, attribute), *share_values(text, attribute),
                        *threshold_values(text, attribute), *percent_values(text, attribute),
                        *memory_values(text, attribute),
                        *(speedup_values(text, attribute) if speedups else ()))
            if v[3] not in {position for *_, position in out}]
    lengths = not _LENGTH_WORDS.search(attribute.name)
    generated = not re.search(r"generat|sampl|output|produc", attribute.name, re.IGNORECASE)
    out = [v for v in out + _plain_values(text, attribute, head, modifiers, out) if not _WORTH_OF.match(text[v[3]:])
           and not (lengths and (_LENGTH_OF.search(text[max(0, v[3] - 40):v[3]])
                                 or _ITEMS_ARE.search(text[max(0, v[3] - 40):v[3]])))
           and not (generated and _GENERATED.search(text[max(0, v[3] - 40):v[3]]))]
    return in_own_clause(text, out, modifiers, head)


_REFERENCE = re.compile(r"\b(?:figure|fig\.|table|section|sec\.|eq\.|equation|appendix|algorithm|step|stage|"
                        r"phase|part|chapter|version|v)\s*$", re.IGNORECASE)
_COUNT_OF = re.compile(r"\b(?:number|count|amount)s?\s+of\s+", re.IGNORECASE)
_RISE = (r"\s+(?:is\s+|was\s+)?(?:gradually\s+|linearly\s+)?(?:increased|raised|ramped\s+up|grown)\s+from\s+"
         r"[\d.,]+\s*[KMB]?\s+to\s+")
_RAISE_VERB = r"(?:increas|rais|expand|extend|grow|scal)\w*(?:\s+up)?"
# "a batch size of 4608", "learning rate = 1e-4", "the base wavelength, which by default is 10,000"
_LINK = (r"(?:\s+(?:(?:is|was|are|were)\s+(?:also\s+)?(?:set|increased|raised|reduced|decreased|changed)\s+to|"
         r"is|was|are|were|of|to|at|set\s+to|equals?|=|:)\s*|"
         r"\s*[=:]\s*|"
         r",\s*which\s+(?:by\s+default\s+)?(?:is|was)\s+)")

_SETTINGS_NOUN = r"(?:hyper-?parameters?|parameters|settings|configurations?)\b"
_SETTING_MEASURES = frozenset(key(w) for w in ("size", "length", "penalty", "rate", "temperature", "width"))
# "The FIM strategy is applied at a rate of 0.1": the modifier is what the clause applies, at its noun alone
_APPLIED_AT = r"(?:\s+[\w\-]+){{0,2}}\s+(?:is|are|was|were)\s+[a-z]+(?:ed|en)\s+(?:at|with)\s+an?\s+{noun}\b"

# Attributes a unit alone names, with the other words of the attribute said in the sentence: a rate or frequency in
# hertz.
_MEASURED_IN = {key("rate"): r"(?:k|M|G)?Hz", key("frequency"): r"(?:k|M|G)?Hz",
                key("resolution"): r"(?:milliseconds?|ms|seconds?|pixels?|px)"}
_DURATION = {key("time"): r"(?:hours?|days?|weeks?)", key("hours"): r"hours?", key("days"): r"days?"}
# Nouns whose value is a span of time: "doubling time", "training period".
_SPAN_NOUNS = frozenset(key(w) for w in ("time", "period", "duration"))
_STAGES = frozenset(key(w) for w in ("training", "pre-training", "pretraining", "fine-tuning", "inference"))
# An attribute counted in a unit of a thing ("hours of audio", "tokens of code"): the unit, then the thing.
_QUANTIZED = re.compile(r"\b(?:nearest|resolution\s+of|quantiz\w*\s+(?:[\w\-]+\s+){0,3}?to)\s+$", re.IGNORECASE)
_UNIT_OF = re.compile(r"([A-Za-z]+)\s+of\s+(?:[A-Za-z\-]+\s+)?([A-Za-z\-]+)", re.IGNORECASE)


def _word_pattern(word: str, words: list[str]) -> str:
    """One word of the attribute as a sentence may write it: any inflection, a measure by any of its names."""
    same = same_measures(words)
    if same and word == words[-1]:
        return rf"(?:{'|'.join(same)})\w*"
    if key(word) in REPEATS:  # "over how many runs": "we ran each network for 20 trials"
        return REPEATED
    # "minibatch" is written "mini-batch" as often: a hyphen may sit between any two letters, or be left out
    if "-" in word.strip("-"):  # "hidden-layer size": the hyphen may be a space ("a hidden layer of size 2048")
        return r"[\s-]?".join(_word_pattern(part, words) for part in word.split("-") if part)
    letters = singular(word).replace("-", "")
    if len(letters) < 6:
        return re.escape(singular(word)) + r"\w*"
    return "-?".join(re.escape(c) for c in letters) + r"\w*"


def _plain_values(text: str, attribute: PlanAttribute, head: str, modifiers: frozenset[str],
                  found: list[tuple[str, float, str, int]]) -> list[tuple[str, float, str, int]]:
    """Counts and settings without a scale word, read only right next to the attribute's words: "61
    layers", "a batch size of 4608", "learning rate to 2.2 × 10−4", "sequence length 4K". The noun must
    touch the number (its modifiers too, for "batch size"), so a number elsewhere in the sentence is never
    taken."""
    named = _PER.split(attribute.name)[0]  # "activated experts per token": the count is of experts
    counted = _COUNT_OF.sub("", named)  # "number of epochs": a source writes "3 epochs", not "number of epochs 3"
    words = [w for w in WORD.findall(counted if WORD.search(counted) else named) if w.lower() not in STOPWORDS][-2:]
    implied = implied_modifiers(words_of(attribute.name))
    bare_noun = [w for w in words if key(w) not in implied]
    words = bare_noun or words  # "20 heads" for the attention heads, but never "8 KV heads"
    if not words:
        return []
    rest = modifiers - {key(p) for w in words for p in w.split("-")}
    taken = {position for *_, position in found}
    scheduled = schedule_values(text, words, modifiers, taken)
    taken |= {position for *_, position in scheduled}
    if WARMUP.search(text):  # "learning rate of 1e-4, … warmup over the first 10,000 steps": the peak
        rest = frozenset(m for m in rest if not any(same_word(m, p) for p in PEAK))
    subset = named != attribute.name or any(key(w) in SUBSET_WORDS for w in WORD.findall(attribute.name))
    if subset and (_PART_OF.search(text) or CHOOSING.search(text)):
        # "6 out of 64 routed experts", "we route to only a single expert": the form says "activated" and the
        # routing is of each input, so neither word need be written
        per = {key(w) for w in WORD.findall(attribute.name[len(named):])}
        rest = frozenset(m for m in rest if m not in SUBSET_WORDS and m not in per)
    if any(not has_word([key(w) for w, _, _ in word_tokens(text)], m) for m in rest):
        return scheduled  # "pre-training learning rate": the sentence must be about pre-training
    phrase = r"[\s-]+".join(_word_pattern(w, words) for w in words)
    named_in = r"[\s-]+(?:(?-i:[A-Z]{2,}[\w\-]*)\s+)?".join(_word_pattern(w, words) for w in words)
    patterns = [(rf"\b{phrase}(?:\s+values?)?(?:\s+\S{{1,4}})?(?:\s+for\s+(?-i:[A-Z])[^,;:.=()]{{0,30}}?)?{_LINK}"
                 rf"(?:(?:about|around|approximately|roughly)\s+)?$", True),
                # "50 real-world research queries": up to two modifiers between the number and its noun; "11
                # full-length TED talks": an acronym inside the asked phrase
                (rf"^\s+(?!and\b|or\b|with\b|per\b)(?:(?:[a-z][a-z\-]*\s+){{1,2}}|(?-i:[A-Z]+\d[\w\-]*)\s+)?"
                 rf"{named_in}\b", False),
                # "the batch size is gradually increased from 3072 to 15360": the value the schedule reaches
                (rf"\b{phrase}{_RISE}$", True),
                # "we also increase the context size from 512 to 1024 tokens": the same rise, the verb first
                # "raising the computational budget of the entire model from 85M to 102M ops/timestep"
                (rf"\b{_RAISE_VERB}\s+(?:the\s+|its\s+|our\s+)?{phrase}(?:\s+of\s+(?:the\s+)?[a-z][a-z\s\-]{{0,30}}?)?"
                 rf"\s+from\s+[\d.,]+\s*[KMB]?\s+to\s+$", True)]
    if implied and bare_noun:  # the noun alone: another modifier before it names another kind ("8 KV heads")
        said = "|".join(_word_pattern(w, words) for w in WORD.findall(named) if key(w) in implied)
        patterns[1] = (rf"^\s+(?:(?:{said})[\s-]+)?{named_in}\b", False)
    modifier = _word_pattern(words[0], words)
    applied = rf"\b{modifier}{_APPLIED_AT.format(noun=_word_pattern(words[-1], words))}"
    if len(words) == 2 and re.search(rf"\b{modifier}\s+{_SETTINGS_NOUN}|(?:^|[.;:]\s+)for\s+{modifier}\s*,|{applied}",
                                     text, re.IGNORECASE):
        # "we configure the sampling hyperparameters with temperature = 0.7", "For YaRN, we set the scale 𝑠 to 40": the
        # modifier is said of the settings the value is one of, or as what the sentence sets; the noun alone before it
        patterns.append((rf"\b{_word_pattern(words[-1], words)}(?:\s+\S{{1,3}})?{_LINK}$", True))
    if "length" in same_measures(words):
        # "They are sampled such that the combined length is ≤ 512 tokens": a bound on the input's length is the
        # longest context the model reads (a length set for a stage, "the maximum sequence length is set to 4K", is not)
        patterns.append((r"\blength\s+(?:is\s+|was\s+)?(?:≤|<=|at\s+most|up\s+to|no\s+more\s+than)\s*$", True))
    of_size = trained_for = None
    if len(words) == 2 and key(words[0]) in _STAGES and words[-1].lower() in ("steps", "iterations", "epochs"):
        # "In all experiments we train for 10,000 steps": the training steps, the verb for the noun's stage word
        # "We finetune all models for 2 epochs", "We train (finetune) all models for 5 epochs" for fine-tuning epochs
        # ("we pre-train for 524,288 steps" is no fine-tuning's, GLU p.3)
        verb = r"(?:(?<![Pp]re-)(?<![Pp]re)train|fine-?tun|finetun)" if key(words[0]) == key("fine-tuning") \
            else r"(?:pre-?)?train"
        trained_for = (rf"\b{verb}(?:e|es|s|ed|ing)?\s+(?:\([^()]{{1,20}}\)\s+)?(?:(?:the|our|each|all|both)\s+)?"
                       r"(?:[a-z]+\s+){0,2}?for\s+(?:about\s+|roughly\s+|approximately\s+)?$")
        patterns.append((trained_for, True))
    if measured_noun(words):
        # "vocabulary size" where the sentence has no "size": "the vocabulary is expanded to 50,257", "a 30,000
        # token vocabulary", "a vocabulary of 100K"
        noun = re.escape(words[0]) + r"\w*"
        one = re.escape(words[0]) + r"(?!s\b)\w*"  # "7 out of the 8 datasets" counts datasets, no dataset's size
        patterns += [(rf"\b{noun}\s+(?:is\s+|was\s+)?(?:(?:expanded|increased|set|reduced|extended)\s+)?(?:to|of)\s+$",
                      True), (rf"^[\s-]+(?:(?:token|word|sub-?word|word-?piece|BPE|entry|entries)\s+)?{one}\b", False)]
        # "a single multilingual vocabulary for source-side spanning 102 languages of size 64000"
        of_size = rf"\b{noun}\b[^.;,]{{0,60}}?\bof\s+{re.escape(words[-1].rstrip('s'))}s?\s+$"
        patterns.append((of_size, True))
    if key(words[-1]) in _SETTING_MEASURES:
        # "using beam search with beam size 4 and length penalty α = 0.6": a setting written right before its figure,
        # the clause opened by "with" or "using" (read30: the beam size went unread)
        patterns.append((rf"\b(?:with|using)\s+(?:an?\s+|the\s+)?{phrase}\s+$", True))
        # "a Transformer with 36 layers, 20 heads, and embedding size 1280": the last item of the list "with" opens
        patterns.append((rf"\b(?:with|using)\s+[^.;:()]*?(?:,\s*(?:and\s+)?|\s+and\s+)(?:an?\s+|the\s+)?{phrase}\s+$",
                         True))
    if len(words) == 2:
        # "trained using mini-batches of size 8": the noun, then "of" and the measure, then the value
        patterns.append((rf"\b{_word_pattern(words[0], words)}\s+of\s+{_word_pattern(words[1], words)}\s+$", True))
    spanned = None
    if key(words[-1]) in _SPAN_NOUNS:
        # "(15-month doubling time)": the span written as a number hyphened to its unit, right before the asked noun
        spanned = rf"^-(?P<unit>second|minute|hour|day|week|month|year)s?\s+{phrase}\b"
        patterns.append((spanned, False))
    if len(words) >= 2 and words[-1].lower() in ("size", "width", "dimension"):
        # "four ReLU-activated hidden layers, each with size 1024": the measure of each of the nouns just counted
        patterns.append((rf"\b{_word_pattern(words[-2], words)}[,\s]+each\s+(?:with|of|having)\s+(?:a\s+)?"
                         rf"{re.escape(words[-1])}\s+(?:of\s+)?$", True))
    if len(words) == 2 and words[-1].lower().startswith("dimension"):
        # "a 512-dimensional embedding space" gives the embedding dimension
        patterns.append((rf"^(?:-\s*|\s+)dimensional\s+(?:[a-z]+\s+)?{re.escape(singular(words[0]))}\w*\b", False))
    measure_unit = _MEASURED_IN.get(key(words[-1]))
    if key(words[-1]) in _DURATION and len(words) > 1 and all(key(w) in _STAGES for w in words[:-1]):
        # "training time", "training hours": "We trained the base models for … 12 hours", "Training took 3.5 days"
        measure_unit = _DURATION[key(words[-1])]
    by_unit = None
    if measure_unit and len(words) > 1 and all(any(key(w).startswith(key(m)[:5]) for w, _, _ in word_tokens(text))
                                               for m in words[:-1]):
        # "sampling rate": "All audio is re-sampled to 16,000 Hz" gives the rate by its unit, not by the noun
        by_unit = rf"^\s*{measure_unit}\b"
        patterns.append((by_unit, False))
    if key(words[-1]) == ACCELERATOR:
        patterns.append((HARDWARE_AFTER, False))  # "how many accelerators": "with 2048 H800 GPUs"
    of_form = _UNIT_OF.fullmatch(counted.strip())
    if of_form:  # "hours of audio": "680,000 hours of labeled audio data" says it with the noun qualified
        patterns.append((rf"^\s+{re.escape(singular(of_form.group(1)))}\w*\s+of\s+(?:[A-Za-z\-]+\s+){{0,2}}?"
                         rf"{re.escape(singular(of_form.group(2)))}\w*\b", False))
    out: list[tuple[str, float, str, int]] = []
    powers = [m.span() for m in SCIENTIFIC.finditer(text)]
    for pattern, before in patterns:
        for number in (*SCIENTIFIC.finditer(text), *PLAIN.finditer(text)):
            if number.start() in taken or _REFERENCE.search(text[max(0, number.start() - 12):number.start()]):
                continue  # "Figure 3 Patching schemes …" numbers a figure, not patches
            if spaced_thousands(text, number.start(), number.end()):
                continue  # "a codebook of size 16, 384": neither 16 nor 384 is the figure
            if number.re is PLAIN and any(s < number.start() < e for s, e in powers):
                continue  # the exponent of "10−3 learning rate" is no figure of its own
            if ALTERNATIVES.search(text[max(0, number.start() - 30):number.start()]):
                continue
            if not subset and chosen_count(text, number.start(), number.end()):
                continue
            if subset and _WHOLE_SET.search(text[max(0, number.start() - 20):number.start()]):
                continue  # "6 out of 64 routed experts": 64 is the set the chosen are drawn from
            if _POOL.search(text[max(0, number.start() - 80):number.start()]):
                continue  # "a subset of 16 files from the 30 podcast episodes": 30 is the pool, not the set's size
            if _drawn(text, number.end(), attribute):
                continue
            if not asks_per_unit(attribute.name) and (per_unit(text, number.start(), number.end()) or (
                    not before and _MEASURE_OF_EACH.search(text[max(0, number.start() - 30):number.start()]))):
                continue  # "128 random 2048 token segments": 2048 is no count of segments
            if number.group(0)[-1:] in "KMBT" and _in_name(text, number.start()):
                continue  # "Chinchilla 70B achieves compression rates …": a size inside a name
            if number.group(0)[-1:] in "KMBT" and (family_bound(text, number.start())
                                                   or _symbol_scale(text, number.group(0))):
                continue  # "from 1B up to 8B parameters": a family's bound, not a context raised "from 4K to 32K"
            context = (text[max(0, number.start() - 90):number.start()] if before
                       else text[number.end():number.end() + 60])
            found = re.search(pattern, context, re.IGNORECASE)
            if not found:
                continue
            if not before and _UNIT_AFTER.match(context[found.end():]) and not _UNIT_AFTER.match(f" {words[-1]}"):
                continue
            if pattern == by_unit and key(words[-1]) == key("resolution") \
                    and not _QUANTIZED.search(text[max(0, number.start() - 40):number.start()]):
                continue  # "quantizing all times to the nearest 20 milliseconds", not "between 0.0 and 1.0 second"
            if pattern == trained_for and not re.match(rf"\s+{re.escape(singular(words[-1]))}",
                                                       text[number.end():], re.IGNORECASE):
                continue  # "train for 10,000 steps", not "train for 3 days"
            if pattern == of_size:  # each side's vocabulary: its modifier is said with its noun, not elsewhere
                if not all(has_word(_keys(context[max(0, found.start() - 30):]), m) for m in rest):
                    continue
            elif before and _other_variant(context[:found.start()], attribute.name, words):
                continue
            unit = ""
            if number.re is SCIENTIFIC:
                value = scientific_value(number)
            else:
                value, unit = float(number.group(1).replace(",", "")), number.group(2) or ""
            taken.add(number.start())
            # "16,000 Hz": a value named by its unit is shown with it
            shown = f"{number.group(0)} {found.group(0).strip()}" if pattern == by_unit else number.group(0)
            if pattern == spanned:  # "15-month" is shown "15 months"
                shown = f"{number.group(0)} {found.group('unit')}{'' if value == 1 else 's'}"
            out.append((shown, value, unit, number.start()))
    if subset:
        out += subset_values(text, words, taken)
    out += verb_values(text, words, taken)
    return scheduled + out + spelled_values(text, words, taken, subset)


def _keys(text: str) -> list[str]:
    return [key(w) for w, _, _ in word_tokens(text)]


def _in_name(text: str, start: int) -> bool:
    """A size at `start` written right after a capitalised word: "Chinchilla 70B", "Llama 2 70B"."""
    return _NAME_BEFORE.search(text[max(0, start - 24):start]) is not None


def _other_variant(before: str, asked_name: str, words: list[str]) -> bool:
    """"the query compression dimension is set to 1536" for the KV compression dimension: the word right before
    the asked noun is a modifier the question does not ask, while the question names a modifier of its own."""
    asked = [w.lower() for w in WORD.findall(asked_name) if w.lower() not in STOPWORDS]
    if len(asked) <= len(words):
        return False
    previous = WORD.findall(before[-30:])
    if not previous or not before[-30:].rstrip().endswith(previous[-1]):
        return False
    word = previous[-1].lower()
    return word not in STOPWORDS and not any(has_word([key(word)], key(a)) for a in asked)
