"""A text cell's value stated *as* its attribute: "InstructGPT uses PPO." is true, but PPO is InstructGPT's
policy-optimization algorithm, not its reward, and "GPT-2 uses byte-level BPE." says nothing of its positional
encoding. A text cell is worded "X uses V", which any of X's attributes with the value V passes; so support of a text
cell whose value the library names as *another* attribute the question asks, and never as the cell's own, is no
support. The library names V as a kind of thing when V's own words or the expansion of its acronym do ("PPO",
Proximal Policy Optimization, is a policy optimization; "rule-based rewards" a reward), when the passage that states it
names V with the kind's noun ("the Adam optimizer"), or when the library writes V as that kind anywhere ("GELU
activation"; `synth.retrieve.asks.kinds.kind_terms`). A value of no kind the library names ("sinusoid", "beam search")
is held to nothing more than before: the library that never says what kind of thing it is cannot show it is another."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from synth.index import PassageIndex
from synth.models import Evidence, Library, PlanAttribute, Verdict, Verification
from synth.names import canonical, key, same_word
from synth.retrieve.asks.kinds import asked_words, kind_terms, names_modifiers
from synth.retrieve.asks.terms import CATEGORY, names_kind, text_values
from synth.text import fold
from synth.vocabulary import vocabulary


@dataclass(frozen=True)
class TextCell:
    """A text cell's value, the attribute the cell gives it as and the question's other attributes (the kinds it may
    be named as instead)."""

    value: str
    attribute: PlanAttribute
    others: tuple[PlanAttribute, ...] = ()


@dataclass
class KindReader:
    """Whether the library names a value as an attribute's kind, the library-wide names read once per attribute."""

    library: Library
    index: PassageIndex
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def named_instead(self, cell: TextCell, evidence: Sequence[Evidence]) -> PlanAttribute | None:
        """The question's other attribute the library names the value as, when it never names it as the cell's: every
        term of the value ("RMSNorm, pre-normalization") is checked, one of another kind is enough."""
        for term in (t.strip() for t in cell.value.split(",") if t.strip()):
            if self._term_as(term, cell.attribute, evidence):
                continue
            other = next((o for o in cell.others if _another_kind(o, cell.attribute)
                          and self._term_as(term, o, evidence)), None)
            if other is not None:
                return other
        return None

    def _term_as(self, term: str, attribute: PlanAttribute, evidence: Sequence[Evidence]) -> bool:
        """The term named as the attribute's kind by its own words, by the evidence, or anywhere in the library."""
        vocab = vocabulary(self.library)
        acronyms, terms = vocab.acronyms, vocab.terms
        if _named_in(term, term, attribute, acronyms, terms) or _ends_on_kind(term, attribute):
            return True
        if any(_named_in(term, e.quote, attribute, acronyms, terms) for e in evidence):
            return True
        if attribute.name not in self._names:
            self._names[attribute.name] = kind_terms(attribute, self.index, acronyms, terms)
        return any(_same_term(term, name) for name in self._names[attribute.name])


def _another_kind(other: PlanAttribute, attribute: PlanAttribute) -> bool:
    """Whether the other asked attribute is another kind of thing: not one named by the same noun ("precision" and
    "training precision", "mode" and "default mode" are asked of one kind of value)."""
    heads = [re.findall(r"[a-z][a-z0-9]*", fold(a.name))[-1:] for a in (other, attribute)]
    return canonical(other.name) != canonical(attribute.name) and not (
        heads[0] and heads[1] and same_word(key(heads[0][0]), key(heads[1][0])))


def _named_in(term: str, text: str, attribute: PlanAttribute, acronyms: dict[str, str], terms: str) -> bool:
    """The text names the term as the asked kind (the retrieval stage's reading of a sentence for a text value), with
    the asked modifiers: "Byte Pair Encoding" is an encoding, but no positional encoding."""
    for found in text_values(text, attribute, acronyms, terms, denied=True):
        if _same_term(term, found) and names_modifiers(f"{found} {acronyms.get(found, '')}", attribute):
            return True
    return False


def _ends_on_kind(term: str, attribute: PlanAttribute) -> bool:
    """A described value whose last word is the asked noun ("rule-based rewards" for a reward) with every asked
    modifier ("rotary position embedding" for a positional encoding); for an attribute named by a category noun
    ("load-balancing *mechanism*"), a value naming what the category is of ("global-batch load balancing loss",
    "expert-level balance loss")."""
    asked = asked_words(attribute)
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", term)
    if not asked or not words:
        return False
    named = re.findall(r"[a-z][a-z0-9]*", fold(attribute.name))
    if named and key(named[-1]) in CATEGORY:
        return any(same_word(key(w), key(a)) for w in words for a in asked)
    return names_kind(words[-1], asked[-1]) and names_modifiers(term, attribute)


def _same_term(value: str, found: str) -> bool:
    """One term written the same, case, hyphens and a plural aside; or one holding the other whole ("AdamW" is not
    "Adam", but "byte-level BPE" holds "BPE")."""
    a, b = (re.sub(r"[\s\-]+", " ", fold(t)).strip().rstrip("s") for t in (value, found))
    if not a or not b:
        return False
    return a == b or re.search(rf"(?<![a-z0-9]){re.escape(b)}(?![a-z0-9])", a) is not None or \
        re.search(rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])", b) is not None


def of_kind(verification: Verification, cell: TextCell | None, reader: KindReader) -> Verification:
    """A supported text cell whose value the library names as another asked attribute, never as the cell's, is
    insufficient."""
    if cell is None or not cell.others or verification.verdict is not Verdict.SUPPORTED:
        return verification
    other = reader.named_instead(cell, verification.evidence)
    if other is None:
        return verification
    return insufficient(verification, f"the passage says {cell.value} is used, but the library names it as a "
                                      f"{other.name}, never as a {cell.attribute.name}")


def insufficient(verification: Verification, because: str) -> Verification:
    """A supported verification made insufficient for a cell, every supported atom with it, the reason first."""
    atoms = tuple(replace(a, status=Verdict.INSUFFICIENT) if a.status is Verdict.SUPPORTED else a
                  for a in verification.atoms)
    return replace(verification, verdict=Verdict.INSUFFICIENT, atoms=atoms,
                   explanation=f"{because} ({verification.explanation})")
