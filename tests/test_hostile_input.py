"""A hostile corpus: broken and malicious packages, by class, against `zhanaozen validate` and `fmt`.

Each case builds a small package (the valid example with one thing broken) and asserts the invariants
of the pull-request gate: exit 1; the finding at its file and line; no traceback; valid JSON; GitHub
output that carries no workflow command we did not write; a step summary without live Markdown; text
without terminal control characters; every file byte-identical; the run within bounded time and memory.
"""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import zhanaozen
from zhanaozen.validators.output import render

from support import BIN, assemble, digests

TIME_LIMIT = 30  # seconds; a run takes 2-4 s here, the bound is 10 s on an idle machine
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of resident memory
# Ours: an annotation per error, and one notice counting the standing warnings (validators/output.py).
OUR_COMMAND = re.compile(r"^::(error|warning) file=[^\n:,]*(,line=\d+)?(,col=\d+)?,title=[^\n:]*::[^\n]*$"
                         r"|^::notice title=zhanaozen warnings::[^\n]*$")


def _measured(*args: str, cwd: Path | None = None) -> tuple[int, str, str, float, int]:
    """Run a command; (exit code, stdout, stderr, seconds, peak resident bytes of the command's processes)."""
    started = time.monotonic()
    process = subprocess.Popen(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                               stdin=subprocess.DEVNULL, text=True, errors="replace")
    try:
        out, err = process.communicate(timeout=TIME_LIMIT * 4)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"{args} did not finish in {TIME_LIMIT * 4} s")
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # largest child so far (kB on Linux)
    return process.returncode, out, err, seconds, peak


def _reset_peak() -> bool:
    """Linux: set this process's peak resident memory (VmHWM) to its current size, so that the next reading
    is the peak of what ran in between (clear_refs in proc(5)); False where that cannot be done."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak() -> int:
    """This process's peak resident memory since _reset_peak, in bytes (the worker's own memory included)."""
    return int(re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024


def assert_gate_holds(path: Path, file: str, line: int | None, capsys, monkeypatch, tmp_path_factory,
                      rule: str | None = None, isolated: bool = False) -> dict:
    """Every invariant of the gate on one package; returns the JSON report.

    One validation, rendered in each format as `zhanaozen validate --format ...` prints it (the command is
    validate + render + exit status, commands/validate.py; the console script itself runs in
    test_validate.py). ``isolated`` cases (a pipe, a device) also run the installed command in a child,
    where a wait or an endless read is cut by a timeout instead of stopping the test run."""
    before = digests(path)
    if isolated:
        code, out, err, seconds, peak = _measured(str(BIN / "zhanaozen"), "validate", "--format", "json",
                                                    "--max-errors", "0", str(path))
        assert "Traceback" not in out + err, err
        assert code == 1, (code, out[:2000], err[-2000:])
        assert seconds < TIME_LIMIT, f"took {seconds:.1f} s"
        assert peak < MEMORY_LIMIT, f"peak {peak / 2**20:.0f} MiB"
    capsys.readouterr()
    measured = _reset_peak()
    started = time.monotonic()
    report = zhanaozen.validate(path)  # what the command reports as exit 3 would raise here
    seconds = time.monotonic() - started
    peak = _peak() if measured else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # else: an upper bound
    assert not report.valid  # exit status 1
    assert seconds < TIME_LIMIT, f"took {seconds:.1f} s"
    assert peak < MEMORY_LIMIT, f"peak {peak / 2**20:.0f} MiB"
    out = render(report, "json", 0)
    located = [(e["rule"], e["file"], e["line"]) for e in json.loads(out)["errors"]]
    # Located: at the given line, or (where the case does not name one) at some line of the file.
    assert any(f == file and l is not None and (line is None or l == line) and (rule is None or r == rule)
               for r, f, l in located), located
    # GitHub: every line that GitHub reads as a command is one of our annotations, fully escaped.
    summary = tmp_path_factory.mktemp("summary") / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(path))
    github = render(report, "github", 200)
    for printed in github.split("\n"):
        if printed.lstrip().startswith("::"):
            assert OUR_COMMAND.match(printed), printed
    assert "\x1b" not in github and "\r" not in github
    assert not re.search(r"(?<!\\)[<>]", summary.read_text(encoding="utf-8")), summary.read_text()[:2000]
    text = render(report, "text", 200)
    assert all(c.isprintable() or c == "\n" for c in text), [c for c in text if not c.isprintable() and c != "\n"]
    assert "Traceback" not in capsys.readouterr().err  # nothing printed one on the way (pyarrow did, once)
    assert digests(path) == before, "validation changed a file"
    return json.loads(out)


@pytest.fixture
def gate(capsys, monkeypatch, tmp_path_factory):
    def check(path: Path, file: str, line: int | None = None, rule: str | None = None, isolated: bool = False) -> dict:
        return assert_gate_holds(path, file, line, capsys, monkeypatch, tmp_path_factory, rule, isolated)
    return check


def _descriptor(path: Path) -> dict:
    return json.loads((path / "datapackage.json").read_text(encoding="utf-8"))


def _write_descriptor(path: Path, descriptor: dict) -> None:
    (path / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


def _schema(path: Path, table: str) -> dict:
    return json.loads((path / "schemas" / f"{table}.json").read_text(encoding="utf-8"))


def _write_schema(path: Path, table: str, schema: dict) -> str:
    text = json.dumps(schema, indent=2, ensure_ascii=False)
    (path / "schemas" / f"{table}.json").write_text(text, encoding="utf-8")
    return text


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _fmt_refuses(path: Path) -> None:
    """fmt finishes, says why, prints no traceback and changes nothing."""
    before = digests(path)
    for args in (["fmt", "--check", str(path)], ["fmt", str(path)]):
        code, out, err, seconds, _ = _measured(str(BIN / "zhanaozen"), *args)
        assert code == 2 and "Traceback" not in out + err and seconds < TIME_LIMIT, (code, out, err)
    assert digests(path) == before


# --- file kinds -------------------------------------------------------------------------------------

def test_a_fifo_as_data_file_is_refused_not_waited_for(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    (path / "data" / "persons.csv").unlink()
    os.mkfifo(path / "data" / "persons.csv")
    report = gate(path, "data/persons.csv", 1, isolated=True)
    assert any("named pipe" in e["message"] for e in report["errors"])
    _fmt_refuses(path)


def test_a_fifo_as_schema_is_refused(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    (path / "schemas" / "persons.json").unlink()
    os.mkfifo(path / "schemas" / "persons.json")
    gate(path, "schemas/persons.json", 1, isolated=True)
    _fmt_refuses(path)


def test_a_directory_where_a_file_should_be(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    (path / "data" / "events.csv").unlink()
    (path / "data" / "events.csv").mkdir()
    gate(path, "data/events.csv", 1)
    _fmt_refuses(path)


def test_a_release_manifest_linked_to_dev_zero_is_not_read(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    (path / "releases" / "0.1.0").mkdir(parents=True)
    (path / "releases" / "0.1.0" / "ids.csv").symlink_to("/dev/zero")
    gate(path, "releases/0.1.0/ids.csv", 1, rule="stable-ids", isolated=True)


def test_a_release_manifest_linked_outside_is_never_printed(tmp_path, gate):
    secret = tmp_path / "secret.csv"
    secret.write_text("table,id\npersons,TOP-SECRET-VALUE\n", encoding="utf-8")
    path = assemble(tmp_path / "pkg")
    (path / "releases" / "0.1.0").mkdir(parents=True)
    (path / "releases" / "0.1.0" / "ids.csv").symlink_to(secret)
    report = gate(path, "releases/0.1.0/ids.csv", 1, rule="stable-ids")
    assert "TOP-SECRET-VALUE" not in json.dumps(report)
    assert "outside the package" in json.dumps(report)


def test_a_descriptor_linked_outside_the_package_is_refused(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    outside = tmp_path / "elsewhere.json"
    shutil.move(path / "datapackage.json", outside)
    (path / "datapackage.json").symlink_to(outside)
    gate(path, "datapackage.json")
    _fmt_refuses(path)


def test_a_schema_linked_to_a_device_is_refused(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    (path / "schemas" / "events.json").unlink()
    (path / "schemas" / "events.json").symlink_to("/dev/zero")
    gate(path, "datapackage.json", isolated=True)


# --- encodings and line endings ---------------------------------------------------------------------

def test_cr_only_line_endings(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    persons = path / "data" / "persons.csv"
    persons.write_bytes(persons.read_bytes().replace(b"\n", b"\r"))
    gate(path, "data/persons.csv", 1, rule="structure")


@pytest.mark.parametrize("content", [b"id,table\npersons,PER-0001\n", "table,id\n".encode("utf-16"),
                                     b"table,id\npersons,\xff\xfe\n", b"table,id\npersons\n"],
                         ids=["wrong-header", "utf-16", "not-utf-8", "short-row"])
def test_a_broken_release_manifest(tmp_path, gate, content):
    path = assemble(tmp_path / "pkg")
    (path / "releases" / "0.1.0").mkdir(parents=True)
    (path / "releases" / "0.1.0" / "ids.csv").write_bytes(content)
    gate(path, "releases/0.1.0/ids.csv", rule="stable-ids")


def test_a_schema_that_is_not_utf8(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    schema = path / "schemas" / "events.json"
    schema.write_bytes(schema.read_bytes().replace(b'"description": "', b'"description": "\xff', 1))
    gate(path, "schemas/events.json")


# --- JSON shape --------------------------------------------------------------------------------------

def test_json_nested_100000_deep(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    descriptor = (path / "datapackage.json").read_text(encoding="utf-8")
    (path / "datapackage.json").write_text(descriptor.replace('"keywords": [', '"deep": ' + "[" * 100_000 + "]" * 100_000
                                                              + ', "keywords": [', 1), encoding="utf-8")
    report = gate(path, "datapackage.json")
    assert any("nests deeper" in e["message"] for e in report["errors"])


def test_a_5000_digit_number_in_the_descriptor(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    descriptor = _descriptor(path)
    descriptor["resources"][0]["bytes"] = 7
    text = json.dumps(descriptor, indent=2).replace('"bytes": 7', '"bytes": ' + "9" * 5000)
    (path / "datapackage.json").write_text(text, encoding="utf-8")
    gate(path, "datapackage.json", _line_of(text, '"bytes"'))


def test_a_5000_digit_number_in_an_id_and_a_term(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    sentences = path / "data" / "sentences.csv"
    sentences.write_text(sentences.read_text(encoding="utf-8").replace("imprisonment,84,", "imprisonment," + "8" * 5000 + ",", 1),
                         encoding="utf-8")
    gate(path, "data/sentences.csv", 2)


def test_a_json_syntax_error_is_located(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    text = _write_schema(path, "events", _schema(path, "events")).replace('"fields": [', '"fields": [,', 1)
    (path / "schemas" / "events.json").write_text(text, encoding="utf-8")
    report = gate(path, "schemas/events.json", _line_of(text, '"fields": [,'))
    assert any(e["character"] for e in report["errors"])


def test_a_repeated_json_key(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    text = (path / "datapackage.json").read_text(encoding="utf-8").replace('"name": "zhanaozen-prosecutions",',
                                                                            '"name": "a", "name": "b",', 1)
    (path / "datapackage.json").write_text(text, encoding="utf-8")
    gate(path, "datapackage.json", _line_of(text, '"name": "a"'))


# --- schema consistency ------------------------------------------------------------------------------

def _schema_case(path: Path, table: str, change) -> str:
    schema = _schema(path, table)
    change(schema)
    return _write_schema(path, table, schema)


def _field(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f.get("name") == name)


SCHEMA_CASES = {
    "field-without-name": ("persons", lambda s: _field(s, "notes").pop("name"), None),
    "duplicate-enum-value": ("persons", lambda s: _field(s, "gender")["constraints"]["enum"].append("male"), None),
    "invalid-regex": ("persons", lambda s: _field(s, "person_id")["constraints"].update(pattern="^PER-[0-9"), '"pattern"'),
    "regex-with-lookahead": ("persons", lambda s: _field(s, "person_id")["constraints"].update(pattern="^(?=PER)PER-[0-9]{4,}$"),
                             '"pattern"'),
    "primary-key-naming-no-field": ("persons", lambda s: s.update(primaryKey=["nobody"]), '"primaryKey"'),
    "foreign-key-to-missing-resource": ("sentences", lambda s: s["foreignKeys"][0]["reference"].update(resource="nowhere"),
                                        '"resource": "nowhere"'),
    "minimum-above-maximum": ("sentences", lambda s: _field(s, "term_months")["constraints"].update(minimum=9, maximum=1),
                              '"minimum"'),
    "unknown-type": ("events", lambda s: _field(s, "name").update(type="sql"), '"type": "sql"'),
}


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=list(SCHEMA_CASES))
def test_an_unusable_schema_stops_the_run_with_located_findings(tmp_path, gate, case):
    table, change, needle = SCHEMA_CASES[case]
    path = assemble(tmp_path / "pkg")
    text = _schema_case(path, table, change)
    report = gate(path, f"schemas/{table}.json", _line_of(text, needle) if needle else None, rule="descriptor")
    assert {e["rule"] for e in report["errors"]} == {"descriptor"}, "no stage may run on an unusable schema"
    _fmt_refuses(path) if case not in ("regex-with-lookahead",) else None


def test_a_column_removed_with_its_schema_field(tmp_path, gate):
    """The rules read sentences.term_months: removing it from data and schema is an error, not a crash."""
    path = assemble(tmp_path / "pkg")
    text = _schema_case(path, "sentences", lambda s: s["fields"].remove(_field(s, "term_months")))
    sentences = path / "data" / "sentences.csv"
    rows = [line.split(",") for line in sentences.read_text(encoding="utf-8").splitlines()]
    sentences.write_text("\n".join(",".join(r[:4] + r[5:]) for r in rows) + "\n", encoding="utf-8")
    gate(path, "schemas/sentences.json", _line_of(text, '"fields"'), rule="descriptor")


@pytest.mark.parametrize("key,value", [("hash", 12345), ("hash", ["sha256:0"]), ("bytes", "12"), ("name", "a\n::error::forged")])
def test_descriptor_properties_of_the_wrong_kind(tmp_path, gate, key, value):
    path = assemble(tmp_path / "pkg")
    descriptor = _descriptor(path)
    descriptor["resources"][1][key] = value
    _write_descriptor(path, descriptor)
    gate(path, "datapackage.json", rule="descriptor")


def test_a_renamed_retired_ids_table_cannot_switch_the_rule_off(tmp_path, gate):
    """Issue 18: renaming retired_ids made validate skip the stable-IDs rule."""
    path = assemble(tmp_path / "pkg")
    descriptor = _descriptor(path)
    next(r for r in descriptor["resources"] if r["name"] == "retired_ids")["name"] = "old_ids"
    _write_descriptor(path, descriptor)
    gate(path, "datapackage.json", rule="descriptor")


# --- output escaping ---------------------------------------------------------------------------------

def test_a_cell_with_terminal_escapes_and_a_forged_command(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    persons = path / "data" / "persons.csv"
    evil = '"\x1b[2J\x1b]0;owned\x07 x\n::stop-commands::token\n::error file=x::forged <img src=x onerror=alert(1)>"'
    persons.write_text(persons.read_text(encoding="utf-8").replace("activist,,", f"activist,,{evil}", 1), encoding="utf-8")
    report = gate(path, "data/persons.csv", 3)
    assert json.loads(json.dumps(report))  # and the JSON carries the value, escaped
    assert any(e["value"] and "\x1b" in e["value"] for e in report["errors"])


def test_a_table_title_and_field_description_with_markup(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    descriptor = _descriptor(path)
    descriptor["resources"][1]["title"] = "<img src=x onerror=alert(1)> ::error::x"
    _write_descriptor(path, descriptor)
    persons = path / "data" / "persons.csv"
    persons.write_text(persons.read_text(encoding="utf-8").replace("activist,,", "activist,,<script>x</script>", 1),
                       encoding="utf-8")
    gate(path, "data/persons.csv", 3, rule="text-hygiene")


# --- chains and bounded work ---------------------------------------------------------------------------

@pytest.mark.slow  # 40,000 trials and 100,000 retired IDs
def test_a_long_appeal_chain_and_a_long_retirement_chain_are_quick(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    trials = path / "data" / "trials.csv"
    lines = trials.read_text(encoding="utf-8").splitlines()
    chain = [f"TRI-{i:05d},Appeal {i},Court,City,appeal,TRI-{i - 1:05d},,,,," for i in range(1001, 41_000)]
    chain[0] = chain[0].replace("TRI-01000", "TRI-001")
    trials.write_text("\n".join(lines + chain) + "\n", encoding="utf-8")
    retired = path / "data" / "retired_ids.csv"
    rows = [f"PER-{i:06d},persons,0.1.0,merged,PER-{i + 1:06d}" for i in range(100_000)]
    retired.write_text(retired.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    gate(path, "data/retired_ids.csv", rule="stable-ids")


def test_a_long_mixed_script_cell_is_quick(tmp_path, gate):
    path = assemble(tmp_path / "pkg")
    persons = path / "data" / "persons.csv"
    cell = "a" * 32_000 + "б"
    persons.write_text(persons.read_text(encoding="utf-8").replace("activist,,", f"activist,,{cell}", 1), encoding="utf-8")
    gate(path, "data/persons.csv", 3, rule="text-hygiene")


@pytest.mark.parametrize("rows,why", [
    (["PER-0098,persons,0.1.0,merged,PER-0099", "PER-0099,persons,0.1.0,merged,PER-0098"], "cycle"),
    ([f"PER-{i:06d},persons,0.1.0,merged,PER-{i + 1:06d}" for i in range(100_000)], "longer than"),
], ids=["cycle", "100000-step-chain"])
def test_resolve_ends_on_a_cycle_or_an_endless_chain(tmp_path, rows, why):
    """Issue 18: resolve() followed replacements without end; now each ID once, at most MAX_CHAIN links."""
    from zhanaozen.maintain.ids import resolve
    from zhanaozen.package.descriptor import read_package

    path = assemble(tmp_path / "pkg")
    retired = path / "data" / "retired_ids.csv"
    retired.write_text(retired.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(LookupError, match=why):
        resolve(rows[0].split(",")[0], read_package(path))
    assert time.monotonic() - started < 5


def test_fmt_sorts_a_5000_digit_id_without_crashing(tmp_path):
    """int() refuses 4,300 digits: fmt's natural order compares digit runs without converting them."""
    path = assemble(tmp_path / "pkg")
    persons = path / "data" / "persons.csv"
    persons.write_text(persons.read_text(encoding="utf-8").replace("PER-0002", "PER-" + "9" * 5000, 1), encoding="utf-8")
    for args in (["fmt", "--check", str(path)], ["next-id", "persons", str(path)]):
        code, out, err, seconds, _ = _measured(str(BIN / "zhanaozen"), *args)
        assert code in (0, 1) and "Traceback" not in out + err and seconds < TIME_LIMIT, (args, code, err)


@pytest.mark.parametrize("kind", ["fifo", "outside", "directory"])
def test_the_loader_refuses_what_is_not_a_regular_file_inside_the_package(tmp_path, kind):
    from zhanaozen.loading.tables import load_from
    from zhanaozen.package.descriptor import read_package

    path = assemble(tmp_path / "pkg")
    persons = path / "data" / "persons.csv"
    if kind == "fifo":
        persons.unlink()
        os.mkfifo(persons)
    elif kind == "outside":
        shutil.move(persons, tmp_path / "outside.csv")
        persons.symlink_to(tmp_path / "outside.csv")
    else:
        persons.unlink()
        persons.mkdir()
    with pytest.raises(ValueError, match="persons.csv"):  # a link outside is refused when the descriptor is read
        load_from(read_package(path), "persons")
    if kind != "outside":
        assert len(load_from(read_package(path), "events")) == 1
