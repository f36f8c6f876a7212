"""Stable IDs: every ID that was ever released is present or retired, and a retired ID is never reused."""
from __future__ import annotations

import csv
import io

import polars as pl

from zhanaozen.package import safe_files

from ..dataset import Dataset, member
from ..findings import Finding

RULE = "stable-ids"
QUESTION = "every ID ever released is still present or listed in retired_ids, and no retired ID is reused"
FIX = ("Keep every released ID: restore the record, or list it in data/retired_ids.csv with the reason and "
       "what replaces it; never reuse a retired ID.")
TABLES = ("retired_ids",)
MANIFESTS = "releases/*/ids.csv"  # one per release, written by `zhanaozen release`
MANIFEST_HEADER = ["table", "id"]
MAX_CHAIN = 1000  # retirements replaced by retirements; real chains have one or two links


class _Current:
    """Which of the (table, id) pairs asked about name a current record, found for all of them at once,
    a table at a time: a Python set of every record's key cost seconds at a million rows, and a look-up
    costs about as much for three IDs as for three thousand."""

    def __init__(self, ds: Dataset, pairs: list[tuple[str, str]]):
        self.present: set[tuple[str, str]] = set()
        asked = pl.DataFrame(pairs, schema={"table": pl.String, "id": pl.String}, orient="row").unique()
        for (name,), group in asked.group_by("table"):
            if name == "retired_ids" or name not in ds.text:
                continue
            self.present.update(group.filter(member(group["id"], ds.record_ids(name))).iter_rows())

    def has(self, tables, ids) -> list[bool]:
        return [pair in self.present for pair in zip(tables, ids)]


def _manifests(ds: Dataset) -> list[tuple[str, str, list[dict], list[Finding]]]:
    """Each release's ID manifest: (relative path, release, rows, findings that prevent reading it)."""
    found = []
    for manifest in sorted(ds.package.root.glob(MANIFESTS)):
        relpath = manifest.relative_to(ds.package.root).as_posix()
        found.append((relpath, manifest.parent.name, *_manifest(ds, manifest, relpath)))
    return found


def _released(ds: Dataset, manifests: list, current: _Current, retired: set) -> list[Finding]:
    findings = []
    for relpath, release, rows, problems in manifests:
        findings += problems
        present = current.has([row["table"] for row in rows], [row["id"] for row in rows])
        for line, (row, here) in enumerate(zip(rows, present), start=2):
            key = (row["table"], row["id"])
            unreadable = row["table"] in ds.package.tables and row["table"] not in ds.text  # reported already
            if not unreadable and not here and key not in retired:
                findings.append(Finding(
                    RULE, relpath, f"{row['id']} was released in {release} but is neither in "
                    f"table {row['table']} nor in data/retired_ids.csv: restore the record, or "
                    "add a row to retired_ids with the version, the reason and what replaces it",
                    line=line, column="id", value=row["id"], table=row["table"]))
    return findings


def _manifest(ds: Dataset, manifest, relpath: str) -> tuple[list[dict], list[Finding]]:
    """A release's ID manifest through the guarded reader: (rows, findings that prevent reading it)."""
    def refused(message: str, line: int | None = 1) -> tuple[list, list[Finding]]:
        return [], [Finding(RULE, relpath, message + "; a release manifest is written by `zhanaozen release` "
                            "and never edited", line=line, column="id")]
    try:
        text = safe_files.read_text(ds.package.root, manifest, relpath)
    except safe_files.UnsafeFile as exc:
        return refused(exc.message, exc.line or 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        header = next(reader, [])
        if header != MANIFEST_HEADER:
            return refused(f"the header must be {','.join(MANIFEST_HEADER)}")
        for row in reader:
            if len(row) != 2:
                return refused(f"a row has {len(row)} cells, not 2", reader.line_num)
            rows.append({"table": row[0], "id": row[1]})
    except csv.Error as exc:
        return refused(f"cannot be read as CSV ({exc})", reader.line_num)
    return rows, []


def _chains(ds: Dataset, tables: list[str], ids: list[str], replacements: list[str]) -> list[Finding]:
    """Retirements replaced by retirements must end at a record: no cycle (A replaced by B, B by A, after
    which resolve() cannot answer) and no chain longer than MAX_CHAIN. Walked iteratively, each
    retirement once: the end of every chain is remembered for the chains that join it."""
    following = {(t, i): (t, r) for t, i, r in zip(tables, ids, replacements) if r}
    row_of = {}
    for position, key in enumerate(zip(tables, ids)):
        row_of.setdefault(key, position)
    state: dict[tuple, str] = {}  # "ok" or "bad", once a walk has settled it
    bad_rows, messages = [], []
    for start in following:
        if start in state:
            continue
        walk, seen, node = [], set(), start
        while node in following and node not in state and node not in seen and len(walk) <= MAX_CHAIN:
            seen.add(node)
            walk.append(node)
            node = following[node]
        if node in seen or len(walk) > MAX_CHAIN:
            verdict = "bad"
            cycle = node in seen
            first = min(walk[walk.index(node):] if cycle else walk, key=lambda k: row_of.get(k, 0))
            bad_rows.append(row_of[first])
            messages.append("the retirements' replaced_by form a cycle (" + " -> ".join(
                k[1] for k in walk[walk.index(node):] + [node]) + "): one of them must name a current record"
                if cycle else f"the chain of replacements from here is longer than {MAX_CHAIN}; "
                              "name the current record directly")
        else:
            verdict = state.get(node, "ok")
        for key in walk:
            state[key] = verdict
    order = sorted(range(len(bad_rows)), key=lambda i: bad_rows[i])
    return ds.findings(RULE, "retired_ids", [bad_rows[i] for i in order], "replaced_by",
                       [messages[i] for i in order])


def check(ds: Dataset) -> list[Finding]:
    rows = ds.text["retired_ids"]
    tables, ids, replacements = (rows[c].fill_null("").to_list() for c in ("table", "id", "replaced_by"))
    retired = set(zip(tables, ids))
    manifests = _manifests(ds)
    released = [(row["table"], row["id"]) for _, _, listed, _ in manifests for row in listed]
    current = _Current(ds, [*zip(tables, ids), *zip(tables, replacements), *released])
    reused = [i for i, here in enumerate(current.has(tables, ids)) if here]
    findings = ds.findings(RULE, "retired_ids", reused, "id",
                           "this ID is retired but a record still uses it: IDs are never reused; give the "
                           "record a new ID or remove the row from retired_ids if it was never retired")
    present = current.has(tables, replacements)
    dangling = [new != "" and not here and (table, new) not in retired
                for table, new, here in zip(tables, replacements, present)]
    findings += ds.findings(RULE, "retired_ids", [i for i, bad in enumerate(dangling) if bad], "replaced_by",
                            "names no current or retired record of the same table")
    return findings + _chains(ds, tables, ids, replacements) + _released(ds, manifests, current, retired)
