"""Stable IDs: the next free one for a table, never one that was ever used, and where a cited ID lives now.

An ID counts as used when it appears anywhere in the package's CSVs (its own table, a reference from
another table, a citation's record_id) or in ``data/retired_ids.csv``, where IDs that left the data are
kept. With ``history``, IDs in any earlier version of the data on the current git branch count too, for rows deleted
without being retired. The next ID is one more than the largest used number, never a gap: a gap may be
a retired or withdrawn record whose ID a reader still cites.

``resolve`` follows ``retired_ids.replaced_by`` to the current record (standard library only).
"""
from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

from ..package import roles, safe_files
from ..package.paths import package_root
from ..package.descriptor import Package, Table, read_package

# An ID pattern in a schema, such as ^PER-[0-9]{4,}$: its prefix and its least number of digits.
_ID_PATTERN = re.compile(r"^\^([A-Z]+-)\[0-9\]\{(\d+),\}\$$")
RETIRED = "data/retired_ids.csv"
MAX_CHAIN = 1000  # retirements replaced by retirements; the validator refuses longer chains and cycles


class NoNumberedId(ValueError):
    pass


def id_form(table: Table) -> tuple[str, int]:
    """(prefix, digits) of the table's numbered primary key, e.g. ("PER-", 4)."""
    if len(table.primary_key) == 1:
        match = _ID_PATTERN.match(table.field(table.primary_key[0]).pattern or "")
        if match:
            return match.group(1), int(match.group(2))
    raise NoNumberedId(f"table {table.name!r} has no numbered ID (its key is {', '.join(table.primary_key)}); "
                       "choose the key as its schema describes")


def _files(package: Package) -> list[Path]:
    files = [table.path for table in package.tables.values()]
    retired = package.root / RETIRED
    return files + ([retired] if retired.is_file() else [])


def _history(package: Package) -> str:
    """Every line in the history of the package's data files on the current branch (not other branches' drafts)."""
    paths = [str(path.resolve().relative_to(package.root.resolve())) for path in _files(package)]
    try:
        result = subprocess.run(["git", "log", "-p", "--format=", "--", *paths], cwd=package.root,
                                capture_output=True, text=True, errors="replace", timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OSError(f"cannot read the git history ({exc})") from None
    if result.returncode != 0:
        raise OSError(f"cannot read the git history: {result.stderr.strip()}")
    return result.stdout


def used_numbers(package: Package, prefix: str, history: bool = False) -> set[int]:
    """Every number used with ``prefix`` in the package's tables, the retired IDs and optionally git."""
    found = re.compile(rf"(?<![A-Za-z0-9]){re.escape(prefix)}([0-9]+)(?![0-9])")
    texts = [safe_files.read_bytes(package.root, path, path.name).decode("utf-8", errors="replace")
             for path in _files(package)]
    if history:
        texts.append(_history(package))
    # An ID number of more than 18 digits is no numbered ID to continue (and int() refuses 4,300).
    return {int(n) for text in texts for n in found.findall(text) if len(n) <= 18}


def next_id(package: Package, name: str, history: bool = False) -> str:
    if name not in package.tables:
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(package.tables)}")
    prefix, digits = id_form(package.tables[name])
    return f"{prefix}{max(used_numbers(package, prefix, history), default=0) + 1:0{digits}d}"


def _rows(table: Table) -> list[dict[str, str]]:
    text = table.read_bytes().decode("utf-8", errors="replace")  # guarded reader
    return list(csv.DictReader(io.StringIO(text, newline="")))


def table_of(package: Package, record_id: str) -> Table | None:
    """The table whose primary-key pattern the ID fits (PER-… → persons), or None."""
    if len(record_id) > 200:  # no ID is this long; bounds the work of the schema's pattern (Python re)
        return None
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
    bookkeeping = roles.find(package.tables, "retired_ids")  # by role: absent from packages older than 0.1.0
    retired = {row.get("id"): row for row in _rows(bookkeeping)} if bookkeeping else {}
    seen: list[str] = []
    visited: set[str] = set()
    while record_id in retired:  # iterative, each ID once: a cycle or an endless chain is an error, not a hang
        if record_id in visited or len(seen) >= MAX_CHAIN:
            why = "form a cycle" if record_id in visited else f"form a chain longer than {MAX_CHAIN}"
            raise LookupError(f"the retirements from {seen[0]} {why} in data/retired_ids.csv; "
                              "zhanaozen validate reports it")
        seen.append(record_id)
        visited.add(record_id)
        row = retired[record_id]
        if not row.get("replaced_by"):
            raise LookupError(f"{record_id} was retired in version {row['retired_in']} and nothing replaces it: "
                              f"{row['reason']}")
        record_id = row["replaced_by"]
    table = table_of(package, record_id)
    if table is None or record_id not in {row[table.primary_key[0]] for row in _rows(table)}:
        trail = f" (reached from {' -> '.join(seen[:10])}{' ...' if len(seen) > 10 else ''})" if seen else ""
        raise LookupError(f"no record has the ID {record_id!r} in version {package.version}{trail}")
    return record_id
