"""Durations between partial dates, as the shortest and longest number of days they can mean.

A partial date (``2011-12``) is an interval of days, so a duration between two of them is an interval
too: it is never computed from an invented day. ``shortest`` runs from the latest day the start can
mean to the earliest the end can mean (never below zero), ``longest`` from the earliest start to the
latest end. Both are <NA> when either date is unknown.
"""
from __future__ import annotations

import pandas as pd

from ..package.descriptor import EARLIEST, LATEST


def duration(frame: pd.DataFrame, start: str, end: str, unit: str = "days") -> pd.DataFrame:
    """``shortest`` and ``longest`` duration between two partial-date columns of a loaded table.

    ``unit`` is ``days`` (Int64) or ``months`` (Float64, days / 30.4375, the mean Gregorian month).
    """
    for name in (start, end):
        if name + EARLIEST not in frame.columns:
            raise ValueError(f"{name!r} is not a partial-date column of this frame (no {name}{EARLIEST} column)")
    shortest = (frame[end + EARLIEST] - frame[start + LATEST]).dt.days
    longest = (frame[end + LATEST] - frame[start + EARLIEST]).dt.days
    out = pd.DataFrame({"shortest": shortest.clip(lower=0).astype("Int64"),
                        "longest": longest.astype("Int64")}, index=frame.index)
    if unit == "months":
        return (out.astype("Float64") / 30.4375).round(1)
    if unit != "days":
        raise ValueError(f"unit must be 'days' or 'months', not {unit!r}")
    return out
