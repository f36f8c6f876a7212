"""Whether a descriptor and its Table Schemas can be used at all: the shape every reader relies on.

A schema field without a name, a vocabulary that repeats a value, a pattern that is not a regular
expression, a key naming no field, a reference to a resource that does not exist, a checksum that is not
text: each would crash a reader later, far from its cause. They are found here, each at the line and
column of the JSON that holds it, before any data is read. Frictionless' own metadata validation (the
validator's descriptor stage) comes on top of this; this part needs the standard library only.
"""
from __future__ import annotations

import re
from typing import Iterator

from .safe_files import JsonDocument

TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "time", "year", "yearmonth", "duration",
         "object", "array", "geopoint", "geojson", "any"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # names become column, table and file names: no markup, no space
MAX_HASH_CHARS = 200  # sha256:<64 hex digits> is 71


class Problem:
    """One unusable property, located in its JSON file."""

    def __init__(self, doc: JsonDocument, path: tuple, message: str, value: object = None):
        self.file = doc.file
        self.line, self.column = doc.where(*path)
        self.property = "/".join(str(p) for p in path)
        self.message = message
        self.value = value if isinstance(value, str) else None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.property or 'document'}: {self.message}"


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _names(value: object) -> list | None:
    """A key's field names (one name or a list of names), or None when it is neither."""
    if isinstance(value, str):
        return [value]
    return value if _strings(value) and value else None


def _field(doc: JsonDocument, at: tuple, field: object) -> Iterator[Problem]:
    if not isinstance(field, dict):
        yield Problem(doc, at, "a field must be a JSON object")
        return
    name = field.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        yield Problem(doc, at + ("name",) if "name" in field else at,
                      "a field needs a name of letters, digits and underscores", name)
    kind = field.get("type", "string")
    if kind not in TYPES:
        yield Problem(doc, at + ("type",), f"unknown field type {kind!r}", kind)
    for key in ("trueValues", "falseValues", "enumDescriptions"):
        value = field.get(key)
        if value is not None and not (_strings(value) if key != "enumDescriptions" else isinstance(value, dict)):
            yield Problem(doc, at + (key,), f"{key} must be a list of strings" if key != "enumDescriptions"
                          else "enumDescriptions must be an object")
    for key in ("description", "title"):
        if key in field and not isinstance(field[key], str):
            yield Problem(doc, at + (key,), f"{key} must be text")
    if "partialDate" in field and not isinstance(field["partialDate"], bool):
        yield Problem(doc, at + ("partialDate",), "partialDate must be true or false")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        yield Problem(doc, at + ("constraints",), "constraints must be a JSON object")
        return
    yield from _constraints(doc, at + ("constraints",), constraints)


def _constraints(doc: JsonDocument, at: tuple, c: dict) -> Iterator[Problem]:
    for key in ("required", "unique"):
        if key in c and not isinstance(c[key], bool):
            yield Problem(doc, at + (key,), f"{key} must be true or false")
    enum = c.get("enum")
    if enum is not None:
        if not _strings(enum) or not enum:
            yield Problem(doc, at + ("enum",), "enum must be a non-empty list of strings")
        else:
            for index, value in enumerate(enum):
                if value in enum[:index]:
                    yield Problem(doc, at + ("enum", index), f"the vocabulary repeats {value!r}", value)
    pattern = c.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            yield Problem(doc, at + ("pattern",), "pattern must be text")
        else:
            try:
                re.compile(pattern)
            except (re.error, RecursionError, OverflowError) as exc:
                yield Problem(doc, at + ("pattern",), f"pattern is not a valid regular expression ({exc})", pattern)
    bounds = {}
    for key in ("minimum", "maximum", "minLength", "maxLength"):
        value = c.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            yield Problem(doc, at + (key,), f"{key} must be a number", value)
        else:
            bounds[key] = value
    for low, high in (("minimum", "maximum"), ("minLength", "maxLength")):
        if low in bounds and high in bounds and bounds[low] > bounds[high]:
            yield Problem(doc, at + (low,), f"{low} {bounds[low]} is above {high} {bounds[high]}")


def _keys(doc: JsonDocument, at: tuple, schema: dict, names: list, resources: dict) -> Iterator[Problem]:
    if "primaryKey" in schema:
        key = _names(schema["primaryKey"])
        if key is None:
            yield Problem(doc, at + ("primaryKey",), "primaryKey must name one field or a list of fields")
        else:
            for name in key:
                if name not in names:
                    yield Problem(doc, at + ("primaryKey",), f"primaryKey names {name!r}, which is no field", name)
    foreign = schema.get("foreignKeys", [])
    if not isinstance(foreign, list):
        yield Problem(doc, at + ("foreignKeys",), "foreignKeys must be a list")
        return
    for index, fk in enumerate(foreign):
        where = at + ("foreignKeys", index)
        reference = fk.get("reference") if isinstance(fk, dict) else None
        fields = _names(fk.get("fields")) if isinstance(fk, dict) else None
        if fields is None or not isinstance(reference, dict):
            yield Problem(doc, where, "a foreign key needs fields and a reference with resource and fields")
            continue
        for name in fields:
            if name not in names:
                yield Problem(doc, where + ("fields",), f"the foreign key names {name!r}, which is no field", name)
        target = reference.get("resource") or None
        if target is not None and target not in resources:
            yield Problem(doc, where + ("reference", "resource"),
                          f"the foreign key refers to resource {target!r}, which the package does not have", target)
            continue
        referenced = _names(reference.get("fields"))
        if referenced is None or len(referenced) != len(fields):
            yield Problem(doc, where + ("reference", "fields"), "reference fields must match the key's fields in number")
            continue
        known = names if target is None else resources[target]
        for name in referenced:
            if known is not None and name not in known:
                yield Problem(doc, where + ("reference", "fields"),
                              f"the foreign key refers to field {name!r}, which {target or 'this table'} lacks", name)


def schema_problems(doc: JsonDocument, at: tuple, schema: object, resources: dict) -> list[Problem]:
    """Problems of one Table Schema (``at``: where it stands in ``doc``). ``resources``: each resource's
    field names (None where its schema is unusable), to check foreign keys."""
    if not isinstance(schema, dict):
        return [Problem(doc, at, "a Table Schema must be a JSON object")]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [Problem(doc, at + ("fields",) if "fields" in schema else at, "a Table Schema needs a list of fields")]
    problems = [p for index, field in enumerate(fields) for p in _field(doc, at + ("fields", index), field)]
    names = [f.get("name") for f in fields if isinstance(f, dict)]
    for index, name in enumerate(names):
        if isinstance(name, str) and name in names[:index]:
            problems.append(Problem(doc, at + ("fields", index, "name"), f"two fields are named {name!r}", name))
    missing = schema.get("missingValues", [""])
    if not _strings(missing):
        problems.append(Problem(doc, at + ("missingValues",), "missingValues must be a list of strings"))
    return problems + list(_keys(doc, at, schema, names, resources))


def resource_problems(doc: JsonDocument, index: int, resource: object, seen: list) -> list[Problem]:
    """Problems of one resource's own properties (name, checksums), not of its schema."""
    at = ("resources", index)
    if not isinstance(resource, dict):
        return [Problem(doc, at, "every resource must be a JSON object")]
    problems = []
    name = resource.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        problems.append(Problem(doc, at + ("name",) if "name" in resource else at,
                                "a resource needs a name of letters, digits and underscores", name))
    elif name in seen:
        problems.append(Problem(doc, at + ("name",), f"two resources are named {name!r}", name))
    size = resource.get("bytes")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
        problems.append(Problem(doc, at + ("bytes",), "bytes must be a whole number of bytes"))
    digest = resource.get("hash")
    if digest is not None and (not isinstance(digest, str) or len(digest) > MAX_HASH_CHARS):
        problems.append(Problem(doc, at + ("hash",), "hash must be text such as sha256:<64 hex digits>"))
    for key in ("title", "description"):
        if key in resource and not isinstance(resource[key], str):
            problems.append(Problem(doc, at + (key,), f"{key} must be text"))
    return problems
