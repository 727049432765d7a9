/* util.h: logging, randomness and small string helpers shared by every program */
#ifndef SP_UTIL_H
#define SP_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Logs one line to stderr, prefixed with the program, pid and the current
 * request id (when a request is being served). */
void	 sp_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 sp_log_set_prog(const char *prog);
void	 sp_log_set_request(const char *id);

/* Fills buf with len bytes from the kernel's CSPRNG; 0 or -1. */
int	 sp_random(void *buf, size_t len);
/* Writes 2*len hex digits and a NUL to out (out holds 2*len+1). */
void	 sp_hex(const unsigned char *in, size_t len, char *out);
/* A random token: 2*nbytes hex digits in out (out holds 2*nbytes+1). */
int	 sp_token(char *out, size_t nbytes);

/* A token unique to this process's requests but not secret (request ids,
 * form nonces): hex from a generator seeded by sp_fast_seed, no syscall.
 * Call sp_fast_seed in each process after fork. */
void	 sp_fast_seed(void);
void	 sp_fast_token(char *out, size_t nbytes);

/* Copies src into dst of size dstsz, always NUL-terminated; returns the
 * length it wanted (truncated when >= dstsz). */
size_t	 sp_strlcpy(char *dst, const char *src, size_t dstsz);

/* Parses a whole decimal integer in [min,max]; 0 or -1. */
int	 sp_parse_ll(const char *s, long long min, long long max,
	    long long *out);

/* Monotonic milliseconds. */
int64_t	 sp_now_ms(void);

#endif
