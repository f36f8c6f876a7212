"""Words for a change set from ``changes.diff``: the ``zhanaozen diff`` report and the CHANGELOG section."""
from __future__ import annotations


def _value(value: str | None) -> str:
    return "(empty)" if value is None else repr(value)


def _sources(sources: list[dict]) -> str:
    if not sources:
        return ""
    return "  [sources: " + "; ".join(f"{s['source_id']}, {s['locator']} ({s['citation_id']})" for s in sources) + "]"


def removed_line(record_id: str, retired: dict) -> str:
    """The removed ID with why it was retired and what replaced it, when retired_ids says."""
    why = retired.get(record_id)
    if not why:
        return f"{record_id} (not in retired_ids)"
    replaced = f", replaced by {why['replaced_by']}" if why["replaced_by"] else ""
    return f"{record_id} (retired in {why['retired_in']}: {why['reason']}{replaced})"


def schema_lines(schema: dict) -> list[str]:
    lines = [f"table added: {n}" for n in schema["tables_added"]]
    lines += [f"table removed: {n}" for n in schema["tables_removed"]]
    lines += [f"{t}: column added: {f}" for t, fs in schema["fields_added"].items() for f in fs]
    lines += [f"{t}: column removed: {f}" for t, fs in schema["fields_removed"].items() for f in fs]
    lines += [f"{t}.{f}: {w}" for t, fs in schema["fields_changed"].items() for f, what in fs.items() for w in what]
    lines += [f"{t}: primary key changed" for t in schema["primary_key_changed"]]
    return lines


def modified_lines(record: dict) -> list[str]:
    head = f"~ {record['id']}{_sources(record['sources'])}"
    return [head] + [f"    {f}: {_value(c['old'])} -> {_value(c['new'])}" for f, c in record["changes"].items()]


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
    """The release's CHANGELOG entry: counts per table, schema changes, removals and errata."""
    lines = [f"## {changes['new_version']} — {date}", ""]
    since = f"Changes since {changes['old_version']} (a {changes['level']} release)" if changes["old_version"] \
        else "First release"
    lines += [f"{since}. Every record is listed in `releases/{changes['new_version']}/changes.json`; "
              "`zhanaozen diff` shows them.", ""]
    lines += ["| table | added | removed | modified |", "|---|---:|---:|---:|"]
    for name, t in changes["tables"].items():
        if t["added"] or t["removed"] or t["modified"]:
            lines.append(f"| {name} | {len(t['added'])} | {len(t['removed'])} | {len(t['modified'])} |")
    schema = schema_lines(changes["schema"]) if changes["old_version"] else []
    if schema:
        lines += ["", "### Schema", ""] + [f"- {line}" for line in schema]
    removed = [f"- {name} {removed_line(i, t['retired'])}" for name, t in changes["tables"].items()
               for i in t["removed"]]
    if removed:
        lines += ["", "### Removed records (see data/retired_ids.csv)", ""] + removed
    errata = [f"- {name} " + "\n  ".join(modified_lines(m)).lstrip("~ ")
              for name, t in changes["tables"].items() for m in t["modified"]]
    if errata:
        lines += ["", "### Errata (corrected values, with the sources that justified them)", ""] + errata
    return "\n".join(lines) + "\n"
