"""The named cross-table rules of the data model, in order. Each module declares RULE, QUESTION, FIX
and TABLES, and has check(); validators/catalogue.py lists them after the stages, run.py runs them."""
from . import (chronology, conflicts, defendants, keys, legal_bounds, provenance, reported_totals,
               sentence_shape, stable_ids, text_hygiene)
# The hostile-input issue's checks (issue 14).
from . import confusables, contract, date_order, hidden_characters, sentence_bounds, spaced_identifiers

ALL = (keys, provenance, conflicts, chronology, defendants, sentence_shape, legal_bounds,
       reported_totals, text_hygiene, stable_ids,
       date_order, sentence_bounds, hidden_characters, confusables, spaced_identifiers, contract)
