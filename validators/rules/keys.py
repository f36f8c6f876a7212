"""Rule 1: primary keys are unique and every reference resolves."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..dataset import Dataset, first_positions, member
from ..findings import Finding

RULE = "keys"
TABLES: tuple[str, ...] = ()  # each table is checked when it could be read


def _repeated(text: pd.DataFrame, key: list[str]) -> pd.Series:
    """``text.duplicated(subset=key)``: True on every occurrence of a key after its first."""
    if len(key) > 1:
        return text.duplicated(subset=key, keep="first")
    first = first_positions(text[key[0]], text[key[0]])
    return pd.Series(first != np.arange(len(text)), index=text.index)


def _duplicates(ds: Dataset, name: str) -> list[Finding]:
    table = ds.table(name)
    text = ds.text[name]
    findings = []
    keys = [list(table.primary_key)] + [[f.name] for f in table.fields
                                         if f.unique and [f.name] != list(table.primary_key)]
    for key in keys:
        if not key:
            continue
        repeated = _repeated(text, key)
        if repeated.any():
            first = text[key[0]].fillna("")
            for column in key[1:]:
                first = first + "/" + text[column].fillna("")
            originals = first[~repeated & first.isin(set(first[repeated]))]
            first_line = {v: ds.line(name, i) for i, v in originals.items()}
            message = first[repeated].map(lambda v: f"duplicate key {'/'.join(key)}: first used on line {first_line.get(v)}")
            findings += ds.findings(RULE, name, repeated, key[0], message, first)
    return findings


def _unresolved(ds: Dataset, name: str) -> list[Finding]:
    findings = []
    for fk in ds.table(name).foreign_keys:
        if not ds.readable(fk.resource):
            continue
        child = ds.text[name][list(fk.fields)]
        parent = ds.text[fk.resource][list(fk.reference_fields)]
        present = child.notna().all(axis=1)
        if len(fk.fields) == 1:  # the usual case, as one pyarrow call
            found = member(child[fk.fields[0]].fillna(""), parent[fk.reference_fields[0]].fillna("")).to_numpy()
        else:
            found = pd.MultiIndex.from_frame(child.fillna("")).isin(pd.MultiIndex.from_frame(parent.fillna("")))
        missing = pd.Series(present.to_numpy() & ~found, index=child.index)
        target = f"{fk.resource}.{'/'.join(fk.reference_fields)}"
        findings += ds.findings(RULE, name, missing, fk.fields[0],
                                f"refers to a record that does not exist in {target}")
    return findings


def _citation_targets(ds: Dataset) -> list[Finding]:
    citations = ds.text["citations"]
    missing = pd.Series(False, index=citations.index)
    for name, group in citations.groupby("table", sort=False):
        if name in ds.text:
            missing[group.index] = ~member(group["record_id"], ds.record_ids(name))
    return ds.findings(RULE, "citations", missing, "record_id",
                       "no record with this ID in table " + citations["table"].fillna("?"))


def check(ds: Dataset) -> list[Finding]:
    findings = []
    for name in ds.text:
        findings += _duplicates(ds, name) + _unresolved(ds, name)
    if ds.readable("citations"):
        findings += _citation_targets(ds)
    return findings
