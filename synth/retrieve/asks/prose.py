"""Sentences that state an ask: the passages of the subject's own sources and of sources naming it,
read sentence by sentence with their scope."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from synth.index import Hit, PassageIndex, any_of, phrase
from synth.models import (
    AttributeKind,
    Document,
    Evidence,
    Library,
    Passage,
    PassageKind,
    Plan,
    PlanAttribute,
    PlanSubject,
)
from synth.names import canonical
from synth.plan.papers import PAPERS_MODELS
from synth.plan.used import uses_term
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.change import asks_change, change_values, states_change
from synth.retrieve.asks.contrast import contrast_modifiers
from synth.retrieve.asks.denials import denied_values
from synth.retrieve.asks.hardware import ACCELERATORS, HARDWARE_ASKED, HARDWARE_QUERY, hardware_phrase
from synth.retrieve.asks.kinds import (
    QUERY_TERMS,
    asked_words,
    denied_where_stated,
    kind_terms,
    names_modifiers,
    used_terms,
)
from synth.retrieve.asks.lexicon import REPEATS_QUERY, asks_repeats
from synth.retrieve.asks.mechanism import continuation_score, heading_anchor, mechanism_score, rarity
from synth.retrieve.asks.metrics import metric_values
from synth.retrieve.asks.other_topic import (
    DATA_ASKED,
    TRAINING,
    is_sibling,
    other_member,
    other_stage,
    other_stage_section,
    purpose_said,
    sole_member,
    stage_named,
)
from synth.retrieve.asks.per_setting import per_setting, side_experiment
from synth.retrieve.asks.predecessor import compared_with, predecessor_values
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.roles import (
    RoleScope,
    described,
    heading_naming,
    others_said,
    others_section,
    own_section,
    owned,
    role_player,
    set_for_other,
    setting_opened,
)
from synth.retrieve.asks.scope import (
    COMPARING,
    Scope,
    cited_actor,
    cites_other_work,
    led_by_other,
    names_relative,
    only_as_reference,
    opens_on_other_data,
    others_sized,
    own_size_only,
    subject_scope,
)
from synth.retrieve.asks.slashed import for_subject
from synth.retrieve.asks.spans import span_values
from synth.retrieve.asks.speedups import SPEEDUP_QUERY, asks_speedup
from synth.retrieve.asks.stages import stage_item, staged
from synth.retrieve.asks.symbols import attribute_symbols, symbol_values
from synth.retrieve.asks.terms import removed_value, text_values
from synth.retrieve.asks.used_as import used_as
from synth.retrieve.sentences import Sentence, is_heading, sentences, states_something
from synth.text import STOPWORDS, fold, plain_letters
from synth.vocabulary import Vocabulary

TEXT_LIMIT = 60
HOME_LIMIT = 120

Ranked = dict[tuple[int, int], list[tuple[float, Evidence]]]


def prose_candidates(plan: Plan, library: Library, index: PassageIndex, vocab: Vocabulary
                     ) -> tuple[dict[tuple[int, int], list[Candidate]], Ranked]:
    values: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    ranked: dict[tuple[int, int], list[tuple[float, Evidence]]] = defaultdict(list)
    doc_of = {s.key: s.document.doc_id for s in library.sources if s.document is not None}
    key_of = {doc_id: k for k, doc_id in doc_of.items()}
    metric_names = [a.name for a in plan.attributes if a.kind is AttributeKind.METRIC]
    documents = {d.doc_id: d for d in library.documents}
    roles = RoleScope(documents)
    for j, attribute in enumerate(plan.attributes):
        symbols: dict[str, frozenset[str]] = {}
        contrast = contrast_modifiers(attribute, plan, vocab)

        def symbols_of(doc_id: str, attribute: PlanAttribute = attribute,
                       symbols: dict[str, frozenset[str]] = symbols,
                       contrast: frozenset[str] = contrast) -> frozenset[str]:
            """The symbols a source defines as the asked attribute ("Pdrop" for the dropout rate)."""
            if attribute.kind is not AttributeKind.QUANTITY or doc_id not in documents:
                return frozenset()
            if doc_id not in symbols:
                symbols[doc_id] = attribute_symbols(attribute, index.symbol_definitions(doc_id), contrast)
            return symbols[doc_id]

        # "BPE" of "BPE vocabulary size" is a word of the asked thing, not another model the sentence is about
        own_words = [w for w in attribute.name.split() if re.search(r"[A-Z]{2}", w)]
        weights = rarity(attribute, index, len(library.documents))
        worded = attribute.spellings if attribute.kind is AttributeKind.MECHANISM else attribute.spellings[:1]
        attribute_query = any_of([*worded, *[w for s in worded[:1] + worded[1:] for w in s.split()
                                             if fold(w) not in STOPWORDS]])
        if attribute.kind is AttributeKind.METRIC:
            attribute_query = " OR ".join(p for p in (phrase(s) for s in attribute.spellings) if p)
        # the setting a count is asked for ("for English-French") is no other model the sentence would be about
        settings = [attribute.variant] if attribute.variant and attribute.kind is not AttributeKind.METRIC else []
        kind_names: tuple[str, ...] = ()
        if attribute.kind is AttributeKind.TEXT:
            # "We use Adam with …" names the optimizer without the word: look for the names of the asked kind too.
            kind_names = kind_terms(attribute, index, vocab.acronyms, vocab.terms)
            attribute_query = " OR ".join(q for q in (attribute_query, any_of(kind_names[:QUERY_TERMS])) if q)
        # words that state the asked value without the attribute's own: "how many accelerators" in sentences
        # counting GPUs, TPU cores or A100s; a speed-up that never says "faster" ("delivering 1.8 times TPS"); runs
        # written as trials ("we ran it for 20 trials")
        wider = [query for wanted, query in (
            (HARDWARE_ASKED.search(attribute.name) and (attribute.kind is AttributeKind.TEXT
                                                        or ACCELERATORS.search(attribute.name)), HARDWARE_QUERY),
            (asks_speedup(attribute), SPEEDUP_QUERY), (asks_repeats(attribute.name), REPEATS_QUERY)) if wanted]
        attribute_query = " OR ".join(q for q in (attribute_query, *wider) if q)
        for i, subject in enumerate(plan.subjects):
            homes = [doc_of[k] for k in subject.home_sources if k in doc_of]
            hits = index.search(attribute_query, limit=HOME_LIMIT, doc_ids=homes) if homes else []
            hits += _symbol_hits(homes, documents, symbols_of)
            naming = " OR ".join(p for p in (phrase(s) for s in subject.spellings) if p)
            if naming and attribute_query:
                hits += index.search(f"({naming}) AND ({attribute_query})", limit=TEXT_LIMIT)
            seen: set[tuple[str, int]] = set()
            for_role = described(subject)
            for hit in hits:
                passage = hit.passage
                if passage.kind is not PassageKind.TEXT or (passage.doc_id, passage.ordinal) in seen:
                    continue
                seen.add((passage.doc_id, passage.ordinal))
                source = key_of.get(passage.doc_id, passage.doc_id)
                home = source in subject.home_sources
                introduced = home and any(canonical(a) in {canonical(s) for s in subject.spellings}
                                          for a in vocab.about.get(source, ()))
                # DeepSeek-V2-Lite in the DeepSeek-V2 paper: an unnamed sentence there is about DeepSeek-V2,
                # unless it follows one naming the subject.
                sibling = home and not introduced and is_sibling(subject, vocab.about.get(source, ()))
                # Seq2Seq and GNMT in 'Measuring the Algorithmic Efficiency …': with several asked subjects in a paper
                # about none of them, an unnamed sentence there ("We observed an efficiency doubling time of 16
                # months.") is about none of them in particular, unless its paragraph opened on one of them or its
                # section is one's.
                crowded = home and not introduced and not for_role and not sibling \
                    and not sole_member(subject, plan.subjects, source, vocab.about.get(source, ())) \
                    and sum(source in s.home_sources for s in plan.subjects) > 1
                context: tuple[int, Sentence, Scope] | None = None
                relative = -1  # the last sentence of the passage naming another model of the subject's family
                away: int | None = None  # the last sentence opening on another model
                anchor: tuple[int, float] | None = None  # the last sentence stating the asked mechanism
                section: tuple[int, float] | None = None  # the last section title naming it
                pointer: tuple[int, float] | None = None  # a sentence stating it that points to what follows
                # under a heading of the baseline ("2.4.1 BASELINE TRANSFORMER"), not the subject
                aside = bool(passage.section and _ASIDE_HEADING.search(passage.section))
                last = -1
                printed_sentences = sentences(passage)
                said = [s.text for s in printed_sentences]
                in_force = roles.headings(passage, said) if for_role or home else [None] * len(said)
                its_own = owned(subject, said, in_force) if for_role else []
                theirs = others_said(subject, plan.subjects, said) if for_role else []
                for position, printed in enumerate(printed_sentences):
                    last = position
                    sentence = for_subject(printed, subject)  # "7/14 days … for 1.5B/7B model", for the 7B
                    # The names of the asked kind ("RMSNorm or LayerNorm" for a normalization layer) are values,
                    # not other models the sentence would be about.
                    kinds = text_values(sentence.text, attribute, vocab.acronyms, vocab.terms, denied=True) \
                        if attribute.kind is AttributeKind.TEXT else []
                    scope = subject_scope(sentence.text, subject, vocab, home,
                                          [*metric_names, *own_words, *kinds, *settings],
                                          introduced, describing=attribute.kind is AttributeKind.MECHANISM,
                                          asked=(attribute.name,))
                    if home and ((scope is None and names_relative(sentence.text, subject, vocab))
                                 or (scope is not None and not scope.named and others_sized(sentence.text, subject))):
                        relative = position
                    elif home and own_size_only(sentence.text, subject):
                        relative = -1  # "We extend the 3B-size language models …": the subject's again
                    led = home and led_by_other(sentence.text, subject, vocab, plan.subjects)
                    if led:
                        away = position
                    first = min((s for s, _ in scope.mentions), default=0) if scope is not None else 0
                    if scope is not None and scope.named and not led and _prose(sentence.text) and not any(
                            s < first and vocab.home_sources((sentence.text[s:e],)) for s, e in scope.others
                    ) and not COMPARING.search(sentence.text[:first]) and not only_as_reference(scope, sentence.text):
                        context = (position, sentence, scope)  # not "… slightly different from DeepSeek-V2"
                    elif scope is None:
                        context = None
                    heading = is_heading(sentence.text)
                    if attribute.kind is AttributeKind.MECHANISM and home and heading:
                        title = heading_anchor(sentence.text, attribute, weights)
                        section = (position, title) if title else None
                    if heading:
                        aside = bool(_ASIDE_HEADING.search(sentence.text)) and not (scope and scope.named)
                    if scope is None or not states_something(sentence.text):
                        continue
                    if attribute.stage and in_force[position] and not for_role \
                            and other_stage_section(in_force[position], attribute.stage) \
                            and not stage_named(sentence.text, attribute.stage) \
                            and any(stage_named(h, attribute.stage) for h in roles.section_headings(passage.doc_id)):
                        # "we use a dropout rate of 0.1" under "3.3 Fine-Tuning" of a paper whose "3.2 Pre-Training"
                        # says the pre-training settings: not the pre-training rate (a described subject, "the
                        # summarization policy" trained with PPO, is read by its own paragraphs instead)
                        continue
                    if for_role and (not its_own[position] or theirs[position]):
                        continue  # the reward model's paragraph, the NLP tasks' section: not the described subject's
                    if home and not scope.named and others_section(in_force[position], subject, plan.subjects):
                        continue  # "3.2 RealScholarQuery": the section of another subject the question asks
                    if not scope.named and (aside or common_practice(sentence.text)):
                        continue  # "The block typically starts with … RMSNorm": what is usual, not the subject's
                    if not scope.named and opens_on_other_data(sentence.text, subject):
                        continue  # "AutoScholarQuery includes 33,511 / 1,000 / 1,000 query-paper pairs": the data's
                    if not scope.named and attribute.kind is AttributeKind.TEXT and cited_actor(sentence.text):
                        context = None
                        continue  # "… Lepikhin et al. (2020) trains with float32 precision": the cited work's choice
                    if not scope.named and attribute.kind in (AttributeKind.QUANTITY, AttributeKind.METRIC) \
                            and cites_other_work(sentence.text):
                        context = None  # a quote joined from the sentence naming the subject would carry its figures
                        continue  # "Zero [83] presents …": cited work's figures, even in the subject's own paper
                    if not scope.named and ((sibling and (context is None or position - context[0] > CONTEXT_SENTENCES))
                                            or (crowded and context is None
                                                and not own_section(in_force[position], subject))):
                        continue
                    if not scope.named and relative >= 0 and (context is None or context[0] < relative):
                        continue  # "For DeepSeekMoE 145B, we set …": the next sentences are that model's
                    if not scope.named and away is not None and 0 < position - away <= CONTEXT_SENTENCES and (
                            context is None or context[0] < away):
                        continue  # "Algorithm 2: AdaMax … Good default settings are α = 0.002": AdaMax's, not Adam's
                    if not scope.named and other_member(sentence.text, subject):
                        continue  # "For the base model, we use a rate of Pdrop = 0.1": not the big model's
                    if not scope.named and context is not None and position - context[0] <= CONTEXT_SENTENCES \
                            and attribute.kind is not AttributeKind.MECHANISM:
                        # "We introduce Mixtral 8x7B … As a result, each token has access to 47B parameters":
                        # the sentence before names the subject, so the quote starts there.
                        named = context[2]
                        sentence = _joined(context[1], sentence)
                        scope = Scope(True, named.entity, named.variant, named.member, (), ())
                    elif for_role and attribute.kind is not AttributeKind.MECHANISM:
                        # "We extend the 3B-size language models … to 64K context length. … The learning rate is
                        # 8e-5.": the quote starts where the paragraph says the setting the value is read at
                        opened = setting_opened(subject, said, position, CONTEXT_SENTENCES + 1)
                        if opened is not None and opened < position:
                            sentence = _joined(printed_sentences[opened], sentence)
                    added = len(values[(i, j)])
                    score = _collect(values[(i, j)], ranked[(i, j)], sentence, source, subject, attribute, scope,
                                     home, contrast, hit.score, weights, vocab.acronyms, vocab.terms,
                                     symbols_of(passage.doc_id), kind_names, plan.subjects if for_role else (),
                                     len(plan.subjects) == 1)
                    shown = heading_naming(subject, sentence.text, in_force[position]) \
                        if for_role and len(values[(i, j)]) > added else None
                    if shown:  # the heading says what the quote's value is for: the page shows it with the quote
                        values[(i, j)][added:] = [replace(c, evidence=replace(c.evidence, heading=shown))
                                                  for c in values[(i, j)][added:]]
                    if attribute.kind is not AttributeKind.MECHANISM or not home:
                        continue
                    if score > 0:
                        anchor = (position, score)
                        pointer = anchor if FORWARD.search(sentence.text) else pointer
                        continue
                    # "… we pioneer an auxiliary-loss-free load balancing strategy. To be specific, we introduce a
                    # bias term for each expert …": the sentences after one stating the mechanism, or under a
                    # section title naming it, say how.
                    follow = max((continuation_score(sentence.text, attribute, near[1], position - near[0], pointed)
                                  for near, reach, pointed in ((anchor, CONTEXT_SENTENCES, False),
                                                               (section, SECTION_SENTENCES, False),
                                                               (pointer, POINTED_SENTENCES, True))
                                  if near is not None and position - near[0] <= reach), default=0.0)
                    if follow > 0:
                        ranked[(i, j)].append((follow, sentence.evidence(source)))
                if attribute.kind is AttributeKind.MECHANISM and home and (anchor or pointer):
                    in_scope = partial(subject_scope, subject=subject, vocab=vocab, home=home,
                                       attribute_names=metric_names, introduced=introduced, describing=True)
                    document = documents.get(passage.doc_id)
                    for near, pointed in ((anchor, False), (pointer, True)):
                        if near is not None:
                            ranked[(i, j)] += _carried(document, passage, near, last, attribute, source, in_scope,
                                                       pointed)
    return values, ranked


def _carried(document: Document | None, passage: Passage, anchor: tuple[int, float], last: int,
             attribute: PlanAttribute, source: str, in_scope: Callable[[str], Scope | None], pointed: bool = False
             ) -> list[tuple[float, Evidence]]:
    """A paragraph the PDF layout cut in two (a column or a page break) goes on in the next passage: the sentences
    opening it continue a sentence stating the mechanism near the end of this one ("… as a sequence of input tokens
    to the decoder. | First, we predict the language being spoken …"). A sentence pointing to what follows reaches
    further, over sub-headings ("Task #1: Masked LM"), through the next passages."""
    reach = POINTED_SENTENCES if pointed else CONTEXT_SENTENCES
    distance = last - anchor[0]
    if document is None or distance >= reach:
        return []
    out: list[tuple[float, Evidence]] = []
    before = passage
    for following in (p for p in document.passages if p.ordinal > passage.ordinal):
        if following.kind is not PassageKind.TEXT or before.page is None or following.page is None \
                or not 0 <= following.page - before.page <= 1:
            break
        for sentence in sentences(following):
            distance += 1
            if distance > reach or (is_heading(sentence.text) and not pointed):
                return out
            if is_heading(sentence.text) or in_scope(sentence.text) is None:
                continue
            score = continuation_score(sentence.text, attribute, anchor[1], distance, pointed)
            if score > 0:
                out.append((score, sentence.evidence(source)))
        before = following
    return out


CONTEXT_SENTENCES = 3
POINTED_SENTENCES = 16  # how far a sentence pointing to what follows ("described in this section") reaches
# A sentence saying the next ones describe it: "two unsupervised tasks, described in this section", "Detailed
# descriptions of these methods are provided below:".
FORWARD = re.compile(r"\b(?:described|explained|detailed|defined|presented)\s+(?:in\s+(?:this|the\s+following)\s+"
                     r"(?:section|subsection)|below)|\b(?:are|is)\s+(?:provided|given|described|detailed)\s+below\b|"
                     r"\bas\s+follows\b|:\s*$", re.IGNORECASE)
SECTION_SENTENCES = 8  # how far under a section title naming the mechanism its sentences are read as saying how


def _prose(text: str) -> bool:
    """A sentence of prose, not a running header ("Kimi k1.5 TECHNICAL REPORT") a quote must not start from."""
    return states_something(text) and re.search(r"\b[a-z]{3,}\b", text) is not None


def _symbol_hits(homes: list[str], documents: dict[str, Document],
                 symbols_of: Callable[[str], frozenset[str]]) -> list[Hit]:
    """Passages of the subject's own sources that set a symbol standing for the asked attribute: "we use a
    rate of Pdrop = 0.1" never says "dropout", so no word query finds it."""
    out = []
    for doc_id in homes:
        symbols = symbols_of(doc_id)
        if symbols and doc_id in documents:
            out += [Hit(p, 0.0) for p in documents[doc_id].passages
                    if p.kind is PassageKind.TEXT and symbol_values(p.text, symbols)]
    return out


_PLAYER_SCORE = 5.0  # a name the sentence says plays the asked role: the statement of the value itself
_HYPOTHETICAL = re.compile(r"\b(?:if|suppose|supposing|imagine|were\s+to|would\s+be)\b", re.IGNORECASE)
# "One might attempt to approximate nGPT's update in GPT by applying RMSNorm": a thought experiment, not a choice
_SUPPOSED = re.compile(r"\bone\s+(?:might|could|may|would)\b|\b(?:might|could)\s+(?:attempt|try)\b", re.IGNORECASE)
_ASIDE_HEADING = re.compile(r"\b(?:baselines?|original|vanilla|standard|conventional)\b", re.IGNORECASE)
_COMMON_PRACTICE = re.compile(r"\b(?:typically|usually|commonly|conventionally|traditionally)\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]*\)")


def common_practice(text: str) -> bool:
    """The sentence says what is usual ("The block typically starts with … RMSNorm"), not what the subject does; a
    bracketed aside says nothing of its clause ("… to generate k responses (typically between 4 and 64) …")."""
    return _COMMON_PRACTICE.search(_PARENTHESES.sub("", text)) is not None


def _stage_item(sentence: Sentence, position: int) -> str | None:
    """The numbered stage item of its passage a figure of the sentence sits in ("Reasoning Stage (S2)"); the
    sentence's text is its passage's, whitespace collapsed, so the offset is found by the figure's own words."""
    passage = sentence.passage.text
    at = sentence.start - sentence.passage.start
    if not 0 <= at <= len(passage):
        return None
    return stage_item(passage, at + position if sentence.printed is None else at)


def _joined(first: Sentence, last: Sentence) -> Sentence:
    """One quote from the sentence naming the subject through the sentence stating the value."""
    passage = first.passage
    text = " ".join(passage.text[first.start - passage.start:last.end - passage.start].split())
    return Sentence(text, first.start, last.end, passage)


def _collect(values: list[Candidate], ranked: list[tuple[float, Evidence]], sentence: Sentence, source: str,
             subject: PlanSubject, attribute: PlanAttribute, scope: Scope, home: bool, contrast: frozenset[str],
             bm25: float, weights: dict[str, float], acronyms: dict[str, str], terms: str = "",
             symbols: frozenset[str] = frozenset(), kinds: tuple[str, ...] = (),
             rivals: Sequence[PlanSubject] = (), alone: bool = True) -> float:
    """Add the sentence's values (or its rank as a statement of the mechanism); its mechanism score, 0 if none.
    A speed-up is read only for a subject asked `alone`: with another subject the question compares it with, which
    baseline a sentence's multiple is over is not told (fresh9: "yields a 2.5x speedup" over T5-Large, said the
    sentence before, for the speed-up over T5-Base)."""
    evidence = sentence.evidence(source)
    if attribute.stage and attribute.kind in (AttributeKind.QUANTITY, AttributeKind.METRIC) \
            and other_stage(sentence.text, attribute.stage):
        return 0.0  # "We use a batch size of 32 and fine-tune for 3 epochs": not the pre-training batch size
    if attribute.kind is AttributeKind.TEXT and DATA_ASKED.search(attribute.name) \
            and not re.search(r"\b(?:evaluat|test|benchmark)", attribute.name, re.IGNORECASE) \
            and not TRAINING.search(sentence.text) and not purpose_said(attribute.name, sentence.text):
        return 0.0  # "which dataset were they trained on": not "The ImageNet dataset contains 14 million images"
    skip_changes = not asks_change(attribute)  # figures stated as a change are skipped, unless a change is asked
    if attribute.kind in (AttributeKind.QUANTITY, AttributeKind.METRIC) and only_as_reference(scope, sentence.text):
        return 0.0  # "the same tokenizer as used in DeepSeek 67B … Our corpus contains 8.1T tokens": not its figures
    if attribute.kind is AttributeKind.QUANTITY:
        found = quantity_values(plain_letters(sentence.text), attribute, contrast, alone)  # "a top-𝑝 value of 0.95"
        if alone:  # "over what range of model sizes": "from 60M to 3B parameters", one subject's span, kept whole
            found += span_values(plain_letters(sentence.text), attribute)
        if scope.named or subject.origin == PAPERS_MODELS:
            # "we use no dropout during pre-training" of the paper's own models; an unnamed denial in a paper of many
            # experiments is another experiment's (the weak-to-strong paper's NLP probes' "no weight decay", fresh10)
            taken = {position for *_, position in found}
            found += [v for v in denied_values(sentence.text, attribute) if v[3] not in taken]
        if not skip_changes:  # "reduces the KV cache by 93.3%" for the asked KV cache reduction
            at = {position for *_, position in found}
            found += [v for v in change_values(sentence.text, attribute) if v[3] not in at]
        if compared_with(sentence.text, subject.spellings):  # "Compared to Qwen2.5, Qwen3 expands … from 29 to 119"
            for raw, number, unit, _ in predecessor_values(sentence.text, found):
                values.append(Candidate(subject.name, attribute.name, scope.entity, scope.variant, raw, number,
                                        unit or None, evidence, False, home, scope.named, scope.member))
        taken = {position for *_, position in found}
        found += [v for v in symbol_values(sentence.text, symbols) if v[3] not in taken]
        # "1.41 × 10−5 for style tasks and 7.07 × 10−6 for summarization": each value at the setting its clause names
        wanted = [w for w in (subject.setting, attribute.variant) if w]
        found, settings = per_setting(sentence.text, found, attribute.name, wanted, strict=subject.setting is not None)
        found = [v for v in found if not set_for_other(subject, rivals, sentence.text, v[3])]
        for raw, number, unit, position, stretch in staged(sentence.text, found):
            stretch = stretch or (f"for {settings[position]}" if position in settings else None) \
                or _stage_item(sentence, position)
            if subject.setting is None and side_experiment(sentence.text, position):
                continue  # "batch size 16,384 tokens (unlike the other experiments in this paper)": a side setting
            if not scope.owns(position, sentence.text) or _HYPOTHETICAL.search(
                    re.split(r"[.;:]", sentence.text[max(0, position - 80):position])[-1]):
                continue  # not "if we set each block's capacity to 0"
            if skip_changes and states_change(sentence.text, position):
                continue  # "a gain of 1T parameters" is not the model's size
            variant = "; ".join(p for p in (scope.variant, stretch) if p) or None  # "for the first 10T tokens"
            values.append(Candidate(subject.name, attribute.name, scope.entity, variant, raw, number,
                                    unit or None, evidence, False, home, scope.named, scope.member))
    elif attribute.kind is AttributeKind.METRIC:
        for raw, number, unit, setting, position in metric_values(sentence.text, attribute):
            if not scope.owns(position, sentence.text) or (skip_changes and states_change(sentence.text, position)):
                continue  # "+3.3 average BLEU" is a gain over a baseline, not the score
            variant = "; ".join(p for p in (scope.variant, setting) if p) or None
            values.append(Candidate(subject.name, attribute.name, scope.entity, variant, raw, number, unit, evidence,
                                    False, home, scope.named, scope.member))
    elif only_as_reference(scope, sentence.text) or _SUPPOSED.search(sentence.text):
        return 0.0  # "… the same RL process as employed in DeepSeek-R1-Zero" says how another model is made
    elif attribute.kind is AttributeKind.TEXT and (player := role_player(sentence.text, subject, attribute.name)):
        # "which model acts as the weak supervisor": "We use a pretrained AlexNet model … as a weak supervisor"
        ranked.append((_PLAYER_SCORE + min(bm25, 20.0) / 100.0, evidence))
        values.append(Candidate(subject.name, attribute.name, scope.entity, scope.variant, player, None, None, evidence,
                                False, home, scope.named, scope.member, score=_PLAYER_SCORE))
    elif attribute.kind is AttributeKind.TEXT:
        score = mechanism_score(sentence.text, attribute, scope.named, home, weights, acronyms)
        hardware = hardware_phrase(sentence.text, attribute)
        found = uses_term(sentence.text, attribute) or text_values(sentence.text, attribute, acronyms, terms) \
            or ([hardware] if hardware else [])
        if score <= 0 and (hardware or used_as(sentence.text, attribute.name)):
            # the hardware printed, or a name the sentence gives the asked role ("we train … on enwik8" for the
            # dataset), states what was asked in other words
            score = 3.0 + scope.named + 0.5 * home
        if score > 0:
            ranked.append((score + min(bm25, 20.0) / 100.0, evidence))
        removed = removed_value(sentence.text, attribute) if home and score > 0 else None
        if removed:
            values.append(Candidate(subject.name, attribute.name, scope.entity, scope.variant, removed, None, None,
                                    evidence, False, home, scope.named, scope.member, score=score + 2.5))
        elif found and score > 0 and not denied_where_stated(sentence.text, found[0]):
            values.append(Candidate(subject.name, attribute.name, scope.entity, scope.variant,
                                    hardware or ", ".join(found), None,
                                    None, evidence, False, home, scope.named, scope.member,
                                    score=score + 0.5 * min(2, len(found))))
        elif used := used_terms(sentence.text, (*kinds, *[t for t in text_values(
                sentence.text, attribute, acronyms, terms, denied=True) if names_modifiers(t, attribute)]),
                            tuple(asked_words(attribute))):
            # "For Mixtral we use the same SwiGLU architecture": a name of the asked kind the subject uses
            values.append(Candidate(subject.name, attribute.name, scope.entity, scope.variant, ", ".join(used), None,
                                    None, evidence, False, home, scope.named, scope.member,
                                    score=1.0 + scope.named + 0.5 * home))
    else:
        score = mechanism_score(sentence.text, attribute, scope.named, home, weights, acronyms)
        if score > 0:
            ranked.append((score + min(bm25, 20.0) / 100.0, evidence))
        return score
    return 0.0


