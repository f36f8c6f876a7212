"""``zhanaozen.person(key)``: one person's whole record, found by ID or any recorded spelling.

Expectations are read from the CSVs with the csv module, not from the code under test.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

import pytest

import zhanaozen
from test_coverage import replace_cell
from zhanaozen.reports.person import find
from zhanaozen.reports.records import tables_at


def rows(root: Path, table: str) -> list[dict[str, str]]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def tuletaeva_id(root: Path) -> str:
    return next(r["person_id"] for r in rows(root, "persons") if r["name"] == "Roza Tuletaeva")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def test_every_recorded_spelling_finds_its_person(shipped):
    persons = {r["person_id"]: r for r in rows(shipped, "persons")}
    spellings = [(r["person_id"], r["name"]) for r in rows(shipped, "person_names")]
    spellings += [(pid, p["name_cyrillic"]) for pid, p in persons.items() if p["name_cyrillic"]]
    owners: dict[str, set[str]] = {}
    for pid, name in spellings:
        owners.setdefault(name.casefold(), set()).add(pid)
    # The lookup (find) for every spelling, on the tables zhanaozen.person() reads; the whole profile
    # (0.03 s each) for one spelling of each person.
    tables = tables_at(None)
    profiled = set()
    for pid, name in spellings:
        if len(owners[name.casefold()]) == 1:
            assert find(tables, name) == pid, name
            assert find(tables, name.upper()) == pid, name
            if pid not in profiled:
                assert zhanaozen.person(name)["person_id"] == pid, name
                profiled.add(pid)
    assert profiled == set(persons)


def test_lookup_ignores_case_and_diacritics_in_latin_and_cyrillic(shipped):
    pid = tuletaeva_id(shipped)
    kazakh = next(r["name"] for r in rows(shipped, "person_names") if r["person_id"] == pid and r["language"] == "kk")
    for key in (pid, pid.lower(), "roza tuletaeva", "  ROZA   Tuletaeva ", "Rosa Tuletaeva", "Róza Tuletaéva",
                "Роза Тулетаева", "роза тулетаева", "Тулетаева", kazakh, strip_accents(kazakh)):
        assert zhanaozen.person(key)["person_id"] == pid, key


def test_unknown_and_ambiguous_keys_raise_lookup_error(shipped):
    with pytest.raises(LookupError, match="no person"):
        zhanaozen.person("Nobody Of This Name")
    with pytest.raises(LookupError, match="no person"):
        zhanaozen.person("PER-99999")


def test_tuletaeva_profile_holds_her_whole_story(shipped):
    p = zhanaozen.person("Тулетаева").to_dict()
    pid = p["person_id"]
    assert p["spellings"][0]["kind"] == "preferred" and p["spellings"][0]["name"] == "Roza Tuletaeva"
    assert {s["name"] for s in p["spellings"]} == {r["name"] for r in rows(shipped, "person_names")
                                                   if r["person_id"] == pid}
    terms = [s["term_months"] for t in p["trials"] for s in t["sentences"]]
    assert terms[:2] == [84, 60]
    instances = [t["instance"] for t in p["trials"]]
    assert instances[0] == "first_instance" and "appeal" in instances
    appeal = next(t for t in p["trials"] if t["instance"] == "appeal")
    assert appeal["sentences"][0]["appeal_result"] == "reduced"
    assert appeal["appeal_of"] == p["trials"][0]["trial_id"]
    methods = {r["method"] for r in rows(shipped, "allegations") if r["person_id"] == pid}
    assert len(methods) == 5 and {a["method"] for a in p["allegations"]} == methods
    assert {a["official_response"] for a in p["allegations"]} == {"rejected"}
    assert [d["released_on"] for d in p["detentions"]] == ["2014-11"]
    assert p["detentions"][0]["released_on_earliest"] == "2014-11-01"
    assert p["detentions"][0]["released_on_latest"] == "2014-11-30"
    assert any(t["person_id"] == pid for t in p["testimonies"])


def test_profile_lists_each_citation_and_every_disputed_value(shipped):
    p = zhanaozen.person("PER-0001").to_dict()
    sentence = p["trials"][0]["sentences"][0]
    cited = {c["citation_id"] for c in rows(shipped, "citations")
             if c["table"] == "sentences" and c["record_id"] == sentence["sentence_id"]}
    assert {c["citation_id"] for c in sentence["citations"]} == cited
    assert all(c["support"] in ("explicit", "inferred") for c in sentence["citations"])
    records = {("persons", p["person_id"])}
    records |= {("detentions", d["detention_id"]) for d in p["detentions"]}
    records |= {("allegations", a["allegation_id"]) for a in p["allegations"]}
    for t in p["trials"]:
        records |= {("trials", t["trial_id"])} | {("charges", c["charge_id"]) for c in t["charges"]}
        records |= {("sentences", s["sentence_id"]) for s in t["sentences"]}
    disputed = [c for c in rows(shipped, "citations") if c["stance"] == "conflicts" and (c["table"], c["record_id"])
                in records]
    assert disputed, "Tuletaeva's record has disputed values"
    got = {(c["citation_id"], c["asserted_value"]) for c in p["conflicts"]}
    assert got == {(c["citation_id"], c["asserted_value"]) for c in disputed}
    by_id = {c["citation_id"]: c for c in p["conflicts"]}
    sentences = {r["sentence_id"]: r for r in rows(shipped, "sentences")}
    for c in disputed:
        if c["table"] == "sentences":  # the recorded value sits next to the one the source asserts
            assert by_id[c["citation_id"]]["recorded_value"] == sentences[c["record_id"]][c["field"]]
    sources = {s["source_id"] for s in p["sources"]}
    assert {c["source_id"] for c in rows(shipped, "citations") if ("sentences", c["record_id"]) in records} <= sources


def test_profile_is_plain_data_and_prints(shipped):
    profile = zhanaozen.person("Roza Tuletaeva")
    data = json.loads(profile.to_json())
    assert data == profile.to_dict()
    text = str(profile)
    assert "84 months" in text and "60 months" in text and "rejected" in text and "2014-11" in text
    assert all(c.isprintable() or c == "\n" for c in text)


def test_profile_of_another_package_by_path_shows_control_characters_safely(valid_package):
    replace_cell(valid_package, "persons", "PER-0001", "notes", "line\x1b[31mred")
    replace_cell(valid_package, "persons", "PER-0001", "name", "Example Person A\x07")
    profile = zhanaozen.person("PER-0001", path=valid_package)
    assert profile["notes"] == "line\x1b[31mred"  # the data as it is
    assert "\x07" not in str(profile) and "\x1b" not in str(profile)  # the text view cannot drive a terminal
    assert [s["term_months"] for t in profile["trials"] for s in t["sentences"]] == [84, 60]


def test_inferred_citations_are_marked(valid_package):
    with (valid_package / "data" / "citations.csv").open("a", encoding="utf-8") as f:
        f.write("CIT-09999,sentences,SEN-0002,term_months,example-report,para. 9,supports,inferred,,"
                "Follows from the first-instance term and the reduction the report describes.\n")
    profile = zhanaozen.person("PER-0001", path=valid_package)  # a copy at a path is read on every call: once
    p = profile.to_dict()
    appeal = next(s for t in p["trials"] for s in t["sentences"] if s["sentence_id"] == "SEN-0002")
    marks = {c["citation_id"]: c["support"] for c in appeal["citations"]}
    assert marks["CIT-09999"] == "inferred"
    assert set(marks.values()) == {"explicit", "inferred"}
    inferred = next(i for i in p["inferred"] if i["citation_id"] == "CIT-09999")
    assert (inferred["record_id"], inferred["field"]) == ("SEN-0002", "term_months")
    assert "[sources: " in str(profile)
    assert "example-report (inferred)" in str(profile)


def test_cli_prints_the_profile_as_text_or_json(valid_package, capsys):
    """The command's output and exit status, in process (the console script itself: test_validate.py)."""
    from zhanaozen.cli import main

    replace_cell(valid_package, "persons", "PER-0001", "notes", "note\x9b31m with a C1 control")
    assert main(["person", "example person a", str(valid_package)]) == 0
    out = capsys.readouterr().out
    assert "84 months" in out and "60 months" in out
    assert main(["person", "PER-0001", str(valid_package), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out
    assert json.loads(out)["notes"] == "note\x9b31m with a C1 control"
    assert main(["person", "Nobody", str(valid_package)]) == 2
    missing = capsys.readouterr()
    assert missing.err.startswith("zhanaozen person: no person")
    assert "Traceback" not in missing.err
