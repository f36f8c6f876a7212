"""Rule 5: every sentenced person was charged, and outcomes agree with the charges."""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, member
from ..findings import Finding

RULE = "defendants"
QUESTION = "rule 5: sentences agree with the charges"
FIX = "Add the missing charge, or correct the sentence or charge outcome, as the source reports it."
TABLES = ("sentences", "charges", "trials")
CONVICTIONS = ["imprisonment", "suspended", "amnestied", "fine"]


def _pairs(trials: pl.Series, persons: pl.Series) -> pl.Series:
    """trial|person text; null where either part is empty (such a pair matches nothing)."""
    return trials.cast(pl.String) + "|" + persons.cast(pl.String)


def _charged(c: pl.DataFrame, outcome: pl.Expr | bool = True) -> pl.Series:
    chosen = c.filter(outcome)
    return _pairs(chosen["trial_id"], chosen["person_id"])


def check(ds: Dataset) -> list[Finding]:
    s = ds.frame("sentences")
    c = ds.frame("charges").with_columns(pl.col("outcome").cast(pl.String))
    outcome = s["outcome"].cast(pl.String)
    here, at_root = _pairs(s["trial_id"], s["person_id"]), _pairs(ds.root(s["trial_id"]), s["person_id"])
    charged = _charged(c)
    uncharged = ~member(here, charged) & ~member(at_root, charged)
    findings = ds.findings(RULE, "sentences", uncharged, "person_id",
                           "no charge against this person in this trial (or the first-instance trial it reviews)")

    acquitted = (outcome == "acquitted").fill_null(False)
    findings += ds.findings(RULE, "sentences", acquitted & s["term_months"].is_not_null(), "term_months",
                            "an acquittal carries no term")
    not_acquitted = _charged(c, (pl.col("outcome") != "acquitted") | pl.col("outcome").is_null())
    findings += ds.findings(RULE, "sentences", acquitted & member(here, not_acquitted), "outcome",
                            "acquitted, but a charge against the person in this trial is not marked acquitted")

    convicted = _charged(c, pl.col("outcome") == "convicted")
    conviction = outcome.is_in(CONVICTIONS).fill_null(False) & ~uncharged
    no_count = conviction & ~member(here, convicted) & ~member(at_root, convicted)
    findings += ds.findings(RULE, "sentences", no_count, "outcome",
                            "a conviction needs at least one charge with outcome convicted")
    return findings
