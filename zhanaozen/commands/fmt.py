"""``zhanaozen fmt``: rewrite a package's CSVs in canonical form, or (``--check``) list those that are not."""
from __future__ import annotations

import argparse
import sys

from ._package import add_path, describe, open_package


def register(sub: argparse._SubParsersAction) -> None:
    f = sub.add_parser("fmt", help="write the CSVs in canonical form (schema column order, sorted by key, UTF-8, NFC)")
    describe(f, "Rewrite every data file in canonical form: the schema's column order, rows sorted by primary "
                "key, UTF-8 without BOM, \\n line endings, NFC, quotes only where needed. It only moves and "
                "re-quotes cells, and refuses a file it cannot read with certainty.",
             "zhanaozen fmt           # the checkout you are in",
             "zhanaozen fmt --check   # change nothing; exit 1 if a file is not canonical (CI)")
    add_path(f)
    f.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not canonical")
    f.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..maintain.fmt import format_package

    package = open_package(args.path, "fmt")
    if package is None:
        return 2
    changed, refused = format_package(package, write=not args.check)
    for message in refused:
        print(f"refused (left unchanged): {message}", file=sys.stderr)
    for relpath in changed:
        print(f"not canonical: {relpath}" if args.check else f"formatted: {relpath}")
    if args.check and changed:
        print("run `zhanaozen fmt` to write the canonical form", file=sys.stderr)
    if refused:
        return 2
    return 1 if args.check and changed else 0
