"""Training settings stated in prose (issue 9): a peak learning rate written as the value a warm-up reaches,
warm-up steps written as "the first N steps", a batch size that ramps up, numbers written as words, and a
name of the asked kind the subject uses without the asked noun ("We use Adam with …")."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute, PlanSubject
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.kinds import denied_where_stated, names_modifiers, used_terms
from synth.retrieve.asks.qualified import keep_qualified
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.scope import _short_form
from synth.retrieve.asks.terms import text_values

V3 = ("As for the learning rate scheduling, we first linearly increase it from 0 to 2.2 × 10−4 during the first 2K "
      "steps.")
MOE = ("The maximum learning rate for DeepSeekMoE 16B is set to 4.2 × 10−4 , and the gradient clipping norm is set "
       "to 1.0.")
BERT = ("We use Adam with learning rate of 1e-4, β1 = 0.9, β2 = 0.999, L2 weight decay of 0.01, learning rate warmup "
        "over the first 10,000 steps, and linear decay of the learning rate.")
DIFF = "The maximal learning rate is 3.2e-4 with 1000 warmup steps and linearly decays to 1.28e-5."
RAMP = ("We employ a batch size scheduling strategy, where the batch size is gradually increased from 3072 to 15360 "
        "in the training of the first 469B tokens, and then keeps 15360 in the remaining training.")
DECAY = "Then, we keep a constant learning rate of 2.2 × 10−4 until the model consumes 10T training tokens."


def _quantity(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")


def _values(text: str, name: str) -> list[str]:
    return [raw for raw, *_ in quantity_values(text, _quantity(name), frozenset())]


@pytest.mark.parametrize(("text", "name", "values"), [
    (V3, "peak learning rate", ["2.2 × 10−4"]),
    (V3, "number of warmup steps", ["2K"]),
    (MOE, "maximum learning rate", ["4.2 × 10−4"]),
    (BERT, "peak learning rate", ["1e-4"]),
    (BERT, "warmup steps", ["10,000"]),
    (DIFF, "peak learning rate", ["3.2e-4"]),
    (DIFF, "warmup steps", ["1000"]),
    (RAMP, "batch size", ["15360"]),
    ("We also increase the context size from 512 to 1024 tokens and a larger batchsize of 512 is used.",
     "context size", ["1024"]),
    ("We scale up the context window from 4K to 32K.", "context window", ["32K"]),
    ("A warmup over the first 2048 updates.", "warmup steps", ["2048"]),
    ("Subsequently, the learning rate decays to 2.2 × 10−5 over 4.3T tokens.", "peak learning rate", []),
    ("The learning rate is 8e-5.", "peak learning rate", []),
    ("We trained for a single epoch over the full reward model training set.", "epochs", ["single"]),
    # the two experts each token is sent to are a per-token count, not the model's experts
    ("For every token, a router network selects two experts to process the current state.", "experts", []),
    ("For every token, a router network selects two experts to process the current state.", "experts per token",
     ["two"]),
    ("One of the layers is frozen.", "layers", []),
    # up to two modifiers between a count and its noun: "two fully connected hidden layers", "50 real-world queries"
    ("A neural network model with two fully connected hidden layers with 1000 hidden units each is used.",
     "hidden layers", ["two"]),
    ("We constructed RealQuery, a test dataset consisting of 50 real-world research queries.", "queries", ["50"]),
    ("Next, we introduce three patching functions.", "average patch size", []),
    # "number of epochs" asks the epochs a source counts ("3 epochs"); "parameter count" keeps its own words
    ("We fine-tune for 3 epochs with a learning rate of 5e-5.", "number of epochs", ["3"]),
    ("The model has a parameter count of 340M.", "parameter count", ["340M"]),
])
def test_settings_stated_in_prose(text: str, name: str, values: list[str]) -> None:
    """peak, max, maximum and maximal are one modifier; the value a warm-up rises to is the peak, the schedule's
    first N steps its warm-up; a decayed or unqualified learning rate is no peak; "one of" is no count."""
    assert _values(text, name) == values


V3_EXPERTS = ("Each MoE layer consists of 1 shared expert and 256 routed experts, where the intermediate hidden "
              "dimension of each expert is 2048.")
V3_ACTIVATED = "Among the routed experts, 8 experts will be activated for each token."
MOE16_ROUTED = "Each token will be routed to these 2 shared experts and 6 out of 64 routed experts."
SWITCH_ONE = "We instead use a simplified strategy where we route to only a single expert."
GSHARD_TWO = "We choose to let each token dispatched to at most two experts."
V3_SELECTS = "Note that although DeepSeek-V3 selects only 8 routed experts in practice, it can scale up."


@pytest.mark.parametrize(("text", "name", "values"), [
    (V3_EXPERTS, "number of routed experts", ["256"]),
    (V3_EXPERTS, "shared experts", ["1"]),
    (V3_ACTIVATED, "number of routed experts", []),
    (V3_SELECTS, "number of routed experts", []),
    (V3_ACTIVATED, "activated experts per token", ["8"]),
    (V3_ACTIVATED, "experts per token", ["8"]),
    (V3_EXPERTS, "activated experts per token", []),
    ("It comprises 236B total parameters, of which 21B are activated for each token.",
     "activated experts per token", []),
    ("It comprises 236B total parameters, of which 21B are activated for each token.",
     "activated parameters", ["21B"]),
    (MOE16_ROUTED, "activated routed experts per token", ["6"]),
    (MOE16_ROUTED, "routed experts", ["64"]),
    (SWITCH_ONE, "experts activated per token", ["single"]),
    (SWITCH_ONE, "number of experts", []),
    (GSHARD_TWO, "activated experts per token", ["two"]),
    (GSHARD_TWO, "number of experts", []),
])
def test_a_count_of_the_members_chosen_per_input_is_not_the_set_s_size(text: str, name: str,
                                                                         values: list[str]) -> None:
    """"8 experts will be activated" counts the chosen experts, not the routed ones (DeepSeek-V3 was given 8 routed
    experts); a singular noun counts ("1 shared expert"); a bare "21B" stands for parameters, never experts."""
    assert _values(text, name) == values


@pytest.mark.parametrize(("text", "name", "values"), [
    ("For example, Chinchilla 70B achieves compression rates of 43.4% on ImageNet patches.", "compression rates", []),
    ("Llama 2 70B reaches a learning rate of 3e-4.", "learning rate", ["3e-4"]),
    ("It has 671B total parameters.", "total parameters", ["671B"]),
    ("We compute the compression rate for all subsequences of 2048 bytes.", "compression rate", []),
    ("Three factors drive the advance of AI: algorithmic innovation, data, and compute.", "factor", []),
    ("The compute needed fell by a factor of 44 over seven years.", "factor", ["44"]),
    ("The learning rate for DeepSeek-V3 is 2.2e-4.", "learning rate", ["2.2e-4"]),
])
def test_a_size_inside_a_name_and_a_number_of_another_noun_are_no_value(text: str, name: str,
                                                                          values: list[str]) -> None:
    """"Chinchilla 70B" names a model, its 70B is no compression rate; "for all subsequences of 2048" is the
    subsequences' length ("for <Name> of" only when a name follows)."""
    assert _values(text, name) == values


def _candidate(quote: str, value: str) -> Candidate:
    evidence = Evidence("x.pdf", "x", quote, 0, len(quote), 1, None, PassageKind.TEXT)
    return Candidate("M", "peak learning rate", "M", None, value, 1.0, None, evidence, False, True, True)


def test_a_peak_is_kept_where_the_sentence_states_the_schedule_s_highest_value() -> None:
    asked = _quantity("peak learning rate")
    kept = keep_qualified(asked, [_candidate(V3, "2.2 × 10−4"), _candidate(MOE, "4.2 × 10−4"),
                                  _candidate(BERT, "1e-4"), _candidate(DECAY, "2.2 × 10−4")])
    assert [c.evidence.quote for c in kept] == [V3, MOE, BERT]


KINDS = ("Adam", "AdamW", "SwiGLU", "ReLU", "Rotary Position Embedding", "RoPE")


@pytest.mark.parametrize(("text", "used"), [
    ("We use Adam with learning rate of 1e-4, β1 = 0.9.", ["Adam"]),
    ("Models were trained with AdamW (Loshchilov & Hutter, 2017) and gradient norm clipping.", ["AdamW"]),
    ("For Mixtral we use the same SwiGLU architecture as the expert function.", ["SwiGLU"]),
    ("To incorporate positional information, we apply Rotary Position Embeddings (RoPE) to q and k.",
     ["Rotary Position Embeddings"]),
    ("We use SwiGLU instead of ReLU.", ["SwiGLU"]),
    ("We do not use Adam.", []),
    ("Adam is a popular optimizer.", []),
])
def test_a_name_of_the_asked_kind_the_subject_uses(text: str, used: list[str]) -> None:
    """The subject puts the name to use (use, employ, apply, trained with); not a name it rejects or merely
    mentions."""
    assert used_terms(text, KINDS) == used


def test_a_name_before_a_two_word_asked_noun_is_a_value() -> None:
    """"ReLU [29] activation function": the asked noun goes on after "activation"."""
    asked = PlanAttribute("activation function", AttributeKind.TEXT, ("activation function",), "test")
    text = "Every expert applies to xs a fully-connected 2-layer network using ReLU [29] activation function."
    assert text_values(text, asked, {}, "") == ["ReLU"]


@pytest.mark.parametrize(("term", "asked", "kind"), [
    ("Rotary Position Embeddings", "positional encoding", True),
    ("WordPiece embeddings", "positional encoding", False),
    ("Byte-Pair Encoding", "positional encoding", False),
    ("GELU", "activation function", True),
])
def test_a_term_of_one_sentence_carries_the_asked_modifiers(term: str, asked: str, kind: bool) -> None:
    """An embedding is a positional encoding only when it says "position": BERT's "WordPiece embeddings" and
    GPT-2's byte-pair encoding are no positional encodings."""
    assert names_modifiers(term, PlanAttribute(asked, AttributeKind.TEXT, (asked,), "test")) is kind


@pytest.mark.parametrize(("text", "values"), [
    ("scaling weakly supervised speech recognition to 680,000 hours of labeled audio data.", ["680,000"]),
    ("At 680,000 hours of labeled audio, the dataset is one of the largest.", ["680,000"]),
    ("The dataset also includes 125,000 hours of translation data.", []),  # hours of something else
])
def test_a_count_in_a_unit_of_a_thing_is_read_with_the_thing_qualified(text: str, values: list[str]) -> None:
    """"hours of audio" (Whisper): a source writes the unit, "of", then the thing with a word of its own between."""
    assert _values(text, "hours of audio") == values


def test_a_count_of_tokens_is_no_tokenizer() -> None:
    """"trained on 2T tokens" was DeepSeekMoE 16B's "tokenizer" (marked supported): the stems meet (token / tokeniz),
    the things do not."""
    assert _values("Scaling up to 16B total parameters, we train DeepSeekMoE 16B on 2T tokens.", "tokenizer") == []
    assert _values("Scaling up to 16B total parameters, we train DeepSeekMoE 16B on 2T tokens.", "tokens") == ["2T"]


QWEN = ("The architecture of the Qwen3 dense models is similar to Qwen2.5 (Yang et al., 2024b), including using "
        "Grouped Query Attention (GQA, Ainslie et al., 2023), SwiGLU (Dauphin et al., 2017), Rotary Positional "
        "Embeddings (RoPE, Su et al., 2024), and RMSNorm (Jiang et al., 2023) with pre-normalization.")
LIST_KINDS = ("GELU", "SwiGLU", "rotary positional embeddings", "RoPE", "Adam")


@pytest.mark.parametrize(("text", "used"), [
    (QWEN, ["SwiGLU", "Rotary Positional Embeddings"]),
    ("We use Adam, and the model reaches 50% with SwiGLU.", ["Adam"]),  # a new clause is no item of the list
    ("We use dropout, label smoothing and SwiGLU (Shazeer, 2020).", ["SwiGLU"]),
])
def test_a_name_listed_after_the_verb_of_use_is_used(text: str, used: list[str]) -> None:
    """"including using GQA (…), SwiGLU (…), Rotary Positional Embeddings (…)": every item of the list the verb
    governs is put to use, its citations aside; not a name in a clause of its own after the list."""
    assert used_terms(text, LIST_KINDS) == used


@pytest.mark.parametrize(("text", "used"), [
    ("We use a gelu activation (Hendrycks and Gimpel, 2016) rather than the standard relu, following OpenAI GPT.",
     ["gelu"]),
    ("We use gelu.", []),  # lower case alone could be any word: the asked noun must follow
])
def test_a_name_in_lower_case_is_used_when_the_asked_noun_follows(text: str, used: list[str]) -> None:
    """BERT writes "a gelu activation": the library's GELU in lower case, named as such by the asked noun after it."""
    assert used_terms(text, LIST_KINDS, ("activation",)) == used


def test_a_name_s_tokenizer_is_a_tokenizer() -> None:
    """"Qwen3 models utilize Qwen's tokenizer (…), which implements byte-level byte-pair encoding": the tokenizer
    is named by whose it is."""
    asked = PlanAttribute("tokenizer", AttributeKind.TEXT, ("tokenizer",), "test")
    text = ("Qwen3 models utilize Qwen’s tokenizer (Bai et al., 2023), which implements byte-level byte-pair encoding "
            "(BBPE, Brown et al., 2020) with a vocabulary size of 151,669.")
    assert text_values(text, asked, {}, "") == ["Qwen’s tokenizer"]


def test_the_process_noun_names_the_agent_noun_s_kind() -> None:
    """"after WordPiece tokenization": the tokenizer is WordPiece ("-ization" is what a "-izer" does)."""
    asked = PlanAttribute("tokenizer", AttributeKind.TEXT, ("tokenizer",), "test")
    text = "The LM masking is applied after WordPiece tokenization with a uniform masking rate of 15%."
    assert text_values(text, asked, {}, "") == ["WordPiece"]


@pytest.mark.parametrize(("text", "term", "denied"), [
    ("The LM masking is applied after WordPiece tokenization with a uniform masking rate of 15%, and no special "
     "consideration given to partial word pieces.", "WordPiece", False),
    ("We do not use WordPiece tokenization, and the vocabulary is small.", "WordPiece", True),
    ("The model has no WordPiece tokenizer.", "WordPiece", True),
])
def test_a_denial_counts_only_in_the_clause_stating_the_term(text: str, term: str, denied: bool) -> None:
    """A "no" in a clause of its own ("…, and no special consideration given …") denies nothing of the term."""
    assert denied_where_stated(text, term) is denied


@pytest.mark.parametrize(("text", "values"), [
    ("We employ tiktoken-cl100k_base tokenizer.", ["tiktoken-cl100k_base"]),
    ("We train on 2x8 tokenizer shards.", []),  # a count, not a name
])
def test_a_name_spelt_as_code_before_the_asked_noun_is_a_value(text: str, values: list[str]) -> None:
    """A lower-case identifier with digits or underscores ("tiktoken-cl100k_base") names the tokenizer it heads."""
    asked = PlanAttribute("tokenizer", AttributeKind.TEXT, ("tokenizer",), "test")
    assert text_values(text, asked, {}, "") == values


@pytest.mark.parametrize(("text", "values"), [
    ("Our final run of k1.5 scales to 128k context length and observes continued improvement.", ["128k"]),
    ("The model supports a 128K context length.", ["128K"]),
])
def test_a_thousand_written_as_a_lower_case_k_is_a_figure(text: str, values: list[str]) -> None:
    """"128k context length" (Kimi k1.5) is 128 thousand, not a name like "k1.5"."""
    assert _values(text, "context length") == values


@pytest.mark.parametrize(("name", "short"), [
    ("k1.5", True),     # "Our final run of k1.5 scales to 128k" in the Kimi k1.5 paper
    ("8x7B", True),
    ("7B", False),      # a size alone: other models of the paper have sizes too
    ("k2", False),
])
def test_a_model_goes_by_the_code_after_its_family_name(name: str, short: bool) -> None:
    subjects = [PlanSubject(n, (n,), "test") for n in ("Kimi k1.5", "Mixtral 8x7B", "Mistral 7B")]
    assert any(_short_form(s, name) for s in subjects) is short


def test_a_count_of_things_named_by_their_model_is_a_count_of_the_things() -> None:
    """"64 A100 GPUs": a hardware model's code between the number and the noun (nGPT's GPUs); "8 GPUs per node"
    counts per node."""
    text = "We trained our models using 64 A100 GPUs distributed across 8 nodes (8 GPUs per node)."
    assert _values(text, "number of GPUs") == ["64"]


GSHARD_VOCABULARIES = ("We used SentencePiece [89] subword tokenizer with a single multilingual vocabulary for "
                       "source-side spanning 102 languages of size 64000, and English-only target-side vocabulary of "
                       "size 32000.")


@pytest.mark.parametrize(("name", "values"), [
    ("source-side vocabulary size", ["64000"]),
    ("target-side vocabulary size", ["32000"]),
    ("vocabulary size", ["64000", "32000"]),
])
def test_a_size_written_after_its_noun_is_the_noun_s_size(name: str, values: list[str]) -> None:
    """"a vocabulary for source-side … of size 64000" (GShard): the size follows its noun; each side's modifier is
    said with its own noun, not just somewhere in the sentence."""
    assert _values(GSHARD_VOCABULARIES, name) == values


@pytest.mark.parametrize(("text", "values"), [
    ("Mixtral was trained with a context size of 32k tokens.", []),
    ("We train the model on 2T tokens with a sequence length of 4096 tokens.", ["2T"]),
])
def test_a_length_in_tokens_is_no_amount_of_training_tokens(text: str, values: list[str]) -> None:
    """"Mixtral was trained with a context size of 32k tokens" gives its context, not its training tokens (the
    Mixtral paper states none)."""
    assert _values(text, "training tokens") == values


LSTM_SETUP = ("For language modeling, we train a size-2048 LSTM [HS97] on the One Billion Word Benchmark corpus "
              "[CMS+13], using byte pair encoding (BPE) [SHB15] with a vocabulary of size 40,000 and a 512-dimensional "
              "embedding space.")


@pytest.mark.parametrize(("name", "values"), [
    ("BPE vocabulary size", ["40,000"]),
    ("embedding dimension", ["512"]),
    ("hidden dimension", []),
])
def test_sizes_written_after_the_noun_and_as_an_adjective(name: str, values: list[str]) -> None:
    """An Empirical Model of Large-Batch Training's LSTM: "a vocabulary of size 40,000", "a 512-dimensional embedding
    space"."""
    assert _values(LSTM_SETUP, name) == values


@pytest.mark.parametrize(("text", "name", "values"), [
    ("In all experiments we train for 10,000 steps using a batch size of 512 and a sequence length of 8,192.",
     "training steps", ["10,000"]),
    ("We trained the models for 3 days on 8 GPUs.", "training steps", []),
])
def test_training_steps_said_with_the_verb(text: str, name: str, values: list[str]) -> None:
    """"we train for 10,000 steps" (the p-RoPE experiments) gives the training steps; "for 3 days" is no step count."""
    assert _values(text, name) == values


def test_the_asked_part_s_own_acronym_is_no_variant_of_it() -> None:
    """"Reviewing the Feed-Forward Network (FFN) Layer." names the asked part, not which variant Switch-XXL uses
    (it filled the cell with "FFN"); a layer and a network are one part."""
    asked = PlanAttribute("feed-forward layer variant", AttributeKind.TEXT, ("feed-forward layer variant",), "test")
    text = "Reviewing the Feed-Forward Network (FFN) Layer."
    assert text_values(text, asked, {"FFN": "Feed-Forward Network"}, "feed-forward network") == []


def test_a_count_in_millions_is_read_whole() -> None:
    """"72 million samples" is 72 million, never a plain 72 (it slipped past the other asked count's contrast words
    in Janus-Pro's "how many samples … added to Stage II")."""
    assert _values("In Janus-Pro, we incorporate approximately 72 million samples of synthetic aesthetic data.",
                   "samples") == ["72 million"]
