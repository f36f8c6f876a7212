# The two Quick-start commands of the README, and what they share.
PYTHON ?= python3
VENV   ?= .venv

.PHONY: install validate test check release benchmark

# What the wheel is built from (pyproject.toml's hatch settings), as one digest of the files' names and
# bytes, kept beside the install: `make check` reinstalls the wheel only when it has changed.
WHEEL_SOURCES = pyproject.toml hatch_build.py datapackage.json zhanaozen validators data schemas releases
SOURCES_DIGEST = $(VENV)/bin/python -c "import hashlib, pathlib, sys; digest = hashlib.sha256(); \
  [digest.update(str(f).encode() + b'\0' + f.read_bytes() + b'\0') for top in map(pathlib.Path, sys.argv[1:]) \
   for f in sorted(top.rglob('*') if top.is_dir() else [top]) if f.is_file() and '__pycache__' not in f.parts]; \
  print(digest.hexdigest())" $(WHEEL_SOURCES)
SOURCES_CURRENT = [ "$$($(SOURCES_DIGEST) 2>/dev/null)" = "$$(cat $(VENV)/.wheel-sources 2>/dev/null)" ]
REINSTALL = digest=$$($(SOURCES_DIGEST)) && $(VENV)/bin/python -m pip install --quiet --force-reinstall --no-deps . \
            && echo "$$digest" > $(VENV)/.wheel-sources

# A local virtual environment with the package (as a built wheel, not the source tree) and its tools.
# Skipped when the environment has the test tools and was made from the files as they are now (the digest
# above, which covers pyproject.toml and so the dependencies): about 11 s saved on each `make test` while you work. Delete
# .venv to make it again from scratch.
install:
	@if [ -x $(VENV)/bin/python ] && $(VENV)/bin/python -c $(TEST_TOOLS) 2>/dev/null && $(SOURCES_CURRENT); then \
	  echo "$(VENV) is up to date with the package's files"; \
	else \
	  set -e; \
	  $(PYTHON) -m venv $(VENV); \
	  $(VENV)/bin/python -m pip install --quiet --upgrade pip; \
	  $(VENV)/bin/python -m pip install --quiet ".[test]"; \
	  $(REINSTALL); \
	fi

validate: install
	$(VENV)/bin/zhanaozen validate

# Both test targets spread the tests over the machine's cores (pytest-xdist; WORKERS=0 runs them in one process).
# --dist loadgroup keeps the tests that read one bad example's validation on one worker (tests/conftest.py).
# PYTHONDONTWRITEBYTECODE is cleared for pytest alone: where a machine sets it, pytest would rewrite every
# test module's assertions again in each worker on every run (0.7 s of each worker's start) instead of
# keeping them in tests/__pycache__ (ignored by git).
WORKERS ?= auto
PYTEST  = PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest -n $(WORKERS) --dist loadgroup

# The site tests need a browser: tests/find_browser.py finds one, installs Debian's
# chromium-headless-shell where it can (root and apt-get), or stops with one line naming the command to run.
test: install
	$(VENV)/bin/python tests/find_browser.py --ensure
	$(PYTEST)

# The fast lane: every test but the slow ones (builds, the browser, R, git plays, frictionless, the
# benchmark, fresh processes that import the engines or pandas but for a few runs of the console script:
# the README's command, a contributed folder, the security corpus' isolated cases),
# one bad example per rule, property tests with a few examples each. The tests read the installed wheel,
# so the package is reinstalled first when a file it is built from has changed; the test tools are
# installed when missing (CI's first job has only [validate]).
TEST_TOOLS = "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in ('pytest', 'xdist', 'hypothesis', 'filelock')))"
check:
	$(VENV)/bin/python -c $(TEST_TOOLS) 2>/dev/null || $(MAKE) install
	@$(SOURCES_CURRENT) || { echo "reinstalling the package (its files changed)"; $(REINSTALL); }
	$(PYTEST) -m "not slow" --hypothesis-profile=check -q

# The data dictionary site (mkdocs.yml), generated from the schemas and data; no network needed.
.PHONY: docs serve-docs
docs: install
	$(VENV)/bin/mkdocs build --strict

serve-docs: install
	$(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Cut the version in datapackage.json: CITATION.cff, .zenodo.json, CHANGELOG.md, releases/<version>/
# (ID manifest, checksums, change file), and dist/ (sdist, wheel and zipped data package, whose descriptors
# carry the checksums, and SHA256SUMS).
release: install
	$(VENV)/bin/zhanaozen release

# Times zhanaozen validate against frictionless and the pyarrow read floor, on the shipped package and
# on the shipped tables replicated to ROWS rows (docs/performance.md).
ROWS ?= 1000000
benchmark: install
	$(VENV)/bin/python benchmarks/run.py --rows $(ROWS) --replicate
