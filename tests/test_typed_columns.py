"""The validator (polars) and the loader (pandas) type every cell alike, and count documented persons alike.

Both derive their columns from the same Table Schema fields but are written for two libraries; these
tests hold them to the same values, the same conversion failures and the same counts, on the shipped
data, the valid example and every bad example.
"""
from __future__ import annotations

import datetime

import pandas as pd
import polars as pl
import pytest

from zhanaozen.package.descriptor import read_package
from zhanaozen.reports.documented import documented
from zhanaozen.loading.frames import typed_frame
from zhanaozen.validators.dataset import Dataset
from zhanaozen.validators.rules.reported_totals import _documented

from support import BAD_EXAMPLES, assemble, expected

# Examples whose descriptor is refused have no tables to type.
TYPED_EXAMPLES = [p for p in BAD_EXAMPLES if expected(p)["rule"] != "descriptor"]


def _plain(value):
    """A cell as a plain Python value, whichever library produced it."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _same_columns(root):
    ds = Dataset.read_all(read_package(root))
    checked = 0
    for name, text in ds.text.items():
        table = ds.table(name)
        frame, failures = typed_frame(table, text.to_pandas(use_pyarrow_extension_array=False).astype("string"))
        assert list(frame.columns) == ds.typed[name].columns, name
        for column in frame.columns:
            typed = ds.typed[name][column]
            typed = typed.cast(pl.String) if isinstance(typed.dtype, pl.Enum) else typed
            loader = [_plain(v) for v in frame[column].astype(object).tolist()]
            validator = [_plain(v) for v in typed.to_list()]
            assert loader == validator, f"{name}.{column}"
        for field in table.fields:
            assert failures[field.name].tolist() == ds.conversion_failures[name][field.name].to_list(), \
                f"{name}.{field.name}"
        checked += 1
    return ds, checked


def test_shipped_data_typed_alike(shipped):
    _, checked = _same_columns(shipped)
    assert checked == len(read_package(shipped).tables)


@pytest.mark.parametrize("example", TYPED_EXAMPLES, ids=[p.name for p in TYPED_EXAMPLES])
def test_bad_examples_typed_alike(example, tmp_path):
    _same_columns(assemble(tmp_path / "package", example))


def _counts(frame) -> set:
    return {(row.trial_id, row.measure, int(row.documented)) for row in frame.itertuples()}


def test_documented_counts_agree(shipped, valid_package):
    for root in (shipped, valid_package):
        ds = Dataset.read_all(read_package(root))
        pandas_counts = documented(typed_frame(ds.table("sentences"), ds.text["sentences"].to_pandas().astype("string"))[0],
                                   typed_frame(ds.table("charges"), ds.text["charges"].to_pandas().astype("string"))[0])
        assert _counts(pandas_counts) == _counts(_documented(ds).to_pandas())
        assert len(pandas_counts) > 0
