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
    """Work that needs no table: frictionless' descriptor check and the checksums."""
    return check_descriptor(package) + check_integrity(package)


def _check_fields(ds: Dataset, name: str) -> list[Finding]:
    from .field_checks import check_fields  # pandera: imported by the first call, on the second thread

    return check_fields(ds, name)


def validate(path: str | Path) -> Report:
    report = Report(path=str(path))
    try:
        package = read_package(path)
    except DescriptorError as exc:
        report.findings.append(Finding("descriptor", exc.file, exc.message, line=exc.line, column=exc.field,
                                       value=exc.value if isinstance(exc.value, str) else None))
        return report
    # Two threads. The main one reads and types the tables (pyarrow and polars, which release the
    # GIL), then runs the rules. The second imports pandera and checks each table's fields as soon as
    # it is typed, then runs the descriptor check and the checksums. Findings keep their order:
    # descriptor, structure, fields, rules.
    with ThreadPoolExecutor(max_workers=1) as second:
        fields = {}
        ds = Dataset(package, ready=lambda ds, name: fields.__setitem__(name, second.submit(_check_fields, ds, name)))
        without_tables = second.submit(_without_tables, package)
        rule_findings = _check_rules(ds, report)
        report.findings += without_tables.result() + ds.read_findings
        for name in ds.text:
            report.findings += fields[name].result()
        report.findings += rule_findings
    report.rows = {name: len(ds.text[name]) if name in ds.text else None for name in ds.package.tables}
    return report


def _check_rules(ds: Dataset, report: Report) -> list[Finding]:
    findings = []
    for rule in rules.ALL:
        unreadable = [name for name in rule.TABLES if not ds.readable(name)]
        if unreadable:
            report.skipped[rule.RULE] = "cannot read " + ", ".join(unreadable)
            continue
        findings += rule.check(ds)
    return findings
