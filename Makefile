# The two Quick-start commands of the README, and what they share.
PYTHON ?= python3
VENV   ?= .venv

.PHONY: install validate test benchmark

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

# Times zhanaozen validate against frictionless and the pyarrow read floor (docs/performance.md).
ROWS ?= 1000000
benchmark: install
	$(VENV)/bin/python benchmarks/run.py --rows $(ROWS)
