"""``zhanaozen template``: the header and a placeholder row of a table, generated from its schema."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._package import add_path, open_package


def register(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("template", help="print a table's header and a row of placeholders, from its schema")
    t.add_argument("table", nargs="?", help="table name; omit with --write")
    add_path(t, "--path")
    t.add_argument("--write", metavar="DIR", help="write every table's template to DIR/<table>.csv")
    t.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..maintain.template import template, templates

    package = open_package(args.path, "template")
    if package is None:
        return 2
    if args.write:
        folder = Path(args.write)
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in templates(package).items():
            (folder / name).write_text(content, encoding="utf-8", newline="")
        return 0
    if args.table not in package.tables:
        print(f"zhanaozen template: name a table: {', '.join(package.tables)}", file=sys.stderr)
        return 2
    sys.stdout.write(template(package.tables[args.table]))
    return 0
