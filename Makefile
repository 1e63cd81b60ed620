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
# The de-identified marts live in their own file beside it (profiles.yml derives the same default;
# not exported, so a sub-make with another IDS_DUCKDB_PATH derives its own).
IDS_MARTS_DUCKDB_PATH ?= $(patsubst %.duckdb,%_marts.duckdb,$(IDS_DUCKDB_PATH))
# Analyst packages and their release register (src/ids/publish.py).
export IDS_PACKAGES_DIR ?= $(CURDIR)/packages
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PYTHONDONTWRITEBYTECODE := 1
# This checkout's src/ wins over any installed copy of the package (dbt's UDF plugin imports it too).
export PYTHONPATH := $(CURDIR)/src$(if $(PYTHONPATH),:$(PYTHONPATH))

# The scratch warehouse `make test` builds, so a test run never touches the demo warehouse.
TEST_DB := $(CURDIR)/warehouse/test.duckdb
TEST_PACKAGES := $(CURDIR)/warehouse/test_packages

.PHONY: help install build test test-python test-dbt lint bouncer demo-data docs-serve clean \
	publish recall report test-publish test-report docs docs-check partner-feedback purge

help:
	@echo "make build                    venv + pinned install, load the demo extracts, dbt build, dbt docs"
	@echo "make build EXTRACTS=folder    the same from a folder of partner extracts (csv or parquet)"
	@echo "make test                     pytest, a full dbt build on a scratch file, sqlfluff, dbt-bouncer,"
	@echo "                              the analyst packages' checks and the web report in headless Chromium"
	@echo "make publish LICENSE=<id>     the analyst package of one data-use license (packages/<id>/<date>/)"
	@echo "make recall                   the packages of expired licenses, from the release register"
	@echo "make report                   the web report (a static site in report/build) from its analyst package"
	@echo "make docs                     dbt docs generate + serve (lineage, exposures, every column)"
	@echo "make docs-check               on a built warehouse: every model, seed, snapshot and source column documented"
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
	echo "Warehouse built in $$(( $$(date +%s) - start ))s:"; \
	echo "  restricted zone (raw, staging, linkage, families, config; identifiers, stewards only):"; \
	echo "            $(IDS_DUCKDB_PATH)"; \
	echo "  de-identified marts (the only file a BI tool may be given, read-only):"; \
	echo "            $(IDS_MARTS_DUCKDB_PATH)"; \
	echo "  try:      duckdb $(IDS_DUCKDB_PATH) -c 'select * from staging.stg_ids__reconciliation'"; \
	echo "  publish:  make publish LICENSE=DUL-2026-RESEARCH   (an analyst package per data-use license)"; \
	echo "  docs:     make docs   (lineage, exposures and every column's description)"

# Load the extracts into the raw zone: demo seeds, or a partner folder.
_load:
ifeq ($(strip $(EXTRACTS)),)
	$(DBT) seed --select tag:demo_extract
	$(DBT) run-operation load_extracts
else
	$(DBT) run-operation load_extracts --args '{path: "$(abspath $(EXTRACTS))"}'
endif

# The scratch warehouse is built first: pytest's tests that only read a finished demo warehouse copy it
# (IDS_TEST_DEMO_WAREHOUSE; under plain `pytest` they build their own). Two workers take the next test
# (or xdist_group) when free, slowest first (tests/python/conftest.py), so no slow file pins a worker.
test: install
	@rm -f $(TEST_DB) $(TEST_DB).wal $(TEST_DB:.duckdb=_marts.duckdb) $(TEST_DB:.duckdb=_marts.duckdb).wal
	IDS_DUCKDB_PATH=$(TEST_DB) $(MAKE) --no-print-directory test-dbt
	IDS_DUCKDB_PATH=$(TEST_DB) $(MAKE) --no-print-directory docs-check
	IDS_TEST_DEMO_WAREHOUSE=$(TEST_DB) $(BIN)/pytest -q -n 2 --dist loadgroup --durations=15
	IDS_DUCKDB_PATH=$(TEST_DB) IDS_PACKAGES_DIR=$(TEST_PACKAGES) $(MAKE) --no-print-directory test-publish
	IDS_DUCKDB_PATH=$(TEST_DB) IDS_PACKAGES_DIR=$(TEST_PACKAGES) $(MAKE) --no-print-directory test-report
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

# --- analyst packages (one per data-use license) ------------------------------------------------
# The license id reaches the program through the environment, never spliced into the shell line.
publish: install
	@test -n "$${LICENSE:-}" || { echo "usage: make publish LICENSE=<license_id>  (seeds/governance/data_use_licenses.csv)"; exit 2; }
	@$(DBT) parse --quiet
	$(BIN)/python -m ids.publish publish "$$LICENSE"

recall: install
	$(BIN)/python -m ids.publish recall

# Every package of the scratch warehouse passes the identifier scan and the small-cell check; an
# expired license and a malformed id are refused and write nothing.
test-publish: install
	@rm -rf $(IDS_PACKAGES_DIR)
	@$(DBT) parse --quiet
	$(BIN)/python -m ids.publish publish DUL-2026-RESEARCH
	$(BIN)/python -m ids.publish publish $(REPORT_LICENSE)
	@for pkg in $(IDS_PACKAGES_DIR)/*/*/; do $(BIN)/python -m ids.publish check "$$pkg"; done
	@if $(BIN)/python -m ids.publish publish DUL-2025-AUDIT; then echo "expired license was published"; exit 1; fi
	@if $(BIN)/python -m ids.publish publish "x'; select 1; --"; then echo "malformed id was accepted"; exit 1; fi
	@test "$$(ls $(IDS_PACKAGES_DIR) | sort | tr '\n' ' ')" = "$(REPORT_LICENSE) DUL-2026-RESEARCH release_register.jsonl " \
		|| { echo "a refused license wrote something: $$(ls $(IDS_PACKAGES_DIR))"; exit 1; }
	$(BIN)/python -m ids.publish recall
	@IDS_AS_OF_DATE=2028-01-01 $(BIN)/python -m ids.publish recall | grep -c '^RECALL' | grep -qx 2 \
		|| { echo "the recall list (as of 2028-01-01) should hold both packages"; exit 1; }

# --- the web report (static site from the report's analyst package; report/) ----------------------
REPORT_LICENSE ?= DUL-2026-REPORT
CHROMIUM ?= /usr/bin/chromium

# The report is an Evidence site (report/: pages/*.md, sources/ids_report/*.sql) built from the
# newest package of the report license; its source reads a copy of that package's DuckDB file
# (report/data/), never the warehouse. Evidence runs offline: DuckDB-WASM is pinned to the build
# that links Parquet and report/scripts/patch_evidence.mjs adapts Evidence to it
# (docs/report_evidence_findings.md); telemetry is off (report/evidence.settings.json).
EVIDENCE := ./node_modules/.bin/evidence

report: install report/node_modules/.installed
	@$(DBT) parse --quiet
	$(BIN)/python -m ids.publish publish $(REPORT_LICENSE)
	@manifest=$$(ls $(IDS_PACKAGES_DIR)/$(REPORT_LICENSE)/*/manifest.json | sort | tail -1) && \
	  mkdir -p report/data && cp "$$(dirname $$manifest)/$(REPORT_LICENSE).duckdb" report/data/report.duckdb && \
	  echo "Report package: $$(dirname $$manifest)"
	@start=$$(date +%s); \
	  cd report && rm -rf .evidence/meta build && $(EVIDENCE) sources && $(EVIDENCE) build && \
	  echo "Report built in $$(( $$(date +%s) - start ))s: report/build (serve it with any static server: python3 -m http.server -d report/build)"

# No install script runs (--ignore-scripts): Evidence needs none, and the DuckDB binaries come
# inside their npm packages.
report/node_modules/.installed: report/package.json report/package-lock.json report/scripts/patch_evidence.mjs
	@start=$$(date +%s); \
	  cd report && npm ci --ignore-scripts --no-audit --no-fund && node scripts/patch_evidence.mjs && \
	  echo "npm ci in $$(( $$(date +%s) - start ))s"
	touch $@

# Debian's chromium when missing (CI starts from a machine without it).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The package's DuckDB file opens with the DuckDB the report bundles, the site's Parquet files read
# in the reader's DuckDB-WASM without an extension, then every page in headless Chromium, offline.
test-report: report $(CHROMIUM)
	cd report && node tests/engines.mjs data/report.duckdb build/data && CHROMIUM=$(CHROMIUM) node tests/browse.mjs

# --- docs --------------------------------------------------------------------------------------------
docs: install
	$(DBT) docs generate
	$(DBT) docs serve --port $${DOCS_PORT:-8080}

# No undocumented model or column in `dbt docs` (issue #11), on a built warehouse: the generated
# column docs match the sources yml, then every column the catalog finds has a description.
docs-check: install
	$(BIN)/python scripts/document_base_models.py --check
	$(DBT) parse --quiet
	$(DBT) docs generate --quiet --no-compile
	$(BIN)/dbt-bouncer --config-file dbt-bouncer-catalog.yml
	$(BIN)/python -m ids.docs_coverage target

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
	rm -rf target logs warehouse/*.duckdb warehouse/*.wal packages report/build report/screenshots report/.evidence report/data
