"""Build the release artefacts into ``dist/`` and check them: sdist, wheel, zipped data package, the exports
(SQLite, Excel, CSV package, zipped Parquet and Stata files) and SHA256SUMS."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from ..package.descriptor import read_package
from ..package import writing
from ..package.integrity import checksum, measure
from ..reports.export.metadata import stem

# Files of a checkout that travel with the zipped data package besides the descriptor's own files.
ZIP_EXTRAS = ("README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md")
WHEEL_PACKAGE = "zhanaozen/_package/"


class ArtefactError(ValueError):
    """A built artefact is incomplete or does not match the descriptor."""


def build_python(repo: Path, dist: Path, version: str) -> list[Path]:
    result = subprocess.run([sys.executable, "-I", "-m", "build", "--sdist", "--wheel", "--outdir", str(dist), str(repo)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise ArtefactError("python -m build failed:\n" + result.stdout[-2000:] + result.stderr[-2000:])
    return [dist / f"zhanaozen-{version}.tar.gz", dist / f"zhanaozen-{version}-py3-none-any.whl"]


def package_files(repo: Path) -> list[str]:
    """Every file the data package is made of, relative to its root."""
    package = read_package(repo)
    names = {"datapackage.json"}
    for resource in package.descriptor["resources"]:
        names.add(resource["path"])
        if isinstance(resource.get("schema"), str):
            names.add(resource["schema"])
    names |= {p.relative_to(repo).as_posix() for p in (repo / "releases").rglob("*") if p.is_file()}
    return sorted(names)


def build_zip(repo: Path, dist: Path) -> Path:
    package = read_package(repo)
    target = writing.target(dist, f"{stem(package)}.zip")
    names = package_files(repo) + [n for n in ZIP_EXTRAS if (repo / n).is_file()]
    with writing.replaced(target) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            source = writing.target(repo, name)  # a committed symbolic link never brings outside files in
            archive.write(source, name)
    return target


def _check_members(archive: zipfile.ZipFile, prefix: str, expected: list[str]) -> None:
    present = set(archive.namelist())
    missing = [name for name in expected if prefix + name not in present]
    if missing:
        raise ArtefactError(f"{archive.filename} lacks " + ", ".join(prefix + m for m in missing))
    descriptor = json.loads(archive.read(prefix + "datapackage.json"))
    for resource in descriptor["resources"]:
        size, digest = checksum(archive.read(prefix + resource["path"]))
        if resource.get("hash") != digest or resource.get("bytes") != size:
            raise ArtefactError(f"{archive.filename}: {prefix}{resource['path']} does not match its declared checksum")


def check_wheel(wheel: Path, repo: Path) -> None:
    """The wheel holds the whole package under zhanaozen/_package, the validators inside zhanaozen, and
    no top-level ``validators`` that would shadow the PyPI package frictionless needs."""
    with zipfile.ZipFile(wheel) as archive:
        _check_members(archive, WHEEL_PACKAGE, package_files(repo))
        names = archive.namelist()
        if "zhanaozen/validators/run.py" not in names or any(n.startswith("validators/") for n in names):
            raise ArtefactError(f"{wheel.name}: the validators must ship as zhanaozen.validators only")


def check_zip(target: Path, repo: Path) -> None:
    with zipfile.ZipFile(target) as archive:
        _check_members(archive, "", package_files(repo))


def _zip_folder(files: list[Path], target: Path, readme: Path) -> Path:
    """The per-table files of one format and their README in one zip, as researchers download them."""
    target = writing.target(target.parent, target.name)
    with writing.replaced(target) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files + [readme]:
            archive.write(path, path.name)
    return target


def build_exports(repo: Path, dist: Path) -> list[Path]:
    """Every export format of the checkout's package (``docs/releases.md`` lists the names): the SQLite
    database, the workbook and the CSV package as they are; Parquet and Stata, one file per table, zipped."""
    import tempfile

    from ..loading.tables import load_from
    from ..reports.export import export
    package = read_package(repo)
    frames = {name: load_from(package, name) for name in package.tables}
    out = [path for fmt in ("sqlite", "xlsx", "csv") for path in export(package, frames, fmt, dist)]
    with tempfile.TemporaryDirectory(prefix="zhanaozen-exports-") as tmp:
        for fmt, label in (("parquet", "parquet"), ("dta", "stata")):
            folder = Path(tmp) / fmt
            *files, readme = export(package, frames, fmt, folder)
            out.append(_zip_folder(files, dist / f"{stem(package)}-{label}.zip", readme))
    return out


def write_checksums(dist: Path, artefacts: list[Path]) -> Path:
    """``SHA256SUMS`` in the format ``sha256sum --check`` reads."""
    lines = [f"{measure(path)[1].split(':', 1)[1]}  {path.name}" for path in artefacts]
    return writing.write_text(dist, "SHA256SUMS", "\n".join(lines) + "\n")


def build(repo: Path, dist: Path) -> list[Path]:
    """Build, check and checksum every artefact of the descriptor's version; returns them."""
    dist = writing.folder(dist)
    version = writing.safe_name(read_package(repo).version, "version")
    for name in (f"zhanaozen-{version}.tar.gz", f"zhanaozen-{version}-py3-none-any.whl"):
        writing.target(dist, name)  # python -m build writes these: no symbolic link may stand in their place
    sdist, wheel = build_python(repo, dist, version)
    check_wheel(wheel, repo)
    data_zip = build_zip(repo, dist)
    check_zip(data_zip, repo)
    artefacts = [sdist, wheel, data_zip] + build_exports(repo, dist)
    return artefacts + [write_checksums(dist, artefacts)]
