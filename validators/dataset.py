"""The package's tables as the rules see them: text cells, typed columns, record IDs and lines.

Columns are polars Series: the rules work on whole columns, which polars runs in native code on
both cores. A row's position in its frame is its position in the file.
"""
from __future__ import annotations

import threading
from functools import cached_property
from typing import Callable, Sequence

import polars as pl

from zhanaozen.package.descriptor import Package, Table

from .findings import Finding
from .stages.structure import read_table, record_lines
from .stages.field_types import typed_frame


# A column whose cells repeat each value this often on average (a source ID, a field name, a locator:
# a few hundred values in a million cells) is searched value by value: each distinct value once, then
# every cell looked up. Below DISTINCT_FROM rows, counting the values costs more than it saves.
REPEATED = 4
DISTINCT_FROM = 10_000


class Dataset:
    def __init__(self, package: Package):
        """No table is read yet: :meth:`read` reads and types each (validators/run.py decides when)."""
        self.package = package
        self.text: dict[str, pl.DataFrame] = {}
        self.typed: dict[str, pl.DataFrame] = {}
        self.conversion_failures: dict[str, dict[str, pl.Series]] = {}
        self.digests: dict[str, bytes | None] = {}  # of a small table's bytes (structure.Cells)
        self._lines: dict[str, list[int]] = {}
        self._record_ids: dict[str, pl.Series] = {}
        self._memo: dict[object, object] = {}
        self._memo_locks: dict[object, threading.Lock] = {}
        self._memo_lock = threading.Lock()

    def read(self, name: str, read_bytes: Callable[[Table], bytes] = Table.read_bytes) -> list[Finding]:
        """Read and type one table; the findings (structure stage) that prevent reading it, if any.
        ``read_bytes`` gives the file's bytes (by default the guarded reader reads them now)."""
        table = self.package.tables[name]
        try:
            cells, findings = read_table(table, read_bytes)
            if cells is not None:  # typed from Arrow by the engine the loader shares; the text kept for polars
                typed, failures = typed_frame(table, cells.arrow, cells.text)
        except Exception as exc:  # noqa: BLE001 - a hostile file is a finding at its place, never exit 3
            return [Finding("structure", table.relpath, "the file could not be read as its schema says "
                            f"({type(exc).__name__}: {str(exc)[:200]})", line=1, table=name)]
        if cells is not None:
            self.text[name] = cells.text
            self.typed[name], self.conversion_failures[name] = typed, failures
            self.digests[name] = cells.digest
        return findings

    def in_package_order(self) -> None:
        """Hold the tables read in the descriptor's order, whichever finished reading first: the rules
        iterate them, and their findings come out in that order."""
        for tables in (self.text, self.typed, self.conversion_failures):
            ordered = {name: tables[name] for name in self.package.tables if name in tables}
            tables.clear()
            tables.update(ordered)

    @classmethod
    def read_all(cls, package: Package) -> "Dataset":
        """Every table read and typed (for a caller that does not schedule the stages itself)."""
        ds = cls(package)
        for name in package.tables:
            ds.read(name)
        return ds

    def cached(self, key, compute):
        """``compute()`` once per ``key`` for this dataset: rules that need the same work (a cast, a screen of
        the text) share it, also when run.py runs them on two threads at once (the second waits)."""
        with self._memo_lock:
            lock = self._memo_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._memo:
                self._memo[key] = compute()
        return self._memo[key]

    def repeated(self, name: str) -> frozenset[str]:
        """The text columns of the table whose values repeat (REPEATED), counted once for every search. Only
        fields checked as text are counted (the text screen and the field patterns search no other): every
        column of the text frame is a string, a vocabulary's and a number's too."""
        def count() -> frozenset[str]:
            text = self.text[name]
            columns = [f.name for f in self.table(name).fields
                       if f.kind.polars == "String" and text.schema.get(f.name) == pl.String]
            if text.height < DISTINCT_FROM or not columns:
                return frozenset()
            distinct = text.select(pl.col(columns).approx_n_unique()).row(0)
            return frozenset(c for c, n in zip(columns, distinct) if n * REPEATED <= text.height)
        return self.cached(("repeated", name), count)

    def table(self, name: str) -> Table:
        return self.package.tables[name]

    def readable(self, *names: str) -> bool:
        return all(name in self.typed for name in names)

    def frame(self, name: str) -> pl.DataFrame:
        return self.typed[name]

    def record_ids(self, name: str) -> pl.Series:
        """Each row's primary key as cited in citations.record_id (composite keys joined by '/')."""
        if name not in self._record_ids:
            key = list(self.table(name).primary_key)
            text = self.text[name]
            # A one-column key is its own text (no copy); composite keys are joined.
            ids = text[key[0]].fill_null("") if len(key) == 1 else text.select(joined(*key)).to_series()
            self._record_ids[name] = ids.alias("record_id")
        return self._record_ids[name]

    @cached_property
    def _roots(self) -> dict[str, str]:
        """For each trial, the first-instance proceeding it descends from through appeal_of."""
        trials = self.typed["trials"]
        parent: dict[str, str | None] = {}
        for trial, up in zip(trials["trial_id"].to_list(), trials["appeal_of"].to_list()):
            parent.setdefault(trial, up)
        # Each trial is walked once: a walk stops at a trial whose root is known and hands it to every
        # trial it passed, so a chain of 40,000 appeals costs 40,000 steps, not 40,000² (and a cycle ends).
        roots: dict[str, str] = {}
        for trial in parent:
            path, seen, node = [], set(), trial
            while node not in roots and node not in seen and parent.get(node) is not None:
                path.append(node)
                seen.add(node)
                node = parent[node]
            root = roots.get(node, node)
            for passed in path:
                roots[passed] = root
            roots.setdefault(node, root)
        return roots

    def root(self, trial_ids: pl.Series) -> pl.Series:
        """The first-instance trial of each trial ID (the ID itself where it has no known parent)."""
        known = pl.Series(list(self._roots), dtype=pl.String)
        found = lookup(trial_ids.cast(pl.String), known, pl.Series(list(self._roots.values()), dtype=pl.String))
        return found.fill_null(trial_ids.cast(pl.String))

    def line(self, name: str, index: int) -> int:
        if name not in self._lines:
            self._lines[name] = record_lines(self.table(name), len(self.text[name]))
        lines = self._lines[name]
        return lines[index] if 0 <= index < len(lines) else index + 2

    def findings(self, rule: str, name: str, rows: pl.Series | Sequence[int], column: str | None,
                 message: str | pl.Series | Sequence[str], values: pl.Series | None = None,
                 severity: str = "error") -> list[Finding]:
        """One finding per selected row (of ``severity``: findings.SEVERITIES).

        ``rows`` is a boolean mask over the table (null counts as False) or a sequence of row positions;
        a ``message`` that varies is a column of the table with a mask, or aligned with the positions.
        """
        if isinstance(rows, pl.Series) and rows.dtype == pl.Boolean:
            positions = rows.fill_null(False).arg_true().to_list()
            if isinstance(message, pl.Series):
                message = message.gather(positions)
        else:
            positions = [int(i) for i in rows]
        if not positions:
            return []
        if values is None and column is not None:
            source = self.text[name] if column in self.text[name].columns else self.typed[name]
            values = source[column] if column in source.columns else None
        texts = [message] * len(positions) if isinstance(message, str) else [str(m) for m in message]
        shown = [None] * len(positions) if values is None else [
            None if v is None else str(v) for v in values.cast(pl.String).gather(positions).to_list()]
        relpath = self.table(name).relpath
        return [Finding(rule, relpath, text, line=self.line(name, i), column=column, value=value, table=name,
                        severity=severity)
                for i, text, value in zip(positions, texts, shown)]


def joined(*columns: str) -> pl.Expr:
    """The columns' text joined by '/', an empty cell counting as empty text (how record IDs are cited)."""
    return pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in columns], separator="/")


def matches(cells: pl.Expr, pattern: str, repeated: bool) -> pl.Expr:
    """Whether each cell contains a match of ``pattern`` (polars' regex engine; null where the cell is
    empty). Where the column's values repeat (:meth:`Dataset.repeated`), each distinct value is searched
    once and the cells are looked up: the same answer for far less work."""
    if not repeated:
        return cells.str.contains(pattern)
    # One evaluation of unique() (two would each have an order of their own).
    return cells.is_in(cells.unique().implode().list.filter(pl.element().str.contains(pattern).fill_null(False)))


def text_is(frame: pl.DataFrame, column: str, value: str) -> pl.Expr:
    """The column's text equals ``value`` (null where empty). A text or vocabulary column is compared
    as it is, with no cast of every cell to text first (a vocabulary compares by its labels)."""
    dtype = frame.schema.get(column)
    as_is = dtype == pl.String or isinstance(dtype, (pl.Enum, pl.Categorical))
    return (pl.col(column) if as_is else pl.col(column).cast(pl.String)) == value


def lookup(keys: pl.Series, known: pl.Series, values: pl.Series) -> pl.Series:
    """For each key, the value at its first occurrence in ``known`` (null where absent or the key is null)."""
    if keys.dtype != known.dtype:
        keys, known = keys.cast(pl.String), known.cast(pl.String)
    mapping = pl.DataFrame({"key": known, "value": values}).unique("key", keep="first", maintain_order=True)
    found = pl.DataFrame({"key": keys}).join(mapping, on="key", how="left", maintain_order="left")
    return found["value"]


def member(values: pl.Series, allowed: pl.Series | Sequence[str]) -> pl.Series:
    """True where a value is among ``allowed`` (a null value matches a null among them); never null.

    A semi-join: ``is_in`` hashes the allowed values again for each chunk, several times slower when
    they are many (the cited IDs). When the values are far fewer (a release's 1,400 IDs against a
    million record IDs), the allowed ones are first cut down to those among the values, which hashes
    only the few.
    """
    if not isinstance(allowed, pl.Series):
        allowed = pl.Series(list(allowed), dtype=pl.String)
    if values.dtype != allowed.dtype:
        values, allowed = values.cast(pl.String), allowed.cast(pl.String)
    if 8 * len(values) < len(allowed):
        allowed = allowed.filter(allowed.is_in(values.unique().implode(), nulls_equal=True))
    rows = pl.DataFrame({"value": values}).with_row_index("position")
    found = rows.join(pl.DataFrame({"value": allowed}), on="value", how="semi", nulls_equal=True)
    return at(len(values), found["position"])


def at(length: int, positions: pl.Series | Sequence[int], values: bool | Sequence[bool] = True) -> pl.Series:
    """A boolean mask of ``length`` rows, ``values`` at ``positions`` and False elsewhere."""
    return pl.zeros(length, dtype=pl.Boolean, eager=True).scatter(positions, values)
