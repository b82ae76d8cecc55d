"""Whose value is it: whether a sentence is about the subject, and which model a value in it belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from synth.models import PlanSubject
from synth.names import NameMatch, canonical, family, match_entity, name_regex, same_word, size_of
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary, names_in

_NOT_THE_MODEL = re.compile(r"\b(baselines?|ablations?|toy|preliminary|validation experiments?|smaller|small-scale|"
                            r"proxy|pilot)\b", re.IGNORECASE)

# "a 2x speed improvement over a vanilla attention baseline": the baseline a change is measured against
_REFERENCE_POINT = re.compile(r"\b(?:over|than|against|relative\s+to|compared\s+(?:to|with))\s+(?:an?\s+|the\s+)?"
                              r"(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)


def _not_the_model(sentence: str) -> bool:
    """The sentence is about a baseline, an ablation or a proxy rather than the model its source presents — unless
    the baseline is only what a change of the model is measured against."""
    return any(not _REFERENCE_POINT.search(sentence[:m.start()]) for m in _NOT_THE_MODEL.finditer(sentence))


# --- sentences -------------------------------------------------------------------------------


_COMPARING = re.compile(r"\b(?:outperform\w*|surpass\w*|than|compared|versus|vs\.?|beat\w*|exceed\w*|ahead|behind|"
                        r"trail\w*|rival\w*|match\w*|over|differ\w*\s+from|unlike|similar\s+to|same\s+as)\b",
                        re.IGNORECASE)
COMPARING = _COMPARING
# The words before a name that make it a point of reference, not the sentence's actor: "we apply the same RL
# process as employed in DeepSeek-R1-Zero" is about the model being built, not about DeepSeek-R1-Zero.
_AS_REFERENCE = re.compile(r"\b(?:as\s+(?:employed|used|adopted|applied|done|introduced|described|proposed)\s+"
                           r"(?:in|by|for)|as\s+in|following|like|unlike|similar\s+to)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Scope:
    """Who a sentence is about: the subject's mentions (offsets) and the other models it names."""

    named: bool
    entity: str
    variant: str | None
    member: str | None
    mentions: tuple[tuple[int, int], ...] = ()
    others: tuple[tuple[int, int], ...] = ()
    text: str = ""

    def owns(self, position: int, text: str = "") -> bool:
        """Whether a value at `position` belongs to the subject: the nearest model named before it (or,
        when none is, after it) is the subject, a value followed by "for <a model>" is that model's,
        and in a comparison ("A outperforms B with 90.8%") the value is the first-named model's."""
        text = text or self.text
        after = [s for s, _ in self.others if 0 < s - position <= 45]
        if text and any(re.search(r"(?:\b(?:for|of|by|in)\s+(?:the\s+)?|\()$", text[position:s]) for s in after):
            return False  # "… 7 trillion tokens used for Qwen2", "70B parameters per token (Llama 2 70B)"
        if text and any(0 < s - position <= 45 and re.search(r"\bfor\s+(?:the\s+)?$", text[position:s])
                        and not any(position < o < s for o, _ in self.others) for s, _ in self.mentions):
            return True  # "the vocabulary size is set to 100K for DeepSeekMoE 16B", whatever model came before
        if text and self.others and self.mentions:
            nearest = max((e for _, e in self.mentions if e <= position), default=None)
            if nearest is not None and _COMPARING.search(text[nearest:position]):
                return False  # "Mixtral … outperforming the previous best model using 70B parameters"
        if not self.named or not self.mentions:
            return True
        if self.others:
            first_other = min(s for s, _ in self.others)
            if first_other < min(s for s, _ in self.mentions) and _COMPARING.search(text[first_other:position]):
                return False
        names = sorted([(s, e, True) for s, e in self.mentions] + [(s, e, False) for s, e in self.others])
        first_own = min(s for s, _ in self.mentions)
        # "X is further pre-trained from a checkpoint of Y with 6 trillion tokens": a model named after "of" or
        # "from", once the subject has acted, modifies a noun of the subject's clause; it owns nothing
        names = [n for n in names if n[2] or n[0] < first_own or not text
                 or not re.search(r"\b(?:of|from)\s+(?:the\s+)?$", text[max(0, n[0] - 12):n[0]])]
        before = [n for n in names if n[1] <= position]
        between = text[position:min(s for s, _ in self.mentions)] if text else ""
        if not before and _COMPARING.search(between) and not re.search(r"\bof\s+(?:the\s+)?$", between):
            # "Its KV compression dimension is 512, but slightly different from DeepSeek-V2"; not "20 milliseconds
            # which matches the native time resolution of Whisper models", which is the subject's own
            return False
        if not before and text and _CITED_LEAD.match(text):
            return False  # "Zero [83] … scale models to 170 billion parameters; in comparison, GShard …": Zero's
        owner = before[-1] if before else next((n for n in names if n[0] >= position), None)
        return bool(owner and owner[2])


def only_as_reference(scope: Scope, text: str) -> bool:
    """Whether every mention of the subject in the sentence names it only as a point of reference."""
    return scope.named and bool(scope.mentions) and all(
        _AS_REFERENCE.search(text[max(0, start - 60):start]) for start, _ in scope.mentions)


# A number joined to a lowercase word is a compound modifier ("80-channel", "25-millisecond", "16-bit"), no model.
_COMPOUND_MODIFIER = re.compile(r"^\d+(?:\.\d+)?-[a-z]+(?:-[a-z]+)*$")
# "2Each training step took …": a footnote's mark glued to its first word, not a name with a version
_FOOTNOTE_MARK = re.compile(r"^\d{1,2}([A-Z][a-z]+)$")
# "… which were deleted from the input2 .": a footnote's mark glued to the last word of a sentence or clause
_TRAILING_MARK = re.compile(r"^[a-z]{3,}\d$")
_CLAUSE_END = re.compile(r"^\s*[.,;:)]")


def _model_like(name: str, vocab: Vocabulary) -> bool:
    head = name.split()[0]
    if _COMPOUND_MODIFIER.match(head):
        return False
    mark = _FOOTNOTE_MARK.match(head)
    if mark and fold(mark.group(1)) in STOPWORDS:
        return False
    if re.search(r"[A-Za-z].*\d|\d.*[A-Za-z]", name):
        return True
    return vocab.role(name) == "entity"


_PART_OF_PAPER = re.compile(r"^(?:Algorithm|Figure|Fig\.|Table|Section|Sec\.|Eq\.|Equation|Appendix|Step)\s*\d",
                            re.IGNORECASE)
# "Transformer layers", "Transformer block", "Qwen's tokenizer": a name used as a kind of component, not as a model;
# "Adam [Kingma and Ba, 2014] optimizer": a citation may sit between the name and the noun.
_AS_MODIFIER = re.compile(r"^(?:['’]s)?(?:\s*\[[^\[\]]{1,40}\])?\s+(?:layers?|blocks?|architectures?|decoders?|"
                          r"encoders?|modules?|backbones?|"
                          r"style|optimi[sz]ers?|tokeni[sz]ers?|schedul\w*|loss|weight\s+decay|regulari[sz]ation|penalty|norm)\b")
# "128 random 2048 token segments from the C4 dataset": the data a setup is drawn from, not another model.
_DRAWN_FROM_DATA = re.compile(r"^\s+(?:datasets?|corpus|corpora)\b")
# "on the C4 dataset" (GLU p.3, "we pre-train for 524,288 steps … on the C4 dataset"): the data a model is trained or
# evaluated on, whatever the preposition
_FROM = re.compile(r"\b(?:from|on|of|in|over)\s+(?:the\s+)?$", re.IGNORECASE)
# "BLEU scores are on the development set, newstest2013, using beam search with beam size 4": the split a score is
# read on, named after the word for it, is no model (read30: Adafactor's beam size went unread)
_SPLIT_NAMED = re.compile(r"\b(?:development|dev|test|validation|evaluation|held-out)\s+(?:set|split)\s*,?\s*$",
                          re.IGNORECASE)
# "before the Mamba-2, self-attention, or MLP block": the first of a list of components the noun ends
_LISTED_MODIFIER = re.compile(r"^(?:\s*,\s*[\w\-]+(?:\s+[\w\-]+)?)*\s*,?\s*(?:or|and)\s+[\w\-]+(?:\s+[\w\-]+)?\s+"
                              r"(?:layers?|blocks?|modules?|sub-?layers?)\b")
# "8 NVIDIA P100 GPUs", "one Google TPU v2": the hardware a model was trained on, never another model
_HARDWARE = re.compile(r"(?:\b[GTCN]PUs?|\bchips?|\baccelerators?)$|^(?:NVIDIA|Nvidia|AMD|Intel)\b|\bTPU\s?-?v?\d")
# "8 Nvidia A100 (40GB) GPUs": a name the hardware noun follows is the hardware's
_HARDWARE_AFTER = re.compile(r"^\s*(?:\([^)]{0,20}\)\s*)?(?:[GTN]PUs?|chips?|accelerators?)\b")
# "We use Adam with a learning rate of 1e-4", "We apply Adam [13] to tune model parameters": a name the sentence's
# subject uses is a tool (an optimizer, a tokenizer), not another model whose values these are.
_AS_TOOL = re.compile(r"\b(?:use[sd]?|using|utili[sz](?:es?|ed|ing)|employ(?:s|ed|ing)?|adopt(?:s|ed|ing)?|"
                      r"appl(?:y|ies|ying)|"
                      r"optimi[sz]ed\s+(?:with|by)|(?:made|applied)\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
# "changes made to FlashAttention [11] and xFormers [18]": a tool listed after a tool, its citation between
_NEXT_TOOL = re.compile(r"^(?:\s*\[[\d,\s\-–]+\])?\s*(?:,\s*(?:and\s+)?|and\s+)$")
# "We adopt the same tokenizer as used in DeepSeek 67B, which … has a vocabulary size of 100K": a model named as the
# origin of a setup the sentence's subject shares is a point of reference, not another model whose values these are
# ("the same byte-level BPE text tokenizer used in GPT-2").
# "predecessors of the dataset used to train Nemotron-4": a model a dataset was made for, not one the sentence is about
_USED_TO_TRAIN = re.compile(r"\bused\s+to\s+(?:pre-?)?train\s+$", re.IGNORECASE)
_SAME_AS = re.compile(r"\bsame\s+(?:[\w\-]+\s+){0,3}?(?:tokeni[sz]ers?|vocabular(?:y|ies)|architectures?|"
                      r"configurations?|settings?|hyper-?parameters?|recipes?|optimi[sz]ers?|pipelines?|procedures?)\s+"
                      r"(?:(?:as|to\s+that\s+of)\s+(?:(?:used|employed|adopted)\s+)?(?:in|by|for|of|with)?|"
                      r"(?:used|employed|adopted)\s+(?:in|by|for|with))\s*(?:the\s+)?$|"
                      # "Our calibration set is the same as OPTQ": the sentence's own setup, said to be another's
                      r"\b(?:is|are|was|were)\s+(?:exactly\s+)?(?:the\s+)?same\s+as\s+(?:(?:in|for|that\s+of)\s+)?"
                      r"(?:the\s+)?$", re.IGNORECASE)
# "We use a gelu activation … rather than the standard relu, following OpenAI GPT", "We follow a similar recipe as
# StableLM-3B-4E1T", "we refer to DeepSeek-VL2 and add …": the model a choice follows is where it comes from, not
# the sentence's subject.
_FOLLOWING = re.compile(r"\b(?:follow(?:s|ed|ing)?|similar\s+(?:[\w\-]+\s+){0,2}?(?:as|to)|"
                        r"(?:we\s+)?refer(?:s|red)?\s+to|(?:as|like)\s+in|(?:inspired|guided)\s+by)\s+(?:the\s+)?$",
                        re.IGNORECASE)
# What a name that is only a size may add after it: "124M-parameter model" names no more than "124M".
_SIZE_NOUN = r"(?:-param(?:eter)?s?(?:-models?)?)?"
# "The model is a Transformer with 36 layers": the architecture the sentence's own model is, no other model
_CLASS_OF_OWN = re.compile(r"^(?:the|this|our|each|both)\s+(?:[\w\-]+\s+){0,2}?"
                           r"(?:model|network|policy|classifier|encoder|decoder)s?\s+(?:is|are|was|were)\s+(?:a|an)\s+"
                           r"(?:[\w\-]+\s+){0,2}?$", re.IGNORECASE)
# A numbered section's heading glued to its first sentence ("A.2.1 Network Architectures Our teacher …"), a number in
# scientific notation, a kernel's shape ("5x5 convolution filters"), or a date ("Dec 2017", "March 2024"): a name by
# its shape, never another model.
_NOT_A_NAME = re.compile(r"^(?:[A-Z]|\d{1,2})(?:\.\d{1,2}){1,3}\s+[A-Z][a-z]|"
                         r"^\d+(?:\.\d+)?e[-−]?\d+$|^\d+[x×]\d+$|^\d+(?:\.\d+)?[kK]$|^\d+(?:\.\d+)?\s?[KMGT]B$|"
                         r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                         r"\s+(?:19|20)\d\d$")
# "a 2x speed improvement": a multiplier written before the noun it scales is no model's name
_MULTIPLIER = re.compile(r"^\d+(?:\.\d+)?[x×]$")
_NOUN_AFTER = re.compile(r"^\s+[a-z]")
# "Remove all normalization layers such as RMSNorm or LayerNorm": names listed as examples of a kind are instances
# of that kind; when the kind is what the question asks ("norm layer"), they are values, never another model.
_EXAMPLES_OF = re.compile(r"\b(?P<kind>[A-Za-z][\w\-]*)\s+(?:such\s+as|e\.g\.,?|including)\s+"
                          r"(?:[\w\-.]+(?:\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+)){0,4}$", re.IGNORECASE)
# For a sentence saying how something works: "GATE(·)", "LayerNorm(x)" are functions written with their argument.
# "[HS97]", "[SHB15]", "[CMS+13]": a citation key in brackets, never a model.
_CITATION_KEY = re.compile(r"\[(?:[A-Z][\w+\-]*\d*,\s*)*$")
_SIZE_PREFIX = re.compile(r"^(?:size-\d+|(?P<size>\d+(?:\.\d+)?[KMBT])-(?:size|param(?:eter)?s?))\s+")
_FUNCTION_CALL = re.compile(r"^\((?:·|\.|\w{1,2}\b)")
_VARIANT_AFTER = re.compile(r"^\s*[–—-]\s*(Instruct|Chat|Base)\b")
_NUMBER_AFTER = re.compile(r"^[\s\-]*\d")
# "GShard×1.5" (DeepSeekMoE's baseline with 1.5 times GShard's expert parameters) is a scaled copy of the named
# model, another model; "Mixtral 8x7B" is one name and never reaches this test.
_SCALED_COPY = re.compile(r"^(?:×\s?|x)\d+(?:\.\d+)?(?![\d.]*[A-Za-z])")


def _example_of_asked_kind(before: str, kinds: set[str]) -> bool:
    """Whether the name is listed as an example of the kind the question asks ("normalization layers such as …"
    asked the norm layer)."""
    listed = _EXAMPLES_OF.search(before)
    return bool(listed) and any(same_word(listed.group("kind"), kind) for kind in kinds)


def _short_form(subject: PlanSubject, name: str) -> bool:
    """In its own paper a model goes by the code after its family name ("k1.5" for Kimi k1.5); a size alone
    ("7B") is no such code: other models of the paper have sizes too."""
    for spelling in subject.spellings:
        parts = spelling.split()
        if len(parts) == 2 and fold(parts[1]) == fold(name) and re.search(r"[A-Za-z]", name) \
                and re.search(r"\d", name) and not re.fullmatch(r"\d+(?:\.\d+)?[BMT]", name):
            return True
    return False


def subject_scope(sentence: str, subject: PlanSubject, vocab: Vocabulary, home: bool,
                  attribute_names: Iterable[str] = (), introduced: bool = False, describing: bool = False,
                  asked: Iterable[str] = ()) -> Scope | None:
    """Whether a sentence is about the subject: it names it (or a member of its family), or it sits in a
    source about the subject and names no other model. In the source that introduces the subject, its
    short family name counts as naming it ("Mixtral" in the Mixtral 8x7B paper); a statement about the
    family alone ("Heron models from 1B to 34B") is not about one sized member of it. When `describing` (a
    sentence read for how a mechanism works), parts of the paper and functions are no other models; names listed as
    examples of a kind `asked` names ("normalization layers such as RMSNorm" for the norm layer) are values."""
    skip = {canonical(a) for a in attribute_names}
    kinds = {a.split()[-1] for a in asked if a.split()}
    own_family = canonical(family(subject.name))
    sized = size_of(subject.name) is not None and own_family != canonical(subject.name)
    mentions: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    first: tuple[str, NameMatch] | None = None
    family_only = False
    tool_end = -1  # where the last name read as a tool ends
    for name, start, end in names_in(sentence):
        match = None if _SCALED_COPY.match(sentence[end:]) else match_entity(subject.spellings, name)
        variant = _VARIANT_AFTER.match(sentence[end:end + 20])
        if match is None and variant:
            match = match_entity(subject.spellings, f"{name} {variant.group(1)}")
        if match is None and home and _short_form(subject, name):
            match = NameMatch(name, None)  # "k1.5" in the Kimi k1.5 paper
        if match is None:  # "We also trained 1024 and 512 size LSTMs": each size written before the name
            spelt = next(((s, m) for s in sized_before(sentence, start, name)
                          if (m := match_entity(subject.spellings, s)) is not None), None)
            if spelt is not None:  # the model is the one its size spells, not the plural name
                mentions.append((start, end))
                first = first or spelt
                continue
        prefix = _SIZE_PREFIX.match(name) if match is None else None
        if prefix:  # "a size-2048 LSTM", "3B-size DIFF Transformer": the size written in front of the name
            bare, size = name[prefix.end():], prefix.group("size")
            spelt = (f"{bare}-{size}", f"{bare} {size}") if size else (bare,)  # a width ("size-2048") is no size
            match = next((m for m in (match_entity(subject.spellings, s) for s in spelt) if m is not None), None)
        if match is not None:
            mentions.append((start, end))
            first = first or (name, match)
            continue
        # "the GPT-2 BPE vocabulary": a name ending in a value of the asked kind is that value, named by its origin
        # "24 Mamba-2 layers" for the asked Mamba-2 layers: the name begins the asked attribute, a kind of layer
        if canonical(name) in skip or any(canonical(name).endswith(k) for k in skip) \
                or any(canonical(sentence[start:end + 40]).startswith(k) for k in skip
                       if len(k) > len(canonical(name))) \
                or _CITATION_KEY.search(sentence[max(0, start - 12):start]) \
                or not _model_like(name, vocab) or _AS_MODIFIER.match(sentence[end:]) \
                or (_TRAILING_MARK.match(name) and _CLAUSE_END.match(sentence[end:])) \
                or _LISTED_MODIFIER.match(sentence[end:]) \
                or _AS_TOOL.search(sentence[max(0, start - 30):start]) or _NOT_A_NAME.match(name) \
                or (_MULTIPLIER.match(name) and _NOUN_AFTER.match(sentence[end:])) \
                or (tool_end >= 0 and _NEXT_TOOL.match(sentence[tool_end:start])) \
                or _SAME_AS.search(sentence[max(0, start - 60):start]) or _USED_TO_TRAIN.search(
                    sentence[max(0, start - 30):start]) or _HARDWARE.search(name) \
                or _HARDWARE_AFTER.match(sentence[end:]) \
                or (_DRAWN_FROM_DATA.match(sentence[end:]) and _FROM.search(sentence[max(0, start - 12):start])) \
                or _SPLIT_NAMED.search(sentence[max(0, start - 30):start]) \
                or _FOLLOWING.search(sentence[max(0, start - 30):start]) \
                or (_CLASS_OF_OWN.match(sentence[:start]) and not re.search(r"\d", name)) \
                or _example_of_asked_kind(sentence[max(0, start - 80):start], kinds):
            if _AS_TOOL.search(sentence[max(0, start - 30):start]) or (
                    tool_end >= 0 and _NEXT_TOOL.match(sentence[tool_end:start])):
                tool_end = end
            continue
        if describing and (_PART_OF_PAPER.match(name) or _FUNCTION_CALL.match(sentence[end:])):
            continue  # a mechanism's sentence may cite "Algorithm 1" or write "GATE(·)": no other model
        if home and canonical(name) == own_family and not _NUMBER_AFTER.match(sentence[end:]):
            mentions.append((start, end))
            if introduced or variant:
                first = first or (name, NameMatch(name, variant.group(1).lower() if variant else None, None))
            else:
                family_only = True
            continue
        others.append((start, end))
    if first is None and not mentions and len(fold(sentence)) == len(sentence):
        # A name at the start of a sentence is not told from a capitalised word by the name finder.
        folded = fold(sentence)
        for spelling in (*subject.spellings, *((family(subject.name),) if home else ())):
            found = name_regex(spelling).match(folded)
            if found and not _NUMBER_AFTER.match(sentence[found.end():]):
                mentions.append((found.start(), found.end()))
                if spelling in subject.spellings or introduced:
                    first = (sentence[found.start():found.end()], NameMatch(spelling, None))
                else:
                    family_only = True
                break
    if first is not None:
        name, match = first
        return Scope(True, name, match.variant, match.member, tuple(mentions), tuple(others), sentence)
    if sized and family_only:
        return None
    size = size_of(subject.name)
    if size is not None and re.fullmatch(rf"{re.escape(canonical(size))}{_SIZE_NOUN}", canonical(subject.name)):
        # "the 6.8B runs": a bare size names no model, so it owns the sentences that write it, no unnamed one
        said = re.search(rf"(?<![\w.]){re.escape(size)}(?![\w])", sentence)
        return Scope(True, subject.name, None, None, (said.span(),), tuple(others), sentence) if said else None
    if home and not others and not _not_the_model(sentence):
        return Scope(False, subject.name, None, None)
    return None


def names_relative(sentence: str, subject: PlanSubject, vocab: Vocabulary | None = None) -> bool:
    """The sentence names the subject's family or another of its members but not the subject: "For
    DeepSeekMoE 145B, we set …" or "… of DeepSeekMoE more rigorously, we train a new model" in the paper
    that also describes DeepSeekMoE 16B; the unnamed sentences after it describe that other model. The family
    set beside a model of another family ("The number of heads is 24 for Transformer and 12 for DIFF
    Transformer") is the method compared, not another member taking over the paragraph."""
    if others_sized(sentence, subject):
        return True
    own = canonical(family(subject.name))
    if own == canonical(subject.name):
        return False
    names = [name for name, _, _ in names_in(sentence) if match_entity(subject.spellings, name) is None]
    contrasted = vocab is not None and any(canonical(family(n)) != own and _model_like(n, vocab) for n in names)
    for name in names:
        if canonical(family(name)) == own and not (contrasted and canonical(name) == own):
            return True  # another member ("DeepSeekMoE 16B"), or the family alone, not compared with another model
    return _other_sizes(sentence, subject)


_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*([MB])\b")
# "1024 and 512 size LSTMs", "a 512-size LSTM": widths written before the name, each one model's
_SIZES_BEFORE = re.compile(r"(?<![\w.])(?P<sizes>\d+(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\d+)*)"
                           r"[\s-]size\s+$")


def others_sized(sentence: str, subject: PlanSubject) -> bool:
    """"We also trained 1024 and 512 size LSTMs …" in the paragraph of the size-2048 LSTM: the sentence spells other
    models by sizes written before a name, none of them the subject; the unnamed sentences after it are theirs."""
    spelt = [spelling for name, start, _ in names_in(sentence) for spelling in sized_before(sentence, start, name)]
    return bool(spelt) and not any(match_entity(subject.spellings, spelling) for spelling in spelt)


def sized_before(sentence: str, start: int, name: str) -> list[str]:
    """The names "size-N <name>" a sentence spells by writing the sizes before the name ("1024 and 512 size LSTMs" →
    size-1024 LSTM, size-512 LSTM)."""
    found = _SIZES_BEFORE.search(sentence[max(0, start - 40):start])
    if found is None:
        return []
    bare = name[:-1] if re.search(r"[A-Z]s$", name) else name  # "LSTMs": one LSTM per size
    return [f"size-{n} {bare}" for n in re.findall(r"\d+", found.group("sizes"))]


def _other_sizes(sentence: str, subject: PlanSubject) -> bool:
    """"we train language models with 830M, 1.4B, 2.8B, 6.8B, and 13.1B parameters" in the paper about DIFF
    Transformer-3B: the sentence lists sizes of other models of the family, none the subject's, so the unnamed
    sentences after it ("The models are trained with … a batch size of 0.25M tokens") are theirs."""
    size = size_of(subject.name)
    own = _SIZE.search(size or "")
    listed = {(float(n), u) for n, u in _SIZE.findall(sentence)}
    return own is not None and len(listed) >= 2 and (float(own.group(1)), own.group(2)) not in listed


def own_size_only(sentence: str, subject: PlanSubject) -> bool:
    """The sentence states the subject's size and no other ("We extend the 3B-size language models … to 64K" for DIFF
    Transformer 3B): the unnamed sentences after it are the subject's again, whatever the family sentence before
    them said."""
    own = _SIZE.search(size_of(subject.name) or "")
    listed = {(float(n), u) for n, u in _SIZE.findall(sentence)}
    if own is None or listed != {(float(own.group(1)), own.group(2))}:
        return False
    # a bare size ("the 3B-size language models"), not a name's ("As in Kestrel 16B, we also …": a reference)
    named = [(start, end) for name, start, end in names_in(sentence) if not _SIZE_PREFIX.match(f"{name} ")]
    return not any(start <= m.start() < end for m in _SIZE.finditer(sentence) for start, end in named)


_LEAD_WORDS = frozenset("the a an for in on of with to by as our its".split())


def _leads(before: str) -> bool:
    """Nothing but a label ("Algorithm 2:") or a preposition comes before the name: the sentence opens on it."""
    return all(w.lower() in _LEAD_WORDS for w in re.findall(r"[A-Za-z]+", before.rsplit(":", 1)[-1]))


def led_by_other(sentence: str, subject: PlanSubject, vocab: Vocabulary, rivals: Iterable[PlanSubject] = ()) -> bool:
    """The sentence opens on another model ("Algorithm 2: AdaMax, a variant of Adam …" in the Adam paper, when
    AdaMax is asked too): the unnamed sentences after it are about that model, not the subject. Another model
    is another asked subject, or a model the library's tables name whose name carries a size or version
    ("GPT-2"); a component ("In MLA, we set …"), the subject's own family ("The Transformer uses …"), a label
    of the library's tables ("N", "Pdrop") or a page header is not."""
    own = canonical(family(subject.name))
    for name, start, end in names_in(sentence):
        if start > 60:
            return False
        if match_entity(subject.spellings, name) is not None or canonical(family(name)) == own:
            return False
        if _NOT_A_NAME.match(name) or _AS_MODIFIER.match(sentence[end:]) \
                or _AS_TOOL.search(sentence[max(0, start - 30):start]) \
                or _FOLLOWING.search(sentence[max(0, start - 40):start]):
            continue
        rival = any(match_entity(r.spellings, name) is not None for r in rivals if r.name != subject.name)
        if not rival and (vocab.role(name) != "entity" or not re.search(r"\d", name)
                          or not vocab.home_sources((name,))):
            continue
        # "The recipe to convert the baseline Transformer …": a model named inside the sentence leads nothing
        return _leads(sentence[:start])
    return False


# A sentence whose actor is cited work: "Zero [83] presents …", "Brown et al. showed …", "GPipe (Huang et al.,
# 2019) trains …", "The Transformer [1] uses …". Its figures are that work's, even in the subject's own paper.
_CITED_LEAD = re.compile(
    r"^\s*(?!(?i:we|our|this|these|in|here|thus|then|also|however|finally)\b)[A-Z][\w\-.]*(?:\s+[\w\-.]+){0,3}"
    r"\s*(?:\[\d+(?:\s*[,–-]\s*\d+)*\]|\([A-Z][^()]*?\d{4}[a-z]?\)|et\s+al\.?(?:\s*\(\d{4}[a-z]?\))?)"
    # the cited work acts: "presents", "showed", "trains" (not "Layer normalization [3] was moved to the input",
    # which says what the subject's own paper does with it)
    r",?\s+(?:also\s+|first\s+|recently\s+)?(?:present|propos|show|introduc|train|scal|achiev|report|use|"
    r"demonstrat|found|find|observ|stud|appl|explor|develop|employ|reach|obtain|build|built|sho|argu|suggest)\w*\b",
)


# "Follow up works have used this claim to justify modifications, such as increasing the base wavelength θ to
# 500,000": other works, unnamed, act; the figure is theirs, not the model the paragraph is about.
_OTHERS_LEAD = re.compile(r"^\s*(?:(?:some|many|several|other|follow[\s-]?up|subsequent|later|prior|previous|recent|"
                          r"existing)\s+)+(?:[a-z\-]+\s+)?(?:works?|studies|papers|approaches|methods)\s+(?:have\s+|has\s+)?"
                          r"(?:also\s+)?(?:[a-z]+ed|use[sd]?|show[sn]?|found|propose[sd]?)\b", re.IGNORECASE)


# "…, and as a result, Lepikhin et al. (2020) trains with float32 precision": cited work acting inside the sentence
_CITED_ACTOR = re.compile(r"\b[A-Z][\w\-]+(?:\s+(?:and|&)\s+[A-Z][\w\-]+)?\s+(?:et\s+al\.?\s*)?\(\d{4}[a-z]?\)\s+"
                          r"(?:also\s+|instead\s+)?(?:train|use|employ|adopt|appl|propos|introduc|rel(?:y|ies|ied))\w*\b")


def cited_actor(sentence: str) -> bool:
    """Whether cited work acts anywhere in the sentence ("Lepikhin et al. (2020) trains with float32"): the terms it
    names are that work's choices."""
    return _CITED_ACTOR.search(sentence) is not None


def cites_other_work(sentence: str) -> bool:
    """Whether the sentence opens on cited work (a name of up to four words followed by a citation) or on other
    works unnamed ("Follow up works have used …")."""
    return _CITED_LEAD.match(sentence) is not None or _OTHERS_LEAD.match(sentence) is not None


# "AutoScholarQuery includes 33,511 / 1,000 / 1,000 query-paper pairs in the training / development / test split":
# a sentence opening on a named dataset and what it holds is about that data, not the subject of its paper
_DATA_OPENING = re.compile(r"^(?:the\s+)?(?P<name>(?!(?:Our|This|These|That|Each|Its|It|We|The|All|Both)\b)"
                           r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})\s+(?:dataset\s+|benchmark\s+|corpus\s+)?"
                           r"(?:includes?|contains?|consists?\s+of|comprises?|covers?|holds?)\b")


def opens_on_other_data(sentence: str, subject: PlanSubject) -> bool:
    """Whether the sentence opens on a named dataset other than the subject and says what it holds."""
    found = _DATA_OPENING.match(sentence)
    return found is not None and match_entity(subject.spellings, found.group("name")) is None
