"""The ``zhanaozen`` command: validate a package, or describe the installed dataset."""
from __future__ import annotations

import argparse
import sys

from ._paths import package_root

CITATION = ("The Zhanaozen Prosecutions Dataset, version {version}. Licence {licence}. "
            "Cite a row by table and ID, e.g. sentences SEN-0001.")


def _validate(args: argparse.Namespace) -> int:
    try:
        from .validators.run import validate
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


def _info(args: argparse.Namespace) -> int:
    from .descriptor import read_package
    from .frames import read_text

    package = read_package(package_root())
    d = package.descriptor
    licence = ", ".join(item.get("name", "?") for item in d.get("licenses", []))
    print(f"{d.get('title')} {package.version}")
    print(f"Data licence: {licence}; code licence: MIT")
    print(f"Installed at: {package.root}\n")
    print(f"{'table':<22}{'rows':>6}  description")
    for name, table in package.tables.items():
        print(f"{name:<22}{len(read_text(table)):>6}  {table.description}")
    print("\nHow to cite: " + CITATION.format(version=package.version, licence=licence))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zhanaozen", description="The Zhanaozen Prosecutions Dataset.")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="validate a data package and print a summary")
    v.add_argument("path", nargs="?", help="package directory or datapackage.json (default: the installed dataset)")
    v.add_argument("--max-errors", type=int, default=200, help="print at most this many errors (0: all)")
    v.set_defaults(run=_validate)
    i = sub.add_parser("info", help="tables, row counts, version, licence and how to cite")
    i.set_defaults(run=_info)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a person reads this, not a traceback
        print(f"zhanaozen {args.command}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
