"""What each loaded column means, from the schema: ``describe()`` and a frame's ``attrs``."""
from __future__ import annotations

import pandas as pd

from ..package.descriptor import EARLIEST, LATEST, Package, Table


def descriptions(table: Table) -> dict[str, str]:
    """Every column ``load`` returns, with its schema description; a partial date's two day columns too."""
    out: dict[str, str] = {}
    for field in table.fields:
        out[field.name] = field.description
        if field.partial_date:
            out[field.name + EARLIEST] = (f"Derived by the loader: the first day `{field.name}` can mean "
                                          "(equal to it for a full date; missing when it is empty).")
            out[field.name + LATEST] = (f"Derived by the loader: the last day `{field.name}` can mean "
                                        "(equal to it for a full date; missing when it is empty).")
    return out


def attach(frame: pd.DataFrame, package: Package, table: Table) -> pd.DataFrame:
    """Put the table's name, title, description, version and column descriptions in ``frame.attrs``."""
    frame.attrs.update({
        "table": table.name, "title": table.title, "description": table.description,
        "version": package.version, "descriptions": descriptions(table),
        "vocabularies": {f.name: dict(f.enum_descriptions) or {v: "" for v in f.enum}
                         for f in table.fields if f.enum is not None},
    })
    return frame
