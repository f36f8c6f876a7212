"""The typed pandas frame handed to another dataframe library: pyarrow or polars.

The pandas frame is the one typed form (``frames.typed_frame``); the others are converted from it
through Arrow, so a column has the same values and missing cells whichever engine is asked for.
"""
from __future__ import annotations

import pandas as pd

ENGINES = ("pandas", "polars", "pyarrow")


def convert(frame: pd.DataFrame, engine: str):
    if engine == "pandas":
        return frame
    import pyarrow as pa  # a dependency of the loader (its typing engine, cells.py)

    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **_metadata(frame)})
    if engine == "pyarrow":
        return table
    try:
        import polars as pl
    except ImportError:
        raise ImportError("engine='polars' needs polars: pip install polars") from None
    return pl.from_arrow(table)


def _metadata(frame: pd.DataFrame) -> dict[bytes, bytes]:
    """The field descriptions as Arrow schema metadata (``b"description:<column>"``), so they travel too."""
    notes = frame.attrs.get("descriptions", {})
    return {f"description:{name}".encode(): str(text).encode() for name, text in notes.items()}
