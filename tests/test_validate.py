"""The validator on the shipped package, on a valid example, and on one bad example per rule."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import zhanaozen
from zhanaozen.cli import main
from zhanaozen.validators.output import render
from zhanaozen.validators import catalogue
from zhanaozen.validators.catalogue import RULES

from support import BAD_EXAMPLES, BIN, EXAMPLES, assemble, cli, digests, expected, expected_line, run


def test_shipped_package_is_valid(shipped):
    report = zhanaozen.validate()
    assert report.valid, "\n".join(map(str, report.findings))
    assert set(report.rows) == set(zhanaozen.tables())
    assert all(rows is not None for rows in report.rows.values())


def test_cli_validates_shipped_package_and_prints_summary():
    """The README's main command, as typed in the checkout: the installed console script in its own process
    (the fast lane's one run of it; the other tests of a fresh process are marked slow)."""
    result = run(str(BIN / "zhanaozen"), "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VALID" in result.stdout
    for rule in RULES:
        assert rule in result.stdout
    for table in zhanaozen.tables():
        assert table in result.stdout


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_the_command_never_imports_pandas(shipped, tmp_path):
    """Pandera would import pandas (0.6 s) although the checks run on polars; validators/optional_imports.py
    keeps it out of the command's process, in a fresh process, while the validator still finds every
    error (the bad examples)."""
    probe = ("import sys\nfrom zhanaozen.cli import main\ncode = main(['validate', '--quiet', sys.argv[1]])\n"
             "print(code, sorted(m for m in ('pandas', 'hypothesis') if m in sys.modules))")
    result = run(sys.executable, "-c", probe, str(shipped), cwd=tmp_path)  # the wheel, not the checkout
    assert result.stdout.strip().split("\n")[-1] == "0 []", result.stdout + result.stderr


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
@pytest.mark.parametrize("users_setting", [None, "3"])
def test_the_command_starts_no_blas_threads_unless_asked(shipped, users_setting, tmp_path):
    """numpy comes in with pyarrow, and OpenBLAS would start a spinning thread per core: the console script
    asks for one thread before numpy is imported, and keeps a setting of the user's own."""
    probe = ("import os, sys\nseen = []\n"
             "def hook(event, args):\n"
             "    if event == 'import' and args[0] == 'numpy' and not seen:\n"
             "        seen.append(os.environ.get('OPENBLAS_NUM_THREADS'))\n"
             "        print('numpy imported with OPENBLAS_NUM_THREADS =', seen[0], file=sys.stderr)\n"
             "sys.addaudithook(hook)\n"
             "from zhanaozen.cli import run\nrun(['validate', '--quiet', sys.argv[1]])\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if users_setting:
        env["OPENBLAS_NUM_THREADS"] = users_setting
    result = run(sys.executable, "-c", probe, str(shipped), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert f"numpy imported with OPENBLAS_NUM_THREADS = {users_setting or 1}" in result.stderr, result.stderr


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_a_library_call_leaves_pandera_whole(shipped, tmp_path):
    """Someone who validates from a notebook can still use Pandera on pandas frames afterwards: only the
    command's process makes pandas look absent to Pandera."""
    probe = ("import sys, zhanaozen; report = zhanaozen.validate(sys.argv[1])\n"
             "import pandas, pandera.pandas as pa\n"
             "schema = pa.DataFrameSchema({'n': pa.Column(int, pa.Check.ge(0))})\n"
             "print(report.valid, len(schema.validate(pandas.DataFrame({'n': [1, 2]}))))")
    result = run(sys.executable, "-c", probe, str(shipped), cwd=tmp_path)  # the wheel, not the checkout
    assert result.stdout.strip() == "True 2", result.stdout + result.stderr


def test_a_library_call_leaves_polars_and_the_collector_as_they_were(shipped):
    """validate() runs its queries on polars' in-memory engine with Python's garbage collector paused; a
    notebook's own settings (polars' engine among them, the collector on or off) are back once it returns."""
    import gc
    import os

    import polars as pl

    unset = os.environ.get("POLARS_ENGINE_AFFINITY")
    zhanaozen.validate(shipped)
    assert os.environ.get("POLARS_ENGINE_AFFINITY") == unset and gc.isenabled()
    with pl.Config(engine_affinity="streaming", tbl_rows=7):
        chosen = pl.Config.save()
        gc.disable()
        try:
            assert zhanaozen.validate(shipped).valid
            assert pl.Config.save() == chosen and not gc.isenabled()
        finally:
            gc.enable()


@pytest.mark.slow
def test_frictionless_accepts_the_repository_descriptor(repo_root):
    result = run(str(BIN / "frictionless"), "validate", "--json", "datapackage.json", cwd=repo_root)
    report = json.loads(result.stdout)
    assert report["valid"], result.stdout[:3000]


def test_each_stage_and_rule_is_declared_once(repo_root):
    """Name, question and fix live in the rule's module; the registry, the README table and the
    data model's numbered rules agree with them."""
    names = [module.RULE for module in catalogue.ALL]
    assert len(names) == len(set(names))
    assert all(module.QUESTION and module.FIX for module in catalogue.ALL)
    assert catalogue.markdown_table() in (repo_root / "README.md").read_text(encoding="utf-8"), \
        "README.md's rules table differs from the catalogue: paste `python -m zhanaozen.validators.catalogue`"
    model = (repo_root / "docs" / "data-model.md").read_text(encoding="utf-8")
    numbered = [q.split(":")[0].split()[1] for q in RULES.values() if q.startswith("rule ")]
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)]
    assert all(f"\n{n}. " in model for n in numbered)


def test_valid_example_passes(valid_package):
    report = zhanaozen.validate(valid_package)
    assert report.valid, "\n".join(map(str, report.findings))


def test_every_rule_has_a_bad_example():
    covered = {expected(example)["rule"] for example in BAD_EXAMPLES}
    # integrity has no overlay example: tests/test_integrity.py tampers a byte instead
    assert covered == set(RULES) - {"integrity"}
    assert len(BAD_EXAMPLES) >= 40


def test_bad_example_fails_with_its_rule_at_its_line(validated_bad):
    path, want, report, before = validated_bad
    assert not report.valid
    located = [(f.rule, f.file, f.line, f.column) for f in report.errors]
    assert (want["rule"], want["file"], expected_line(path, want), want["column"]) in located, located
    assert digests(path) == before, "validation changed a file"


def test_bad_example_is_annotated_on_its_line(validated_bad, tmp_path_factory, monkeypatch):
    """What a contributor sees on the pull request: the error on the file and line they changed (the
    github format of the same validation, rendered as `zhanaozen validate --format github` does)."""
    path, want, report, _ = validated_bad
    summary = tmp_path_factory.mktemp("summary") / "step-summary.md"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(path))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = render(report, "github", 200)
    line = expected_line(path, want)
    prefix = f"::error file={want['file']},line={line},"
    title = f"title=zhanaozen {want['rule']} ({want['column']})::"
    assert any(row.startswith(prefix) and title in row for row in out.splitlines()), out
    assert f"| {want['file']} | {line} | {want['column']} | {want['rule']} |" in summary.read_text()


def test_cli_fails_a_bad_package_with_github_annotations(tmp_path, monkeypatch, capsys):
    """The installed entry point end to end on one bad example: exit status 1, annotations, no traceback."""
    example = next(e for e in BAD_EXAMPLES if e.name == "field-enum")
    path, want = assemble(tmp_path / "package", example), expected(example)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(path))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert main(["validate", "--format", "github", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert f"::error file={want['file']},line={want['line']}," in out


FRICTIONLESS_EXAMPLES = [e for e in BAD_EXAMPLES if "frictionless" in expected(e)]


@pytest.mark.slow
@pytest.mark.parametrize("example", FRICTIONLESS_EXAMPLES, ids=[e.name for e in FRICTIONLESS_EXAMPLES])
def test_frictionless_agrees_on_the_examples_it_can_check(example, tmp_path):
    """Structure, type and key errors: frictionless finds them on the same row as we do."""
    path, want = assemble(tmp_path, example), expected(example)
    result = run(str(BIN / "frictionless"), "validate", "--json", "datapackage.json", cwd=path)
    report = json.loads(result.stdout)
    assert not report["valid"]
    errors = [(task["name"], error["type"], error.get("rowNumber")) for task in report["tasks"] for error in task["errors"]]
    table = Path(want["file"]).stem
    assert (table, want["frictionless"], want["line"]) in errors, errors


def test_missing_package_is_a_usage_error_of_one_line(tmp_path):
    """Exit 2 and one line, not a table of zero counts; zhanaozen.validate() raises the same one line."""
    result = run(str(BIN / "zhanaozen"), "validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"zhanaozen validate: {tmp_path / 'nowhere'}: no such file or folder\n"
    empty = run(str(BIN / "zhanaozen"), "validate", str(tmp_path))
    assert (empty.returncode, empty.stderr.count("\n")) == (2, 1), empty.stderr
    assert "no datapackage.json" in empty.stderr
    with pytest.raises(FileNotFoundError, match="no datapackage.json"):
        zhanaozen.validate(tmp_path)


def test_a_misspelt_option_is_one_line_and_exit_2():
    result = run(str(BIN / "zhanaozen"), "validate", "--formt", "json")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "--formt" in result.stderr


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_a_reader_that_stops_early_ends_the_command_quietly(valid_package):
    """`zhanaozen validate --max-errors 0 | head -1` on a package with thousands of errors (more output than
    a pipe holds): the command (zhanaozen.cli.run, which ends the process without the interpreter's
    teardown) exits 0 and prints nothing on stderr once its reader has gone."""
    sentences = valid_package / "data" / "sentences.csv"
    rows = sentences.read_text(encoding="utf-8").splitlines()
    bad = rows[1].split(",")
    bad[3] = "jailed"  # outcome: not in the vocabulary
    extra = [",".join([f"SEN-{9000 + i}"] + bad[1:]) for i in range(3000)]
    sentences.write_text("\n".join(rows + extra) + "\n", encoding="utf-8")
    child = subprocess.Popen([str(BIN / "zhanaozen"), "validate", "--max-errors", "0", str(valid_package)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = child.stdout.readline()
    child.stdout.close()
    assert child.wait(timeout=120) == 0
    assert first.startswith(b"zhanaozen validate: ") and child.stderr.read() == b""


def test_version_and_command_help_with_examples():
    version = run(str(BIN / "zhanaozen"), "--version")
    assert version.returncode == 0 and version.stdout.startswith(f"zhanaozen {zhanaozen.__version__}")
    for command in ("validate", "fmt", "next-id", "template", "info", "cite", "coverage", "export", "diff",
                    "renumber", "person"):
        text = cli(command, "--help").stdout
        assert "examples:\n  zhanaozen" in text or "examples:\n  git merge" in text, command
        assert "checkout" in text, command  # every command that reads a package says how it finds it


@pytest.mark.parametrize("path", ["../outside.csv", "/etc/passwd", "https://example.org/x.csv"])
def test_unsafe_resource_paths_are_refused(valid_package, path):
    descriptor = json.loads((valid_package / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = path
    (valid_package / "datapackage.json").write_text(json.dumps(descriptor))
    report = zhanaozen.validate(valid_package)
    assert [f.rule for f in report.findings] == ["descriptor"]
    assert path in report.findings[0].message


# Small packages run on the main thread alone (validators/run.py, ON_ONE_THREAD_BELOW), so the threads that
# validate a large one are tried here on small ones too: a file refused while the second thread reads
# it, the field stage and a rule that run on the second thread, and a valid package (every rule).
THREADED = ["structure-over-size-limit", "field-enum", "text-hygiene-html"]


@pytest.mark.parametrize("example", [None, *THREADED])
def test_the_threads_of_a_large_package_find_what_one_thread_finds(example, tmp_path, monkeypatch):
    import threading

    from zhanaozen.validators import run as validation_run

    path = assemble(tmp_path / "pkg", EXAMPLES / "bad" / example if example else None)
    alone = zhanaozen.validate(path)
    started: list[str] = []
    monkeypatch.setattr(validation_run, "ON_ONE_THREAD_BELOW", 0)  # as if the package were large
    threading.settrace(lambda frame, event, arg: started.append(threading.current_thread().name))
    try:
        threaded = zhanaozen.validate(path)
    finally:
        threading.settrace(None)
    assert started, "the run started no thread"
    assert [vars(f) for f in threaded.findings] == [vars(f) for f in alone.findings]
    assert (threaded.rows, threaded.skipped) == (alone.rows, alone.skipped)


def test_a_table_is_checked_again_when_its_bytes_or_its_schema_change(valid_package):
    """A process that validates again reuses the field checks of the tables it has checked, by their
    bytes and schema (validators/stages/fields.py): a file fixed in place, then a schema changed under
    the same bytes, must each be checked again."""
    def field_errors() -> list[tuple]:
        return [(f.file, f.line, f.column) for f in zhanaozen.validate(valid_package).findings
                if f.rule == "field" and f.severity == "error"]

    sentences = valid_package / "data" / "sentences.csv"
    original = sentences.read_bytes()
    assert field_errors() == []
    sentences.write_bytes((EXAMPLES / "bad" / "field-enum" / "data" / "sentences.csv").read_bytes())
    assert field_errors() == [("data/sentences.csv", 4, "outcome")]
    sentences.write_bytes(original)
    assert field_errors() == []
    schema_file = valid_package / "schemas" / "sentences.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    term = next(f for f in schema["fields"] if f["name"] == "term_months")
    term["constraints"]["maximum"] = 60  # the first sentence is 84 months
    schema_file.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    errors = field_errors()
    assert ("data/sentences.csv", 2, "term_months") in errors
    assert {column for _, _, column in errors} == {"term_months"}


@pytest.mark.slow  # runs frictionless three times
def test_descriptor_check_is_remembered_by_its_bytes(valid_package, tmp_path, monkeypatch):
    """The frictionless check runs once per descriptor and schemas; a changed byte runs it again, and
    the remembered findings are the ones a fresh check gives. Each run reads the memo from disk, as a
    later `zhanaozen validate` does (in process here: support.cli)."""
    cache = tmp_path / "cache"

    def validate(memo: Path | str) -> str:
        monkeypatch.setenv("ZHANAOZEN_CACHE_DIR", str(memo))  # "": no memo
        return cli("validate", "--format", "json", str(valid_package)).stdout

    fresh = validate("")
    first, again = validate(cache), validate(cache)
    assert fresh == first == again and json.loads(fresh)["valid"]
    assert len(list(cache.glob("*.json"))) == 1
    descriptor = json.loads((valid_package / "datapackage.json").read_text())
    descriptor["resources"][0]["profile"] = "not-a-profile"  # a finding of the descriptor check
    (valid_package / "datapackage.json").write_text(json.dumps(descriptor))
    changed, remembered = validate(cache), validate(cache)
    assert len(list(cache.glob("*.json"))) == 2
    assert changed == remembered
    assert [e["rule"] for e in json.loads(changed)["errors"]] == ["descriptor"]
    assert changed == validate("")
