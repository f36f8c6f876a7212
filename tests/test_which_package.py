"""One path convention: PATH if given; else the checkout around the current folder; else the installed
package. The first line of output says which (standard error where standard output is for programs)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import BIN, assemble, run

# (arguments, whether standard output is for programs so the line goes to standard error)
COMMANDS = [
    (["validate", "--quiet"], False),
    (["validate", "--format", "json"], True),
    (["fmt", "--check"], False),
    (["next-id", "persons"], True),
    (["template", "persons"], True),
    (["info"], False),
    (["cite"], True),
    (["coverage"], False),
    (["renumber", "--check"], False),
    (["diff", "HEAD"], False),
    (["person", "PER-0001"], False),
]


# Child processes of about a second (the validator, pandas): the whole suite runs them all, `make check`
# the quick commands; every command finds its package through one function (commands/_package.py), and
# `zhanaozen validate` typed in a checkout is the fast lane's own run of the console script
# (test_validate.py).
SLOW = {"validate --quiet", "validate --format json", "info", "coverage", "person PER-0001"}


def cases(commands, outside: bool = False):
    return [pytest.param(args, for_programs, id=" ".join(args),
                         marks=[pytest.mark.slow] if " ".join(args) in SLOW or (outside and args[0] == "validate") else [])
            for args, for_programs in commands]


def first_line(result, for_programs: bool) -> str:
    return (result.stderr if for_programs else result.stdout).split("\n", 1)[0]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    repo = assemble(tmp_path_factory.mktemp("checkout"))
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "main"]):
        assert run("git", *args, cwd=repo, env=env).returncode == 0
    return repo


@pytest.mark.parametrize("args,for_programs", cases(COMMANDS))
def test_inside_a_checkout_the_checkout_is_read_and_named_first(checkout, args, for_programs):
    result = run(str(BIN / "zhanaozen"), *args, cwd=checkout / "data")
    assert result.returncode in (0, 1), result.stderr
    assert first_line(result, for_programs).startswith(
        f"zhanaozen {args[0]}: " + (f"HEAD against the checkout at {checkout.resolve()}" if args[0] == "diff"
                                    else f"the checkout at {checkout.resolve()}")), result.stdout + result.stderr


@pytest.mark.parametrize("args,for_programs",
                         cases([c for c in COMMANDS if c[0][0] not in ("diff", "renumber", "fmt")], outside=True))
def test_outside_a_checkout_the_installed_package_is_read_and_named_first(tmp_path, shipped, args, for_programs):
    result = run(str(BIN / "zhanaozen"), *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert first_line(result, for_programs).startswith(f"zhanaozen {args[0]}: the installed package at {shipped}")


def test_a_named_path_is_read(tmp_path, checkout):
    result = run(str(BIN / "zhanaozen"), "next-id", "persons", str(checkout), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "PER-0003\n")
    assert result.stderr.startswith(f"zhanaozen next-id: the package at {checkout.resolve()}")


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_export_reads_the_checkout(tmp_path, checkout):
    result = run(str(BIN / "zhanaozen"), "export", "--format", "sqlite", "--out", str(tmp_path), cwd=checkout)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"zhanaozen export: the checkout at {checkout.resolve()}")
    import sqlite3

    database = Path(result.stdout.split()[0])
    rows = sqlite3.connect(database).execute("select count(*) from persons").fetchone()[0]
    assert rows == 2  # the example's two persons, not the installed dataset's
