"""Where a cited ID lives now: follow ``retired_ids.replaced_by`` to the current record (standard library only)."""
from __future__ import annotations

import csv
import re

from ._paths import package_root
from .descriptor import Package, Table, read_package


def _rows(table: Table) -> list[dict[str, str]]:
    with table.path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def table_of(package: Package, record_id: str) -> Table | None:
    """The table whose primary-key pattern the ID fits (PER-… → persons), or None."""
    for table in package.tables.values():
        if len(table.primary_key) == 1:
            pattern = table.field(table.primary_key[0]).pattern
            if pattern and re.fullmatch(pattern, record_id):
                return table
    return None


def resolve(record_id: str, package: Package | None = None) -> str:
    """The current ID of the record a citation names: the ID itself, or what replaced it when it was retired.

    Raises ``LookupError`` when no record ever had the ID, or when it was retired with nothing replacing it.
    """
    package = package or read_package(package_root())
    bookkeeping = package.tables.get("retired_ids")  # absent from packages older than 0.1.0
    retired = {row["id"]: row for row in _rows(bookkeeping)} if bookkeeping else {}
    seen = []
    while record_id in retired and record_id not in seen:
        seen.append(record_id)
        row = retired[record_id]
        if not row["replaced_by"]:
            raise LookupError(f"{record_id} was retired in version {row['retired_in']} and nothing replaces it: "
                              f"{row['reason']}")
        record_id = row["replaced_by"]
    table = table_of(package, record_id)
    if table is None or record_id not in {row[table.primary_key[0]] for row in _rows(table)}:
        trail = f" (reached from {' -> '.join(seen)})" if seen else ""
        raise LookupError(f"no record has the ID {record_id!r} in version {package.version}{trail}")
    return record_id
