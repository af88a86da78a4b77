# schoolnet - top-level build.  `make demo` and `make check` are the two
# commands in the README; both install missing Debian packages first.
#
# Flags as Debian packaging expects: CFLAGS, CPPFLAGS and LDFLAGS given on
# the command line (or by dpkg-buildflags) are used as they are, and the
# project's own flags (C11, warnings as errors, include path, dependency
# files) are applied as well, from SN_* variables the user need not touch.

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    ?= build
CFLAGS   ?= -O2 -g
INSTALL  ?= install

# -Wjump-misses-init (a goto over an initialisation, the crash of issue 13)
# exists in gcc only; clang rejects unknown warnings under -Werror, so the
# flag is added when the compiler accepts it.
WARN_EXTRA := $(shell $(CC) -Werror -Wjump-misses-init -x c -c /dev/null \
                -o /dev/null 2>/dev/null && echo -Wjump-misses-init)
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            $(WARN_EXTRA) -Werror
SN_CPPFLAGS = -I. -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
SN_CFLAGS   = -std=c11 $(WARN) -MMD -MP
COMPILE     = $(CC) $(SN_CPPFLAGS) $(CPPFLAGS) $(SN_CFLAGS) $(CFLAGS)
LINK        = $(CC) $(SN_CFLAGS) $(CFLAGS) $(LDFLAGS)
# GLPK and libcsv ship no pkg-config file; GSL and Criterion do.
LIBS      = -lglpk -lcsv -lxlsxwriter $(shell pkg-config --libs gsl 2>/dev/null || echo -lgsl -lgslcblas) -lm
TEST_LIBS = $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

# Building needs the first list; the test suite also the second.
DEB_BUILD_PKGS = build-essential pkg-config libglpk-dev libcsv-dev libgsl-dev \
                 libxlsxwriter-dev
DEB_TEST_PKGS  = libcriterion-dev

LIB_SRC   = $(sort $(wildcard io/*.c model/*.c solver/*.c gen/*.c))
CLI_SRC   = $(sort $(filter-out cli/main.c,$(wildcard cli/*.c)))
# tests/fuzz/fuzz_*.c are libFuzzer entry points (make fuzz), not tests
TEST_SRC  = $(sort $(filter-out tests/fuzz/fuzz_%.c,$(wildcard tests/*/*.c)))

LIB_OBJ   = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ  = $(TEST_SRC:%.c=$(BUILD)/%.o)

BIN       = $(BUILD)/schoolnet
TESTBIN   = $(BUILD)/schoolnet-tests

.PHONY: all deps demo check test layers asan memcheck fuzz fuzzers mutate \
        install uninstall clean bench

all: $(BIN)

# Installs what is missing: as root with apt-get, otherwise prints the
# command.  Marker files keep later runs quiet and fast.  Plain `make`
# needs the build packages only; the tests add Criterion.
deps: $(BUILD)/.deps-build $(BUILD)/.deps-test
$(BUILD)/.deps-build:
	@sh tools/deps.sh $(DEB_BUILD_PKGS)
	@mkdir -p $(BUILD) && touch $@
$(BUILD)/.deps-test: | $(BUILD)/.deps-build
	@sh tools/deps.sh $(DEB_TEST_PKGS)
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	$(COMPILE) -c $< -o $@

$(BUILD)/%.o: %.c | $(BUILD)/.deps-build
	@mkdir -p $(dir $@)
	$(COMPILE) -c $< -o $@

$(BUILD)/libschoolnet.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/cli/main.o $(CLI_OBJ) $(BUILD)/libschoolnet.a
	$(LINK) -o $@ $^ $(LIBS)

$(TESTBIN): $(TEST_OBJ) $(CLI_OBJ) $(BUILD)/libschoolnet.a
	$(LINK) -o $@ $^ $(TEST_LIBS) $(LIBS)

# The demo plans 2020, the policy's milestone year, from projected demand.
DEMO_OUT ?= out/demo-county-2020
DEMO_INI ?= scenarios/demo-county/scenario-2020.ini
demo: $(BUILD)/.deps-build $(BIN)
	./$(BIN) validate $(DEMO_INI)
	./$(BIN) plan $(DEMO_INI) -o $(DEMO_OUT)
	./$(BIN) check $(DEMO_INI) $(DEMO_OUT)

# Tests run from the top folder (they read scenarios/ and tests/data/).
check test: $(BUILD)/.deps-test $(TESTBIN) $(BIN) layers
	./$(TESTBIN) --jobs 2

# The report outputs as their users meet them: report.html in headless
# Chromium, the GeoJSON layers through ogrinfo, plan.xlsx through openpyxl
# (tests/report/run.sh).  The three are test-only tools.
DEB_REPORT_PKGS = chromium gdal-bin python3-openpyxl
.PHONY: test-report
test-report: $(BUILD)/.deps-build $(BIN)
	@sh tools/deps.sh $(DEB_REPORT_PKGS)
	BIN=$(BIN) tests/report/run.sh

# Fuzzing (clang's libFuzzer, ASan, UBSan): each harness of tests/fuzz/
# for FUZZ_SECONDS (tools/fuzz.sh); a crash input is kept in
# build-fuzz/crashes/ and, once fixed, in tests/fuzz/regressions/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = csv ini plan json
FUZZ_CFLAGS   = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz: $(BUILD)/.deps-test
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" fuzzers
	sh tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
fuzzers: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/fuzz_%.o)
$(BUILD)/fuzz/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/targets.o \
                      $(BUILD)/libschoolnet.a
	@mkdir -p $(dir $@)
	$(LINK) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

# Mutation testing (tools/mutate.sh, tools/mutants.txt): every mutant must
# make the suite fail; survivors, stale or broken mutants fail the target.
mutate: $(BUILD)/.deps-test
	sh tools/mutate.sh

# Which folder may include which (tools/layers.sh): io/ never sees solver/.
layers:
	@sh tools/layers.sh

# The whole suite under AddressSanitizer + UBSan.  Criterion runs each test
# in a child process, where a LeakSanitizer report alone does not fail the
# test, so the log is scanned and any sanitizer report fails the target.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
asan: $(BUILD)/.deps-test
	$(MAKE) BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  build-asan/schoolnet-tests build-asan/schoolnet
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ./build-asan/schoolnet-tests --jobs 2 2>&1 | tee build-asan/tests.log; \
	  status=$${PIPESTATUS[0]}; \
	  if grep -qE "ERROR: (Leak|Address)Sanitizer|runtime error:" build-asan/tests.log; then \
	    echo "asan: sanitizer reports found (see build-asan/tests.log)"; exit 1; fi; \
	  exit $$status
asan: SHELL := /bin/bash

# valgrind on the main job (a short plan of the demo county): any leak or
# memory error fails.
memcheck: $(BUILD)/.deps-build $(BIN)
	valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
	  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 \
	  ./$(BIN) plan $(DEMO_INI) -o $(BUILD)/memcheck \
	  --time-limit 20 --quiet

bench: $(BIN)
	./bench/run.sh

install: $(BIN)
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/schoolnet
	$(INSTALL) -m 644 docs/schoolnet.1 $(DESTDIR)$(PREFIX)/share/man/man1/schoolnet.1

# Removes exactly what `install` put there (same PREFIX and DESTDIR).
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/schoolnet \
	  $(DESTDIR)$(PREFIX)/share/man/man1/schoolnet.1

clean:
	rm -rf build build-asan build-clang build-mutate build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/cli/main.d

# Projection benchmark: 10,000 zones x 9 grades x 10 years (bench/README.md).
.PHONY: bench-forecast
bench-forecast: $(BUILD)/bench/forecast_bench
	./$(BUILD)/bench/forecast_bench
$(BUILD)/bench/forecast_bench: $(BUILD)/bench/forecast_bench.o $(BUILD)/libschoolnet.a
	$(LINK) -o $@ $^ $(LIBS)

# Cluster runs (issue 15): GNU parallel and a real single-node Slurm run a
# batch emitted with `batch --emit`; `collect` must give the folder
# `batch --jobs 2` gives.  The Slurm test starts its own munged, slurmctld
# and slurmd, so it needs root (it skips, saying why, otherwise).
# Packages: parallel slurm-wlm munge.
.PHONY: test-cluster
test-cluster: $(BIN)
	sh tests/cluster/parallel.sh $(BIN)
	sh tests/cluster/slurm.sh $(BIN)
