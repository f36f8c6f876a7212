"""``zhanaozen diff OLD [NEW]``: added, removed and modified records per table between two versions."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from ._package import UsageError, announce, checkout_around, choose, describe

SPEC = "package directory, wheel, zipped data package or git ref"


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("diff", help="records added, removed and modified between two versions of the package")
    describe(d, "List, table by table, the records added, removed and modified between two versions, with "
                "each changed field's old and new value and the schema changes.",
             "zhanaozen diff v0.1.0           # the release tag against the checkout you are in",
             "zhanaozen diff main HEAD        # two git refs of the checkout",
             "zhanaozen diff old.whl new.zip --format json")
    d.add_argument("old", help=SPEC)
    d.add_argument("new", nargs="?", default=None,
                   help=SPEC + " (default: the checkout around the current folder, else the installed package)")
    d.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    d.add_argument("--repo", type=Path, default=None,
                   help="git checkout that git refs belong to (default: the checkout around the current folder)")
    d.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..maintain.diff import diff
    from ..package.descriptor import DescriptorError, read_package
    from ..package.source import SourceError, materialise
    from ..maintain.release_notes import report
    from ..package.terminal import printable

    new = args.new
    if new is None:
        try:
            root, words = choose(None)
        except (UsageError, FileNotFoundError) as exc:
            print(f"zhanaozen diff: {exc}", file=sys.stderr)
            return 2
        new = str(root)
    else:
        words = f"{args.old} against {args.new}"
    announce("diff", f"{args.old} against {words}" if args.new is None else words, args.format == "json")
    repo = args.repo or checkout_around()  # git refs are the checkout's, from any folder inside it
    with tempfile.TemporaryDirectory(prefix="zhanaozen-diff-") as tmp:
        try:
            old = read_package(materialise(args.old, Path(tmp) / "old", repo))
            new = read_package(materialise(new, Path(tmp) / "new", repo))
        except (SourceError, DescriptorError) as exc:
            print(printable(f"zhanaozen diff: {exc}"), file=sys.stderr)
            return 2
        changes = diff(old, new)
    # Values come from the data: no terminal escape sequence is printed (the \uXXXX notation keeps JSON valid).
    print(printable(json.dumps(changes, indent=2, ensure_ascii=False) if args.format == "json" else report(changes)))
    return 0
