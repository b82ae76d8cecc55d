"""A sentence that gives every size's figure at once with slashes: "The whole training process took about 7/14
days on a cluster of 16/32 nodes for 1.5B/7B model" (Janus-Pro). Asked of the 7B model, it reads "14 days on a
cluster of 32 nodes for 7B model": each slashed run of as many parts as the sizes gives the part in the subject's
place. The quote stays the sentence as printed; the value read ("14 days") is printed in it."""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import PlanSubject
from synth.names import size_of
from synth.retrieve.sentences import Sentence

_FOR_SIZES = re.compile(r"\b(?:for|of)\s+(?:the\s+)?(?P<sizes>\d+(?:\.\d+)?[MBT](?:/\d+(?:\.\d+)?[MBT])+)(?![\w/])")
_SLASHED = re.compile(r"(?<![\w/.])(\d[\w.,]*(?:/\d[\w.,]*)+)(?![\w/])")


def for_subject(sentence: Sentence, subject: PlanSubject) -> Sentence:
    """The sentence read for the subject's size when it lists every size's figures with slashes, else itself."""
    found = _FOR_SIZES.search(sentence.text)
    size = size_of(subject.name)
    if found is None or size is None:
        return sentence
    sizes = found.group("sizes").split("/")
    if size not in sizes:
        return sentence
    k, n = sizes.index(size), len(sizes)

    def pick(run: re.Match[str]) -> str:
        parts = run.group(1).split("/")
        return parts[k] if len(parts) == n and all(parts) else run.group(0)

    return replace(sentence, text=_SLASHED.sub(pick, sentence.text), printed=sentence.printed or sentence.text)
