"""Library statistics kept with the passage index: word frequencies equal to a count over every
passage, after any sequence of added, changed and removed files (as a fresh index would have them)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from synth.build import prepare_library
from synth.index import PassageIndex, content_words
from synth.models import Library, PassageKind
from synth.verify import facts as facts_module
from synth.verify.facts import library_facts

TOPICS = ["Alpha-7B scores 41.2 on CodeBench.", "Beta models were trained on 3 trillion tokens.",
          "Gamma-2 is a vision model trained on 5 billion images.", "Delta uses grouped-query attention.",
          "The Epsilon report compares routing strategies for experts."]


def _counted(library: Library) -> tuple[Counter[str], int]:
    texts = [p.text for d in library.documents for p in d.passages if p.kind is not PassageKind.TABLE_ROW]
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(content_words(text))
    return counts, len(texts)


def _check(library: Library, index: PassageIndex) -> None:
    counts, texts = _counted(library)
    assert index.text_passages() == texts
    stored = index.word_counts([*counts, "neverwritten"])
    assert stored == dict(counts)


def test_word_statistics_follow_random_edits(tmp_path: Path) -> None:
    root, cache = tmp_path / "lib", tmp_path / "cache"
    root.mkdir()
    rng = random.Random(12)
    files: dict[str, str] = {}
    for step in range(12):
        action = rng.choice(["add", "add", "change", "remove"]) if files else "add"
        if action == "add":
            name = f"doc{step}.md"
            files[name] = "# Notes\n\n" + "\n\n".join(rng.sample(TOPICS, 3))
        elif action == "change":
            name = rng.choice(sorted(files))
            files[name] += "\n\n" + rng.choice(TOPICS)
        else:
            files.pop(rng.choice(sorted(files)))
        for path in root.glob("*.md"):
            if path.name not in files:
                path.unlink()
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        library, index = prepare_library(root, cache)
        _check(library, index)
        index.close()
        fresh = PassageIndex(library, None)  # in memory, from scratch
        assert fresh.word_counts(_counted(library)[0]) == index_counts(library, cache)
        fresh.close()


def index_counts(library: Library, cache: Path) -> dict[str, int]:
    _, index = prepare_library(Path(library.root), cache)
    try:
        return index.word_counts(_counted(library)[0])
    finally:
        index.close()


def test_verification_weights_from_the_index_equal_counted_ones(tiny_library: tuple[Library, PassageIndex]) -> None:
    library, index = tiny_library
    counted = library_facts(library)  # no index: counted over every passage
    words = [*sorted(_counted(library)[0]), "absent"]
    weights = [counted.weight(w) for w in words]
    facts_module._FACTS.clear()
    indexed = library_facts(library, index)
    assert indexed.passages == counted.passages
    assert [indexed.weight(w) for w in words] == weights
