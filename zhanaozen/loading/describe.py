"""``zhanaozen.describe(table)``: the loaded columns with what the schema says about each."""
from __future__ import annotations

import pandas as pd

from ..package.descriptor import EARLIEST, LATEST
from .field_notes import descriptions
from .tables import package_at


def describe(name: str, path=None) -> pd.DataFrame:
    package = package_at(path)
    if name not in package.tables:
        raise ValueError(f"unknown table {name!r}; the tables are: {', '.join(package.tables)}")
    table = package.tables[name]
    notes = descriptions(table)
    rows = []
    for field in table.fields:
        kind = "partial date (text)" if field.partial_date else ("vocabulary" if field.enum else field.type)
        rows.append((field.name, kind, field.required, notes[field.name], ", ".join(field.enum or ())))
        if field.partial_date:
            rows += [(field.name + suffix, "date (derived)", False, notes[field.name + suffix], "")
                     for suffix in (EARLIEST, LATEST)]
    frame = pd.DataFrame(rows, columns=["column", "kind", "required", "description", "values"])
    frame.attrs = {"table": name, "title": table.title, "description": table.description}
    return frame.astype({"column": "string", "kind": "string", "description": "string", "values": "string"})
