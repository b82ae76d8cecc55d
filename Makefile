# The two commands a newcomer needs: `make site` and `make test`. Each creates .venv on its own.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Byte-identical output: timestamps come from the last commit, never the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export PYTHONHASHSEED := 0
# Material's end-of-life banner is 7 lines on every build; silence it by its own switch, never by
# --quiet (which also stops --strict from counting warnings: MkDocs issue #4126).
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test fuzz lint schema check clean zensical install lock screenshots chromium

# Exact versions from requirements.lock, so a fresh clone builds byte-identical pages anywhere;
# synth itself is installed editable on top, without letting pip change a pinned version.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Re-resolve every dependency (pyproject.toml, dev extra included) in a clean venv and pin it.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet '.[dev]'
	.venv-lock/bin/python -m pip freeze --exclude-editable --all | grep -v -E '^(synth|pip|setuptools|wheel)( @|==)' \
		| LC_ALL=C sort > requirements.lock
	rm -rf .venv-lock

# `synth build` does nothing when no question, library file or synth module changed; mkdocs runs
# only when docs/, mkdocs.yml, SOURCE_DATE_EPOCH or the installed packages changed since its last
# successful run (stamp in .synth-cache/; SYNTH_SITE_STAMP=0 always runs it).
# mkdocs writes a fresh folder that replaces site/ in one step, only when the strict build succeeded.
SITE_GENERATOR := $(BIN)/python -m synth.stamp site -- $(BIN)/mkdocs build --strict
site: $(STAMP)
	$(BIN)/synth build
	$(SITE_GENERATOR)
	@echo "Site built: $(CURDIR)/site/index.html  (run 'make serve' to browse it)"

# The site on http://127.0.0.1:8000, rebuilt when a question, a library file or mkdocs.yml changes
# (the browser reloads by itself).
serve: $(STAMP)
	$(BIN)/synth serve

# Screenshots of the site as a reader sees it (Debian's Chromium, 1280×800) into build/screenshots/:
# the example site, and the tuning questions built over ../shared/corpus/pdfs when it is there.
screenshots: site
	$(BIN)/python bench/screenshots.py $(if $(wildcard ../shared/corpus/pdfs),--corpus)

# The browser tests (tests/browser/) drive Debian's Chromium: installed here when this is a root
# shell with apt (as in CI), otherwise they skip and say why. No browser is ever downloaded.
chromium:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& DEBIAN_FRONTEND=noninteractive apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; } \
		|| echo "make: Chromium is not installed (needs root and apt): the browser tests will skip"

test: $(STAMP) chromium
	$(BIN)/pytest -q

# The property tests of tests/test_fuzz.py on many random examples (make test runs a few, derandomized).
fuzz: $(STAMP)
	SYNTH_FUZZ=1 $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check synth tests bench

schema: $(STAMP)
	$(BIN)/synth schema

check: $(STAMP)
	$(BIN)/synth check

# The same docs/ built by Zensical (Material's successor), in a venv of its own, into site/; its
# version is pinned like everything else (the one the pages were last checked with).
ZENSICAL := zensical==0.0.73
zensical: site
	.venv-zensical/bin/pip show zensical 2>/dev/null | grep -qx 'Version: $(lastword $(subst ==, ,$(ZENSICAL)))' \
		|| ($(PYTHON) -m venv .venv-zensical && .venv-zensical/bin/pip install --quiet '$(ZENSICAL)')
	.venv-zensical/bin/zensical build --strict --clean

clean:
	rm -rf site .synth-cache build docs/reports docs/sources docs/files docs/index.md docs/.synth docs/.synth-nav.yml
