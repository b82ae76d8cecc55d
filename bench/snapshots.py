"""Record a reader's output, or list where it now differs from a recording: the shared step of
bench/pdf_compare.py and bench/markdown_compare.py, which each print a difference their own way."""

from __future__ import annotations

import json
from pathlib import Path


def recorded_differences(current: dict[str, object], record: str | None, check: str,
                         indent: int | None = None) -> list[tuple[str, object, object]] | None:
    """With `record`: write `current` there and return None. Otherwise (name, recorded, current) for every file
    whose recorded data differs from `current` read the same way (through JSON, so tuples compare as lists)."""
    if record:
        Path(record).write_text(json.dumps(current, indent=indent, ensure_ascii=False), encoding="utf-8")
        print(f"recorded {len(current)} files")
        return None
    recorded = json.loads(Path(check).read_text(encoding="utf-8"))
    now = json.loads(json.dumps(current, ensure_ascii=False))
    return [(name, recorded.get(name), now.get(name)) for name in sorted(set(recorded) | set(now))
            if recorded.get(name) != now.get(name)]
