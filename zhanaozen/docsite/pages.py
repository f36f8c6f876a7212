"""Every generated page of the site, keyed by its path under ``docs/``."""
from __future__ import annotations

from pathlib import Path

from ..package.descriptor import DescriptorError, Package, read_package
from ..package.writing import SAFE_NAME
from ..loading.frames import read_text
from ..reports.person import build
from ..reports.records import Tables, records
from . import bibliography, coverage_page, downloads, home, people, person_pages, tables, timeline_page
from .audit_page import audit_page, read_audit
from .markup import inert_markdown, text


MAX_CHANGELOG_BYTES = 5 * 1024 * 1024


def _checked(package: Package) -> Package:
    """Table names become page paths and links: only plain names are accepted (tables/<name>.md)."""
    for name in package.tables:
        if not isinstance(name, str) or not SAFE_NAME.fullmatch(name) or ".." in name:
            raise DescriptorError("datapackage.json", f"resource name {name!r} cannot name a page: use lower-case "
                                  "letters, digits, '.', '_' and '-' only", "name", name)
    return package


def generated_pages(root: Path, changelog: Path | None = None, audit: Path | None = None) -> dict[str, str]:
    """Pages built from the data package at ``root`` (and the changelog and citation audit files, if any)."""
    package = _checked(read_package(root))
    frames = {name: read_text(table) for name, table in package.tables.items()}
    pages = {tables.page_path(name): tables.table_page(package, table, frames[name])
             for name, table in package.tables.items()}
    pages["tables/index.md"] = tables.overview_page(package, {n: len(f) for n, f in frames.items()})
    pages["vocabularies.md"] = tables.vocabularies_page(package)
    profiles, trials = _profiles(root)
    pages["people.md"] = people.people_page(package, profiles)
    for profile in profiles:
        if person_pages.safe_id(profile["person_id"]):
            pages[person_pages.page_path(profile["person_id"])] = person_pages.person_page(profile, package)
    pages["timeline.md"] = timeline_page.page(profiles, trials)
    pages["sources.md"] = bibliography.sources_page(package, frames["sources"])
    pages["coverage.md"] = "# Coverage\n\n" + coverage_page.markdown(root)
    pages["cite.md"] = cite_page(package)
    pages["changelog.md"] = changelog_page(changelog)
    pages["audit.md"] = audit_page(read_audit(audit) if audit is not None else [])
    return pages


def _profiles(root: Path) -> tuple[list[dict], dict[str, dict]]:
    """Every person's profile (as ``zhanaozen.person`` builds it) and every trial by ID."""
    data = Tables(root)
    profiles = [build(data, person_id) for person_id in data["persons"]["person_id"]]
    return profiles, {t["trial_id"]: t for t in records(data["trials"])}


def home_section(root: Path, dist: Path | None) -> tuple[str, list[downloads.Download]]:
    """The home page's generated section and the files it offers (CSV per table, release files in ``dist``)."""
    package = read_package(root)
    csvs = downloads.tables(package)
    release = downloads.releases(dist, package.version)
    counts = {name: len(read_text(table)) for name, table in package.tables.items()}
    return home.section(package, counts, csvs, release), csvs + release


def table_nav(root: Path) -> list[dict[str, str]]:
    """Navigation entries for the table pages, in the descriptor's order."""
    package = _checked(read_package(root))
    # The theme puts nav titles into every page's HTML as they are: a title is escaped here.
    return [{"Overview and diagram": "tables/index.md"}] + [
        {text(table.title): tables.page_path(name)} for name, table in package.tables.items()
    ]


def _licences(package: Package) -> str:
    return ", ".join(item.get("name", "?") for item in package.descriptor.get("licenses", []))


def _citations(package: Package) -> dict[str, str]:
    """How to cite, in every style the package renders."""
    from ..package.citation import render

    return {"Text": render(package.descriptor, "text"), "APA": render(package.descriptor, "apa"),
            "BibTeX": render(package.descriptor, "bibtex")}


def cite_page(package: Package) -> str:
    lines = ["# How to cite", "",
             "Cite the dataset with its version, so that a reader can find the exact rows you used.", ""]
    for style, citation in _citations(package).items():
        citation = citation.strip()
        # As HTML with every markup character escaped: a title holding ``` cannot end a code fence.
        if style == "BibTeX":
            lines += [f"## {style}", "", f"<pre><code>{text(citation)}</code></pre>", ""]
            continue
        # APA marks the title with *…* for italics: shown in italics, copied without the asterisks.
        shown = "".join(f"<em>{text(p)}</em>" if i % 2 else text(p) for i, p in enumerate(citation.split("*")))
        lines += [f"## {style}", "", f'<p class="zd-citation">{shown}</p>', "", "Plain text to copy:", "",
                  f"<pre><code>{text(citation.replace('*', ''))}</code></pre>", ""]
    lines += [
        "## A single record", "",
        "Cite a record by its table and ID, for example *sentences SEN-0001*. IDs are stable and never "
        "reused, so the reference keeps working in later versions. Where a record matters to your "
        "argument, cite the published sources it rests on too: the `citations` table lists them with a "
        "locator, and the [bibliography](sources.md) gives the full references.", "",
        "The installed package prints how to cite the version you have: `zhanaozen info`.", "",
        f"The data is licensed under {_licences(package)}; the code under MIT.", "",
    ]
    return "\n".join(lines) + "\n"


def changelog_page(changelog: Path | None) -> str:
    """The repository's CHANGELOG.md, inert (:func:`markup.inert_markdown`); never a file a symbolic link
    leads to, which could be anything on the machine that builds the site."""
    if (changelog is not None and not changelog.is_symlink() and changelog.is_file()
            and changelog.stat().st_size <= MAX_CHANGELOG_BYTES):
        return inert_markdown(changelog.read_text(encoding="utf-8"))
    return ("# Changelog\n\nNo release has been published yet. Each release will list here what "
            "changed, row by row.\n")
