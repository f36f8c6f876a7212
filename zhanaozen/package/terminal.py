"""Text from the data made safe to print to a terminal: no escape sequence from a pull request reaches it.

Control characters (C0 and C1, ESC and CSI among them) and the bidirectional overrides that can reorder what a
reader sees are shown as ``\\uXXXX``; line breaks and tabs stay. The notation is also a valid JSON escape, so
JSON output passed through :func:`printable` stays valid JSON. Standard library only.
"""
from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))
