"""One person's whole record: ``zhanaozen.person(key)``.

The profile gathers, for one person, every spelling of the name, every detention, each trial at
every instance with the charges and the sentence, the allegations with the official response, the
testimonies and procedural concerns, and for every record the citations behind it; a value a source
disputes is listed next to the value that source asserts. It is plain data (``to_dict``,
``to_json``) and prints as text.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pandas as pd

from .records import Tables, plain, records, tables_at

KIND_ORDER = {"preferred": 0, "variant": 1, "transliteration": 2, "misspelling": 3}
# The tables whose rows belong to one person, and the column that says which.
OWN = {"detentions": "person_id", "charges": "person_id", "sentences": "person_id",
       "allegations": "person_id", "testimonies": "person_id", "procedural_concerns": "person_id"}


def fold(text: object) -> str:
    """A spelling reduced for matching: no case, no diacritics, single spaces (Latin and Cyrillic alike)."""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").split())


def find(tables: Tables, key: str) -> str:
    """The person ID that ``key`` names: an ID, or any recorded spelling (LookupError otherwise)."""
    as_id = str(key).strip().upper()
    if tables["persons"]["person_id"].eq(as_id).any():  # one comparison, no set of every ID per lookup
        return as_id
    spellings = tables.cached("folded spellings", lambda: _spellings_folded(tables))
    folded = spellings["folded"]
    wanted = fold(key)
    exact = set(spellings.loc[folded == wanted, "person_id"])
    if len(exact) == 1:
        return exact.pop()
    partial = exact or set(spellings.loc[folded.map(lambda s: f" {wanted} " in f" {s} "), "person_id"])
    if len(partial) == 1:
        return partial.pop()
    if partial:
        raise LookupError(f"{key!r} names more than one person: {', '.join(sorted(partial))}; give the ID")
    raise LookupError(f"no person has the ID or a recorded spelling {key!r}")


def _spellings_folded(tables: Tables) -> pd.DataFrame:
    """Every recorded spelling with its person ID and its folded form (folded once per set of tables)."""
    persons, names = tables["persons"], tables["person_names"]
    spellings = pd.concat([
        persons[["person_id", "name"]], persons[["person_id", "name_cyrillic"]].rename(columns={"name_cyrillic": "name"}),
        names[["person_id", "name"]]]).dropna()
    return spellings.assign(folded=spellings["name"].map(fold))


class Profile:
    """A person's record as plain data; ``str(profile)`` is a readable summary."""

    def __init__(self, data: dict):
        self.data = data

    def to_dict(self) -> dict:
        return self.data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=indent)

    def __getitem__(self, key: str):
        return self.data[key]

    def __str__(self) -> str:
        from .person_text import render

        return render(self.data)

    def __repr__(self) -> str:
        return f"<Profile {self.data['person_id']} {self.data['name']!r}>"


def person(key: str, path: str | Path | None = None, tables: Tables | None = None) -> Profile:
    tables = tables or tables_at(path)
    return Profile(build(tables, find(tables, key)))


def build(tables: Tables, person_id: str) -> dict:
    """The profile of ``person_id`` as a dict (see the module docstring)."""
    cite = _Citations(tables)
    row = records(tables["persons"][tables["persons"]["person_id"] == person_id])[0]
    own = {name: tables[name][tables[name][column] == person_id] for name, column in OWN.items()
           if column in tables[name]}
    data = {**row, "citations": cite("persons", person_id)}
    data["spellings"] = _spellings(tables, person_id)
    cite.used += [u["source_id"] for s in data["spellings"] for u in s["sources"] if u["source_id"] not in cite.used]
    data["detentions"] = [cite.attach("detentions", r, "detention_id") for r in records(own["detentions"])]
    data["trials"] = _trials(tables, own, cite)
    data["allegations"] = [cite.attach("allegations", r, "allegation_id") for r in records(own["allegations"])]
    data["testimonies"] = [cite.attach("testimonies", r, "testimony_id") for r in records(own["testimonies"])]
    data["procedural_concerns"] = _concerns(tables, data, cite)
    data["conflicts"] = cite.conflicts
    data["sources"] = _sources(tables, cite.used)
    data["inferred"] = cite.inferred
    return data


class _Citations:
    """Citations of records, collected as they are attached so the profile can list every source."""

    def __init__(self, tables: Tables):
        self.by_record = tables.cached("citations_by_record", lambda: _by_record(tables["citations"]))
        self.used: list[str] = []
        self.conflicts: list[dict] = []
        self.inferred: list[dict] = []

    def __call__(self, table: str, record_id: str) -> list[dict]:
        found = [dict(c, support=c.get("support") or "explicit") for c in self.by_record.get((table, record_id), [])]
        self.used += [c["source_id"] for c in found if c["source_id"] not in self.used]
        return found

    def attach(self, table: str, row: dict, key: str) -> dict:
        row = dict(row, citations=self(table, row[key]))
        for c in row["citations"]:
            where = {"table": table, "record_id": row[key], "field": c["field"], "source_id": c["source_id"],
                     "locator": c["locator"], "citation_id": c["citation_id"], "notes": c["notes"]}
            if c["stance"] == "conflicts":
                self.conflicts.append({**where, "recorded_value": plain(row.get(c["field"])),
                                       "asserted_value": c["asserted_value"], "support": c["support"]})
            elif c["support"] == "inferred":
                self.inferred.append(where)
        return row


def _by_record(frame: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """Citations keyed by (table, record ID): every row turned into plain data once."""
    out: dict[tuple[str, str], list[dict]] = {}
    for c in records(frame):
        out.setdefault((c["table"], c["record_id"]), []).append(c)
    return out


def _spellings(tables: Tables, person_id: str) -> list[dict]:
    names = tables["person_names"]
    own = records(names[names["person_id"] == person_id])
    grouped: dict[tuple, dict] = {}
    for r in own:
        key = (r["name"], r["script"], r["language"], r["kind"])
        entry = grouped.setdefault(key, {"name": r["name"], "script": r["script"], "language": r["language"],
                                         "kind": r["kind"], "sources": []})
        entry["sources"].append({"source_id": r["source_id"], "locator": r.get("locator")})
    return sorted(grouped.values(), key=lambda s: (KIND_ORDER.get(s["kind"], 9), s["script"] != "Latn", s["name"]))


def _trials(tables: Tables, own: dict, cite: _Citations) -> list[dict]:
    """Each trial the person was charged or sentenced in, first instance first, with charges and sentence."""
    ids = set(own["charges"]["trial_id"]) | set(own["sentences"]["trial_id"])
    trials = tables["trials"][tables["trials"]["trial_id"].isin(ids)]
    trials = trials.sort_values(["opened_on_earliest", "decided_on_earliest", "trial_id"], na_position="last")
    out = []
    for trial in records(trials):
        trial = cite.attach("trials", trial, "trial_id")
        charges = own["charges"][own["charges"]["trial_id"] == trial["trial_id"]]
        sentences = own["sentences"][own["sentences"]["trial_id"] == trial["trial_id"]]
        trial["charges"] = [cite.attach("charges", r, "charge_id") for r in records(charges)]
        trial["sentences"] = [cite.attach("sentences", r, "sentence_id") for r in records(sentences)]
        out.append(trial)
    return _chain_order(out)


def _chain_order(trials: list[dict]) -> list[dict]:
    """Appeals right after the decision they review (dates alone can tie or be missing)."""
    by_id = {t["trial_id"]: t for t in trials}
    roots = [t for t in trials if t.get("appeal_of") not in by_id]
    ordered: list[dict] = []

    def walk(trial: dict) -> None:
        ordered.append(trial)
        for child in trials:
            if child.get("appeal_of") == trial["trial_id"] and child not in ordered:
                walk(child)

    for root in roots:
        walk(root)
    return ordered + [t for t in trials if t not in ordered]


def _concerns(tables: Tables, data: dict, cite: _Citations) -> list[dict]:
    """Concerns about this person, their detentions, or (naming no one) the trials they were in."""
    frame = tables["procedural_concerns"]
    if frame.empty:
        return []
    detentions = {d["detention_id"] for d in data["detentions"]}
    trials = {t["trial_id"] for t in data["trials"]}
    mask = (frame["person_id"] == data["person_id"]) | frame["detention_id"].isin(detentions) \
        | (frame["trial_id"].isin(trials) & frame["person_id"].isna())
    return [cite.attach("procedural_concerns", r, "concern_id") for r in records(frame[mask.fillna(False)])]


def _sources(tables: Tables, used: list[str]) -> list[dict]:
    """Every source cited for the person's records or spellings, oldest first."""
    sources = tables["sources"]
    keep = ["source_id", "publisher", "title", "author", "published", "url", "language", "kind"]
    rows = sources[sources["source_id"].isin(used)]
    if "published_earliest" in rows:
        rows = rows.sort_values(["published_earliest", "source_id"], na_position="last")
    return records(rows[[c for c in keep if c in rows]])
