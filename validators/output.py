"""A validation report written for people (text), for GitHub pull requests (github) or for programs (json).

The JSON shape is documented in docs/validation-output.md; change it only by raising SHAPE_VERSION.
"""
from __future__ import annotations

import json
import os
from itertools import groupby
from pathlib import Path

from zhanaozen.package import safe_files

from . import catalogue  # what each stage and rule asks, and its fix
from .findings import Finding, Report
from .inert import command_line, json_text, markdown, printable

SHAPE_VERSION = 1


def _shown(findings: list[Finding], limit: int) -> tuple[list[Finding], int]:
    shown = findings if limit <= 0 else findings[:limit]
    return shown, len(findings) - len(shown)


def text(report: Report, limit: int = 200) -> str:
    """Errors grouped by file and rule, each group with the fix in plain words; then warnings and the summary."""
    shown, hidden = _shown(report.errors, limit)
    lines: list[str] = []
    order = {rule: i for i, rule in enumerate(catalogue.RULES)}
    ordered = sorted(shown, key=lambda f: (f.file, order.get(f.rule, len(order)), f.line or 0))
    for file, in_file in groupby(ordered, key=lambda f: f.file):
        lines.append(file)
        for rule, group in groupby(in_file, key=lambda f: f.rule):
            group = list(group)
            lines.append(f"  {rule} ({len(group)}): {catalogue.RULES.get(rule, '')}")
            lines += [f"    {finding}" for finding in group]
            lines.append(f"    fix: {catalogue.FIXES.get(rule, 'see the message')}")
        lines.append("")
    if hidden:
        lines += [f"... and {hidden} more error(s) (use --max-errors 0 to see all)", ""]
    if report.warnings:
        lines.append(f"Warnings ({len(report.warnings)}; they never fail the run)")
        lines += [f"  {finding}" for finding in report.warnings] + [""]
    return "\n".join([printable(line) for line in lines] + report.summary().split("\n"))


def as_json(report: Report, limit: int = 0) -> str:
    shown, hidden = _shown(report.errors, limit)
    document = {
        "shape": SHAPE_VERSION,
        "package": report.path,
        "valid": report.valid,
        "errors": [f.as_dict() for f in shown],
        "errors_not_shown": hidden,
        "warnings": [f.as_dict() for f in report.warnings],
        "rows": report.rows,
        "skipped": report.skipped,
        "counts": {"by_rule": dict(report.by_rule()), "by_table": dict(report.by_table())},
    }
    return json_text(json.dumps(document, ensure_ascii=False, indent=2))


def _escape(value: str, prop: bool = False) -> str:
    """GitHub workflow-command escaping (properties also escape ':' and ',')."""
    value = printable(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def cell_start(line: str, index: int) -> int | None:
    """1-based character column where the index-th comma-separated cell of a CSV line starts."""
    quoted, count = False, 0
    if index == 0:
        return 1
    for position, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            count += 1
            if count == index:
                return position + 2
    return None


class _Locator:
    """Reads each annotated file's lines once, to point at the cell's character column."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[str, list[str]] = {}

    def column(self, finding: Finding) -> int | None:
        if not (finding.line and finding.column and finding.file.endswith(".csv")):
            return None
        if finding.file not in self.cache:
            try:  # the guarded reader: a file the validator refused is never read here either
                raw = safe_files.read_bytes(self.root, self.root / finding.file, finding.file)
                self.cache[finding.file] = raw.decode("utf-8", errors="replace").split("\n")
            except safe_files.UnsafeFile:
                self.cache[finding.file] = []
        lines = self.cache[finding.file]
        if not lines or finding.line > len(lines):
            return None
        header = lines[0].split(",")
        if finding.column not in header:
            return None
        return cell_start(lines[finding.line - 1], header.index(finding.column))


def _package_dir(report: Report) -> Path:
    root = Path(report.path)
    return root.parent if root.suffix == ".json" else root


def annotation_path(report: Report, finding: Finding, base: Path) -> str:
    """The finding's file relative to ``base`` (the repository), so that GitHub puts it on the diff."""
    target = (_package_dir(report) / finding.file).absolute()
    return Path(os.path.relpath(target, base.absolute())).as_posix()


def github(report: Report, limit: int = 200, base: Path | None = None) -> str:
    base = base or Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    locate = _Locator(_package_dir(report))
    shown, _ = _shown(report.errors, limit)
    lines = []
    for finding in shown + report.warnings:
        props = [f"file={_escape(annotation_path(report, finding, base), True)}"]
        if finding.line:
            props.append(f"line={finding.line}")
            col = locate.column(finding)
            if col or finding.character:
                props.append(f"col={col or finding.character}")
        title = f"zhanaozen {finding.rule}" + (f" ({finding.column})" if finding.column else "")
        props.append(f"title={_escape(title, True)}")
        value = f" (value: {finding.value!r})" if finding.value is not None else ""
        fix = f". Fix: {catalogue.FIXES.get(finding.rule, '')}" if finding.severity == "error" else ""
        body = f"{finding.message}{value}{fix}"
        lines.append(f"::{finding.severity} {','.join(props)}::{_escape(body)}")
    return "\n".join(lines + [command_line(line) for line in report.summary().split("\n")])


def _cell(value: object) -> str:
    return markdown(value if value is not None else "")


def step_summary(report: Report, limit: int = 50) -> str:
    """A Markdown summary for $GITHUB_STEP_SUMMARY: the verdict, counts per rule, the first errors."""
    verdict = "valid" if report.valid else f"**invalid**: {len(report.errors)} error(s)"
    lines = [f"## zhanaozen validate: {verdict}", "", "| rule | errors | checks |", "|---|---:|---|"]
    counts = report.by_rule()
    lines += [f"| {_cell(rule)} | {counts.get(rule, 0)} | {_cell(words)} |" for rule, words in catalogue.RULES.items()]
    shown, hidden = _shown(report.errors, limit)
    if shown:
        lines += ["", "| file | line | field | rule | message |", "|---|---:|---|---|---|"]
        lines += [f"| {_cell(f.file)} | {_cell(f.line)} | {_cell(f.column)} | {_cell(f.rule)} | {_cell(f.message)} |"
                  for f in shown]
    if hidden:
        lines.append(f"\n... and {hidden} more.")
    if report.warnings:
        lines.append(f"\n{len(report.warnings)} warning(s) (coverage and similar; they never fail the run).")
    return "\n".join(lines) + "\n"


def write_step_summary(report: Report) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(step_summary(report))


def render(report: Report, fmt: str, limit: int) -> str:
    if fmt == "json":
        return as_json(report, limit)
    if fmt == "github":
        write_step_summary(report)
        return github(report, limit)
    return text(report, limit)
