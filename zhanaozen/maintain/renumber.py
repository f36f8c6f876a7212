"""Give fresh IDs to the later of two rows that took the same new ID, and rewrite every reference to it.

Two pull requests branched from the same main both take ``next-id``'s answer; the data CSVs merge by
rows (``merge=union`` in ``.gitattributes``), so after both merge a table holds two rows with one ID.
The validator names the clash (rule ``keys``); this module resolves it:

- the *later* row is the one the second contribution brought. In a merge (``MERGE_HEAD`` during one,
  or a merge commit at ``HEAD``) it is known exactly: the rows of the second parent that the first
  lacks. Without git it is the row further down the file, as a union merge puts it;
- it gets the next free ID (``next-id``'s rule: beyond every number used or retired);
- references to the old ID in rows of the same contribution (foreign keys, ``citations.record_id``
  of rows naming that table) are rewritten. Without git, a clashing ID that other rows refer to is
  refused: which record they meant cannot be known;
- a released ID (``releases/*/ids.csv``) is never renumbered: two rows with a released ID are two
  edits of one record, which a person merges by hand.

Nothing else changes: every other row keeps its bytes. Standard library only.
"""
from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..package.descriptor import Package, Table
from .fmt import canonical
from .ids import NoNumberedId, id_form, used_numbers


class RenumberError(ValueError):
    """A clash that cannot be resolved without a person's judgement."""


@dataclass
class Rows:
    """A table's records with the lines each spans, so that unchanged records keep their bytes."""

    table: Table
    lines: list[str]
    header: list[str]
    records: list[list[str]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # [first, last) line indexes of each record
    changed: set[int] = field(default_factory=set)

    def line(self, index: int) -> int:
        """The 1-based file line where record ``index`` starts."""
        return self.spans[index][0] + 1

    def text(self) -> str:
        out = []
        done = 0
        for index in sorted(self.changed):
            first, last = self.spans[index]
            out += self.lines[done:first]
            buffer = io.StringIO(newline="")
            csv.writer(buffer, lineterminator="\n").writerow(self.records[index])
            out.append(buffer.getvalue())
            done = last
        return "".join(out + self.lines[done:])


def read_rows(table: Table, text: str | None = None) -> Rows:
    text = table.path.read_text(encoding="utf-8") if text is None else text
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    reader = csv.reader(iter(lines), strict=True)
    rows = Rows(table, lines, next(reader, []))
    start = reader.line_num
    for record in reader:
        if record:
            rows.records.append(record)
            rows.spans.append((start, reader.line_num))
        start = reader.line_num
    return rows


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, errors="replace")


def _sides(root: Path) -> tuple[str, str] | None:
    """(first parent, second parent) of the merge in progress or just committed, or None."""
    if _git(root, "rev-parse", "-q", "--verify", "MERGE_HEAD").returncode == 0:
        return "HEAD", "MERGE_HEAD"
    if _git(root, "rev-parse", "-q", "--verify", "HEAD^2").returncode == 0:
        return "HEAD^1", "HEAD^2"
    return None


def later_records(package: Package) -> dict[str, set[tuple[str, ...]]] | None:
    """Per table, the records only the second side of the merge has; None outside a merge."""
    sides = _sides(package.root)
    if sides is None:
        return None
    found = {}
    for name, table in package.tables.items():
        versions = []
        for side in sides:
            shown = _git(package.root, "show", f"{side}:./{table.relpath}")
            text = shown.stdout if shown.returncode == 0 else ""
            versions.append({tuple(r) for r in read_rows(table, text).records} if text else set())
        found[name] = versions[1] - versions[0]
    return found


def released_ids(package: Package) -> set[tuple[str, str]]:
    """(table, id) of every record of every release."""
    released = set()
    for manifest in (package.root / "releases").glob("*/ids.csv"):
        with manifest.open(encoding="utf-8", newline="") as handle:
            released |= {(row["table"], row["id"]) for row in csv.DictReader(handle)}
    return released


@dataclass
class Change:
    file: str
    line: int
    old: str
    new: str
    references: list[str]

    def __str__(self) -> str:
        refs = f"; references rewritten: {', '.join(self.references)}" if self.references else "; nothing refers to it"
        return f"{self.file}:{self.line}: {self.old} -> {self.new}{refs}"


def _references(package: Package, target: str) -> list[tuple[str, int]]:
    """(table, column index) of every column that holds IDs of ``target`` (foreign keys)."""
    found = []
    for name, table in package.tables.items():
        for fk in table.foreign_keys:
            if fk.resource == target and len(fk.fields) == 1:
                found.append((name, table.field_names.index(fk.fields[0])))
    return found


class Renumbering:
    def __init__(self, package: Package):
        self.package = package
        self.rows = {name: read_rows(table) for name, table in package.tables.items()}
        later = later_records(package)
        self.merged = later is not None
        # Which records the second contribution brought, fixed before any cell changes.
        self.later = {name: {i for i, record in enumerate(rows.records) if tuple(record) in later.get(name, set())}
                      for name, rows in self.rows.items()} if later is not None else None
        self.released = released_ids(package)
        self.changes: list[Change] = []
        self.refused: list[str] = []

    def _column(self, name: str, column: str) -> int:
        return self.rows[name].header.index(column)

    def _is_later(self, name: str, index: int) -> bool:
        return self.later is not None and index in self.later[name]

    def clashes(self, name: str) -> list[tuple[str, list[int]]]:
        table = self.package.tables[name]
        if len(table.primary_key) != 1:
            return []
        key = self._column(name, table.primary_key[0])
        seen: dict[str, list[int]] = {}
        for index, record in enumerate(self.rows[name].records):
            seen.setdefault(record[key], []).append(index)
        return [(value, indexes) for value, indexes in seen.items() if len(indexes) > 1]

    def _pick_later(self, name: str, indexes: list[int]) -> list[int]:
        later = [i for i in indexes if self._is_later(name, i)]
        if self.later is not None and 0 < len(later) < len(indexes):
            return later
        return indexes[1:]  # as a union merge lays them out: the second contribution's rows come after

    def _referring(self, name: str, old: str) -> list[tuple[str, int, int]]:
        """(table, record, column) of every cell that refers to ``old`` of table ``name``."""
        found = [(ref, i, column) for ref, column in _references(self.package, name)
                 for i, record in enumerate(self.rows[ref].records) if record[column] == old]
        if "citations" in self.rows:
            citations = self.rows["citations"]
            table_col, record_col = self._column("citations", "table"), self._column("citations", "record_id")
            found += [("citations", i, record_col) for i, record in enumerate(citations.records)
                      if record[table_col] == name and record[record_col] == old]
        return found

    def resolve(self, name: str, old: str, indexes: list[int], numbers: set[int]) -> None:
        table = self.package.tables[name]
        where = ", ".join(f"{table.relpath}:{self.rows[name].line(i)}" for i in indexes)
        if (name, old) in self.released:
            self.refused.append(f"{old} is a released ID held by {len(indexes)} rows ({where}): two edits of "
                                "one record; keep one row by hand, combining what both contributions say")
            return
        try:
            prefix, digits = id_form(table)
        except NoNumberedId:
            self.refused.append(f"{old} is held by {len(indexes)} rows ({where}) and is not numbered; "
                                "rename one by hand (and what refers to it)")
            return
        referring = self._referring(name, old)
        if self.later is None and referring:
            self.refused.append(f"{old} is held by {len(indexes)} rows ({where}) and other rows refer to it; "
                                "outside a git merge which record they mean is unknown: run `zhanaozen renumber` "
                                "in the merge (before or right after committing it), or fix by hand")
            return
        key = self._column(name, table.primary_key[0])
        for index in self._pick_later(name, indexes):
            number = max(numbers, default=0) + 1
            numbers.add(number)
            new = f"{prefix}{number:0{digits}d}"
            self.rows[name].records[index][key] = new
            self.rows[name].changed.add(index)
            rewritten = []
            for ref, i, column in referring:
                if (ref, i) != (name, index) and self._is_later(ref, i):
                    self.rows[ref].records[i][column] = new
                    self.rows[ref].changed.add(i)
                    rewritten.append(f"{self.package.tables[ref].relpath}:{self.rows[ref].line(i)}")
            self.changes.append(Change(table.relpath, self.rows[name].line(index), old, new, rewritten))

    def run(self) -> None:
        numbers_by_prefix: dict[str, set[int]] = {}
        for name in self.package.tables:
            for old, indexes in self.clashes(name):
                try:
                    prefix = id_form(self.package.tables[name])[0]
                except NoNumberedId:
                    prefix = ""
                numbers = numbers_by_prefix.setdefault(prefix, used_numbers(self.package, prefix) if prefix else set())
                self.resolve(name, old, indexes, numbers)

    def write(self) -> list[str]:
        """Write the changed files; return those no longer in canonical row order."""
        unsorted = []
        for name, rows in self.rows.items():
            if rows.changed:
                content = rows.text()
                rows.table.path.write_text(content, encoding="utf-8", newline="")
                try:
                    if canonical(rows.table, content.encode("utf-8")) != content.encode("utf-8"):
                        unsorted.append(rows.table.relpath)
                except ValueError:
                    pass
        return unsorted


def renumber(package: Package, write: bool = True) -> tuple[list[Change], list[str], list[str]]:
    """(renumberings, refusals, files to run ``zhanaozen fmt`` on)."""
    job = Renumbering(package)
    job.run()
    unsorted = job.write() if write and job.changes else []
    return job.changes, job.refused, unsorted
