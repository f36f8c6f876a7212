"""Inline SVG bar chart of one trial's coverage.

The chart is plain SVG built as text: no JavaScript, no fonts or images fetched, so the docs
page renders offline and cannot run anything taken from the data.
"""
from __future__ import annotations

import pandas as pd

from .markup import escape


WIDTH, LABEL, BAR, GAP, GROUP = 640, 190, 14, 3, 12
BARS = (  # (what, colour); the legend and the bars share it
    ("documented", "#1f6f8b"),
    ("largest reported", "#e07b39"),
    ("smallest reported", "#f2c14e"),
)
COLOUR = dict(BARS)


def _bars(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """The bars of one measure: documented, then the largest and smallest reported figure."""
    bars = []
    if pd.notna(rows["documented"].iloc[0]):
        bars.append(("documented", int(rows["documented"].iloc[0])))
    reported = rows["reported"].dropna()
    if len(reported):
        bars.append(("largest reported", int(reported.max())))
        if reported.min() != reported.max():
            bars.append(("smallest reported", int(reported.min())))
    return bars


def _legend(y: int, used: set[str]) -> list[str]:
    parts, x = [], LABEL
    for what, colour in BARS:
        if what not in used:
            continue
        parts.append(f'<rect x="{x}" y="{y}" width="{BAR}" height="{BAR}" fill="{colour}"/>'
                     f'<text x="{x + BAR + 4}" y="{y + BAR - 3}">{escape(what)}</text>')
        x += 150
    return parts


def svg(trial_id: str, trial_name: str, rows: pd.DataFrame) -> str:
    """A horizontal bar chart: per measure, documented persons against the reported range."""
    groups = [(measure, _bars(group)) for measure, group in rows.groupby("measure", sort=False)]
    groups = [(measure, bars) for measure, bars in groups if bars]
    top = max([value for _, bars in groups for _, value in bars] + [1])
    scale = (WIDTH - LABEL - 50) / top
    used = {what for _, bars in groups for what, _ in bars}
    parts, y = _legend(4, used), 4 + BAR + GROUP
    for measure, bars in groups:
        parts.append(f'<text x="{LABEL - 8}" y="{y + BAR - 3}" text-anchor="end">{escape(measure)}</text>')
        for what, value in bars:
            parts.append(f'<rect x="{LABEL}" y="{y}" width="{value * scale:.1f}" height="{BAR}" '
                         f'fill="{COLOUR[what]}"><title>{escape(measure)}: {escape(what)} {value}</title></rect>'
                         f'<text x="{LABEL + value * scale + 4:.1f}" y="{y + BAR - 3}">{value}</text>')
            y += BAR + GAP
        y += GROUP
    title = escape(f"{trial_id} {trial_name}: documented persons and reported totals")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {y}" width="{WIDTH}" '
            f'height="{y}" style="max-width:100%;height:auto" font-family="sans-serif" font-size="12">'
            f"<title>{title}</title>{''.join(parts)}</svg>")
