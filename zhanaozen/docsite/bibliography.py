"""The sources page: every document in ``sources.csv``, grouped by kind, each with an anchor."""
from __future__ import annotations

from ..package.descriptor import Package
from .markup import code, external_link, text


def sources_page(package: Package, sources) -> str:
    """``sources`` is ``sources.csv`` as a text frame (``frames.read_text``)."""
    kind = package.tables["sources"].field("kind")
    lines = ["# Sources", "",
             f"The {len(sources)} published documents that back the dataset's rows. Each row of the data "
             "cites one of them by its `source_id` with a locator (page, paragraph, section).", ""]
    ordered = sources.sort_values(["publisher", "published", "source_id"], na_position="last")
    for value in kind.enum or ():
        group = ordered[ordered["kind"] == value]
        if len(group) == 0:
            continue
        lines += [f"## {text(value)}", "", text(kind.enum_descriptions.get(value, "")), "",
                  "<ul>" + "".join(_entry(row) for row in group.itertuples(index=False)) + "</ul>", ""]
    return "\n".join(lines) + "\n"


def _entry(row) -> str:
    parts = [f"<strong>{text(row.publisher)}</strong>"]
    if text(row.author):
        parts.append(text(row.author))
    parts.append(f"({text(row.published) or 'undated'})")
    parts.append(f"<em>{text(row.title)}</em>.")
    parts.append(external_link(row.url))
    parts.append(f"Language {code(row.language)}; ID {code(row.source_id)}.")
    if text(row.notes):
        parts.append(text(row.notes))
    return f'<li id="{text(row.source_id)}">' + " ".join(parts) + "</li>"
