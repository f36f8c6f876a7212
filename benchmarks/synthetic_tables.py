"""The rows of a synthetic package being built, and the record of an error seeded into it.

Shared by ``generate.py`` (which builds the rows) and ``seeding.py`` (which damages some of them);
neither imports the other's internals. ``benchmarks/`` is on ``sys.path``: these files run as scripts.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Seed:
    """One seeded error: where it is, which of our rules reports it and which frictionless error, if any."""
    rule: str
    file: str
    line: int
    column: str | None
    frictionless: str | None = None


class Tables:
    """Rows per table as lists of cells, in schema order; an empty list stands for a blank line."""

    def __init__(self, package: dict, root: Path):
        self.fields = {}
        for resource in package["resources"]:
            schema = json.loads((root / resource["schema"]).read_text(encoding="utf-8"))
            self.fields[resource["name"]] = [f["name"] for f in schema["fields"]]
        self.rows: dict[str, list] = {name: [] for name in self.fields}

    def add(self, table: str, /, **cells) -> list:
        row = [cells.pop(field, "") for field in self.fields[table]]
        if cells:
            raise KeyError(f"{table} has no field(s) {', '.join(cells)}")
        self.rows[table].append(row)
        return row

    def total(self) -> int:
        return sum(len(rows) for rows in self.rows.values())
