"""Values of a categorical attribute stated without its noun: "We use Adam with learning rate of 1e-4" names
the optimizer though it never says "optimizer". The library itself says which names are of the asked kind
("the AdamW optimizer", "ReLU activation function"), so no list of ML names is needed."""

from __future__ import annotations

import re
from collections import Counter

from synth import claimparse
from synth.index import PassageIndex, phrase
from synth.models import PassageKind, PlanAttribute
from synth.names import key
from synth.retrieve.asks.terms import informative_words, names_kind, same_term, text_values
from synth.retrieve.sentences import sentences

KIND_PASSAGES = 120
QUERY_TERMS = 16

# The subject takes the term into use: "we use the same SwiGLU architecture", "trained with AdamW",
# "we apply Rotary Position Embeddings (RoPE)". Up to three words between the verb and the term.
_VERBS = (r"us(?:e|es|ed|ing)|utili[sz](?:e|es|ed|ing)|leverag(?:e|es|ed|ing)|employ(?:s|ed|ing)?|"
          r"adopt(?:s|ed|ing)?|appl(?:y|ies|ied|ying)")
# "trained with Adam", "We train our vanilla Transformer models on enwik8" (a name of the asked kind after "on")
_USE = (rf"\b(?:{_VERBS}|(?:train(?:s|ed|ing)?|optimi[sz]ed)\s+(?:\w+\s+){{0,4}}?(?:with|using|on)|based\s+on)\s+"
        r"(?:(?:the|a|an|same|standard|our)\s+){0,3}(?:[\w\-]+\s+){0,2}?")
_AFTER = r"(?![\w-])"
_USE_VERB = rf"\b(?:{_VERBS})\s+"
# A list the verb governs runs over items separated by commas and "and" to the end of the clause.
_LIST = re.compile(_USE_VERB + r"([^.;:]*?,[^.;:]*?)(?=[.;:]|\s+(?:which|while|but|where|whereas)\b|$)")
# An item starts after a comma or "and": articles and up to two words may come before the name.
_ITEM = r"(?:^|,\s*(?:and\s+)?|\band\s+)(?:(?:the|a|an|same|standard|our)\s+){0,3}(?:[\w\-]+\s+){0,2}?"
_TITLE_RUN = re.compile(r"(?:[\s\-]+[A-Z][\w\-]*)+")
_DENIED = re.compile(r"\b(?:not|no|without|instead of|rather than|unlike|remov\w*|replac\w*)\b[^.;]*$", re.IGNORECASE)


def kind_terms(attribute: PlanAttribute, index: PassageIndex, acronyms: dict[str, str], terms: str
               ) -> tuple[str, ...]:
    """The names the library writes as the asked kind of thing, most used first: for "optimizer" the names it
    puts before "optimizer" (Adam, AdamW, Adafactor), for "positional encoding" the position embeddings it names.
    Only names with a capital letter or a digit ("float32"): a lowercase phrase is a description, not a term to look
    for alone."""
    query = " OR ".join(p for p in (phrase(s) for s in attribute.spellings) if p)
    asked = asked_words(attribute)
    counts: Counter[str] = Counter()
    for hit in index.search(query, limit=KIND_PASSAGES):
        if hit.passage.kind is not PassageKind.TEXT:
            continue
        for sentence in sentences(hit.passage):
            if not all(_said(sentence.text, w) for w in asked):
                continue  # "WordPiece embeddings" are no positional encoding: the sentence must say "positional"
            for term in text_values(sentence.text, attribute, acronyms, terms, denied=True):
                parts = re.findall(r"[A-Za-z][A-Za-z0-9]*", term)
                if re.search(r"[A-Z]|[a-z]\d", term) and len(term) >= 3 and not re.fullmatch(r"[A-Z]{5,}", term) \
                        and not all(any(same_term(p, w) for w in asked) for p in parts):
                    counts[term] += 1  # not a heading in capitals ("ROTARY"), nor only the asked words
    expanded = Counter(counts)
    for term, count in counts.items():  # "RoPE" also found as the "Rotary Position Embedding" it stands for
        expansion = acronyms.get(term)
        if expansion:
            expanded[expansion] += count
    return tuple(t for t, _ in sorted(expanded.items(), key=lambda item: (-item[1], item[0])))


def asked_words(attribute: PlanAttribute) -> list[str]:
    stems = informative_words(attribute)
    return [w for w in re.findall(r"[a-z][a-z0-9]*", attribute.name.lower()) if key(w) in stems]


def names_modifiers(term: str, attribute: PlanAttribute) -> bool:
    """A term found in one sentence is of the asked kind only with the asked modifiers: "Rotary Position
    Embeddings" is a positional encoding, "WordPiece embeddings" and "Byte-Pair Encoding" are not."""
    modifiers = asked_words(attribute)[:-1]
    parts = re.findall(r"[A-Za-z][A-Za-z0-9]*", term)
    return all(any(same_term(p, m) for p in parts) for m in modifiers)


def _said(text: str, asked: str) -> bool:
    return any(names_kind(w, asked) for w in re.findall(r"[A-Za-z][A-Za-z\-]*", text))


def used_terms(text: str, kinds: tuple[str, ...], asked: tuple[str, ...] = ()) -> list[str]:
    """The asked kind's names the sentence says are put to use ("We use Adam with …"), in the order written,
    directly after the verb or as an item of the list it governs ("including using GQA (…), SwiGLU (…)"); a
    name the sentence rejects or removes ("instead of ReLU") is not one. A name in lower case ("a gelu
    activation") counts only with an asked word after it, alone it could be any word; unless a digit marks it as a
    name ("we use float32 for both model weights and activations")."""
    if claimparse.negated(text):
        return []
    items = _listed(text)
    found: list[tuple[int, str]] = []
    for term in kinds:
        spelled = re.escape(term).replace(r"\ ", r"[\s\-]+")
        for at, end in [*((m.start(1), m.end(1)) for m in re.finditer(_USE + rf"({spelled}s?){_AFTER}", text,
                                                                           re.IGNORECASE)),
                        *((items.start(1) + m.start(1), items.start(1) + m.end(1)) for items in items
                          for m in re.finditer(_ITEM + rf"({spelled}s?){_AFTER}", items.group(1), re.IGNORECASE))]:
            if _DENIED.search(text[max(0, at - 80):at]) or not (
                    text[at].isupper() or re.search(r"[a-z]\d", term) or _asked_after(text, end, asked)):
                continue
            whole = _TITLE_RUN.match(text, end)  # "Rotary" of "Rotary Position Embeddings"
            found.append((at, text[at:whole.end() if whole and text[at].isupper() else end]))
            break
    found.sort()
    out: list[str] = []
    for _, term in found:
        if not any(term.lower() in t.lower() or t.lower() in term.lower() for t in out):
            out.append(term)
    return out


def _listed(text: str) -> list[re.Match[str]]:
    """The lists a verb of use governs, citations blanked out (same length, so positions hold), up to the end
    of the clause: "using GQA (…), SwiGLU (…), and RMSNorm (…) with pre-normalization"."""
    blank = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)
    return list(_LIST.finditer(blank))


def _asked_after(text: str, end: int, asked: tuple[str, ...]) -> bool:
    following = re.match(r"[\s\-]+([A-Za-z]+)", text[end:])
    return following is not None and any(same_term(following.group(1), a) for a in asked)


_CLAUSE_BREAK = re.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+", re.IGNORECASE)


# "closely resembles the QK normalization by Henry et al.": the term is what the subject's choice is likened to
_LIKENED = re.compile(r"\b(?:resembl\w*|(?:is|are)\s+(?:similar|akin|analogous|comparable)\s+to|reminiscent\s+of)\s+"
                      r"(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,4}?$", re.IGNORECASE)


def denied_where_stated(text: str, term: str) -> bool:
    """Whether the clause that states the term denies something: "applied after WordPiece tokenization …, and
    no special consideration given to partial word pieces" denies nothing of the tokenizer. A term the sentence
    only likens the subject's choice to is denied too."""
    at = text.find(term)
    if at >= 0 and _LIKENED.search(text[max(0, at - 60):at]):
        return True
    if at < 0:
        return claimparse.negated(text)
    breaks = list(_CLAUSE_BREAK.finditer(text))
    starts = [0, *(m.end() for m in breaks if m.end() <= at)]
    ends = [m.start() for m in breaks if m.start() >= at + len(term)]
    return claimparse.negated(text[max(starts):min(ends, default=len(text))])
