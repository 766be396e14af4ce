# newsdigest: `make build` sets everything up and builds content/ into site/; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BASE_URL ?=
BUILD_ARGS ?=

.PHONY: build test eval bench bench-scale check clean venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(PY) -m generator build $(if $(BASE_URL),--base-url $(BASE_URL)) $(BUILD_ARGS)

test: $(STAMP)
	$(PY) -m pytest -q -x -p no:cacheprovider

# Quality figures on ../shared/data (skipped with a message when absent); never a test dependency.
eval: $(STAMP)
	$(PY) -m pip install -q -e '.[eval]'
	@set -e; for f in eval/eval_*.py; do echo "== $$f"; $(PY) $$f; done

# Speed figures (bench/README.md); N=100000 make bench for the large run. Never a test dependency.
bench: $(STAMP)
	$(PY) -m pip install -q -e '.[bench]'
	@set -e; for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f; done

# Cold builds at SIZES (default 10000,100000) and how each stage grows between them.
bench-scale: $(STAMP)
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/scale.py

check: build
	$(PY) -m generator check

clean:
	rm -rf $(VENV) site/* .cache
