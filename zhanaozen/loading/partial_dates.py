"""Reduced-precision ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) as day intervals, whole columns at a time."""
from __future__ import annotations

import pandas as pd

_SHAPE = r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$"
# The same shape for pyarrow's RE2: \p{Nd} is what Python's \d matches, and Python's $ also
# matches before a final line break.
_SHAPE_RE2 = r"^(?P<y>\p{Nd}{4})(?:-(?P<m>\p{Nd}{2})(?:-(?P<d>\p{Nd}{2}))?)?\n?$"
DATE_UNIT = "datetime64[s]"


def _parts(text: pd.Series) -> dict[str, pd.Series]:
    """Year, month and day text of each value (<NA> where absent), whole-column in C when pyarrow is there."""
    text = text.astype("string")
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # loading needs pandas only; pandas then runs Python's re cell by cell
        parts = text.str.extract(_SHAPE)
        return {name: parts[name] for name in ("y", "m", "d")}
    found = pc.extract_regex(pa.array(text.array), _SHAPE_RE2)
    out = {}
    for name in ("y", "m", "d"):
        cells = pc.struct_field(found, name)
        cells = pc.if_else(pc.equal(cells, ""), None, cells)  # RE2 gives "" for a group that took no part
        out[name] = pd.Series(cells.to_numpy(zero_copy_only=False), index=text.index, dtype="string")
    return out


def bounds(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest day each value can mean; NaT where empty or not a real date."""
    parts = _parts(text)
    year, month, day = parts["y"], parts["m"], parts["d"]
    earliest = pd.to_datetime(
        year + "-" + month.fillna("01") + "-" + day.fillna("01"), format="%Y-%m-%d", errors="coerce"
    )
    # Days the value spans: one, its month or its year (one date parse instead of three).
    days = pd.Series(1.0, index=text.index).where(day.notna(), earliest.dt.days_in_month)
    days = days.where(month.notna(), 365 + earliest.dt.is_leap_year.astype(float))
    latest = earliest + pd.to_timedelta(days - 1, unit="D")
    return earliest.astype(DATE_UNIT), latest.where(earliest.notna()).astype(DATE_UNIT)


def invalid(text: pd.Series, earliest: pd.Series | None = None) -> pd.Series:
    """True where a cell holds text that is not a real partial date (2012-13, 2012-02-30, 12/2012).

    ``earliest``, when given, is ``bounds(text)[0]`` already computed.
    """
    if earliest is None:
        earliest, _ = bounds(text)
    return text.notna() & earliest.isna()
