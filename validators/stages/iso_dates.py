"""The ISO form of a date written another way, to suggest it in a field error (standard library only).

Sources about Kazakhstan print dates as 16.12.2011; spreadsheets write 12/16/2011 or 16/12/2011;
English reports write 16 December 2011. The suggestion is only offered when the reading is certain,
or says which reading it assumed (day first) when a slashed date could be either.
"""
from __future__ import annotations

import datetime
import re

MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for name in names}

_NUMERIC = re.compile(r"^\s*(\d{1,2})([./-])(\d{1,2})\2(\d{4})\s*$")
_YEAR_FIRST = re.compile(r"^\s*(\d{4})[./](\d{1,2})(?:[./](\d{1,2}))?\s*$")
_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[./](\d{4})\s*$")
_DAY_MONTH_NAME = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*$")
_MONTH_NAME_DAY = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s*$")
_MONTH_NAME_YEAR = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{4})\s*$")


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def suggest(value: str, partial: bool = True) -> str | None:
    """Advice such as ``write 2011-12-16`` for a date in another format, or None when there is no sure reading."""
    if match := _NUMERIC.match(value):
        first, sep, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
        if sep == "." or first > 12:  # 16.12.2011 is day first, as Russian and Kazakh write it
            iso = _day(year, second, first)
            return f"write {iso}" if iso else None
        if second > 12:
            iso = _day(year, first, second)
            return f"write {iso} (month first)" if iso else None
        day_first = _day(year, second, first)
        return f"write {day_first} if the day comes first, {_day(year, first, second)} if the month does"
    if match := _YEAR_FIRST.match(value):
        year, month = int(match[1]), int(match[2])
        iso = _day(year, month, int(match[3])) if match[3] else (_month(year, month) if partial else None)
        return f"write {iso}" if iso else None
    if partial and (match := _MONTH_YEAR.match(value)):
        iso = _month(int(match[2]), int(match[1]))
        return f"write {iso}" if iso else None
    for pattern, order in ((_DAY_MONTH_NAME, (1, 2, 3)), (_MONTH_NAME_DAY, (2, 1, 3))):
        if match := pattern.match(value):
            day, name, year = (match[i] for i in order)
            month = MONTHS.get(name.lower())
            iso = _day(int(year), month, int(day)) if month else None
            return f"write {iso}" if iso else None
    if partial and (match := _MONTH_NAME_YEAR.match(value)):
        month = MONTHS.get(match[1].lower())
        return f"write {_month(int(match[2]), month)}" if month else None
    return None
