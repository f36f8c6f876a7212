"""No word mixes look-alike letters of Latin, Cyrillic and Greek (a Greek Α in a Latin name).

A word written in one script with one letter of another that looks the same can neither be searched
nor matched against other records, and can hide a second spelling of a name. Which letters look alike
comes from Unicode's confusables table (UTS #39) as packaged by confusable-homoglyphs, not from a
hand-written list. A word is judged against its main script (the one most of its letters are in);
words wholly in one script (a Cyrillic name) are fine.
"""
from __future__ import annotations

import re
import unicodedata

from .. import text_scan
from ..dataset import Dataset
from ..findings import Finding
from ..text_scan import screened_findings

RULE = "confusables"
QUESTION = "no word mixes look-alike letters of Latin, Cyrillic and Greek (Unicode's confusables table)"
FIX = "Retype the word in one script: the message names the letter that only looks like the others."
TABLES: tuple[str, ...] = ()

SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
# Cells where a word may mix scripts: any Greek letter, or a Latin and a Cyrillic letter in one word
# (Rust's regex engine through polars: linear, native, every cell once).
HINT = (r"\p{Greek}|[A-Za-z\x{00C0}-\x{024F}][\w\p{N}]*\p{Cyrillic}|\p{Cyrillic}[\w\p{N}]*[A-Za-z\x{00C0}-\x{024F}]")
text_scan.register(HINT)
_WORD = re.compile(r"\w+")


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return next((s for s in SCRIPTS if name.startswith(s + " ")), None)


def look_alike(text: str) -> str | None:
    """Why the first mixed word of ``text`` is suspect, or None. Linear: each word is read once."""
    from confusable_homoglyphs import confusables  # loads its table (1 MB of JSON) only when a cell needs it

    for word in _WORD.findall(text):
        scripts = [_script(c) for c in word]
        counts = {s: scripts.count(s) for s in SCRIPTS if s in scripts}
        if len(counts) < 2:
            continue
        main = max(counts, key=lambda s: (counts[s], -SCRIPTS.index(s)))
        for found in confusables.is_confusable(word, greedy=True, preferred_aliases=[main.lower()]) or []:
            twins = [h["c"] for h in found["homoglyphs"] if h["n"].startswith(main + " ")]
            if twins and found["alias"] in SCRIPTS:
                char = found["character"]
                return (f"the word {word!r} is {main.title()} but its letter {char!r} ({unicodedata.name(char, '?')}) "
                        f"is {found['alias'].title()}, a look-alike of {main.title()} {twins[0]!r}")
    return None


def check(ds: Dataset) -> list[Finding]:
    return screened_findings(ds, RULE, HINT, look_alike)
