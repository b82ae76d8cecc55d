"""The claim, parsed once: its content words, named entities with their variants (base or
instruct), the names that can own figures, polarity, direction of change, comparative cues and
who is compared with whom ("A outperforms B" → (A, B)).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from synth import claimparse
from synth.claimparse import Assertion, Cue
from synth.tables import name_variant
from synth.text import collapse, fold
from synth.verify.words import BARE_SIZE, WORD, compact, model_like, norm, word_tokens

# Verbs that only say "has this figure": a claim "X scored N on B" is checked on X, N and B.
_LIGHT_VERBS = frozenset({"scor", "achiev", "report", "record", "post", "get", "got", "show"})


_RELATIVE = re.compile(r"\b(which|who|that|whose)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimInfo:
    """Everything about a claim that is compared with passages, computed once."""

    text: str
    assertion: Assertion
    words: frozenset[str]
    entities: tuple[str, ...]
    variants: tuple[str | None, ...]
    models: tuple[str, ...]
    negated: bool
    direction: int
    cues: tuple[Cue, ...]
    order: tuple[str | None, str | None]
    verbatim: str = ""
    owners: tuple[str, ...] = ()


def claim_info(claim: str, measures: frozenset[str], printed_name: Callable[[str], bool] | None = None) -> ClaimInfo:
    """The claim parsed; with `printed_name` (whether the library prints a word as a name,
    synth.verify.printed), a first word the claim alone cannot tell from a common noun is its subject."""
    assertion = claimparse.parse(claim)
    spans = claimparse.name_spans(claim)
    first = _first_word_name(claim, spans, printed_name)
    if first is not None:
        spans = (first, *spans)
        assertion = replace(assertion, entities=(first[0], *assertion.entities))
    aliases = defined_aliases(claim, spans)
    entities = tuple(name for name in assertion.entities if name not in aliases)
    variants = []
    for name in entities:
        variant = name_variant(name)
        if variant is None:
            for mention, start, end in spans:
                if mention == name:
                    variant = claimparse.variant_around(claim, start, end)
                    break
        variants.append(variant)
    entity_tokens = {norm(t) for name in (*entities, *aliases) for t in WORD.findall(name)}
    words = frozenset(w for w in word_tokens(claim).words if w not in entity_tokens)
    if assertion.quantities and len(entities) >= 2:
        words -= _LIGHT_VERBS
    models = tuple(name for name in entities if model_like(name, measures))
    cues = claimparse.comparatives(claim)
    verbatim = collapse(fold(claim)).rstrip(".!?;: ")
    return ClaimInfo(claim, assertion, words, entities, tuple(variants), models, claimparse.negated(claim),
                     claimparse.direction(claim), cues, _comparison_order(claim, spans, cues, measures),
                     verbatim if len(verbatim) >= 20 else "", owning_names(entities, measures))


_FIRST_WORD = re.compile(r"\s*([A-Z][a-z]{3,})(?![\w\-])")


def _first_word_name(claim: str, spans: Sequence[tuple[str, int, int]],
                     printed_name: Callable[[str], bool] | None) -> tuple[str, int, int] | None:
    """The claim's capitalised first word when the library prints it as a name ("Shufflenet has 15 months doubling
    time." in a library printing "ShuffleNet"): at a sentence's start a name is told from a common word only by the
    few names the claim parser knows (synth.claimparse), and a claim read with no subject is contradicted by any
    sentence giving its attribute another figure, whoever that sentence is about."""
    found = _FIRST_WORD.match(claim)
    if printed_name is None or found is None or any(start <= found.start(1) < end for _, start, end in spans):
        return None
    word = found.group(1)
    if claimparse.entities(f"the {word}") != (word,) or not printed_name(word):  # a common word inside a sentence
        return None
    return word, found.start(1), found.end(1)


_RATIO = re.compile(r"^\d+(?:\.\d+)?\s*[x×]$", re.IGNORECASE)


def ratio_token(name: str) -> bool:
    """A factor the name finder reads as a name ("18x", "10×"): it names nothing, and owns no figure."""
    return bool(_RATIO.match(name))


def owning_names(entities: Sequence[str], measures: frozenset[str]) -> tuple[str, ...]:
    """The claim's names a figure can be said of: its models, and its proper names without a digit that
    are no benchmark ("GShard", "Switch-XXL", "BERT"). Without them a figure of Switch-C, three words
    from the name Switch-XXL, would be read as Switch-XXL's because Switch-C has no digit."""
    return tuple(name for name in entities if not ratio_token(name) and (model_like(name, measures) or (
        compact(name) not in measures and not BARE_SIZE.match(name)
        and re.search(r"[A-Z]", name) and len(re.sub(r"[^A-Za-z]", "", name)) >= 3)))


_BEFORE_PARENTHESIS = re.compile(r"((?:[\w-]+\s+){1,6})\(\s*$")


def defined_aliases(text: str, spans: Sequence[tuple[str, int, int]]) -> frozenset[str]:
    """Names the claim defines as short forms of the words before them: "diastolic blood pressure
    (DBP)", "T-helper 17 (Th17)". A passage that spells the long form out states the same thing,
    so such a name is neither required nor counted as a word of its own."""
    aliases = set()
    for name, start, end in spans:
        before = _BEFORE_PARENTHESIS.search(text[max(0, start - 80):start])
        if before is None or not text[end:].lstrip().startswith(")") or re.search(r"\d", before.group(1)):
            continue  # a long form with a number ("T helper 2 cell (Th2)") keeps its name: the number is no figure
        initials = [w[0].lower() for w in re.split(r"[\s-]+", before.group(1)) if w]
        letters = [c.lower() for c in name if c.isupper()]
        remaining = iter(initials)
        if letters and initials and letters[0] in initials and all(c in remaining for c in letters):
            aliases.add(name)
    return frozenset(aliases)


def _comparison_order(text: str, spans: Sequence[tuple[str, int, int]], cues: Sequence[Cue],
                      measures: frozenset[str]) -> tuple[str | None, str | None]:
    """(subject, object) of the first entity comparison: "A outperforms B" → (A, B)."""
    cue = next((c for c in cues if c.group != "amount"), None)
    if cue is None:
        return None, None
    models = [(name, start) for name, start, _ in spans if model_like(name, measures)]
    return subject_of(text, models, cue), object_of(text, models, cue)


def subject_of(text: str, models: Sequence[tuple[str, int]], cue: Cue) -> str | None:
    """Who the comparative is said of: the nearest name before a relative pronoun ("B, which is
    five times larger"), else the first name of the sentence ("A, despite being smaller")."""
    sentence_start = max(text.rfind(". ", 0, cue.start), text.rfind("; ", 0, cue.start), 0)
    before = [(name, start) for name, start in models if sentence_start <= start < cue.start]
    if not before:
        return None
    nearest, start = before[-1]
    if _RELATIVE.search(text[start + len(nearest):cue.start]):
        return nearest
    return before[0][0]


def object_of(text: str, models: Sequence[tuple[str, int]], cue: Cue) -> str | None:
    """What the comparative is measured against: the first name after it in its sentence."""
    stops = [p for p in (text.find(". ", cue.end), text.find("; ", cue.end)) if p >= 0]
    sentence_end = min(stops) if stops else len(text)
    return next((name for name, start in models if cue.end <= start < sentence_end), None)
