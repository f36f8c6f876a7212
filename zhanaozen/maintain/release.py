"""Cut a release in a source checkout: checksums, citation files, ID manifest, change file and CHANGELOG.

Everything here is written from ``datapackage.json`` and the data; run it through ``zhanaozen release``.
The previous release is the highest version under ``releases/`` below the descriptor's version; its data
is read from git (tag ``v<version>`` if there is one, else the last commit that wrote its manifest).
"""
from __future__ import annotations

import csv
import datetime
import io
import json
import re
import subprocess
import tempfile
from pathlib import Path

from ..package import citation, contract, integrity, writing
from .diff import parse_version, diff, understated
from ..package.descriptor import Package, read_package
from ..package.source import materialise
from .release_notes import changelog_section

RELEASES = "releases"
DOCS = ("README.md", "docs/releases.md")
MANIFEST_HEADER = ["table", "id"]


class ReleaseError(ValueError):
    """The release cannot be cut as asked (understated version, missing checkout, ...)."""


def _write(repo: Path, relpath: str, text: str) -> None:
    """Write inside the checkout only, never through a symbolic link a pull request committed, atomically."""
    try:
        writing.write_text(repo, relpath, text)
    except writing.UnsafeWrite as exc:
        raise ReleaseError(str(exc)) from None


def _read(repo: Path, relpath: str) -> str | None:
    """A checkout file the release rewrites, or None when absent; refused when it is a symbolic link."""
    try:
        path = writing.target(repo, relpath)
    except writing.UnsafeWrite as exc:
        raise ReleaseError(str(exc)) from None
    return path.read_text(encoding="utf-8") if path.is_file() else None


def write_descriptor(repo: Path, descriptor: dict) -> None:
    _write(repo, "datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")


def refresh_hashes(repo: Path) -> dict:
    """Measure every data file again and store ``bytes`` and ``hash`` in ``datapackage.json``."""
    descriptor = integrity.refresh(read_package(repo).descriptor, repo)
    write_descriptor(repo, descriptor)
    return descriptor


def write_metadata(repo: Path) -> None:
    """``CITATION.cff``, ``.zenodo.json`` and the version the docs quote, from the descriptor."""
    descriptor = read_package(repo).descriptor
    _write(repo, "CITATION.cff", citation.cff(descriptor))
    _write(repo, ".zenodo.json", citation.zenodo(descriptor))
    quoted = re.compile(re.escape(descriptor["title"]).replace(r"\ ", r"\s+") + r",\s+version\s+(\d+\.\d+\.\d+)")
    for name in DOCS:
        text = _read(repo, name)
        if text is not None:
            fixed = quoted.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + descriptor["version"], text)
            if fixed != text:
                _write(repo, name, fixed)


def released_versions(repo: Path) -> list[str]:
    versions = [p.name for p in (repo / RELEASES).glob("*") if (p / "ids.csv").is_file()]
    return sorted(versions, key=parse_version)


def previous_release(repo: Path, version: str) -> str | None:
    earlier = [v for v in released_versions(repo) if parse_version(v) < parse_version(version)]
    return earlier[-1] if earlier else None


def release_ref(repo: Path, version: str) -> str:
    """The git ref holding a release's data: its tag, or the last commit that wrote its manifest."""
    git = ["git", "-C", str(repo)]
    tag = subprocess.run(git + ["rev-parse", "-q", "--verify", f"refs/tags/v{version}"], capture_output=True, text=True)
    if tag.returncode == 0:
        return f"v{version}"
    log = subprocess.run(git + ["log", "-1", "--format=%H", "--", f"{RELEASES}/{version}/ids.csv"],
                         capture_output=True, text=True)
    if log.returncode != 0 or not log.stdout.strip():
        raise ReleaseError(f"cannot find release {version} in git: tag v{version} or a commit of "
                           f"{RELEASES}/{version}/ids.csv; name it with --since")
    return log.stdout.strip()


def manifest(package: Package) -> str:
    """Every ID in the package, one ``table,id`` row each (retired_ids is bookkeeping, not records)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MANIFEST_HEADER)
    for name, table in package.tables.items():
        if name == "retired_ids":
            continue
        with table.path.open(encoding="utf-8", newline="") as handle:
            ids = ["/".join(row[k] or "" for k in table.primary_key) for row in csv.DictReader(handle)]
        writer.writerows([name, record_id] for record_id in ids)
    return out.getvalue()


def _empty(version: str) -> Package:
    return Package(root=Path("."), descriptor={"version": version}, tables={})


def cut(repo: Path, since: str | None = None) -> dict:
    """Write the release files of the descriptor's version and return its change set."""
    current = read_package(repo)
    version = current.version
    try:
        parse_version(writing.safe_name(version, "version"))  # it names a folder: releases/<version>/
    except (writing.UnsafeWrite, ValueError):
        raise ReleaseError(f"the version {version!r} in datapackage.json is not MAJOR.MINOR.PATCH") from None
    previous = previous_release(repo, version)
    with tempfile.TemporaryDirectory(prefix="zhanaozen-release-") as tmp:
        if previous or since:
            base = read_package(materialise(since or release_ref(repo, previous), Path(tmp), repo))
        else:
            base = _empty("")
        changes = diff(base, current)
    if previous:
        problem = understated(previous, version, changes["level"])
        if problem:
            raise ReleaseError(problem + "; raise the version in datapackage.json (see docs/releases.md)")
    folder = f"{RELEASES}/{version}"
    descriptor = current.descriptor
    if not (repo / folder).is_dir() or "created" not in descriptor:
        # Frictionless wants a datetime: the moment the release was cut, in UTC.
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        descriptor["created"] = now.isoformat().replace("+00:00", "Z")
    write_descriptor(repo, descriptor)
    refresh_hashes(repo)
    write_metadata(repo)
    _write(repo, f"{folder}/ids.csv", manifest(current))
    _write(repo, f"{folder}/changes.json", json.dumps(changes, indent=2, ensure_ascii=False) + "\n")
    _write(repo, f"{folder}/{contract.FILE}", contract.contract_json(current))  # the validator's contract rule
    update_changelog(repo, changelog_section(changes, descriptor["created"][:10]), version)
    return changes


def update_changelog(repo: Path, section: str, version: str) -> None:
    """Put the release's section first (replacing an earlier cut of the same version), keep the others."""
    head = ("# Changelog\n\nGenerated by `zhanaozen release` from `zhanaozen diff` against the previous "
            "release; versions follow docs/releases.md.\n")
    text = _read(repo, "CHANGELOG.md") or head
    parts = re.split(r"(?m)^(?=## )", text)
    kept = [p for p in parts[1:] if not p.startswith(f"## {version} ")]
    _write(repo, "CHANGELOG.md", parts[0].rstrip("\n") + "\n\n" + "\n".join([section] + [p.rstrip("\n") + "\n" for p in kept]))
