# Two commands for a fresh machine:  make run  (the app on http://127.0.0.1:7860)  and  make test.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: run test setup index browser clean

setup: $(STAMP)

# torch first and pinned: 2.13.0 is the CPU wheel on disk; any other spec pulls CUDA builds.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# Incremental: only new or changed files are embedded. Exit code 3 means some files failed
# (listed above); the app still starts with everything else.
index: $(STAMP)
	$(BIN)/ikz index || [ $$? -eq 3 ]

run: index
	$(BIN)/ikz serve

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: $(STAMP) browser
	$(BIN)/python -m pytest

clean:
	rm -rf index .pytest_cache test-artifacts
