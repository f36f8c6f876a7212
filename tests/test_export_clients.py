"""The exports opened by R, the client many researchers who cite the dataset use (Debian's r-base-core,
r-cran-haven, r-cran-readstata13 and r-cran-rsqlite; .ci/run installs them): haven reads the Stata files with
value labels and whole-word variable labels, readstata13 shows the notes with the full descriptions, version and
citation, and RSQLite joins sentences to persons and trials."""
from __future__ import annotations

import os
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

import zhanaozen
from zhanaozen.loading.tables import shipped_package

from support import BIN, run

# R, and one export per run: the module's tests share `seen` on one worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("r-clients")]
SCRIPT = Path(__file__).parent / "clients" / "read_exports.R"
STEM = f"zhanaozen-prosecutions-{zhanaozen.__version__}"
TABLES = ("sentences", "persons", "trials")

if shutil.which("Rscript") is None:
    if os.environ.get("ZHANAOZEN_CLIENTS") == "required":  # set by .ci/run, which installs R
        raise RuntimeError("Rscript is missing: apt-get install r-base-core r-cran-haven r-cran-readstata13 r-cran-rsqlite")
    pytest.skip("R is not installed (apt-get install r-base-core r-cran-haven r-cran-readstata13 r-cran-rsqlite)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def seen(tmp_path_factory) -> dict[str, list[list[str]]]:
    """What R prints about the Stata and SQLite exports, by kind of fact."""
    out = tmp_path_factory.mktemp("r")
    for fmt in ("dta", "sqlite"):
        result = run(str(BIN / "zhanaozen"), "export", "--format", fmt, "--tables", *TABLES, "--out", str(out))
        assert result.returncode == 0, result.stderr
    result = run("Rscript", str(SCRIPT), str(out), STEM)
    assert result.returncode == 0, result.stderr
    facts = defaultdict(list)
    for line in result.stdout.splitlines():
        kind, *rest = line.rstrip("\t").split("\t")
        facts[kind].append(rest)
    return facts


def test_haven_reads_labelled_vocabularies(seen):
    package = shipped_package()
    frames = {name: zhanaozen.load(name) for name in TABLES}
    labelled = {(t, c): v.split("|") for t, c, v in seen["value_labels"]}
    counts = {(t, c): dict(item.split("=") for item in v.split("|")) for t, c, v in seen["labelled_counts"]}
    for name in TABLES:
        for field in package.tables[name].fields:
            if field.enum:
                assert labelled[(name, field.name)] == list(field.enum)
                expected = frames[name][field.name].value_counts()
                assert {k: int(v) for k, v in counts[(name, field.name)].items()} == expected.to_dict()
    assert ["sentences", str(len(frames["sentences"]))] in seen["rows"]


def test_variable_labels_end_on_a_whole_word(seen):
    package = shipped_package()
    labels = {(t, c): label for t, c, label in seen["variable_label"]}
    cut = 0
    for name in TABLES:
        for field in package.tables[name].fields:
            label = labels[(name, field.name)]
            description = " ".join(field.description.split())
            assert len(label) <= 80
            kept = label.removesuffix("…")
            assert description.startswith(kept), (name, field.name, label)
            if kept != description:
                cut += 1
                assert description[len(kept)] in " ,;:.)", (name, field.name, label)  # not inside a word
    assert cut  # the long descriptions were really cut


def test_notes_hold_full_descriptions_version_and_citation(seen):
    package = shipped_package()
    notes = {(t, owner, n): text for t, owner, n, text in seen["note"]}
    for name in TABLES:
        for field in package.tables[name].fields:
            assert notes[(name, field.name, "note1")] == " ".join(field.description.split())
        dataset = " ".join(text for (t, owner, _), text in notes.items() if t == name and owner == "_dta")
        assert f"version {zhanaozen.__version__}" in dataset and "CC-BY-4.0" in dataset
        assert " ".join(zhanaozen.cite("text").split()) in dataset
    assert all(zhanaozen.__version__ in label for _, label in seen["dataset_label"])


def test_rsqlite_joins_sentences_persons_and_trials(seen):
    assert seen["joined_rows"] == [[str(len(zhanaozen.load("sentences")))]]
    assert seen["foreign_key_problems"] == [["0"]]
    meta = dict(seen["meta"])
    assert meta["version"] == zhanaozen.__version__
    assert meta["citation"] == " ".join(zhanaozen.cite("text").splitlines())
