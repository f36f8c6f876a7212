"""Analysis-ready tables built from the normalised ones: ``zhanaozen.view(name)``.

Each view answers a common question in one call instead of three to five merges; each is derived
from the loaded tables only, so it never disagrees with them.

- ``sentences_detailed``: one row per sentence, with the person, the trial (instance, court,
  dates), the first-instance trial of its chain, the decision it reviews and the term before and after.
- ``custody``: one row per custody spell with its bounds and its shortest and longest possible length.
- ``claims_summary``: per trial or event and measure, the smallest and largest reported figure, the
  number of claims and of sources, and (for trials) the documented count.
- ``conflicts``: each disputed value next to the value each conflicting source asserts.
"""
from __future__ import annotations

import pandas as pd

from ..package.descriptor import EARLIEST, LATEST
from .documented import documented_frame
from .durations import duration
from .records import Tables, tables_at

VIEWS = ("sentences_detailed", "custody", "claims_summary", "conflicts")


def view(name: str, path=None, tables: Tables | None = None) -> pd.DataFrame:
    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}; the views are: {', '.join(VIEWS)}")
    tables = tables or tables_at(path)
    frame = globals()[name](tables).reset_index(drop=True)
    frame.attrs = {"view": name, "version": tables.package.version, "description": _doc(name)}
    return frame


def _doc(name: str) -> str:
    line = next(l for l in __doc__.splitlines() if l.startswith(f"- ``{name}``"))
    return line.split(":", 1)[1].strip()


def _dates(frame: pd.DataFrame, *names: str) -> list[str]:
    return [c for n in names for c in (n, n + EARLIEST, n + LATEST) if c in frame]


def _first_instance(trials: pd.DataFrame) -> pd.Series:
    """For each trial, the first-instance trial at the root of its appeal chain."""
    parent = dict(zip(trials["trial_id"], trials["appeal_of"]))

    def root(trial_id: str) -> str:
        seen = set()
        while isinstance(parent.get(trial_id), str) and trial_id not in seen:
            seen.add(trial_id)
            trial_id = parent[trial_id]
        return trial_id

    return trials["trial_id"].map(root)


def sentences_detailed(tables: Tables) -> pd.DataFrame:
    trials = tables["trials"].assign(first_trial_id=lambda t: _first_instance(t).astype("string"))
    trial_cols = ["trial_id", "first_trial_id", "name", "instance", "court", "city", "appeal_of",
                  *_dates(trials, "opened_on"), "decided_on"]
    out = tables["sentences"].drop(columns=["notes"], errors="ignore").merge(
        trials[trial_cols].rename(columns={"name": "trial_name", "decided_on": "trial_decided_on"}),
        on="trial_id", how="left")
    out = out.merge(tables["persons"][["person_id", "name", "name_cyrillic"]].rename(
        columns={"name": "person_name", "name_cyrillic": "person_name_cyrillic"}), on="person_id", how="left")
    reviewed = tables["sentences"][["sentence_id", "trial_id", "person_id", "outcome", "term_months"]].rename(
        columns={"sentence_id": "reviews_sentence_id", "trial_id": "appeal_of",
                 "outcome": "outcome_before", "term_months": "term_months_before"})
    out = out.merge(reviewed, on=["appeal_of", "person_id"], how="left")
    out = out.rename(columns={"appeal_of": "reviews_trial_id"}).assign(term_months_after=out["term_months"])
    first = ["sentence_id", "person_id", "person_name", "person_name_cyrillic", "trial_id", "trial_name",
             "instance", "court", "city", "first_trial_id", "reviews_trial_id", "reviews_sentence_id"]
    out = out[first + [c for c in out.columns if c not in first]]
    return out.sort_values(["first_trial_id", "person_id", "decided_on_earliest", "sentence_id"],
                           na_position="last", kind="stable")


def custody(tables: Tables) -> pd.DataFrame:
    detentions = tables["detentions"].drop(columns=["notes"], errors="ignore")
    spans = duration(detentions, "detained_on", "released_on")
    out = detentions.assign(shortest_days=spans["shortest"], longest_days=spans["longest"],
                            released_known=detentions["released_on"].notna())
    out = out.merge(tables["persons"][["person_id", "name"]].rename(columns={"name": "person_name"}),
                    on="person_id", how="left")
    first = ["detention_id", "person_id", "person_name"]
    return out[first + [c for c in out.columns if c not in first]].sort_values(
        ["detained_on_earliest", "detention_id"], na_position="last", kind="stable")


def claims_summary(tables: Tables) -> pd.DataFrame:
    claims = tables["claims"].merge(tables["sources"][["source_id", "published"]], on="source_id", how="left")
    claims = claims.assign(
        subject=claims["trial_id"].where(claims["trial_id"].notna(), claims["event_id"]),
        subject_kind=pd.Series("trial", index=claims.index, dtype="string").where(claims["trial_id"].notna(), "event"),
        measure=claims["measure"].astype("string"))
    grouped = claims.groupby(["subject_kind", "subject", "measure"], dropna=True, sort=False)
    out = grouped.agg(smallest=("value", "min"), largest=("value", "max"), claims=("claim_id", "count"),
                      sources=("source_id", "nunique"), first_published=("published", "min"),
                      last_published=("published", "max")).reset_index()
    names = pd.concat([tables["trials"][["trial_id", "name"]].rename(columns={"trial_id": "subject"}),
                       tables["events"][["event_id", "name"]].rename(columns={"event_id": "subject"})])
    out = out.merge(names.rename(columns={"name": "subject_name"}), on="subject", how="left")
    counts = documented_frame(tables["sentences"], tables["charges"]).rename(columns={"trial_id": "subject"})
    counts = counts.assign(measure=counts["measure"].astype("string"))
    out = out.merge(counts, on=["subject", "measure"], how="left")
    out = out.astype({"smallest": "Int64", "largest": "Int64", "claims": "Int64", "sources": "Int64",
                      "documented": "Int64"})
    order = {m: i for i, m in enumerate(tables["claims"]["measure"].cat.categories)}
    out = out.assign(_o=out["measure"].map(order)).sort_values(["subject_kind", "subject", "_o"], kind="stable")
    return out.drop(columns="_o")[["subject_kind", "subject", "subject_name", "measure", "smallest", "largest",
                                   "claims", "sources", "documented", "first_published", "last_published"]]


def conflicts(tables: Tables) -> pd.DataFrame:
    cites = tables["citations"]
    disputed = cites[cites["stance"] == "conflicts"]
    rows = []
    for c in disputed.itertuples(index=False):
        recorded = _value(tables, str(c.table), c.record_id, c.field)
        support = cites[(cites["table"] == c.table) & (cites["record_id"] == c.record_id)
                        & (cites["stance"] == "supports")
                        & ((cites["field"] == c.field) | cites["field"].isna()).fillna(False)]
        rows.append({"table": str(c.table), "record_id": c.record_id, "field": c.field,
                     "recorded_value": recorded, "recorded_by": "; ".join(dict.fromkeys(support["source_id"])),
                     "asserted_value": c.asserted_value, "asserted_by": c.source_id, "locator": c.locator,
                     "citation_id": c.citation_id, "support": getattr(c, "support", pd.NA), "notes": c.notes})
    columns = ["table", "record_id", "field", "recorded_value", "recorded_by", "asserted_value", "asserted_by",
               "locator", "citation_id", "support", "notes"]
    return pd.DataFrame(rows, columns=columns).astype("string")


def _value(tables: Tables, table: str, record_id, field) -> object:
    frame = tables[table]
    if frame.empty or pd.isna(field) or field not in frame:
        return pd.NA
    key = tables.package.tables[table].primary_key[0]
    match = frame.loc[frame[key] == record_id, field]
    return pd.NA if match.empty or pd.isna(match.iloc[0]) else str(match.iloc[0])
