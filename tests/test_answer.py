"""Retrieval per ask, the answer, findings and review on the small library of tests/fixtures/asks: golden
answers in tests/fixtures/asks/answers.yaml, and the rules that keep an answer honest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from libraries import asks_report

from synth.build import prepare_library
from synth.config import Question
from synth.index import PassageIndex
from synth.models import AnswerCell, Library, Passage, Relation, Verdict
from synth.plan import make_plan
from synth.retrieve.asks import metric_values, quantity_values, retrieve_asks
from synth.retrieve.sentences import is_meta, is_reference_entry, sentences
from synth.serialize import report_from_json, report_to_json

ASKS = Path(__file__).parent / "fixtures" / "asks"
CASES = yaml.safe_load((ASKS / "answers.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return prepare_library(ASKS / "library", tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize("case", CASES, ids=[c["question"][:40] for c in CASES])
def test_answers_match_the_golden_cells_and_gaps(case: dict, library: tuple[Library, PassageIndex]) -> None:
    answer = asks_report(case["question"], library).answer
    assert answer is not None and answer.status == case["status"]
    cells = [f"{c.subject} | {c.attribute} | {c.value} | {c.variant}" for c in answer.cells]
    assert sorted(cells) == sorted(case["cells"])
    assert sorted(f"{n.subject} | {n.attribute}" for n in answer.not_stated) == sorted(case["not_stated"])


def test_every_cell_quotes_where_it_was_read(library: tuple[Library, PassageIndex]) -> None:
    answer = asks_report(CASES[0]["question"], library).answer
    assert answer is not None
    for cell in answer.cells:
        evidence = cell.evidence[0]
        assert evidence.quote and evidence.source in ("kestrel", "heron")
        if evidence.table_caption:
            assert evidence.quote.endswith(f"| {cell.value}")  # the row label, the column header, the value
    table = next(c for c in answer.cells if c.attribute == "activated parameters" and c.subject == "Kestrel 8x2B")
    assert table.evidence[0].quote == "Kestrel 8x2B | Active Params | 4B" and table.verdict is Verdict.SUPPORTED


def test_a_neighbour_value_is_never_used(library: tuple[Library, PassageIndex]) -> None:
    lib, index = library
    plan = make_plan(Question(title="A question", question="What does Kestrel 8x9B score on MathQA-Pro and "
                                                            "MathQA, and how many tokens was it trained on?"), lib)
    asks = {(a.subject.name, a.attribute.name): a for a in retrieve_asks(plan, lib, index)}
    assert {c.value for c in asks[("Kestrel 8x9B", "MathQA")].candidates} == {"61.7"}
    assert {c.value for c in asks[("Kestrel 8x9B", "MathQA-Pro")].candidates} == {"41.0"}
    tokens = next(a for k, a in asks.items() if k[0] == "Kestrel 8x9B" and "token" in k[1])
    assert tokens.candidates == ()  # Kestrel 8x2B's 3 trillion tokens is another model's
    assert "Kestrel 8x2B" in tokens.neighbours


def test_a_method_question_gets_the_sentences_that_state_the_mechanism(library: tuple[Library, PassageIndex]) -> None:
    report = asks_report("How does Kestrel balance the load across experts?", library)
    assert report.plan is not None and report.plan.relation is Relation.MECHANISM
    [mechanism] = report.answer.mechanisms if report.answer else ()
    assert "auxiliary loss" in mechanism.sentences[0].quote


@pytest.mark.parametrize(("text", "values"), [
    ("Each token has access to 16B parameters, but only uses 4B active parameters during inference.", ["16B"]),
    ("The models span from 1B to 34B parameters.", []),
    ("We train models at multiple scales from 1B up to 8B parameters.", []),
])
def test_counts_are_read_next_to_their_noun_and_not_from_ranges(text: str, values: list[str],
                                                                library: tuple[Library, PassageIndex]) -> None:
    lib, _ = library
    plan = make_plan(Question(title="A question", question="What are the total parameters of Kestrel 8x2B?"), lib)
    assert [v[0] for v in quantity_values(text, plan.attributes[0], frozenset({"activ"}))] == values


def test_scores_are_read_next_to_their_benchmark_not_its_other_versions(library: tuple[Library, PassageIndex]) -> None:
    lib, _ = library
    plan = make_plan(Question(title="A question", question="What does Heron-7B score on MathQA?"), lib)
    text = "Heron-7B reaches 40.0 on MathQA and 20.1 on MathQA-Pro."
    assert [v[0] for v in metric_values(text, plan.attributes[0])] == ["40.0"]


def test_findings_bear_on_an_ask_and_never_are_meta_sentences(library: tuple[Library, PassageIndex]) -> None:
    report = asks_report(CASES[0]["question"], library)
    texts = [f.claim.text for f in report.findings]
    assert texts and all("Table 2 we compare" not in t for t in texts)
    assert all("Kestrel" in t or "Heron" in t or f.claim.source in ("kestrel", "heron")
               for t, f in zip(texts, report.findings, strict=True))
    assert is_meta("In Table 2 we compare Kestrel with the dense baselines.")
    assert is_meta("Attention Score Analysis Table 3 presents the scores given to the answer span.")  # run-in heading
    assert not is_meta("We note that Table 3 shows Kestrel ahead of Heron.")
    assert not is_meta("Inspection Of Parameters Figure 4 shows that Kestrel keeps a fixed norm.")
    assert is_reference_entry("[12] J. Doe. Kestrel models. In Proceedings of the Conference, pp. 1-9.")


def test_headings_are_split_from_the_sentences_they_are_glued_to() -> None:
    text = "2.1.2. Load Balancing\nTo balance the load, Kestrel adds an auxiliary loss. It works."
    passage = Passage("d", 0, text, 0, len(text), 1)
    assert [s.text for s in sentences(passage)] == ["2.1.2. Load Balancing", "To balance the load, Kestrel adds an "
                                                    "auxiliary loss.", "It works."]


def test_a_figure_s_ticks_on_the_next_line_end_the_sentence_before_them() -> None:
    """DeepSeek-V3's "The MTP loss weight λ is set to 0.3 …" was glued to Figure 8's axis ticks ("2K 11K 20K …") and
    never read; a break before a number on a new line after a full stop ("Fig.\n2" is no break)."""
    text = ("The loss weight is set to 0.3 for the first 10T tokens.\n2K 11K 20K 29K 38K Context Length\n"
            "See Fig.\n2 here.")
    passage = Passage("d", 0, text, 0, len(text), 1)
    assert [s.text for s in sentences(passage)] == ["The loss weight is set to 0.3 for the first 10T tokens.",
                                                    "2K 11K 20K 29K 38K Context Length See Fig. 2 here."]


def test_review_rewards_an_honest_cannot_answer_and_penalises_gaps(library: tuple[Library, PassageIndex]) -> None:
    honest = asks_report("What does Osprey-9B score on SWE-Bench?", library)
    partial = asks_report(CASES[1]["question"], library)
    full = asks_report(CASES[0]["question"], library)
    scores = {s.reviewer: s.score for s in partial.review.scores}
    assert scores["answered cells"] == pytest.approx(6.7)
    assert honest.review.overall >= 9.0 > partial.review.overall
    assert full.review.overall > partial.review.overall


def test_report_json_carries_the_answer_and_round_trips(library: tuple[Library, PassageIndex]) -> None:
    report = asks_report(CASES[0]["question"], library)
    data = json.loads(report_to_json(report))
    assert data["answer"]["status"] == "partial"
    cell = data["answer"]["cells"][0]
    assert {"subject", "attribute", "value", "unit", "variant", "verdict", "evidence", "disagreements"} <= set(cell)
    assert {"source", "page", "quote"} <= set(cell["evidence"][0])
    assert data["answer"]["not_stated"] == [{"subject": "Heron-7B", "attribute": "total parameters",
                                             "reason": data["answer"]["not_stated"][0]["reason"]}]
    assert report_from_json(report_to_json(report)) == report


def test_the_committed_report_schema_is_generated_from_the_model() -> None:
    from synth.serialize import report_schema

    committed = (Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == report_schema(), "run `synth schema` and commit schemas/report.schema.json"
    schema = json.loads(committed)
    cell = schema["$defs"]["AnswerCell"]["properties"]
    assert {"subject", "attribute", "value", "unit", "variant", "verdict", "evidence", "disagreements"} <= set(cell)
    assert set(schema["$defs"]["Answer"]["properties"]) >= {"status", "text", "cells", "not_stated"}


def test_report_json_validates_against_the_published_schema(library: tuple[Library, PassageIndex]) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency")
    schema = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(json.loads(report_to_json(asks_report(CASES[0]["question"], library))), schema)


_DISSENT = re.compile(r"— (?:contradicted|not stated)\b|\b(?:insufficient|could not confirm|contradicted it)\b")


def verdict_agrees_with_explanation(cell: AnswerCell) -> bool:
    """A supported cell's explanation has no atom left contradicted or not stated; any other cell's
    explanation opens with its own verdict."""
    if cell.verdict is Verdict.SUPPORTED:
        return bool(cell.explanation) and not _DISSENT.search(cell.explanation)
    return cell.explanation.startswith(f"{cell.verdict.value}:")


@pytest.mark.parametrize("case", CASES, ids=[c["question"][:40] for c in CASES])
def test_a_cell_is_supported_only_when_its_verification_supports_it(case: dict,
                                                                      library: tuple[Library, PassageIndex]) -> None:
    answer = asks_report(case["question"], library).answer
    assert answer is not None
    for cell in answer.cells:
        assert verdict_agrees_with_explanation(cell), (cell.verdict, cell.explanation)


def test_answer_text_is_escaped_once_on_the_page() -> None:
    """Source text with '&' and '<' ("Agent & Coding") reaches the reader as written: the answer stage
    keeps plain text and the page escapes it once, in the cell, its explanation, the matrix, the paragraph
    and the mechanism sentences."""
    import dataclasses
    from html.parser import HTMLParser

    import markdown
    from test_render import _report as render_fixture

    from synth.models import Answer, Evidence, MechanismAnswer, NotStated, PassageKind
    from synth.render import render_report

    label = "Agent & Coding <i>v5</i>"
    quote = Evidence("src-a", "a.pdf", f"{label} | Zeta-7B | 41.0", 0, 40, 3, None, PassageKind.TEXT)
    cell = AnswerCell("Zeta-7B", label, "41.0", 41.0, None, "R&D; pass@1", "Zeta-7B", Verdict.SUPPORTED, 0.9,
                      (quote,), explanation=f"figure 41.0 — supported: the cell ({label} | Zeta-7B) is 41.0")
    mechanism = MechanismAnswer("Zeta-7B", "routing", (dataclasses.replace(quote, quote=f"It routes {label}."),))
    answer = Answer("partial", f"{label}: Zeta-7B 41.0.", ("Zeta-7B",), (label, "routing"), Relation.LOOKUP,
                    (cell,), (NotStated("Zeta-7B", "Q&A", f"No table gives Q&A for Zeta-7B & {label}."),),
                    (mechanism,))
    page = render_report(dataclasses.replace(render_fixture(), answer=answer), lambda key: None)
    html = markdown.markdown(page, extensions=["tables", "admonition", "attr_list", "footnotes",
                                               "pymdownx.details", "pymdownx.superfences"])

    class Visible(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.text: list[str] = []

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    reader = Visible()
    reader.feed(html)
    visible = " ".join(" ".join(reader.text).split())
    assert "&amp;" not in visible and "&lt;" not in visible
    assert visible.count(label) >= 4  # paragraph, cell heading, explanation, mechanism sentence
    assert "R&D; pass@1" in visible


def test_a_list_of_authors_is_a_reference_entry() -> None:
    assert is_reference_entry("Ruibin Xiong, Yunchang Yang, Di He, Kai Zheng, et al. On layer normalization in the "
                              "Transformer architecture.")
    assert not is_reference_entry("Switch Transformers, unlike dense models, route each token to one expert.")
