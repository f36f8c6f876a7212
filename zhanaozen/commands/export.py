"""``zhanaozen export``: a package's tables as Parquet, SQLite, Excel or Stata files."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._package import add_path, describe, open_package

FORMATS = ("parquet", "sqlite", "xlsx", "dta")


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="write the tables as Parquet, SQLite, Excel or Stata files")
    describe(e, "Write every table, typed as zhanaozen.load() returns it, as Parquet, SQLite, Excel or Stata "
                "files; the written paths go to standard output. Needs pip install 'zhanaozen[export]'.",
             "zhanaozen export --format parquet --out exports/",
             "zhanaozen export path/to/package --format sqlite --out exports/")
    add_path(e)
    e.add_argument("--format", choices=FORMATS, required=True, help="file format")
    e.add_argument("--out", type=Path, default=Path("."), help="output directory (default: .)")
    e.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..loading.tables import load_all
    from ..reports.export import export

    package = open_package(args.path, "export", for_programs=True)
    if package is None:
        return 2
    try:
        paths = export(package, load_all(package), args.format, args.out)
    except ImportError as exc:  # pyarrow or openpyxl missing
        print(f"zhanaozen export needs the optional dependencies: pip install 'zhanaozen[export]' ({exc})",
              file=sys.stderr)
        return 2
    print("\n".join(map(str, paths)))
    return 0
