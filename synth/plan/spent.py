"""An amount asked of the work that spent it: "how many GPU hours did its context length extension take" asks the
context length extension's GPU hours. Read as the owner's noun, the work was left unread, and the whole training's
2.788M GPU hours answered for its one stage; so the work is moved before the counted noun, where it qualifies it."""

from __future__ import annotations

import re

_OWNERS = {"its": "it", "their": "they"}
# A training stage alone is read as the stage the values are taken from (synth.plan.setting), not moved.
_STAGE = re.compile(r"^(?:pre-?|post-?)?training$|^fine-?tuning$", re.IGNORECASE)
_SPENT = re.compile(
    r"\bhow\s+(?P<how>many|much)\s+(?P<noun>[\w\-]+(?:\s+[\w\-]+){0,2}?)\s+(?P<aux>did|does|do|would|will)\s+"
    r"(?P<owner>its|their|(?:the\s+)?[^\s,;?]+(?:'s|’s))\s+(?P<work>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?)\s+"
    r"(?P<verb>take|cost|need|require|consume|use)\b", re.IGNORECASE)


def spent_on(text: str) -> str:
    """"how many GPU hours did its context length extension take" → "how many context length extension GPU hours did
    it take": the work that spent the amount qualifies the amount asked."""
    def moved(found: re.Match[str]) -> str:
        if _STAGE.match(found.group("work")):
            return found.group(0)
        owner = found.group("owner")
        owner = _OWNERS.get(owner.lower(), re.sub(r"(?:'s|’s)$", "", owner))
        return (f"how {found.group('how')} {found.group('work')} {found.group('noun')} {found.group('aux')} {owner} "
                f"{found.group('verb')}")
    return _SPENT.sub(moved, text)
