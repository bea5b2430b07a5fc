# nnbook — a terminal notebook that teaches how neural networks learn.
#
#   make run      install missing Debian packages, build, open the lessons
#   make test     install missing Debian packages, build, run every test
#   make asan     the tests again under AddressSanitizer + UBSan
#   make valgrind the C test programs under valgrind (leaks are failures)
#   make bench    timings (see README)
#   make fuzz     libFuzzer on each target, FUZZ_TIME seconds each (clang)
#   make test-ssh a real SSH session end to end (root)
#   make test-ext checks with tools make test never needs (python3-nbformat)
#   make install  PREFIX=/usr/local DESTDIR=

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/nnbook
MANDIR    = $(PREFIX)/share/man/man1

BUILD    ?= build
CC       ?= cc
PKGS      = lua5.4 ncursesw libcmark libseccomp jansson
DEBS      = liblua5.4-dev libncurses-dev libcmark-dev libseccomp-dev libjansson-dev pkg-config tmux strace

# -ffp-contract=off everywhere: a fused multiply-add changes the last bit of
# x1*x1 + x2*x2, and the lessons must print numpy's numbers exactly.
WARN      = -Wall -Wextra -Wshadow -Wundef -Wstrict-prototypes -Wmissing-prototypes
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
CFLAGS   += -std=c11 $(WARN) -ffp-contract=off -MMD -MP $(CFLAGS_EXTRA)
CPPFLAGS += -D_DEFAULT_SOURCE -I$(BUILD)/gen \
            -DNNBOOK_VERSION='"$(VERSION)"' -DNNBOOK_DATADIR='"$(DATADIR)"'
ifdef SAN
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif

LUA_CFLAGS   := $(shell pkg-config --cflags lua5.4 2>/dev/null)
CURSES_CFLAGS := $(shell pkg-config --cflags ncursesw 2>/dev/null)
CMARK_CFLAGS := $(shell pkg-config --cflags libcmark 2>/dev/null)
SECCOMP_CFLAGS := $(shell pkg-config --cflags libseccomp 2>/dev/null)
JANSSON_CFLAGS := $(shell pkg-config --cflags jansson 2>/dev/null)
LUA_LIBS     := $(shell pkg-config --libs lua5.4 2>/dev/null)
CURSES_LIBS  := $(shell pkg-config --libs ncursesw 2>/dev/null)
CMARK_LIBS   := $(shell pkg-config --libs libcmark 2>/dev/null)
SECCOMP_LIBS := $(shell pkg-config --libs libseccomp 2>/dev/null)
JANSSON_LIBS := $(shell pkg-config --libs jansson 2>/dev/null)

# --- the layers ----------------------------------------------------------------
# One folder per concern; each may include the headers of the folders listed
# here and nothing else: a file is compiled with -Iinclude/F for those F only,
# so an include across the layering fails to compile.  Lua, curses, cmark,
# seccomp and jansson flags go only to the folders that may use them
# (tests/sh/test_layers.sh also checks the pure-C folders for <lua.h> and
# <curses.h>, which the system include path would otherwise let through).
FOLDERS     = base text nn plot doc store ipynb lua kernel render ui cli
USES_base   = base
USES_text   = text base
USES_nn     = nn base
USES_plot   = plot base
USES_doc    = doc plot nn base
USES_store  = store base
USES_ipynb  = ipynb doc plot nn base
USES_lua    = lua doc plot nn base
USES_kernel = kernel lua store doc plot nn base
USES_render = render doc plot nn base
USES_ui     = ui kernel render store ipynb doc plot nn text base
USES_cli    = cli ui kernel render store ipynb doc plot nn text base
PKG_lua     = $(LUA_CFLAGS)
PKG_kernel  = $(LUA_CFLAGS) $(SECCOMP_CFLAGS)
PKG_render  = $(CMARK_CFLAGS)
PKG_ipynb   = $(JANSSON_CFLAGS)
PKG_ui      = $(CURSES_CFLAGS)
# What a folder links: what it uses, and for the front end the kernel's
# own layers too (the kernel process is a fork of the same binary).
LINKS_ui    = $(USES_ui) lua
LINKS_cli   = $(USES_cli) lua
# Tests may look at a folder's work with a layer above it (kernel outputs drawn by render).
TESTUSES_kernel = render
LIBS_lua    = $(LUA_LIBS)
LIBS_kernel = $(LUA_LIBS) $(SECCOMP_LIBS)
LIBS_render = $(CMARK_LIBS)
LIBS_ipynb  = $(JANSSON_LIBS)
LIBS_ui     = $(CURSES_LIBS)

obj     = $(patsubst %.c,$(BUILD)/%.o,$(1))
src_of  = $(wildcard src/$(1)/*.c)
obj_of  = $(call obj,$(call src_of,$(1)))
incs_of = $(foreach f,$(USES_$(1)),-Iinclude/$(f))
# the objects and libraries of a folder together with everything it links
links_of = $(if $(LINKS_$(1)),$(LINKS_$(1)),$(USES_$(1)))
objs_of = $(foreach f,$(call links_of,$(1)),$(call obj_of,$(f)))
libs_of = $(sort $(foreach f,$(call links_of,$(1)),$(LIBS_$(f))))

PRELUDES   = $(wildcard src/lua/*.lua)
GEN_HDR    = $(patsubst src/lua/%.lua,$(BUILD)/gen/%.lua.h,$(PRELUDES))
BIN        = $(BUILD)/nnbook

# Test programs mirror the folders: tests/F/test_X.c links what F may use.
TEST_DIRS  = $(filter-out lua cli,$(FOLDERS))
TEST_PROGS = $(foreach f,$(TEST_DIRS),$(patsubst tests/$(f)/%.c,$(BUILD)/tests/$(f)/%,$(wildcard tests/$(f)/test_*.c)))
T_BENCH    = $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
FUZZ       = lesson markdown lua api proto
FUZZ_IN_lesson   = doc
FUZZ_IN_markdown = render
FUZZ_IN_lua      = kernel
FUZZ_IN_api      = kernel
FUZZ_IN_proto    = render
T_REPLAY   = $(patsubst %,$(BUILD)/tests/fuzz/replay_%,$(FUZZ))
TESTS      = $(TEST_PROGS) $(T_REPLAY)

.PHONY: all deps run test check asan valgrind bench fuzz test-ssh test-ext install uninstall clean
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

# Optional: nbformat's own validator on the notebooks --format ipynb writes
# (Debian's python3-nbformat; skipped when it is not installed).
test-ext: all
	@NNBOOK=$(BIN) sh tests/ext/test_nbformat.sh

valgrind: all $(TESTS)
	@sh tests/valgrind.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all $(T_BENCH)
	@sh bench/run.sh $(BUILD)

$(BIN): $(call objs_of,cli)
	$(CC) $(LDFLAGS) -o $@ $^ $(call libs_of,cli) -lm

# One compile rule per folder, with that folder's include paths and flags.
define folder_rules
$(BUILD)/src/$(1)/%.o: src/$(1)/%.c | $(if $(filter lua,$(1)),$(GEN_HDR))
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $(call incs_of,$(1)) $(PKG_$(1)) $$(CFLAGS) -c -o $$@ $$<

$(BUILD)/tests/$(1)/%.o: tests/$(1)/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) -Itests $(call incs_of,$(1)) $(foreach t,$(TESTUSES_$(1)),-Iinclude/$(t) $(PKG_$(t))) $(PKG_$(1)) $$(CFLAGS) -c -o $$@ $$<

$(BUILD)/tests/$(1)/%: $(BUILD)/tests/$(1)/%.o $(call objs_of,$(1)) $(foreach t,$(TESTUSES_$(1)),$(call obj_of,$(t)))
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $(call libs_of,$(1)) $(foreach t,$(TESTUSES_$(1)),$(LIBS_$(t))) -lm
endef
$(foreach f,$(FOLDERS),$(eval $(call folder_rules,$(f))))

$(BUILD)/gen/%.lua.h: src/lua/%.lua src/lua/embed.sh
	@mkdir -p $(@D)
	sh src/lua/embed.sh $< > $@

# Fuzz targets: replayed over their seed corpus by `make test` (any
# compiler); run for real by `make fuzz` (clang's libFuzzer).  Each is
# compiled like the folder whose code it drives.
define fuzz_rules
$(BUILD)/tests/fuzz/fuzz_$(1).o: tests/fuzz/fuzz_$(1).c
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) -Itests $(call incs_of,$(FUZZ_IN_$(1))) $(PKG_$(FUZZ_IN_$(1))) $$(CFLAGS) -c -o $$@ $$<

$(BUILD)/tests/fuzz/replay_$(1): $(BUILD)/tests/fuzz/fuzz_$(1).o $(BUILD)/tests/fuzz/replay.o $(call objs_of,$(FUZZ_IN_$(1)))
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $(call libs_of,$(FUZZ_IN_$(1))) -lm

$(BUILD)/tests/fuzz/fuzz_$(1): $(BUILD)/tests/fuzz/fuzz_$(1).o $(call objs_of,$(FUZZ_IN_$(1)))
	$$(CC) $$(LDFLAGS) -fsanitize=fuzzer -o $$@ $$^ $(call libs_of,$(FUZZ_IN_$(1))) -lm
endef
$(foreach t,$(FUZZ),$(eval $(call fuzz_rules,$(t))))

$(BUILD)/tests/fuzz/replay.o: tests/fuzz/replay.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

.SECONDARY:

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

# The benchmarks drive the numerics and the plots directly.
$(BUILD)/bench/%: bench/%.c $(call objs_of,doc)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(call incs_of,doc) $(CFLAGS) -o $@ $(filter %.c %.o,$^) -lm

# ... but for "run all" in the notebook, which drives the screen as its tests do.
$(BUILD)/bench/ui_runall: bench/ui_runall.c $(call objs_of,ui)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests -Itests/ui $(call incs_of,ui) $(PKG_ui) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o,$^) $(call libs_of,ui) -lm

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
