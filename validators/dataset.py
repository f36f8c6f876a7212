"""The package's tables as the rules see them: text cells, typed columns, record IDs and lines."""
from __future__ import annotations

from concurrent.futures import Future
from functools import cached_property

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from zhanaozen.descriptor import Package, Table
from zhanaozen.frames import typed_frame

from .findings import Finding
from .reading import read_table, record_lines


class Dataset:
    def __init__(self, package: Package):
        self.package = package
        self.text: dict[str, pd.DataFrame] = {}
        self.typed: dict[str, pd.DataFrame] = {}
        self.conversion_failures: dict[str, dict[str, pd.Series]] = {}
        self.read_findings: list[Finding] = []
        self._lines: dict[str, list[int]] = {}
        # Work started early on another thread, by rule name (see validators/run.py).
        self.prepared: dict[str, Future] = {}
        for name, table in package.tables.items():
            frame, findings = read_table(table)
            self.read_findings += findings
            if frame is not None:
                self.text[name] = frame
                self.typed[name], self.conversion_failures[name] = typed_frame(table, frame)

    def table(self, name: str) -> Table:
        return self.package.tables[name]

    def readable(self, *names: str) -> bool:
        return all(name in self.typed for name in names)

    def frame(self, name: str) -> pd.DataFrame:
        return self.typed[name]

    def record_ids(self, name: str) -> pd.Series:
        """Each row's primary key as cited in citations.record_id (composite keys joined by '/')."""
        key = list(self.table(name).primary_key)
        text = self.text[name][key].fillna("")
        joined = text[key[0]]
        for column in key[1:]:
            joined = joined + "/" + text[column]
        return joined

    @cached_property
    def roots(self) -> pd.Series:
        """For each trial, the first-instance proceeding it descends from through appeal_of."""
        parent = self.typed["trials"].set_index("trial_id")["appeal_of"]
        root = pd.Series(parent.index, index=parent.index, dtype="string")
        for _ in range(len(parent)):
            up = parent.reindex(root).to_numpy()
            step = pd.Series(up, index=root.index, dtype="string")
            if step.isna().all():
                break
            root = step.fillna(root)
        return root

    def line(self, name: str, index: int) -> int:
        if name not in self._lines:
            self._lines[name] = record_lines(self.table(name))
        lines = self._lines[name]
        return lines[index] if 0 <= index < len(lines) else index + 2

    def findings(self, rule: str, name: str, rows: pd.Series | pd.Index, column: str | None,
                 message: str | pd.Series, values: pd.Series | None = None) -> list[Finding]:
        """One finding per selected row: ``rows`` is a boolean mask or an index of the table's frame."""
        frame = self.typed[name]
        if isinstance(rows, pd.Series):
            index = frame.index[rows.reindex(frame.index).fillna(False).to_numpy(dtype=bool)]
        else:
            index = pd.Index(rows)
        if values is None and column in frame.columns:
            values = self.text[name][column] if column in self.text[name].columns else frame[column]
        if not len(index):
            return []
        # Whole-column lookups, then one Finding per row: .loc per row cost most of the time at thousands.
        texts = [message] * len(index) if isinstance(message, str) else [str(m) for m in message.loc[index].tolist()]
        shown = [None] * len(index) if values is None else [
            None if pd.isna(v) else str(v) for v in values.loc[index].tolist()]
        relpath = self.table(name).relpath
        out = []
        for i, text, value in zip(index, texts, shown):
            out.append(Finding(rule, relpath, text, line=self.line(name, int(i)), column=column, value=value,
                               table=name))
        return out


def lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """``keys.map(mapping)`` that keeps the mapping's dtype, also when either side is empty.

    A repeated key takes its first value. Text keys are matched by pyarrow in one call.
    """
    if isinstance(keys.dtype, pd.StringDtype) and isinstance(mapping.index.dtype, pd.StringDtype):
        positions = first_positions(keys, mapping.index)
        return pd.Series(mapping.array.take(positions, allow_fill=True), index=keys.index)
    mapping = mapping[~mapping.index.duplicated()]
    return pd.Series(mapping.reindex(keys.to_numpy()).array, index=keys.index)


def as_arrow(values) -> pa.Array | pa.ChunkedArray:
    """The Arrow data of a text column or index (no copy when pandas already holds it as Arrow)."""
    if isinstance(values, (pd.Series, pd.Index)):
        return pa.array(values.array)
    return pa.array(list(values), type=pa.string(), from_pandas=True)


def member(values: pd.Series, allowed) -> pd.Series:
    """``values.isin(allowed)`` for text columns, computed by pyarrow in one call.

    pandas' own ``isin`` on Arrow-backed text converts the allowed values one at a time in Python,
    which dominates the rules' run time at a million rows.
    """
    arrow, known = as_arrow(values), as_arrow(allowed)
    if isinstance(known, pa.ChunkedArray):
        known = known.combine_chunks()
    found = pc.is_in(arrow, value_set=known.cast(arrow.type), skip_nulls=False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def first_positions(values: pd.Series, known: pd.Series | pd.Index):
    """For each text value, the position of its first occurrence in ``known`` (-1: absent; <NA> matches <NA>)."""
    arrow, known = as_arrow(values), as_arrow(known)
    known = known.combine_chunks() if isinstance(known, pa.ChunkedArray) else known
    where = pc.index_in(arrow, value_set=known.cast(arrow.type), skip_nulls=False)
    return pc.fill_null(where, -1).to_numpy(zero_copy_only=False)
