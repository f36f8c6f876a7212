"""What a pull request contains cannot make a command write outside the place asked for, pass an option to git,
expand an archive without bound, break out of a BibTeX field, or print a terminal escape sequence."""
from __future__ import annotations

import json
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from zhanaozen.package.citation import bibtex

from support import BIN, assemble, digests, run

ZHANAOZEN = str(BIN / "zhanaozen")


def _clean_failure(result, code: int) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def _rename_resource(package: Path, old: str, new: str) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == old)["name"] = new
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def test_template_write_refuses_a_resource_named_with_dot_dot(tmp_path):
    package = assemble(tmp_path / "pkg")
    _rename_resource(package, "persons", "../../escaped")
    before = digests(tmp_path)
    result = run(ZHANAOZEN, "template", "--path", str(package), "--write", str(package / "templates"))
    _clean_failure(result, 2)
    # The descriptor check refuses the resource name before any template is written.
    assert "nothing was changed" in result.stderr or "cannot be used in a file name" in result.stderr
    assert not (tmp_path / "escaped.csv").exists() and digests(tmp_path) == before


def test_template_write_refuses_a_committed_symbolic_link(tmp_path):
    package = assemble(tmp_path / "pkg")
    outside = tmp_path / "outside.csv"
    outside.write_text("keep me\n", encoding="utf-8")
    (package / "templates").mkdir()
    (package / "templates" / "persons.csv").symlink_to(outside)
    result = run(ZHANAOZEN, "template", "--path", str(package), "--write", str(package / "templates"))
    _clean_failure(result, 2)
    assert "symbolic link" in result.stderr and outside.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in (package / "templates").iterdir()) == ["persons.csv"]  # nothing else written


def test_template_write_writes_every_table(tmp_path):
    package = assemble(tmp_path / "pkg")
    result = run(ZHANAOZEN, "template", "--path", str(package), "--write", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").glob("*.csv"))) == len(json.loads(
        (package / "datapackage.json").read_text())["resources"])


def test_release_refuses_a_symlinked_citation_file(tmp_path):
    repo = assemble(tmp_path / "repo")
    (repo / "pyproject.toml").write_text("", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    (repo / "CITATION.cff").symlink_to(outside)
    result = run(ZHANAOZEN, "release", "--metadata", "--repo", str(repo))
    _clean_failure(result, 1)
    assert "symbolic link" in result.stderr and outside.read_text(encoding="utf-8") == "keep me\n"


def test_fmt_never_writes_through_a_symbolic_link(tmp_path):
    package = assemble(tmp_path / "pkg")
    data = package / "data"
    (data / "persons-real.csv").write_bytes((data / "persons.csv").read_bytes() + b"\n\n")  # not canonical
    (data / "persons.csv").unlink()
    (data / "persons.csv").symlink_to("persons-real.csv")
    before = (data / "persons-real.csv").read_bytes()
    result = run(ZHANAOZEN, "fmt", str(package))
    _clean_failure(result, 2)
    assert "symbolic link" in result.stderr and (data / "persons-real.csv").read_bytes() == before


def test_a_ref_that_looks_like_an_option_is_never_passed_to_git(tmp_path, repo_root):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    result = run(ZHANAOZEN, "diff", "--repo", str(repo_root), "--", f"--output={victim}", "HEAD", cwd=tmp_path)
    _clean_failure(result, 2)
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert "cannot start with '-'" in result.stderr


def test_a_zip_bomb_in_diff_is_refused_quickly(tmp_path):
    package = assemble(tmp_path / "pkg")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(package / "datapackage.json", "datapackage.json")
        with archive.open("data/persons.csv", "w") as member:  # 64 MB of zeros, ~64 KB compressed
            for _ in range(64):
                member.write(b"\0" * (1024 * 1024))
    start = time.monotonic()
    result = run(ZHANAOZEN, "diff", str(bomb), str(package))
    _clean_failure(result, 2)
    assert "zip bomb" in result.stderr and time.monotonic() - start < 30


def test_diff_and_cite_print_no_terminal_escape_sequences(tmp_path):
    old = assemble(tmp_path / "old")
    new = assemble(tmp_path / "new")
    persons = new / "data" / "persons.csv"
    lines = persons.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace("PER-", "PER-", 1) + "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
    persons.write_text("\n".join(lines), encoding="utf-8")
    for fmt in ("text", "json"):
        result = subprocess.run([ZHANAOZEN, "diff", str(old), str(new), "--format", fmt], capture_output=True)
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode("utf-8")
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out), fmt
        assert "pwned" in out  # shown, as \x1b or \u001b notation
        if fmt == "json":
            json.loads(out)  # the escaped text is still valid JSON


def _fields(entry: str) -> dict[str, str]:
    """The fields of one BibTeX entry, read by brace depth as BibTeX reads them (a backslash escapes nothing)."""
    body = entry[entry.index(",") + 1: entry.rindex("}")]
    fields, depth, start = {}, 0, 0
    for i, c in enumerate(body):
        depth += {"{": 1, "}": -1}.get(c, 0)
        assert depth >= 0, "a brace closes more than was opened"
        if c == "," and depth == 0:
            name, _, value = body[start:i].partition("=")
            fields[name.strip()] = value.strip()
            start = i + 1
    name, _, value = body[start:].partition("=")
    fields[name.strip()] = value.strip()
    assert depth == 0
    return fields


def test_bibtex_fields_cannot_be_broken_out_of():
    descriptor = {"name": "x}y@z", "version": "1.0.0", "created": "2026-01-01",
                  "title": "T}, note = {pwned}, x = {\\", "licenses": [{"name": "CC}BY"}],
                  "contributors": [{"title": "A } and {B", "role": "author"}]}
    fields = _fields(bibtex(descriptor))
    assert set(fields) == {"title", "author", "year", "version", "howpublished", "note"}
    assert "pwned" in fields["title"] and fields["note"].startswith("{Licence CC")
    assert re.fullmatch(r"@misc\{[A-Za-z0-9_]+,", bibtex(descriptor).splitlines()[0])


@pytest.mark.slow  # a fresh Python process that imports the engines or pandas: about 1 s of CPU
def test_info_and_cite_print_no_terminal_escape_sequences(tmp_path):
    """A copy of the installed package whose descriptor holds escape sequences, run as `zhanaozen info`/`cite`."""
    import shutil
    import sys

    import zhanaozen

    copy = tmp_path / "site" / "zhanaozen"
    shutil.copytree(Path(zhanaozen.__file__).parent, copy)
    path = copy / "_package" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["title"] = "Title\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
    descriptor["resources"][0]["description"] = "Described\x1b[31m red"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    for command in ("info", "cite"):
        result = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                                 "from zhanaozen.cli import main; sys.exit(main(sys.argv[2:]))",
                                 str(copy.parent), command], capture_output=True,
                                cwd=tmp_path)  # outside a checkout: the commands read the (copied) installed package
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode("utf-8")
        assert "Title" in out and not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out), command
