"""Stable IDs: the next free one for a table, never one that was ever used.

An ID counts as used when it appears anywhere in the package's CSVs (its own table, a reference from
another table, a citation's record_id) or in ``data/retired_ids.csv``, where IDs that left the data are
kept. With ``history``, IDs in any earlier version of the data on the current git branch count too, for rows deleted
without being retired. The next ID is one more than the largest used number, never a gap: a gap may be
a retired or withdrawn record whose ID a reader still cites.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .descriptor import Package, Table

# An ID pattern in a schema, such as ^PER-[0-9]{4,}$: its prefix and its least number of digits.
_ID_PATTERN = re.compile(r"^\^([A-Z]+-)\[0-9\]\{(\d+),\}\$$")
RETIRED = "data/retired_ids.csv"


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
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in _files(package)]
    if history:
        texts.append(_history(package))
    return {int(n) for text in texts for n in found.findall(text)}


def next_id(package: Package, name: str, history: bool = False) -> str:
    if name not in package.tables:
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(package.tables)}")
    prefix, digits = id_form(package.tables[name])
    return f"{prefix}{max(used_numbers(package, prefix, history), default=0) + 1:0{digits}d}"
