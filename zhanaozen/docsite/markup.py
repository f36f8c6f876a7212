"""Escaping and small HTML/Markdown builders shared by the generated pages.

Data text is never trusted: a note holding ``<script>`` must show as text. HTML is used for
tables and lists built from data (Markdown does not touch raw HTML), Markdown only for headings
and links between pages, so MkDocs can check those links.
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterable
from urllib.parse import urlsplit

# Characters that HTML or Markdown (and its common extensions) would read as markup. Each is
# written as a numeric character reference, which Markdown, HTML and SVG (XML) all decode back
# to the character, so a name like "<script>" or "*bold*" shows literally.
_MARKUP = set(string.punctuation) - set(",.-/;?%")
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _MARKUP}


def escape(value: object) -> str:
    """Text from the data, safe inside Markdown, HTML text, HTML attributes and SVG."""
    return str(value).translate(_ENTITIES)


def text(value: object) -> str:
    """Any value as text safe in HTML, Markdown and SVG alike; empty for a missing value."""
    return "" if _is_missing(value) else escape(value)


def _is_missing(value: object) -> bool:
    try:
        return value is None or bool(value != value)  # NaN compares unequal to itself
    except TypeError:  # pandas NA refuses bool()
        return True


def anchor(value: object) -> str:
    """A Markdown heading's ``{#id}`` for an ID made of safe characters; nothing otherwise."""
    value = "" if _is_missing(value) else str(value)
    return f" {{#{value}}}" if re.fullmatch(r"[A-Za-z0-9_-]+", value) else ""


def code(value: object) -> str:
    return f"<code>{text(value)}</code>"


def external_link(url: object) -> str:
    """A link for an http(s) address; any other scheme (javascript:, data:) stays plain text."""
    if _is_missing(url) or urlsplit(str(url)).scheme not in ("http", "https"):
        return text(url)
    return f'<a href="{text(url)}">{text(url)}</a>'


def page_href(table: str, anchor: str | None = None) -> str:
    """Link from one table page to another (the site is built with use_directory_urls: false)."""
    return f"{text(table)}.html" + (f"#{text(anchor)}" if anchor else "")


def html_table(headers: Iterable[str], rows: Iterable[Iterable[str]], row_ids: Iterable[str] | None = None) -> str:
    """An HTML table on lines without blank ones, so Markdown keeps it as one raw block.

    Cells must already be escaped (they are built with :func:`text` and friends).
    """
    head = "".join(f"<th>{h}</th>" for h in headers)
    ids = list(row_ids) if row_ids is not None else None
    body = []
    for i, row in enumerate(rows):
        attr = f' id="{text(ids[i])}"' if ids else ""
        body.append(f"<tr{attr}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    return "<table>\n<thead><tr>" + head + "</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


_LINK_OPEN = re.compile(r"\]\((?!\s*<?https?://)")
_REFERENCE = re.compile(r"(?m)^(\s{0,3})\[([^\]\n]*)\]:(?!\s*<?https?://)")


def inert_markdown(source: str) -> str:
    """A Markdown file from the repository (the changelog) made inert: no raw HTML, autolink, attribute list or
    snippet line (every '<' and '{' becomes an entity), and no link other than http(s) (any other inline or reference link target
    is shown as text)."""
    source = source.replace("<", "&lt;").replace("{", "&#123;")  # no raw HTML, no attribute list {: onclick=..}
    source = _LINK_OPEN.sub(r"]\\(", source)
    return _REFERENCE.sub(r"\1\\[\2]:", source)
