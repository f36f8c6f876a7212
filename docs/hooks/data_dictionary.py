"""MkDocs hook: add the pages generated from the data package (``zhanaozen.docsite``) to the site.

The package documented is the checkout beside ``mkdocs.yml``, or the directory named by the
environment variable ``ZHANAOZEN_DOCS_PACKAGE`` (the tests build the site from a small package).
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File

from zhanaozen.docsite.pages import generated_pages, table_nav

PACKAGE_ENV = "ZHANAOZEN_DOCS_PACKAGE"
TABLES_NAV = "Tables"  # the nav entry of mkdocs.yml that the table pages fill


def _repo(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _package_root(config) -> Path:
    return Path(os.environ.get(PACKAGE_ENV) or _repo(config))


def on_config(config):
    for entry in config.nav or []:
        if isinstance(entry, dict) and TABLES_NAV in entry:
            entry[TABLES_NAV] = table_nav(_package_root(config))
    return config


def on_files(files, config):
    pages = generated_pages(_package_root(config), changelog=_repo(config) / "CHANGELOG.md")
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    return files
