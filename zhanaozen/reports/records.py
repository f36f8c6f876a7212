"""The loaded tables of one package, and rows turned into plain data (dicts of str, int, bool, None).

The person profile, the analysis views and the site's person pages all read the tables through
this one bundle, so they agree on what a record is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..loading.tables import load, package_at
from ..package.descriptor import Package

TABLES = ("persons", "person_names", "events", "detentions", "trials", "charges", "sentences",
          "allegations", "testimonies", "procedural_concerns", "claims", "citations", "sources")


@dataclass
class Tables:
    """Every table the reports need, loaded from the package at ``path`` (default: the shipped one)."""
    path: str | Path | None = None
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.package: Package = package_at(self.path)
        for name in TABLES:
            if name in self.package.tables:
                self.frames[name] = load(name, self.package.root if self.path is not None else None)

    def cached(self, key: str, make):
        """A value derived from these tables, made once (the tables are not changed after loading)."""
        store = self.__dict__.setdefault("_derived", {})
        if key not in store:
            store[key] = make()
        return store[key]

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.frames:  # an older package without the table: an empty frame, not an error
            return pd.DataFrame()
        return self.frames[name]


_SHIPPED: list[Tables] = []


def tables_at(path: str | Path | None) -> Tables:
    """The tables at ``path``; those of the installed release are read once per process (they never
    change; its files are checked against their checksums), a copy at a path on every call."""
    if path is not None:
        return Tables(path)
    if not _SHIPPED:
        _SHIPPED.append(Tables(None))
    return _SHIPPED[0]


def plain(value):
    """A cell as JSON-ready Python: None for missing, ISO text for a day, int for whole numbers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value if isinstance(value, (bool, int, float)) else str(value)


def records(frame: pd.DataFrame) -> list[dict]:
    """Every row as a dict of plain values, in the frame's order."""
    columns = list(frame.columns)
    # One conversion of the whole frame: pandas copies a frame's attrs (the schema's notes) at each
    # operation, which made a column-by-column conversion the most of a person profile's time.
    rows = frame.astype(object).to_numpy().tolist()
    return [{c: plain(v) for c, v in zip(columns, row)} for row in rows]
