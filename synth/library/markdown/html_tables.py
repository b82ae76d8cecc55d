"""Basic HTML `<table>`s inside markdown: rows of cell texts, rowspan and colspan repeated."""

from __future__ import annotations

from html.parser import HTMLParser

from synth.library.markdown.blocks import clean_cell
from synth.text import collapse

_MAX_SPAN = 100


class HTMLTableParser(HTMLParser):
    """Rows of cell texts from HTML tables; rowspan and colspan repeat the cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._depth = 0
        self._rows: list[list[str]] = []
        self._row: list[tuple[str, int, int]] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._caption: list[str] | None = None
        self._captions: list[str] = []
        self._pending: dict[int, tuple[int, str]] = {}

    @staticmethod
    def _int(value: str | None) -> int:
        try:
            return max(1, min(_MAX_SPAN, int(value or "1")))
        except ValueError:
            return 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._rows, self._pending, self._captions = [], {}, []
            return
        if self._depth != 1:
            return
        if tag == "tr":
            self._finish_row()
            self._row = []
        elif tag in ("td", "th"):
            self._finish_cell()
            if self._row is None:
                self._row = []
            values = dict(attrs)
            self._cell = []
            self._span = (self._int(values.get("rowspan")), self._int(values.get("colspan")))
        elif tag == "caption":
            self._caption = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "table":
            if self._depth == 1:
                self._finish_row()
                self.tables.append((collapse(" ".join(self._captions)), self._rows))
            self._depth = max(0, self._depth - 1)
        elif self._depth != 1:
            return
        elif tag in ("td", "th"):
            self._finish_cell()
        elif tag == "tr":
            self._finish_row()
        elif tag == "caption" and self._caption is not None:
            self._captions.append("".join(self._caption))
            self._caption = None

    def handle_data(self, data: str) -> None:
        self._data(data)

    def close(self) -> None:
        """A table left open at the end of the block still yields what was read of it."""
        super().close()
        if self._depth >= 1:
            self._depth = 1
            self.handle_endtag("table")

    def _data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)

    def _finish_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            rowspan, colspan = self._span
            self._row.append((clean_cell("".join(self._cell)), rowspan, colspan))
        self._cell = None

    def _finish_row(self) -> None:
        self._finish_cell()
        if self._row is None:
            return
        out: list[str] = []

        def fill_pending() -> None:
            while len(out) in self._pending:
                remaining, value = self._pending[len(out)]
                out.append(value)
                if remaining > 1:
                    self._pending[len(out) - 1] = (remaining - 1, value)
                else:
                    del self._pending[len(out) - 1]

        for value, rowspan, colspan in self._row:
            fill_pending()
            for _ in range(colspan):
                if rowspan > 1:
                    self._pending[len(out)] = (rowspan - 1, value)
                out.append(value)
        fill_pending()
        for column in sorted(c for c in self._pending if c >= len(out)):
            out.extend([""] * (column - len(out)))
            fill_pending()
        self._rows.append(out)
        self._row = None
