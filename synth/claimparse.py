"""What a sentence asserts, in the parts verification compares: quantities, named entities,
polarity, direction of change, comparatives and content words.

Numbers inside names (`Qwen2.5-72B`, `GPT-4o`, `10/66`) and numbers that only point somewhere
("Table 6") are not quantities; citation parentheses such as `(Yang et al., 2024b)` are ignored so
their years never count as figures. Polarity and direction use small general-English word lists
(not/no/fails to, ineffective/unrelated; increase/decrease and their kin), so a claim and a
passage can be compared on what they say happens, not only on the words they share.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from synth.scientific import SCIENTIFIC, mantissa_decimals, scientific_value
from synth.text import CARDINALS, STOPWORDS, cardinal_pattern, fold, tokens

# "(Kiros et al., 2015)", "(Vaswani, 2017)", and the same in square brackets: "[Kingma and Ba, 2014]"
_CITATION = re.compile(r"\((?:[^()]*\bet al\.?[^()]*|[A-Z][A-Za-z\- ]+,? \d{4}[a-z]?(?:[;,][^()]*)?)\)|"
                       r"\[(?:[^\[\]]*\bet al\.?[^\[\]]*|[A-Z][A-Za-z\- ]+,? \d{4}[a-z]?(?:[;,][^\[\]]*)?)\]|"
                       # "The RoPE [36] θ", "[11, 24]": a numbered reference, no figure
                       r"(?<=\S )\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\](?=[\s,.;:)])|"
                       # "a size-2048 LSTM [HS97]", "[CMS+13]": an alphabetic key (authors' initials, year), no name
                       r"\[[A-Z][A-Za-z]{0,5}\+?\d{2}[a-z]?(?:\s*[,;]\s*[A-Z][A-Za-z]{0,5}\+?\d{2}[a-z]?)*\]")
_NUMBER = re.compile(
    r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?)(?![\d/]|\.\d)"
    r"(?:\s*(%|(?i:percent|per cent))|\s*((?i:trillion|billion|million|thousand))\b"
    r"|\s?([KMBT])(?![A-Za-z0-9]|-[A-Za-z]))?"
)
# "76-85%": both ends are percentages.
_PERCENT_RANGE = re.compile(r"(?<![\w.\-/])(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*(%|(?i:percent))")
_NUMBER_WORDS = {**CARDINALS, "twice": 2, "double": 2, "half": 0.5, "thrice": 3}
_REFERENCE = re.compile(r"\b(?:figures?|fig\.|tables?|tab\.|sections?|sec\.|§|eq\.|equations?|appendix|"
                        r"chapter|algorithm|footnote|line)\s*$", re.IGNORECASE)
NUMBER_WORDS = frozenset(_NUMBER_WORDS)
_WORD_NUMBER = re.compile(r"\b(" + cardinal_pattern(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3,
          "t": 1e12, "b": 1e9, "m": 1e6, "k": 1e3}
_NEGATION = re.compile(
    r"\b(not|no|never|none|neither|nor|cannot|without|lacks?|fails? to|unable)\b|n't\b", re.IGNORECASE
)
# Cues that flip what a sentence asserts. "without" is left out (it restricts a condition: "trained
# without RL"), and "not only"/"not just"/"or not" do not deny anything.
_POLARITY = re.compile(
    r"\b(not|no|never|none|neither|nor|cannot|lacks?|lacking|fails? to|failed to|unable|absent)\b|n't\b",
    re.IGNORECASE,
)
# Adjectives that deny by prefix: "ineffective" says "not effective".
NEGATIVE_ADJECTIVE = re.compile(
    r"\b(?:un|in|non-?|ir|im|dis)(effective|accurate|related|affected|changed|sufficient|adequate|likely|common|"
    r"active|significant|associated|correlated|responsive|detectable|safe|necessary|important|relevant|"
    r"successful|stable|beneficial|effectiveness)\b",
    re.IGNORECASE,
)
# Sentences that ask, aim or hedge ("to assess whether", "may contribute") state no finding.
_HEDGE = re.compile(
    r"\b(whether|may|might|hypothesi[sz]e[ds]?|hypothesis|unknown|unclear|remains? to be|to (?:assess|investigate|"
    r"determine|examine|evaluate|test|explore|compare|identify|characteri[sz]e)|we (?:investigated|examined|"
    r"evaluated|assessed|tested|asked|sought|studied|explored)|objectives?|aims?|purpose)\b|\?\s*$"
    r"|^\W*(?:the\s+)?(?:effects?|impact|influence|role|associations?|relation(?:ship)?s?|comparison|evaluation|"
    r"assessment|analysis|determinants?|predictors?)\s+(?:of|between)\b",
    re.IGNORECASE,
)
_NOT_A_DENIAL = re.compile(r"\bnot\s+(?:only|just|merely|simply|least)\b|\bor\s+not\b|\bno\.\s*\d|\black\s+of\b|"
                           r"\bno\s+(?:more|less|fewer)\s+than\b", re.IGNORECASE)
# Direction of change: a claim that something rises is contradicted by a passage saying it falls.
_UP = re.compile(
    r"\b(increas\w*|rais(?:e|es|ed|ing)|rises?|rose|risen|elevat\w*|higher|greater|enhanc\w*|promot\w*|"
    r"upregulat\w*|up-regulat\w*|stimulat\w*|activat\w*|accelerat\w*|augment\w*|boost\w*|induc\w*|"
    r"grew|grows?|growing|expand\w*|gain\w*|more|larger|exacerbat\w*|worsen\w*|positively)\b",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"\b(decreas\w*|reduc\w*|lower\w*|declin\w*|drops?|dropped|diminish\w*|inhibit\w*|suppress\w*|"
    r"downregulat\w*|down-regulat\w*|attenuat\w*|impair\w*|block\w*|prevent\w*|less|fewer|smaller|"
    r"slow\w*|deplet\w*|abolish\w*|abrogat\w*|loss|losing|lost|shrink\w*|alleviat\w*|ameliorat\w*|mitigat\w*|"
    r"negatively|inversely|deficien\w*|lack\s+of|absence\s+of)\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\b(outperform\w*|surpass\w*|beat\w*|exceed\w*|better than|worse than|higher than|lower than|"
    r"more than|less than|fewer than|larger than|smaller than|trail\w*|behind|underperform\w*)\b",
    re.IGNORECASE,
)
_LOWER_DIRECTION = re.compile(r"\b(worse|lower|less|fewer|smaller|trail\w*|behind|underperform\w*)\b", re.I)
# A two-digit year after an apostrophe belongs to the name: "AIME’24" is a benchmark, not the figure 24.
_TOKEN = re.compile(r"(?<![\w.\-])[A-Za-z0-9]+(?:[-.@][A-Za-z0-9]+)*(?:[’'][0-9]{2}(?!\w|\.\d))?")
_PURE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SIZE_TOKEN = re.compile(r"\d+(?:\.\d+)?[KMBT]")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_YEAR = re.compile(r"(?:19[89]\d|20[0-3]\d)")  # "AIME 2024", "WMT 2014": part of the name
_VERSION = re.compile(r"\d(?:\.\d)?")  # "LLaMA 2", "Llama 3.1": a version, part of the name
_SENTENCE_START_WORDS = frozenset(
    """the a an in on at we our this these those it its as for from to of by with and or but
    table figure section appendix however moreover additionally specifically notably overall
    both each all compared when while although since after before during""".split()
)


@dataclass(frozen=True)
class Quantity:
    """A figure as stated: `18 trillion` has value 1.8e13, unit 'scale' and raw text kept."""

    value: float
    unit: str
    raw: str
    start: int
    end: int
    decimals: int
    scientific: bool = False

    def agrees(self, other: Quantity) -> bool:
        if not self.compatible(other):
            return False
        return abs(self.value - other.value) <= 1e-9 * max(1.0, abs(self.value))

    def compatible(self, other: Quantity) -> bool:
        """Whether the two figures measure the same kind of thing and could be compared."""
        plainish = {"plain", "%"}
        if self.unit in plainish and other.unit in plainish:
            return True
        return self.unit == other.unit


@dataclass(frozen=True)
class Assertion:
    text: str
    quantities: tuple[Quantity, ...]
    entities: tuple[str, ...]
    negated: bool
    comparative: str | None
    lower_direction: bool
    words: frozenset[str]


# A numbered section heading opening a passage or a sentence ("6.2 CNN/Daily Mail Reading Comprehension", "A.3 …")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-Z][A-Za-z]")
_OPENS = re.compile(r"(?:^|[.!?\d)]\s)\s*$")  # after a sentence, or a footnote mark glued to a figure
# A list item's number in brackets, followed by a capitalised word: "(2) The Switch Transformer …".
_ITEM_MARKER = re.compile(r"\((?:\d|[1-9]\d)\)\s+[A-Z]")


def mask_citations(text: str) -> str:
    """The text with its citations blanked out, every other character where it was."""
    return _CITATION.sub(lambda m: " " * len(m.group(0)), text)


# "The query date of all instances is 2024-10-01": a date, whose year is no figure of anything.
_DATE = re.compile(r"(?<![\w.\-/])(?:19|20)\d{2}-[01]\d(?:-[0-3]\d)?(?![\w\-/]|\.\d)")


def quantities(text: str) -> tuple[Quantity, ...]:
    """Figures stated in a text, excluding digits that belong to names (`Qwen2.5-72B`) and numbers
    that only point somewhere ("Figure 2", "Table 6", "Section 3.1")."""
    masked = mask_citations(text)
    taken = [span for _, span in _name_spans(masked)] + [m.span() for m in _DATE.finditer(masked)]
    found: list[Quantity] = []
    for match in SCIENTIFIC.finditer(masked):
        if any(s <= match.start() < e for s, e in taken):
            continue
        found.append(_scientific(match))
        taken.append(match.span())
    for match in _PERCENT_RANGE.finditer(masked):
        for group in (1, 2):
            number = match.group(group)
            decimals = len(number.split(".")[1]) if "." in number else 0
            found.append(Quantity(float(number), "%", number + "%", match.start(group), match.end(group), decimals))
        taken.append((match.start(), match.end()))
    for match in _NUMBER.finditer(masked):
        if any(s <= match.start() < e for s, e in taken) or _REFERENCE.search(masked[max(0, match.start() - 14):
                                                                                    match.start()]):
            continue
        if _SECTION_NUMBER.match(masked, match.start()) and _OPENS.search(masked[:match.start()]):
            continue  # "6.2 CNN/Daily Mail Reading Comprehension": a section heading's number, not a figure
        if _ITEM_MARKER.match(masked, match.start() - 1) and not masked[:match.start() - 1].strip(" ").endswith(
                tuple("abcdefghijklmnopqrstuvwxyz,")):
            continue  # "(2) The Switch Transformer has …": the number of a list item, not a figure
        number, percent, scale_word, suffix = match.groups()
        value = float(number.replace(",", ""))
        decimals = len(number.split(".")[1]) if "." in number else 0
        unit = "plain"
        if percent:
            unit = "%"
        elif scale_word or suffix:
            value *= _SCALE[(scale_word or suffix).lower()]
            unit = "scale"
        found.append(Quantity(value, unit, match.group(0).strip(), match.start(), match.end(), decimals))
    for match in _WORD_NUMBER.finditer(masked):
        word = match.group(1).lower()
        found.append(Quantity(float(_NUMBER_WORDS[word]), "plain", match.group(0), match.start(), match.end(), 0))
    return tuple(sorted(found, key=lambda q: q.start))


def _scientific(match: re.Match[str]) -> Quantity:
    """The figure a number in scientific notation states ("1.41 × 10−5" is 1.41e-05)."""
    shown = re.sub(r"(?<=[eE])\s+(?=−)", "", match.group(0))  # "1e −4" as PDF text splits it: shown "1e−4"
    return Quantity(scientific_value(match), "plain", shown, match.start(), match.end(),
                    mantissa_decimals(match), scientific=True)


def entities(text: str) -> tuple[str, ...]:
    """Names a claim is about: tokens with digits and letters, acronyms, CamelCase, and
    capitalised words that do not merely start the sentence; adjacent capitalised words are
    kept together ("Alibaba Cloud Model Studio", "Mistral Large 2")."""
    unique: list[str] = []
    seen: set[str] = set()
    for name, _ in _name_spans(mask_citations(text)):
        if fold(name) not in seen:
            seen.add(fold(name))
            unique.append(name)
    return tuple(unique)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


# Words with a digit that name no model: a number in scientific notation ("1e-4") and a norm's order ("L2 weight
# decay", "L1 loss"), which would otherwise own the figures after them.
_E_NOTATION = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][-+]?\d+(?!\w|\.\d)")
# A size written as an adjective ("a 512-dimensional embedding space", "a 256-dim vector") states the figure of the
# noun after it, as "an embedding dimension of 512" does: a figure, no name.
DIMENSIONAL = re.compile(r"(\d+)-(?:dimensional|dim)")
_NOT_A_NAME = re.compile(rf"{_E_NOTATION.pattern}|[Ll][12]|{DIMENSIONAL.pattern}")


def _is_name(word: str, at_start: bool) -> bool:
    if _PURE_NUMBER.fullmatch(word) or _SIZE_TOKEN.fullmatch(word) or _NOT_A_NAME.fullmatch(word):
        return False
    has_digit = any(ch.isdigit() for ch in word)
    has_alpha = any(ch.isalpha() for ch in word)
    upper_count = sum(ch.isupper() for ch in word)
    folded = _fold_word(word)
    common = folded in _SENTENCE_START_WORDS or folded in STOPWORDS
    if has_digit and has_alpha:
        return True
    if upper_count >= 2:
        return True
    if not word[:1].isupper() or common:
        return False
    return not at_start or (len(word) > 3 and _looks_proper(word))


_MANTISSA = re.compile(r"\d+(?:\.\d+)?[eE]")


def _name_spans(masked: str) -> list[tuple[str, tuple[int, int]]]:
    groups: list[tuple[list[str], int, int]] = []
    previous_end = -1
    for match in _TOKEN.finditer(masked):
        word = match.group(0)
        if _MANTISSA.fullmatch(word) and SCIENTIFIC.match(masked, match.start()):
            previous_end = -1  # "1e −4": "1e" is a number's mantissa, no name
            continue
        before = masked[: match.start()].rstrip()
        at_start = not before or before.endswith((".", ":", ";", "!", "?", "\u2022", "*"))
        adjacent = previous_end >= 0 and masked[previous_end:match.start()] == " "
        if _is_name(word, at_start) or (at_start and _is_name(word, False) and _sized_name(word, masked, match.end())):
            if groups and adjacent:
                groups[-1][0].append(word)
                groups[-1] = (groups[-1][0], groups[-1][1], match.end())
            else:
                groups.append(([word], match.start(), match.end()))
            previous_end = match.end()
        elif (
            adjacent and groups and ((_PURE_NUMBER.fullmatch(word) and "," not in word
                                      and (_CAPITALISED.fullmatch(groups[-1][0][-1]) or _YEAR.fullmatch(word)
                                           or (_VERSION.fullmatch(word) and groups[-1][0][-1][:1].isupper())))
                                     or (_SIZE_TOKEN.fullmatch(word) and groups[-1][0][0][:1].isupper())
                                     or (_MEMBER_WORD.fullmatch(word) and groups[-1][0][-1][:1].isupper()
                                         and len(groups[-1][0]) == 1 and _MEMBER_END.match(masked, match.end())))
        ):
            groups[-1][0].append(word)
            groups[-1] = (groups[-1][0], groups[-1][1], match.end())
            previous_end = match.end()
        else:
            previous_end = -1
    return [(" ".join(words), (start, end)) for words, start, end in groups]


# "Transformer base has …", "Whisper large reaches …": a size word written after a name is part of it (the plan reads
# it so: synth.plan.subjects), so a passage about another model's "transformer architecture" does not name it.
_MEMBER_WORD = re.compile(r"tiny|small|medium|base|large|big|huge")
_MEMBER_END = re.compile(r"(?:\s+models?)?\s+(?:has|have|had|is|was|uses?|used|reach(?:es)?|reached|scores?|scored|"
                         r"achieves?|achieved|gets?|got|trains?|trained|takes?|took|requires?|required)\b")
_SIZE_NEXT = re.compile(r" \d+(?:\.\d+)?[KMBT](?![\w.])")
_VERB_FORM = re.compile(r"(?:ing|ed|ly)$")


def _sized_name(word: str, text: str, end: int) -> bool:
    """A sentence-initial capitalised word followed by a model size ("Chinchilla 70B scores …") is the name of a
    model of that size, unless it is a verb or adverb form ("Training 70B models …", "Roughly 7B …")."""
    return bool(_SIZE_NEXT.match(text, end)) and not _VERB_FORM.search(word.lower())


def _looks_proper(word: str) -> bool:
    """A sentence-initial capitalised word counts as a name only when it is not a common word."""
    return fold(word) in _KNOWN_PROPER or not word[1:].islower()


_KNOWN_PROPER = frozenset({"qwen", "llama", "mistral", "mixtral", "gemma", "claude", "deepseek", "alibaba",
                           "gpt", "phi", "falcon", "bert", "transformer", "kimi", "janus", "whisper"})


def stem(word: str) -> str:
    """A light suffix stripper: enough for `scores`/`scored`/`scoring` and `applies`/`apply` to meet."""
    for suffix in ("ational", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied",
                   "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= (4 if suffix == "ly" else 3):
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def content_words(text: str) -> frozenset[str]:
    masked = mask_citations(text)
    return frozenset(
        stem(t) for t in tokens(masked)
        if t not in STOPWORDS and len(t) > 1 and not t.replace(".", "").replace(",", "").isdigit()
        and not _NEGATION.fullmatch(t)
    )


@lru_cache(maxsize=65536)
def parse(text: str) -> Assertion:
    comparative = _COMPARATIVE.search(text)
    return Assertion(
        text=text,
        quantities=quantities(text),
        entities=entities(text),
        negated=negated(text),
        comparative=comparative.group(0).lower() if comparative else None,
        lower_direction=bool(comparative and _LOWER_DIRECTION.match(comparative.group(0))),
        words=content_words(text),
    )


# `Qwen2.5-Coder`, `Qwen2.5-Turbo`, `GPT-4o-mini` are other models than `Qwen2.5` / `GPT-4o`;
# a size (`-72B`) or a variant (`-Instruct`) still names the same family.
_OTHER_MODEL = r"-(?!instruct\b|base\b|chat\b|it\b)[a-z]{2,}\b"
_NAME_PART = re.compile(r"[a-z]+|\d+(?:\.\d+)*")


@lru_cache(maxsize=65536)
def name_pattern(name: str) -> re.Pattern[str]:
    """Matches a name in folded text whatever its separators: `Qwen2.5-72B` ~ `qwen 2.5 72b`,
    but `GPT-4` never inside `GPT-4o` and `Qwen2.5-1.5B` never as `Qwen2.5-15B`."""
    parts = _NAME_PART.findall(fold(name))
    if not parts:
        return re.compile(r"(?!x)x")
    pattern = re.escape(parts[0])
    for previous, part in itertools.pairwise(parts):
        both_numeric = previous[0].isdigit() and part[0].isdigit()
        pattern += (r"[\s\-_]+" if both_numeric else r"[\s\-_.@]*") + re.escape(part)
    return re.compile(r"(?<![a-z0-9])" + pattern + r"(?![a-z0-9]|\.\d|" + _OTHER_MODEL + ")")


def mentions(folded_text: str, name: str) -> bool:
    return bool(name_pattern(name).search(folded_text))


def negated(text: str) -> bool:
    """Whether the text denies what it states ("does not", "no", "fails to"), idioms excluded."""
    masked = _NOT_A_DENIAL.sub(lambda m: " " * len(m.group(0)), mask_citations(text))
    return bool(_POLARITY.search(masked) or NEGATIVE_ADJECTIVE.search(masked))


def hedged(text: str) -> bool:
    """Whether a sentence asks, aims or speculates rather than reports a finding."""
    return bool(_HEDGE.search(mask_citations(text)))


_AGENT = re.compile(r"(?:ory|ors?|ive|ives)$", re.IGNORECASE)


def _changes(masked: str, match: re.Match[str]) -> bool:
    """Whether a rise/fall word says that something changes. Agent words ("inhibitory receptor",
    "activator") name a thing, and so does a word hyphen-joined to the one before it ("BRCA2-deficient
    cells", "diet-induced obesity"): a condition named, not a change asserted."""
    return not _AGENT.search(match.group(0)) and masked[max(0, match.start() - 1):match.start()] != "-"


def directions(text: str) -> tuple[bool, bool]:
    """(says something rises, says something falls), counting only words that say so (`_changes`)."""
    masked = mask_citations(text)
    up = any(_changes(masked, m) for m in _UP.finditer(masked))
    down = any(_changes(masked, m) for m in _DOWN.finditer(masked))
    return up, down


def direction_count(text: str) -> int:
    """How many rise/fall words (agent words and hyphen-joined conditions excluded) a text uses."""
    masked = mask_citations(text)
    return sum(1 for pattern in (_UP, _DOWN) for m in pattern.finditer(masked) if _changes(masked, m))


def direction(text: str) -> int:
    """+1 when the text says something rises, -1 when it falls, 0 when neither or both."""
    up, down = directions(text)
    return 0 if up == down else (1 if up else -1)


def word_kind(word: str) -> str | None:
    """'direction' for rise/fall words, 'comparison' for outperform/trail words, else None: such
    words are compared by meaning (direction, order), not spelling."""
    if _PERFORMANCE.fullmatch(word):
        return "comparison"
    if _UP.fullmatch(word) or _DOWN.fullmatch(word):
        return "direction"
    return None


def name_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every mention of a name with its offsets in `text` (citations ignored)."""
    return tuple((name, start, end) for name, (start, end) in _name_spans(mask_citations(text)))


@dataclass(frozen=True)
class Cue:
    """A comparative word: its group (performance, size, amount) and whether it points down."""

    word: str
    start: int
    end: int
    group: str
    lower: bool


_PERFORMANCE = re.compile(r"(outperform\w*|surpass\w*|beat\w*|exceed\w*|outscor\w*|better|worse|trail\w*|"
                          r"underperform\w*|lags?|lagg\w*)", re.I)
_CUE_GROUPS = (
    ("size", re.compile(r"\b(larger|bigger|smaller)\b", re.I)),
    ("performance", re.compile(r"\b(outperform\w*|surpass\w*|beat\w*|exceed\w*|outscor\w*|better|worse|higher|"
                               r"lower|trail\w*|behind|underperform\w*|lags?|lagg\w*)\b", re.I)),
    ("amount", re.compile(r"\b(more|less|fewer)\s+than\b", re.I)),
)
_CUE_LOWER = re.compile(r"^(smaller|worse|lower|trail\w*|behind|underperform\w*|lags?|lagg\w*|less|fewer)", re.I)


def comparatives(text: str) -> tuple[Cue, ...]:
    """Comparative cues in reading order."""
    masked = mask_citations(text)
    found = [Cue(m.group(0).lower(), m.start(), m.end(), group, bool(_CUE_LOWER.match(m.group(0))))
             for group, pattern in _CUE_GROUPS for m in pattern.finditer(masked)]
    return tuple(sorted(found, key=lambda c: c.start))


_INSTRUCT_AFTER = re.compile(r"^\s*[(\[]?\s*(instruction[- ]tuned|instruct|chat|sft)\b", re.I)
_BASE_AFTER = re.compile(r"^\s*[(\[]?\s*(base|pre-?trained)\b", re.I)
_INSTRUCT_BEFORE = re.compile(r"\b(instruction[- ]tuned|instruct|chat)\s*$", re.I)
_BASE_BEFORE = re.compile(r"\b(base|pre-?trained)\s*$", re.I)


def variant_around(text: str, start: int, end: int) -> str | None:
    """The variant a claim gives a bare model name in words: "Qwen2.5-7B (instruction-tuned)",
    "the Qwen2.5-7B base model", "the instruction-tuned Qwen2.5-7B"."""
    after, before = text[end:end + 30], text[max(0, start - 30):start]
    if _INSTRUCT_AFTER.match(after) or _INSTRUCT_BEFORE.search(before):
        return "instruct"
    if _BASE_AFTER.match(after) or _BASE_BEFORE.search(before):
        return "base"
    return None
