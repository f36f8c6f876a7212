"""Fixtures: the installed package, and tiny packages assembled from tests/examples."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from support import BAD_EXAMPLES, assemble, expected
from zhanaozen.package.paths import package_root


def pytest_configure(config):
    """One memo of the descriptor check for the session (validators/stages/descriptor_memo.py), not the
    user's ~/.cache: each descriptor the tests build is checked by frictionless once."""
    os.environ.setdefault("ZHANAOZEN_CACHE_DIR", tempfile.mkdtemp(prefix="zhanaozen-test-cache-"))


@pytest.fixture
def valid_package(tmp_path: Path) -> Path:
    return assemble(tmp_path)


@pytest.fixture(params=BAD_EXAMPLES, ids=[p.name for p in BAD_EXAMPLES])
def bad_package(request, tmp_path: Path) -> tuple[Path, dict]:
    return assemble(tmp_path, request.param), expected(request.param)


@pytest.fixture(scope="session")
def shipped() -> Path:
    return package_root()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture
def copy_shipped(tmp_path: Path):
    """Makes copies of the installed package as released: descriptor with checksums, data, schemas,
    ID manifests. Call it with a folder name under tmp_path."""
    def make(name: str) -> Path:
        return Path(shutil.copytree(package_root(), tmp_path / name))
    return make
