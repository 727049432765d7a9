/* bench_provider.c: sends through the multi interface to the simulator and
 * prints messages/s (make bench) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "provider.h"
#include "util.h"

int
main(int argc, char **argv)
{
	struct sp_config cfg;
	struct provider *p;
	struct prov_send *reqs;
	static char to[20000][20];
	int n = 20000, parallel = 64, i, ok = 0;
	struct timespec t0, t1;
	double s;
	long long v;

	if (argc < 2 || config_load(&cfg, argv[1]) != 0) {
		fprintf(stderr, "usage: bench_provider CONFIG [N] [PARALLEL]\n");
		return 2;
	}
	if (argc > 2 && sp_parse_ll(argv[2], 1, 20000, &v) == 0)
		n = (int)v;
	if (argc > 3 && sp_parse_ll(argv[3], 1, 64, &v) == 0)
		parallel = (int)v;
	if ((p = provider_new(&cfg)) == NULL ||
	    (reqs = calloc((size_t)n, sizeof(*reqs))) == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		/* endings 00-49 deliver (README: the simulator's outcomes) */
		snprintf(to[i], sizeof(to[i]), "+1917%07d",
		    1000000 + (i / 50) * 100 + i % 50);
		reqs[i] = (struct prov_send){ .from = "+12127369001",
		    .to = to[i],
		    .body = "Hi, Bench Roofing here: does Thursday work?" };
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	provider_send_many(p, reqs, (size_t)n, parallel);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (i = 0; i < n; i++)
		ok += reqs[i].out.result == PROV_OK;
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("provider: %d sends (%d accepted) in %.2f s over the multi "
	    "interface, %d in flight: %.0f messages/s (target >= 2000)\n", n, ok,
	    s, parallel, n / s);
	provider_free(p);
	free(reqs);
	return ok == n ? 0 : 1;
}
