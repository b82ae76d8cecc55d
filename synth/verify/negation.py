"""Polarity and scope: which sentence and clause of a passage carries the claim, so a contrast
elsewhere in the sentence ("X rose, whereas Y fell") does not flip it; exclusive words ("only",
"solely") that narrow a claim; and what a scope word denies.

A scope word denies the phrase after it, up to the end of its clause: "without relying on more
complex techniques such as Monte Carlo tree search, value functions, …", "we remove QKV-bias used
in Qwen2", "does not drop any tokens", "instead of X", "foregoes the critic model". A claim that
asserts what a passage's scope denies ("relies on Monte Carlo tree search", "keeps the QKV-bias",
"drops tokens") is the opposite statement about the same thing; so is a claim that denies what
the passage asserts. `scope_conflict` compares the two by the content words inside and outside
the denied phrases.
"""

from __future__ import annotations

import re
from functools import lru_cache

from synth import claimparse
from synth.verify.claim import ClaimInfo
from synth.verify.windows import Window
from synth.verify.words import same_word, shared_words, word_tokens

_CLAUSE_BREAK = re.compile(r";|:|,\s*(?=(?:whereas|while|but|although|though|yet|however|which|who|and|because|"
                           r"since)\b)|\b(?:whereas|but)\b")


def best_sentence(info: ClaimInfo, window: Window) -> str:
    """The sentence of a two-sentence window that carries the claim, for polarity checks."""
    return max(window.sentences(), key=lambda s: len(shared_words(info.words, word_tokens(s).bag)))


def matching_clause(claim: str, clause: str) -> str:
    """The clause of a compound claim that a window clause speaks to, so "A, but not B" is compared
    part by part rather than as one denial."""
    parts = [c for c in _CLAUSE_BREAK.split(claim) if c and c.strip()]
    if len(parts) <= 1:
        return claim
    target = word_tokens(clause).bag
    return max(parts, key=lambda c: len(shared_words(word_tokens(c).bag, target)))


def best_clause(info: ClaimInfo, sentence: str) -> str:
    """The clause of a sentence that carries the claim ("X increased A, whereas Y decreased B"),
    so a contrast elsewhere in the sentence does not flip its direction."""
    clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()]
    if len(clauses) <= 1:
        return sentence

    def weight(clause: str) -> float:
        says_change = info.direction != 0 and any(claimparse.directions(clause))
        return len(shared_words(info.words, word_tokens(clause).bag)) + (0.5 if says_change else 0.0)

    return max(clauses, key=weight)


# "only", "solely", "exclusively" narrow a claim: a passage that does not say so does not state it.
EXCLUSIVE = re.compile(r"\b(only|solely|exclusively|entirely|alone)\b", re.IGNORECASE)


_NEGATIVE_SCOPE = re.compile(
    r"\b(?:without(?:\s+(?:relying\s+on|using|requiring|the\s+need\s+for|any))?|instead\s+of|rather\s+than|"
    r"in\s+place\s+of|(?:do|does|did|do\s+we|can)\s*(?:not|n't)(?:\s+(?:use|apply|employ|rely\s+on|need|require|"
    r"have|include|keep))?|never|no\s+longer|remov(?:e|es|ed|ing)|discard\w*|eliminat\w*|abandon\w*|"
    r"forgo(?:es|ing|ne)?|foregoes|foregoing|does\s+away\s+with|do\s+away\s+with|exclud\w*|free\s+of|"
    r"drop(?:s|ped|ping)?|\bno\b|lacks?|lacking)\b", re.IGNORECASE)
_POSITIVE_SCOPE = re.compile(
    r"\b(?:rel(?:y|ies|ied|ying)\s+on|keeps?|kept|keeping|retain\w*|us(?:e|es|ed|ing)|employ\w*|adopt\w*|"
    r"appl(?:y|ies|ied|ying)|includ\w*|maintain\w*|utili[sz]\w*|leverag\w*|(?:trained|aligned|built)\s+with|"
    r"incorporat\w*|requir\w*)\b", re.IGNORECASE)
_SCOPE_END = re.compile(r"[.;:!?]|\b(?:but|while|whereas|which|that\s+is|to\s+(?:ensure|improve|reach|achieve|"
                        r"make)|and\s+(?:introduce|add|adopt|use|instead|estimate)\w*|in\s+order)\b"
                        r"|\band\s+(?=(?:[\w\-]+\s+){0,3}?we\s)"
                        r"|,\s+(?=(?:\w+ly\s+)?(?!including\b)\w+ing\b)", re.IGNORECASE)
# "A instead of B", "A rather than B": the contrast denies B and asserts A, the part of its clause before it.
_CONTRAST = re.compile(r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\b", re.IGNORECASE)
_CONTRAST_START = re.compile(r"[.;:!?,]\s*|\b(?:but|while|whereas|which)\b", re.IGNORECASE)
_GENERIC = frozenset({"model", "method", "approach", "use", "complex", "technique", "such", "more", "train",
                      "training", "any"})
MIN_SCOPED_WORDS = 2


_PASSIVE = re.compile(r"\b(?:been|be|is|are|was|were|being|get|gets|got)\s+$", re.IGNORECASE)


def _scopes(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans a scope word governs: from after the word to the end of its clause (a participle after
    a comma, ", providing …", starts another). A passive verb ("limitations have been eliminated,
    including …") denies its subject, not what follows; a word hyphen-joined to the one before it
    ("the token-dropping strategy") names a thing and governs nothing."""
    spans = []
    for match in pattern.finditer(text):
        compound = text[match.start() - 1:match.start()] == "-"
        if compound or _PASSIVE.search(text[max(0, match.start() - 12):match.start()]):
            continue
        end = _SCOPE_END.search(text, match.end())
        spans.append((match.end(), end.start() if end else len(text)))
    return spans


def _contrasted(text: str) -> list[tuple[int, int]]:
    """What a contrast asserts: "we only predict the masked words rather than reconstructing …" says
    the masked words are predicted, the part of the clause before "rather than"."""
    spans = []
    for match in _CONTRAST.finditer(text):
        starts = [m.end() for m in _CONTRAST_START.finditer(text, 0, match.start())]
        starts += [m.end() for m in _POSITIVE_SCOPE.finditer(text, starts[-1] if starts else 0, match.start())]
        spans.append((max(starts, default=0), match.start()))
    return spans


@lru_cache(maxsize=32768)
def _polarities(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words a text denies, words it asserts inside a scope): each scope word covering a word
    flips it, so "does not drop any tokens" asserts the tokens and "drops tokens" denies them."""
    tokens = word_tokens(text)
    denying, asserting = _scopes(text, _NEGATIVE_SCOPE), _scopes(text, _POSITIVE_SCOPE) + _contrasted(text)
    verbs = scope_verbs(text)
    denied, asserted = set(), set()
    for word, (start, _) in zip(tokens.words, tokens.spans, strict=True):
        if word in _GENERIC or word in verbs:
            continue
        flips = sum(1 for s, e in denying if s <= start < e)
        if flips % 2:
            denied.add(word)
        elif flips or any(s <= start < e for s, e in asserting):
            asserted.add(word)
    both = denied & asserted
    return frozenset(denied - both), frozenset(asserted - both)


def denies_in_scope(text: str) -> bool:
    """Whether the text denies through a scope word ("do not use", "without", "no"): what it denies is then the
    phrase that word governs, not every word of the sentence."""
    return bool(_scopes(text, _NEGATIVE_SCOPE))


def asserts_in_scope(text: str) -> bool:
    """Whether the text asserts through a scope word ("uses", "relies on", "keeps"): what it asserts is the phrase
    that word governs."""
    return bool(_scopes(text, _POSITIVE_SCOPE))


def unscoped_words(text: str) -> frozenset[str]:
    """The text's words outside every scope: what it says plainly, around its denials."""
    denied, asserted = _polarities(text)
    verbs = scope_verbs(text)
    return frozenset(w for w in word_tokens(text).words if w not in denied and w not in asserted and w not in verbs)


def scope_verbs(text: str) -> frozenset[str]:
    """The text's scope words in comparison form ("keeps", "without", "remove"): what differs
    between a claim and a passage that denies it, so not counted when comparing their words."""
    words = word_tokens(text)
    spans = [(m.start(), m.end()) for pattern in (_NEGATIVE_SCOPE, _POSITIVE_SCOPE) for m in pattern.finditer(text)]
    return frozenset(w for w, (start, _) in zip(words.words, words.spans, strict=True)
                     if any(s <= start < e for s, e in spans))


def scoped_words(claim: str) -> frozenset[str]:
    """What the claim's scope words govern ("keeps [the QKV-bias that Qwen2 used …]"), or all its
    words when it has none: the part a denying passage must be about."""
    denied, asserted = _polarities(claim)
    return (denied | asserted) or frozenset(w for w in word_tokens(claim).words if w not in _GENERIC)


def _claim_polarities(claim: str) -> tuple[frozenset[str], frozenset[str]]:
    """(denied, asserted) words of a claim; a claim without scope words asserts all its words."""
    denied, asserted = _polarities(claim)
    if not denied and not asserted:
        asserted = frozenset(w for w in word_tokens(claim).words if w not in _GENERIC)
    return denied, asserted


@lru_cache(maxsize=32768)
def _contrast_denied(text: str) -> frozenset[str]:
    """What a contrast replaces: the denied words after "instead of" / "rather than" ("Docker" in "we
    utilize crun as the container runtime instead of Docker")."""
    denied, _ = _polarities(text)
    tokens = word_tokens(text)
    spans = [(m.end(), end.start() if (end := _SCOPE_END.search(text, m.end())) else len(text))
             for m in _CONTRAST.finditer(text)]
    return frozenset(w for w, (start, _) in zip(tokens.words, tokens.spans, strict=True)
                     if w in denied and any(s <= start < e for s, e in spans))


def _replaced(claim: str, sentence: str) -> frozenset[str]:
    """The claim's asserted words that a contrast of the sentence replaces by another thing in the
    same role ("uses Docker as its container runtime" against "crun … instead of Docker")."""
    denied, asserted = _claim_polarities(claim)
    return shared_words(asserted, _contrast_denied(sentence)) if not denied else frozenset()


# The rest of a compound after the word it starts with ("layer|norm", "LayerNorm|-equipped"): another word
_COMPOUND_REST = 4


def _part_of(a: str, b: str) -> bool:
    """Whether one word only begins the other, a compound ("layer" in "layernorm"): the same word to `same_word`,
    but a denial of "linear layers" says nothing of LayerNorm."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and sum(c.isalpha() for c in long[len(short):]) >= _COMPOUND_REST


def met_words(words: frozenset[str], said: frozenset[str]) -> frozenset[str]:
    """`shared_words` without the words met only as the start of a compound (`_part_of`)."""
    return frozenset(w for w in shared_words(words, said) if w in said or any(
        same_word(w, other) and not _part_of(w, other) for other in said))


def flipped_words(claim: str, sentence: str) -> frozenset[str]:
    """The claim's words that the sentence says the opposite of (asserted here, denied there, or
    the other way round); when a contrast replaces what the claim asserts, also the role both
    assert ("container runtime"), which is what makes it the same statement. A word met only as a
    compound's first part is not ("do not use bias weights for linear layers" flips no "LayerNorm")."""
    denied_here, asserted_here = _polarities(sentence)
    denied, asserted = _claim_polarities(claim)
    flipped = met_words(asserted, denied_here) | met_words(denied, asserted_here)
    if _replaced(claim, sentence):
        flipped |= shared_words(asserted, asserted_here)
    return flipped


def scope_conflict(claim: str, sentence: str) -> bool | None:
    """True when the claim asserts what the sentence denies (or denies what it asserts) about the
    same things, False when both say the same of them, None when the sentence's scopes do not
    reach what the claim says."""
    denied_here, asserted_here = _polarities(sentence)
    if not _scopes(sentence, _NEGATIVE_SCOPE) or not denied_here | asserted_here:
        return None
    denied, asserted = _claim_polarities(claim)
    if _replaced(claim, sentence):
        return True
    plain = unscoped_words(sentence)
    scoped = len([w for w in denied | asserted if not shared_words(frozenset({w}), plain)])
    flipped = shared_words(asserted, denied_here) | shared_words(denied, asserted_here)
    kept = shared_words(denied, denied_here) | shared_words(asserted, asserted_here)
    needed = max(1, (scoped + 1) // 2)
    # words the sentence states plainly lower the bar, never to a single word of a longer scope
    floor = min(MIN_SCOPED_WORDS, (len(denied | asserted) + 1) // 2)
    if len(flipped) >= max(needed, floor) and len(flipped) > len(kept):
        return True
    if len(kept) >= needed and (denied or shared_words(asserted, denied_here) or _scopes(claim, _NEGATIVE_SCOPE)):
        return False
    return None


_OPPOSITE_EXTREMES = {"highest": "lowest", "lowest": "highest", "largest": "smallest", "smallest": "largest",
                      "maximum": "minimum", "minimum": "maximum", "best": "worst", "worst": "best",
                      "strongest": "weakest", "weakest": "strongest"}
_EXTREME_WORD = re.compile(r"\b(" + "|".join(_OPPOSITE_EXTREMES) + r")\s+(\w+)", re.IGNORECASE)


def opposite_extreme(claim: str, sentence: str) -> tuple[str, str] | None:
    """(the claim's superlative, the sentence's opposite one) when the sentence puts the opposite
    superlative before the same word and never the claim's ("prefers … the lowest frequencies of
    RoPE" against "the highest frequencies"): the opposite statement about the same thing."""
    for match in _EXTREME_WORD.finditer(claim):
        word, noun = match.group(1).lower(), match.group(2)
        if re.search(rf"\b{word}\b", sentence, re.IGNORECASE):
            continue
        opposite = _OPPOSITE_EXTREMES[word]
        for other in _EXTREME_WORD.finditer(sentence):
            if other.group(1).lower() == opposite and shared_words(frozenset(word_tokens(noun).words),
                                                                   word_tokens(other.group(2)).bag):
                return word, opposite
    return None

