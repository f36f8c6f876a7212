"""The package a maintenance command works on (fmt, next-id, template): a directory, default the current one."""
from __future__ import annotations

import argparse
import sys

from ..package.descriptor import DescriptorError, Package, read_package


def add_path(parser: argparse.ArgumentParser, *flags: str) -> None:
    names = flags or ("path",)
    extra = {} if flags else {"nargs": "?"}
    parser.add_argument(*names, default=".", help="package directory or datapackage.json (default: .)", **extra)


def open_package(path: str, command: str) -> Package | None:
    """The package, or None after telling the person why it cannot be read."""
    try:
        return read_package(path)
    except DescriptorError as exc:
        from ..validators.inert import printable  # the package's text, never a terminal escape

        print(f"zhanaozen {command}: {printable(exc)}; nothing was changed", file=sys.stderr)
        return None
