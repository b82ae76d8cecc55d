"""A table's column headed by a symbol its own paper defines in words: Table 3 of "Attention Is All You Need" heads
its columns N, dmodel, h, Pdrop, εls, and the prose says "h = 8 parallel attention layers, or heads", "dropout rate
Pdrop = 0.1", "label smoothing of value εls = 0.1". A claim names the column by those words ("Transformer base has 8
attention heads."), never by the symbol, so no label of the table meets them and the row's figure was left
unchecked. The paper's own definitions (synth.retrieve.asks.symbols, kept per document in the passage index) name
the column: the one symbol whose definition holds every word the claim gives its figure, with the fewest words
besides, as the answer stage reads the same column (synth.retrieve.asks.table_cells). Only a table whose row the
claim names already, and whose columns it names none of: the glossary adds no row, and never overrides a label."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from synth.retrieve.asks.symbols import label_symbol
from synth.text import STOPWORDS
from synth.verify.cells import TableView
from synth.verify.labels import Mention, Token, tokens
from synth.verify.words import norm, same_word

Definitions = Mapping[str, tuple[tuple[str, ...], ...]]
# Words a claim wording puts around its figure that name no attribute ("X has 8 attention heads.").
_LIGHT = frozenset({"has", "have", "had", "is", "are", "was", "were", "uses", "use", "used", "with", "set", "sets"})


def with_symbol_columns(claim: str, views: list[TableView], definitions: Callable[[str], Definitions],
                        names: frozenset[str] = frozenset()) -> list[TableView]:
    """The views, each table whose row the claim names and whose columns it names none of given the column its
    paper defines by the claim's words (`definitions`: a document's symbols and their names, by doc_id). `names`
    are the words of the claim's own names (its subject), which name no attribute."""
    out = []
    for view in views:
        found = _symbol_column(claim, view, definitions, names) if view.rows and not view.columns else None
        out.append(view if found is None else TableView(view.grid, view.rows, (found,), view.caption_words))
    return out


def _asked(claim: str, view: TableView, names: frozenset[str]) -> list[Token]:
    """The claim's words left to name the column: not its row's, its caption's or its subject's, no figure, no
    stopword, no light verb."""
    named = [(m.start, m.end) for m, _ in view.rows]
    return [t for t in tokens(claim) if not any(s <= t.start < e for s, e in named) and t.norm not in STOPWORDS
            and t.raw.lower() not in _LIGHT and t.norm not in view.caption_words and t.norm not in names
            and t.raw[:1].isalpha()]


def _covered(definition: tuple[str, ...], asked: list[Token]) -> int | None:
    """The definition's words besides the asked ones, when it holds every asked word; else None."""
    have = [norm(w) for w in definition]
    wanted = [norm(a.raw) for a in asked]
    if not all(any(same_word(a, h) for h in have) for a in wanted):
        return None
    return sum(1 for h in have if not any(same_word(a, h) for a in wanted))


def _symbol_column(claim: str, view: TableView, definitions: Callable[[str], Definitions],
                   names: frozenset[str]) -> tuple[Mention, tuple[int, ...]] | None:
    asked = _asked(claim, view, names)
    if not asked:
        return None
    defined = definitions(view.table.doc_id)
    if not defined:
        return None
    best: dict[int, int] = {}
    labels: dict[int, str] = {}
    for column, path in enumerate(view.grid.column_paths):
        if not path or label_symbol(path[-1]) not in defined:
            continue
        extras = [n for n in (_covered(d, asked) for d in defined[label_symbol(path[-1])]) if n is not None]
        if extras:
            best[column], labels[column] = min(extras), path[-1]
    if not best:
        return None
    fewest = min(best.values())
    chosen = [c for c, n in best.items() if n == fewest]
    if len(chosen) != 1:
        return None  # two symbols defined alike: the claim names neither
    column = chosen[0]
    return Mention(labels[column], asked[0].start, asked[-1].end, True), (column,)
