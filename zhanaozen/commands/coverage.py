"""``zhanaozen coverage``: documented persons per trial and outcome next to the totals sources report."""
from __future__ import annotations

import argparse
import sys

FORMATS = ("text", "markdown", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("coverage", help="documented persons per trial and outcome against reported totals")
    c.add_argument("path", nargs="?", help="package directory or datapackage.json (default: the installed dataset)")
    c.add_argument("--format", choices=FORMATS, default="text",
                   help="text (terminal), markdown (the docs page body) or csv (one row per trial, measure and claim)")
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..docsite import coverage_page
    from ..reports import coverage

    try:
        if args.format == "csv":
            coverage.coverage(args.path).to_csv(sys.stdout, index=False, lineterminator="\n")
        else:
            sys.stdout.write(coverage_page.markdown(args.path) if args.format == "markdown" else coverage.text(args.path))
        sys.stdout.flush()
    except coverage.CoverageError as exc:
        print(f"zhanaozen coverage: {exc}", file=sys.stderr)
        return 2
    return 0
