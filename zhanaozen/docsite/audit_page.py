"""The "Citation audit" page: method, counts by verdict and every change, from ``audit/citations.csv``."""
from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from .markup import escape, html_table

MAX_BYTES = 5 * 1024 * 1024  # the audit file is ours, but it is read while building from a pull request
VERDICTS = ("supported", "corrected", "repointed", "split", "inferred", "removed", "unverifiable")


def read_audit(path: Path) -> list[dict[str, str]]:
    """The audit's rows; empty when the file is absent, not a regular file, or too large."""
    if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_BYTES:
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def audit_page(rows: list[dict[str, str]]) -> str:
    if not rows:
        return "# Citation audit\n\nNo audit of the citations has been recorded yet.\n"
    counts = Counter(row["verdict"] for row in rows)
    dates = sorted({row["checked_on"] for row in rows})
    lines = ["# Citation audit", "",
             f"Every citation was read against the page it cites ({len(rows)} citations, checked "
             f"{escape(' to '.join(dict.fromkeys([dates[0], dates[-1]])))}). A citation holds when the page states the "
             "cited value at the locator, or for a citation of a whole row, the row's substance. What fell short "
             "was corrected in the data, not passed. The method is in `audit/README.md` in the repository.", "",
             "## Counts by verdict", "",
             html_table(["Verdict", "Citations"],
                        [[escape(v), str(counts[v])] for v in (*VERDICTS, *sorted(set(counts) - set(VERDICTS)))
                         if counts[v]]), "",
             "## What changed", "",
             "Every citation whose verdict is not *supported*, with what the audit found.", "",
             html_table(["Citation", "Verdict", "Support", "Finding"],
                        [[f"<code>{escape(r['citation_id'])}</code>", escape(r["verdict"]), escape(r["support"]),
                          escape(r["note"])] for r in rows if r["verdict"] != "supported"])]
    return "\n".join(lines) + "\n"
