"""Files the site offers for download: each table's CSV, and the release files ``make release`` puts in dist/.

Every file is checked before it is copied into the site: a regular file (not a link), of a bounded
size, named as docs/releases.md documents it. Nothing is fetched; a file that is not there is not linked.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..package.descriptor import Package

MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Download:
    site_path: str      # where it lands in the site, e.g. downloads/data/persons.csv
    source: Path
    label: str
    size: int


def _checked(path: Path) -> int | None:
    """The size of a regular file within the limit; None for anything else."""
    if path.is_symlink() or not path.is_file():
        return None
    size = path.stat().st_size
    return size if size <= MAX_BYTES else None


def csv_path(name: str) -> str:
    return f"downloads/data/{name}.csv"


def tables(package: Package) -> list[Download]:
    out = []
    for name, table in package.tables.items():
        size = _checked(table.path)
        if size is not None:
            out.append(Download(csv_path(name), table.path, f"{name}.csv", size))
    return out


def release_names(version: str) -> list[tuple[str, str]]:
    """The release files of docs/releases.md ("Cutting a release"), with what each is."""
    return [(f"zhanaozen-prosecutions-{version}.zip", "the zipped data package (data, schemas, ID manifests, "
             "citation, changelog)"),
            (f"zhanaozen-{version}-py3-none-any.whl", "the Python wheel (loader, validator and the data)"),
            (f"zhanaozen-{version}.tar.gz", "the source distribution"),
            ("SHA256SUMS", "checksums of the files above (sha256sum --check SHA256SUMS)")]


def releases(dist: Path | None, version: str) -> list[Download]:
    if dist is None:
        return []
    out = []
    for name, what in release_names(version):
        size = _checked(dist / name)
        if size is not None:
            out.append(Download(f"downloads/{name}", dist / name, f"{name} — {what}", size))
    return out


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} MB"
