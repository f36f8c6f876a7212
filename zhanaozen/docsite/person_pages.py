"""One page per person (``people/PER-0001/index.html``, reachable as ``people/PER-0001/``).

Built from the same profile as ``zhanaozen.person()``: the story at a glance, a custody timeline,
names, detentions, each trial with charges and sentence, allegations with the official response,
testimonies, procedural concerns, disputed values and every source. Values a source supports only
together with others (citation ``support`` = ``inferred``) are marked so a reader sees it.
"""
from __future__ import annotations

import json
import re

from ..package.descriptor import Package
from . import timeline
from .language import span
from .markup import code, html_table, text

ROOT = "../../"  # from people/PER-0001/index.html back to the site root
INFERRED = ('<abbr class="zd-inferred" title="Inferred: this source supports the value only together with '
            'others; the citation note says how">inferred</abbr>')


def safe_id(person_id: object) -> bool:
    return isinstance(person_id, str) and re.fullmatch(r"[A-Za-z0-9_-]+", person_id) is not None


def page_path(person_id: str) -> str:
    return f"people/{person_id}/index.md"


def href(person_id: str, prefix: str = "") -> str:
    """Link to a person page from a page whose way back to the site root is ``prefix``."""
    return f"{prefix}people/{text(person_id)}/index.html"


def _words(value: object) -> str:
    """A vocabulary code as words (``first_instance`` → ``first instance``), escaped."""
    return text(None if value is None else str(value).replace("_", " "))


def _source_link(source_id: object) -> str:
    return f'<a href="{ROOT}sources.html#{text(source_id)}">{text(source_id)}</a>'


def cites(citations: list[dict]) -> str:
    """The supporting sources of one record, folded: each with its locator, the field and any inferred mark."""
    supporting = [c for c in citations if c.get("stance") == "supports"]
    if not supporting:
        return ""
    items = []
    for c in supporting:
        bits = [_source_link(c["source_id"])]
        if c.get("field"):
            bits.append(f"for {code(c['field'])}")
        if c.get("locator"):
            bits.append(f"({text(c['locator'])})")
        if c.get("support") == "inferred":
            bits.append(INFERRED + (f": {text(c['notes'])}" if c.get("notes") else ""))
        items.append("<li>" + " ".join(bits) + "</li>")
    inferred = sum(c.get("support") == "inferred" for c in supporting)
    summary = f"{len(supporting)} source{'s' if len(supporting) != 1 else ''}"
    if inferred:
        summary += f", {inferred} inferred"
    return f'<details class="zd-cites"><summary>{summary}</summary><ul>{"".join(items)}</ul></details>'


def _inferred_fields(citations: list[dict]) -> set[str]:
    return {c["field"] for c in citations if c.get("support") == "inferred" and c.get("stance") == "supports"
            and c.get("field")}


def _value(record: dict, name: str, words: bool = False) -> str:
    shown = _words(record.get(name)) if words else text(record.get(name))
    if shown and name in _inferred_fields(record.get("citations", [])):
        shown += f" <sup>{INFERRED}</sup>"
    return shown


def glance(p: dict) -> list[str]:
    """The story in a few sentences, each fact from one record."""
    out = []
    for d in p["detentions"]:
        out.append(f"Detained {_value(d, 'detained_on') or 'on a day not recorded'}"
                   + (f" in {text(d['place'])}" if d.get("place") else "")
                   + (f"; released {_value(d, 'released_on')}" if d.get("released_on") else "; release not recorded")
                   + (f" ({_value(d, 'release_reason', True)})" if d.get("release_reason") else "") + ".")
    for t in p["trials"]:
        for s in t["sentences"]:
            term = f", {_value(s, 'term_months')} months" if s.get("term_months") is not None else ""
            probation = (f", probation {_value(s, 'probation_months')} months"
                         if s.get("probation_months") is not None else "")
            result = f" — appeal result: {_value(s, 'appeal_result', True)}" if s.get("appeal_result") else ""
            out.append(f"{_words(t.get('instance')).capitalize()} ({text(t['trial_id'])}, decided "
                       f"{_value(s, 'decided_on') or 'on a day not recorded'}): "
                       f"{_value(s, 'outcome', True)}{term}{probation}{result}.")
    if p["allegations"]:
        methods = ", ".join(dict.fromkeys(_words(a["method"]) for a in p["allegations"]))
        responses = ", ".join(dict.fromkeys(_words(a.get("official_response") or "not recorded")
                                            for a in p["allegations"]))
        out.append(f"Alleged ill-treatment ({len(p['allegations'])}): {methods}. Official response: {responses}.")
    if p.get("died_on"):
        out.append(f"Died {text(p['died_on'])}.")
    return ["<ul class=\"zd-glance\">" + "".join(f"<li>{line}</li>" for line in out) + "</ul>"] if out else []


def _facts(p: dict, package: Package) -> str:
    facts = [code(p["person_id"])]
    for name in ("group", "gender", "occupation", "affiliation"):
        if p.get(name):
            facts.append(f"{name.replace('_', ' ')}: {_value(p, name, name == 'group')}")
    if p.get("birth_year") is not None:
        facts.append(f"born {text(p['birth_year'])}")
    return "<p>" + " · ".join(facts) + "</p>"


def _spellings(p: dict) -> str:
    rows = [[span(s["name"], s.get("language")), text(s["script"]), text(s.get("language")), text(s["kind"]),
             "<br>".join(_source_link(u["source_id"]) + (f" ({text(u.get('locator'))})" if u.get("locator") else "")
                         for u in s["sources"])] for s in p["spellings"]]
    if not rows:
        return "<p>No spelling is recorded.</p>"
    return '<div class="zd-wide zd-person-names">' + html_table(["Spelling", "Script", "Language", "Kind",
                                                                "Sources (locator)"], rows) + "</div>"


def _detentions(p: dict) -> list[str]:
    if not p["detentions"]:
        return ["<p>No detention is recorded.</p>"]
    rows = [[code(d["detention_id"]), _value(d, "detained_on"), _value(d, "place"), _value(d, "facility"),
             _value(d, "authority", True), _value(d, "released_on"), _value(d, "release_reason", True),
             cites(d["citations"])] for d in p["detentions"]]
    table = html_table(["ID", "Detained", "Place", "Facility", "Authority", "Released", "How it ended", "Sources"], rows)
    return [f'<div class="zd-wide">{table}</div>', *_notes(p["detentions"], "detention_id")]


def _trial(t: dict) -> list[str]:
    where = ", ".join(x for x in (_value(t, "court"), _value(t, "city")) if x)
    when = " to ".join(x for x in (_value(t, "opened_on"), _value(t, "decided_on")) if x)
    lines = [f"### {_words(t.get('instance')).capitalize()}: {text(t['name'])}", "",
             f"<p>{code(t['trial_id'])} · {where}" + (f" · {when}" if when else "")
             + (f" · judge {_value(t, 'judge')}" if t.get("judge") else "")
             + (f" · reviews {code(t['appeal_of'])}" if t.get("appeal_of") else "") + "</p>", cites(t["citations"]), ""]
    if t["charges"]:
        rows = [[code(c["charge_id"]), text(c["code"]), _value(c, "article"), _value(c, "part"), _value(c, "label"),
                 _value(c, "outcome", True), cites(c["citations"])] for c in t["charges"]]
        lines += ["<p><strong>Charges</strong></p>",
                  '<div class="zd-wide">' + html_table(["ID", "Code", "Article", "Part", "As reported", "Outcome",
                                                        "Sources"], rows) + "</div>", ""]
    for s in t["sentences"]:
        facts = [f"<strong>Sentence</strong> {code(s['sentence_id'])}: {_value(s, 'outcome', True)}"]
        if s.get("term_months") is not None:
            facts.append(f'<span class="zd-term">{_value(s, "term_months")} months</span>')
        for name, label in (("probation_months", "probation (months)"), ("regime", "regime"),
                            ("appeal_result", "appeal result"), ("decided_on", "decided")):
            if s.get(name) is not None:
                facts.append(f"{label}: {_value(s, name, name != 'decided_on')}")
        lines += ["<p>" + " · ".join(facts) + "</p>", cites(s["citations"]), *_notes(t["sentences"], "sentence_id"), ""]
    return lines


def _allegations(p: dict, package: Package) -> list[str]:
    if not p["allegations"]:
        return ["<p>No allegation of ill-treatment is recorded.</p>"]
    methods = package.tables["allegations"].field("method").enum_descriptions
    rows = [[code(a["allegation_id"]),
             f"<strong>{_words(a['method'])}</strong>" + (f"<br><small>{text(methods.get(a['method']))}</small>"
                                                           if methods.get(a["method"]) else ""),
             _value(a, "description"), _value(a, "perpetrator"),
             " ".join(x for x in (_value(a, "raised_in", True), _value(a, "raised_on")) if x),
             f'<span class="zd-response">{_value(a, "official_response", True) or "not recorded"}</span>'
             + (f"<br>{_value(a, 'response_by')}" if a.get("response_by") else "")
             + (f" ({_value(a, 'response_on')})" if a.get("response_on") else ""),
             cites(a["citations"])] for a in p["allegations"]]
    table = html_table(["ID", "Method (as alleged)", "What was alleged", "Perpetrator (as alleged)", "Raised",
                        "Official response", "Sources"], rows)
    return ["Recorded as alleged, with who raised it and how the authorities responded — never as the "
            "dataset's own finding.", "", f'<div class="zd-wide zd-allegations">{table}</div>',
            *_notes(p["allegations"], "allegation_id")]


def _simple(records: list[dict], key: str, columns: list[tuple[str, str]], empty: str) -> list[str]:
    if not records:
        return [f"<p>{empty}</p>"]
    rows = [[code(r[key]), *(_value(r, name, name in ("capacity", "concern")) for name, _ in columns),
             cites(r["citations"])] for r in records]
    return ['<div class="zd-wide">' + html_table(["ID", *(label for _, label in columns), "Sources"], rows) + "</div>"]


def _conflicts(p: dict) -> list[str]:
    if not p["conflicts"]:
        return ["<p>No source disputes a recorded value.</p>"]
    rows = [[f"{text(c['table'])} {code(c['record_id'])}", code(c["field"]), text(c["recorded_value"]),
             text(c["asserted_value"]), _source_link(c["source_id"]) + (f" ({text(c['locator'])})" if c.get("locator")
                                                                         else ""), text(c.get("notes"))]
            for c in p["conflicts"]]
    return ["Where a source gives a different value, both are kept: the recorded value with its supporting "
            "sources, and what the other source says.", "",
            '<div class="zd-wide">' + html_table(["Record", "Field", "Recorded value", "Another source says", "Source",
                                                  "Note"], rows) + "</div>"]


def _sources(p: dict) -> str:
    items = [f"<li>{_source_link(s['source_id'])}: {text(s.get('publisher'))}, "
             f"<em>{span(s.get('title'), s.get('language'))}</em> ({text(s.get('published')) or 'undated'})</li>"
             for s in p["sources"]]
    return f"<ul class=\"zd-sources\">{''.join(items)}</ul>"


def _notes(records: list[dict], key: str) -> list[str]:
    """Editorial notes, folded: they explain the sourcing in the dataset's own words."""
    notes = [f"<li>{code(r[key])}: {text(r['notes'])}</li>" for r in records if r.get("notes")]
    return [f'<details class="zd-notes"><summary>Notes</summary><ul>{"".join(notes)}</ul></details>'] if notes else []


def person_page(p: dict, package: Package) -> str:
    cyrillic = f' <small>{span(p["name_cyrillic"], _cyrillic_language(p))}</small>' if p.get("name_cyrillic") else ""
    svg = timeline.person_svg(p)
    lines = ["---", f"title: {page_title(p['name'])}", "hide:", "  - navigation", "---", "",
             f"# {text(p['name'])}", "", f'<p class="zd-cyrillic">{cyrillic}</p>' if cyrillic else "",
             _facts(p, package), "", "## At a glance", "", *glance(p), "",
             "## Timeline", "",
             (f'<figure class="zd-timeline-figure">{svg}<figcaption>Solid: in custody. Pale: a date known only '
              "to the month or year, drawn as the whole range it can mean. Diamonds: decisions, with the term. "
              "Hover for exact dates.</figcaption></figure>") if svg else "<p>No dated event is recorded.</p>", "",
             "## Names", "", _spellings(p), "",
             "## Detentions", "", *_detentions(p), "",
             "## Trials and sentences", ""]
    for t in p["trials"]:
        lines += _trial(t)
    if not p["trials"]:
        lines += ["<p>No trial is recorded.</p>", ""]
    lines += ["## Alleged ill-treatment", "", *_allegations(p, package), "",
              "## Testimonies", "", *_simple(p["testimonies"], "testimony_id",
                                             [("trial_id", "Trial"), ("capacity", "Capacity"), ("summary", "Summary")],
                                             "No testimony is recorded."), "",
              "## Procedural concerns", "", *_simple(p["procedural_concerns"], "concern_id",
                                                     [("concern", "Concern"), ("affected", "Affected"),
                                                      ("description", "Description")],
                                                     "No procedural concern is recorded."), "",
              "## Disputed values", "", *_conflicts(p), "",
              "## About this person", "", f"<p>{text(p.get('notes'))}</p>" if p.get("notes") else "",
              cites(p["citations"]), "",
              f"## Sources ({len(p['sources'])})", "", _sources(p), "",
              f'<p>Data: <code>zhanaozen.person("{text(p["person_id"])}")</code> in Python. '
              f'<a href="{ROOT}people.html">All people</a> · <a href="{ROOT}timeline.html">Timeline of everyone</a></p>',
              ""]
    return "\n".join(lines)


def page_title(name: object) -> str:
    """The window title as a YAML string. The theme strips tags from a title and decodes its entities
    without escaping again, so angle brackets and ampersands from the data never reach it as such."""
    shown = str(name).translate({ord("<"): "‹", ord(">"): "›", ord("&"): "＆"})
    return json.dumps(" ".join(shown.split()), ensure_ascii=False)


def _cyrillic_language(p: dict) -> str | None:
    for s in p["spellings"]:
        if s["name"] == p.get("name_cyrillic"):
            return s.get("language")
    return None
