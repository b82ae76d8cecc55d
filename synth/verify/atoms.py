"""Atoms: a claim split into the assertions it makes, each checked on its own.

A claim is cut into clauses (sentences, then at ";", "but", "while", "whereas", ", as evidenced by"
(what follows is the evidence for the clause before it, which asserts something of its own), and after a
fronted "Despite …," phrase). In each clause:

* every comparison cue ("outperforms", "higher than", "improves over", "2× faster", "comparable
  to") is a COMPARISON atom, with its direction (raw higher/lower, better/worse by the metric's own
  direction, or on a par), its margin ("by 8.6 points", "2×"), a quantifier (all / most / none)
  and whether a polarity word denies it ("does not outperform");
* every superlative ("the best", "highest", "lowest") is an EXTREME atom, but for one a verb of
  choosing governs ("choosing the best hypernym": what a method picks, not a row leading the table);
* every figure not used as a margin is a FIGURE atom (its subject, attribute and setting are bound
  by the evidence finders from the names around it);
* a clause with none of these is a STATEMENT atom, checked against text passages as a whole;
* every polarity or scope word (not, without, only, instead of, removes) is a POLARITY atom, so
  the explanation shows what was checked for it.

Interpretations that follow a finding ("…, suggesting that X", "which shows X") are statements
too: a table does not state them, so a claim that adds one is not supported by the table alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from synth import claimparse
from synth.claimparse import Quantity
from synth.models import AtomKind
from synth.text import sentence_spans
from synth.verify.gaps import gap_spans

_CLAUSE = re.compile(r";|,?\s+\b(?:but|while|whereas|although|though|however)\b|,\s+(?=(?:and|yet)\s+(?:the|it|this|"
                     r"they|we|[A-Z]))|,\s+where\b|,\s+as\s+(?:evidenced|attested|witnessed)\s+by\b", re.IGNORECASE)
_INTERPRETATION = re.compile(r",?\s*\b(?:suggesting|indicating|showing|demonstrating|implying|meaning|confirming)\b"
                             r"|,?\s*\bwhich\s+(?:shows?|suggests?|indicates?|means|implies|demonstrates?|confirms?)\b"
                             r"|\b(?:this|these|that)\s+(?:results?\s+)?(?:shows?|suggests?|indicates?|implies|"
                             r"demonstrates?|confirms?)\b|\b(?:because|due to|thanks to)\b", re.IGNORECASE)
# Comparison cues: (pattern, direction, aware). direction +1 = the subject's value is higher,
# -1 lower, 0 on a par ("comparable to", "on par with": the cells must be close, synth.verify.parity);
# aware = the direction is the metric's own (better / worse), not the raw value's.
_CUES: tuple[tuple[re.Pattern[str], int, bool], ...] = (
    (re.compile(r"\b(?:outperform\w*|surpass\w*|beats?|beating|better|superior|stronger|ahead of|outscor\w*|"
                r"improv\w*|gains?\b|advantage|dominat(?:es?|ing)\b)", re.I), 1, True),
    (re.compile(r"\b(?:underperform\w*|worse|inferior|weaker|lags?\b|lagg\w*|trails?\b|trailing|behind|"
                r"degrad\w*|hurts?|harms?)", re.I), -1, True),
    (re.compile(r"\b(?:higher|greater|larger|bigger|more\s+than|exceed\w*|increas\w*|rais\w*|boost\w*|above|"
                r"faster|rises?|rose)\b", re.I), 1, False),
    (re.compile(r"\b(?:lower(?:s|ed)?|smaller|fewer|less\s+than|decreas\w*|reduc\w*|drops?(?=\s+(?:by|to|from|of|in)\b)|"
                r"declin\w*|below|slower|falls?|fell)\b", re.I), -1, False),
    # parity is said of a rival ("comparable to B", "comparable results with B", "on par with B"): "of
    # comparable size" or "reach comparable performance" sets nothing against a row
    (re.compile(r"\b(?:comparabl[ey]|on\s+(?:a\s+)?par)\b(?=(?:\s+[\w\-]+){0,2}?\s+(?:to|with)\b)", re.I), 0, False),
)
# "comparable to or better than B", "better than or on par with B", "comparable, if not superior, to B": one
# assertion, at least on a par (the cells must be close or ahead the directed word's way), never a parity and
# a strict comparison both asked of the same rival.
_DIRECTED = (r"better|superior|stronger|higher|greater|larger|worse|inferior|weaker|lower|smaller|"
             r"outperform(?:s|ed|ing)?|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?")
_PARITY_WORD = r"(?:comparabl[ey]|on\s+(?:a\s+)?par)"
_PARITY_OR = re.compile(rf"\b{_PARITY_WORD}(?:\s+(?:to|with))?\s*,?\s*(?:or|if\s+not)\s+(?:even\s+)?"
                        rf"(?P<word>{_DIRECTED})\b,?(?:\s+(?:than|to))?"
                        rf"|\b(?P<first>{_DIRECTED})(?:\s+(?:than|to))?\s*,?\s*or\s+(?:at\s+least\s+)?{_PARITY_WORD}"
                        r"(?:\s+(?:to|with))?", re.IGNORECASE)
# A change a clause opens with ("Increasing the window size to 10 reduces …", "As shown in Table 6, reducing the
# number of heads decreases …", "When increasing the number of terms to 10,000, …"): the setting another cue of
# the clause measures, not a comparison of its own, when it names where it ends ("to 10"): that figure is still
# bound to the row it names, so the change is checked there ("reducing the number of heads" is read on a sweep).
_CHANGE_GERUND = re.compile(r"(?:increas|decreas|reduc|rais|lower|boost|cutt)ing$", re.IGNORECASE)
_CHANGE_END = re.compile(r"\bto\s+\d", re.IGNORECASE)  # where the change ends: "to 10", a figure bound on its own
# Where such a change opens its clause: first, maybe after "When"/"By", or after a fronted pointer ("As shown in
# Table 6,"); never after a clause of its own ("X achieves the best results, increasing F1 to 71.2 …").
_CLAUSE_OPENING = re.compile(r"^\s*(?:(?:as|in|from|according\s+to|following)\b[^,]*,\s*)?"
                             r"(?:(?:when|by|while|after|on)\s+)?$", re.IGNORECASE)
# A preposition before a parity word makes it a setting of another assertion ("at a comparable cost to B",
# "under comparable settings to B"): what the cells are compared under, not a parity of their values.
_PARITY_SETTING = re.compile(r"\b(?:at|with|under|given|for|using|of|from|by)\s+(?:(?:a|an|the)\s+)?$", re.IGNORECASE)
# "comparable to the two others", "on par with all other systems": a parity whose rival is every other
# row (synth.verify.parity); "two" counts the rows, it is no figure.
PARITY_RIVALS = re.compile(r"\s*(?:to|with)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:(?:two|three|four|remaining)\s+)?"
                           r"(?:others|other\s+(?:\w+\s+)?(?:ones|rows|models|methods|systems|representations|"
                           r"approaches|variants|settings))\b", re.IGNORECASE)
_EXTREME = re.compile(r"\b(?:the\s+)?(best|highest|lowest|worst|largest|smallest|maximum|minimum|"
                      r"strongest|weakest)\b|\b(?:outperforms?|better\s+than|beats?)\s+(?:all|every)\b"
                      # "outperforms other classifiers", "lower than the others": the rival is every
                      # other row, so the subject is the best (worst) of them; never with a word that
                      # narrows the rivals ("the other RL-based systems" are some rows only)
                      r"|\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beats?|better\s+than|superior\s+to|"
                      r"higher\s+than|lower\s+than|worse\s+than|underperform(?:s|ed|ing)?|inferior\s+to)\s+"
                      r"(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:(?:other|remaining)\s+"
                      r"(?:baselines|models|methods|systems|approaches|classifiers|variants|ones|configurations)\b|"
                      r"(?:two\s+|three\s+)?others\b)", re.I)
# A preposition and an indefinite article right before a comparative: the comparative describes the noun after it
# ("distilled from a larger teacher model"); "has a lower F1 score" still compares.
_ATTRIBUTIVE = re.compile(r"\b(?:from|with|by|of|into|via|using|through)\s+(?:a|an)\s+$")
# A superlative a verb of choosing governs names what a method picks ("choosing the best hypernym", "selecting
# the best parent"), not a row that leads the table: no EXTREME atom.
_CHOSEN = re.compile(r"\b(?:choos(?:e|es|ing)|chose|chosen|select(?:s|ed|ing)?|pick(?:s|ed|ing)?)\s+$", re.I)
# "maximum" / "minimum" naming a setting's bound ("a maximum learning rate of 4.2 × 10−4", "has 4K maximum sequence
# length"): the figure is that setting's value, no row that leads a table; no EXTREME atom when the clause gives one.
_SETTING_BOUND = re.compile(r"(?:maximum|minimum)\s+(?:(?:learning|warm-?up)\s+rate|lr|step\s+size|(?:sequence|"
                            r"context|input|output|generation)\s+(?:length|size|window)|length|(?:gradient\s+)?norm|"
                            r"batch\s+size|number\s+of|tokens|steps|epochs|iterations|temperature)\b", re.I)
_EXTREME_LOW = re.compile(r"lowest|worst|smallest|minimum|weakest|lower\s+than|worse\s+than|underperform|inferior",
                          re.I)
_EXTREME_AWARE = re.compile(r"best|worst|strongest|weakest|outperform|better|beat|surpass|superior|inferior", re.I)
# A denial word joined by a hyphen is part of a name or compound ("NO-TRANSLATIONS", "no-reference"), not a denial.
_NEGATION = re.compile(r"(?<!-)\b(?:not|no|never|cannot|neither|nor|fails?\s+to|failed\s+to|unable\s+to|n't)\b(?!-\w)"
                       r"|n't\b", re.I)
_NOT_A_DENIAL = re.compile(r"\bnot\s+(?:only|just|merely|simply)\b|\bno\s+(?:more|less|fewer)\s+than\b", re.I)
_ALL = re.compile(r"\b(?:all|every|each|both|consistently|always|across the board|in all|any)\b", re.I)
_MOST = re.compile(r"\b(?:most|majority|mostly|generally)\b(?!\s+(?:of\s+the\s+)?(?:best|highest|lowest))", re.I)
_MARGIN = re.compile(r"\b(?:by|(?:gap|margin|difference|improvement|gain|increase|drop|decrease|reduction)\s+of)\s+"
                     r"(?:about|around|roughly|nearly|almost|over|more\s+than|up\s+to|approximately|only|a\s+"
                     r"(?:margin|gap)\s+of\s+)?\s*\+?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|percent|points?|pts?|pp|"
                     r"percentage\s+points?|times|x|×|-?fold)?"
                     r"|(?P<num2>\d+(?:\.\d+)?)\s*(?P<unit2>%|percent|points?|pts?|pp|percentage\s+points?)\s+"
                     r"(?:[\w\-@]+\s+){0,3}?(?:absolute\s+|relative\s+)?(?:improvements?|gains?|increases?|"
                     r"decreases?|drops?|reductions?|boosts?|higher|lower|better|worse|more|less|over|from|"
                     r"difference|gap)"
                     r"|\(\s*(?P<num3>[+\-−]\s*\d+(?:\.\d+)?)\s*(?P<unit3>%|points?|pp)?[^)]*\)", re.I)
_RATIO = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:×|x\b|times|-?fold)\s*(?:faster|slower|higher|lower|larger|"
                    r"smaller|more|less|better|fewer|greater|speed)", re.I)
# Numbers that point somewhere rather than state a figure: a citation's year ("Waseem and Hovy
# (2016)", "(2017), we find"), the later items of a reference list ("Tables 2 and 3"), a part of
# a table ("the top half").
_CITED_YEAR = re.compile(r"\(\s*(?:19|20)\d{2}[a-z]?\s*[),;]|\bet\s+al\.?,?\s*\(?\s*(?:19|20)\d{2}[a-z]?\b", re.I)
_LISTED_REFERENCE = re.compile(r"\b(?:tables?|figures?|figs?\.|sections?|eqs?\.|equations?|appendi(?:x|ces))\s+"
                               r"(?:\d+[a-z]?\s*(?:,|and|&|or|-|–)\s*)+$", re.I)
_PART_OF_TABLE = re.compile(r"\b(?:top|bottom|upper|lower|first|second|left|right)\s+$", re.I)
# A whole number counting the parts a claim reads over ("under all three metrics", "among all 3
# models"): how many rows or columns are meant, not a value a cell states.
_COUNTED_BEFORE = re.compile(r"\b(?:all|both)\s+$", re.I)
_COUNTED_AFTER = re.compile(r"^\s+(?:[a-z][\w\-]*\s+)?(?:metrics|measures|models|systems|methods|approaches|baselines|"
                            r"datasets|data\s+sets|corpora|benchmarks|tasks|languages|settings|modes|aspects|domains|"
                            r"variants|configurations|representations|classifiers|scores|others)\b", re.I)
# Degree words a comparison carries ("slightly better", "much worse", "by a large margin"): a
# qualifier the cells must bear out too, not only the direction.
_DEGREE_SMALL = re.compile(r"\b(?:slightly|marginally|somewhat|modestly|a\s+bit|a\s+little|only\s+just)\s+(?:\w+\s+)?$"
                           r"|\bby\s+a\s+(?:small|slight|narrow|thin)\s+margin\b", re.I)
_DEGREE_LARGE = re.compile(r"\b(?:much|far|substantially|considerably|dramatically|greatly|significantly|drastically|"
                           r"remarkably|vastly|massively|(?:a\s+)?(?:large|huge|substantial|considerable|significant|"
                           r"dramatic|big))\s+(?:\w+\s+)?$"
                           r"|\bby\s+a\s+(?:large|wide|big|huge|substantial|considerable|significant)\s+margin\b", re.I)


def _degree(text: str, start: int, cue_start: int, cue_end: int, stop: int) -> str:
    """"small" or "large" when a degree word qualifies the comparison at [cue_start, cue_end)."""
    before = text[max(start, cue_start - 30):cue_start]
    after = text[cue_end:min(stop, cue_end + 60)]
    if _DEGREE_SMALL.search(before) or _DEGREE_SMALL.search(after):
        return "small"
    if _DEGREE_LARGE.search(before) or _DEGREE_LARGE.search(after):
        return "large"
    return ""


_SCOPE = re.compile(r"\b(?:without(?:\s+relying\s+on)?|instead\s+of|rather\s+than|in\s+place\s+of|only|solely|"
                    r"exclusively|remov\w*|discard\w*|eliminat\w*|does\s+away\s+with|forgo\w*|keeps?|retain\w*|"
                    r"no\s+longer)\b", re.I)


@dataclass(frozen=True)
class AtomSpec:
    """One assertion of a claim, before any evidence: where it sits in the claim and what it says."""

    kind: AtomKind
    text: str
    start: int
    end: int
    clause: tuple[int, int]
    quantity: Quantity | None = None
    direction: int = 0
    aware: bool = False
    negated: bool = False
    margin: Quantity | None = None
    ratio: bool = False
    quantifier: str = ""
    cue: str = ""
    degree: str = ""
    leaning: int = 0  # a parity that also allows the subject ahead (+1) or behind (-1): "comparable to or better than"


@dataclass(frozen=True)
class ClaimAtoms:
    """The claim's atoms and its clauses (spans of the claim text)."""

    text: str
    clauses: tuple[tuple[int, int], ...]
    atoms: tuple[AtomSpec, ...]


# A sentence that opens with a concessive or contrastive phrase ("Despite performing slightly worse
# than sparsemax, TVMAX outperforms …"): that phrase, up to its comma, is a clause of its own.
_FRONTED = re.compile(r"\s*(?:despite|although|though|unlike|apart\s+from|besides|in\s+contrast\s+to)\b[^,;]*,",
                      re.IGNORECASE)


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the claim's clauses: sentences, cut at ";", contrastive conjunctions and after a
    fronted concessive phrase."""
    spans = []
    for start, end in sentence_spans(text) or [(0, len(text))]:
        cut = start
        fronted = _FRONTED.match(text, start, end)
        if fronted is not None and text[fronted.end():end].strip():
            spans.append((start, fronted.end() - 1))
            cut = fronted.end()
        for match in _CLAUSE.finditer(text, cut, end):
            if text[cut:match.start()].strip():
                spans.append((cut, match.start()))
            cut = match.end()
        if text[cut:end].strip():
            spans.append((cut, end))
    return spans


def pointer(text: str, quantity: Quantity) -> bool:
    """Whether a number points somewhere (a citation year, "Tables 2 and 3", "the top half") or
    counts the parts the claim reads over ("all three metrics") instead of stating a figure: no
    cell or sentence is asked to state it."""
    before = text[max(0, quantity.start - 40):quantity.start]
    if quantity.raw.lower() == "half":
        return bool(_PART_OF_TABLE.search(before))
    if _LISTED_REFERENCE.search(before):
        return True
    if (quantity.decimals == 0 and quantity.unit == "plain" and quantity.value <= 20
            and _COUNTED_BEFORE.search(before) and _COUNTED_AFTER.match(text[quantity.end:])):
        return True
    if quantity.unit == "plain" and quantity.decimals == 0 and 1900 <= quantity.value <= 2099:
        around = text[max(0, quantity.start - 12):min(len(text), quantity.end + 3)]
        return any(m.start() <= quantity.start - max(0, quantity.start - 12) < m.end()
                   for m in _CITED_YEAR.finditer(around))
    return False


_RELATIVE = re.compile(r"\b(?:which|who|whose)\b", re.IGNORECASE)


def relative_between(text: str, start: int, end: int) -> bool:
    """Whether a relative clause opens between two places ("… for DocSub, which obtained …")."""
    return _RELATIVE.search(text, start, end) is not None


def _negated_before(text: str, start: int, position: int) -> bool:
    """A denial between the clause start and the cue ("does not outperform", "no better than"),
    never one before a relative pronoun: in "did not work well for DocSub, which obtained the
    lowest precision" the denial is of the main verb, not of the relative clause's "lowest"."""
    window = _NOT_A_DENIAL.sub(lambda m: " " * len(m.group(0)), text[start:position])
    after = max((m.end() for m in _RELATIVE.finditer(window)), default=0)
    return bool(_NEGATION.search(window, after))


def _quantifier(text: str, rest: str = "") -> str:
    """all / most / none as the clause says; "all … but X" (an exception follows) is most."""
    if re.search(r"\b(?:none|no\s+(?:model|method|system)s?)\b", text, re.I):
        return "none"
    if _ALL.search(text):
        return "most" if re.search(r"\b(?:but|except|apart from|other than)\b", rest, re.I) else "all"
    if _MOST.search(text):
        return "most"
    return ""


def _margin(text: str, start: int, end: int) -> tuple[Quantity | None, bool, tuple[int, int] | None]:
    """The margin a comparison states near its cue ("by 8.6 points", "2× faster"): the figure,
    whether it is a ratio, and its span."""
    for match in _RATIO.finditer(text, max(0, start - 25), min(len(text), end + 25)):
        number = match.group("num")
        return (Quantity(float(number), "plain", match.group(0), match.start("num"), match.end("num"),
                         len(number.split(".")[1]) if "." in number else 0), True, (match.start(), match.end()))
    for match in _MARGIN.finditer(text, max(0, start - 40), min(len(text), end + 60)):
        group = next(g for g in ("num", "num2", "num3") if match.group(g))
        number = re.sub(r"[+\-−\s]", "", match.group(group))
        unit = (match.group("unit") or match.group("unit2") or match.group("unit3") or "").lower()
        ratio = unit in ("times", "x", "×") or unit.endswith("fold")
        kind = "%" if unit in ("%", "percent") else "plain"
        return (Quantity(float(number), kind, match.group(0), match.start(group), match.end(group),
                         len(number.split(".")[1]) if "." in number else 0), ratio, (match.start(), match.end()))
    return None, False, None


def margin_words(margin: Quantity) -> str:
    """A margin as the explanation says it: its own words when they start with "by" ("by 16.4
    points"), "by" and the figure when it is a bare figure ("+2.3%"), "with" and its words otherwise
    ("with gap of 2 points"); never "by by"."""
    raw = margin.raw.strip()
    if re.match(r"(?i)by\b", raw):
        return raw
    return f"by {raw}" if raw[:1].isdigit() or raw[:1] in "+-−" else f"with {raw}"


# A comparative adjective opening the clause's subject, with nothing it is compared to ("The
# superior score on attention relevance shows that TVMAX is better …"): it describes the noun;
# what is compared is the clause's own comparison ("has a lower F1" is that comparison).
_DETERMINER = re.compile(r"^\s*(?:the|a|an|its|their)\s+$", re.IGNORECASE)
_ADJECTIVE = re.compile(r"superior|inferior|higher|lower|better|worse|greater|larger|smaller", re.IGNORECASE)
_COMPLEMENT = re.compile(r"\b(?:than|to|over|compared|from|against)\b", re.IGNORECASE)


def _attributive(text: str, match: re.Match[str], start: int, stop: int) -> bool:
    """Whether a comparison cue only describes its noun (see _DETERMINER): no atom of its own."""
    before = text[start:match.start()]
    return bool(_ADJECTIVE.fullmatch(match.group(0)) and _DETERMINER.search(before)
                and re.match(r"\s+[a-z]", text[match.end():], re.IGNORECASE)
                and not _COMPLEMENT.search(text, match.end(), stop))


def _opens_change(text: str, match: re.Match[str], start: int, stop: int) -> bool:
    """Whether a cue is a change the clause opens with and another cue of the clause measures
    (see _CHANGE_GERUND): no atom of its own."""
    if not (_CHANGE_GERUND.fullmatch(match.group(0)) and _CLAUSE_OPENING.search(text[start:match.start()])):
        return False
    later = [m.start() for p, d, _ in _CUES if d and (m := p.search(text, match.end(), stop))]
    return bool(later) and _CHANGE_END.search(text, match.end(), min(later)) is not None


def statement(text: str, start: int, stop: int) -> AtomSpec:
    """The clause [start, stop) as one statement: a clause with no figure, comparison or superlative of its own."""
    return AtomSpec(AtomKind.STATEMENT, text[start:stop].strip(), start, stop, (start, stop),
                    negated=_negated_before(text, start, stop))


@lru_cache(maxsize=8192)
def atoms_of(text: str) -> ClaimAtoms:
    """The claim's atoms in reading order (see the module docstring)."""
    spans = clauses(text)
    figures = [q for q in claimparse.quantities(text) if not pointer(text, q)]
    found: list[AtomSpec] = []
    used: list[tuple[int, int]] = []
    for start, end in spans:
        clause = text[start:end]
        interpretation = _INTERPRETATION.search(clause)
        stop = start + interpretation.start() if interpretation and interpretation.start() > 0 else end
        quantifier = _quantifier(text[start:stop], text[start:])
        extreme_spans = []
        for match in _EXTREME.finditer(text, start, stop):
            if _CHOSEN.search(text[max(start, match.start() - 16):match.start()]):
                continue
            if _SETTING_BOUND.match(text, match.start(1) if match.group(1) else match.start()) and any(
                    start <= q.start < stop for q in figures):
                continue
            word = match.group(0)
            extreme_spans.append((match.start(), match.end()))
            used.append((match.start(), match.end()))  # "lower than the two others": no figure "two"
            margin, ratio, margin_span = _margin(text, match.start(), match.end())
            if margin_span is not None:
                used.append(margin_span)
            found.append(AtomSpec(AtomKind.EXTREME, word.strip(), match.start(), match.end(), (start, stop),
                                  direction=-1 if _EXTREME_LOW.search(word) else 1,
                                  aware=bool(_EXTREME_AWARE.search(word)),
                                  negated=_negated_before(text, start, match.start()), margin=margin, ratio=ratio,
                                  quantifier=quantifier, cue=word.strip().lower()))
        for match in _PARITY_OR.finditer(text, start, stop):
            if _PARITY_SETTING.search(text[max(start, match.start() - 16):match.start()]):
                continue
            word = match.group("word") or match.group("first")
            direction, aware = next((d, a) for pattern, d, a in _CUES if d and pattern.match(word))
            used.append((match.start(), match.end()))
            found.append(AtomSpec(AtomKind.COMPARISON, match.group(0), match.start(), match.end(), (start, stop),
                                  direction=0, aware=aware, negated=_negated_before(text, start, match.start()),
                                  quantifier=quantifier, cue=match.group(0).lower(), leaning=direction))
        for pattern, direction, aware in _CUES:
            for match in pattern.finditer(text, start, stop):
                if any(s <= match.start() < e for s, e in extreme_spans) or any(
                        s <= match.start() < e for s, e in used) or _attributive(text, match, start, stop):
                    continue
                if _ATTRIBUTIVE.search(text[max(start, match.start() - 16):match.start()]) and not re.search(
                        r"\bthan\b", text[match.end():stop], re.IGNORECASE):
                    continue  # "distilled from a larger teacher model": names a thing, compares nothing
                if direction == 0 and _PARITY_SETTING.search(text[max(start, match.start() - 16):match.start()]):
                    continue  # "at a comparable cost to B": the setting of another assertion
                if _opens_change(text, match, start, stop):
                    continue
                margin, ratio, margin_span = _margin(text, match.start(), match.end())
                if margin_span is not None:
                    used.append(margin_span)
                used.append((match.start(), match.end()))
                if direction == 0 and (rivals := PARITY_RIVALS.match(text, match.end(), stop)):
                    used.append((match.end(), rivals.end()))
                found.append(AtomSpec(AtomKind.COMPARISON, match.group(0), match.start(), match.end(), (start, stop),
                                      direction=direction, aware=aware,
                                      negated=_negated_before(text, start, match.start()), margin=margin,
                                      ratio=ratio, quantifier=quantifier, cue=match.group(0).lower(),
                                      degree=_degree(text, start, match.start(), match.end(), stop)))
        sizes = gap_spans(text[start:stop])
        for quantity in figures:
            if quantity.raw.lower() == "one":  # "one possible explanation", "the alternating one"
                continue
            if any(s + start <= quantity.start < e + start for s, e in sizes):
                continue  # "the gap … under BLEU (around 3 points)": the gap's size, checked with the gaps compared
            if start <= quantity.start < stop and not any(s <= quantity.start < e for s, e in used):
                found.append(AtomSpec(AtomKind.FIGURE, quantity.raw, quantity.start, quantity.end, (start, stop),
                                      quantity=quantity, negated=_negated_before(text, start, quantity.start)))
        for match in _SCOPE.finditer(text, start, stop):
            denies = not re.match(r"keep|retain|only|solely|exclusively", match.group(0), re.IGNORECASE)
            found.append(AtomSpec(AtomKind.POLARITY, match.group(0), match.start(), match.end(), (start, stop),
                                  negated=denies, cue=match.group(0).lower()))
        carried = [a for a in found if a.clause == (start, stop) and a.kind is not AtomKind.POLARITY]
        for match in _NEGATION.finditer(_NOT_A_DENIAL.sub(lambda m: " " * len(m.group(0)), text[:stop]), start):
            found.append(AtomSpec(AtomKind.POLARITY, match.group(0), match.start(), match.end(), (start, stop),
                                  negated=True, cue=match.group(0).lower()))
        if not carried:
            found.append(statement(text, start, stop))
        if stop < end and text[stop:end].strip(" ,.;"):
            found.append(AtomSpec(AtomKind.STATEMENT, text[stop:end].strip(" ,.;"), stop, end, (stop, end)))
    found.sort(key=lambda a: (a.start, a.kind.value))
    return ClaimAtoms(text, tuple(spans), tuple(found))
