"""One SQLite database: the tables with SQL types, keys and foreign keys; ``_meta`` (version, licence,
citation); ``_dictionary`` (every column); each vocabulary as a lookup table its column references.

SQLite has no date type: days are ISO 8601 text (``2012-06-04``), which sorts and compares as dates and is
what SQLite's date functions read. Booleans are 0/1.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from ...package.descriptor import Package
from .columns import Column, columns
from .metadata import facts

META, DICTIONARY = "_meta", "_dictionary"


def sql_type(column: Column) -> str:
    return {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}.get(column.kind, "TEXT")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def lookup_table(column: Column) -> str:
    return f"_values_{column.table}_{column.name}"


def create_table(package: Package, name: str, tables: list[str]) -> str:
    """CREATE TABLE with types, NOT NULL, the primary key, the foreign keys among the exported tables and to
    the vocabularies' lookup tables."""
    table = package.tables[name]
    lines = []
    for column in columns(table):
        line = f"{quote(column.name)} {sql_type(column)}" + (" NOT NULL" if column.required else "")
        if column.kind == "boolean":
            line += f" CHECK ({quote(column.name)} IN (0, 1))"
        lines.append(line)
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(map(quote, table.primary_key))})")
    for fk in table.foreign_keys:
        if fk.resource in tables:
            lines.append(f"FOREIGN KEY ({', '.join(map(quote, fk.fields))}) REFERENCES "
                         f"{quote(fk.resource)} ({', '.join(map(quote, fk.reference_fields))})")
    for column in columns(table):
        if column.vocabulary:
            lines.append(f"FOREIGN KEY ({quote(column.name)}) REFERENCES {quote(lookup_table(column))} (value)")
    return f"CREATE TABLE {quote(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _rows(frame: pd.DataFrame, cols: list[Column]) -> list[tuple]:
    plain = {}
    for column in cols:
        series = frame[column.name]
        if column.kind == "date":
            values = series.dt.strftime("%Y-%m-%d")
        elif column.kind == "boolean":
            values = series.astype("Int8")
        else:
            values = series
        plain[column.name] = values.astype(object).where(series.notna(), None)
    out = pd.DataFrame(plain, index=frame.index)
    return [tuple(v.item() if hasattr(v, "item") else v for v in row) for row in out.itertuples(index=False)]


def _lookups(db: sqlite3.Connection, cols: list[Column]) -> None:
    for column in cols:
        if column.vocabulary:
            db.execute(f"CREATE TABLE {quote(lookup_table(column))} (value TEXT PRIMARY KEY, "
                       "position INTEGER NOT NULL, definition TEXT)")
            db.executemany(f"INSERT INTO {quote(lookup_table(column))} VALUES (?, ?, ?)",
                           [(v, i, m or None) for i, (v, m) in enumerate(column.vocabulary, 1)])


def _metadata(db: sqlite3.Connection, package: Package, tables: list[str]) -> None:
    db.execute(f"CREATE TABLE {META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.executemany(f"INSERT INTO {META} VALUES (?, ?)",
                   list(facts(package).items()) + [("tables", ", ".join(tables))])
    db.execute(f"""CREATE TABLE {DICTIONARY} (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, position INTEGER NOT NULL, sql_type TEXT NOT NULL,
  schema_type TEXT NOT NULL, required INTEGER NOT NULL, primary_key INTEGER NOT NULL, description TEXT NOT NULL,
  values_table TEXT, references_table TEXT, references_column TEXT,
  PRIMARY KEY (table_name, column_name))""")
    rows = []
    for name in tables:
        table = package.tables[name]
        refs = {f: (fk.resource, r) for fk in table.foreign_keys if fk.resource in tables
                for f, r in zip(fk.fields, fk.reference_fields)}
        for i, column in enumerate(columns(table), 1):
            ref = refs.get(column.name, (None, None))
            rows.append((name, column.name, i, sql_type(column), column.schema_type, int(column.required),
                         int(column.key), column.description, lookup_table(column) if column.vocabulary else None,
                         *ref))
    db.executemany(f"INSERT INTO {DICTIONARY} VALUES ({', '.join('?' * 11)})", rows)


def write(package: Package, frames: dict[str, pd.DataFrame], path: Path) -> None:
    tables = list(frames)
    db = sqlite3.connect(path)
    try:
        with db:
            _metadata(db, package, tables)
            for name, frame in frames.items():
                cols = columns(package.tables[name])
                _lookups(db, cols)
                db.execute(create_table(package, name, tables))
                marks = ", ".join("?" * len(cols))
                db.executemany(f"INSERT INTO {quote(name)} VALUES ({marks})", _rows(frame, cols))
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        db.close()
    if broken:
        raise ValueError(f"foreign keys do not resolve in the export (table, row, referenced table): {broken[:5]}")
