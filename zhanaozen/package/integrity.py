"""Checksums of the data files: what a distributed ``datapackage.json`` declares, and whether the files match.

Checksums belong to what is distributed, not to the working tree (docs/releases.md): the repository's
descriptor carries none, so that a pull request adding rows never touches it; building the wheel
(``hatch_build.py``) and the release zip stamp ``bytes`` and ``hash`` (``sha256:<hex>``, which
frictionless 5 reads too) into the descriptor they ship, and each release records them in
``releases/<version>/SHA256SUMS``. Standard library only, so that ``load`` can verify before reading
and the build hook can load this file on its own.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

ALGORITHM = "sha256"


class IntegrityError(ValueError):
    """A data file differs from the size or checksum its descriptor declares."""


def checksum(data: bytes) -> tuple[int, str]:
    """Size and checksum of some bytes, in the descriptor's notation."""
    return len(data), f"{ALGORITHM}:{hashlib.sha256(data).hexdigest()}"


def measure(path: Path) -> tuple[int, str]:
    """The file's size and checksum, in the descriptor's notation."""
    return checksum(Path(path).read_bytes())


def mismatch(data: bytes, declared_bytes: int | None, declared_hash: str | None) -> str | None:
    """Why a file's content does not match what is declared, or None (also when nothing is declared).

    It takes the bytes, not the path, so that a reader can check and parse the very same bytes."""
    if declared_bytes is None and declared_hash is None:
        return None
    size, digest = checksum(data)
    if declared_bytes is not None and size != declared_bytes:
        return f"has {size} bytes, the descriptor declares {declared_bytes}"
    if declared_hash is not None:
        algorithm, _, expected = declared_hash.rpartition(":")
        if (algorithm or "md5") != ALGORITHM:
            return f"declares a {algorithm or 'md5'} hash; only {ALGORITHM} is supported"
        if digest != f"{ALGORITHM}:{expected}":
            return f"its {ALGORITHM} checksum is {digest.split(':')[1]}, the descriptor declares {expected}"
    return None


def stamp(descriptor: dict, root: Path) -> dict:
    """The descriptor with ``bytes`` and ``hash`` of every resource measured from its file now (for a build)."""
    for resource in descriptor["resources"]:
        resource["bytes"], resource["hash"] = measure(Path(root) / resource["path"])
    return descriptor


def strip(descriptor: dict) -> dict:
    """The descriptor without checksums: the form the repository keeps."""
    for resource in descriptor["resources"]:
        resource.pop("bytes", None)
        resource.pop("hash", None)
    return descriptor


def sums(descriptor: dict, root: Path) -> str:
    """``<hex>  <path>`` lines for every resource, the format ``sha256sum --check`` reads from the package root."""
    lines = [f"{measure(Path(root) / r['path'])[1].split(':', 1)[1]}  {r['path']}" for r in descriptor["resources"]]
    return "\n".join(lines) + "\n"


def installed(root: Path) -> bool:
    """Whether ``root`` is the data package inside an installed ``zhanaozen`` (``zhanaozen/_package``)."""
    root = Path(root).resolve()
    return root.name == "_package" and root.parent.name == "zhanaozen" and (root.parent / "__init__.py").is_file()


def checkout(root: Path) -> bool:
    """Whether ``root`` is a working tree (a source checkout): there, checksums are not kept."""
    return any((Path(root) / marker).exists() for marker in (".git", "pyproject.toml"))


def must_declare(root: Path, descriptor: dict) -> str | None:
    """Why this package must declare a checksum for every resource, or None (a working tree, a draft).

    A distributed package always carries them: an installed one, a release's copy (it holds the
    SHA256SUMS of its own version and is no checkout), or one where some resources still declare
    theirs. Losing them is reported, never trusted silently."""
    if installed(root):
        return "it is an installed package, whose build stamps a checksum on every data file"
    if any("hash" in r or "bytes" in r for r in descriptor.get("resources", []) if isinstance(r, dict)):
        return "other resources of this descriptor declare theirs, as a distributed package does"
    version = descriptor.get("version")
    if isinstance(version, str) and not checkout(root) and (Path(root) / "releases" / version / "SHA256SUMS").is_file():
        return f"it is a distributed copy of release {version}, whose build stamps a checksum on every data file"
    return None
