"""Distinct persons the dataset documents per trial and measure: one count, computed here once, shared
by the ``reported-totals`` rule (from polars) and the coverage report (from pandas), so the two can
never disagree.

Works on Arrow tables (pyarrow only), which both libraries hand over without copying the values; and
without pyarrow's group_by, which would import pandas into the validator (see loading/arrow_values.py).
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from ..loading.arrow_values import int32, strings, text, zeros
from ..package.outcomes import MEASURES, OUTCOMES

__all__ = ["MEASURES", "OUTCOMES", "documented", "documented_frame"]
# Joins trial, measure and person into one key; IDs and measures never hold it (an unknown person is
# the NUL character, which the structure stage refuses in any cell, so it counts once and apart).
_SEP, _UNKNOWN = "\x1f", "\x00"


def _keys(trials: pa.ChunkedArray, persons: pa.ChunkedArray, measure: str) -> pa.ChunkedArray:
    measures = pc.take(strings([measure]), zeros(len(trials)))
    return pc.binary_join_element_wise(trials, measures, pc.fill_null(persons, text(_UNKNOWN)), text(_SEP))


def documented(sentences: pa.Table, charges: pa.Table) -> pa.Table:
    """Columns ``trial_id``, ``measure``, ``documented``: distinct persons per trial and measure (an
    unknown person counts once). Only trial × measure pairs with at least one person appear (a row
    without trial_id counts nowhere); the order is unspecified."""
    s = {name: pc.cast(sentences.column(name), pa.string()) for name in ("trial_id", "person_id", "outcome")}
    c = {name: pc.cast(charges.column(name), pa.string()) for name in ("trial_id", "person_id")}
    keys = []
    for measure, outcomes in OUTCOMES.items():
        chosen = pc.is_in(s["outcome"], value_set=strings(sorted(outcomes)))
        keys.append(_keys(pc.filter(s["trial_id"], chosen), pc.filter(s["person_id"], chosen), measure))
    keys += [_keys(s["trial_id"], s["person_id"], "defendants"), _keys(c["trial_id"], c["person_id"], "defendants")]
    # A null trial_id makes the joined key null: those rows drop out here.
    people = pc.unique(pc.drop_null(pa.chunked_array([chunk for key in keys for chunk in key.chunks], pa.string())))
    pairs = pc.value_counts(pc.replace_substring_regex(people, pattern=_SEP + "[^" + _SEP + "]*$", replacement=""))
    parts = pc.split_pattern(pairs.field("values"), _SEP)
    return pa.table({"trial_id": pc.list_element(parts, int32(0)), "measure": pc.list_element(parts, int32(1)),
                     "documented": pc.cast(pairs.field("counts"), pa.int64())})


def documented_frame(sentences, charges):
    """:func:`documented` for pandas callers (the coverage report, the views): typed frames in, a
    frame sorted by trial and measure out."""
    tables = [pa.Table.from_pandas(frame[list(columns)], preserve_index=False)
              for frame, columns in ((sentences, ("trial_id", "person_id", "outcome")), (charges, ("trial_id", "person_id")))]
    return documented(*tables).to_pandas().sort_values(["trial_id", "measure"], ignore_index=True)
