"""Who a question asks about: the names in it, each read as a subject, a benchmark, a setting or a
modifier of an asked phrase, and classes ("the mixture-of-experts models in the library") resolved
against the library.

A name's role comes from the library (what its tables put on the model axis, or what a source is
about, is a subject; what they put on the benchmark axis is a benchmark) and from where the question
puts it: names coordinated in one list share a role ("on MMBench, GenEval and DPG-Bench"); a name
written right before a noun modifies that noun ("the number of Transformer layers", "GPU hours",
"each MoE layer"); a name after "of" that ends an asked phrase while the subjects are named elsewhere
qualifies the phrase ("the KV compression dimension of MLA"); setting words ("pass@1", "cons@64")
are never subjects. A variant or size word written after a name belongs to it ("Whisper large",
"Mistral 7B – Instruct", "the Transformer big model"), and one written after a list of names
belongs to each ("the Qwen2.5 72B and LLaMA-3.1 405B base models").
"""

from __future__ import annotations

import itertools
import re

from synth.names import variant_words
from synth.plan.composition import SHARE_OF_BEFORE
from synth.plan.name_roles import (
    FOR_BEFORE,
    demote_baselines_and_spans,
    demote_levels_and_places,
    for_settings,
    timed_work_objects,
    training_variants,
)
from synth.plan.name_spans import (
    DATASET_NOUNS,
    LIST_VARIANT,
    MEMBER_WORD,
    PARTS,
    VARIANT_NAME,
    Name,
    lists,
    raw_names,
)
from synth.plan.wording import METRIC, SUBJECT, is_verb, quantity_words
from synth.text import STOPWORDS
from synth.vocabulary import Vocabulary

__all__ = ["Name", "question_names", "slotted"]

_RANKED_BEFORE = re.compile(r"\bwhich\b[^,;?]*\bthe\s+(?:lowest|highest|best|worst|largest|smallest|most|least|"
                            r"fewest)\s+[^,;?]*$", re.IGNORECASE)
# "what is its MATH-500 pass@1": a name owned by a pronoun is what is asked of the subject, never a subject.
# "Which frequencies of …", "what kind of …": the name completes the asked noun
_ASKED_OF = re.compile(r"^\s*(?:which|what)\s+[a-z][\w\-]*\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_OWNED = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
# "1k", "32K": an amount in thousands (a context length, a step count); a model is sized in M, B or T
# "pass@1", "5-shot", "v5", "32k"; "Stage 2", "Phase II": a numbered stage of training, which no model is named by
_SETTING_NAME = re.compile(r"^(?:pass|maj|cons|best)@\d+$|^\d+-?shots?$|^v\d+(?:\.\d+)*$|^\d+(?:\.\d+)?k$|"
                           r"^(?:stage|phase)\s*(?:\d{1,2}|[IVX]{1,4})$", re.IGNORECASE)
_NUMBERED_STAGE = re.compile(r"^(?:stage|phase)\b", re.IGNORECASE)
_SETTING_TAIL = re.compile(r"^\s*(?:\(([^()]{1,40})\)|((?:rating|percentile|accuracy|acc\.?|pass@\d+|cons@\d+|"
                           r"maj@\d+|exact match|em|f1)(?:\s*/\s*\w+)?))(?:\s+(?:results?|scores?))?",
                           re.IGNORECASE)
_NOUN_AFTER = re.compile(r"^\s+([a-zα-ω][a-z\-]*)")  # "RoPE θ": a symbol is a noun too
# Words after a name that are no noun it modifies; "the AutoScholarQuery dataset", "the MMLU benchmark": the kind of
# what the name names.
_NOT_A_NOUN = STOPWORDS | frozenset("""use uses used score scores scored reach reaches reached achieve achieves have
    has had get gets got compare compared perform performs report reports reported model models family series
    variant variants version versions respectively like versus vs up down out performance performances result
    results numbers figures values dataset datasets benchmark benchmarks corpus""".split()) \
    | frozenset(DATASET_NOUNS) \
    | frozenset("during throughout among within without until since despite".split())  # "X during pre-training"
# "the size-2048 LSTM language model", "the GPT-2 chat models": the name is the model's, the words after it its kind
_KIND_OF_MODEL = re.compile(r"^\s+[a-z][a-z\-]*\s+models?\b")
# "for BERT pre-training", "in Qwen3 training": a model's stage, the model still the subject ("RL training" is a stage)
_STAGE_NOUNS = frozenset("training pre-training pretraining fine-tuning finetuning post-training".split())
_AUX_BEFORE = re.compile(r"\b(?:do|does|did|can|could|will|would|were|was|are|is|have|has)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s\b")
_WHICH_MEMBER = re.compile(r"^\s+(?:models?|variants?|sizes?|members?|versions?|checkpoints?)\b", re.IGNORECASE)
# "What is the KL coefficient …": after "is the" a noun follows the name, never a verb
_COPULA_THE = re.compile(r"\b(?:is|are|was|were)\s+the\s+$", re.IGNORECASE)
# A name the library does not know as a model, in the place of what is compared or measured: "which of A and B has
# the lower Pile-test BPB", "is A's GenEval score higher than B's".
_COMPARED_BEFORE = re.compile(r"\bthe\s+(?:lower|higher|better|worse|larger|smaller)\s+$", re.IGNORECASE)
# "Which scores higher on GSM-Symbolic-P1, A or B?": what the subjects score on is the benchmark compared
_SCORED_ON = re.compile(r"\bscor(?:es?|ed|ing)\s+(?:higher|lower|better|worse|best|highest|lowest|more|less)\s+"
                        r"on\s+(?:the\s+)?$", re.IGNORECASE)
_DETERMINED = re.compile(r"(?:['’]s|\bthe|\bits|\btheir)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)  # not "does X score"
# "What overall GenEval and DPG-Bench scores does X reach": a list of the asked scores' benchmarks (never "What does
# X score", where X is who scores)
_LIST_DETERMINED = re.compile(r"(?:['’]s|\bthe|\bits|\btheir|\bwhat|\bwhich)\s+"
                              r"(?!(?:does|do|did|is|are|was|were|has|have|had)\s)(?:[a-z]+\s+)?$", re.IGNORECASE)
_MEASURE_AFTER = re.compile(r"^\s+(?:scores?|accuracy|accuracies|ratings?|perplexity|error\s+rates?)\b",
                            re.IGNORECASE)
_RATING_AFTER = re.compile(r"^\s+ratings?\b", re.IGNORECASE)
_CLASS_BEFORE_LIST = re.compile(r"^\s+(?:models?|LLMs?|architectures?|methods?)\s+(?=[A-Za-z0-9])(?!(?:in|of|on|for|"
                                r"from|with|that|which|and|or|use|uses|have|has|do|does|are|is)\b)")
_TRAINED_WITH = re.compile(r"\b(?:pre-?|post-?)?(?:trained|optimi[sz]ed|fine-?tuned|tuned|learned)\s+(?:with|using|by|"
                           r"via)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
_DATASET_PART = re.compile(rf"^\s+{PARTS}\b")
_PARALLEL = re.compile(r"\b(?:and|or)\s+(?:of|for)\s+$")


# A plural acronym names a kind of network ("CNNs", "RNNs", "LSTMs", "MLPs"), never one model or one benchmark.
_KIND_ACRONYM = re.compile(r"^[A-Z]{2,5}s$")
# The datasets a model kind was trained on, listed: "trained on CIFAR10, on MNIST and on SVHN".
_TRAINED_ON = re.compile(r"\btrained\s+on\s+(?:the\s+)?(?:[\w\-]+(?:,\s+|\s+and\s+|\s+or\s+)(?:on\s+)?(?:the\s+)?)*$",
                         re.IGNORECASE)
_PER_BEFORE = re.compile(r"\bper\s+$", re.IGNORECASE)
# "Recall@20", "Hits@10": a measure at a cut-off ("pass@1", "maj@8" are settings: _SETTING_NAME)
_AT_K = re.compile(r"^[A-Za-z][A-Za-z\-]*@\d+$")
# "On AutoScholarQuery, what …": a name written in front of the question (or of one of its sentences) after "On"
FRONT_SETTING = re.compile(r"(?:^|[.?!]\s+)On\s+(?:the\s+)?$")
# "the Qwen3 technical report", "the DeepSeek-Coder-V2 paper": a paper named by the model it is about
_PAPER_AFTER = re.compile(r"^(?:['’]s)?\s+(?:(?:technical|tech)\s+)?(?:paper|report)\b", re.IGNORECASE)
_SCORE_ASKED = re.compile(r"\b(?:scores?|scored|accuracy|accuracies|results?|performance|pass@\d+|error\s+rates?|"
                          r"win\s+rates?|perplexity)\b", re.IGNORECASE)
# "On the 100 billion word Google News corpus, what … do MoE-65536-h and MoE-131072-h reach": the data the models
# are run on, no subject beside them
_DATA_AFTER = re.compile(r"^\s+(?:corpus|corpora|dataset|datasets|data\s+set)\b", re.IGNORECASE)
_BENCHMARK_AFTER = re.compile(r"^\s+(?:benchmarks?|tasks?)\b", re.IGNORECASE)
_ON_DATA = re.compile(r"\b(?:on|over|using)\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}$", re.IGNORECASE)
# "the DRAW model on binarized MNIST": the data a named model is run on, written right after it
_RUN_ON = re.compile(r"^\s+(?:models?|networks?)\s+(?:(?:trained|evaluated|tested)\s+)?on\s+(?:the\s+)?"
                     r"(?:[a-z][\w\-]*\s+)?$")


_SIZE_ALONE = re.compile(r"\d+(?:\.\d+)?[KMBT]-param(?:eter)?s?", re.IGNORECASE)
_MODEL_AFTER = re.compile(r"^\s+models?\b", re.IGNORECASE)


def question_names(text: str, vocab: Vocabulary) -> list[Name]:
    """Every name of the question with its role."""
    raw = raw_names(text, vocab)
    roles: list[str | None] = [r.role for r in raw]
    settings: list[str | None] = [None] * len(raw)
    ends = [r.end for r in raw]
    # A list right after an auxiliary ("how do A and B reduce …") is followed by its verb, not by a noun.
    verb_after = {group[-1] for group in lists(text, raw)
                  if _AUX_BEFORE.search(text[max(0, raw[group[0]].start - 12):raw[group[0]].start])
                  and not _COPULA_THE.search(text[max(0, raw[group[0]].start - 12):raw[group[0]].start])}
    whole: dict[int, str] = {}
    scored: set[int] = set()
    # "What overall GenEval and DPG-Bench scores does Janus-Pro-7B reach": a list of the scores' benchmarks
    measured = {i for group in lists(text, raw) if len(group) > 1
                and _MEASURE_AFTER.match(text[raw[group[-1]].end:])
                and _LIST_DETERMINED.search(text[max(0, raw[group[0]].start - 24):raw[group[0]].start])
                and not any(raw[i].role == "entity" for i in group) for i in group}
    for i, item in enumerate(raw):
        name, start, end, role = item.text, item.start, item.end, item.role
        if i in measured:
            roles[i] = "metric"
            continue
        if _SETTING_NAME.match(name.strip()):
            roles[i] = "setting"
            if _NUMBERED_STAGE.match(name.strip()):
                settings[i] = name.strip()  # "in Stage 2": the setting of its clause's values
            continue
        model = _MODEL_AFTER.match(text[end:]) if _SIZE_ALONE.fullmatch(name.strip()) else None
        if model:  # "the smaller 124M-parameter model of their released code": a model named by its size
            roles[i], whole[i], ends[i] = "subject", f"{name}{model.group(0)}", end + model.end()
            continue
        if _AT_K.match(name.strip()):
            roles[i] = "metric"  # "Recall@20", "Hits@10": a measure at a cut-off, never who is measured
            continue
        if role is None and variant_words(name) is not None and any(r.role == "entity" for r in raw):
            roles[i] = "modifier"  # "to short-CoT models": a variant of the models, no model of its own
            continue
        before = text[max(0, start - 14):start]
        if role != "attribute" and i > 0 and _RUN_ON.match(text[raw[i - 1].end:start]) \
                and not any(r.role == "attribute" for r in raw):
            roles[i] = "modifier"  # "the DRAW model on binarized MNIST": what DRAW is run on, no subject
            continue
        data = _DATA_AFTER.match(text[end:]) if role != "entity" else None
        # "… does each reach on the 1 Billion Word benchmark": a benchmark no table labels, where the models ran
        data = data or (_BENCHMARK_AFTER.match(text[end:]) if role != "attribute" else None)
        if data and _ON_DATA.search(text[max(0, start - 50):start]) \
                and any(j != i and other.role == "entity" for j, other in enumerate(raw)):
            roles[i] = "modifier"  # "the Google News corpus" beside the models asked: where they ran, no subject
            continue
        if _PER_BEFORE.search(before):
            roles[i] = "modifier"  # "how many TFLOPS per GPU": the unit's denominator, no subject
            continue
        if SHARE_OF_BEFORE.search(before):
            roles[i] = "modifier"  # "the share of English data": a kind of data, no subject
            continue
        noun = _NOUN_AFTER.match(text[end:])
        after_wh = re.search(r"\b(?:which|what|how\s+many)\s+$", text[max(0, start - 10):start], re.IGNORECASE)
        if _ASKED_OF.search(text[max(0, start - 40):start]) and any(
                other.start > end and _AUX_BEFORE.search(text[max(0, other.start - 12):other.start]) for other in raw):
            roles[i] = "modifier"  # "Which frequencies of RoPE does Gemma 7B use": the asked noun's own, not a subject
            continue
        if after_wh and role != "attribute" and not (role == "entity" and _WHICH_MEMBER.match(text[end:])) \
                and not (role is None and _MEASURE_AFTER.match(text[end:])):
            roles[i] = "modifier"  # "on which GPUs": the name is the asked phrase (not "which Qwen3 model": a member)
            continue
        if role != "entity" and _SCORED_ON.search(text[max(0, start - 40):start]):
            scored.add(i)  # never a member of the list of alternatives that follows it ("…-P1, A or B")
        if i in scored or (role != "entity" and (_COMPARED_BEFORE.search(before) or (
                _MEASURE_AFTER.match(text[end:]) and (_DETERMINED.search(before) or (
                    after_wh and not _SETTING_TAIL.match(text[end:])))))):
            roles[i] = "metric"  # "has the lower Pile-test BPB", "X's overall GenEval score": what is compared
            measure = _RATING_AFTER.match(text[end:]) if role is None else None
            if measure:  # "its Chatbot Arena Elo rating", which no table labels: the rating is named whole
                whole[i] = text[start:end + measure.end()]
                ends[i] = end + measure.end()
            continue
        kind_of = _CLASS_BEFORE_LIST.match(text[end:])
        if kind_of and any(other.start == end + kind_of.end() for other in raw):
            # "the MoE models Mixtral 8x7B, …": the kind of the models listed, not one of them ("the Gemma 2B models
            # trained in …" names no list: a verb follows)
            roles[i] = "modifier"
            continue
        # "What is the BERT hidden size?": the only model named, after "is the", is the subject the noun is asked of
        asked_of = _COPULA_THE.search(before) and role == "entity" and not any(
            other.role == "entity" for j, other in enumerate(raw) if j != i)
        staged = role == "entity" and noun is not None and noun.group(1).lower() in _STAGE_NOUNS
        if noun and i not in verb_after and not asked_of and not staged and noun.group(1).lower() not in _NOT_A_NOUN \
                and not _KIND_OF_MODEL.match(text[end:]) \
                and not is_verb(noun.group(1)) and not MEMBER_WORD.match(text[end:]) \
                and not LIST_VARIANT.match(text[end:]) and not re.search(r"\bon\s+(?:the\s+)?$", before):
            tail = _SETTING_TAIL.match(text[end:])
            if role == "attribute" and tail:
                settings[i] = tail.group(1) or tail.group(2)
                ends[i] = end + tail.end()
                roles[i] = "metric"
            else:
                roles[i] = "modifier"  # "Transformer layers", "GPU hours", "MoE layer"
            continue
        tail = _SETTING_TAIL.match(text[end:])
        if tail and role == "attribute":
            settings[i] = tail.group(1) or tail.group(2)
            ends[i] = end + tail.end()
    for listed in lists(text, raw):
        # "…-P1, Mathstral-7b-v0.1 or Llama3-8b-instruct": the models compared follow the benchmark, not its list
        group = [i for i in listed if i not in scored or not any(raw[j].role == "entity" for j in listed)]
        if not group:
            continue
        if len(group) > 1 and roles[group[-1]] == "modifier" and raw[group[-1]].role == "entity" \
                and any(roles[i] not in ("setting", "modifier") for i in group[:-1]):
            roles[group[-1]] = raw[group[-1]].role  # "A, B and C activates …": the list's last name, not a modifier
        members = [i for i in group if roles[i] not in ("setting", "modifier")]
        if not members:
            continue
        first_start = raw[members[0]].start
        after_on = re.search(r"\b(on|in|at)\s+(?:the\s+)?$", text[max(0, first_start - 12):first_start])
        if after_on and after_on.group(1) == "on" and (any(roles[i] == "subject" for i in range(members[0]))
                                                       or _RANKED_BEFORE.search(text[:first_start])):
            # "do A and B achieve on enwik9 and ImageNet", "which encoding achieves the lowest perplexity on Wiki":
            # where they are measured, not subjects
            role = "metric"
        elif any(roles[i] == "entity" for i in members):
            role = "subject"
        elif any(roles[i] in ("attribute", "metric") for i in members) or after_on:
            role = "metric"
        else:
            role = "subject"
        if role == "subject" and not any(roles[i] == "entity" for i in members) \
                and _OWNED.search(text[max(0, first_start - 8):first_start]):
            role = "metric"
        # "for Dota 5v5 and for ImageNet": a repeated preposition makes the names parallel, whatever other tables
        # use one of them as
        parallel = any(_PARALLEL.search(text[raw[a].end:raw[b].start]) for a, b in itertools.pairwise(members))
        for i in members:
            roles[i] = role if roles[i] != "attribute" or role == "metric" or parallel else "metric"
    for i in range(len(raw)):
        part = _DATASET_PART.match(text[ends[i]:])
        if part and roles[i] == "metric":
            ends[i] += part.end()  # "ImageNet patches": the benchmark, the noun no asked phrase
        if _POSSESSIVE.match(text[ends[i]:]) and roles[i] != "setting":
            roles[i] = "subject"  # "Mistral-Large-2's LiveCodeBench performance": whose score, not a benchmark
    subject_groups = [g for g in lists(text, raw) if any(roles[i] == "subject" for i in g)]
    if len(subject_groups) > 1:
        for group in subject_groups:
            first = raw[group[0]].start
            qualifier = re.search(r"[a-z]\s+of\s+(?:the\s+)?$", text[max(0, first - 30):first])
            asked_here = re.search(r"\b(?:what|which|how)\b[^,?]*$", text[max(0, first - 60):first], re.IGNORECASE)
            # a member of a family asked elsewhere ("… of Whisper large-v3") stays a subject
            kin = raw[group[0]].member or next((r.member for r in raw if r.member
                                                 and raw[group[0]].text.startswith(f"{r.member} ")), None)
            if len(group) == 1 and qualifier and kin is None and not asked_here:
                roles[group[0]] = "modifier"  # "the KV compression dimension of MLA" among other subjects
    variants, shared = training_variants(text, raw, roles, lists(text, raw))
    subjects = [i for i in range(len(raw)) if (roles[i] or "subject") in ("subject", "entity") and i not in variants]
    for i in subjects:
        if len(subjects) > 1 and _TRAINED_WITH.search(text[max(0, raw[i].start - 40):raw[i].start]):
            roles[i] = "modifier"  # "BERT was pre-trained with Adam": how the subject was trained, not a subject
    for i in variants:
        roles[i] = "subject"  # "the Gemma 2B models trained with NoPE, RoPE and 0.75-RoPE": one subject per encoding
    for i in shared:
        roles[i] = "setting"  # the model every listed variant was trained as: their shared setting, no subject
    demote_baselines_and_spans(text, raw, roles)
    for i, item in enumerate(raw):
        if FRONT_SETTING.search(text[:item.start]) and re.match(r"^\s*,", text[item.end:]) \
                and any((roles[k] or "subject") in ("subject", "entity") for k in range(len(raw)) if k != i):
            # "On AutoScholarQuery, what recall do PaSa-7b and PaSa-GPT-4o reach?": the benchmark written in front
            # of the question is where every asked value is measured, no subject beside the models
            roles[i], settings[i] = "setting", item.text
    for i, item in enumerate(raw):
        if item.role != "entity" and _KIND_ACRONYM.match(item.text) and (roles[i] or "subject") != "setting":
            roles[i] = "modifier"  # "its CNNs on CIFAR10 and SVHN": a kind of network, no model or benchmark asked
    for i in demote_levels_and_places(text, raw, roles, quantity_words):
        roles[i], settings[i] = "setting", raw[i].text
    for i in [*for_settings(text, raw, roles, vocab), *timed_work_objects(text, raw, roles)]:
        roles[i], settings[i] = "setting", raw[i].text
    if not any((roles[i] or "subject") in ("subject", "entity") for i in range(len(raw))):
        # "What critical batch size does the large-batch paper report for ImageNet and for Dota?": with no model
        # named, what the asked value is given for is whose it is
        by_model = any(item.role == "entity" and _PAPER_AFTER.match(text[item.end:]) for item in raw)
        for i in range(len(raw)):
            if roles[i] in ("metric", "attribute") and (FOR_BEFORE.search(text[max(0, raw[i].start - 12):raw[i].start])
                                                         or _TRAINED_ON.search(text[:raw[i].start])):
                if by_model:
                    # "In the DeepSeek-Coder-V2 paper, what accuracy is reported for GSM8K": the paper is named by its
                    # model, whose values they are (synth.plan.papers.papers_own); a benchmark after "for" is the
                    # score asked, or, when the clause asks no score ("what presence penalty is used for Creative
                    # Writing v3"), where the asked setting applies
                    clause = re.split(r"[?;.,]\s", text[:raw[i].start])[-1]
                    if not _SCORE_ASKED.search(clause):
                        roles[i], settings[i] = "setting", raw[i].text
                    continue
                roles[i] = "subject"  # "the CNNs trained on CIFAR10, on MNIST and on SVHN": each dataset's runs
    out = []
    for i, item in enumerate(raw):
        role = roles[i] or "subject"
        out.append(Name(whole.get(i, item.text), item.start, ends[i], "metric" if role == "attribute" else role,
                        settings[i], item.member))
    return _list_variants(text, out)


def _list_variants(text: str, names: list[Name]) -> list[Name]:
    """"the Qwen2.5 72B and LLaMA-3.1 405B base models": the variant word after a list of subjects is each
    one's."""
    out = list(names)
    for group in lists(text, names):
        last = names[group[-1]]
        found = LIST_VARIANT.match(text[last.end:])
        if not found or any(names[i].role != "subject" for i in group):
            continue
        if len(group) == 1 and not found.group(0).rstrip().endswith("s"):
            # "the Transformer base model": one model of a name, not a variant of a family
            name = names[group[0]]
            out[group[0]] = Name(f"{name.text} {found.group(1).lower()}", name.start,
                                 name.end + found.end(), name.role, name.setting, member=name.text)
            continue
        word = found.group(1).lower()
        variant = VARIANT_NAME.get(word, word.capitalize())
        for i in group:
            name = names[i]
            if not re.search(rf"\b{variant}\b", name.text, re.IGNORECASE):
                end = last.end + found.end() if i == group[-1] else name.end
                out[i] = Name(f"{name.text} {variant}", name.start, end, name.role, name.setting)
    return out


def slotted(text: str, names: list[Name]) -> str:
    """The question with subjects and benchmarks replaced by slots; modifiers stay as words."""
    out = text
    spans: dict[tuple[int, int], Name] = {}
    for name in names:
        spans.setdefault((name.start, name.end), name)
    # a name inside another's span ("pass@1" in "AIME 2024 (pass@1)") goes with it: cutting both would cut twice
    inside = {(a, b) for a, b in spans for c, d in spans if (c, d) != (a, b) and c <= a and b <= d}
    for name in sorted((n for k, n in spans.items() if k not in inside), key=lambda n: -n.start):
        if name.role == "subject":
            out = out[:name.start] + SUBJECT + out[name.end:]
        elif name.role == "metric":
            out = out[:name.start] + METRIC + out[name.end:]
        elif name.role == "setting":
            out = out[:name.start] + out[name.end:]
    return out
