"""The entity-relationship diagram, drawn as inline SVG from the foreign keys at build time.

Inline SVG needs no script and no request, so it renders offline. Tables are placed in layers:
a table sits one layer below the deepest table it refers to, so every arrow points upwards.
"""
from __future__ import annotations

from collections.abc import Callable

from ..package.descriptor import Package, Table
from .markup import text

BOX_W, GAP_X, GAP_Y = 168, 22, 64
HEAD_H, LINE_H, PAD = 26, 17, 8
MARGIN = 16


def _levels(package: Package) -> dict[str, int]:
    """Layer of each table: 0 for tables that refer to no other, else one below its deepest target."""
    levels: dict[str, int] = {}

    def level(name: str, seen: tuple[str, ...] = ()) -> int:
        if name not in levels:
            targets = {fk.resource for fk in package.tables[name].foreign_keys
                       if fk.resource != name and fk.resource in package.tables and fk.resource not in seen}
            levels[name] = 1 + max((level(t, seen + (name,)) for t in targets), default=-1)
        return levels[name]

    for name in package.tables:
        level(name)
    return levels


def _key_lines(table: Table) -> list[str]:
    fk_fields = [f for fk in table.foreign_keys for f in fk.fields]
    lines = [f"PK {name}" for name in table.primary_key]
    return lines + [f"FK {name}" for name in dict.fromkeys(fk_fields) if name not in table.primary_key]


def _layout(package: Package) -> tuple[dict[str, tuple[float, float, float]], float, float]:
    """Top-left corner and height of every box, and the size of the drawing."""
    levels = _levels(package)
    layers: list[list[str]] = [[] for _ in range(max(levels.values()) + 1)]
    for name in package.tables:
        layers[levels[name]].append(name)
    width = max(len(layer) for layer in layers) * (BOX_W + GAP_X) - GAP_X + 2 * MARGIN
    boxes: dict[str, tuple[float, float, float]] = {}
    y = MARGIN
    for layer in layers:
        layer.sort(key=lambda name: _barycentre(package.tables[name], boxes))
        heights = {name: HEAD_H + PAD + LINE_H * len(_key_lines(package.tables[name])) for name in layer}
        x = (width - (len(layer) * (BOX_W + GAP_X) - GAP_X)) / 2
        for name in layer:
            boxes[name] = (x, y, heights[name])
            x += BOX_W + GAP_X
        y += max(heights.values()) + GAP_Y
    return boxes, width, y - GAP_Y + MARGIN


def _barycentre(table: Table, placed: dict[str, tuple[float, float, float]]) -> float:
    """Mean x of the tables it refers to, so a table sits under its targets and arrows cross less."""
    xs = [placed[fk.resource][0] for fk in table.foreign_keys if fk.resource in placed]
    return sum(xs) / len(xs) if xs else 0.0


def _edges(package: Package, boxes) -> list[str]:
    """Curves from each referring box's top to its target's bottom; ends spread so arrows stay apart."""
    paths = [_loop(t.name, fk.fields, *boxes[t.name]) for t in package.tables.values()
             for fk in t.foreign_keys if fk.resource == t.name]
    outgoing = {t.name: [fk for fk in t.foreign_keys if fk.resource in boxes and fk.resource != t.name]
                for t in package.tables.values()}
    between = sorted(((name, i, fk) for name, fks in outgoing.items() for i, fk in enumerate(fks)),
                     key=lambda link: boxes[link[0]][0])
    incoming = {target: [link for link in between if link[2].resource == target] for target in boxes}
    used: dict = {}
    for name, i, fk in between:
        x, y, _ = boxes[name]
        tx, ty, th = boxes[fk.resource]
        n, total = incoming[fk.resource].index((name, i, fk)), len(incoming[fk.resource])
        x1, y1 = x + BOX_W * (i + 1) / (len(outgoing[name]) + 1), y
        x2, y2 = tx + BOX_W * (n + 1) / (total + 1), ty + th
        paths.append(f'<path d="{_route(x1, y1, x2, y2, boxes, used)}" class="fk"><title>{text(name)}.'
                     f'{text(", ".join(fk.fields))} → {text(fk.resource)}</title></path>')
    return paths


def _route(x1: float, y1: float, x2: float, y2: float, boxes, used: dict) -> str:
    """A path from a box's top up to its target's bottom that never crosses a box in between.

    An arrow that skips a layer goes up through the gap between two boxes of that layer (the gap
    nearest its straight line; arrows sharing a gap are set a few pixels apart).
    """
    layers: dict[float, list[tuple[float, float]]] = {}
    for bx, by, bh in boxes.values():
        layers.setdefault(by, []).append((bx, by + bh))
    d, cx, cy = f"M{x1:.0f},{y1:.0f}", x1, y1
    for top in sorted((t for t in layers if y2 < t and t < y1), reverse=True):
        row = sorted(layers[top])
        bottom = max(b for _, b in row)
        gaps = [row[0][0] - GAP_X / 2] + [bx + BOX_W + GAP_X / 2 for bx, _ in row]
        share = (y1 - bottom) / (y1 - y2)
        gap = min(gaps, key=lambda g: abs(g - (x1 + (x2 - x1) * share)))
        k = used.get((top, gap), 0)
        used[(top, gap)] = k + 1
        gx = gap + (k % 3 - 1) * 5
        mid = (cy + bottom) / 2
        d += f" C{cx:.0f},{mid:.0f} {gx:.0f},{mid:.0f} {gx:.0f},{bottom:.0f} L{gx:.0f},{top:.0f}"
        cx, cy = gx, top
    mid = (cy + y2) / 2
    return d + f" C{cx:.0f},{mid:.0f} {x2:.0f},{mid:.0f} {x2:.0f},{y2:.0f}"


def _loop(name: str, fields: tuple[str, ...], x: float, y: float, h: float) -> str:
    """A table that refers to itself (an appeal to the trial it reviews): a loop on its right side."""
    return (f'<path d="M{x + BOX_W},{y + 8} h24 v{HEAD_H} h-24" class="fk">'
            f'<title>{text(name)}.{text(", ".join(fields))} → {text(name)}</title></path>')


def _box(table: Table, x: float, y: float, h: float, href: Callable[[str], str]) -> str:
    lines = "".join(
        f'<text x="{x + PAD:.0f}" y="{y + HEAD_H + PAD + LINE_H * i + 11:.0f}" class="key">{text(line)}</text>'
        for i, line in enumerate(_key_lines(table))
    )
    return (f'<a href="{href(table.name)}" class="table">'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{h:.0f}" rx="4" class="body"/>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{HEAD_H}" rx="4" class="head"/>'
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 18:.0f}" class="name">{text(table.name)}</text>'
            f"{lines}</a>")


STYLE = """<style>
.er .body{fill:#fff;stroke:#3f51b5;stroke-width:1.5}
.er .head{fill:#3f51b5}
.er .name{fill:#fff;font:bold 14px sans-serif;text-anchor:middle}
.er .key{fill:#222;font:12px monospace}
.er .fk{fill:none;stroke:#7a7a7a;stroke-width:1.3;marker-end:url(#er-arrow)}
.er a.table:hover .body{fill:#e8eaf6}
</style>"""


def svg(package: Package, href: Callable[[str], str]) -> str:
    """The diagram as one inline ``<svg>`` element; each box links to its table's page."""
    boxes, width, height = _layout(package)
    parts = [
        f'<svg class="er" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" role="img" aria-labelledby="er-title" style="max-width:100%;height:auto">',
        '<title id="er-title">Tables and the foreign keys between them</title>',
        STYLE,
        '<defs><marker id="er-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7a7a7a"/></marker></defs>',
        *_edges(package, boxes),
        *(_box(package.tables[name], *boxes[name], href) for name in package.tables),
        "</svg>",
    ]
    return "".join(parts)
