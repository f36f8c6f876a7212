"""Validation of a Zhanaozen data package: structure, field constraints and the named rules.

This folder has no __init__.py on purpose: as a namespace package it can never shadow the PyPI
package `validators` that frictionless imports, whatever the working directory. The wheel ships
it as `zhanaozen.validators`. This module runs every stage and rule over one data package;
nothing here writes to the package.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from zhanaozen.package.descriptor import DescriptorError, read_package

from .stages import descriptor as descriptor_stage
from .findings import Finding, Report
from .follow_on import without_follow_ons
from .stages.integrity import check_integrity

if TYPE_CHECKING:
    from .dataset import Dataset


def _check_fields(ds: Dataset, name: str) -> list[Finding]:
    from .stages.fields import check_fields  # pandera: imported by the first call, on the second thread

    return check_fields(ds, name)


def validate(path: str | Path) -> Report:
    report = Report(path=str(path))
    try:
        package = read_package(path)
    except DescriptorError as exc:
        report.findings.append(Finding("descriptor", exc.file, exc.message, line=exc.line, column=exc.field,
                                       value=exc.value if isinstance(exc.value, str) else None))
        return report
    # The descriptor check runs in a child process (frictionless). Here, two threads: the main one
    # reads and types the tables (pyarrow and polars, which release the GIL), then runs half the
    # rules; the second imports pandera and checks each table's fields as soon as it is typed, then
    # computes the checksums and runs the other rules (rules.SECOND_THREAD). Findings keep their
    # order: descriptor, integrity, structure, fields, rules.
    child = descriptor_stage.start(package)  # first, so that it runs while polars and pyarrow are imported
    from .dataset import Dataset

    with ThreadPoolExecutor(max_workers=1) as second:
        fields = {}
        ds = Dataset(package, ready=lambda ds, name: fields.__setitem__(name, second.submit(_check_fields, ds, name)))
        integrity = second.submit(check_integrity, package)
        rule_findings = _check_rules(ds, report, second)
        report.findings += descriptor_stage.result(package, child) + integrity.result() + ds.read_findings
        for name in ds.text:
            report.findings += fields[name].result()
        report.findings += rule_findings
    report.findings = without_follow_ons(report.findings)
    report.rows = {name: len(ds.text[name]) if name in ds.text else None for name in ds.package.tables}
    return report


def _check_rules(ds: Dataset, report: Report, second: ThreadPoolExecutor) -> list[Finding]:
    """Some rules queue on the second thread behind the field checks, the others run here; their
    findings come in the rules' order."""
    from . import rules

    runnable = []
    for rule in rules.ALL:
        unreadable = [name for name in rule.TABLES if not ds.readable(name)]
        if unreadable:
            report.skipped[rule.RULE] = "cannot read " + ", ".join(unreadable)
        else:
            runnable.append(rule)
    queued = {rule: second.submit(rule.check, ds) for rule in runnable if rule in rules.SECOND_THREAD}
    here = {rule: rule.check(ds) for rule in runnable if rule not in queued}
    return [finding for rule in runnable for finding in (queued[rule].result() if rule in queued else here[rule])]
