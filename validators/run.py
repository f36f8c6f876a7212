"""Validation of a Zhanaozen data package: structure, field constraints and the named rules.

This folder has no __init__.py on purpose: as a namespace package it can never shadow the PyPI
package `validators` that frictionless imports, whatever the working directory. The wheel ships
it as `zhanaozen.validators`. This module runs every stage and rule over one data package;
nothing here writes to the package.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from zhanaozen.descriptor import DescriptorError, read_package

from . import rules
from .dataset import Dataset
from .descriptor_check import check_descriptor
from .findings import Finding, Report
from .integrity_check import check_integrity


def _without_tables(package) -> list[Finding]:
    """Work that needs no table: frictionless' descriptor check, checksums, then importing pandera."""
    findings = check_descriptor(package) + check_integrity(package)
    from . import field_checks  # noqa: F401
    return findings


def validate(path: str | Path) -> Report:
    report = Report(path=str(path))
    try:
        package = read_package(path)
    except DescriptorError as exc:
        report.findings.append(Finding("descriptor", exc.file, exc.message, line=exc.line, column=exc.field,
                                       value=exc.value if isinstance(exc.value, str) else None))
        return report
    # The descriptor check and the imports of frictionless and pandera run on the second core while
    # pyarrow reads the tables and polars types them (both release the GIL); the descriptor's
    # findings still come first.
    with ThreadPoolExecutor(max_workers=1) as pool:
        descriptor_findings = pool.submit(_without_tables, package)
        ds = Dataset(package)
        report.findings += descriptor_findings.result()
        _check_tables(ds, report)
    return report


def _check_tables(ds: Dataset, report: Report) -> None:
    from .field_checks import check_fields

    report.findings += ds.read_findings
    report.rows = {name: len(ds.text[name]) if name in ds.text else None for name in ds.package.tables}
    for name in ds.text:
        report.findings += check_fields(ds, name)
    for rule in rules.ALL:
        unreadable = [name for name in rule.TABLES if not ds.readable(name)]
        if unreadable:
            report.skipped[rule.RULE] = "cannot read " + ", ".join(unreadable)
            continue
        report.findings += rule.check(ds)
