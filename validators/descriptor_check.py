"""The descriptor and schemas as Frictionless metadata, checked without fetching or opening anything."""
from __future__ import annotations

import copy
import json

from zhanaozen.descriptor import Package, descriptor_line

from .findings import Finding

# Profiles frictionless knows by name. Any other value is a URL or path frictionless would fetch.
KNOWN_PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}
_REMOTE = ("profile", "$schema", "dialect")


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
        if isinstance(schema_path, str):
            resource["schema"] = json.loads((package.root / schema_path).read_text(encoding="utf-8"))
    report = FrictionlessPackage.validate_descriptor(descriptor)
    return findings + [Finding("descriptor", "datapackage.json", f"{error.type}: {error.note}")
                       for error in report.errors]
