"""``zhanaozen cite``: how to cite the installed version of the dataset, and a row in it."""
from __future__ import annotations

import argparse

from ..package.citation import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("cite", help="print the citation of the installed version")
    c.add_argument("--format", choices=FORMATS, default="text", help="citation style (default: text)")
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import cite
    from ..package.terminal import printable

    print(printable(cite(args.format).rstrip("\n")))
    return 0
