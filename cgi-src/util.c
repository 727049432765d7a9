/* util.c: logging, randomness and small string helpers shared by every program */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static const char *log_prog = "sp";
static char log_req[40];

void
sp_log_set_prog(const char *prog)
{
	log_prog = prog;
}

void
sp_log_set_request(const char *id)
{
	sp_strlcpy(log_req, id ? id : "", sizeof(log_req));
}

void
sp_log(const char *fmt, ...)
{
	char line[2048];
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (log_req[0] != '\0')
		fprintf(stderr, "%s %s[%d] req=%s %s\n", stamp, log_prog,
		    (int)getpid(), log_req, line);
	else
		fprintf(stderr, "%s %s[%d] %s\n", stamp, log_prog,
		    (int)getpid(), line);
}

int
sp_random(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len > 0) {
		ssize_t n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			sp_log("getrandom: %s", strerror(errno));
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void
sp_hex(const unsigned char *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
}

int
sp_token(char *out, size_t nbytes)
{
	unsigned char raw[64];

	if (nbytes > sizeof(raw) || sp_random(raw, nbytes) != 0)
		return -1;
	sp_hex(raw, nbytes, out);
	return 0;
}

static uint64_t fast_state[2] = { 0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL };

void
sp_fast_seed(void)
{
	uint64_t seed[2];

	if (sp_random(seed, sizeof(seed)) != 0) {
		seed[0] = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
		seed[1] = (uint64_t)clock();
	}
	fast_state[0] = seed[0] | 1;
	fast_state[1] = seed[1] | 2;
}

/* xorshift128+ */
static uint64_t
fast_next(void)
{
	uint64_t s1 = fast_state[0];
	const uint64_t s0 = fast_state[1];

	fast_state[0] = s0;
	s1 ^= s1 << 23;
	fast_state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
	return fast_state[1] + s0;
}

void
sp_fast_token(char *out, size_t nbytes)
{
	unsigned char raw[64];
	size_t i;

	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	for (i = 0; i < nbytes; i += 8) {
		uint64_t v = fast_next();
		size_t k;
		for (k = 0; k < 8 && i + k < nbytes; k++)
			raw[i + k] = (unsigned char)(v >> (8 * k));
	}
	sp_hex(raw, nbytes, out);
}

size_t
sp_strlcpy(char *dst, const char *src, size_t dstsz)
{
	size_t len = strlen(src);

	if (dstsz > 0) {
		size_t n = len < dstsz - 1 ? len : dstsz - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

int
sp_parse_ll(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int64_t
sp_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
