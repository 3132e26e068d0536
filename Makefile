# parent + word_counter. `make` builds, `make test` runs every test (plain
# and sanitized builds), `make run` shows parent on the seed's sample.

CXX      ?= g++
CXXSTD   := -std=c++17
OPT      ?= -O2 -g
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wconversion
CXXFLAGS ?=
CPPFLAGS += -MMD -MP
LDFLAGS  ?=
BUILD    ?= build
PREFIX   ?= /usr/local
BINDIR   := $(DESTDIR)$(PREFIX)/bin
MANDIR   := $(DESTDIR)$(PREFIX)/share/man/man1

SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The two tools are linked statically: with no libstdc++ to load and relocate
# a process starts in half the time (3.5 ms instead of 7 on the reference VM),
# and one start per file is what counting many small files costs. The
# sanitized build cannot be static; it sets this empty.
STATIC   ?= -static

COMMON_SRC := $(wildcard common/*.cpp)
WC_SRC     := $(filter-out word_counter/main.cpp,$(wildcard word_counter/*.cpp))
PARENT_SRC := $(filter-out parent/main.cpp,$(wildcard parent/*.cpp))
TEST_SRC   := $(wildcard tests/test_*.cpp) tests/fixture.cpp
HELPER_SRC := $(wildcard tests/helpers/*.cpp)

objs = $(patsubst %.cpp,$(BUILD)/obj/%.o,$(1))

WC_BIN     := $(BUILD)/word_counter
PARENT_BIN := $(if $(wildcard parent/main.cpp),$(BUILD)/parent)
UNIT_BIN   := $(BUILD)/unit_tests
HELPERS    := $(patsubst tests/helpers/%.cpp,$(BUILD)/helpers/%,$(HELPER_SRC))

SAMPLE := ' Python is great to use anyware\nPython combined with twisted is unstoppable '

.PHONY: all run test check unit bench install clean deps
.DELETE_ON_ERROR:

all: $(WC_BIN) $(PARENT_BIN)

$(WC_BIN): $(call objs,word_counter/main.cpp $(WC_SRC) $(COMMON_SRC))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) $(STATIC) -o $@ $^

$(BUILD)/parent: $(call objs,parent/main.cpp $(PARENT_SRC) $(COMMON_SRC))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) $(STATIC) -o $@ $^

$(UNIT_BIN): $(call objs,tests/catch_main.cpp $(TEST_SRC) $(WC_SRC) $(PARENT_SRC) $(COMMON_SRC))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) -o $@ $^

# Test helpers: tiny programs (fake workers, input generators), one file each.
$(BUILD)/helpers/%: tests/helpers/%.cpp tests/fixture.cpp | deps
	@mkdir -p $(@D)
	$(CXX) $(CXXSTD) $(OPT) $(WARN) $(CXXFLAGS) $(LDFLAGS) -o $@ $^

$(BUILD)/obj/%.o: %.cpp | deps
	@mkdir -p $(@D)
	$(CXX) $(CXXSTD) $(OPT) $(WARN) $(CXXFLAGS) $(CPPFLAGS) -c -o $@ $<

# The headers come from Debian packages; install them when missing.
deps:
	@test -f /usr/include/CLI/CLI.hpp && test -f /usr/include/catch2/catch.hpp || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "make: need packages libcli11-dev and catch2; install them as root" >&2; exit 1; fi; \
	  echo "make: installing libcli11-dev catch2 with apt-get" >&2; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get install -y -qq libcli11-dev catch2 >/dev/null 2>&1 || \
	  { $$sudo apt-get update -qq && $$sudo apt-get install -y -qq libcli11-dev catch2; } || \
	  { echo "make: could not install libcli11-dev and catch2 with apt-get" >&2; exit 1; }; }

run: all
	@printf $(SAMPLE) | $(BUILD)/parent --verbose

unit: $(UNIT_BIN) $(WC_BIN) $(PARENT_BIN) $(HELPERS)

# Both builds, then every suite against each.
test:
	@$(MAKE) --no-print-directory -j2 unit
	@$(MAKE) --no-print-directory -j2 unit BUILD=build/sanitize CXXFLAGS="$(SANITIZE)" \
	  LDFLAGS="$(SANITIZE)" OPT="-O1 -g" STATIC=
	@tests/run_tests.sh build build/sanitize

check: test

# Speed and memory against the peers; BENCH_MB sets the input size. Also
# the counting loop alone (bench_kernel) and the chart doc/bench.svg.
BENCH_KERNEL := $(BUILD)/bench_kernel

bench: all $(BENCH_KERNEL)
	@tests/bench.sh

$(BENCH_KERNEL): $(call objs,tests/bench_kernel.cpp word_counter/counter.cpp word_counter/width.cpp \
                 word_counter/fast_count.cpp $(wildcard word_counter/simd_*.cpp))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) -o $@ $^

install: all
	install -d $(BINDIR) $(MANDIR)
	install -m 755 $(WC_BIN) $(BINDIR)/word_counter
	install -m 644 word_counter/word_counter.1 $(MANDIR)/word_counter.1
	install -m 755 $(BUILD)/parent $(BINDIR)/parent
	install -m 644 parent/parent.1 $(MANDIR)/parent.1

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# libFuzzer (clang): every SIMD path against the scalar counter, for
# FUZZ_SECONDS, growing a corpus in fuzz-corpus/.
FUZZ_SECONDS ?= 60
FUZZ_BIN     := $(BUILD)/fuzz/fuzz_paths
FUZZ_SRC     := tests/fuzz_paths.cpp word_counter/counter.cpp word_counter/width.cpp \
                word_counter/fast_count.cpp $(wildcard word_counter/simd_*.cpp)

.PHONY: fuzz
fuzz: $(FUZZ_BIN)
	@mkdir -p fuzz-corpus
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=1024 -print_final_stats=1 fuzz-corpus

$(FUZZ_BIN): $(FUZZ_SRC) $(wildcard word_counter/*.hpp)
	@mkdir -p $(@D)
	clang++ $(CXXSTD) -O1 -g $(WARN) -fsanitize=fuzzer,address,undefined -o $@ $(FUZZ_SRC)
