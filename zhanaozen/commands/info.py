"""``zhanaozen info``: tables, row counts, version, licence and how to cite."""
from __future__ import annotations

import argparse

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
    licence = ", ".join(item.get("name", "?") for item in d.get("licenses", []))
    print(f"{d.get('title')} {package.version}")
    print(f"Data licence: {licence}; code licence: MIT")
    print(f"Read from: {package.root}\n")
    print(f"{'table':<22}{'rows':>6}  description")
    for name, table in package.tables.items():
        print(f"{name:<22}{len(read_text(table)):>6}  {table.description}")
    print("\nHow to cite (zhanaozen cite --format text|apa|bibtex|cff):\n" + render(d, "text"))
    return 0
