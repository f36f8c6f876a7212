"""Rule 2: every record is backed by a source, and every person is named by one."""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, member
from ..findings import Finding

RULE = "provenance"
QUESTION = "rule 2: every record is backed by a source"
FIX = "Add a row to citations.csv (stance supports) that names the source and a precise locator."
TABLES = ("citations", "persons", "person_names")
# These tables carry their own source_id and locator on every row.
SELF_SOURCED = {"sources", "citations", "person_names", "claims"}
# Bookkeeping of the dataset itself, not claims about the world.
ADMINISTRATIVE = {"retired_ids"}


def check(ds: Dataset) -> list[Finding]:
    backed = (ds.frame("citations").filter(pl.col("stance").cast(pl.String) == "supports")
              .select(pl.col("table").cast(pl.String), "record_id").partition_by("table", as_dict=True))
    findings = []
    for name in ds.text:
        if name in SELF_SOURCED | ADMINISTRATIVE:
            continue
        ids = ds.record_ids(name)
        cited = backed.get((name,), pl.DataFrame({"record_id": []}, schema={"record_id": pl.String}))
        unbacked = (ids.to_frame().with_row_index("position")
                    .join(cited.select("record_id"), on="record_id", how="anti")["position"].sort())
        findings += ds.findings(RULE, name, unbacked, ds.table(name).primary_key[0],
                                f"no supporting citation: add a row to citations with table={name} and this "
                                "record's ID", ids)
    persons = ds.frame("persons")
    unnamed = ~member(persons["person_id"], ds.frame("person_names")["person_id"])
    findings += ds.findings(RULE, "persons", unnamed, "person_id",
                            "no spelling of this person's name is recorded in person_names with its source")
    return findings
