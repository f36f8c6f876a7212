"""``zhanaozen person KEY``: one person's whole record, found by ID or any recorded spelling."""
from __future__ import annotations

import argparse
import sys

from ._package import add_path, describe, locate


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("person", help="one person's record: spellings, custody, trials, sentences, allegations, sources")
    describe(c, "One person's whole record, found by ID or any recorded spelling: spellings, custody, trials, "
                "sentences, allegations and the sources behind them.",
             "zhanaozen person PER-0001",
             "zhanaozen person 'Rosa Tuletaeva' --format json")
    c.add_argument("key", help="a person ID (PER-0001) or any recorded spelling, Latin or Cyrillic")
    add_path(c)
    c.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..package.descriptor import DescriptorError
    from ..package.terminal import printable
    from ..reports.person import person

    from ..package.paths import package_root

    root = locate(args.path, "person", for_programs=args.format == "json")
    if root is None:
        return 2
    # The installed package is read as zhanaozen.load reads it (checksums checked); any other by its path.
    where = None if args.path is None and root == package_root() else root
    try:
        profile = person(args.key, where)
    except (LookupError, DescriptorError, OSError, ValueError) as exc:
        print(printable(f"zhanaozen person: {exc}"), file=sys.stderr)
        return 2
    # Unsafe characters become \uXXXX, which is also how JSON writes them, so the JSON stays valid.
    sys.stdout.write(printable(profile.to_json()) + "\n" if args.format == "json" else str(profile))
    return 0
