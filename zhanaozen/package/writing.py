"""Where a command may write, and how: inside the folder the user chose, never through a link, atomically.

Every command that writes (``template --write``, ``release``, ``fmt``, ``export``) names its target through
:func:`target`, which refuses a path that leads outside the chosen folder, or that is (or passes through) a
symbolic link a pull request could have committed; :func:`write_bytes` and :func:`replaced` then write through a
temporary file in the same folder, so an interrupted command never leaves half a file. Standard library only.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

# A name that becomes part of a file name (a table, the package): Frictionless's own name pattern.
SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


class UnsafeWrite(ValueError):
    """The target of a write is outside the chosen folder, a symbolic link, or not a plain file name."""


def safe_name(name: object, what: str) -> str:
    """``name`` when it can be used in a file name as is (lower-case letters, digits, ``.``, ``_``, ``-``)."""
    if not isinstance(name, str) or not SAFE_NAME.fullmatch(name) or ".." in name:
        raise UnsafeWrite(f"the {what} {name!r} cannot be used in a file name "
                          "(only lower-case letters, digits, '.', '_' and '-')")
    return name


def folder(path: Path | str, create: bool = True) -> Path:
    """The chosen output folder, resolved; refused when it is a symbolic link or not a folder."""
    path = Path(path)
    if path.is_symlink():
        raise UnsafeWrite(f"{path} is a symbolic link; name the real folder")
    if create:
        path.mkdir(parents=True, exist_ok=True)
    if not path.is_dir():
        raise UnsafeWrite(f"{path} is not a folder")
    return path.resolve()


def target(root: Path, relpath: str | Path) -> Path:
    """``root / relpath`` after checking that it stays inside ``root`` and that no part of it is a link."""
    root = Path(root).resolve()
    parts = PurePosixPath(Path(relpath).as_posix()).parts
    if not parts or Path(relpath).is_absolute() or ".." in parts:
        raise UnsafeWrite(f"{relpath} must be a path inside {root}")
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            raise UnsafeWrite(f"{path} is a symbolic link; refusing to write through it")
    if path.exists() and not path.is_file():
        raise UnsafeWrite(f"{path} exists and is not a regular file")
    if not path.resolve().is_relative_to(root):
        raise UnsafeWrite(f"{path} leads outside {root}")
    return path


@contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``; when the block ends without error it replaces ``path`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        yield Path(temporary)
        mode = path.stat().st_mode & 0o777 if path.is_file() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)  # rename never follows a link at the destination: it replaces the entry
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_bytes(root: Path, relpath: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``root/relpath`` (checked by :func:`target`) atomically; returns the path."""
    path = target(root, relpath)
    with replaced(path) as temporary:
        temporary.write_bytes(data)
    return path


def write_text(root: Path, relpath: str | Path, text: str) -> Path:
    return write_bytes(root, relpath, text.encode("utf-8"))
