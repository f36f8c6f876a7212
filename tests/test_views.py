"""Analysis-ready views, load(path, engine), field descriptions and durations from partial dates.

Expectations come from the CSVs read with the csv module, not from the code under test.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import zhanaozen
from test_coverage import replace_cell


def rows(root: Path, table: str) -> list[dict[str, str]]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_who_was_sentenced_in_the_trial_of_37_and_what_the_appeal_changed_in_one_line(shipped):
    detailed = zhanaozen.view("sentences_detailed").query("first_trial_id == 'TRI-001'")
    trials = {t["trial_id"]: t for t in rows(shipped, "trials")}

    def root(trial_id: str) -> str:
        while trials[trial_id]["appeal_of"]:
            trial_id = trials[trial_id]["appeal_of"]
        return trial_id

    expected = {s["sentence_id"] for s in rows(shipped, "sentences") if root(s["trial_id"]) == "TRI-001"}
    assert set(detailed["sentence_id"]) == expected
    appeal = detailed[(detailed["person_name"] == "Roza Tuletaeva") & (detailed["instance"] == "appeal")].iloc[0]
    assert (appeal["term_months_before"], appeal["term_months_after"], appeal["appeal_result"]) == (84, 60, "reduced")
    assert appeal["reviews_trial_id"] == "TRI-001" and appeal["court"] == trials[appeal["trial_id"]]["court"]
    first = detailed[detailed["instance"] == "first_instance"]
    assert first["reviews_sentence_id"].isna().all() and first["term_months_before"].isna().all()


def test_sentences_detailed_has_one_row_per_sentence(shipped):
    detailed = zhanaozen.view("sentences_detailed")
    assert sorted(detailed["sentence_id"]) == sorted(s["sentence_id"] for s in rows(shipped, "sentences"))
    assert detailed.attrs["view"] == "sentences_detailed" and detailed.attrs["description"]


def test_custody_bounds_and_lengths_never_invent_a_day(shipped):
    custody = zhanaozen.view("custody").set_index("detention_id")
    det = next(d for d in rows(shipped, "detentions") if d["detained_on"] == "2011-12" and d["released_on"] == "2014-11")
    row = custody.loc[det["detention_id"]]
    assert row["detained_on_earliest"] == pd.Timestamp("2011-12-01")
    assert row["released_on_latest"] == pd.Timestamp("2014-11-30")
    assert row["shortest_days"] == (date(2014, 11, 1) - date(2011, 12, 31)).days
    assert row["longest_days"] == (date(2014, 11, 30) - date(2011, 12, 1)).days
    assert len(custody) == len(rows(shipped, "detentions"))
    open_ = [d["detention_id"] for d in rows(shipped, "detentions") if not d["released_on"]]
    assert custody.loc[open_, "shortest_days"].isna().all() if open_ else True


def test_claims_summary_gives_the_reported_range_per_event_and_measure(shipped):
    summary = zhanaozen.view("claims_summary").set_index(["subject", "measure"])
    claims = rows(shipped, "claims")
    for measure in ("killed", "injured", "detained"):
        values = [int(c["value"]) for c in claims if c["event_id"] == "EVT-001" and not c["trial_id"]
                  and c["measure"] == measure]
        got = summary.loc[("EVT-001", measure)]
        assert (got["smallest"], got["largest"], got["claims"]) == (min(values), max(values), len(values))
        assert got["sources"] == len({c["source_id"] for c in claims if c["event_id"] == "EVT-001"
                                      and not c["trial_id"] and c["measure"] == measure})
    tri = summary.loc[("TRI-001", "defendants")]
    assert tri["subject_kind"] == "trial" and tri["documented"] >= 1


def test_conflicts_sit_next_to_the_recorded_value(shipped):
    conflicts = zhanaozen.view("conflicts")
    expected = [c for c in rows(shipped, "citations") if c["stance"] == "conflicts"]
    assert sorted(conflicts["citation_id"]) == sorted(c["citation_id"] for c in expected)
    trials = {t["trial_id"]: t for t in rows(shipped, "trials")}
    for c in conflicts[conflicts["table"] == "trials"].itertuples():
        assert c.recorded_value == trials[c.record_id][c.field]
        assert c.asserted_value != c.recorded_value


def test_unknown_view_is_a_clear_error():
    with pytest.raises(ValueError, match="the views are: sentences_detailed"):
        zhanaozen.view("sentencesdetailed")


def test_load_from_a_path_reads_that_copy(valid_package):
    replace_cell(valid_package, "sentences", "SEN-0001", "term_months", "85")
    edited = zhanaozen.load("sentences", path=valid_package)
    assert edited.set_index("sentence_id").loc["SEN-0001", "term_months"] == 85
    assert zhanaozen.load("sentences", path=valid_package / "datapackage.json").equals(edited)
    assert set(zhanaozen.load_all(path=valid_package)) == {r["name"] for r in
                                                           __import__("json").loads((valid_package / "datapackage.json").read_text())["resources"]}


def test_engines_give_the_same_values():
    frame = zhanaozen.load("sentences")
    arrow = zhanaozen.load("sentences", engine="pyarrow")
    polars = zhanaozen.load("sentences", engine="polars")
    assert arrow.column_names == list(frame.columns) == polars.columns
    assert arrow.column("term_months").to_pylist() == [None if pd.isna(v) else v for v in frame["term_months"]]
    assert polars["term_months"].to_list() == arrow.column("term_months").to_pylist()
    assert polars["decided_on_earliest"].to_list()[0] == frame["decided_on_earliest"].iloc[0].to_pydatetime()
    assert arrow.schema.metadata[b"description:term_months"].decode() == frame.attrs["descriptions"]["term_months"]
    with pytest.raises(ValueError, match="unknown engine"):
        zhanaozen.load("sentences", engine="spark")


def test_field_descriptions_come_from_the_schema(shipped):
    import json

    schema = json.loads((shipped / "schemas" / "sentences.json").read_text(encoding="utf-8"))
    frame = zhanaozen.load("sentences")
    described = zhanaozen.describe("sentences").set_index("column")
    for field in schema["fields"]:
        assert frame.attrs["descriptions"][field["name"]] == field["description"]
        assert described.loc[field["name"], "description"] == field["description"]
    assert list(described.index) == list(frame.columns)  # the derived date columns are described too
    assert "first day `decided_on`" in described.loc["decided_on_earliest", "description"]
    assert frame.attrs["table"] == "sentences" and frame.attrs["version"] == zhanaozen.version()
    assert "reduced" in frame.attrs["vocabularies"]["appeal_result"]


def test_duration_between_partial_dates_is_a_range():
    frame = pd.DataFrame({"start": ["2011-12", "2011-12-16", None], "end": ["2014-11", "2011-12-16", "2012"]})
    for name in ("start", "end"):  # the loader's day bounds, built by the loader's own function
        from zhanaozen.loading.frames import day_bounds
        frame[name + "_earliest"], frame[name + "_latest"] = day_bounds(frame[name])
    d = zhanaozen.duration(frame, "start", "end")
    assert d.iloc[0].tolist() == [(date(2014, 11, 1) - date(2011, 12, 31)).days, (date(2014, 11, 30) - date(2011, 12, 1)).days]
    assert d.iloc[1].tolist() == [0, 0]
    assert d.iloc[2].isna().all()
    months = zhanaozen.duration(frame, "start", "end", unit="months")
    assert months.iloc[0].tolist() == [round(1036 / 30.4375, 1), round(1095 / 30.4375, 1)]
    with pytest.raises(ValueError, match="not a partial-date column"):
        zhanaozen.duration(frame, "start", "nothing")


def test_import_stays_free_of_pandas():
    code = "import sys, zhanaozen; zhanaozen.person; zhanaozen.view; print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
