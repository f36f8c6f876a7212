"""Text carries no invisible characters: Unicode format and bidirectional controls, line and paragraph
separators, spaces other than the ordinary one, zero-width and filler characters.

A U+202E reverses what a reviewer sees, a zero-width space splits a name that looks whole, a U+FEFF
inside a cell or a U+2028 breaks it for some readers and not others. None is visible in a pull
request's diff, so every free-text cell is searched (in an ID, a date or a code such a character
already fails the field's pattern or vocabulary). One native pass per column; Python names the character only in the
few cells found.
"""
from __future__ import annotations

import unicodedata

from .. import text_scan
from ..dataset import Dataset
from ..findings import Finding
from ..text_scan import screened_findings

RULE = "hidden-characters"
QUESTION = "text holds no invisible characters: format, bidirectional, separator, zero-width or filler characters"
FIX = ("Retype the cell: delete the invisible character the message names (copy-pasted text often carries "
       "them), and use an ordinary space between words.")
TABLES: tuple[str, ...] = ()

# Format (Cf: bidirectional controls, zero-width joiners, U+FEFF, tags), line and paragraph separators,
# every space but U+0020, and invisible letters or marks that are not Cf (fillers, joiners, variation selectors).
HIDDEN = (r"[\p{Cf}\p{Zl}\p{Zp}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}"
          r"\x{034F}\x{115F}\x{1160}\x{17B4}\x{17B5}\x{3164}\x{FFA0}\x{FE00}-\x{FE0F}\x{E0100}-\x{E01EF}]")
text_scan.register(HIDDEN)
_OTHER = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0}


def _hidden(char: str) -> bool:
    code = ord(char)
    return (unicodedata.category(char) in ("Cf", "Zl", "Zp") or (unicodedata.category(char) == "Zs" and char != " ")
            or code in _OTHER or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def describe(text: str) -> str:
    """The first invisible character of ``text``: its code point, name and position."""
    for position, char in enumerate(text, 1):
        if _hidden(char):
            name = unicodedata.name(char, "unnamed")
            return f"U+{ord(char):04X} {name} at character {position}"
    return "an invisible character"


def check(ds: Dataset) -> list[Finding]:
    return screened_findings(ds, RULE, HIDDEN,
                             lambda cell: f"contains an invisible character, {describe(cell)}; delete it")
