"""``lang`` attributes for text in another script, so browsers and screen readers read it right."""
from __future__ import annotations

import re

from .markup import text

_CODE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def is_cyrillic(value: object) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in str(value))


def tag(value: object) -> str | None:
    """A BCP 47 tag from the data if it looks like one (anything else is dropped, never printed)."""
    value = "" if value is None else str(value)
    return value if _CODE.fullmatch(value) else None


def span(value: object, language: object = None) -> str:
    """Escaped text; wrapped in ``<span lang>`` when it is Cyrillic or its language is known."""
    shown = text(value)
    lang = tag(language) or ("und-Cyrl" if is_cyrillic(value) else None)
    return f'<span lang="{lang}">{shown}</span>' if shown and lang else shown
