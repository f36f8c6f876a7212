"""Row templates for contributors, derived from the schemas so they can never drift from them.

A template is the table's header and one row of placeholders that say what each cell takes. The
placeholders are deliberately not valid values: a template row pasted unedited fails validation.
"""
from __future__ import annotations

import csv
import io

from ..package.descriptor import Field, Package, Table
from .ids import NoNumberedId, id_form

FOLDER = "templates"


def placeholder(table: Table, field: Field) -> str:
    need = "required" if field.required else "optional"
    kind = field.kind
    if kind.name == "vocabulary":
        return f"<{need}: {kind.placeholder.format(values=' | '.join(field.enum))}>"
    if kind.name in ("integer", "number"):
        bounds = [f"at least {field.minimum}"] if field.minimum is not None else []
        bounds += [f"at most {field.maximum}"] if field.maximum is not None else []
        return f"<{need}: {kind.placeholder}{' ' + ' and '.join(bounds) if bounds else ''}>"
    if kind.name in ("date", "partial date"):
        return f"<{need}: {kind.placeholder}>"
    if list(table.primary_key) == [field.name]:
        try:
            id_form(table)
            return f"<run: zhanaozen next-id {table.name}>"
        except NoNumberedId:
            pass
    if field.pattern:
        return f"<{need}: matching {field.pattern}>"
    return f"<{need}: {kind.placeholder}>"


def template(table: Table) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.field_names)
    writer.writerow([placeholder(table, field) for field in table.fields])
    return out.getvalue()


def templates(package: Package) -> dict[str, str]:
    """File name (under templates/) -> content, one per table."""
    return {f"{name}.csv": template(table) for name, table in package.tables.items()}
