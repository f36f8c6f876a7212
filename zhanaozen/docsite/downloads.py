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
    """The files ``make release`` puts in dist/, as docs/releases.md ("Release files") lists them."""
    v = version
    return [(f"zhanaozen-prosecutions-{v}.zip", "the data package as maintained (data, schemas, ID manifests, "
             "citation, changelog)"),
            (f"zhanaozen-prosecutions-{v}-csv.zip", "CSV: a Frictionless data package with a README"),
            (f"zhanaozen-prosecutions-{v}.xlsx", "Excel workbook"),
            (f"zhanaozen-prosecutions-{v}.sqlite", "SQLite database"),
            (f"zhanaozen-prosecutions-{v}-parquet.zip", "Parquet, one file per table"),
            (f"zhanaozen-prosecutions-{v}-stata.zip", "Stata, one file per table"),
            (f"zhanaozen-{v}-py3-none-any.whl", "the Python package with the data (wheel)"),
            (f"zhanaozen-{v}.tar.gz", "the Python package with the data (source)"),
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
