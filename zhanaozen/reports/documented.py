"""Distinct persons the dataset documents per trial and measure: one count shared by the
``reported-totals`` rule and the coverage report, so the two can never disagree.

Needs pandas only (no validation extras), because the coverage report runs on a plain install.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..package.outcomes import MEASURES, OUTCOMES

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MEASURES", "OUTCOMES", "documented"]


def documented(sentences: pd.DataFrame, charges: pd.DataFrame) -> pd.DataFrame:
    """Columns ``trial_id``, ``measure``, ``documented``: distinct persons per trial and measure.

    Only trial × measure pairs with at least one person appear.
    """
    import pandas as pd

    s = sentences
    rows = [pd.DataFrame({"trial_id": s.loc[s["outcome"].isin(outcomes), "trial_id"],
                          "person_id": s.loc[s["outcome"].isin(outcomes), "person_id"], "measure": measure})
            for measure, outcomes in OUTCOMES.items()]
    tried = pd.concat([s[["trial_id", "person_id"]], charges[["trial_id", "person_id"]]])
    rows.append(tried.assign(measure="defendants"))
    people = pd.concat(rows).drop_duplicates()
    return people.groupby(["trial_id", "measure"]).size().rename("documented").reset_index()
