"""CONTRIBUTING.md's first contribution, run command by command as written, from next-id to a pushed branch
whose checks (validate, --format github, fmt --check) pass."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from support import BIN, assemble, run

pytestmark = pytest.mark.slow  # plays CONTRIBUTING.md's commands in a git checkout

GIT_ENV = {"GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "c@example.org",
           "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "c@example.org",
           "GIT_CONFIG_NOSYSTEM": "1"}


def walk_through(repo_root: Path) -> str:
    text = (repo_root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- first-contribution:start -->\n```sh\n(.*?)```\n<!-- first-contribution:end -->",
                      text, re.S)
    assert block, "CONTRIBUTING.md lost its first-contribution block"
    return block.group(1)


def test_the_first_contribution_in_contributing_md_passes(tmp_path, repo_root):
    origin = tmp_path / "origin.git"
    repo = assemble(tmp_path / "checkout")
    shutil.copy(repo_root / ".gitattributes", repo / ".gitattributes")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(GIT_ENV, HOME=str(tmp_path), PATH=f"{BIN}{os.pathsep}{env['PATH']}")
    for command in (["git", "init", "-q", "--bare", str(origin)], ["git", "init", "-q", "-b", "main"],
                    ["git", "add", "-A"], ["git", "commit", "-qm", "main"],
                    ["git", "remote", "add", "origin", str(origin)]):
        subprocess.run(command, cwd=repo if command[1] != "init" or "--bare" not in command else tmp_path,
                       env=env, check=True, capture_output=True)
    before = (repo / "datapackage.json").read_bytes()
    script = "set -euo pipefail\n" + walk_through(repo_root)
    result = subprocess.run(["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "\nVALID" in result.stdout and "::error" not in result.stdout
    assert (repo / "datapackage.json").read_bytes() == before
    pushed = run("git", "--git-dir", str(origin), "log", "--format=%s", "add-example-report").stdout
    assert pushed.startswith("Add Example Person"), pushed
    persons = (repo / "data" / "persons.csv").read_text()
    assert "PER-0003,Example Person," in persons
