"""Rule 9: text is NFC, free of control characters, formula prefixes, mixed scripts and identifiers."""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset
from ..findings import Finding

RULE = "text-hygiene"
TABLES: tuple[str, ...] = ()

CONTROL = r"[\x00-\x1f\x7f-\x9f]"
FORMULA = r"^[=+\-@]"
MIXED_WORD = r"(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+"
NATIONAL_ID = r"(?<!\d)\d{12}(?!\d)"
PHONE = r"(?<![\w+])(?:\+\d{1,3}[\s\-()]*\d{2,4}|8[\s\-(]*7\d{2})[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"

# Checked in every text field, or (free text) only where the schema sets no pattern or vocabulary.
CHECKS = [
    (CONTROL, False, "contains a control character (tab, line break or similar); remove it"),
    (FORMULA, True, "starts with = + - or @, which spreadsheets run as a formula; reword it"),
    (MIXED_WORD, False, "mixes Latin and Cyrillic letters inside one word (a look-alike letter?)"),
    (NATIONAL_ID, True, "contains a 12-digit number that may be a national ID (IIN); remove it"),
    (PHONE, True, "contains what looks like a phone number; remove it"),
    (EMAIL, True, "contains an e-mail address; remove it"),
    (r"<\s*/?\s*[A-Za-z!?][^>]*>|&#?\w+;", False,
     "contains HTML markup (a tag such as <b> or <script>, or an entity); write plain text"),
]


def _text_fields(ds: Dataset, name: str, free_only: bool) -> list[str]:
    return [f.name for f in ds.table(name).fields
            if f.type == "string" and f.enum is None and not (free_only and f.pattern)]


def check(ds: Dataset) -> list[Finding]:
    findings = []
    for name, text in ds.text.items():
        for column in _text_fields(ds, name, free_only=False):
            cells = text[column]
            not_nfc = (cells != cells.str.normalize("NFC")).fillna(False)
            findings += ds.findings(RULE, name, not_nfc, column,
                                    "is not in Unicode NFC (decomposed accents); normalise it")
        for pattern, free_only, message in CHECKS:
            for column in _text_fields(ds, name, free_only):
                hit = text[column].str.contains(pattern, regex=True).fillna(False).astype(bool)
                findings += ds.findings(RULE, name, hit, column, message)
    return findings
