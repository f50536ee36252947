# rmt_meso — the README's commands. Each target sets itself up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= verify-report
# Peers (scikit-rmt, Kwant, beta-ensembles) live in their own environment: they pin
# numpy/scipy versions that must never leak into the project's environment.
BENCH_VENV := .venv-bench
# One BLAS thread per process: our hot loops are many small LAPACK calls, for which
# multi-threaded OpenBLAS is 10-100x slower on a busy 2-core machine; parallelism comes
# from processes (pytest-xdist, the sweep executors) instead.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1

.PHONY: install verify test bench docs figures clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,dist]"
	touch $(STAMP)

install: $(STAMP)

verify: $(STAMP)
	$(BIN)/rmt-meso verify --preset quick --out $(OUT)

test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 --timeout 900 --nbmake --doctest-modules rmt_meso tests notebooks

figures: $(STAMP)
	$(BIN)/rmt-meso figures --out figures

bench: $(STAMP)
	bash benchmarks/setup_peers.sh $(BENCH_VENV)
	MPLBACKEND=Agg $(BIN)/python benchmarks/run_all.py --peer-python $(BENCH_VENV)/bin/python

docs: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[docs]"
	[ -d docs/gallery/figures ] || MPLBACKEND=Agg $(BIN)/rmt-meso figures --out docs/gallery
	$(BIN)/python docs/gen_claims.py
	$(BIN)/python docs/gen_gallery.py docs/gallery
	bash docs/get_mathjax.sh
	rm -rf docs/guide && mkdir -p docs/guide && cp notebooks/*.ipynb docs/guide/
	# the notebooks run at build time: inline figures even where MPLBACKEND=Agg is exported
	NO_MKDOCS_2_WARNING=1 MPLBACKEND=module://matplotlib_inline.backend_inline $(BIN)/mkdocs build --strict
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	$(BIN)/python docs/check_rendered.py site

clean:
	rm -rf $(VENV) $(BENCH_VENV) $(OUT) site build *.egg-info
