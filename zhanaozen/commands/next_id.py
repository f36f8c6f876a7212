"""``zhanaozen next-id TABLE``: print the next free ID of a table, never one that was ever used."""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("next-id", help="print the next free ID of a table (never a used or retired one)")
    n.add_argument("table", help="table name, e.g. persons")
    n.add_argument("path", nargs="?", default=".", help="package directory or datapackage.json (default: .)")
    n.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..descriptor import DescriptorError, read_package
    from ..ids import NoNumberedId, next_id

    try:
        print(next_id(read_package(args.path), args.table))
    except (DescriptorError, NoNumberedId, KeyError, OSError) as exc:
        print(f"zhanaozen next-id: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    return 0
