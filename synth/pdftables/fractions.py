"""Small glyphs set above and below a table row: the numerator and denominator of a stacked fraction
("1 / √d_model" as an embedding scale), or a sub- or superscript no line took when the page was cut into lines.

Line grouping keeps glyphs much smaller than the page's text apart when they decorate no line within reach (a
denominator hangs half a line under its row), so such a row reads "√" where the table prints 1/√d_model, and its
label column splits in two. Each such line is given to the line of the block nearest it (within an em; a header
has stacked fractions too): words below the baseline join the word they touch ("√" + "d" + "model" →
"√dmodel"), a word above one of those becomes its numerator ("1/√dmodel"), and a radical sign raised over a
word is put before it ("√" + "dmodel")."""

from __future__ import annotations

import operator

from synth.pdftables.lines import Line, Word, is_data_row, phrase_segments

_X0 = operator.attrgetter("x0")
_RADICAL = "√"


def is_script(line: Line, size: float) -> bool:
    """A word or two under 0.75 of the rows' size that are no row of numbers, or nothing but radical signs: TeX sets
    the "√" of "√d_model" on a baseline of its own, above the row it belongs to."""
    return _radicals(line) or (line.size < 0.75 * size and len(line.words) <= 2 and not is_data_row(line))


def attach_scripts(rows: list[Line], scripts: list[Line], size: float) -> None:
    """Set each script line into the line of the block nearest it (in place): a header's stacked fraction
    ("max(Load(X))" over "mean(Load(X))") into the header, a row's into the row. A radical sign belongs to the data
    row under it, however near the row above. Lines with no such line within an em are left out."""
    data = [line for line in rows if is_data_row(line)]
    above: dict[int, list[Word]] = {}
    below: dict[int, list[Word]] = {}
    for script in scripts:
        radical = _radicals(script)
        options = [line for line in data if line.y < script.y] if radical else rows
        if not options:
            continue
        line = min(options, key=lambda option: abs(option.y - script.y))
        if abs(line.y - script.y) < size:
            (above if script.y > line.y else below).setdefault(id(line), []).extend(script.words)
    for line in rows:
        if id(line) in above or id(line) in below:
            _stack(line, above.get(id(line), []), below.get(id(line), []), size)


def _radicals(line: Line) -> bool:
    return all(set(word.text) == {_RADICAL} for word in line.words)


def _stack(row: Line, above: list[Word], below: list[Word], size: float) -> None:
    """The row's words with the denominators joined to the words they touch and numerators put over them."""
    hanging = {id(word) for word in below}
    merged: list[Word] = []
    holds_denominator: list[bool] = []
    for word in sorted([*row.words, *below], key=_X0):
        script = id(word) in hanging
        if merged and word.x0 - merged[-1].x1 <= 0.2 * size and (script or holds_denominator[-1]):
            last = merged[-1]
            merged[-1] = Word(last.text + word.text, last.x0, max(last.x1, word.x1), row.y, row.size)
            holds_denominator[-1] = True
            continue
        merged.append(Word(word.text, word.x0, word.x1, row.y, word.size if not script else row.size))
        holds_denominator.append(script)
    for word in sorted(above, key=_X0):
        centre = (word.x0 + word.x1) / 2
        if set(word.text) == {_RADICAL}:
            after = next((k for k, w in enumerate(merged) if abs(w.x0 - word.x1) <= 0.2 * size), None)
            if after is not None:
                old = merged[after]
                merged[after] = Word(word.text + old.text, word.x0, old.x1, row.y, row.size)
            continue
        host = next((k for k, w in enumerate(merged) if holds_denominator[k] and w.x0 <= centre <= w.x1), None)
        if host is None:
            at = next((k for k, w in enumerate(merged) if w.x0 > word.x0), len(merged))
            merged.insert(at, Word(word.text, word.x0, word.x1, row.y, row.size))
            holds_denominator.insert(at, False)
        else:
            old = merged[host]
            merged[host] = Word(f"{word.text}/{old.text}", old.x0, old.x1, row.y, row.size)
    row.words = merged
    row.segments = phrase_segments(merged, row.size)
