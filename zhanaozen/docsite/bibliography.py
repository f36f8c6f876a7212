"""The bibliography page: every document in ``sources.csv``, grouped by kind, each with an anchor."""
from __future__ import annotations

from ..package.descriptor import Package
from .language import span
from .markup import anchor, code, external_link, text

# Headings for the kinds of source; a kind added to the schema later gets its code, readably spelt.
HEADINGS = {"ngo_report": "NGO reports", "news": "News", "trial_monitoring": "Trial monitoring",
            "official": "Official documents", "court_document": "Court documents", "testimony": "Testimonies",
            "academic": "Academic works", "other": "Other documents"}


def heading(kind: str) -> str:
    return HEADINGS.get(kind) or kind.replace("_", " ").capitalize()


def sources_page(package: Package, sources) -> str:
    """``sources`` is ``sources.csv`` as a text frame (``frames.read_text``)."""
    kind = package.tables["sources"].field("kind")
    lines = ["# Bibliography", "",
             f"The {len(sources)} published documents that back the dataset's rows. Each row of the data "
             "cites one of them by its `source_id` with a locator (page, paragraph, section).", ""]
    ordered = sources.sort_values(["publisher", "published", "source_id"], na_position="last")
    for value in kind.enum or ():
        group = ordered[ordered["kind"] == value]
        if len(group) == 0:
            continue
        lines += [f"## {text(heading(value))} ({len(group)}){anchor(value)}", "",
                  f"<p>{text(kind.enum_descriptions.get(value, ''))} <small>(kind {code(value)})</small></p>", "",
                  "<ul class=\"zd-bibliography\">" + "".join(_entry(row) for row in group.itertuples(index=False))
                  + "</ul>", ""]
    return "\n".join(lines) + "\n"


def _entry(row) -> str:
    parts = [f"<strong>{span(row.publisher)}</strong>"]
    if text(row.author):
        parts.append(span(row.author))
    parts.append(f"({text(row.published) or 'undated'})")
    parts.append(f"<em>{span(row.title, row.language)}</em>.")
    parts.append(external_link(row.url))
    parts.append(f"Language {code(row.language)}; ID {code(row.source_id)}.")
    if text(row.notes):
        parts.append(f'<span class="zd-note">{text(row.notes)}</span>')
    return f'<li id="{text(row.source_id)}">' + " ".join(parts) + "</li>"
