"""The people index: every person, linked to their page, with every spelling a source uses.

Listing each recorded spelling puts it in the search index, so a reader who knows only
"Тулетаева" or "Tuletayeva" finds the person. The preferred spelling comes first.
"""
from __future__ import annotations

from ..package.descriptor import Package
from .language import span
from .markup import anchor, code, html_table, text
from .person_pages import glance, href, safe_id

KIND_ORDER = {"preferred": 0, "variant": 1, "transliteration": 2, "misspelling": 3}


def people_page(package: Package, profiles: list[dict]) -> str:
    """``profiles`` are the persons' profiles (``reports.person.build``), in ID order."""
    lines = [
        "# People", "",
        "Every person in the dataset with each spelling of their name that a cited source uses: "
        "the display name, the Cyrillic name and all variants, transliterations and misspellings. "
        "A person's name opens their page: custody, trials, sentences, allegations and every source. "
        "A person is named here only because a cited public source names them; see "
        "[Methodology](methodology.md#naming-people). The [timeline](timeline.md) shows everyone's custody "
        "and decisions, grouped by trial.", "",
    ]
    for p in profiles:
        title = text(p["name"])
        link = (f'<p><a class="zd-person-link" href="{href(p["person_id"])}">Full record of {title} →</a></p>'
                if safe_id(p["person_id"]) else "")
        lines += [f"## {title}{anchor(p['person_id'])}", "", _summary(p), link, *glance(p), "", _spellings(p), ""]
    return "\n".join(lines) + "\n"


def _summary(p: dict) -> str:
    facts = [code(p["person_id"]), f"group {code(p.get('group'))}"]
    if text(p.get("name_cyrillic")):
        facts.insert(1, span(p["name_cyrillic"]))
    return "<p>" + " · ".join(facts) + "</p>"


def _spellings(p: dict) -> str:
    """One row per distinct spelling (preferred first), with every source that uses it and where."""
    if not p["spellings"]:
        return "<p>No spelling of this name is recorded yet.</p>"
    rows = []
    for s in p["spellings"]:
        cited = "<br>".join(f'<a href="sources.html#{text(u["source_id"])}">{text(u["source_id"])}</a>'
                            + (f" ({text(u.get('locator'))})" if u.get("locator") else "") for u in s["sources"])
        rows.append([span(s["name"], s.get("language")), text(s["script"]), text(s.get("language")),
                     text(s["kind"]), cited])
    return html_table(["Spelling", "Script", "Language", "Kind", "Sources (locator)"], rows)
