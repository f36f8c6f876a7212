"""Each data file against the size and checksum its resource declares (only where it declares them)."""
from __future__ import annotations

from zhanaozen.package import safe_files
from zhanaozen.package.descriptor import Package
from zhanaozen.package.integrity import mismatch

from ..findings import Finding

# The stage as the catalogue (validators/catalogue.py) lists it: its name, what it asks, its fix.
RULE = "integrity"
QUESTION = "each data file has the size and sha256 checksum that datapackage.json declares for it"
FIX = "After an intended edit of a data file run `make hashes`; otherwise restore the file from git."


def check_integrity(package: Package) -> list[Finding]:
    findings = []
    for name, table in package.tables.items():
        if table.declared_bytes is None and table.declared_hash is None:
            continue
        try:
            data = table.read_bytes()
        except safe_files.UnsafeFile:
            continue  # the structure stage reports a file it cannot read
        problem = mismatch(data, table.declared_bytes, table.declared_hash)
        if problem:
            findings.append(Finding(
                "integrity", table.relpath,
                f"the file {problem}: it changed since the checksums were refreshed. If the change is "
                "intended, run `zhanaozen release --refresh-hashes`; otherwise restore the released file",
                table=name))
    return findings
