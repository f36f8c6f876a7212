"""One module per ``zhanaozen`` subcommand.

Each module defines ``register(subparsers)``, which adds its parser and sets ``run`` to a function taking the
parsed arguments and returning the exit code. Modules import heavy libraries inside ``run`` only, so that
``zhanaozen --help`` stays fast. To add a command, add its module name to ``NAMES``.
"""
NAMES = (
    "validate",
    "fmt",
    "next_id",
    "template",
    "info",
    "coverage",
    "cite",
    "person",
    "diff",
    "release",
    "export",
)
