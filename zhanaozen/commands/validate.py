"""``zhanaozen validate``: check a data package against every rule and print a summary."""
from __future__ import annotations

import argparse
import sys

from ..package.paths import package_root


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="validate a data package and print a summary")
    v.add_argument("path", nargs="?", help="package directory or datapackage.json (default: the installed dataset)")
    v.add_argument("--max-errors", type=int, default=200, help="print at most this many errors (0: all)")
    v.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people (default); github for pull-request annotations and the step summary; "
                        "json for programs (shape in docs/validation-output.md)")
    v.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:  # validate() imports polars, pyarrow and pandera itself, after starting the descriptor check
        from ..validators.run import validate

        report = validate(args.path or package_root())
        from ..validators.output import render
    except ImportError as exc:
        print(f"zhanaozen validate needs the optional dependencies: pip install 'zhanaozen[validate]' ({exc})",
              file=sys.stderr)
        return 2
    print(render(report, args.format, args.max_errors))
    return 0 if report.valid else 1
