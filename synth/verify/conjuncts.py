"""Clauses a claim joins with "and" or "but" under one subject: "DeepSeek-V2 supports a context length of 128K
tokens and was pre-trained on 8.1T tokens" asserts two things, each stated by its own passage of the library.
Judged as one, no passage states the whole claim, and the claim is `insufficient` though every part of it is
stated; judged as two claims with the subject carried to the second, each finds its own evidence, and the
claim is supported only when both parts are, contradicted when either is.
"""

from __future__ import annotations

import re

from synth import claimparse

# The second clause opens on a verb of its own: an auxiliary, or a finite verb a claim about a model uses.
_VERB = (r"(?:is|are|was|were|has|have|had|does|did|can|could|will|would|uses?|used|achieves?|achieved|reach(?:es|ed)?|"
         r"scores?|scored|obtains?|obtained|outperforms?|outperformed|surpass(?:es|ed)|trails?|trailed|supports?|"
         r"supported|activates?|activated|requires?|required|needs?|needed|employs?|employed|adopts?|adopted|"
         r"introduces?|introduced|replaces?|replaced|removes?|removed|reduces?|reduced|increases?|increased|"
         r"improves?|improved|relies|relied|trains?|trained|pre-trained|fine-tuned|compresses|compressed|"
         r"sets?|matches|matched|beats?|leads?|led)")
_JOIN = re.compile(rf"(?:,\s*|\s+)(?:and|but)\s+(?=(?:also\s+|then\s+|only\s+|still\s+)?{_VERB}\b)", re.IGNORECASE)


def conjuncts(claim: str) -> list[str]:
    """The claim as one sentence per clause, the subject carried into each; [claim] when it has one clause or
    no name opens it (a subject this module cannot carry)."""
    text = claim.strip()
    spans = claimparse.name_spans(text)
    if not spans or spans[0][1] > 4:
        return [claim]
    subject_end = spans[0][2]
    joins = [m for m in _JOIN.finditer(text) if m.start() > subject_end]
    if not joins or not re.match(rf"\s+(?:\w+\s+){{0,2}}?{_VERB}\b", text[subject_end:], re.IGNORECASE):
        return [claim]
    subject = text[:subject_end]
    parts, start = [], 0
    for join in joins:
        parts.append(text[start:join.start()].strip())
        start = join.end()
    parts.append(text[start:].strip())
    sentences = [parts[0].rstrip(".") + "."] + [f"{subject} {p.rstrip('.')}." for p in parts[1:]]
    return sentences if all(len(s.split()) >= 3 for s in sentences) else [claim]
