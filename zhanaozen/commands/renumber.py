"""``zhanaozen renumber``: after merging two contributions that took the same new ID, give the later row a fresh one."""
from __future__ import annotations

import argparse
import sys

from ._package import add_path, describe, open_package


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("renumber", help="give fresh IDs to the later of rows that took the same new ID")
    describe(r, "When two merged contributions took the same new ID (validate reports a duplicate key), give the "
                "later row the next free ID and rewrite every reference to it in the same contribution (foreign "
                "keys, citations.record_id). Nothing else changes; a released ID is never renumbered. In a git "
                "merge (in progress, or the merge commit at HEAD) the later rows are those the second parent "
                "brought. See CONTRIBUTING.md, 'When two pull requests took the same ID'.",
             "git merge other-branch && zhanaozen renumber && zhanaozen fmt && zhanaozen validate",
             "zhanaozen renumber --check   # list what would change, change nothing")
    add_path(r)
    r.add_argument("--check", action="store_true", help="change nothing; exit 1 if an ID is held by two rows")
    r.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..maintain.renumber import renumber

    package = open_package(args.path, "renumber")
    if package is None:
        return 2
    changes, refused, unsorted = renumber(package, write=not args.check)
    for change in changes:
        print(f"{'would renumber' if args.check else 'renumbered'} {change}")
    for message in refused:
        print(f"zhanaozen renumber: not renumbered: {message}", file=sys.stderr)
    if unsorted:
        print(f"rows are out of canonical order in {', '.join(unsorted)}: run `zhanaozen fmt`")
    if not changes and not refused:
        print("no ID is held by two rows: nothing to renumber")
    return 1 if refused or (args.check and changes) else 0
