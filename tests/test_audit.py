"""The citation audit (audit/citations.csv) covers every citation and agrees with the data."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from zhanaozen.docsite.audit_page import VERDICTS, audit_page, read_audit

REPO = Path(__file__).resolve().parent.parent
AUDIT = REPO / "audit" / "citations.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def audit() -> dict[str, dict[str, str]]:
    return {row["citation_id"]: row for row in read_audit(AUDIT)}


def test_every_citation_has_a_verdict_and_its_support(audit):
    citations = _rows(REPO / "data" / "citations.csv")
    assert [c["citation_id"] for c in citations if c["citation_id"] not in audit] == []
    assert [c["citation_id"] for c in citations if audit[c["citation_id"]]["support"] != c["support"]] == []


def test_verdicts_are_known_and_removed_citations_are_retired(audit):
    assert {row["verdict"] for row in audit.values()} <= set(VERDICTS)
    present = {c["citation_id"] for c in _rows(REPO / "data" / "citations.csv")}
    retired = {r["id"] for r in _rows(REPO / "data" / "retired_ids.csv") if r["table"] == "citations"}
    removed = {cid for cid, row in audit.items() if row["verdict"] == "removed"}
    assert removed <= retired and not removed & present
    assert {cid for cid in audit if cid not in present} == removed


def test_changes_are_explained(audit):
    unexplained = [cid for cid, row in audit.items() if row["verdict"] != "supported" and not row["note"].strip()]
    assert unexplained == []


def test_page_counts_each_verdict_and_escapes_notes(audit):
    page = audit_page(list(audit.values()))
    assert f"{len(audit)} citations" in page
    hostile = audit_page([{"citation_id": "CIT-1", "verdict": "corrected", "support": "explicit",
                           "checked_on": "2026-11-29", "note": "<script>alert(1)</script>"}])
    assert "<script>" not in hostile and "&#60;script&#62;" in hostile
