# Two entry points for a fresh machine: `make demo` and `make test`. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLES := tasks-react shop-vue notes-html blog-vue
NODE_STAMPS := $(foreach e,$(EXAMPLES),examples/$(e)/node_modules/.package-lock.json)
IDE := ide/vscode

.PHONY: setup python node browser demo test lint ide clean

setup: python node browser

python: $(BIN)/specwalk

$(BIN)/specwalk: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "specwalk needs Python 3.11 or newer; run: make PYTHON=python3.11 ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@# torch is pinned for CI only: 2.13.0 is the CPU build here; newer wheels pull CUDA.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[browser,dev,mcp,semantic,llm]' 'torch==2.13.0'
	@touch $@

node: $(NODE_STAMPS)

# npm ci writes node_modules/.package-lock.json, so the stamp is newer than the lockfile after it.
examples/%/node_modules/.package-lock.json: examples/%/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 18+ (https://nodejs.org)" >&2; exit 1; }
	cd examples/$* && npm ci --no-audit --no-fund --loglevel=error

browser: python
	$(BIN)/specwalk install-browser

demo: setup
	$(BIN)/specwalk doctor --config examples/tasks-react/specwalk.toml
	$(BIN)/specwalk generate --config examples/tasks-react/specwalk.toml
	$(BIN)/specwalk docs --config examples/tasks-react/specwalk.toml --lang all

# The VS Code extension: compile, unit-test (node --test; they also run .venv's specwalk) and
# package the .vsix with the extension's own npm scripts.
$(IDE)/node_modules/.package-lock.json: $(IDE)/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 18+ (https://nodejs.org)" >&2; exit 1; }
	cd $(IDE) && npm ci --no-audit --no-fund --loglevel=error

ide: python $(IDE)/node_modules/.package-lock.json
	cd $(IDE) && npm test && npm run package

lint: python
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)
	$(BIN)/mypy

test: setup lint ide
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) examples/*/node_modules .specwalk examples/*/.specwalk examples/*/e2e-generated \
	  $(IDE)/node_modules $(IDE)/out $(IDE)/*.vsix
