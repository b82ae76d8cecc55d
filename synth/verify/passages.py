"""One window of text against the claim: support, contradiction or nothing.

A window *supports* the claim only when words, names, figures, polarity and comparison all
agree; it *contradicts* it when it is about the same names and words but states a different
figure in the same role, the opposite polarity or direction, the reverse comparison, or the same
thing of a swapped entity. Questions, aims and hedges ("to assess whether", "may") state nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from synth import claimparse
from synth.models import Verdict
from synth.text import collapse, drawn, fold, has_tick_run
from synth.verify.claim import ClaimInfo
from synth.verify.comparisons import comparison_conflict, comparison_unstated
from synth.verify.facts import LibraryFacts
from synth.verify.figures import ROLE_STRONG, ROLE_WEAK, check_figures
from synth.verify.names import (
    OPENING,
    about_offshoot,
    entity_found,
    in_paragraph_only,
    mentioned,
    prefix_antonym,
    swapped_entity,
)
from synth.verify.negation import (
    EXCLUSIVE,
    asserts_in_scope,
    best_clause,
    best_sentence,
    denies_in_scope,
    flipped_words,
    matching_clause,
    met_words,
    opposite_extreme,
    scope_conflict,
    scope_verbs,
    scoped_words,
    unscoped_words,
)
from synth.verify.usage import names_a_model, stated_use
from synth.verify.window_figures import window_figures
from synth.verify.windows import Judgement, Window, window_evidence
from synth.verify.words import shared_words, word_tokens

# A claim without figures is stated by a window carrying this IDF-weighted share of its words (0.75
# before: on the SciFact tune part, 7 of the 17 supports between 0.75 and 0.8 were wrong).
SUPPORT_COVERAGE = 0.8


SUPPORT_COVERAGE_WITH_FIGURES = 0.5


CONTRADICT_COVERAGE = 0.6


POLARITY_COVERAGE = 0.75


MIN_SHARED_WORDS = 2
# A passage that denies what the claim asserts shares its words but for the verb ("keeps" vs "we
# remove"): it is read from this share of the claim's words on.
SCOPE_COVERAGE = 0.4
# ... and contradicts it when it shares this much of the claim's words other than its scope verbs.
SCOPE_CONTRADICTS = 0.5


_NUMBER_TOKEN = re.compile(r"(?<![\w.])[-+]?\d[\d,.]*%?(?![\w.])")
TABULAR_NUMBERS = 8
TABULAR_SHARE = 0.3


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def tabular(text: str) -> bool:
    """A table's rows run together as text (a PDF page's table): many figures, few words. Figures
    in brackets are a sentence's statistics ("(odds ratio 1·75, 95% CI 1·20-2·54, p=0·004)"), not
    a table's cells, so they are not counted."""
    prose = _BRACKETED.sub(" ", _BRACKETED.sub(" ", text))
    numbers = len(_NUMBER_TOKEN.findall(prose))
    return numbers >= TABULAR_NUMBERS and numbers / max(1, len(prose.split())) >= TABULAR_SHARE


@dataclass
class Probe:
    """Near misses seen while judging windows: windows that name every entity of the claim, scored
    by the share of its words (times the share of its figures) they state. They explain an
    `insufficient` verdict (the closest such passage is quoted) and lower its confidence."""

    best: float = 0.0
    window: Window | None = None
    sources: set[str] = field(default_factory=set)

    def record(self, window: Window, coverage: float) -> None:
        if coverage > self.best:
            self.best, self.window = coverage, window
        if coverage >= CONTRADICT_COVERAGE - 0.1:
            self.sources.add(window.passage.doc_id)


# A name right after one of these is what the sentence sets its statement against, not its subject.
_CONTRAST_CUE = re.compile(r"\b(?:unlike|(?:different(?:ly)?|distinct) from|in contrast (?:to|with)|contrary to|"
                           r"as opposed to)\s+(?:the\s+)?(?:(?:baseline|original|standard|vanilla|conventional)\s+)?$",
                           re.IGNORECASE)
_CONTRAST_IN_CLAIM = re.compile(r"\b(?:unlike|different(?:ly)? from|distinct from|in contrast|contrary to|"
                                r"as opposed to)\b", re.IGNORECASE)
_LONGER_NAME = re.compile(r"-[a-z]")


def contrasted(info: ClaimInfo, clause: str) -> str | None:
    """The claim's subject when the clause names it only as what it sets its statement against
    ("Unlike Orion-1, Orion-70B does not drop any tokens"; "slightly different from DeepSeek-V2, it
    does not compress the queries"): what the clause states is another subject's, and the opposite
    of the named one's. Only the clause that carries the claim counts ("Its KV compression dimension
    is 512" is still DeepSeek-V2's). A longer name ("DeepSeek-V2-Lite") is another model, not a mention."""
    if not info.entities or _CONTRAST_IN_CLAIM.search(info.text):
        return None
    name, folded = info.entities[0], fold(clause)
    found = [m for m in claimparse.name_pattern(name).finditer(folded)
             if not _LONGER_NAME.match(folded, m.end())]
    if found and all(_CONTRAST_CUE.search(folded[max(0, m.start() - 40):m.start()]) for m in found):
        return name
    return None


_SHOTS = re.compile(r"\b(zero|one|two|three|four|five|\d+)[- ]shots?\b", re.IGNORECASE)
_SHOT_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}


def _shots(text: str) -> frozenset[str]:
    return frozenset(_SHOT_WORDS.get(m.group(1).lower(), m.group(1)) for m in _SHOTS.finditer(text))


def other_shots(claim_clause: str, sentence: str) -> str | None:
    """The shot setting a sentence gives where the claim states another one ("91.6 F1 in the 3-shot
    setting" against a zero-shot claim): the figure is the other setting's. "few-shot" is no count,
    so it never disagrees with one."""
    claimed, said = _shots(claim_clause), _shots(sentence)
    if len(claimed) != 1 or not said or claimed & said:
        return None
    return min(m.group(0) for m in _SHOTS.finditer(sentence))


def _denies_what_it_says(claim: str, sentence: str, facts: LibraryFacts, context: str = "") -> bool:
    """Whether what the sentence says the opposite of carries the claim ("Monte Carlo tree search,
    value functions", "the QKV-bias"), not merely a common word of it, and the sentence is about
    the claim's subject (its first words, "Obesity decreases …" needs "obesity", in the sentence
    or the heading and title it sits under). Words the sentence states outside its scopes are the
    shared context of the denial, not what it denies."""
    flipped = flipped_words(claim, sentence)
    scope = scoped_words(claim) - scope_verbs(claim)
    scope -= shared_words(scope, unscoped_words(sentence)) - flipped  # what both state plainly is context
    subject = frozenset(word_tokens(claim).words[:2])
    return (bool(scope) and facts.coverage(met_words(scope, flipped), scope) >= SCOPE_CONTRADICTS
            and bool(shared_words(subject, word_tokens(f"{sentence} {context}").bag)))


def denied_beside(info: ClaimInfo, window: Window) -> bool:
    """Whether a sentence of the window that names a word of the claim has the opposite polarity
    (under the heading "No Token-Dropping", "DeepSeek-V3 keeps a good load balance"): the window says
    the opposite of the claim of the other subject, not the claim itself."""
    negated = claimparse.negated(info.text)
    said = (*window.sentences(), window.passage.section or "")
    return any(claimparse.negated(s) != negated
               and bool(shared_words(info.words, word_tokens(s).bag)) for s in said)


def _window_scope(claim: str, window: Window, sentence: str, facts: LibraryFacts) -> bool | None:
    """The scope reading of the window: the best sentence's, unless another sentence of the window
    denies what the claim asserts ("… any time InstructGPT models were used. In this paper we do
    not use data from customers …"): a window one of whose sentences denies the claim never states it."""
    scoped = scope_conflict(claim, sentence)
    if scoped is True and not _denies_what_it_says(claim, sentence, facts, window.context):
        scoped = None
    if scoped is True:
        return True
    for other in window.sentences():
        if other != sentence and scope_conflict(claim, other) is True and _denies_what_it_says(
                claim, other, facts, f"{sentence} {window.context}"):
            return True
    return scoped


_SAID_OF_ANOTHER = re.compile(r"^the passage says this of (?P<other>.+), not (?P<subject>.+)$")


def said_of_another(other: str, subject: str) -> str:
    """The note of a figure or statement the passage gives another model (a sibling size or version) in place of
    the claim's: "the passage says this of DeepSeekMoE 145B, not DeepSeekMoE 16B"."""
    return f"the passage says this of {other}, not {subject}"


def other_than_claimed(note: str) -> str | None:
    """The other model such a note names, or None: the same value said of another model is no value of the claim's
    subject, so the answer stage shows it beside the cell rather than as contradicting it."""
    found = _SAID_OF_ANOTHER.match(note)
    return found.group("other") if found else None


def judge_window(info: ClaimInfo, window: Window, source: str, facts: LibraryFacts,
                 probe: Probe | None = None) -> Judgement | None:
    """Support, contradiction, or nothing (None) for one window of text."""
    if tabular(window.text):
        return None  # a table printed as text: its figures are read from the table's grid instead
    measures = facts.measures
    parsed = window_figures(window.text, claimparse.parse(window.text))
    opening = facts.documents[window.passage.doc_id].text[:OPENING] if window.passage.doc_id in facts.documents else ""
    found = [entity_found(info, i, window, opening) for i in range(len(info.entities))]
    # A name found for the window through its heading or its document's title is the window's subject: its words
    # are not missing from what the window states ("We use Adam …" in the BERT paper states "BERT uses Adam").
    bound = frozenset(w for name, f in zip(info.entities, found, strict=True) if f > 0 for w in word_tokens(name).bag)
    substitute = None
    antonyms = [i for i, f in enumerate(found) if f == 0.0 and prefix_antonym(info.entities[i], window.folded)]
    for i in antonyms:
        found[i] = 1.0
    if any(f == 0.0 for f in found):
        substitute = swapped_entity(info, found, window, measures)
        if substitute is None:
            return None
        found = [1.0 if f == 0.0 else f for f in found]
    entity = sum(found) / len(found) if found else 1.0
    if info.verbatim and info.verbatim in collapse(window.folded):
        return Judgement(Verdict.SUPPORTED, window_evidence(window, source), 1.0, 1.0,
                         entity, window.relevance, "the passage states it word for word")
    titled = bool(found) and 0.0 < found[0] < 1.0  # the subject named by the window's heading or title only
    if titled and about_offshoot(info, window, measures, section=True):
        return None  # the title's DeepSeek-V2 is not what a section on DeepSeek-V2-Lite says "it" has
    if substitute is None and stated_use(info, list(window.sentences()), titled, measures) is not None:
        return Judgement(Verdict.SUPPORTED, window_evidence(window, source), 1.0, 1.0,
                         entity, window.relevance, "the passage names the subject and the thing it puts to use")
    heading_words = word_tokens(window.passage.section).bag if window.passage.section else frozenset()
    window_words = word_tokens(window.text).bag | heading_words | bound
    shared = shared_words(info.words, window_words)
    coverage = facts.coverage(shared, info.words) if info.words else (1.0 if info.entities else 0.0)
    if probe is not None:
        stated = sum(1 for q in info.assertion.quantities if any(q.agrees(w) for w in parsed.quantities))
        probe.record(window, coverage * (stated / len(info.assertion.quantities) if info.assertion.quantities
                                         else 1.0))
    if (len(shared) < min(MIN_SHARED_WORDS, len(info.words)) or coverage < min(
            CONTRADICT_COVERAGE, SUPPORT_COVERAGE_WITH_FIGURES, SCOPE_COVERAGE)) and not (
            info.entities and entity == 1.0 and scope_conflict(info.text, window.text)):
        return None
    figures = check_figures(info, window, parsed, measures)
    total = len(info.assertion.quantities)
    numeric = figures.matched / total if total else 1.0
    sentence = best_sentence(info, window)
    clause = best_clause(info, sentence)
    if claimparse.hedged(clause) and not claimparse.hedged(info.text):
        return None
    claim_clause = matching_clause(info.text, clause)
    negated = claimparse.negated(clause)
    same_polarity = negated == claimparse.negated(claim_clause)
    scoped = _window_scope(claim_clause, window, sentence, facts)
    if scoped is not None:
        same_polarity = not scoped
    if antonyms:
        same_polarity = not same_polarity
    extreme = opposite_extreme(claim_clause, sentence)
    if extreme is not None:  # the opposite superlative stands in the claim's one's place
        same_polarity = False
        coverage = facts.coverage(shared | shared_words(info.words, frozenset(word_tokens(extreme[0]).words)),
                                  info.words)
    comparison = comparison_conflict(info, window, measures)
    up, down = claimparse.directions(clause)
    claim_direction = claimparse.direction(claim_clause)
    if claim_direction and comparison is None:
        up, down = _subject_directions(info, window, sentence, (up, down))
    if comparison is not None or claim_direction == 0:
        direction_ok, opposite_direction = True, False
    elif claimparse.direction_count(sentence) < claimparse.direction_count(claim_clause):
        direction_ok, opposite_direction = False, False
    elif claim_direction > 0:
        direction_ok, opposite_direction = up and not down, down and not up
    else:
        direction_ok, opposite_direction = down and not up, up and not down
    needed = SUPPORT_COVERAGE_WITH_FIGURES if total else SUPPORT_COVERAGE
    if info.order[0] is not None and info.order[1] is not None and comparison is None:
        comparison_ok = False
    else:
        comparison_ok = comparison is not True
    exclusive_ok = (not EXCLUSIVE.search(claim_clause) or bool(EXCLUSIVE.search(sentence))) and not (
        comparison_unstated(claim_clause, sentence))
    # A name the window leaves to the rest of its paragraph is bound to nothing it states; the claim's first name,
    # its subject, may be (a paragraph about a model goes on about it without naming it each time).
    unbound = any(in_paragraph_only(info, i, window, opening) for i in range(1, len(info.entities)))
    states_it = (numeric == 1.0 and figures.conflict is None and same_polarity and direction_ok
                 and comparison_ok and exclusive_ok and coverage >= needed and not unbound)
    if substitute is not None:
        if not states_it or coverage < POLARITY_COVERAGE or denied_beside(info, window):
            return None
        missing = next(e for e, f in zip(info.entities, found, strict=True) if not mentioned(
            window.folded, window.text, e, None))
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source, substitute), coverage, numeric, entity,
                         window.relevance, said_of_another(substitute, missing), aspect="subject")
    setting = other_shots(claim_clause, sentence) if states_it else None
    if setting is not None:
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, f"the passage states it in the {setting} setting, not the claim's",
                         aspect="setting")
    foil = contrasted(info, clause) if states_it else None
    if foil is not None:
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, f"the passage says this of another subject, set against {foil}",
                         aspect="subject")
    if (contrasted(info, sentence) or contrasted(info, window.text)) is not None:
        # "In contrast to the baseline Transformer, no additional normalization is required"; "… slightly different
        # from DeepSeek-V2, it does not compress the queries. … it has a per-head dimension of 64": another's, which
        # neither states nor contradicts the subject's
        return None
    # a denial in a sentence about another model ("Mamba-2 … requires the use of GroupNorm rather than LayerNorm")
    # that leaves the claim's subject unnamed denies nothing of it; nor does one whose sentence runs into a figure's
    # axis or drawing ("… did not penalize … our normalizer standardized the written and spo50 40 30 20 10 0 …")
    about_another = bool(info.entities) and names_a_model(sentence, info.entities, measures) and not mentioned(
        fold(sentence), sentence, info.entities[0], info.variants[0])
    denial_of_another = not states_it and (about_another or has_tick_run(sentence, True) or drawn(sentence))
    if states_it:
        return Judgement(Verdict.SUPPORTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, "the passage states it")
    if antonyms and numeric == 1.0 and coverage >= POLARITY_COVERAGE:
        name = info.entities[antonyms[0]]
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, f"the passage names the opposite of {name} (a prefix antonym)",
                         aspect="polarity")
    if extreme is not None and numeric == 1.0 and coverage >= POLARITY_COVERAGE:
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, f"the passage says '{extreme[1]}' where the claim says '{extreme[0]}'",
                         aspect="polarity")
    if scoped is True and not denial_of_another:
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, "the passage denies what the claim asserts of the same thing (or "
                         "asserts what it denies)", aspect="polarity")
    if coverage < CONTRADICT_COVERAGE:
        return None
    local = shared_words(info.words, word_tokens(window.sentence_at(figures.conflict.start)).bag | heading_words
                    ) if figures.conflict is not None else frozenset()
    local_coverage = facts.coverage(local, info.words) if info.words else 1.0
    if figures.conflict is not None and figures.claimed is not None and same_polarity and not about_offshoot(
            info, window, measures) and (
            (figures.conflict_fit >= ROLE_STRONG and local_coverage >= CONTRADICT_COVERAGE)
            or (figures.conflict_fit >= ROLE_WEAK and local_coverage >= 0.8 and len(local) >= 3)):
        rival = figures.conflict
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source, rival.raw), coverage, numeric, entity,
                         window.relevance, f"the passage gives {rival.raw} where the claim says {figures.claimed.raw}",
                         aspect="figure", claimed=figures.claimed)
    if numeric < 1.0 or coverage < POLARITY_COVERAGE:
        return None
    if comparison is True:
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, "the passage makes the opposite comparison between the same names",
                         aspect="comparison")
    # a denial through a scope word ("As for the Transformer, we do not use bias weights for linear layers or
    # Dropout") contradicts a claim that affirms through one ("uses layer normalization") only when what it governs
    # carries the claim, as for `scoped`
    denial_elsewhere = (scoped is None and negated and not claimparse.negated(claim_clause)
                        and denies_in_scope(clause) and asserts_in_scope(claim_clause)
                        and not _denies_what_it_says(claim_clause, sentence, facts, window.context))
    if not same_polarity and not opposite_direction and not denial_of_another and not denial_elsewhere:
        which = "denies" if negated else "affirms"
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, f"the passage {which} what the claim states", aspect="polarity")
    if opposite_direction and same_polarity:
        return Judgement(Verdict.CONTRADICTED, window_evidence(window, source), coverage, numeric, entity,
                         window.relevance, "the passage states the opposite direction of change", aspect="direction")
    return None


def _subject_directions(info: ClaimInfo, window: Window, sentence: str, said: tuple[bool, bool]) -> tuple[bool, bool]:
    """The directions of change said of the claim's subject. When the best sentence does not name the subject
    but the window's other sentence does ("… outliers, due to their higher magnitude than the median. DIFF
    Transformer mitigates outliers"), the change is read from the sentence naming it, never from a definition
    beside it."""
    if not info.entities or mentioned(fold(sentence), sentence, info.entities[0], None):
        return said
    naming = [s for s in window.sentences() if s != sentence and mentioned(fold(s), s, info.entities[0], None)]
    if not naming:
        return said
    ups, downs = zip(*(claimparse.directions(s) for s in naming), strict=True)
    return any(ups), any(downs)
