"""Stable IDs: every ID that was ever released is present or retired, and a retired ID is never reused."""
from __future__ import annotations

import csv

import polars as pl

from ..dataset import Dataset, at, member
from ..findings import Finding

RULE = "stable-ids"
QUESTION = "every ID ever released is still present or listed in retired_ids, and no retired ID is reused"
FIX = ("Keep every released ID: restore the record, or list it in data/retired_ids.csv with the reason and "
       "what replaces it; never reuse a retired ID.")
TABLES = ("retired_ids",)
MANIFESTS = "releases/*/ids.csv"  # one per release, written by `zhanaozen release`


class _Current:
    """Whether (table, id) pairs name a current record, a table at a time: a Python set of every
    record's key cost seconds at a million rows."""

    def __init__(self, ds: Dataset):
        self.ds = ds

    def has(self, tables, ids) -> pl.Series:
        pairs = pl.DataFrame({"table": list(tables), "id": list(ids)}, schema={"table": pl.String, "id": pl.String})
        out = at(len(pairs), [])
        for (name,), group in pairs.with_row_index("position").group_by("table"):
            if name == "retired_ids" or name not in self.ds.text:
                continue
            found = group["position"].filter(member(group["id"], self.ds.record_ids(name)))
            out = out.scatter(found, True)
        return out


def _released(ds: Dataset, current: _Current, retired: set) -> list[Finding]:
    findings = []
    for manifest in sorted(ds.package.root.glob(MANIFESTS)):
        relpath = manifest.relative_to(ds.package.root).as_posix()
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        present = current.has([row["table"] for row in rows], [row["id"] for row in rows]).to_list()
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
    rows = ds.text["retired_ids"]
    tables, ids, replacements = (rows[c].fill_null("").to_list() for c in ("table", "id", "replaced_by"))
    retired = set(zip(tables, ids))
    findings = ds.findings(RULE, "retired_ids", current.has(tables, ids), "id",
                           "this ID is retired but a record still uses it: IDs are never reused; give the "
                           "record a new ID or remove the row from retired_ids if it was never retired")
    present = current.has(tables, replacements)
    dangling = [new != "" and not here and (table, new) not in retired
                for table, new, here in zip(tables, replacements, present.to_list())]
    findings += ds.findings(RULE, "retired_ids", [i for i, bad in enumerate(dangling) if bad], "replaced_by",
                            "names no current or retired record of the same table")
    return findings + _released(ds, current, retired)
