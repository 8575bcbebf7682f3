# One command to run, one to test. The virtual environment is created on first use and reused.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test test-fast bench eval ingest lint typecheck install install-dev system-deps clean

run: install
	$(PY) app.py

test: install-dev system-deps
	$(PY) -m pytest

test-fast: install-dev
	$(PY) -m pytest -m "not integration and not e2e"

bench: install-dev system-deps
	$(PY) -m benchmarks.run_all

# Every store side by side; `make eval STORE=dummyjson ONLY="retrieval help"` for a quick part.
eval: install
	$(PY) -m assistant.cli eval $(if $(STORE),--store $(STORE)) $(if $(ONLY),--only $(ONLY))

ingest: install
	$(PY) -m assistant.cli ingest

lint: install-dev
	$(VENV)/bin/ruff check assistant tests benchmarks scripts app.py
	$(VENV)/bin/ruff format --check assistant tests benchmarks scripts app.py

typecheck: install-dev
	$(VENV)/bin/mypy assistant

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --upgrade pip wheel setuptools

# torch first: the pinned CPU wheel lies on this disk; a bare "torch" would pull a CUDA build.
$(VENV)/.torch: | $(PY)
	$(PIP) install torch==2.13.0
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.torch
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -e ".[dev]"
	touch $@

# Browser and speech tools for the end-to-end tests (Debian packages); skipped when present.
system-deps:
	@bash scripts/install_system_deps.sh

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
