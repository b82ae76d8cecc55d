"""Subjects a question describes by what they are in a paper it names, when it names no model of its own.

"In the Adam paper, how many hidden layers did the multilayer neural network trained on MNIST have, … and at what
learning rate was Adam run?" asks of one experiment's network, not of Adam (the paper's method, which the network is
trained with) nor of MNIST (the data it is trained on): read as names, Adam took BERT's "Adam with learning rate of
1e-4", another paper's value for a cell the Adam paper never states. "Its logistic regression experiment on sparse
features" and "the layer normalization paper's handwriting-generation model" are read alike. Such a subject is read
only inside the named paper (synth.retrieve.asks.roles): where its paragraph says the noun it is called by
("network", "model") and its sentence, paragraph or section heading says each group of its describing words
("multilayer neural", "logistic regression; sparse features").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from synth.models import PlanAttribute, PlanSubject
from synth.names import canonical
from synth.plan.papers import PaperReference
from synth.plan.subjects import Name
from synth.text import STOPWORDS
from synth.vocabulary import Vocabulary

EXPERIMENT_ORIGIN = "described by what it is in the paper the question names"

# The nouns a paper calls what it trains or runs; "experiment" is no noun its sentences call the subject by.
_NOUNS = ("network", "model", "classifier", "policy", "agent", "auto-encoder", "autoencoder")
# "the CIFAR-10 convolutional network": the data's name may open the description (a name, never a describing word)
_DESCRIBED = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w\-]+(?:\s+[\w\-]+){0,3}\s+paper['’]s\s+)?"
                        r"(?:(?P<data>[A-Z][\w\-]*\d[\w\-]*)\s+)?"
                        r"(?P<words>[a-z][a-z\-]*(?:\s+(?:[a-z][a-z\-]*|[A-Z][\w\-]*)){0,2}?)\s+"
                        r"(?P<noun>network|model|classifier|policy|agent|experiment|auto-?encoder|autoencoder)(?P<plural>s?)\b"
                        r"(?:\s+(?:trained\s+|run\s+|evaluated\s+)?on\s+(?:the\s+)?"
                        r"(?P<object>[\w\-]+(?:\s+[a-z][\w\-]*){0,2}?)"
                        r"(?=\s*(?:[,?;.]|\b(?:and|or|have|has|had|use|used|get|reach)\b|$)))?")
# Words that tell a member, a stage or a copy of a named model rather than describe an experiment of the paper: "its
# chat model", "the post-trained models" of a report are the report's own model in a variant, never an experiment
_NOT_DESCRIBING = STOPWORDS | frozenset("""same other first second third final best worst new original proposed
    baseline base big large small tiny medium huge mini language trained pretrained pre-trained resulting whole full
    entire main previous following above given said whole which what each every chat instruct instruction-tuned
    post-trained posttrained fine-tuned finetuned aligned""".split())


def experiment_subjects(text: str, names: Sequence[Name], papers: Sequence[PaperReference], vocab: Vocabulary
                        ) -> tuple[list[PlanSubject], list[Name]]:
    """The subjects the question describes in the paper it names, and the names they make no subjects: a name
    inside the description ("trained on MNIST") and the named paper's own method ("was Adam run")."""
    homes = tuple(dict.fromkeys(key for paper in papers for key in paper.sources))
    if not homes:
        return part_subjects(text, names, vocab)
    # the paper's own method: a name it is about, or its title's head ("Adam" of "Adam: A Method for …")
    own = {canonical(name) for key in homes for name in (*vocab.about.get(key, ()),
                                                           vocab.titles.get(key, "").split(":")[0]) if name}
    out: list[PlanSubject] = []
    spans: list[tuple[int, int]] = []
    for found in _DESCRIBED.finditer(text):
        # "the single-language-pair MoE translation models" of the MoE paper: its own method's name describes nothing
        words = [w for w in found.group("words").split() if w[:1].islower() or canonical(w) not in own]
        if not words or len(words) < len(found.group("words").split()) - 1 or any(
                w.lower() in _NOT_DESCRIBING or not w[:1].islower() for w in words):
            continue
        described = " ".join(words)
        noun = found.group("noun")
        inside = [n for n in names if found.start() <= n.start and n.end <= found.end()]
        groups = [described]
        thing = found.group("object")
        if thing and not any(n.start >= found.start("object") for n in inside):
            groups.append(thing)  # "on sparse features": said where its values are; a named dataset is not
        data = f"{found.group('data')} " if found.group("data") else ""
        written = " ".join(found.group("words").split())  # the question's own words name it on the page
        name = f"{data}{written} {noun}{found.group('plural')}" + (f" on {thing}" if thing and len(groups) > 1 else "")
        spellings = tuple(dict.fromkeys([name, f"{described} {noun}"]))
        out.append(PlanSubject(name, spellings, EXPERIMENT_ORIGIN, homes,
                               role=noun if noun in _NOUNS else None, setting="; ".join(groups)))
        spans.append((found.start(), found.end()))
    if not out:
        return part_subjects(text, names, vocab)
    dropped = [n for n in names if any(lo <= n.start and n.end <= hi for lo, hi in spans)
               or (n.role == "subject" and canonical(n.text) in own)]
    return out, dropped


PART_ORIGIN = "a model the named system uses, described by what it is"
# "the entropy model that the Byte Latent Transformer uses for patching": a part described by what it is, then "that"
# or "which" and the name of the system that uses it, then the verb of use
_PART_BEFORE = re.compile(r"\b[Tt]he\s+(?P<words>[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,2}?)\s+"
                          r"(?P<noun>network|model|classifier|policy|agent)s?\s+(?:that|which)\s+(?:the\s+)?$")
_PART_AFTER = re.compile(r"^\s+(?:models?\s+)?(?:uses?|used|employs?|employed|trains?|trained|relies\s+on)\b")


def part_subjects(text: str, names: Sequence[Name], vocab: Vocabulary) -> tuple[list[PlanSubject], list[Name]]:
    """A model a named system uses, described by what it is ("How big is the entropy model that the Byte Latent
    Transformer uses for patching?"): the part is the subject, read in its owner's own papers where its paragraph
    calls it by its noun and describing words; the owner is no subject (read as one, the owner's own size, "up to 8B
    parameters", was given as the part's)."""
    for name in names:
        if name.role != "subject":
            continue
        found = _PART_BEFORE.search(text[:name.start])
        if not found or not _PART_AFTER.match(text[name.end:]):
            continue
        words = found.group("words").split()
        homes = tuple(vocab.home_sources((name.text,)))
        if not homes or any(w.lower() in _NOT_DESCRIBING for w in words):
            continue
        described, noun = " ".join(words), found.group("noun")
        part = f"{described} {noun}"
        return [PlanSubject(part, (part,), PART_ORIGIN, homes, role=noun, setting=described)], [name]
    return [], []


def without_described(attributes: list[PlanAttribute], described: Sequence[PlanSubject], owners: Sequence[Name]
                      ) -> list[PlanAttribute]:
    """The attributes but those naming a described subject or the system that uses it ("how big is the entropy model
    that the Byte Latent Transformer uses" asks of the entropy model; neither name is an attribute of it)."""
    parts = [s for s in described if s.origin == PART_ORIGIN]
    if not parts:
        return attributes
    named = {canonical(s.name) for s in parts} | {canonical(n.text) for n in owners}
    return [a for a in attributes if canonical(a.name) not in named]
