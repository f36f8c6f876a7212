"""What the validator found, and the summary it prints."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .inert import printable

SEVERITIES = ("error", "warning")


def __getattr__(name: str):
    """RULES and FIXES (what each stage and rule asks, and its fix) come from validators/catalogue.py,
    imported on first use: the rules import this module, and the descriptor's child process needs
    none of them."""
    if name in ("RULES", "FIXES"):
        from . import catalogue

        return getattr(catalogue, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Finding:
    """One problem at one place. Warnings inform and never make a package invalid."""

    rule: str
    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    table: str | None = None
    severity: str = "error"
    character: int | None = None  # 1-based character column in the line (JSON files; CSV cells are located by column)

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f":{self.character}" if self.line and self.character else "")
        column = f" {self.column}:" if self.column else ""
        value = f" (value: {self.value!r})" if self.value is not None else ""
        rule = self.rule if self.severity == "error" else f"{self.rule} {self.severity}"
        return f"{where}: [{rule}]{column} {self.message}{value}"

    def as_dict(self) -> dict:
        """The finding in the documented JSON shape (docs/validation-output.md)."""
        return {"rule": self.rule, "severity": self.severity, "file": self.file, "line": self.line,
                "column": self.column, "table": self.table, "message": self.message, "value": self.value,
                "character": self.character}


@dataclass
class Report:
    """The outcome of one validation run. Truthy when the package is valid."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    rows: dict[str, int | None] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def __bool__(self) -> bool:
        return self.valid

    def by_rule(self) -> Counter:
        return Counter(f.rule for f in self.errors)

    def by_table(self) -> Counter:
        return Counter(f.table for f in self.errors if f.table)

    def summary(self) -> str:
        per_table = self.by_table()
        lines = [f"Validated {printable(self.path)}", "", f"{'table':<22}{'rows':>8}{'errors':>8}"]
        for name, rows in self.rows.items():
            shown = "-" if rows is None else str(rows)
            lines.append(f"{printable(name):<22}{shown:>8}{per_table.get(name, 0):>8}")
        lines += ["", f"{'rule':<18}{'errors':>7}  checks"]
        counts = self.by_rule()
        from .catalogue import RULES

        for rule, words in RULES.items():
            note = f"  (skipped: {printable(self.skipped[rule])})" if rule in self.skipped else ""
            lines.append(f"{rule:<18}{counts.get(rule, 0):>7}  {words}{note}")
        verdict = "VALID" if self.valid else f"INVALID: {len(self.errors)} error(s)"
        if self.warnings:
            verdict += f" ({len(self.warnings)} warning(s), which never fail the run)"
        return "\n".join(lines + ["", verdict])
