"""Helpers shared by the tests: tiny packages assembled from tests/examples, and subprocesses."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from zhanaozen._paths import package_root

EXAMPLES = Path(__file__).parent / "examples"
BAD_EXAMPLES = sorted(p for p in (EXAMPLES / "bad").iterdir() if p.is_dir())
BIN = Path(sys.executable).parent


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
    if overlay is not None:
        for csv in (overlay / "data").glob("*.csv"):
            shutil.copy(csv, target / "data" / csv.name)
    return target


def expected(example: Path) -> dict:
    return json.loads((example / "expected.json").read_text())


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, timeout=300, env=env)
