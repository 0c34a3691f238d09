# Kedai developer commands. The real build is CMake (CMakePresets.json); this file only strings
# the steps together so that one word does the whole job:
#
#   make deps          install the missing Debian 12 packages (scripts/install-deps.sh)
#   make build         configure (preset `ci`: RelWithDebInfo, Ninja) and build into build/
#   make run [ARGS=…]  build, then start kedai --demo (with a display) or kedaid --demo
#   make test          build, start PostgreSQL + Redis, run ctest, stop them again
#   make test-only     the same without deps/build (against the existing build/)
#   make format        clang-format -i over src/ tests/ bench/
#   make format-check  fail when a file is not formatted (run by `make test` when CI=true)
#   make bench         build, then bench/run.sh: Kedai beside pgbench/redis-benchmark [BENCH_ARGS=…]
#   make screenshots   build, then scripts/screenshots.sh: every panel under Xvfb into docs/screenshots
#   make package       build, cpack -G DEB into dist/, check the packages
#   make clean         stop the test services, delete build/ and dist/
#
# Knobs: CI=true (warnings are errors, format-check before tests), NO_DEPS=1 (skip the package
# check, e.g. on another distribution), PRESET, BUILD_DIR, JOBS, TEST_JOBS, CTEST_ARGS.

SHELL := bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := build
# Orchestration only: cmake and ctest parallelise the real work.
.NOTPARALLEL:

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BUILD_DIR ?= $(ROOT)/build
DIST_DIR ?= $(ROOT)/dist
PRESET ?= ci
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TEST_JOBS ?= 2
CTEST_ARGS ?=
ARGS ?=
BENCH_ARGS ?=
CLANG_FORMAT ?= clang-format

IS_CI := $(filter true 1 yes,$(CI))
KEDAI_WERROR ?= $(if $(IS_CI),ON,OFF)

DEPS := $(ROOT)/scripts/install-deps.sh
SERVICES := KEDAI_BUILD_DIR=$(BUILD_DIR) $(ROOT)/scripts/test-services.sh
FORMAT_DIRS = $(wildcard $(ROOT)/src $(ROOT)/tests $(ROOT)/bench)
FORMAT_FILES = find $(FORMAT_DIRS) -type f \( -name '*.cpp' -o -name '*.h' \) -print0

.PHONY: deps deps-build deps-run deps-test deps-package build configure run test test-only \
        format format-check bench screenshots package clean distclean help

help:
	@sed -n '4,18p' $(ROOT)/Makefile | sed 's/^# \{0,1\}//'

# --- dependencies ---------------------------------------------------------------------------
deps:
	@$(if $(NO_DEPS),true,$(DEPS))
deps-build:
	@$(if $(NO_DEPS),true,$(DEPS) --build)
deps-run:
	@$(if $(NO_DEPS),true,$(DEPS) --run)
deps-test:
	@$(if $(NO_DEPS),true,$(DEPS) --build --test)
deps-package:
	@$(if $(NO_DEPS),true,$(DEPS) --build --package)

# --- build ----------------------------------------------------------------------------------
# Configuring every time is cheap (about a second) and picks up changed options such as
# KEDAI_WERROR; Ninja then rebuilds only what changed.
configure: deps-build
	cmake --preset $(PRESET) -S $(ROOT) -B $(BUILD_DIR) -DKEDAI_WERROR=$(KEDAI_WERROR)

build: configure
	cmake --build $(BUILD_DIR) --parallel $(JOBS)

# --- run ------------------------------------------------------------------------------------
run: deps-run build
	@if [[ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" && -x $(BUILD_DIR)/src/app/kedai ]]; then \
	  echo "make run: display found, starting kedai --demo $(ARGS)"; \
	  exec $(BUILD_DIR)/src/app/kedai --demo $(ARGS); \
	elif [[ -x $(BUILD_DIR)/src/app/kedaid ]]; then \
	  if [[ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]]; then why="kedai was not built"; \
	  else why="no display: DISPLAY and WAYLAND_DISPLAY are unset"; fi; \
	  echo "make run: $$why; starting kedaid --demo $(ARGS)"; \
	  exec $(BUILD_DIR)/src/app/kedaid --demo $(ARGS); \
	else \
	  echo "make run: neither $(BUILD_DIR)/src/app/kedai nor kedaid was built" >&2; exit 1; \
	fi

# --- tests ----------------------------------------------------------------------------------
# In CI the format check runs first: it is the cheapest way to fail.
test: deps-test $(if $(IS_CI),format-check) build test-only

# One shell: the trap stops the services whatever happens (failed tests, Ctrl-C), quietly, so
# that ctest's summary stays the last thing printed; the exit status is ctest's.
test-only:
	@rc=0; \
	trap '$(SERVICES) stop >>$(BUILD_DIR)/test-services.log 2>&1' EXIT; \
	trap 'exit 130' INT TERM; \
	$(SERVICES) start || exit $$?; \
	set -a; . $(BUILD_DIR)/test-services.env; set +a; \
	export QT_QPA_PLATFORM=offscreen; \
	ctest --test-dir $(BUILD_DIR) --output-on-failure --no-tests=error -j$(TEST_JOBS) $(CTEST_ARGS) || rc=$$?; \
	exit $$rc

# --- formatting -----------------------------------------------------------------------------
format:
	@$(FORMAT_FILES) | xargs -0 -r $(CLANG_FORMAT) -i
	@echo "format: done ($$($(CLANG_FORMAT) --version))"

format-check:
	@$(FORMAT_FILES) | xargs -0 -r $(CLANG_FORMAT) --dry-run --Werror --ferror-limit=1 \
	  || { echo "format-check: files above are not formatted; run 'make format'" >&2; exit 1; }
	@echo "format-check: ok"

# --- benchmarks -----------------------------------------------------------------------------
bench: deps-test build
	@BUILD_DIR=$(BUILD_DIR) BENCH_ARGS="$(BENCH_ARGS)" bash $(ROOT)/bench/run.sh

screenshots: deps-test build
	@BUILD_DIR=$(BUILD_DIR) bash $(ROOT)/scripts/screenshots.sh

# --- packaging ------------------------------------------------------------------------------
package: deps-package build
	rm -rf $(DIST_DIR)
	mkdir -p $(DIST_DIR)
	cd $(BUILD_DIR) && cpack -G DEB --config $(BUILD_DIR)/CPackConfig.cmake -B $(DIST_DIR)
	rm -rf $(DIST_DIR)/_CPack_Packages
	bash $(ROOT)/tests/integration/check_packages.sh $(DIST_DIR)
	@ls -l $(DIST_DIR)/*.deb

# --- cleaning -------------------------------------------------------------------------------
# Stop the services first: their state file lives in build/.
clean:
	@$(SERVICES) stop >/dev/null 2>&1 || true
	rm -rf $(BUILD_DIR) $(DIST_DIR)

distclean: clean
	rm -rf $(ROOT)/build-asan $(ROOT)/build-release
