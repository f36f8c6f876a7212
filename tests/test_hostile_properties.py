"""Property-based: random bytes and random CSV mutations never break `validate` or `fmt`.

Whatever a data file holds, validate returns a report (no exception, so never exit 3) whose errors
are located at a file and line; its JSON parses; its GitHub output carries no workflow command we did
not write; its text is printable; fmt either formats or refuses with a reason; no file changes.
"""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zhanaozen
from zhanaozen.maintain.fmt import Unformattable, canonical
from zhanaozen.package.descriptor import read_package
from zhanaozen.validators.output import as_json, github, step_summary, text

from support import EXAMPLES, assemble, digests, examples

# An exception Python could only print ("Exception ignored in ...", a traceback on stderr) fails the test.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
# Ours: an annotation per error, and one notice counting the standing warnings (validators/output.py).
OUR_COMMAND = re.compile(r"^::(error|warning) file=[^\n:,]*(,line=\d+)?(,col=\d+)?,title=[^\n:]*::[^\n]*$"
                         r"|^::notice title=zhanaozen warnings::[^\n]*$")
VALID_PERSONS = (EXAMPLES / "valid" / "data" / "persons.csv").read_bytes()
PIECES = [b'"', b",", b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b'""', b"=1+1", b"\xef\xbb\xbf", b"\x1b[31m",
          "\u202e".encode(), "\u200b".encode(), "\u2028".encode(), "\u0391".encode(), b"::error::x", b"<b>",
          b"PER-0001", b"2099-01-01", b";", b"\t", b" " * 40, b"9" * 5000, "\u0663".encode()]
MUTATION = st.tuples(st.sampled_from(["insert", "delete", "duplicate-line"]), st.integers(0, len(VALID_PERSONS)),
                     st.sampled_from(PIECES), st.integers(1, 30))
SETTINGS = settings(max_examples=examples(12), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _mutate(data: bytes, mutations) -> bytes:
    for kind, at, piece, length in mutations:
        at = min(at, len(data))
        if kind == "insert":
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + length:]
        else:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            line = data[start:end + 1 if end >= 0 else len(data)]
            data = data[:start] + line + data[start:]
    return data


def _invariants(path) -> None:
    before = digests(path)
    report = zhanaozen.validate(path)  # an exception here would be exit 3
    for finding in report.errors:
        assert finding.file and finding.line is not None, finding
    json.loads(as_json(report))
    for line in github(report, base=path).split("\n"):
        if line.lstrip().startswith("::"):
            assert OUR_COMMAND.match(line), line
    assert all(c.isprintable() or c == "\n" for c in text(report))
    assert not re.search(r"(?<!\\)[<>]", step_summary(report))
    package = read_package(path)
    for table in package.tables.values():
        try:
            canonical(table, table.read_bytes())
        except Unformattable:
            pass
    assert digests(path) == before


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes_as_a_data_file(tmp_path_factory, capsys, data):
    path = assemble(tmp_path_factory.mktemp("bytes"))
    (path / "data" / "persons.csv").write_bytes(data)
    _invariants(path)
    assert "Traceback" not in capsys.readouterr().err  # pyarrow printed one for a malformed row of bad UTF-8


@SETTINGS
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_random_csv_mutations(tmp_path_factory, capsys, mutations):
    path = assemble(tmp_path_factory.mktemp("mutated"))
    (path / "data" / "persons.csv").write_bytes(_mutate(VALID_PERSONS, mutations))
    _invariants(path)
    assert "Traceback" not in capsys.readouterr().err


def test_a_malformed_row_of_invalid_utf8_prints_no_traceback(tmp_path, capsys):
    """Found by the fuzzing above: pyarrow printed a traceback for a short row holding a 0xFF byte."""
    path = assemble(tmp_path)
    (path / "data" / "persons.csv").write_bytes(VALID_PERSONS + b"PER-0003,\xff\n")
    _invariants(path)
    assert "Traceback" not in capsys.readouterr().err
