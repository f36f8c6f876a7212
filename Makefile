# The two Quick-start commands of the README, and what they share.
PYTHON ?= python3
VENV   ?= .venv

.PHONY: install validate test check hashes release benchmark

# A local virtual environment with the package (as a built wheel, not the source tree) and its tools.
install:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet ".[test]"
	$(VENV)/bin/python -m pip install --quiet --force-reinstall --no-deps .

validate: install
	$(VENV)/bin/zhanaozen validate

test: install
	$(VENV)/bin/pytest

# The fast lane (under 30 s): every test but the slow ones (wheel and release builds, the browser,
# frictionless, the benchmark). Tests the installed wheel: reinstall after a change.
check:
	$(VENV)/bin/python -m pip install --quiet --force-reinstall --no-deps .
	$(VENV)/bin/pytest -m "not slow" -q

# The data dictionary site (mkdocs.yml), generated from the schemas and data; no network needed.
.PHONY: docs serve-docs
docs: install
	$(VENV)/bin/mkdocs build --strict

serve-docs: install
	$(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Refresh bytes and sha256 of every data file in datapackage.json (after editing data/*.csv).
hashes: install
	$(VENV)/bin/zhanaozen release --refresh-hashes

# Cut the version in datapackage.json: checksums, CITATION.cff, .zenodo.json, CHANGELOG.md,
# releases/<version>/ (ID manifest, change file), and dist/ (sdist, wheel, zipped data package, SHA256SUMS).
release: install
	$(VENV)/bin/zhanaozen release

# Times zhanaozen validate against frictionless and the pyarrow read floor, on the shipped package and
# on the shipped tables replicated to ROWS rows (docs/performance.md).
ROWS ?= 1000000
benchmark: install
	$(VENV)/bin/python benchmarks/run.py --rows $(ROWS) --replicate
