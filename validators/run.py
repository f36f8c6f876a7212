"""Validation of a Zhanaozen data package: structure, field constraints and the named rules.

This folder has no __init__.py on purpose: as a namespace package it can never shadow the PyPI
package `validators` that frictionless imports, whatever the working directory. The wheel ships
it as `zhanaozen.validators`. This module runs every stage and rule over one data package, and is
the only one that knows threads and processes; nothing here writes to the package.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from zhanaozen.package.descriptor import DescriptorError, read_package

from .findings import Finding, Report
from .stages import descriptor, descriptor_memo
from .stages.roles import check_roles

# Where each stage and rule (validators/catalogue.py) runs. The descriptor check (frictionless: about
# 0.6 s of Python imports and metadata checks; it reads no data) runs in a child process, which has a
# GIL of its own. The main thread reads and types the tables (pyarrow and polars, native code that
# releases the GIL) and runs the rules not named below. The second thread imports pandera and checks
# each table's fields as soon as it is typed, then the checksums, then the rules whose work is
# mostly native polars, so that the two threads seldom wait for each other's GIL. Findings keep the
# catalogue's order whatever runs where.
IN_CHILD_PROCESS = ("descriptor",)
ON_SECOND_THREAD = ("field", "integrity", "defendants", "legal-bounds", "reported-totals", "text-hygiene",
                    "stable-ids", "hidden-characters", "sentence-bounds")


def guarded(rule: str, file: str, check: Callable[..., list[Finding]]) -> Callable[..., list[Finding]]:
    """``check`` whose unexpected failure becomes a finding at the file it was reading, never a traceback
    or exit 3 (the run is then invalid, and the message says to report it)."""
    def run(*args) -> list[Finding]:
        try:
            return check(*args)
        except Exception as exc:  # noqa: BLE001 - anything a hostile package provokes must end as a finding
            reason = (str(exc).strip().splitlines() or [""])[0][:300]
            return [Finding(rule, file, f"the check could not finish on this input ({type(exc).__name__}: "
                                        f"{reason}); fix the other findings first, and report this if it remains",
                            line=1)]
    return run


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
    # A broken descriptor stops the run before any stage that trusts it: the tables and fields the
    # rules need under their data-model names (package/roles.py), patterns the column checks compile.
    report.findings += guarded("descriptor", "datapackage.json", check_roles)(package)
    if not report.findings:
        report.findings += guarded("descriptor", "datapackage.json", _stages)(package, report)
    return report


def _stages(package, report: Report) -> list[Finding]:
    findings: list[Finding] = []
    # The descriptor check's outcome for these exact bytes, if it ran before; else it starts first, so
    # that it runs while polars and pyarrow are imported.
    memo = descriptor_memo.key(package)
    remembered = descriptor_memo.recall(memo)
    child = descriptor.start(package) if remembered is None else None
    from . import rules
    from .dataset import Dataset
    from .stages import fields, integrity

    with ThreadPoolExecutor(max_workers=1) as second:
        ds = Dataset(package)
        structure, field = [], []
        for name in package.tables:  # the structure stage: reading and typing, here
            structure += ds.read(name)
            if ds.readable(name):
                check = guarded(fields.RULE, package.tables[name].relpath, fields.check_fields)
                field += _run([(fields.RULE, check, (ds, name))], second)
        jobs = [(integrity.RULE, guarded(integrity.RULE, "datapackage.json", integrity.check_integrity), (package,))]
        jobs += [(rule.RULE, guarded(rule.RULE, _file(rule, package), rule.check), (ds,))
                 for rule in _runnable(rules.ALL, ds, report)]
        checksums, *named = _run(jobs, second)
        findings += (guarded("descriptor", "datapackage.json", _descriptor)(package, child, memo, remembered)
                     + checksums.result() + structure)
        for found in field + named:
            findings += found.result()
    report.rows = {name: len(ds.text[name]) if name in ds.text else None for name in package.tables}
    return findings


def _file(rule, package) -> str:
    """Where a rule's unexpected failure is reported: its first table's file."""
    return package.tables[rule.TABLES[0]].relpath if rule.TABLES and rule.TABLES[0] in package.tables \
        else "datapackage.json"


def _descriptor(package, child, memo: str | None, remembered: list[Finding] | None) -> list[Finding]:
    if remembered is not None:
        return remembered
    found = descriptor.result(package, child)
    if child is not None and child.returncode == 0:  # never remember that the check could not run
        descriptor_memo.remember(memo, found)
    return found


def _run(jobs: list[tuple[str, Callable[..., list[Finding]], tuple]], second: ThreadPoolExecutor) -> list[Future]:
    """Queue the jobs placed on the second thread, then run the others here; a future per job, in order."""
    futures = {i: second.submit(check, *args) for i, (name, check, args) in enumerate(jobs)
               if name in ON_SECOND_THREAD}
    for i, (name, check, args) in enumerate(jobs):
        if i not in futures:
            futures[i] = Future()
            futures[i].set_result(check(*args))
    return [futures[i] for i in range(len(jobs))]


def _runnable(named: tuple, ds, report: Report) -> list:
    """The rules whose tables could all be read; the others are noted as skipped."""
    runnable = []
    for rule in named:
        unreadable = [name for name in rule.TABLES if not ds.readable(name)]
        if unreadable:
            report.skipped[rule.RULE] = "cannot read " + ", ".join(unreadable)
        else:
            runnable.append(rule)
    return runnable
