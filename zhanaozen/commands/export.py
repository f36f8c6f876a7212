"""``zhanaozen export``: the installed tables as Parquet, SQLite, Excel or Stata files."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("parquet", "sqlite", "xlsx", "dta")


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="write the tables as Parquet, SQLite, Excel or Stata files")
    e.add_argument("--format", choices=FORMATS, required=True, help="file format")
    e.add_argument("--out", type=Path, default=Path("."), help="output directory (default: .)")
    e.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..reports.export import export
    from ..loading.tables import load_all, shipped_package

    try:
        paths = export(shipped_package(), load_all(), args.format, args.out)
    except ImportError as exc:  # pyarrow or openpyxl missing
        print(f"zhanaozen export needs the optional dependencies: pip install 'zhanaozen[export]' ({exc})",
              file=sys.stderr)
        return 2
    print("\n".join(map(str, paths)))
    return 0
