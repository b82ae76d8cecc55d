"""Reading a page that `mkdocs serve` may reload more than once."""

from __future__ import annotations

from typing import Any


def evaluate_settled(page: Any, script: str) -> Any:
    """`page.evaluate` once the page stays put: mkdocs may reload it a second time (one rebuild per file synth
    writes), which destroys the context an evaluation is running in."""
    from playwright.sync_api import Error

    for _ in range(30):
        page.wait_for_load_state("load")
        try:
            return page.evaluate(script)
        except Error as error:
            if "Execution context was destroyed" not in str(error):
                raise
    raise AssertionError("the page kept reloading")
