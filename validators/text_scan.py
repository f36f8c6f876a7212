"""Regular-expression searches over whole text columns, fast at millions of cells.

Python's ``re`` (which the rules' patterns need: look-arounds, Unicode classes) is run only on the
cells that pass a cheap *hint*: an RE2 pattern every match must also satisfy, which pyarrow checks
in C over the whole column. The answer is the same as ``cells.str.contains(pattern)``; only the
work is smaller. Without a hint every non-empty cell goes through ``re``.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from .dataset import as_arrow


def _positions(mask) -> np.ndarray:
    return np.flatnonzero(pc.fill_null(mask, False).to_numpy(zero_copy_only=False))


def _search(cells: pd.Series, positions: np.ndarray, test) -> pd.Series:
    out = np.zeros(len(cells), dtype=bool)
    if len(positions):
        out[positions] = [bool(test(text)) for text in cells.iloc[positions].tolist()]
    return pd.Series(out, index=cells.index)


def screen(cells: pd.Series, hints: list[str | None]) -> np.ndarray:
    """Positions of the cells that match any of ``hints`` (all non-empty cells if one is None), in one pass."""
    arrow = as_arrow(cells)
    if None in hints:
        return _positions(pc.is_valid(arrow))
    return _positions(pc.match_substring_regex(arrow, "|".join(f"(?:{hint})" for hint in hints)))


def contains(cells: pd.Series, pattern: str, hint: str | None = None, within: np.ndarray | None = None) -> pd.Series:
    """True where a cell contains a match of ``pattern``; False for empty cells.

    ``within``, from :func:`screen` with this hint among others, limits the search to those positions.
    """
    if within is None:
        within = screen(cells, [hint])
    elif hint is not None and len(within):
        within = within[_positions(pc.match_substring_regex(as_arrow(cells.iloc[within]), hint))]
    return _search(cells, within, re.compile(pattern).search)


def not_nfc(cells: pd.Series) -> pd.Series:
    """True where a cell is not in Unicode NFC. Pure ASCII text always is, so only the rest is checked."""
    arrow = as_arrow(cells)
    others = pc.and_(pc.is_valid(arrow), pc.invert(pc.fill_null(pc.string_is_ascii(arrow), True)))
    return _search(cells, _positions(others), lambda text: not unicodedata.is_normalized("NFC", text))
