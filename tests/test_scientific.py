"""Scientific notation is read one way by claims and by the answer stage (synth/scientific.py): each form the
PDF text, markdown and LaTeX write, and the near misses that are no power of ten."""

import pytest

from synth.claimparse import parse
from synth.retrieve.asks.per_setting import setting_lists
from synth.scientific import SCIENTIFIC, scientific_value


@pytest.mark.parametrize(("text", "value"), [
    ("1e-4", 1e-4),
    ("1e−4", 1e-4),                      # U+2212 after "e"
    ("3E+5", 3e5),
    ("1.41 × 10−5", 1.41e-5),            # pypdfium2 text of a superscript
    ("1.41×10-5", 1.41e-5),
    ("2 x 10 - 5", 2e-5),
    ("10−3", 1e-3),                      # a bare power of ten
    ("2 \\times 10^{-5}", 2e-5),         # LaTeX in markdown
    ("10^9", 1e9),
])
def test_each_written_form_is_one_figure(text: str, value: float) -> None:
    match = SCIENTIFIC.fullmatch(text)
    assert match is not None
    assert scientific_value(match) == pytest.approx(value)


@pytest.mark.parametrize("text", ["10-15", "8 x 10 GPUs", "25−30", "v1.1e-3", "1.5e-3x", "e-4"])
def test_ranges_products_and_names_are_no_power_of_ten(text: str) -> None:
    assert SCIENTIFIC.search(text) is None


@pytest.mark.parametrize(("figure", "value"), [("1.41×10-5", 1.41e-5), ("2 \\times 10^{-5}", 2e-5)])
def test_claims_and_the_answer_stage_read_the_same_figure(figure: str, value: float) -> None:
    """Claims once missed "1.41×10-5" and the answer stage the LaTeX form: each read it as 10 and 5."""
    assert [q.value for q in parse(f"The learning rate was {figure}.").quantities] == [pytest.approx(value)]
    lists = setting_lists(f"The learning rate was {figure} for style tasks and 3 for summarization.")
    assert [item.number for item in lists[0]] == [pytest.approx(value), 3]
