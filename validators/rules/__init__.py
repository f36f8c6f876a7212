"""The named cross-table rules of the data model, in order. Each module has RULE, TABLES and check()."""
from . import (chronology, conflicts, defendants, keys, legal_bounds, provenance, reported_totals,
               sentence_shape, stable_ids, text_hygiene)
# The hostile-input issue's checks (each module declares RULE, QUESTION, FIX, TABLES and check()).
from . import confusables, contract, date_order, hidden_characters, sentence_bounds, spaced_identifiers

ALL = (keys, provenance, conflicts, chronology, defendants, sentence_shape, legal_bounds,
       reported_totals, text_hygiene, stable_ids,
       date_order, sentence_bounds, hidden_characters, confusables, spaced_identifiers, contract)

# Run on the validator's second thread, once it has checked the fields: rules whose work is mostly
# native (polars), so that the two threads seldom wait for each other's GIL.
SECOND_THREAD = (defendants, legal_bounds, reported_totals, text_hygiene, stable_ids, hidden_characters,
                 sentence_bounds)
