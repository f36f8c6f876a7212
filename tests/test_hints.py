"""Hints that help: the real table, the closest IDs, the ISO form of a date, advice that fits the field,
no follow-on errors, standing warnings counted once."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import zhanaozen

from support import EXAMPLES, assemble, cli


@pytest.fixture
def validate(monkeypatch):
    """``zhanaozen validate ARGS PACKAGE`` in process (support.cli), with no step summary to write."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return lambda package, *args: cli("validate", *args, str(package))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fix_names_the_real_table(tmp_path, validate):
    out = validate(assemble(tmp_path, EXAMPLES / "bad" / "field-enum")).stdout
    assert "fix: Write each cell in its field's format; the schema's description and vocabulary are in " \
           "schemas/sentences.json." in out
    assert "TABLE" not in out


def test_a_dangling_reference_names_the_closest_existing_ids(tmp_path, validate):
    package = assemble(tmp_path)
    replace_in(package / "data" / "sentences.csv", "SEN-0003,TRI-001,PER-0002,", "SEN-0003,TRI-001,PER-0020,")
    report = zhanaozen.validate(package)
    keys = [f for f in report.errors if f.rule == "keys" and f.file == "data/sentences.csv"]
    assert [f.column for f in keys] == ["person_id"]
    assert keys[0].message.endswith("the closest existing: PER-0002, PER-0001"), keys[0].message
    assert "Use a new ID" not in validate(package).stdout


def test_a_citation_of_a_missing_record_names_the_closest_ids(tmp_path):
    package = assemble(tmp_path)
    replace_in(package / "data" / "citations.csv", "CIT-00010,sentences,SEN-0001,", "CIT-00010,sentences,SEN-0010,")
    keys = [f for f in zhanaozen.validate(package).errors if f.rule == "keys"]
    assert keys and "; the closest existing: " in keys[0].message and "SEN-0001" in keys[0].message, keys


def test_a_date_in_another_format_is_offered_in_iso_form(tmp_path):
    package = assemble(tmp_path)
    replace_in(package / "data" / "sentences.csv", "reduced,2012-08-06,", "reduced,06.08.2012,")
    fields = [f for f in zhanaozen.validate(package).errors if f.rule == "field"]
    assert [(f.column, f.value) for f in fields] == [("decided_on", "06.08.2012")]
    assert fields[0].message.endswith("; write 2012-08-06"), fields[0].message


def test_a_wrong_vocabulary_value_raises_no_follow_on_error(tmp_path):
    """field-enum: a sentence's outcome outside the vocabulary; before, sentence-shape also complained."""
    report = zhanaozen.validate(assemble(tmp_path, EXAMPLES / "bad" / "field-enum"))
    on_the_row = [(f.rule, f.column) for f in report.errors if (f.file, f.line) == ("data/sentences.csv", 4)]
    assert on_the_row == [("field", "outcome")]


def test_a_mixed_script_name_is_not_told_to_be_retyped_in_ones_own_words(tmp_path, validate):
    out = validate(assemble(tmp_path, EXAMPLES / "bad" / "text-hygiene-mixed-script-name")).stdout
    fix = next(line for line in out.splitlines() if line.strip().startswith("fix:") and "script" in line)
    assert "own words" not in fix and "a name as the source prints it" in fix


def test_standing_warnings_are_counted_once_and_quiet_drops_them(tmp_path, validate):
    package = assemble(tmp_path)
    document = json.loads(validate(package, "--format", "json").stdout)
    assert len(document["warnings"]) >= 2  # the example documents fewer persons than its sources report
    text = validate(package).stdout
    assert "[reported-totals warning]" not in text  # no line per warning
    assert len([line for line in text.splitlines() if line.startswith("Warnings (")]) == 1
    assert f"reported-totals {len(document['warnings'])}" in text
    github = validate(package, "--format", "github").stdout
    assert "::warning" not in github and github.count("::notice") == 1
    quiet = validate(package, "--quiet")
    assert quiet.returncode == 0 and "Warnings" not in quiet.stdout and "rule " not in quiet.stdout
    assert quiet.stdout.splitlines()[-1].startswith("VALID")
