"""Rule 3: a conflicting citation says which field and what value; a supporting value matches."""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset, lookup
from ..findings import Finding

RULE = "conflicts"
TABLES = ("citations",)


def _cited_values(ds: Dataset, citations: pd.DataFrame) -> pd.Series:
    """The current text of each citation's (table, record, field); <NA> where it cannot be looked up."""
    values = pd.Series(pd.NA, index=citations.index, dtype="string")
    known = citations["field"].notna()
    for (name, field), group in citations[known].groupby(["table", "field"], sort=False, observed=True):
        if name in ds.text and field in ds.text[name].columns:
            by_id = pd.Series(ds.text[name][field].to_numpy(), index=ds.record_ids(name).to_numpy())
            values[group.index] = lookup(group["record_id"], by_id).astype("string")
    return values


def _unknown_fields(ds: Dataset, citations: pd.DataFrame) -> pd.Series:
    unknown = pd.Series(False, index=citations.index)
    for name, group in citations[citations["field"].notna()].groupby("table", sort=False, observed=True):
        if name in ds.package.tables:
            unknown[group.index] = ~group["field"].isin(ds.table(name).field_names)
    return unknown


def check(ds: Dataset) -> list[Finding]:
    c = ds.frame("citations")
    conflicts = c["stance"] == "conflicts"
    findings = ds.findings(RULE, "citations", conflicts & c["field"].isna(), "field",
                           "a conflicting citation must name the field the source disagrees on")
    findings += ds.findings(RULE, "citations", conflicts & c["asserted_value"].isna(), "asserted_value",
                            "a conflicting citation must give the value the source asserts")
    findings += ds.findings(RULE, "citations", _unknown_fields(ds, c), "field",
                            "the cited table has no such field")
    current = _cited_values(ds, c)
    asserted = c["asserted_value"]
    comparable = asserted.notna() & current.notna()
    differs = comparable & (asserted != current)
    supports = (c["stance"] == "supports") & differs
    findings += ds.findings(RULE, "citations", supports.fillna(False), "asserted_value",
                            "a supporting citation asserts " + asserted.fillna("") + " but the record holds "
                            + current.fillna(""))
    same = conflicts & comparable & ~differs
    findings += ds.findings(RULE, "citations", same.fillna(False), "asserted_value",
                            "a conflicting citation asserts the value the record already holds; use stance supports")
    return findings
