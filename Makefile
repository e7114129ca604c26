# ferronum — make demo · make test · make build · make bench
#
# Needs only a Rust toolchain and Python >= 3.11 (`python3`); everything else goes into .venv.
# No target needs an activated virtualenv. Re-running a target when nothing changed is a no-op
# (or a quick check): .venv is created once, the extension is rebuilt only when a file under
# crates/, Cargo.toml, Cargo.lock or pyproject.toml is newer than the last build.

SHELL := /bin/bash
.DEFAULT_GOAL := build

PYTHON3  ?= python3
VENV     := .venv
VENV_ABS := $(abspath $(VENV))
PY       := $(VENV)/bin/python
# What the test suite needs beyond NumPy and maturin (also installed for `make test-versions`).
TEST_DEPS := pytest pytest-xdist hypothesis mpmath threadpoolctl array-api-compat "dask[array,distributed]" "mypy>=1.18"
PY_DEPS  := "numpy>=2.0" "maturin>=1.9.4,<2" matplotlib $(TEST_DEPS)
# The other CPython versions `make test-versions` runs the suite on (found on PATH or in pyenv).
PY_VERSIONS ?= 3.12 3.13
# pytest workers: the suite is single-threaded Python, so one per core.
PYTEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Stamps live inside the venv, so a new venv means a fresh install and a fresh build; the deps
# stamp is named after the package list, so adding a package installs it into an existing venv.
VENV_STAMP  := $(VENV)/.ferronum-deps-$(shell echo '$(PY_DEPS)' | cksum | cut -d' ' -f1)
# The Cargo profile of the extension: `fast` (incremental, no LTO: quick rebuilds) for
# `make build` and the tests, `release` (thin LTO, as wheels) for `make demo` and `make bench`.
PROFILE ?= fast
BUILD_STAMP := $(VENV)/.ferronum-build-$(PROFILE)

# Run venv tools as if the venv were activated (maturin develop installs into $VIRTUAL_ENV).
VENV_ENV := VIRTUAL_ENV="$(VENV_ABS)" PATH="$(VENV_ABS)/bin:$$PATH"

RUST_SOURCES := Cargo.toml $(wildcard Cargo.lock) pyproject.toml \
                $(shell find crates -type f \( -name '*.rs' -o -name 'Cargo.toml' \) 2>/dev/null)
# The built extension (maturin develop puts it next to python/ferronum/__init__.py); if it is
# missing, rebuild whatever the stamp says.
EXT := $(wildcard python/ferronum/_ferronum*.so python/ferronum/_ferronum*.pyd)

# Extra arguments: `make demo DEMO_ARGS=--quick`, `make bench BENCH_ARGS=--quick`.
DEMO_ARGS  ?=
BENCH_ARGS ?=

.PHONY: help .venv build test test-rust test-python test-versions demo bench fmt fmt-check clippy clean distclean FORCE

help:
	@echo "make build     build the extension into .venv (profile fast; PROFILE=release as wheels)"
	@echo "make test      cargo test -p ferronum --lib, then pytest python/tests"
	@echo "make test-versions   the Python suite on CPython $(PY_VERSIONS) too (each in .venv-X.Y)"
	@echo "make demo      release build, then bench/seed_tutorial.py (DEMO_ARGS=--quick for a fast run)"
	@echo "make bench     release build, then every bench/*.py (BENCH_ARGS=...)"
	@echo "make fmt | fmt-check | clippy | clean | distclean"
	@echo "make .venv     create .venv and install numpy, maturin, pytest, hypothesis, matplotlib"

# ---------------------------------------------------------------------------------- venv ---
.venv: $(VENV_STAMP)

$(VENV_STAMP):
	@$(PYTHON3) -c 'import sys; sys.exit("ferronum needs Python >= 3.11; $(PYTHON3) is " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@if [ ! -x $(PY) ]; then echo "$(PYTHON3) -m venv $(VENV)"; $(PYTHON3) -m venv $(VENV); fi
	$(PY) -m pip install --disable-pip-version-check -q $(PY_DEPS)
	@touch $@

# --------------------------------------------------------------------------------- build ---
build: $(BUILD_STAMP)

$(BUILD_STAMP): $(VENV_STAMP) $(RUST_SOURCES) $(if $(EXT),,FORCE)
	@rm -f $(VENV)/.ferronum-build-*
	$(VENV_ENV) $(VENV)/bin/maturin develop --profile $(PROFILE)
	@touch $@

FORCE:

# ---------------------------------------------------------------------------------- test ---
# The engine's tests run under cargo; the bindings crate (a cdylib linking against Python) is
# tested from Python only.
test: test-rust test-python

# `--lib`: the engine's tests live in the library (one compilation of the crate, not two);
# the examples are compiled by `make clippy`.
test-rust:
	cargo test -p ferronum --lib

test-python: build
	$(PY) -m pytest -q -n $(PYTEST_JOBS) python/tests

# The same suite on each other CPython found: its own venv, its own build of the bindings (the
# engine's compiled code is shared), the extension beside 3.11's under its own ABI tag.
# NumPy is the oracle: each version gets the NumPy of .venv, so they all test the same rules.
test-versions: build
	@set -e; np_version=$$($(PY) -c 'import numpy; print(numpy.__version__)'); \
	for v in $(PY_VERSIONS); do \
	  py=$$(ls -d $$HOME/.pyenv/versions/$$v*/bin/python$$v 2>/dev/null | tail -1); \
	  [ -n "$$py" ] || py=$$(command -v python$$v || true); \
	  if [ -z "$$py" ] || ! $$py -c pass 2>/dev/null; then echo "CPython $$v not found: skipped"; continue; fi; \
	  venv=$(CURDIR)/.venv-$$v; \
	  [ -x $$venv/bin/python ] || $$py -m venv $$venv; \
	  $$venv/bin/python -m pip install --disable-pip-version-check -q "numpy==$$np_version" "maturin>=1.9.4,<2" $(TEST_DEPS); \
	  echo "== CPython $$v ($$py)"; \
	  VIRTUAL_ENV=$$venv PATH=$$venv/bin:$$PATH $$venv/bin/maturin develop --profile $(PROFILE) -q; \
	  $$venv/bin/python -m pytest -q -n $(PYTEST_JOBS) python/tests; \
	done

# ------------------------------------------------------------------------- demo / bench ---
demo:
	@$(MAKE) --no-print-directory build PROFILE=release
	$(PY) bench/seed_tutorial.py $(DEMO_ARGS)

bench:
	@$(MAKE) --no-print-directory build PROFILE=release
	@set -e; for f in bench/[!_]*.py; do echo "== $(PY) $$f $(BENCH_ARGS)"; $(PY) "$$f" $(BENCH_ARGS); done

# ------------------------------------------------------------------------------- linting ---
fmt:
	cargo fmt --all

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

# --------------------------------------------------------------------------------- clean ---
clean:
	rm -f $(VENV)/.ferronum-build-* python/ferronum/_ferronum*.so python/ferronum/_ferronum*.pyd
	cargo clean

distclean: clean
	rm -rf $(VENV) .venv-*
