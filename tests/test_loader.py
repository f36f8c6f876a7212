"""The loader: typed columns as the schemas say, on the installed package."""
from __future__ import annotations

import csv
import importlib.metadata
import json
import sys
import typing

import pandas as pd
import pytest

import zhanaozen
from zhanaozen.package.descriptor import read_package

from support import run


@pytest.fixture(scope="module")
def package(shipped):
    return read_package(shipped)


def expected_dtype(field):
    """The contract, stated independently of zhanaozen.loading.frames."""
    if field.enum is not None:
        return pd.CategoricalDtype(list(field.enum))
    return {"integer": pd.Int64Dtype(), "boolean": pd.BooleanDtype()}.get(field.type, pd.StringDtype())


def test_tests_use_the_installed_package():
    assert "site-packages" in zhanaozen.__file__, zhanaozen.__file__


@pytest.mark.parametrize("name", zhanaozen.tables())
def test_every_field_has_its_schema_dtype(package, name):
    frame = zhanaozen.load(name)
    for field in package.tables[name].fields:
        assert frame[field.name].dtype == expected_dtype(field), field.name
        if field.partial_date:
            for bound in ("_earliest", "_latest"):
                assert str(frame[field.name + bound].dtype).startswith("datetime64"), field.name + bound


@pytest.mark.parametrize("name", zhanaozen.tables())
def test_every_row_and_cell_is_loaded(package, name):
    table = package.tables[name]
    with table.path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    frame = zhanaozen.load(name)
    assert len(frame) == len(rows)
    for field in table.fields:
        text = [row[field.name] for row in rows]
        loaded = frame[field.name].astype("string").fillna("").tolist()
        if field.type == "boolean":
            text = [{"true": "True", "false": "False"}.get(t, t) for t in text]
        assert loaded == text, field.name


def test_partial_dates_become_day_bounds():
    detentions = zhanaozen.load("detentions").set_index("detention_id")
    month = detentions[detentions["detained_on"].str.len() == 7].iloc[0]
    first, last = month["detained_on_earliest"], month["detained_on_latest"]
    assert first.day == 1 and first.strftime("%Y-%m") == month["detained_on"]
    assert (last + pd.Timedelta(days=1)).day == 1 and last.strftime("%Y-%m") == month["detained_on"]
    full = detentions[detentions["detained_on"].str.len() == 10].iloc[0]
    assert full["detained_on_earliest"] == full["detained_on_latest"] == pd.Timestamp(full["detained_on"])


def test_load_all_returns_every_table():
    frames = zhanaozen.load_all()
    assert list(frames) == zhanaozen.tables()
    assert list(typing.get_args(zhanaozen.TableName)) == zhanaozen.tables()


def test_unknown_table_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown table 'sentence'.*sentences"):
        zhanaozen.load("sentence")


def test_version_is_the_descriptor_version(shipped):
    version = json.loads((shipped / "datapackage.json").read_text())["version"]
    assert zhanaozen.__version__ == zhanaozen.version() == version
    assert importlib.metadata.version("zhanaozen") == version


def test_import_is_light():
    code = ("import sys, zhanaozen; zhanaozen.tables(); zhanaozen.__version__; "
            "print(sorted(m for m in ('pandas', 'pandera', 'frictionless', 'pyarrow') if m in sys.modules))")
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_info_command(shipped):
    result = run(str(__import__("support").BIN / "zhanaozen"), "info")
    assert result.returncode == 0, result.stderr
    assert zhanaozen.__version__ in result.stdout and "CC-BY-4.0" in result.stdout
    for name in zhanaozen.tables():
        assert name in result.stdout
