"""Fixtures: the installed package, and tiny packages assembled from tests/examples."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, settings

from find_browser import ADVICE, find
from support import BAD_EXAMPLES, BIN, assemble, digests, expected, run, unreleased_changes
from zhanaozen.package.paths import package_root


def pytest_configure(config):
    """One memo of the descriptor check for the session (validators/stages/descriptor_memo.py), not the
    user's ~/.cache: each descriptor the tests build is checked by frictionless once. Set before the
    xdist workers start, so they inherit it and share the memo."""
    if "ZHANAOZEN_CACHE_DIR" not in os.environ:
        config._zhanaozen_memo = os.environ["ZHANAOZEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="zhanaozen-test-cache-")


def pytest_unconfigure(config):
    """The memo folder goes with the session that made it (the controller, under xdist)."""
    memo = getattr(config, "_zhanaozen_memo", None)
    if memo:
        shutil.rmtree(memo, ignore_errors=True)
        del os.environ["ZHANAOZEN_CACHE_DIR"]


# `make check` runs the property tests with a few examples each (`--hypothesis-profile=check`), so every
# property still runs on every change; `make test` draws the numbers each test asks for.
settings.register_profile("check", max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# The fast lane (`make check`) validates one bad example per rule, the first by name, so that each
# rule's failure is still found and placed on every change; `make test` (CI) validates all of them.
FAST_LANE_EXAMPLES = set({expected(e)["rule"]: e for e in reversed(BAD_EXAMPLES)}.values())  # sorted by name


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Under `--dist loadgroup` (Makefile), the tests that read one bad example's validation
    (`validated_bad`) run on one worker, so each example is still validated once per run."""
    for item in items:
        example = getattr(item, "callspec", None) and item.callspec.params.get("validated_bad")
        if example is not None:
            item.add_marker(pytest.mark.xdist_group(f"bad-{example.name}"))
            if example not in FAST_LANE_EXAMPLES:
                item.add_marker(pytest.mark.slow)


def shared(tmp_path_factory, name: str, make):
    """A folder made once per test run, by whichever worker asks first: with pytest-xdist each worker
    has its own session, so a session fixture alone would build the wheel or the site once per worker.
    ``make(folder)`` fills the folder; the others wait on the lock and read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder, done = root / name, root / f"{name}.done"
    with FileLock(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a failed attempt of another worker: try again
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


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


# The browser of the site tests (test_site.py, test_site_inert.py): one per session, since Playwright's
# sync API refuses a second instance in the same process; tests/find_browser.py finds it.
@pytest.fixture(scope="session")
def browser():
    executable = find()
    if executable is None:
        pytest.fail(ADVICE, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="session", params=BAD_EXAMPLES, ids=[p.name for p in BAD_EXAMPLES])
def validated_bad(request, tmp_path_factory) -> tuple[Path, dict, object, dict]:
    """Each bad example assembled and validated once per session: (package, expected.json, the report,
    the files' digests before validation). Every assertion about an example reads this one run."""
    import zhanaozen

    path = assemble(tmp_path_factory.mktemp(request.param.name), request.param)
    before = digests(path)
    return path, expected(request.param), zhanaozen.validate(path), before


@pytest.fixture(scope="session")
def release(repo_root, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`zhanaozen release` in a clean clone of the repository, once per session: its dist/ (sdist, wheel,
    zip) serves the release and the wheel tests, so the wheel is built once."""
    def make(folder: Path) -> None:
        clone = folder / "clone"
        subprocess.run(["git", "clone", "--quiet", str(repo_root), str(clone)], check=True)
        if unreleased_changes(clone):
            # Rows added since the last release (a contributor's pull request) are the next release's to cut:
            # the clone plays that release, so the committed files of the last one are not rewritten.
            _set_next_minor_version(clone)
        result = run(str(BIN / "zhanaozen"), "release", "--repo", str(clone))
        (folder / "result.json").write_text(json.dumps([result.returncode, result.stdout, result.stderr]))

    folder = shared(tmp_path_factory, "release", make)
    code, out, err = json.loads((folder / "result.json").read_text())
    return folder / "clone", subprocess.CompletedProcess(["zhanaozen", "release"], code, out, err)


def _set_next_minor_version(repo: Path) -> None:
    path = repo / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    major, minor, _ = descriptor["version"].split(".")
    descriptor["version"] = f"{major}.{int(minor) + 1}.0"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.org",
                    "commit", "--quiet", "-am", "next version"], check=True)
