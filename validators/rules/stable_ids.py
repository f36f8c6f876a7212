"""Stable IDs: every ID that was ever released is present or retired, and a retired ID is never reused."""
from __future__ import annotations

import csv

import pandas as pd

from ..dataset import Dataset
from ..findings import Finding

RULE = "stable-ids"
TABLES = ("retired_ids",)
MANIFESTS = "releases/*/ids.csv"  # one per release, written by `zhanaozen release`


def _current(ds: Dataset) -> set[tuple[str, str]]:
    return {(name, record_id) for name in ds.text if name != "retired_ids"
            for record_id in ds.record_ids(name)}


def _released(ds: Dataset, current: set, retired: set) -> list[Finding]:
    findings = []
    for manifest in sorted(ds.package.root.glob(MANIFESTS)):
        relpath = manifest.relative_to(ds.package.root).as_posix()
        with manifest.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                key = (row["table"], row["id"])
                unreadable = row["table"] in ds.package.tables and row["table"] not in ds.text  # reported already
                if not unreadable and key not in current and key not in retired:
                    findings.append(Finding(
                        RULE, relpath, f"{row['id']} was released in {manifest.parent.name} but is neither in "
                        f"table {row['table']} nor in data/retired_ids.csv: restore the record, or "
                        "add a row to retired_ids with the version, the reason and what replaces it",
                        line=line, column="id", value=row["id"], table=row["table"]))
    return findings


def check(ds: Dataset) -> list[Finding]:
    current = _current(ds)
    retired_rows = ds.text["retired_ids"]
    keys = list(zip(retired_rows["table"].fillna(""), retired_rows["id"].fillna("")))
    retired = set(keys)
    reused = pd.Series([key in current for key in keys], index=retired_rows.index, dtype=bool)
    findings = ds.findings(RULE, "retired_ids", reused, "id",
                           "this ID is retired but a record still uses it: IDs are never reused; give the "
                           "record a new ID or remove the row from retired_ids if it was never retired")
    replacement = list(zip(retired_rows["table"].fillna(""), retired_rows["replaced_by"]))
    dangling = pd.Series([pd.notna(new) and (table, new) not in current and (table, new) not in retired
                          for table, new in replacement], index=retired_rows.index, dtype=bool)
    findings += ds.findings(RULE, "retired_ids", dangling, "replaced_by",
                            "names no current or retired record of the same table")
    return findings + _released(ds, current, retired)
