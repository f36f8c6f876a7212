"""Validation of a Zhanaozen data package: structure, field constraints and the named rules.

This folder has no __init__.py on purpose: as a namespace package it can never shadow the PyPI
package `validators` that frictionless imports, whatever the working directory. The wheel ships
it as `zhanaozen.validators`. This module runs every stage and rule over one data package;
nothing here writes to the package.
"""
from __future__ import annotations

from pathlib import Path

from zhanaozen.descriptor import DescriptorError, read_package

from . import rules
from .dataset import Dataset
from .descriptor_check import check_descriptor
from .field_checks import check_fields
from .findings import Finding, Report


def validate(path: str | Path) -> Report:
    report = Report(path=str(path))
    try:
        package = read_package(path)
    except DescriptorError as exc:
        report.findings.append(Finding("descriptor", exc.file, exc.message, line=exc.line, column=exc.field,
                                       value=exc.value if isinstance(exc.value, str) else None))
        return report
    report.findings += check_descriptor(package)
    ds = Dataset(package)
    report.findings += ds.read_findings
    report.rows = {name: len(ds.text[name]) if name in ds.text else None for name in package.tables}
    for name in ds.text:
        report.findings += check_fields(ds, name)
    for rule in rules.ALL:
        unreadable = [name for name in rule.TABLES if not ds.readable(name)]
        if unreadable:
            report.skipped[rule.RULE] = "cannot read " + ", ".join(unreadable)
            continue
        report.findings += rule.check(ds)
    return report
