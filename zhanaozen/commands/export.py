"""``zhanaozen export [PATH]``: the tables as Parquet, SQLite, Excel, Stata or a zipped CSV data package."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("parquet", "sqlite", "xlsx", "dta", "csv", "all")


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="write the tables as Parquet, SQLite, Excel, Stata or CSV files, "
                                      "each carrying the version, licence, citation and column descriptions")
    e.add_argument("path", nargs="?", default=None,
                   help="package directory or datapackage.json (default: the installed dataset)")
    e.add_argument("--format", choices=FORMATS, required=True, help="file format, or all of them")
    e.add_argument("--tables", nargs="+", metavar="TABLE", help="only these tables (default: every table)")
    e.add_argument("--out", type=Path, default=Path("."), help="output folder (default: .)")
    e.set_defaults(run=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"zhanaozen export: {message}; nothing was written", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from ..loading.tables import load_from, shipped_package
    from ..package.descriptor import DescriptorError, read_package
    from ..package.integrity import IntegrityError
    from ..package.writing import UnsafeWrite

    try:
        package = read_package(args.path) if args.path else shipped_package()
    except DescriptorError as exc:
        return _fail(str(exc))
    names = args.tables or list(package.tables)
    unknown = [name for name in names if name not in package.tables]
    if unknown:
        return _fail(f"no table {', '.join(map(repr, unknown))}; the tables are: {', '.join(package.tables)}")
    names = [name for name in package.tables if name in names]  # the descriptor's order
    try:
        from ..reports.export import export

        frames = {name: load_from(package, name) for name in names}
        paths = export(package, frames, args.format, args.out)
    except ImportError as exc:  # pyarrow or openpyxl missing
        return _fail(f"needs the optional dependencies: pip install 'zhanaozen[export]' ({exc})")
    except (UnsafeWrite, IntegrityError, ValueError, OSError) as exc:
        return _fail(str(exc), 1)
    print("\n".join(map(str, paths)))
    return 0
