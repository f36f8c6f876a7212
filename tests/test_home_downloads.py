"""The home page's generated section: version, counts, citation and the files it offers for download."""
from __future__ import annotations

import os

from zhanaozen.docsite import downloads
from zhanaozen.docsite.pages import home_section
from zhanaozen.package.descriptor import read_package


def test_release_files_in_dist_are_offered_and_nothing_else(valid_package, tmp_path):
    version = read_package(valid_package).version
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / f"zhanaozen-prosecutions-{version}.zip").write_bytes(b"PK zip")
    (dist / "SHA256SUMS").write_text("abc  file\n", encoding="utf-8")
    (dist / "notes.txt").write_text("not a release file\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside\n", encoding="utf-8")
    os.symlink(secret, dist / f"zhanaozen-{version}.tar.gz")  # a link is never followed into the site
    section, offered = home_section(valid_package, dist)
    paths = {d.site_path for d in offered}
    assert f"downloads/zhanaozen-prosecutions-{version}.zip" in paths and "downloads/SHA256SUMS" in paths
    assert f"downloads/zhanaozen-{version}.tar.gz" not in paths and not any("notes" in p for p in paths)
    assert {downloads.csv_path(name) for name in read_package(valid_package).tables} <= paths
    assert f'href="downloads/zhanaozen-prosecutions-{version}.zip"' in section
    assert f"Version <strong>{version}</strong>" in section


def test_without_dist_the_release_files_are_named_not_linked(valid_package, tmp_path):
    section, offered = home_section(valid_package, tmp_path / "no-dist")
    assert all(d.site_path.startswith("downloads/data/") for d in offered)
    assert "make release" in section and 'href="downloads/zhanaozen-prosecutions' not in section
