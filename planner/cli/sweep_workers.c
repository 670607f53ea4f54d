#include "cli/sweep_workers.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/signals.h"
#include "util/xalloc.h"

/* A worker's message: which point, its row, then n_decisions decisions. */
struct record {
	size_t index;
	struct sweep_row row;
	size_t n_decisions;
};

static bool write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/*
 * Worker w plans points w, w + jobs, w + 2*jobs, ...: interleaving keeps
 * the workers' loads even when cost grows with the budget. Each point is
 * planned from scratch, never from a neighbour's plan, so that a row does
 * not depend on how many workers there are (plans are shared afterwards,
 * in scale order, by sweep_offer_plans()).
 */
static void worker(const struct scenario *s, struct scenario *const *each,
		   const struct run_options *base, const double *scales, size_t n,
		   int jobs, int w, int fd)
{
	int status = 0;
	for (size_t i = (size_t)w; i < n; i += (size_t)jobs) {
		struct sweep_point pt;
		if (!sweep_plan_point(each ? each[i] : s, base, scales[i], &pt)) {
			status = 1;
			break;
		}
		struct record rec = {
			.index = i, .row = pt.row, .n_decisions = pt.n_decisions};
		bool ok = write_all(fd, &rec, sizeof(rec)) &&
			  write_all(fd, pt.decisions,
				    pt.n_decisions * sizeof(*pt.decisions));
		free(pt.decisions);
		if (!ok) {
			status = 1;
			break;
		}
	}
	close(fd);
	fflush(stderr);
	_exit(status);
}

/*
 * A new worker's first steps: its own process group, so that a terminal's
 * SIGINT reaches only the parent, which forwards one SIGTERM (a second
 * signal would end the worker at once); and death with the parent, even
 * by SIGKILL. The parent may already be gone when prctl() runs: then
 * getppid() is no longer 'parent' and the worker leaves at once.
 */
static void worker_attach(pid_t parent)
{
	setpgid(0, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
		_exit(1);
}

/* Points out of a worker's bytes; false when they are malformed. */
static bool parse_records(const char *buf, size_t len, size_t n, struct sweep_point *pts,
			  bool *got, size_t *have)
{
	size_t at = 0;
	while (at < len) {
		struct record rec;
		if (len - at < sizeof(rec))
			return false;
		memcpy(&rec, buf + at, sizeof(rec));
		at += sizeof(rec);
		size_t bytes = rec.n_decisions * sizeof(struct site_decision);
		if (rec.index >= n || got[rec.index] || len - at < bytes)
			return false;
		struct sweep_point *pt = &pts[rec.index];
		pt->row = rec.row;
		pt->n_decisions = rec.n_decisions;
		pt->decisions = xmalloc(bytes + sizeof(struct site_decision));
		memcpy(pt->decisions, buf + at, bytes);
		at += bytes;
		got[rec.index] = true;
		(*have)++;
	}
	return true;
}

/* The rows of the whole records in a worker's bytes from '*scan' on, to
 * the progress line; '*scan' moves past them. */
static void show_records(const char *buf, size_t len, size_t *scan,
			 struct sweep_progress *progress)
{
	for (;;) {
		struct record rec;
		if (len - *scan < sizeof(rec))
			return;
		memcpy(&rec, buf + *scan, sizeof(rec));
		size_t bytes = rec.n_decisions * sizeof(struct site_decision);
		if (len - *scan - sizeof(rec) < bytes)
			return;
		*scan += sizeof(rec) + bytes;
		sweep_progress_point(progress, rec.index, &rec.row);
	}
}

static bool run_workers(const struct scenario *s, struct scenario *const *each,
			const struct run_options *base, const double *scales, size_t n,
			int jobs, struct sweep_progress *progress,
			struct sweep_point *pts)
{
	pid_t parent = getpid();
	pid_t *pids = xcalloc((size_t)jobs, sizeof(pid_t));
	struct pollfd *fds = xcalloc((size_t)jobs, sizeof(struct pollfd));
	bool ok = true;
	fflush(stdout);
	fflush(stderr);
	for (int w = 0; w < jobs; w++) {
		int p[2];
		if (pipe(p) != 0) {
			fprintf(stderr, "phaseout: error: cannot start a worker: %s\n",
				strerror(errno));
			ok = false;
			jobs = w;
			break;
		}
		pid_t pid = fork();
		if (pid == 0) {
			worker_attach(parent);
			close(p[0]);
			for (int k = 0; k < w; k++)
				close(fds[k].fd);
			worker(s, each, base, scales, n, jobs, w, p[1]);
		}
		close(p[1]);
		if (pid < 0) {
			fprintf(stderr, "phaseout: error: cannot start a worker: %s\n",
				strerror(errno));
			close(p[0]);
			ok = false;
			jobs = w;
			break;
		}
		setpgid(pid, pid); /* as the worker does: no window either way */
		pids[w] = pid;
		fds[w] = (struct pollfd){.fd = p[0], .events = POLLIN};
	}

	/* Each worker's bytes as they come (reading keeps a worker from
	 * blocking on a full pipe), parsed once it has closed its end. */
	char **buf = xcalloc((size_t)jobs + 1, sizeof(char *));
	size_t *len = xcalloc((size_t)jobs + 1, sizeof(size_t));
	size_t *alloc = xcalloc((size_t)jobs + 1, sizeof(size_t));
	size_t *scan = xcalloc((size_t)jobs + 1, sizeof(size_t));
	int open_fds = jobs;
	bool forwarded = false;
	while (open_fds > 0) {
		/* A signal to the sweep goes on to its workers, once; the
		 * timeout covers one that arrives just before poll(). */
		if (!forwarded && signals_caught()) {
			forwarded = true;
			for (int w = 0; w < jobs; w++)
				kill(pids[w], SIGTERM);
		}
		int r = poll(fds, (nfds_t)jobs, 100);
		if (r < 0 && errno != EINTR) {
			ok = false;
			break;
		}
		sweep_progress_tick(progress);
		if (r <= 0)
			continue;
		for (int w = 0; w < jobs; w++) {
			if (fds[w].fd < 0 ||
			    !(fds[w].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (alloc[w] - len[w] < 65536) {
				alloc[w] = 2 * alloc[w] + 65536;
				buf[w] = xrealloc(buf[w], alloc[w]);
			}
			ssize_t got = read(fds[w].fd, buf[w] + len[w], alloc[w] - len[w]);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				close(fds[w].fd);
				fds[w].fd = -1;
				open_fds--;
				continue;
			}
			len[w] += (size_t)got;
			if (progress)
				show_records(buf[w], len[w], &scan[w], progress);
		}
	}
	bool *got = xcalloc(n + 1, sizeof(bool));
	size_t have = 0;
	for (int w = 0; w < jobs; w++) {
		int status;
		while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ok = false;
		if (!parse_records(buf[w], len[w], n, pts, got, &have))
			ok = false;
		free(buf[w]);
	}
	if (have != n) {
		fprintf(stderr, "phaseout: error: %zu of %zu sweep points failed\n",
			n - have, n);
		ok = false;
	}
	free(buf);
	free(len);
	free(alloc);
	free(scan);
	free(got);
	free(pids);
	free(fds);
	return ok;
}

bool sweep_workers_run(const struct scenario *s, const struct run_options *base,
		       const double *scales, size_t n, int jobs,
		       struct sweep_progress *progress, struct sweep_row *rows)
{
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	if (jobs == 1 && !progress)
		return sweep_run(s, base, scales, n, rows);
	struct sweep_point *pts = xcalloc(n + 1, sizeof(*pts));
	bool ok = true;
	if (jobs == 1) { /* sweep_run()'s steps, each point shown */
		for (size_t i = 0; i < n && ok; i++) {
			ok = sweep_plan_point(s, base, scales[i], &pts[i]);
			if (ok)
				sweep_progress_point(progress, i, &pts[i].row);
		}
	} else {
		ok = run_workers(s, NULL, base, scales, n, jobs, progress, pts);
	}
	return sweep_points_finish(s, scales, n, pts, ok, rows);
}

bool sweep_workers_plan_each(struct scenario *const *each, const struct run_options *base,
			     const double *scales, size_t n, int jobs,
			     struct sweep_progress *progress, struct sweep_point *pts)
{
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	if (jobs > 1)
		return run_workers(each[0], each, base, scales, n, jobs, progress, pts);
	for (size_t i = 0; i < n; i++) {
		if (!sweep_plan_point(each[i], base, scales[i], &pts[i]))
			return false;
		sweep_progress_point(progress, i, &pts[i].row);
	}
	return true;
}
