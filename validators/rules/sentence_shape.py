"""Rule 6: sentences and proceedings have a coherent shape."""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, lookup
from ..findings import Finding

RULE = "sentence-shape"
QUESTION = "rule 6: sentences and proceedings have a coherent shape"
FIX = "Fill the field the outcome or instance needs, or empty the one it cannot have."
TABLES = ("sentences", "trials")
LEVEL = {"first_instance": 0, "appeal": 1, "cassation": 2, "supervisory": 3}


def check(ds: Dataset) -> list[Finding]:
    s, t = ds.frame("sentences"), ds.frame("trials")
    outcome = s["outcome"].cast(pl.String)
    findings = ds.findings(RULE, "sentences", (outcome == "imprisonment") & (s["term_months"] == 0), "term_months",
                           "imprisonment needs a term of more than 0 months")
    not_suspended = (outcome != "suspended").fill_null(True)  # an empty outcome is not a suspended sentence
    findings += ds.findings(RULE, "sentences", not_suspended & s["probation_months"].is_not_null(),
                            "probation_months", "only a suspended sentence carries probation")
    instance = lookup(s["trial_id"], t["trial_id"], t["instance"].cast(pl.String))
    review = instance.is_not_null() & (instance != "first_instance")
    findings += ds.findings(RULE, "sentences", review & s["appeal_result"].is_null(), "appeal_result",
                            "a decision on appeal or review must say what it did (upheld, reduced, increased, quashed)")
    findings += ds.findings(RULE, "sentences", (instance == "first_instance") & s["appeal_result"].is_not_null(),
                            "appeal_result", "a first-instance sentence has no appeal_result")
    level = t["instance"].cast(pl.String).replace_strict(LEVEL, default=None, return_dtype=pl.Int64)
    parent_level = lookup(t["appeal_of"], t["trial_id"], level)
    findings += ds.findings(RULE, "trials", parent_level >= level, "appeal_of",
                            "appeal_of must point to a proceeding of a lower instance")
    return findings
