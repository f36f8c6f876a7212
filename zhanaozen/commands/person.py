"""``zhanaozen person KEY``: one person's whole record, found by ID or any recorded spelling."""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("person", help="one person's record: spellings, custody, trials, sentences, allegations, sources")
    c.add_argument("key", help="a person ID (PER-0001) or any recorded spelling, Latin or Cyrillic")
    c.add_argument("path", nargs="?", help="package directory or datapackage.json (default: the installed dataset)")
    c.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..package.descriptor import DescriptorError
    from ..package.terminal import printable
    from ..reports.person import person

    try:
        profile = person(args.key, args.path)
    except (LookupError, DescriptorError, OSError, ValueError) as exc:
        print(printable(f"zhanaozen person: {exc}"), file=sys.stderr)
        return 2
    # Unsafe characters become \uXXXX, which is also how JSON writes them, so the JSON stays valid.
    sys.stdout.write(printable(profile.to_json()) + "\n" if args.format == "json" else str(profile))
    return 0
