"""Rule 1: primary keys are unique and every reference resolves."""
from __future__ import annotations

import difflib

import polars as pl

from ..dataset import Dataset, joined, member
from ..findings import Finding

RULE = "keys"
QUESTION = "rule 1: primary keys are unique and every reference resolves"
FIX = ("A duplicate ID: take a fresh one with `zhanaozen next-id TABLE` (after merging two contributions, "
       "`zhanaozen renumber` does it). A reference: use the ID of a record that exists (the message names the "
       "closest).")
TABLES: tuple[str, ...] = ()  # each table is checked when it could be read

SUGGEST = 50  # dangling references that get the closest IDs; beyond that a file is broken wholesale


def closest(value: str | None, existing: list[str]) -> str:
    """The existing IDs nearest a dangling reference (a typo, a digit too many), as advice; or nothing."""
    if not value:
        return ""
    near = difflib.get_close_matches(value, existing, n=3, cutoff=0.6)
    return f"; the closest existing: {', '.join(near)}" if near else "; no existing ID is close"


def _duplicates(ds: Dataset, name: str) -> list[Finding]:
    table = ds.table(name)
    text = ds.text[name]
    findings = []
    keys = [list(table.primary_key)] + [[f.name] for f in table.fields
                                         if f.unique and [f.name] != list(table.primary_key)]
    for key in keys:
        if not key:
            continue
        cells = pl.col(key[0]) if len(key) == 1 else pl.struct(key)
        if text.select(cells.hash().n_unique()).item() == text.height:
            continue  # distinct hashes are distinct keys; equal ones (a duplicate, or a collision) are checked
        first = text.select(cells.is_first_distinct()).to_series()
        if first.all():
            continue
        # A key's text joined as record IDs are cited; an empty part stays distinct from a missing row.
        rows = text.select(value=joined(*key), first=first, position=pl.int_range(pl.len()))
        repeated = ~rows["first"]
        again = rows.filter(repeated)
        originals = rows.filter(rows["first"] & member(rows["value"], again["value"]))
        first_line = {value: ds.line(name, i) for value, i in originals.select("value", "position").iter_rows()}
        # After two merged pull requests took the same new ID, `zhanaozen renumber` resolves it.
        hint = "; if two contributions took the same new ID, `zhanaozen renumber` gives the later row a fresh one" \
            if key == list(table.primary_key) and len(key) == 1 else ""
        message = [f"duplicate key {'/'.join(key)}: first used on line {first_line.get(v)}{hint}" for v in again["value"]]
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
        if not len(missing):
            continue
        target = f"{fk.resource}.{'/'.join(fk.reference_fields)}"
        existing = parent[reference[0]].drop_nulls().unique().to_list() if len(reference) == 1 else []
        values = child[fields[0]].gather(missing).to_list()
        findings += ds.findings(RULE, name, missing, fk.fields[0],
                                [f"refers to a record that does not exist in {target}"
                                 f"{closest(v, existing) if i < SUGGEST else ''}" for i, v in enumerate(values)])
    return findings


def _citation_targets(ds: Dataset) -> list[Finding]:
    citations = ds.text["citations"].select("table", "record_id").with_row_index("position")
    missing = [rows.join(pl.DataFrame({"record_id": ds.record_ids(name)}), on="record_id", how="anti")
               for (name,), rows in citations.partition_by("table", as_dict=True).items() if name in ds.text]
    missing = pl.concat(missing).sort("position") if missing else citations.clear()
    existing = {name: ds.record_ids(name).to_list() for name in set(missing["table"].to_list()) if name in ds.text}
    return ds.findings(RULE, "citations", missing["position"], "record_id",
                       [f"no record with this ID in table {table}"
                        f"{closest(value, existing.get(table, [])) if i < SUGGEST else ''}"
                        for i, (table, value) in enumerate(zip(missing["table"], missing["record_id"]))])


def check(ds: Dataset) -> list[Finding]:
    findings = []
    for name in ds.text:
        findings += _duplicates(ds, name) + _unresolved(ds, name)
    if ds.readable("citations"):
        findings += _citation_targets(ds)
    return findings
