"""The docs "Coverage" page: an overview chart across trials first, then one row per trial and
measure (documented; reported smallest–largest; sources) with each source's figure folded away,
then the event-level figures (killed, injured, detained …) with a chart of what each source
reported and when.

Every text taken from the CSVs is escaped."""
from __future__ import annotations

import html

import pandas as pd

from ..package.outcomes import OUTCOMES
from ..reports.coverage import NO_CLAIM, NOT_COUNTED, checked_package, claims_table, figure as _figure
from ..reports.coverage import typed_table as _frame
from . import claims_chart, coverage_chart
from .markup import escape, html_table


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
        f"({_mapping()}). **Reported** is a total that a source states; where sources disagree, the "
        "smallest and largest figures are shown and each source's figure is listed under *per source*. "
        "Figures about the events themselves (people killed, injured, detained) are in "
        "[Event-level figures](#event-level-figures)."
    )


def reading() -> str:
    return (
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


def _range(values: pd.Series, qualifiers: pd.Series) -> str:
    """Smallest–largest reported figure, each with its qualifier (``at least 36–37``)."""
    claims = pd.DataFrame({"v": values, "q": qualifiers}).dropna(subset=["v"]).sort_values("v", kind="stable")
    if claims.empty:
        return "—"
    low, high = claims.iloc[0], claims.iloc[-1]
    if low.v == high.v:
        return escape(_listing(list(dict.fromkeys(_figure(r.v, r.q) for r in claims.itertuples()))))
    return f"{escape(_figure(low.v, low.q))} – {escape(_figure(high.v, high.q))}"


def _per_source(rows: pd.DataFrame, urls: dict[str, str]) -> str:
    claims = rows[rows["reported"].notna()]
    if claims.empty:
        return f'<span title="{NO_CLAIM}">none</span>'
    items = "".join(f"<li><strong>{escape(_figure(c.reported, c.qualifier))}</strong> {_source(c.source_id, urls)}"
                    f" — {escape(c.locator) if pd.notna(c.locator) else ''} <small>{escape(c.claim_id)}</small></li>"
                    for c in claims.itertuples())
    n = claims["source_id"].nunique()
    return f'<details><summary>{n} source{"s" if n != 1 else ""}</summary><ul>{items}</ul></details>'


def _measure_row(measure: str, rows: pd.DataFrame, urls: dict[str, str]) -> list[str]:
    first = rows.iloc[0]
    documented = NOT_COUNTED if pd.isna(first.documented) else str(int(first.documented))
    return [escape(measure), documented, _range(rows["reported"], rows["qualifier"]), _per_source(rows, urls)]


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
    return f"Defendants documented: <strong>{documented}</strong>{tail}"


def _trial_rows(trial_id: str, rows: pd.DataFrame, urls: dict[str, str]) -> list[str]:
    """The trial's rows of the one table: its name cell spans one row per measure."""
    first = rows.iloc[0]
    name = "" if pd.isna(first.trial_name) else first.trial_name
    instance = "" if pd.isna(first.instance) else str(first.instance).replace("_", " ")
    measures = [_measure_row(m, group, urls) for m, group in rows.groupby("measure", sort=False)]
    head = (f'<td rowspan="{len(measures)}" class="zd-trial"><strong>{escape(trial_id)}</strong> · {escape(name)}'
            f"<br><small>{escape(instance)}. {_headline(rows)}</small></td>")
    out = []
    for i, cells in enumerate(measures):
        ident = f' id="{escape(trial_id)}"' if i == 0 else ""
        out.append(f"<tr{ident}>" + (head if i == 0 else "") + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return out


def _trials_table(table: pd.DataFrame, urls: dict[str, str]) -> str:
    body = [row for trial_id, rows in table.groupby("trial_id", sort=False) for row in _trial_rows(trial_id, rows, urls)]
    head = "".join(f"<th>{h}</th>" for h in ("Trial", "Measure", "Documented", "Reported (smallest – largest)",
                                              "Per source"))
    return ('<div class="zd-wide zd-coverage-table"><table>\n<thead><tr>' + head + "</tr></thead>\n<tbody>\n"
            + "\n".join(body) + "\n</tbody>\n</table></div>")


def _overview_rows(table: pd.DataFrame) -> pd.DataFrame:
    grouped = table.groupby(["trial_id", "measure"], sort=False)
    return grouped.agg(documented=("documented", "first"), smallest=("reported", "min"),
                       largest=("reported", "max")).reset_index()


def _events(package) -> list[str]:
    """Figures sources give about the events (not a trial): a summary, a chart, every claim folded away."""
    claims = _frame(package, "claims")
    claims = claims[claims["trial_id"].isna() & claims["event_id"].notna()]
    lines = ["## Event-level figures", ""]
    if claims.empty:
        return lines + ["No source figure about an event is recorded yet."]
    sources = _frame(package, "sources")
    urls = dict(zip(sources["source_id"], sources["url"]))
    claims = claims.merge(sources[["source_id", "published", "published_earliest", "published_latest"]],
                          on="source_id", how="left")
    events = _frame(package, "events").set_index("event_id") if "events" in package.tables else pd.DataFrame()
    lines += [f"{len(claims)} figures that sources state about the events themselves, each kept with its source: "
              "they disagree, and none is chosen here. The chart places each figure at the date its source was "
              "published (a source dated only to the month or year spans that range).", ""]
    for event_id, rows in claims.groupby("event_id", sort=True):
        name = events["name"].get(event_id, "") if "name" in events else ""
        # The most reported measures first (killed, injured, detained): they are what readers look for.
        measures = sorted(rows.groupby("measure", sort=False, observed=True), key=lambda mg: -len(mg[1]))
        rows = pd.concat([g for _, g in measures])
        summary = [[escape(m), _range(g["value"], g["qualifier"]), str(len(g)), str(g["source_id"].nunique()),
                    _event_sources(g, urls)] for m, g in measures]
        lines += [f"### {escape(event_id)} · {escape(name if pd.notna(name) else '')}", "",
                  '<div class="zd-wide zd-coverage-table">' + html_table(
                      ["Measure", "Reported (smallest – largest)", "Figures", "Sources", "Per source"], summary)
                  + "</div>", "",
                  f'<figure class="zd-claims-figure">{claims_chart.svg(f"{event_id} {name}", rows)}</figure>', ""]
    return lines


def _event_sources(rows: pd.DataFrame, urls: dict[str, str]) -> str:
    rows = rows.sort_values(["published_earliest", "claim_id"], na_position="last", kind="stable")
    items = "".join(f"<li><strong>{escape(_figure(c.value, c.qualifier))}</strong> {_source(c.source_id, urls)} "
                    f"({escape(c.published) if pd.notna(c.published) else 'undated'}) — "
                    f"{escape(c.locator) if pd.notna(c.locator) else ''} <small>{escape(c.claim_id)}</small></li>"
                    for c in rows.itertuples())
    return f'<details><summary>{len(rows)} figure{"s" if len(rows) != 1 else ""}</summary><ul>{items}</ul></details>'


def markdown(root=None) -> str:
    """The page body for the package at ``root`` (:class:`CoverageError` when it cannot be read)."""
    package = checked_package(root)
    table = claims_table(package)
    sources = _frame(package, "sources")
    urls = dict(zip(sources["source_id"], sources["url"])) if "url" in sources else {}
    parts = [intro()]
    if table.empty:
        parts.append("No trial has documented persons or reported totals yet.")
    else:
        names = dict(zip(table["trial_id"], table["trial_name"].fillna("")))
        parts.append("## Overview\n\n" + '<figure class="zd-overview-figure">'
                     + coverage_chart.overview(_overview_rows(table), names) + "</figure>")
        parts.append(reading())
        parts.append("## Trials\n\nOne row per trial and measure; open *per source* for each source's figure, "
                     "its locator and claim.\n\n" + _trials_table(table, urls))
    if "events" in package.tables or "claims" in package.tables:
        parts.append("\n".join(_events(package)))
    return "\n\n".join(parts) + "\n"
