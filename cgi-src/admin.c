/* admin.c: sp-admin, the operator's command: migrations, businesses, users,
 * passwords and the demo and benchmark data */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth_password.h"
#include "config.h"
#include "core_reason.h"
#include "db.h"
#include "util.h"

static struct sp_config cfg;

static void
usage(void)
{
	fprintf(stderr,
	    "usage: sp-admin [-c config.hdf] COMMAND [options]\n"
	    "  migrate SQLDIR            apply SQLDIR/NNN_*.sql not yet applied\n"
	    "  create-business --name NAME --number E164 [--tz ZONE]\n"
	    "  create-user --email EMAIL --role agent|manager|support|admin\n"
	    "              --name NAME [--business ID]   (password on stdin)\n"
	    "  reset-password --email EMAIL              (password on stdin)\n"
	    "  seed-demo SQLDIR          the demo businesses, users and data,\n"
	    "                            once (password on stdin)\n"
	    "  seed-bench SQLDIR --leads N --per-lead M\n"
	    "  registration --business ID approved|rejected|pending\n"
	    "              [--reason TEXT]   the carriers' answer to a 10DLC\n"
	    "                                registration\n");
	exit(2);
}

/* Reads the whole file; caller frees. NULL on error (logged). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL) {
		sp_log("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		sp_log("%s: cannot read", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	fclose(f);
	return buf;
}

static int
is_migration(const char *name)
{
	size_t len = strlen(name);

	return len > 8 && isdigit((unsigned char)name[0]) &&
	    isdigit((unsigned char)name[1]) && isdigit((unsigned char)name[2]) &&
	    name[3] == '_' && strcmp(name + len - 4, ".sql") == 0;
}

static int
cmp_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
filter_migration(const struct dirent *d)
{
	return is_migration(d->d_name);
}

static int
cmd_migrate(const char *dir)
{
	struct dirent **list = NULL;
	int n, i, applied = 0, rc = 0;

	if (db_exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version VARCHAR(255) NOT NULL PRIMARY KEY, "
	    "applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"
	    ") ENGINE=InnoDB", "") < 0)
		return 1;
	if ((n = scandir(dir, &list, filter_migration, cmp_names)) < 0) {
		sp_log("%s: %s", dir, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		struct db_res res;
		char path[1024];
		size_t len;
		char *sql;
		int done;

		if (rc != 0)
			goto next;
		if (db_query(&res, "SELECT 1 FROM schema_migrations "
		    "WHERE version = ?", "s", list[i]->d_name) != 0) {
			rc = 1;
			goto next;
		}
		done = res.nrows > 0;
		db_res_free(&res);
		if (done)
			goto next;
		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		if ((sql = slurp(path, &len)) == NULL) {
			rc = 1;
			goto next;
		}
		if (db_script(sql, len) != 0 ||
		    db_exec("INSERT INTO schema_migrations (version) VALUES (?)",
		    "s", list[i]->d_name) < 0) {
			sp_log("migration %s failed", list[i]->d_name);
			rc = 1;
		} else {
			printf("applied %s\n", list[i]->d_name);
			applied++;
		}
		free(sql);
next:
		free(list[i]);
	}
	free(list);
	if (rc == 0)
		printf("migrations: %d applied, %d in all\n", applied, n);
	return rc;
}

/* Reads one line from stdin into buf, without its newline. */
static int
read_password(char *buf, size_t size)
{
	size_t len;

	if (fgets(buf, (int)size, stdin) == NULL)
		return -1;
	len = strcspn(buf, "\r\n");
	buf[len] = '\0';
	if (len < PASSWORD_MIN) {
		fprintf(stderr, "sp-admin: a password needs at least %d "
		    "characters\n", PASSWORD_MIN);
		return -1;
	}
	return 0;
}

static long long
create_business(const char *name, const char *number, const char *tz)
{
	long long id;

	if (db_begin() != 0)
		return -1;
	if (db_exec("INSERT INTO businesses (name, time_zone) VALUES (?, ?)",
	    "ss", name, tz) < 0)
		goto fail;
	id = (long long)db_insert_id();
	if (db_exec("INSERT INTO sending_numbers (business_id, e164, label) "
	    "VALUES (?, ?, 'Main')", "is", id, number) < 0)
		goto fail;
	if (db_commit() != 0)
		return -1;
	return id;
fail:
	db_rollback();
	return -1;
}

static long long
create_user(const char *email, const char *role, const char *name,
    long long business, const char *pw)
{
	char hash[256], biz[24];

	if (password_hash(pw, hash, sizeof(hash)) != 0)
		return -1;
	/* SalesPartner's own staff have no business: NULL, not 0 */
	snprintf(biz, sizeof(biz), "%lld", business);
	if (db_exec("INSERT INTO users (business_id, email, name, role, "
	    "password_hash) VALUES (?, ?, ?, ?, ?)", "sssss",
	    business > 0 ? biz : NULL, email, name, role, hash) < 0) {
		if (db_errno() == DB_ER_DUP_ENTRY)
			fprintf(stderr, "sp-admin: %s already exists\n", email);
		return -1;
	}
	return (long long)db_insert_id();
}

/* Stores each provider code's class next to it (core_reason decides). */
static int
fill_reasons(void)
{
	static const int codes[] = { 21610, 21211, 21614, 30003, 30004, 30005,
	    30006, 30007, 30008, 30022, 30034, 30001, 30002 };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (db_exec("UPDATE messages SET reason = ? WHERE error_code = ? "
		    "AND reason IS NULL", "si",
		    reason_str(reason_from_code(codes[i])),
		    (long long)codes[i]) < 0)
			return -1;
	return db_exec("UPDATE conversations c JOIN messages m "
	    "ON m.id = c.last_message_id SET c.last_reason = m.reason "
	    "WHERE c.last_reason IS NULL AND m.reason IS NOT NULL", "") < 0 ?
	    -1 : 0;
}

static int
generate(const char *dir, long long business, long long agent_a,
    long long agent_b, long long leads, long long per_lead,
    long long phone_base, const char *area)
{
	char path[1024];
	char *sql;
	size_t len;
	int rc;

	if (db_exec("SET @business_id = ?, @number_id = (SELECT MIN(id) FROM "
	    "sending_numbers WHERE business_id = ?), @agent_a = ?, "
	    "@agent_b = ?, @leads = ?, @per_lead = ?, @phone_base = ?, "
	    "@area = ?", "iiiiiiis", business, business, agent_a, agent_b,
	    leads, per_lead, phone_base, area) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/seed/generate.sql", dir);
	if ((sql = slurp(path, &len)) == NULL)
		return -1;
	rc = db_script(sql, len);
	free(sql);
	if (rc == 0)
		rc = fill_reasons();
	return rc;
}

/* How many businesses the database has; -1 on error. */
static long long
business_count(void)
{
	struct db_res res;
	long long n;

	if (db_query(&res, "SELECT COUNT(*) FROM businesses", "") != 0)
		return -1;
	n = db_get_ll(&res, 0, 0, 0);
	db_res_free(&res);
	return n;
}

static int
cmd_seed_demo(const char *dir)
{
	char pw[PASSWORD_MAX + 2];
	long long acme, birch, mgr, a1, a2, b1, have;

	if ((have = business_count()) < 0)
		return 1;
	if (have > 0) {
		printf("demo: the database has data already; left as it is\n");
		return 0;
	}
	if (read_password(pw, sizeof(pw)) != 0)
		return 1;
	if ((acme = create_business("Acme Roofing", "+12127365001",
	    "America/New_York")) < 0 ||
	    (birch = create_business("Birch Dental", "+13127365002",
	    "America/Chicago")) < 0)
		return 1;
	if ((mgr = create_user("manager@acme.example", "manager",
	    "Morgan Reyes", acme, pw)) < 0 ||
	    (a1 = create_user("agent@acme.example", "agent", "Alex Kim",
	    acme, pw)) < 0 ||
	    (a2 = create_user("agent2@acme.example", "agent", "Jordan Lee",
	    acme, pw)) < 0 ||
	    (b1 = create_user("agent@birch.example", "agent", "Casey Birch",
	    birch, pw)) < 0 ||
	    create_user("support@salespartner.example", "support",
	    "SalesPartner Support", 0, pw) < 0)
		return 1;
	(void)mgr;
	if (generate(dir, acme, a1, a2, 200, 10, 7360000, "646") != 0 ||
	    generate(dir, birch, b1, b1, 20, 6, 7361000, "773") != 0)
		return 1;
	printf("demo: Acme Roofing and Birch Dental loaded\n");
	return 0;
}

static int
cmd_seed_bench(const char *dir, long long leads, long long per_lead)
{
	long long biz, agent, have;
	char email[64];

	if ((have = business_count()) < 0)
		return 1;
	if (have > 0) {
		fprintf(stderr, "bench: the database has %lld business%s "
		    "already: generate into an empty one\n", have,
		    have == 1 ? "" : "es");
		return 1;
	}
	if ((biz = create_business("Bench Roofing", "+12127369001",
	    "America/New_York")) < 0)
		return 1;
	snprintf(email, sizeof(email), "bench%lld@bench.example", biz);
	if ((agent = create_user(email, "agent", "Bench Agent", biz,
	    "bench-password")) < 0)
		return 1;
	if (generate(dir, biz, agent, agent, leads, per_lead, 2000000,
	    "917") != 0)
		return 1;
	printf("bench: business %lld, %s, %lld leads, %lld messages\n",
	    biz, email, leads, leads * per_lead);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *path = getenv("SP_CONFIG"), *cmd;
	const char *name = NULL, *number = NULL, *tz = "America/New_York";
	const char *email = NULL, *role = NULL, *reason = NULL;
	long long business = 0, leads = 0, per_lead = 10;
	char pw[PASSWORD_MAX + 2];
	int opt, i, rc;
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "number", required_argument, NULL, 'N' },
		{ "tz", required_argument, NULL, 't' },
		{ "email", required_argument, NULL, 'e' },
		{ "role", required_argument, NULL, 'r' },
		{ "business", required_argument, NULL, 'b' },
		{ "leads", required_argument, NULL, 'l' },
		{ "per-lead", required_argument, NULL, 'p' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};

	sp_log_set_prog("sp-admin");
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		path = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2)
		usage();
	cmd = argv[1];
	argv++;
	argc--;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'N': number = optarg; break;
		case 't': tz = optarg; break;
		case 'e': email = optarg; break;
		case 'r': role = optarg; break;
		case 'R': reason = optarg; break;
		case 'b':
		case 'l':
		case 'p': {
			long long v;
			if (sp_parse_ll(optarg, 1, 10000000, &v) != 0)
				usage();
			if (opt == 'b')
				business = v;
			else if (opt == 'l')
				leads = v;
			else
				per_lead = v;
			break;
		}
		default:
			usage();
		}
	}
	if (config_load(&cfg, path ? path : "var/sp.hdf") != 0)
		return 1;
	/* a migration on a large table, or the bench's million messages,
	 * takes longer than the portal would ever wait */
	db_no_timeout();
	if (db_connect(&cfg) != 0)
		return 1;

	rc = 1;
	if (strcmp(cmd, "migrate") == 0 && optind < argc)
		rc = cmd_migrate(argv[optind]);
	else if (strcmp(cmd, "seed-demo") == 0 && optind < argc)
		rc = cmd_seed_demo(argv[optind]);
	else if (strcmp(cmd, "seed-bench") == 0 && optind < argc && leads > 0 &&
	    per_lead <= 50)
		rc = cmd_seed_bench(argv[optind], leads, per_lead);
	else if (strcmp(cmd, "create-business") == 0 && name && number) {
		long long id = create_business(name, number, tz);
		if (id > 0) {
			printf("business %lld\n", id);
			rc = 0;
		}
	} else if (strcmp(cmd, "create-user") == 0 && email && role && name) {
		int staff = strcmp(role, "support") == 0 ||
		    strcmp(role, "admin") == 0;
		if (staff != (business == 0)) {
			fprintf(stderr, "sp-admin: agents and managers need "
			    "--business; support and admin take none\n");
		} else if (read_password(pw, sizeof(pw)) == 0) {
			for (i = 0; email[i] != '\0'; i++)
				if (isupper((unsigned char)email[i]))
					break;
			if (email[i] != '\0')
				fprintf(stderr, "sp-admin: write the email in "
				    "lower case\n");
			else if (create_user(email, role, name, business,
			    pw) > 0) {
				printf("user %s created\n", email);
				rc = 0;
			}
		}
	} else if (strcmp(cmd, "reset-password") == 0 && email) {
		char hash[256];
		long long n;
		if (read_password(pw, sizeof(pw)) == 0 &&
		    password_hash(pw, hash, sizeof(hash)) == 0) {
			n = db_exec("UPDATE users SET password_hash = ? "
			    "WHERE email = ?", "ss", hash, email);
			/* a new password ends every session of the user */
			if (n > 0 && db_exec("DELETE s FROM sessions s JOIN users "
			    "u ON u.id = s.user_id WHERE u.email = ?", "s",
			    email) >= 0) {
				printf("password of %s reset\n", email);
				rc = 0;
			} else if (n == 0)
				fprintf(stderr, "sp-admin: no user %s\n", email);
		}
	} else if (strcmp(cmd, "registration") == 0 && business > 0 &&
	    optind < argc && (strcmp(argv[optind], "approved") == 0 ||
	    strcmp(argv[optind], "rejected") == 0 ||
	    strcmp(argv[optind], "pending") == 0)) {
		if (db_exec("UPDATE businesses SET registration_status = ? "
		    "WHERE id = ?", "si", argv[optind], business) > 0 &&
		    db_exec("INSERT INTO business_registrations (business_id, "
		    "sample_messages, optin_description, rejection_reason) "
		    "VALUES (?, '', '', ?) ON DUPLICATE KEY UPDATE "
		    "rejection_reason = VALUES(rejection_reason)", "is",
		    business, reason ? reason : "") >= 0) {
			printf("business %lld: registration %s\n", business,
			    argv[optind]);
			rc = 0;
		} else
			fprintf(stderr, "sp-admin: no business %lld\n", business);
	} else
		usage();
	db_disconnect();
	return rc;
}
