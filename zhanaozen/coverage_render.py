"""The coverage table as a docs page (Markdown with inline SVG) and as terminal text."""
from __future__ import annotations

import html

import pandas as pd

from .coverage_chart import escape, svg
from .documented import OUTCOMES

QUALIFIERS = {"at_least": "at least ", "about": "about ", "up_to": "up to "}
NOT_COUNTED = "not counted from the tables"
NO_CLAIM = "no source reports a total"


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


def _figure(value, qualifier) -> str:
    if pd.isna(value):
        return ""
    return QUALIFIERS.get(qualifier if pd.notna(qualifier) else "", "") + str(int(value))


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


def markdown(table: pd.DataFrame, urls: dict[str, str]) -> str:
    parts = [intro()]
    parts += [_trial(trial_id, rows, urls) for trial_id, rows in table.groupby("trial_id", sort=False)]
    if table.empty:
        parts.append("No trial has documented persons or reported totals yet.")
    return "\n\n".join(parts) + "\n"


def _printable(value: object) -> str:
    """Terminal-safe text: a control character in the data must not drive the terminal."""
    return "".join(c if c.isprintable() else "\ufffd" for c in str(value))


def _text_line(trial_id: str, measure: str, rows: pd.DataFrame) -> str:
    first = rows.iloc[0]
    name = "" if pd.isna(first.trial_name) else f" {first.trial_name}"
    documented = NOT_COUNTED if pd.isna(first.documented) else f"documented {int(first.documented)}"
    claims = rows[rows["reported"].notna()]
    figures = ", ".join(f"{_figure(c.reported, c.qualifier)} ({c.source_id})" for c in claims.itertuples())
    if not figures:
        tail = f"; {NO_CLAIM}"
    elif pd.isna(first.documented):
        tail = f"; reported {figures}"
    else:
        tail = f" of {figures}"
    return _printable(f"{trial_id}{name}: {measure} {documented}{tail}")


def text(table: pd.DataFrame) -> str:
    lines = [_text_line(trial_id, measure, rows)
             for (trial_id, measure), rows in table.groupby(["trial_id", "measure"], sort=False)]
    return "\n".join(lines or ["no trial has documented persons or reported totals"]) + "\n"
