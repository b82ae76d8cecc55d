"""Characters read from a pypdfium2 page with their positions: the input of table finding."""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Sequence
from typing import Any, NamedTuple


class Glyph(NamedTuple):
    """One character with its horizontal extent, baseline and font size (PDF points, y up).

    A named tuple, not a dataclass: a table page has thousands of glyphs and a tuple is built 5x
    faster."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    space_before: bool = False


def _characters(units: Sequence[int]) -> list[str]:
    """One string per pdfium character index. pdfium counts UTF-16 code units, so a character outside
    the BMP (a math letter such as 𝑥) takes two indices: the pair is joined on the first and the second
    left empty, never kept as a lone surrogate that cannot be written as UTF-8."""
    chars: list[str] = []
    for i, unit in enumerate(units):
        if 0xDC00 <= unit < 0xE000 and i and 0xD800 <= units[i - 1] < 0xDC00:
            chars.append("")
        elif 0xD800 <= unit < 0xDC00 and i + 1 < len(units) and 0xDC00 <= units[i + 1] < 0xE000:
            chars.append(chr(0x10000 + ((unit - 0xD800) << 10) + (units[i + 1] - 0xDC00)))
        elif 0 < unit < 0x110000 and not 0xD800 <= unit < 0xE000:
            chars.append(chr(unit))
        else:
            chars.append(" ")
    return chars


def _unchecked(function: Any, result: type[Any]) -> Any:
    """The same C function without pypdfium2's declared argument types.

    With `argtypes` declared, ctypes passes every argument of every call through `from_param`; this
    loop makes three calls per character of a table page, and the checks cost a third of its time.
    The arguments given here are already C values (a `c_void_p` handle, int indices, `byref`
    out-parameters), so nothing is lost by skipping the check."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(result)(address)


@functools.cache
def _glyph_functions() -> tuple[Any, Any, Any]:
    """Loose box, origin and font size of one character, bound once per process."""
    import pypdfium2.raw as raw

    return (_unchecked(raw.FPDFText_GetLooseCharBox, ctypes.c_int),
            _unchecked(raw.FPDFText_GetCharOrigin, ctypes.c_int),
            _unchecked(raw.FPDFText_GetFontSize, ctypes.c_double))


def page_glyphs(page: Any, text: str | None = None) -> list[Glyph]:
    """Every visible, non-space character of a pypdfium2 page (or text page) with its position.

    `text` is the text page's `get_text_range()` when the caller already holds it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    own = not isinstance(page, pdfium.PdfTextPage)
    textpage = page.get_textpage() if own else page
    try:
        count = raw.FPDFText_CountChars(textpage.raw)
        text = textpage.get_text_range() if text is None or own else text
        chars: list[str] = list(text)
        if len(text) != count:  # characters outside the BMP: ask per character
            chars = _characters([raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(count)])
        # One ctypes call costs more than the Python around it: functions and out-parameters are
        # bound once per page, not looked up and wrapped per character.
        handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        box, origin_x, origin_y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(origin_x), ctypes.byref(origin_y)
        loose_box, char_origin, font_size = _glyph_functions()
        # `Glyph(...)` runs the named tuple's Python-level __new__; the tuple is built directly.
        new_tuple = tuple.__new__
        glyphs: list[Glyph] = []
        spaced = True
        for index, char in enumerate(chars):
            if not char:  # the second half of a surrogate pair, joined to the first
                continue
            if char.isspace():  # real and generated spaces and line breaks: word boundaries, no glyph
                spaced = True
                continue
            # The loose box spans the glyph's advance, so letters of a word touch even where the ink
            # of a narrow glyph ("1", "l") would leave a gap that looks like a space.
            if not loose_box(handle, index, box_ref):
                continue
            char_origin(handle, index, x_ref, y_ref)
            size = font_size(handle, index)
            if size <= 1.5:  # some producers report 1 and scale by matrix; fall back to the box
                size = max(box.top - box.bottom, 1.0)
            glyphs.append(new_tuple(Glyph, (char, box.left, box.right, origin_y.value, size, spaced)))
            spaced = False
        return glyphs
    finally:
        if own:
            textpage.close()
