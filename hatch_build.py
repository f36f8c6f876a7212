"""Hatch build hook: the wheel's datapackage.json carries every data file's ``bytes`` and ``hash``.

The repository's descriptor keeps no checksums, so that a pull request adding rows never edits it
(docs/releases.md); what is distributed is stamped here, from the files that go into the wheel, so
that an installed package refuses a changed file at ``zhanaozen.load()``. The stamping code is
``zhanaozen/package/integrity.py`` (standard library only), loaded by path: the build environment
has none of the package's dependencies.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "zhanaozen/_package/datapackage.json"


def _integrity(root: Path):
    spec = importlib.util.spec_from_file_location("_zhanaozen_integrity", root / "zhanaozen/package/integrity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class ChecksumHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return  # the sdist is source: it keeps the repository's descriptor, and its wheel is stamped here
        root = Path(self.root)
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        stamped = _integrity(root).stamp(descriptor, root)
        self._tmp = tempfile.mkdtemp(prefix="zhanaozen-build-")
        path = Path(self._tmp) / "datapackage.json"
        path.write_text(json.dumps(stamped, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        build_data["force_include"][str(path)] = TARGET

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)
