/* db.h: MariaDB for every program: one connection per process, prepared
 * statements only, reconnect-and-retry-once when the server went away */
#ifndef SP_DB_H
#define SP_DB_H

#include <stddef.h>

struct sp_config;

/* A whole result set, every cell as text (NULL for SQL NULL). */
struct db_res {
	unsigned	 nrows;
	unsigned	 ncols;
	char		**cell;		/* nrows * ncols */
	unsigned long	*len;		/* nrows * ncols */
	char		*arena;
	size_t		 arena_len;
	size_t		 arena_cap;
	size_t		 cell_cap;
};

/* Opens the connection (call after fork); 0 or -1, logged. A later call to
 * db_query/db_exec retries the connection when this one failed. */
int	 db_connect(const struct sp_config *cfg);
void	 db_disconnect(void);
/* Before db_connect: statements are awaited however long they take (a
 * migration's or a seed's), not given up after 30 s. */
void	 db_no_timeout(void);
/* Call at the start of each request: when the server hung up on the idle
 * connection (a restart), reconnects before any statement is sent. */
void	 db_check(void);

/*
 * Parameters follow fmt, one letter each:
 *   i long long, u unsigned long long, d double,
 *   s const char * (NULL is SQL NULL), b const void * and size_t (bytes).
 * sql must be a string literal: prepared statements are cached by its
 * address for the life of the connection.
 */
/* Runs a SELECT into res (free with db_res_free); 0 or -1. */
int	 db_query(struct db_res *res, const char *sql, const char *fmt, ...);
/* One parameter of db_query_list: type is one of the letters above; i, d
 * or p (with len for 'b'; 's' is measured) holds the value. */
struct db_param {
	char		 type;
	long long	 i;
	double		 d;
	const void	*p;
	unsigned long	 len;
};
/* db_query with a parameter list built at run time (at most 160); sql must
 * still keep its address for the life of the process. */
int	 db_query_list(struct db_res *res, const char *sql, struct db_param *p,
	    size_t n);
/* Runs a statement; affected rows, or -1. */
long long db_exec(const char *sql, const char *fmt, ...);
/* db_exec with a parameter list built at run time, as db_query_list. */
long long db_exec_list(const char *sql, struct db_param *p, size_t n);
/* One list of db_exec_batch: 'i' (ids) or 's' (strings), n values. */
struct db_list {
	char			 type;
	const long long		*i;
	const char *const	*s;
};
/* Runs sql once for every 50 of n rows: its placeholders are head's nhead
 * parameters, then 50 of each list's in turn (DB_IN50 or DB_Q50), row
 * at + k's values or, past the end, 0 (no such row) and NULL, so that one
 * prepared statement serves every batch. Rows changed, or -1. */
long long db_exec_batch(const char *sql, const struct db_param *head,
	    size_t nhead, const struct db_list *lists, size_t nlists, size_t n);
unsigned long long db_insert_id(void);

int	 db_begin(void);
int	 db_commit(void);
void	 db_rollback(void);

/* Runs a script of several statements (migrations, seeds); 0 or -1. */
int	 db_script(const char *text, size_t len);
/* The server's last error number, for callers that tell duplicates apart. */
unsigned db_errno(void);

void	 db_res_free(struct db_res *res);
/* Drops the first n columns of every row. */
void	 db_res_drop_cols(struct db_res *res, unsigned n);
const char *db_get(const struct db_res *res, unsigned row, unsigned col);
long long db_get_ll(const struct db_res *res, unsigned row, unsigned col,
	    long long def);

#define DB_ER_DUP_ENTRY 1062

/* Fifty placeholders for an IN list: batch statements bind their ids and
 * pad with 0 (no such row), so one prepared statement serves every batch. */
#define DB_Q10	"?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define DB_Q50	DB_Q10 ", " DB_Q10 ", " DB_Q10 ", " DB_Q10 ", " DB_Q10
#define DB_IN50	"(" DB_Q50 ")"

#endif
