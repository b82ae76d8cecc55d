"""The sentences a cell is checked as: the cell worded as sources word it, so that the verification stage can find
the place that states it; every wording carries the whole cell (model, value and label), never less."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import replace

from synth.names import canonical, family, key, same_word, uncited, words_of
from synth.retrieve.asks import Candidate
from synth.retrieve.asks.change import change_clause
from synth.retrieve.asks.lexicon import measured_noun, same_measures
from synth.retrieve.asks.spans import span_claims
from synth.text import STOPWORDS, fold


def claims_of(candidate: Candidate, label: str, quantity: bool = False) -> list[str]:
    """The cell as sentences for the verification stage (_worded); a value printed with its spread ("1.997 (0.005)",
    "53.8 (± 4.54)") is also worded by the figure alone: the spread is how sure the figure is, not a second figure
    the source would have to state of the cell."""
    spread = _SPREAD.fullmatch(candidate.value.strip())
    claims = _worded(candidate, label, quantity)
    if spread and candidate.number is not None:
        claims += _worded(replace(candidate, value=spread.group(1)), label, quantity)
    return list(dict.fromkeys(claims))


_SPREAD = re.compile(r"(\d[\d,]*(?:\.\d+)?%?)\s*\(\s*(?:±|\+/?-)?\s*\d[\d,]*(?:\.\d+)?%?\s*\)")


def _worded(candidate: Candidate, label: str, quantity: bool = False) -> list[str]:
    """The cell as sentences for the verification stage, worded as sources word it: "X has 47B total
    parameters" for a count, "X scores 70.6 on MMLU" for a score, "X uses RMSNorm" for a text value; a
    count read from a sentence is also worded with the sentence's own words after the value ("4B active
    parameters" for "activated parameters"). The model is named as the source prints it when that name
    carries the subject's family ("Qwen3-32B"), else by the subject (a row "Tiny" of the Whisper paper)."""
    entity = uncited(candidate.entity)
    if not entity or canonical(family(candidate.subject)) not in canonical(entity):
        entity = candidate.subject
    if candidate.evidence.table_caption is not None or candidate.table:
        label = candidate.evidence.quote.split(" | ")[0] if not candidate.entity.strip() else label
    if candidate.number is None:
        return [*span_claims(entity, candidate.value, candidate.attribute), f"{entity} uses {candidate.value}."]
    if not quantity:
        if candidate.attribute and candidate.unit in ("B", "M", "T", "K"):
            return [f"The {label} of {entity} is {candidate.value}."]
        # A count in the label names the test set ("GSM8K (100)", "LiveCodeBench (226)"), not a second figure.
        bare = _COUNT_IN_LABEL.sub("", label).strip()
        return list(dict.fromkeys([f"{entity} scores {candidate.value} on {label}.",
                                   *([f"{entity} scores {candidate.value} on {bare}."] if bare else []),
                                   *(f"{entity} scores {candidate.value} on {head} {label}."
                                     for head in _column_heads(candidate, label)),
                                   *_own_words(candidate, entity, label)]))
    counted = _COUNT_OF.match(candidate.attribute)
    claims = [f"{entity} has {candidate.value} {candidate.attribute}."]
    said = None if candidate.table else change_clause(candidate.evidence.quote, candidate.attribute, candidate.number)
    if said:  # "DeepSeek-V2 reduces the KV cache by 93.3%."
        claims.insert(0, f"{entity} {said}.")
    if counted:  # "number of layers": sources say "32 layers", never "32 number of layers"
        claims.append(f"{entity} has {candidate.value} {counted.group(1)}.")
    if candidate.table:  # a table's own column label ("n_layers", "context_len") names the attribute
        claims.append(f"The {label} of {entity} is {candidate.value}.")
    else:
        said = _said_after(candidate.value, candidate.evidence.quote)
        if said and canonical(said) != canonical(candidate.attribute) and names_attribute(said, candidate.attribute):
            claims.append(f"{entity} has {candidate.value} {said}.")
        for measure in same_measures(candidate.attribute.split()):  # "context size" for the context length
            spelt = f"{candidate.attribute.split()[0]} {measure}"
            if measure not in candidate.attribute and re.search(rf"\b{re.escape(spelt)}\b", candidate.evidence.quote,
                                                                re.IGNORECASE):
                claims.append(f"{entity} has {candidate.value} {spelt}.")
        noun = measured_noun(candidate.attribute.split())
        if noun and re.search(rf"\b{re.escape(noun)}\b", candidate.evidence.quote, re.IGNORECASE):
            claims.append(f"{entity} has a {noun} of {candidate.value}.")
        named = _said_before(candidate.value, candidate.evidence.quote)
        if named and names_attribute(named, candidate.attribute):
            claims.append(f"The {named} of {entity} is {candidate.value}.")
        if candidate.variant:  # "7.07 × 10−6 for summarization": stated only with its setting named
            claims.append(f"{entity} has {candidate.value} {candidate.attribute} "
                          f"({candidate.variant.replace('; ', ', ')}).")
    return claims


def names_attribute(phrase: str, attribute: str) -> bool:
    """Whether the quote's own noun for the value names the cell's attribute, so that a cell worded with it still
    says what the cell is: its head word is one of the attribute's ("active parameters" for activated parameters,
    "learning rate" for learning rates), and it never trades one of the attribute's qualifiers for another. "It
    comprises 236B total parameters, of which 21B are activated": the activated parameters worded "X has 236B total
    parameters" would be checked as the total; "Each MoE layer consists of 2 shared experts" gives no hidden
    dimension as "The layer consists of X is 2", nor "a learning rate of 1e-4" a batch size."""
    said, asked = words_of(phrase), words_of(attribute)
    ordered = [key(t) for t in re.findall(r"[a-z][a-z0-9]*", fold(phrase)) if key(t) in said]
    if not ordered or not any(same_word(ordered[-1], a) for a in asked):
        return False
    extra = [w for w in said if not any(same_word(w, a) for a in asked)]
    missing = [a for a in asked if not any(same_word(a, w) for w in said)]
    return not (extra and missing)


def _said_before(value: str, quote: str) -> str:
    """The noun the quote names the value with before it ("a *learning rate* of 5e-5", "window size = 4096"):
    a setting is said that way, and "X has 5e-5 learning rates" is no sentence a source would write."""
    before = re.search(r"([A-Za-z][\w\-]*)\s+([A-Za-z][\w\-]*)\s*(?:\bof\b|=|:)\s*" + re.escape(value) + r"(?!\w|\.\d)",
                       quote)
    return " ".join(reversed(_up_to_function_word(reversed(before.groups()) if before else ())))


def _said_after(value: str, quote: str) -> str:
    """The noun the quote puts after the value ("4B *active parameters*"), up to two words and never a function
    word: "a learning rate of 5e-5 and a batch size" names no noun after 5e-5, and "X has 5e-5 and a" would be
    checked as a claim of its own. A cell is worded with it only when it shares a word with the attribute: "a
    vocabulary of 16K *tokens*" worded "X has 16K tokens" would drop the vocabulary the cell is about."""
    after = re.search(r"(?<![\w.])" + re.escape(value) + r"\s+([A-Za-z][\w\-]*)(?:\s+([A-Za-z][\w\-]*))?", quote)
    return " ".join(_up_to_function_word(after.groups() if after else ()))


def _up_to_function_word(words: Iterable[str | None]) -> list[str]:
    """The words read outward from a value, up to the first function word ("rate", "learning" | "a")."""
    return list(itertools.takewhile(lambda w: w.lower() not in STOPWORDS, (w for w in words if w)))


def _column_heads(candidate: Candidate, label: str) -> list[str]:
    """The labels a table prints above the cell's column ("Raw Compression Rate (%)" over "LibriSpeech"), read
    from the candidate's setting: a table with the same column under two such labels states the value only
    under both, so the cell is checked as the table names it, outermost label first."""
    if not candidate.table or not candidate.variant:
        return []
    parts = [p.strip() for p in candidate.variant.split(";") if p.strip()]
    return [p for p in parts if not _MODEL_WORDS.fullmatch(p) and canonical(p) not in canonical(label)
            and re.search(r"[A-Za-z]{3}", p)]


_MODEL_WORDS = re.compile(r"(?:(?:base|chat|instruct|thinking|non-thinking|sft|rl|rlhf|dpo|dense|moe|v?\d[\d.]*)\s*)+",
                          re.IGNORECASE)
_ANOTHER_CLAUSE = re.compile(r"[,;:()]|\d|\b(?:and|but|while|whereas|than|versus|vs)\b", re.IGNORECASE)
_COUNT_OF = re.compile(r"(?:the\s+)?(?:number|count)\s+of\s+(.+)", re.IGNORECASE)
_COUNT_IN_LABEL = re.compile(r"\s*[(\[]\s*\d[\d,]*\s*[)\]]")


def _own_words(candidate: Candidate, entity: str, label: str) -> list[str]:
    """A score read from a sentence, also worded as the sentence words it: "Chinchilla 70B achieves compression
    rates of 43.4% on ImageNet patches" for the cell "43.4% on ImageNet". The words are the source's own, from the
    model's name through the value to the end of the phrase naming the benchmark, and only when that span names
    the model, the value and every word of the label: a wording that drops any of them would check less than the
    cell says."""
    if candidate.table or candidate.number is None:
        return []
    quote = re.sub(r"\s+", " ", candidate.evidence.quote)
    value = quote.find(candidate.value)
    names = [m for m in re.finditer(re.escape(entity), quote, re.IGNORECASE) if m.end() <= value]
    if value < 0 or not names or _ANOTHER_CLAUSE.search(quote[names[-1].end():value]):
        return []  # "A scores 50% on X, while B scores 60%": the value is not said of the name before it
    start = names[-1].start()
    tail = re.match(r"[^,;:()]*?(?=\s+(?:and|but|while|which|beating|outperforming|compared)\b|[,;:()]|\.(?:\s|$)|$)",
                    quote[value + len(candidate.value):])
    span = quote[start:value + len(candidate.value) + (tail.end() if tail else 0)].strip()
    if len(span) > 200 or not words_of(label) or not words_of(label) <= words_of(span):
        return []
    return [f"{span}."]
