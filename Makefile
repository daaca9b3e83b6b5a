# Build, preview and test the site.
#
# Works with GNU make (Linux, and the make that ships with macOS) and with BSD
# make: no $(shell), no conditionals, no GNU-only functions; all logic lives in
# plain POSIX sh inside the recipes.
#
#   make preview    serve the site at http://127.0.0.1:8000 with live reload
#   make test       check the code (ruff, mypy), then run the whole test suite (units, builds, browser tests)
#   make lint       only the code checks: ruff format --check, ruff check, mypy
#   make build      strict build of the site into site/
#   make benchmark  time a site build (benchmarks/build_benchmark.py)
#   make lock       re-resolve requirements.in into requirements.txt
#   make clean      remove build and test output (keeps .venv)
#   make distclean  clean, and remove .venv and node_modules too
#
# Python 3.11.5 or newer is needed (pymdown-extensions 13 asks for it); point
# PYTHON at one if `python3` is older, e.g. `make test PYTHON=python3.12`.
#
# `make test` also needs Node.js 20+ with npm, and Java 11+: the browser tests run pa11y and the W3C
# Nu HTML Checker (vnu-jar), installed from package-lock.json into node_modules/.
#
# Browser tests read CHROMIUM_PATH. `make test` sets it to Chromium from the
# system (/usr/bin/chromium or `chromium` on PATH) when there is one;
# otherwise, and always on GitHub Actions, it runs `playwright install
# chromium` (with --with-deps on CI) and leaves CHROMIUM_PATH unset so
# Playwright uses its own build. Set CHROMIUM_PATH yourself to pick a browser.

PYTHON ?= python3
VENV = .venv
STAMP = $(VENV)/.installed
NODE_STAMP = node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: preview test lint build benchmark lock clean distclean install

install: $(STAMP) $(NODE_STAMP)

# Create the virtualenv (only when it does not exist yet).
$(VENV)/pyvenv.cfg:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || { \
	  echo "error: $(PYTHON) is not Python 3.11.5 or newer; run e.g. 'make PYTHON=python3.12 ...'" >&2; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV)

# Install the lock file into it, again only when requirements.txt changed.
$(STAMP): $(VENV)/pyvenv.cfg requirements.txt pyproject.toml
	$(VENV)/bin/python -m pip install --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# pa11y and the Nu HTML Checker for the browser tests, again only when the lock file changed. No install
# scripts: Puppeteer's would download a Chromium (pa11y runs the one the browser tests use) and vnu-jar's
# a Java (the checker runs on the machine's java).
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

# --dirty: after a save, only the pages the edit changes are made and rendered again, and a mistake is shown
# in the browser (macros/site/preview/).
preview: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m mkdocs serve --dirty --dev-addr $(HOST):$(PORT)

# `python -m mkdocs` puts this folder first on the import path, so the plugin (found by its entry point)
# and the macros are this checkout's `macros/`, even when the virtualenv's editable install points elsewhere.
build: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m mkdocs build --strict --site-dir site

benchmark: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python benchmarks/build_benchmark.py

lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: lint $(NODE_STAMP)
	@set -e; \
	chromium="$${CHROMIUM_PATH:-}"; \
	if [ -z "$$chromium" ] && [ "$${GITHUB_ACTIONS:-}" != "true" ]; then \
	  if [ -x /usr/bin/chromium ]; then chromium=/usr/bin/chromium; \
	  else chromium=`command -v chromium 2>/dev/null || true`; fi; \
	fi; \
	if [ -n "$$chromium" ]; then \
	  echo "Browser tests use $$chromium"; \
	  CHROMIUM_PATH="$$chromium"; export CHROMIUM_PATH; \
	else \
	  deps=""; \
	  case "$${CI:-}:`uname -s`" in true:Linux|1:Linux) deps="--with-deps";; esac; \
	  echo "$(VENV)/bin/playwright install $$deps chromium"; \
	  $(VENV)/bin/playwright install $$deps chromium; \
	fi; \
	NO_MKDOCS_2_WARNING=1; export NO_MKDOCS_2_WARNING; \
	echo "$(VENV)/bin/pytest $(PYTEST_ARGS)"; \
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Re-resolve requirements.in in a clean, throw-away venv and write the exact
# versions it got to requirements.txt (keeping the header comment).
lock:
	@set -e; \
	tmp=`mktemp -d`; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --disable-pip-version-check -r requirements.in; \
	grep '^#' requirements.txt > "$$tmp/requirements.txt"; \
	"$$tmp/venv/bin/python" -m pip freeze --all --exclude-editable | grep -v '^pip==' >> "$$tmp/requirements.txt"; \
	mv "$$tmp/requirements.txt" requirements.txt; \
	rm -rf "$$tmp"; \
	echo "requirements.txt updated; run 'make test' to install it"

clean:
	rm -rf site test-artifacts .pytest_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules
