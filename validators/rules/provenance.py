"""Rule 2: every record is backed by a source, and every person is named by one."""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, member
from ..findings import Finding

RULE = "provenance"
TABLES = ("citations", "persons", "person_names")
# These tables carry their own source_id and locator on every row.
SELF_SOURCED = {"sources", "citations", "person_names", "claims"}
# Bookkeeping of the dataset itself, not claims about the world.
ADMINISTRATIVE = {"retired_ids"}


def check(ds: Dataset) -> list[Finding]:
    citations = ds.frame("citations")
    backed = citations.filter(pl.col("stance") == "supports")
    findings = []
    for name in ds.text:
        if name in SELF_SOURCED | ADMINISTRATIVE:
            continue
        cited = backed.filter(pl.col("table").cast(pl.String) == name)["record_id"]
        ids = ds.record_ids(name)
        key = ds.table(name).primary_key[0]
        findings += ds.findings(RULE, name, ~member(ids, cited), key,
                                f"no supporting citation: add a row to citations with table={name} and this record's ID",
                                ids)
    persons = ds.frame("persons")
    unnamed = ~member(persons["person_id"], ds.frame("person_names")["person_id"])
    findings += ds.findings(RULE, "persons", unnamed, "person_id",
                            "no spelling of this person's name is recorded in person_names with its source")
    return findings
