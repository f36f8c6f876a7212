"""Each data file against the size and checksum its resource declares.

A working tree declares none (docs/releases.md); a distributed package declares one for every file,
and one that lost them is reported, not trusted silently."""
from __future__ import annotations

from zhanaozen.package import safe_files
from zhanaozen.package.descriptor import Package
from zhanaozen.package.integrity import mismatch, must_declare

from ..findings import Finding

# The stage as the catalogue (validators/catalogue.py) lists it: its name, what it asks, its fix.
RULE = "integrity"
QUESTION = ("in a distributed package (wheel, release zip) each data file has the size and sha256 checksum its "
            "datapackage.json declares, and none lost them; a checkout keeps no checksums")
FIX = ("A distributed package must hold the files it was built with: get it again from its release "
       "(pip install --force-reinstall zhanaozen, or the release zip).")


def check_integrity(package: Package) -> list[Finding]:
    findings = []
    expected = must_declare(package.root, package.descriptor)
    for name, table in package.tables.items():
        if expected and table.declared_hash is None:
            if table.path.is_file():  # a missing file is the structure stage's to report
                findings.append(Finding(
                    "integrity", table.relpath,
                    f"datapackage.json declares no checksum for this file, yet {expected}: the descriptor was "
                    "changed after the build; get the package again from its release", table=name))
            continue
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
                f"the file {problem}: it changed after the package was built; get the released file again "
                "(a working tree keeps no checksums: never add them to datapackage.json)",
                table=name))
    return findings
