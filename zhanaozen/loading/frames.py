"""Typed pandas columns: the typing engine's Arrow columns (cells.py) as the nullable pandas dtypes of
each field's kind (zhanaozen/package/kinds.py)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from . import cells
from ..package.descriptor import Table

# Arrow type -> the nullable pandas dtype it loads as (vocabularies: category, dates: datetime64[s]).
_PANDAS = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
           pa.bool_(): pd.BooleanDtype()}


def _pandas(arrow: pa.Table) -> pd.DataFrame:
    frame = arrow.to_pandas(types_mapper=_PANDAS.get, date_as_object=False)
    for name, column in zip(arrow.column_names, arrow.columns):
        if pa.types.is_date(column.type):
            frame[name] = frame[name].astype("datetime64[s]")
    return frame


def read_text(table: Table, path: Path | None = None, data: bytes | None = None) -> pd.DataFrame:
    """Every cell as text (pandas ``string``), with the schema's missing values as <NA>."""
    if data is None:  # the guarded reader (package/safe_files.py) unless a path is given
        data = path.read_bytes() if path is not None else table.read_bytes()
    return _pandas(cells.read_text(table, data))


def typed_frame(table: Table, data: bytes) -> pd.DataFrame:
    """The table's typed columns in schema order, each partial date followed by its day bounds."""
    arrow, _ = cells.typed_columns(table, cells.read_text(table, data))
    frame = _pandas(arrow)
    for field in table.fields:  # categories in schema order even where no cell uses them
        if field.enum is not None:
            frame[field.name] = frame[field.name].astype(pd.CategoricalDtype(list(field.enum)))
    return frame


def day_bounds(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest day each partial date (pandas text) can mean, as the loader derives them."""
    earliest, latest = cells.bounds(pa.chunked_array([pa.array(text.astype("string").array, pa.string())]))
    frame = _pandas(pa.table([earliest, latest], names=["earliest", "latest"]))
    return frame["earliest"].set_axis(text.index), frame["latest"].set_axis(text.index)
