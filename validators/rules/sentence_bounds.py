"""A sentence's term fits its outcome and the law's general limits; an article's range is a range.

- A fine (the outcome "a fine only") carries no custodial term and no probation.
- No term exceeds the general maximum of a custodial term under the criminal codes the dataset
  covers: 30 years (360 months), the most that a combination of sentences can reach under the
  Criminal Code of the Republic of Kazakhstan of 1997, article 48, part 3 (official text:
  adilet.zan.kz/eng/docs/K970000167_; 25 years for a combination of crimes, 15 or 20 for one crime).
  Life imprisonment is not a term in months. Rule 7 (legal bounds) compares a term with its articles' own maxima where
  they are known; this catches the 10,000-month typo where they are not.
- In legal_articles, min_months is not above max_months.
"""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset
from ..findings import Finding

RULE = "sentence-bounds"
QUESTION = ("a fine carries no term, no term exceeds the criminal code's general maximum (360 months), "
            "and an article's minimum is not above its maximum")
FIX = "Check the outcome, the term and the article's range against the source and the code."
TABLES = ("sentences", "legal_articles")
GENERAL_MAXIMUM_MONTHS = 360
NON_CUSTODIAL = ("fine",)


def check(ds: Dataset) -> list[Finding]:
    s, law = ds.frame("sentences"), ds.frame("legal_articles")
    fine = s["outcome"].cast(pl.String).is_in(list(NON_CUSTODIAL)).fill_null(False)
    findings = ds.findings(RULE, "sentences", fine & s["term_months"].is_not_null(), "term_months",
                           "a fine carries no custodial term; empty term_months or correct the outcome")
    findings += ds.findings(RULE, "sentences", fine & s["probation_months"].is_not_null(), "probation_months",
                            "a fine carries no probation; empty probation_months or correct the outcome")
    for column in ("term_months", "probation_months"):
        over = (s[column].cast(pl.Int64) > GENERAL_MAXIMUM_MONTHS).fill_null(False)
        findings += ds.findings(RULE, "sentences", over, column, f"is over {GENERAL_MAXIMUM_MONTHS} months, the "
                                "general maximum of a custodial term under the criminal code (30 years)")
    upside_down = (law["min_months"].cast(pl.Int64) > law["max_months"].cast(pl.Int64)).fill_null(False)
    findings += ds.findings(RULE, "legal_articles", upside_down, "min_months", "is above max_months")
    return findings
