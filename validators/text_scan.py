"""Regular-expression searches over whole text columns, fast at millions of cells.

Python's ``re`` (which the rules' patterns need: look-arounds, Unicode classes) or ``unicodedata``
is run only on the cells that pass a cheap *hint*: a pattern for polars' regex engine (Rust's, no look-arounds) that
every match must also satisfy, checked in native code over whole columns. The answer is the same as
searching every cell with ``re``; only the work is smaller. Without a hint every non-empty cell
goes through ``re``. Results are row positions, the few rows that fail.
"""
from __future__ import annotations

from typing import Callable

import polars as pl


def any_hint(column: str, hints: list[str | None]) -> pl.Expr:
    """True for the cells that match any of ``hints`` (every non-empty cell if one is None)."""
    if None in hints:
        return pl.col(column).is_not_null()
    return pl.col(column).str.contains("|".join(f"(?:{hint})" for hint in hints)).fill_null(False)


def contains(cells: pl.Series, test: Callable[[str], object], hint: str | None, within: pl.Series) -> list[int]:
    """Positions of the cells for which ``test`` is true (such as a compiled pattern's ``search``).

    ``within``: the positions of the cells that passed :func:`any_hint` with this hint among others.
    """
    if not len(within):
        return []
    if hint is not None:
        within = within.filter(cells.gather(within).str.contains(hint).fill_null(False))
    return [i for i, text in zip(within.to_list(), cells.gather(within).to_list()) if test(text)]

