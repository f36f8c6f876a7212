"""Rule 8: no trial documents more persons with an outcome than any source reports.

Fewer documented than reported is normal (coverage, not an error).
"""
from __future__ import annotations

import polars as pl

from zhanaozen.reports.documented import documented

from ..dataset import Dataset
from ..findings import Finding

RULE = "reported-totals"
QUESTION = "rule 8: documented outcomes never exceed what sources report"
FIX = "Check the sentences and charges of the trial against the sources' figures."
TABLES = ("claims", "sentences", "charges")
PAIR = ["trial_id", "measure"]


def _documented(ds: Dataset) -> pl.DataFrame:
    """The count the coverage report shows too (zhanaozen.reports.documented), from the typed columns."""
    tables = [ds.frame(name).select("trial_id", "person_id", *(["outcome"] if name == "sentences" else []))
              .to_arrow(compat_level=pl.CompatLevel.oldest()) for name in ("sentences", "charges")]
    return pl.from_arrow(documented(*tables))


def _first_claims(about_trials: pl.DataFrame, pairs: pl.DataFrame, on: list[str]) -> list[int]:
    """For each row of ``pairs``, the position of the first claim (in file order) that matches it on ``on``."""
    first = about_trials.select(*on, "position").unique(on, keep="first", maintain_order=True)
    return pairs.join(first, on=on, how="left", maintain_order="left")["position"].to_list()


def check(ds: Dataset) -> list[Finding]:
    claims = ds.frame("claims").with_row_index("position")
    findings = ds.findings(RULE, "claims", claims["trial_id"].is_null() & claims["event_id"].is_null(), "trial_id",
                           "a claim must say what it is about: give trial_id or event_id")
    about_trials = claims.filter(pl.col("trial_id").is_not_null()).with_columns(pl.col("measure").cast(pl.String))
    largest = about_trials.group_by(PAIR, maintain_order=True).agg(largest=pl.col("value").max())
    merged = largest.join(_documented(ds), on=PAIR, how="inner").sort(PAIR)
    excess = merged.filter(pl.col("documented") > pl.col("largest"))
    messages = [f"{row['documented']} persons are documented as {row['measure']} in {row['trial_id']}, "
                f"more than any source reports ({row['largest']}): check the sentences and charges"
                for row in excess.iter_rows(named=True)]
    findings += ds.findings(RULE, "claims", _first_claims(about_trials, excess, PAIR), "value", messages)
    # Coverage: normal while the dataset is incomplete, so a warning that never fails the run. It points
    # at the claim with the largest figure.
    covered = merged.filter(pl.col("documented") < pl.col("largest")).rename({"largest": "value"})
    messages = [f"coverage: {row['documented']} of at least {row['value']} persons reported "
                f"as {row['measure']} in {row['trial_id']} are documented" for row in covered.iter_rows(named=True)]
    findings += ds.findings(RULE, "claims", _first_claims(about_trials, covered, [*PAIR, "value"]), "value", messages,
                            severity="warning")
    return findings
