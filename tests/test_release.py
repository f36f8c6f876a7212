"""`zhanaozen release`: from a clean clone it rebuilds exactly the committed release files, builds
checked artefacts, and refuses a version that understates the change."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from support import BIN, run, unreleased_changes
import pytest

pytestmark = pytest.mark.slow  # builds, browsers or long runs: `make check` leaves them out


def test_release_from_a_clean_clone_reproduces_the_committed_files_and_verifies(release, repo_root):
    clone, result = release  # conftest.py: one release run (and wheel build) per session
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the zipped data package validates" in result.stdout
    changed = subprocess.run(["git", "-C", str(clone), "status", "--porcelain"], capture_output=True, text=True).stdout
    if unreleased_changes(repo_root):  # the clone cut the next version: only its own release files are new
        assert all(line[3:].startswith(("releases/", "CHANGELOG.md", "CITATION.cff", ".zenodo.json", "README.md",
                                        "docs/releases.md", "datapackage.json")) for line in changed.splitlines()), changed
    else:
        assert changed == "", "the committed release files are stale; run `make release` and commit:\n" + changed
    dist = clone / "dist"
    version = json.loads((clone / "datapackage.json").read_text())["version"]
    names = sorted(p.name for p in dist.iterdir())
    exports = [f"zhanaozen-prosecutions-{version}{end}" for end in
               (".sqlite", ".xlsx", "-csv.zip", "-parquet.zip", "-stata.zip")]
    assert names == sorted(["SHA256SUMS", f"zhanaozen-{version}.tar.gz", f"zhanaozen-{version}-py3-none-any.whl",
                            f"zhanaozen-prosecutions-{version}.zip"] + exports)
    listed = [line.split("  ", 1)[1] for line in (dist / "SHA256SUMS").read_text().splitlines()]
    assert sorted(listed) == sorted(set(names) - {"SHA256SUMS"})  # every artefact, the exports too
    same = run(str(BIN / "zhanaozen"), "diff", str(dist / f"zhanaozen-{version}-py3-none-any.whl"), str(clone), "--format", "json")
    assert json.loads(same.stdout)["level"] == "none", same.stderr  # the wheel holds the package as committed
    if shutil.which("sha256sum"):
        check = run("sha256sum", "--check", "SHA256SUMS", cwd=dist)
        assert check.returncode == 0, check.stdout + check.stderr


def _add_column(package: Path) -> None:
    schema_path = package / "schemas" / "events.json"
    schema = json.loads(schema_path.read_text())
    schema["fields"].append({"name": "extra", "type": "string", "description": "An added column."})
    schema_path.write_text(json.dumps(schema, indent=2))
    rows = (package / "data" / "events.csv").read_text().splitlines()
    (package / "data" / "events.csv").write_text("\n".join([rows[0] + ",extra"] + [r + "," for r in rows[1:]]) + "\n")


def _set_version(package: Path, version: str) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["version"] = version
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def test_release_refuses_a_version_that_understates_a_new_column(repo_root, copy_shipped):
    previous = copy_shipped("previous")
    repo = copy_shipped("repo")
    (repo / "pyproject.toml").write_text("")
    shutil.copy(repo_root / "CHANGELOG.md", repo / "CHANGELOG.md")
    _add_column(repo)
    _set_version(repo, "0.1.1")
    refused = run(str(BIN / "zhanaozen"), "release", "--no-build", "--repo", str(repo), "--since", str(previous))
    assert refused.returncode == 1
    assert "need a minor version step (at least 0.2.0)" in refused.stderr
    assert not (repo / "releases" / "0.1.1").exists()
    _set_version(repo, "0.2.0")
    cut = run(str(BIN / "zhanaozen"), "release", "--no-build", "--repo", str(repo), "--since", str(previous))
    assert cut.returncode == 0, cut.stderr
    changes = json.loads((repo / "releases" / "0.2.0" / "changes.json").read_text())
    assert changes["schema"]["fields_added"] == {"events": ["extra"]}
    changelog = (repo / "CHANGELOG.md").read_text()
    assert changelog.index("## 0.2.0") < changelog.index("## 0.1.0")
    assert "events: column added: extra" in changelog
    assert "persons,PER-0001" in (repo / "releases" / "0.2.0" / "ids.csv").read_text()
