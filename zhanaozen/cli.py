"""The ``zhanaozen`` command: dispatches to the subcommands in ``zhanaozen.commands``."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

from .commands import NAMES


class _Parser(argparse.ArgumentParser):
    """A usage error is one line and exit code 2 (argparse would print the whole usage first)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from . import version as data_version

    try:
        code = version("zhanaozen")
    except PackageNotFoundError:  # run from a source tree that was never installed
        code = "not installed"
    return f"zhanaozen {code} (installed data package version {data_version()})"


class _Version(argparse.Action):
    """``--version`` reads the version only when asked, keeping ``zhanaozen --help`` fast."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        print(_version())
        parser.exit(0)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="zhanaozen", description="The Zhanaozen Prosecutions Dataset: validate, format, cite and "
                "export the data package. Commands that read a package take an optional PATH; without it they "
                "read the checkout around the current folder, else the installed package, and say which first.",
                epilog="`zhanaozen COMMAND --help` describes a command, with examples.")
    p.add_argument("--version", action=_Version)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in NAMES:
        importlib.import_module(f".commands.{name}", __package__).register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a person reads this, not a traceback
        print(f"zhanaozen {args.command}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3


def _no_blas_threads() -> None:
    """No command calls BLAS (numpy comes in with pyarrow and the validator's quote scan), yet OpenBLAS
    starts a thread per core when numpy is imported, and each spins a while waiting for work: 8 % of the
    CPU of `zhanaozen validate` at 1e6 rows, on a machine whose two cores the validation keeps busy. Only
    the console script's process asks for one thread (a library call leaves its caller's setting alone),
    and a setting of the user's own is kept."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def run(argv: list[str] | None = None) -> NoReturn:
    """The console script: :func:`main`, then the process ends without the interpreter's teardown.

    Nothing of ours needs the teardown (each command removes its temporary folders before it returns),
    while it costs about 0.1 s after a validation, freeing every module and object one by one, and it can
    abort a process that has already printed everything: a native thread pool (Arrow's) torn down with
    a worker still alive calls std::terminate (apache/arrow#34314; seen once in this project's CI, as
    `zhanaozen info` ending with signal 6 after its output)."""
    _no_blas_threads()
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's --help, --version and usage errors
        code = stop.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that stopped early, or a closed stream: nothing to keep
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    run()
