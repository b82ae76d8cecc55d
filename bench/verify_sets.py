"""The labelled claim sets bench/verify_eval.py scores, each with the library its claims are checked
against. Everything is read in place from ../shared; a set whose data is absent yields nothing and
says why.

* seed: bench/data/seed_claims.yaml over ../shared/seed-library (read by the product's reader).
* scifact: SciFact train claims against its 5,183 abstracts, an in-memory library (one Document per
  abstract: title and abstract as two passages). SUPPORT → supported, CONTRADICT → contradicted,
  no evidence → insufficient. SciFact train has no held-out part of its own, so `scifact_part`
  splits it by a hash of each claim's first cited abstract: claims written about one abstract (an
  original claim and its negation) fall in the same part, so tuning on one never shows the other.
* scitab: the SciTab development half (../shared/scitab/sci_tab_dev.json), split by paper into the
  `tune` and `held_out` parts of bench/data/scitab_split.yaml. Each paper is written as one
  markdown file (its title as the heading, then every table with its caption) into a temporary
  library read by the product's own reader and index, so each claim must find its own table among
  all the papers' tables. supports → supported, refutes → contradicted, not enough info →
  insufficient.
* corpus: hand-labelled claims over ../shared/corpus/pdfs, bench/data/corpus_claims_tune.yaml
  (tuned on) and bench/data/corpus_claims_heldout.yaml (reported only).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from synth.build import prepare_library
from synth.index import PassageIndex
from synth.models import Document, Library, Passage, Source, Verdict

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_LIBRARY = SHARED / "seed-library"
SEED_CLAIMS = ROOT / "bench" / "data" / "seed_claims.yaml"
SCIFACT = SHARED / "scifact"
SCITAB = SHARED / "scitab" / "sci_tab_dev.json"
SCITAB_SPLIT = ROOT / "bench" / "data" / "scitab_split.yaml"
CORPUS = SHARED / "corpus" / "pdfs"
CORPUS_CLAIMS = {"tune": ROOT / "bench" / "data" / "corpus_claims_tune.yaml",
                 "held_out": ROOT / "bench" / "data" / "corpus_claims_heldout.yaml"}
SCITAB_LABELS = {"supports": Verdict.SUPPORTED, "refutes": Verdict.CONTRADICTED,
                 "not enough info": Verdict.INSUFFICIENT}


@dataclass(frozen=True)
class Labelled:
    """One claim with its gold verdict; `group` is what cross-validation keeps together (the
    paper, the source), `part` the split it belongs to (held-out parts are never shown claim by
    claim)."""

    claim: str
    gold: Verdict
    note: str = ""
    group: str = ""
    part: str = ""
    gold_docs: frozenset[str] = frozenset()
    kind: str = ""


# --- seed ------------------------------------------------------------------------------------------


def seed_claims() -> list[Labelled]:
    labelled = yaml.safe_load(SEED_CLAIMS.read_text(encoding="utf-8"))
    return [Labelled(c["claim"], Verdict(c["label"]), c.get("note", ""), "seed", c.get("split", "tuned"))
            for c in labelled]


def seed_library(cache: Path) -> tuple[Library, PassageIndex]:
    """The seed library through the product's own reader and index (what `synth verify` uses)."""
    return prepare_library(SEED_LIBRARY, cache)


# --- SciFact ---------------------------------------------------------------------------------------


def scifact_library(corpus: Path) -> tuple[Library, PassageIndex]:
    """An in-memory library of SciFact abstracts: title passage + abstract passage per document."""
    sources = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            doc_id = str(row["doc_id"])
            title = " ".join(row["title"].split())
            abstract = " ".join(" ".join(s.split()) for s in row["abstract"])
            text = f"{title}\n\n{abstract}"
            passages = (
                Passage(doc_id, 0, title, 0, len(title), section="title"),
                Passage(doc_id, 1, abstract, len(title) + 2, len(text), section="abstract"),
            )
            digest = hashlib.sha256(text.encode()).hexdigest()
            document = Document(doc_id, f"scifact/{doc_id}", digest, "scifact", "bench", title, text, passages)
            sources.append(Source(f"scifact-{doc_id}", None, document, "bench"))
    fingerprint = hashlib.sha256(corpus.read_bytes()).hexdigest()
    library = Library(str(corpus.parent), tuple(sources), (), (), fingerprint)
    return library, PassageIndex(library, None)


def scifact_part(cited: list[int]) -> str:
    """`tune` or `held_out` for a SciFact claim: the parity of the first byte of SHA-256 of
    "scifact:<lowest cited doc id>" (408 tune and 401 held-out claims of the 809 train claims)."""
    key = f"scifact:{min(int(d) for d in cited)}" if cited else "scifact:"
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "held_out"


def scifact_claims(path: Path, limit: int | None, part: str = "tune") -> list[Labelled]:
    """SciFact train claims of one part in file order (the first `limit` when given); claims whose
    rationales both support and contradict are left out. A claim text that occurs twice is split by
    every abstract either occurrence cites, so both land in one part."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cited: dict[str, set[int]] = {}
    for row in rows:
        cited.setdefault(row["claim"], set()).update(
            int(d) for d in (row.get("cited_doc_ids") or list(row["evidence"])))
    out = []
    for row in rows:
        if scifact_part(sorted(cited[row["claim"]])) != part:
            continue
        labels = {s["label"] for sets in row["evidence"].values() for s in sets}
        if not labels:
            gold = Verdict.INSUFFICIENT
        elif labels == {"SUPPORT"}:
            gold = Verdict.SUPPORTED
        elif labels == {"CONTRADICT"}:
            gold = Verdict.CONTRADICTED
        else:
            continue
        docs = frozenset(row["evidence"]) or frozenset(str(d) for d in row.get("cited_doc_ids", ()))
        out.append(Labelled(row["claim"], gold, "", ",".join(sorted(docs)) or f"claim{row['id']}", part,
                            frozenset(row["evidence"])))
        if limit is not None and len(out) >= limit:
            break
    return out


# --- SciTab ----------------------------------------------------------------------------------------

_BOLD = re.compile(r"\[BOLD\]\s*|<bold>|</bold>", re.IGNORECASE)
_ITALIC = re.compile(r"\[ITALIC\]\s*|</?italic>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def scitab_cell(raw: str) -> str:
    """A SciTab cell as markdown: `[BOLD] 0.93` → `**0.93**`, italics and other tags dropped (they
    carry no meaning for verification), `[EMPTY]` → empty, pipes escaped."""
    text = " ".join(raw.replace("\xa0", " ").split())
    if text == "[EMPTY]":
        return ""
    bold = bool(_BOLD.search(text))
    text = _TAG.sub("", _ITALIC.sub("", _BOLD.sub("", text))).strip().replace("|", "\\|")
    return f"**{text}**" if bold and text else text


def scitab_markdown(title: str, tables: list[dict]) -> str:
    """One paper: its title as the heading, then each table with its caption as a pipe table.
    Rows longer than the column names (headers of several levels) widen the header with blanks."""
    lines = [f"# {' '.join(title.split())}", ""]
    for table in tables:
        header = [scitab_cell(c) for c in table["table_column_names"]]
        rows = [[scitab_cell(c) for c in row] for row in table["table_content_values"]]
        width = max([len(header), *(len(r) for r in rows)])
        caption = " ".join(table["table_caption"].split())
        if not re.match(r"(?i)table\s+\d+", caption):
            caption = f"Table: {caption}"
        lines += [f"**{caption}**", "", "| " + " | ".join(header + [""] * (width - len(header))) + " |",
                  "| " + " | ".join("---" for _ in range(width)) + " |"]
        lines += ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def scitab_split() -> dict[str, str]:
    """paper id → part (`tune` or `held_out`)."""
    split = yaml.safe_load(SCITAB_SPLIT.read_text(encoding="utf-8"))
    return {paper: part for part in ("tune", "held_out") for paper in split[part]}


def scitab_entries() -> list[dict]:
    return json.loads(SCITAB.read_text(encoding="utf-8"))


def write_scitab_library(entries: list[dict], folder: Path) -> None:
    """One markdown file per paper, tables in the order their first claim appears."""
    papers: dict[str, tuple[str, dict[str, dict]]] = {}
    for entry in entries:
        title, tables = papers.setdefault(entry["paper_id"], (entry["paper"], {}))
        tables.setdefault(entry["table_id"], entry)
    for paper_id, (title, tables) in sorted(papers.items()):
        (folder / f"{paper_id}.md").write_text(scitab_markdown(title, list(tables.values())), encoding="utf-8")


def scitab_claim(text: str) -> str:
    """`[CONTINUE]` joins sentences of one claim in SciTab: read as a space."""
    return " ".join(text.replace("[CONTINUE]", " ").split())


def scitab_claims(entries: list[dict], part: str) -> list[Labelled]:
    parts = scitab_split()
    return [Labelled(scitab_claim(e["claim"]), SCITAB_LABELS[e["label"]], "", e["paper_id"], part)
            for e in entries if parts.get(e["paper_id"]) == part]


# --- corpus ----------------------------------------------------------------------------------------


def corpus_claims(part: str) -> Iterator[Labelled]:
    """The hand-labelled real-PDF claims of one part; nothing when its file has not landed."""
    path = CORPUS_CLAIMS[part]
    if not path.is_file():
        return
    for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        yield Labelled(str(item["claim"]), Verdict(item["label"]), str(item.get("note", "")),
                       str(item.get("source", "")), part, kind=str(item.get("kind", "")))
