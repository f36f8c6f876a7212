"""Each data file against the size and checksum its resource declares.

A working tree declares none (docs/releases.md); a distributed package declares one for every file,
and one that lost them is reported, not trusted silently."""
from __future__ import annotations

from zhanaozen.package.descriptor import Package, Table
from zhanaozen.package.integrity import mismatch, must_declare

from ..findings import Finding

# The stage as the catalogue (validators/catalogue.py) lists it: its name, what it asks, its fix.
RULE = "integrity"
QUESTION = ("in a distributed package (wheel, release zip) each data file has the size and sha256 checksum its "
            "datapackage.json declares, and none lost them; a checkout keeps no checksums")
FIX = ("A distributed package must hold the files it was built with: get it again from its release "
       "(pip install --force-reinstall zhanaozen, or the release zip).")


def why_required(package: Package) -> str | None:
    """Why every file of this package must declare a checksum (a distributed package), or None."""
    return must_declare(package.root, package.descriptor)


def check_file(table: Table, data: bytes | None, why: str | None) -> list[Finding]:
    """The file's bytes against what its resource declares. ``data`` is None where the guarded reader
    refused the file (the structure stage reports that); ``why`` comes from :func:`why_required`."""
    if why and table.declared_hash is None:
        if not table.path.is_file():  # a missing file is the structure stage's to report
            return []
        return [Finding("integrity", table.relpath,
                        f"datapackage.json declares no checksum for this file, yet {why}: the descriptor "
                        "was changed after the build; get the package again from its release", table=table.name)]
    if data is None:
        return []
    problem = mismatch(data, table.declared_bytes, table.declared_hash)
    if not problem:
        return []
    return [Finding("integrity", table.relpath,
                    f"the file {problem}: it changed after the package was built; get the released file again "
                    "(a working tree keeps no checksums: never add them to datapackage.json)", table=table.name)]
