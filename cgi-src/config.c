/* config.c: the one configuration file (HDF), read once at start */
#include <string.h>
#include <ClearSilver.h>

#include "config.h"
#include "util.h"

static void
get_str(HDF *hdf, const char *name, const char *def, char *dst, size_t dstsz)
{
	const char *v = hdf_get_value(hdf, name, def);

	if (sp_strlcpy(dst, v ? v : "", dstsz) >= dstsz)
		sp_log("config: %s is too long, truncated", name);
}

int
config_load(struct sp_config *cfg, const char *path)
{
	HDF *hdf = NULL;
	NEOERR *err;
	STRING msg;
	int rc = -1;

	memset(cfg, 0, sizeof(*cfg));
	if ((err = hdf_init(&hdf)) != STATUS_OK)
		goto neoerr;
	if ((err = hdf_read_file(hdf, path)) != STATUS_OK)
		goto neoerr;

	get_str(hdf, "DB.Socket", "", cfg->db_socket, sizeof(cfg->db_socket));
	get_str(hdf, "DB.Host", "127.0.0.1", cfg->db_host, sizeof(cfg->db_host));
	cfg->db_port = hdf_get_int_value(hdf, "DB.Port", 3306);
	get_str(hdf, "DB.Hosts", "", cfg->db_hosts, sizeof(cfg->db_hosts));
	cfg->db_first_node = hdf_get_int_value(hdf, "DB.FirstNode", -1);
	cfg->db_wait_ms = hdf_get_int_value(hdf, "DB.WaitMs", 10000);
	get_str(hdf, "DB.Name", "salespartner", cfg->db_name, sizeof(cfg->db_name));
	get_str(hdf, "DB.User", "sp", cfg->db_user, sizeof(cfg->db_user));
	get_str(hdf, "DB.Password", "", cfg->db_password,
	    sizeof(cfg->db_password));

	get_str(hdf, "Portal.Socket", "var/run/portal.sock", cfg->portal_socket,
	    sizeof(cfg->portal_socket));
	cfg->portal_workers = hdf_get_int_value(hdf, "Portal.Workers", 0);
	get_str(hdf, "Portal.HookSocket", "", cfg->hook_socket,
	    sizeof(cfg->hook_socket));
	cfg->hook_workers = hdf_get_int_value(hdf, "Portal.HookWorkers", 2);
	cfg->hook_nice = hdf_get_int_value(hdf, "Portal.HookNice", 10);
	get_str(hdf, "Portal.PublicURL", "http://127.0.0.1:8080",
	    cfg->public_url, sizeof(cfg->public_url));
	get_str(hdf, "Portal.Templates", "templates", cfg->templates,
	    sizeof(cfg->templates));
	cfg->max_body = hdf_get_int_value(hdf, "Portal.MaxBody", 1048576);

	get_str(hdf, "Session.Secret", "", cfg->session_secret,
	    sizeof(cfg->session_secret));
	cfg->session_idle_min = hdf_get_int_value(hdf, "Session.IdleMinutes", 120);
	cfg->dashboard_snapshot_s = hdf_get_int_value(hdf,
	    "Dashboard.SnapshotSeconds", 60);
	cfg->session_absolute_min =
	    hdf_get_int_value(hdf, "Session.AbsoluteMinutes", 12 * 60);
	cfg->throttle_account = hdf_get_int_value(hdf, "Login.AccountFailures", 5);
	cfg->throttle_address = hdf_get_int_value(hdf, "Login.AddressFailures", 20);
	cfg->throttle_window_min = hdf_get_int_value(hdf, "Login.WindowMinutes", 15);

	get_str(hdf, "Provider.ApiBase", "", cfg->provider_api_base,
	    sizeof(cfg->provider_api_base));
	get_str(hdf, "Provider.LookupBase", "", cfg->provider_lookup_base,
	    sizeof(cfg->provider_lookup_base));
	get_str(hdf, "Provider.AccountSid", "", cfg->provider_account_sid,
	    sizeof(cfg->provider_account_sid));
	get_str(hdf, "Provider.AuthToken", "", cfg->provider_auth_token,
	    sizeof(cfg->provider_auth_token));

	cfg->provider_timeout_ms = hdf_get_int_value(hdf, "Provider.TimeoutMs",
	    10000);

	cfg->sender_batch = hdf_get_int_value(hdf, "Sender.Batch", 50);
	cfg->sender_parallel = hdf_get_int_value(hdf, "Sender.Parallel", 32);
	cfg->sender_lease_s = hdf_get_int_value(hdf, "Sender.LeaseSeconds", 60);
	cfg->sender_pacing = hdf_get_int_value(hdf, "Sender.Pacing", 1);
	cfg->sender_lookup_ttl_days =
	    hdf_get_int_value(hdf, "Sender.LookupTTLDays", 30);
	cfg->sender_max_attempts = hdf_get_int_value(hdf, "Sender.MaxAttempts", 5);
	cfg->sender_retry_s = hdf_get_int_value(hdf, "Sender.RetrySeconds", 5);
	cfg->sender_stuck_s = hdf_get_int_value(hdf, "Sender.StuckSeconds", 3600);
	cfg->sender_stuck_polls = hdf_get_int_value(hdf, "Sender.StuckPolls", 3);
	cfg->sender_poll_s = hdf_get_int_value(hdf, "Sender.PollSeconds", 30);
	cfg->sender_round_ms = hdf_get_int_value(hdf, "Sender.RoundMs", 100);
	cfg->sender_sweep_s = hdf_get_int_value(hdf,
	    "Sender.InboundSweepSeconds", 60);
	if (cfg->sender_lease_s * 1000L < cfg->provider_timeout_ms * 2) {
		sp_log("config %s: Sender.LeaseSeconds must cover two provider "
		    "timeouts", path);
		goto out;
	}
	if (cfg->sender_batch < 1 || cfg->sender_batch > 50) {
		sp_log("config %s: Sender.Batch must be 1 to 50", path);
		goto out;
	}
	if (cfg->sender_round_ms < 1 || cfg->sender_round_ms > 5000) {
		sp_log("config %s: Sender.RoundMs must be 1 to 5000", path);
		goto out;
	}
	if (cfg->dashboard_snapshot_s < 0 || cfg->dashboard_snapshot_s > 300) {
		sp_log("config %s: Dashboard.SnapshotSeconds must be 0 to 300",
		    path);
		goto out;
	}

	if (strlen(cfg->session_secret) < 32) {
		sp_log("config %s: Session.Secret must be at least 32 hex "
		    "digits", path);
		goto out;
	}
	rc = 0;
	goto out;
neoerr:
	string_init(&msg);
	nerr_error_string(err, &msg);
	sp_log("config %s: %s", path, msg.buf ? msg.buf : "error");
	string_clear(&msg);
	nerr_ignore(&err);
out:
	hdf_destroy(&hdf);
	return rc;
}

int
config_secure(const struct sp_config *cfg)
{
	return strncmp(cfg->public_url, "https://", 8) == 0;
}
