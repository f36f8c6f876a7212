"""Rule 1: primary keys are unique and every reference resolves."""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, joined, member
from ..findings import Finding

RULE = "keys"
QUESTION = "rule 1: primary keys are unique and every reference resolves"
FIX = "Use a new ID (`zhanaozen next-id TABLE`) and refer only to records that exist."
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
        first = text.select((pl.col(key[0]) if len(key) == 1 else pl.struct(key)).is_first_distinct()).to_series()
        if first.all():
            continue
        # A key's text joined as record IDs are cited; an empty part stays distinct from a missing row.
        rows = text.select(value=joined(*key), first=first, position=pl.int_range(pl.len()))
        repeated = ~rows["first"]
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
        known = parent.select(reference).rename(dict(zip(reference, fields)))
        missing = (child.select(fields).with_row_index("position").drop_nulls(fields)
                   .join(known, on=fields, how="anti")["position"].sort())
        target = f"{fk.resource}.{'/'.join(fk.reference_fields)}"
        findings += ds.findings(RULE, name, missing, fk.fields[0],
                                f"refers to a record that does not exist in {target}")
    return findings


def _citation_targets(ds: Dataset) -> list[Finding]:
    citations = ds.text["citations"].with_row_index("position")
    missing = [rows.join(pl.DataFrame({"record_id": ds.record_ids(name)}), on="record_id", how="anti")
               for (name,), rows in citations.partition_by("table", as_dict=True).items() if name in ds.text]
    missing = pl.concat(missing).sort("position") if missing else citations.clear()
    return ds.findings(RULE, "citations", missing["position"], "record_id",
                       [f"no record with this ID in table {table}" for table in missing["table"]])


def check(ds: Dataset) -> list[Finding]:
    findings = []
    for name in ds.text:
        findings += _duplicates(ds, name) + _unresolved(ds, name)
    if ds.readable("citations"):
        findings += _citation_targets(ds)
    return findings
