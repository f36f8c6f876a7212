"""What every exported column is, from the Table Schema alone: its kind, description, vocabulary and keys.

Each format turns a :class:`Column` into its own types (:func:`kind` is the one place a schema type is mapped;
the formats map the kind). A partial date is exported as its text plus the two day columns the loader derives.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...package.descriptor import EARLIEST, LATEST, Field, Table

KINDS = ("text", "integer", "number", "boolean", "date", "category")


def kind(field: Field) -> str:
    """The export kind of a schema field: a vocabulary is a category; a partial date stays text."""
    if field.enum is not None:
        return "category"
    return {"integer": "integer", "number": "number", "boolean": "boolean", "date": "date"}.get(field.type, "text")


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    kind: str
    schema_type: str  # as the schema says it, for people: "string", "date", "partial date (text)", ...
    description: str
    required: bool  # as the schema says: a key column may be empty (legal_articles.part)
    key: bool  # part of the primary key
    vocabulary: tuple[tuple[str, str], ...] = ()  # (value, definition) in schema order

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.vocabulary)


def _field_column(table: Table, field: Field) -> Column:
    vocabulary = tuple((v, field.enum_descriptions.get(v, "")) for v in field.enum or ())
    return Column(table.name, field.name, kind(field), "partial date (text)" if field.partial_date else field.type,
                  field.description, field.required, field.name in table.primary_key, vocabulary)


def _bound(table: Table, field: Field, suffix: str) -> Column:
    words = "first" if suffix == EARLIEST else "last"
    return Column(table.name, field.name + suffix, "date", f"date ({words} day of {field.name})",
                  f"The {words} day that {field.name} can mean.", field.required, False)


def columns(table: Table) -> list[Column]:
    """The exported columns of a table, in the order ``zhanaozen.load`` gives them."""
    out = []
    for field in table.fields:
        out.append(_field_column(table, field))
        if field.partial_date:
            out += [_bound(table, field, EARLIEST), _bound(table, field, LATEST)]
    return out


def cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut after a whole word and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in room:
        room = room.rsplit(" ", 1)[0]  # drop the word the limit falls in
    return room.rstrip(" ,;:-–—(") + "…"
