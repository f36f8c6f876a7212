"""Coverage: for each trial, how many persons the dataset documents per outcome next to the
totals that sources report.

``coverage()`` is the table, ``markdown()`` the docs page body (tables and inline SVG bar
charts), ``text()`` the terminal view. Documented counts come from :mod:`zhanaozen.documented`,
the same count the ``reported-totals`` rule checks.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import coverage_render
from ._paths import package_root
from .descriptor import DescriptorError, Package, read_package
from .documented import MEASURES, documented
from .frames import read_text, typed_frame

COLUMNS = ["trial_id", "trial_name", "instance", "measure", "documented", "reported", "qualifier",
           "source_id", "claim_id", "locator"]
TABLES = ("trials", "claims", "sentences", "charges", "sources")


class CoverageError(ValueError):
    """The package cannot be read for the coverage report (no descriptor, missing table or column)."""


def _package(root: str | Path | None) -> Package:
    try:
        package = read_package(package_root() if root is None else root)
    except DescriptorError as exc:
        raise CoverageError(f"no usable data package at {root}: {exc}") from None
    missing = [name for name in TABLES if name not in package.tables]
    if missing:
        raise CoverageError(f"the package at {package.root} has no table(s) {', '.join(missing)}")
    return package


def _frame(package: Package, name: str) -> pd.DataFrame:
    table = package.tables[name]
    try:
        text = read_text(table)
    except (OSError, ValueError) as exc:  # missing file, unreadable CSV
        raise CoverageError(f"{table.relpath}: cannot be read ({exc})") from None
    missing = [f for f in table.field_names if f not in text.columns]
    if missing:
        raise CoverageError(f"{table.relpath}: missing column(s) {', '.join(missing)}; "
                            "run `zhanaozen validate` on the package")
    return typed_frame(table, text)[0]


def _claims_and_counts(package: Package) -> pd.DataFrame:
    """Claims about trials outer-joined with the documented counts on trial and measure."""
    claims = _frame(package, "claims")
    about_trials = claims[claims["trial_id"].notna()].rename(columns={"value": "reported"})
    about_trials = about_trials.assign(measure=about_trials["measure"].astype("string"))
    counts = documented(_frame(package, "sentences"), _frame(package, "charges"))
    counts = counts.assign(measure=counts["measure"].astype("string"), documented=counts["documented"].astype("Int64"))
    rows = about_trials.merge(counts, on=["trial_id", "measure"], how="outer")
    # A measure the shared count covers but no person has is 0; one it cannot count stays <NA>.
    zero = rows["measure"].isin(MEASURES) & rows["documented"].isna()
    rows["documented"] = rows["documented"].mask(zero, 0).astype("Int64")
    return rows


def _table(package: Package) -> pd.DataFrame:
    rows = _claims_and_counts(package)
    trials = _frame(package, "trials").set_index("trial_id")
    rows = rows.join(trials[["name", "instance"]].rename(columns={"name": "trial_name"}), on="trial_id")
    # Measures in the schema's order (defendants first), then claims by ID.
    order = {m: i for i, m in enumerate(package.tables["claims"].field("measure").enum or ())}
    rows = rows.assign(_order=rows["measure"].map(order).astype("float"))
    rows = rows.sort_values(["trial_id", "_order", "claim_id"], na_position="last", kind="stable")
    return rows[COLUMNS].astype({"instance": "string", "qualifier": "string"}).reset_index(drop=True)


def coverage(root: str | Path | None = None) -> pd.DataFrame:
    """One row per trial × measure × claim reporting a total, plus trial × measure pairs with
    documented persons that no claim reports.

    Columns: ``trial_id``, ``trial_name``, ``instance``, ``measure``, ``documented`` (distinct
    persons with that outcome in the trial; <NA> for measures not derivable from sentences and
    charges), ``reported`` (the claim's value, <NA> without a claim), ``qualifier``,
    ``source_id``, ``claim_id``, ``locator``. ``root`` is a package directory or its
    ``datapackage.json``; by default the installed dataset. Raises :class:`CoverageError`
    when the package cannot be read.
    """
    return _table(_package(root))


def _sources(package: Package) -> dict[str, str]:
    sources = _frame(package, "sources")
    return dict(zip(sources["source_id"], sources["url"])) if "url" in sources else {}


def markdown(root: str | Path | None = None) -> str:
    """The body of the docs "Coverage" page: an explanation, then per trial a table and an
    inline SVG bar chart. Every text taken from the CSVs is HTML-escaped."""
    package = _package(root)
    return coverage_render.markdown(_table(package), _sources(package))


def text(root: str | Path | None = None) -> str:
    """The report for a terminal: one line per trial and measure."""
    return coverage_render.text(coverage(root))
