"""Rule 6: sentences and proceedings have a coherent shape."""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset, lookup
from ..findings import Finding

RULE = "sentence-shape"
TABLES = ("sentences", "trials")
LEVEL = {"first_instance": 0, "appeal": 1, "cassation": 2, "supervisory": 3}


def check(ds: Dataset) -> list[Finding]:
    s, t = ds.frame("sentences"), ds.frame("trials")
    findings = ds.findings(RULE, "sentences", (s["outcome"] == "imprisonment") & (s["term_months"] == 0).fillna(False),
                           "term_months", "imprisonment needs a term of more than 0 months")
    findings += ds.findings(RULE, "sentences", (s["outcome"] != "suspended") & s["probation_months"].notna(),
                            "probation_months", "only a suspended sentence carries probation")
    instance = lookup(s["trial_id"], t.set_index("trial_id")["instance"].astype("string"))
    review = instance.notna() & (instance != "first_instance")
    findings += ds.findings(RULE, "sentences", review & s["appeal_result"].isna(), "appeal_result",
                            "a decision on appeal or review must say what it did (upheld, reduced, increased, quashed)")
    findings += ds.findings(RULE, "sentences", (instance == "first_instance") & s["appeal_result"].notna(),
                            "appeal_result", "a first-instance sentence has no appeal_result")
    level = t["instance"].astype("string").map(LEVEL).astype("Float64")
    parent_level = lookup(t["appeal_of"], pd.Series(level.to_numpy(), index=t["trial_id"].to_numpy(), dtype="Float64"))
    lower = (parent_level >= level).fillna(False).astype(bool)
    findings += ds.findings(RULE, "trials", lower, "appeal_of",
                            "appeal_of must point to a proceeding of a lower instance")
    return findings
