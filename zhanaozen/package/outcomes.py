"""Which sentence outcomes count towards each measure a claim can report: one definition shared
by the ``reported-totals`` rule and the coverage report, so the two can never disagree.
"""
from __future__ import annotations

# Which sentence outcomes count towards a claim's measure. "defendants" is everyone charged
# or sentenced in the trial; measures absent here (killed, detained, released, ...) are not
# derivable from sentences and charges, so nothing is counted for them.
OUTCOMES = {
    "imprisoned": {"imprisonment"},
    "suspended": {"suspended"},
    "amnestied": {"amnestied"},
    "acquitted": {"acquitted"},
    "convicted": {"imprisonment", "suspended", "amnestied", "fine"},
}
MEASURES = ("defendants", *OUTCOMES)
