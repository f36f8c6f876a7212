"""Rule 4: dates are in a possible order.

Partial dates are compared by the earliest and latest day they can mean, so a rule fails
only when no reading of the dates puts them in order.
"""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, lookup, member
from ..findings import Finding

RULE = "chronology"
QUESTION = "rule 4: dates are in a possible order"
FIX = "Check the dates against the source; leave a date partial or empty rather than guess it."
TABLES = ("detentions", "trials", "sentences", "allegations")


def _after(a_earliest: pl.Series, b_latest: pl.Series) -> pl.Series:
    """True where a certainly comes after b (a's first possible day is later than b's last)."""
    return (a_earliest > b_latest).fill_null(False)


def _detentions(ds: Dataset) -> list[Finding]:
    d = ds.frame("detentions")
    bad = _after(d["detained_on_earliest"], d["released_on_latest"])
    return ds.findings(RULE, "detentions", bad, "released_on", "release is before the detention began")


def _trials(ds: Dataset) -> list[Finding]:
    t = ds.frame("trials")
    findings = ds.findings(RULE, "trials", _after(t["opened_on_earliest"], t["decided_on_latest"]),
                           "decided_on", "decided before the proceeding opened")
    start = t["opened_on_latest"].fill_null(t["decided_on_latest"])
    parent_decided = lookup(t["appeal_of"], t["trial_id"], t["decided_on_earliest"])
    findings += ds.findings(RULE, "trials", _after(parent_decided, start), "opened_on",
                            "a review cannot open before the decision it reviews (see appeal_of)")
    return findings


def _sentences(ds: Dataset) -> list[Finding]:
    s, t = ds.frame("sentences"), ds.frame("trials")
    t_early = lookup(s["trial_id"], t["trial_id"], t["decided_on_earliest"])
    t_late = lookup(s["trial_id"], t["trial_id"], t["decided_on_latest"])
    apart = _after(s["decided_on_earliest"], t_late) | _after(t_early, s["decided_on_latest"])
    return ds.findings(RULE, "sentences", apart, "decided_on",
                       "differs from the decision date of its trial (trials.decided_on)")


def _custody_before_decision(ds: Dataset) -> list[Finding]:
    s, t, d = ds.frame("sentences"), ds.frame("trials"), ds.frame("detentions")
    first_detained = d.group_by("person_id").agg(pl.col("detained_on_earliest").min())
    custodial = (s["outcome"].cast(pl.String) == "imprisonment").fill_null(False) & member(s["person_id"], d["person_id"])
    decided = lookup(s["trial_id"], t["trial_id"], t["decided_on_latest"])
    began = lookup(s["person_id"], first_detained["person_id"], first_detained["detained_on_earliest"])
    return ds.findings(RULE, "sentences", custodial & _after(began, decided), "decided_on",
                       "sentenced to custody before any recorded detention of the person began")


def _allegations(ds: Dataset) -> list[Finding]:
    a, d = ds.frame("allegations"), ds.frame("detentions")
    began = lookup(a["detention_id"], d["detention_id"], d["detained_on_earliest"])
    return ds.findings(RULE, "allegations", _after(began, a["raised_on_latest"]), "raised_on",
                       "raised before the detention it concerns began")


def check(ds: Dataset) -> list[Finding]:
    return (_detentions(ds) + _trials(ds) + _sentences(ds) + _custody_before_decision(ds)
            + _allegations(ds))
