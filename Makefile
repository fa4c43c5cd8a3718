# One Makefile for the book. `make` alone prints this help.
# The virtual environment is created and filled from the pinned lock when missing or stale.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ARGS   ?=

.DEFAULT_GOAL := help
.PHONY: help install book pdf lab test test-fast test-browser mutation bench lock clean clean-cache

help: ## list the targets
	@echo "Infantile spasms therapeutics market book"
	@echo
	@echo "Usage: make <target> [ARGS='...']"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Examples:"
	@echo "  make book                                          # the base scenario into _build/html"
	@echo "  make book ARGS='--scenario params/pessimistic.yaml' # another scenario, its own folder"
	@echo "  make book ARGS='--set growth.diagnosis=0.02'        # a one-off override"
	@echo "  make pdf ARGS='--scenario params/pessimistic.yaml'  # that scenario's PDF alone, into _build/pdf"
	@echo "  make lab ARGS='--no-browser --port 8888'            # JupyterLab without opening a browser"

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 is required (python3.11 not found)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "error: Python 3.11 is required, found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --requirement requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies (done by the other targets when needed)

book: $(STAMP) ## build the book (base scenario unless ARGS says otherwise) into _build/html
	$(PY) -m infantile_spasms_market build $(ARGS)

pdf: $(STAMP) ## build the PDF edition alone into _build/pdf (needs Chromium: apt-get install chromium)
	$(PY) -m infantile_spasms_market pdf $(ARGS)

lab: $(STAMP) ## open JupyterLab on the project with the book's kernel (chapters run the base scenario; files go to _build/)
	$(PY) -m jupyter lab --notebook-dir=. $$(test "$$(id -u)" = 0 && echo --allow-root) $(ARGS)

test: $(STAMP) ## run every test: unit, property, notebooks, end-to-end build, browser (when Chromium is found)
	$(PY) -m pytest $(ARGS)

test-fast: $(STAMP) ## unit and property tests only (no book build, no browser)
	$(PY) -m pytest -m "not slow and not browser" $(ARGS)

test-browser: $(STAMP) ## only the browser tests (needs Chromium: apt-get install chromium)
	$(PY) -m pytest -m browser $(ARGS)

mutation: $(STAMP) ## mutation testing of the whole model, the analyses of the book's own numbers, the report's headline and scenario loading: score and survivors, for tests/MUTATION.md (CPU-heavy; runs at nice 19, on idle CPU only)
	rm -rf mutants
	nice -n 19 $(VENV)/bin/mutmut run --max-children 1
	$(PY) tools/mutation_score.py $(VENV)/bin/mutmut

bench: $(STAMP) ## benchmark the build and the model against Jupyter Book's own execution
	$(PY) bench/run.py $(ARGS)

lock: ## re-resolve the dependencies into requirements.lock and environment.yml (needs the package index)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade "pip>=24"
	.lock-venv/bin/python -m pip install --quiet ".[test]" "setuptools>=77" wheel
	.lock-venv/bin/python tools/write_lock.py .lock-venv/bin/python
	rm -rf .lock-venv

clean: ## remove the built book (keeps the notebook cache)
	rm -rf _build

clean-cache: ## remove the notebook cache and logs (the next build executes everything)
	rm -rf .cache
