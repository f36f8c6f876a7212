"""Checksums of the data files: what ``datapackage.json`` declares, and whether the files still match.

Frictionless v2 style: each resource carries ``bytes`` and ``hash`` as ``sha256:<hex>``; frictionless 5
reads the same two properties. Standard library only, so that ``load`` can verify before reading.
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


def refresh(descriptor: dict, root: Path) -> dict:
    """The descriptor with ``bytes`` and ``hash`` of every resource measured from its file now."""
    for resource in descriptor["resources"]:
        resource["bytes"], resource["hash"] = measure(Path(root) / resource["path"])
    return descriptor
