"""Write the loaded tables as Parquet, SQLite, Excel, Stata or a zipped CSV data package.

The frames are exactly what ``zhanaozen.load`` returns (partial dates with their day bounds); every column's
type, description, vocabulary and keys come from the Table Schemas (``columns.py``), and the dataset's version,
licence and citation from the descriptor (``metadata.py``). Each file name starts with the package's name and
version (:func:`metadata.stem`); every file is written inside the chosen folder, never through a symbolic link,
and replaces an older one in a single step.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from ...package import writing
from ...package.descriptor import Package
from . import csvzip, parquet, sqlite, stata, xlsx
from .metadata import readme, stem

FORMATS = ("parquet", "sqlite", "xlsx", "dta", "csv")
PER_TABLE = {"parquet": ("parquet", parquet.write), "dta": ("dta", stata.write)}


def file_names(package: Package, fmt: str, tables: list[str]) -> list[str]:
    """The files one format writes (the names docs/releases.md lists)."""
    s = stem(package)
    if fmt in PER_TABLE:
        return [f"{s}-{name}.{PER_TABLE[fmt][0]}" for name in tables]
    return [{"sqlite": f"{s}.sqlite", "xlsx": f"{s}.xlsx", "csv": f"{s}-csv.zip"}[fmt]]


def _write_one(package: Package, frames: dict[str, pd.DataFrame], fmt: str, staging: Path) -> list[Path]:
    tables = list(frames)
    paths = [staging / name for name in file_names(package, fmt, tables)]
    if fmt in PER_TABLE:
        for name, path in zip(tables, paths):
            PER_TABLE[fmt][1](package, name, frames[name], path)
    elif fmt == "sqlite":
        sqlite.write(package, frames, paths[0])
    elif fmt == "xlsx":
        xlsx.write(package, frames, paths[0])
    else:
        csvzip.write(package, tables, readme(package, tables, [f"data/{t}.csv" for t in tables]), paths[0])
    return paths


def export(package: Package, frames: dict[str, pd.DataFrame], fmt: str, out: Path | str) -> list[Path]:
    """Write ``frames`` (a table name -> frame mapping, in the descriptor's order) in ``fmt`` (or ``all``) to
    the folder ``out``; returns the files written. Everything is written to a hidden folder inside ``out``
    first and moved in only when every file is complete, so a failure leaves ``out`` as it was."""
    if fmt != "all" and fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}, all")
    for name in frames:
        writing.safe_name(name, "table name")
    out = writing.folder(out)
    formats = FORMATS if fmt == "all" else (fmt,)
    with tempfile.TemporaryDirectory(dir=out, prefix=".zhanaozen-export-") as tmp:
        staged = []
        for one in formats:
            staged += _write_one(package, frames, one, Path(tmp))
        if any(one in PER_TABLE for one in formats):  # what the per-table files are, beside them
            tables = list(frames)
            readme_path = Path(tmp) / f"{stem(package)}-README.txt"
            readme_path.write_text(readme(package, tables, [p.name for p in staged]), encoding="utf-8")
            staged.append(readme_path)
        targets = [writing.target(out, path.name) for path in staged]  # refuse before moving anything
        for path, target in zip(staged, targets):
            os.chmod(path, 0o644)
            os.replace(path, target)
    return targets
