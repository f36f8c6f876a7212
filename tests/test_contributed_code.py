"""Nothing from a package is ever imported or run (issue 18, item 1).

A pull request can put a Python file of any standard-library name next to datapackage.json; CI runs
`zhanaozen validate .` in that folder. Every command is run there with one such file for every name in
sys.stdlib_module_names, each of which would leave a mark if imported; none may be imported.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from support import BIN

COMMANDS = [
    ["validate", "."], ["validate", "--format", "github", "."], ["validate", "--format", "json", "."],
    ["fmt", "--check", "."], ["fmt", "."], ["next-id", "persons", "."], ["template", "persons"], ["info"],
    ["coverage", "."], ["cite"], ["diff", "0.1.0", "HEAD", "--repo", "."], ["export", "--format", "sqlite", "--out", "out"],
    ["release", "--repo", ".", "--no-build"], ["person", "PER-0001", "."],
]


@pytest.fixture(scope="module")
def booby_trapped(tmp_path_factory):
    """A copy of the installed package with a marking module for every standard-library name."""
    from zhanaozen.package.paths import package_root
    import shutil

    folder = tmp_path_factory.mktemp("contributed") / "package"
    shutil.copytree(package_root(), folder)
    marker = folder.parent / "imported.txt"
    for name in sorted(sys.stdlib_module_names):
        (folder / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\n", encoding="utf-8")
    return folder, marker


def test_the_trap_works(booby_trapped):
    """Without isolation, Python imports the contributed module: the test can fail."""
    folder, marker = booby_trapped
    subprocess.run([sys.executable, "-c", "import dataclasses"], cwd=folder, capture_output=True, timeout=60)
    assert marker.read_text().split() == ["dataclasses"]
    marker.unlink()


# Each is a child process of about a second (the validator, pandas, the exporters): the whole suite runs
# them all, `make check` the quick ones and `validate .`, the command CI runs in a pull request's folder.
SLOW = [["validate", "--format", "github", "."], ["validate", "--format", "json", "."], ["info"], ["coverage", "."],
        ["export", "--format", "sqlite", "--out", "out"], ["release", "--repo", ".", "--no-build"],
        ["person", "PER-0001", "."]]


@pytest.mark.parametrize("args", [pytest.param(c, marks=[pytest.mark.slow] if c in SLOW else [], id=" ".join(c))
                                  for c in COMMANDS])
def test_no_command_imports_contributed_code(booby_trapped, args):
    folder, marker = booby_trapped
    result = subprocess.run([str(BIN / "zhanaozen"), *args], cwd=folder, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    assert not marker.exists(), f"`zhanaozen {' '.join(args)}` imported {marker.read_text().split()}"
