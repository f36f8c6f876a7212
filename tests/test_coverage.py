"""The coverage report: documented persons per trial and outcome next to the totals sources report.

Expected numbers are counted here straight from the CSVs with the csv module, following the mapping
that docs/design-decisions.md states, so a mistake in zhanaozen.reports.documented cannot hide behind itself.
"""
from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from zhanaozen.docsite.coverage_page import markdown
from zhanaozen.reports.coverage import COLUMNS, coverage

from support import cli

# The mapping docs/design-decisions.md states, seen from the sentence: the measure its outcome counts towards,
# and the outcomes that are convictions. "other" counts only as a defendant.
MEASURE_OF_OUTCOME = {"imprisonment": "imprisoned", "suspended": "suspended", "amnestied": "amnestied",
                      "acquitted": "acquitted"}
CONVICTIONS = {"imprisonment", "suspended", "amnestied", "fine"}
COUNTED = {"defendants", "convicted", *MEASURE_OF_OUTCOME.values()}
HOSTILE = "<script>alert(1)</script> *bold* | pipe & _x_ [l](javascript:x)"
SVG = re.compile(r"<svg.*?</svg>", re.S)


def rows(root: Path, table: str) -> list[dict[str, str]]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def counted(root: Path) -> dict[tuple[str, str], int]:
    """Distinct persons per (trial, measure), from sentences.csv and charges.csv."""
    people: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in rows(root, "sentences"):
        measures = {"defendants", MEASURE_OF_OUTCOME.get(s["outcome"])}
        if s["outcome"] in CONVICTIONS:
            measures.add("convicted")
        for measure in measures - {None}:
            people[s["trial_id"], measure].add(s["person_id"])
    for c in rows(root, "charges"):
        people[c["trial_id"], "defendants"].add(c["person_id"])
    return {key: len(persons) for key, persons in people.items()}


def as_tuples(frame: pd.DataFrame) -> set[tuple]:
    cells = frame[["trial_id", "measure", "documented", "reported", "source_id", "claim_id"]].astype(object)
    return {tuple(None if pd.isna(v) else v for v in row) for row in cells.itertuples(index=False)}


def add_claim(root: Path, line: str) -> None:
    with (root / "data" / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def replace_cell(root: Path, table: str, key: str, column: str, value: str) -> None:
    path = root / "data" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, data = reader.fieldnames, list(reader)
    for row in data:
        if row[fields[0]] == key:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)


@pytest.fixture
def hostile_package(valid_package: Path) -> Path:
    """The valid example with markup in a trial name and a locator, and a javascript: source URL."""
    replace_cell(valid_package, "trials", "TRI-001", "name", HOSTILE)
    replace_cell(valid_package, "claims", "CLM-0001", "locator", "para. <b>3</b>")
    replace_cell(valid_package, "sources", "example-report", "url", "javascript:alert(1)")
    return valid_package


# --- the table ------------------------------------------------------------------------------

def test_example_package_rows(valid_package):
    frame = coverage(valid_package)
    assert list(frame.columns) == COLUMNS
    assert as_tuples(frame) == {
        ("TRI-001", "defendants", 2, 37, "example-report", "CLM-0001"),
        ("TRI-001", "imprisoned", 1, 13, "example-report", "CLM-0002"),
        ("TRI-001", "convicted", 2, None, None, None),
        ("TRI-001", "suspended", 1, None, None, None),
        ("TRI-002", "defendants", 1, None, None, None),
        ("TRI-002", "convicted", 1, None, None, None),
        ("TRI-002", "imprisoned", 1, None, None, None),
    }
    assert set(frame["trial_name"]) == {"Example trial", "Example appeal"}
    assert "CLM-0003" not in set(frame["claim_id"].dropna())  # about an event, not a trial


def test_measure_without_persons_counts_zero_and_uncountable_measure_stays_empty(valid_package):
    add_claim(valid_package, "CLM-0004,TRI-001,,acquitted,3,exact,People acquitted.,example-report,para. 5")
    add_claim(valid_package, "CLM-0005,TRI-002,,appellants,1,at_least,People who appealed.,example-report,para. 6")
    frame = coverage(valid_package).set_index("claim_id")
    assert frame.loc["CLM-0004", "documented"] == 0
    assert pd.isna(frame.loc["CLM-0005", "documented"])
    assert frame.loc["CLM-0005", "qualifier"] == "at_least"


def test_shipped_package_matches_the_csvs(shipped):
    frame = coverage()
    expected = counted(shipped)
    for row in frame.itertuples():
        if row.measure in COUNTED:
            assert row.documented == expected.get((row.trial_id, row.measure), 0), row
        else:
            assert pd.isna(row.documented), row
    claims = {c["claim_id"]: c for c in rows(shipped, "claims") if c["trial_id"]}
    reported = frame.dropna(subset=["claim_id"]).set_index("claim_id")
    assert sorted(reported.index) == sorted(claims)
    for claim_id, claim in claims.items():
        assert reported.loc[claim_id, "reported"] == int(claim["value"])
        assert reported.loc[claim_id, "source_id"] == claim["source_id"]
        assert reported.loc[claim_id, "locator"] == claim["locator"]
    listed = set(zip(frame["trial_id"], frame["measure"]))
    assert {key for key, n in expected.items() if n} <= listed


# --- the docs page --------------------------------------------------------------------------

def _titles(page: str, cls: str) -> set[str]:
    """The tooltips of every mark in the page's SVG charts of one class (zd-overview or zd-claims)."""
    charts = [c for c in SVG.findall(page) if f'class="{cls}"' in c[:200]]
    return {t.text for chart in charts for t in ET.fromstring(chart).iter("{http://www.w3.org/2000/svg}title")}


def test_markdown_has_explanation_overview_and_one_row_per_trial_and_measure(valid_package):
    page = markdown(valid_package)
    assert "not a contradiction" in page and "gap" in page
    assert page.index('class="zd-overview"') < page.index("<table>")  # the overview chart comes first
    assert page.count('<td rowspan="') == 2 and "<strong>TRI-001</strong> · Example trial" in page
    assert "Defendants documented: <strong>2</strong> of 37 reported (1 source)." in page
    assert "Defendants documented: <strong>1</strong>; no source reports how many were tried." in page
    assert ("<td>defendants</td><td>2</td><td>37</td><td><details><summary>1 source</summary><ul><li><strong>37"
            "</strong> <a href=\"https://example.org/report\"><code>example-report</code></a>") in page
    assert {"TRI-001 defendants: documented 2", "TRI-001 defendants: reported 37", "TRI-001 imprisoned: documented 1",
            "TRI-001 imprisoned: reported 13", "TRI-001 suspended: documented 1"} <= _titles(page, "zd-overview")


def test_markdown_event_figures_show_each_source_and_when(valid_package):
    page = markdown(valid_package)
    assert "## Event-level figures" in page and "### EVT-001 · Example event" in page
    assert "CLM-0003: killed 15 (at least) — example-report, published 2013-05" in _titles(page, "zd-claims")
    assert "<td>killed</td><td>at least 15</td><td>1</td><td>1</td>" in page


def test_markdown_range_keeps_each_figure_with_its_qualifier(valid_package):
    add_claim(valid_package, "CLM-0004,TRI-001,,defendants,36,at_least,People tried.,example-report,para. 7")
    add_claim(valid_package, "CLM-0005,TRI-001,,imprisoned,12,exact,People jailed.,example-report,para. 8")
    page = markdown(valid_package)
    assert "Defendants documented: <strong>2</strong> of at least 36 or 37 reported (1 source)." in page
    assert "TRI-001 imprisoned: reported 12–13" in _titles(page, "zd-overview")
    assert "<td>defendants</td><td>2</td><td>at least 36 – 37</td>" in page


def test_markdown_charts_the_largest_and_smallest_reported_figure(shipped):
    claims = [c for c in rows(shipped, "claims") if c["trial_id"] == "TRI-001" and c["measure"] == "imprisoned"]
    values = sorted(int(c["value"]) for c in claims)
    figure = str(values[0]) if values[0] == values[-1] else f"{values[0]}–{values[-1]}"
    assert f"TRI-001 imprisoned: reported {figure}" in _titles(markdown(), "zd-overview")


def test_markdown_shows_data_markup_as_text(hostile_package):
    page = markdown(hostile_package)
    assert "<script" not in page.lower() and "<b>" not in page
    assert 'href="javascript' not in page.lower()
    cell = re.search(r"<strong>TRI-001</strong> · (.*?)<br>", page).group(1)
    assert html.unescape(cell) == HOSTILE
    assert not set("<>*|_[]") & set(cell)  # nothing Markdown or HTML could act on
    chart = ET.fromstring(next(c for c in SVG.findall(page) if 'class="zd-overview"' in c[:200]))
    assert HOSTILE in "".join(t.text for t in chart.iter("{http://www.w3.org/2000/svg}title"))


def test_markdown_makes_no_external_request(valid_package, zhanaozen):
    page = markdown(valid_package)
    for marker in ("<script", "<img", "<iframe", "<link", "src=", "xlink:href", "@import", "url("):
        assert marker not in page.lower(), marker


# --- the command ----------------------------------------------------------------------------

@pytest.fixture
def zhanaozen():
    """``zhanaozen coverage ARGS`` in process (support.cli)."""
    return lambda *args: cli("coverage", *args)


def test_cli_text(valid_package, zhanaozen):
    add_claim(valid_package, "CLM-0004,TRI-002,,appellants,1,at_least,People who appealed.,example-report,para. 6")
    result = zhanaozen(str(valid_package))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "TRI-001 Example trial: defendants documented 2 of 37 (example-report)" in lines
    assert "TRI-001 Example trial: imprisoned documented 1 of 13 (example-report)" in lines
    assert "TRI-001 Example trial: suspended documented 1; no source reports a total" in lines
    assert ("TRI-002 Example appeal: appellants not counted from the tables; reported at least 1 (example-report)"
            in lines)


def test_cli_csv_is_the_table(valid_package, zhanaozen):
    result = zhanaozen(str(valid_package), "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == COLUMNS
    got = {(r["trial_id"], r["measure"], r["documented"], r["reported"]) for r in table}
    assert got == {("TRI-001", "defendants", "2", "37"), ("TRI-001", "imprisoned", "1", "13"),
                   ("TRI-001", "convicted", "2", ""), ("TRI-001", "suspended", "1", ""),
                   ("TRI-002", "defendants", "1", ""), ("TRI-002", "convicted", "1", ""),
                   ("TRI-002", "imprisoned", "1", "")}


def test_cli_markdown_is_the_page(valid_package, zhanaozen):
    result = zhanaozen(str(valid_package), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == markdown(valid_package)


def test_cli_defaults_to_the_installed_dataset(shipped, zhanaozen):
    result = zhanaozen()
    assert result.returncode == 0, result.stderr
    trials = {c["trial_id"] for c in rows(shipped, "claims") if c["trial_id"]}
    assert trials <= {line.split(" ", 1)[0] for line in result.stdout.splitlines()}


@pytest.mark.parametrize("break_it", ["no_directory", "no_claims_file"])
def test_cli_bad_path_is_a_clear_error(valid_package, break_it, zhanaozen):
    path = valid_package / "missing"
    if break_it == "no_claims_file":
        (valid_package / "data" / "claims.csv").unlink()
        path = valid_package
    result = zhanaozen(str(path))
    assert result.returncode == 2
    assert result.stdout in ("", f"zhanaozen coverage: the package at {path.resolve()}\n")  # which one it read
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("zhanaozen coverage: ")
    assert ("missing" if break_it == "no_directory" else "claims.csv") in result.stderr


def test_package_without_claims_or_sentences_has_an_empty_report(valid_package, zhanaozen):
    for table in ("claims", "sentences", "charges"):
        path = valid_package / "data" / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert coverage(valid_package).empty
    assert "No trial has documented persons or reported totals yet." in markdown(valid_package)
    result = zhanaozen(str(valid_package), "--format", "csv")
    assert result.returncode == 0 and result.stdout == ",".join(COLUMNS) + "\n"
