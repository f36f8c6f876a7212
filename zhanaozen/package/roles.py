"""The tables and fields the validation rules rely on, by the role they play in the data model.

The data model (docs and shared/data-model.md: extend, never rename) fixes each table's name, file and
key columns. A rule must never be switched off by the data: if a package renames or drops a table or a
field a rule needs (``retired_ids`` renamed, say, so that the stable-IDs rule would have nothing to
read), that is an error of the descriptor, not a reason to skip the rule. Each entry: the table's role
(its name in the data model), the file it lives in, and the fields a rule reads with their shape.
"""
from __future__ import annotations

TEXT, INTEGER, DATE = "text", "integer", "partial date"

REQUIRED: dict[str, dict[str, str]] = {
    "sources": {"source_id": TEXT},
    "persons": {"person_id": TEXT, "birth_year": INTEGER, "died_on": DATE},
    "person_names": {"person_id": TEXT, "name": TEXT, "source_id": TEXT},
    "events": {"event_id": TEXT, "start_on": DATE, "end_on": DATE},
    "detentions": {"detention_id": TEXT, "person_id": TEXT, "detained_on": DATE, "released_on": DATE},
    "trials": {"trial_id": TEXT, "instance": TEXT, "appeal_of": TEXT, "opened_on": DATE, "decided_on": DATE},
    "charges": {"charge_id": TEXT, "trial_id": TEXT, "person_id": TEXT, "code": TEXT, "article": TEXT,
                "part": TEXT, "outcome": TEXT},
    "sentences": {"sentence_id": TEXT, "trial_id": TEXT, "person_id": TEXT, "outcome": TEXT,
                  "term_months": INTEGER, "probation_months": INTEGER, "appeal_result": TEXT, "decided_on": DATE},
    "allegations": {"allegation_id": TEXT, "person_id": TEXT, "detention_id": TEXT, "raised_on": DATE,
                    "response_on": DATE},
    "claims": {"claim_id": TEXT, "trial_id": TEXT, "event_id": TEXT, "measure": TEXT, "value": INTEGER,
               "source_id": TEXT},
    "testimonies": {"testimony_id": TEXT},
    "procedural_concerns": {"concern_id": TEXT},
    "legal_articles": {"code": TEXT, "article": TEXT, "part": TEXT, "min_months": INTEGER, "max_months": INTEGER,
                       "source_id": TEXT},
    "citations": {"citation_id": TEXT, "table": TEXT, "record_id": TEXT, "field": TEXT, "source_id": TEXT,
                  "stance": TEXT, "asserted_value": TEXT},
    "retired_ids": {"id": TEXT, "table": TEXT, "retired_in": TEXT, "reason": TEXT, "replaced_by": TEXT},
}


def role_path(role: str) -> str:
    """Where the data model keeps a table: data/<role>.csv."""
    return f"data/{role}.csv"


def find(tables: dict, role: str):
    """The table playing ``role``: by its data-model name, else by its data-model file (a renamed
    resource still holds the same records); None when neither is there."""
    if role in tables:
        return tables[role]
    return next((t for t in tables.values() if getattr(t, "relpath", None) == role_path(role)), None)
