"""The browser the site tests drive: found on this machine, or installed where that is safe, or one line
saying what to run. `make test` runs ``python tests/find_browser.py --ensure`` before pytest.

Looked for, in order: ``$ZHANAOZEN_BROWSER``; a Chromium or Chrome on ``PATH`` (Debian's
``chromium-headless-shell``, ``chromium``, ``chromium-browser``, ``google-chrome``...); the usual macOS and
Windows install folders; Playwright's own Chromium (``playwright install chromium``). Where none exists and
this is a Debian or Ubuntu machine run as root (a CI container), Debian's ``chromium-headless-shell`` is
installed with apt-get; anywhere else the command stops with one line naming what to run. No test skips
the site for want of a browser.

The headless shell comes first: it is the same Blink engine without the desktop browser around it, the
build Playwright itself runs headless tests with, and it spends about 40 % less CPU on each page here
(the site tests share two cores with the other pytest worker).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
         "chrome")
FOLDERS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    os.path.expandvars(r"%ProgramFiles%\Google\Chrome\Application\chrome.exe"),
    os.path.expandvars(r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe"),
    os.path.expandvars(r"%LocalAppData%\Google\Chrome\Application\chrome.exe"),
)
DEBIAN_PACKAGES = ("chromium-headless-shell", "chromium")
ADVICE = ("the site tests need Chromium or Chrome and none was found: run `.venv/bin/playwright install chromium` "
          "(or install Chromium or Chrome, or set ZHANAOZEN_BROWSER to its path)")


def _playwright_own() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Exception:  # the driver could not start: no usable Playwright browser either
        return None
    return path if path and Path(path).is_file() else None


def find() -> str | None:
    """The path of a Chromium-family browser Playwright can drive, or None."""
    chosen = os.environ.get("ZHANAOZEN_BROWSER")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    for path in FOLDERS:
        if "%" not in path and Path(path).is_file():
            return path
    return _playwright_own()


def can_install() -> bool:
    """Debian's package can be installed here without asking anyone: root, with apt-get."""
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def ensure() -> int:
    if find():
        return 0
    if can_install():
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(["apt-get", "update", "-qq"], env=env).returncode == 0:
            for package in DEBIAN_PACKAGES:  # the full browser where a release lacks the headless shell
                print(f"no Chromium or Chrome found: installing Debian's {package} (apt-get install {package})",
                      flush=True)
                if subprocess.run(["apt-get", "install", "-y", "-qq", package], env=env).returncode == 0 and find():
                    return 0
    print(f"make test: {ADVICE}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--ensure"]:
        sys.exit(ensure())
    path = find()
    print(path or ADVICE, file=sys.stdout if path else sys.stderr)
    sys.exit(0 if path else 1)
