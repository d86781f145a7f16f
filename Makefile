# Sangdam: build, run, stop, test, install.
# `make run` and `make test` are the two commands; see README.md.

PREFIX ?= /usr/local/sangdam
DESTDIR ?=
BUILD ?= build
PORT ?= 8080
VAR ?= $(CURDIR)/var
export PORT VAR

CC ?= cc
CXX ?= g++
PKGS := libsodium libpq libqrencode libpng
WARN := -Wall -Wextra -Wno-missing-field-initializers -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
HARDEN := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
OPT ?= -O2 -g
SANITIZE ?=
CPPFLAGS += -D_GNU_SOURCE -Isrc -I/usr/include/postgresql
CFLAGS += -std=c11 $(OPT) $(WARN) $(HARDEN) $(SANITIZE) -pthread
CXXFLAGS += -std=c++17 $(OPT) -Wall -Wextra -Wno-missing-field-initializers -Werror $(HARDEN) $(SANITIZE) -pthread
LDFLAGS += -pie -Wl,-z,relro,-z,now $(SANITIZE) -pthread
LDLIBS += -lfcgi -lctemplate -lsodium -lcrypto -lpq -lmagic -lqrencode -lpng -lunistring -lzip -lisal -lcsv -lexpat -lfreexl -lzint -loath -ljansson -lstdc++ -lm

LIB_C := $(sort $(wildcard src/*.c))
LIB_CC := $(sort $(wildcard src/*.cc))
LIB_OBJ := $(LIB_C:src/%.c=$(BUILD)/obj/%.o) $(LIB_CC:src/%.cc=$(BUILD)/obj/%.o)
# A program is a folder cgi-bin/AREA/ (main.c, its route table, and one file
# per page or sub-area, with any header of its own).
PROGRAMS := $(patsubst cgi-bin/%/main.c,$(BUILD)/cgi-bin/%,$(wildcard cgi-bin/*/main.c))
UNIT_TESTS := $(patsubst tests/unit/test_%.c,$(BUILD)/tests/unit_%,$(wildcard tests/unit/test_*.c))

.PHONY: all run stop status test check-asan bench install clean deps deps-test

# Tests of db against a real PostgreSQL, run by the HTTP suite on its stack.
DB_TESTS := $(patsubst tests/db/%.c,$(BUILD)/tests/db_%,$(wildcard tests/db/*.c))

# Small drivers run by tests/bench/run.
BENCH_TOOLS := $(patsubst tests/bench/%.c,$(BUILD)/tests/bench_%,$(wildcard tests/bench/*.c))

all: $(PROGRAMS) $(UNIT_TESTS) $(DB_TESTS) $(BENCH_TOOLS)

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)/obj
	@echo CC $<
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: src/%.cc src/view.h | $(BUILD)/obj
	@echo CXX $<
	@$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

$(BUILD)/libsangdam.a: $(LIB_OBJ)
	@rm -f $@ && ar rcs $@ $^

.SECONDEXPANSION:
$(BUILD)/cgi-bin/%: $$(wildcard cgi-bin/%/*.c) $$(wildcard cgi-bin/%/*.h) $(BUILD)/libsangdam.a \
    $(wildcard src/*.h) | $(BUILD)/cgi-bin
	@echo LINK $@
	@$(CC) $(CPPFLAGS) -Icgi-bin/$* $(CFLAGS) -o $@ $(filter %.c,$^) $(BUILD)/libsangdam.a \
	    $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/unit_%: tests/unit/test_%.c $(BUILD)/libsangdam.a $(wildcard src/*.h) \
    $(wildcard tests/unit/*.h) | $(BUILD)/tests
	@echo LINK $@
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-parameter -o $@ $< $(BUILD)/libsangdam.a $(LDFLAGS) $(LDLIBS) -lcmocka

# test_export_part compiles the worker's export_part.c into itself.
$(BUILD)/tests/unit_export_part: cgi-bin/worker/export_part.c cgi-bin/worker/export_part.h

$(BUILD)/tests/db_%: tests/db/%.c $(BUILD)/libsangdam.a $(wildcard src/*.h) | $(BUILD)/tests
	@echo LINK $@
	@$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-parameter -o $@ $< $(BUILD)/libsangdam.a $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/tests/bench_%: tests/bench/%.c $(BUILD)/libsangdam.a $(wildcard src/*.h) | $(BUILD)/tests
	@echo LINK $@
	@$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libsangdam.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/obj $(BUILD)/cgi-bin $(BUILD)/tests:
	mkdir -p $@

deps:
	@bin/deps run

deps-test:
	@bin/deps test

run: deps
	$(MAKE) all
	bin/sangdamctl start

stop:
	@bin/sangdamctl stop

status:
	@bin/sangdamctl status

test: deps-test
	$(MAKE) all
	tests/run

# Unit and HTTP tests with AddressSanitizer and UBSan, in a build of their own.
check-asan: deps-test
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" all
	BUILD=build-asan SKIP_BROWSER=1 ASAN_OPTIONS=detect_leaks=0 tests/run

bench: deps-test
	$(MAKE) all
	tests/bench/run

install: all
	install -d $(DESTDIR)$(PREFIX)/build/cgi-bin $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/build/cgi-bin/
	install -m 755 bin/sangdamctl bin/deps $(DESTDIR)$(PREFIX)/bin/
	# replaced whole, so that a file a newer version dropped does not stay
	# (a migration least of all); sangdam.conf lives in VAR, not here
	rm -rf $(addprefix $(DESTDIR)$(PREFIX)/,templates static migrations conf)
	cp -R templates static migrations conf $(DESTDIR)$(PREFIX)/

clean:
	rm -rf build build-asan
