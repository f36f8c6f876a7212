"""Parquet files: the Arrow schema carries every column's description and vocabulary (field metadata) and the
dataset's version, licence and citation (schema metadata); required columns are not nullable."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ...package.descriptor import Package
from .columns import Column, columns
from .metadata import facts


def arrow_type(column: Column):
    import pyarrow as pa

    return {
        "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32(),
        "category": pa.dictionary(pa.int32(), pa.string()), "text": pa.string(),
    }[column.kind]


def _field(column: Column):
    import pyarrow as pa

    meta = {"description": column.description, "type": column.schema_type}
    if column.vocabulary:
        meta["vocabulary"] = json.dumps(dict(column.vocabulary), ensure_ascii=False)
    return pa.field(column.name, arrow_type(column), nullable=not column.required, metadata=meta)


def schema(package: Package, name: str):
    import pyarrow as pa

    table = package.tables[name]
    meta = {key: value for key, value in facts(package).items() if value}
    meta.update({"table": name, "table_title": table.title, "table_description": table.description,
                 "primary_key": json.dumps(list(table.primary_key))})
    return pa.schema([_field(c) for c in columns(table)], metadata=meta)


def write(package: Package, name: str, frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = schema(package, name)
    arrays = []
    for field in target:
        series = frame[field.name]
        if pa.types.is_dictionary(field.type):
            array = pa.DictionaryArray.from_pandas(series)  # categories in schema order, as loaded
            array = array.cast(field.type)
        elif pa.types.is_date32(field.type):
            array = pa.array(series.dt.date.astype(object).where(series.notna(), None), type=field.type)
        else:
            array = pa.array(series.astype(object).where(series.notna(), None), type=field.type)
        if not field.nullable and array.null_count:
            raise ValueError(f"{name}.{field.name} is required but {array.null_count} rows have no valid value; "
                             "run zhanaozen validate")
        arrays.append(array)
    pq.write_table(pa.Table.from_arrays(arrays, schema=target), path)
