"""MkDocs hook: add the pages generated from the data package (``zhanaozen.docsite``) to the site.

The package documented is the checkout beside ``mkdocs.yml``, or the directory named by the
environment variable ``ZHANAOZEN_DOCS_PACKAGE`` (the tests build the site from a small package).
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from zhanaozen.reports.coverage import CoverageError
from zhanaozen.package.descriptor import DescriptorError
from zhanaozen.docsite.pages import generated_pages, table_nav

PACKAGE_ENV = "ZHANAOZEN_DOCS_PACKAGE"
TABLES_NAV = "Tables"  # the nav entry of mkdocs.yml that the table pages fill


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
    except (DescriptorError, CoverageError, OSError, ValueError) as exc:  # a missing or unreadable CSV
        raise _unreadable(root, exc) from None
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    return files
