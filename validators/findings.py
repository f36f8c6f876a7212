"""What the validator found, and the summary it prints."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Stages and the named rules of the data model, in the order they run, with what each asks.
RULES = {
    "descriptor": "datapackage.json and the schemas are valid Frictionless metadata and name only files inside the package",
    "integrity": "each data file has the size and sha256 checksum that datapackage.json declares for it",
    "structure": "each CSV is UTF-8 without BOM, has the schema's header and one cell per field in every row",
    "field": "each cell has its field's type and meets its constraints (required, pattern, vocabulary, range, real date)",
    "keys": "rule 1: primary keys are unique and every reference resolves",
    "provenance": "rule 2: every record is backed by a source",
    "conflicts": "rule 3: conflicting citations name the field and the value the source asserts",
    "chronology": "rule 4: dates are in a possible order",
    "defendants": "rule 5: sentences agree with the charges",
    "sentence-shape": "rule 6: sentences and proceedings have a coherent shape",
    "legal-bounds": "rule 7: custodial terms stay within the convicted articles' maximum",
    "reported-totals": "rule 8: documented outcomes never exceed what sources report",
    "text-hygiene": "rule 9: text is clean, safe in spreadsheets and free of personal identifiers",
    "stable-ids": "every ID ever released is still present or listed in retired_ids, and no retired ID is reused",
}


@dataclass(frozen=True)
class Finding:
    rule: str
    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    table: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        column = f" {self.column}:" if self.column else ""
        value = f" (value: {self.value!r})" if self.value is not None else ""
        return f"{where}: [{self.rule}]{column} {self.message}{value}"


@dataclass
class Report:
    """The outcome of one validation run. Truthy when the package is valid."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    rows: dict[str, int | None] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.findings

    def __bool__(self) -> bool:
        return self.valid

    def by_rule(self) -> Counter:
        return Counter(f.rule for f in self.findings)

    def by_table(self) -> Counter:
        return Counter(f.table for f in self.findings if f.table)

    def summary(self) -> str:
        per_table = self.by_table()
        lines = [f"Validated {self.path}", "", f"{'table':<22}{'rows':>8}{'errors':>8}"]
        for name, rows in self.rows.items():
            shown = "-" if rows is None else str(rows)
            lines.append(f"{name:<22}{shown:>8}{per_table.get(name, 0):>8}")
        lines += ["", f"{'rule':<18}{'errors':>7}  checks"]
        counts = self.by_rule()
        for rule, words in RULES.items():
            note = f"  (skipped: {self.skipped[rule]})" if rule in self.skipped else ""
            lines.append(f"{rule:<18}{counts.get(rule, 0):>7}  {words}{note}")
        verdict = "VALID" if self.valid else f"INVALID: {len(self.findings)} error(s)"
        return "\n".join(lines + ["", verdict])
