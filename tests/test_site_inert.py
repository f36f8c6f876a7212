"""Nothing a pull request puts in the data, the descriptor or the changelog runs on the site: titles, table and
field names, notes and changelog entries show as text in Chromium, no `javascript:` link is made, a symbolic
link named CHANGELOG.md publishes nothing, and a snippet line can include README.md only."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from conftest import shared
from support import assemble
from test_site import build_site, mkdocs_build
from zhanaozen.docsite.pages import generated_pages
from zhanaozen.maintain.release_notes import changelog_section

PWN = "window.__zdPwned=1"
TITLE = f'<img src=x onerror="{PWN}">Persons'
FIELD = f"notes<img src=x onerror={PWN}>"
DATASET_TITLE = f"Dataset ``` </code></pre><img src=x onerror={PWN}>"
NOTE = f"[click me](javascript:{PWN}) <img src=x onerror={PWN}> --8<-- \"secret.txt\" {{: onclick=\"{PWN}\" }}"
HAND_WRITTEN = (f"\n[hand link](javascript:{PWN})\n\n[ref link][r]\n\n[r]: javascript:{PWN}\n\n"
                f"<script>{PWN}</script>\n\nA paragraph with an attribute list\n{{: onclick=\"{PWN}\" }}\n\n"
                f"[fine](https://example.org/)\n")
SITE_FILES = ("mkdocs.yml", "docs", "README.md", "datapackage.json", "schemas", "data")


def _site_checkout(repo_root: Path, target: Path) -> Path:
    """The files the site is built from, copied, so a test can change README.md and CHANGELOG.md."""
    target.mkdir(parents=True)
    for name in SITE_FILES:
        source = repo_root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def _hostile_package(target: Path) -> Path:
    assemble(target)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = DATASET_TITLE
    next(r for r in descriptor["resources"] if r["name"] == "persons")["title"] = TITLE
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    schema_path = target / "schemas" / "persons.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # A field's name with markup is refused by the descriptor check (tested in test_hostile_input.py), so
    # the markup rides in the field's description, which the table page shows.
    next(f for f in schema["fields"] if f["name"] == "notes")["description"] = FIELD
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    persons = target / "data" / "persons.csv"
    with persons.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("notes")] = NOTE
    with persons.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return target


def _hostile_changelog() -> str:
    """What `zhanaozen release` writes for a correction whose note holds a link and markup, plus a hand edit."""
    changes = {"old_version": "0.1.0", "new_version": "0.1.1", "level": "patch",
               "schema": {"tables_added": [], "tables_removed": [], "fields_added": {}, "fields_removed": {},
                          "fields_changed": {}, "primary_key_changed": []},
               "tables": {"sentences": {"added": [], "removed": ["SEN-0009"], "unchanged": 1,
                                        "retired": {"SEN-0009": {"retired_in": "0.1.1", "reason": NOTE,
                                                                 "replaced_by": None}},
                                        "modified": [{"id": "SEN-0001", "changes": {"notes": {"old": "a", "new": NOTE}},
                                                      "sources": [{"source_id": NOTE, "locator": NOTE,
                                                                   "citation_id": "CIT-1"}]}]}}}
    return "# Changelog\n\n" + changelog_section(changes, "2026-01-01") + HAND_WRITTEN


@pytest.fixture(scope="session")
def site(tmp_path_factory, repo_root) -> Path:
    """Built once per run for every worker (conftest.shared)."""
    def make(root: Path) -> None:
        checkout = _site_checkout(repo_root, root / "checkout")
        (checkout / "CHANGELOG.md").write_text(_hostile_changelog(), encoding="utf-8")
        build_site(checkout, root / "site", _hostile_package(root / "package"))

    return shared(tmp_path_factory, "inert", make) / "site"


PAGES = ("tables/persons.html", "tables/index.html", "cite.html", "changelog.html", "vocabularies.html",
         "people.html", "index.html")


@pytest.mark.slow  # builds a site (and drives the browser)
def test_no_script_handler_or_javascript_link_from_data_runs_in_chromium(site, browser):
    """In the session's browser (conftest.py): a second Playwright in one process is refused."""
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in PAGES:
        page.goto((site / path).as_uri(), wait_until="load")
        assert page.evaluate("typeof window.__zdPwned") == "undefined", path
        live = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
            [...e.attributes].filter(a => /^on/i.test(a.name) ||
                (/^(href|src|action|formaction)$/i.test(a.name) && /^\\s*javascript:/i.test(a.value)))
            .map(a => e.tagName + ' ' + a.name + '=' + a.value))""")
        assert live == [], (path, live)
        assert page.locator("img[src='x']").count() == 0, path
    # The markup is there as text, for the reader to see.
    page.goto((site / "tables/persons.html").as_uri())
    assert TITLE in page.locator("nav").first.inner_text()
    assert FIELD in page.locator("article").inner_text()
    page.goto((site / "changelog.html").as_uri())
    text = page.locator("article").inner_text()
    assert f"[click me](javascript:{PWN})" in text and f"<script>{PWN}</script>" in text
    assert page.locator("article a[href='https://example.org/']").count() == 1  # http(s) links stay live
    page.goto((site / "cite.html").as_uri())
    assert DATASET_TITLE in page.locator("article").inner_text()
    page.close()
    assert dialogs == []


def test_a_symlinked_changelog_publishes_nothing(tmp_path):
    secret = tmp_path / "outside.md"
    secret.write_text("# Changelog\n\nTOP SECRET from outside the repository\n", encoding="utf-8")
    (tmp_path / "CHANGELOG.md").symlink_to(secret)
    pages = generated_pages(assemble(tmp_path / "package"), changelog=tmp_path / "CHANGELOG.md")
    assert "TOP SECRET" not in pages["changelog.md"]


@pytest.mark.slow  # builds a site (and drives the browser)
def test_a_snippet_line_can_include_readme_only(tmp_path, repo_root):
    checkout = _site_checkout(repo_root, tmp_path / "checkout")
    (checkout / "secret.txt").write_text("TOP SECRET\n", encoding="utf-8")
    readme = (checkout / "README.md").read_text(encoding="utf-8")
    marker = "<!-- --8<-- [end:load] -->"
    (checkout / "README.md").write_text(readme.replace(marker, '--8<-- "secret.txt"\n\n' + marker), encoding="utf-8")
    result = mkdocs_build(checkout, tmp_path / "site", assemble(tmp_path / "package"))
    published = [p for p in (tmp_path / "site").rglob("*.html") if "TOP SECRET" in p.read_text(encoding="utf-8")]
    assert published == []
    # The build stops, naming the snippet it refused (the message, with its traceback, is MkDocs' own).
    assert result.returncode != 0 and "Snippet at path 'secret.txt' could not be found" in result.stderr
