"""``zhanaozen info``: tables, row counts, version, licence and how to cite."""
from __future__ import annotations

import argparse

from ..package.paths import package_root


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("info", help="tables, row counts, version, licence and how to cite").set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..package.citation import render
    from ..package.descriptor import read_package
    from ..loading.frames import read_text

    package = read_package(package_root())
    d = package.descriptor
    licence = ", ".join(item.get("name", "?") for item in d.get("licenses", []))
    print(f"{d.get('title')} {package.version}")
    print(f"Data licence: {licence}; code licence: MIT")
    print(f"Installed at: {package.root}\n")
    print(f"{'table':<22}{'rows':>6}  description")
    for name, table in package.tables.items():
        print(f"{name:<22}{len(read_text(table)):>6}  {table.description}")
    print("\nHow to cite (zhanaozen cite --format text|apa|bibtex|cff):\n" + render(d, "text"))
    return 0
