"""The package keeps the contract of its last release: no field, type or constraint removed or loosened.

The last release is the highest version under releases/ that has a contract.json and is not above the
descriptor's version. A change that breaks code written against it (docs/releases.md: a table or column
removed, a type changed, a vocabulary value removed, a key changed; and a constraint dropped or widened,
which readers relied on) is an error unless the descriptor's major version is above the release's.
"""
from __future__ import annotations

from zhanaozen.package import safe_files
from zhanaozen.package.contract import FILE, breaking, contract, version_key

from ..dataset import Dataset
from ..findings import Finding
from ..stages.roles import Locator

RULE = "contract"
QUESTION = "no field, type or constraint of the last release was removed or loosened, unless the major version was raised"
FIX = ("Restore the field or constraint as released; if the change is intended, raise the major version in "
       "datapackage.json (docs/releases.md) and say why in the pull request.")
TABLES: tuple[str, ...] = ()


def last_release(ds: Dataset) -> tuple[str, dict] | tuple[None, None] | tuple[str, Finding]:
    current = version_key(ds.package.version)
    found = []
    for path in (ds.package.root / "releases").glob(f"*/{FILE}"):
        key = version_key(path.parent.name)
        if key is not None and (current is None or key <= current):
            found.append((key, path))
    if not found:
        return None, None
    _, path = max(found)
    relpath = path.relative_to(ds.package.root).as_posix()
    try:
        doc = safe_files.read_json(ds.package.root, path, relpath)
    except safe_files.UnsafeFile as exc:
        return relpath, Finding(RULE, relpath, exc.message, line=exc.line, character=exc.column)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("tables"), dict):
        return relpath, Finding(RULE, relpath, "a release contract must hold an object with its tables", line=1)
    return relpath, doc.data


def check(ds: Dataset) -> list[Finding]:
    relpath, released = last_release(ds)
    if released is None:
        return []
    if isinstance(released, Finding):
        return [released]
    old, new = version_key(str(released.get("version"))), version_key(ds.package.version)
    if old and new and new[0] > old[0]:
        return []  # the version says so: a major release may break the contract
    locate = Locator(ds.package)
    findings = []
    try:
        problems = breaking(released, contract(ds.package))
    except (AttributeError, TypeError, KeyError) as exc:
        return [Finding(RULE, relpath, f"the release contract cannot be read ({exc})", line=1)]
    for table, field, what in problems:
        message = (f"breaking change against release {released.get('version')} ({relpath}): {what}; "
                   f"the version {ds.package.version} does not raise the major number")
        if table in ds.package.tables:
            target = ds.package.tables[table]
            names = target.field_names
            index = names.index(field) if field in names else None
            file, line, column = locate.field(target, index, "name") if index is not None else locate.field(target, None)
        else:
            file, (line, column) = "datapackage.json", locate.where("datapackage.json", "resources")
        findings.append(Finding(RULE, file, message, line=line, column=field, character=column, table=table))
    return findings
