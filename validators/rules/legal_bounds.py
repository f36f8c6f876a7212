"""Rule 7: a custodial term does not exceed what the convicted articles allow.

Where one person is convicted under several articles the bound is the sum of their
maxima (the most a cumulative sentence could reach), and a single unknown maximum
(including a charge whose article no source states) leaves the term unchecked: the
rule fails only on terms no known law allows.
"""
from __future__ import annotations

import polars as pl

from ..dataset import Dataset, lookup
from ..findings import Finding

RULE = "legal-bounds"
QUESTION = "rule 7: custodial terms stay within the convicted articles' maximum"
FIX = "Check the term and the convicted articles against the source."
TABLES = ("sentences", "charges", "legal_articles", "trials")


def _article(part: pl.Expr) -> pl.Expr:
    return pl.concat_str([pl.col("code").cast(pl.String), pl.col("article").cast(pl.String), part], separator="/")


def _article_maxima(ds: Dataset, charges: pl.DataFrame) -> pl.Series:
    """Each charge's article maximum: of its part if listed, else of the article as a whole."""
    law = ds.frame("legal_articles").select(key=_article(pl.col("part").cast(pl.String).fill_null("")),
                                            max_months=pl.col("max_months"))
    keys = charges.select(exact=_article(pl.col("part").cast(pl.String).fill_null("")), whole=_article(pl.lit("")))
    whole = law.filter(pl.col("key").str.ends_with("/"))
    exact = lookup(keys["exact"], law["key"], law["max_months"])
    return exact.fill_null(lookup(keys["whole"], whole["key"], whole["max_months"])).cast(pl.Float64)


def check(ds: Dataset) -> list[Finding]:
    s, c = ds.frame("sentences"), ds.frame("charges")
    convicted = c.filter(pl.col("outcome").cast(pl.String) == "convicted")
    convicted = convicted.with_columns(max_months=_article_maxima(ds, convicted))
    # Sum per person and trial; one unknown maximum leaves the bound unknown.
    bounds = convicted.group_by("trial_id", "person_id").agg(
        bound=pl.when(pl.col("max_months").null_count() == 0).then(pl.col("max_months").sum()))
    pair = bounds.select(pl.concat_str("trial_id", "person_id", separator="|")).to_series()
    limit = lookup(s["trial_id"] + "|" + s["person_id"], pair, bounds["bound"])
    at_root = lookup(ds.root(s["trial_id"]) + "|" + s["person_id"], pair, bounds["bound"])
    limit = limit.fill_null(at_root)
    custodial = s["outcome"].cast(pl.String).is_in(["imprisonment", "suspended"])
    over = custodial & (s["term_months"].cast(pl.Float64) > limit)
    message = "term exceeds the maximum of the convicted article(s): " + limit.cast(pl.String).fill_null("") + " months"
    return ds.findings(RULE, "sentences", over, "term_months", message)

