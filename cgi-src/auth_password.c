/* auth_password.c: argon2id password hashes, shared by the portal and sp-admin */
#include <string.h>
#include <argon2.h>

#include "auth_password.h"
#include "util.h"

/* OWASP's argon2id floor: 19 MiB, two passes, one lane (~27 ms here). */
#define T_COST	2
#define M_COST	(19 * 1024)
#define LANES	1
#define SALTLEN	16
#define HASHLEN	32

int
password_hash(const char *pw, char *out, size_t outsz)
{
	unsigned char salt[SALTLEN];
	int rc;

	if (strlen(pw) > PASSWORD_MAX || sp_random(salt, sizeof(salt)) != 0)
		return -1;
	rc = argon2id_hash_encoded(T_COST, M_COST, LANES, pw, strlen(pw), salt,
	    sizeof(salt), HASHLEN, out, outsz);
	if (rc != ARGON2_OK) {
		sp_log("argon2: %s", argon2_error_message(rc));
		return -1;
	}
	return 0;
}

int
password_verify(const char *encoded, const char *pw)
{
	int rc;

	if (strlen(pw) > PASSWORD_MAX)
		return 0;
	rc = argon2id_verify(encoded, pw, strlen(pw));
	if (rc == ARGON2_OK)
		return 1;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return 0;
	sp_log("argon2 verify: %s", argon2_error_message(rc));
	return -1;
}

void
password_waste_time(const char *pw)
{
	char buf[128];

	password_hash(pw, buf, sizeof(buf));
}
