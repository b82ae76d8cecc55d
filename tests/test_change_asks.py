"""A change asked with its object (issue 9, the lead's DeepSeek-V2 question): "by how much does X reduce the KV cache"
asks the KV cache reduction, "how much higher is its maximum generation throughput" the throughput's increase; both
are read where the source says them with a verb ("reduces the KV cache by 93.3%", "boosts … to 5.76 times") and
checked as the source words them."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

from synth.models import Verdict

KITE = """# Kite-V2: a strong and efficient mixture-of-experts language model

We present Kite-V2, a mixture-of-experts language model. Compared with Falcon 67B, Kite-V2 achieves stronger
performance, and meanwhile saves 42.5% of training costs, reduces the KV cache by 93.3%, and boosts the maximum
generation throughput to 5.76 times.
"""


def test_a_change_is_asked_of_its_object_and_read_from_its_verb(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"kite.md": KITE}, "By how much does Kite-V2 reduce the KV cache compared with Falcon "
                      "67B, and how much higher is its maximum generation throughput?")
    cells = sorted((c.attribute, c.value, c.verdict) for c in answer.cells)
    assert cells == [("KV cache reduction", "93.3%", Verdict.SUPPORTED),
                     ("maximum generation throughput increase", "5.76×", Verdict.SUPPORTED)]
