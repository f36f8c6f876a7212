"""The dataset-wide timeline: one line per person, grouped by the first-instance trial of each chain."""
from __future__ import annotations

from . import timeline
from .markup import text
from .person_pages import href, safe_id


def _root(trial: dict, by_id: dict[str, dict]) -> str:
    """The first-instance trial at the start of ``trial``'s appeal chain (a loop stops the walk)."""
    seen = {trial["trial_id"]}
    while trial.get("appeal_of") in by_id and trial["appeal_of"] not in seen:
        trial = by_id[trial["appeal_of"]]
        seen.add(trial["trial_id"])
    return trial["trial_id"]


def groups(profiles: list[dict], trials: dict[str, dict]) -> dict[str, list[tuple[dict, list[dict]]]]:
    """First-instance trial ID (or "") → [(profile, that person's trials in the chain)]."""
    out: dict[str, list[tuple[dict, list[dict]]]] = {}
    for p in profiles:
        mine = {t["trial_id"]: t for t in p["trials"]}
        chains: dict[str, list[dict]] = {}
        for t in p["trials"]:
            chains.setdefault(_root(t, trials), []).append(t)
        for root, chain in chains.items():
            out.setdefault(root, []).append((p, chain))
        if not mine:
            out.setdefault("", []).append((p, []))
    return out


def page(profiles: list[dict], trials: dict[str, dict]) -> str:
    """``trials``: every trial record by ID (to name each group and find chain roots)."""
    days = [d for p in profiles for x in p["detentions"] for d in timeline.days_of(x, "detained_on", "released_on")]
    days += [d for p in profiles for t in p["trials"] for d in timeline.days_of(t, "decided_on")]
    scale = timeline.Scale.over(days)
    lines = ["---", "hide:", "  - navigation", "---", "", "# Timeline", "",
             "Everyone in the dataset, one line per person, grouped by the first-instance trial their case began "
             "with (appeals and reviews on the same line). Solid bars: in custody; pale: a date known only to the "
             "month or year, drawn as the whole range it can mean; diamonds: decisions (hover for the term). A "
             "name opens the person's page.", ""]
    link = lambda person_id: href(person_id) if safe_id(person_id) else None  # noqa: E731
    grouped = groups(profiles, trials)
    for root in sorted(grouped, key=lambda r: (r == "", r)):
        rows = grouped[root]
        name = text(trials.get(root, {}).get("name")) if root else "No trial recorded"
        title = f"{root} · {trials.get(root, {}).get('name') or ''}" if root else "No trial recorded"
        heading = f"{text(root)} · {name}" if root else name
        lines += [f"## {heading}", "", f"<p>{len(rows)} {'person' if len(rows) == 1 else 'people'}.</p>",
                  f'<figure class="zd-timeline-figure">{timeline.dataset_svg(title, rows, scale, link)}</figure>', ""]
    return "\n".join(lines) + "\n"



