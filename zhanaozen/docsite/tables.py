"""One page per table (its fields, keys and links), the table overview and the vocabularies page."""
from __future__ import annotations

import re

from ..package.descriptor import EARLIEST, LATEST, Field, Package, Table
from . import diagram
from .downloads import csv_path
from .language import span
from .markup import anchor, code, html_table, page_href, text

EXAMPLE_CHARS = 100  # long notes are cut in the example column; the full text is in the data
SAMPLE_ROWS, SAMPLE_CHARS = 3, 60


def page_path(name: str) -> str:
    return f"tables/{name}.md"


def table_page(package: Package, table: Table, frame) -> str:
    """Markdown for one table; ``frame`` is its CSV as text (``frames.read_text``)."""
    key = ", ".join(code(k) for k in table.primary_key)
    lines = [
        "---", "hide:", "  - toc", "---", "",
        f"# {text(table.title)} (`{table.name}`)",
        "",
        text(table.description),
        "",
        f"<p>File <code>{text(table.relpath)}</code> · {len(frame)} rows · primary key {key} · "
        f'<a href="../{csv_path(table.name)}" download>download the CSV</a></p>',
        "",
        "## Fields",
        "",
        "The last column gives the share of rows where the field is empty (not known).",
        "",
        _field_table(table, frame),
        "",
        *_derived(table),
        "## Sample rows",
        "",
        f"The first {min(SAMPLE_ROWS, len(frame))} of {len(frame)} rows, long text cut "
        f"(<code>zhanaozen.load(\"{text(table.name)}\")</code> gives them all).",
        "",
        _sample(table, frame),
        "",
        *_value_counts(table, frame),
        "## Relationships",
        "",
        *_relationships(package, table),
    ]
    return "\n".join(lines) + "\n"


def _field_table(table: Table, frame) -> str:
    rows = [[_name(f), _description(f), _constraints(table, f), _example(frame, f.name), _missing(frame, f.name)]
            for f in table.fields]
    headers = ["Field", "Description", "Constraints", "Example", "Empty"]
    return '<div class="zd-fields">' + html_table(headers, rows, row_ids=[f.name for f in table.fields]) + "</div>"


def _name(f: Field) -> str:
    kind = "partial date (text)" if f.partial_date else text(f.type)
    derived = (f"<br><small>loads with {code(f.name + EARLIEST)} and {code(f.name + LATEST)}</small>"
               if f.partial_date else "")
    return f"{code(f.name)}<br><small>{kind} · {'required' if f.required else 'optional'}</small>{derived}"


def _missing(frame, name: str) -> str:
    if name not in frame or len(frame) == 0:
        return ""
    share = frame[name].isna().mean()
    return f"{share:.0%}" if share == 0 or share >= 0.005 else "<1%"


def _derived(table: Table) -> list[str]:
    """The day columns ``zhanaozen.load`` adds after each partial date (not in the CSV)."""
    dates = [f for f in table.fields if f.partial_date]
    if not dates:
        return []
    rows = [[code(f.name + suffix), f"the {which} day {code(f.name)} can mean (a real date; equal to it for a "
             "full date, empty when it is empty)"] for f in dates for suffix, which in ((EARLIEST, "first"),
                                                                                      (LATEST, "last"))]
    return ["## Derived date columns", "",
            "Not in the CSV: `zhanaozen.load` adds them after each partial date, so that analyses can compare "
            "and subtract dates without inventing a day (see `zhanaozen.duration`).", "",
            '<div class="zd-wide">' + html_table(["Column", "Meaning"], rows) + "</div>", ""]


def _cut(value) -> str:
    if value is None or value != value:
        return ""
    value = str(value)
    return span(value[:SAMPLE_CHARS].rstrip() + "…") if len(value) > SAMPLE_CHARS else span(value)


def _sample(table: Table, frame) -> str:
    if len(frame) == 0:
        return "<p>The table has no rows yet.</p>"
    head = frame.head(SAMPLE_ROWS)
    rows = [[_cut(row.get(f.name)) for f in table.fields] for row in head.to_dict("records")]
    return '<div class="zd-wide zd-sample">' + html_table([code(f.name) for f in table.fields], rows) + "</div>"


def _value_counts(table: Table, frame) -> list[str]:
    """How often each vocabulary value occurs, the empty cells last."""
    fields = [f for f in table.fields if f.enum is not None and f.name in frame]
    if not fields or len(frame) == 0:
        return []
    lines = ["## Value counts", ""]
    for f in fields:
        counts = frame[f.name].value_counts()
        rows = [[code(value), str(int(counts.get(value, 0))), f"{counts.get(value, 0) / len(frame):.0%}"]
                for value in f.enum]
        empty = int(frame[f.name].isna().sum())
        if empty:
            rows.append(["<em>empty</em>", str(empty), f"{empty / len(frame):.0%}"])
        other = int(len(frame) - empty - sum(int(counts.get(v, 0)) for v in f.enum))
        if other:
            rows.append(["<em>outside the vocabulary</em>", str(other), f"{other / len(frame):.0%}"])
        lines += [f"### {text(f.name)}{anchor('counts-' + f.name)}", "", '<div class="zd-counts-table">'
                  + html_table(["Value", "Rows", "Share"], rows) + "</div>", ""]
    return lines


def _constraints(table: Table, f: Field) -> str:
    items = []
    if f.name in table.primary_key:
        items.append("primary key" if len(table.primary_key) == 1 else "part of the primary key")
    if f.unique:
        items.append("unique")
    if f.pattern:
        items.append(f"pattern {code(f.pattern)}")
    if f.minimum is not None:
        items.append(f"minimum {text(f.minimum)}")
    if f.maximum is not None:
        items.append(f"maximum {text(f.maximum)}")
    for fk in table.foreign_keys:
        if f.name in fk.fields:
            ref = fk.reference_fields[fk.fields.index(f.name)]
            items.append(f'→ <a href="{page_href(fk.resource, ref)}">{text(fk.resource)}.{text(ref)}</a>')
    return "<br>".join(items)


def _description(f: Field) -> str:
    out = text(f.description)
    if f.enum is not None:
        out += enum_list(f)
    return out


def enum_list(f: Field) -> str:
    """The vocabulary of a field, each value with its definition from ``enumDescriptions``."""
    items = "".join(
        f"<li>{code(value)}" + (f" — {text(f.enum_descriptions[value])}" if value in f.enum_descriptions else "")
        + "</li>"
        for value in f.enum
    )
    return f"<ul>{items}</ul>"


def _example(frame, name: str) -> str:
    values = frame[name].dropna() if name in frame else []
    if len(values) == 0:
        return ""
    value = str(values.iloc[0])
    if len(value) > EXAMPLE_CHARS:
        value = value[:EXAMPLE_CHARS].rstrip() + "…"
    return f"<code>{span(value)}</code>"


def _relationships(package: Package, table: Table) -> list[str]:
    lines = []
    # Field names are escaped (code()); table names are plain (pages.py refuses others). A foreign key to a
    # table the package does not have is named, not linked.
    for fk in table.foreign_keys:
        if fk.resource == table.name:
            target = "itself"
        elif fk.resource in package.tables:
            target = f"[{fk.resource}]({fk.resource}.md)"
        else:
            target = code(fk.resource)
        lines.append(f"- {code(', '.join(fk.fields))} refers to {target} ({code(', '.join(fk.reference_fields))})")
    for other in package.tables.values():
        for fk in other.foreign_keys:
            if fk.resource == table.name and other.name != table.name:
                lines.append(f"- [{other.name}]({other.name}.md) refers here through {code(', '.join(fk.fields))}")
    return lines or ["No foreign keys lead to or from this table."]


def _fragment(name: str) -> str:
    """``#name`` for a field name that is a plain identifier; nothing otherwise (it stays out of the URL)."""
    return f"#{name}" if re.fullmatch(r"[A-Za-z0-9_-]+", name) else ""


def overview_page(package: Package, row_counts: dict[str, int]) -> str:
    """The list of tables and the relationship diagram drawn from the foreign keys."""
    rows = [
        [f'<a href="{page_href(t.name)}">{code(t.name)}</a>', text(t.title), text(t.description),
         str(row_counts[t.name])]
        for t in package.tables.values()
    ]
    return "\n".join([
        "---", "hide:", "  - toc", "---", "",
        "# Tables and relationships", "",
        f"The dataset has {len(package.tables)} tables, one CSV file each. "
        "Every page below is generated from the Table Schemas when the site is built.", "",
        "## Relationship diagram", "",
        "Each arrow is a foreign key: it leads from the table that holds the key to the table it "
        "refers to. `PK` marks primary-key fields and `FK` foreign-key fields; a box opens the table's "
        "page. Citations point at any record by table and ID, so their only arrow leads to `sources`.", "",
        f'<div class="er-diagram">{diagram.svg(package, href=page_href)}</div>', "",
        "## Tables", "",
        html_table(["Table", "Title", "Description", "Rows"], rows), "",
    ]) + "\n"


def vocabularies_page(package: Package) -> str:
    """Every controlled vocabulary of every table, with each value's definition."""
    lines = ["# Vocabularies", "",
             "Every controlled vocabulary, as the schemas define it. A value outside these lists "
             "fails validation.", ""]
    for table in package.tables.values():
        fields = [f for f in table.fields if f.enum is not None]
        if not fields:
            continue
        lines += [f"## {text(table.name)}", ""]
        for f in fields:
            lines += [f"### {text(table.name)}.{text(f.name)}", "",
                      f"[{text(f.name)}](tables/{table.name}.md{_fragment(f.name)}): {text(f.description)}", "",
                      enum_list(f), ""]
    return "\n".join(lines) + "\n"
