"""What each source reported about an event, and when: one panel per measure, inline SVG.

x is the source's publication date (a partial date drawn as the range it can mean), y the figure on a
log scale (the figures run from 1 to several hundred). The marker's shape says how the figure was
qualified. Nothing is fetched and every text from the data is escaped.
"""
from __future__ import annotations

import math
from datetime import date

import pandas as pd

from .markup import escape
from .timeline import Scale

WIDTH, LEFT, RIGHT, PANEL, GAP = 720, 110, 20, 120, 34
TICKS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
COLOUR = "#1f6f8b"
SHAPES = {  # qualifier → (path around 0,0, description)
    "exact": ("M-4,0 a4,4 0 1,0 8,0 a4,4 0 1,0 -8,0", "exact figure"),
    "at_least": ("M0,-5 L5,4 L-5,4 Z", "at least"),
    "up_to": ("M0,5 L5,-4 L-5,-4 Z", "up to"),
    "about": ("M-4,0 a4,4 0 1,0 8,0 a4,4 0 1,0 -8,0", "about"),
}


def _y(value: float, top: float, low: float, high: float) -> float:
    span = (math.log10(high) - math.log10(low)) or 1
    return top + PANEL - PANEL * (math.log10(max(value, low)) - math.log10(low)) / span


def _marker(qualifier: str, x: float, y: float, title: str, cls: str = "claim") -> str:
    path, _ = SHAPES.get(qualifier, SHAPES["exact"])
    fill = "none" if qualifier == "about" else COLOUR
    return (f'<path transform="translate({x:.1f},{y:.1f})" d="{path}" fill="{fill}" stroke="{COLOUR}" '
            f'stroke-width="1.5" class="{cls}"><title>{escape(title)}</title></path>')


def _legend(y: float) -> str:
    parts, x = [], LEFT
    for qualifier, (_, words) in SHAPES.items():
        parts.append(_marker(qualifier, x, y, words, "legend") + f'<text x="{x + 9}" y="{y + 4}">{escape(words)}</text>')
        x += 110
    return "".join(parts)


def svg(event: str, claims: pd.DataFrame) -> str:
    """``claims``: the event's claims with ``measure``, ``value``, ``qualifier``, ``source_id``, ``claim_id``
    and the source's ``published`` with ``published_earliest`` / ``published_latest``."""
    days = [d.date() for d in pd.concat([claims["published_earliest"], claims["published_latest"]]).dropna()]
    scale = Scale(*_years(days), left=LEFT, right=WIDTH - RIGHT)
    parts, top = [_legend(10)], 30
    for measure, rows in claims.groupby("measure", sort=False, observed=True):
        values = rows["value"].dropna().astype(int)
        if values.empty:
            continue
        low = max(1, max(t for t in TICKS if t <= max(values.min(), 1)))
        high = min(t for t in TICKS if t >= values.max()) if values.max() < TICKS[-1] else values.max()
        high = high if high > low else low * 2
        parts.append(_panel(scale, str(measure), rows, top, low, high))
        top += PANEL + GAP
    height = top
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="zd-claims" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="11">'
            f"<title>{escape(event)}: figures each source reported, by publication date</title>"
            "<style>text{fill:#333}.grid{stroke:#e4e4e4}.measure{font-weight:bold}</style>" + "".join(parts) + "</svg>")


def _years(days: list[date]) -> tuple[date, date]:
    scale = Scale.over(days)
    return scale.start, scale.end


def _panel(scale: Scale, measure: str, rows: pd.DataFrame, top: float, low: float, high: float) -> str:
    parts = [f'<text x="4" y="{top + 12}" class="measure">{escape(measure)}</text>']
    for tick in (t for t in TICKS if low <= t <= high):
        y = _y(tick, top, low, high)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for year in range(scale.start.year, scale.end.year):
        x = scale.x(date(year, 7, 1))
        parts.append(f'<text x="{x:.1f}" y="{top + PANEL + 14}" text-anchor="middle">{year}</text>')
        parts.append(f'<line x1="{scale.x(date(year, 1, 1)):.1f}" y1="{top}" x2="{scale.x(date(year, 1, 1)):.1f}" '
                     f'y2="{top + PANEL}" class="grid"/>')
    for r in rows.itertuples(index=False):
        if pd.isna(r.value):
            continue
        y = _y(int(r.value), top, low, high)
        title = (f"{r.claim_id}: {measure} {r.value} ({str(r.qualifier).replace('_', ' ')}) — {r.source_id}, "
                 f"published {r.published if pd.notna(r.published) else 'undated'}")
        if pd.isna(r.published_earliest):
            continue
        x1, x2 = scale.x(r.published_earliest.date()), scale.x(r.published_latest.date())
        if x2 - x1 > 2:
            parts.append(f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="{COLOUR}" '
                         f'stroke-opacity="0.35" stroke-width="4"><title>{escape(title)}</title></line>')
        parts.append(_marker(str(r.qualifier), (x1 + x2) / 2, y, title))
    return "".join(parts)
