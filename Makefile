# parent + word_counter. `make` builds, `make test` runs every test (plain
# and sanitized builds), `make run` shows parent on the seed's sample.

CXX      ?= g++
CXXSTD   := -std=c++17
OPT      ?= -O2 -g1
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wconversion
CXXFLAGS ?=
CPPFLAGS += -MMD -MP
LDFLAGS  ?=
BUILD    ?= build
PREFIX   ?= /usr/local
BINDIR   := $(DESTDIR)$(PREFIX)/bin
MANDIR   := $(DESTDIR)$(PREFIX)/share/man/man1
# Parallel by the core count: make test builds and runs its suites with it,
# and so does a plain `make` or `make run` (a fresh `make run` took 65 s one
# unit at a time here, 28 s on both cores). `make clean` among the goals keeps
# them in order: it must not run beside the build it precedes.
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
ifneq ($(filter clean,$(MAKECMDGOALS)),)
.NOTPARALLEL:
else ifeq ($(MAKELEVEL)$(findstring j,$(firstword -$(MAKEFLAGS))),0)
MAKEFLAGS += -j$(JOBS)
endif

# The two tools are linked statically: with no libstdc++ to load and relocate
# a process starts in half the time (3.5 ms instead of 7 on the reference VM),
# and one start per file is what counting many small files costs.
STATIC   ?= -static

# CLI11 is header-only, and a unit that includes it took most of the build:
# 24 s at -O2 -g, 49 s sanitized at -O1 with g++. One unit of both tools
# does (common/cli_conventions.cpp), built for size, since options are parsed
# once per run (8 s; 6 s sanitized with clang, at -O0). Everything has line
# tables (-g1), for backtraces, perf and the sanitizers' reports: full debug
# information took a third of the build's time (OPT='-O2 -g' for a
# debugger's variables).
CLI_OPT  ?= -Os -g1
TEST_OPT ?= -O1 -g1

COMMON_SRC := $(wildcard common/*.cpp)
WC_SRC     := $(filter-out word_counter/main.cpp,$(wildcard word_counter/*.cpp))
PARENT_SRC := $(filter-out parent/main.cpp,$(wildcard parent/*.cpp parent/process/*.cpp))
LIB_SRC    := $(WC_SRC) $(PARENT_SRC) $(COMMON_SRC)
TEST_SRC   := $(wildcard tests/test_*.cpp) tests/fixture.cpp
HELPER_SRC := $(wildcard tests/helpers/*.cpp)
# Catch2's own main, precompiled by Debian: compiling it here took 25 s.
TEST_LIBS  := -lCatch2WithMain

objs = $(patsubst %.cpp,$(1)/obj/%.o,$(2))

WC_BIN     := $(BUILD)/word_counter
PARENT_BIN := $(BUILD)/parent
UNIT_BIN   := $(BUILD)/unit_tests
TEST_OBJS  := $(call objs,$(BUILD),$(TEST_SRC))
CATCH_OBJS := $(call objs,$(BUILD),$(wildcard tests/test_*.cpp))
# Test helpers (fake workers, the reaper, input generators) are tools of the
# tests, not what they test: one plain build of them serves both builds.
HELPERS    := $(patsubst tests/helpers/%.cpp,$(BUILD)/helpers/%,$(HELPER_SRC))

# The tests' compiler: clang when there is one, else CXX. It builds the
# tests' own code and the sanitized build. clang compiles the sanitized build
# in 60% of g++'s time (51 s of CPU against 85), parses catch.hpp once into a
# precompiled header instead of once per test file, links its ASan runtime
# statically (a sanitized process starts a fifth sooner), and brings a second
# compiler's warnings. The tools users run are CXX's. TEST_CXX=g++ (or any)
# chooses another; only the default makes `make test` install clang.
TEST_CXX_CHOSEN := $(filter-out undefined,$(origin TEST_CXX))
ifndef TEST_CXX
TEST_CXX   := $(if $(shell command -v clang++ 2> /dev/null),clang++,$(CXX))
endif

# The sanitized build: every unit of the tools compiled again with ASan and
# UBSan, linked into sanitized tools and unit tests. The unit tests' own
# code is not what is checked, so their objects are the plain build's.
SAN        := $(BUILD)/sanitize
SANITIZE   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_OPT    := -O1 -g1
SAN_CLI    := -O0 -g1
# A sanitized process starts in 34 ms of CPU here, and the suites start
# thousands. Linked without PIE and with libstdc++ and libgcc inside, it
# has no relocations to apply at start (46,770 before, most of them the
# runtime's metadata of globals) and starts in 28 ms.
SAN_LINK   := -no-pie -static-libstdc++ -static-libgcc
SAN_BINS   := $(SAN)/word_counter $(SAN)/parent $(SAN)/unit_tests

SAMPLE := ' Python is great to use anyware\nPython combined with twisted is unstoppable '

.PHONY: all run test check unit sanitized builds bench install clean deps test-deps
.DELETE_ON_ERROR:

all: $(WC_BIN) $(PARENT_BIN)

# --- the plain build ------------------------------------------------------

$(WC_BIN): $(call objs,$(BUILD),word_counter/main.cpp $(WC_SRC) $(COMMON_SRC))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) $(STATIC) -o $@ $^

$(PARENT_BIN): $(call objs,$(BUILD),parent/main.cpp $(PARENT_SRC) $(COMMON_SRC))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) $(STATIC) -o $@ $^

$(UNIT_BIN): $(TEST_OBJS) $(call objs,$(BUILD),$(LIB_SRC))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)

UNIT_OPT = $(OPT)
$(BUILD)/obj/%.o: %.cpp | deps
	@mkdir -p $(@D)
	$(CXX) $(CXXSTD) $(UNIT_OPT) $(WARN) $(CXXFLAGS) $(CPPFLAGS) -c -o $@ $<

$(BUILD)/obj/common/cli_conventions.o: UNIT_OPT = $(CLI_OPT)
$(BUILD)/obj/tests/%.o: UNIT_OPT = $(TEST_OPT)

# The tests' own code; with clang, catch.hpp is parsed once, into a
# precompiled header (27 s of CPU for these files with g++, 13 with it).
# A header precompiled by another compiler, with other flags or in another
# directory (it names its source by absolute path) is refused, and one of an
# older catch.hpp would hide the new one: it is made again when any of them
# changes (PCH_KEY records the compiler, the flags and the directory).
TEST_CXXFLAGS = $(CXXSTD) $(TEST_OPT) $(WARN) $(CXXFLAGS)
CATCH_PCH  := $(if $(findstring clang,$(TEST_CXX)),$(BUILD)/obj/tests/catch.pch)
PCH_KEY    := $(BUILD)/obj/tests/catch.pch.key
$(CATCH_PCH): tests/catch_pch.hpp /usr/include/catch2/catch.hpp $(PCH_KEY) | deps
	@mkdir -p $(@D)
	$(TEST_CXX) $(TEST_CXXFLAGS) -x c++-header -o $@ $<

$(PCH_KEY): FORCE
	@mkdir -p $(@D)
	@key='$(shell $(TEST_CXX) --version 2> /dev/null | head -n 1) $(TEST_CXXFLAGS) $(CURDIR)'; \
	  [ "$$(cat $@ 2> /dev/null)" = "$$key" ] || echo "$$key" > $@

# The dependency files name the precompiled header's source by its absolute
# path; a tree moved elsewhere, or the header renamed, must not stop make.
%/tests/catch_pch.hpp: ;

.PHONY: FORCE
FORCE:

$(CATCH_OBJS): $(BUILD)/obj/%.o: %.cpp $(CATCH_PCH) | deps
	@mkdir -p $(@D)
	$(TEST_CXX) $(TEST_CXXFLAGS) $(CPPFLAGS) $(CATCH_PCH:%=-include-pch %) -c -o $@ $<

$(BUILD)/obj/tests/fixture.o: tests/fixture.cpp | deps
	@mkdir -p $(@D)
	$(TEST_CXX) $(TEST_CXXFLAGS) $(CPPFLAGS) -c -o $@ $<

# Test helpers: tiny programs, one file each, with the input generator.
$(BUILD)/helpers/%: tests/helpers/%.cpp $(BUILD)/obj/tests/fixture.o | deps
	@mkdir -p $(@D)
	$(TEST_CXX) $(TEST_CXXFLAGS) -o $@ $^

# --- the sanitized build --------------------------------------------------

$(SAN)/word_counter: $(call objs,$(SAN),word_counter/main.cpp $(WC_SRC) $(COMMON_SRC))
	$(TEST_CXX) $(SANITIZE) $(SAN_LINK) -o $@ $^

$(SAN)/parent: $(call objs,$(SAN),parent/main.cpp $(PARENT_SRC) $(COMMON_SRC))
	$(TEST_CXX) $(SANITIZE) $(SAN_LINK) -o $@ $^

$(SAN)/unit_tests: $(TEST_OBJS) $(call objs,$(SAN),$(LIB_SRC))
	$(TEST_CXX) $(SANITIZE) $(SAN_LINK) -o $@ $^ $(TEST_LIBS)

SAN_UNIT_OPT = $(SAN_OPT)
$(SAN)/obj/%.o: %.cpp | deps
	@mkdir -p $(@D)
	$(TEST_CXX) $(CXXSTD) $(SAN_UNIT_OPT) $(SANITIZE) $(WARN) $(CPPFLAGS) -c -o $@ $<

$(SAN)/obj/common/cli_conventions.o: SAN_UNIT_OPT = $(SAN_CLI)

# --------------------------------------------------------------------------

# What is missing of Debian packages $(1) (checked by the shell test $(2)),
# installed with apt-get (through sudo when not root).
define apt_install
	@$(2) || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "make: need packages $(1); install them as root" >&2; exit 1; fi; \
	  echo "make: installing $(1) with apt-get" >&2; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get install -y -qq $(1) >/dev/null 2>&1 || \
	  { $$sudo apt-get update -qq && $$sudo apt-get install -y -qq $(1); } || \
	  { echo "make: could not install $(1) with apt-get" >&2; exit 1; }; }
endef

# The headers come from Debian packages; install them when missing.
deps:
	$(call apt_install,libcli11-dev catch2,test -f /usr/include/CLI/CLI.hpp && test -f /usr/include/catch2/catch.hpp)

# The tests run GNU parallel (the README's scale-out recipe) and Twisted
# (the seed's kind of parent, driving word_counter).
test-deps:
	$(call apt_install,parallel python3-twisted $(if $(TEST_CXX_CHOSEN),,clang),command -v parallel >/dev/null && \
	  $(if $(TEST_CXX_CHOSEN),:,command -v clang++ >/dev/null) && /usr/bin/python3 -c 'import twisted' 2>/dev/null)

run: all
	@printf $(SAMPLE) | $(BUILD)/parent --verbose

unit: $(UNIT_BIN) $(WC_BIN) $(PARENT_BIN) $(HELPERS)
sanitized: $(SAN_BINS)
builds: unit sanitized

# Both builds at once, JOBS at a time, then every suite (tests/run_tests.sh
# has the plan), one more than JOBS at a time: part of a suite's time is
# spent waiting (on a --timeout, a slow fake worker), and a third suite
# fills it (on 2 cores: 60 s, against 63 s two at a time and 65 s four).
test: test-deps
	@$(MAKE) --no-print-directory builds
	@TEST_JOBS=$$(($(JOBS) + 1)) tests/run_tests.sh $(BUILD)

check: test

# Speed and memory against the peers; BENCH_MB sets the input size. Also
# the counting loop alone (bench_kernel), the chart doc/bench.svg, and
# parent's pool against word_counter on many small files (bench_pool.sh).
BENCH_KERNEL := $(BUILD)/bench_kernel

bench: all $(BENCH_KERNEL)
	@BUILD=$(BUILD) tests/bench.sh
	@BUILD=$(BUILD) tests/bench_pool.sh

$(BENCH_KERNEL): $(call objs,$(BUILD),tests/bench_kernel.cpp word_counter/counter.cpp \
                 word_counter/width.cpp word_counter/fast_count.cpp $(wildcard word_counter/simd_*.cpp))
	$(CXX) $(OPT) $(CXXFLAGS) $(LDFLAGS) -o $@ $^

# Bash completion goes where Debian's bash-completion looks for a command's
# script (also under /usr/local): one file serves both tools.
install: all
	install -d $(BINDIR) $(MANDIR) $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(WC_BIN) $(BINDIR)/word_counter
	install -m 644 word_counter/word_counter.1 $(MANDIR)/word_counter.1
	install -m 755 $(BUILD)/parent $(BINDIR)/parent
	install -m 644 parent/parent.1 $(MANDIR)/parent.1
	install -m 644 completion/tools.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/word_counter
	install -m 644 completion/tools.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/parent

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj $(SAN)/obj -name '*.d' 2>/dev/null)

# libFuzzer (clang): every SIMD path, and a file counted in chunks, against
# the scalar counter, for FUZZ_SECONDS, growing a corpus in fuzz-corpus/.
FUZZ_SECONDS ?= 60
FUZZ_BIN     := $(BUILD)/fuzz/fuzz_paths
FUZZ_SRC     := tests/fuzz_paths.cpp word_counter/counter.cpp word_counter/width.cpp \
                word_counter/fast_count.cpp $(wildcard word_counter/simd_*.cpp) \
                word_counter/count_fd.cpp word_counter/parallel_count.cpp common/fd.cpp common/pipe_size.cpp

.PHONY: fuzz
fuzz: $(FUZZ_BIN)
	@mkdir -p fuzz-corpus
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=1024 -print_final_stats=1 fuzz-corpus

$(FUZZ_BIN): $(FUZZ_SRC) $(wildcard word_counter/*.hpp)
	@mkdir -p $(@D)
	clang++ $(CXXSTD) -O1 -g $(WARN) -fsanitize=fuzzer,address,undefined -o $@ $(FUZZ_SRC)
