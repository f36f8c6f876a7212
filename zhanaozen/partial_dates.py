"""Reduced-precision ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) as day intervals, whole columns at a time."""
from __future__ import annotations

import pandas as pd

_SHAPE = r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$"
DATE_UNIT = "datetime64[s]"


def bounds(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest day each value can mean; NaT where empty or not a real date."""
    parts = text.astype("string").str.extract(_SHAPE)
    year, month, day = parts["y"], parts["m"], parts["d"]
    earliest = pd.to_datetime(
        year + "-" + month.fillna("01") + "-" + day.fillna("01"), format="%Y-%m-%d", errors="coerce"
    )
    month_end = earliest + pd.offsets.MonthEnd(0)
    year_end = pd.to_datetime(year + "-12-31", format="%Y-%m-%d", errors="coerce")
    latest = earliest.where(day.notna(), month_end.where(month.notna(), year_end))
    latest = latest.where(earliest.notna())
    return earliest.astype(DATE_UNIT), latest.astype(DATE_UNIT)


def invalid(text: pd.Series) -> pd.Series:
    """True where a cell holds text that is not a real partial date (2012-13, 2012-02-30, 12/2012)."""
    earliest, _ = bounds(text)
    return text.notna() & earliest.isna()
