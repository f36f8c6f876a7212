"""``zhanaozen coverage``: documented persons per trial and outcome next to the totals sources report."""
from __future__ import annotations

import argparse
import sys

from ._package import add_path, describe, locate

FORMATS = ("text", "markdown", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("coverage", help="documented persons per trial and outcome against reported totals")
    describe(c, "For each trial and outcome, how many persons the tables document against the totals sources "
                "report (the coverage warnings of `zhanaozen validate`, explained).",
             "zhanaozen coverage",
             "zhanaozen coverage --format csv > coverage.csv")
    add_path(c)
    c.add_argument("--format", choices=FORMATS, default="text",
                   help="text (terminal), markdown (the docs page body) or csv (one row per trial, measure and claim)")
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..docsite import coverage_page
    from ..reports import coverage

    root = locate(args.path, "coverage", for_programs=args.format != "text")
    if root is None:
        return 2
    try:
        if args.format == "csv":
            coverage.coverage(root).to_csv(sys.stdout, index=False, lineterminator="\n")
        else:
            sys.stdout.write(coverage_page.markdown(root) if args.format == "markdown" else coverage.text(root))
        sys.stdout.flush()
    except coverage.CoverageError as exc:
        print(f"zhanaozen coverage: {exc}", file=sys.stderr)
        return 2
    return 0
