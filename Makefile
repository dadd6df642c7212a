# Two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
# pytest runs in this many processes (pytest-xdist). Three on 2 cores: a test waits about
# half of its time (tmux, ssh, a browser, a relay), and another process fills that. Tests
# marked @pytest.mark.xdist_group("name") run in one process together. `PYTEST_WORKERS=0`
# runs in one process.
PYTEST_WORKERS ?= 3

.PHONY: run test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

DEMO := sessions/demo.toml

# The demo board works on a copy, so the example in git stays as it is.
run: $(STAMP_RUN)
	@test -f $(DEMO) || cp sessions/voorbeeld-rivierenland.toml $(DEMO)
	@echo "Demobord: $(DEMO) (een kopie van sessions/voorbeeld-rivierenland.toml)"
	$(BIN)/tussenruimte open $(DEMO)

lint: $(STAMP_TEST)
	$(BIN)/ruff check tui_board tests bench
	$(BIN)/ruff format --check tui_board tests bench

typecheck: $(STAMP_TEST)
	$(BIN)/mypy

pytest: $(STAMP_TEST)
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadgroup

test: lint typecheck pytest

bench: $(STAMP_TEST)
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/board_bench.py
	$(BIN)/python bench/startup_bench.py
	$(BIN)/python bench/memory_bench.py
	$(BIN)/python bench/memory_bench.py --pause 1.5
	$(BIN)/python bench/relay_fanout.py
	$(BIN)/python bench/rooms_bench.py
	$(BIN)/python bench/watch_bench.py
	$(BIN)/python bench/session_sim.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/history_bench.py
	$(BIN)/python bench/web_bench.py
	$(BIN)/python bench/admission_bench.py
	$(BIN)/python bench/merge_bench.py
	$(BIN)/python bench/plain_bench.py
	$(BIN)/python bench/ssh_bench.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
