"""The text rules and the field patterns on a table big enough that a column whose values repeat is
searched value by value (Dataset.repeated in validators/dataset.py): every hostile or malformed cell
is still found, on its own line, whether its value is planted once or repeated, and no other cell is
reported."""
from __future__ import annotations

import csv
import json

import polars as pl
from hypothesis import example, given
from hypothesis import strategies as st

import zhanaozen
from zhanaozen.validators import rules, text_scan  # noqa: F401 - importing the rules registers their hints
from zhanaozen.validators.dataset import DISTINCT_FROM, REPEATED, matches
from zhanaozen.validators.rules import text_hygiene

from support import assemble

HIDDEN, FORMULA, GREEK, GROUPED = "para.\u200b 2", "=1+1", "\u039aazakh court", "IIN 850101 300123"
# row index (0-based) -> (column, value, rule that must report it)
PLANTED = {
    17: ("locator", HIDDEN, "hidden-characters"),
    4_321: ("locator", HIDDEN, "hidden-characters"),  # the same value again, far away
    9_999: ("locator", FORMULA, "text-hygiene"),
    DISTINCT_FROM + 100: ("locator", GREEK, "confusables"),
    2_500: ("notes", GROUPED, "spaced-identifiers"),
    # source IDs outside their pattern, once and repeated: the field stage's pattern check
    33: ("source_id", "HRW_2012", "field"),
    7_000: ("source_id", "HRW_2012", "field"),
    DISTINCT_FROM + 200: ("source_id", "hrw-", "field"),
}
CHECKED = {"text-hygiene", "hidden-characters", "confusables", "spaced-identifiers", "field"}


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
    for column in ("locator", "source_id"):  # the case under test: searched value by value
        assert len({row[column] for row in rows}) * REPEATED <= len(rows)

    report = zhanaozen.validate(root)
    found = {(f.rule, f.line, f.column) for f in report.findings if f.rule in CHECKED}
    assert found == {(rule, i + 2, column) for i, (column, _, rule) in PLANTED.items()}
    schema = json.loads((root / "schemas" / "citations.json").read_text(encoding="utf-8"))
    pattern = next(f["constraints"]["pattern"] for f in schema["fields"] if f["name"] == "source_id")
    assert {(f.line, f.message, f.value) for f in report.findings if f.rule == "field"} == {
        (i + 2, f"does not match the pattern {pattern}", value)
        for i, (column, value, rule) in PLANTED.items() if rule == "field"}


# Cells from the characters the hints and the schemas' patterns are about: Latin, Cyrillic and Greek
# letters, digits, the formula and e-mail signs, markup, spaces, a control and a zero-width character.
CELLS = st.lists(st.none() | st.text("aZ9-_ .@=+<>&;жЖΚ\t\u200b0123456789", max_size=14), max_size=30)
PATTERNS = text_scan._HINTS + ["^[a-z0-9]+(-[a-z0-9]+)*$", "^CIT-[0-9]{5,}$", "[0-9]{4}"]


@given(values=CELLS, repeats=st.integers(1, 5), pattern=st.sampled_from(PATTERNS))
def test_a_column_searched_value_by_value_gets_the_answers_of_a_cell_by_cell_search(values, repeats, pattern):
    """matches(..., repeated=True), which the text screen and the field patterns use on a column whose
    values repeat, answers for every cell (empty ones too) what the search cell by cell answers."""
    frame = pl.DataFrame({"cells": values * repeats}, schema={"cells": pl.String})
    by_value = frame.select(matches(pl.col("cells"), pattern, repeated=True)).to_series()
    by_cell = frame.select(matches(pl.col("cells"), pattern, repeated=False)).to_series()
    assert by_value.to_list() == by_cell.to_list()


# The characters text hygiene's patterns are about, and those where Python's classes and Rust's differ:
# spaces Python's \s holds (\x1c, \x85, no-break and wide spaces), a number Python's \w holds and Rust's
# does not (²), digits of another script (Arabic-Indic), Cyrillic, markup and phone signs, a control.
HYGIENE = st.text("<>&#;/ aZb_9²\u0663\t\n\x1c\x85\xa0\u2003\u3000жЖ+()-@.=\x07", max_size=20)


@given(HYGIENE)
@example("<\x1cb>")
@example("< /\u3000p attr=1>")
@example("&#65;")
@example("&amp;")
@example("&²;")
@example("Amnesty & HRW <3")
@example("IIN 123456789012.")
@example("\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662")
@example("ref 1234567890123")
@example("+7 (701) 123-45-67")
def test_each_hint_of_text_hygiene_holds_every_cell_its_check_finds(cell):
    """A hint (polars, whole columns) is a necessary condition: a cell that a check of text hygiene finds
    (Python's re or unicodedata) is always among the hint's candidates, so the screen never hides one."""
    for pattern, hint in text_hygiene.HINTS.items():
        if text_hygiene._test(pattern)(cell):
            assert pl.Series([cell]).str.contains(hint).item(), (pattern, hint, cell)
