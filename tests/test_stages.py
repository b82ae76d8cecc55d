"""The middle stages on a tiny library: index (BM25), retrieve (screening), claims, review."""

from __future__ import annotations

from synth.claims import author_claims, extract_claims, is_complete_sentence
from synth.config import Question
from synth.index import PassageIndex, any_of, phrase
from synth.models import CheckedClaim, Library, Verdict
from synth.retrieve import screen
from synth.review import ReviewInput, review
from synth.verify import verify_claims


def _question(**fields: object) -> Question:
    return Question.model_validate({"title": "Test question", **fields})


def test_index_ranks_passages_and_keeps_query_syntax_inert(tiny_library: tuple[Library, PassageIndex]) -> None:
    _, index = tiny_library
    hits = index.search(phrase("Alpha-7B"))
    assert hits and all("Alpha" in h.passage.text or "alpha" in h.passage.text.lower() for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    hostile = index.search(any_of(['ahead" NEAR( * OR )']))
    assert [h.passage.section for h in hostile][:1] == ["Results"], "FTS5 syntax in a query is matched as words"
    assert index.search(phrase("CodeBench"), doc_ids=[]) == []


def test_screening_excludes_off_topic_sources_with_a_reason(tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    screening = screen(_question(question="How does CodeBench scale with model size?", keywords=["CodeBench"]),
                       library, index)
    decisions = {s.key: s for s in screening.screened}
    assert decisions["alpha"].included and decisions["alpha"].matched_terms == ("CodeBench",)
    assert not decisions["gamma"].included and decisions["gamma"].reason
    assert screening.answerable


def test_a_focus_term_no_source_mentions_makes_the_question_unanswerable(
        tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    screening = screen(_question(question="How does Delta-9B do on CodeBench?", keywords=["Delta-9B", "CodeBench"]),
                       library, index)
    assert screening.unanswered == ("Delta-9B",)
    assert not screening.answerable
    assert not any(s.included for s in screening.screened)
    alpha = next(s for s in screening.screened if s.key == "alpha")
    assert "no source mentions Delta-9B" in alpha.reason


def test_include_and_exclude_lists_rule_sources_out(tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    screening = screen(_question(question="What does CodeBench measure?", keywords=["CodeBench"],
                                 exclude=["alp*"]), library, index)
    alpha = next(s for s in screening.screened if s.key == "alpha")
    assert not alpha.included and "exclude" in alpha.reason


def test_claims_are_whole_relevant_sentences_and_relevant_table_cells(
        tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    question = _question(question="How well do models score on CodeBench?", keywords=["CodeBench"])
    claims = extract_claims(question, screen(question, library, index), library, index)
    texts = [c.text for c in claims]
    assert "Alpha-7B scores 41.2 on CodeBench, ahead of Beta-7B." in texts
    assert "Alpha-7B (instruction-tuned) scores 41.2 on CodeBench." in texts
    assert not any("MathBench" in t for t in texts), "cells of other measures do not answer the question"
    assert all(is_complete_sentence(t) for t in texts)
    source_claim = next(c for c in claims if c.origin == "source sentence")
    assert source_claim.source == "alpha" and source_claim.section == "Results"


def test_sentences_in_a_source_about_the_focus_term_count_without_repeating_it(
        tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    question = _question(question="How much data was Alpha-7B pre-trained on?", keywords=["Alpha-7B"])
    texts = [c.text for c in extract_claims(question, screen(question, library, index), library, index)]
    assert any("3 trillion tokens" in t for t in texts)
    assert not any(t.endswith(("on MathBench.", "on CodeBench.")) for t in texts), "cells need the asked measure"


def test_fragments_and_context_bound_sentences_are_not_claims() -> None:
    assert not is_complete_sentence("Qwen2.5-14B-Instruct 42.6, Qwen2.5-32B-Instruct 51.2 and Qwen2.5-72B 55.5.")
    assert not is_complete_sentence("It targets areas where the previous model was weak, such as long outputs.")
    assert not is_complete_sentence("Alpha-7B scores 41.2 on CodeBench, ahead of Beta-7B")
    assert is_complete_sentence("Alpha-7B scores 41.2 on CodeBench, ahead of Beta-7B.")


def test_unanswerable_questions_get_no_findings(tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    question = _question(question="How does Delta-9B do on CodeBench?", keywords=["Delta-9B", "CodeBench"])
    assert extract_claims(question, screen(question, library, index), library, index) == []


def test_reviewers_score_each_property_with_a_reason(tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    question = _question(question="How well do models score on CodeBench?", keywords=["CodeBench"],
                         claims=["Alpha-7B scores 41.2 on CodeBench.", "Alpha-7B scores 99.9 on CodeBench."])
    screening = screen(question, library, index)
    claims = extract_claims(question, screening, library, index)
    findings = [CheckedClaim(c, v) for c, v in zip(claims, verify_claims([c.text for c in claims], library, index),
                                                   strict=True)]
    authored = author_claims(question)
    checked = [CheckedClaim(c, v) for c, v in zip(authored, verify_claims(question.claims, library, index),
                                                  strict=True)]
    assert [c.verification.verdict for c in checked] == [Verdict.SUPPORTED, Verdict.CONTRADICTED]
    result = review(ReviewInput(screening, findings, checked, [], library))
    names = [s.reviewer for s in result.scores]
    assert len(names) == len(set(names)) >= 5
    assert all(0 <= s.score <= 10 and s.reason for s in result.scores)
    assert result.spread == max(s.score for s in result.scores) - min(s.score for s in result.scores)
    by_name = {s.reviewer: s for s in result.scores}
    assert by_name["citation integrity"].score == 10.0, by_name["citation integrity"].reason
    assert by_name["source diversity"].score < 10.0, "one source cannot score full diversity"
