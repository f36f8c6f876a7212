"""The public contract of a release: each table's fields, types, constraints and keys, and what breaks it.

``zhanaozen release`` writes it to ``releases/<version>/contract.json``; the validator's contract rule
compares the package with the last release's, so that a field removed, retyped or loosened (a
constraint dropped or widened: readers relied on it) is reported as a breaking change unless the
version's major number was raised (docs/releases.md). Standard library only.
"""
from __future__ import annotations

import json
import re

from .descriptor import Field, Package

FILE = "contract.json"


def _field(field: Field) -> dict:
    return {"type": field.type, "partialDate": field.partial_date, "required": field.required,
            "unique": field.unique, "pattern": field.pattern, "enum": list(field.enum) if field.enum is not None else None,
            "minimum": field.minimum, "maximum": field.maximum}


def contract(package: Package) -> dict:
    return {"version": package.version,
            "tables": {name: {"primaryKey": list(table.primary_key),
                              "fields": {f.name: _field(f) for f in table.fields}}
                       for name, table in package.tables.items()}}


def contract_json(package: Package) -> str:
    return json.dumps(contract(package), indent=2, ensure_ascii=False) + "\n"


def version_key(version: str) -> tuple[int, ...] | None:
    match = re.fullmatch(r"(\d{1,9})\.(\d{1,9})\.(\d{1,9})", version or "")
    return tuple(int(part) for part in match.groups()) if match else None


def _loosened(old: dict, new: dict) -> list[str]:
    """How a field's definition was loosened or changed in a way its readers can notice."""
    out = []
    for key in ("type", "partialDate"):
        if old.get(key) != new.get(key):
            out.append(f"{key} {old.get(key)!r} became {new.get(key)!r}")
    for key in ("required", "unique"):
        if old.get(key) and not new.get(key):
            out.append(f"{key} was dropped")
    if old.get("pattern") and old.get("pattern") != new.get("pattern"):
        out.append(f"pattern {old['pattern']!r} became {new.get('pattern')!r}")
    if old.get("enum") is not None:
        if new.get("enum") is None:
            out.append("the vocabulary was dropped")
        else:
            removed = [v for v in old["enum"] if v not in new["enum"]]
            if removed:
                out.append("vocabulary value(s) removed: " + ", ".join(removed))
    for key, wider in (("minimum", lambda o, n: n < o), ("maximum", lambda o, n: n > o)):
        before, after = old.get(key), new.get(key)
        if before is not None and (after is None or wider(before, after)):
            out.append(f"{key} {before!r} became {after!r}")
    return out


def breaking(old: dict, new: dict) -> list[tuple[str, str | None, str]]:
    """(table, field or None, what broke) for each change of ``new`` against the released ``old``."""
    out = []
    for name, before in old.get("tables", {}).items():
        after = new["tables"].get(name)
        if after is None:
            out.append((name, None, f"table {name} of release {old.get('version')} was removed"))
            continue
        if before.get("primaryKey") != after.get("primaryKey"):
            out.append((name, None, f"the primary key {before.get('primaryKey')} became {after.get('primaryKey')}"))
        for field, definition in before.get("fields", {}).items():
            if field not in after["fields"]:
                out.append((name, field, f"field {field} of release {old.get('version')} was removed"))
                continue
            out += [(name, field, what) for what in _loosened(definition, after["fields"][field])]
    return out
