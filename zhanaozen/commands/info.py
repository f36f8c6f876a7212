"""``zhanaozen info``: tables, row counts, version, licence and how to cite."""
from __future__ import annotations

import argparse

from ..package.terminal import printable
from ._package import add_path, describe, open_package


def register(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser("info", help="tables, row counts, version, licence and how to cite")
    describe(i, "Print the package's title, version, licences, each table with its row count, and how to cite it.",
             "zhanaozen info                 # the checkout you are in, else the installed package",
             "zhanaozen info path/to/package")
    add_path(i)
    i.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..package.citation import render
    from ..loading.frames import read_text

    package = open_package(args.path, "info")
    if package is None:
        return 2
    d = package.descriptor
    licence = ", ".join(str(item.get("name", "?")) for item in d.get("licenses", []))
    lines = [f"{d.get('title')} {package.version}", f"Data licence: {licence}; code licence: MIT",
             f"Read from: {package.root}", "", f"{'table':<22}{'rows':>6}  description"]
    for name, table in package.tables.items():
        lines.append(f"{name:<22}{len(read_text(table)):>6}  {table.description}")
    lines += ["", "How to cite (zhanaozen cite --format text|apa|bibtex|cff):", render(d, "text")]
    print(printable("\n".join(lines)))  # descriptions and titles come from the data: no terminal escapes
    return 0
