"""Write the loaded tables to Parquet, SQLite, Excel or Stata, every choice derived from the Table Schemas.

The frames are exactly what ``zhanaozen.load`` returns (partial dates with their day bounds); column
types, keys, vocabularies and descriptions come from ``schemas/*.json`` through ``zhanaozen.package.descriptor``.
No table has code of its own.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from ..package.citation import render
from ..package.descriptor import Package, Table
from ..package.descriptor import EARLIEST, LATEST

STATA_LABEL = 80  # Stata's limit for variable and dataset labels
STATA_STR = 2045  # longer text needs Stata's strL type


def describe(table: Table, column: str) -> str:
    """The schema's description of a column; day-bound columns describe the partial date they bound."""
    for suffix, words in ((EARLIEST, "first day"), (LATEST, "last day")):
        if column.endswith(suffix) and column[: -len(suffix)] in table.field_names:
            return f"The {words} that {column[: -len(suffix)]} can mean."
    return table.field(column).description


def dictionary(package: Package, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per exported column: table, column, type, description, allowed values."""
    rows = []
    for name, frame in frames.items():
        table = package.tables[name]
        for column in frame.columns:
            base = column.removesuffix(EARLIEST).removesuffix(LATEST)
            field = table.field(base if base in table.field_names else column)
            values = "; ".join(f"{v}: {field.enum_descriptions.get(v, '')}".rstrip(": ") for v in field.enum or ())
            rows.append({"table": name, "column": column, "type": str(frame[column].dtype),
                         "description": describe(table, column), "values": values})
    return pd.DataFrame(rows)


def to_parquet(package: Package, frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """One file per table; day values as Parquet DATE (it has no second-precision timestamps)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = []
    for name, frame in frames.items():
        table = pa.Table.from_pandas(frame, preserve_index=False)
        for column in frame.columns:
            if frame[column].dtype.kind == "M":
                index = table.schema.get_field_index(column)
                table = table.set_column(index, column, table.column(column).cast(pa.date32()))
        path = out / f"{name}.parquet"
        pq.write_table(table, path)
        paths.append(path)
    return paths


def _sql_type(series: pd.Series) -> str:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return "TEXT"
    kind = series.dtype.kind
    return {"i": "INTEGER", "u": "INTEGER", "b": "INTEGER", "f": "REAL"}.get(kind, "TEXT")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table(table: Table, frame: pd.DataFrame) -> str:
    """CREATE TABLE with types, NOT NULL, vocabularies as CHECK, the primary key and the foreign keys."""
    lines = []
    for column in frame.columns:
        line = f"{_quote(column)} {_sql_type(frame[column])}"
        if column in table.field_names:
            field = table.field(column)
            line += " NOT NULL" if field.required else ""
            if field.enum:
                values = ", ".join("'" + v.replace("'", "''") + "'" for v in field.enum)
                line += f" CHECK ({_quote(column)} IN ({values}))"
        lines.append(line)
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    for fk in table.foreign_keys:
        lines.append(f"FOREIGN KEY ({', '.join(map(_quote, fk.fields))}) REFERENCES "
                     f"{_quote(fk.resource)} ({', '.join(map(_quote, fk.reference_fields))})")
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _sql_values(frame: pd.DataFrame) -> list[tuple]:
    plain = frame.astype(object).where(frame.notna(), None)
    for column in frame.columns:
        if frame[column].dtype.kind == "M":
            plain[column] = frame[column].dt.strftime("%Y-%m-%d").astype(object).where(frame[column].notna(), None)
        elif frame[column].dtype.kind == "b":
            plain[column] = plain[column].map(lambda v: None if v is None else int(v))
    return list(plain.itertuples(index=False, name=None))


def to_sqlite(package: Package, frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    path = out / f"zhanaozen-{package.version}.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        for name, frame in frames.items():
            db.execute(create_table(package.tables[name], frame))
            marks = ", ".join("?" * len(frame.columns))
            db.executemany(f"INSERT INTO {_quote(name)} VALUES ({marks})", _sql_values(frame))
        dictionary(package, frames).to_sql("_dictionary", db, index=False)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise ValueError(f"foreign keys do not resolve in the export: {broken[:5]}")
    return [path]


def readme(package: Package) -> pd.DataFrame:
    d = package.descriptor
    lines = [d["title"], f"Version {package.version}", d.get("description", ""),
             "Licence: " + ", ".join(item["name"] for item in d.get("licenses", [])),
             "How to cite: " + render(d, "text"),
             "One sheet per table; the table below describes every column."]
    return pd.DataFrame({"README": lines})


def to_xlsx(package: Package, frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    path = out / f"zhanaozen-{package.version}.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        readme(package).to_excel(writer, sheet_name="README", index=False)
        dictionary(package, frames).to_excel(writer, sheet_name="README", index=False, startrow=8)
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return [path]


def _stata_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict[str, dict[int, str]]]:
    """Stata's shapes: vocabularies as integer codes with value labels (categories in schema order, given
    explicitly because pandas cannot label an empty categorical), empty strings for missing text (Stata has
    no missing text), strL for text longer than STATA_STR."""
    out = frame.copy()
    long, labels = [], {}
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            out[column] = pd.Series(series.cat.codes, index=frame.index).astype("Int16").mask(series.isna())
            labels[column] = dict(enumerate(series.cat.categories))
        elif pd.api.types.is_string_dtype(series):
            out[column] = series.fillna("").astype(object)
            if any(len(text) > STATA_STR for text in out[column]):
                long.append(column)
        elif series.dtype == "boolean":
            out[column] = series.astype("Int8")
    return out, long, labels


def to_dta(package: Package, frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """One .dta per table; vocabularies become value labels."""
    paths = []
    for name, frame in frames.items():
        table = package.tables[name]
        data, long, labels = _stata_frame(frame)
        path = out / f"{name}.dta"
        data.to_stata(
            path, write_index=False, version=118, convert_strl=long, value_labels=labels,
            convert_dates={c: "td" for c in frame.columns if frame[c].dtype.kind == "M"},
            data_label=table.title[:STATA_LABEL],
            variable_labels={c: describe(table, c)[:STATA_LABEL] for c in frame.columns},
        )
        paths.append(path)
    return paths


FORMATS = {"parquet": to_parquet, "sqlite": to_sqlite, "xlsx": to_xlsx, "dta": to_dta}


def export(package: Package, frames: dict[str, pd.DataFrame], fmt: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    return FORMATS[fmt](package, frames, out)
