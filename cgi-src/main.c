/* main.c: sp-portal, the FastCGI program: a master that opens the socket and
 * keeps N workers alive, each serving one request at a time; or, run as a
 * plain CGI, one request on stdin/stdout */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>

#include "config.h"
#include "db.h"
#include "util.h"
#include "web.h"

#define MAX_WORKERS	256

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: accept() returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * libfcgi closes a connection by shutting down its side and waiting for the
 * web server to close the other (a lingering close: 7% of a worker's time
 * on the inbox, and a wake-up more per request). That wait guards against
 * unread input, which would make the close reset the connection; with the
 * request's input read to its end there is none, and the close can be
 * plain. A body the request left unread (a 413) keeps the lingering close.
 */
static int
stdin_done(FCGX_Stream *in)
{
	char buf[512];
	int i, n;

	for (i = 0; i < 4; i++) {
		if ((n = FCGX_GetStr(buf, (int)sizeof(buf), in)) <= 0)
			return n == 0 && FCGX_GetError(in) == 0;
	}
	return 0;
}

static void
worker(int fd, int nice_level, const struct sp_config *cfg)
{
	FCGX_Request req;

	if (nice_level > 0 && setpriority(PRIO_PROCESS, 0, nice_level) != 0)
		sp_log("setpriority: %s", strerror(errno));

	/* A request's heap (a page's HDF tree, its rows) is built and freed
	 * again and again: glibc would give it back to the kernel after each
	 * one (brk down, then page faults up: a tenth of the machine's time
	 * on the inbox). The worker keeps what it used instead. */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
	mallopt(M_TOP_PAD, 4 * 1024 * 1024);
	/* The connection belongs to this process: opened after fork. A
	 * failure here is retried by the first request. */
	sp_fast_seed();
	db_connect(cfg);
	if (FCGX_InitRequest(&req, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		sp_log("FCGX_InitRequest failed");
		_exit(1);
	}
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		web_serve(&req, cfg);
		if (stdin_done(req.in))
			FCGX_Detach(&req);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	db_disconnect();
	_exit(0);
}

/* One kind of worker: the pages' on Portal.Socket, or the webhooks' on
 * Portal.HookSocket at a lower priority. */
struct pool {
	int	 fd;
	int	 nice;
};

static pid_t
spawn(const struct pool *p, const struct sp_config *cfg)
{
	pid_t pid = fork();

	if (pid == 0)
		worker(p->fd, p->nice, cfg);
	if (pid < 0)
		sp_log("fork: %s", strerror(errno));
	return pid;
}

static int
nworkers(const struct sp_config *cfg)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	if (cfg->portal_workers > 0)
		return cfg->portal_workers > MAX_WORKERS ? MAX_WORKERS :
		    cfg->portal_workers;
	/* two per core saturate the cores (../shared/docs/stack-notes.md) */
	return cores > 0 ? (int)(cores * 2 > MAX_WORKERS ? MAX_WORKERS :
	    cores * 2) : 2;
}

/*
 * The provider's webhooks come in bursts (a campaign's receipts, thousands a
 * second) that would take the cores from the agents' pages: with
 * Portal.HookSocket set they have workers of their own, at a lower
 * priority, which take what the pages leave. Nothing waits long: a burst
 * queues in nginx and the listen backlog, not in a lead's conversation.
 */
static int
master(int fd, int hook_fd, const struct sp_config *cfg)
{
	pid_t pids[MAX_WORKERS];
	time_t born[MAX_WORKERS];
	struct pool pools[2] = {
		{ fd, 0 }, { hook_fd, cfg->hook_nice > 19 ? 19 : cfg->hook_nice },
	};
	const struct pool *pool_of[MAX_WORKERS];
	int n = nworkers(cfg), hooks = 0, i, status;
	time_t deadline;

	if (hook_fd >= 0)
		hooks = cfg->hook_workers < 1 ? 1 :
		    cfg->hook_workers > MAX_WORKERS / 2 ? MAX_WORKERS / 2 :
		    cfg->hook_workers;
	if (n > MAX_WORKERS - hooks)
		n = MAX_WORKERS - hooks;
	memset(pids, 0, sizeof(pids));
	for (i = 0; i < n + hooks; i++) {
		pool_of[i] = &pools[i >= n];
		pids[i] = spawn(pool_of[i], cfg);
		born[i] = time(NULL);
	}
	sp_log("listening on %s with %d workers", cfg->portal_socket, n);
	if (hooks > 0)
		sp_log("webhooks on %s with %d workers at nice %d",
		    cfg->hook_socket, hooks, pools[1].nice);
	n += hooks;
	while (!stopping) {
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			sp_log("waitpid: %s", strerror(errno));
			break;
		}
		for (i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			if (WIFSIGNALED(status))
				sp_log("worker %d killed by signal %d; "
				    "restarting", (int)pid, WTERMSIG(status));
			else
				sp_log("worker %d exited with %d; restarting",
				    (int)pid, WEXITSTATUS(status));
			/* a worker that dies at once would spin: pace it */
			if (time(NULL) - born[i] < 1)
				sleep(1);
			if (stopping)
				pids[i] = 0;
			else {
				pids[i] = spawn(pool_of[i], cfg);
				born[i] = time(NULL);
			}
		}
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	/* a worker finishes the request in hand; then it is killed */
	deadline = time(NULL) + 10;
	for (;;) {
		int left = 0;
		for (i = 0; i < n; i++) {
			if (pids[i] <= 0)
				continue;
			if (waitpid(pids[i], &status, WNOHANG) == pids[i])
				pids[i] = 0;
			else
				left++;
		}
		if (left == 0)
			break;
		if (time(NULL) > deadline) {
			for (i = 0; i < n; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGKILL);
			deadline = time(NULL) + 3600;
		}
		usleep(20000);
	}
	sp_log("stopped");
	return 0;
}

/* A listening socket; a unix one open to nginx's workers (nobody). */
static int
listen_on(const char *path)
{
	mode_t old = umask(0);
	int fd = FCGX_OpenSocket(path, 1024);

	umask(old);
	if (fd < 0)
		sp_log("cannot listen on %s", path);
	return fd;
}

static void
usage(void)
{
	fprintf(stderr, "usage: sp-portal [-c config.hdf]\n"
	    "  Serves FastCGI on Portal.Socket, or on an inherited socket on "
	    "fd 0;\n  with REQUEST_METHOD set and no socket, answers one "
	    "request as plain CGI.\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static struct sp_config cfg;
	const char *path = getenv("SP_CONFIG");
	int opt, fd, hook_fd = -1;

	sp_log_set_prog("sp-portal");
	if (argc == 2 && strcmp(argv[1], "--routes") == 0) {
		route_print(stdout);
		return 0;
	}
	while ((opt = getopt(argc, argv, "c:")) != -1) {
		if (opt == 'c')
			path = optarg;
		else
			usage();
	}
	if (path == NULL)
		path = "var/sp.hdf";
	if (config_load(&cfg, path) != 0)
		return 1;
	if (FCGX_Init() != 0) {
		sp_log("FCGX_Init failed");
		return 1;
	}
	if (FCGX_IsCGI() && getenv("REQUEST_METHOD") != NULL) {
		sp_fast_seed();
		db_connect(&cfg);
		web_serve(NULL, &cfg);
		fflush(stdout);
		db_disconnect();
		return 0;
	}
	catch_signals();
	if (!FCGX_IsCGI())
		fd = 0;	/* a spawner handed us the listening socket */
	else if ((fd = listen_on(cfg.portal_socket)) < 0)
		return 1;
	if (cfg.hook_socket[0] != '\0' &&
	    (hook_fd = listen_on(cfg.hook_socket)) < 0)
		return 1;
	return master(fd, hook_fd, &cfg);
}
