"""Load the shipped tables as typed pandas DataFrames."""
from __future__ import annotations

import pandas as pd

from ._paths import package_root
from .descriptor import Package, read_package
from .frames import read_text, typed_frame

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
    frame, _ = typed_frame(table, read_text(table))
    return frame


def load_all() -> dict[str, pd.DataFrame]:
    return {name: load(name) for name in shipped_package().tables}
