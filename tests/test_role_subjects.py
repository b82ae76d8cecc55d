"""Subjects named by their role or setting in a paper the question names, and values stated at one setting of
several (issue 9, fresh4): "the summarization policy" of a paper whose sentences give the style tasks' value beside
the summarization one, "the models … on the chess puzzles" under the chess puzzles' heading beside the NLP tasks',
a power of ten whose superscript the PDF text lost, and a side experiment's setting."""

from __future__ import annotations

from pathlib import Path

from libraries import answered, asks_report, indexed_library

from synth.models import AttributeKind, PlanAttribute, PlanSubject
from synth.plan.papers import PaperReference
from synth.plan.roles import acting_as, role_subjects
from synth.plan.subjects import Name
from synth.retrieve.asks.per_setting import per_setting, setting_lists, side_experiment
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.roles import about_described, role_player, section_heading
from synth.serialize import to_data

POLICY = """# Tuning Policies from Preferences

## 2.2. Fine-tuning details

Starting with the pretrained language model, the reward model is trained using the Adam optimizer. The batch size
is 8 for style tasks and 32 for summarization, and the learning rate is 1.77 × 10−5 for both.

For training the policy, we use Proximal Policy Optimization. We use 2M episodes and four epochs per batch. We use
batch size 1024 for style tasks and 512 for summarization. The learning rate was 1.41 × 10−5 for style tasks and
7.07 × 10−6 for summarization.
"""

TEACHERS = """# Weak Teachers Train Strong Students

## A.1 NLP TASKS

Training hyperparameters. We finetune all models for 2 epochs using a batch size of 32.

## A.2 CHESS PUZZLES

Data preprocessing. We use 50k puzzles sampled from the dataset as the training set.

Training hyperparameters. We train all models for 5 epochs using a batch size of 16.

## D.1 VISION MODELS

For training the linear probes, we use a batch size of 128 and a learning rate of 10−3.
"""

STYLE = "The learning rate was 1.41 × 10−5 for style tasks and 7.07 × 10−6 for summarization."
BATCH = "We use batch size 1024 for style tasks and 512 for summarization."


def _quantity(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")


def test_each_value_of_a_per_setting_list_is_bound_to_its_own_setting() -> None:
    assert [(v.raw, v.setting) for run in setting_lists(STYLE) for v in run] == [
        ("1.41 × 10−5", "style tasks"), ("7.07 × 10−6", "summarization")]
    found, settings = per_setting(BATCH, quantity_values(BATCH, _quantity("batch size"), frozenset()), "batch size")
    assert [raw for raw, *_ in found] == ["1024", "512"]  # the noun right before the list's first figure opens it
    assert sorted(settings.values()) == ["style tasks", "summarization"]


def test_a_wanted_setting_keeps_only_its_own_value_and_a_setting_subject_no_other_setting_s() -> None:
    found = quantity_values(STYLE, _quantity("learning rate"), frozenset())
    assert [raw for raw, *_ in per_setting(STYLE, found, "learning rate", ["summarization"])[0]] == ["7.07 × 10−6"]
    assert per_setting(STYLE, found, "learning rate", ["chess puzzles"], strict=True)[0] == []
    # "for both" names every setting at once: no list, the value stands
    both = ("The batch size is 8 for style tasks and 32 for summarization, and the learning rate is 1.77 × 10−5 "
            "for both.")
    kept = per_setting(both, quantity_values(both, _quantity("learning rate"), frozenset()), "learning rate",
                       ["summarization"], strict=True)[0]
    assert [raw for raw, *_ in kept] == ["1.77 × 10−5"]


def test_a_power_of_ten_that_lost_its_superscript_is_read_as_that_power() -> None:
    """pypdfium2 prints 10^-3 as "10−3": not 10, and its exponent is no figure of its own."""
    for text in ("For training the linear probes, we use a batch size of 128 and a learning rate of 10−3 .",
                 "We train linear probes with Adam, 10−3 learning rate, batch size 128."):
        assert [(raw, number) for raw, number, *_ in quantity_values(text, _quantity("learning rate"), frozenset())
                ] == [("10−3", 0.001)]


def test_a_side_experiment_s_setting_is_not_the_main_one() -> None:
    text = ("For the Adafactor experiments, we use our recommended hyperparameters. All models are trained for 50,000 "
            "steps with batch size 16,384 tokens (unlike the other experiments in this paper).")
    assert side_experiment(text, text.index("16,384"))
    assert not side_experiment(text, text.index("Adafactor"))  # the sentence before is no side experiment's
    assert not side_experiment("Each training batch contained approximately 25000 source tokens.", 40)


def test_small_figures_keep_their_significant_digits_in_report_json() -> None:
    assert to_data(7.07e-06) == 7.07e-06
    assert to_data(0.123456789) == 0.123457


def _name(text: str, question: str) -> Name:
    start = question.index(text)
    return Name(text, start, start + len(text), "subject")


def test_a_subject_trained_with_a_method_is_the_described_thing_not_the_method() -> None:
    question = "What learning rate did Ziegler et al. use to train the summarization policy with PPO?"
    subjects, tools = role_subjects(question, [_name("PPO", question)], [PaperReference("Ziegler et al.", ("z",))])
    assert [(s.name, s.role, s.setting, s.home_sources) for s in subjects] == [
        ("summarization policy", "policy", "summarization", ("z",))]
    assert [t.text for t in tools] == ["PPO"]
    assert role_subjects(question, [_name("PPO", question)], []) == ([], [])  # no paper named: PPO stays


def test_the_models_of_one_setting_are_that_setting_s() -> None:
    question = ("In the weak-to-strong paper, how many epochs and what batch size were the models finetuned with on "
                "the chess puzzles?")
    subjects, _ = role_subjects(question, [], [PaperReference("the weak-to-strong paper", ("w",))])
    assert [(s.name, s.role, s.setting) for s in subjects] == [("chess puzzles", "models", "chess puzzles")]


def test_a_described_subject_s_sentence_says_its_role_and_sits_at_its_setting() -> None:
    policy = PlanSubject("summarization policy", ("summarization policy",), "t", role="policy", setting="summarization")
    reward = ["The reward model is trained using Adam.",
              "The batch size is 8 for style tasks and 32 for summarization."]
    assert not about_described(policy, reward, reward, "2.2. Fine-tuning details")
    own = ["For training the policy, we use PPO.", "We use 2M episodes.", BATCH]
    assert about_described(policy, own[:2], own, "2.2. Fine-tuning details")  # the paragraph names the setting
    chess = PlanSubject("chess puzzles", ("chess puzzles",), "t", role="models", setting="chess puzzles")
    sentence = ["We train all models for 5 epochs using a batch size of 32."]
    assert about_described(chess, sentence, sentence, "A.2 CHESS PUZZLES")
    assert not about_described(chess, sentence, sentence, "A.1 NLP TASKS")
    assert section_heading("A.2 CHESS PUZZLES") and section_heading("2.2. Fine-tuning details")
    assert not section_heading("Fine-Tuning Language Models from Human Preferences")


def test_the_summarization_policy_gets_the_summarization_values_of_its_own_paragraph(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"policies.md": POLICY}, "What learning rate and batch size did the authors of "
                      "'Tuning Policies from Preferences' use to train the summarization policy with PPO?")
    assert {(c.subject, c.attribute, c.value) for c in answer.cells} == {
        ("summarization policy", "learning rate", "7.07 × 10−6"), ("summarization policy", "batch size", "512")}


def test_the_chess_puzzle_models_get_their_section_s_values_and_no_other_learning_rate(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"teachers.md": TEACHERS}, "In 'Weak Teachers Train Strong Students', how many epochs "
                      "and what batch size were the models finetuned with on the chess puzzles, and at what learning "
                      "rate?")
    assert {(c.subject, c.attribute, c.value) for c in answer.cells} == {
        ("chess puzzles", "epochs", "5"), ("chess puzzles", "batch size", "16")}
    assert {(n.subject, n.attribute) for n in answer.not_stated} == {("chess puzzles", "learning rate")}


SUPERVISOR = """# Weak Teachers Train Strong Students

## D.1 SELF-SUPERVISED VISION MODELS

We use a pretrained AlexNet model (Krizhevsky et al., 2012) as a weak supervisor, and use it to generate weak labels
on the validation set. As a strong student, we use linear probing on DINO models.

Table 3: Weak-to-strong generalization on ImageNet.

| Model | Top-1 Accuracy (%) | PGR (%) |
|---|---|---|
| AlexNet (weak supervisor) | 56.6 | - |
| Dino ResNet50 | 63.7 | - |
| AlexNet → DINO ResNet50 | 60.7 | 57.8 |
"""


def test_which_model_acts_as_a_role_asks_the_model_of_the_role() -> None:
    assert acting_as("which model acts as the weak supervisor, and what does it reach?") == (
        "which model is the weak supervisor, and what does it reach?")
    subject = PlanSubject("weak supervisor", ("weak supervisor", "AlexNet"), "t", role="weak supervisor")
    sentence = "We use a pretrained AlexNet model (Krizhevsky et al., 2012) as a weak supervisor, and use it."
    assert role_player(sentence, subject, "model") == "AlexNet"
    assert role_player(sentence, subject, "dataset") is None  # the name plays the role as a model, not a dataset


def test_the_weak_supervisor_is_the_model_its_paper_has_play_the_role(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"teachers.md": SUPERVISOR}, "In 'Weak Teachers Train Strong Students', which model "
                      "acts as the weak supervisor, and what top-1 accuracy does it reach?")
    assert {(c.subject, c.value) for c in answer.cells} >= {("weak supervisor", "AlexNet"), ("weak supervisor", "56.6")}
    assert not [c for c in answer.cells if c.value in ("63.7", "60.7")]  # the students' rows are not the supervisor's


STEPS = """# Adaptive Steps for Translation

We propose Adafactor, an optimizer for translation models.

## 4.1. Experiments

For a step size schedule with a warmup period, Adafactor's model quality is similar without and with momentum (BLEU =
23.6 vs. 23.4).

## 8.1. Experiments

When the embedding parameters are initialized with standard deviation 1 and not scaled up, Adafactor reaches a BLEU of
26.4.
"""


def test_a_condition_the_question_puts_on_its_subjects_is_where_their_values_are_read(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"steps.md": STEPS}, "In 'Adaptive Steps for Translation', when the embedding "
                      "parameters are initialized with standard deviation 1 and not scaled up, what BLEU does "
                      "Adafactor reach?")
    assert {c.value for c in answer.cells} == {"26.4"}  # not the momentum experiment's 23.6


def test_a_described_subject_s_findings_come_from_its_own_paragraph(tmp_path: Path) -> None:
    """The report over Ziegler et al. listed the reward model's "The batch size is 8 for style tasks and 32 for
    summarization, …" among the summarization policy's findings: findings are scoped as its cells are."""
    library = indexed_library(tmp_path, {"policies.md": POLICY})
    try:
        report = asks_report("What learning rate and batch size did the authors of 'Tuning Policies from "
                             "Preferences' use to train the summarization policy with PPO?", library)
    finally:
        library[1].close()
    found = [f.claim.text for f in report.findings]
    assert not [text for text in found if "reward model" in text or text.startswith("The batch size is 8")]
