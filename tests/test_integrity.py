"""Checksums belong to what is distributed: the repository's descriptor has none, the installed one has them
all, one changed byte is caught by validate and load, and a distributed package that lost them is reported."""
from __future__ import annotations

import pytest

import hashlib
import json
import shutil
import sys
from pathlib import Path

import zhanaozen

from support import BIN, cli, run


def tamper(csv: Path) -> None:
    """Change one byte: the last character of the first data row's first cell."""
    raw = bytearray(csv.read_bytes())
    at = raw.index(b"\n") + 1 + raw[raw.index(b"\n") + 1:].index(b",") - 1
    raw[at] = ord("9") if raw[at] != ord("9") else ord("8")
    csv.write_bytes(bytes(raw))


def test_the_repository_descriptor_keeps_no_checksums(repo_root):
    """A pull request that adds rows never has to edit datapackage.json (docs/releases.md)."""
    descriptor = json.loads((repo_root / "datapackage.json").read_text())
    assert not [r["name"] for r in descriptor["resources"] if "bytes" in r or "hash" in r]


def test_the_installed_descriptor_declares_bytes_and_sha256_for_every_resource(shipped):
    """The wheel's build (hatch_build.py) stamped them from the files it packed."""
    descriptor = json.loads((shipped / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        data = (shipped / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data), resource["name"]
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), resource["name"]


def test_the_release_records_the_checksums_of_its_files(repo_root):
    """releases/<version>/SHA256SUMS, in the format `sha256sum --check` reads from the package root."""
    version = json.loads((repo_root / "datapackage.json").read_text())["version"]
    sums = (repo_root / "releases" / version / "SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1] for line in sums}
    assert listed == {f"data/{name}.csv" for name in zhanaozen.tables()}


def test_one_changed_byte_fails_validation_naming_the_file(copy_shipped):
    package = copy_shipped("pkg")
    assert zhanaozen.validate(package).valid
    tamper(package / "data" / "persons.csv")
    report = zhanaozen.validate(package)
    integrity = [f for f in report.findings if f.rule == "integrity"]
    assert [f.file for f in integrity] == ["data/persons.csv"], report.findings
    assert "checksum" in integrity[0].message
    result = cli("validate", str(package))
    assert result.returncode == 1
    assert "data/persons.csv: [integrity]" in result.stdout


@pytest.mark.slow
def test_frictionless_reads_the_same_checksums(copy_shipped):
    package = copy_shipped("pkg")
    tamper(package / "data" / "persons.csv")
    result = run(str(BIN / "frictionless"), "validate", "--json", "datapackage.json", cwd=package)
    errors = {e["type"] for task in json.loads(result.stdout)["tasks"] if task["name"] == "persons"
              for e in task["errors"]}
    assert "hash-count" in errors, errors


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_load_refuses_a_tampered_file(tmp_path):
    """A copy of the installed module whose shipped CSV was changed: load() raises a clear error."""
    installed = Path(zhanaozen.__file__).parent
    shutil.copytree(installed, tmp_path / "zhanaozen", ignore=shutil.ignore_patterns("__pycache__"))
    script = "import zhanaozen; print(len(zhanaozen.load('persons')))"
    ok = run(sys.executable, "-c", script, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    tamper(tmp_path / "zhanaozen" / "_package" / "data" / "persons.csv")
    refused = run(sys.executable, "-c", script, cwd=tmp_path)
    assert refused.returncode != 0
    assert "IntegrityError: data/persons.csv" in refused.stderr
    assert "does not match datapackage.json" in refused.stderr


_COUNT_OPENS = """
import collections, json, sys, zhanaozen
from pathlib import Path
data = Path(sys.argv[1], "data")
opened = collections.Counter()
def count(event, args):
    if event == "open" and isinstance(args[0], (str, Path)) and Path(args[0]).parent == data:
        opened["data/" + Path(args[0]).name] += 1
sys.addaudithook(count)
report = zhanaozen.validate(sys.argv[1])
print(json.dumps({"opened": opened, "with findings": sorted({f.file for f in report.findings})}))
"""


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_the_checked_bytes_are_the_parsed_bytes(copy_shipped, tmp_path):
    """In a distributed package the integrity stage hashes the very bytes the structure stage parses: each
    data file is opened once (until 30 November each stage read it itself, twice in all). Only a file
    with findings is opened again, to place them on their lines."""
    package = copy_shipped("pkg").resolve()
    result = run(sys.executable, "-c", _COUNT_OPENS, str(package), cwd=tmp_path)  # the wheel, not the checkout
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert set(seen["opened"]) == {f"data/{name}.csv" for name in zhanaozen.tables()}
    assert {file: n for file, n in seen["opened"].items() if file not in seen["with findings"]} \
        == {file: 1 for file in seen["opened"] if file not in seen["with findings"]}
    assert len(seen["opened"]) - len(seen["with findings"]) >= 10, seen  # most files have no finding


def _strip_checksum(descriptor_path: Path, table: str) -> None:
    descriptor = json.loads(descriptor_path.read_text())
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    del resource["bytes"], resource["hash"]
    descriptor_path.write_text(json.dumps(descriptor, indent=2))


def test_a_distributed_package_that_lost_its_checksums_is_reported(copy_shipped):
    """A copy of the installed package (a release's files, no checkout) whose descriptor lost one checksum."""
    package = copy_shipped("pkg")
    _strip_checksum(package / "datapackage.json", "persons")
    integrity = [f for f in zhanaozen.validate(package).findings if f.rule == "integrity"]
    assert [f.file for f in integrity] == ["data/persons.csv"]
    assert "declares no checksum" in integrity[0].message


def test_a_released_copy_without_any_checksum_is_reported(copy_shipped):
    package = copy_shipped("pkg")
    descriptor = json.loads((package / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        del resource["bytes"], resource["hash"]
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    report = zhanaozen.validate(package)
    assert len([f for f in report.findings if f.rule == "integrity"]) == len(descriptor["resources"])
    (package / "pyproject.toml").write_text("")  # a checkout (a working tree) keeps none, rightly
    assert zhanaozen.validate(package).valid


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_load_refuses_an_installed_package_that_lost_a_checksum(tmp_path):
    installed = Path(zhanaozen.__file__).parent
    shutil.copytree(installed, tmp_path / "zhanaozen", ignore=shutil.ignore_patterns("__pycache__"))
    _strip_checksum(tmp_path / "zhanaozen" / "_package" / "datapackage.json", "persons")
    refused = run(sys.executable, "-c", "import zhanaozen; zhanaozen.load('persons')", cwd=tmp_path)
    assert refused.returncode != 0
    assert "IntegrityError: data/persons.csv" in refused.stderr and "no checksum" in refused.stderr
