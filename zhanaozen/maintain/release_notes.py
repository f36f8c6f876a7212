"""Words for a change set from ``changes.diff``: the ``zhanaozen diff`` report and the CHANGELOG section.

Every value in a change set comes from the data. The report prints it as it is (the command makes it safe
for the terminal); the CHANGELOG, which the site publishes, gets it through :func:`markdown_text`, so a note
holding ``[x](javascript:...)``, ``<img onerror>`` or a snippet line is shown as text and never becomes a link,
markup or an include.
"""
from __future__ import annotations

import re
from collections.abc import Callable

Escape = Callable[[str], str]
# A backslash makes these literal (CommonMark and Python-Markdown alike): no link ('[', ']'), code span,
# emphasis or table cell can be formed from data. '<', '>', '&', '{' and '}' become entities: raw HTML,
# autolinks, attribute lists and the snippet marker ('--8<--') cannot be formed either. Values never start a line, so '#', '-' and '>' at a
# line's start need nothing; intraword '_' (person_names) is never emphasis and stays readable.
_MARKDOWN = re.compile(r"([\\`*\[\]|])")


def markdown_text(value: object) -> str:
    text = " ".join(str(value).split())  # a line break in data must not start a Markdown block
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("{", "&#123;").replace("}", "&#125;")  # no attribute list ({: onclick=...})
    return _MARKDOWN.sub(r"\\\1", text)


def _plain(value: object) -> str:
    return str(value)


def _value(value: str | None, esc: Escape = _plain) -> str:
    return "(empty)" if value is None else esc(repr(value))


def _sources(sources: list[dict], esc: Escape = _plain) -> str:
    if not sources:
        return ""
    return "  [sources: " + "; ".join(f"{esc(s['source_id'])}, {esc(s['locator'])} ({esc(s['citation_id'])})"
                                      for s in sources) + "]"


def removed_line(record_id: str, retired: dict, esc: Escape = _plain) -> str:
    """The removed ID with why it was retired and what replaced it, when retired_ids says."""
    why = retired.get(record_id)
    if not why:
        return f"{esc(record_id)} (not in retired_ids)"
    replaced = f", replaced by {esc(why['replaced_by'])}" if why["replaced_by"] else ""
    return f"{esc(record_id)} (retired in {esc(why['retired_in'])}: {esc(why['reason'])}{replaced})"


def schema_lines(schema: dict, esc: Escape = _plain) -> list[str]:
    lines = [f"table added: {esc(n)}" for n in schema["tables_added"]]
    lines += [f"table removed: {esc(n)}" for n in schema["tables_removed"]]
    lines += [f"{esc(t)}: column added: {esc(f)}" for t, fs in schema["fields_added"].items() for f in fs]
    lines += [f"{esc(t)}: column removed: {esc(f)}" for t, fs in schema["fields_removed"].items() for f in fs]
    lines += [f"{esc(t)}.{esc(f)}: {esc(w)}" for t, fs in schema["fields_changed"].items()
              for f, what in fs.items() for w in what]
    lines += [f"{esc(t)}: primary key changed" for t in schema["primary_key_changed"]]
    return lines


def modified_lines(record: dict, esc: Escape = _plain) -> list[str]:
    head = f"~ {esc(record['id'])}{_sources(record['sources'], esc)}"
    return [head] + [f"    {esc(f)}: {_value(c['old'], esc)} -> {_value(c['new'], esc)}"
                     for f, c in record["changes"].items()]


def report(changes: dict) -> str:
    """Every change, record by record (the ``zhanaozen diff`` output)."""
    lines = [f"{changes['old_version']} -> {changes['new_version']}: needs a {changes['level']} version step"]
    schema = schema_lines(changes["schema"])
    if schema:
        lines += ["", "Schema:"] + ["  " + line for line in schema]
    for name, t in changes["tables"].items():
        if not (t["added"] or t["removed"] or t["modified"]):
            continue
        lines += ["", f"{name}: {len(t['added'])} added, {len(t['removed'])} removed, "
                      f"{len(t['modified'])} modified, {t['unchanged']} unchanged"]
        lines += [f"  + {i}" for i in t["added"]] + [f"  - {removed_line(i, t['retired'])}" for i in t["removed"]]
        lines += ["  " + line for m in t["modified"] for line in modified_lines(m)]
    return "\n".join(lines)


def changelog_section(changes: dict, date: str) -> str:
    """The release's CHANGELOG entry: counts per table, schema changes, removals and errata, every value
    from the data escaped for Markdown."""
    esc = markdown_text
    lines = [f"## {changes['new_version']} — {date}", ""]
    since = f"Changes since {changes['old_version']} (a {changes['level']} release)" if changes["old_version"] \
        else "First release"
    lines += [f"{since}. Every record is listed in `releases/{changes['new_version']}/changes.json`; "
              "`zhanaozen diff` shows them.", ""]
    lines += ["| table | added | removed | modified |", "|---|---:|---:|---:|"]
    for name, t in changes["tables"].items():
        if t["added"] or t["removed"] or t["modified"]:
            lines.append(f"| {esc(name)} | {len(t['added'])} | {len(t['removed'])} | {len(t['modified'])} |")
    schema = schema_lines(changes["schema"], esc) if changes["old_version"] else []
    if schema:
        lines += ["", "### Schema", ""] + [f"- {line}" for line in schema]
    removed = [f"- {esc(name)} {removed_line(i, t['retired'], esc)}" for name, t in changes["tables"].items()
               for i in t["removed"]]
    if removed:
        lines += ["", "### Removed records (see data/retired_ids.csv)", ""] + removed
    errata = [f"- {esc(name)} " + "\n  ".join(modified_lines(m, esc)).removeprefix("~ ")
              for name, t in changes["tables"].items() for m in t["modified"]]
    if errata:
        lines += ["", "### Errata (corrected values, with the sources that justified them)", ""] + errata
    return "\n".join(lines) + "\n"
