"""Import a library as if some of its optional dependencies were not installed.

Pandera imports pandas (and hypothesis, for data synthesis) whenever they are installed, even to
validate polars frames, which need neither: about 0.6 s of a validation's import time, on the same
core as the checks. Pandera supports installs without them (``pandera[polars]``; pandera GH #2387),
so while the validator imports pandera and runs its first check, those packages look absent.
Nothing changes for a process that has already imported them.
"""
from __future__ import annotations

import importlib.abc
import sys
from contextlib import contextmanager
from typing import Iterator


class _Absent(importlib.abc.MetaPathFinder):
    def __init__(self, names: set[str]):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


@contextmanager
def absent(*names: str) -> Iterator[None]:
    """Inside the block, importing any of ``names`` that is not imported yet fails as if not installed."""
    hidden = {name for name in names if name not in sys.modules}
    finder = _Absent(hidden)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
