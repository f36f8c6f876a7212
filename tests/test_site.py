"""The data dictionary site: built with ``mkdocs build --strict``, served on 127.0.0.1 and read
in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Two sites are built once per session: the repository's own, and one from a small package whose
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
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support import assemble, run
from zhanaozen.package.descriptor import read_package

pytestmark = pytest.mark.slow  # builds, browsers or long runs: `make check` leaves them out

CHROMIUM = Path("/usr/bin/chromium")
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
    """``<root>/main`` (the repository's site) and ``<root>/hostile`` (from the hostile package)."""
    root = tmp_path_factory.mktemp("sites")
    build_site(repo_root, root / "main")
    package = hostile_package(tmp_path_factory.mktemp("hostile-package"))
    build_site(repo_root, root / "hostile", package)
    return root


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


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM.is_file(), "the site tests need Debian's chromium: apt-get install -y chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


class Visit:
    """A browser page that records every request and every console error."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        # Recorded above, then refused: a request leaving the machine must not wait on the network.
        self.context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])(?!data:)(?!blob:).*"),
                           lambda route: route.abort())

    def open(self, path: str, idle: bool = True):
        """Open a page; ``idle`` waits until its scripts have fetched everything they load."""
        self.page.goto(self.base_url + path, wait_until="networkidle" if idle else "load")
        return self.page

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]

    def assert_clean(self) -> None:
        assert self.outside_requests() == [], "the site requested something outside 127.0.0.1"
        assert self.errors == [], "the browser console showed errors"


@pytest.fixture
def visit(browser, base_url):
    v = Visit(browser, base_url)
    yield v
    v.context.close()


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
                 "coverage", "loading", "contributing", "cite", "changelog"):
        assert (sites / "main" / f"{page}.html").is_file(), page


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


def _spellings(repo_root: Path) -> list[dict]:
    with (repo_root / "data" / "person_names.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_search_finds_a_person_by_a_cyrillic_spelling(visit, repo_root):
    cyrillic = next(row for row in _spellings(repo_root) if row["script"] == "Cyrl")
    surname = cyrillic["name"].split()[-1]  # e.g. Тулетаева
    page = visit.open("main/index.html")
    hrefs = search(page, surname)
    assert any(re.search(rf"/people\.html\?.*#{cyrillic['person_id']}$", href) for href in hrefs), (surname, hrefs)
    visit.assert_clean()


def test_search_finds_a_person_by_a_latin_variant_spelling(visit, repo_root):
    variant = next(row for row in _spellings(repo_root) if row["script"] == "Latn" and row["kind"] == "variant")
    surname = variant["name"].split()[-1]  # e.g. Tuletayeva
    page = visit.open("main/index.html")
    hrefs = search(page, surname)
    assert any(re.search(rf"/people\.html\?.*#{variant['person_id']}$", href) for href in hrefs), (surname, hrefs)
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
    assert "datapackage.json: file not found" in result.stderr
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
