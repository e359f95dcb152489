# Two commands: `make serve` and `make test`. Each sets up what it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The code under scripts/ is installed into the virtual environment (pyproject.toml, editable), which
# gives the `gpia` command and the `gpia` MkDocs plugin.
GPIA := NO_MKDOCS_2_WARNING=1 $(BIN)/gpia
PY := NO_MKDOCS_2_WARNING=1 $(BIN)/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
CHROMIUM := /usr/bin/chromium-headless-shell

.PHONY: setup validate propose diff new guide fix build linkcheck serve zensical test browser office test-clients bench clean

# The virtual environment is rebuilt whenever requirements.txt or pyproject.toml changes: the pinned
# requirements, then this project itself in editable mode (its code stays in scripts/).
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

setup: $(VENV)/.installed

# Zensical beside the pinned requirements (both files in one resolve, then pip's own conflict check).
$(VENV)/.zensical-installed: $(VENV)/.installed requirements-zensical.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-zensical.txt
	$(BIN)/pip check
	touch $@

validate: setup
	@$(GPIA) validate

# Suggest ancestors for each requirement of the newer version of every declared comparison (or of
# COMPARISON=<id> only), with a similarity score, for a person to confirm in the YAML; it never
# writes the data.
propose: setup
	@$(GPIA) propose $(if $(COMPARISON),--comparison $(COMPARISON))

# What the working tree changes in the knowledge base since BASE (default HEAD), as Markdown for a
# pull request: `make diff BASE=origin/main`. Reads BASE from git objects; no second checkout. Both
# sides' sites are built (in temporary folders), so the pages affected are exactly those that differ.
BASE ?= HEAD
diff: setup
	@$(GPIA) diff --base "$(BASE)"

# Add a record from its template in templates/: `make new KIND=term ID=term-care-navigator`;
# a question or requirement also needs IN=<its FAQ section or area id>.
new: setup
	@if [ -z "$(KIND)" ] || [ -z "$(ID)" ]; then \
	  echo "usage: make new KIND=<$$($(PY) -m gpia.tools.scaffold --kinds)> ID=<new id> [IN=<section or area id>]" >&2; exit 2; fi
	@$(GPIA) new "$(KIND)" "$(ID)" $(if $(IN),--in "$(IN)")

# Write the sources' own quotation marks and dashes into NHS wording pasted with others (from Word,
# say); every other byte of the files stays as it is.
fix: setup
	@$(GPIA) fix

# Rewrite the lists in CONTRIBUTING.md that come from the code (NHS-wording fields, the kinds
# `make new` knows, each kind's required fields); tests/test_guide.py fails while they are stale.
guide: setup
	@$(GPIA) guide

# SOURCE_DATE_EPOCH (the last commit's time) makes the sitemap dates, and so the site, reproducible.
build: validate
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) $(MKDOCS) build --strict --clean

# Every internal href, src and #anchor of the built site resolves (external links are not fetched).
linkcheck: build
	@$(PY) -m gpia.tools.linkcheck site/

# Starts even when the data has problems: every page then lists them, and reloads once they are fixed.
serve: setup
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000

# The same site built by Zensical (Material's successor), which runs no plugins of ours: the whole docs tree is
# written to build/zensical/ first (docs/ with its macros rendered, and every page and download
# generated from the data), Zensical builds it, then each page gets its tooltips and search marks
# and the site its Pagefind index. Into site-zensical/; see scripts/gpia/tools/engines.py.
zensical: validate $(VENV)/.zensical-installed
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) $(PY) -m gpia.tools.engines zensical

# Browser tests drive Debian's Chromium (browsers cannot be downloaded here).
# apt-get runs as root (CI runs as root; elsewhere through sudo, which drops the environment, hence
# `env`), then the browser must start.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Debian's chromium-headless-shell for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; \
	fi
	@$(CHROMIUM) --version >/dev/null 2>&1 || { echo "$(CHROMIUM) is missing or does not start" >&2; exit 1; }

# The Nu HTML Checker (and Lighthouse, for BENCHMARKS.md) from npm, as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# The Word downloads opened by a real client: Debian's LibreOffice (its Writer, headless, with the
# uno module for Debian's Python) and poppler-utils (pdfinfo, pdftotext: the printed guide's PDF), as
# Chromium is installed.
OFFICE_PACKAGES := libreoffice-writer-nogui python3-uno poppler-utils
office:
	@if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null || ! /usr/bin/python3 -c 'import uno' 2>/dev/null; then \
	  echo "Installing Debian's $(OFFICE_PACKAGES) for the client tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(OFFICE_PACKAGES) >/dev/null; \
	fi
	@soffice --version >/dev/null 2>&1 || { echo "soffice is missing or does not start" >&2; exit 1; }

# Both cores (pytest-xdist), each test file whole on one worker so its module fixtures are made once,
# the files in the order tests/conftest.py gives (slowest first: SLOW_FIRST), not xdist's (most tests
# first). LibreOffice too: the drafting pack's browser test converts the pack it downloads.
test: setup $(VENV)/.zensical-installed browser office node_modules/.installed
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not clients"

# Every Word file converted by LibreOffice, and the tracked changes accepted and rejected in it
# (about a minute, apart from `make test`; CI runs both).
test-clients: setup office
	$(PY) -m pytest -m clients

# Speed and size at x1, x10 and x100 the real data (not part of `make test`); see BENCHMARKS.md.
# BENCH passes options to `gpia bench`: e.g. BENCH="--skip baseline" keeps that section's last figures.
bench: setup
	$(GPIA) bench $(BENCH)

clean:
	rm -rf site site-zensical build test-artifacts .pytest_cache bench-out
