"""Helpers shared by the tests: tiny packages assembled from tests/examples, and subprocesses.

A bad example is a folder under tests/examples/bad/ with an ``expected.json`` ({rule, file, line,
column}) and any files to lay over the valid example package, byte for byte (``data/<table>.csv``).
``expected.json`` may also carry ``patch`` ({resource, field, value}: one property of one resource in
the descriptor) and ``make`` (a generator below, for cases too big or too odd to commit: a 5 MB
cell, a file over the size limit, a symbolic link). For descriptor cases ``line`` may be
``"descriptor"``: the line of datapackage.json that holds the patched value.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from zhanaozen.package.paths import package_root

EXAMPLES = Path(__file__).parent / "examples"
BAD_EXAMPLES = sorted(p for p in (EXAMPLES / "bad").iterdir() if p.is_dir())
BIN = Path(sys.executable).parent


def _five_mb_cell(target: Path) -> None:
    persons = target / "data" / "persons.csv"
    lines = persons.read_text(encoding="utf-8").split("\n")
    lines[2] += "x" * (5 * 1024 * 1024)  # the notes cell of the second person
    persons.write_text("\n".join(lines), encoding="utf-8")


def _over_size_limit(target: Path) -> None:
    from zhanaozen.validators.stages.structure import MAX_FILE_BYTES

    with (target / "data" / "persons.csv").open("r+b") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used, and the validator must not read it


def _symlink_out_of_package(target: Path) -> None:
    outside = target.parent / f"{target.name}-outside.csv"
    shutil.move(target / "data" / "persons.csv", outside)
    (target / "data" / "persons.csv").symlink_to(outside)


MAKERS = {"five_mb_cell": _five_mb_cell, "over_size_limit": _over_size_limit,
          "symlink_out_of_package": _symlink_out_of_package}


def _patch(target: Path, patch: dict) -> None:
    path = target / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == patch["resource"])
    resource[patch["field"]] = patch["value"]
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def assemble(target: Path, overlay: Path | None = None) -> Path:
    """A package with the installed descriptor and schemas, the valid example data, and an overlay."""
    shipped = package_root()
    target.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((shipped / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # the checksums are the shipped data's, not the examples'
        resource.pop("bytes", None)
        resource.pop("hash", None)
    (target / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.copytree(shipped / "schemas", target / "schemas")
    shutil.copytree(EXAMPLES / "valid" / "data", target / "data")
    if overlay is None:
        return target
    for source in sorted(overlay.rglob("*")):
        if source.is_file() and source.name != "expected.json":
            destination = target / source.relative_to(overlay)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, destination)
    want = expected(overlay)
    if "patch" in want:
        _patch(target, want["patch"])
    if "make" in want:
        MAKERS[want["make"]](target)
    return target


def expected(example: Path) -> dict:
    return json.loads((example / "expected.json").read_text())


def expected_line(path: Path, want: dict) -> int:
    """The expected line; for descriptor cases, the line of datapackage.json that names the bad value."""
    if want["line"] != "descriptor":
        return want["line"]
    value = want["patch"]["value"] if "patch" in want else "data/persons.csv"
    lines = (path / "datapackage.json").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'"{want["column"]}": {json.dumps(value)}' in line)


def digests(root: Path) -> dict[str, str]:
    """Every file's sha256, to show that a command changed nothing."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def unreleased_changes(repo: Path) -> bool:
    """Whether a data file differs from the checksums its version's release recorded."""
    import hashlib
    import json

    version = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))["version"]
    sums = repo / "releases" / version / "SHA256SUMS"
    if not sums.is_file():
        return False
    recorded = dict(reversed(line.split("  ", 1)) for line in sums.read_text(encoding="utf-8").splitlines() if line)
    current = {str(p.relative_to(repo)): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in sorted((repo / "data").glob("*.csv"))}
    return current != recorded


def examples(wanted: int) -> int:
    """A property test's number of examples: ``wanted``, or fewer under `make check`'s hypothesis profile."""
    from hypothesis import settings

    return min(wanted, settings().max_examples)


def cli(*args: str, cwd: Path | None = None, unset: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """``zhanaozen ARGS`` in this process, for tests about what a command prints and its exit status:
    the installed console script in its own process is tested in test_validate.py and the modules that
    are about the process (test_contributed_code.py, test_which_package.py, test_wheel.py). ``cwd``: the
    folder it is typed in; ``unset``: environment variables it runs without."""
    import contextlib
    import io
    import os

    from zhanaozen.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = {name: os.environ.pop(name) for name in unset if name in os.environ}
    try:
        with contextlib.chdir(cwd or Path.cwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse: a usage error or --help
                code = exit_.code
    finally:
        os.environ.update(saved)
    return subprocess.CompletedProcess(["zhanaozen", *args], code, out.getvalue(), err.getvalue())
