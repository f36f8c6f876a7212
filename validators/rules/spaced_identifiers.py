"""Free text holds no national ID number (IIN) written with separators between groups of digits.

Rule 9 (text hygiene) finds twelve digits in a row; an IIN is as often written in groups, 6+6
(YYMMDD NNNNNN), 4+4+4 or 3+3+3+3, separated by spaces, dots, dashes or no-break spaces. Dates written
with separators (2011-12-16) never form these groups. Checked where rule 9 checks identifiers: free-text
fields (no pattern, no vocabulary).
"""
from __future__ import annotations

import re

from .. import text_scan
from ..dataset import Dataset
from ..findings import Finding
from ..text_scan import screened_findings

RULE = "spaced-identifiers"
QUESTION = "free text holds no national ID number written in groups of digits (850101 300123, 8501 0130 0123)"
FIX = "Remove the number: the dataset never records personal identifiers."
TABLES: tuple[str, ...] = ()

_SEP = r"[ .\-\u00a0]"
# Each alternative has fixed-width groups and one separator: Python's re needs bounded work per start.
GROUPED = re.compile(rf"(?<![\d.\-])(?<!\d{_SEP})(?:\d{{6}}{_SEP}\d{{6}}|\d{{4}}({_SEP})\d{{4}}\1\d{{4}}"
                     rf"|\d{{3}}({_SEP})\d{{3}}\2\d{{3}}\2\d{{3}})(?!\d|{_SEP}\d)")
HINT = r"\p{Nd}{3,6}[ .\-\x{a0}]\p{Nd}{3,6}[ .\-\x{a0}]?\p{Nd}{3}"  # polars (Rust): a necessary condition
text_scan.register(HINT)


_YEARS = re.compile(r"(?:19|20)\d\d\W(?:19|20)\d\d\W(?:19|20)\d\d")


def grouped_id(text: str) -> bool:
    """A grouped 12-digit number, other than a list of three years (2011 2012 2013)."""
    return any(not _YEARS.fullmatch(m.group()) for m in GROUPED.finditer(text))


def check(ds: Dataset) -> list[Finding]:
    return screened_findings(ds, RULE, HINT, lambda cell: None if not grouped_id(cell) else (
        "contains what looks like a national ID number (IIN) written in groups of digits; remove it"))
