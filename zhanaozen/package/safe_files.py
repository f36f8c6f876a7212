"""The one guarded reader for every file that validate, fmt and load open from a package.

A pull request is untrusted input that runs in CI. Before a byte is read, the file must be a regular
file (not a FIFO, which would block forever, a device such as /dev/zero, or a directory), lie inside
the package root once every symbolic link is resolved, and stay within a size limit. JSON is parsed
only after a linear scan has bounded its nesting depth and the length of its numbers (Python's json
recurses per level and converts a 5,000-digit integer only to fail), and every problem carries the
line and column it was found at. Standard library only: the contract room imports nothing else.
"""
from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path, PurePosixPath

# GitHub refuses files over 100 MiB; a descriptor or schema of this project is a few kB.
MAX_DATA_BYTES = 100 * 1024 * 1024
MAX_JSON_BYTES = 4 * 1024 * 1024
MAX_JSON_DEPTH = 32  # the deepest real schema property (constraints of a field in a resource) is 6
MAX_NUMBER_CHARS = 30  # a term of months or a byte count has far fewer digits; int() of 5,000 digits fails

_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFLNK: "a symbolic link"}


class UnsafeFile(ValueError):
    """A file that must not or cannot be read as it is; ``line`` and ``column`` locate a JSON problem."""

    def __init__(self, file: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(f"{file}{f':{line}' if line else ''}: {message}")
        self.file, self.message, self.line, self.column = file, message, line, column


def member_path(root: Path, relpath: object, file: str = "datapackage.json") -> Path:
    """The resolved path of a file the package names, refused if it is a URL, absolute, climbs with
    '..' or leads outside the root through a symbolic link."""
    if not isinstance(relpath, str) or not relpath or "\x00" in relpath:
        raise UnsafeFile(file, f"{relpath!r} must be a non-empty relative path")
    if "://" in relpath or relpath.startswith(("/", "\\")) or ":" in relpath.split("/")[0]:
        raise UnsafeFile(file, f"{relpath!r} must be relative to the package, not absolute or a URL")
    if ".." in PurePosixPath(relpath).parts:
        raise UnsafeFile(file, f"{relpath!r} must not contain '..'")
    return inside(root, Path(root) / relpath, relpath)


def inside(root: Path, path: Path, shown: str) -> Path:
    """``path`` with its links resolved, refused unless it stays inside ``root``."""
    try:
        resolved = Path(path).resolve()
        top = Path(root).resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic-link loop
        raise UnsafeFile(shown, f"{shown!r} cannot be resolved ({exc})") from None
    if resolved != top and not resolved.is_relative_to(top):
        raise UnsafeFile(shown, f"{shown!r} leads outside the package (a symbolic link?); only files inside it "
                                "are read")
    return resolved


def read_bytes(root: Path, path: Path, shown: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file inside ``root``, at most ``limit`` of them (by default MAX_DATA_BYTES,
    as it is when called: the benchmark raises it in its process to time packages past the limit).

    The file is checked by lstat after resolving links, opened without following a link (so it cannot
    be swapped for one in between) and without blocking, and checked again by fstat on the open handle.
    """
    limit = MAX_DATA_BYTES if limit is None else limit
    resolved = inside(root, path, shown)
    try:
        kind = _kind(os.lstat(resolved))
        if kind:
            raise UnsafeFile(shown, f"is {kind}, not a regular file; only regular files are read")
        handle = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise UnsafeFile(shown, "file not found") from None
    except OSError as exc:
        raise UnsafeFile(shown, f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(handle)
        kind = _kind(info)
        if kind:
            raise UnsafeFile(shown, f"is {kind}, not a regular file; only regular files are read")
        if info.st_size > limit:
            raise UnsafeFile(shown, f"has {info.st_size} bytes, over the limit of {limit}")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise UnsafeFile(shown, f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(handle)
    if len(data) > limit:  # it grew while being read
        raise UnsafeFile(shown, f"has more than {limit} bytes, over the limit")
    return data


def _kind(info: os.stat_result) -> str | None:
    return None if stat.S_ISREG(info.st_mode) else _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")


def read_text(root: Path, path: Path, shown: str, limit: int | None = None) -> str:
    """UTF-8 text of a guarded file (a leading byte-order mark is an error the caller may want to see,
    so it is kept)."""
    data = read_bytes(root, path, shown, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnsafeFile(shown, "is not valid UTF-8; save it as UTF-8", line, column) from None


# Strings (with their escapes), brackets and numbers: enough to measure depth and number length in one
# linear pass. Every alternative starts with a different character and an unclosed string simply runs
# to the end (closing quote optional), so the scan never backtracks over the same text twice.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[{]|[\]}]|-?[0-9][0-9.eE+\-]*', re.DOTALL)


class JsonDocument:
    """A parsed JSON file that can say where each value stands (line and column), for findings."""

    def __init__(self, file: str, text: str, data: object):
        self.file, self.text, self.data = file, text, data
        self._positions: dict[tuple, tuple[int, int]] | None = None

    def where(self, *path: str | int) -> tuple[int | None, int | None]:
        """(line, column) of the value at ``path`` (keys and indexes), or of its nearest parent."""
        if self._positions is None:
            self._positions = _positions(self.text)
        path = tuple(path)
        while path and path not in self._positions:
            path = path[:-1]
        return self._positions.get(path, (None, None))


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_json(file: str, text: str) -> JsonDocument:
    """Parse JSON text after bounding its depth and numbers; every problem located at line and column."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise UnsafeFile(file, f"nests deeper than {MAX_JSON_DEPTH} levels", *line_column(text, match.start()))
        elif token in "]}":
            depth -= 1
        elif token[0] != '"' and len(token) > MAX_NUMBER_CHARS:
            raise UnsafeFile(file, f"holds a number of {len(token)} characters, over the limit of {MAX_NUMBER_CHARS}",
                             *line_column(text, match.start()))
    try:
        data = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise UnsafeFile(file, f"is not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except _Refused as exc:
        line, column = line_column(text, max(text.find(exc.needle), 0))
        raise UnsafeFile(file, exc.message, line, column) from None
    except (RecursionError, ValueError) as exc:  # not expected after the scan; kept a finding all the same
        raise UnsafeFile(file, f"cannot be parsed as JSON ({exc})") from None
    return JsonDocument(file, text, data)


class _Refused(ValueError):
    def __init__(self, message: str, needle: str):
        super().__init__(message)
        self.message, self.needle = message, needle


def _no_constant(name: str) -> None:
    raise _Refused(f"holds {name}, which is not JSON", name)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:  # JSON readers disagree on which one wins; the file must say one thing
            raise _Refused(f"repeats the key {key!r} in one object", json.dumps(key, ensure_ascii=False))
        seen[key] = value
    return seen


def read_json(root: Path, path: Path, shown: str, limit: int = MAX_JSON_BYTES) -> JsonDocument:
    return parse_json(shown, read_text(root, path, shown, limit))


_SCAN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")\s*(:)?|([\[{])|([\]}])|(,)|([^\s,\]}]+))')


def _positions(text: str) -> dict[tuple, tuple[int, int]]:
    """The (line, column) where each value of valid JSON starts, by its path; iterative, no recursion."""
    positions: dict[tuple, tuple[int, int]] = {}
    stack: list[list] = []  # per open container: [path, kind, next index or pending key]
    path: tuple | None = ()

    def value_path() -> tuple | None:
        if not stack:
            return ()
        top = stack[-1]
        return top[0] + (top[2],) if top[1] == "[" or top[2] is not None else None

    for match in _SCAN.finditer(text):
        string, colon, opening, closing, comma, scalar = match.groups()
        start = match.start(match.lastindex)
        if string is not None and colon:
            stack[-1][2] = json.loads(string)
            continue
        if comma:
            if stack and stack[-1][1] == "[":
                stack[-1][2] += 1
            elif stack:
                stack[-1][2] = None
            continue
        if closing:
            stack.pop()
            continue
        path = value_path()
        if path is not None:
            positions[path] = line_column(text, start)
        if opening:
            stack.append([path or (), opening, 0 if opening == "[" else None])
    return positions
