"""The field stage's typed polars columns: the typing engine's Arrow columns
(zhanaozen/loading/cells.py, shared with the loader), each as the polars dtype of its field's kind."""
from __future__ import annotations

import polars as pl
import pyarrow as pa

from zhanaozen.loading import cells
from zhanaozen.package.descriptor import Field, Table


def polars_dtype(field: Field) -> pl.DataType:
    kind = field.kind.polars
    return pl.Enum(list(field.enum)) if kind == "Enum" else getattr(pl, kind)()


def typed_frame(table: Table, text: pa.Table, cells_as_text: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, pl.Series]]:
    """Typed columns in schema order, each partial date followed by its day bounds, and per field the
    mask of cells whose text could not be converted (null in the frame; the validator reports them).

    A text column is the engine's input unchanged, so it is taken from ``cells_as_text`` (the same
    table already in polars) rather than converted from Arrow a second time: on text-heavy data that
    would copy every note and title again."""
    arrow, failed = cells.typed_columns(table, text)
    unchanged = {f.name for f in table.fields if f.kind.arrow == "string"}
    frame = pl.DataFrame([cells_as_text[name] if name in unchanged else pl.from_arrow(column).alias(name)
                          for name, column in zip(arrow.column_names, arrow.columns)])
    vocabularies = [pl.col(f.name).cast(polars_dtype(f)) for f in table.fields if f.enum is not None]
    if vocabularies:  # Arrow dictionaries arrive as Categorical; the checks want the schema's Enum
        frame = frame.with_columns(vocabularies)
    return frame, {name: pl.from_arrow(mask).alias(name) for name, mask in failed.items()}
