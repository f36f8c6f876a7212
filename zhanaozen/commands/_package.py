"""Which package a command reads: one convention for every command (docs: README "Which package").

An optional PATH names it. Without one, inside a checkout (a ``datapackage.json`` in the current
folder or a parent) the command reads that checkout, so that a contributor's edits are what is
judged; elsewhere it reads the package installed with ``zhanaozen``. The first line a command prints
says which package it read: on standard output for people, on standard error where standard output
is for programs (an ID, a template, JSON, CSV), so that ``$(zhanaozen next-id persons)`` stays clean.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..package.descriptor import DescriptorError, Package, read_package
from ..package.paths import package_root

PATH_HELP = ("package directory or its datapackage.json (default: the checkout around the current folder, "
             "else the installed package)")


class UsageError(ValueError):
    """What was asked cannot be done as asked (no such path, not a package): exit 2 with one line."""


def add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=None, help=PATH_HELP)


def checkout_around(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current one) holding a datapackage.json."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "datapackage.json").is_file():
            return folder
    return None


def choose(path: str | None) -> tuple[Path, str]:
    """The package root to read, and the words that say which one it is."""
    if path is not None:
        given = Path(path)
        if not given.exists():
            raise UsageError(f"{path}: no such file or folder")
        root = given.parent if given.is_file() else given
        if not (root / "datapackage.json").is_file():
            raise UsageError(f"{path}: not a data package (no datapackage.json there)")
        return root, f"the package at {root.resolve()}"
    checkout = checkout_around()
    if checkout is not None:
        return checkout, f"the checkout at {checkout} (found from the current folder; name a PATH to read another)"
    root = package_root()
    return root, f"the installed package at {root} (no datapackage.json here or above; name a PATH to read another)"


def announce(command: str, words: str, for_programs: bool = False) -> None:
    """The first line of output: which package the command read."""
    from ..package.terminal import printable  # a folder's name may hold terminal escapes

    print(printable(f"zhanaozen {command}: {words}"), file=sys.stderr if for_programs else sys.stdout, flush=True)


def locate(path: str | None, command: str, for_programs: bool = False) -> Path | None:
    """The package root, announced; or None after one line on standard error saying why (exit 2)."""
    try:
        root, words = choose(path)
    except (UsageError, FileNotFoundError) as exc:
        from ..package.terminal import printable  # a path typed or found may hold terminal escapes

        print(printable(f"zhanaozen {command}: {exc}"), file=sys.stderr)
        return None
    announce(command, words, for_programs)
    return root


def open_package(path: str | None, command: str, for_programs: bool = False) -> Package | None:
    """The package, announced; or None after one line on standard error saying why it cannot be read."""
    root = locate(path, command, for_programs)
    if root is None:
        return None
    try:
        return read_package(root)
    except DescriptorError as exc:
        from ..validators.inert import printable  # the package's text, never a terminal escape

        print(f"zhanaozen {command}: {printable(exc)}; nothing was changed", file=sys.stderr)
        return None


def describe(parser: argparse.ArgumentParser, what: str, *examples: str) -> None:
    """A subcommand's help: what it does and examples (argparse prints the epilog as written)."""
    parser.description = what
    parser.epilog = "examples:\n" + "\n".join(f"  {example}" for example in examples)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
