"""Stable IDs: every released ID stays present or retired, and resolve() follows retirements."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import zhanaozen
from zhanaozen.package.descriptor import read_package
from zhanaozen.maintain.ids import resolve

from support import assemble, run

HEADER = "id,table,retired_in,reason,replaced_by\n"


def stable_id_findings(package: Path) -> list:
    return [f for f in zhanaozen.validate(package).findings if f.rule == "stable-ids"]


@pytest.fixture
def released(tmp_path) -> Path:
    """The valid example with a manifest of an earlier release that had two more persons."""
    package = assemble(tmp_path / "pkg")
    manifest = package / "releases" / "0.0.1" / "ids.csv"
    manifest.parent.mkdir(parents=True)
    manifest.write_text("table,id\npersons,PER-0001\npersons,PER-0098\npersons,PER-0099\n")
    return package


def retire(package: Path, *rows: str) -> None:
    (package / "data" / "retired_ids.csv").write_text(HEADER + "".join(row + "\n" for row in rows))


def test_the_shipped_package_carries_the_manifest_of_its_version(shipped):
    manifest = shipped / "releases" / zhanaozen.__version__ / "ids.csv"
    assert manifest.is_file()
    assert "persons,PER-0001" in manifest.read_text().splitlines()


def test_a_released_id_that_vanished_fails(released):
    findings = stable_id_findings(released)
    assert [(f.file, f.line, f.value) for f in findings] == [
        ("releases/0.0.1/ids.csv", 3, "PER-0098"), ("releases/0.0.1/ids.csv", 4, "PER-0099")]
    assert "retired_ids" in findings[0].message


def test_retired_ids_resolve_through_their_replacements(released):
    retire(released, "PER-0098,persons,0.1.0,A duplicate of PER-0099.,PER-0099",
           "PER-0099,persons,0.1.0,A duplicate of PER-0001.,PER-0001")
    assert stable_id_findings(released) == []
    package = read_package(released)
    assert resolve("PER-0098", package) == "PER-0001"
    assert resolve("PER-0001", package) == "PER-0001"


def test_a_retired_id_without_replacement_says_why(released):
    retire(released, "PER-0098,persons,0.1.0,No source confirms this person existed.,",
           "PER-0099,persons,0.1.0,A duplicate of PER-0001.,PER-0001")
    assert stable_id_findings(released) == []
    with pytest.raises(LookupError, match="No source confirms"):
        resolve("PER-0098", read_package(released))


def test_a_replacement_must_exist(released):
    retire(released, "PER-0098,persons,0.1.0,Merged.,PER-0097", "PER-0099,persons,0.1.0,Merged.,PER-0001")
    assert [(f.file, f.line, f.column) for f in stable_id_findings(released)] == [
        ("data/retired_ids.csv", 2, "replaced_by")]


def test_retired_ids_table_names_every_other_table(shipped):
    schema = json.loads((shipped / "schemas" / "retired_ids.json").read_text())
    enum = next(f for f in schema["fields"] if f["name"] == "table")["constraints"]["enum"]
    assert enum == [t for t in zhanaozen.tables() if t != "retired_ids"]


def test_resolve_on_the_installed_package_stays_light(tmp_path):
    script = ("import sys, zhanaozen; print(zhanaozen.resolve('PER-0001')); zhanaozen.cite('bibtex'); "
              "assert 'pandas' not in sys.modules, 'resolve imported pandas'\n"
              "try:\n    zhanaozen.resolve('PER-99999')\nexcept LookupError as e:\n    print('refused', e)")
    result = run(sys.executable, "-c", script, cwd=tmp_path)  # not the checkout: the wheel
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "PER-0001"
    assert "refused no record has the ID 'PER-99999'" in result.stdout
