"""Values a sentence gives per setting: "The learning rate was 1.41 × 10−5 for style tasks and 7.07 × 10−6 for
summarization", "We use batch size 1024 for style tasks and 512 for summarization". Each value is bound to the setting
its own clause names: read alone, the first figure would pass for the value of every setting, and the second would
not be read at all. A value whose setting is not the one asked is another setting's value, never the cell's."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from synth.names import key, same_word
from synth.retrieve.asks.lexicon import PLAIN, WORD
from synth.scientific import SCIENTIFIC, scientific_value
from synth.text import STOPWORDS

# "for style tasks", "for the summarization task": a setting named by words, not a count ("for 1 epoch"), a stretch
# ("for the first 2K steps", synth.retrieve.asks.stages) or every setting at once ("for both", "for all tasks").
_SETTING = (r"for\s+(?!(?:both|all|each|every|any|other|the\s+(?:first|last|remaining|next|final|following|rest)|"
            r"a|an|one|them|it|this|that|these|those)\b)(?:the\s+)?(?P<setting>[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)"
            r"{0,3}?)")
_END = r"(?=\s*(?:[,;]|\.(?:\s|$)|\band\b|$))"
_FIGURE = rf"(?:{SCIENTIFIC.pattern}|{PLAIN.pattern})"
_ITEM = re.compile(rf"(?P<figure>{_FIGURE})\s+{_SETTING}{_END}")
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)")
# "batch size 1024 for style tasks and …": the asked noun, then (a link word and) the list's first figure
_LINK = re.compile(r"(?:\s+(?:is|was|are|were|of|to|at|set\s+to|equals?)|\s*[=:])?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SettingValue:
    """One figure of a per-setting list and the setting its clause names."""

    raw: str
    number: float
    unit: str
    position: int
    setting: str


def _value(figure: str) -> tuple[float, str]:
    scientific = SCIENTIFIC.fullmatch(figure)
    if scientific:
        return scientific_value(scientific), ""
    plain = PLAIN.fullmatch(figure)
    if plain is None:
        return float("nan"), ""
    return float(plain.group(1).replace(",", "")), plain.group(2) or ""


def setting_lists(text: str) -> list[list[SettingValue]]:
    """The lists of two or more "<figure> for <setting>" items joined by commas or "and" in a sentence."""
    out: list[list[SettingValue]] = []
    position = 0
    while (first := _ITEM.search(text, position)) is not None:
        items = [first]
        while (join := _JOIN.match(text, items[-1].end())) and (item := _ITEM.match(text, join.end())):
            items.append(item)
        position = items[-1].end()
        if len(items) < 2:
            position = first.end()
            continue
        run = []
        for item in items:
            number, unit = _value(item.group("figure"))
            run.append(SettingValue(item.group("figure"), number, unit, item.start(), " ".join(
                item.group("setting").split())))
        out.append(run)
    return out


def _stems(text: str) -> set[str]:
    return {key(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS}


def names_setting(setting: str, wanted: Iterable[str]) -> bool:
    """Every content word of the list's setting is a word of the asked setting ("summarization" for "summarization
    policy"; "style tasks" is not)."""
    have = [_stems(w) for w in wanted]
    words = _stems(setting)
    return bool(words) and any(all(any(same_word(w, h) for h in asked) for w in words) for asked in have if asked)


def per_setting(text: str, found: Sequence[tuple[str, float, str, int]], attribute: str,
                wanted: Sequence[str] = (), strict: bool = False
                ) -> tuple[list[tuple[str, float, str, int]], dict[int, str]]:
    """The values read from a sentence with every per-setting list they start (or that the asked noun opens:
    "batch size 1024 for …") read whole, and the setting of each value in such a list, by its position. Where a
    list names a `wanted` setting, its other items are other settings' values and are dropped; where it names none,
    its items keep their settings, or are all dropped when `strict` (the subject is one setting's)."""
    words = [w for w in WORD.findall(attribute) if w.lower() not in STOPWORDS][-2:]
    phrase = r"[\s-]+".join(re.escape(w[:-1] if len(w) > 3 and w.endswith("s") else w) + r"\w*" for w in words)
    values = list(found)
    taken = {position for *_, position in values}
    settings: dict[int, str] = {}
    dropped: set[int] = set()
    for run in setting_lists(text):
        opened = bool(phrase) and re.search(rf"\b{phrase}{_LINK.pattern}", text[:run[0].position], re.IGNORECASE)
        if run[0].position not in taken and not opened:
            continue
        named = [item for item in run if names_setting(item.setting, wanted)]
        for item in run:
            settings[item.position] = item.setting
            if (named or strict) and item not in named:
                dropped.add(item.position)
            elif item.position not in taken:
                taken.add(item.position)
                values.append((item.raw, item.number, item.unit, item.position))
    return [v for v in values if v[3] not in dropped], settings


# "All models are trained for 50,000 steps with batch size 16,384 tokens (unlike the other experiments in this paper)":
# the sentence states the setting of one side experiment, which it says differs from the paper's main one.
_EXCEPTION = re.compile(r"\b(?:unlike|in\s+contrast\s+(?:to|with)|as\s+opposed\s+to|different\s+from)\s+(?:in\s+)?"
                        r"(?:all\s+)?(?:the\s+|our\s+)?(?:other|remaining|main|rest\s+of\s+(?:the|our))\s+"
                        r"(?:[a-z\-]+\s+)?(?:experiments?|runs?|settings?|models?|sections?|results)\b", re.IGNORECASE)


def side_experiment(text: str, position: int) -> bool:
    """Whether the sentence clause holding the value at `position` says it differs from the paper's other
    experiments: a side experiment's value, never the main setting's."""
    start = max((m.end() for m in re.finditer(r"[.;]\s+(?=[A-Z(])", text[:position])), default=0)
    end = re.search(r"[.;](?:\s+[A-Z(]|\s*$)", text[position:])
    return _EXCEPTION.search(text[start:position + (end.start() if end else len(text))]) is not None
