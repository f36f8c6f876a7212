"""Load the shipped tables as typed pandas DataFrames."""
from __future__ import annotations

import io

import pandas as pd

from ..package import safe_files
from ..package.paths import package_root
from ..package.descriptor import Package, Table, read_package
from .frames import read_text, typed_frame
from ..package.integrity import IntegrityError, mismatch

_PACKAGE: Package | None = None
MAX_BYTES = safe_files.MAX_DATA_BYTES  # the validator's limit for a data file


def shipped_package() -> Package:
    global _PACKAGE
    if _PACKAGE is None:
        _PACKAGE = read_package(package_root())
    return _PACKAGE


def load(name: str) -> pd.DataFrame:
    return load_from(shipped_package(), name)


def load_all() -> dict[str, pd.DataFrame]:
    return {name: load(name) for name in shipped_package().tables}


def load_from(package: Package, name: str) -> pd.DataFrame:
    """One table of any package (``zhanaozen export PATH``), read as ``load`` reads the shipped one."""
    if name not in package.tables:
        known = ", ".join(package.tables)
        raise ValueError(f"unknown table {name!r}; the tables are: {known}")
    table = package.tables[name]
    try:  # the guarded reader: a regular file inside the package, at most MAX_BYTES; read once, so
        data = safe_files.read_bytes(package.root, table.path, table.relpath, MAX_BYTES)  # checked = parsed
    except safe_files.UnsafeFile as exc:
        raise ValueError(str(exc)) from None
    _verify(package, table, data)
    frame, _ = typed_frame(table, read_text(table, io.BytesIO(data)))
    return frame


def _verify(package: Package, table: Table, data: bytes) -> None:
    """Refuse a file that differs from the checksum the descriptor declares (a tampered or broken install)."""
    problem = mismatch(data, table.declared_bytes, table.declared_hash)
    if problem:
        raise IntegrityError(
            f"{table.relpath} in {package.root} does not match datapackage.json: it {problem}. The file was changed "
            "after the release; reinstall zhanaozen (pip install --force-reinstall zhanaozen) to get the released data."
        )
