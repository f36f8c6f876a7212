"""Inline SVG charts of the Coverage page: the overview across trials.

Plain SVG built as text: no JavaScript, no fonts or images fetched, so the docs page renders
offline and cannot run anything taken from the data.
"""
from __future__ import annotations

import pandas as pd

from .markup import escape

WIDTH, LABEL, ROW, HEAD, TEXT = 720, 200, 16, 20, 170  # TEXT: the column of figures on the right
DOCUMENTED, REPORTED = "#1f6f8b", "#e07b39"


def _legend(y: int) -> str:
    return (f'<rect x="{LABEL}" y="{y}" width="14" height="10" fill="{DOCUMENTED}"/>'
            f'<text x="{LABEL + 18}" y="{y + 9}">documented persons</text>'
            f'<line x1="{LABEL + 170}" y1="{y + 5}" x2="{LABEL + 200}" y2="{y + 5}" stroke="{REPORTED}" '
            f'stroke-width="3"/><text x="{LABEL + 206}" y="{y + 9}">reported, smallest to largest</text>')


def overview(rows: pd.DataFrame, names: dict[str, str]) -> str:
    """One line per trial and measure: the documented count as a bar, the reported range as a whisker.

    ``rows``: ``trial_id``, ``measure``, ``documented`` (<NA> if not counted), ``smallest``, ``largest``.
    """
    top = max([int(v) for v in pd.concat([rows["documented"], rows["largest"]]).dropna()] + [1])
    scale = (WIDTH - LABEL - TEXT - 10) / top
    parts, y = [_legend(4)], 26
    for trial_id, group in rows.groupby("trial_id", sort=False):
        title = f"{trial_id} · {names.get(trial_id, '')}"
        parts.append(f'<text x="4" y="{y + 12}" class="trial">{escape(title[:90] + ("…" if len(title) > 90 else ""))}'
                     f"<title>{escape(title)}</title></text>")
        y += HEAD
        for r in group.itertuples(index=False):
            parts += _row(trial_id, r, y, scale)
            y += ROW
        y += 6
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="zd-overview" viewBox="0 0 {WIDTH} {y}" '
            f'width="{WIDTH}" height="{y}" font-family="sans-serif" font-size="11">'
            "<title>Documented persons against the figures sources report, per trial and measure</title>"
            "<style>.trial{font-weight:bold;fill:#222}text{fill:#333}</style>" + "".join(parts) + "</svg>")


def _row(trial_id: str, r, y: int, scale: float) -> list[str]:
    out = [f'<text x="{LABEL - 8}" y="{y + 10}" text-anchor="end">{escape(r.measure)}</text>']
    if pd.notna(r.documented):
        width = max(int(r.documented) * scale, 1)
        out.append(f'<rect x="{LABEL}" y="{y + 2}" width="{width:.1f}" height="9" fill="{DOCUMENTED}">'
                   f"<title>{escape(trial_id)} {escape(r.measure)}: documented {int(r.documented)}</title></rect>")
    if pd.notna(r.largest):
        x1, x2 = LABEL + int(r.smallest) * scale, LABEL + int(r.largest) * scale
        figure = str(int(r.largest)) if r.smallest == r.largest else f"{int(r.smallest)}–{int(r.largest)}"
        out.append(f'<g stroke="{REPORTED}" stroke-width="3"><title>{escape(trial_id)} {escape(r.measure)}: reported '
                   f"{figure}</title><line x1=\"{x1:.1f}\" y1=\"{y + 6}\" x2=\"{max(x2, x1 + 2):.1f}\" y2=\"{y + 6}\"/>"
                   f'<line x1="{x1:.1f}" y1="{y + 1}" x2="{x1:.1f}" y2="{y + 11}" stroke-width="1.5"/>'
                   f'<line x1="{x2:.1f}" y1="{y + 1}" x2="{x2:.1f}" y2="{y + 11}" stroke-width="1.5"/></g>')
    label = "; ".join(x for x in (
        f"{int(r.documented)} documented" if pd.notna(r.documented) else "",
        (f"reported {int(r.smallest)}" + (f"–{int(r.largest)}" if r.smallest != r.largest else ""))
        if pd.notna(r.largest) else "") if x)
    out.append(f'<text x="{WIDTH - TEXT + 4}" y="{y + 10}">{escape(label)}</text>')
    return out
