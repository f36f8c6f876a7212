"""``zhanaozen diff OLD NEW``: added, removed and modified records per table between two versions."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("diff", help="records added, removed and modified between two versions of the package")
    d.add_argument("old", help="package directory, wheel, zipped data package or git ref")
    d.add_argument("new", help="package directory, wheel, zipped data package or git ref")
    d.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    d.add_argument("--repo", type=Path, default=None, help="git checkout that git refs belong to (default: .)")
    d.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..maintain.diff import diff
    from ..package.descriptor import DescriptorError, read_package
    from ..package.source import SourceError, materialise
    from ..maintain.release_notes import report
    from ..package.terminal import printable

    with tempfile.TemporaryDirectory(prefix="zhanaozen-diff-") as tmp:
        try:
            old = read_package(materialise(args.old, Path(tmp) / "old", args.repo))
            new = read_package(materialise(args.new, Path(tmp) / "new", args.repo))
        except (SourceError, DescriptorError) as exc:
            print(printable(f"zhanaozen diff: {exc}"), file=sys.stderr)
            return 2
        changes = diff(old, new)
    # Values come from the data: no terminal escape sequence is printed (the \uXXXX notation keeps JSON valid).
    print(printable(json.dumps(changes, indent=2, ensure_ascii=False) if args.format == "json" else report(changes)))
    return 0
