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


def test_import_is_light(tmp_path):
    code = ("import sys, zhanaozen; zhanaozen.tables(); zhanaozen.__version__; "
            "print(sorted(m for m in ('pandas', 'pandera', 'frictionless', 'pyarrow') if m in sys.modules))")
    result = run(sys.executable, "-c", code, cwd=tmp_path)  # not the checkout: the wheel
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_info_command(shipped):
    result = __import__("support").cli("info")  # in process; the console script: test_validate.py
    assert result.returncode == 0, result.stderr
    assert zhanaozen.__version__ in result.stdout and "CC-BY-4.0" in result.stdout
    for name in zhanaozen.tables():
        assert name in result.stdout


def test_the_typing_engine_on_cells_the_shipped_data_lacks(tmp_path):
    """One engine (zhanaozen/loading/cells.py) types cells for the loader and the validator; its
    edge cases, through the loader's public shapes."""
    from zhanaozen.loading.cells import read_text, typed_columns
    from zhanaozen.package.descriptor import Field, Table

    fields = (Field("n", "integer"), Field("x", "number"), Field("b", "boolean"), Field("d", "date"),
              Field("p", "string", partial_date=True), Field("v", "string", enum=("a", "b")))
    table = Table("t", "t", "", tmp_path / "t.csv", "t.csv", fields, (), (), ("",))
    rows = ["n,x,b,d,p,v", "+5,1.5,true,2012-02-29,2012-02,a", "007, 2 ,0,2012-02-30,2012,b",
            "99999999999999999999,x,yes,2012-1-05,2012-13,c", "-3,,,,0000,", "1.0,1e3,1,2011-12-16,2011-12-16,"]
    typed, failed = typed_columns(table, read_text(table, "\n".join(rows).encode()))
    columns = typed.to_pydict()
    assert columns["n"] == [5, 7, None, -3, None]
    assert columns["x"] == [1.5, 2.0, None, None, 1000.0]
    assert columns["b"] == [True, False, None, None, True]
    assert [str(d) if d else None for d in columns["d"]] == ["2012-02-29", None, None, None, "2011-12-16"]
    assert [str(d) if d else None for d in columns["p_earliest"]] == ["2012-02-01", "2012-01-01", None, None, "2011-12-16"]
    assert [str(d) if d else None for d in columns["p_latest"]] == ["2012-02-29", "2012-12-31", None, None, "2011-12-16"]
    assert typed.column("v").to_pylist() == ["a", "b", None, None, None]
    assert {name: mask.to_pylist() for name, mask in failed.items()} == {
        "n": [False, False, True, False, True], "x": [False, False, True, False, False],
        "b": [False, False, True, False, False], "d": [False, True, True, False, False],
        "p": [False, False, True, True, False], "v": [False, False, True, False, False]}
