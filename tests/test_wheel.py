"""A wheel built from the repository installs into a fresh environment and loads with no network."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import zhanaozen

from support import run

pytestmark = pytest.mark.slow  # builds, browsers or long runs: `make check` leaves them out

LOAD_EVERYTHING = (
    "import zhanaozen, json; frames = zhanaozen.load_all(); "
    "print(json.dumps({'file': zhanaozen.__file__, 'version': zhanaozen.__version__, "
    "'rows': {n: len(f) for n, f in frames.items()}}))"
)


@pytest.fixture(scope="module")
def wheel(release) -> Path:
    """The wheel `zhanaozen release` built from a clean clone (conftest.py): one build per session."""
    clone, result = release
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return next((clone / "dist").glob("zhanaozen-*.whl"))


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory, wheel) -> Path:
    """A new virtual environment holding only the wheel; its dependencies come from this
    environment's site-packages through a .pth file, so nothing is downloaded."""
    env = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    result = run(sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install",
                 "--no-index", "--no-deps", str(wheel))
    assert result.returncode == 0, result.stderr
    site = next(env.glob("lib/python*/site-packages"))
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env


def test_wheel_carries_data_schemas_and_validators(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for table in zhanaozen.tables():
        assert f"zhanaozen/_package/data/{table}.csv" in names
        assert f"zhanaozen/_package/schemas/{table}.json" in names
    assert "zhanaozen/_package/datapackage.json" in names
    assert "zhanaozen/validators/run.py" in names
    assert not any(n.startswith("validators/") for n in names), "validators must not be top-level"


def test_the_wheel_descriptor_carries_the_checksum_of_every_file_it_packs(wheel, repo_root):
    """hatch_build.py stamps them at build time; the repository's descriptor has none."""
    import hashlib
    import zipfile

    archive = zipfile.ZipFile(wheel)
    descriptor = json.loads(archive.read("zhanaozen/_package/datapackage.json"))
    for resource in descriptor["resources"]:
        data = archive.read("zhanaozen/_package/" + resource["path"])
        assert (resource["bytes"], resource["hash"]) == (len(data), "sha256:" + hashlib.sha256(data).hexdigest())
    plain = json.loads((repo_root / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        del resource["bytes"], resource["hash"]
    assert descriptor == plain  # nothing else differs


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare to cut the network")
def test_fresh_install_loads_every_table_offline(fresh_env, tmp_path):
    python = fresh_env / "bin" / "python"
    result = run("unshare", "--net", "--map-root-user", str(python), "-c", LOAD_EVERYTHING, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["file"].startswith(str(fresh_env)), loaded["file"]
    assert loaded["version"] == zhanaozen.__version__
    assert loaded["rows"] == {name: len(frame) for name, frame in zhanaozen.load_all().items()}
    assert all(rows > 0 for name, rows in loaded["rows"].items() if name != "retired_ids")


def test_frictionless_still_imports_from_the_repository_root(repo_root):
    """Our validators/ folder must not shadow the PyPI package frictionless depends on."""
    result = run(sys.executable, "-c", "import validators, frictionless; print(validators.__file__)", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    assert "site-packages" in result.stdout


def test_a_base_install_explains_the_validate_extra_in_one_line(wheel, tmp_path):
    """Only the wheel, none of its dependencies: validation says which install it needs, in one line."""
    env = tmp_path / "base"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    installed = run(sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install",
                    "--no-index", "--no-deps", str(wheel))
    assert installed.returncode == 0, installed.stderr
    api = run(str(env / "bin" / "python"), "-c", "import zhanaozen; zhanaozen.validate()", cwd=tmp_path)
    assert "ImportError: validation needs frictionless, pandera, polars, pyarrow: " \
           "pip install 'zhanaozen[validate]'" in api.stderr, api.stderr
    cli = run(str(env / "bin" / "zhanaozen"), "validate", cwd=tmp_path)
    assert cli.returncode == 2
    assert cli.stderr.count("\n") == 1 and "pip install 'zhanaozen[validate]'" in cli.stderr, cli.stderr
