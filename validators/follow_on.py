"""Hold back a rule's finding on a row whose cell was already reported as unreadable.

A cell that fails its type or vocabulary (``field``) reads as empty to the cross-table rules, which
then report what follows from that emptiness: a wrong ``outcome`` also made the sentence's shape look
wrong. The contributor fixes the reported value first; the rules judge the row again on the next run.
"""
from __future__ import annotations

from .findings import Finding

STAGES = ("descriptor", "integrity", "structure", "field")


def without_follow_ons(findings: list[Finding]) -> list[Finding]:
    """The findings, less the rules' errors on rows that already have a field error."""
    reported = {(f.file, f.line) for f in findings if f.rule == "field" and f.severity == "error" and f.line}
    return [f for f in findings
            if f.rule in STAGES or f.severity != "error" or (f.file, f.line) not in reported]
