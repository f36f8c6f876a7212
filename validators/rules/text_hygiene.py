"""Rule 9: text is NFC, free of control characters, formula prefixes, mixed scripts and identifiers."""
from __future__ import annotations

import re
import unicodedata

from .. import text_scan
from ..dataset import Dataset
from ..findings import Finding
from ..text_scan import candidates, contains, text_fields

RULE = "text-hygiene"
QUESTION = "rule 9: text is clean plain text, safe in spreadsheets and free of personal identifiers"
FIX = ("Correct the characters the message names: plain NFC Unicode; a word in one script (a name as the "
       "source prints it, with any look-alike letter from another alphabet retyped); no markup, no formula "
       "prefix, no personal identifiers.")
TABLES: tuple[str, ...] = ()

CONTROL = r"[\x00-\x1f\x7f-\x9f]"
FORMULA = r"^[=+\-@]"
MIXED_WORD = r"(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+"
NATIONAL_ID = r"(?<!\d)\d{12}(?!\d)"
PHONE = r"(?<![\w+])(?:\+\d{1,3}[\s\-()]*\d{2,4}|8[\s\-(]*7\d{2})[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)"
# Linear on any cell (issue 18): a match starts only where a run of address characters starts, and a
# tag cannot hold '<', so no '<' or '@' makes Python's re scan the rest of a 32,767-character cell again.
EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
MARKUP = r"<\s*/?\s*[A-Za-z!?][^<>]*>|&#?\w+;"
NOT_NFC = "not NFC"  # not a pattern: unicodedata decides, on the cells its hint lets through

# For speed: a pattern for polars' (Rust) regex engine that every match of the check's pattern also
# matches (a necessary condition, with \p{Nd} and the class below covering what Python's \d and \s
# match in Unicode),
# so that Python's re only sees the few cells that pass it. See validators/text_scan.py.
_S = r"\t-\r\x1c-\x1f\x{85}\p{Z}"
HINTS = {
    # Text made only of these characters is NFC: starters whose NFC quick check is Yes (Latin, IPA,
    # Cyrillic letters, the common dashes and quotes). So a cell that is not NFC has another character.
    NOT_NFC: r"[^\x00-\x{02ff}\x{0400}-\x{0482}\x{048a}-\x{04ff}\x{2010}-\x{2027}]",
    CONTROL: CONTROL,
    FORMULA: FORMULA,
    # A Latin and a Cyrillic letter with only word characters between them; [\w\p{N}] holds every
    # character Python's \w matches (Rust's \w lacks the other numbers, such as ²).
    MIXED_WORD: r"[A-Za-z][\w\p{N}]*[\x{0400}-\x{04ff}]|[\x{0400}-\x{04ff}][\w\p{N}]*[A-Za-z]",
    # Exactly the pattern (Python's \d is \p{Nd}), its look-arounds written as a non-digit or an end: a
    # longer run of digits (a reference number in a note) is not even a candidate.
    NATIONAL_ID: r"(?:^|\P{Nd})\p{Nd}{12}(?:\P{Nd}|$)",
    PHONE: (rf"(?:\+\p{{Nd}}{{1,3}}[{_S}\-()]*\p{{Nd}}{{2,4}}|8[{_S}\-(]*7\p{{Nd}}{{2}})"
            rf"[{_S}\-)]*\p{{Nd}}{{3}}[{_S}\-]*\p{{Nd}}{{2}}[{_S}\-]*\p{{Nd}}{{2}}"),
    EMAIL: "@",
    # The pattern with \s and \w widened as above: an ampersand in prose ("Amnesty & ...") is no candidate.
    MARKUP: rf"<[{_S}]*/?[{_S}]*[A-Za-z!?][^<>]*>|&#?[\w\p{{N}}]+;",
}
text_scan.register(*HINTS.values())  # one search of each column for every text rule

# Checked in every text field, or (free text) only where the schema sets no pattern or vocabulary.
CHECKS = [
    (NOT_NFC, False, "is not in Unicode NFC (decomposed accents); normalise it"),
    (CONTROL, False, "contains a control character (tab, line break or similar); remove it"),
    (FORMULA, True, "starts with = + - or @, which spreadsheets run as a formula; reword it"),
    (MIXED_WORD, False, "mixes Latin and Cyrillic letters inside one word (a look-alike letter?)"),
    (NATIONAL_ID, True, "contains a 12-digit number that may be a national ID (IIN); remove it"),
    (PHONE, True, "contains what looks like a phone number; remove it"),
    (EMAIL, True, "contains an e-mail address; remove it"),
    (MARKUP, False,
     "contains HTML markup (a tag such as <b> or <script>, or an entity); write plain text"),
]


_WORD, _LATIN, _CYRILLIC = re.compile(r"\w+"), re.compile(r"[A-Za-z]"), re.compile(r"[\u0400-\u04ff]")


def _mixed_word(text: str) -> bool:
    """MIXED_WORD without its two look-aheads, which rescan the rest of a word at every letter (8 s on
    one 32,000-letter cell): each word is found once and searched at most twice."""
    return any(_LATIN.search(word) and _CYRILLIC.search(word) for word in _WORD.findall(text))


def _test(pattern: str):
    if pattern == NOT_NFC:
        return lambda text: not unicodedata.is_normalized("NFC", text)
    if pattern == MIXED_WORD:
        return _mixed_word
    return re.compile(pattern).search


def check(ds: Dataset) -> list[Finding]:
    findings = []
    tests = {pattern: _test(pattern) for pattern, _, _ in CHECKS}
    for name, text in ds.text.items():
        columns = {free_only: text_fields(ds, name, free_only) for free_only in (False, True)}
        for pattern, free_only, message in CHECKS:
            for column in columns[free_only]:
                rows = candidates(ds, name, column, HINTS[pattern])
                hit = contains(text[column], tests[pattern], rows)
                if hit:
                    findings += ds.findings(RULE, name, hit, column, message)
    return findings
