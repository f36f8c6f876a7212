"""The dataset facts every export states (version, licence, citation), and the plain-text README beside files.

All of it comes from ``datapackage.json`` through the citation module: nothing is written twice.
"""
from __future__ import annotations

from ...package.citation import render
from ...package.descriptor import Package
from ...package.writing import safe_name
from .columns import Column, columns


def stem(package: Package) -> str:
    """The start of every export's file name: the package's name and version (``zhanaozen-prosecutions-0.1.0``)."""
    return f"{safe_name(package.descriptor.get('name'), 'package name')}-{safe_name(package.version, 'version')}"


def facts(package: Package) -> dict[str, str]:
    """Key-value facts about the dataset, in the order a reader wants them."""
    d = package.descriptor
    licences = [item for item in d.get("licenses", []) if isinstance(item, dict)]
    return {
        "title": str(d.get("title", "")),
        "name": str(d.get("name", "")),
        "version": package.version,
        "licence": ", ".join(str(item.get("name", "")) for item in licences),
        "licence_url": ", ".join(str(item.get("path", "")) for item in licences if item.get("path")),
        "citation": render(d, "text"),
        "bibtex": render(d, "bibtex"),
        "description": str(d.get("description", "")),
        "created": str(d.get("created", "")),
        "cite_a_row": "Cite a row by table and ID after the version, e.g. sentences SEN-0001.",
    }


def vocabulary_text(column: Column) -> str:
    return "; ".join(f"{value} = {meaning}" if meaning else value for value, meaning in column.vocabulary)


def readme(package: Package, tables: list[str], files: list[str]) -> str:
    """A plain-text README for files that cannot carry a long text themselves (Parquet, Stata, CSV)."""
    f = facts(package)
    lines = [f"{f['title']}, version {f['version']}", "", f["description"], "",
             f"Licence: {f['licence']} {f['licence_url']}".rstrip(), "", "How to cite:", f["citation"], "",
             f["bibtex"], "", "Files:"] + [f"  {name}" for name in files] + [""]
    for name in tables:
        table = package.tables[name]
        lines += [f"Table {name}: {table.title}", f"  {table.description}"]
        for column in columns(table):
            need = "required" if column.required else "optional"
            lines.append(f"  - {column.name} ({column.schema_type}, {need}): {column.description}")
            if column.vocabulary:
                lines.append(f"      values: {vocabulary_text(column)}")
        lines.append("")
    return "\n".join(lines)
