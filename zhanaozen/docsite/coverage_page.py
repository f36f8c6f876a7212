"""The docs "Coverage" page: an explanation, then per trial a table and an inline SVG bar chart.

Every text taken from the CSVs is escaped."""
from __future__ import annotations

import html

import pandas as pd

from ..package.outcomes import OUTCOMES
from ..reports.coverage import NO_CLAIM, NOT_COUNTED, checked_package, claims_table, figure as _figure, source_urls
from .coverage_chart import svg
from .markup import escape

def _listing(words: list[str], last: str = "or") -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def _mapping() -> str:
    """How each counted measure maps to sentence outcomes, from the one definition in code."""
    items = [f"*{escape(measure)}* counts sentences of {_listing([escape(o) for o in sorted(outcomes)])}"
             for measure, outcomes in OUTCOMES.items() if outcomes != {measure}]
    same = _listing([f"*{escape(m)}*" for m, outcomes in OUTCOMES.items() if outcomes == {m}], "and")
    return "; ".join(["*defendants* counts anyone charged or sentenced in the trial", *items,
                      f"{same} count the sentence outcome of the same name"])


def intro() -> str:
    return (
        "For every trial this page sets two kinds of number side by side. **Documented** is how many "
        "distinct people have a row in this dataset with that outcome in the trial "
        f"({_mapping()}). **Reported** is a total that a source states, shown with the source and the "
        "place in it; where sources disagree, each figure is listed.\n\n"
        "A documented count is a floor, not an estimate: the dataset only holds people whom a source "
        "names. So when fewer people are documented than a source reports, the difference is a gap in "
        "our coverage (people not yet identified or entered), not a contradiction between the data and "
        "the source. Only the opposite, more people documented than any source reports, points to an "
        "error, and the validator's `reported-totals` rule rejects it. Measures such as *released* or "
        f"*appellants* cannot be counted from sentences and charges; they show the reported figures "
        f"and \"{NOT_COUNTED}\"."
    )


def _source(source_id, urls: dict[str, str]) -> str:
    if pd.isna(source_id):
        return ""
    url = urls.get(source_id)
    label = f"<code>{escape(source_id)}</code>"
    if isinstance(url, str) and url.startswith(("https://", "http://")):  # never javascript: or data:
        return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
    return label


def _row(row, urls: dict[str, str]) -> str:
    documented = NOT_COUNTED if pd.isna(row.documented) else str(int(row.documented))
    if pd.isna(row.claim_id):
        return f"| {escape(row.measure)} | {documented} | — | {NO_CLAIM} | | |"
    return (f"| {escape(row.measure)} | {documented} | {escape(_figure(row.reported, row.qualifier))} "
            f"| {_source(row.source_id, urls)} | {escape(row.locator)} | {escape(row.claim_id)} |")


def _headline(rows: pd.DataFrame) -> str:
    """The trial's defendants at a glance: documented against the reported range."""
    defendants = rows[rows["measure"] == "defendants"]
    if defendants.empty:
        return "No defendant is documented."
    documented = int(defendants["documented"].iloc[0])
    claims = defendants[defendants["reported"].notna()].sort_values("reported", kind="stable")
    figures = list(dict.fromkeys(_figure(c.reported, c.qualifier) for c in claims.itertuples()))
    sources = claims["source_id"].nunique()
    tail = (f" of {escape(_listing(figures))} reported ({sources} source{'s' if sources > 1 else ''})."
            if figures else "; no source reports how many were tried.")
    return f"Defendants documented: **{documented}**{tail}"


def _trial(trial_id: str, rows: pd.DataFrame, urls: dict[str, str]) -> str:
    first = rows.iloc[0]
    name = "" if pd.isna(first.trial_name) else first.trial_name
    instance = "" if pd.isna(first.instance) else str(first.instance).replace("_", " ")
    lines = [f"## {escape(trial_id)} · {escape(name)}", "", f"Instance: {escape(instance)}. {_headline(rows)}", "",
             "| Measure | Documented | Reported | Source | Locator | Claim |",
             "|---|--:|--:|---|---|---|",
             *(_row(row, urls) for row in rows.itertuples()), "",
             f'<figure class="zhanaozen-coverage">{svg(trial_id, name, rows)}</figure>']
    return "\n".join(lines)


def markdown(root=None) -> str:
    """The page body for the package at ``root`` (:class:`CoverageError` when it cannot be read)."""
    package = checked_package(root)
    table, urls = claims_table(package), source_urls(package)
    parts = [intro()]
    parts += [_trial(trial_id, rows, urls) for trial_id, rows in table.groupby("trial_id", sort=False)]
    if table.empty:
        parts.append("No trial has documented persons or reported totals yet.")
    return "\n\n".join(parts) + "\n"
