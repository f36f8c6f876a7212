"""Load the shipped tables as typed pandas DataFrames."""
from __future__ import annotations

import pandas as pd

from ..package.paths import package_root
from ..package.descriptor import Package, Table, read_package
from .frames import typed_frame
from ..package.integrity import IntegrityError, mismatch

_PACKAGE: Package | None = None


def shipped_package() -> Package:
    global _PACKAGE
    if _PACKAGE is None:
        _PACKAGE = read_package(package_root())
    return _PACKAGE


def load(name: str) -> pd.DataFrame:
    package = shipped_package()
    if name not in package.tables:
        known = ", ".join(package.tables)
        raise ValueError(f"unknown table {name!r}; the tables are: {known}")
    table = package.tables[name]
    data = table.path.read_bytes()  # read once: the bytes checked are the bytes parsed
    _verify(package, table, data)
    return typed_frame(table, data)


def load_all() -> dict[str, pd.DataFrame]:
    return {name: load(name) for name in shipped_package().tables}


def _verify(package: Package, table: Table, data: bytes) -> None:
    """Refuse a file that differs from the checksum the descriptor declares (a tampered or broken install)."""
    problem = mismatch(data, table.declared_bytes, table.declared_hash)
    if problem:
        raise IntegrityError(
            f"{table.relpath} in {package.root} does not match datapackage.json: it {problem}. The file was changed "
            "after the release; reinstall zhanaozen (pip install --force-reinstall zhanaozen) to get the released data."
        )
