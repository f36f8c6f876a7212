"""``zhanaozen fmt``: canonical CSVs, lossless and idempotent; ``--check`` changes nothing."""
from __future__ import annotations

import csv
import io
import random
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhanaozen.maintain.fmt import canonical
from zhanaozen.package.descriptor import Field, Table, read_package

from support import BIN, EXAMPLES, assemble, digests, examples, run

PACKAGE = read_package(EXAMPLES.parent.parent)  # the repository's own descriptor and schemas
REFUSED = ["structure-latin1", "structure-utf16", "structure-short-row", "structure-unclosed-quote",
           "structure-nul-byte", "structure-missing-column", "structure-semicolon-delimiter"]


def cells(data: bytes) -> list[dict[str, str]]:
    """The table's rows as {column: cell}, in file order, whatever the column order and quoting."""
    text = data.decode("utf-8-sig")
    return [row for row in csv.DictReader(io.StringIO(text, newline="")) if any(row.values())]


def test_shipped_data_is_canonical(repo_root, shipped):
    for root in (repo_root, shipped):
        result = run(str(BIN / "zhanaozen"), "fmt", "--check", str(root))
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_lists_non_canonical_files_and_changes_nothing(valid_package):
    persons = valid_package / "data" / "persons.csv"
    header, *rows = persons.read_bytes().decode().strip().split("\n")
    persons.write_bytes(("\ufeff" + "\r\n".join([header] + rows[::-1]) + "\r\n").encode())
    before = digests(valid_package)
    result = run(str(BIN / "zhanaozen"), "fmt", "--check", str(valid_package))
    assert result.returncode == 1
    assert "not canonical: data/persons.csv" in result.stdout
    assert digests(valid_package) == before

    result = run(str(BIN / "zhanaozen"), "fmt", str(valid_package))
    assert result.returncode == 0 and "formatted: data/persons.csv" in result.stdout
    assert persons.read_bytes() == (EXAMPLES / "valid" / "data" / "persons.csv").read_bytes()
    again = run(str(BIN / "zhanaozen"), "fmt", "--check", str(valid_package))
    assert again.returncode == 0, again.stdout


@pytest.mark.parametrize("case", REFUSED)
def test_unreadable_files_are_refused_not_damaged(case, tmp_path):
    package = assemble(tmp_path, EXAMPLES / "bad" / case)
    before = digests(package)
    for args in (["--check"], []):
        result = run(str(BIN / "zhanaozen"), "fmt", *args, str(package))
        assert result.returncode == 2, result.stdout + result.stderr
        assert "refused (left unchanged): data/persons.csv" in result.stderr
        assert "Traceback" not in result.stderr
    assert digests(package) == before


# Valid cells for any field of any table, as a contributor might write them (commas, quotes, Cyrillic).
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
               max_size=20).map(lambda s: unicodedata.normalize("NFC", s).strip())


def clean(value: str) -> bool:
    """What text hygiene accepts in a valid table: NFC, no control, surrogate or unassigned characters."""
    return unicodedata.is_normalized("NFC", value) and not any(
        unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") for char in value)


def field_values(field: Field) -> st.SearchStrategy[str]:
    if field.enum is not None:
        values = st.sampled_from(field.enum)
    elif field.type == "integer":
        values = st.integers(int(field.minimum or 0), int(field.maximum or 10**6)).map(str)
    elif field.pattern:
        values = st.from_regex(field.pattern, fullmatch=True).filter(clean)
    else:
        values = TEXT.filter(bool)
    return values if field.required else st.one_of(st.just(""), values)


@st.composite
def written_tables(draw, table: Table) -> bytes:
    """A valid table (unique keys) written in an arbitrary, probably non-canonical way."""
    rows = draw(st.lists(st.fixed_dictionaries({f.name: field_values(f) for f in table.fields}), max_size=8,
                         unique_by=lambda row: tuple(row[k] for k in table.primary_key)))
    order = draw(st.permutations(table.field_names))
    rows = draw(st.permutations(rows))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(order)
    writer.writerows([[row[name] for name in order] for row in rows])
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + out.getvalue().encode("utf-8")


@pytest.mark.parametrize("name", sorted(PACKAGE.tables))
@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip_keeps_every_cell_and_is_idempotent(name, data):
    table = PACKAGE.tables[name]
    raw = data.draw(written_tables(table))
    formatted = canonical(table, raw)
    key = lambda row: tuple(row[k] for k in table.primary_key)  # noqa: E731
    assert sorted(cells(formatted), key=key) == sorted(cells(raw), key=key)
    assert canonical(table, formatted) == formatted
    assert formatted.split(b"\n", 1)[0].decode() == ",".join(table.field_names)
    assert not formatted.startswith(b"\xef\xbb\xbf") and b"\r\n" not in formatted.replace(b'\r\n"', b"")


def test_rows_sort_by_key_with_numbers_compared_as_numbers():
    table = PACKAGE.tables["events"]
    header = ",".join(table.field_names)
    empties = "," * (len(table.field_names) - 2)
    raw = "\n".join([header] + [f"EVT-{n},name{empties}" for n in ("1000", "999", "001")]) + "\n"
    ids = [row["event_id"] for row in cells(canonical(table, raw.encode()))]
    assert ids == ["EVT-001", "EVT-999", "EVT-1000"]
    shuffled = random.Random(4).sample(ids, 3)
    assert [r["event_id"] for r in cells(canonical(table, "\n".join([header] + [f"{i},name{empties}" for i in shuffled]).encode()))] == ids


def test_keys_that_mix_empty_and_numbered_parts_sort():
    """legal_articles' key (code, article, part) has empty and numbered parts side by side."""
    table = PACKAGE.tables["legal_articles"]
    header = table.field_names
    def row(article, part):
        values = {"code": "KZ-CC-1997", "article": article, "part": part}
        return ",".join(values.get(name, "") for name in header)
    raw = "\n".join([",".join(header), row("241", "3"), row("241", ""), row("164", "12"), row("164", "2")]) + "\n"
    keys = [(r["article"], r["part"]) for r in cells(canonical(table, raw.encode()))]
    assert keys == [("164", "2"), ("164", "12"), ("241", ""), ("241", "3")]
