# A thin front over meson: `make test` is what CI runs, `make run` what a newcomer tries first.

BUILDDIR ?= _build
ASAN_BUILDDIR ?= _build-asan
MESON ?= meson

.PHONY: all deps build run test test-asan valgrind bench screenshots clean update-po fuzz

all: build

deps:
	./build-aux/install-deps

$(BUILDDIR)/build.ninja:
	$(MESON) setup $(BUILDDIR)

build: deps $(BUILDDIR)/build.ninja
	$(MESON) compile -C $(BUILDDIR)

# `make run` opens the app on a project generated for the occasion.
run: build
	./build-aux/demo $(BUILDDIR)

test: build
	$(MESON) test -C $(BUILDDIR) --print-errorlogs
	$(MAKE) test-asan

# The core suite once more, built with AddressSanitizer and UndefinedBehaviorSanitizer.
$(ASAN_BUILDDIR)/build.ninja:
	$(MESON) setup $(ASAN_BUILDDIR) -Db_sanitize=address,undefined -Dbuildtype=debug

test-asan: deps $(ASAN_BUILDDIR)/build.ninja
	$(MESON) compile -C $(ASAN_BUILDDIR)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(MESON) test -C $(ASAN_BUILDDIR) --suite core --print-errorlogs

valgrind: build
	$(MESON) test -C $(BUILDDIR) --suite core --setup valgrind --print-errorlogs

bench: build
	$(MESON) test -C $(BUILDDIR) --benchmark --verbose

# PNGs of the welcome page, the coded reader, the code picker and the code editor, in English
# and in Japanese, on a fresh sample project: $(SCREENSHOTS_DIR)/NAME-en.png and NAME-ja.png.
SCREENSHOTS_DIR ?= $(BUILDDIR)/screenshots
# A GTK warning ends the run, as in the display suites.
SCREENSHOTS_ENV = G_DEBUG=fatal-warnings SHIRABE_SAMPLE_DIR=$(CURDIR)/data/sample \
  SHIRABE_FIXTURES_DIR=$(CURDIR)/tests/fixtures/documents \
  SHIRABE_TEMPLATE_DIR=$(CURDIR)/data/templates SHIRABE_LOCALEDIR=$(abspath $(BUILDDIR))/po \
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$(abspath $(BUILDDIR))/data \
  SHIRABE_CODER="Sample Coder"

screenshots: build
	env $(SCREENSHOTS_ENV) LANGUAGE= LC_ALL=C.UTF-8 \
	  tests/app/run-under-xvfb $(BUILDDIR)/tests/app/screenshots $(SCREENSHOTS_DIR)
	env $(SCREENSHOTS_ENV) LANGUAGE=ja LC_ALL=ja_JP.UTF-8 \
	  tests/app/run-under-xvfb $(BUILDDIR)/tests/app/screenshots $(SCREENSHOTS_DIR)

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR)

# Regenerates po/shirabe.pot from the sources and merges it into po/ja.po, then joins the
# Japanese interface's phrases so that lines break between them (build-aux/phrase-po).
update-po: $(BUILDDIR)/build.ninja
	$(MESON) compile -C $(BUILDDIR) shirabe-pot
	msgmerge --update --backup=none --no-fuzzy-matching po/ja.po po/shirabe.pot
	./build-aux/phrase-po po/ja.po

# The fuzz targets (libFuzzer, clang, AddressSanitizer and UndefinedBehaviorSanitizer): documents,
# templates, text decoding and opening a project file, each for FUZZ_SECONDS on its seeds; a
# crash is written to tests/fuzz/crashes/, which `make test` replays from then on
# (tests/core/test-document.c and test-fuzz-corpus.c).
FUZZ_BUILDDIR ?= _build-fuzz
FUZZ_SECONDS ?= 300
$(FUZZ_BUILDDIR)/build.ninja:
	CC=clang $(MESON) setup $(FUZZ_BUILDDIR) -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false

fuzz: deps $(FUZZ_BUILDDIR)/build.ninja
	$(MESON) compile -C $(FUZZ_BUILDDIR) fuzz-template fuzz-document fuzz-text fuzz-project
	mkdir -p $(FUZZ_BUILDDIR)/corpus/documents $(FUZZ_BUILDDIR)/corpus/templates tests/fuzz/crashes/documents \
	  $(FUZZ_BUILDDIR)/corpus/text $(FUZZ_BUILDDIR)/corpus/projects tests/fuzz/crashes/text \
	  tests/fuzz/crashes/projects tests/fuzz/crashes/templates
	$(FUZZ_BUILDDIR)/tests/fuzz/fuzz-document -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	  -artifact_prefix=tests/fuzz/crashes/documents/ \
	  $(FUZZ_BUILDDIR)/corpus/documents tests/fuzz/seeds/documents
	$(FUZZ_BUILDDIR)/tests/fuzz/fuzz-template -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	  -artifact_prefix=tests/fuzz/crashes/templates/ \
	  $(FUZZ_BUILDDIR)/corpus/templates data/templates tests/fuzz/seeds
	$(FUZZ_BUILDDIR)/tests/fuzz/fuzz-text -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	  -artifact_prefix=tests/fuzz/crashes/text/ \
	  $(FUZZ_BUILDDIR)/corpus/text tests/fuzz/seeds/text
	$(FUZZ_BUILDDIR)/tests/fuzz/fuzz-project -max_total_time=$(FUZZ_SECONDS) -timeout=20 -max_len=65536 \
	  -artifact_prefix=tests/fuzz/crashes/projects/ \
	  $(FUZZ_BUILDDIR)/corpus/projects tests/fuzz/seeds/projects
