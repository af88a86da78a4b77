# schoolnet - top-level build.  `make demo` and `make check` are the two
# commands in the README; both install missing Debian packages first.

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    ?= build
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Werror
OPT      ?= -O2 -g
CFLAGS   += $(CSTD) $(WARN) $(OPT) -I. -MMD -MP
# GLPK and libcsv ship no pkg-config file; GSL and Criterion do.
LIBS      = -lglpk -lcsv -lxlsxwriter $(shell pkg-config --libs gsl 2>/dev/null || echo -lgsl -lgslcblas) -lm
TEST_LIBS = $(shell pkg-config --libs criterion 2>/dev/null || echo -lcriterion)

DEB_PKGS  = build-essential pkg-config libglpk-dev libcsv-dev libgsl-dev \
            libcriterion-dev libxlsxwriter-dev

LIB_SRC   = $(sort $(wildcard io/*.c model/*.c solver/*.c gen/*.c))
CLI_SRC   = $(sort $(filter-out cli/main.c,$(wildcard cli/*.c)))
TEST_SRC  = $(sort $(wildcard tests/*/*.c))

LIB_OBJ   = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ  = $(TEST_SRC:%.c=$(BUILD)/%.o)

BIN       = $(BUILD)/schoolnet
TESTBIN   = $(BUILD)/schoolnet-tests

.PHONY: all deps demo check test asan memcheck install clean bench

all: $(BIN)

# Installs what is missing: as root with apt-get, otherwise prints the
# command.  A marker file keeps later runs quiet and fast.
deps: $(BUILD)/.deps
$(BUILD)/.deps:
	@mkdir -p $(BUILD)
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; fi
	@touch $@

$(BUILD)/%.o: %.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libschoolnet.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/cli/main.o $(CLI_OBJ) $(BUILD)/libschoolnet.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(TESTBIN): $(TEST_OBJ) $(CLI_OBJ) $(BUILD)/libschoolnet.a
	$(CC) $(CFLAGS) -o $@ $^ $(TEST_LIBS) $(LIBS) $(LDFLAGS)

# The demo plans 2020, the policy's milestone year, from projected demand.
DEMO_OUT ?= out/demo-county-2020
DEMO_INI ?= scenarios/demo-county/scenario-2020.ini
demo: deps $(BIN)
	./$(BIN) validate $(DEMO_INI)
	./$(BIN) plan $(DEMO_INI) -o $(DEMO_OUT)
	./$(BIN) check $(DEMO_INI) $(DEMO_OUT)

# Tests run from the top folder (they read scenarios/ and tests/data/).
check test: deps $(TESTBIN) $(BIN)
	./$(TESTBIN) --jobs 2

# The whole suite under AddressSanitizer + UBSan.  Criterion runs each test
# in a child process, where a LeakSanitizer report alone does not fail the
# test, so the log is scanned and any sanitizer report fails the target.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
asan: deps
	$(MAKE) BUILD=build-asan OPT="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
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
memcheck: deps $(BIN)
	valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
	  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 \
	  ./$(BIN) plan $(DEMO_INI) -o $(BUILD)/memcheck \
	  --time-limit 20 --quiet

bench: $(BIN)
	./bench/run.sh

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/schoolnet
	install -m 644 docs/schoolnet.1 $(DESTDIR)$(PREFIX)/share/man/man1/schoolnet.1

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/cli/main.d

# Projection benchmark: 10,000 zones x 9 grades x 10 years (bench/README.md).
.PHONY: bench-forecast
bench-forecast: $(BUILD)/bench/forecast_bench
	./$(BUILD)/bench/forecast_bench
$(BUILD)/bench/forecast_bench: $(BUILD)/bench/forecast_bench.o $(BUILD)/libschoolnet.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)
