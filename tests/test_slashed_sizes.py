"""A sentence giving every size's figure with slashes ("7/14 days … 16/32 nodes for 1.5B/7B model", Janus-Pro) is
read for the asked size; the quote stays the sentence as printed."""

from __future__ import annotations

import pytest

from synth.models import Passage, PassageKind, PlanSubject
from synth.retrieve.asks.slashed import for_subject
from synth.retrieve.sentences import Sentence

JANUS = ("The whole training process took about 7/14 days on a cluster of 16/32 nodes for 1.5B/7B model, each "
         "equipped with 8 Nvidia A100 (40GB) GPUs.")


def _sentence(text: str) -> Sentence:
    passage = Passage("d", 0, text, 0, len(text), 5, None, PassageKind.TEXT)
    return Sentence(text, 0, len(text), passage)


@pytest.mark.parametrize(("subject", "read"), [
    ("Janus-Pro-7B", "took about 14 days on a cluster of 32 nodes for 7B model"),
    ("Janus-Pro-1.5B", "took about 7 days on a cluster of 16 nodes for 1.5B model"),
    ("Janus-Pro", "took about 7/14 days on a cluster of 16/32 nodes for 1.5B/7B model"),  # no size: as printed
    ("Janus-Pro-13B", "took about 7/14 days on a cluster of 16/32 nodes for 1.5B/7B model"),  # not among the sizes
])
def test_each_slashed_run_gives_the_asked_size_s_part(subject: str, read: str) -> None:
    sentence = for_subject(_sentence(JANUS), PlanSubject(subject, (subject,), "test"))
    assert read in sentence.text
    assert sentence.evidence("janus").quote == JANUS
