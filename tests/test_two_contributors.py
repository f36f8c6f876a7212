"""Two contributors branch from the same main, each takes `next-id`'s answer, and both pull requests merge.

The package is the small valid example, in a git repository with the project's .gitattributes (data
CSVs merge by rows). Every command runs in the checkout without a path, as a contributor types it.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import assemble, cli

pytestmark = pytest.mark.slow  # plays two git histories with the installed command

GIT_ENV = {"GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "c@example.org",
           "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "c@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV}, timeout=120)
    assert result.returncode == 0, f"git {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result


def zhanaozen(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """The command typed in ``repo``, run in process (support.cli; the console script: test_validate.py)."""
    return cli(*args, cwd=repo, unset=("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE"))


def append(repo: Path, table: str, row: str) -> None:
    with (repo / "data" / f"{table}.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write(row + "\n")


def next_id(repo: Path, table: str) -> str:
    result = zhanaozen(repo, "next-id", table)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def main(tmp_path: Path, repo_root: Path) -> Path:
    repo = assemble(tmp_path / "main")
    shutil.copy(repo_root / ".gitattributes", repo / ".gitattributes")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "main")
    return repo


def passes(repo: Path) -> None:
    """What CI runs on the pull request: validation (text and GitHub annotations) and the canonical form."""
    text = zhanaozen(repo, "validate")
    assert text.returncode == 0, text.stdout + text.stderr
    assert text.stdout.splitlines()[0] == f"zhanaozen validate: the checkout at {repo.resolve()} " \
                                          "(found from the current folder; name a PATH to read another)"
    github = zhanaozen(repo, "validate", "--format", "github")
    assert github.returncode == 0, github.stdout
    assert "::error" not in github.stdout
    fmt = zhanaozen(repo, "fmt", "--check")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def contributor_a(repo: Path) -> dict[str, str]:
    """A source, a person with a spelling, and the citation behind the person."""
    git(repo, "switch", "-q", "-c", "a")
    append(repo, "sources", "a-report,Publisher A,Report A used by the test,,2014,https://example.org/a,en,ngo_report,")
    person = next_id(repo, "persons")
    append(repo, "persons", f"{person},Example Person C,,,,,,worker,,")
    append(repo, "person_names", f"{person},Example Person C,Latn,en,preferred,a-report,p. 2")
    citation = next_id(repo, "citations")
    append(repo, "citations", f"{citation},persons,{person},,a-report,p. 2,supports,explicit,,")
    assert zhanaozen(repo, "fmt").returncode == 0  # the source goes where its slug sorts
    passes(repo)
    git(repo, "commit", "-qam", "A: a source, a person, a spelling and a citation")
    return {"person": person, "citation": citation}


def contributor_b(repo: Path) -> dict[str, str]:
    """A claim about a trial and the citation behind it."""
    git(repo, "switch", "-q", "-c", "b", "main")
    claim = next_id(repo, "claims")
    append(repo, "claims", f"{claim},TRI-002,,appellants,2,at_least,People who appealed.,example-report,para. 6")
    citation = next_id(repo, "citations")
    append(repo, "citations", f"{citation},claims,{claim},,example-report,para. 6,supports,explicit,,")
    passes(repo)
    git(repo, "commit", "-qam", "B: a claim and its citation")
    return {"claim": claim, "citation": citation}


def rows(repo: Path, table: str) -> list[dict[str, str]]:
    with (repo / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_two_pull_requests_from_the_same_main_merge_and_validate_after_renumber(main):
    before = (main / "datapackage.json").read_bytes()
    a = contributor_a(main)
    b = contributor_b(main)
    assert a["citation"] == b["citation"] == "CIT-00021"  # both took next-id's answer
    for branch in ("a", "b"):
        changed = git(main, "diff", "--name-only", "main", branch).stdout.split()
        assert "datapackage.json" not in changed, changed
    git(main, "switch", "-q", "main")
    git(main, "merge", "-q", "--no-edit", "a")
    git(main, "merge", "-q", "--no-edit", "b")  # union merge of data/citations.csv: no conflict
    assert (main / "datapackage.json").read_bytes() == before

    clash = zhanaozen(main, "validate")
    assert clash.returncode == 1
    assert "duplicate key citation_id" in clash.stdout and "zhanaozen renumber" in clash.stdout, clash.stdout

    untouched = {p: p.read_bytes() for p in (main / "data").glob("*.csv") if p.name != "citations.csv"}
    result = zhanaozen(main, "renumber", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CIT-00021 -> CIT-00022" in result.stdout, result.stdout
    assert {p: p.read_bytes() for p in untouched} == untouched  # nothing else changed
    passes(main)

    citations = {row["citation_id"]: row for row in rows(main, "citations")}
    assert citations["CIT-00021"]["record_id"] == a["person"]  # the first merged keeps its ID
    assert citations["CIT-00022"]["record_id"] == b["claim"]  # the later one has a fresh ID
    assert a["person"] in {row["person_id"] for row in rows(main, "persons")}
    assert "a-report" in {row["source_id"] for row in rows(main, "sources")}
    assert b["claim"] in {row["claim_id"] for row in rows(main, "claims")}


def test_renumber_rewrites_the_references_of_the_later_contribution_only(main):
    """Both add a person with a spelling and a citation: the person and the citation clash; the later
    person's spelling and citation follow it to its fresh ID, the first contribution's stay."""
    people = {}
    for branch, name, locator in (("a", "Example Person C", "para. 1"), ("b", "Example Person D", "para. 2")):
        git(main, "switch", "-q", "-c", branch, "main")
        person, citation = next_id(main, "persons"), next_id(main, "citations")
        append(main, "persons", f"{person},{name},,,,,,worker,,")
        append(main, "person_names", f"{person},{name},Latn,en,preferred,example-report,{locator}")
        append(main, "citations", f"{citation},persons,{person},,example-report,{locator},supports,explicit,,")
        passes(main)
        git(main, "commit", "-qam", f"{branch}: a person")
        people[branch] = person
    assert people["a"] == people["b"] == "PER-0003"
    git(main, "switch", "-q", "main")
    git(main, "merge", "-q", "--no-edit", "a")
    git(main, "merge", "-q", "--no-edit", "b")
    result = zhanaozen(main, "renumber")
    assert result.returncode == 0, result.stdout + result.stderr
    zhanaozen(main, "fmt")
    passes(main)
    persons = {row["person_id"]: row["name"] for row in rows(main, "persons")}
    fresh = next(pid for pid, name in persons.items() if name == "Example Person D")
    assert persons["PER-0003"] == "Example Person C" and fresh != "PER-0003"
    names = {row["name"]: row["person_id"] for row in rows(main, "person_names")}
    assert names["Example Person C"] == "PER-0003" and names["Example Person D"] == fresh
    cited = {row["record_id"] for row in rows(main, "citations") if row["table"] == "persons"}
    assert {"PER-0003", fresh} <= cited


def test_renumber_never_renumbers_a_released_id(main):
    """Two versions of a released record are two edits of one record: a person merges them."""
    (main / "releases" / "0.1.0").mkdir(parents=True)
    (main / "releases" / "0.1.0" / "ids.csv").write_text("table,id\npersons,PER-0002\n")
    append(main, "persons", "PER-0002,Example Person B (edited),,,,,,activist,,")
    before = (main / "data" / "persons.csv").read_bytes()
    result = zhanaozen(main, "renumber")
    assert result.returncode == 1
    assert "PER-0002 is a released ID" in result.stderr
    assert (main / "data" / "persons.csv").read_bytes() == before


def test_validate_without_a_path_in_a_checkout_with_an_uncited_row_exits_1(main):
    append(main, "persons", "PER-0003,Example Person C,,,,,,worker,,")
    result = zhanaozen(main / "data", "validate")  # from a subfolder: the checkout above is found
    assert result.returncode == 1, result.stdout
    assert f"the checkout at {main.resolve()}" in result.stdout.splitlines()[0]
    assert "[provenance]" in result.stdout


def test_outside_a_merge_renumber_refuses_a_clash_that_other_rows_refer_to(tmp_path):
    """No git: which of two PER-0003 a spelling means cannot be known; a citation nothing refers to can move."""
    package = assemble(tmp_path / "pkg")
    append(package, "persons", "PER-0003,Example Person C,,,,,,worker,,")
    append(package, "persons", "PER-0003,Example Person D,,,,,,worker,,")
    append(package, "person_names", "PER-0003,Example Person C,Latn,en,preferred,example-report,para. 1")
    append(package, "citations", "CIT-00021,persons,PER-0003,,example-report,para. 1,supports,explicit,,")
    append(package, "citations", "CIT-00021,persons,PER-0003,,example-report,para. 2,supports,explicit,,")
    persons = (package / "data" / "persons.csv").read_bytes()
    result = zhanaozen(package, "renumber")
    assert result.returncode == 1
    assert "PER-0003 is held by 2 rows" in result.stderr and "other rows refer to it" in result.stderr
    assert (package / "data" / "persons.csv").read_bytes() == persons
    assert "data/citations.csv:23: CIT-00021 -> CIT-00022; nothing refers to it" in result.stdout
    assert (package / "data" / "citations.csv").read_text().splitlines()[-1].startswith("CIT-00022,persons,")
