"""Per-field types and constraints: Pandera schemas (polars backend) derived from the Table Schemas."""
from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from zhanaozen.package.descriptor import Field, Table

from ..dataset import Dataset, matches
from ..findings import Finding
from ..optional_imports import absent_if_asked
from .field_types import polars_dtype
from .iso_dates import suggest

if TYPE_CHECKING:
    import pandera.polars as pa

# The stage as the catalogue (validators/catalogue.py) lists it: its name, what it asks, its fix.
RULE = "field"
QUESTION = ("each cell has its field's type and meets its constraints (required, pattern, vocabulary, "
            "range, real date)")
FIX = ("Write each cell in its field's format; the schema's description and vocabulary are in "
       "schemas/TABLE.json.")


@cache
def _pandera():
    """pandera.polars, imported on the first check (by run.py, on the thread that checks fields).

    Pandera registers its check backends at the first check, importing pandas then if it can: so the
    first check runs here too, on an empty frame, while pandas looks absent to the command line's
    process (validators/optional_imports.py)."""
    with absent_if_asked():
        import pandera.polars as pa

        pa.DataFrameSchema({"warm_up": pa.Column(pl.Int64, pa.Check.ge(0))}).validate(
            pl.DataFrame({"warm_up": []}, schema={"warm_up": pl.Int64}))
    return pa


def _checks(field: Field, repeated: bool = False) -> list[tuple[pa.Check, str]]:
    """Each check with the message a contributor reads when a cell fails it. ``repeated``: the column's
    values repeat (Dataset.repeated), so its pattern is tried once per distinct value."""
    pa = _pandera()
    checks = []
    if field.pattern and field.kind.polars == "String":
        checks.append((_pattern(pa, field.pattern, repeated), f"does not match the pattern {field.pattern}"))
    if field.minimum is not None:
        checks.append((pa.Check.ge(field.minimum, name="minimum"), f"must be at least {field.minimum}"))
    if field.maximum is not None:
        checks.append((pa.Check.le(field.maximum, name="maximum"), f"must be at most {field.maximum}"))
    return checks


def _pattern(pa, pattern: str, repeated: bool) -> pa.Check:
    """Pandera's str_matches; on a column whose values repeat, the same test (a match at the start of the
    cell, an empty cell left to the required check) run once per distinct value: at 1e6 rows the
    source IDs of the citations took 90 ms cell by cell."""
    if not repeated:
        return pa.Check.str_matches(pattern, name="pattern")
    anchored = pattern if pattern.startswith("^") else f"^{pattern}"
    return pa.Check(lambda data: data.lazyframe.select(matches(pl.col(data.key), anchored, repeated=True)),
                    name="pattern", error=f"str_matches('{pattern}')")


def pandera_schema(table: Table, repeated: frozenset[str] = frozenset()) -> pa.DataFrameSchema:
    """Uniqueness is left to the keys rule, conversion to validators.stages.field_types: both report once.
    ``repeated``: the columns whose values repeat (Dataset.repeated)."""
    pa = _pandera()
    columns = {
        field.name: pa.Column(polars_dtype(field),
                              checks=[check for check, _ in _checks(field, field.name in repeated)],
                              nullable=not field.required, coerce=False, description=field.description)
        for field in table.fields
    }
    return pa.DataFrameSchema(columns, name=table.name, strict=False, ordered=False)


def _conversion_message(field: Field) -> str:
    if field.kind.name == "vocabulary":
        return "is not in the vocabulary; allowed: " + ", ".join(field.enum)
    if field.kind.name == "partial date":
        return "is not a real date written YYYY, YYYY-MM or YYYY-MM-DD"
    return {
        "integer": "is not a whole number",
        "number": "is not a number",
        "boolean": "is not one of " + ", ".join(field.true_values + field.false_values),
        "date": "is not a real date written YYYY-MM-DD",
    }.get(field.type, "cannot be read")


def _message(field: Field, check: str, number: int | None) -> str:
    if "nullable" in check:
        return "a value is required"
    checks = _checks(field)
    if number is not None and 0 <= number < len(checks):
        return checks[number][1]
    return f"fails check {check}"


# The findings of tables already checked in this process, by all they depend on: the table's definition
# and its bytes. A process that validates again (a notebook after one file is fixed; the tests, which
# validate hundreds of small packages) checks again only the tables that changed, since Pandera costs
# about a millisecond a column whatever a table's size. Only small tables have a digest (Cells), and
# the command's process starts empty: a run of `zhanaozen validate` checks every table. The memory is
# bounded whatever the packages: keys are digests, and a table with many findings is not remembered.
_CHECKED: OrderedDict[tuple, tuple[Finding, ...]] = OrderedDict()
_CHECKED_LOCK = threading.Lock()
REMEMBERED_TABLES = 256
REMEMBERED_FINDINGS = 100


def check_fields(ds: Dataset, name: str) -> list[Finding]:
    digest = ds.digests.get(name)
    key = None if digest is None else (digest, _definition(ds.table(name)))
    with _CHECKED_LOCK:
        known = _CHECKED.get(key) if key is not None else None
        if known is not None:
            _CHECKED.move_to_end(key)
            return list(known)
    findings = _check_fields(ds, name)
    if key is not None and len(findings) <= REMEMBERED_FINDINGS:
        with _CHECKED_LOCK:
            _CHECKED[key] = tuple(findings)
            if len(_CHECKED) > REMEMBERED_TABLES:
                _CHECKED.popitem(last=False)
    return findings


def _definition(table: Table) -> bytes:
    """A digest of the table as its schema defines it, wherever the package lies (its relative path stays)."""
    text = repr(dataclasses.replace(table, path=Path(), root=None))
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).digest()


def _check_fields(ds: Dataset, name: str) -> list[Finding]:
    table = ds.table(name)
    failures = ds.conversion_failures[name]
    findings = []
    for field in table.fields:
        if field.partial_date or field.type == "date":  # a date written another way: say its ISO form
            positions = failures[field.name].fill_null(False).arg_true().to_list()
            values = ds.text[name][field.name].gather(positions).to_list()
            messages = [_conversion_message(field) + (f"; {hint}" if (hint := suggest(value or "", field.partial_date))
                                                      else "") for value in values]
            findings += ds.findings("field", name, positions, field.name, messages)
            continue
        findings += ds.findings("field", name, failures[field.name], field.name, _conversion_message(field))
    schema = pandera_schema(table, ds.repeated(name))
    from pandera.errors import SchemaErrors  # only now: pandera.polars is imported

    try:
        schema.validate(ds.frame(name), lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases.filter(pl.col("index").is_not_null())
        groups = cases.group_by(["column", "check", "check_number"], maintain_order=True)
        for (column, check, number), group in groups:
            field = table.field(column)
            index = group["index"].unique(maintain_order=True).to_list()
            already = failures[column].gather(index).to_list()  # reported as a conversion failure
            index = [i for i, failed in zip(index, already) if not failed]
            findings += ds.findings("field", name, index, column, _message(field, str(check), number))
    return findings
