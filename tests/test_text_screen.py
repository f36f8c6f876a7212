"""The text rules on a table big enough that a column whose values repeat is searched value by value
(validators/text_scan.py): every hostile cell is still found, on its own line, whether its value is
planted once or repeated, and no other cell is reported."""
from __future__ import annotations

import csv

import zhanaozen
from zhanaozen.validators.text_scan import DISTINCT_FROM, REPEATED

from support import assemble

HIDDEN, FORMULA, GREEK, GROUPED = "para.\u200b 2", "=1+1", "\u039aazakh court", "IIN 850101 300123"
# row index (0-based) -> (column, value, rule that must report it)
PLANTED = {
    17: ("locator", HIDDEN, "hidden-characters"),
    4_321: ("locator", HIDDEN, "hidden-characters"),  # the same value again, far away
    9_999: ("locator", FORMULA, "text-hygiene"),
    DISTINCT_FROM + 100: ("locator", GREEK, "confusables"),
    2_500: ("notes", GROUPED, "spaced-identifiers"),
}


def test_hostile_cells_of_a_repeated_column_are_found_on_their_lines(tmp_path):
    root = assemble(tmp_path / "package")
    path = root / "data" / "citations.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header, valid = reader.fieldnames, list(reader)
    rows = []
    for i in range(DISTINCT_FROM + 500):
        row = dict(valid[i % len(valid)], citation_id=f"CIT-{i + 1:05d}")
        if i in PLANTED:
            column, value, _ = PLANTED[i]
            row[column] = value
        rows.append(row)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    distinct = {row["locator"] for row in rows}
    assert len(distinct) * REPEATED <= len(rows)  # the case under test: searched value by value

    report = zhanaozen.validate(root)
    text_rules = {"text-hygiene", "hidden-characters", "confusables", "spaced-identifiers"}
    found = {(f.rule, f.line, f.column) for f in report.findings if f.rule in text_rules}
    assert found == {(rule, i + 2, column) for i, (column, _, rule) in PLANTED.items()}
