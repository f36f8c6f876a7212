"""``zhanaozen validate``: check a data package against every rule and print a summary."""
from __future__ import annotations

import argparse
import sys

from .._paths import package_root


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="validate a data package and print a summary")
    v.add_argument("path", nargs="?", help="package directory or datapackage.json (default: the installed dataset)")
    v.add_argument("--max-errors", type=int, default=200, help="print at most this many errors (0: all)")
    v.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ..validators.run import validate
    except ImportError as exc:
        print(f"zhanaozen validate needs the optional dependencies: pip install 'zhanaozen[validate]' ({exc})",
              file=sys.stderr)
        return 2
    report = validate(args.path or package_root())
    shown = report.findings if args.max_errors <= 0 else report.findings[: args.max_errors]
    for finding in shown:
        print(finding)
    if len(shown) < len(report.findings):
        print(f"... and {len(report.findings) - len(shown)} more (use --max-errors 0 to see all)")
    if report.findings:
        print()
    print(report.summary())
    return 0 if report.valid else 1
