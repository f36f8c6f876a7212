"""Coverage: for each trial, how many persons the dataset documents per outcome next to the
totals that sources report.

``coverage()`` is the table, ``text()`` the terminal view (the docs page is
:mod:`zhanaozen.docsite.coverage_page`). Documented counts come from
:mod:`zhanaozen.reports.documented`, the same count the ``reported-totals`` rule checks.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..loading.frames import read_text, typed_frame
from ..package.descriptor import DescriptorError, Package, read_package
from ..package.paths import package_root
from .documented import MEASURES, documented_frame

QUALIFIERS = {"at_least": "at least ", "about": "about ", "up_to": "up to "}
NOT_COUNTED = "not counted from the tables"
NO_CLAIM = "no source reports a total"

COLUMNS = ["trial_id", "trial_name", "instance", "measure", "documented", "reported", "qualifier",
           "source_id", "claim_id", "locator"]
TABLES = ("trials", "claims", "sentences", "charges", "sources")


class CoverageError(ValueError):
    """The package cannot be read for the coverage report (no descriptor, missing table or column)."""


def checked_package(root: str | Path | None) -> Package:
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
        data = table.read_bytes()  # the guarded reader (package/safe_files.py)
        text = read_text(table, data=data)
    except (OSError, ValueError) as exc:  # missing file, unreadable CSV
        raise CoverageError(f"{table.relpath}: cannot be read ({exc})") from None
    missing = [f for f in table.field_names if f not in text.columns]
    if missing:
        raise CoverageError(f"{table.relpath}: missing column(s) {', '.join(missing)}; "
                            "run `zhanaozen validate` on the package")
    return typed_frame(table, data)


def typed_table(package: Package, name: str) -> pd.DataFrame:
    """One table of ``package`` typed as the loader types it (:class:`CoverageError` if it cannot be read)."""
    return _frame(package, name)


def _claims_and_counts(package: Package) -> pd.DataFrame:
    """Claims about trials outer-joined with the documented counts on trial and measure."""
    claims = _frame(package, "claims")
    about_trials = claims[claims["trial_id"].notna()].rename(columns={"value": "reported"})
    about_trials = about_trials.assign(measure=about_trials["measure"].astype("string"))
    counts = documented_frame(_frame(package, "sentences"), _frame(package, "charges"))
    counts = counts.assign(measure=counts["measure"].astype("string"), documented=counts["documented"].astype("Int64"))
    rows = about_trials.merge(counts, on=["trial_id", "measure"], how="outer")
    # A measure the shared count covers but no person has is 0; one it cannot count stays <NA>.
    zero = rows["measure"].isin(MEASURES) & rows["documented"].isna()
    rows["documented"] = rows["documented"].mask(zero, 0).astype("Int64")
    return rows


def claims_table(package: Package) -> pd.DataFrame:
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
    return claims_table(checked_package(root))


def source_urls(package: Package) -> dict[str, str]:
    sources = _frame(package, "sources")
    return dict(zip(sources["source_id"], sources["url"])) if "url" in sources else {}


def text(root: str | Path | None = None) -> str:
    """The report for a terminal: one line per trial and measure."""
    lines = [_text_line(trial_id, measure, rows)
             for (trial_id, measure), rows in coverage(root).groupby(["trial_id", "measure"], sort=False)]
    return "\n".join(lines or ["no trial has documented persons or reported totals"]) + "\n"


def figure(value, qualifier) -> str:
    if pd.isna(value):
        return ""
    return QUALIFIERS.get(qualifier if pd.notna(qualifier) else "", "") + str(int(value))


def _printable(value: object) -> str:
    """Terminal-safe text: a control character in the data must not drive the terminal."""
    return "".join(c if c.isprintable() else "\ufffd" for c in str(value))


def _text_line(trial_id: str, measure: str, rows: pd.DataFrame) -> str:
    first = rows.iloc[0]
    name = "" if pd.isna(first.trial_name) else f" {first.trial_name}"
    documented = NOT_COUNTED if pd.isna(first.documented) else f"documented {int(first.documented)}"
    claims = rows[rows["reported"].notna()]
    figures = ", ".join(f"{figure(c.reported, c.qualifier)} ({c.source_id})" for c in claims.itertuples())
    if not figures:
        tail = f"; {NO_CLAIM}"
    elif pd.isna(first.documented):
        tail = f"; reported {figures}"
    else:
        tail = f" of {figures}"
    return _printable(f"{trial_id}{name}: {measure} {documented}{tail}")
