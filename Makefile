# weeekd — the only build file. `make` builds build/weeekd; `make test` runs every suite.
# Variants: BUILD=release (the default: optimised, hardened, no -Werror, binary at
# build/weeekd), debug and asan (-Werror, binaries at build/<variant>/weeekd); each
# variant's objects live in build/<variant>/ so they never clobber each other. `make test`
# and a goal under build/debug/ or build/asan/ pick their variant unless BUILD is given:
# tests run the -Werror debug build, users run the release build.
ifeq ($(origin BUILD),undefined)
ifneq ($(filter test test-run build/debug/%,$(MAKECMDGOALS)),)
BUILD := debug
else ifneq ($(filter build/asan/%,$(MAKECMDGOALS)),)
BUILD := asan
else
BUILD := release
endif
endif
CC      ?= gcc
PKGS    := libmicrohttpd jansson sqlite3 libpq libcurl
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

OUT     := build/$(BUILD)
GEN     := $(OUT)/gen
ifeq ($(BUILD),release)
BIN     := build/weeekd
else
BIN     := $(OUT)/weeekd
endif

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wold-style-definition -Wpointer-arith -Wcast-qual -Wwrite-strings -Wformat=2 -Wvla \
	-Wundef -Wimplicit-fallthrough -Wnull-dereference -Wduplicated-cond \
	-Wduplicated-branches -Wlogical-op -fno-common -Wno-overlength-strings -Wno-format-truncation
BASE := -std=c17 -D_GNU_SOURCE -DWEEEKD_VERSION='"$(VERSION)"' -Isrc -I$(GEN) -MMD -MP \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libunistring (core/fold.c) has no pkg-config file
LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring -lpthread -lm

ifeq ($(BUILD),debug)
CFLAGS_V := -O1 -g -Werror
else ifeq ($(BUILD),asan)
CFLAGS_V := -O1 -g -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS_V := -fsanitize=address,undefined
else ifeq ($(BUILD),release)
# Debian's hardening set (dpkg-buildflags with hardening=+all), and no -Werror: a newer
# compiler's new warning must not break a user's build
CFLAGS_V := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection \
	-fcf-protection -fPIE
LDFLAGS_V := -pie -Wl,-z,relro,-z,now -Wl,--as-needed
else
$(error unknown BUILD=$(BUILD): use debug, asan or release)
endif

# V=1 shows the full compiler command lines
Q := $(if $(V),,@)
CFLAGS  := $(BASE) $(WARN) $(CFLAGS_V) $(EXTRA_CFLAGS)
LDFLAGS := $(LDFLAGS_V) $(EXTRA_LDFLAGS)
# the parsers get the integer-conversion warnings too (GUIDE 3.13)
STRICT  := -Wconversion -Wsign-conversion

# src/<layer>/*.c, and src/api/<part>/*.c (docs/internals/layers.md)
SRC      := $(wildcard src/*/*.c src/*/*/*.c)
LIB_SRC  := $(filter-out src/main/%,$(SRC))
MAIN_SRC := $(wildcard src/main/*.c)
GEN_SRC  := $(GEN)/queries.c $(GEN)/schema.c $(GEN)/openapi.c $(GEN)/ui.c $(GEN)/seed.c
LIB_OBJ  := $(patsubst src/%.c,$(OUT)/obj/%.o,$(LIB_SRC)) $(patsubst $(GEN)/%.c,$(OUT)/obj/gen/%.o,$(GEN_SRC))
MAIN_OBJ := $(patsubst src/%.c,$(OUT)/obj/%.o,$(MAIN_SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(OUT)/tests/%,$(UNIT_SRC))
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(OUT)/fuzz/%,$(FUZZ_SRC))

SQL_QUERIES := $(sort $(wildcard sql/queries/*.sql)) $(sort $(wildcard sql/queries/pg/*.sql))
SCHEMA := $(sort $(wildcard sql/schema/[0-9]*.sql))
OPENAPI := openapi/weeekd.openapi.json
# the web interface: flat, served as /ui/<name> (index.html also at /)
UI_FILES := $(sort $(wildcard ui/*.html ui/*.js ui/*.css ui/*.svg))
# the demo workspaces of `init --seed` (seed/gen.py writes them; src/port/seed.c)
SEED_FILES := $(sort $(wildcard seed/*.json))

.PHONY: all run test test-run fmt fmt-check lint clean deps routes coverage bench bench-tasks bench-crm bench-load bench-scale install deb \
	bench-ui ui-screenshots bench-import bench-double bench-workspaces
all: $(BIN)

# ---- install and package ---------------------------------------------------------------
# `make install` (PREFIX=/usr/local, DESTDIR for staging): the binary, its man page, the
# example configuration and the systemd unit. `make deb`: build/weeekd_<version>_<arch>.deb
# (tools/mkdeb.sh, dpkg-deb): all that plus /etc/weeekd/weeekd.conf, the weeekd system
# user and /var/lib/weeekd.
PREFIX         ?= /usr/local
BINDIR         ?= $(PREFIX)/bin
MANDIR         ?= $(PREFIX)/share/man
DOCDIR         ?= $(PREFIX)/share/doc/weeekd
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system

install: $(BIN)
	install -D -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/weeekd
	install -D -m 0644 dist/weeekd.1 $(DESTDIR)$(MANDIR)/man1/weeekd.1
	install -D -m 0644 dist/weeekd.conf $(DESTDIR)$(DOCDIR)/weeekd.conf.example
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|g' dist/weeekd.service >$(DESTDIR)$(SYSTEMDUNITDIR)/weeekd.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/weeekd.service

deb: $(BIN)
	@tools/mkdeb.sh $(BIN) $(VERSION)

$(BIN): $(LIB_OBJ) $(MAIN_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(OUT)/obj/%.o: src/%.c $(GEN)/queries.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(if $(filter src/core/% src/http/qs.c src/http/multipart.c,$<),$(STRICT)) -c -o $@ $<

$(OUT)/obj/gen/%.o: $(GEN)/%.c $(GEN)/queries.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(GEN)/queries.h $(GEN)/queries.c: $(SQL_QUERIES) tools/sqlgen.awk
	@mkdir -p $(GEN)
	awk -v out=$(GEN) -f tools/sqlgen.awk $(SQL_QUERIES)

# each migration is written once (sql/schema/NNNN_what.sql) and made into both databases' SQL
$(GEN)/schema.c: $(SCHEMA) tools/schemagen.awk tools/embed.sh
	@rm -rf $(GEN)/schema
	@mkdir -p $(GEN)/schema/sqlite $(GEN)/schema/pg
	$(Q)for f in $(SCHEMA); do \
		for d in sqlite pg; do \
			awk -v dialect=$$d -f tools/schemagen.awk $$f >$(GEN)/schema/$$d/$${f##*/} || exit 1; \
		done; \
	done
	tools/embed.sh schema_sqlite $(GEN)/schema_sqlite.inc $(addprefix $(GEN)/schema/sqlite/,$(notdir $(SCHEMA)))
	tools/embed.sh schema_pg $(GEN)/schema_pg.inc $(addprefix $(GEN)/schema/pg/,$(notdir $(SCHEMA)))
	{ echo '#include "schema_sqlite.inc"'; sed -n '/^static const/,$$p' $(GEN)/schema_pg.inc; } >$@

$(GEN)/openapi.c: $(OPENAPI) tools/embed.sh
	@mkdir -p $(GEN)
	tools/embed.sh openapi_doc $@ $(OPENAPI)

# ui itself: a file added or removed changes the directory, so the list is rebuilt too
$(GEN)/ui.c: $(UI_FILES) ui tools/embed.sh
	@mkdir -p $(GEN)
	tools/embed.sh ui_files $@ $(UI_FILES)

$(GEN)/seed.c: $(SEED_FILES) seed tools/embed.sh
	@mkdir -p $(GEN)
	tools/embed.sh seed_files $@ $(SEED_FILES)

# ---- tests ----------------------------------------------------------------------------
$(OUT)/tests/%: tests/unit/%.c tests/unit/testlib.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS) -lcmocka

$(OUT)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay_main.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay_main.c $(LIB_OBJ) $(LIBS)

# ---- libFuzzer ------------------------------------------------------------------------
# `make fuzz` builds real fuzzers with clang into build/libfuzzer/ (needs clang and
# libclang-rt-14-dev); `make fuzz-run FUZZ_SECONDS=120` runs each on a copy of its corpus
# and leaves new inputs in build/libfuzzer/corpus/<target>/ and crashes in build/libfuzzer/.
# Fold a worthwhile input into tests/fuzz/corpus/<target>/ by hand; CI replays that.
FUZZ_CC      ?= clang
FUZZ_OUT     := build/libfuzzer
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  := -std=c17 -D_GNU_SOURCE -DWEEEKD_VERSION='"$(VERSION)"' -Isrc -I$(GEN) -MMD -MP \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra
FUZZ_OBJ     := $(patsubst src/%.c,$(FUZZ_OUT)/obj/%.o,$(LIB_SRC)) \
	$(patsubst $(GEN)/%.c,$(FUZZ_OUT)/obj/gen/%.o,$(GEN_SRC))
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,$(FUZZ_OUT)/%,$(FUZZ_SRC))

.PHONY: fuzz fuzz-deps fuzz-run
fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS)

fuzz-deps:
	@tools/deps.sh fuzz

# kept between runs (make would delete them as intermediates and rebuild all next time)
.SECONDARY: $(FUZZ_OBJ)

$(FUZZ_OUT)/obj/%.o: src/%.c $(GEN)/queries.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_OUT)/obj/gen/%.o: $(GEN)/%.c $(GEN)/queries.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_OUT)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz-run: fuzz
	@for f in $(FUZZ_TARGETS); do t=$${f##*/fuzz_}; mkdir -p $(FUZZ_OUT)/corpus/$$t; \
		echo "fuzz_$$t: $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_OUT)/crash-$$t- $(FUZZ_OUT)/corpus/$$t \
			tests/fuzz/corpus/$$t 2>$(FUZZ_OUT)/$$t.log || { tail -40 $(FUZZ_OUT)/$$t.log; exit 1; }; \
		grep -E '^stat::(number_of_executed_units|new_units_added)' $(FUZZ_OUT)/$$t.log; \
	done

PYTEST  := /usr/bin/python3 -m pytest
RESULTS := $(OUT)/results

test: deps
	@$(MAKE) --no-print-directory test-run

test-run: $(BIN) $(UNIT_BIN) $(FUZZ_BIN)
	@rm -rf $(RESULTS); mkdir -p $(RESULTS)
	@tools/run_tests.sh $(OUT) $(BIN) $(RESULTS) "$(WEEEKD_TEST_BACKENDS)"

deps:
	@tools/deps.sh test

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@tools/run.sh $(BIN)

# throughput and latency against a libmicrohttpd ceiling (bench/README.md); ~2 minutes
bench:
	@bench/run.sh

# GET /tm/tasks and GET /tm/tasks/{id} with 100,000 tasks on both backends; ~4 minutes
bench-tasks:
	@bench/tasks.sh
# the CRM: 50,000 deals, a status's list (filters, paging, sort) and moves; ~3 minutes
bench-crm:
	@bench/crm.sh
# issue 8's workloads (task get/create/mix, deal list/move) beside the ceiling; ~6 minutes
bench-load:
	@bench/load.sh

# the test double's admin calls: workspace create, reset (1,000 tasks), snapshot and
# restore (10,000 tasks) on both backends; ~2 minutes
bench-double:
	@bench/double.sh

# export/import of 10,000 tasks and 2,000 deals through the API and a file (README)
bench-import:
	@bench/import.sh
# task list and get at 100,000 and 1,000,000 tasks, database size per task; ~10 minutes
bench-scale:
	@bench/scale.sh

# PostgreSQL task creates spread over 16 workspaces, one weeekd process against two
# (issue 18); BENCH_OLD=path/to/weeekd adds an older binary's rows to the same run
bench-workspaces: $(BIN)
	@bench/workspaces.sh

# the web interface in headless Chromium: 1,000 tasks on a board, 1,000 deals; ~2 minutes
bench-ui: $(BIN)
	@tools/deps.sh test
	@WEEEKD_BIN=$(BIN) /usr/bin/python3 bench/ui.py

# docs/img/board.png and docs/img/pipeline.png (shown in the README) from a demo workspace
ui-screenshots: $(BIN)
	@tools/deps.sh test
	@WEEEKD_BIN=$(BIN) /usr/bin/python3 tools/ui_screenshots.py

routes: $(BIN)
	@$(BIN) routes

coverage: $(BIN)
	/usr/bin/python3 tools/coverage.py $(BIN)

fmt:
	clang-format -i $(wildcard src/*/*.c src/*/*.h src/*/*/*.c src/*/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c)

fmt-check:
	@clang-format --dry-run -Werror $(wildcard src/*/*.c src/*/*.h src/*/*/*.c src/*/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c)

lint:
	@cppcheck --quiet --enable=warning,portability --error-exitcode=1 --inline-suppr \
		--suppress=missingIncludeSystem -Isrc $(SRC)
	@tools/check_layers.sh
	@tools/check_includes.sh

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(wildcard $(FUZZ_OUT)/obj/*/*.d)
