"""Validation of a Zhanaozen data package: structure, field constraints and the named rules.

This folder has no __init__.py on purpose: as a namespace package it can never shadow the PyPI
package `validators` that frictionless imports, whatever the working directory. The wheel ships
it as `zhanaozen.validators`. This module runs every stage and rule over one data package, and is
the only one that knows threads and processes; nothing here writes to the package.
"""
from __future__ import annotations

import gc
import threading
from collections import deque
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen
from typing import Callable

from zhanaozen.package.descriptor import DescriptorError, read_package
from zhanaozen.package.safe_files import UnsafeFile

from .findings import Finding, Report
from .follow_on import without_follow_ons
from .stages import descriptor, descriptor_memo, integrity

# Where each stage and rule (validators/catalogue.py) runs. The descriptor check (frictionless: about
# 0.6 s of Python imports and metadata checks; it reads no data) runs in a child process, which has a
# GIL of its own (in process once the process has validated before: _start_early). The tables are read
# and typed two at a time, by the main thread and a reader thread, each taking the largest table left
# (pyarrow parses and types in native code that releases the GIL). The second thread first reads
# each file once and hashes it (integrity; the readers parse the same bytes, _Files), all native work
# that overlaps the main thread's imports, then imports pandera and checks each
# table's fields as soon as it is typed, then runs the rules whose work is mostly native polars, while
# the main thread runs the others, so that the threads seldom wait for each other's GIL. Findings keep
# the catalogue's order whatever runs where. A package of less data than ON_ONE_THREAD_BELOW runs all of
# it on the main thread: its work is short Python calls, and handing the GIL between two threads took
# more than they overlapped (the shipped package: 0.84 s instead of 0.94 s as a command, CPU 0.88 s
# instead of 1.05 s; 5.6 MB: as fast, with a tenth less CPU; 19 MB: two threads 11 % faster).
IN_CHILD_PROCESS = ("descriptor",)
ON_ONE_THREAD_BELOW = 8 * 1024 * 1024  # bytes of data files
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
    with _COLLECTOR_PAUSED.held():
        return _validate(path)


class _WhileRunning:
    """A process-wide setting held while any validation in the process runs: the first run applies it,
    the last restores what was there before (runs at once in one process, a notebook's own settings)."""

    def __init__(self, apply: Callable[[], object], restore: Callable[[object], None]):
        self._apply, self._restore = apply, restore
        self._lock = threading.Lock()
        self._runs = 0
        self._before: object = None

    @contextmanager
    def held(self):
        with self._lock:
            if self._runs == 0:
                self._before = self._apply()
            self._runs += 1
        try:
            yield
        finally:
            with self._lock:
                self._runs -= 1
                if self._runs == 0:
                    self._restore(self._before)


def _pause_collector() -> bool:
    enabled = gc.isenabled()
    gc.disable()
    return enabled


def _in_memory_engine():
    import polars as pl

    return pl.Config(engine_affinity="in-memory")  # holds the settings it replaced


# Python's cyclic garbage collector, paused. A run leaves a few hundred objects in cycles (about 700 at
# 1e6 rows), while each collection walks every young object and holds the GIL the other threads need:
# about 5 % of a run at 1e6 rows.
_COLLECTOR_PAUSED = _WhileRunning(_pause_collector, lambda enabled: enabled and gc.enable())
# polars' in-memory engine for the run's queries. polars 2's default engine ("auto") takes about 140 µs
# to start a query, whatever its size, and the in-memory engine about 30 µs. Pandera runs one query per
# column and check (some 400 on the shipped package), and most queries on a small package are tiny: its
# field checks take 90 ms instead of 150 ms. At 1e6 rows both engines take the same time.
_IN_MEMORY_ENGINE = _WhileRunning(_in_memory_engine, lambda settings: settings.__exit__(None, None, None))


def _validate(path: str | Path) -> Report:
    report = Report(path=str(path))
    try:
        package = read_package(path)
    except DescriptorError as exc:
        report.findings += _descriptor_findings(exc)
        return report
    sizes = _sizes(package)
    with _beside(sizes) as second:
        early = _start_early(package, second, sizes)
        from .stages.roles import check_roles  # polars: imported while the early work runs

        with _IN_MEMORY_ENGINE.held():  # polars is imported now
            # A broken descriptor stops the run before any stage that trusts it: the tables and fields the
            # rules need under their data-model names (package/roles.py), patterns the column checks compile.
            report.findings += guarded("descriptor", "datapackage.json", check_roles)(package)
            if not report.findings:
                report.findings += guarded("descriptor", "datapackage.json", _stages)(package, report, second, early)
            elif early.child is not None:  # its findings would follow from the ones reported
                early.child.kill()
                early.child.communicate()
    report.findings = without_follow_ons(report.findings)
    return report


class _Files:
    """Each data file's bytes, read once by the guarded reader for two stages: integrity hashes them and
    structure parses the very same bytes. They are read on the second thread while the main thread
    imports polars and pyarrow (a small package's, by the main thread before it imports them), largest
    first (the first the reading threads take), each handed on as soon as it is read and held only until
    taken; a second read of every file cost about 0.1 s of CPU at 1e6 rows (180 MB copied again)."""

    def __init__(self, package, sizes: dict[str, int]):
        self._package = package
        self.sizes = sizes
        self.order = sorted(sizes, key=sizes.__getitem__, reverse=True)  # the readers take them so too
        self._unread = deque((name, Future()) for name in self.order)
        self._bytes = dict(self._unread)

    def read_and_check(self) -> list[Finding]:
        """Read every file, hand it on, and check it against its checksum: the integrity stage's findings.
        A check that fails on one file is a finding there; it stops neither the reading nor the others."""
        found: dict[str, list[Finding]] = {}
        try:
            why_required = integrity.why_required(self._package)
            while self._unread:
                name, future = self._unread[0]
                table = self._package.tables[name]
                try:
                    data = table.read_bytes()
                    future.set_result(data)
                except UnsafeFile as exc:  # the structure stage reports it
                    data = None
                    future.set_exception(exc)
                self._unread.popleft()
                found[name] = guarded(integrity.RULE, table.relpath, integrity.check_file)(table, data, why_required)
        except BaseException as exc:  # whoever waits for a file gets the failure too, never a wait forever
            for _, future in self._unread:
                if not future.done():
                    future.set_exception(exc)
            raise
        return [finding for name in self._package.tables for finding in found[name]]

    def take(self, table) -> bytes:
        """The file's bytes, once (then released); raises what reading it raised."""
        return self._bytes.pop(table.name).result()


@dataclass
class _Early:
    """The work that needs neither polars nor pyarrow, started before they are imported (about 0.3 s
    of Python work holding the GIL): the descriptor check's child process, unless its outcome for these
    bytes is remembered, and the files, read and hashed on the second thread."""
    memo: str | None
    remembered: list[Finding] | None
    child: Popen | None
    files: _Files
    checksums: Future


# Whether this process has started a descriptor check's child before. Its first check runs in a child,
# whose import of frictionless overlaps the column checks; a process that validates again (a notebook,
# the tests) checks in process, importing frictionless once: then about 35 ms a descriptor, not 0.5 s.
_child_started = False


def _start_early(package, second: Executor, sizes: dict[str, int]) -> _Early:
    global _child_started
    memo = descriptor_memo.key(package)
    remembered = descriptor_memo.recall(memo)
    child = None
    if remembered is None and not _child_started:
        child, _child_started = descriptor.start(package), True
    files = _Files(package, sizes)
    check = guarded(integrity.RULE, "datapackage.json", files.read_and_check)
    return _Early(memo, remembered, child, files, _run([(integrity.RULE, check, ())], second)[0])


def _stages(package, report: Report, second: Executor, early: _Early) -> list[Finding]:
    findings: list[Finding] = []
    from . import rules
    from .dataset import Dataset
    from .stages import fields

    with _beside(early.files.sizes) as reader:
        ds = Dataset(package)
        structure: dict[str, list[Finding]] = {}
        field: dict[str, Future] = {}

        # pyarrow parses and types without the GIL: two tables at a time, each thread taking the largest
        # table left whenever it is free, so that neither waits long for the other at the end.
        pending = deque(early.files.order)

        def read() -> None:
            """The structure stage for each table not yet taken; its field checks queued once it is typed."""
            while True:
                try:
                    name = pending.popleft()  # atomic: the two threads never take the same table
                except IndexError:
                    return
                structure[name] = ds.read(name, early.files.take)
                if ds.readable(name):
                    check = guarded(fields.RULE, package.tables[name].relpath, fields.check_fields)
                    field[name] = _run([(fields.RULE, check, (ds, name))], second)[0]

        elsewhere = reader.submit(read)
        read()
        elsewhere.result()
        ds.in_package_order()
        jobs = [(rule.RULE, guarded(rule.RULE, _file(rule, package), rule.check), (ds,))
                for rule in _runnable(rules.ALL, ds, report)]
        named = _run(jobs, second)
        findings += (guarded("descriptor", "datapackage.json", _descriptor)(package, early)
                     + early.checksums.result() + [found for name in package.tables for found in structure[name]])
        for found in [field[name] for name in package.tables if name in field] + named:
            findings += found.result()
    report.rows = {name: len(ds.text[name]) if name in ds.text else None for name in package.tables}
    return findings


def _sizes(package) -> dict[str, int]:
    """Each table's file size, in the descriptor's order: for planning only (the guarded reader decides
    what may be read)."""
    def size(name: str) -> int:
        try:
            return package.tables[name].path.stat().st_size
        except OSError:
            return 0
    return {name: size(name) for name in package.tables}


def _beside(sizes: dict[str, int]) -> Executor:
    """Where the work placed beside the main thread runs: a thread of its own, or for a small package the
    main thread itself (ON_ONE_THREAD_BELOW)."""
    return ThreadPoolExecutor(max_workers=1) if sum(sizes.values()) >= ON_ONE_THREAD_BELOW else _OnThisThread()


class _OnThisThread(Executor):
    """Runs each job as it is submitted, on the submitting thread; its failure is the future's, as on a
    thread."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed on whole, as a thread pool would
            future.set_exception(exc)
        return future


def _file(rule, package) -> str:
    """Where a rule's unexpected failure is reported: its first table's file."""
    return package.tables[rule.TABLES[0]].relpath if rule.TABLES and rule.TABLES[0] in package.tables \
        else "datapackage.json"


def _descriptor(package, early: _Early) -> list[Finding]:
    if early.remembered is not None:
        return early.remembered
    found = descriptor.result(package, early.child)
    if early.child is None or early.child.returncode == 0:  # never remember that the check could not run
        descriptor_memo.remember(early.memo, found)
    return found


def _run(jobs: list[tuple[str, Callable[..., list[Finding]], tuple]], second: Executor) -> list[Future]:
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
