"""Per-field types and constraints: Pandera schemas derived from the Table Schemas."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from zhanaozen.descriptor import Field, Table
from zhanaozen.frames import pandas_dtype

from .dataset import Dataset
from .findings import Finding


def _checks(field: Field) -> list[pa.Check]:
    checks = []
    if field.pattern and field.enum is None and pandas_dtype(field) == "string":
        checks.append(pa.Check.str_matches(field.pattern, name="pattern",
                                           error=f"does not match the pattern {field.pattern}"))
    if field.minimum is not None:
        checks.append(pa.Check.ge(field.minimum, name="minimum", error=f"must be at least {field.minimum}"))
    if field.maximum is not None:
        checks.append(pa.Check.le(field.maximum, name="maximum", error=f"must be at most {field.maximum}"))
    return checks


def pandera_schema(table: Table) -> pa.DataFrameSchema:
    """Uniqueness is left to the keys rule, conversion to zhanaozen.frames: both report once."""
    columns = {
        field.name: pa.Column(pandas_dtype(field), checks=_checks(field), nullable=not field.required,
                              coerce=False, description=field.description)
        for field in table.fields
    }
    return pa.DataFrameSchema(columns, name=table.name, strict=False, ordered=False)


def _conversion_message(field: Field) -> str:
    if field.enum is not None:
        return "is not in the vocabulary; allowed: " + ", ".join(field.enum)
    if field.partial_date:
        return "is not a real date written YYYY, YYYY-MM or YYYY-MM-DD"
    return {
        "integer": "is not a whole number",
        "number": "is not a number",
        "boolean": "is not one of " + ", ".join(field.true_values + field.false_values),
        "date": "is not a real date written YYYY-MM-DD",
    }.get(field.type, "cannot be read")


def _message(check: str, field: Field) -> str:
    if "nullable" in check:
        return "a value is required"
    for name in ("pattern", "minimum", "maximum"):
        if check == name:
            return next(c.error for c in _checks(field) if c.name == name)
    return f"fails check {check}"


def check_fields(ds: Dataset, name: str) -> list[Finding]:
    table = ds.table(name)
    failures = ds.conversion_failures[name]
    findings = []
    for field in table.fields:
        findings += ds.findings("field", name, failures[field.name], field.name, _conversion_message(field))
    try:
        pandera_schema(table).validate(ds.frame(name), lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
        for (column, check), group in cases.groupby(["column", "check"], sort=False):
            field = table.field(column)
            index = pd.Index(group["index"].astype(int).unique())
            index = index[~failures[column].reindex(index).to_numpy(dtype=bool)]
            findings += ds.findings("field", name, index, column, _message(str(check), field))
    return findings
