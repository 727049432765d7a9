/* config.h: the one configuration file (HDF), read once at start */
#ifndef SP_CONFIG_H
#define SP_CONFIG_H

struct sp_config {
	char	 db_socket[512];
	char	 db_host[256];	/* used when db_socket is empty */
	int	 db_port;
	char	 db_hosts[512];	/* "h:p,h:p,...": a cluster's nodes (Galera);
				 * when set, used instead of socket and host */
	int	 db_first_node;	/* which node a process starts on; -1: by pid */
	char	 db_name[64];
	char	 db_user[64];
	char	 db_password[128];
	long	 db_wait_ms;	/* how long a request waits for a server that
				 * is restarting before it fails */

	char	 portal_socket[512];	/* FastCGI listen address */
	int	 portal_workers;	/* 0: two per core */
	char	 hook_socket[512];	/* the provider's webhooks; "": Socket */
	int	 hook_workers;		/* workers on hook_socket */
	int	 hook_nice;		/* their nice level: pages come first */
	char	 public_url[256];	/* e.g. https://portal.example.com */
	char	 templates[512];	/* directory of the .cs files */
	long	 max_body;		/* bytes; larger bodies get 413 */

	char	 session_secret[129];	/* hex; keys the login form's token */
	int	 session_idle_min;
	int	 dashboard_snapshot_s;	/* a range's figures are kept this long */
	int	 session_absolute_min;
	int	 throttle_account;	/* failures per account per window */
	int	 throttle_address;	/* failures per address per window */
	int	 throttle_window_min;

	char	 provider_api_base[256];
	char	 provider_lookup_base[256];
	char	 provider_account_sid[64];
	char	 provider_auth_token[128];
	long	 provider_timeout_ms;	/* whole request; connect gets 3 s */

	/* sp-sender */
	int	 sender_batch;		/* messages claimed at once */
	int	 sender_parallel;	/* provider requests in flight */
	int	 sender_lease_s;	/* a claim's lease: a dead sender's
					 * messages are taken over after it */
	int	 sender_pacing;		/* 0: no pacing (benchmarks only) */
	int	 sender_lookup_ttl_days;
	int	 sender_max_attempts;
	int	 sender_retry_s;	/* first backoff; doubles each attempt */
	int	 sender_stuck_s;	/* "sent" with no receipt this long: poll */
	int	 sender_stuck_polls;	/* then "unconfirmed" after this many */
	int	 sender_poll_s;		/* how often to look for stuck messages */
	int	 sender_round_ms;	/* a round's pause when there is no backlog */
	int	 sender_sweep_s;	/* how often each number's received texts
					 * are checked against the provider's
					 * list; 0: never */
};

/* Reads path into cfg, with defaults for what it leaves out; 0 or -1 (logged). */
int	 config_load(struct sp_config *cfg, const char *path);
/* Nonzero when the public URL is https (cookies get Secure). */
int	 config_secure(const struct sp_config *cfg);

#endif
