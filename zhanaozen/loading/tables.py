"""Load the tables of a data package (the shipped one by default) as typed DataFrames."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..package import safe_files
from ..package.paths import package_root
from ..package.descriptor import Package, Table, read_package
from .frames import typed_frame
from .engines import ENGINES, convert
from .field_notes import attach
from ..package.integrity import IntegrityError, installed, mismatch

MAX_BYTES = safe_files.MAX_DATA_BYTES  # the validator's limit for a data file; larger ones are refused unread

_PACKAGES: dict[Path, Package] = {}


def shipped_package() -> Package:
    return package_at(None)


def package_at(path: str | Path | None) -> Package:
    """The package at ``path`` (a directory or its ``datapackage.json``); the shipped one for None.

    Only the shipped package is cached: a copy at a path may be edited between two loads.
    """
    if path is not None:
        return read_package(path)
    root = package_root().resolve()
    if root not in _PACKAGES:
        _PACKAGES[root] = read_package(root)
    return _PACKAGES[root]


def load(name: str, path: str | Path | None = None, engine: str = "pandas"):
    """``zhanaozen.load``: the installed data is checked against its checksums, a copy at ``path`` is not."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    package = package_at(path)
    return convert(_typed(package, name, verify=path is None), engine)


def load_all(path: str | Path | None = None, engine: str = "pandas") -> dict:
    return {name: load(name, path, engine) for name in package_at(path).tables}


def load_from(package: Package, name: str) -> pd.DataFrame:
    """One table of any package (``zhanaozen export PATH``), checked against its declared checksums."""
    return _typed(package, name, verify=True)


def _typed(package: Package, name: str, verify: bool) -> pd.DataFrame:
    if name not in package.tables:
        known = ", ".join(package.tables)
        raise ValueError(f"unknown table {name!r}; the tables are: {known}")
    table = package.tables[name]
    try:  # the guarded reader: a regular file inside the package, at most MAX_BYTES; read once, so
        data = safe_files.read_bytes(package.root, table.path, table.relpath, MAX_BYTES)  # checked = parsed
    except safe_files.UnsafeFile as exc:
        raise ValueError(str(exc)) from None
    if verify:
        _verify(package, table, data)
    return attach(typed_frame(table, data), package, table)


def _verify(package: Package, table: Table, data: bytes) -> None:
    """Refuse a file that differs from the checksum the descriptor declares (a tampered or broken install).

    An installed package always declares them (its build stamps them); one that lost them is refused
    too. A source checkout keeps none: there the data is the working tree's."""
    if table.declared_hash is None and installed(package.root):
        raise IntegrityError(
            f"{table.relpath} in {package.root} has no checksum in datapackage.json, which every installed "
            "package declares: the descriptor was changed after the build; reinstall zhanaozen "
            "(pip install --force-reinstall zhanaozen) to get the released data."
        )
    problem = mismatch(data, table.declared_bytes, table.declared_hash)
    if problem:
        raise IntegrityError(
            f"{table.relpath} in {package.root} does not match datapackage.json: it {problem}. The file was changed "
            "after the release; reinstall zhanaozen (pip install --force-reinstall zhanaozen) to get the released data."
        )
