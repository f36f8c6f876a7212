"""What the validator found, and the summary it prints."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from .inert import printable

# Stages and the named rules of the data model, in the order they run, with what each asks.
RULES = {
    "descriptor": "datapackage.json and the schemas are valid Frictionless metadata and name only files inside the package",
    "integrity": "each data file has the size and sha256 checksum that datapackage.json declares for it",
    "structure": "each CSV is UTF-8 without BOM, within the size limits, has the schema's header, well-formed "
                 "quotes and one cell per field in every row",
    "field": "each cell has its field's type and meets its constraints (required, pattern, vocabulary, range, real date)",
    "keys": "rule 1: primary keys are unique and every reference resolves",
    "provenance": "rule 2: every record is backed by a source",
    "conflicts": "rule 3: conflicting citations name the field and the value the source asserts",
    "chronology": "rule 4: dates are in a possible order",
    "defendants": "rule 5: sentences agree with the charges",
    "sentence-shape": "rule 6: sentences and proceedings have a coherent shape",
    "legal-bounds": "rule 7: custodial terms stay within the convicted articles' maximum",
    "reported-totals": "rule 8: documented outcomes never exceed what sources report",
    "text-hygiene": "rule 9: text is clean plain text, safe in spreadsheets and free of personal identifiers",
    "stable-ids": "every ID ever released is still present or listed in retired_ids, no retired ID is reused, "
                  "and chains of replacements end at a record",
    # The hostile-input checks (issue 14); each module in validators/rules declares its QUESTION and FIX.
    "date-order": "every pair of dates with a natural order is in it, and no date is after the day of validation",
    "sentence-bounds": "a fine carries no term, no term exceeds the criminal code's general maximum (360 months), "
                       "and an article's minimum is not above its maximum",
    "hidden-characters": "text holds no invisible characters: format, bidirectional, separator, zero-width or filler",
    "confusables": "no word mixes look-alike letters of Latin, Cyrillic and Greek (Unicode's confusables table)",
    "spaced-identifiers": "free text holds no national ID number written in groups of digits",
    "contract": "no field, type or constraint of the last release was removed or loosened, unless the major "
                "version was raised",
}


# What each stage asks a contributor to do, in plain words, shown once per group in the text output.
FIXES = {
    "descriptor": "Keep every path in datapackage.json relative, inside the package, and pointing at a real file.",
    "structure": "Save the file as UTF-8 (no BOM), comma-separated, with the schema's header and one cell per field "
                 "on every row; `zhanaozen template TABLE` prints the header.",
    "field": "Write each cell in its field's format; the schema's description and vocabulary are in schemas/TABLE.json.",
    "keys": "Use a new ID (`zhanaozen next-id TABLE`) and refer only to records that exist.",
    "provenance": "Add a row to citations.csv (stance supports) that names the source and a precise locator.",
    "conflicts": "A conflicting citation names the field and the value its source gives; a supporting one "
                 "repeats the row's value or leaves asserted_value empty.",
    "chronology": "Check the dates against the source; leave a date partial or empty rather than guess it.",
    "defendants": "Add the missing charge, or correct the sentence or charge outcome, as the source reports it.",
    "sentence-shape": "Fill the field the outcome or instance needs, or empty the one it cannot have.",
    "legal-bounds": "Check the term and the convicted articles against the source.",
    "reported-totals": "Check the sentences and charges of the trial against the sources' figures.",
    "integrity": "After an intended edit of a data file run `make hashes`; otherwise restore the file from git.",
    "stable-ids": "Keep every released ID: restore the record, or list it in data/retired_ids.csv with the reason "
                  "and what replaces it; never reuse a retired ID.",
    "text-hygiene": "Retype the text in your own words: plain NFC Unicode, one script per word, no markup, "
                    "no formula prefix, no personal identifiers.",
    "date-order": "Check both dates against the source; leave a date partial or empty rather than guess it.",
    "sentence-bounds": "Check the outcome, the term and the article's range against the source and the code.",
    "hidden-characters": "Retype the cell: delete the invisible character the message names.",
    "confusables": "Retype the word in one script: the message names the letter that only looks like the others.",
    "spaced-identifiers": "Remove the number: the dataset never records personal identifiers.",
    "contract": "Restore the field or constraint as released, or raise the major version in datapackage.json "
                "(docs/releases.md) if the break is intended.",
}

SEVERITIES = ("error", "warning")


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


def as_warnings(findings: list[Finding]) -> list[Finding]:
    return [replace(finding, severity="warning") for finding in findings]


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
        for rule, words in RULES.items():
            note = f"  (skipped: {printable(self.skipped[rule])})" if rule in self.skipped else ""
            lines.append(f"{rule:<18}{counts.get(rule, 0):>7}  {words}{note}")
        verdict = "VALID" if self.valid else f"INVALID: {len(self.errors)} error(s)"
        if self.warnings:
            verdict += f" ({len(self.warnings)} warning(s), which never fail the run)"
        return "\n".join(lines + ["", verdict])
