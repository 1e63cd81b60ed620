# Integrated Data System: the two commands are `make build` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
DBT := $(BIN)/dbt

# Folder mode: make build EXTRACTS=/path/to/extracts (each <extract>.csv or <extract>.parquet).
EXTRACTS ?=
export DBT_PROFILES_DIR := $(CURDIR)
export IDS_DUCKDB_PATH ?= $(CURDIR)/warehouse/ids.duckdb
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PYTHONDONTWRITEBYTECODE := 1
# This checkout's src/ wins over any installed copy of the package (dbt's UDF plugin imports it too).
export PYTHONPATH := $(CURDIR)/src$(if $(PYTHONPATH),:$(PYTHONPATH))

# The scratch warehouse `make test` builds, so a test run never touches the demo warehouse.
TEST_DB := $(CURDIR)/warehouse/test.duckdb

.PHONY: help install build test test-python test-dbt lint bouncer demo-data docs-serve clean partner-feedback purge

help:
	@echo "make build                    venv + pinned install, load the demo extracts, dbt build, dbt docs"
	@echo "make build EXTRACTS=folder    the same from a folder of partner extracts (csv or parquet)"
	@echo "make test                     pytest, a full dbt build on a scratch file, sqlfluff, dbt-bouncer"
	@echo "make partner-feedback         per partner: quarantined rows + scorecard into feedback/<agency>/"
	@echo "make purge PARTNER=dcf        remove a partner (or OPTOUT=file.csv: source ids) from raw to marts, rebuild"

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

install: $(VENV)/.installed

build: install
	@mkdir -p $(dir $(IDS_DUCKDB_PATH))
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory _load; \
	$(DBT) build --exclude tag:demo_extract; \
	$(DBT) docs generate --quiet; \
	echo ""; \
	echo "Warehouse built in $$(( $$(date +%s) - start ))s: $(IDS_DUCKDB_PATH)"; \
	echo "  open it:  duckdb $(IDS_DUCKDB_PATH)   (or any BI tool with a DuckDB driver, read-only)"; \
	echo "  try:      select * from staging.stg_ids__reconciliation;  select * from linkage.linkage_evaluation;"; \
	echo "  docs:     $(DBT) docs serve   (lineage and every column's description)"

# Load the extracts into the raw zone: demo seeds, or a partner folder.
_load:
ifeq ($(strip $(EXTRACTS)),)
	$(DBT) seed --select tag:demo_extract
	$(DBT) run-operation load_extracts
else
	$(DBT) run-operation load_extracts --args '{path: "$(abspath $(EXTRACTS))"}'
endif

test: install
	$(BIN)/pytest -q
	@rm -f $(TEST_DB) $(TEST_DB).wal
	IDS_DUCKDB_PATH=$(TEST_DB) $(MAKE) --no-print-directory test-dbt
	IDS_DUCKDB_PATH=$(TEST_DB) $(MAKE) --no-print-directory lint
	IDS_DUCKDB_PATH=$(TEST_DB) $(MAKE) --no-print-directory bouncer

test-dbt:
	$(DBT) seed --select tag:demo_extract
	$(DBT) run-operation load_extracts
	$(DBT) build --exclude tag:demo_extract

lint: install
	$(BIN)/sqlfluff lint models analyses --processes 2

bouncer: install
	$(DBT) parse --quiet
	$(BIN)/dbt-bouncer --config-file dbt-bouncer.yml

demo-data: install
	$(BIN)/python scripts/generate_extracts.py --out seeds/demo --truth-out seeds/truth --contracts-out seeds/contracts

# Per partner: its quarantined rows with reasons and its scorecard (feedback/<agency>/, gitignored).
PARTNER ?=
partner-feedback: install
	$(BIN)/python -m ids.feedback --db $(IDS_DUCKDB_PATH) --out $(CURDIR)/feedback $(if $(strip $(PARTNER)),--partner $(PARTNER))

# Purge a partner whose agreement ended (PARTNER=dcf) or an opt-out list (OPTOUT=file.csv with
# source_system,source_person_id): recorded in config.ids_purge_log, removed from raw, registries and
# every table, then the warehouse is rebuilt without them; later loads apply the list again.
OPTOUT ?=
purge: install
	$(DBT) run-operation ids_purge --args '{partner: "$(PARTNER)", optout_file: "$(if $(strip $(OPTOUT)),$(abspath $(OPTOUT)))"}'
	$(DBT) build --exclude tag:demo_extract
	$(DBT) run-operation ids_assert_purged

clean:
	rm -rf target logs warehouse/*.duckdb warehouse/*.wal
