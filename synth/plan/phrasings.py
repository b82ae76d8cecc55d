"""Phrasings read before the asked position (synth.plan.wording) is: a comparison ("Which is larger, A or B, in
total parameters?", "Is A bigger than B?"), a judgement between subjects on a benchmark ("Which is better on GSM8K,
A or B?"), the time a work took ("How long did it take to train X?"), and the question's surface: a contraction
("What's") and an appositive naming another model between commas ("WebText, the dataset GPT-2 was trained on,").
Only English structure is read; nothing here knows a model or a benchmark."""

from __future__ import annotations

import re
from collections.abc import Callable

from synth.models import AttributeKind
from synth.plan.composition import composition_asked
from synth.plan.ranked import ranked
from synth.plan.setting import stage_of
from synth.plan.wording import METRIC, SIZED_THINGS, SUBJECT, Asked, asked_phrases, clean_words

_COMPARATIVE = re.compile(
    rf"^(?:which|what)(?:\s+(?:one|model|method|of\s+(?:them|these|the\s+\w+)))?\s+(?:is|are|was|were|has|have|had|uses?|used|"
    rf"needs?|needed|supports?)\s+(?:the\s+|a\s+)?(?P<adj>larger|bigger|smaller|greater|wider|deeper|longer|shorter|"
    rf"more|fewer|less|higher|lower)\b(?P<noun>(?:\s+(?!or\b|and\b)[a-z][\w\-]*){{0,3}})\s*[,:]?\s*"
    rf"{SUBJECT}(?:\s*,?\s*(?:or|and)?\s*{SUBJECT})+\s*,?\s*"
    rf"(?:(?:in|by|on|with\s+respect\s+to|in\s+terms\s+of|regarding)\s+(?P<tail>[^\u27e8]+))?$",
    re.IGNORECASE)
# "Is A bigger than B?", "Was A trained on more tokens than B?": a yes/no comparison asks what it compares.
_THAN = re.compile(
    rf"^(?:is|are|was|were|does|do|did|has|have|had)\s+{SUBJECT}\s+(?:[a-z\-]+(?:ed|en)\s+(?:on|with|for)\s+|"
    rf"(?:use|have|need|support|activate)s?\s+)?(?:the\s+|a\s+)?(?P<adj>larger|bigger|smaller|greater|wider|deeper|"
    rf"longer|shorter|more|fewer|less|higher|lower)\b(?P<noun>(?:\s+(?!than\b)[a-z][\w\-]*){{0,3}})\s+than\s+"
    rf"{SUBJECT}\s*,?\s*(?:(?:in|by|on|in\s+terms\s+of|regarding)\s+(?P<tail>[^\u27e8]+))?$", re.IGNORECASE)
_JUDGED = re.compile(rf"^(?:which|who)(?:\s+(?:one|model|of\s+(?:them|these|the\s+\w+)))?\s+(?:is|are|was|were|"
                     rf"does|did|performs?|performed|scores?|scored)\s+(?:the\s+)?(?:better|worse|best|worst|stronger|"
                     rf"weaker)\b[^\u27e8]*(?:{METRIC}|{SUBJECT})", re.IGNORECASE)
# "Which of A and B has the lower Pile-test BPB?": a comparative whose compared thing is a benchmark named (slotted).
_WHICH_OF_METRIC = re.compile(rf"^which\s+of\s+(?:the\s+)?{SUBJECT}(?:\s*,?\s*(?:or|and)?\s*{SUBJECT})+\s+[a-z]+\s+"
                              rf"(?:the\s+|a\s+)?(?:larger|bigger|smaller|greater|higher|lower|better|worse|best|"
                              rf"worst|highest|lowest)\s+{METRIC}", re.IGNORECASE)
# "Are there more attention heads in A or in B?"
_THERE = re.compile(rf"^(?:are|is|were|was)\s+there\s+(?:the\s+)?(?:more|fewer|less)\s+(?P<noun>[a-z][\w\- ]*?)\s+in\s+"
                    rf"{SUBJECT}\s*,?\s*(?:or|and)\s+(?:in\s+)?{SUBJECT}$", re.IGNORECASE)
# What a comparative adjective compares when it names no noun of its own: "which is larger, A or B" asks the size.
_COMPARED = {"larger": "parameters", "bigger": "parameters", "smaller": "parameters"}
# Nouns that already name a magnitude ("the longer context window" asks the window); a thing a size is asked of
# still takes "size" ("the larger sliding window" asks its size, as "how big is its sliding window" does).
_MAGNITUDES = frozenset("size sizes length lengths width depth count number dimension dimensions window".split())
_MAGNITUDE = {"larger": "size", "bigger": "size", "smaller": "size", "greater": "size", "wider": "width",
              "deeper": "depth", "longer": "length", "shorter": "length"}


def comparative(clause: str) -> Asked | None:
    """"Which is larger, A or B, in total parameters?", "Which has the larger vocabulary, A or B?": the attribute
    compared is the phrase after the subjects, else the noun after the adjective (with the magnitude the adjective
    measures: the larger vocabulary is the vocabulary size), never the adjective itself."""
    found = _COMPARATIVE.match(clause.strip(" ?.,")) or _THAN.match(clause.strip(" ?.,"))
    if not found:
        return None
    adjective = found.group("adj").lower()
    tail = clean_words([w for w in (found.group("tail") or "").split() if w])
    noun = clean_words(found.group("noun").split())
    how = f'read from "which … {adjective}"'
    if tail:
        return Asked(tail, AttributeKind.QUANTITY, how)
    if noun:
        magnitude = _MAGNITUDE.get(adjective)
        last = noun.split()[-1].lower()
        if magnitude and (last not in _MAGNITUDES or (magnitude == "size" and last in SIZED_THINGS)):
            noun = f"{noun} {magnitude}"
        return Asked(noun, AttributeKind.QUANTITY, how)
    compared = _COMPARED.get(adjective)
    return Asked(compared, AttributeKind.QUANTITY, how) if compared else None


# "how long did it take to train", and the work named as the subject of "take": "how long did training take",
# "how long did training the 7B model take"
_TAKES = re.compile(r"^how\s+long\s+(?:did|does|do|would|will|has|had)\s+"
                    r"(?:it|they|that|this|⟨S⟩|(?:the\s+|its\s+|their\s+)?(?P<work>(?:pre-?|post-?)?training|fine-?tuning|"
                    r"[a-z]{3,}ing)"
                    r"(?:\s+(?:the\s+|its\s+|their\s+)?(?:⟨S⟩|[\w\-]+(?:\s+[\w\-]+){0,2}?))?)?"
                    r"\s*(?:take|taken)\b"
                    r"(?:\s+to\s+(?P<verb>[a-z]+))?", re.IGNORECASE)


# "How long did the ⟨S⟩ train": the subject trained for a time
_TRAINED_FOR = re.compile(r"^how\s+long\s+(?:did|does|do|was|were|is|are)\s+(?:the\s+|its\s+|their\s+)?⟨S⟩\s+"
                          r"(?:(?:model|models|network|networks)\s+)?(?:(?:pre-?)?train(?:ed)?|run)\b", re.IGNORECASE)


# "How long did training ⟨S⟩ on bioS(10M) for 1000 exposures take": the work, its subject and its setting before "take"
_WORK_OF_TAKES = re.compile(r"^how\s+long\s+(?:did|does|do|would|will)\s+(?:(?:pre-?|post-?)?training|fine-?tuning)\s+"
                            r"(?:the\s+|its\s+|their\s+)?⟨S⟩[^,;?]*?\s+(?:take|taken)\b", re.IGNORECASE)


# "how long did each training step take", "how long did each training step of the big model take": the step's owner,
# after "of", is the subject's, never a part of the thing timed
_EACH_TAKES = re.compile(r"^how\s+long\s+(?:did|does|do|would|will)\s+(?:each|every|one|a|an)\s+(?P<thing>[a-z][\w\-]*"
                         r"(?:\s+(?!of\b)[a-z][\w\-]*)?)(?:\s+of\s+[^,;?]+?)?\s+take\b", re.IGNORECASE)


def time_taken(clause: str) -> Asked | None:
    """"How long did it take to train X": the time the work took, a quantity; the training verb itself is read
    as the stage (`read_setting` removes it), so a bare "take" is the training time."""
    each = _EACH_TAKES.match(clause.strip())
    if each:  # "how long did each training step take": the time per step
        return Asked(f"time per {each.group('thing')}", AttributeKind.QUANTITY, 'read from "how long did each … take"')
    if _TRAINED_FOR.match(clause.strip()) or _WORK_OF_TAKES.match(clause.strip()):
        return Asked("training time", AttributeKind.QUANTITY, 'read from "how long did … train"')
    found = _TAKES.match(clause.strip())
    if not found:
        return None
    verb = (found.group("verb") or found.group("work") or "train").lower()
    if verb.endswith("ing") and not stage_of(verb) and not verb.startswith("train"):
        # "how long does quantizing OPT-30b take": the work named by its gerund, its verb "quantize"
        verb = f"{verb[:-3]}e" if verb[:-3].endswith(("iz", "is")) else verb[:-3]
    # "how long does ⟨S⟩ take to quantize it": the quantization time (a verb in -ize names its work in -ization)
    noun = "training" if stage_of(verb) or verb.startswith("train") else f"{verb[:-1]}ation" \
        if verb.endswith(("ize", "ise")) else f"{verb.removesuffix('e')}ing"
    return Asked(f"{noun} time", AttributeKind.QUANTITY, 'read from "how long did it take …"')


def _after_comma(clause: str) -> str:
    """The rest of a clause after its first comma: "how long did it take X, on how many nodes" asks more."""
    return clause.split(",", 1)[1] if "," in clause else ""


_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+(?:[a-z][\w\-]*\s+){1,3}?(?:that\s+|which\s+)?[A-Z][\w\-.]*"
                         r"(?:\s+[\w\-.]+){0,2}?\s+(?:was|were|is|are|has\s+been|had\s+been)\s+[a-z\-]+(?:ed|en)"
                         r"(?:\s+(?:on|with|by|from|for|in|into|to|as|at))?\s*,")

# "WebText, GPT-2's training set, …": a kind of thing owned by another name, between commas, names the subject again
_OWNED_APPOSITIVE = re.compile(r"(?<=[\w)]),\s+[A-Z][\w\-.]*['’]s\s+(?:[a-z][\w\-]*\s+){0,2}?(?:dataset|data|corpus|"
                               r"set|model|predecessor|successor|paper|benchmark|teacher|baseline)\s*,")


_COUNTED_NOUN = re.compile(r"\bhow\s+many\s+(?!of\b)([a-z][\w\-]*)", re.IGNORECASE)
# "how many attention heads does …": the counted noun is every word up to the auxiliary (four at most: "tokens per
# training batch"), not its first word only
_COUNTED_PHRASE = re.compile(r"\bhow\s+many\s+(?!of\b)([a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)(?=\s+(?:are|is|were|"
                             r"was|do|does|did|has|have|had|get|gets)\b)", re.IGNORECASE)
# "how many are active per token", "how many of them are shared": the count of a part of what was counted first,
# said by a participle or an adjective of use (never "how many are multilingual … data", which names another thing).
# "…, and how many did its predecessor support": a count whose auxiliary follows at once asks the same noun of
# another subject.
_ELIDED_COUNT = re.compile(r"\bhow\s+many\s+(?:of\s+(?:them|these|those)\s+)?(?=(?:are|is|were|was|get|gets)\s+"
                           r"(?:[a-z]+ed|active|shared|routed|trainable|frozen|used)\b"
                           r"|(?:did|does|do|has|have|had)\s)", re.IGNORECASE)


# "for how many languages does it have a language token": one token per language, so the count asked is the tokens'
_ONE_EACH = re.compile(r"\bfor\s+how\s+many\s+[a-z][\w\-]*\s+(?P<aux>do|does|did)\s+(?P<subject>[^,;?]+?)\s+"
                       r"(?P<verb>have|has|use|uses|define|add|reserve)\s+(?:a|an|one)\s+"
                       r"(?P<thing>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)(?=\s*[,;?]|\s*$|\s+and\b)", re.IGNORECASE)


def one_each(text: str) -> str:
    """"For how many languages does Whisper have a language token?" counts language tokens, one for each language:
    read as "how many language tokens does Whisper have". Counting the languages instead took "speech recognition in
    75 languages" (training data) for the 99 language tokens."""
    return _ONE_EACH.sub(lambda m: f"how many {m.group('thing')}s {m.group('aux')} {m.group('subject')} "
                                   f"{'have' if m.group('verb') in ('has', 'have') else m.group('verb').rstrip('s')}",
                         text)


def restated_counts(text: str) -> str:
    """"How many experts does X have, and how many are active per token?": a second "how many" without its noun
    counts the first one's ("how many experts are active per token"), as "how many of them are …" does."""
    first = _COUNTED_NOUN.search(text)
    if first is None:
        return text
    phrase = _COUNTED_PHRASE.match(text, first.start())
    first = phrase or first
    head = text[:first.end()]
    return head + _ELIDED_COUNT.sub(lambda m: f"how many {first.group(1)} ", text[first.end():])


_CONTRACTED = re.compile(r"\b(what|which|who|how|where|when|that|it)['’]s\b", re.IGNORECASE)


def uncontracted(text: str) -> str:
    """"What's the context window of X": the question word and its verb, as every later reading expects them."""
    return _CONTRACTED.sub(lambda m: f"{m.group(1)} is", text)


def without_appositives(text: str) -> str:
    """"How much text does WebText, the dataset GPT-2 was trained on, contain", "How was WebText, GPT-2's training set,
    filtered": the clause between commas describes the subject by another name, which is neither a subject nor a
    training stage of the question."""
    return _OWNED_APPOSITIVE.sub("", _APPOSITIVE.sub("", text))


def phrased(clause: str, standalone: Callable[[str], bool]) -> list[Asked] | None:
    """What a clause asks when it has one of these shapes; None when it has none (the asked position reads it)."""
    taken = time_taken(clause)
    if taken:  # "how long did it take to train ⟨S⟩": the training time, and what the rest of the clause asks
        return [taken, *asked_phrases(_after_comma(clause), standalone)]
    compared = comparative(clause) or ranked(clause)
    if compared:
        return [compared]
    there = _THERE.match(clause.strip(" ?.,"))
    if there:  # "are there more attention heads in A or in B": the count compared
        return [Asked(clean_words(there.group("noun").split()), AttributeKind.QUANTITY, 'read from "are there more …"')]
    if _JUDGED.match(clause.strip(" ?.,")) or _WHICH_OF_METRIC.match(clause.strip(" ?.,")):
        return []  # "which is better on ⟨A⟩, A or B": the benchmark named is what is compared
    return None


# "use for pre-training" names a stage, not a thing: without a determiner the thing is no stage word
_USE_FOR = re.compile(r"\bwhat\s+(?P<aux>does|do|did)\s+(?P<subject>(?:(?!\buse\b)[^,;?])+?)\s+use\s+"
                      r"(?:(?:for|as)\s+(?:its|their|the)|as(?:\s+an?)?|for(?!\s+(?:pre-?|post-?)?train|\s+fine-?tun|"
                      r"\s+inference|\s+evaluation))\s+(?P<thing>[^,;?]+?)(?=\s*(?:[,;?]|\band\b|$))", re.IGNORECASE)
_GIVEN_WEIGHT = re.compile(r"\bwhat\s+(?P<noun>weight|coefficient)\s+(?P<aux>does|do|did)\s+"
                           r"(?P<subject>\S+(?:\s+\S+){0,3}?)\s+(?:give|assign|put\s+on)\s+(?:to\s+)?(?:the\s+|its\s+|their\s+)?"
                           r"(?P<thing>[^,;?]+?)(?=\s*(?:[,;?]|\band\b|$))", re.IGNORECASE)

# "What default values does the Adam paper recommend for β1, β2 and ε?": the values asked are the things listed
_VALUES_FOR = re.compile(r"\bwhat\s+(?P<default>default\s+)?(?:values?|settings?)\s+(?P<aux>does|do|did)\s+"
                         r"(?P<subject>[^,;?]+?)\s+(?P<verb>recommend|suggest|use|choose|set|report)\s+for\s+"
                         r"(?P<things>[^;?]+?)(?=\s*(?:[;?]|$))", re.IGNORECASE)


# "Which dataset does QuIP draw its calibration set from": the calibration set's dataset
_DRAWN_FROM = re.compile(r"\b(?P<which>which|what)\s+(?P<kind>datasets?|data|corpus|corpora|sources?)\s+"
                         r"(?P<aux>does|do|did)\s+(?P<subject>(?:(?!\b(?:draw|take|sample|build)\b)[^,;?])+?)\s+"
                         r"(?:draw|take|sample|build)s?\s+(?:its|their|the)\s+(?P<purpose>[a-z][\w\-]*)\s+"
                         r"(?:set|data|samples?|examples?)\s+from(?=\s*(?:[,;?]|\band\b|$))", re.IGNORECASE)
# "how many tokens long is each segment": the tokens per segment
_LONG_EACH = re.compile(r"\bhow\s+many\s+(?P<unit>[a-z][\w\-]*)\s+long\s+(?:is|are|was|were)\s+(?:each|every|a|one)\s+"
                        r"(?P<noun>[a-z][\w\-]*)(?=\s*(?:[,;?]|\band\b|$))", re.IGNORECASE)


# "how many calibration segments are used and how many tokens long is each": "each" is one of the things counted before
_LONG_EACH_COUNTED = re.compile(r"\bhow\s+many\s+(?P<unit>[a-z][\w\-]*)\s+long\s+(?:is|are|was|were)\s+each"
                                r"(?=\s*(?:[,;?]|\band\b|$))", re.IGNORECASE)
_COUNTED_BEFORE = re.compile(r"\bhow\s+many\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<noun>[a-z][\w\-]*s)\b"
                             r"(?=\s+(?:are|is|were|was|do|does|did)\b)", re.IGNORECASE)
# "what value of the quantization-range parameter ρ is used": the value of a thing is the thing asked
_VALUE_OF = re.compile(r"\bwhat\s+(?:value|setting)\s+of\s+(?:the\s+|its\s+|their\s+)?(?=[a-z\u0370-\u03ff])",
                       re.IGNORECASE)


def _each_counted(text: str) -> str:
    """"how many tokens long is each", after "how many calibration segments are used": the tokens per segment."""
    def per(m: re.Match[str]) -> str:
        counted = list(_COUNTED_BEFORE.finditer(text[:m.start()]))
        return f"how many {m.group('unit')} per {_singular(counted[-1].group('noun'))}" if counted else m.group(0)
    return _LONG_EACH_COUNTED.sub(per, text)


def drawn_from(text: str) -> str:
    """"Which dataset does QuIP draw its calibration set from" asks QuIP's calibration dataset; "how many tokens long
    is each segment" (or "each", after "how many segments") asks the tokens per segment; "what value of the
    parameter ρ" asks the parameter ρ. Read as the shapes that name the asked thing whole."""
    text = _DRAWN_FROM.sub(lambda m: f"{m.group('which')} {m.group('purpose')} {m.group('kind')} {m.group('aux')} "
                                     f"{m.group('subject')} use", text)
    text = _VALUE_OF.sub("what ", _each_counted(text))
    return _LONG_EACH.sub(lambda m: f"how many {m.group('unit')} per {m.group('noun')}", text)


def used_for(text: str) -> str:
    """"What does X use for its MTP depth" asks the depth, as "what MTP depth does X use" does; "what weight does it
    give the MTP loss" asks the MTP loss weight; "what default values does X recommend for β1, β2 and ε" asks β1, β2
    and ε. Read as the asked-position shape every later reading expects."""
    text = _USE_FOR.sub(lambda m: f"what {m.group('thing')} {m.group('aux')} {m.group('subject')} use", text)
    text = _VALUES_FOR.sub(lambda m: f"what {m.group('things')} {m.group('aux')} {m.group('subject')} "
                                     f"{m.group('verb')}{' by default' if m.group('default') else ''}", text)
    return _GIVEN_WEIGHT.sub(lambda m: f"what {m.group('thing')} {m.group('noun')} {m.group('aux')} "
                                       f"{m.group('subject')} use", text)


# "the size of Qwen3's vocabulary", "the sizes of GShard's source-side and target-side vocabularies": a measure of
# the things after "of", as "Qwen3's vocabulary size" says it.
_MEASURE = r"(?P<measure>sizes?|lengths?|dimensions?|dimensionalit(?:y|ies))"
_THING = r"(?!(?:how|what|which|who|when|where|why|does|do|did|is|are|was|were)\b)[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?"
_MEASURE_OF_OWNER = re.compile(rf"\b(?:the\s+)?{_MEASURE}\s+of\s+"
                               rf"(?P<owner>(?:[A-Z][\w\-.]*(?:\s+[\w\-.]+){{0,3}}?)['’]s|its|their|"
                               rf"(?:each|every|the)\s+(?P<part>[a-z][\w\-]*)['’]s)\s+(?P<things>{_THING}(?:\s*(?:,\s*(?:and\s+)?|\band\s+){_THING})*)"
                               rf"(?=\s*(?:[,;?]|$)|\s+(?:in|for|on|at|during|when|and\s+(?:what|how|which))\b)")
_MEASURE_OF_THING = re.compile(rf"\b(?:the\s+)?{_MEASURE}\s+of\s+(?:the|its|their)\s+(?P<thing>{_THING})"
                               rf"\s+(?P<link>of|in|for|used\s+by)\s+")


# "how many hidden layers of what size": a count of things and the things' own measure, two asks
_COUNT_OF_WHAT = re.compile(r"\bhow\s+many\s+(?P<things>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)\s+of\s+what\s+"
                            r"(?P<measure>size|width|length|dimension|depth)\b", re.IGNORECASE)


def _count_and_measure(match: re.Match[str]) -> str:
    """"how many hidden layers of what size" → "how many hidden layers and what hidden layer size"."""
    things = match.group("things").split()
    return f"how many {' '.join(things)} and what {' '.join([*things[:-1], _singular(things[-1])])} " \
           f"{match.group('measure')}"


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def of_measure(text: str) -> str:
    """"What is the size of Qwen3's vocabulary?" asks Qwen3's vocabulary size, not a size and a vocabulary; the
    sizes of "source-side and target-side vocabularies" are two: the head noun of the last thing is each one's."""
    def owned(m: re.Match[str]) -> str:
        measure = _singular(m.group("measure"))
        things = [t.strip() for t in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("things")) if t.strip()]
        head = _singular(things[-1].split()[-1])
        named = []
        for thing in things:
            words = thing.split()
            words[-1] = _singular(words[-1])
            if len(words) == 1 and words[0] != head and re.search(r"-|al$|ic$", words[0]):
                words.append(head)  # "source-side" of "source-side and target-side vocabularies"
            named.append(" ".join(words) + f" {measure}")
        if m.group("part"):  # "the size of each expert's hidden layer": the expert hidden layer size of the subject
            return "the " + " and ".join(f"{m.group('part')} {thing}" for thing in named)
        return f"{m.group('owner')} " + " and ".join(named)

    text = _COUNT_OF_WHAT.sub(_count_and_measure, text)
    text = _MEASURE_OF_OWNER.sub(owned, text)
    return _MEASURE_OF_THING.sub(lambda m: f"the {_singular(m.group('thing'))} {_singular(m.group('measure'))} "
                                           f"{m.group('link')} ", text)


# "How does the validation loss of X change as model size grows?", "How does X's perplexity scale with size?": the
# thing that changes is asked (of each size), the rest says along what.
_TREND_ASKED = re.compile(r"\bhow\s+(?:does|do|did)\s+(?P<np>[^?,;]+?)\s+(?P<verb>scale|change|vary|grow|increase|"
                          r"decrease|improve|evolve|behave)s?\s+(?P<rest>(?:with|as|across|when)\b[^?]*)",
                          re.IGNORECASE)


def trend_asked(text: str) -> str:
    """"How does ⟨thing of S⟩ scale with model size?" reads as "what is ⟨thing of S⟩ …, scaling with model size": the
    thing is the asked attribute (nothing was read before), the trend words stay for the relation."""
    def asked(m: re.Match[str]) -> str:
        np = m.group("np")
        if not re.search(r"\b(?:of|for)\b|['’]s\b", np):
            return m.group(0)  # "how does X scale with …" names no thing of X: a mechanism or a trend of X itself
        return f"what is {np}, {m.group('verb').lower()}s {m.group('rest')}"
    return _TREND_ASKED.sub(asked, text)


# "What does Whisper's multitask format consist of?": the thing itself is asked, "consist of" is no word of it.
_CONSISTS_OF = re.compile(r"\bwhat\s+(?:does|do|did)\s+(?P<np>[^,;?]+?)\s+(?:consist|consists|comprise)\s+of\b",
                          re.IGNORECASE)
# "to what resolution are timestamps quantized": the measure of the thing, as "what is the timestamp resolution"
_MEASURED_BY = re.compile(r"\b(?:to|at|in|with)\s+what\s+(?P<measure>[a-z]+)\s+(?:is|are|was|were)\s+"
                          r"(?P<owner>(?:the\s+|its\s+|their\s+)?(?:[A-Z][\w\-.]*['’]s\s+)?)(?P<thing>[a-z][\w\-]*)\s+"
                          r"(?P<verb>[a-z]+(?:ed|en))\b", re.IGNORECASE)

# "at what rate did DeepSeek-V2 apply FIM": the same measure, the owner the clause's subject and the thing its object
_MEASURED_ACTIVE = re.compile(r"\b(?i:to|at|in|with)\s+(?i:what)\s+(?P<measure>[a-z]+)\s+(?i:does|do|did)\s+"
                              r"(?P<owner>[A-Z][\w\-.]*(?:\s+[A-Z0-9][\w\-.]*)?)\s+(?P<verb>[a-z]+)\s+"
                              r"(?P<thing>[A-Za-z][\w\-]*)(?=\s*(?:[,;?]|$))")


# "to what value is the RoPE θ increased": the thing's value is asked, as "what is the RoPE θ"
_TO_WHAT_VALUE = re.compile(r"\bto\s+what\s+(?:value|number|level|amount)\s+(?:is|are|was|were)\s+"
                            r"(?P<thing>(?:the\s+|its\s+|their\s+)?[^,;?]{1,40}?)\s+(?:increased|raised|set|decreased|"
                            r"reduced|lowered|changed|scaled|adjusted)\b", re.IGNORECASE)


# "what share of tokens is masked": the share of the tokens masked, the participle part of what is asked
_SHARE_PASSIVE = re.compile(r"\bwhat\s+(?P<share>share|fraction|percentage|proportion|portion)\s+of\s+(?:the\s+)?"
                            r"(?P<whole>[a-z][\w\-]*)\s+(?:is|are|was|were|gets?)\s+(?P<verb>[a-z]+(?:ed|en))\b",
                            re.IGNORECASE)


# "above which gzip compression rate does it raise the temperature": the threshold of that rate is asked
_ABOVE_WHICH = re.compile(r"\b(?:above|below|beyond|under|over)\s+(?:which|what)\s+"
                          r"(?P<thing>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)\s+"
                          r"(?=(?:does|do|did|is|are|was|were|will|would)\b)", re.IGNORECASE)


# "how many of the most frequent words do … include": the count of the words asked; "how many samples make up each
# iteration's batch": the samples per batch (not two phrases "samples make up" and "iteration's batch"); "how many
# queries make up RealScholarQuery": the queries in it
_HOW_MANY_OF = re.compile(r"\b(how\s+many)\s+of\s+(?:the|its|their)\s+(?=[a-z])", re.IGNORECASE)
_MAKE_UP = re.compile(r"\b(?P<count>how\s+many\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)\s+(?:make|makes|made)\s+up\s+"
                      r"(?:(?:each|every|a|an|one)\s+(?:[a-z][\w\-]*['’]s\s+)?(?P<whole>[a-z][\w\-]*)\b|"
                      r"(?P<name>[^,;?]{1,60}?)(?=\s*[,;?]|\s*$))", re.IGNORECASE)


# "how many tokens does each training batch hold": the tokens per batch, as "how many samples make up each batch"
_EACH_HOLDS = re.compile(r"\b(?P<count>how\s+many\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}?)\s+(?:does|do|did)\s+"
                         r"(?:each|every)\s+(?!of\b)(?P<whole>[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)\s+"
                         r"(?:hold|contain|include|comprise)\b", re.IGNORECASE)


# "the minimum deployment unit DeepSeek-V3 uses for decoding": a common noun phrase, then what it is of
_THE_WHOLE = re.compile(r"^(?i:the)\s+(?P<np>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)(?P<rest>\s+[A-Z0-9\u27e8][^,;?]*)$")


def _made_up(match: re.Match[str]) -> str:
    """"how many samples make up each iteration's batch" → "how many samples per batch"; "how many queries make up
    RealScholarQuery" → "how many queries does RealScholarQuery have"; "how many accelerators make up the minimum
    deployment unit X uses" → "how many minimum deployment unit accelerators X uses": the whole qualifies the count
    (read as X's accelerators, the training cluster's 2048 GPUs answered for the deployment unit's)."""
    whole = match.group("whole")
    if whole:
        return f"{match.group('count')} per {whole}"
    named = _THE_WHOLE.match(match.group("name"))
    if named:
        counted = re.sub(r"^how\s+many\s+", "", match.group("count"), flags=re.IGNORECASE)
        return f"how many {named.group('np')} {counted}{named.group('rest')}"
    return f"{match.group('count')} does {match.group('name')} have"


def consisting_of(text: str) -> str:
    """"What does X's format consist of" asks X's format; "how many samples make up each batch" the samples per batch;
    "to what resolution are timestamps quantized" asks the timestamp resolution, "to what value is the RoPE θ increased"
    the RoPE θ; "what share of tokens is masked" the share of tokens masked, "what share of X's data is code" the share
    of code in it (composition.py); "above which gzip compression rate does it …" the gzip compression rate threshold.
    Read as the asked-position shape every later reading expects."""
    text = _CONSISTS_OF.sub(lambda m: f"what is {m.group('np')}", text)
    text = _TO_WHAT_VALUE.sub(lambda m: f"what is {m.group('thing')}", text)
    text = _MAKE_UP.sub(_made_up, _HOW_MANY_OF.sub(lambda m: f"{m.group(1)} ", text))
    text = _EACH_HOLDS.sub(lambda m: f"{m.group('count')} per {m.group('whole').split()[-1]}", text)
    text = _ABOVE_WHICH.sub(lambda m: f"what {m.group('thing')} threshold ", text)
    text = composition_asked(_SHARE_PASSIVE.sub(lambda m: f"what is the {m.group('share')} of {m.group('whole')} "
                                                          f"{m.group('verb')}", text))
    text = _MEASURED_ACTIVE.sub(lambda m: f"what is {m.group('owner')}'s {m.group('thing')} {m.group('measure')}", text)
    return _MEASURED_BY.sub(lambda m: f"what is {m.group('owner') or 'the '}{_singular(m.group('thing'))} "
                                      f"{m.group('measure')}", text)
