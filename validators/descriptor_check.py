"""The descriptor and schemas as Frictionless metadata."""
from __future__ import annotations

import copy

from zhanaozen.descriptor import Package

from .findings import Finding


def check_descriptor(package: Package) -> list[Finding]:
    """Frictionless' own metadata validation, on a copy with each schema inlined (no file is opened)."""
    from frictionless import Package as FrictionlessPackage

    descriptor = copy.deepcopy(package.descriptor)
    for resource in descriptor["resources"]:
        schema_path = resource.get("schema")
        if isinstance(schema_path, str):
            import json
            resource["schema"] = json.loads((package.root / schema_path).read_text(encoding="utf-8"))
    report = FrictionlessPackage.validate_descriptor(descriptor)
    return [Finding("descriptor", "datapackage.json", f"{error.type}: {error.note}") for error in report.errors]
