"""Rule 1: primary keys are unique and every reference resolves."""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, at, joined, member
from ..findings import Finding

RULE = "keys"
TABLES: tuple[str, ...] = ()  # each table is checked when it could be read


def _duplicates(ds: Dataset, name: str) -> list[Finding]:
    table = ds.table(name)
    text = ds.text[name]
    findings = []
    keys = [list(table.primary_key)] + [[f.name] for f in table.fields
                                         if f.unique and [f.name] != list(table.primary_key)]
    for key in keys:
        if not key:
            continue
        # A key's text joined as record IDs are cited; an empty part stays distinct from a missing row.
        rows = text.select(value=joined(*key), first=pl.struct(key).is_first_distinct(),
                           position=pl.int_range(pl.len()))
        repeated = ~rows["first"]
        if not repeated.any():
            continue
        again = rows.filter(repeated)
        originals = rows.filter(rows["first"] & member(rows["value"], again["value"]))
        first_line = {value: ds.line(name, i) for value, i in originals.select("value", "position").iter_rows()}
        message = [f"duplicate key {'/'.join(key)}: first used on line {first_line.get(v)}" for v in again["value"]]
        findings += ds.findings(RULE, name, again["position"].to_list(), key[0], message, rows["value"])
    return findings


def _unresolved(ds: Dataset, name: str) -> list[Finding]:
    findings = []
    for fk in ds.table(name).foreign_keys:
        if not ds.readable(fk.resource):
            continue
        child = ds.text[name]
        parent = ds.text[fk.resource]
        fields, reference = list(fk.fields), list(fk.reference_fields)
        present = child.select(pl.all_horizontal(pl.col(fields).is_not_null())).to_series()
        known = parent.select(reference).unique().rename(dict(zip(reference, fields)))
        resolved = child.select(fields).with_row_index("position").join(known, on=fields, how="semi")["position"]
        found = at(len(child), resolved)
        target = f"{fk.resource}.{'/'.join(fk.reference_fields)}"
        findings += ds.findings(RULE, name, present & ~found, fk.fields[0],
                                f"refers to a record that does not exist in {target}")
    return findings


def _citation_targets(ds: Dataset) -> list[Finding]:
    citations = ds.text["citations"].with_row_index("position")
    missing = (citations.filter(pl.col("table").is_in(list(ds.text)))
               .join(ds.records.select("table", "record_id"), on=["table", "record_id"], how="anti")
               .sort("position"))
    return ds.findings(RULE, "citations", missing["position"], "record_id",
                       [f"no record with this ID in table {table}" for table in missing["table"]])


def check(ds: Dataset) -> list[Finding]:
    findings = []
    for name in ds.text:
        findings += _duplicates(ds, name) + _unresolved(ds, name)
    if ds.readable("citations"):
        findings += _citation_targets(ds)
    return findings
