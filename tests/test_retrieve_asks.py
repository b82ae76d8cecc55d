"""Retrieval per ask, part by part: tables the PDF reader missed, read from text lines; labels written as
code or formulas (`n_kv_heads`, `dmodel`); text values that name which thing; a sibling model's unnamed
sentences; a wanted variant never matched inside another ("thinking" in "non-thinking")."""

from __future__ import annotations

import pytest

from synth.answer import _wanted_variant
from synth.labelcodes import abbreviated_property, pair_names, pair_part
from synth.models import AttributeKind, Document, Evidence, Passage, PassageKind, PlanAttribute, PlanSubject, Table
from synth.retrieve.asks import Candidate
from synth.retrieve.asks.other_topic import is_sibling
from synth.retrieve.asks.table_cells import _bare_head, _grouped_label, caption_entity_variant
from synth.retrieve.asks.terms import text_values
from synth.tables import TableRecord, records
from synth.vocabulary import text_tables

MISTRAL_PAGE = """forward by W tokens.
Parameter Value
dim 4096
n_layers 32
head_dim 128
hidden_dim 14336
n_kv_heads 8
window_size 4096
Table 1: Model architecture.
Mistral 7B is based on a transformer architecture."""
GPT2_PAGE = """of the OpenAI GPT model with a
Parameters Layers dmodel
117M 12 768
345M 24 1024
Table 2. Architecture hyperparameters for the model sizes."""


def _document(text: str) -> Document:
    return Document("d1", "x.pdf", "0", "pdf", "test", None, text, (Passage("d1", 0, text, 0, len(text), 2),))


def test_a_parameter_value_list_in_the_text_is_a_table_of_the_source_s_model() -> None:
    [(table, in_columns)] = text_tables(_document(MISTRAL_PAGE))
    assert in_columns and table.header == ("Parameter", "Value") and table.caption == "Table 1: Model architecture."
    cells = {(r.entity, r.attribute): r.raw for r in records(table, in_columns=in_columns)}
    assert cells[("Value", "n_kv_heads")] == "8" and cells[("Value", "hidden_dim")] == "14336"


def test_a_parameter_value_cell_is_given_as_the_subject_not_as_the_header_value() -> None:
    from synth.retrieve.asks.table_cells import _printed_name

    [(table, in_columns)] = text_tables(_document(MISTRAL_PAGE))
    record = next(r for r in records(table, in_columns=in_columns) if r.attribute == "n_kv_heads")
    subject = PlanSubject("Mistral 7B", ("Mistral 7B",), "test", ("d1",))
    assert _printed_name(record, subject) == "Mistral 7B"
    sized = next(r for r in records(text_tables(_document(GPT2_PAGE))[0][0], in_columns=False) if r.raw == "1024")
    assert _printed_name(sized, subject) == "345M", "a row label that names a model is kept as printed"


def test_a_text_table_whose_labels_are_sizes_keeps_them_as_row_labels() -> None:
    [(table, in_columns)] = text_tables(_document(GPT2_PAGE))
    assert not in_columns and table.rows == (("117M", "12", "768"), ("345M", "24", "1024"))
    cells = {(r.entity, r.attribute): r.raw for r in records(table, in_columns=False)}
    assert cells[("345M", "dmodel")] == "1024", "a header word holding 'mode' is no setting column"


@pytest.mark.parametrize(("asked", "label", "matched"), [
    ("model dimension", "dim", True), ("model dimension", "dmodel", True), ("model dimension", "hidden_dim", False),
    ("model dimension", "head_dim", False), ("feed-forward hidden dimension", "hidden_dim", True),
    ("feed-forward hidden dimension", "dim", False), ("number of key-value heads", "n_kv_heads", True),
    # heads are attention heads: `n_heads` answers "attention heads" (the brief's Mistral 7B miss); never key-value
    ("key-value heads", "n_heads", False), ("attention heads", "n_heads", True),
    ("attention heads", "n_kv_heads", False),
    ("context length", "context_len", True), ("vocabulary size", "vocab_size", True),
    ("number of layers", "Num. Layers", True), ("parameters", "params ×106", False), ("dimension", "d", False),
])
def test_labels_written_as_code_are_read_without_taking_a_neighbour_s(asked: str, label: str, matched: bool) -> None:
    assert bool(abbreviated_property(asked, label)) is matched


def _text(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.TEXT, (name,), "test")


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    ("We use RMSNorm with pre-normalization in every block.", "normalization layer", ["RMSNorm", "pre-normalization"]),
    ("The classifier token is used for token-level tasks.", "tokenizer", []),
    ("Hidden units are in the active area of the nonlinearity.", "activation function", []),
    ("We trained on 2048 NVIDIA H800 GPUs.", "training GPUs", ["NVIDIA", "H800"]),
    ("We remove all normalization layers such as RMSNorm or LayerNorm.", "normalization layer", []),
    ("Each text is NFKC-normalized before scoring.", "normalization layer", []),
    ("We optimize with the AdamW optimizer.", "optimizer", ["AdamW"]),
])
def test_a_text_value_names_which_thing_never_only_which_kind(sentence: str, attribute: str,
                                                              values: list[str]) -> None:
    assert text_values(sentence, _text(attribute), {}, "layer normalization") == values


def test_a_sibling_model_is_not_the_model_its_source_is_about() -> None:
    def sibling(name: str, *about: str) -> bool:
        return is_sibling(PlanSubject(name, (name,), "test", ()), about)

    assert sibling("DeepSeek-V2-Lite", "DeepSeek-V2") and sibling("AdaMax", "Adam")
    assert not sibling("Whisper large", "Whisper") and not sibling("Qwen3-235B-A22B", "Qwen3", "MoE")
    assert not sibling("Byte Latent Transformer", "BLT")


def test_thinking_is_not_found_inside_non_thinking() -> None:
    evidence = Evidence("s", "d", "q", 0, 1, 1, None, PassageKind.TABLE_ROW)

    def candidate(variant: str) -> Candidate:
        return Candidate("Qwen3-32B", "AIME'24", "Qwen3-32B", variant, "1", 1.0, None, evidence, True, True, True)

    assert _wanted_variant(candidate("thinking; v5"), "thinking")
    assert not _wanted_variant(candidate("non-thinking; v5"), "thinking")
    assert _wanted_variant(candidate("non-thinking"), "non-thinking")


def test_a_value_of_another_training_stage_is_not_taken() -> None:
    from synth.retrieve.asks.other_topic import other_stage
    from synth.retrieve.asks.quantities import quantity_values

    asked = PlanAttribute("learning rate", AttributeKind.QUANTITY, ("learning rate",), "test", stage="pre-training")
    assert quantity_values("We use Adam with learning rate of 1e-4, β1 = 0.9.", asked, frozenset())[0][:2] == (
        "1e-4", 0.0001)
    assert other_stage("We use a batch size of 32 and fine-tune for 3 epochs.", "pre-training")
    assert not other_stage("We pre-train with a batch size of 256 and fine-tune later.", "pre-training")
    assert not other_stage("We train with a batch size of 256 sequences.", "pre-training")


def test_a_sentence_naming_the_subject_only_to_compare_is_no_context_for_the_next() -> None:
    from synth.retrieve.asks.scope import COMPARING

    assert COMPARING.search("Its KV compression dimension is 512, but slightly different from ")
    assert COMPARING.search("Unlike ") and not COMPARING.search("We pre-train ")


@pytest.mark.parametrize(("sentence", "values"), [
    ("The vocabulary is expanded to 50,257.", ["50,257"]),
    ("We use WordPiece embeddings with a 30,000 token vocabulary.", ["30,000"]),
    ("The vocabulary covers 12 languages.", []),
])
def test_a_size_is_read_next_to_its_noun_when_the_sentence_says_no_size(sentence: str, values: list[str]) -> None:
    from synth.retrieve.asks.quantities import quantity_values

    asked = PlanAttribute("vocabulary size", AttributeKind.QUANTITY, ("vocabulary size",), "test")
    assert [v[0] for v in quantity_values(sentence, asked, frozenset())] == values


def test_a_figure_number_is_no_value() -> None:
    from synth.retrieve.asks.quantities import quantity_values

    asked = PlanAttribute("patch size", AttributeKind.QUANTITY, ("patch size",), "test")
    assert quantity_values("Figure 3 Patching schemes group bytes in different ways.", asked, frozenset()) == []


@pytest.mark.parametrize(("sentence", "values"), [
    ("We use RMSNorm with pre-normalization.", ["RMSNorm", "pre-normalization"]),
    ("Layer normalization was moved, similar to a pre-activation residual network.", []),
])
def test_a_placement_compound_is_a_value_only_as_a_noun(sentence: str, values: list[str]) -> None:
    assert text_values(sentence, _text("activation function" if "activation" in sentence else "normalization layer"),
                       {}, "") == values


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    ("Finally, since the RM loss is invariant to shifts in reward, we normalize the reward model.", "reward", []),
    ("The KL reward coefficient controls the strength of the KL penalty.", "reward", []),
    ("Reward Modeling for Math One challenge is that written forms differ.", "reward", []),
    ("We train with Group Relative Policy Optimization.", "policy-optimization algorithm",
     ["Group Relative Policy Optimization"]),
    ("Each sub-layer is LayerNorm(x + Sublayer(x)).", "normalization layer", ["LayerNorm"]),
])
def test_a_text_value_is_headed_by_the_asked_thing(sentence: str, attribute: str, values: list[str]) -> None:
    """"reward model" names a model and "KL reward coefficient" a coefficient: neither is a kind of reward."""
    assert text_values(sentence, _text(attribute), {"RM": "reward model"}, "reward model") == values


@pytest.mark.parametrize(("sentence", "value"), [
    ("1. Remove all normalization layers such as RMSNorm or LayerNorm.", "none (RMSNorm, LayerNorm removed)"),
    ("Therefore, removing the normalization of q and k in nGPT is a viable option.", None),
    ("We remove QKV-bias used in the previous model.", None),
    ("Results without normalization or with it are shown.", None),
])
def test_a_design_that_removes_the_asked_thing_has_none(sentence: str, value: str | None) -> None:
    from synth.retrieve.asks.terms import removed_value

    assert removed_value(sentence, _text("normalization layer")) == value


def _mechanism(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.MECHANISM, (name,), "test")


def test_a_mechanism_sentence_states_how_not_a_problem_or_program_text() -> None:
    from synth.retrieve.asks.mechanism import is_code, mechanism_score

    asked = _mechanism("the load balanced across experts during training")
    weights = {"load": 1.25, "balanc": 0.74, "expert": 0.52, "dur": 0.05, "train": 0.02}
    how = "To encourage a balanced load across experts we add an auxiliary loss."
    problem = "Note that EP introduces challenges in load balancing across the GPUs of each node."
    code = "# expert gate shape: [cores, tokens] expert_index = mtf.top_1(router_probs, dim=num_experts)"
    assert mechanism_score(how, asked, False, True, weights) > 0
    assert mechanism_score(problem, asked, False, True, weights) == 0.0
    assert is_code(code) and mechanism_score(code, asked, False, True, weights) == 0.0


@pytest.mark.parametrize(("sentence", "why"), [
    ("Figure 2: We add an auxiliary loss to balance the load across experts.", "a caption"),
    ("Section 3 explains how we add an auxiliary loss to balance the load across experts.", "the paper's layout"),
    ("In this work, we add an auxiliary loss to balance the load across experts.", "the paper's overview"),
    ("We propose a novel auxiliary loss to balance the load across experts.", "the paper's overview"),
    ("Prior work adds an auxiliary loss to balance the load across experts (Lepikhin et al., 2020; Fedus et al., "
     "2021).", "related work citing several papers"),
    ("Shazeer & Dean (2017) add an auxiliary loss to balance the load across experts.", "another work's method"),
    ("We add an auxiliary loss to balance the load across experts and keep state-of-the-art accuracy.",
     "what it achieves"),
    ("Heron balances the load across experts and maintains stable accuracy.", "what it achieves"),
])
def test_a_mechanism_sentence_of_the_method_outranks_the_same_words_elsewhere(sentence: str, why: str) -> None:
    from synth.retrieve.asks.mechanism import mechanism_score

    asked = _mechanism("the load balanced across experts")
    weights = {"load": 1.25, "balanc": 0.74, "expert": 0.52}
    method = "We add an auxiliary loss to balance the load across experts."
    assert mechanism_score(sentence, asked, False, True, weights) < mechanism_score(method, asked, False, True,
                                                                                     weights), why


def test_an_outcome_word_the_question_asks_about_is_no_outcome() -> None:
    from synth.retrieve.asks.mechanism import mechanism_score

    robust, balanced = _mechanism("keep the robustness across experts"), _mechanism("keep the balance across experts")
    sentence = "We add an auxiliary loss to keep the {} across experts."
    score = mechanism_score(sentence.format("robustness"), robust, False, True, {"robust": 1.25, "expert": 0.52})
    assert score > 0
    assert score == mechanism_score(sentence.format("balance"), balanced, False, True, {"balanc": 1.25, "expert": 0.52})


@pytest.mark.parametrize(("sentence", "says_how"), [
    ("Specifically, we partition the query and key vectors into two groups and compute two separate maps.", True),
    ("We partition the query and key vectors into two groups.", True),
    ("We observe that the attention maps are sparse in most heads.", False),
    ("The results show that the maps are sparse, as Table 2 reports.", False),
])
def test_a_we_sentence_after_one_stating_the_mechanism_goes_on_saying_how(sentence: str, says_how: bool) -> None:
    from synth.retrieve.asks.mechanism import continuation_score

    asked = _mechanism("differential attention compute attention scores")
    assert (continuation_score(sentence, asked, 5.0, 1) > 0) is says_how


def test_the_verbs_of_an_asked_mechanism_weigh_less_than_what_it_acts_on() -> None:
    from synth.retrieve.asks.mechanism import verbs_of

    assert verbs_of("reduce the memory taken by the key-value cache during inference") == {"reduc", "taken"}
    assert verbs_of("the load balanced across experts during training") == frozenset()


def test_sentences_after_one_stating_the_mechanism_say_how() -> None:
    from synth.retrieve.asks.mechanism import continuation_score, heading_anchor

    asked = _mechanism("the load balanced across experts during training")
    assert continuation_score("To be specific, we introduce a bias term for each expert and add it to the scores.",
                              asked, 6.0, 1) == 5.0
    assert continuation_score("This leads to routing collapse and is a known problem of such models.", asked, 6.0,
                              1) == 0.0
    assert heading_anchor("3.3. Load Balance Consideration", asked, {"load": 1.25, "balanc": 0.74}) > 0
    assert heading_anchor("3.4. Training Details", asked, {"load": 1.25, "balanc": 0.74}) == 0.0


@pytest.mark.parametrize(("sentence", "reference"), [
    ("After fine-tuning on the cold start data, we apply the same large-scale reinforcement learning training "
     "process as employed in DeepSeek-R1-Zero.", True),
    ("Following DeepSeek-R1-Zero, we apply rule-based rewards.", True),
    ("DeepSeek-R1-Zero, a model trained via large-scale reinforcement learning, reasons well.", False),
    ("We train DeepSeek-R1-Zero with GRPO, as employed in DeepSeekMath.", False),
])
def test_a_subject_named_only_as_a_point_of_reference_is_not_the_sentence_s_actor(sentence: str,
                                                                                  reference: bool) -> None:
    from synth.retrieve.asks.scope import Scope, only_as_reference

    start = sentence.index("DeepSeek-R1-Zero")
    scope = Scope(True, "DeepSeek-R1-Zero", None, None, ((start, start + len("DeepSeek-R1-Zero")),), (), sentence)
    assert only_as_reference(scope, sentence) is reference


@pytest.mark.parametrize(("phrase", "label", "matched"), [
    ("context length", "context_len", True), ("key-value heads", "n_kv_heads", True), ("experts", "num_experts", True),
    ("context length of", "context_len", False), ("hidden size", "hidden_dim", False),
    ("hidden dimension", "hidden_dim", True), ("feed-forward hidden dimension", "hidden_dim", False),
    ("attention heads", "n_heads", False),
])
def test_a_claim_phrase_names_a_code_label_only_with_every_word_stated(phrase: str, label: str, matched: bool) -> None:
    """The verifier's reading of the same matcher (synth.verify.labels): a word the label leaves out
    would be a qualifier it does not state."""
    assert bool(abbreviated_property(phrase, label, every_word=True)) is matched


@pytest.mark.parametrize(("label", "asked", "part"), [
    ("Heads (Q / KV)", "8 key-value heads", 1), ("Heads (Q / KV)", "16 query heads", None),
    ("# Experts (Total / Activated)", "activates 8 experts", 1), ("Heads (Q / KV)", "32 heads", None),
])
def test_the_part_of_a_pair_label_a_wording_names(label: str, asked: str, part: int | None) -> None:
    assert pair_part(pair_names(label), asked) == part


def test_a_qualifier_names_the_part_of_a_pair() -> None:
    assert pair_part(pair_names("# Experts (Total / Activated)"), "activated experts", ("activ",)) == 1


@pytest.mark.parametrize(("caption", "entity", "variant"), [
    ("Table 2: Performance of Kimi k1.5 long-CoT and flagship open-source and proprietary models.", "Kimi k1.5",
     "long-CoT"),
    ("Table 3: Performance of Kimi k1.5 short-CoT and flagship models.", "Kimi k1.5", "short-CoT"),
    ("Table 17: Comparison among Qwen3-235B-A22B (Thinking) and other reasoning models.", "Qwen3-235B-A22B",
     "thinking"),
    ("Table 4: Kimi k1.5 and other models on vision benchmarks.", "Kimi k1.5", None),
])
def test_a_caption_gives_the_variant_written_after_the_name(caption: str, entity: str, variant: str | None) -> None:
    assert caption_entity_variant(caption, entity) == variant


_GROUPED = Table("t", "d", "Table 1: critical batch size and noise scale.",
                 ("", "Critical Batch Size Start", "Critical Batch Size Average", "Simple Noise Scale Start"),
                 (("ImageNet", "1,000", "15,000", "4,000"),), ("",), 0, 0, 24)


@pytest.mark.parametrize(("label", "asked", "setting"), [
    ("Critical Batch Size Start", "critical batch size", "Start"),
    ("Critical Batch Size Average", "critical batch size", "Average"),
    ("Simple Noise Scale Start", "critical batch size", None),  # one column of its group: no shared header
    ("Critical Batch Size Start", "batch size", None),  # "Critical" is a word of the group the question lacks
])
def test_a_spanning_header_joined_to_its_columns_is_the_label(label: str, asked: str, setting: str | None) -> None:
    """The PDF reader writes "Critical Batch Size" over "Start | Average" as two labels; the critical batch size
    was "not stated" while the table gives it for ImageNet, early and averaged."""
    record = TableRecord(_GROUPED, "ImageNet", None, label, 1.0, "1,000", 0, 1)
    found = _grouped_label(PlanAttribute(asked, AttributeKind.QUANTITY, (asked,), "test"), record)
    assert (found.setting if found else None) == setting


def test_a_benchmark_named_like_the_asked_noun_is_not_its_label() -> None:
    """"How much does accuracy drop": GPT-4o's DROP score (83.7) was given as its accuracy drop."""
    table = Table("t", "d", "Table 4", ("Benchmark (Metric)", "GPT-4o"), (("DROP (3-shot F1)", "83.7"),), ("",),
                  0, 0, 1)
    record = TableRecord(table, "GPT-4o", None, "DROP (3-shot F1)", 83.7, "83.7", 0, 1)
    drop = PlanAttribute("accuracy drop", AttributeKind.QUANTITY, ("accuracy drop",), "test")
    assert _bare_head(drop, record) is None
    heads = TableRecord(table, "GPT-4o", None, "Heads", 8.0, "8", 0, 1)
    assert _bare_head(PlanAttribute("attention heads", AttributeKind.QUANTITY, ("attention heads",), "test"), heads)


def test_a_label_with_a_number_glued_to_its_word_names_a_set_not_the_noun() -> None:
    """RMSNorm's Table 2 heads its BLEU columns "Test14" and "Test17" (newstest2014, newstest2017): read as the bare
    noun of "test error", they gave 22.4 BLEU as RMSNorm's ConvPool-CNN-C test error (8.83%, Table 10)."""
    table = Table("t", "d", "Table 2: SacreBLEU score", ("Model", "Test14", "Test17", "Time"),
                  (("RMSNorm", "22.4", "23.7", "501±11.8s"),), ("",), 0, 0, 6)
    asked = PlanAttribute("test error", AttributeKind.QUANTITY, ("test error", "Test Error"), "test")
    assert _bare_head(asked, TableRecord(table, "RMSNorm", None, "Test14", 22.4, "22.4", 0, 1)) is None
    test = Table("t", "d", "Table 1", ("Model", "Test"), (("RMSNorm", "8.83"),), ("",), 0, 0, 6)
    assert _bare_head(asked, TableRecord(test, "RMSNorm", None, "Test", 8.83, "8.83", 0, 1))


@pytest.mark.parametrize(("text", "asked", "values"), [
    ("In our experiments, we utilize DeepSeek-LLM (1.5B and 7B) [3] with a maximum supported sequence length of "
     "4096 as the base language model.", "language model", ["DeepSeek-LLM"]),
    ("We use AdamW as the optimizer.", "optimizer", ["AdamW"]),
    ("We use the same settings as the base language model.", "language model", []),  # no name used as it
])
def test_a_name_used_as_the_asked_thing_is_its_value(text: str, asked: str, values: list[str]) -> None:
    """Janus-Pro-7B's base language model is named only by what it is used as."""
    attribute = PlanAttribute(asked, AttributeKind.TEXT, (asked,), "test")
    assert text_values(text, attribute) == values


def test_a_procedures_condition_is_a_how_not_a_wish() -> None:
    """BERT's 'If the i-th token is chosen, we replace the i-th token with (1) the [MASK] token 80% of the time …'
    scored 0 for 'How does BERT choose and replace the tokens it masks': 'if the' was read as a supposition."""
    from synth.retrieve.asks.mechanism import mechanism_score

    asked = PlanAttribute("choose and replace the tokens it masks", AttributeKind.MECHANISM,
                          ("choose and replace the tokens it masks",), "test")
    procedure = ("If the i-th token is chosen, we replace the i-th token with (1) the [MASK] token 80% of the time "
                 "(2) a random token 10% of the time (3) the unchanged i-th token 10% of the time.")
    assert mechanism_score(procedure, asked, True, True) > 0
    wish = "If the tokens were chosen by a learned policy, we would replace fewer masked tokens."
    assert mechanism_score(wish, asked, True, True) == 0
