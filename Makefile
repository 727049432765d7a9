# SalesPartner portal. `make` builds, `make run` starts the stack, `make test`
# runs every suite, `make bench` prints figures, `make stop` stops `make run`.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $(OPT) -g \
	   -I/usr/include/ClearSilver -Icgi-src \
	   $(shell pkg-config --cflags libmariadb libargon2 libcrypto jansson libcurl libmicrohttpd 2>/dev/null)
LIBS_WEB = -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz \
	   $(shell pkg-config --libs libmariadb libargon2 libcrypto jansson 2>/dev/null)

# The portal's allocator: its requests build and free thousands of small
# HDF nodes and strings; tcmalloc's per-size free lists served them with
# less of the portal's CPU than glibc's bins (inbox -5 to -20%, conversation
# page -6 to -19% a request, three alternating pairs each; README). Empty
# under the sanitizers, which bring their own.
MALLOC  ?= -ltcmalloc_minimal

CXX     ?= c++
CXXFLAGS += -std=c++17 -Wall -Wextra -Werror $(OPT) -g -Icgi-src
LIBS_PHONE = -lphonenumber -lgeocoding -licuuc -lstdc++

CORE_SRC   = cgi-src/core_reason.c cgi-src/core_status.c cgi-src/core_text.c \
	     cgi-src/core_optout.c cgi-src/core_phone.c cgi-src/core_lint.c \
	     cgi-src/core_pacing.c cgi-src/core_csv.c \
	     cgi-src/core_template.c cgi-src/core_timezone.c
COMMON_SRC = cgi-src/util.c cgi-src/webutil.c cgi-src/config.c cgi-src/db.c $(CORE_SRC)
PORTAL_SRC = cgi-src/main.c cgi-src/web.c cgi-src/route.c cgi-src/auth.c \
	     cgi-src/store_users.c cgi-src/store_conversations.c \
	     cgi-src/page_login.c cgi-src/page_conversations.c \
	     cgi-src/page_misc.c cgi-src/page_compose.c cgi-src/page_message.c \
	     cgi-src/hook_status.c cgi-src/delivery.c cgi-src/store_messages.c \
	     cgi-src/signature.c cgi-src/hook_inbound.c cgi-src/store_inbound.c \
	     cgi-src/inbound.c \
	     cgi-src/page_optouts.c cgi-src/page_leads.c cgi-src/store_leads.c \
	     cgi-src/page_templates.c cgi-src/page_tickets.c cgi-src/store_tickets.c \
	     cgi-src/page_settings.c cgi-src/store_settings.c \
	     cgi-src/page_account.c \
	     cgi-src/page_dashboard.c cgi-src/store_dashboard.c \
	     cgi-src/hdf_json.c
ADMIN_SRC  = cgi-src/admin.c cgi-src/auth_password.c

PORTAL_OBJ = $(patsubst cgi-src/%.c,$(BUILD)/%.o,$(COMMON_SRC) $(PORTAL_SRC) cgi-src/auth_password.c)
ADMIN_OBJ  = $(patsubst cgi-src/%.c,$(BUILD)/%.o,$(COMMON_SRC) $(ADMIN_SRC))
SHIM_OBJ   = $(BUILD)/phone_shim.o
CORE_OBJ   = $(patsubst cgi-src/%.c,$(BUILD)/%.o,$(CORE_SRC)) $(SHIM_OBJ)

UNIT_TESTS = $(BUILD)/test_core $(BUILD)/test_rules $(BUILD)/test_web

FUZZ_BUILD   = build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   = -g -O1 -fsanitize=fuzzer,address,undefined -Icgi-src \
	       -I/usr/include/ClearSilver
FUZZ_TARGETS = phone inbound lint request csv hdf_json

.PHONY: all deps run stop test unit http soak bench asan fuzz fuzz-build clean cluster cluster-test
all: $(BUILD)/sp-portal $(BUILD)/sp-admin $(BUILD)/sp-check $(BUILD)/sp-sim \
	$(BUILD)/sp-sender \
	$(BUILD)/test_provider

deps:
	@bash scripts/deps.sh

$(BUILD)/%.o: cgi-src/%.c cgi-src/*.h | $(BUILD)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/phone_shim.o: cgi-src/phone_shim.cc cgi-src/phone_shim.h | $(BUILD)
	@echo "  CXX     $<"
	@$(CXX) $(CXXFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)

$(BUILD)/sp-portal: $(PORTAL_OBJ) $(SHIM_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS_WEB) $(LIBS_PHONE) $(MALLOC)

$(BUILD)/sp-admin: $(ADMIN_OBJ) $(SHIM_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS_WEB) $(LIBS_PHONE)

SIM_OBJ = $(BUILD)/sim.o $(BUILD)/signature.o $(BUILD)/util.o $(BUILD)/core_lint.o \
	  $(BUILD)/core_text.o $(BUILD)/webutil.o

$(BUILD)/sp-sim: $(SIM_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs libmicrohttpd jansson libcurl libcrypto) -lpthread

LIBS_PROVIDER = $(shell pkg-config --libs libcurl jansson libcrypto)

SENDER_OBJ = $(patsubst cgi-src/%.c,$(BUILD)/%.o,$(COMMON_SRC) cgi-src/sender.c \
	     cgi-src/provider.c cgi-src/delivery.c cgi-src/store_queue.c \
	     cgi-src/store_messages.c cgi-src/store_conversations.c \
	     cgi-src/inbound.c cgi-src/store_inbound.c) $(SHIM_OBJ)

$(BUILD)/sp-sender: $(SENDER_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ -lneo_utl -lz \
	    $(shell pkg-config --libs libmariadb) $(LIBS_PROVIDER) $(LIBS_PHONE)

# The provider client against a running simulator (tests/run-http.sh).
$(BUILD)/test_provider: tests/provider/test_provider.c $(BUILD)/provider.o \
		$(BUILD)/signature.o $(BUILD)/config.o $(BUILD)/util.o cgi-src/*.h
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c %.o,$^) $(shell pkg-config --libs cmocka) \
	    -lneo_utl -lz $(LIBS_PROVIDER) -lpthread

$(BUILD)/sp-check: $(BUILD)/check.o $(CORE_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS_PHONE)

# Unit tests link only pure code: an I/O dependency leaking into core_* or
# the web helpers breaks their build.
$(BUILD)/test_core: tests/unit/test_core.c $(CORE_OBJ) cgi-src/*.h | $(BUILD)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c %.o,$^) $(shell pkg-config --libs cmocka) $(LIBS_PHONE)

$(BUILD)/test_rules: tests/unit/test_rules.c $(CORE_OBJ) cgi-src/*.h | $(BUILD)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c %.o,$^) $(shell pkg-config --libs cmocka) $(LIBS_PHONE)

$(BUILD)/test_web: tests/unit/test_web.c cgi-src/webutil.c cgi-src/util.c cgi-src/core_text.c \
		cgi-src/signature.c cgi-src/*.h | $(BUILD)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(shell pkg-config --libs cmocka libcrypto)

run: deps all
	@bash scripts/stack.sh run

stop:
	@bash scripts/stack.sh stop
	@bash scripts/cluster.sh stop >/dev/null 2>&1 || true

# Three MariaDB Galera nodes on loopback (var/cluster), the stack on them
# with two portals and two senders; Ctrl-C or make stop stops it all.
cluster: deps all
	@bash scripts/cluster.sh run

# A node lost under load: see tests/cluster.sh.
cluster-test: deps all
	@bash tests/cluster.sh

unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do $$t || exit 1; done

http: all
	@bash tests/run-http.sh

test: deps
	@rm -f var/test-summary.txt
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=5
	@bash tests/run-http.sh
	@SOAK_SECONDS=40 bash tests/soak.sh

# Faults under load (tests/soak.sh): 15 minutes by default, with worker
# memory checked flat; SOAK_SECONDS sets the length (make test runs 40 s).
soak: deps all
	@SOAK_SECONDS=$${SOAK_SECONDS:-900} bash tests/soak.sh

asan:
	@bash scripts/deps.sh
	$(MAKE) BUILD=build-asan MALLOC= OPT="-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" all unit
	SP_BUILD=build-asan SP_SUMMARY_PREFIX="asan " bash tests/run-http.sh

# libFuzzer targets, each run for FUZZ_SECONDS (make test runs them briefly).
fuzz-build: $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))

$(FUZZ_BUILD)/fuzz_phone: tests/fuzz/fuzz_phone.c cgi-src/core_phone.c cgi-src/core_text.c cgi-src/phone_shim.cc cgi-src/*.h
	@mkdir -p $(FUZZ_BUILD)
	@echo "  FUZZ    $@"
	@clang++ $(FUZZ_FLAGS) -c -o $(FUZZ_BUILD)/phone_shim.o cgi-src/phone_shim.cc
	@clang $(FUZZ_FLAGS) -c -o $(FUZZ_BUILD)/fuzz_phone.o tests/fuzz/fuzz_phone.c
	@clang $(FUZZ_FLAGS) -c -o $(FUZZ_BUILD)/core_phone.o cgi-src/core_phone.c
	@clang $(FUZZ_FLAGS) -c -o $(FUZZ_BUILD)/core_text.o cgi-src/core_text.c
	@clang++ $(FUZZ_FLAGS) -o $@ $(FUZZ_BUILD)/fuzz_phone.o $(FUZZ_BUILD)/core_phone.o $(FUZZ_BUILD)/core_text.o $(FUZZ_BUILD)/phone_shim.o -lphonenumber -lgeocoding -licuuc

$(FUZZ_BUILD)/fuzz_inbound: tests/fuzz/fuzz_inbound.c cgi-src/core_optout.c cgi-src/core_text.c cgi-src/*.h
	@mkdir -p $(FUZZ_BUILD)
	@echo "  FUZZ    $@"
	@clang $(FUZZ_FLAGS) -o $@ $(filter %.c,$^)

$(FUZZ_BUILD)/fuzz_lint: tests/fuzz/fuzz_lint.c cgi-src/core_lint.c cgi-src/core_text.c cgi-src/*.h
	@mkdir -p $(FUZZ_BUILD)
	@echo "  FUZZ    $@"
	@clang $(FUZZ_FLAGS) -o $@ $(filter %.c,$^)

$(FUZZ_BUILD)/fuzz_request: tests/fuzz/fuzz_request.c cgi-src/webutil.c cgi-src/util.c cgi-src/core_text.c cgi-src/*.h
	@mkdir -p $(FUZZ_BUILD)
	@echo "  FUZZ    $@"
	@clang $(FUZZ_FLAGS) -o $@ $(filter %.c,$^) -lneo_cgi -lneo_cs -lneo_utl -lz

$(FUZZ_BUILD)/fuzz_csv: tests/fuzz/fuzz_csv.c cgi-src/core_csv.c cgi-src/*.h
	@mkdir -p $(FUZZ_BUILD)
	@echo "  FUZZ    $@"
	@clang $(FUZZ_FLAGS) -o $@ $(filter %.c,$^)

$(FUZZ_BUILD)/fuzz_hdf_json: tests/fuzz/fuzz_hdf_json.c cgi-src/hdf_json.c cgi-src/*.h
	@mkdir -p $(FUZZ_BUILD)
	@echo "  FUZZ    $@"
	@clang $(FUZZ_FLAGS) -o $@ $(filter %.c,$^) -lneo_cs -lneo_utl -lz -ljansson

fuzz: deps fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p var/fuzz/$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		    -print_final_stats=1 var/fuzz/$$t tests/fuzz/seeds/$$t \
		    2>var/fuzz/$$t.log || { tail -40 var/fuzz/$$t.log; exit 1; }; \
		grep -E "stat::number_of_executed_units|stat::new_units_added" var/fuzz/$$t.log | tr '\n' ' '; echo; \
	done

$(BUILD)/bench_core: tests/bench_core.c $(CORE_OBJ) cgi-src/*.h | $(BUILD)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c %.o,$^) $(LIBS_PHONE)

$(BUILD)/bench_provider: tests/bench_provider.c $(BUILD)/provider.o $(BUILD)/config.o \
		$(BUILD)/util.o cgi-src/*.h
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c %.o,$^) -lneo_utl -lz $(LIBS_PROVIDER)

bench: deps all $(BUILD)/bench_core $(BUILD)/bench_provider
	@$(BUILD)/bench_core
	@bash tests/bench.sh

clean:
	rm -rf build build-asan $(FUZZ_BUILD)
