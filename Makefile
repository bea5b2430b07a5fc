# nnbook — a terminal notebook that teaches how neural networks learn.
#
#   make run      install missing Debian packages, build, open the lessons
#   make test     install missing Debian packages, build, run every test
#   make asan     the tests again under AddressSanitizer + UBSan
#   make valgrind the C test programs under valgrind (leaks are failures)
#   make bench    timings (see README)
#   make fuzz     libFuzzer on each target, FUZZ_TIME seconds each (clang)
#   make test-ssh a real SSH session end to end (root)
#   make install  PREFIX=/usr/local DESTDIR=

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/nnbook
MANDIR    = $(PREFIX)/share/man/man1

BUILD    ?= build
CC       ?= cc
PKGS      = lua5.4 ncursesw libcmark libseccomp
DEBS      = liblua5.4-dev libncurses-dev libcmark-dev libseccomp-dev pkg-config tmux strace

# -ffp-contract=off everywhere: a fused multiply-add changes the last bit of
# x1*x1 + x2*x2, and the lessons must print numpy's numbers exactly.
WARN      = -Wall -Wextra -Wshadow -Wundef -Wstrict-prototypes -Wmissing-prototypes
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
CFLAGS   += -std=c11 $(WARN) -ffp-contract=off -MMD -MP $(CFLAGS_EXTRA)
CPPFLAGS += -D_DEFAULT_SOURCE -Iinclude -I$(BUILD)/gen \
            -DNNBOOK_VERSION='"$(VERSION)"' -DNNBOOK_DATADIR='"$(DATADIR)"'
ifdef SAN
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LUA_LIBS   := $(shell pkg-config --libs lua5.4 2>/dev/null)
SECCOMP_LIBS := $(shell pkg-config --libs libseccomp 2>/dev/null)
CMARK_LIBS := $(shell pkg-config --libs libcmark 2>/dev/null)

CORE_SRC   = $(wildcard src/core/*.c)
LUA_SRC    = $(wildcard src/lua/*.c)
KERNEL_SRC = $(wildcard src/kernel/*.c)
RENDER_SRC = $(wildcard src/render/*.c)
UI_SRC     = $(wildcard src/ui/*.c)
TOP_SRC    = $(wildcard src/*.c)
PRELUDES   = $(wildcard src/lua/*.lua)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
CORE_OBJ   = $(call obj,$(CORE_SRC))
LUA_OBJ    = $(call obj,$(LUA_SRC))
KERNEL_OBJ = $(call obj,$(KERNEL_SRC))
RENDER_OBJ = $(call obj,$(RENDER_SRC))
UI_OBJ     = $(call obj,$(UI_SRC))
TOP_OBJ    = $(call obj,$(TOP_SRC))
GEN_HDR    = $(patsubst src/lua/%.lua,$(BUILD)/gen/%.lua.h,$(PRELUDES))

BIN        = $(BUILD)/nnbook

# Test programs mirror the layers: each links only what its layer may use.
T_CORE     = $(patsubst tests/core/%.c,$(BUILD)/tests/core/%,$(wildcard tests/core/test_*.c))
T_RENDER   = $(patsubst tests/render/%.c,$(BUILD)/tests/render/%,$(wildcard tests/render/test_*.c))
T_KERNEL   = $(patsubst tests/kernel/%.c,$(BUILD)/tests/kernel/%,$(wildcard tests/kernel/test_*.c))
T_BENCH    = $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
FUZZ       = lesson markdown lua api proto
T_REPLAY   = $(patsubst %,$(BUILD)/tests/fuzz/replay_%,$(FUZZ))
TESTS      = $(T_CORE) $(T_RENDER) $(T_KERNEL) $(T_REPLAY)

.PHONY: all deps run test check asan valgrind bench fuzz test-ssh install uninstall clean
.DEFAULT_GOAL := all

all: $(BIN)
ifeq ($(BUILD),build)
all: nnbook
# A link at the top so `./nnbook` works from the source tree.
nnbook: $(BIN)
	@ln -sf $(BIN) nnbook
endif

deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PKGS) \
	    && command -v tmux >/dev/null 2>&1 && command -v strace >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $(DEBS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	        apt-get install -y -qq --no-install-recommends $(DEBS) >/dev/null \
	    || { echo "apt-get failed; run: apt-get install $(DEBS)"; exit 1; }; \
	else \
	    echo "nnbook needs Debian packages that are missing. Run:"; \
	    echo "    sudo apt-get install $(DEBS)"; exit 1; \
	fi

# run and test re-enter make after deps so pkg-config sees the new packages.
run: deps
	@$(MAKE) --no-print-directory all
	$(BIN)

test: deps
	@$(MAKE) --no-print-directory check

check: all $(TESTS)
	@sh tests/run.sh $(BUILD)

asan:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory BUILD=build-asan SAN=1 OPT=-O1 check

# A real SSH login end to end (root: it starts sshd and creates a user);
# `make test` runs it too when it can.
test-ssh: deps
	@$(MAKE) --no-print-directory all
	@NNBOOK=$(BIN) sh tests/sh/test_ssh.sh

valgrind: all $(TESTS)
	@sh tests/valgrind.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all $(T_BENCH)
	@sh bench/run.sh $(BUILD)

$(BIN): $(CORE_OBJ) $(LUA_OBJ) $(KERNEL_OBJ) $(RENDER_OBJ) $(UI_OBJ) $(TOP_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/src/core/%.o: src/core/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Everything above the core may use the packages' headers.
$(BUILD)/src/%.o: src/%.c | $(GEN_HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/gen/%.lua.h: src/lua/%.lua tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $< > $@

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/core/%: $(BUILD)/tests/core/%.o $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ -lm

$(BUILD)/tests/render/%: $(BUILD)/tests/render/%.o $(RENDER_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(CMARK_LIBS) -lm

$(BUILD)/tests/kernel/%: $(BUILD)/tests/kernel/%.o $(KERNEL_OBJ) $(LUA_OBJ) $(RENDER_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LUA_LIBS) $(CMARK_LIBS) $(SECCOMP_LIBS) -lm

# Fuzz targets: replayed over their seed corpus by `make test` (any
# compiler); run for real by `make fuzz` (clang's libFuzzer).
FUZZ_LIBS_lesson   = $(CORE_OBJ)
FUZZ_LIBS_markdown = $(RENDER_OBJ) $(CORE_OBJ)
FUZZ_LIBS_lua      = $(KERNEL_OBJ) $(LUA_OBJ) $(RENDER_OBJ) $(CORE_OBJ)
FUZZ_LIBS_api      = $(KERNEL_OBJ) $(LUA_OBJ) $(RENDER_OBJ) $(CORE_OBJ)
FUZZ_LIBS_proto    = $(RENDER_OBJ) $(CORE_OBJ)
.SECONDEXPANSION:
.SECONDARY:
$(BUILD)/tests/fuzz/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o $$(FUZZ_LIBS_$$*)
	$(CC) $(LDFLAGS) -o $@ $^ $(LUA_LIBS) $(CMARK_LIBS) $(SECCOMP_LIBS) -lm

$(BUILD)/tests/fuzz/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $$(FUZZ_LIBS_$$*)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LUA_LIBS) $(CMARK_LIBS) $(SECCOMP_LIBS) -lm

# make fuzz FUZZ_TIME=600: each target for FUZZ_TIME seconds, new inputs
# kept in build-fuzz/corpus/ (copy the interesting ones to tests/fuzz/).
FUZZ_TIME ?= 600
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang SAN=1 OPT=-O1 \
	    CFLAGS_EXTRA=-fsanitize=fuzzer-no-link $(patsubst %,build-fuzz/tests/fuzz/fuzz_%,$(FUZZ))
	@for t in $(FUZZ); do \
	    mkdir -p build-fuzz/corpus/$$t; \
	    echo "== fuzz_$$t for $(FUZZ_TIME) s"; \
	    build-fuzz/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=1024 \
	        -print_final_stats=1 build-fuzz/corpus/$$t tests/fuzz/$$t 2>&1 | \
	        grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|==.*ERROR|SUMMARY)' ; \
	done

$(BUILD)/bench/%: bench/%.c $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(filter %.c %.o,$^) -lm

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/lessons $(DESTDIR)$(MANDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/nnbook
	install -m 644 lessons/*.lua $(DESTDIR)$(DATADIR)/lessons/
	install -m 644 docs/nnbook.1 $(DESTDIR)$(MANDIR)/nnbook.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nnbook $(DESTDIR)$(MANDIR)/nnbook.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan nnbook

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
