"""Read ``datapackage.json`` and its Table Schemas with the standard library only.

This is the one place that interprets the descriptor; the loader's dtypes, the Pandera
checks, the rules and the docs all take their field facts from the objects built here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import safe_files, schema_check

from .kinds import Kind, kind_of

# A partial date loads with two derived columns: the first and last day it can mean.
EARLIEST, LATEST = "_earliest", "_latest"
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")


class DescriptorError(ValueError):
    """The descriptor or a schema cannot be used (bad JSON, unsafe path, missing file, unusable schema).

    ``problems`` holds every problem found (this one first when there is one); each has a file, a message
    and, where the JSON locates it, a line and column."""

    def __init__(self, file: str, message: str, field: str | None = None, value: object = None,
                 line: int | None = None, column: int | None = None):
        super().__init__(f"{file}{f':{line}' if line else ''}: {message}")
        self.file = file
        self.message = message
        self.field = field  # the descriptor property at fault, and its value, to locate it for the reader
        self.value = value
        self.line = line
        self.column = column  # character column in the line, for JSON
        self.problems: list[DescriptorError] = [self]

    @classmethod
    def many(cls, problems: list) -> "DescriptorError":
        """One error carrying several located problems (schema_check.Problem or DescriptorError)."""
        errors = [p if isinstance(p, DescriptorError) else
                  cls(p.file, f"{p.property}: {p.message}" if p.property else p.message, p.property or None,
                      p.value, p.line, p.column) for p in problems]
        first = errors[0]
        error = cls(first.file, first.message + (f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""),
                    first.field, first.value, first.line, first.column)
        error.problems = errors
        return error

    def __str__(self) -> str:
        return "; ".join(f"{p.file}{f':{p.line}' if p.line else ''}{f':{p.column}' if p.line and p.column else ''}: "
                         f"{p.message}" for p in self.problems)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str = ""
    required: bool = False
    unique: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    enum_descriptions: dict[str, str] = field(default_factory=dict)
    minimum: int | float | None = None
    maximum: int | float | None = None
    partial_date: bool = False
    true_values: tuple[str, ...] = DEFAULT_TRUE
    false_values: tuple[str, ...] = DEFAULT_FALSE

    @property
    def kind(self) -> Kind:
        """What the field holds (zhanaozen/package/kinds.py): the one switch on type, vocabulary and partialDate."""
        return kind_of(self.type, self.enum is not None, self.partial_date)

    @classmethod
    def from_descriptor(cls, d: dict) -> "Field":
        c = d.get("constraints", {})
        enum = c.get("enum")
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            description=d.get("description", ""),
            required=bool(c.get("required", False)),
            unique=bool(c.get("unique", False)),
            pattern=c.get("pattern"),
            enum=tuple(enum) if enum is not None else None,
            enum_descriptions=dict(d.get("enumDescriptions", {})),
            minimum=c.get("minimum"),
            maximum=c.get("maximum"),
            partial_date=bool(d.get("partialDate", False)),
            true_values=tuple(d.get("trueValues", DEFAULT_TRUE)),
            false_values=tuple(d.get("falseValues", DEFAULT_FALSE)),
        )


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    path: Path
    relpath: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    missing_values: tuple[str, ...]
    # Size and checksum the descriptor declares for the file (None when it declares none).
    declared_bytes: int | None = None
    declared_hash: str | None = None
    root: Path | None = None  # the package root: every read of ``path`` is guarded against it (safe_files)

    def read_bytes(self) -> bytes:
        """The data file's bytes, through the guarded reader (regular file, inside the package, size limit)."""
        return safe_files.read_bytes(self.root or self.path.parent, self.path, self.relpath)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no field {name!r}")

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass(frozen=True)
class Package:
    root: Path
    descriptor: dict
    tables: dict[str, Table]

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")


def safe_member(root: Path, relpath: object, file: str, field: str = "path") -> Path:
    """Resolve a path named in the descriptor, refusing anything outside the package root."""
    try:
        return safe_files.member_path(root, relpath, file)
    except safe_files.UnsafeFile as exc:
        raise DescriptorError(file, f"{field} {exc.message}", field, relpath) from None


def descriptor_line(descriptor: Path, field: str, value: object) -> int | None:
    """The line of the descriptor that holds ``"field": value``, so an annotation lands on it."""
    if not isinstance(value, str):
        return None
    try:
        text = safe_files.read_text(descriptor.parent, descriptor, descriptor.name)
    except safe_files.UnsafeFile:
        return None
    needle = json.dumps(value, ensure_ascii=False)[1:-1]
    for number, line in enumerate(text.splitlines(), 1):
        if f'"{field}"' in line and needle in line:
            return number
    return None


def _read_json(root: Path, path: Path, file: str) -> safe_files.JsonDocument:
    try:
        doc = safe_files.read_json(root, path, file)
    except safe_files.UnsafeFile as exc:  # a refusal of the whole file is located at its first line
        raise DescriptorError(file, exc.message, line=exc.line or 1, column=exc.column) from None
    if not isinstance(doc.data, dict):
        raise DescriptorError(file, "must hold a JSON object", line=1, column=1)
    return doc


def _schema(root: Path, doc: safe_files.JsonDocument, index: int, resource: dict) -> tuple:
    """(document, path in it, schema) of a resource's schema: inline in the descriptor or a file."""
    schema = resource.get("schema")
    if not isinstance(schema, str):
        return doc, ("resources", index, "schema"), schema
    try:
        path = safe_member(root, schema, doc.file, "schema")
        schema_doc = _read_json(root, path, schema)
    except DescriptorError as exc:
        if exc.line is None:  # a path refused, or a file that cannot be read: point at it in the descriptor
            exc.line, exc.column = doc.where("resources", index, "schema")
            if exc.file != doc.file:
                exc.message, exc.file, exc.field, exc.value = f"schema {schema!r} {exc.message}", doc.file, "schema", schema
            exc.problems = [exc]
        raise
    return schema_doc, (), schema_doc.data


def _problems(root: Path, doc: safe_files.JsonDocument) -> tuple[list, list]:
    """Every located problem of the descriptor and its schemas, and each resource's (resource, schema)."""
    resources = doc.data.get("resources")
    if not isinstance(resources, list) or not resources:
        return [schema_check.Problem(doc, ("resources",) if "resources" in doc.data else (),
                                     "lists no resources")], []
    problems: list = []
    names: list = []
    loaded = []
    for index, resource in enumerate(resources):
        problems += schema_check.resource_problems(doc, index, resource, names)
        if not isinstance(resource, dict):
            continue
        names.append(resource.get("name"))
        try:
            safe_member(root, resource.get("path"), doc.file)
        except DescriptorError as exc:
            exc.line, exc.column = doc.where("resources", index, "path")
            problems.append(exc)
        try:  # the schema is read even where the path was refused, so that references to it still resolve
            loaded.append((resource, _schema(root, doc, index, resource)))
        except DescriptorError as exc:
            problems += exc.problems
    fields: dict = {name: None for name in names if isinstance(name, str)}  # None: its schema is unusable
    fields.update({r.get("name"): ([f.get("name") for f in s["fields"] if isinstance(f, dict)]
                                   if isinstance(s, dict) and isinstance(s.get("fields"), list) else None)
                   for r, (_, _, s) in loaded})
    for resource, (schema_doc, at, schema) in loaded:
        problems += schema_check.schema_problems(schema_doc, at, schema, fields)
    return problems, [(resource, schema) for resource, (_, _, schema) in loaded]


def _table(root: Path, resource: dict, schema: dict) -> Table:
    """A resource whose descriptor and schema passed schema_check: every property has its shape."""
    name = resource["name"]
    relpath = resource["path"]
    path = safe_member(root, relpath, "datapackage.json")
    pk = schema.get("primaryKey", [])
    return Table(
        name=name,
        title=resource.get("title", name),
        description=resource.get("description", ""),
        path=path,
        relpath=relpath,
        fields=tuple(Field.from_descriptor(f) for f in schema["fields"]),
        primary_key=tuple([pk] if isinstance(pk, str) else pk),
        foreign_keys=tuple(
            ForeignKey(
                fields=tuple(_as_list(fk["fields"])),
                resource=fk["reference"].get("resource") or name,
                reference_fields=tuple(_as_list(fk["reference"]["fields"])),
            )
            for fk in schema.get("foreignKeys", [])
        ),
        missing_values=tuple(schema.get("missingValues", [""])),
        declared_bytes=resource.get("bytes"),
        declared_hash=resource.get("hash"),
        root=root,
    )


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def read_package(root: Path | str) -> Package:
    """Read the descriptor under ``root`` (a directory, or the path of a ``datapackage.json``).

    Raises DescriptorError carrying every located problem when the descriptor or a schema is unusable."""
    root = Path(root)
    if root.suffix == ".json" or (not root.is_dir() and root.name == "datapackage.json"):
        descriptor_path, root = root, root.parent
    else:
        descriptor_path = root / "datapackage.json"
    doc = _read_json(root, descriptor_path, descriptor_path.name)
    problems, resources = _problems(root, doc)
    if problems:
        raise DescriptorError.many(problems)
    tables = {}
    for resource, schema in resources:
        table = _table(root, resource, schema)
        tables[table.name] = table
    return Package(root=root, descriptor=doc.data, tables=tables)
