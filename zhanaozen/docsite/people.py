"""The people index: every person with every spelling of their name that a source uses.

Listing each recorded spelling puts it in the search index, so a reader who knows only
"Тулетаева" or "Tuletayeva" finds the person.
"""
from __future__ import annotations

from ..package.descriptor import Package
from .markup import anchor, code, html_table, text


def people_page(package: Package, persons, names) -> str:
    """``persons`` and ``names`` are the two CSVs as text frames (``frames.read_text``)."""
    lines = [
        "# People", "",
        "Every person in the dataset with each spelling of their name that a cited source uses: "
        "the display name, the Cyrillic name and all variants, transliterations and misspellings. "
        "A person is named here only because a cited public source names them; see "
        "[Methodology](methodology.md#naming-people).", "",
    ]
    for person in persons.itertuples(index=False):
        own = names[names["person_id"] == person.person_id]
        lines += [f"## {text(person.name)}{anchor(person.person_id)}", "",
                  _summary(person), "", _spellings(own), ""]
    return "\n".join(lines) + "\n"


def _summary(person) -> str:
    facts = [code(person.person_id), f"group {code(person.group)}"]
    if text(person.name_cyrillic):
        facts.insert(1, text(person.name_cyrillic))
    return "<p>" + " · ".join(facts) + "</p>"


def _spellings(names) -> str:
    """One row per distinct spelling, with every source that uses it and where."""
    if len(names) == 0:
        return "<p>No spelling of this name is recorded yet.</p>"
    rows = []
    for (name, script, language, kind), uses in names.groupby(
            ["name", "script", "language", "kind"], sort=False, dropna=False):
        cited = "<br>".join(
            f'<a href="sources.html#{text(u.source_id)}">{text(u.source_id)}</a>'
            + (f" ({text(u.locator)})" if text(u.locator) else "")
            for u in uses.itertuples(index=False))
        rows.append([text(name), text(script), text(language), text(kind), cited])
    return html_table(["Spelling", "Script", "Language", "Kind", "Sources (locator)"], rows)
