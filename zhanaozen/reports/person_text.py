"""A person's profile as text for a terminal or a notebook (``str(zhanaozen.person(...))``)."""
from __future__ import annotations


def _clean(value: object) -> str:
    """Terminal-safe text: a control character in the data must not drive the terminal."""
    return "".join(c if c.isprintable() else "\ufffd" for c in str(value))


def _sources(citations: list[dict]) -> str:
    marks = [c["source_id"] + (" (inferred)" if c.get("support") == "inferred" else "")
             for c in citations if c["stance"] == "supports"]
    return f"  [sources: {', '.join(dict.fromkeys(marks))}]" if marks else ""


def _sentence(s: dict) -> str:
    term = f"{s['term_months']} months" if s.get("term_months") is not None else "term not recorded"
    parts = [str(s["outcome"]), term if s["outcome"] == "imprisonment" else ""]
    if s.get("probation_months") is not None:
        parts.append(f"probation {s['probation_months']} months")
    if s.get("appeal_result"):
        parts.append(f"appeal result: {s['appeal_result']}")
    if s.get("decided_on"):
        parts.append(f"decided {s['decided_on']}")
    return ", ".join(p for p in parts if p)


def lines(p: dict) -> list[str]:
    out = [f"{p['person_id']}  {p['name']}" + (f" / {p['name_cyrillic']}" if p.get("name_cyrillic") else "")]
    facts = [p.get(k) for k in ("group", "occupation", "affiliation") if p.get(k)]
    out.append("  " + "; ".join(map(str, facts)))
    out.append("Spellings: " + "; ".join(f"{s['name']} ({s['kind']}, {s['script']})" for s in p["spellings"]))
    for d in p["detentions"]:
        out.append(f"Detention {d['detention_id']}: {d.get('detained_on') or 'date unknown'} to "
                   f"{d.get('released_on') or 'release not recorded'}"
                   + (f" ({d['release_reason']})" if d.get("release_reason") else "") + _sources(d["citations"]))
    for t in p["trials"]:
        out.append(f"Trial {t['trial_id']} ({t['instance']}): {t['name']}, {t['court']}"
                   + (f", reviews {t['appeal_of']}" if t.get("appeal_of") else "") + _sources(t["citations"]))
        out += [f"  charge {c['code']} art. {c['article']}" + (f" part {c['part']}" if c.get("part") else "")
                + f": {c.get('label') or ''} -> {c['outcome']}" for c in t["charges"]]
        out += [f"  sentence {s['sentence_id']}: {_sentence(s)}{_sources(s['citations'])}" for s in t["sentences"]]
    for a in p["allegations"]:
        out.append(f"Alleged {a['method']}" + (f" by {a['perpetrator']}" if a.get("perpetrator") else "")
                   + f"; official response: {a.get('official_response') or 'not recorded'}"
                   + (f" ({a['response_by']})" if a.get("response_by") else "") + _sources(a["citations"]))
    for t in p["testimonies"]:
        out.append(f"Testimony {t['testimony_id']} in {t.get('trial_id') or '?'}: {t.get('summary') or ''}")
    for c in p["conflicts"]:
        out.append(f"Disputed {c['table']} {c['record_id']}.{c['field']}: recorded {c['recorded_value']!s}, "
                   f"{c['source_id']} says {c['asserted_value']}")
    out.append(f"Sources: {len(p['sources'])}")
    return [_clean(line) for line in out]


def render(p: dict) -> str:
    return "\n".join(lines(p)) + "\n"
