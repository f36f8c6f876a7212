"""Rule 7: a custodial term does not exceed what the convicted articles allow.

Where one person is convicted under several articles the bound is the sum of their
maxima (the most a cumulative sentence could reach), and a single unknown maximum
(including a charge whose article no source states) leaves the term unchecked: the
rule fails only on terms no known law allows.
"""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset, lookup
from ..findings import Finding

RULE = "legal-bounds"
TABLES = ("sentences", "charges", "legal_articles", "trials")


def _article_maxima(ds: Dataset, charges: pd.DataFrame) -> pd.Series:
    law = ds.frame("legal_articles")
    def key(frame, part):
        return frame["code"].astype("string") + "/" + frame["article"].astype("string") + "/" + part
    exact = pd.Series(law["max_months"].to_numpy(), index=key(law, law["part"].fillna("")))
    exact = exact[~exact.index.duplicated()]
    whole = exact[exact.index.str.endswith("/")]
    found = lookup(key(charges, charges["part"].fillna("")), exact)
    return found.fillna(lookup(key(charges, pd.Series("", index=charges.index)), whole)).astype("Float64")


def check(ds: Dataset) -> list[Finding]:
    s, c = ds.frame("sentences"), ds.frame("charges")
    convicted = c[c["outcome"] == "convicted"].assign(max_months=lambda f: _article_maxima(ds, f))
    # Sum per person and trial; one unknown maximum leaves the bound unknown (whole-column, no Python lambda).
    groups = convicted.groupby(["trial_id", "person_id"])["max_months"]
    bound = groups.sum().where(groups.count() == groups.size())
    bound.index = bound.index.get_level_values(0) + "|" + bound.index.get_level_values(1)
    root = lookup(s["trial_id"], ds.roots).fillna(s["trial_id"])
    limit = lookup(s["trial_id"] + "|" + s["person_id"], bound)
    limit = limit.fillna(lookup(root + "|" + s["person_id"], bound)).astype("Float64")
    custodial = s["outcome"].isin({"imprisonment", "suspended"})
    over = custodial & (s["term_months"].astype("Float64") > limit).fillna(False)
    message = "term exceeds the maximum of the convicted article(s): " + limit.astype("string").fillna("") + " months"
    return ds.findings(RULE, "sentences", over.astype(bool), "term_months", message)
