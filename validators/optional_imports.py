"""Import a library as if some of its optional dependencies were not installed.

Pandera imports pandas (and hypothesis, for data synthesis) whenever they are installed, even to
validate polars frames, which need neither: about 0.6 s of a validation's import time, on the same
core as the checks. Pandera supports installs without them (``pandera[polars]``; pandera GH #2387),
so while the validator imports pandera and runs its first check, those packages can be made to look
absent. Pandera then stays polars-only for the rest of the process (``import pandera.pandas`` fails),
so only a process that exists to validate asks for it: the ``zhanaozen validate`` command, never a
library call from someone's notebook. Nothing changes for a process that has already imported them.
"""
from __future__ import annotations

import importlib.abc
import sys
from contextlib import contextmanager
from typing import Iterator

# What Pandera imports when installed but never needs to check polars frames.
PANDERA_EXTRAS = ("pandas", "hypothesis")
_hidden_in_this_process: frozenset[str] = frozenset()


def hide_in_this_process(names: tuple[str, ...] = PANDERA_EXTRAS) -> None:
    """From now on, ``absent_if_asked()`` hides ``names``: for a process that only validates."""
    global _hidden_in_this_process
    _hidden_in_this_process = frozenset(names)


class _Absent(importlib.abc.MetaPathFinder):
    def __init__(self, names: set[str]):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


@contextmanager
def absent_if_asked() -> Iterator[None]:
    """Inside the block, importing a package named by ``hide_in_this_process`` that is not imported yet
    fails as if it were not installed; without that call, the block changes nothing."""
    hidden = {name for name in _hidden_in_this_process if name not in sys.modules}
    finder = _Absent(hidden)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
