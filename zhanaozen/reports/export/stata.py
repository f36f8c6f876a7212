"""Stata 14+ files (.dta version 118): labels, value labels, and notes holding what a label cannot.

Stata labels hold 80 characters, so a variable label is the description cut after a whole word and the full
description is the variable's note (``notes sentence_id``); the dataset's notes give the version, licence and
citation (``notes _dta``). pandas writes no notes, so :class:`_NotedWriter` fills the file's characteristics
section, where Stata keeps them (``_dta[note0]`` is the count, ``_dta[note1]`` the first note).
"""
from __future__ import annotations

import re
import struct
from pathlib import Path

import pandas as pd
from pandas.io.stata import StataWriterUTF8

from ...package.descriptor import Package
from .columns import Column, columns, cut
from .metadata import facts

LABEL = 80  # Stata's limit for variable and dataset labels, in characters
STR = 2045  # longer text needs Stata's strL type
STATA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
NAME_BYTES = 129  # a variable or characteristic name in format 118, with its terminating zero


class _NotedWriter(StataWriterUTF8):
    """pandas' writer plus notes: ``notes`` maps a variable name (or ``_dta``) to its notes, in order."""

    def __init__(self, *args, notes: dict[str, list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self._notes = notes

    def _characteristic(self, owner: str, name: str, contents: str) -> bytes:
        body = (owner.encode().ljust(NAME_BYTES, b"\0") + name.encode().ljust(NAME_BYTES, b"\0")
                + contents.encode("utf-8") + b"\0")
        return b"<ch>" + struct.pack(self._byteorder + "I", len(body)) + body + b"</ch>"

    def _write_characteristics(self) -> None:
        self._update_map("characteristics")
        entries = []
        for owner, notes in self._notes.items():
            entries.append(self._characteristic(owner, "note0", str(len(notes))))
            entries += [self._characteristic(owner, f"note{i}", note) for i, note in enumerate(notes, 1)]
        self._write_bytes(self._tag(b"".join(entries), "characteristics"))


def _data(frame: pd.DataFrame, cols: list[Column]) -> tuple[pd.DataFrame, list[str], dict[str, dict[int, str]]]:
    """Stata's shapes: a vocabulary as codes 1, 2, ... with value labels in schema order (given explicitly:
    pandas cannot label an empty category); empty text for missing text (Stata has no missing text); strL for
    text longer than STR; booleans as 0/1."""
    out = frame.copy()
    long, labels = [], {}
    for column in cols:
        series = frame[column.name]
        if column.kind == "category":
            out[column.name] = (pd.Series(series.cat.codes, index=frame.index) + 1).astype("Int16").mask(series.isna())
            labels[column.name] = {i: value for i, value in enumerate(column.values, 1)}
        elif column.kind == "text":
            out[column.name] = series.astype(object).where(series.notna(), "")
            if any(len(text) > STR for text in out[column.name]):
                long.append(column.name)
        elif column.kind == "boolean":
            out[column.name] = series.astype("Int8")
    return out, long, labels


def notes(package: Package, name: str, cols: list[Column]) -> dict[str, list[str]]:
    f = facts(package)
    table = package.tables[name]
    dataset = [f"{f['title']}, version {f['version']}: table {name} ({table.title}). {table.description}",
               f"Licence: {f['licence']} {f['licence_url']}".rstrip(),
               "How to cite: " + " ".join(f["citation"].split())]
    out = {"_dta": dataset}
    for column in cols:
        mine = [column.description]
        if column.vocabulary:
            mine.append("Values: " + "; ".join(f"{i} {v}" + (f" = {m}" if m else "")
                                                for i, (v, m) in enumerate(column.vocabulary, 1)))
        out[column.name] = mine
    return out


def write(package: Package, name: str, frame: pd.DataFrame, path: Path) -> None:
    table = package.tables[name]
    cols = columns(table)
    for column in cols:  # pandas would rename it silently, and its label and notes would be lost
        if not STATA_NAME.fullmatch(column.name):
            raise ValueError(f"{name}.{column.name} cannot be a Stata variable name (letters, digits and '_', "
                             "at most 32, not starting with a digit)")
    data, long, labels = _data(frame, cols)
    f = facts(package)
    writer = _NotedWriter(
        path, data, write_index=False, version=118, convert_strl=long, value_labels=labels,
        convert_dates={c.name: "td" for c in cols if c.kind == "date"},
        data_label=cut(f"{f['title']} {f['version']}: {table.title}", LABEL),
        variable_labels={c.name: cut(c.description, LABEL) for c in cols},
        notes=notes(package, name, cols),
    )
    writer.write_file()
