"""The question's English: which noun phrases it asks for, in which setting, and how.

A question is cut into clauses ("…, and what does it score on GSM8K?" is a clause of its own) and each
clause is read word by word once its names are replaced by slots (⟨S⟩ a subject, ⟨A⟩ a benchmark).
The asked noun phrases are the ones in the *asked position* of a clause — after "what are", "which",
"how many", an imperative ("give", "list", "compare … in terms of") or "what does it score on" — and
the phrases coordinated with them ("the number of layers, attention heads and routed experts, the
total and activated parameters"); a phrase after any other preposition qualifies the one before
("in each MoE layer", "of MLA") and is not asked. Coordinated modifiers are distributed ("total and
activated parameters" → total parameters, activated parameters) unless the first part is a noun of
its own ("layers and key-value heads").

What the question says about the setting (its training stage and mode) is read apart, by synth.plan.setting.
Nothing here knows a model or a benchmark: only English function words, the question's verbs and the library's own
labels (through `standalone`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from synth.models import AttributeKind
from synth.plan.changes import asked_change

SUBJECT = "\u27e8S\u27e9"
METRIC = "\u27e8A\u27e9"

_WH = frozenset("what which how why who whose when where".split())
# a modal is an auxiliary like "can": "how many tokens may each model output" asks the tokens output, not "tokens may"
_AUX = frozenset("""do does did is are was were be been being has have had can could will would should may might must
    shall""".split())
# Verbs a question uses around its asks; any inflection of these ends a noun phrase.
_VERBS = frozenset("""use score reach achieve get obtain attain report give list compare show state provide name tell
    perform fare rank differ take decide spend employ adopt need require keep balance handle reduce change scale grow
    vary summarize summarise describe explain mean set apply choose select train pre-train post-train fine-tune
    distill evaluate measure see happen occur support went""".split())
# Verbs of that list that are also nouns ending an asked phrase ("initialization scale", "load balance").
_NOUN_VERBS = frozenset("scale balance change set".split())
# Words that open a condition inside a clause ("… when both are used in X"): what follows is not asked.
_SUBORDINATE = frozenset("when where while if whenever once".split())
_IMPERATIVE = frozenset("give list report state show provide name tell compare summarize summarise describe find "
                        "return".split())
_PREPOSITIONS = frozenset("""of in on for with by from to at into about between across against during under over
    than via as like within without among after before per""".split())
_DETERMINERS = frozenset("the a an their its his her our each every all both these those this that any respective "
                         "two three four five six".split())
_RELATION_NOUNS = ("impact", "effect", "effects", "influence", "role", "contribution", "impacts")
_CONTRAST_NOUNS = ("difference", "differences", "gap", "gaps", "comparison", "margin")
# "more layers", "the longer context length": the comparison the question makes, not a word of the attribute.
_COMPARATIVES = frozenset("more fewer less larger bigger smaller greater longer shorter higher lower wider "
                          "deeper".split())
# A bound is asked with what it bounds: "a lower bound on the intrinsic dimension", "an upper limit of the batch size".
_BOUND_NOUNS = frozenset("bound bounds limit limits".split())
_FILLERS = frozenset("respectively also please me us them it they one ones".split())
_GENERIC_TAIL = frozenset("results result scores score values value numbers figures performance".split())
_QUANTITY_WORDS = re.compile(
    r"\b(number|numbers|count|counts|size|sizes|length|lengths|rate|rates|dimension|dimensions|dim|steps?|tokens?|"
    r"parameters?|params|layers|heads|experts|hours|cost|costs|budget|ratio|factor|width|depth|epochs?|"
    r"amount|value|values|decay|capacity|savings?|throughput|latency|memory|window|vocabulary|flops?|weight|"
    r"coefficients?|threshold|temperature|(?:clipping|gradient)\s+norm|fraction|proportion|percentage|shares?|"
    r"momentum|speed-?ups?|resolution|scale|spans?|improvements?|reductions?|gains?|top-[kp]|"
    # an accuracy is a number: "what accuracy does the auxiliary task reach"
    r"accuracy|accuracies|"
    # a duration, a rate of change or a fitted constant: "doubling time", "over what period", "inference efficiency
    # increase", "scaling exponent", "lower bound on the intrinsic dimension"
    r"time|period|duration|increases?|decreases?|exponents?|bounds?)(?![\w-])",
    re.IGNORECASE,
)
_RANK_ONLY = re.compile(r"^\s*which\s+(?:one|model|of\s+(?:them|these|the\s+\w+))?\s*[a-z]+\s+(?:the\s+)?"
                        r"(?:most|least|highest|lowest|best|largest|smallest|fewest|more|fewer|higher|lower)\s*$",
                        re.IGNORECASE)
_IN_UNIT = re.compile(r"^how\s+(?P<how>large|big|long|much)\s+(?:is|are|was|were)\s+"
                      r"(?P<np>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)\s*,?\s+"
                      r"(?:in|measured\s+in|counted\s+in)\s+(?P<unit>[a-z]+s)\b", re.IGNORECASE)
# a symbol alone ("β2", "d") or a name's symbol ("RoPE θ"): a number is asked
_SYMBOL = re.compile(r"^(?:[\w\-]+\s+)?[\u0370-\u03ff][\w\u0370-\u03ff]*$|^[a-zA-Z]_?\d$")
# A phrase ending in one of these asks for a kind of thing, whatever amount word modifies it: "learning rate
# schedule", "batch size strategy".
_QUALITATIVE_HEADS = frozenset("schedule schedules scheme schemes strategy strategies method methods type types kind "
                               "kinds function functions policy policies algorithm algorithms mechanism mechanisms "
                               "optimizer optimizers tokenizer tokenizers architecture format".split())
# Nouns that stand alone before "and": "optimizer and learning rate schedule" asks two things, not an
# "optimizer rate schedule" (an agent noun, an -ation/-ment/-ism noun is never a modifier here).
_NOUN_ENDING = re.compile(r"(?:[^e]er|izer|or|ation|ment|ism)$", re.IGNORECASE)


@dataclass(frozen=True)
class Asked:
    """One noun phrase the question asks for, with the kind its wording fixes and how it was read."""

    text: str
    kind: AttributeKind | None
    how: str


# A new clause opens on a question word, or on some prepositions before one ("…, and in which precision was GShard
# trained", "…, to what resolution are timestamps quantized", "…, and over how many runs was the loss averaged"); not
# "for how many epochs and with what dropout were the SFT models trained", which stays one clause with the subject
# before it.
_OPENING = (r"(?:on\s+wh(?:ich|at)|(?:on|over|after|across)\s+how\s+(?:many|much|long)|with\s+which|"
            r"in\s+wh(?:ich|at)|to\s+what|how|what|which|why|where)\b")
_CLAUSE_BREAK = re.compile(rf"\s*(?:[?;]|\s[—–]\s|\s-\s)\s*|\s*,?\s+and\s+(?={_OPENING})|\s*,\s*(?={_OPENING})|"
                           r"(?<=[a-z])\.\s+", re.IGNORECASE)


_IN_TOTAL = re.compile(r"\bhow\s+many\s+(?P<noun>[a-z][\w\-]*)\b(?P<rest>[^,;?]*?)\s+(?:in\s+total|overall|all\s+told|"
                       r"altogether)\b", re.IGNORECASE)


def totalled(text: str) -> str:
    """"how many parameters does it have in total" → "how many total parameters does it have": the adverb at the
    clause's end qualifies the counted noun (the total count, not the activated one), never a word of its own."""
    return _IN_TOTAL.sub(lambda m: f"how many total {m.group('noun')}{m.group('rest')}", text)


def clauses(text: str) -> list[str]:
    """The clauses of a question: "How many layers, what width … do X have, and how many parameters
    does Y have?" → four clauses."""
    out: list[str] = []
    for clause in (c.strip(" ,.") for c in _CLAUSE_BREAK.split(text) if c and c.strip(" ,.")):
        if out and _BARE_MODIFIER.fullmatch(out[-1]) and clause.lower().startswith(out[-1].split()[0].lower()):
            out[-1] = f"{out[-1]} and {clause}"  # "what raw and what adjusted compression rate": one asked noun
        else:
            out.append(clause)
    return out


# A question word and one word before the next clause opens: a modifier of the noun that clause goes on to ask.
_BARE_MODIFIER = re.compile(r"(?:what|which)\s+[a-z][\w\-]*", re.IGNORECASE)


_TOKEN = re.compile(rf"{SUBJECT}|{METRIC}|[\w\u0370-\u03ff@][\w\u0370-\u03ff@'’.\-/]*[\w\u0370-\u03ff@']|"
                    r"[\w\u0370-\u03ff]|[,;:()]")


def _tokens(clause: str) -> list[str]:
    out = []
    for token in _TOKEN.findall(clause):
        out.append(token.rstrip(".") if token not in (SUBJECT, METRIC) else token)
    return [t for t in out if t]


def is_verb(word: str) -> bool:
    """A verb of the question's closed list, in any inflection ("uses", "reached", "pre-trained")."""
    lowered = word.lower()
    if lowered in _VERBS:
        return True
    if lowered == "using":
        return True
    for suffix in ("s", "es", "ed", "d"):  # a gerund is read as a noun: "pre-training tokens"
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in _VERBS:
            return True
    return lowered.endswith("ed") and lowered[:-2].rstrip("e") + "e" in _VERBS


def _plural(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "ous"))


_ADJECTIVE = re.compile(r"(?:al|ed|ive|ic|ous|ful|able|ible|ary|ing)$", re.IGNORECASE)


def distribute(parts: list[str], standalone: Callable[[str], bool]) -> list[str]:
    """`total`, `activated parameters` → total parameters, activated parameters: single words before the
    last phrase of a coordination are its modifiers, unless they are nouns of their own (a plural, or a
    label the library uses by itself: "layers and key-value heads", "width and depth")."""
    if len(parts) < 2:
        return parts
    last = parts[-1].split()
    if len(last) < 2 or any(len(p.split()) != 1 for p in parts[:-1]):
        return parts
    if any(_plural(p) or (standalone(p) and not _ADJECTIVE.search(p)) or _SYMBOL.match(p) or _NOUN_ENDING.search(p)
           for p in parts[:-1]):
        return parts
    head = " ".join(last[1:])
    return [f"{p} {head}" for p in parts[:-1]] + [parts[-1]]


def _kind(phrase: str, cue: str, raw_tail: str) -> AttributeKind | None:
    """The kind the wording fixes: "how many …" and symbols are counts; "which …" is a text unless it
    names an amount; a phrase ending in "value" asks for a number."""
    if cue in ("how many", "how much", "how large", "how big", "how long", "how often") or _SYMBOL.match(phrase) \
            or raw_tail in ("value", "values", "number"):
        return AttributeKind.QUANTITY
    if cue in ("which", "on which", "on what", "with which", "what kind") and not quantity_words(phrase):
        return AttributeKind.TEXT
    return None


_PARTICIPLE = re.compile(r"\b((?:pre-?|post-?)?(?:train|fine-tun|finetun|distill))ed\b", re.IGNORECASE)


# "the default step size": the value a source gives as its default is the value asked; the word names no
# attribute of its own (a source writes "good default settings are α = 0.001").
_QUALIFIERS = frozenset("default".split())
# "how many trillion tokens": the scale the answer is written in, not a word of the attribute.
_SCALE_WORDS = frozenset("thousand thousands million millions billion billions trillion trillions".split())


def clean_words(words: list[str]) -> str:
    """An asked phrase's words without leading determiners and scale words, or trailing generic words."""
    return _clean(words)


def _clean(words: list[str]) -> str:
    while words and (words[-1].lower() in _GENERIC_TAIL or words[-1].lower() in _PREPOSITIONS):
        words = words[:-1]
    while words and (words[0].lower() in _DETERMINERS | _FILLERS
                     or (words[0].lower() in _QUALIFIERS | _SCALE_WORDS | _COMPARATIVES and len(words) > 1
                         and words[1].lower() not in _BOUND_NOUNS)):  # "lower bound" is a term, no comparison
        words = words[1:]
    return " ".join(words)


# Things a size is asked of: "how big is its sliding window" asks the window's size, which sources label
# "window size" (`window_size`), never the bare noun.
SIZED_THINGS = frozenset("window vocabulary cache batch corpus dataset context embedding kernel patch chunk buffer "
                         "codebook".split())


def _sized(phrase: str, cue: str) -> str:
    """"how big … sliding window" → "sliding window size": the size of a thing, as a source labels it."""
    words = phrase.split()
    if cue in ("how big", "how large") and words and words[-1].lower() in SIZED_THINGS:
        return f"{phrase} size"
    return phrase


# Words written before a benchmark that say how its score is aggregated, not what else is asked.
_METRIC_QUALIFIERS = frozenset("average averaged mean overall avg macro micro weighted aggregate".split())


def _after_the(lowered: list[str], i: int) -> bool:
    """The slot at i ends a list of names that "the" opens: "the ⟨S⟩ hidden size", "the ⟨S⟩ and ⟨S⟩ routing"."""
    k = i - 1
    while k >= 0 and lowered[k] in (SUBJECT.lower(), "and", ",", "or"):
        k -= 1
    return k >= 0 and lowered[k] == "the"


# "number of …", and a unit counted of something ("hours of English-to-X translation data"): the "of" phrase is asked
_COUNTING = frozenset("number numbers amount count hours tokens words".split())
_SHARE_NOUNS = frozenset("share shares fraction proportion percentage portion".split())
_KIND_NOUNS = frozenset(("model", "family", "serie", "variant", "version", "paper", "member", "checkpoint"))


def asked_phrases(clause: str, standalone: Callable[[str], bool]) -> list[Asked]:
    """The noun phrases a clause asks for (names already replaced by slots)."""
    tokens = _tokens(clause)
    if not tokens:
        return []
    lowered = [t.lower() for t in tokens]
    changes = asked_change(clause)
    if changes:  # "by how much does ⟨S⟩ reduce the KV cache", "how much higher is its throughput"
        return [Asked(name, AttributeKind.QUANTITY, how) for name, how in changes]
    if lowered[0] in ("how", "why") and len(lowered) > 1 and lowered[1] in _AUX:
        return []  # a mechanism or a value verb ("how do X score"); read elsewhere
    if lowered[0] in _AUX:
        return []  # a yes/no question ("Does X use Y?")
    if _RANK_ONLY.match(clause):
        return []  # "which one activates the most": ranks what the other clauses ask, asks nothing new
    in_unit = _IN_UNIT.match(clause)
    if in_unit:  # "how large was the pre-training corpus, in tokens": the size is counted in the unit named
        words = [w for w in in_unit.group("np").split() if w.lower() not in _DETERMINERS]
        phrase = " ".join([*words[:-1], in_unit.group("unit")])
        return [Asked(phrase, AttributeKind.QUANTITY, f'read from "how {in_unit.group("how")} … in '
                                                      f'{in_unit.group("unit")}"')]
    reader = _Reader()
    i = 0
    while i < len(tokens):
        token, low = tokens[i], lowered[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if low in (":", "(") and i > 0 and tokens[i - 1] in (SUBJECT, METRIC) and nxt not in (SUBJECT, METRIC, ")") \
                and not (low == "(" and _citation(tokens[i + 1:])):
            # "A vs. B: active params, MMLU", "How big are A and B (total and active params)": the list asked
            reader.stop(asking=True)
            reader.fresh = True
            reader.cue = reader.cue or "list"
        elif low in (",", ";", ":", "and", "or", "(", ")"):
            reader.close()
            reader.qualifying = False
        elif token in (SUBJECT, METRIC):
            if token == METRIC and reader.current and all(w.lower() in _METRIC_QUALIFIERS for w in reader.current):
                reader.current = []  # "what average BLEU does it reach": a qualifier of the benchmark, no ask
            possessive = lowered[i + 1:i + 2] == ["s"] or nxt in ("'s", "’s")
            # "how many hours … went into ⟨S⟩'s training set": the part the asked amount is in, itself not asked
            located = i > 0 and lowered[i - 1] in ("in", "into", "within") and bool(reader.phrases or reader.groups)
            # "What is the ⟨S⟩ hidden size?": the name used as a modifier, the noun after it asked as after "'s"
            attributive = token == SUBJECT and _after_the(lowered, i) and reader.asking and nxt.isalpha() \
                and nxt.lower() not in _AUX and not is_verb(nxt) and nxt.lower().rstrip("s") not in _KIND_NOUNS
            # "what span does ⟨S⟩'s sliding window attention reach": once a question word has asked its phrase and an
            # auxiliary opened the clause, the owner's noun is the part that does the verb, not a thing asked
            owned_part = possessive and bool(reader.groups) and reader.cue.split(" ")[0] in _WH and i > 0 \
                and lowered[i - 1] in _AUX
            reader.stop(asking=(possessive and not located and not owned_part) or attributive
                        or (token == METRIC and reader.asking))
            i += 1 if possessive else 0
        elif low in _SUBORDINATE and i > 0 and lowered[i - 1] not in ("on", "with", "in", "at", "to"):
            reader.stop(asking=False)  # "… when a clause is added": a condition, never an asked phrase
        elif is_verb(token) and low.startswith("happen") and nxt.lower() == "to":
            reader.stop(asking=True)  # "what happens to its memory cost": the noun after "to" is asked
            reader.fresh = True
            i += 1
        elif low == "whose" and i > 0 and lowered[i - 1] not in (",", ";", "and", "or", "(", ":"):
            reader.stop(asking=False)  # "the GPT-2 model whose activations were measured": a relative clause, no ask
        elif low == "what" and i > 0 and lowered[i - 1] in ("and", "or") and reader.asking and not reader.current \
                and len(reader.phrases) == 1 and len(reader.phrases[0][0].split()) == 1:
            pass  # "what raw and what adjusted compression rate": the modifiers of one noun, each with its "what"
        elif low in _WH:
            reader.stop(asking=True)
            reader.fresh = True
            reader.cue = low
            if low == "how" and nxt.lower() not in _AUX:
                reader.cue = f"how {nxt.lower()}"
                i += 1  # "how many", "how large"
            elif i > 0 and lowered[i - 1] in ("on", "with"):
                reader.cue = f"{lowered[i - 1]} {low}"
        elif low == "in" and lowered[i + 1:i + 3] == ["terms", "of"]:
            reader.stop(asking=True)
            reader.fresh = True
            reader.cue = "compare"
            i += 2
        elif low in ("score", "scores", "rating", "ratings") and i > 0 and tokens[i - 1] == METRIC:
            # "the ⟨A⟩ score and Chatbot Arena Elo rating": the benchmark's noun, not the verb "score"; "its ⟨A⟩
            # rating" when the library heads the metric "Chatbot Arena ELO Rating" (Mistral 7B's Table 3)
            pass
        elif reader.current and reader.asking and re.fullmatch(r"[a-z]+[^s]s", token) \
                and nxt.lower() in ("a", "an", "the", "its", "their"):
            reader.stop(asking=False)  # "which coding scheme turns a model's predictions into …": a verb of the clause
        elif low in _NOUN_VERBS and reader.current and reader.asking and (
                not nxt or nxt.lower() in (",", ";", "?", "and", "or", "of", "for", "in", ")")):
            reader.current.append(token)  # "the weight initialization scale": a noun ending the asked phrase
        elif low in _AUX or is_verb(token):
            # "what are <asked>", "what <asked> were used": an auxiliary right after the question word keeps asking
            keep = reader.fresh and not reader.current and not reader.phrases and low in _AUX
            # "what capacity does X give its routing blocks": after a question word has asked its phrase, "give" is
            # the clause's verb and its object receives the value; only a clause's first verb is an imperative
            imperative = low in _IMPERATIVE and not (
                reader.groups and reader.cue.split(" ")[0] in _WH and i > 0 and lowered[i - 1] not in (",", "and"))
            reader.stop(asking=keep or imperative)
            reader.fresh = keep or imperative
            if imperative:
                reader.cue = low
        elif token.endswith(("'s", "’s", "s'", "s’")) and low.rstrip("'’s") in ("model", "models", "system", ""):
            reader.current = []
        elif low == "of" and [w.lower() for w in reader.current] in ([w] for w in _RELATION_NOUNS):
            reader.current = []  # "the impact of model size and training data on …": the sizes are asked
        elif low in ("in", "on", "of") and nxt == METRIC and [w.lower() for w in reader.current] in (
                [w] for w in _CONTRAST_NOUNS):
            reader.current = []  # "the differences in ⟨A⟩ between A and B": the benchmark is what is compared
        elif low in _PREPOSITIONS:
            counting = [w.lower() for w in reader.current] in ([w] for w in _COUNTING)
            # "the share of English data": a share is of a kind of data, whatever its case (not "the dimension of MLA")
            partitive = [w.lower() for w in reader.current[-1:]] in ([w] for w in _SHARE_NOUNS)
            joins = (low in ("of", "per") and reader.current and nxt not in (SUBJECT, METRIC)
                     and nxt.lower() not in _DETERMINERS and (counting or partitive or not nxt[:1].isupper()))
            if joins:
                reader.current.append(token)
            elif low in ("on", "of") and reader.current and reader.current[-1].lower() in _BOUND_NOUNS \
                    and nxt not in (SUBJECT, METRIC):
                reader.current.append(token)  # "what lower bound on the intrinsic dimension": the bounded thing too
                if nxt.lower() in _DETERMINERS:
                    reader.current.append(nxt)
                    i += 1
            elif low == "on" and nxt == METRIC:
                reader.stop(asking=True)
            elif low in ("on", "with") and nxt.lower() in _WH:
                reader.stop(asking=False)
            elif reader.asking and (reader.current or reader.phrases) and nxt != SUBJECT:
                reader.close()  # "KV compression dimension of MLA, …", "… per token in each MoE layer": a qualifier
                reader.qualifying = True
            else:
                reader.stop(asking=False)
        elif low in _DETERMINERS or low in _FILLERS:
            if reader.current:
                reader.close()
            elif low in _DETERMINERS and reader.phrases:
                reader.part += 1  # "…, the total and activated parameters": a coordination of its own
        elif not reader.qualifying:
            reader.current.append(token)
            reader.fresh = False
        i += 1
    reader.stop(asking=False)
    participle = _PARTICIPLE.search(clause)
    out: list[Asked] = []
    for group, cue in reader.groups:
        parts = [[(p, t) for p, t, k in group if k == part] for part in dict.fromkeys(k for *_, k in group)]
        for phrase, tail in (item for part in parts for item in distribute_with_tails(part, standalone)):
            if not re.search(r"[a-z\u0370-\u03ff]", phrase, re.IGNORECASE) or re.fullmatch(r"[a-z]+ed", phrase):
                continue  # no word, or a bare participle ("where is it placed")
            if cue in ("how many", "how much") and participle and len(phrase.split()) == 1:
                verb = re.sub(r"^(?:pre|post)-?", "", participle.group(1).lower())
                phrase = f"{verb}ing {phrase}"  # "how many tokens were X pre-trained on" → training tokens
            if cue == "how often" and any(a.how == 'read from "how often …"' for a in out):
                continue  # "how often do labelers prefer the outputs of A to B": the verb's frequency, not its object
            label = cue or "the question's wording"
            phrase = _sized(phrase, cue)
            out.append(Asked(phrase, _kind(phrase, cue, tail), f'read from "{label} …"'))
    return out


def _citation(tokens: list[str]) -> bool:
    """Whether a bracket opening on these tokens cites a paper ("(Vaswani et al., 2017)") rather than lists asks."""
    inside = tokens[:tokens.index(")")] if ")" in tokens else tokens
    return any(re.fullmatch(r"et|al|(?:19|20)\d\d[a-z]?", t, re.IGNORECASE) for t in inside)


def distribute_with_tails(group: list[tuple[str, str]], standalone: Callable[[str], bool]) -> list[tuple[str, str]]:
    """`distribute` over (phrase, last word as asked) pairs; a distributed phrase keeps the last one's."""
    phrases = distribute([p for p, _ in group], standalone)
    if len(phrases) == len(group):
        return [(p, t) for p, (_, t) in zip(phrases, group, strict=True)]
    return [(p, group[-1][1]) for p in phrases]


class _Reader:
    """Noun phrases being collected: the current one, the coordinated ones of the asked list, and the
    finished lists with the question word they were asked with."""

    def __init__(self) -> None:
        self.current: list[str] = []
        self.phrases: list[tuple[str, str, int]] = []
        self.groups: list[tuple[list[tuple[str, str, int]], str]] = []
        self.part = 0
        self.asking = False
        self.fresh = False
        self.qualifying = False
        self.cue = ""

    def close(self) -> None:
        text = _clean(self.current)
        if text and self.asking:
            self.phrases.append((text, self.current[-1].lower(), self.part))
        self.current = []

    def stop(self, asking: bool) -> None:
        self.close()
        self.qualifying = False
        if self.phrases:
            self.groups.append((self.phrases, self.cue))
            self.phrases = []
        self.asking = asking


def quantity_words(phrase: str) -> bool:
    """Whether a phrase names an amount (a count, a size, a rate), not a kind of thing named after one."""
    words = phrase.split()
    if len(words) > 1 and words[-1].lower() in _QUALITATIVE_HEADS:
        return False
    return bool(_QUANTITY_WORDS.search(phrase)) or bool(_SYMBOL.match(phrase))


def quantity_symbol(phrase: str) -> bool:
    """A symbol asked by itself ("β2", "d_model"): its value is read where the library defines it."""
    return bool(_SYMBOL.match(phrase))
