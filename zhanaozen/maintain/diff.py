"""Row-level differences between two versions of the data package, and the version bump they need.

Records are matched by primary key and compared cell by cell as published text, so every added,
removed or modified record is listed with the fields that changed. A modified record also lists the
citations that are new in the newer version for it: the sources that justified the correction (errata).
Standard library only.
"""
from __future__ import annotations

import csv

from ..package.descriptor import Field, Package, Table

LEVELS = ("none", "patch", "minor", "major")


def _records(table: Table | None) -> dict[str, dict[str, str]]:
    """Each record keyed by its primary key as citations name it (composite keys joined by '/')."""
    if table is None or not table.path.is_file():
        return {}
    with table.path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {"/".join(row.get(k) or "" for k in table.primary_key): row for row in rows}


def _field_changes(old: Field, new: Field) -> list[str]:
    """What changed in one field's definition, as short phrases; 'type' and 'values removed' break readers."""
    out = []
    if old.type != new.type:
        out.append(f"type {old.type} -> {new.type}")
    old_enum, new_enum = set(old.enum or ()), set(new.enum or ())
    if old.enum is not None and old_enum - new_enum:
        out.append("values removed: " + ", ".join(sorted(old_enum - new_enum)))
    if new.enum is not None and old.enum is not None and new_enum - old_enum:
        out.append("values added: " + ", ".join(sorted(new_enum - old_enum)))
    for attribute in ("required", "unique", "pattern", "minimum", "maximum", "partial_date"):
        if getattr(old, attribute) != getattr(new, attribute):
            out.append(f"{attribute} {getattr(old, attribute)!r} -> {getattr(new, attribute)!r}")
    return out


def schema_changes(old: Package, new: Package) -> dict:
    tables_old, tables_new = old.tables, new.tables
    common = [name for name in tables_new if name in tables_old]
    out = {
        "tables_added": [n for n in tables_new if n not in tables_old],
        "tables_removed": [n for n in tables_old if n not in tables_new],
        "fields_added": {}, "fields_removed": {}, "fields_changed": {}, "primary_key_changed": [],
    }
    for name in common:
        before, after = tables_old[name], tables_new[name]
        added = [f for f in after.field_names if f not in before.field_names]
        removed = [f for f in before.field_names if f not in after.field_names]
        changed = {f: _field_changes(before.field(f), after.field(f)) for f in after.field_names
                   if f in before.field_names}
        changed = {f: what for f, what in changed.items() if what}
        for key, value in (("fields_added", added), ("fields_removed", removed), ("fields_changed", changed)):
            if value:
                out[key][name] = value
        if before.primary_key != after.primary_key:
            out["primary_key_changed"].append(name)
    return out


def _new_citations(old: Package, new: Package) -> dict[tuple[str, str], list[dict]]:
    """Citations present in the newer version only, by the (table, record) they back."""
    before = _records(old.tables.get("citations"))
    after = _records(new.tables.get("citations"))
    out: dict[tuple[str, str], list[dict]] = {}
    for key, row in after.items():
        if before.get(key) != row:
            out.setdefault((row["table"], row["record_id"]), []).append(
                {k: row.get(k) or None for k in ("citation_id", "field", "source_id", "locator", "stance")})
    return out


def _retirements(new: Package) -> dict[tuple[str, str], dict]:
    """Why each retired record left and what replaced it, by (table, id), from the newer version."""
    rows = _records(new.tables.get("retired_ids")).values()
    return {(row["table"], row["id"]): {k: row.get(k) or None for k in ("retired_in", "reason", "replaced_by")}
            for row in rows}


def table_changes(old: Table | None, new: Table | None, errata: dict, retired: dict) -> dict:
    before, after = _records(old), _records(new)
    shared = [f for f in (new.field_names if new else []) if old and f in old.field_names]
    name = (new or old).name
    modified = []
    for key in after.keys() & before.keys():
        changes = {f: {"old": before[key][f] or None, "new": after[key][f] or None}
                   for f in shared if before[key][f] != after[key][f]}
        if changes:
            modified.append({"id": key, "changes": changes, "sources": errata.get((name, key), [])})
    removed = sorted(before.keys() - after.keys())
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": removed,
        "retired": {i: retired[(name, i)] for i in removed if (name, i) in retired},
        "modified": sorted(modified, key=lambda m: m["id"]),
        "unchanged": len(after.keys() & before.keys()) - len(modified),
    }


def level(schema: dict, tables: dict) -> str:
    """The smallest semantic-version step the changes need (see docs/releases.md)."""
    breaking = (schema["tables_removed"] or schema["fields_removed"] or schema["primary_key_changed"]
                or any(w.startswith(("type ", "values removed")) for f in schema["fields_changed"].values()
                       for what in f.values() for w in what))
    if breaking:
        return "major"
    if (schema["tables_added"] or schema["fields_added"] or schema["fields_changed"]
            or any(t["added"] or t["removed"] for t in tables.values())):
        return "minor"
    if any(t["modified"] for t in tables.values()):
        return "patch"
    return "none"


def diff(old: Package, new: Package) -> dict:
    """Everything that changed from ``old`` to ``new``: schema, records per table, and the step it needs."""
    errata, retired = _new_citations(old, new), _retirements(new)
    names = list(new.tables) + [n for n in old.tables if n not in new.tables]
    tables = {name: table_changes(old.tables.get(name), new.tables.get(name), errata, retired) for name in names}
    schema = schema_changes(old, new)
    return {
        "old_version": old.version, "new_version": new.version,
        "level": level(schema, tables), "schema": schema, "tables": tables,
    }


def parse_version(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def understated(old_version: str, new_version: str, needed: str) -> str | None:
    """Why ``new_version`` is too small a step from ``old_version`` for changes of level ``needed``, or None."""
    old, new = parse_version(old_version), parse_version(new_version)
    smallest = {
        "major": (old[0] + 1, 0, 0), "minor": (old[0], old[1] + 1, 0),
        "patch": (old[0], old[1], old[2] + 1), "none": old,
    }[needed]
    if new < smallest:
        return (f"the changes since {old_version} need a {needed} version step (at least "
                f"{'.'.join(map(str, smallest))}), but the descriptor says {new_version}")
    return None
