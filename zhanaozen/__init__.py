"""The Zhanaozen Prosecutions Dataset: people detained, tried and sentenced after December 2011.

>>> import zhanaozen
>>> sentences = zhanaozen.load("sentences")       # doctest: +SKIP
>>> tables = zhanaozen.load_all()                  # doctest: +SKIP

Importing this module reads no data and imports neither pandas, pandera nor frictionless;
they are imported on first use.
"""
from __future__ import annotations

import os.path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from .validators.findings import Report

# json and pathlib (with the re, enum and urllib they pull in) are imported where used: they would
# double the cost of `import zhanaozen`, which must stay well under 50 ms.

# In a source checkout the validators sit beside the package; the wheel puts them inside it. Only
# that one folder is registered as ``zhanaozen.validators``, never the checkout's other folders.
_here = os.path.dirname(os.path.realpath(__file__))
_validators = os.path.join(os.path.dirname(_here), "validators")
if not os.path.isdir(os.path.join(_here, "validators")) and os.path.isfile(os.path.join(_validators, "run.py")):
    import sys
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    _spec = ModuleSpec(f"{__name__}.validators", None, is_package=True)
    _spec.submodule_search_locations = [_validators]
    sys.modules[_spec.name] = _module = ModuleType(_spec.name)
    _module.__spec__, _module.__path__, _module.__package__ = _spec, [_validators], _spec.name

TableName = Literal[
    "sources", "persons", "person_names", "events", "detentions", "trials", "charges",
    "sentences", "allegations", "claims", "testimonies", "procedural_concerns",
    "legal_articles", "citations", "retired_ids",
]

Engine = Literal["pandas", "polars", "pyarrow"]
ViewName = Literal["sentences_detailed", "custody", "claims_summary", "conflicts"]

__all__ = ["load", "load_all", "tables", "describe", "person", "view", "duration", "validate", "version",
           "resolve", "cite", "__version__"]


def _descriptor() -> dict:
    import json

    from .package.paths import package_root

    return json.loads((package_root() / "datapackage.json").read_text(encoding="utf-8"))


def version() -> str:
    """Version of the dataset (the descriptor's ``version``)."""
    return _descriptor()["version"]


def tables() -> list[str]:
    """Names of the tables, in the descriptor's order."""
    return [resource["name"] for resource in _descriptor()["resources"]]


def cite(fmt: str = "text") -> str:
    """The citation of the installed version: ``fmt`` is ``text``, ``apa``, ``bibtex`` or ``cff``."""
    from .package.citation import render

    return render(_descriptor(), fmt)


def resolve(record_id: str) -> str:
    """The current ID of a record cited by ``record_id``, following retirements to their replacement.

    >>> zhanaozen.resolve("PER-0001")   # doctest: +SKIP
    'PER-0001'

    A retired ID resolves to the record that replaced it (``data/retired_ids.csv``); ``LookupError``
    says why when no record has the ID or nothing replaced it.
    """
    from .maintain.ids import resolve as _resolve

    return _resolve(record_id)


def load(name: TableName, path: str | Path | None = None, engine: Engine = "pandas"):
    """One table as a DataFrame with nullable typed columns derived from its schema.

    Integers are ``Int64``, text ``string``, controlled vocabularies ``category`` and
    booleans ``boolean``. A partial date column keeps its text (``2011-12``) and is followed
    by ``<name>_earliest`` and ``<name>_latest``, the first and last day it can mean; for a
    full date both equal the real date. ``frame.attrs`` holds the table's description and
    ``attrs["descriptions"]`` every column's (see :func:`describe`).

    ``path`` reads another copy of the package (an old release unzipped, an edited checkout): a
    directory or its ``datapackage.json``. The installed data is checked against its declared
    checksums; a copy at ``path`` is not (``zhanaozen.validate(path)`` checks it).
    ``engine`` is ``"pandas"`` (default), ``"polars"`` or ``"pyarrow"`` (a ``pyarrow.Table``
    whose schema metadata carries the descriptions); the same values whichever is chosen.
    Raises ``ValueError`` for an unknown table name or engine.
    """
    from .loading.tables import load as _load

    return _load(name, path, engine)


def load_all(path: str | Path | None = None, engine: Engine = "pandas") -> dict:
    """Every table, keyed by name, typed as in :func:`load`."""
    from .loading.tables import load_all as _load_all

    return _load_all(path, engine)


def describe(name: TableName, path: str | Path | None = None) -> "pd.DataFrame":
    """What each column of ``load(name)`` means: one row per column (the derived date columns too),
    with its type, whether it is required, its description and its vocabulary."""
    from .loading.describe import describe as _describe

    return _describe(name, path)


def person(key: str, path: str | Path | None = None):
    """One person's whole record, found by ID (``PER-0001``) or any recorded spelling, Latin or
    Cyrillic, ignoring case and diacritics (``"roza tuletaeva"``, ``"Тулетаева"``).

    The profile holds the spellings, detentions, each trial at every instance with its charges and
    sentence, the allegations with the official response, testimonies, procedural concerns, the
    citations behind each record (``support`` says ``explicit`` or ``inferred``) and every disputed
    value next to what each source asserts. ``print(profile)`` shows it as text,
    ``profile.to_dict()`` / ``profile.to_json()`` as plain data. ``LookupError`` when no person or
    more than one matches.
    """
    from .reports.person import person as _person

    return _person(key, path)


def view(name: ViewName, path: str | Path | None = None) -> "pd.DataFrame":
    """An analysis-ready table built from the normalised ones.

    ``sentences_detailed`` (one row per sentence with person, trial, instance, court, dates, the
    decision it reviews and the term before and after), ``custody`` (one row per custody spell with
    its bounds and possible length), ``claims_summary`` (per trial or event and measure: smallest and
    largest reported figure, number of sources, documented count) and ``conflicts`` (each disputed
    value next to the value each source asserts). For example, who was sentenced in the trial of 37,
    to what, and what the appeal changed::

        zhanaozen.view("sentences_detailed").query("first_trial_id == 'TRI-001'")
    """
    from .reports.views import view as _view

    return _view(name, path)


def duration(frame: "pd.DataFrame", start: str, end: str, unit: str = "days") -> "pd.DataFrame":
    """The shortest and longest time between two partial-date columns of a loaded table.

    A partial date is a range of days, so the duration is a range too and no day is invented:
    ``shortest`` runs from the latest day ``start`` can mean to the earliest ``end`` can mean,
    ``longest`` from the earliest start to the latest end; <NA> where either date is unknown.
    ``unit`` is ``days`` or ``months``.

    >>> d = zhanaozen.load("detentions")                               # doctest: +SKIP
    >>> zhanaozen.duration(d, "detained_on", "released_on", "months")  # doctest: +SKIP
    """
    from .reports.durations import duration as _duration

    return _duration(frame, start, end, unit)


def validate(path: str | Path | None = None) -> "Report":
    """Validate a data package directory (default: the shipped one) and return the report."""
    try:
        from .validators.run import validate as _validate
    except ImportError as exc:  # the [validate] extra is missing
        raise ImportError(
            f"validation needs the optional dependencies: pip install 'zhanaozen[validate]' ({exc})"
        ) from exc
    from .package.paths import package_root

    return _validate(path or package_root())


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'zhanaozen' has no attribute {name!r}")
