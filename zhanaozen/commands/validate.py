"""``zhanaozen validate``: check a data package against every rule and print a summary."""
from __future__ import annotations

import argparse
import sys

from ._package import add_path, describe, locate


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="validate a data package and print a summary")
    describe(v, "Check a data package against its schemas and every rule of the data model; it never writes. "
                "Exit 0: valid (warnings allowed); 1: invalid; 2: the package or the tools are missing.",
             "zhanaozen validate                  # the checkout you are in (else the installed package)",
             "zhanaozen validate path/to/package  # another package",
             "zhanaozen validate --format github  # annotations on a pull request's diff (CI)",
             "zhanaozen validate --quiet          # errors and the verdict only")
    add_path(v)
    v.add_argument("--max-errors", type=int, default=200, help="print at most this many errors (0: all)")
    v.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people (default); github for pull-request annotations and the step summary; "
                        "json for programs (shape in docs/validation-output.md)")
    v.add_argument("--quiet", action="store_true",
                   help="print the errors and the verdict only: no warnings, no tables")
    v.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import validate
    from ..validators.optional_imports import hide_in_this_process

    hide_in_this_process()  # this process only validates: pandera can go without pandas

    root = locate(args.path, "validate", for_programs=args.format == "json")
    if root is None:
        return 2
    try:
        report = validate(root)
    except ImportError as exc:  # the [validate] extra is missing: zhanaozen.validate says which install fixes it
        print(f"zhanaozen validate: {exc}", file=sys.stderr)
        return 2
    from ..validators.output import render

    print(render(report, args.format, args.max_errors, quiet=args.quiet))
    return 0 if report.valid else 1
