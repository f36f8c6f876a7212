"""``zhanaozen info``: tables, row counts, version, licence and how to cite."""
from __future__ import annotations

import argparse

from ..package.paths import package_root
from ..package.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("info", help="tables, row counts, version, licence and how to cite").set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..package.citation import render
    from ..package.descriptor import read_package
    from ..loading.frames import read_text

    package = read_package(package_root())
    d = package.descriptor
    licence = ", ".join(str(item.get("name", "?")) for item in d.get("licenses", []))
    lines = [f"{d.get('title')} {package.version}", f"Data licence: {licence}; code licence: MIT",
             f"Installed at: {package.root}", "", f"{'table':<22}{'rows':>6}  description"]
    for name, table in package.tables.items():
        lines.append(f"{name:<22}{len(read_text(table)):>6}  {table.description}")
    lines += ["", "How to cite (zhanaozen cite --format text|apa|bibtex|cff):", render(d, "text")]
    print(printable("\n".join(lines)))  # descriptions and titles come from the data: no terminal escapes
    return 0
