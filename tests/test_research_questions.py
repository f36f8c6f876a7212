"""The questions issue 3 promises a reader can answer from the loaded tables alone, asked of the shipped data.

The expected values are facts the cited sources state (see data/citations.csv); a change here is a change
of the record and must come with its source.
"""
from __future__ import annotations

import zhanaozen


def _sentences_in(trial_id: str):
    sentences, persons = zhanaozen.load("sentences"), zhanaozen.load("persons")
    rows = sentences[sentences["trial_id"] == trial_id].merge(persons[["person_id", "name"]], on="person_id")
    return rows.set_index("name")


def test_who_was_sentenced_in_the_trial_of_37_and_to_what():
    first = _sentences_in("TRI-001")
    assert first.loc["Roza Tuletaeva", "term_months"] == 84
    assert first.loc["Maksat Dosmagambetov", "term_months"] == 72
    assert first.loc["Talgat Saktaganov", "term_months"] == 48
    assert (first["outcome"] == "imprisonment").all()


def test_how_the_appeal_changed_the_sentences():
    trials = zhanaozen.load("trials")
    appeals = trials.loc[trials["appeal_of"] == "TRI-001", "trial_id"].tolist()
    assert appeals == ["TRI-002"]
    appeal = _sentences_in("TRI-002")
    assert appeal.loc["Roza Tuletaeva", ["term_months", "appeal_result"]].tolist() == [60, "reduced"]
    assert appeal.loc["Maksat Dosmagambetov", "appeal_result"] == "upheld"


def test_each_source_reports_its_own_total_and_disagreements_stay():
    claims = zhanaozen.load("claims")
    trial = claims[claims["trial_id"] == "TRI-001"]
    defendants = trial[trial["measure"] == "defendants"]
    assert set(defendants["value"]) == {37} and defendants["source_id"].nunique() >= 3
    imprisoned = set(trial.loc[trial["measure"] == "imprisoned", "value"])
    assert {7, 12, 13} <= imprisoned  # Amnesty, AP and Reuters disagree; all three are kept


def test_allegations_of_ill_treatment_and_the_official_response():
    allegations = zhanaozen.load("allegations")
    tuletaeva = allegations[allegations["person_id"] == "PER-0001"]
    assert len(tuletaeva) == 5
    assert set(tuletaeva["official_response"]) == {"rejected"}
    # every allegation says where it was raised; the response is a vocabulary value or, if unknown, empty
    assert allegations["raised_in"].notna().all()
    responses = allegations["official_response"]
    assert set(responses.dropna()) <= set(responses.cat.categories) and responses.notna().sum() >= 10
