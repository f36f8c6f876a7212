# The two Quick-start commands of the README, and what they share.
PYTHON ?= python3
VENV   ?= .venv

.PHONY: install validate test hashes release

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

# Refresh bytes and sha256 of every data file in datapackage.json (after editing data/*.csv).
hashes: install
	$(VENV)/bin/zhanaozen release --refresh-hashes

# Cut the version in datapackage.json: checksums, CITATION.cff, .zenodo.json, CHANGELOG.md,
# releases/<version>/ (ID manifest, change file), and dist/ (sdist, wheel, zipped data package, SHA256SUMS).
release: install
	$(VENV)/bin/zhanaozen release
