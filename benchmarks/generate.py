"""Write a synthetic Zhanaozen data package at a chosen scale, valid under the repository's schemas.

The tables keep the proportions of the real dataset: citations dominate (one supporting citation
per record), each person has names, a detention, two charges and a sentence, trials come in
first-instance/appeal pairs of twenty defendants, and sources, events and legal articles stay few.
Every key, reference and rule is satisfied. ``--seeded`` writes the same package with a known set
of errors, one or more of every kind the validator checks, and ``seeded.json`` saying where each is.

    python benchmarks/generate.py --rows 1000000 OUT_DIR [--seeded]

The output is deterministic: the same arguments always write the same bytes.
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

from seeding import seed
from synthetic_tables import Tables

REPO = Path(__file__).resolve().parent.parent
GROUP = 20              # defendants per first-instance trial
ROWS_PER_PERSON = 13.4  # rows in all tables per person, measured on the generated output (see plan())

GIVEN = [("Aibek", "Айбек"), ("Roza", "Роза"), ("Serik", "Серик"), ("Talgat", "Талгат"), ("Zhanat", "Жанат"),
         ("Maksat", "Максат"), ("Natalya", "Наталья"), ("Kanat", "Канат"), ("Erlan", "Ерлан"), ("Gulnar", "Гульнар")]
FAMILY = [("Serikov", "Сериков"), ("Tuletaeva", "Тулетаева"), ("Aminov", "Аминов"), ("Sapargali", "Сапаргали"),
          ("Dosmagambetov", "Досмагамбетов"), ("Kozhakhmetov", "Кожахметов"), ("Utepov", "Утепов"),
          ("Bekbosynov", "Бекбосынов"), ("Zhaksybekov", "Жаксыбеков"), ("Tlegenov", "Тлегенов")]
ARTICLES = [  # code, article, part, title, max_months
    ("KZ-CC-1997", "241", "1", "Organisation of mass disorder", 120),
    ("KZ-CC-1997", "241", "2", "Participation in mass disorder", 96),
    ("KZ-CC-1997", "164", "2", "Incitement of social discord", 72),
    ("KZ-CC-1997", "308", "4", "Abuse of office", 84),
]
OUTCOMES = ["imprisonment", "imprisonment", "suspended", "imprisonment", "amnestied",
            "imprisonment", "suspended", "acquitted", "imprisonment", "fine"]
RELEASE = {"imprisonment": "parole", "suspended": "suspended_sentence", "amnestied": "amnesty",
           "acquitted": "acquitted", "fine": "bail_or_undertaking"}


def day(year: int, month: int, d: int) -> str:
    return f"{year:04d}-{month:02d}-{d:02d}"


def plan(rows: int) -> int:
    """Persons needed for about ``rows`` rows in all, rounded to whole trials."""
    return max(GROUP, round(rows / ROWS_PER_PERSON / GROUP) * GROUP)


def _sources(t: Tables, persons: int) -> list[str]:
    ids = [f"synthetic-source-{i:05d}" for i in range(1, max(5, persons // 50) + 1)]
    kinds = ["ngo_report", "news", "trial_monitoring", "official", "court_document"]
    for i, sid in enumerate(ids):
        t.add("sources", source_id=sid, publisher=f"Synthetic Publisher {i % 17}", title=f"Synthetic report {i}",
              published=f"{2012 + i % 10}-{1 + i % 12:02d}", url=f"https://example.org/{sid}", language="en",
              kind=kinds[i % len(kinds)], notes="Synthetic benchmark fixture, not a real document.")
    return ids


def _cite(t: Tables, table: str, record: str, source: str, **extra) -> None:
    n = len(t.rows["citations"]) + 1
    t.add("citations", citation_id=f"CIT-{n:07d}", table=table, record_id=record, source_id=source,
          locator=f"p. {1 + n % 300}", stance=extra.pop("stance", "supports"), support=extra.pop("support", "explicit"), **extra)


def _fixed(t: Tables, sources: list[str]) -> None:
    for i, (name, start, end) in enumerate([("Zhanaozen events", "2011-12-16", "2011-12-17"),
                                            ("Shetpe events", "2011-12-17", "2011-12-17"),
                                            ("Strike", "2011-05", "2011-12")], start=1):
        t.add("events", event_id=f"EVT-{i:03d}", name=name, start_on=start, end_on=end, place="Mangystau region")
        _cite(t, "events", f"EVT-{i:03d}", sources[0])
    for code, article, part, title, maximum in ARTICLES:
        t.add("legal_articles", code=code, article=article, part=part, title_en=title, min_months="0",
              max_months=str(maximum), source_id=sources[0], locator=f"art. {article}")
        _cite(t, "legal_articles", f"{code}/{article}/{part}", sources[0])


def _trials(t: Tables, k: int, source: str) -> tuple[str, str, str, str]:
    """A first-instance trial and its appeal; returns their IDs and decision dates."""
    first, appeal = f"TRI-{2 * k + 1:05d}", f"TRI-{2 * k + 2:05d}"
    decided, appeal_decided = day(2012, 6, 1 + k % 28), day(2012, 9, 1 + k % 28)
    t.add("trials", trial_id=first, name=f"Trial of group {k + 1}", court="Aktau City Court", city="Aktau",
          instance="first_instance", event_id="EVT-001", judge="Synthetic Judge",
          opened_on=day(2012, 3, 1 + k % 28), decided_on=decided)
    t.add("trials", trial_id=appeal, name=f"Appeal of group {k + 1}", court="Mangystau Regional Court",
          city="Aktau", instance="appeal", appeal_of=first, event_id="EVT-001",
          opened_on=day(2012, 8, 1 + k % 28), decided_on=appeal_decided)
    for trial in (first, appeal):
        _cite(t, "trials", trial, source)
    return first, appeal, decided, appeal_decided


def _person(t: Tables, i: int, source: str) -> str:
    pid = f"PER-{i:07d}"
    (given, given_cy), (family, family_cy) = GIVEN[i % len(GIVEN)], FAMILY[(i // 10) % len(FAMILY)]
    t.add("persons", person_id=pid, name=f"{given} {family}", name_cyrillic=f"{given_cy} {family_cy}",
          gender="female" if given in ("Roza", "Natalya", "Gulnar") else "male",
          birth_year=str(1950 + i % 45), occupation="oil worker", group="worker")
    t.add("person_names", person_id=pid, name=f"{given} {family}", script="Latn", language="en",
          kind="preferred", source_id=source, locator=f"p. {1 + i % 200}")
    if i % 2 == 0:
        t.add("person_names", person_id=pid, name=f"{given_cy} {family_cy}", script="Cyrl", language="ru",
              kind="variant", source_id=source, locator=f"p. {1 + i % 200}")
    _cite(t, "persons", pid, source)
    if i % 20 == 0:
        _cite(t, "persons", pid, source, field="birth_year", asserted_value=str(1951 + i % 45), stance="conflicts")
    return pid


def _case(t: Tables, i: int, pid: str, trials: tuple[str, str, str, str], source: str) -> None:
    """Detention, charges, sentences and the rest for person ``i`` in its trial group."""
    first, appeal, decided, appeal_decided = trials
    det = f"DET-{i:07d}"
    outcome = OUTCOMES[i % len(OUTCOMES)]
    t.add("detentions", detention_id=det, person_id=pid, event_id="EVT-001",
          detained_on=day(2011, 12, 17 + i % 12) if i % 3 else "2011-12", place="Zhanaozen",
          authority="police", released_on="2014-11" if outcome == "imprisonment" else decided,
          release_reason=RELEASE[outcome])
    _cite(t, "detentions", det, source)
    articles = [ARTICLES[i % 2], ARTICLES[2 + i % 2]]
    charge_outcome = "acquitted" if outcome == "acquitted" else "convicted"
    for j, (code, article, part, title, _) in enumerate(articles):
        cid = f"CHG-{2 * i + j:07d}"
        t.add("charges", charge_id=cid, trial_id=first, person_id=pid, code=code, article=article, part=part,
              label=title.lower(), outcome=charge_outcome)
        _cite(t, "charges", cid, source)
    term = {"imprisonment": str(24 + i % 60), "suspended": "36", "fine": ""}.get(outcome, "")
    sid = f"SEN-{2 * i:07d}"
    t.add("sentences", sentence_id=sid, trial_id=first, person_id=pid, outcome=outcome, term_months=term,
          probation_months="24" if outcome == "suspended" else "",
          regime="general" if outcome == "imprisonment" else "", decided_on=decided)
    _cite(t, "sentences", sid, source)
    if i % 7 == 0:  # a field-level citation that repeats the value, as rule 3 allows
        _cite(t, "sentences", sid, source, field="outcome", asserted_value=outcome)
    if outcome == "imprisonment" and i % 4 == 0:
        sid = f"SEN-{2 * i + 1:07d}"
        t.add("sentences", sentence_id=sid, trial_id=appeal, person_id=pid, outcome=outcome, term_months=term,
              regime="general", appeal_result="upheld", decided_on=appeal_decided)
        _cite(t, "sentences", sid, source)
    if i % 2 == 0:
        aid = f"ALG-{i:07d}"
        t.add("allegations", allegation_id=aid, person_id=pid, detention_id=det, method="beating",
              description="Alleged beating during questioning at the police station.", perpetrator="officers",
              raised_in="court", raised_on=day(2012, 4, 1 + i % 28), official_response="rejected",
              response_by="Prosecutor's office", response_on="2012")
        _cite(t, "allegations", aid, source)
    if i % 10 == 0:
        tid = f"TST-{i:07d}"
        t.add("testimonies", testimony_id=tid, trial_id=first, person_id=pid, capacity="defendant",
              anonymous="false", summary="Described ill-treatment in custody.")
        _cite(t, "testimonies", tid, source)
    if i % 20 == 0:
        cid = f"PRC-{i:07d}"
        t.add("procedural_concerns", concern_id=cid, trial_id=first, person_id=pid, detention_id=det,
              concern="restricted_legal_access", description="Access to a lawyer was delayed.")
        _cite(t, "procedural_concerns", cid, source)


def _claims(t: Tables, k: int, first: str, imprisoned: int, source: str) -> None:
    n = len(t.rows["claims"])
    t.add("claims", claim_id=f"CLM-{n + 1:07d}", trial_id=first, measure="defendants", value=str(GROUP),
          qualifier="exact", description="People tried.", source_id=source, locator=f"p. {1 + k % 90}")
    t.add("claims", claim_id=f"CLM-{n + 2:07d}", trial_id=first, measure="imprisoned", value=str(imprisoned + 1),
          qualifier="about", description="People given custodial terms.", source_id=source, locator="p. 2")


def build(rows: int) -> Tables:
    package = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    t = Tables(package, REPO)
    persons = plan(rows)
    sources = _sources(t, persons)
    _fixed(t, sources)
    for k in range(persons // GROUP):
        source = sources[k % len(sources)]
        trials = _trials(t, k, source)
        imprisoned = 0
        for i in range(k * GROUP + 1, (k + 1) * GROUP + 1):
            pid = _person(t, i, source)
            _case(t, i, pid, trials, source)
            imprisoned += OUTCOMES[i % len(OUTCOMES)] == "imprisonment"
        _claims(t, k, trials[0], imprisoned, source)
    t.add("claims", claim_id=f"CLM-{len(t.rows['claims']) + 1:07d}", event_id="EVT-001", measure="killed",
          value="15", qualifier="at_least", description="People killed.", source_id=sources[0], locator="p. 1")
    return t


def write(t: Tables, out: Path) -> None:
    """The package directory: the repository's descriptor and schemas, and one CSV per table."""
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # checksums of the released files would not match these
        resource.pop("hash", None)
        resource.pop("bytes", None)
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    shutil.copytree(REPO / "schemas", out / "schemas")
    for name, rows in t.rows.items():
        with (out / "data" / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(t.fields[name])
            for row in rows:
                if not row:
                    handle.write("\n")
                else:
                    writer.writerow(row)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="directory to write the package to (replaced if it exists)")
    p.add_argument("--rows", type=int, default=10_000, help="about how many rows in all tables (default 10000)")
    p.add_argument("--seeded", action="store_true", help="seed known errors and write seeded.json")
    args = p.parse_args(argv)
    t = build(args.rows)
    seeds = None
    if args.seeded:
        seeds = seed(t)
    write(t, args.out)
    if seeds is not None:
        (args.out / "seeded.json").write_text(json.dumps([s.__dict__ for s in seeds], indent=1) + "\n")
    print(f"wrote {t.total()} rows to {args.out}" + (f" with {len(seeds)} seeded errors" if seeds else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
