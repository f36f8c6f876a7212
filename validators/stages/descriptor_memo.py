"""The descriptor check's findings, remembered on disk by the bytes they depend on.

Frictionless stays the authority on the descriptor, but its check reads no data: its findings depend
only on datapackage.json, the schema files it names, frictionless' version and our check's code. So
each outcome is stored under the sha256 of all of them, and a validation whose descriptor and schemas
have not changed (every contributor's pull request that only adds rows) reuses it instead of paying
about 0.7 s for a child process. Set ZHANAOZEN_CACHE_DIR to choose the folder, or to an empty value
to turn the memo off. A cache that cannot be read or written is simply not used.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from importlib.util import find_spec
from pathlib import Path

from zhanaozen.package import safe_files
from zhanaozen.package.descriptor import Package

from ..findings import Finding


def _folder() -> Path | None:
    chosen = os.environ.get("ZHANAOZEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "zhanaozen", "descriptor-checks")


def _frictionless_version() -> bytes:
    """frictionless' settings module, which holds its VERSION, read without importing frictionless (and
    faster than importlib.metadata)."""
    return Path(find_spec("frictionless").origin).with_name("settings.py").read_bytes()


def key(package: Package) -> str | None:
    """The sha256 of everything the check's findings depend on; None where a part cannot be read."""
    digest = hashlib.sha256()
    try:
        digest.update(_frictionless_version())
        digest.update(Path(__file__).with_name("descriptor.py").read_bytes())
        digest.update(safe_files.read_bytes(package.root, package.root / "datapackage.json", "datapackage.json"))
        for resource in package.descriptor["resources"]:
            schema = resource.get("schema")
            if isinstance(schema, str):  # read through the guarded reader, as read_package did
                digest.update(b"\0" + schema.encode() + b"\0"
                              + safe_files.read_bytes(package.root, package.root / schema, schema))
    except (OSError, AttributeError, TypeError, safe_files.UnsafeFile):
        return None
    return digest.hexdigest()


def recall(digest: str | None) -> list[Finding] | None:
    folder = _folder()
    if digest is None or folder is None:
        return None
    try:
        return [Finding(**found) for found in json.loads((folder / f"{digest}.json").read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return None


def remember(digest: str | None, findings: list[Finding]) -> None:
    folder = _folder()
    if digest is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as handle:
            json.dump([dataclasses.asdict(found) for found in findings], handle)
        os.replace(handle.name, folder / f"{digest}.json")  # whole or absent, even with runs in parallel
    except OSError:
        return
