"""``zhanaozen cite``: how to cite a version of the dataset, and a row in it."""
from __future__ import annotations

import argparse

from ..package.citation import FORMATS
from ._package import add_path, describe, open_package


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("cite", help="print the citation of the dataset's version")
    describe(c, "Print the citation of the package's version (the checkout you are in, else the installed "
                "package). Which package was read goes to standard error, so the citation can be captured.",
             "zhanaozen cite",
             "zhanaozen cite --format bibtex > zhanaozen.bib")
    add_path(c)
    c.add_argument("--format", choices=FORMATS, default="text", help="citation style (default: text)")
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..package.citation import render
    from ..package.terminal import printable

    package = open_package(args.path, "cite", for_programs=True)
    if package is None:
        return 2
    print(printable(render(package.descriptor, args.format).rstrip("\n")))
    return 0
