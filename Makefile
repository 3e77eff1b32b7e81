# A thin front over meson: `make test` is what CI runs, `make run` what a newcomer tries first.

BUILDDIR ?= _build
ASAN_BUILDDIR ?= _build-asan
MESON ?= meson

.PHONY: all deps build run test test-asan valgrind bench clean update-po

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
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(MESON) test -C $(ASAN_BUILDDIR) --suite core --print-errorlogs

valgrind: build
	$(MESON) test -C $(BUILDDIR) --suite core --setup valgrind --print-errorlogs

bench: build
	$(MESON) test -C $(BUILDDIR) --benchmark --verbose

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR)

# Regenerates po/shirabe.pot from the sources and merges it into po/ja.po.
update-po: $(BUILDDIR)/build.ninja
	$(MESON) compile -C $(BUILDDIR) shirabe-pot
	msgmerge --update --backup=none --no-fuzzy-matching po/ja.po po/shirabe.pot
