/* auth_password.h: argon2id password hashes, shared by the portal and sp-admin */
#ifndef SP_AUTH_PASSWORD_H
#define SP_AUTH_PASSWORD_H

#include <stddef.h>

#define PASSWORD_MIN	10	/* characters; sp-admin and resets refuse less */
#define PASSWORD_MAX	256	/* bytes; a longer one is refused, not cut */

/* Writes an encoded argon2id hash of pw to out; 0 or -1. */
int	 password_hash(const char *pw, char *out, size_t outsz);
/* 1 when pw matches the encoded hash, 0 when not, -1 on error. */
int	 password_verify(const char *encoded, const char *pw);
/* Spends the time of one verification, for unknown accounts. */
void	 password_waste_time(const char *pw);

#endif
