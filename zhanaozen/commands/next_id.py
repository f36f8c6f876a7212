"""``zhanaozen next-id TABLE``: print the next free ID of a table, never one that was ever used."""
from __future__ import annotations

import argparse
import sys

from ._package import add_path, describe, open_package


def register(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("next-id", help="print the next free ID of a table (never a used or retired one)")
    describe(n, "Print the next free ID of a table: one more than the largest number used anywhere in the "
                "package or retired. It goes to standard output alone (which package was read goes to "
                "standard error), so that it can be captured.",
             "zhanaozen next-id persons             # e.g. PER-0123",
             "zhanaozen next-id citations --history # also count IDs deleted in the git history")
    n.add_argument("table", help="table name, e.g. persons")
    add_path(n)
    n.add_argument("--history", action="store_true",
                   help="also count IDs in every earlier version of the data in git (slower)")
    n.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..maintain.ids import NoNumberedId, next_id

    package = open_package(args.path, "next-id", for_programs=True)
    if package is None:
        return 2
    try:
        print(next_id(package, args.table, history=args.history))
    except (NoNumberedId, KeyError, OSError) as exc:
        print(f"zhanaozen next-id: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    return 0
