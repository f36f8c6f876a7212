"""The tables and fields the rules need are there, under their data-model names and with their shape.

Runs after the descriptor has been read and before any data: a package that renames or drops what a
rule reads would otherwise switch the rule off (zhanaozen/package/roles.py). Also checks that each
pattern compiles in the regular-expression engine the field checks use (Rust's, through polars), which
refuses look-arounds and back-references that Python's accepts.
"""
from __future__ import annotations

import polars as pl

from zhanaozen.package import safe_files
from zhanaozen.package.descriptor import Package, Table
from zhanaozen.package.roles import DATE, INTEGER, REQUIRED, find, role_path

from ..findings import Finding


class Locator:
    """Line and column of descriptor and schema properties, read through the guarded reader."""

    def __init__(self, package: Package):
        self.package = package
        self.docs: dict[str, safe_files.JsonDocument | None] = {}

    def where(self, file: str, *path) -> tuple[int | None, int | None]:
        if file not in self.docs:
            try:
                self.docs[file] = safe_files.read_json(self.package.root, self.package.root / file, file)
            except safe_files.UnsafeFile:
                self.docs[file] = None
        doc = self.docs[file]
        return doc.where(*path) if doc else (None, None)

    def field(self, table: Table, index: int | None, *rest) -> tuple[str, int | None, int | None]:
        """(file, line, column) of a table's schema (or one of its fields)."""
        resources = self.package.descriptor["resources"]
        position = next(i for i, r in enumerate(resources) if r.get("name") == table.name)
        schema = resources[position].get("schema")
        inner = ("fields",) + ((index,) + rest if index is not None else ())
        if isinstance(schema, str):
            return (schema, *self.where(schema, *inner))
        return ("datapackage.json", *self.where("datapackage.json", "resources", position, "schema", *inner))


def _finding(file: str, line, column, message: str, prop: str, value: str | None = None) -> Finding:
    return Finding("descriptor", file, message, line=line, column=prop, value=value, character=column)


def _shape(field) -> str:
    if field.partial_date:
        return DATE
    return INTEGER if field.type == "integer" else "text"


def check_roles(package: Package) -> list[Finding]:
    locate = Locator(package)
    findings = []
    for role, needed in REQUIRED.items():
        table = find(package.tables, role)
        if table is None or table.name != role or table.relpath != role_path(role):
            found = f"it is named {table.name!r} at {table.relpath}" if table else "no resource plays it"
            at, prop = ("resources",), "resources"
            if table is not None:  # point at the renamed resource's name
                names = [r.get("name") for r in package.descriptor["resources"]]
                at, prop = ("resources", names.index(table.name), "name"), "name"
            line, column = locate.where("datapackage.json", *at)
            findings.append(_finding("datapackage.json", line, column,
                                     f"the data model needs table {role!r} at {role_path(role)}, and {found}; "
                                     "tables are never renamed or removed, as the rules read them", prop, role))
            continue
        names = table.field_names
        for name, shape in needed.items():
            if name not in names:
                file, line, column = locate.field(table, None)
                findings.append(_finding(file, line, column, f"table {role} lacks field {name!r}, which the data "
                                         "model fixes and the rules read; fields are never renamed or removed",
                                         "fields", name))
            elif _shape(table.field(name)) != shape:
                file, line, column = locate.field(table, names.index(name))
                findings.append(_finding(file, line, column, f"field {role}.{name} must be a {shape} "
                                         f"(the data model's type), not a {_shape(table.field(name))}", "type", name))
    return findings + _patterns(package, locate)


def _patterns(package: Package, locate: Locator) -> list[Finding]:
    findings = []
    probe = pl.Series([""], dtype=pl.String)
    for table in package.tables.values():
        for index, field in enumerate(table.fields):
            if not field.pattern:
                continue
            try:
                probe.str.contains(field.pattern)
            except Exception as exc:  # polars raises ComputeError, or a panic for some inputs
                file, line, column = locate.field(table, index, "constraints", "pattern")
                reason = str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else type(exc).__name__
                findings.append(_finding(file, line, column, "pattern cannot be compiled by the validator's "
                                         f"regular-expression engine (no look-arounds or back-references): {reason}",
                                         "pattern", field.pattern))
    return findings
