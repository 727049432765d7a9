/* db.c: MariaDB for every program: one connection per process, prepared
 * statements only, reconnect-and-retry-once when the server went away */
#include <poll.h>
#include <stdarg.h>
#include <time.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "config.h"
#include "db.h"
#include "util.h"

#define MAX_PARAMS	160
#define MAX_COLS	64
#define CELL_INLINE	256
#define STMT_SLOTS	256

struct stmt_slot {
	const char	*sql;
	MYSQL_STMT	*stmt;
};

static const struct sp_config *db_cfg;
static MYSQL *conn;
static struct stmt_slot slots[STMT_SLOTS];
static int in_txn;
static unsigned last_errno;

static int
lost(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_SERVER_LOST_EXTENDED || err == CR_CONNECTION_ERROR ||
	    err == CR_CONN_HOST_ERROR || err == ER_CONNECTION_KILLED ||
	    err == ER_SERVER_SHUTDOWN || err == 4031 ||
	    err == ER_UNKNOWN_COM_ERROR;	/* Galera: the node left the cluster */
}

static void
drop(void)
{
	size_t i;

	for (i = 0; i < STMT_SLOTS; i++) {
		if (slots[i].stmt != NULL)
			mysql_stmt_close(slots[i].stmt);
		slots[i].stmt = NULL;
		slots[i].sql = NULL;
	}
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	in_txn = 0;
}

/* A cluster's nodes (DB.Hosts): the connection goes to the one that
 * answered last, and moves on when it goes away. */
#define MAX_HOSTS	8
static char node_host[MAX_HOSTS][128];
static unsigned node_port[MAX_HOSTS];
static int nodes, node_ix;

static void
nodes_parse(const char *list)
{
	const char *p = list;

	nodes = 0;
	while (*p != '\0' && nodes < MAX_HOSTS) {
		size_t len = strcspn(p, ", ");
		const char *colon = memchr(p, ':', len);
		if (len > 0 && colon != NULL && (size_t)(colon - p) <
		    sizeof(node_host[0])) {
			memcpy(node_host[nodes], p, (size_t)(colon - p));
			node_host[nodes][colon - p] = '\0';
			node_port[nodes] = (unsigned)strtoul(colon + 1, NULL, 10);
			nodes++;
		}
		p += len;
		p += strspn(p, ", ");
	}
}

static int open_one(const char *host, unsigned port, const char *sock);

static int open_once(void);
static int quiet;
/* How long a statement's answer is awaited before the connection is given
 * up (a hung server or a node cut off): 30 s, or none (db_no_timeout). */
static unsigned int rw_timeout = 30;

void
db_no_timeout(void)
{
	rw_timeout = 0;
}

/*
 * A connection, waiting out a server that is restarting or a node that is
 * rejoining (DB.WaitMs, 10 s by default) rather than failing the requests
 * that arrive meanwhile: they are answered late, not with an error.
 * Refusals that waiting cannot mend (a wrong password) fail at once.
 */
static int
open_conn(void)
{
	struct timespec t0, now, nap;
	long waited_ms = 0, step_ms = 50;

	if (open_once() == 0)
		return 0;
	if (db_cfg == NULL || db_cfg->db_wait_ms <= 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	quiet = 1;	/* one line for the outage, not one per attempt */
	while (waited_ms < db_cfg->db_wait_ms && (lost(last_errno) ||
	    last_errno == 0)) {
		nap.tv_sec = 0;
		nap.tv_nsec = step_ms * 1000000L;
		nanosleep(&nap, NULL);
		if (step_ms < 400)
			step_ms *= 2;
		if (open_once() == 0) {
			quiet = 0;
			sp_log("db: connected again after waiting %ld ms",
			    waited_ms);
			return 0;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		waited_ms = (now.tv_sec - t0.tv_sec) * 1000 +
		    (now.tv_nsec - t0.tv_nsec) / 1000000;
	}
	quiet = 0;
	sp_log("db: no server after waiting %ld ms", waited_ms);
	return -1;
}

static int
open_once(void)
{
	int i;

	if (db_cfg == NULL)
		return -1;
	if (nodes == 0)
		return open_one(db_cfg->db_host, (unsigned)db_cfg->db_port,
		    db_cfg->db_socket[0] != '\0' ? db_cfg->db_socket : NULL);
	for (i = 0; i < nodes; i++) {
		int k = (node_ix + i) % nodes;
		if (open_one(node_host[k], node_port[k], NULL) == 0) {
			if (k != node_ix)
				sp_log("db: now on node %s:%u", node_host[k],
				    node_port[k]);
			node_ix = k;
			return 0;
		}
	}
	return -1;
}

/* A node that left the cluster's primary component accepts connections but
 * refuses work (1047): the next node is tried. */
static int
node_ready(void)
{
	MYSQL_RES *r;
	MYSQL_ROW row;
	int ready = 1;

	if (nodes == 0)
		return 1;
	if (mysql_query(conn, "SHOW STATUS LIKE 'wsrep_ready'") != 0)
		return 0;
	if ((r = mysql_store_result(conn)) != NULL) {
		if ((row = mysql_fetch_row(r)) != NULL && row[1] != NULL)
			ready = strcmp(row[1], "ON") == 0;
		mysql_free_result(r);
	}
	return ready;
}

static int
open_one(const char *host, unsigned port, const char *sock)
{
	unsigned int timeout = 3;
	const char *init = "SET time_zone = '+00:00', "
	    "sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,"
	    "ERROR_FOR_DIVISION_BY_ZERO'";
	if ((conn = mysql_init(NULL)) == NULL) {
		sp_log("db: mysql_init failed");
		return -1;
	}
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (rw_timeout != 0) {
		mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &rw_timeout);
		mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout);
	}
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_INIT_COMMAND, init);
	if (mysql_real_connect(conn, sock ? NULL : host, db_cfg->db_user,
	    db_cfg->db_password, db_cfg->db_name, sock ? 0 : port, sock,
	    0) == NULL) {
		last_errno = mysql_errno(conn);
		if (!quiet)
			sp_log("db: connect: %s", mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	if (!node_ready()) {
		last_errno = ER_UNKNOWN_COM_ERROR;
		if (!quiet)
			sp_log("db: node %s:%u is not part of the cluster's "
			    "primary component", host, port);
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	return 0;
}

int
db_connect(const struct sp_config *cfg)
{
	db_cfg = cfg;
	nodes_parse(cfg->db_hosts);
	/* several processes spread over the nodes: each starts at its own
	 * (DB.FirstNode, else its pid's) */
	node_ix = nodes == 0 ? 0 : cfg->db_first_node >= 0 ?
	    cfg->db_first_node % nodes : (int)(getpid() % nodes);
	drop();
	return open_conn();
}

void
db_disconnect(void)
{
	drop();
}

void
db_check(void)
{
	struct pollfd pfd;

	if (conn == NULL)
		return;
	pfd.fd = (int)mysql_get_socket(conn);
	pfd.events = POLLIN | POLLRDHUP;
	pfd.revents = 0;
	/* An idle connection has nothing to read: anything there is the
	 * server's goodbye (a shutdown or a kill). */
	if (pfd.fd >= 0 && poll(&pfd, 1, 0) > 0) {
		sp_log("db: server closed the connection; reconnecting");
		drop();
		open_conn();
	}
}

static MYSQL_STMT *
stmt_get(const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_SLOTS;
	size_t i;
	MYSQL_STMT *st;

	for (i = 0; i < STMT_SLOTS; i++) {
		struct stmt_slot *s = &slots[(h + i) % STMT_SLOTS];
		if (s->sql == sql)
			return s->stmt;
		if (s->sql == NULL)
			break;
	}
	if ((st = mysql_stmt_init(conn)) == NULL) {
		last_errno = mysql_errno(conn);
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql)) != 0) {
		last_errno = mysql_stmt_errno(st);
		if (!lost(last_errno))
			sp_log("db: prepare: %s: %s", mysql_stmt_error(st), sql);
		mysql_stmt_close(st);
		return NULL;
	}
	for (i = 0; i < STMT_SLOTS; i++) {
		struct stmt_slot *s = &slots[(h + i) % STMT_SLOTS];
		if (s->sql == NULL) {
			s->sql = sql;
			s->stmt = st;
			return st;
		}
	}
	sp_log("db: statement cache full");
	return st; /* caller cannot tell: the cache is sized for all our SQL */
}

static int
arena_add(struct db_res *res, const char *p, unsigned long len, size_t *off)
{
	if (res->arena_len + len + 1 > res->arena_cap) {
		size_t cap = res->arena_cap ? res->arena_cap * 2 : 4096;
		char *a;
		while (cap < res->arena_len + len + 1)
			cap *= 2;
		if ((a = realloc(res->arena, cap)) == NULL)
			return -1;
		res->arena = a;
		res->arena_cap = cap;
	}
	*off = res->arena_len;
	memcpy(res->arena + res->arena_len, p, len);
	res->arena[res->arena_len + len] = '\0';
	res->arena_len += len + 1;
	return 0;
}

/* Fetches every row; cells keep arena offsets (+1, 0 for NULL) until the
 * end, when they become pointers (the arena moves while it grows). */
static int
fetch_all(MYSQL_STMT *st, struct db_res *res)
{
	unsigned ncols = mysql_stmt_field_count(st);
	MYSQL_BIND out[MAX_COLS];
	char (*buf)[CELL_INLINE] = NULL;
	unsigned long lens[MAX_COLS];
	my_bool isnull[MAX_COLS], errs[MAX_COLS];
	unsigned c, r;
	int rc, ret = -1;
	char *big = NULL;

	res->ncols = ncols;
	if (ncols == 0)
		return 0;
	if (ncols > MAX_COLS) {
		sp_log("db: too many columns (%u)", ncols);
		return -1;
	}
	if ((buf = calloc(ncols, CELL_INLINE)) == NULL)
		return -1;
	memset(out, 0, sizeof(out));
	for (c = 0; c < ncols; c++) {
		out[c].buffer_type = MYSQL_TYPE_STRING;
		out[c].buffer = buf[c];
		out[c].buffer_length = CELL_INLINE;
		out[c].length = &lens[c];
		out[c].is_null = &isnull[c];
		out[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(st, out) != 0)
		goto out;
	while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
		if ((res->nrows + 1) * ncols > res->cell_cap) {
			size_t cap = res->cell_cap ? res->cell_cap * 2 : 64 * ncols;
			char **nc = realloc(res->cell, cap * sizeof(char *));
			unsigned long *nl;
			if (nc == NULL)
				goto drain;
			res->cell = nc;
			if ((nl = realloc(res->len, cap * sizeof(*nl))) == NULL)
				goto drain;
			res->len = nl;
			res->cell_cap = cap;
		}
		for (c = 0; c < ncols; c++) {
			size_t idx = (size_t)res->nrows * ncols + c;
			size_t off;
			const char *src = buf[c];
			if (isnull[c]) {
				res->cell[idx] = NULL;
				res->len[idx] = 0;
				continue;
			}
			if (lens[c] >= CELL_INLINE) {
				MYSQL_BIND one;
				free(big);
				if ((big = malloc(lens[c] + 1)) == NULL)
					goto drain;
				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = big;
				one.buffer_length = lens[c] + 1;
				if (mysql_stmt_fetch_column(st, &one, c, 0) != 0)
					goto drain;
				src = big;
			}
			if (arena_add(res, src, lens[c], &off) != 0)
				goto drain;
			res->cell[idx] = (char *)(uintptr_t)(off + 1);
			res->len[idx] = lens[c];
		}
		res->nrows++;
	}
	if (rc != MYSQL_NO_DATA) {
		last_errno = mysql_stmt_errno(st);
		sp_log("db: fetch: %s", mysql_stmt_error(st));
		goto out;
	}
	for (r = 0; r < (size_t)res->nrows * ncols; r++) {
		uintptr_t off = (uintptr_t)res->cell[r];
		res->cell[r] = off ? res->arena + off - 1 : NULL;
	}
	ret = 0;
	goto out;
drain:
	sp_log("db: out of memory reading a result");
	while (mysql_stmt_fetch(st) == 0)
		;
out:
	mysql_stmt_free_result(st);
	free(big);
	free(buf);
	return ret;
}

/* Reads fmt's parameters off ap into p; their number, or -1. */
static int
params_read(struct db_param *p, const char *fmt, va_list ap)
{
	size_t n = strlen(fmt), i;

	if (n > MAX_PARAMS) {
		sp_log("db: too many parameters");
		return -1;
	}
	for (i = 0; i < n; i++) {
		p[i].type = fmt[i];
		switch (fmt[i]) {
		case 'i':
		case 'u':
			p[i].i = va_arg(ap, long long);
			break;
		case 'd':
			p[i].d = va_arg(ap, double);
			break;
		case 's':
			p[i].p = va_arg(ap, const char *);
			p[i].len = p[i].p ? (unsigned long)strlen(p[i].p) : 0;
			break;
		case 'b':
			p[i].p = va_arg(ap, const void *);
			p[i].len = (unsigned long)va_arg(ap, size_t);
			break;
		default:
			sp_log("db: bad parameter type '%c'", fmt[i]);
			return -1;
		}
	}
	return (int)n;
}

static int
run(struct db_res *res, long long *affected, const char *sql,
    struct db_param *p, size_t n)
{
	MYSQL_BIND in[MAX_PARAMS];
	size_t i;
	int attempt;

	if (n > MAX_PARAMS) {
		sp_log("db: too many parameters");
		return -1;
	}
	memset(in, 0, sizeof(in));
	for (i = 0; i < n; i++) {
		switch (p[i].type) {
		case 'i':
		case 'u':
			in[i].buffer_type = MYSQL_TYPE_LONGLONG;
			in[i].buffer = &p[i].i;
			in[i].is_unsigned = p[i].type == 'u';
			break;
		case 'd':
			in[i].buffer_type = MYSQL_TYPE_DOUBLE;
			in[i].buffer = &p[i].d;
			break;
		default:
			if (p[i].p == NULL) {
				in[i].buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			in[i].buffer_type = p[i].type == 'b' ?
			    MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			in[i].buffer = (void *)p[i].p;
			in[i].buffer_length = p[i].len;
			in[i].length = &p[i].len;
			break;
		}
	}

	for (attempt = 0; attempt < 2; attempt++) {
		MYSQL_STMT *st;
		int retry_ok = attempt == 0 && !in_txn;

		if (conn == NULL && (in_txn || open_conn() != 0))
			return -1;
		if ((st = stmt_get(sql)) == NULL) {
			if (lost(last_errno) && retry_ok) {
				drop();
				continue;
			}
			if (lost(last_errno))
				sp_log("db: connection lost");
			return -1;
		}
		if (mysql_stmt_param_count(st) != n) {
			sp_log("db: %lu placeholders, %zu parameters: %s",
			    mysql_stmt_param_count(st), n, sql);
			return -1;
		}
		if (n > 0 && mysql_stmt_bind_param(st, in) != 0) {
			sp_log("db: bind: %s", mysql_stmt_error(st));
			return -1;
		}
		if (mysql_stmt_execute(st) != 0) {
			last_errno = mysql_stmt_errno(st);
			/* Gone: never sent, safe to resend. Lost: maybe ran,
			 * so only a read is sent again. */
			if (retry_ok && (last_errno == CR_SERVER_GONE_ERROR ||
			    (lost(last_errno) && res != NULL))) {
				drop();
				continue;
			}
			if (last_errno != ER_DUP_ENTRY)
				sp_log("db: execute: %s", mysql_stmt_error(st));
			if (lost(last_errno))
				drop();
			return -1;
		}
		if (res != NULL) {
			if (fetch_all(st, res) != 0) {
				if (lost(last_errno))
					drop();
				return -1;
			}
		} else if (affected != NULL)
			*affected = (long long)mysql_stmt_affected_rows(st);
		last_errno = 0;
		return 0;
	}
	return -1;
}

int
db_query(struct db_res *res, const char *sql, const char *fmt, ...)
{
	va_list ap;
	struct db_param p[MAX_PARAMS];
	int n;

	memset(res, 0, sizeof(*res));
	va_start(ap, fmt);
	n = params_read(p, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	return db_query_list(res, sql, p, (size_t)n);
}

int
db_query_list(struct db_res *res, const char *sql, struct db_param *p,
    size_t n)
{
	int rc;

	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < n; i++)
		if (p[i].type == 's')
			p[i].len = p[i].p ? (unsigned long)strlen(p[i].p) : 0;
	rc = run(res, NULL, sql, p, n);
	if (rc != 0)
		db_res_free(res);
	return rc;
}

long long
db_exec(const char *sql, const char *fmt, ...)
{
	va_list ap;
	struct db_param p[MAX_PARAMS];
	long long affected = 0;
	int n;

	va_start(ap, fmt);
	n = params_read(p, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	return run(NULL, &affected, sql, p, (size_t)n) == 0 ? affected : -1;
}

long long
db_exec_list(const char *sql, struct db_param *p, size_t n)
{
	long long affected = 0;

	for (size_t i = 0; i < n; i++)
		if (p[i].type == 's')
			p[i].len = p[i].p ? (unsigned long)strlen(p[i].p) : 0;
	return run(NULL, &affected, sql, p, n) == 0 ? affected : -1;
}

long long
db_exec_batch(const char *sql, const struct db_param *head, size_t nhead,
    const struct db_list *lists, size_t nlists, size_t n)
{
	struct db_param p[MAX_PARAMS];
	long long got, total = 0;
	size_t at, l, k;

	if (nhead + 50 * nlists > MAX_PARAMS) {
		sp_log("db: too many parameters");
		return -1;
	}
	for (at = 0; at < n; at += 50) {
		if (nhead > 0)
			memcpy(p, head, nhead * sizeof(*p));
		for (l = 0; l < nlists; l++)
			for (k = 0; k < 50; k++) {
				struct db_param *q = &p[nhead + 50 * l + k];
				q->type = lists[l].type;
				if (q->type == 's')
					q->p = at + k < n ? lists[l].s[at + k] :
					    NULL;
				else
					q->i = at + k < n ? lists[l].i[at + k] :
					    0;
			}
		if ((got = db_exec_list(sql, p, nhead + 50 * nlists)) < 0)
			return -1;
		total += got;
	}
	return total;
}

unsigned long long
db_insert_id(void)
{
	return conn ? mysql_insert_id(conn) : 0;
}

unsigned
db_errno(void)
{
	return last_errno;
}

int
db_begin(void)
{
	if (conn == NULL && open_conn() != 0)
		return -1;
	if (mysql_query(conn, "START TRANSACTION") != 0) {
		last_errno = mysql_errno(conn);
		sp_log("db: begin: %s", mysql_error(conn));
		if (lost(last_errno))
			drop();
		return -1;
	}
	in_txn = 1;
	return 0;
}

int
db_commit(void)
{
	int rc = -1;

	if (conn != NULL && mysql_commit(conn) == 0)
		rc = 0;
	else if (conn != NULL) {
		last_errno = mysql_errno(conn);
		sp_log("db: commit: %s", mysql_error(conn));
		if (lost(last_errno))
			drop();
	}
	in_txn = 0;
	return rc;
}

void
db_rollback(void)
{
	if (conn != NULL && mysql_rollback(conn) != 0 &&
	    lost(mysql_errno(conn)))
		drop();
	in_txn = 0;
}

int
db_script(const char *text, size_t len)
{
	int status, rc = -1;

	if (conn == NULL && open_conn() != 0)
		return -1;
	if (mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_ON))
		goto err;
	status = mysql_real_query(conn, text, (unsigned long)len);
	while (status == 0) {
		MYSQL_RES *r = mysql_store_result(conn);
		if (r != NULL)
			mysql_free_result(r);
		status = mysql_next_result(conn);
	}
	if (status > 0)
		goto err;
	rc = 0;
	goto out;
err:
	last_errno = mysql_errno(conn);
	sp_log("db: script: %s", mysql_error(conn));
out:
	if (conn != NULL)
		mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc;
}

void
db_res_free(struct db_res *res)
{
	free(res->cell);
	free(res->len);
	free(res->arena);
	memset(res, 0, sizeof(*res));
}

void
db_res_drop_cols(struct db_res *res, unsigned n)
{
	unsigned keep, i;

	if (n > res->ncols)
		n = res->ncols;
	keep = res->ncols - n;
	for (i = 0; i < res->nrows; i++) {
		memmove(res->cell + (size_t)i * keep, res->cell +
		    (size_t)i * res->ncols + n, keep * sizeof(*res->cell));
		memmove(res->len + (size_t)i * keep, res->len +
		    (size_t)i * res->ncols + n, keep * sizeof(*res->len));
	}
	res->ncols = keep;
}

const char *
db_get(const struct db_res *res, unsigned row, unsigned col)
{
	if (row >= res->nrows || col >= res->ncols)
		return NULL;
	return res->cell[(size_t)row * res->ncols + col];
}

long long
db_get_ll(const struct db_res *res, unsigned row, unsigned col, long long def)
{
	const char *s = db_get(res, row, col);
	long long v;

	if (s == NULL || sp_parse_ll(s, INT64_MIN, INT64_MAX, &v) != 0)
		return def;
	return v;
}
