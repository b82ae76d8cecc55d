"""What the read26 part showed on its first run over ../shared/corpus/pdfs (a tuning part written before any build:
several experiments of one paper, each configured in its own unnamed sentences). The unit tests need no corpus; the
corpus tests skip when it is absent."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer, gold_question

from synth.claimparse import quantities
from synth.index import PassageIndex
from synth.models import AttributeKind, Evidence, Library, PassageKind, PlanAttribute, PlanSubject
from synth.plan import make_plan
from synth.plan.papers import PaperReference
from synth.plan.phrasings import consisting_of
from synth.plan.roles import _settings_on, _without_names
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.qualified import keep_qualified
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.roles import others_said
from synth.vocabulary import names_in


def _values(sentence: str, attribute: str) -> list[str]:
    asked = PlanAttribute(attribute, AttributeKind.QUANTITY, (attribute,), "test")
    return [raw for raw, *_ in quantity_values(sentence, asked, frozenset())]


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    # a rate's denominator or an interval counts nothing ("1k" was RNNSearch's training steps, marked supported)
    ("“Time”: the time in second per 1k training steps.", "training steps", []),
    ("We evaluate after every 30k training steps.", "training steps", []),
    ("All models are trained for 300K steps.", "training steps", ["300K"]),
    # "mini-batches of size 8" gives the minibatch size, the hyphen and the word order as a source writes them
    ("The model is trained using mini-batches of size 8 and the Adam optimizer.", "minibatch size", ["8"]),
    ("The minibatch size is also set to 128 similar to previous experiments.", "minibatch size", ["128"]),
    # a numbered reference between a name and its symbol, and "is increased to"
    ("The RoPE [36] θ is increased to 640,000.", "RoPE θ", ["640,000"]),
    # the exponent PDF text puts on its own line after "1e"
    ("We apply Adam [13] to tune model parameters, with learning rate of 1e −4 and batch size of 80.",
     "learning rate", ["1e −4"]),
])
def test_values_of_one_experiments_setup_sentence(sentence: str, attribute: str, values: list[str]) -> None:
    assert _values(sentence, attribute) == values


def test_a_split_exponent_is_a_number_not_a_name() -> None:
    """"1e −4" read as the name "1e" made the sentence another model's (RNNSearch's learning rate was missed)."""
    assert [name for name, *_ in names_in("with learning rate of 1e −4 and batch size of 80.")] == []
    assert [round(q.value, 6) for q in quantities("learning rate of 8e −5.")] == [0.00008]


@pytest.mark.parametrize(("text", "figures"), [
    ("6.2 CNN/Daily Mail Reading Comprehension We train the model", []),  # a section number: it "contradicted" 64
    ("as shown in Table 6.3 6.3 Image-Caption Retrieval Image-caption retrieval", []),  # after a glued footnote mark
    ("It reaches 6.2 BLEU on the test set.", ["6.2"]),
    ("The RoPE [36] θ is raised, as in [11, 24].", []),  # numbered references
    ("Adam [Kingma and Ba, 2014] with β1 = 0.9", ["0.9"]),  # an author-year reference in square brackets
])
def test_section_numbers_and_references_are_no_figures(text: str, figures: list[str]) -> None:
    assert [q.raw for q in quantities(text) if q.raw != "1"] == figures


def test_a_citation_between_a_name_and_its_noun_keeps_it_a_tool() -> None:
    """"the default setting of Adam [Kingma and Ba, 2014] optimizer": the authors are no models of the sentence."""
    names = [name for name, *_ in names_in("The model is trained with the default setting of Adam [Kingma and Ba, "
                                           "2014] optimizer and the minibatch size of 128.")]
    assert names == ["Adam"]


def test_a_participle_opening_a_compound_is_no_other_variant() -> None:
    """"1000 rectified linear hidden units" counts hidden units; "13B activated parameters" is not the total."""
    def kept(sentence: str, attribute: str, value: str) -> bool:
        evidence = Evidence("s", "d", sentence, 0, len(sentence), 1, None, PassageKind.TEXT)
        candidate = Candidate("x", attribute, "x", None, value, float(value.rstrip("B")), None, evidence, False,
                              True, False)
        return bool(keep_qualified(PlanAttribute(attribute, AttributeKind.QUANTITY, (attribute,), "test"),
                                   [candidate]))
    assert kept("a fully connected layer of 1000 rectified linear hidden units (ReLU’s).", "hidden units", "1000")
    assert not kept("It has 13B activated parameters.", "parameters", "13B")


def test_to_what_value_asks_the_thing_itself() -> None:
    assert consisting_of("and to what value is the RoPE θ increased?") == "and what is the RoPE θ?"


@pytest.mark.parametrize(("question", "settings"), [
    ("In the RMSNorm paper, what batch size and learning rate are the RMSNorm models trained with for CNN reading "
     "comprehension, for image-caption retrieval and for CIFAR-10 classification?",
     ["CNN reading comprehension", "image-caption retrieval", "CIFAR-10 classification"]),
    ("what epochs were the models fine-tuned with on the chess puzzles, and on how many GPUs?", ["chess puzzles"]),
])
def test_the_settings_a_question_lists_after_the_models(question: str, settings: list[str]) -> None:
    assert [s for s, _, _ in _settings_on(question)[0]] == settings


def test_a_condition_without_the_paper_and_the_subject() -> None:
    """The paragraph saying "We extend the 3B-size language models … to 64K context length" states the condition;
    it calls neither the paper nor the model as the question does."""
    subject = PlanSubject("DIFF Transformer 3B", ("DIFF Transformer 3B",), "named", ("diff",))
    condition = "the Differential Transformer paper extends its 3B DIFF Transformer to a 64K context length"
    paper = PaperReference("Differential Transformer paper", ("diff",))
    assert _without_names(condition, subject, [paper]) == "extends to 64K context length"


def test_a_condition_of_use_is_the_thing_used_and_its_purpose() -> None:
    """"When DeepSeek-V3 uses its multi-token prediction for speculative decoding": the paragraph says neither "uses"
    nor the whole phrase in one sentence (its heading names the method, a sentence the purpose); fresh11 declared
    every value of that paragraph not stated."""
    subject = PlanSubject("DeepSeek-V3", ("DeepSeek-V3",), "named", ("v3",))
    condition = "DeepSeek-V3 uses its multi-token prediction for speculative decoding"
    assert _without_names(condition, subject, []) == "multi-token prediction; speculative decoding"


def test_a_caption_naming_another_described_experiment_is_its_own() -> None:
    """"Figure 5: Handwriting sequence generation model … The models are trained with mini-batch size of 8" sits under
    the skip-thought section: its 8 is the handwriting model's (it was given to the skip-thought model)."""
    skip = PlanSubject("skip-thought model", ("skip-thought model",), "described", ("ln",), role="model",
                       setting="skip-thought")
    handwriting = PlanSubject("handwriting sequence generation model", ("handwriting sequence generation model",),
                              "described", ("ln",), role="model", setting="handwriting sequence generation")
    said = ["Figure 5: Handwriting sequence generation model negative log likelihood with and without layer "
            "normalization.", "The models are trained with mini-batch size of 8 and sequence length of 500.",
            "We note that the skip-thought model performance differs."]
    assert others_said(skip, [skip, handwriting], said) == [True, True, False]
    assert others_said(handwriting, [skip, handwriting], said) == [False, False, True]


def _cells(corpus: tuple[Library, PassageIndex], name: str) -> dict[tuple[str, str], str]:
    return {(c.subject, c.attribute): c.value for c in gold_answer("read26", name, corpus).cells}


def test_each_appendix_experiment_gets_its_own_sentence(corpus: tuple[Library, PassageIndex]) -> None:
    """RMSNorm's appendix: one unnamed paragraph per experiment; the settings the question lists are one subject each,
    the paper's method naming their models no subject of its own (nothing was answered)."""
    plan = make_plan(gold_question("read26", "rmsnorm-appendix-training"), corpus[0])
    assert [s.name for s in plan.subjects] == ["CNN reading comprehension", "image-caption retrieval",
                                               "CIFAR-10 classification"]
    cells = _cells(corpus, "rmsnorm-appendix-training")
    assert cells[("CNN reading comprehension", "batch size")] == "64"
    assert cells[("image-caption retrieval", "batch size")] == "128"
    assert cells[("CIFAR-10 classification", "batch size")] == "100"


def test_a_named_models_paragraph_gives_its_values(corpus: tuple[Library, PassageIndex]) -> None:
    """"For RNNSearch, … We apply Adam [13] to tune model parameters, with learning rate of 1e−4 and batch size of 80":
    Adam is the tool, not another model (A.4's 100 was shown); "per 1k training steps" is no step count."""
    cells = _cells(corpus, "rmsnorm-translation-settings")
    assert cells.get(("RNNSearch", "batch size")) == "80"
    assert ("RNNSearch", "number of training steps") not in cells


def test_a_described_experiment_finds_its_section(corpus: tuple[Library, PassageIndex]) -> None:
    """The Adam paper's VAE and CIFAR-10 network, the layer normalization paper's DRAW and handwriting models: each
    read in its own section; the skip-thought model's minibatch size is stated nowhere (8 was given)."""
    adam = _cells(corpus, "adam-vae-cnn")
    assert adam.get(("variational auto-encoder", "hidden units")) == "500"
    assert adam.get(("CIFAR-10 convolutional network", "hidden units")) == "1000"
    assert ("variational auto-encoder", "minibatch size") not in adam
    layernorm = _cells(corpus, "layernorm-experiment-settings")
    assert layernorm.get(("DRAW", "minibatch size")) == "128"
    assert layernorm.get(("handwriting sequence generation model", "minibatch size")) == "8"
    assert ("skip-thought model", "minibatch size") not in layernorm
    assert "MNIST" not in {subject for subject, _ in layernorm}


def test_a_condition_keeps_another_runs_table_out(corpus: tuple[Library, PassageIndex]) -> None:
    """The 64K extension's learning rate is 8e-5 (p.5), not Table 9's 3.2 × 10−4 for the 1T-token run, which was shown
    marked supported; RoPE θ is asked, no subject."""
    plan = make_plan(gold_question("read26", "diff-long-context"), corpus[0])
    assert [s.name for s in plan.subjects] == ["DIFF Transformer 3B"]
    cells = _cells(corpus, "diff-long-context")
    assert cells.get(("DIFF Transformer 3B", "learning rate")) == "8e-5"
    assert cells.get(("DIFF Transformer 3B", "RoPE θ")) == "640,000"


def test_the_data_named_beside_the_models_is_no_subject(corpus: tuple[Library, PassageIndex]) -> None:
    """"On the 100 billion word Google News corpus, what … do MoE-65536-h and MoE-131072-h reach": Google News was a
    subject, given NVIDIA's 4.29 TFLOPS/GPU."""
    plan = make_plan(gold_question("read25", "moe-google-news"), corpus[0])
    assert [s.name for s in plan.subjects] == ["MoE-65536-h", "MoE-131072-h"]


def test_a_setting_of_a_named_paper_is_checked_in_that_paper(corpus: tuple[Library, PassageIndex]) -> None:
    """The weak-to-strong NLP tasks' batch size 32 was shown contradicted by InstructGPT's "… 64" for its own NLP
    runs; the fine-tuning epochs ("We finetune all models for 2 epochs", "We train (finetune) all models for 5 epochs")
    were not stated."""
    cells = {(c.subject, c.attribute): c for c in gold_answer("read25", "w2s-finetuning-settings", corpus).cells}
    batch = cells[("NLP tasks", "batch size")]
    assert batch.value == "32" and batch.verdict.value != "contradicted", batch
    assert cells[("NLP tasks", "fine-tuning epochs")].value == "2"
    assert cells[("chess puzzles", "fine-tuning epochs")].value == "5"
