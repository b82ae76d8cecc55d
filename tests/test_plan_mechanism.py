"""How-questions read into the mechanism they ask about: its name, its other wordings in clauses of their own, and
the asked attribute "how does the <noun> work" points back to (names already replaced by slots)."""

from __future__ import annotations

import pytest

from synth.plan.mechanism import read_mechanism
from synth.plan.wording import SUBJECT

S = SUBJECT


@pytest.mark.parametrize(("question", "asked", "name", "spellings"), [
    (f"How do {S}, {S} and {S} keep the load balanced across their experts?", [],
     "the load balanced across experts", ("the load balanced across experts",)),
    (f"How do {S} and {S} decide where to spend compute — how are bytes grouped into patches, and how are tokens "
     "chosen for a block — and what capacity do they report?", [],
     "decide where to spend compute",
     ("decide where to spend compute", "grouped bytes into patches", "chosen tokens for a block")),
    (f"Which policy-optimization algorithm and which reward do {S} and {S} use, and how does the algorithm work?",
     ["policy-optimization algorithm", "reward"], "how the policy-optimization algorithm works",
     ("policy-optimization algorithm",)),
    (f"How are bytes grouped into patches in {S}?", [], "grouped bytes into patches", ("grouped bytes into patches",)),
    # "how does each work" points back to the things just asked; "built"/"kept" are participles too
    (f"Which two tasks is {S} pre-trained on, and how does each work — how are the sentence pairs built?",
     ["two tasks"], "how the two tasks works", ("two tasks", "built the sentence pairs")),
    # a value word used transitively or as the goal is no request for values; its verb keeps its possessive
    (f"How does {S} tell its decoder which task to perform?", [], "tell its decoder which task to perform",
     ("tell its decoder which task to perform",)),
    (f"How do the {S} variants change the {S}'s feed-forward layer, and how is the parameter count kept constant?", [],
     "variants change the feed-forward layer", ("variants change the feed-forward layer",
                                                 "kept the parameter count constant")),
    # a later name inside the phrase is its object, not another subject of a list
    (f"How does {S} transfer long-CoT reasoning to {S} models?", [], "transfer long-CoT reasoning to models",
     ("transfer long-CoT reasoning to models",)),
    # every further how/why clause words the same mechanism again, its pronoun standing for the subject
    (f"How does {S} cache keys, and why does it use a rolling buffer?", [], "cache keys",
     ("cache keys", "use a rolling buffer")),
    (f"How does the {S}'s sparse router pick its experts, and why does it add noise to the gate logits?", [],
     "sparse router pick experts", ("sparse router pick experts", "add noise to the gate logits")),
    # a part of the subject asked about ("its attention and MLP blocks"); an appositive's close is no word of it
    (f"How does the gated {S} ({S}) keep its activations bounded, and how do its attention and MLP blocks update the "
     "residual stream?", [], "activations bounded",
     ("activations bounded", "attention and MLP blocks update the residual stream")),
    (f"How does the {S} of the paper give the model the order of the tokens?", [],
     "give the model the order of the tokens", ("give the model the order of the tokens",)),
    # "differential" is no "differ": a mechanism, not a request for values
    (f"How does the {S}'s differential attention compute its scores?", [], "differential attention compute scores",
     ("differential attention compute scores",)),
])
def test_a_mechanism_is_read_with_every_wording_of_it(question: str, asked: list[str], name: str,
                                                      spellings: tuple[str, ...]) -> None:
    mechanism = read_mechanism(question, asked)
    assert mechanism is not None and (mechanism.name, mechanism.spellings) == (name, spellings)


@pytest.mark.parametrize("question", [
    f"How do {S} and {S} compare on MMLU?",
    f"How does {S} score on HumanEval?",
    f"Which optimizer does {S} use, and how does the schedule work?",
    f"How large are the reductions {S} reports?",
    f"How does {S} change with model size?",
    f"How do {S} and {S} perform on GSM8K?",
    f"How does {S} compare with {S} on MMLU, and how does it score on GSM8K?",
])
def test_a_request_for_values_is_no_mechanism(question: str) -> None:
    assert read_mechanism(question, ["optimizer"]) is None


def test_how_an_asked_value_works_is_answered_first_by_sentences_naming_it() -> None:
    from synth.answer import _mechanism
    from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute, PlanSubject
    from synth.retrieve.asks import AskEvidence

    def said(quote: str, source: str = "own", start: int = 0) -> Evidence:
        return Evidence(source, source, quote, start, start + len(quote), 1, None, PassageKind.TEXT)

    subject = PlanSubject("Heron", ("Heron",), "test", ("own",))
    asked = PlanAttribute("how the policy-optimization algorithm works", AttributeKind.MECHANISM,
                          ("policy-optimization algorithm",), "test")
    sentences = ((6.0, said("Policy optimization improves with longer contexts.", start=1)),
                 (5.0, said("GRPO samples a group of outputs and scores each against the group.", start=2)),
                 (7.0, said("Another paper optimizes its policy with PPO.", "other", 3)))
    answer = _mechanism(AskEvidence(subject, asked, (), sentences), ["GRPO"])
    assert answer is not None
    assert [e.quote[:4] for e in answer.sentences] == ["GRPO", "Poli", "Anot"], \
        "the value's own sentence first, the subject's sources before another paper's"


def test_a_sentence_stating_the_mechanism_brings_the_next_one_saying_how() -> None:
    from synth.answer import _mechanism
    from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute, PlanSubject
    from synth.retrieve.asks import AskEvidence

    def said(quote: str, start: int) -> Evidence:
        return Evidence("own", "own", quote, start, start + len(quote), 9, None, PassageKind.TEXT)

    first = said("We pioneer a loss-free load balancing strategy.", 0)
    how = said("To be specific, we introduce a bias term for each expert.", first.end + 1)
    result = said("The experimental results show a similar load balance.", 500)
    after_result = said("Results show that the bias term works.", result.end + 1)
    subject = PlanSubject("Heron", ("Heron",), "test", ("own",))
    asked = PlanAttribute("the load balanced", AttributeKind.MECHANISM, ("the load balanced",), "test")
    answer = _mechanism(AskEvidence(subject, asked, (), ((6.0, first), (5.0, result), (4.0, after_result),
                                                         (2.0, how))))
    assert answer is not None
    assert [e.start for e in answer.sentences] == [first.start, how.start, result.start, after_result.start], \
        "the bias term follows the sentence it explains; a finding brings no follower"


def test_a_part_of_the_paper_or_a_function_is_no_other_model() -> None:
    from synth.retrieve.asks.scope import _FUNCTION_CALL, _PART_OF_PAPER

    assert _PART_OF_PAPER.match("Algorithm 1") and _PART_OF_PAPER.match("Table 3")
    assert not _PART_OF_PAPER.match("Llama 2")
    assert _FUNCTION_CALL.match("(·) to meet the requirements") and not _FUNCTION_CALL.match(" (Shazeer et al., 2017)")


def test_a_rare_verb_of_what_is_wanted_is_not_the_word_a_mechanism_sentence_must_use() -> None:
    from synth.models import AttributeKind, PlanAttribute
    from synth.retrieve.asks.mechanism import mechanism_score

    asked = PlanAttribute("tell its decoder which task to perform", AttributeKind.MECHANISM,
                          ("tell its decoder which task to perform",), "test")
    weights = {"tell": 1.8, "decod": 0.34, "task": 0.02, "perform": 0.02}  # "tell" is the rarest word of the library
    stating = "We use a simple format to specify all tasks as a sequence of input tokens to the decoder."
    assert mechanism_score(stating, asked, True, True, weights) > 0
    assert mechanism_score("We tell the reader which tasks we study.", asked, True, True, weights) == 0


def test_a_paragraph_cut_by_the_layout_goes_on_in_the_next_passage() -> None:
    from synth.models import AttributeKind, Document, Passage, PlanAttribute
    from synth.retrieve.asks.prose import _carried

    first = Passage("own", 0, "We use a simple format of tokens for the decoder.", 0, 49, 3)
    rest = Passage("own", 1, "First, we add a token naming the language spoken. The model outputs text.", 51, 125, 3)
    elsewhere = Passage("own", 2, "First, we add a token naming the language.", 200, 231, 9)
    document = Document("own", "own.pdf", "", "pdf", "test", None, "", (first, rest, elsewhere))
    asked = PlanAttribute("tell its decoder", AttributeKind.MECHANISM, ("tell its decoder",), "test")
    carried = _carried(document, first, (0, 4.0), 0, asked, "own", lambda text: object())
    assert [e.quote for _, e in carried] == ["First, we add a token naming the language spoken."]
    assert all(score < 4.0 for score, _ in carried), "ranked below the sentence it continues"
    assert _carried(document, rest, (0, 4.0), 1, asked, "own", lambda text: object()) == [], "page 9 is no continuation"
    assert _carried(document, first, (0, 4.0), 0, asked, "own", lambda text: None) == [], "out of the subject's scope"


def test_a_sentence_pointing_to_what_follows_brings_the_description_under_its_subheadings() -> None:
    from synth.models import AttributeKind, Document, Passage, PlanAttribute
    from synth.retrieve.asks.prose import FORWARD, _carried

    assert FORWARD.search("Instead, we pre-train it using two unsupervised tasks, described in this section.")
    assert FORWARD.search("Detailed descriptions of these methods are provided below:")
    assert not FORWARD.search("We pre-train it using two unsupervised tasks.")
    pointing = Passage("own", 0, "Instead, we pre-train Heron using two unsupervised tasks, described in this section.",
                       0, 84, 4)
    task = Passage("own", 1, "3.1 Masked LM\nIn order to train it, we simply mask some percentage of the input tokens."
                   "\nWe observe that masking helps on every benchmark we tried.", 86, 236, 4)
    document = Document("own", "own.pdf", "", "pdf", "test", None, "", (pointing, task))
    asked = PlanAttribute("unsupervised tasks", AttributeKind.MECHANISM, ("unsupervised tasks",), "test")
    carried = _carried(document, pointing, (0, 5.0), 0, asked, "own", lambda text: object(), pointed=True)
    said = "In order to train it, we simply mask some percentage of the input tokens."
    assert [e.quote for _, e in carried] == [said], "a finding ('we observe') is no description"
    assert carried[0][0] > 4.0, "the description ranks right below the sentence pointing to it"
    assert _carried(document, pointing, (0, 5.0), 0, asked, "own", lambda text: object()) == [], \
        "without a pointer, a sub-heading ends the paragraph"


def test_a_mechanism_asked_in_several_clauses_is_answered_clause_by_clause() -> None:
    from synth.answer import _mechanism
    from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute, PlanSubject
    from synth.retrieve.asks import AskEvidence

    def said(quote: str, start: int) -> Evidence:
        return Evidence("own", "own", quote, start, start + len(quote), 2, None, PassageKind.TEXT)

    subject = PlanSubject("Heron", ("Heron",), "test", ("own",))
    asked = PlanAttribute("compute its updates", AttributeKind.MECHANISM,
                          ("compute its updates", "correct the bias of moment estimates"), "test")
    sentences = tuple((8.0 - k, said(q, 1000 * k)) for k, q in enumerate([
        "Heron computes its updates from running averages of the gradient.",
        "Updates are computed per parameter and scaled by the stepsize.",
        "Heron computes the updates without storing past gradients.",
        "The moment estimates start at zero and are biased, so we correct the bias by dividing by one minus beta.",
    ]))
    answer = _mechanism(AskEvidence(subject, asked, (), sentences))
    assert answer is not None
    assert [e.start for e in answer.sentences] == [0, 3000, 1000, 2000], \
        "the best sentence of the second clause comes before the second best of the first"


def test_a_sentence_answers_the_wording_whose_words_it_uses_most() -> None:
    from synth.models import AttributeKind, PlanAttribute
    from synth.retrieve.asks.mechanism import wording_of

    asked = PlanAttribute("compute its updates", AttributeKind.MECHANISM,
                          ("compute its updates", "correct the bias of moment estimates"), "test")
    assert wording_of("We compute the updates per parameter.", asked) == 0
    assert wording_of("The bias of the moment estimates is corrected.", asked) == 1
    assert wording_of("We introduce adaptive estimates of moments.", asked) is None, "half the words is not enough"
