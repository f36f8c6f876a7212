"""Rule 9: text is NFC, free of control characters, formula prefixes, mixed scripts and identifiers."""
from __future__ import annotations

import numpy as np

from ..dataset import Dataset
from ..findings import Finding
from ..text_scan import contains, not_nfc, screen

RULE = "text-hygiene"
TABLES: tuple[str, ...] = ()

CONTROL = r"[\x00-\x1f\x7f-\x9f]"
FORMULA = r"^[=+\-@]"
MIXED_WORD = r"(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+"
NATIONAL_ID = r"(?<!\d)\d{12}(?!\d)"
PHONE = r"(?<![\w+])(?:\+\d{1,3}[\s\-()]*\d{2,4}|8[\s\-(]*7\d{2})[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
MARKUP = r"<\s*/?\s*[A-Za-z!?][^>]*>|&#?\w+;"

# For speed: an RE2 pattern that every match of the check's pattern also matches (a necessary
# condition, with \p{Nd} and the class below covering what Python's \d and \s match in Unicode),
# so that Python's re only sees the few cells that pass it. See validators/text_scan.py.
_S = r"\t-\r\x1c-\x1f\x{85}\p{Z}"
HINTS = {
    CONTROL: CONTROL,
    FORMULA: FORMULA,
    MIXED_WORD: r"[\x{0400}-\x{04ff}]",
    NATIONAL_ID: r"\p{Nd}{12}",
    PHONE: (rf"(?:\+\p{{Nd}}{{1,3}}[{_S}\-()]*\p{{Nd}}{{2,4}}|8[{_S}\-(]*7\p{{Nd}}{{2}})"
            rf"[{_S}\-)]*\p{{Nd}}{{3}}[{_S}\-]*\p{{Nd}}{{2}}[{_S}\-]*\p{{Nd}}{{2}}"),
    EMAIL: "@",
    MARKUP: "[<&]",
}

# Checked in every text field, or (free text) only where the schema sets no pattern or vocabulary.
CHECKS = [
    (CONTROL, False, "contains a control character (tab, line break or similar); remove it"),
    (FORMULA, True, "starts with = + - or @, which spreadsheets run as a formula; reword it"),
    (MIXED_WORD, False, "mixes Latin and Cyrillic letters inside one word (a look-alike letter?)"),
    (NATIONAL_ID, True, "contains a 12-digit number that may be a national ID (IIN); remove it"),
    (PHONE, True, "contains what looks like a phone number; remove it"),
    (EMAIL, True, "contains an e-mail address; remove it"),
    (MARKUP, False,
     "contains HTML markup (a tag such as <b> or <script>, or an entity); write plain text"),
]


def _text_fields(ds: Dataset, name: str, free_only: bool) -> list[str]:
    return [f.name for f in ds.table(name).fields
            if f.type == "string" and f.enum is None and not (free_only and f.pattern)]


def screens(ds: Dataset) -> dict[tuple[str, str], np.ndarray]:
    """Per (table, column), the positions of the few cells any check could match: one RE2 pass per column.

    Pure pyarrow work that releases the GIL, so the validator runs it on the second core (Dataset.prepared).
    """
    return {(name, column): screen(text[column], [HINTS.get(pattern) for pattern, free_only, _ in CHECKS
                                                  if column in _text_fields(ds, name, free_only)])
            for name, text in ds.text.items() for column in _text_fields(ds, name, free_only=False)}


def check(ds: Dataset) -> list[Finding]:
    prepared = ds.prepared.get(RULE)
    screened = prepared.result() if prepared is not None else screens(ds)
    findings = []
    for name, text in ds.text.items():
        for column in _text_fields(ds, name, free_only=False):
            cells = text[column]
            findings += ds.findings(RULE, name, not_nfc(cells), column,
                                    "is not in Unicode NFC (decomposed accents); normalise it")
        for pattern, free_only, message in CHECKS:
            for column in _text_fields(ds, name, free_only):
                hit = contains(text[column], pattern, HINTS.get(pattern), screened[name, column])
                findings += ds.findings(RULE, name, hit, column, message)
    return findings
