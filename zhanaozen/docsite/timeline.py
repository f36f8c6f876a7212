"""Custody timelines as inline SVG, drawn at build time from a person's profile.

A partial date is drawn as the range of days it can mean (a pale band), never as an invented day:
custody detained in "2011-12" starts with a pale band over December 2011. Plain SVG with <title>
tooltips: no script, no font or image fetched, and every text from the data escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .markup import escape, text

WIDTH, LABEL, RIGHT, LANE, TOP, AXIS = 760, 170, 20, 26, 8, 22
CUSTODY, UNSURE, TRIAL, DECISION, MARK = "#1f6f8b", "#9cc9d9", "#b9b9b9", "#c0392b", "#e07b39"


@dataclass(frozen=True)
class Scale:
    """Days to x positions over whole years, so axis ticks fall on 1 January."""
    start: date
    end: date
    left: float = LABEL
    right: float = WIDTH - RIGHT

    @classmethod
    def over(cls, days: list[date]) -> "Scale":
        first = min(days, default=date(2011, 1, 1))
        last = max(days, default=date(2012, 12, 31))
        return cls(date(first.year, 1, 1), date(last.year + 1, 1, 1))

    def x(self, day: date) -> float:
        span = (self.end - self.start).days or 1
        return self.left + (self.right - self.left) * (day - self.start).days / span

    def axis(self, y: float, height: float) -> str:
        parts = []
        for year in range(self.start.year, self.end.year + 1):
            x = self.x(date(year, 1, 1))
            parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{y:.1f}" class="tick"/>')
            if year < self.end.year and self.end.year - self.start.year <= 3:  # short spans: month ticks
                parts += [f'<line x1="{self.x(date(year, m, 1)):.1f}" y1="{y - 4:.1f}" x2="{self.x(date(year, m, 1)):.1f}" '
                          f'y2="{y:.1f}" class="tick"/>' for m in range(2, 13)]
            if year < self.end.year:
                mid = self.x(date(year, 7, 1))
                parts.append(f'<text x="{mid:.1f}" y="{y + 14:.1f}" text-anchor="middle" class="year">{year}</text>')
        return "".join(parts)


def day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None


def days_of(record: dict, *names: str) -> list[date]:
    return [d for n in names for s in ("_earliest", "_latest") if (d := day(record.get(n + s)))]


def _band(scale: Scale, a: date, b: date, y: float, h: float, colour: str, title: str, cls: str = "") -> str:
    """A bar from the start of day ``a`` to the end of day ``b``."""
    x1, x2 = scale.x(a), scale.x(b + timedelta(days=1))
    return (f'<rect x="{x1:.1f}" y="{y:.1f}" width="{max(x2 - x1, 1.5):.1f}" height="{h}" fill="{colour}"'
            f'{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}><title>{escape(title)}</title></rect>')


def custody(scale: Scale, d: dict, y: float) -> list[str]:
    """One detention: pale where a bound is only known to the month or year, solid where surely in custody."""
    de, dl = day(d.get("detained_on_earliest")), day(d.get("detained_on_latest"))
    re_, rl = day(d.get("released_on_earliest")), day(d.get("released_on_latest"))
    what = f"{d['detention_id']}: detained {text(d.get('detained_on')) or 'date unknown'}"
    out = []
    if de and dl and dl > de:
        out.append(_band(scale, de, dl, y, 14, UNSURE, f"{what} (some day in this range)", "unsure"))
    if re_ and rl and rl > re_:
        out.append(_band(scale, re_, rl, y, 14, UNSURE, f"released {d.get('released_on')} (some day in this range)",
                         "unsure"))
    if dl and re_:
        if re_ > dl:
            out.append(_band(scale, dl + timedelta(days=1), re_ - timedelta(days=1), y, 14, CUSTODY,
                             f"{what}, released {d.get('released_on')}", "custody"))
        elif not (dl > de if de else False):
            out.append(_band(scale, dl, rl or dl, y, 14, CUSTODY, f"{what}, released {d.get('released_on')}", "custody"))
    elif dl:  # release not recorded: a short dashed stub, not an invented end
        x = scale.x(dl)
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="40" height="14" fill="none" stroke="{CUSTODY}" '
                   f'stroke-dasharray="3 2" class="custody-open"><title>{escape(what)}; release not recorded'
                   f'</title></rect><text x="{x + 44:.1f}" y="{y + 11:.1f}" class="note">release not recorded</text>')
    return out


def decision(scale: Scale, trial: dict, sentence: dict | None, y: float, labelled: bool = True) -> list[str]:
    """A trial: a thin bar from opening to decision, a diamond on the decision (its range if partial)."""
    out = []
    opened = days_of(trial, "opened_on")
    decided = days_of(trial, "decided_on") or days_of(sentence or {}, "decided_on")
    if opened and decided and min(decided) > min(opened):
        out.append(_band(scale, min(opened), min(decided), y + 5, 4, TRIAL,
                         f"{trial['trial_id']} opened {trial.get('opened_on')}", "hearing"))
    if decided:
        if max(decided) > min(decided):
            out.append(_band(scale, min(decided), max(decided), y + 2, 10, "#f4b6ae",
                             f"decided {trial.get('decided_on')} (some day in this range)", "unsure"))
        x = (scale.x(min(decided)) + scale.x(max(decided) + timedelta(days=1))) / 2
        label = sentence_label(sentence)
        out.append(f'<path d="M{x:.1f},{y} l6,7 l-6,7 l-6,-7 z" fill="{DECISION}" class="decision">'
                   f'<title>{escape(trial["trial_id"])} decided {escape(trial.get("decided_on") or "")}: '
                   f'{escape(label)}</title></path>')
        if not labelled:
            return out
        anchor = "end" if x > WIDTH - 180 else "start"
        dx = -9 if anchor == "end" else 9
        out.append(f'<text x="{x + dx:.1f}" y="{y + 11}" text-anchor="{anchor}" class="label">{escape(label)}</text>')
    return out


def sentence_label(s: dict | None) -> str:
    if not s:
        return "decision"
    term = f"{s['term_months']} months" if s.get("term_months") is not None else ""
    words = [term or str(s.get("outcome") or "").replace("_", " ")]
    if s.get("outcome") == "suspended":
        words = [f"{term} suspended".strip()]
    if s.get("appeal_result"):
        words.append(f"({s['appeal_result']})")
    return " ".join(w for w in words if w)


def _lane_label(y: float, label: str, href: str | None = None) -> str:
    body = f'<text x="{LABEL - 8}" y="{y + 11:.1f}" text-anchor="end" class="lane">{escape(label)}</text>'
    return f'<a href="{href}">{body}</a>' if href else body


def _frame(title: str, height: float, parts: list[str], cls: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="{cls}" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'width="{WIDTH}" height="{height:.0f}" font-family="sans-serif" font-size="11">'
            f"<title>{escape(title)}</title>{STYLE}{''.join(parts)}</svg>")


STYLE = ("<style>.tick{stroke:#ddd}.year{fill:#555}.lane{fill:#222}.label{fill:#333}.note{fill:#555;"
         "font-style:italic}a .lane{fill:#1f5f99;text-decoration:underline}</style>")


def person_svg(profile: dict) -> str:
    """The custody timeline of one person: custody spells, then each trial's decision, then allegations raised."""
    days = [x for d in profile["detentions"] for x in days_of(d, "detained_on", "released_on")]
    days += [x for t in profile["trials"] for x in days_of(t, "opened_on", "decided_on")]
    days += [x for a in profile["allegations"] for x in days_of(a, "raised_on", "response_on")]
    scale = Scale.over(days)
    parts, y = [], TOP
    for d in profile["detentions"]:
        parts += [_lane_label(y, f"Custody {d['detention_id']}"), *custody(scale, d, y)]
        y += LANE
    for t in profile["trials"]:
        sentence = t["sentences"][0] if t["sentences"] else None
        parts += [_lane_label(y, f"{t['trial_id']} {str(t.get('instance') or '').replace('_', ' ')}"),
                  *decision(scale, t, sentence, y)]
        y += LANE
    raised = [a for a in profile["allegations"] if days_of(a, "raised_on")]
    if raised:
        parts.append(_lane_label(y, "Allegations raised"))
        for a in raised:
            a_days = days_of(a, "raised_on")
            parts.append(_band(scale, min(a_days), max(a_days), y + 2, 10, MARK,
                               f"{a['allegation_id']} {a['method']} raised {a['raised_on']}", "raised"))
        y += LANE
    if not parts:
        return ""
    height = y + AXIS
    parts.insert(0, scale.axis(y, height))
    return _frame(f"Timeline of {profile['name']}: custody, trials and decisions", height, parts, "zd-timeline")


def dataset_svg(title: str, rows: list[tuple[dict, list[dict]]], scale: Scale, href) -> str:
    """One line per person: their custody spells and the decisions on them in one trial chain."""
    parts, y = [], TOP
    for profile, trials in rows:
        parts.append(_lane_label(y, profile["name"], href(profile["person_id"])))
        for d in profile["detentions"]:
            parts += custody(scale, d, y)
        for t in trials:
            sentence = next(iter(t["sentences"]), None)
            parts += [p for p in decision(scale, t, sentence, y, labelled=False) if 'class="hearing"' not in p]
        y += LANE
    height = y + AXIS
    parts.insert(0, scale.axis(y, height))
    return _frame(title, height, parts, "zd-timeline zd-timeline-all")
