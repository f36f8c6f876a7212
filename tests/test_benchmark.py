"""The benchmark at 10,000 rows, for correctness only (never time): the generated package is valid
under both validators, and each finds every seeded error it is responsible for, on its line."""
from __future__ import annotations

import json
import sys

from support import run
from zhanaozen.validators.catalogue import RULES
import pytest

pytestmark = pytest.mark.slow  # builds, browsers or long runs: `make check` leaves them out


def test_benchmark_smoke_run_is_correct(repo_root, tmp_path):
    result = run(sys.executable, str(repo_root / "benchmarks" / "run.py"), "--rows", "10000", "--check-only",
                 "--work", str(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "MISSED" not in result.stdout
    seeds = json.loads((tmp_path / "seeded-10000" / "seeded.json").read_text())
    # Every kind of error rows can have; the descriptor, checksums, release history and the release's
    # contract are package-level.
    assert {s["rule"] for s in seeds} == set(RULES) - {"descriptor", "integrity", "stable-ids", "contract"}
    # ... and the kinds frictionless checks too, so the run compares both validators on them.
    assert {s["frictionless"] for s in seeds} >= {"extra-cell", "blank-row", "constraint-error", "type-error",
                                                  "primary-key", "foreign-key"}
