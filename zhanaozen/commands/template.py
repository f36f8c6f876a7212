"""``zhanaozen template``: the header and a placeholder row of a table, generated from its schema."""
from __future__ import annotations

import argparse
import sys

from ._package import add_path, open_package


def register(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("template", help="print a table's header and a row of placeholders, from its schema")
    t.add_argument("table", nargs="?", help="table name; omit with --write")
    add_path(t, "--path")
    t.add_argument("--write", metavar="DIR", help="write every table's template to DIR/<table>.csv")
    t.set_defaults(run=run)


def _write(package, where: str) -> int:
    """Every template into the folder asked for: checked names, no symbolic links, each file replaced whole."""
    from ..maintain.template import templates
    from ..package.terminal import printable
    from ..package.writing import UnsafeWrite, folder, safe_name, target, write_text

    try:
        out = folder(where)
        contents = templates(package)
        for name in contents:
            safe_name(name.removesuffix(".csv"), "table name")
            target(out, name)  # refuse them all before writing any
        for name, content in contents.items():
            write_text(out, name, content)
    except (UnsafeWrite, OSError) as exc:
        print(printable(f"zhanaozen template: {exc}; nothing was written"), file=sys.stderr)
        return 2
    return 0


def run(args: argparse.Namespace) -> int:
    from ..maintain.template import template

    package = open_package(args.path, "template")
    if package is None:
        return 2
    if args.write:
        return _write(package, args.write)
    if args.table not in package.tables:
        print(f"zhanaozen template: name a table: {', '.join(package.tables)}", file=sys.stderr)
        return 2
    sys.stdout.write(template(package.tables[args.table]))
    return 0
