"""`make test` finds a browser for the site tests, or stops with one line naming the command to run."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from support import run

SCRIPT = str(Path(__file__).parent / "find_browser.py")


def env_with(path: str, tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ZHANAOZEN_BROWSER"}
    (tmp_path / "no-browsers").mkdir(exist_ok=True)
    env.update(PATH=path, PLAYWRIGHT_BROWSERS_PATH=str(tmp_path / "no-browsers"))
    return env


def test_this_machine_has_a_browser_for_the_site_tests():
    result = run(sys.executable, SCRIPT)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_file()


def test_a_chrome_on_path_is_found(tmp_path):
    """As on a contributor's machine with Google Chrome and no Debian chromium."""
    found = run(sys.executable, SCRIPT).stdout.strip()
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "google-chrome").symlink_to(found)
    result = run(sys.executable, SCRIPT, env=env_with(str(folder), tmp_path))
    assert result.stdout.strip() == str(folder / "google-chrome"), result.stderr


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_without_any_browser_nor_a_way_to_install_it_one_line_names_the_command(tmp_path):
    """No browser on PATH, no Playwright browser, no apt-get: exit 1 and one line, before any test runs."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(sys.executable, SCRIPT, "--ensure", env=env_with(str(empty), tmp_path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "`.venv/bin/playwright install chromium`" in result.stderr
