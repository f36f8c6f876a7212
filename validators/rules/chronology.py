"""Rule 4: dates are in a possible order.

Partial dates are compared by the earliest and latest day they can mean, so a rule fails
only when no reading of the dates puts them in order.
"""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset, lookup, member
from ..findings import Finding

RULE = "chronology"
TABLES = ("detentions", "trials", "sentences", "allegations")


def _before(a_earliest: pd.Series, b_latest: pd.Series) -> pd.Series:
    """True where a certainly comes after b (a's first possible day is later than b's last)."""
    return (a_earliest > b_latest).fillna(False).astype(bool)


def _detentions(ds: Dataset) -> list[Finding]:
    d = ds.frame("detentions")
    bad = _before(d["detained_on_earliest"], d["released_on_latest"])
    return ds.findings(RULE, "detentions", bad, "released_on", "release is before the detention began")


def _trials(ds: Dataset) -> list[Finding]:
    t = ds.frame("trials")
    findings = ds.findings(RULE, "trials", _before(t["opened_on_earliest"], t["decided_on_latest"]),
                           "decided_on", "decided before the proceeding opened")
    reviewed = t.set_index("trial_id")["decided_on_earliest"]
    start = t["opened_on_latest"].fillna(t["decided_on_latest"])
    parent_decided = lookup(t["appeal_of"], reviewed)
    bad = _before(parent_decided, start)
    findings += ds.findings(RULE, "trials", bad, "opened_on",
                            "a review cannot open before the decision it reviews (see appeal_of)")
    return findings


def _sentences(ds: Dataset) -> list[Finding]:
    s, t = ds.frame("sentences"), ds.frame("trials").set_index("trial_id")
    t_early = lookup(s["trial_id"], t["decided_on_earliest"])
    t_late = lookup(s["trial_id"], t["decided_on_latest"])
    apart = _before(s["decided_on_earliest"], t_late) | _before(t_early, s["decided_on_latest"])
    return ds.findings(RULE, "sentences", apart, "decided_on",
                       "differs from the decision date of its trial (trials.decided_on)")


def _custody_before_decision(ds: Dataset) -> list[Finding]:
    s, t, d = ds.frame("sentences"), ds.frame("trials").set_index("trial_id"), ds.frame("detentions")
    custodial = s[(s["outcome"] == "imprisonment") & member(s["person_id"], d["person_id"])]
    first_detained = d.groupby("person_id")["detained_on_earliest"].min()
    decided = lookup(custodial["trial_id"], t["decided_on_latest"])
    bad = _before(lookup(custodial["person_id"], first_detained), decided)
    return ds.findings(RULE, "sentences", bad.reindex(s.index, fill_value=False), "decided_on",
                       "sentenced to custody before any recorded detention of the person began")


def _allegations(ds: Dataset) -> list[Finding]:
    a, d = ds.frame("allegations"), ds.frame("detentions").set_index("detention_id")
    began = lookup(a["detention_id"], d["detained_on_earliest"])
    bad = _before(began, a["raised_on_latest"])
    return ds.findings(RULE, "allegations", bad, "raised_on",
                       "raised before the detention it concerns began")


def check(ds: Dataset) -> list[Finding]:
    return (_detentions(ds) + _trials(ds) + _sentences(ds) + _custody_before_decision(ds)
            + _allegations(ds))
