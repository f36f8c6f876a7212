"""One version everywhere, citation files generated from the descriptor, and `zhanaozen cite`."""
from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys

import pytest

import zhanaozen
from zhanaozen.package import citation

from support import BIN, run

QUOTED = re.compile(r"The Zhanaozen Prosecutions Dataset,\s+version\s+(\d+\.\d+\.\d+)")


@pytest.fixture(scope="module")
def descriptor(repo_root) -> dict:
    return json.loads((repo_root / "datapackage.json").read_text())


def test_every_place_states_the_same_version(repo_root, descriptor):
    version = descriptor["version"]
    assert zhanaozen.__version__ == version
    assert importlib.metadata.version("zhanaozen") == version  # hatch reads datapackage.json
    pyproject = (repo_root / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and '[tool.hatch.version]\npath = "datapackage.json"' in pyproject
    assert "\nversion: \"" + version + "\"\n" in (repo_root / "CITATION.cff").read_text()
    assert json.loads((repo_root / ".zenodo.json").read_text())["version"] == version
    for doc in ("README.md", "docs/releases.md"):
        quoted = QUOTED.findall((repo_root / doc).read_text())
        assert quoted and set(quoted) == {version}, f"{doc} quotes {quoted}; run `zhanaozen release --metadata`"


def test_citation_files_are_generated_from_the_descriptor(repo_root, descriptor):
    assert (repo_root / "CITATION.cff").read_text() == citation.cff(descriptor), "run `zhanaozen release --metadata`"
    assert (repo_root / ".zenodo.json").read_text() == citation.zenodo(descriptor), "run `zhanaozen release --metadata`"
    zenodo = json.loads((repo_root / ".zenodo.json").read_text())
    assert zenodo["creators"] == [{"name": c["title"]} for c in descriptor["contributors"]]
    assert zenodo["keywords"] == descriptor["keywords"]


@pytest.mark.slow
def test_cffconvert_validates_the_citation_file(repo_root, tmp_path):
    """cffconvert 2 pins jsonschema<4, which frictionless cannot use: it runs from a throwaway venv (without
    a pip of its own: this environment's pip installs into it, which saves seeding one)."""
    env = tmp_path / "cff"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    install = run(sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--quiet",
                  "cffconvert>=2,<3")
    assert install.returncode == 0, install.stderr[-2000:]
    result = run(str(env / "bin" / "cffconvert"), "--validate", "--infile", str(repo_root / "CITATION.cff"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in (result.stdout + result.stderr).lower()


@pytest.mark.parametrize("fmt", citation.FORMATS)
def test_cite_prints_the_installed_version(fmt):
    result = run(str(BIN / "zhanaozen"), "cite", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert zhanaozen.__version__ in result.stdout
    assert "Zhanaozen Prosecutions Dataset contributors" in result.stdout
    assert result.stdout.strip() == zhanaozen.cite(fmt).strip()


def test_bibtex_and_text_citations_name_version_and_row_example():
    assert zhanaozen.cite("bibtex").startswith("@misc{zhanaozen_prosecutions_")
    assert f"version = {{{zhanaozen.__version__}}}" in zhanaozen.cite("bibtex")
    assert "sentences SEN-0001" in zhanaozen.cite()
    with pytest.raises(ValueError, match="unknown citation format"):
        zhanaozen.cite("mla")
