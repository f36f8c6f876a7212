"""Every pair of dates with a natural order is in it, and no date lies after the day of validation.

Rule 4 (chronology) covers detentions, trials and sentences; these are the other pairs the data model
holds: an event ends after it starts; an official response comes after the allegation it answers; a
person is not detained or released after their death; a person is born no later than they die. Partial
dates are compared by the first and last day they can mean (validators/rules/chronology.py), so only an
impossible order fails. A date after today is a typo (2099) or a guess, never a record.
"""
from __future__ import annotations

import datetime

import polars as pl

from zhanaozen.package.descriptor import EARLIEST, LATEST

from ..dataset import Dataset, lookup
from ..findings import Finding

RULE = "date-order"
QUESTION = ("every pair of dates with a natural order is in it (event start and end, allegation and response, "
            "birth, detention and death), and no date is after the day of validation")
FIX = "Check both dates against the source; leave a date partial or empty rather than guess it."
TABLES = ("events", "allegations", "persons", "detentions")


def _after(a_earliest: pl.Series, b_latest: pl.Series) -> pl.Series:
    """True where a certainly comes after b."""
    return (a_earliest > b_latest).fill_null(False)


def _pairs(ds: Dataset) -> list[Finding]:
    e, a = ds.frame("events"), ds.frame("allegations")
    findings = ds.findings(RULE, "events", _after(e["start_on" + EARLIEST], e["end_on" + LATEST]), "end_on",
                           "the event ends before it starts (start_on)")
    findings += ds.findings(RULE, "allegations", _after(a["raised_on" + EARLIEST], a["response_on" + LATEST]),
                            "response_on", "the official response is dated before the allegation was raised (raised_on)")
    p, d = ds.frame("persons"), ds.frame("detentions")
    died = lookup(d["person_id"], p["person_id"], p["died_on" + LATEST])
    findings += ds.findings(RULE, "detentions", _after(d["detained_on" + EARLIEST], died), "detained_on",
                            "the person is detained after their death (persons.died_on)")
    findings += ds.findings(RULE, "detentions", _after(d["released_on" + EARLIEST], died), "released_on",
                            "the person is released after their death (persons.died_on)")
    born = p["birth_year"].cast(pl.Int64)
    findings += ds.findings(RULE, "persons", (born > p["died_on" + LATEST].dt.year()).fill_null(False), "birth_year",
                            "born after the year of death (died_on)")
    return findings


def _future(ds: Dataset, today: datetime.date) -> list[Finding]:
    findings = []
    for name, frame in ds.typed.items():
        table = ds.table(name)
        for field in table.fields:
            if field.partial_date and field.name + EARLIEST in frame.columns:
                late = (frame[field.name + EARLIEST] > today).fill_null(False)
            elif field.type == "date" and frame.schema.get(field.name) == pl.Date:
                late = (frame[field.name] > today).fill_null(False)
            elif field.name.endswith("_year") and frame.schema.get(field.name) == pl.Int64:
                late = (frame[field.name] > today.year).fill_null(False)
            else:
                continue
            findings += ds.findings(RULE, name, late, field.name, f"is after today ({today.isoformat()}): "
                                    "a date is recorded only once it has passed")
    return findings


def check(ds: Dataset) -> list[Finding]:
    return _pairs(ds) + _future(ds, datetime.datetime.now(datetime.timezone.utc).date())
