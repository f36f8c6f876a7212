"""Seed a generated package with known errors, one or more of every kind the validator checks.

Each seed changes one row (or removes the rows that back it) far from the others, so every error
is found on its own line. ``frictionless`` names the error type frictionless reports for it, or is
None where the check is ours alone (partial dates, citation targets, the domain rules, text hygiene).
"""
from __future__ import annotations

from synthetic_tables import Seed, Tables



class Seeder:
    def __init__(self, t: Tables):
        self.t = t
        self.marks: list[tuple[str, list, object, str, str | None]] = []

    def col(self, name: str, column: str) -> int:
        return self.t.fields[name].index(column)

    def pick(self, name: str, at: float, **where) -> list:
        """The first row at or after fraction ``at`` of the table whose cells match ``where``."""
        rows = self.t.rows[name]
        tests = [(self.col(name, k), v) for k, v in where.items()]
        start = int(len(rows) * at)
        for row in rows[start:] + rows[:start]:
            if row and all(row[i] == v for i, v in tests) and not any(row is m[1] for m in self.marks):
                return row
        raise LookupError(f"no row of {name} with {where}")

    def set(self, rule: str, name: str, at: float, column: str, value: str, frictionless: str | None = None,
            **where) -> list:
        row = self.pick(name, at, **where)
        row[self.col(name, column)] = value
        self.marks.append((name, row, column, rule, frictionless))
        return row

    def mark(self, rule: str, name: str, row: list, column: str | None, frictionless: str | None = None) -> None:
        self.marks.append((name, row, column, rule, frictionless))

    def remove(self, name: str, column: str, value: str) -> None:
        """Drop every row of ``name`` whose ``column`` holds ``value``."""
        i = self.col(name, column)
        self.t.rows[name] = [row for row in self.t.rows[name] if not row or row[i] != value]

    def seeds(self) -> list[Seed]:
        out = []
        for name, row, column, rule, frictionless in self.marks:
            line = next(n for n, r in enumerate(self.t.rows[name]) if r is row) + 2
            out.append(Seed(rule, f"data/{name}.csv", line, column, frictionless))
        return sorted(out, key=lambda s: (s.file, s.line))


def _structure(s: Seeder) -> None:
    """Both in procedural_concerns, which no cross-table rule needs, so the other seeds stay checkable."""
    rows = s.t.rows["procedural_concerns"]
    row = s.pick("procedural_concerns", 0.3)
    row.append("an extra cell")
    fields = s.t.fields["procedural_concerns"]
    # The validator names the last field for cells after it, and the first field for a blank line.
    s.mark("structure", "procedural_concerns", row, fields[-1], "extra-cell")
    blank: list = []
    rows.insert(int(len(rows) * 0.7), blank)
    s.mark("structure", "procedural_concerns", blank, fields[0], "blank-row")


def _fields(s: Seeder) -> None:
    s.set("field", "persons", 0.10, "gender", "F", "constraint-error")
    s.set("field", "sources", 0.50, "url", "example.org/no-scheme", "constraint-error")
    s.set("field", "events", 0.99, "place", "", "constraint-error")
    s.set("field", "persons", 0.20, "birth_year", "about 1970", "type-error")
    s.set("field", "persons", 0.30, "birth_year", "1850", "constraint-error")
    s.set("field", "allegations", 0.40, "response_on", "2013-02-30")
    s.set("field", "testimonies", 0.50, "anonymous", "yes", "type-error")


def _keys(s: Seeder) -> None:
    ids = s.col("citations", "citation_id")
    row = s.pick("citations", 0.60)
    before = s.t.rows["citations"][s.t.rows["citations"].index(row) - 1]
    s.set("keys", "citations", 0.60, "citation_id", before[ids], "primary-key")
    s.set("keys", "detentions", 0.50, "event_id", "EVT-999", "foreign-key")
    s.set("keys", "citations", 0.20, "record_id", "PER-9999999", stance="conflicts")


def _provenance(s: Seeder) -> None:
    detention = s.pick("detentions", 0.80)
    s.mark("provenance", "detentions", detention, "detention_id")
    s.t.rows["citations"] = [c for c in s.t.rows["citations"]
                             if not (c[s.col("citations", "table")] == "detentions"
                                     and c[s.col("citations", "record_id")] == detention[0])]
    person = s.pick("persons", 0.90)
    s.mark("provenance", "persons", person, "person_id")
    s.remove("person_names", "person_id", person[0])


def _conflicts(s: Seeder) -> None:
    s.set("conflicts", "citations", 0.40, "asserted_value", "", stance="conflicts")
    s.set("conflicts", "citations", 0.70, "asserted_value", "acquitted", field="outcome",
          asserted_value="imprisonment")


def _chronology(s: Seeder) -> None:
    s.set("chronology", "detentions", 0.30, "released_on", "2011-01")
    row = s.pick("trials", 0.50, instance="first_instance")
    row[s.col("trials", "opened_on")] = "2012-07-15"
    s.mark("chronology", "trials", row, "decided_on")
    s.set("chronology", "sentences", 0.20, "decided_on", "2013-01-01")
    s.set("chronology", "allegations", 0.70, "raised_on", "2011-01")


def _sentences(s: Seeder) -> None:
    s.set("defendants", "sentences", 0.50, "term_months", "12", outcome="acquitted")
    row = s.pick("sentences", 0.60, outcome="suspended")
    person, trial = row[s.col("sentences", "person_id")], row[s.col("sentences", "trial_id")]
    for charge in s.t.rows["charges"]:
        if charge[s.col("charges", "person_id")] == person and charge[s.col("charges", "trial_id")] == trial:
            charge[s.col("charges", "outcome")] = "dropped"
    s.mark("defendants", "sentences", row, "outcome")
    s.set("sentence-shape", "sentences", 0.30, "term_months", "0", outcome="imprisonment")
    s.set("sentence-shape", "sentences", 0.40, "appeal_result", "", appeal_result="upheld")
    s.set("legal-bounds", "sentences", 0.90, "term_months", "999", outcome="imprisonment", appeal_result="")
    s.set("reported-totals", "claims", 0.50, "value", "3", measure="defendants")


def _text(s: Seeder) -> None:
    s.set("text-hygiene", "persons", 0.40, "notes", "=1+1")
    s.set("text-hygiene", "persons", 0.50, "name", "S\u0435rik Aminov")  # Cyrillic e inside a Latin word
    s.set("text-hygiene", "citations", 0.30, "notes", "seen\ton p. 3")
    s.set("text-hygiene", "trials", 0.20, "notes", "Cafe\u0301 hearing")  # decomposed accent
    s.set("text-hygiene", "allegations", 0.60, "description", "Named in a complaint with IIN 850101300123.")
    s.set("text-hygiene", "detentions", 0.60, "notes", "Relatives: +7 701 123 45 67")
    s.set("text-hygiene", "testimonies", 0.80, "summary", "Contact: witness@example.org")


def _hostile(s: Seeder) -> None:
    """The checks of the hostile-input issue (14) that rows can fail."""
    s.set("date-order", "events", 0.50, "end_on", "2000-01-01")
    s.set("date-order", "detentions", 0.90, "released_on", "2099-01-01")
    s.set("sentence-bounds", "sentences", 0.70, "term_months", "10000", outcome="imprisonment", appeal_result="")
    s.set("hidden-characters", "persons", 0.60, "notes", "Released\u200bin 2016")  # a zero-width space
    s.set("confusables", "persons", 0.70, "name", "\u0391ibek Serikov")  # a Greek capital alpha
    s.set("spaced-identifiers", "allegations", 0.80, "description", "Named with IIN 850101 300123 in the file.")


def seed(t: Tables) -> list[Seed]:
    s = Seeder(t)
    for step in (_structure, _fields, _keys, _provenance, _conflicts, _chronology, _sentences, _text, _hostile):
        step(s)
    return s.seeds()
