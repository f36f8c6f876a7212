"""Every stage and named rule, in the order they run and report: the one list the registry, the text
summary, the fixes shown to contributors and the README table are read from.

Each module declares, once, ``RULE`` (its name in findings), ``QUESTION`` (what it asks, one line) and
``FIX`` (what a contributor should do, in plain words); a rule also declares ``TABLES`` and ``check()``.
A new rule is a module in rules/ with those attributes, added to ``rules.ALL``. Where each one runs
(threads, processes) is decided in run.py alone.
"""
from __future__ import annotations

from types import ModuleType

from . import rules
from .stages import descriptor, fields, integrity, structure

STAGES: tuple[ModuleType, ...] = (descriptor, integrity, structure, fields)
ALL: tuple[ModuleType, ...] = STAGES + tuple(rules.ALL)

RULES = {module.RULE: module.QUESTION for module in ALL}
FIXES = {module.RULE: module.FIX for module in ALL}


def markdown_table() -> str:
    """The README's table of stages and rules (tests/test_validate.py holds the README to it)."""
    rows = ["| stage / rule | what it asks |", "|---|---|"]
    rows += [f"| {name} | {_cell(question)} |" for name, question in RULES.items()]
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":  # python -m zhanaozen.validators.catalogue: the README table, to paste
    print(markdown_table())
