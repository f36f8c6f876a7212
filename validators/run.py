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
from .stages.integrity import check_integrity
from .stages.roles import check_roles

if TYPE_CHECKING:
    from .dataset import Dataset


def _check_fields(ds: Dataset, name: str) -> list[Finding]:
    from .stages.fields import check_fields  # pandera: imported by the first call, on the second thread

    return guarded("field", ds.table(name).relpath, check_fields, ds, name)


def guarded(rule: str, file: str, check, *args) -> list[Finding]:
    """A stage's or rule's findings; an unexpected failure becomes a finding at the file it was reading,
    never a traceback or exit 3 (the run is then invalid, and the message says to report it)."""
    try:
        return check(*args)
    except Exception as exc:  # noqa: BLE001 - anything a hostile package provokes must end as a finding
        reason = (str(exc).strip().splitlines() or [""])[0][:300]
        return [Finding(rule, file, f"the check could not finish on this input ({type(exc).__name__}: {reason}); "
                                    "fix the other findings first, and report this if it remains")]


def _descriptor_findings(exc: DescriptorError) -> list[Finding]:
    return [Finding("descriptor", p.file, p.message, line=p.line, column=p.field, character=p.column,
                    value=p.value if isinstance(p.value, str) else None) for p in exc.problems]


def validate(path: str | Path) -> Report:
    report = Report(path=str(path))
    try:
        package = read_package(path)
    except DescriptorError as exc:
        report.findings += _descriptor_findings(exc)
        return report
    # A broken descriptor stops the run before any stage that trusts it (the tables rules need, under
    # their names; patterns the column checks compile).
    report.findings += guarded("descriptor", "datapackage.json", check_roles, package)
    if report.findings:
        return report
    report.findings += guarded("descriptor", "datapackage.json", _validate, package, report)
    return report


def _validate(package, report: Report) -> list[Finding]:
    # The descriptor check runs in a child process (frictionless). Here, two threads: the main one
    # reads and types the tables (pyarrow and polars, which release the GIL), then runs half the
    # rules; the second imports pandera and checks each table's fields as soon as it is typed, then
    # computes the checksums and runs the other rules (rules.SECOND_THREAD). Findings keep their
    # order: descriptor, integrity, structure, fields, rules.
    child = descriptor_stage.start(package)  # first, so that it runs while polars and pyarrow are imported
    from .dataset import Dataset

    findings: list[Finding] = []
    with ThreadPoolExecutor(max_workers=1) as second:
        fields = {}
        ds = Dataset(package, ready=lambda ds, name: fields.__setitem__(name, second.submit(_check_fields, ds, name)))
        integrity = second.submit(guarded, "integrity", "datapackage.json", check_integrity, package)
        rule_findings = _check_rules(ds, report, second)
        findings += (guarded("descriptor", "datapackage.json", descriptor_stage.result, package, child)
                     + integrity.result() + ds.read_findings)
        for name in ds.text:
            findings += fields[name].result()
        findings += rule_findings
    report.rows = {name: len(ds.text[name]) if name in ds.text else None for name in ds.package.tables}
    return findings


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
    def run(rule) -> list[Finding]:
        file = ds.table(rule.TABLES[0]).relpath if rule.TABLES else "datapackage.json"
        return guarded(rule.RULE, file, rule.check, ds)

    queued = {rule: second.submit(run, rule) for rule in runnable if rule in rules.SECOND_THREAD}
    here = {rule: run(rule) for rule in runnable if rule not in queued}
    return [finding for rule in runnable for finding in (queued[rule].result() if rule in queued else here[rule])]
