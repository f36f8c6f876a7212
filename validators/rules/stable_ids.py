"""Stable IDs: every ID that was ever released is present or retired, and a retired ID is never reused."""
from __future__ import annotations

import csv

import numpy as np
import pandas as pd

from ..dataset import Dataset, member
from ..findings import Finding

RULE = "stable-ids"
TABLES = ("retired_ids",)
MANIFESTS = "releases/*/ids.csv"  # one per release, written by `zhanaozen release`


class _Current:
    """Whether (table, id) pairs name a current record, a table at a time with pyarrow: a Python set of
    every record's key cost seconds at a million rows."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self.ids: dict[str, pd.Series] = {}

    def has(self, tables, ids) -> np.ndarray:
        tables = np.asarray(pd.Series(tables, dtype=object).to_numpy(), dtype=object)
        ids = pd.Series(ids, dtype="string").reset_index(drop=True)
        out = np.zeros(len(ids), dtype=bool)
        for name in pd.unique(tables):
            if name == "retired_ids" or name not in self.ds.text:
                continue
            if name not in self.ids:
                self.ids[name] = self.ds.record_ids(name)
            where = np.flatnonzero(tables == name)
            out[where] = member(ids.iloc[where], self.ids[name]).to_numpy()
        return out


def _released(ds: Dataset, current: _Current, retired: set) -> list[Finding]:
    findings = []
    for manifest in sorted(ds.package.root.glob(MANIFESTS)):
        relpath = manifest.relative_to(ds.package.root).as_posix()
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        present = current.has([row["table"] for row in rows], [row["id"] for row in rows])
        for line, (row, here) in enumerate(zip(rows, present), start=2):
            key = (row["table"], row["id"])
            unreadable = row["table"] in ds.package.tables and row["table"] not in ds.text  # reported already
            if not unreadable and not here and key not in retired:
                findings.append(Finding(
                    RULE, relpath, f"{row['id']} was released in {manifest.parent.name} but is neither in "
                    f"table {row['table']} nor in data/retired_ids.csv: restore the record, or "
                    "add a row to retired_ids with the version, the reason and what replaces it",
                    line=line, column="id", value=row["id"], table=row["table"]))
    return findings


def check(ds: Dataset) -> list[Finding]:
    current = _Current(ds)
    retired_rows = ds.text["retired_ids"]
    tables = retired_rows["table"].fillna("")
    keys = list(zip(tables, retired_rows["id"].fillna("")))
    retired = set(keys)
    reused = pd.Series(current.has(tables, retired_rows["id"].fillna("")), index=retired_rows.index, dtype=bool)
    findings = ds.findings(RULE, "retired_ids", reused, "id",
                           "this ID is retired but a record still uses it: IDs are never reused; give the "
                           "record a new ID or remove the row from retired_ids if it was never retired")
    replaced = current.has(tables, retired_rows["replaced_by"])
    replacement = list(zip(tables, retired_rows["replaced_by"], replaced))
    dangling = pd.Series([pd.notna(new) and not here and (table, new) not in retired
                          for table, new, here in replacement], index=retired_rows.index, dtype=bool)
    findings += ds.findings(RULE, "retired_ids", dangling, "replaced_by",
                            "names no current or retired record of the same table")
    return findings + _released(ds, current, retired)
