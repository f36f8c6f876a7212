"""Turn what a user names on the command line into a data package directory to read.

A package directory (or its ``datapackage.json``), a wheel, a zipped data package, or a git ref of a
checkout (read with ``git archive``, so the working tree is never touched).
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import zipfile
from pathlib import Path

# What a data package is made of; the rest of an archive is not extracted.
MEMBERS = ("datapackage.json", "data/", "schemas/", "releases/")


class SourceError(ValueError):
    """The named thing is not a package directory, wheel, zip or git ref."""


def _package_in(root: Path, spec: str) -> Path:
    found = sorted(root.rglob("datapackage.json"), key=lambda p: len(p.parts))
    if not found:
        raise SourceError(f"{spec}: holds no datapackage.json")
    return found[0].parent


def _from_git(spec: str, repo: Path, workdir: Path) -> Path:
    result = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", spec],
                            capture_output=True, check=False)
    if result.returncode != 0:
        raise SourceError(f"{spec}: not a package directory, wheel, zip or git ref of {repo} "
                          f"({result.stderr.decode(errors='replace').strip()})")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
        # Regular files and folders of our own repository only: no links, devices or absolute paths.
        wanted = [m for m in tar.getmembers() if m.name.startswith(MEMBERS) and (m.isfile() or m.isdir())
                  and ".." not in Path(m.name).parts]
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Python >= 3.11.4
        tar.extractall(workdir, members=wanted, **safe)
    if not (workdir / "datapackage.json").is_file():
        raise SourceError(f"{spec}: the commit has no datapackage.json")
    return workdir


def materialise(spec: str, workdir: Path, repo: Path | None = None) -> Path:
    """The package directory ``spec`` names, extracting archives and git refs into ``workdir``."""
    path = Path(spec)
    workdir.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and (path / "datapackage.json").is_file():
        return path
    if path.is_file() and path.name == "datapackage.json":
        return path.parent
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            archive.extractall(workdir)
        return _package_in(workdir, spec)
    if path.exists():
        raise SourceError(f"{spec}: not a package directory, wheel or zip")
    return _from_git(spec, repo or Path.cwd(), workdir)
