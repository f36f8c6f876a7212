"""The data dictionary site: built with ``mkdocs build --strict``, served on 127.0.0.1 and read
in a real headless Chromium or Chrome driven by Playwright: the one tests/find_browser.py finds (Debian's
``chromium`` in CI); without one the tests fail with the command to run, they never skip.

Two sites are built once per run (shared by the xdist workers): the repository's own, and one from a small package whose
data holds markup (a ``<script>`` in a note) and whose schema carries a changed description.
"""
from __future__ import annotations

import csv
import functools
import json
import os
import re
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import shared
from support import assemble, run
from zhanaozen.package.descriptor import read_package

pytestmark = pytest.mark.slow  # builds, browsers or long runs: `make check` leaves them out

PACKAGE_ENV = "ZHANAOZEN_DOCS_PACKAGE"  # read by docs/hooks/data_dictionary.py
INJECTED = "<script>window.__zdInjected = 1</script> *not emphasis*"
BOLD_NAME = "<b>Bold</b> Name"
CHANGED_DESCRIPTION = "Editorial note; this description was changed by the site test."


def mkdocs_build(repo: Path, out: Path, package: Path | None = None):
    """``mkdocs build --strict`` of the repository's site, from ``package`` if given."""
    env = {k: v for k, v in os.environ.items() if k != PACKAGE_ENV}
    if package is not None:
        env[PACKAGE_ENV] = str(package)
    env["NO_MKDOCS_2_WARNING"] = "1"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return run(str(mkdocs), "build", "--strict", "--config-file", str(repo / "mkdocs.yml"),
               "--site-dir", str(out), cwd=repo, env=env)


def build_site(repo: Path, out: Path, package: Path | None = None) -> None:
    result = mkdocs_build(repo, out, package)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"


def hostile_package(target: Path) -> Path:
    """The valid example package with markup in a note and a name, and one schema description changed."""
    assemble(target)
    _edit_first_row(target / "data" / "sentences.csv", "notes", INJECTED)
    _edit_first_row(target / "data" / "persons.csv", "name", BOLD_NAME)
    schema_path = target / "schemas" / "sentences.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == "notes")["description"] = CHANGED_DESCRIPTION
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def _edit_first_row(path: Path, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        fieldnames = list(rows[0].keys())
    rows[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="session")
def sites(tmp_path_factory, repo_root) -> Path:
    """``<root>/main`` (the repository's site) and ``<root>/hostile`` (from the hostile package), built once
    per run for every worker (conftest.shared)."""
    def make(root: Path) -> None:
        hostile = hostile_package(tmp_path_factory.mktemp("hostile-package"))
        with ThreadPoolExecutor(max_workers=2) as builds:  # two mkdocs processes at once: the other worker may wait
            for built in [builds.submit(build_site, repo_root, root / "main"),
                          builds.submit(build_site, repo_root, root / "hostile", hostile)]:
                built.result()

    return shared(tmp_path_factory, "sites", make)


@pytest.fixture(scope="session")
def base_url(sites):
    handler = functools.partial(_QuietHandler, directory=str(sites))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Visit:
    """A page of the site's browser context that records every request and every console error."""

    def __init__(self, context, base_url: str, viewport: dict | None = None):
        self.base_url = base_url
        self.page = context.new_page()
        if viewport:
            self.page.set_viewport_size(viewport)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.in_flight: set = set()
        self.page.on("request", self._started)
        self.page.on("requestfinished", lambda request: self.in_flight.discard(request))
        self.page.on("requestfailed", lambda request: self.in_flight.discard(request))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _started(self, request) -> None:
        self.requests.append(request.url)
        self.in_flight.add(request)

    def open(self, path: str, idle: bool = True):
        """Open a page; ``idle`` waits until its scripts have fetched everything they load."""
        self.page.goto(self.base_url + path, wait_until="load")
        if idle:
            self.settle()
        return self.page

    def settle(self, quiet_ms: int = 150, limit_ms: int = 30_000) -> None:
        """Wait until no request has been in flight for ``quiet_ms``. Playwright's "networkidle" waits
        500 ms of quiet after every page; the site's scripts (Material's search worker) start their
        fetches within a few milliseconds of the load event, each served from 127.0.0.1."""
        quiet = waited = 0
        while quiet < quiet_ms:
            self.page.wait_for_timeout(25)  # also delivers the request events of that time
            waited += 25
            quiet = 0 if self.in_flight else quiet + 25
            assert waited < limit_ms, f"requests still in flight after {limit_ms} ms: {self.in_flight}"

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]

    def assert_clean(self) -> None:
        assert self.outside_requests() == [], "the site requested something outside 127.0.0.1"
        assert self.errors == [], "the browser console showed errors"


@pytest.fixture(scope="session")
def reader(browser):
    """One browser context per worker, like one reader's browser: after the first page its cache serves
    the scripts, styles and search index every page shares. Each test opens its own page, with its own
    listeners. A request leaving the machine is refused (never cached, so every page still reports its
    own) rather than left to wait on the network."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])(?!data:)(?!blob:).*"), lambda route: route.abort())
    yield context
    context.close()


@pytest.fixture
def visit(reader, base_url):
    v = Visit(reader, base_url)
    yield v
    v.page.close()


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(reader, base_url):
    """A visit on a phone-sized screen."""
    v = Visit(reader, base_url, PHONE)
    yield v
    v.page.close()


def search(page, query: str):
    """Type into the search box like a reader, and return the result links once they appear."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    # Playwright enters letters outside the US layout (Cyrillic) as inserted text, without the key
    # events a reader's keyboard sends; Material's search waits for a key event, so send one.
    box.press("End")
    results = page.locator(".md-search-result__list a")
    results.first.wait_for(state="visible", timeout=15_000)
    return [results.nth(i).get_attribute("href") for i in range(results.count())]


def test_build_is_strict_and_generates_every_table_page(sites, repo_root):
    package = read_package(repo_root)
    for name in package.tables:
        assert (sites / "main" / "tables" / f"{name}.html").is_file()
    assert "Overview and scope" in (sites / "main" / "index.html").read_text(encoding="utf-8")
    for page in ("index", "design-decisions", "methodology", "data-model", "vocabularies", "people", "sources",
                 "coverage", "loading", "contributing", "cite", "changelog", "timeline"):
        assert (sites / "main" / f"{page}.html").is_file(), page
    for row in _rows(repo_root, "persons"):  # each person's page at a stable address
        assert (sites / "main" / "people" / row["person_id"] / "index.html").is_file(), row["person_id"]


# Each field row of a table page as the reader sees it: its name cell, its whole text, visibility.
FIELD_ROWS = """() => Object.fromEntries([...document.querySelectorAll('.zd-fields tbody tr')].map(row => [
    row.id, {name: row.querySelector('td code').innerText, text: row.innerText,
             visible: row.getBoundingClientRect().height > 0 && getComputedStyle(row).visibility === 'visible'}]))"""


def test_every_table_page_lists_each_schema_field(visit, repo_root):
    package = read_package(repo_root)
    visit.open("main/tables/index.html")  # the scripts every page shares, loaded once to the end
    for name, table in package.tables.items():
        rows = visit.open(f"main/tables/{name}.html", idle=False).evaluate(FIELD_ROWS)
        assert list(rows) == table.field_names, name
        for field in table.fields:
            row = rows[field.name]
            assert row["name"] == field.name and row["visible"], (name, field.name)
            assert field.description in row["text"], (name, field.name)
            for value in field.enum or ():
                assert value in row["text"], (name, field.name, value)
                assert field.enum_descriptions.get(value, "") in row["text"], (name, field.name, value)
    visit.assert_clean()


def test_diagram_renders_every_table_and_foreign_key(visit, repo_root):
    package = read_package(repo_root)
    page = visit.open("main/tables/index.html")
    diagram = page.locator("svg.er")
    assert diagram.is_visible()
    box = diagram.bounding_box()
    assert box["width"] > 400 and box["height"] > 200
    names = diagram.locator("text.name").all_text_contents()
    assert sorted(names) == sorted(package.tables)
    foreign_keys = sum(len(t.foreign_keys) for t in package.tables.values())
    assert diagram.locator("path.fk").count() == foreign_keys
    visit.assert_clean()


def _rows(repo_root: Path, table: str) -> list[dict]:
    with (repo_root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _spellings(repo_root: Path) -> list[dict]:
    return _rows(repo_root, "person_names")


def _finds_person(hrefs: list[str], person_id: str) -> bool:
    """A search result that opens the person's own page (or their entry on the People page)."""
    return any(re.search(rf"/people/{person_id}/index\.html|/people\.html\?.*#{person_id}$", href) for href in hrefs)


def test_search_finds_a_person_by_a_cyrillic_spelling(visit, repo_root):
    cyrillic = next(row for row in _spellings(repo_root) if row["script"] == "Cyrl")
    surname = cyrillic["name"].split()[-1]  # e.g. Тулетаева
    page = visit.open("main/index.html")
    hrefs = search(page, surname)
    assert any(re.search(rf"/people/{cyrillic['person_id']}/index\.html", href) for href in hrefs), (surname, hrefs)
    visit.assert_clean()


def test_search_finds_a_person_by_a_latin_variant_spelling(visit, repo_root):
    variant = next(row for row in _spellings(repo_root) if row["script"] == "Latn" and row["kind"] == "variant")
    surname = variant["name"].split()[-1]  # e.g. Tuletayeva
    page = visit.open("main/index.html")
    hrefs = search(page, surname)
    assert _finds_person(hrefs, variant["person_id"]), (surname, hrefs)
    visit.assert_clean()


def test_search_finds_a_field_by_its_name(visit):
    page = visit.open("main/index.html")
    hrefs = search(page, "term_months")
    assert any("tables/sentences.html" in href for href in hrefs), hrefs
    visit.assert_clean()


def test_sentences_page_screenshot_is_saved(visit, repo_root):
    page = visit.open("main/tables/sentences.html")
    target = repo_root / "artifacts" / "sentences-page.png"
    target.parent.mkdir(exist_ok=True)
    target.unlink(missing_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    visit.assert_clean()


def test_markup_in_the_data_shows_as_text(visit, sites):
    html = (sites / "hostile" / "tables" / "sentences.html").read_text(encoding="utf-8")
    assert "<script>window.__zdInjected" not in html
    page = visit.open("hostile/tables/sentences.html")
    assert page.evaluate("typeof window.__zdInjected") == "undefined"
    assert INJECTED[:40] in page.locator('tr[id="notes"]').inner_text()
    people = visit.open("hostile/people.html")
    assert people.locator("h2", has_text=BOLD_NAME).count() == 1
    assert people.locator("article b").count() == 0
    visit.assert_clean()


def test_a_package_without_descriptor_stops_the_build_with_a_clear_error(tmp_path, repo_root):
    result = mkdocs_build(repo_root, tmp_path / "site", package=tmp_path)
    assert result.returncode == 1
    assert "datapackage.json:1: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_changed_schema_description_reaches_the_site(sites):
    html = (sites / "hostile" / "tables" / "sentences.html").read_text(encoding="utf-8")
    assert CHANGED_DESCRIPTION in html
    assert CHANGED_DESCRIPTION not in (sites / "main" / "tables" / "sentences.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        self.hrefs += [attrs[key] for key in ("href", "src") if attrs.get(key)]


def test_every_link_inside_the_site_resolves(sites):
    """Generated pages write some links as raw HTML, which MkDocs does not check: check them here."""
    site = sites / "main"
    parsed: dict[Path, _Links] = {}
    for page in site.rglob("*.html"):  # 404.html uses site-absolute links for any depth
        if page.name == "404.html":
            continue
        parsed[page] = _Links()
        parsed[page].feed(page.read_text(encoding="utf-8"))
    broken = []
    for page, links in parsed.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("#") and not href[1:]:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
            elif parts.fragment and target in parsed and unquote(parts.fragment) not in parsed[target].ids:
                broken.append(f"{page.relative_to(site)} → {href} (no such anchor)")
    assert broken == [], "\n".join(broken)


def test_no_schema_description_is_restated_in_the_hand_written_pages(repo_root):
    """The site takes field and table descriptions from the schemas; a copy in docs/ would drift."""
    package = read_package(repo_root)
    descriptions = {t.description for t in package.tables.values()}
    descriptions |= {f.description for t in package.tables.values() for f in t.fields}
    descriptions |= {d for t in package.tables.values() for f in t.fields for d in f.enum_descriptions.values()}
    pages = {p: p.read_text(encoding="utf-8") for p in (repo_root / "docs").rglob("*.md")}
    restated = [(p.name, d) for p, page in pages.items() for d in descriptions if len(d) >= 40 and d in page]
    assert restated == []


# --- people, timelines, coverage, home and table pages (issue 15) ------------------------------


def _screenshot(page, repo_root: Path, name: str) -> Path:
    target = repo_root / "artifacts" / name
    target.parent.mkdir(exist_ok=True)
    target.unlink(missing_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    return target


def _no_sideways_scroll(page) -> None:
    """Nothing runs off the screen: the page is no wider than the window (wide tables scroll in their box)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_tuletaevas_page_tells_her_story(visit, repo_root):
    person_id = next(r["person_id"] for r in _rows(repo_root, "persons") if r["name"] == "Roza Tuletaeva")
    page = visit.open(f"main/people/{person_id}/index.html")
    body = page.locator("article").inner_text()
    assert "84 months" in body and "60 months" in body
    methods = [r for r in _rows(repo_root, "allegations") if r["person_id"] == person_id]
    assert len(methods) == 5
    table = page.locator(".zd-allegations tbody tr")
    assert table.count() == 5
    for i in range(5):
        row = table.nth(i).inner_text()
        assert methods[i]["method"].replace("_", " ") in row and "rejected" in row
    assert "released 2014-11" in page.locator(".zd-glance").inner_text()
    timeline = page.locator("svg.zd-timeline")
    assert timeline.is_visible() and timeline.bounding_box()["height"] > 60
    assert timeline.locator("rect.custody").count() >= 1 and timeline.locator("rect.unsure").count() >= 2
    assert timeline.locator("path.decision").count() == sum(
        1 for s in _rows(repo_root, "sentences") if s["person_id"] == person_id)
    assert page.locator("span[lang]", has_text="Тулетаева").count() >= 1  # Cyrillic text carries its language
    _screenshot(page, repo_root, "person-page-desktop.png")
    visit.assert_clean()


def test_person_page_fits_a_phone(phone, repo_root):
    page = phone.open("main/people/PER-0001/index.html")
    _no_sideways_scroll(page)
    assert page.locator("svg.zd-timeline").bounding_box()["width"] >= 300  # drawn readably, scrolls in its figure
    _screenshot(page, repo_root, "person-page-phone.png")
    phone.assert_clean()


def test_any_persons_story_is_two_clicks_from_home(visit, repo_root):
    person = _rows(repo_root, "persons")[-1]
    page = visit.open("main/index.html")
    page.locator("article a", has_text="People").first.click()
    page.wait_for_url(re.compile(r"/people\.html"))
    page.locator(f'a[href="people/{person["person_id"]}/index.html"]').click()
    page.wait_for_url(re.compile(rf"/people/{person['person_id']}/index\.html"))
    assert page.locator("h1").inner_text().rstrip("¶").strip() == person["name"]
    visit.assert_clean()


def test_people_index_lists_the_preferred_spelling_first(visit, repo_root):
    page = visit.open("main/people.html")
    person_id = "PER-0001"
    preferred = next(r["name"] for r in _spellings(repo_root) if r["person_id"] == person_id and r["kind"] == "preferred")
    first = page.locator(f'h2[id="{person_id}"] ~ div table tbody tr, h2[id="{person_id}"] ~ table tbody tr').first
    assert first.locator("td").first.inner_text() == preferred
    visit.assert_clean()


def test_dataset_timeline_has_one_line_per_person_and_trial_chain(visit, repo_root):
    page = visit.open("main/timeline.html")
    charts = page.locator("svg.zd-timeline-all")
    assert charts.count() >= 2
    labels = set(page.locator("svg.zd-timeline-all text.lane").all_text_contents())
    assert labels == {r["name"] for r in _rows(repo_root, "persons")}
    visit.assert_clean()


def test_coverage_opens_with_the_overview_and_shows_event_figures(visit, repo_root):
    page = visit.open("main/coverage.html")
    overview = page.locator("svg.zd-overview")
    first_table = page.locator("article table").first
    assert overview.bounding_box()["y"] < first_table.bounding_box()["y"]
    assert overview.bounding_box()["y"] < 1500  # the first chart is near the top, not 6,900 px down
    claims = [c for c in _rows(repo_root, "claims") if not c["trial_id"]]
    dated = {s["source_id"] for s in _rows(repo_root, "sources") if s["published"]}
    assert page.locator("svg.zd-claims path.claim").count() == sum(c["source_id"] in dated for c in claims)
    assert page.locator("details[open]").count() == 0  # per-source detail is folded away
    assert page.evaluate("document.documentElement.scrollHeight") < 12_000
    _screenshot(page, repo_root, "coverage-page.png")
    visit.assert_clean()


def test_home_page_has_version_counts_citation_and_downloads(visit, repo_root):
    package = read_package(repo_root)
    page = visit.open("main/index.html")
    text = page.locator("article").inner_text()
    assert f"Version {package.version}" in text
    assert f"{len(_rows(repo_root, 'persons'))} people" in text
    assert "pip install zhanaozen" in text and "zhanaozen.load(" in text
    assert page.locator(".zd-cite").inner_text().startswith(package.descriptor["contributors"][0]["title"]
                                                          if package.descriptor.get("contributors") else "")
    csv_links = page.locator('a[href^="downloads/data/"]')
    assert csv_links.count() == len(package.tables)
    _screenshot(page, repo_root, "home-page.png")
    visit.assert_clean()


def test_table_page_shows_samples_value_counts_missing_share_and_derived_dates(visit, phone, repo_root):
    page = visit.open("main/tables/sentences.html")
    text = page.locator("article").inner_text()
    assert "decided_on_earliest" in text and "decided_on_latest" in text
    assert page.locator(".zd-sample tbody tr").count() == min(3, len(_rows(repo_root, "sentences")))
    outcomes = [r["outcome"] for r in _rows(repo_root, "sentences")]
    assert page.locator("h3#counts-outcome + div tbody tr").first.inner_text().split("\t")[:2] == [
        "imprisonment", str(outcomes.count("imprisonment"))]
    assert page.locator('a[href="../downloads/data/sentences.csv"]').count() == 1
    small = phone.open("main/tables/procedural_concerns.html")
    _no_sideways_scroll(small)
    name = small.locator("h1 code")  # the table name is never broken mid-word
    assert name.evaluate("e => e.getClientRects().length") == 1
    _screenshot(small, repo_root, "table-page-phone.png")
    phone.assert_clean()
    visit.assert_clean()


def test_diagram_edges_do_not_cross_table_boxes(visit):
    page = visit.open("main/tables/index.html")
    crossings = page.evaluate("""() => {
        const boxes = [...document.querySelectorAll('svg.er a.table rect.body')].map(r => r.getBBox());
        const out = [];
        for (const path of document.querySelectorAll('svg.er path.fk')) {
            const length = path.getTotalLength();
            for (let d = 6; d < length - 6; d += 3) {
                const p = path.getPointAtLength(d);
                for (const b of boxes)
                    if (p.x > b.x + 1 && p.x < b.x + b.width - 1 && p.y > b.y + 1 && p.y < b.y + b.height - 1)
                        out.push(path.querySelector('title').textContent);
            }
        }
        return [...new Set(out)];
    }""")
    assert crossings == []
    visit.assert_clean()


def test_cite_page_wraps_offers_copy_and_shows_apa_in_italics(phone, repo_root):
    page = phone.open("main/cite.html")
    _no_sideways_scroll(page)
    assert page.evaluate("[...document.querySelectorAll('pre code')].every(c => c.scrollWidth <= c.clientWidth + 1)")
    assert page.locator('button[data-md-type="copy"]').count() >= 3  # Material's copy button
    apa = page.locator("p.zd-citation").nth(1)
    assert "*" not in apa.inner_text() and apa.locator("em").count() == 1
    _screenshot(page, repo_root, "cite-page-phone.png")
    phone.assert_clean()


def test_bibliography_is_titled_so_and_headed_in_words(visit):
    page = visit.open("main/sources.html")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "Bibliography"
    headings = page.locator("article h2").all_text_contents()
    assert headings and not any("_" in h for h in headings)
    visit.assert_clean()


def test_markup_in_a_name_shows_as_text_on_the_person_page(visit, sites):
    html = (sites / "hostile" / "people" / "PER-0001" / "index.html").read_text(encoding="utf-8")
    assert "<b>Bold</b>" not in html
    page = visit.open("hostile/people/PER-0001/index.html")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == BOLD_NAME
    assert page.locator("article b").count() == 0
    assert BOLD_NAME in page.locator("svg.zd-timeline > title").text_content()
    for other in ("timeline", "people"):  # the name in the dataset timeline's SVG and on the index
        html = (sites / "hostile" / f"{other}.html").read_text(encoding="utf-8")
        assert "<b>Bold</b>" not in html.split("<title>", 1)[0] + html.split("</title>", 1)[1]
        page = visit.open(f"hostile/{other}.html")
        assert page.locator("article b").count() == 0
    visit.assert_clean()


# Text nodes holding Cyrillic letters whose nearest lang attribute is the page's own (en).
CYRILLIC_WITHOUT_LANG = """() => {
    const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    const out = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/[\\u0400-\\u04FF]/.test(node.textContent) || /^https?:\\/\\//.test(node.textContent)) continue;
        const owner = node.parentElement.closest('[lang]');
        if (!owner || owner === document.documentElement) out.push(node.textContent.trim().slice(0, 40));
    }
    return out;
}"""


@pytest.mark.parametrize("path", ["people.html", "people/PER-0001/index.html", "sources.html",
                                  "tables/person_names.html", "tables/persons.html"])
def test_cyrillic_text_carries_a_lang_attribute(visit, path):
    page = visit.open(f"main/{path}", idle=False)
    assert page.evaluate(CYRILLIC_WITHOUT_LANG) == []
