# SalesPartner portal. `make` builds, `make run` starts the stack, `make test`
# runs every suite, `make bench` prints figures, `make stop` stops `make run`.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $(OPT) -g \
	   -I/usr/include/ClearSilver -Icgi-src \
	   $(shell pkg-config --cflags libmariadb libargon2 libcrypto 2>/dev/null)
LIBS_WEB = -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz \
	   $(shell pkg-config --libs libmariadb libargon2 libcrypto 2>/dev/null)

CORE_SRC   = cgi-src/core_reason.c cgi-src/core_status.c
COMMON_SRC = cgi-src/util.c cgi-src/webutil.c cgi-src/config.c cgi-src/db.c $(CORE_SRC)
PORTAL_SRC = cgi-src/main.c cgi-src/web.c cgi-src/route.c cgi-src/auth.c \
	     cgi-src/store_users.c cgi-src/store_conversations.c \
	     cgi-src/page_login.c cgi-src/page_conversations.c \
	     cgi-src/page_misc.c
ADMIN_SRC  = cgi-src/admin.c cgi-src/auth_password.c

PORTAL_OBJ = $(patsubst cgi-src/%.c,$(BUILD)/%.o,$(COMMON_SRC) $(PORTAL_SRC) cgi-src/auth_password.c)
ADMIN_OBJ  = $(patsubst cgi-src/%.c,$(BUILD)/%.o,$(COMMON_SRC) $(ADMIN_SRC))

UNIT_TESTS = $(BUILD)/test_core $(BUILD)/test_web

.PHONY: all deps run stop test unit http bench asan clean
all: $(BUILD)/sp-portal $(BUILD)/sp-admin

deps:
	@bash scripts/deps.sh

$(BUILD)/%.o: cgi-src/%.c cgi-src/*.h | $(BUILD)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)

$(BUILD)/sp-portal: $(PORTAL_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS_WEB)

$(BUILD)/sp-admin: $(ADMIN_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS_WEB)

# Unit tests link only pure code: an I/O dependency leaking into core_* or
# the web helpers breaks their build.
$(BUILD)/test_core: tests/unit/test_core.c $(CORE_SRC) cgi-src/*.h | $(BUILD)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(shell pkg-config --libs cmocka)

$(BUILD)/test_web: tests/unit/test_web.c cgi-src/webutil.c cgi-src/util.c cgi-src/*.h | $(BUILD)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(shell pkg-config --libs cmocka)

run: deps all
	@bash scripts/stack.sh run

stop:
	@bash scripts/stack.sh stop

unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do $$t || exit 1; done

http: all
	@bash tests/run-http.sh

test: deps
	@$(MAKE) --no-print-directory all unit
	@bash tests/run-http.sh

asan:
	@bash scripts/deps.sh
	$(MAKE) BUILD=build-asan OPT="-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" all unit
	SP_BUILD=build-asan bash tests/run-http.sh

bench: deps all
	@bash tests/bench.sh

clean:
	rm -rf build build-asan
