"""Rule 8: no trial documents more persons with an outcome than any source reports.

Fewer documented than reported is normal (coverage, not an error).
"""
from __future__ import annotations

import pandas as pd

from zhanaozen.documented import documented

from ..dataset import Dataset
from ..findings import Finding, as_warnings

RULE = "reported-totals"
TABLES = ("claims", "sentences", "charges")
PAIR = ["trial_id", "measure"]


def _first_claims(about_trials: pd.DataFrame, pairs: pd.DataFrame, on: list[str]) -> pd.Index:
    """For each row of ``pairs``, the first claim (in file order) that matches it on ``on``.

    One merge instead of a mask over every claim per pair, which was quadratic at a million rows.
    """
    claims = about_trials[on].reset_index(names="claim").drop_duplicates(on)
    return pd.Index(pairs[on].merge(claims, on=on, how="left")["claim"])


def check(ds: Dataset) -> list[Finding]:
    claims = ds.frame("claims")
    findings = ds.findings(RULE, "claims", claims["trial_id"].isna() & claims["event_id"].isna(), "trial_id",
                           "a claim must say what it is about: give trial_id or event_id")
    about_trials = claims[claims["trial_id"].notna()].assign(measure=lambda f: f["measure"].astype("string"))
    largest = about_trials.groupby(PAIR)["value"].max().rename("largest").reset_index()
    merged = largest.merge(documented(ds.frame("sentences"), ds.frame("charges")), on=PAIR)
    excess = merged[merged["documented"] > merged["largest"]]
    first = _first_claims(about_trials, excess, PAIR)
    messages = [f"{row.documented} persons are documented as {row.measure} in {row.trial_id}, "
                f"more than any source reports ({row.largest}): check the sentences and charges"
                for row in excess.itertuples()]
    findings += ds.findings(RULE, "claims", first, "value", pd.Series(messages, index=first, dtype=object))
    # Coverage: normal while the dataset is incomplete, so a warning that never fails the run. It points
    # at the claim with the largest figure.
    covered = merged[merged["documented"] < merged["largest"]].rename(columns={"largest": "value"})
    largest_claim = _first_claims(about_trials, covered, [*PAIR, "value"])
    messages = [f"coverage: {row.documented} of at least {row.value} persons reported "
                f"as {row.measure} in {row.trial_id} are documented" for row in covered.itertuples()]
    findings += as_warnings(ds.findings(RULE, "claims", largest_claim, "value",
                                        pd.Series(messages, index=largest_claim, dtype=object)))
    return findings
