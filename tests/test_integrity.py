"""Checksums: the shipped descriptor declares them, and one changed byte is caught by validate and load."""
from __future__ import annotations

import pytest

import hashlib
import json
import shutil
import sys
from pathlib import Path

import zhanaozen

from support import BIN, run


def tamper(csv: Path) -> None:
    """Change one byte: the last character of the first data row's first cell."""
    raw = bytearray(csv.read_bytes())
    at = raw.index(b"\n") + 1 + raw[raw.index(b"\n") + 1:].index(b",") - 1
    raw[at] = ord("9") if raw[at] != ord("9") else ord("8")
    csv.write_bytes(bytes(raw))


def test_shipped_descriptor_declares_bytes_and_sha256_for_every_resource(repo_root):
    descriptor = json.loads((repo_root / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        data = (repo_root / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data), resource["name"]
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), (
            f"{resource['path']} changed: run `zhanaozen release --refresh-hashes`")


def test_one_changed_byte_fails_validation_naming_the_file(copy_shipped):
    package = copy_shipped("pkg")
    assert zhanaozen.validate(package).valid
    tamper(package / "data" / "persons.csv")
    report = zhanaozen.validate(package)
    integrity = [f for f in report.findings if f.rule == "integrity"]
    assert [f.file for f in integrity] == ["data/persons.csv"], report.findings
    assert "checksum" in integrity[0].message
    result = run(str(BIN / "zhanaozen"), "validate", str(package))
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


def test_refresh_hashes_accepts_an_intended_change(copy_shipped):
    package = copy_shipped("pkg")
    (package / "pyproject.toml").write_text("")  # `release` works on a source checkout
    tamper(package / "data" / "persons.csv")
    result = run(str(BIN / "zhanaozen"), "release", "--refresh-hashes", "--repo", str(package))
    assert result.returncode == 0, result.stderr
    assert not [f for f in zhanaozen.validate(package).findings if f.rule == "integrity"]
