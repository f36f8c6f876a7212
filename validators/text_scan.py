"""Regular-expression searches over whole text columns, fast at millions of cells.

Python's ``re`` (which the rules' patterns need: look-arounds, Unicode classes) or ``unicodedata``
is run only on the cells that pass a cheap *hint*: a pattern for polars' regex engine (Rust's, no look-arounds) that
every match must also satisfy, checked in native code over whole columns. The answer is the same as
searching every cell with ``re``; only the work is smaller. Results are row positions, the few rows that fail.

The text rules (text hygiene, hidden characters, confusables, spaced identifiers) register their hints
here, and each text column is searched once for all of them together: one pass of polars over the
column costs about as much as one hint (the engine's cost is in reading the cells, not in the
alternatives), and the text is most of the data. Each rule then tries its own hint on the few cells found.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import polars as pl

from .dataset import matches

if TYPE_CHECKING:
    from .dataset import Dataset
    from .findings import Finding

_HINTS: list[str] = []  # every registered hint, in the order the rules' modules were imported


def register(*hints: str) -> None:
    """Add hints to the shared screen (a rule module calls this when imported)."""
    _HINTS.extend(hint for hint in hints if hint not in _HINTS)


def text_fields(ds: "Dataset", name: str, free_only: bool = False) -> list[str]:
    """The fields holding text (or partial dates); ``free_only``: without a pattern."""
    return [f.name for f in ds.table(name).fields
            if f.kind.name in ("text", "partial date") and not (free_only and f.pattern)]


def free_text(ds: "Dataset", name: str, text: pl.DataFrame) -> list[str]:
    """Text fields without a pattern or vocabulary: in the others (IDs, dates, codes) any odd character
    already fails the field check, so they are not searched again (a third of the work at a million rows)."""
    return [f.name for f in ds.table(name).fields
            if f.type == "string" and f.enum is None and not f.pattern and text.schema.get(f.name) == pl.String]


class _Screen:
    """Every text column of every table searched for all the hints registered at the time: the rows where
    any column matches any hint (one native pass per column, the columns in parallel), then each hint
    alone on the cells of those few rows, all tables at once. The result: for each (table, column, hint),
    the positions of the cells that match."""

    def __init__(self, ds: "Dataset"):
        self.hints = list(_HINTS)
        self.searched: set[tuple[str, str]] = set()
        self.found: dict[tuple[str, str, str], list[int]] = {}
        union = "|".join(f"(?:{hint})" for hint in self.hints)
        few, columns = [], []  # cells of the rows found, as (column number, row, cell); the columns numbered
        for name, text in ds.text.items():
            searched = [c for c in text_fields(ds, name) if text.schema.get(c) == pl.String] if self.hints else []
            if not searched:
                continue
            self.searched.update((name, column) for column in searched)
            masks = text.select(_matches(ds, name, searched, union))
            rows = masks.select(pl.any_horizontal(pl.all())).to_series().arg_true()
            if len(rows):  # numbered, not named: a field may be called anything, even _row
                numbered = [pl.col(c).gather(rows).alias(str(len(columns) + k)) for k, c in enumerate(searched)]
                cells = text.select(numbered).with_columns(_row=rows).unpivot(
                    index="_row", variable_name="_column", value_name="_cell")
                matched = masks.select(numbered).unpivot(value_name="_matched")["_matched"]  # in the same order
                few.append(cells.filter(matched))
                columns += [(name, column) for column in searched]
        if not few:
            return
        hits = (pl.concat(few).group_by("_column")
                .agg(pl.col("_row").filter(pl.col("_cell").str.contains(hint).fill_null(False)).sort().alias(str(i))
                     for i, hint in enumerate(self.hints)))
        for found in hits.iter_rows(named=True):
            name, column = columns[int(found["_column"])]
            for i, hint in enumerate(self.hints):
                if found[str(i)]:
                    self.found[name, column, hint] = found[str(i)]


def _matches(ds: "Dataset", name: str, columns: list[str], pattern: str) -> list[pl.Expr]:
    """Per column, whether each cell matches ``pattern``, false where empty (value by value where the
    column's values repeat)."""
    repeated = ds.repeated(name)
    return [matches(pl.col(column), pattern, column in repeated).fill_null(False) for column in columns]


def candidates(ds: "Dataset", name: str, column: str, hint: str) -> list[int]:
    """Positions of the cells of ``column`` that match ``hint`` (polars' regex engine), from the shared
    screen when it searched for this hint in this column, else by searching the column."""
    screen = ds.cached("text screen", lambda: _Screen(ds))
    if hint in screen.hints and (name, column) in screen.searched:
        return screen.found.get((name, column, hint), [])
    return ds.text[name][column].str.contains(hint).fill_null(False).arg_true().to_list()


def contains(cells: pl.Series, test: Callable[[str], object], within: list[int]) -> list[int]:
    """The positions among ``within`` of the cells for which ``test`` is true (such as a compiled
    pattern's ``search``), run in Python on those cells only."""
    if not within:
        return []
    return [i for i, text in zip(within, cells.gather(within).to_list()) if test(text)]


def screened_findings(ds: "Dataset", rule: str, hint: str, explain: Callable[[str], str | None]) -> list["Finding"]:
    """One finding per free-text cell that matches ``hint`` (polars, whole columns) and that ``explain``,
    run in Python on those few cells only, turns into a message (None: not a finding after all)."""
    findings = []
    for name, text in ds.text.items():
        for column in free_text(ds, name, text):
            rows = candidates(ds, name, column, hint)
            if not rows:
                continue
            found = [(i, explain(cell)) for i, cell in zip(rows, text[column].gather(rows).to_list())]
            found = [(i, why) for i, why in found if why]
            findings += ds.findings(rule, name, [i for i, _ in found], column, [why for _, why in found])
    return findings
