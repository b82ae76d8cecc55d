"""Names: whether a passage names the claim's entities with the claim's variant
(`Qwen2.5-72B-Instruct` is never the base `Qwen2.5-72B`), acronyms through their expansion ("RL"
in "Reinforcement Learning"), composite mentions ("the 32B-Instruct model" in a document titled
Qwen2.5-Coder), and swapped entities: a passage naming another version or size of the claim's
model in its place (Qwen2 for Qwen2.5).
"""

from __future__ import annotations

import re

from synth import claimparse
from synth.names import canonical, family, name_regex
from synth.tables import name_variant, strip_variant
from synth.text import STOPWORDS, fold, sentence_spans
from synth.verify.claim import ClaimInfo
from synth.verify.own_work import describes_own_work
from synth.verify.window_figures import footnote_mark
from synth.verify.windows import Window
from synth.verify.words import HAS_DIGIT, folded, model_like

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}s?$")


def _acronym_in(acronym: str, text: str) -> bool:
    """`RL` in "... Reinforcement Learning ...", `SFT` in "Supervised Fine-tuning"."""
    letters = acronym.rstrip("s").upper()
    words = [w for w in re.split(r"[\s\-/]+", text) if w[:1].isalpha()]
    initials = "".join(w[0].upper() for w in words)
    return len(letters) >= 2 and letters in initials and any(
        "".join(w[0].upper() for w in words[i:i + len(letters)]) == letters and words[i][:1].isupper()
        for i in range(len(words) - len(letters) + 1))


def mentioned(folded: str, raw: str, name: str, variant: str | None) -> bool:
    """Whether a text names the entity, respecting the claim's variant (base vs instruct)."""
    if variant == "instruct" and name_variant(name) is None:
        if not claimparse.mentions(folded, name):
            return False
        return "instruct" in folded or "chat" in folded or bool(re.search(r"-it\b", folded))
    if claimparse.mentions(folded, name):
        if variant == "base" and name_variant(name) is None:
            return not claimparse.mentions(folded, name + "-Instruct") or " base" in folded
        return True
    if name_variant(name) == "instruct":
        stripped = strip_variant(name)
        return claimparse.mentions(folded, stripped) and ("instruct" in folded or "chat" in folded)
    if _ACRONYM.match(name):
        return _acronym_in(name, raw)
    return False


def _composite(name: str, folded_window: str, folded_context: str) -> bool:
    """`Qwen2.5-Coder-32B-Instruct` in "The 32B-Instruct model", in a document titled Qwen2.5-Coder."""
    parts = re.split(r"[-\s]+", name)
    for cut in range(1, len(parts)):
        head, tail = "-".join(parts[:cut]), "-".join(parts[cut:])
        if (HAS_DIGIT.search(tail) and claimparse.mentions(folded_window, tail)
                and claimparse.mentions(folded_context, head)):
            return True
    return False


def _title_compounds(name: str, titles: tuple[str, ...], claim: str) -> frozenset[str]:
    """The capitalised word a document's title puts in front of the name to name its own model ("nGPT:
    *Normalized* Transformer", "*Switch* Transformers"), unless the claim names that model too: in that document,
    "the normalized Transformer" is the title's model, not the plain Transformer the claim is about."""
    found = set()
    for plural in (claimparse.name_pattern(name).pattern, claimparse.name_pattern(f"{name}s").pattern):
        # the name itself, not a longer one it starts ("Training\n\nOrion-70B …" on a first page names no
        # "Training Orion")
        pattern = re.compile(r"(?<![\w\-])([A-Za-z][A-Za-z\-]{2,})[\s\-]+" + plural + r"(?!-[a-z0-9])", re.IGNORECASE)
        found |= {m.group(1).lower() for title in titles for m in pattern.finditer(title) if m.group(1)[0].isupper()}
    return frozenset(w for w in found if w not in STOPWORDS and not re.search(
        r"(?<![\w\-])" + re.escape(w) + r"[\s\-]+" + claimparse.name_pattern(name).pattern, fold(claim)))


def _named_plainly(name: str, variant: str | None, text: str, compounds: frozenset[str]) -> bool:
    """Whether a text names the entity other than as the title's compound ("the normalized Transformer")."""
    folded_text = folded(text)
    if not compounds:
        return mentioned(folded_text, text, name, variant)
    masked = re.sub(r"(?<![\w\-])(?:" + "|".join(map(re.escape, sorted(compounds))) + r")[\s\-]+"
                    + claimparse.name_pattern(name).pattern, lambda m: " " * len(m.group(0)), folded_text)
    return mentioned(masked, text, name, variant)


def entity_found(info: ClaimInfo, index: int, window: Window, opening: str = "") -> float:
    """1 when the window names the entity, 0.75 when only its heading, the document title or (for
    names that own no figures, such as acronyms) the rest of its paragraph does, else 0. A name the
    document's title (its metadata or, in `opening`, as printed on its first page) extends into its own
    model's ("Normalized Transformer") is found only where the text names it without that extension. The claim's
    subject is found too (0.75) in a window of its own paper (`Window.own_subject`) that describes the authors' own
    work and names nothing else ("In all experiments we train for 10,000 steps …"; synth.verify.own_work)."""
    name, variant = info.entities[index], info.variants[index]
    compounds = _title_compounds(name, (window.title, opening), info.text)
    if _named_plainly(name, variant, window.text, compounds):
        return 1.0
    context = window.context
    if _composite(name, window.folded, folded(context)):
        return 1.0
    said = (window.passage.section or "") if compounds else context  # a title naming its own model names that
    if said and _named_plainly(name, variant, said, compounds):
        return 0.75
    if name not in info.models and in_paragraph_only(info, index, window, opening):
        return 0.75
    if name in info.models and _subject_before(window, name, variant):
        return 0.75
    if index == 0 and window.own_subject and describes_own_work(window, info.entities):
        return 0.75
    return 0.0


def in_paragraph_only(info: ClaimInfo, index: int, window: Window, opening: str = "") -> bool:
    """Whether the entity is named only in the rest of the window's paragraph: not in the window, its heading or
    its document's title. The window then says nothing of that name ("In nGPT, … we use two scalars" beside a
    paragraph naming RMSNorm elsewhere states no "nGPT uses RMSNorm")."""
    name, variant = info.entities[index], info.variants[index]
    compounds = _title_compounds(name, (window.title, opening), info.text)
    said = (window.passage.section or "") if compounds else window.context
    return not (_named_plainly(name, variant, window.text, compounds) or _composite(name, window.folded, folded(
        window.context)) or (said and _named_plainly(name, variant, said, compounds))) and _named_plainly(
        name, variant, window.passage.text, compounds)


OPENING = 250  # characters: a document's first page opens on its title within them
_LOOK_BACK = 4  # sentences: an unnamed sentence further from its model is not read as the model's
_NO_MEASURES: frozenset[str] = frozenset()  # entity_found has no benchmark names: every name with a digit counts


def _subject_before(window: Window, name: str, variant: str | None) -> bool:
    """Whether an unnamed window continues a paragraph about the model: the window names no model, and the
    nearest earlier sentence of its passage that names one opens on the model or its family, the passage
    naming the model in full ("We introduce Mixtral 8x7B … Mixtral has the same architecture as Mistral 7B …
    As a result, each token has access to 47B parameters")."""
    own = family(name)
    own_family = canonical(own)
    if any(model_like(n, _NO_MEASURES) for n, _, _ in claimparse.name_spans(window.text)) or name_regex(
            own).search(window.folded):
        return False  # a window naming a model, or only the model's family ("Gemma" for Gemma 7B), says whose it is
    paragraph = window.passage.text
    if not mentioned(folded(paragraph), paragraph, name, variant):
        return False
    before = paragraph[:max(0, window.start - window.passage.start)]
    spans = sentence_spans(before)
    opening = (name_regex(name), name_regex(own))
    for start, end in reversed(spans[-_LOOK_BACK:]):
        sentence = before[start:end].strip()
        if any(pattern.match(fold(sentence)) for pattern in opening):
            return True  # a capitalised first word is not told from a name by the name finder: read it here
        names = claimparse.name_spans(sentence)
        if any(model_like(n, _NO_MEASURES) or canonical(n) == own_family for n, _, _ in names):
            first, at, _ = names[0]
            # "Osprey has the same architecture as Heron-9B": a capitalised word before the first name found
            # may be the name the sentence opens on.
            lead = [w for w in re.findall(r"\b[A-Z][\w\-]*", sentence[:at]) if fold(w) not in STOPWORDS]
            return not lead and (same_name(first, name) or canonical(first) == own_family)
    return False


def _family_of(name: str) -> str:
    match = re.match(r"[a-z]+", fold(name))
    return match.group(0) if match else ""


def _words_of(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", fold(name)))


def swapped_entity(info: ClaimInfo, found: list[float], window: Window, measures: frozenset[str]) -> str | None:
    """When exactly one model-like name of the claim is missing and the window names, in its place,
    the same name with other numbers (another version or size: Qwen2 for Qwen2.5, Llama-3-70B for
    Llama-3-405B), that name: a swapped entity. Names that differ in words (Qwen2.5-Turbo vs
    Qwen2.5-Plus) are other products, about which the window says nothing either way."""
    missing = [e for e, f in zip(info.entities, found, strict=True) if f == 0.0]
    if len(missing) != 1 or missing[0] not in info.models or len(_family_of(missing[0])) < 3:
        return None
    words = _words_of(strip_variant(missing[0]))
    for name, _, _ in claimparse.name_spans(window.text):
        if (model_like(name, measures) and _words_of(strip_variant(name)) == words
                and not any(same_name(name, e) for e in info.entities)):
            return name
    return None


_SECTION_NUMBER = re.compile(r"^\s*(?:[A-Z]|\d+)(?:\.\d+)*\.?\s+")  # "B.1 ", "3.1.2 "


def about_offshoot(info: ClaimInfo, window: Window, measures: frozenset[str], section: bool = False) -> bool:
    """Whether the window's document (with `section`, its section) is about an offshoot of the claim's model
    that the claim does not name (its title or heading names it): a passage of notes on Qwen2.5-Coder that
    mentions "the Qwen2.5 base checkpoint" gives Qwen2.5-Coder's figures, not Qwen2.5's, so it cannot
    contradict a claim on Qwen2.5 by a figure; a sentence under "B.1 DeepSeek-V2-Lite" is Lite's."""
    text = _SECTION_NUMBER.sub("", window.passage.section or "") if section else window.title
    if not info.models or not text:
        return False
    folded_claim = fold(info.text)
    for name, _, _ in claimparse.name_spans(text):
        folded = fold(name)
        if (model_like(name, measures) and not claimparse.mentions(folded_claim, name)
                and any(folded.startswith(fold(strip_variant(m)) + "-") and not claimparse.mentions(folded, m)
                        for m in info.models)):
            return True
    return False


def same_name(a: str, b: str) -> bool:
    return claimparse.mentions(folded(a), strip_variant(b)) or claimparse.mentions(folded(b), strip_variant(a))


_PREFIXED = re.compile(r"^(.+-)(?:in|un|non-?)(\w+)$", re.IGNORECASE)
_PLAIN = re.compile(r"^(.+-)(\w+)$")


def prefix_antonym(name: str, folded: str) -> bool:
    """Whether the text names the entity's prefix antonym in its place: "UCP1-independent" for a
    claim's "UCP1-dependent", "PKC-dependent" for "PKC-independent". The text then says the
    opposite of the claim about the same thing."""
    prefixed = _PREFIXED.match(name)
    if prefixed is not None:
        return claimparse.mentions(folded, prefixed.group(1) + prefixed.group(2))
    plain = _PLAIN.match(name)
    return plain is not None and any(
        claimparse.mentions(folded, f"{plain.group(1)}{prefix}{plain.group(2)}") for prefix in ("in", "un", "non-"))


def opens_on_another_name(sentence: str, entities: tuple[str, ...]) -> bool:
    """Whether a sentence opens on a name none of the claim's names is ("AutoScholarQuery includes 33,511 / 1,000 /
    1,000 query-paper pairs …" in the PaSa paper): its figures are that name's, so they say nothing of the claim's
    subject. A claim that names nothing has no other name ("Pyridostatin induces double-strand breaks
    accumulation.", a SciFact claim whose first word the library does not print as a name)."""
    text = sentence.lstrip()
    spans = claimparse.name_spans(text) if entities else ()  # a claim naming nothing has no other name
    if not spans or spans[0][1] != 0:
        return False
    name = spans[0][0]
    if footnote_mark(name.split()[0]):
        return False  # "2Each training step took …": a footnote's mark, no name
    return not any(claimparse.mentions(fold(name), e) or claimparse.mentions(fold(e), name) for e in entities)
