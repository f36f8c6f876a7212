"""`zhanaozen export`: each format read back with its own reader equals what load() returns."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import zhanaozen
from zhanaozen.loading.tables import shipped_package

from support import BIN, run


@pytest.fixture(scope="module")
def loaded() -> dict[str, pd.DataFrame]:
    return zhanaozen.load_all()


def export(fmt: str, out: Path) -> list[Path]:
    result = run(str(BIN / "zhanaozen"), "export", "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return [Path(line) for line in result.stdout.splitlines()]


def retyped(name: str, frame: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    """A read-back frame in load()'s dtypes (formats without pandas metadata store plainer types)."""
    out = pd.DataFrame(index=range(len(frame)))
    for column in like.columns:
        dtype = like[column].dtype
        values = frame[column]
        if dtype.kind == "M":
            out[column] = pd.to_datetime(values).astype(dtype)
        elif isinstance(dtype, pd.CategoricalDtype) or dtype == "string":
            out[column] = values.astype(object).where(values.notna() & (values.astype(str) != ""), None).astype(dtype)
        else:
            out[column] = values.astype(dtype)
    return out


def test_parquet_round_trips_types(tmp_path, loaded):
    import pyarrow as pa
    import pyarrow.parquet as pq

    export("parquet", tmp_path)
    for name, frame in loaded.items():
        table = pq.read_table(tmp_path / f"{name}.parquet")
        for column in frame.columns:
            arrow = table.schema.field(column).type
            kind = frame[column].dtype
            if isinstance(kind, pd.CategoricalDtype):
                assert pa.types.is_dictionary(arrow), column
            elif kind.kind == "M":
                assert arrow == pa.date32(), column
            elif kind == "Int64":
                assert arrow == pa.int64(), column
        back = table.to_pandas()
        pd.testing.assert_frame_equal(retyped(name, back, frame), frame.reset_index(drop=True))


def test_sqlite_declares_keys_and_round_trips(tmp_path, loaded):
    [path] = export("sqlite", tmp_path)
    db = sqlite3.connect(path)
    package = shipped_package()
    for name, frame in loaded.items():
        back = pd.read_sql(f'SELECT * FROM "{name}"', db)
        pd.testing.assert_frame_equal(retyped(name, back, frame), frame.reset_index(drop=True))
        declared = {(row[2], row[3], row[4]) for row in db.execute(f"PRAGMA foreign_key_list('{name}')")}
        expected = {(fk.resource, f, r) for fk in package.tables[name].foreign_keys
                    for f, r in zip(fk.fields, fk.reference_fields)}
        assert declared == expected, name
        key = [row[1] for row in sorted(db.execute(f"PRAGMA table_info('{name}')"), key=lambda r: r[5]) if row[5]]
        assert key == list(package.tables[name].primary_key)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_xlsx_has_a_readme_and_a_sheet_per_table(tmp_path, loaded):
    import openpyxl

    [path] = export("xlsx", tmp_path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["README"] + list(loaded)
    readme = [row[0] for row in workbook["README"].iter_rows(values_only=True) if row[0]]
    assert any(zhanaozen.__version__ in str(cell) for cell in readme)
    for name, frame in loaded.items():
        back = pd.read_excel(path, sheet_name=name, engine="openpyxl", dtype=object)  # no guessing: "241" stays text
        pd.testing.assert_frame_equal(retyped(name, back, frame), frame.reset_index(drop=True))


def test_stata_has_value_labels_and_round_trips(tmp_path, loaded):
    export("dta", tmp_path)
    package = shipped_package()
    for name, frame in loaded.items():
        path = tmp_path / f"{name}.dta"
        with pd.io.stata.StataReader(path) as reader:
            labels = reader.value_labels()
        for field in package.tables[name].fields:
            if field.enum:
                assert list(labels[field.name].values()) == list(field.enum), (name, field.name)
        back = pd.read_stata(path, order_categoricals=False)
        pd.testing.assert_frame_equal(retyped(name, back, frame), frame.reset_index(drop=True))
