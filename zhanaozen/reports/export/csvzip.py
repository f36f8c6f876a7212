"""The CSV form: a zipped Frictionless data package of the chosen tables (descriptor, CSV files, README).

The CSV files are the package's own bytes (checked against their declared checksums); the descriptor keeps
the package's metadata, inlines each table's schema, and drops foreign keys to tables that were not chosen,
so the zip validates on its own (``frictionless validate datapackage.json``).
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ...package.descriptor import Package, safe_member
from ...package.integrity import checksum, mismatch

DATE = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same package gives the same zip


def _schema(package: Package, resource: dict, tables: list[str]) -> dict:
    schema = resource["schema"]
    if isinstance(schema, str):
        path = safe_member(package.root, schema, "datapackage.json", "schema")  # read_package checked it too
        schema = json.loads(path.read_text(encoding="utf-8"))
    schema = dict(schema)
    keys = [fk for fk in schema.get("foreignKeys", [])
            if (fk.get("reference", {}).get("resource") or resource["name"]) in tables]
    if keys:
        schema["foreignKeys"] = keys
    else:
        schema.pop("foreignKeys", None)
    return schema


def descriptor(package: Package, tables: list[str], data: dict[str, bytes]) -> dict:
    out = {k: v for k, v in package.descriptor.items() if k != "resources"}
    out["resources"] = []
    for resource in package.descriptor["resources"]:
        name = resource["name"]
        if name not in tables:
            continue
        item = {k: v for k, v in resource.items() if k not in ("path", "schema", "bytes", "hash")}
        size, digest = checksum(data[name])
        item.update(path=f"data/{name}.csv", bytes=size, hash=digest, schema=_schema(package, resource, tables))
        out["resources"].append(item)
    return out


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def write(package: Package, tables: list[str], readme: str, path: Path) -> None:
    data = {}
    for name in tables:
        table = package.tables[name]
        raw = table.path.read_bytes()
        problem = mismatch(raw, table.declared_bytes, table.declared_hash)
        if problem:
            raise ValueError(f"{table.relpath} does not match datapackage.json: it {problem}")
        data[name] = raw
    with zipfile.ZipFile(path, "w") as archive:
        _add(archive, "datapackage.json",
             (json.dumps(descriptor(package, tables, data), indent=2, ensure_ascii=False) + "\n").encode())
        for name in tables:
            _add(archive, f"data/{name}.csv", data[name])
        _add(archive, "README.txt", readme.encode("utf-8"))
