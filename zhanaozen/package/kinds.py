"""What kind of value each field holds, and what each kind means everywhere it is used.

One table, read by the typing engine (zhanaozen/loading/cells.py: Arrow types), the loader (pandas
dtypes), the validator (polars dtypes, conversion messages), the exports (SQL types, Stata handling)
and the row templates (placeholder wording). A field's kind comes from its Table Schema type, its
vocabulary (``constraints.enum``) and ``partialDate`` (``Field.kind``).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    arrow: str        # the Arrow type of the typed column (cells.py builds it)
    pandas: str       # the dtype zhanaozen.load gives the column
    polars: str       # the dtype the validator checks it as
    sql: str          # the SQLite export's column type
    stata: str        # how the Stata export writes it
    placeholder: str  # what a template row says the cell takes ({values}: the vocabulary)


KINDS = {kind.name: kind for kind in (
    Kind("text", "string", "string", "String", "TEXT", "text; missing as empty (Stata has no missing text)",
         "text"),
    Kind("vocabulary", "dictionary", "category", "Enum", "TEXT",
         "integer codes with value labels, in the schema's order", "one of {values}"),
    Kind("integer", "int64", "Int64", "Int64", "INTEGER", "integer", "a number"),
    Kind("number", "float64", "Float64", "Float64", "REAL", "double", "a number"),
    # "text" as the templates in templates/ have always said; a better word is a change of its own.
    Kind("boolean", "bool", "boolean", "Boolean", "INTEGER", "0 or 1", "text"),
    Kind("date", "date32", "datetime64[s]", "Date", "TEXT", "Stata date (%td)", "YYYY-MM-DD"),
    # Text as written, plus two derived date columns: the first and last day it can mean.
    Kind("partial date", "string", "string", "String", "TEXT", "text; its day bounds as Stata dates (%td)",
         "YYYY-MM-DD or YYYY-MM or YYYY"),
)}

# Table Schema types with a kind of their own; any other type is read as text.
BY_TYPE = {"integer": "integer", "number": "number", "boolean": "boolean", "date": "date"}


def kind_of(type_: str, vocabulary: bool, partial_date: bool) -> Kind:
    if vocabulary:
        return KINDS["vocabulary"]
    if partial_date:
        return KINDS["partial date"]
    return KINDS[BY_TYPE.get(type_, "text")]
