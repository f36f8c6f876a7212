"""MkDocs hook: add the pages generated from the data package (``zhanaozen.docsite``) to the site.

The package documented is the checkout beside ``mkdocs.yml``, or the directory named by the
environment variable ``ZHANAOZEN_DOCS_PACKAGE`` (the tests build the site from a small package).
The home page's marker is replaced by the generated section (version, counts, citation, downloads);
each table's CSV, and the release files found in ``dist/`` beside ``mkdocs.yml``, are copied into
the site under ``downloads/``.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from zhanaozen.reports.coverage import CoverageError
from zhanaozen.package.descriptor import DescriptorError
from zhanaozen.docsite.home import MARKER
from zhanaozen.docsite.pages import generated_pages, home_section, table_nav

PACKAGE_ENV = "ZHANAOZEN_DOCS_PACKAGE"
TABLES_NAV = "Tables"  # the nav entry of mkdocs.yml that the table pages fill
_HOME: dict[str, str] = {}


def _repo(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _package_root(config) -> Path:
    return Path(os.environ.get(PACKAGE_ENV) or _repo(config))


def _unreadable(root: Path, exc: Exception) -> PluginError:
    """MkDocs prints a PluginError as one line and exits 1: a broken package gives no traceback."""
    return PluginError(f"cannot generate the data dictionary from the package at {root}: {exc}")


def on_config(config):
    root = _package_root(config)
    for entry in config.nav or []:
        if isinstance(entry, dict) and TABLES_NAV in entry:
            try:
                entry[TABLES_NAV] = table_nav(root)
            except DescriptorError as exc:
                raise _unreadable(root, exc) from None
    return config


def on_files(files, config):
    root = _package_root(config)
    try:
        pages = generated_pages(root, changelog=_repo(config) / "CHANGELOG.md",
                                audit=_repo(config) / "audit" / "citations.csv")
        home, offered = home_section(root, _repo(config) / "dist")
    except (DescriptorError, CoverageError, OSError, ValueError) as exc:  # a missing or unreadable CSV
        raise _unreadable(root, exc) from None
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    for download in offered:
        files.append(File.generated(config, download.site_path, content=download.source.read_bytes()))
    _HOME["section"] = home
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "index.md" and MARKER in markdown:
        return markdown.replace(MARKER, _HOME.get("section", ""))
    return markdown
