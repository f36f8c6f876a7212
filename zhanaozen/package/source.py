"""Turn what a user names on the command line into a data package directory to read.

A package directory (or its ``datapackage.json``), a wheel, a zipped data package, or a git ref of a
checkout (read with ``git archive``, so the working tree is never touched).

What is named may come from a pull request (a ref, an archive), so nothing here trusts it: a ref is resolved
by ``git rev-parse --end-of-options`` and only the commit hash it gives reaches ``git archive`` (a name like
``--output=FILE`` stays a name); only the package's own members of an archive are extracted, regular files
only, each and all together under a size limit and a compression-ratio limit, counted while they are written.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

# What a data package is made of; the rest of an archive is not extracted.
MEMBERS = ("datapackage.json", "data/", "schemas/", "releases/")
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # the validator's limit for one data file
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # a CSV compresses about 5-20 times; a zip bomb thousands of times
CHUNK = 1024 * 1024
HASH = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


class SourceError(ValueError):
    """The named thing is not a package directory, wheel, zip or git ref, or is unsafe to open."""


def _package_in(root: Path, spec: str) -> Path:
    found = sorted(root.rglob("datapackage.json"), key=lambda p: len(p.parts))
    if not found:
        raise SourceError(f"{spec}: holds no datapackage.json")
    return found[0].parent


def _wanted(name: str) -> str | None:
    """The path of an archive member inside its package (a wheel nests it), or None to skip it."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or "\\" in name:
        return None
    for i in range(len(parts)):
        rest = "/".join(parts[i:])
        if rest == MEMBERS[0] or (rest.startswith(MEMBERS[1:]) and len(parts) - i > 1):
            return "/".join(parts)
    return None


class _Budget:
    """Bytes written so far, against the limits; raises as soon as one is passed."""

    def __init__(self, spec: str):
        self.spec, self.total, self.members = spec, 0, 0

    def member(self, name: str, declared: int, compressed: int | None) -> None:
        self.members += 1
        if self.members > MAX_MEMBERS:
            raise SourceError(f"{self.spec}: more than {MAX_MEMBERS} files in the package")
        if declared > MAX_MEMBER_BYTES:
            raise SourceError(f"{self.spec}: {name} expands to {declared} bytes, over the limit of {MAX_MEMBER_BYTES}")
        if compressed is not None and declared > MAX_RATIO * max(compressed, 1) and declared > CHUNK:
            raise SourceError(f"{self.spec}: {name} expands {declared // max(compressed, 1)} times; refused as a "
                              f"possible zip bomb (limit {MAX_RATIO})")

    def copy(self, name: str, source, target: Path) -> None:
        written = 0
        with target.open("wb") as out:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                self.total += len(chunk)
                if written > MAX_MEMBER_BYTES or self.total > MAX_TOTAL_BYTES:
                    raise SourceError(f"{self.spec}: {name} expands beyond the limits ({MAX_MEMBER_BYTES} bytes a "
                                      f"file, {MAX_TOTAL_BYTES} in all)")
                out.write(chunk)


def _destination(workdir: Path, name: str) -> Path:
    target = workdir.joinpath(*PurePosixPath(name).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _from_zip(path: Path, spec: str, workdir: Path) -> Path:
    budget = _Budget(spec)
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = _wanted(info.filename)
            if name is None or info.is_dir():
                continue
            budget.member(name, info.file_size, info.compress_size)
            with archive.open(info) as source:  # the declared size is not trusted: copy() counts
                budget.copy(name, source, _destination(workdir, name))
    return _package_in(workdir, spec)


def _resolve_ref(spec: str, repo: Path) -> str:
    """The commit hash ``spec`` names in ``repo``; ``spec`` can never be read as an option."""
    if spec.startswith("-") or "\0" in spec:
        raise SourceError(f"{spec!r}: not a package directory, wheel, zip or git ref (a ref cannot start with '-')")
    result = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "--end-of-options",
                             f"{spec}^{{commit}}"], capture_output=True, text=True, check=False)
    commit = result.stdout.strip()
    if result.returncode != 0 or not HASH.fullmatch(commit):
        raise SourceError(f"{spec}: not a package directory, wheel, zip or git ref of {repo}")
    return commit


def _from_git(spec: str, repo: Path, workdir: Path) -> Path:
    commit = _resolve_ref(spec, repo)
    budget = _Budget(spec)
    with tempfile.TemporaryFile() as tar_file:
        result = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", commit],
                                stdout=tar_file, stderr=subprocess.PIPE, check=False)
        if result.returncode != 0:
            raise SourceError(f"{spec}: git archive failed ({result.stderr.decode(errors='replace').strip()})")
        tar_file.seek(0)
        with tarfile.open(fileobj=tar_file, mode="r:") as tar:
            for member in tar:
                name = _wanted(member.name)
                # Regular files of our own repository only: no links, devices or absolute paths.
                if name is None or not member.isfile():
                    continue
                budget.member(name, member.size, None)
                budget.copy(name, tar.extractfile(member), _destination(workdir, name))
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
        try:
            return _from_zip(path, spec, workdir)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:  # corrupt, encrypted, truncated
            shutil.rmtree(workdir, ignore_errors=True)
            raise SourceError(f"{spec}: cannot read the archive ({exc})") from None
    if path.exists():
        raise SourceError(f"{spec}: not a package directory, wheel or zip")
    return _from_git(spec, repo or Path.cwd(), workdir)
