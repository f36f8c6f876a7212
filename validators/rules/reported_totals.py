"""Rule 8: no trial documents more persons with an outcome than any source reports.

Fewer documented than reported is normal (coverage, not an error).
"""
from __future__ import annotations

from zhanaozen.documented import documented

from ..dataset import Dataset
from ..findings import Finding, as_warnings

RULE = "reported-totals"
TABLES = ("claims", "sentences", "charges")


def check(ds: Dataset) -> list[Finding]:
    claims = ds.frame("claims")
    findings = ds.findings(RULE, "claims", claims["trial_id"].isna() & claims["event_id"].isna(), "trial_id",
                           "a claim must say what it is about: give trial_id or event_id")
    about_trials = claims[claims["trial_id"].notna()].assign(measure=lambda f: f["measure"].astype("string"))
    largest = about_trials.groupby(["trial_id", "measure"])["value"].max().rename("largest").reset_index()
    merged = largest.merge(documented(ds.frame("sentences"), ds.frame("charges")), on=["trial_id", "measure"])
    excess = merged[merged["documented"] > merged["largest"]]
    for row in excess.itertuples():
        first = about_trials.index[(about_trials["trial_id"] == row.trial_id) & (about_trials["measure"] == row.measure)]
        findings += ds.findings(RULE, "claims", first[:1], "value",
                                f"{row.documented} persons are documented as {row.measure} in {row.trial_id}, "
                                f"more than any source reports ({row.largest}): check the sentences and charges")
    for row in merged[merged["documented"] < merged["largest"]].itertuples():
        # Coverage: normal while the dataset is incomplete, so a warning that never fails the run. It points
        # at the claim with the largest figure.
        largest_claim = about_trials.index[(about_trials["trial_id"] == row.trial_id)
                                           & (about_trials["measure"] == row.measure)
                                           & (about_trials["value"] == row.largest)]
        findings += as_warnings(ds.findings(RULE, "claims", largest_claim[:1], "value",
                                            f"coverage: {row.documented} of at least {row.largest} persons reported "
                                            f"as {row.measure} in {row.trial_id} are documented"))
    return findings
