#include "cli/signals.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = 1;
	/* A second signal is not caught: it ends the process as usual. */
	signal(sig, SIG_DFL);
}

void signals_catch(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool signals_caught(void)
{
	return caught != 0;
}

bool signals_stop(void *ctx)
{
	(void)ctx;
	return signals_caught();
}
