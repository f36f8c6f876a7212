"""`zhanaozen diff`: every record added, removed or modified, with errata sources, and the version step."""
from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from zhanaozen.maintain.diff import diff, understated
from zhanaozen.package.descriptor import read_package

from support import BIN, assemble, run


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def rows_at(repo: Path, ref: str, path: str) -> int:
    text = git(repo, "show", f"{ref}:{path}")
    return len(list(csv.DictReader(text.splitlines())))


def diff_json(*args: str) -> dict:
    result = run(str(BIN / "zhanaozen"), "diff", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_diff_from_the_first_commit_explains_every_record(repo_root):
    """Every record at HEAD is added, modified or unchanged; every record of the first commit is accounted for."""
    first = git(repo_root, "rev-list", "--max-parents=0", "HEAD").split()[-1]
    changes = diff_json(first, "HEAD", "--repo", str(repo_root))
    head = json.loads(git(repo_root, "show", "HEAD:datapackage.json"))
    old = json.loads(git(repo_root, "show", f"{first}:datapackage.json"))
    old_paths = {r["name"]: r["path"] for r in old["resources"]}
    for resource in head["resources"]:
        t = changes["tables"][resource["name"]]
        now = rows_at(repo_root, "HEAD", resource["path"])
        before = rows_at(repo_root, first, old_paths[resource["name"]]) if resource["name"] in old_paths else 0
        assert len(t["added"]) + len(t["modified"]) + t["unchanged"] == now, resource["name"]
        assert len(t["removed"]) + len(t["modified"]) + t["unchanged"] == before, resource["name"]
        for record in t["modified"]:
            assert all(c["old"] != c["new"] for c in record["changes"].values())
    assert changes["tables"]["persons"]["added"], "the seed data added persons"


@pytest.fixture
def two_versions(tmp_path) -> tuple[Path, Path]:
    old, new = assemble(tmp_path / "old"), assemble(tmp_path / "new")
    persons = (new / "data" / "persons.csv").read_text().splitlines()
    persons = [line.replace("Example Person A", "Example Person A. Corrected") for line in persons]
    (new / "data" / "persons.csv").write_text("\n".join(persons[:-1]) + "\n")  # drop the last person
    (new / "data" / "retired_ids.csv").write_text(
        "id,table,retired_in,reason,replaced_by\n" + persons[-1].split(",")[0] + ",persons,0.2.0,A duplicate.,PER-0001\n")
    citations = (new / "data" / "citations.csv").read_text()
    (new / "data" / "citations.csv").write_text(
        citations + "CIT-09999,persons,PER-0001,name,example-report,p. 9,supports,,\n")
    return old, new


def test_diff_lists_modified_fields_with_their_sources_and_removed_records(two_versions):
    old, new = two_versions
    changes = diff_json(str(old), str(new))
    persons = changes["tables"]["persons"]
    removed = persons["removed"]
    assert len(removed) == 1
    [record] = persons["modified"]
    assert record["id"] == "PER-0001"
    assert record["changes"] == {"name": {"old": "Example Person A", "new": "Example Person A. Corrected"}}
    assert [s["citation_id"] for s in record["sources"]] == ["CIT-09999"]
    assert changes["tables"]["citations"]["added"] == ["CIT-09999"]
    assert changes["level"] == "minor"  # a record left
    text = run(str(BIN / "zhanaozen"), "diff", str(old), str(new)).stdout
    assert "~ PER-0001  [sources: example-report, p. 9 (CIT-09999)]" in text
    assert "name: 'Example Person A' -> 'Example Person A. Corrected'" in text
    assert persons["retired"] == {removed[0]: {"retired_in": "0.2.0", "reason": "A duplicate.", "replaced_by": "PER-0001"}}
    assert f"  - {removed[0]} (retired in 0.2.0: A duplicate., replaced by PER-0001)" in text


def test_diff_reads_wheels_and_zips(tmp_path, two_versions):
    import shutil
    old, new = two_versions
    archive = Path(shutil.make_archive(str(tmp_path / "new"), "zip", new))
    assert diff_json(str(old), str(archive))["tables"]["persons"]["modified"]


def test_schema_changes_set_the_version_step(tmp_path):
    base = assemble(tmp_path / "base")
    for change, step in (("add", "minor"), ("remove", "major"), ("type", "major")):
        pkg = assemble(tmp_path / change)
        schema_path = pkg / "schemas" / "events.json"
        schema = json.loads(schema_path.read_text())
        if change == "add":
            schema["fields"].append({"name": "extra", "type": "string"})
            rows = (pkg / "data" / "events.csv").read_text().splitlines()
            (pkg / "data" / "events.csv").write_text("\n".join([rows[0] + ",extra"] + [r + "," for r in rows[1:]]) + "\n")
        elif change == "remove":
            schema["fields"] = [f for f in schema["fields"] if f["name"] != "notes"]
        else:
            next(f for f in schema["fields"] if f["name"] == "notes")["type"] = "integer"
        schema_path.write_text(json.dumps(schema))
        assert diff(read_package(base), read_package(pkg))["level"] == step, change
    assert diff(read_package(base), read_package(base))["level"] == "none"


@pytest.mark.parametrize("old,new,needed,ok", [
    ("0.1.0", "0.1.1", "patch", True), ("0.1.0", "0.1.1", "minor", False), ("0.1.0", "0.2.0", "minor", True),
    ("0.1.0", "0.2.0", "major", False), ("0.1.0", "1.0.0", "major", True), ("1.2.3", "1.2.3", "patch", False),
    ("1.2.3", "2.0.0", "patch", True),
])
def test_a_version_that_understates_the_change_is_refused(old, new, needed, ok):
    assert (understated(old, new, needed) is None) == ok


def test_unknown_source_is_a_clean_error(tmp_path):
    result = run(str(BIN / "zhanaozen"), "diff", "no-such-ref", str(tmp_path), "--repo", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no-such-ref" in result.stderr
