"""What the learned judge reads (synth.verify.judge): the prose window that shares most of a claim's
words, and a few numbers about how it relates to the claim, all computed by the rules the verifier
already uses (IDF word coverage, polarity, direction of change, scope words, hedges, names).

The rules decide a claim only when every check passes; a paraphrase ("reduced resistance" for
"decreased susceptibility") fails one and the claim stays `insufficient`. These numbers let a
small logistic regression weigh the checks against each other instead.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import astuple, dataclass, fields

from synth import claimparse
from synth.verify.claim import ClaimInfo
from synth.verify.facts import LibraryFacts
from synth.verify.names import entity_found
from synth.verify.negation import best_clause, best_sentence, matching_clause, scope_conflict
from synth.verify.windows import Window
from synth.verify.words import shared_words, word_tokens

# Words that report a finding: a sentence saying "we found", "was associated with" states a result.
_RESULT = re.compile(r"\b(?:found|find|finding|show(?:s|ed|n)?|demonstrat\w*|reveal\w*|observ\w*|associat\w*|"
                     r"significant\w*|result\w*|indicat\w*|conclu\w*|suggest\w*|confirm\w*|identif\w*)\b",
                     re.IGNORECASE)
# How far apart (in content words) two neighbouring claim words may stand in a window and still
# count as the claim's pair ("insulin resistance" in "resistance to insulin").
_PAIR_REACH = 3


@dataclass(frozen=True)
class Features:
    """One claim against its closest prose window: shares, flags (0 or 1) and one log score."""

    coverage: float  # IDF-weighted share of the claim's words in the window
    sentence_coverage: float  # ... in the window's sentence that carries the claim
    word_share: float  # unweighted share of the claim's words in the window
    missing_weight: float  # IDF share of the heaviest claim word the window lacks
    pair_share: float  # share of the claim's neighbouring word pairs found near each other
    alignment: float  # best fuzzy token-set alignment of the claim with any window
    near_miss: float  # best coverage among windows naming every entity (Probe.best)
    relevance: float  # BM25 score of the window's passage relative to the best candidate
    top_document: float  # the window is from the best-ranked document
    top_margin: float  # how far the best-ranked document's BM25 score is ahead of the next document's
    top_strength: float  # log(1 + the best BM25 score per claim word): how strongly anything matches
    document_coverage: float  # IDF-weighted share of the claim's words anywhere in the best-ranked document
    title_coverage: float  # ... in its title
    entities: float  # share of the claim's names the window (or its context) names
    claim_negated: float
    sentence_negated: float
    polarity_differs: float
    claim_direction: float  # the claim says something rises or falls
    same_direction: float
    opposite_direction: float
    scope_denies: float  # the sentence's scope words deny what the claim asserts (or the reverse)
    hedged: float  # the sentence asks, aims or speculates
    result_words: float  # the sentence reports a finding
    length: float  # log of the claim's content words, scaled to about [0, 1]

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def vector(self) -> tuple[float, ...]:
        """The numbers, rounded to 9 places: sums of IDF weights taken over sets in hash order differ in their last
        digits between runs, and the trained weights must not (bench/judge_train.py --check)."""
        return tuple(round(float(x), 9) for x in astuple(self))


@dataclass
class Closest:
    """The window sharing most of the claim's IDF-weighted words seen so far (ties: the earlier,
    better-ranked one), kept while the verifier walks its candidate windows."""

    coverage: float = -1.0
    window: Window | None = None
    top_document: str = ""
    runner_up: float = 0.0  # relevance of the best passage of any other document
    top_words: frozenset[str] = frozenset()  # the claim's words found in the best-ranked document

    def see(self, info: ClaimInfo, window: Window, facts: LibraryFacts) -> None:
        doc = window.passage.doc_id
        if not self.top_document:
            self.top_document = doc
        if doc != self.top_document:
            self.runner_up = max(self.runner_up, window.relevance)
        if not info.words:
            return
        shared = shared_words(info.words, word_tokens(window.text).bag)
        if doc == self.top_document:
            self.top_words |= shared
        coverage = facts.coverage(shared, info.words)
        if coverage > self.coverage:
            self.coverage, self.window = coverage, window


def _pair_share(claim_words: tuple[str, ...], window_words: tuple[str, ...]) -> float:
    pairs = {(a, b) for a, b in itertools.pairwise(claim_words) if a != b}
    if not pairs:
        return 0.0
    where: dict[str, list[int]] = {}
    for position, word in enumerate(window_words):
        where.setdefault(word, []).append(position)
    near = sum(1 for a, b in pairs
               if any(abs(i - j) <= _PAIR_REACH for i in where.get(a, ()) for j in where.get(b, ())))
    return near / len(pairs)


def features_of(info: ClaimInfo, closest: Closest, alignment: float, near_miss: float, top_score: float,
                facts: LibraryFacts) -> Features | None:
    """The judge's reading of the claim against its closest window; None when no window shares a
    word with it (nothing to read)."""
    window = closest.window
    if window is None or closest.coverage <= 0.0:
        return None
    words = info.words
    window_tokens = word_tokens(window.text)
    shared = shared_words(words, window_tokens.bag)
    sentence = best_sentence(info, window)
    clause = best_clause(info, sentence)
    claim_clause = matching_clause(info.text, clause)
    total = math.fsum(facts.weight(w) for w in words)
    missing = max((facts.weight(w) for w in words - shared), default=0.0)
    claim_direction = claimparse.direction(claim_clause)
    up, down = claimparse.directions(clause)
    same = (up and not down) if claim_direction > 0 else (down and not up) if claim_direction < 0 else False
    opposite = (down and not up) if claim_direction > 0 else (up and not down) if claim_direction < 0 else False
    claim_negated, sentence_negated = claimparse.negated(claim_clause), claimparse.negated(clause)
    found = [entity_found(info, i, window) for i in range(len(info.entities))]
    return Features(
        coverage=closest.coverage,
        sentence_coverage=facts.coverage(shared_words(words, word_tokens(sentence).bag), words),
        word_share=len(shared) / len(words),
        missing_weight=missing / total if total else 0.0,
        pair_share=_pair_share(word_tokens(info.text).words, window_tokens.words),
        alignment=alignment,
        near_miss=near_miss,
        relevance=window.relevance,
        top_document=float(window.passage.doc_id == closest.top_document),
        top_margin=1.0 - closest.runner_up,
        top_strength=math.log1p(top_score / max(1, len(words))),
        document_coverage=facts.coverage(closest.top_words, words),
        title_coverage=facts.coverage(shared_words(words, word_tokens(facts.title_of.get(
            closest.top_document, "")).bag), words),
        entities=sum(found) / len(found) if found else 1.0,
        claim_negated=float(claim_negated),
        sentence_negated=float(sentence_negated),
        polarity_differs=float(claim_negated != sentence_negated),
        claim_direction=float(claim_direction != 0),
        same_direction=float(same),
        opposite_direction=float(opposite),
        scope_denies=float(scope_conflict(claim_clause, sentence) is True),
        hedged=float(claimparse.hedged(clause)),
        result_words=float(bool(_RESULT.search(sentence))),
        length=min(1.0, math.log1p(len(words)) / math.log1p(30)),
    )
