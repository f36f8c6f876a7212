"""Read ``datapackage.json`` and its Table Schemas with the standard library only.

This is the one place that interprets the descriptor; the loader's dtypes, the Pandera
checks, the rules and the docs all take their field facts from the objects built here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .kinds import Kind, kind_of

# A partial date loads with two derived columns: the first and last day it can mean.
EARLIEST, LATEST = "_earliest", "_latest"
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")


class DescriptorError(ValueError):
    """The descriptor or a schema cannot be used (bad JSON, unsafe path, missing file)."""

    def __init__(self, file: str, message: str, field: str | None = None, value: object = None):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
        self.field = field  # the descriptor property at fault, and its value, to locate it for the reader
        self.value = value
        self.line: int | None = None


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
    def refuse(why: str) -> DescriptorError:
        return DescriptorError(file, f"{field} {relpath!r} {why}", field, relpath)

    if not isinstance(relpath, str) or not relpath:
        raise refuse("must be a non-empty relative path")
    if "://" in relpath or relpath.startswith(("/", "\\")) or ":" in relpath.split("/")[0]:
        raise refuse("must be relative to the package, not absolute or a URL")
    if ".." in PurePosixPath(relpath).parts:
        raise refuse("must not contain '..'")
    resolved = (root / relpath).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise refuse("leads outside the package (a symbolic link?)")
    return resolved


def descriptor_line(descriptor: Path, field: str, value: object) -> int | None:
    """The line of the descriptor that holds ``"field": value``, so an annotation lands on it."""
    if not isinstance(value, str):
        return None
    try:
        text = descriptor.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    needle = json.dumps(value, ensure_ascii=False)[1:-1]
    for number, line in enumerate(text.splitlines(), 1):
        if f'"{field}"' in line and needle in line:
            return number
    return None


def _read_json(path: Path, file: str) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DescriptorError(file, "file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DescriptorError(file, f"not valid UTF-8 JSON ({exc})") from None
    if not isinstance(data, dict):
        raise DescriptorError(file, "must hold a JSON object")
    return data


def _table(root: Path, resource: dict) -> Table:
    name = resource.get("name", "?")
    relpath = resource.get("path")
    path = safe_member(root, relpath, "datapackage.json")
    schema = resource.get("schema")
    if isinstance(schema, str):
        schema = _read_json(safe_member(root, schema, "datapackage.json", "schema"), schema)
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise DescriptorError("datapackage.json", f"resource {name!r} has no usable schema")
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
    )


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def read_package(root: Path | str) -> Package:
    """Read the descriptor under ``root`` (a directory, or the path of a ``datapackage.json``)."""
    root = Path(root)
    if root.is_file() or root.suffix == ".json":
        descriptor_path, root = root, root.parent
    else:
        descriptor_path = root / "datapackage.json"
    descriptor = _read_json(descriptor_path, descriptor_path.name)
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise DescriptorError(descriptor_path.name, "lists no resources")
    tables = {}
    for resource in resources:
        if not isinstance(resource, dict):
            raise DescriptorError(descriptor_path.name, "every resource must be a JSON object")
        try:
            table = _table(root, resource)
        except DescriptorError as exc:
            if exc.field:
                exc.line = descriptor_line(descriptor_path, exc.field, exc.value)
            raise
        tables[table.name] = table
    return Package(root=root, descriptor=descriptor, tables=tables)
