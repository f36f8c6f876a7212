"""The descriptor and schemas as Frictionless metadata, checked without fetching or opening anything."""
from __future__ import annotations

import copy
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import zhanaozen
from zhanaozen.package import safe_files
from zhanaozen.package.descriptor import Package, descriptor_line, read_package

from ..findings import Finding

# The stage as the catalogue (validators/catalogue.py) lists it: its name, what it asks, its fix.
RULE = "descriptor"
QUESTION = ("datapackage.json and the schemas are valid Frictionless metadata and name only files inside "
            "the package")
FIX = "Keep every path in datapackage.json relative, inside the package, and pointing at a real file."

# Profiles frictionless knows by name. Any other value is a URL or path frictionless would fetch.
KNOWN_PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}
_REMOTE = ("profile", "$schema", "dialect")
# The child process imports only from the standard library and the installed zhanaozen: -I ignores the
# environment (PYTHONPATH, user site) and puts neither the working directory nor a script's folder on
# sys.path, so a contributed dataclasses.py next to datapackage.json is never imported. zhanaozen's own
# folder is appended (after the standard library) for a source checkout that is not installed.
_BOOT = ("import sys, runpy; sys.path.append(sys.argv.pop(1)); "
         "runpy.run_module('zhanaozen.validators.stages.descriptor', run_name='__main__', alter_sys=True)")
_OURS = str(Path(zhanaozen.__file__).resolve().parent.parent)
TIMEOUT = 300  # seconds; frictionless' metadata checks take under one on any descriptor within the size limits


def _strip_references(package: Package, descriptor: dict) -> list[Finding]:
    """Remove from the copy what frictionless would fetch (a profile URL, a dialect path) and report it."""
    findings = []
    for owner in [descriptor] + descriptor["resources"]:
        for key in _REMOTE:
            value = owner.get(key)
            if isinstance(value, dict) or value is None or (key != "dialect" and value in KNOWN_PROFILES):
                continue
            del owner[key]
            line = descriptor_line(package.root / "datapackage.json", key, value)
            words = "inline" if key == "dialect" else "one of " + ", ".join(sorted(KNOWN_PROFILES))
            findings.append(Finding("descriptor", "datapackage.json",
                                    f"{key} must be {words}; the validator fetches and opens nothing it names",
                                    line=line, column=key, value=str(value)))
    return findings


def check_descriptor(package: Package) -> list[Finding]:
    """Frictionless' own metadata validation, on a copy with each schema inlined (no file is opened)."""
    from frictionless import Package as FrictionlessPackage

    descriptor = copy.deepcopy(package.descriptor)
    findings = _strip_references(package, descriptor)
    for resource in descriptor["resources"]:
        schema_path = resource.get("schema")
        if isinstance(schema_path, str):  # read_package checked it: a JSON file inside the package
            resource["schema"] = safe_files.read_json(package.root, package.root / schema_path, schema_path).data
    report = FrictionlessPackage.validate_descriptor(descriptor)
    return findings + [Finding("descriptor", "datapackage.json", f"{error.type}: {error.note}")
                       for error in report.errors]


def start(package: Package) -> subprocess.Popen | None:
    """Run :func:`check_descriptor` in a child process, in parallel with the column checks.

    Importing frictionless and its metadata checks are Python work (about 0.6 s) that would hold
    the GIL the column checks need; a process has its own. None where no interpreter can be started.
    """
    try:
        return subprocess.Popen([sys.executable, "-I", "-c", _BOOT, _OURS, str(Path(package.root).resolve())],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                text=True, encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return None


def result(package: Package, child: subprocess.Popen | None) -> list[Finding]:
    """The findings of a check started by :func:`start` (or of one run here, if it could not start)."""
    if child is None:
        return check_descriptor(package)
    try:
        out, err = child.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return [Finding("descriptor", "datapackage.json", f"the descriptor check did not finish in {TIMEOUT} s")]
    if child.returncode != 0:
        last = (err.strip().splitlines() or [f"exit status {child.returncode}"])[-1]
        return [Finding("descriptor", "datapackage.json", f"the descriptor check could not run: {last}")]
    return [Finding(**found) for found in json.loads(out)]


if __name__ == "__main__":
    print(json.dumps([dataclasses.asdict(found) for found in check_descriptor(read_package(sys.argv[1]))]))
