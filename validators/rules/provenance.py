"""Rule 2: every record is backed by a source that states it, and every person is named by one.

A record counts as backed only by a row-level citation that supports it explicitly: an inferred
citation (the value follows from several sources together) may add to a record, never carry it
alone, and must say in its notes how the value follows."""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, member, text_is
from ..findings import Finding

RULE = "provenance"
QUESTION = "rule 2: every record is backed by a source that states it, and an inferred citation says how"
FIX = ("Add a row to citations.csv (stance supports, support explicit) that names a source stating the record and a "
       "precise locator; for an inferred citation, say in its notes how the value follows and from which citations.")
TABLES = ("citations", "persons", "person_names")
# These tables carry their own source_id and locator on every row.
SELF_SOURCED = {"sources", "citations", "person_names", "claims"}
# Bookkeeping of the dataset itself, not claims about the world.
ADMINISTRATIVE = {"retired_ids"}


def check(ds: Dataset) -> list[Finding]:
    citations = ds.frame("citations")
    backed = (citations.filter(text_is(citations, "stance", "supports") & pl.col("field").is_null()
                               & text_is(citations, "support", "explicit"))
              .select(pl.col("table").cast(pl.String), "record_id").partition_by("table", as_dict=True))
    unexplained = citations.select(text_is(citations, "support", "inferred") & pl.col("notes").is_null()).to_series()
    findings = ds.findings(RULE, "citations", unexplained, "notes",
                           "an inferred citation must say in its notes how the value follows and from which "
                           "other citations")
    for name in ds.text:
        if name in SELF_SOURCED | ADMINISTRATIVE:
            continue
        ids = ds.record_ids(name)
        cited = backed.get((name,), pl.DataFrame({"record_id": []}, schema={"record_id": pl.String}))
        unbacked = (ids.to_frame().with_row_index("position")
                    .join(cited.select("record_id"), on="record_id", how="anti")["position"].sort())
        findings += ds.findings(RULE, name, unbacked, ds.table(name).primary_key[0],
                                f"no row-level citation states this record: add a row to citations with table={name}, "
                                "this record's ID, an empty field, stance supports and support explicit", ids)
    persons = ds.frame("persons")
    unnamed = ~member(persons["person_id"], ds.frame("person_names")["person_id"])
    findings += ds.findings(RULE, "persons", unnamed, "person_id",
                            "no spelling of this person's name is recorded in person_names with its source")
    return findings
