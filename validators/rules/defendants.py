"""Rule 5: every sentenced person was charged, and outcomes agree with the charges."""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset, lookup, member
from ..findings import Finding

RULE = "defendants"
TABLES = ("sentences", "charges", "trials")
CONVICTIONS = {"imprisonment", "suspended", "amnestied", "fine"}


def _pairs(trials: pd.Series, persons: pd.Series) -> pd.Series:
    return trials.astype("string") + "|" + persons.astype("string")


def check(ds: Dataset) -> list[Finding]:
    s, c = ds.frame("sentences"), ds.frame("charges")
    root = lookup(s["trial_id"], ds.roots).fillna(s["trial_id"])
    charged = _pairs(c["trial_id"], c["person_id"])
    here, at_root = _pairs(s["trial_id"], s["person_id"]), _pairs(root, s["person_id"])
    uncharged = ~member(here, charged) & ~member(at_root, charged)
    findings = ds.findings(RULE, "sentences", uncharged, "person_id",
                           "no charge against this person in this trial (or the first-instance trial it reviews)")

    acquitted = s["outcome"] == "acquitted"
    findings += ds.findings(RULE, "sentences", acquitted & s["term_months"].notna(), "term_months",
                            "an acquittal carries no term")
    not_acquitted = _pairs(c.loc[c["outcome"] != "acquitted", "trial_id"], c.loc[c["outcome"] != "acquitted", "person_id"])
    findings += ds.findings(RULE, "sentences", acquitted & member(here, not_acquitted), "outcome",
                            "acquitted, but a charge against the person in this trial is not marked acquitted")

    convicted = _pairs(c.loc[c["outcome"] == "convicted", "trial_id"], c.loc[c["outcome"] == "convicted", "person_id"])
    conviction = s["outcome"].isin(CONVICTIONS) & ~uncharged
    no_count = conviction & ~member(here, convicted) & ~member(at_root, convicted)
    findings += ds.findings(RULE, "sentences", no_count, "outcome",
                            "a conviction needs at least one charge with outcome convicted")
    return findings
