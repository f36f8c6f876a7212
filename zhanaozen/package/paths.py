"""Where the data package lives: inside the installed wheel, or at the top of a source checkout."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent.parent  # the zhanaozen package folder


def package_root() -> Path:
    """Directory holding the shipped ``datapackage.json``."""
    bundled = _HERE / "_package"
    if (bundled / "datapackage.json").is_file():
        return bundled
    checkout = _HERE.parent
    if (checkout / "datapackage.json").is_file():
        return checkout
    raise FileNotFoundError(
        "the zhanaozen data package was not found: the installation is incomplete "
        f"(looked in {bundled} and {checkout})"
    )
