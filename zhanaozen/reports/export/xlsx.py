"""One Excel workbook: a README sheet (facts and a column dictionary in plain words) and a sheet per table with a
bold frozen header, filters, widths and real date cells; the document properties name the dataset and version.

No cell is ever a formula: text from the data or the schemas that starts like one (``=HYPERLINK(...)``) is
stored as a text cell with Excel's quote prefix, so it shows and stays as the text it is.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd

from ...package.descriptor import Package
from .columns import Column, columns
from .metadata import facts, vocabulary_text

MAX_WIDTH, MIN_WIDTH = 60, 8
MAX_CELL = 32767  # Excel's limit for the characters of a cell
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "yyyy-mm-dd"
PLAIN_TYPES = {"text": "text", "integer": "whole number", "number": "number", "boolean": "TRUE/FALSE",
               "date": "date", "category": "one of the listed values"}


def put(sheet, row: int, col: int, value):
    """Write one cell; text is always a text cell, never a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        if len(value) > MAX_CELL:
            raise ValueError(f"a cell of sheet {sheet.title} has {len(value)} characters; Excel holds {MAX_CELL}")
        cell = sheet.cell(row=row, column=col)
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # control characters XML cannot hold
        cell.data_type = "s"  # openpyxl would store a leading '=' as a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
        return cell
    return sheet.cell(row=row, column=col, value=value)


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):
        return value.item()
    return value


def _header(sheet, headers: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for i, name in enumerate(headers, 1):
        put(sheet, 1, i, name).font = bold
        sheet.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, widths[i - 1] + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"


def _table_sheet(book, name: str, frame: pd.DataFrame, cols: list[Column]) -> None:
    sheet = book.create_sheet(name)
    widths = [len(c.name) for c in cols]
    for j, column in enumerate(cols, 1):
        series = frame[column.name]
        values = series.astype(object).where(series.notna(), None)
        for i, value in enumerate(values, 2):
            value = _plain(value)
            if value is None:
                continue
            if column.kind == "date":
                value = value.date() if isinstance(value, datetime.datetime) else value
                put(sheet, i, j, value).number_format = DATE_FORMAT
                widths[j - 1] = max(widths[j - 1], 10)
            else:
                value = str(value) if column.kind in ("text", "category") else value
                put(sheet, i, j, value)
                widths[j - 1] = max(widths[j - 1], len(str(value)))
    _header(sheet, [c.name for c in cols], widths)


def _readme_sheet(book, package: Package, tables: list[str]) -> None:
    from openpyxl.styles import Font

    sheet = book.active
    sheet.title = "README"
    bold = Font(bold=True)
    row = 1
    for key, value in facts(package).items():
        put(sheet, row, 1, key).font = bold
        put(sheet, row, 2, value)
        row += 1
    put(sheet, row, 1, "sheets").font = bold
    put(sheet, row, 2, "One sheet per table; the rows below describe every column.")
    row += 2
    headers = ["table", "column", "type", "required", "description", "values"]
    for i, name in enumerate(headers, 1):
        put(sheet, row, i, name).font = bold
    for name in tables:
        for column in columns(package.tables[name]):
            row += 1
            kind = "partial date (text)" if column.schema_type.startswith("partial") else PLAIN_TYPES[column.kind]
            for i, value in enumerate([name, column.name, kind, "yes" if column.required else "no",
                                       column.description, vocabulary_text(column)], 1):
                put(sheet, row, i, value)
    for letter, width in zip("ABCDEF", (18, 24, 22, 10, MAX_WIDTH, MAX_WIDTH)):
        sheet.column_dimensions[letter].width = width


def write(package: Package, frames: dict[str, pd.DataFrame], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    f = facts(package)
    props = book.properties
    props.title = f"{f['title']} {f['version']}"
    props.version = f["version"]
    props.subject = f["description"][:255]
    props.description = " ".join(f["citation"].split())
    props.keywords = ", ".join(str(k) for k in package.descriptor.get("keywords", []))
    props.creator = ", ".join(str(c.get("title", "")) for c in package.descriptor.get("contributors", [])
                              if isinstance(c, dict)) or f["title"]
    props.identifier = f"{f['name']} {f['version']}"
    _readme_sheet(book, package, list(frames))
    for name, frame in frames.items():
        _table_sheet(book, name, frame, columns(package.tables[name]))
    book.save(path)
