"""The ``zhanaozen`` command: dispatches to the subcommands in ``zhanaozen.commands``."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .commands import NAMES


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zhanaozen", description="The Zhanaozen Prosecutions Dataset.")
    sub = p.add_subparsers(dest="command", required=True)
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


if __name__ == "__main__":
    sys.exit(main())
