#include "sweep.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xalloc.h"

void sweep_row_of(const struct plan *p, double scale, struct sweep_row *row)
{
	const struct scenario *s = p->scenario;
	memset(row, 0, sizeof(*row));
	row->budget_scale = scale;
	row->total_budget = 0;
	for (int y = 0; y < s->n_years; y++)
		row->total_budget += p->years[y].budget; /* INFINITY if any is */
	row->status = p->status;
	row->exposure = p->exposure;
	row->present_cost = p->present_cost;
	row->nominal_cost = p->nominal_cost;
	row->completion_year = p->completion_year;
	row->hr_units_remaining = p->hr_units_left;
	for (size_t i = 0; i < p->n_rules; i++)
		if (p->rules[i].kind == RULE_DEADLINE) {
			row->deadlines_total++;
			row->deadlines_met += p->rules[i].holds;
		}
	row->gap = p->gap;
	row->violation = p->violation;
	row->stopped_by = p->stopped_by;
	row->plan_from_scale = NAN;
}

static bool plan_point(const struct scenario *s, const struct run_options *base,
		       double scale, struct sweep_row *row)
{
	struct run_options o = *base;
	o.budget_scale = scale;
	o.progress = false;
	struct plan *p = run_plan(s, &o, run_now());
	if (!p)
		return false;
	sweep_row_of(p, scale, row);
	plan_destroy(p);
	return true;
}

/* A worker's message: which point, and its row. */
struct record {
	size_t index;
	struct sweep_row row;
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
 * not depend on how many workers there are.
 */
static void worker(const struct scenario *s, const struct run_options *base,
		   const double *scales, size_t n, int jobs, int w, int fd)
{
	int status = 0;
	for (size_t i = (size_t)w; i < n; i += (size_t)jobs) {
		struct record rec = {.index = i};
		if (!plan_point(s, base, scales[i], &rec.row) ||
		    !write_all(fd, &rec, sizeof(rec))) {
			status = 1;
			break;
		}
	}
	close(fd);
	fflush(stderr);
	_exit(status);
}

bool sweep_run(const struct scenario *s, const struct run_options *base,
	       const double *scales, size_t n, int jobs, struct sweep_row *rows)
{
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n ? (int)n : 1;
	if (jobs == 1) {
		for (size_t i = 0; i < n; i++)
			if (!plan_point(s, base, scales[i], &rows[i]))
				return false;
		return true;
	}

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
			close(p[0]);
			for (int k = 0; k < w; k++)
				close(fds[k].fd);
			worker(s, base, scales, n, jobs, w, p[1]);
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
		pids[w] = pid;
		fds[w] = (struct pollfd){.fd = p[0], .events = POLLIN};
	}

	bool *got = xcalloc(n + 1, sizeof(bool));
	size_t have = 0;
	/* Read whole records from whichever worker has one; a pipe holds many,
	 * but reading as they come keeps a worker from ever blocking. */
	char **buf = xcalloc((size_t)jobs + 1, sizeof(char *));
	size_t *len = xcalloc((size_t)jobs + 1, sizeof(size_t));
	int open_fds = jobs;
	while (open_fds > 0) {
		if (poll(fds, (nfds_t)jobs, -1) < 0) {
			if (errno == EINTR)
				continue;
			ok = false;
			break;
		}
		for (int w = 0; w < jobs; w++) {
			if (fds[w].fd < 0 ||
			    !(fds[w].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (!buf[w])
				buf[w] = xmalloc(sizeof(struct record));
			ssize_t r = read(fds[w].fd, buf[w] + len[w],
					 sizeof(struct record) - len[w]);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				close(fds[w].fd);
				fds[w].fd = -1;
				open_fds--;
				continue;
			}
			len[w] += (size_t)r;
			if (len[w] == sizeof(struct record)) {
				struct record rec;
				memcpy(&rec, buf[w], sizeof(rec));
				len[w] = 0;
				if (rec.index < n && !got[rec.index]) {
					rows[rec.index] = rec.row;
					got[rec.index] = true;
					have++;
				}
			}
		}
	}
	for (int w = 0; w < jobs; w++) {
		int status;
		while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
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
	free(got);
	free(pids);
	free(fds);
	return ok;
}

/* Whether every deadline and cap holds at 'scale': any plan will do, so
 * the probe stops at the first one (gap 1) and skips the diagnosis. */
static int holds_at(const struct scenario *s, const struct run_options *base,
		    double scale)
{
	struct run_options o = *base;
	o.budget_scale = scale;
	o.gap = 1.0;
	o.progress = false;
	o.no_diagnosis = true;
	struct plan *p = run_plan(s, &o, run_now());
	if (!p)
		return -1;
	int r = p->status == PLAN_OPTIMAL || p->status == PLAN_FEASIBLE
			? 1
			: (p->status == PLAN_INFEASIBLE ? 0 : -1);
	plan_destroy(p);
	return r;
}

/* The completion year of the plan at 'scale' (0 = not complete), planned
 * as the user asked; -1 on failure. */
static int completion_at(const struct scenario *s, const struct run_options *base,
			 double scale)
{
	struct run_options o = *base;
	o.budget_scale = scale;
	o.progress = false;
	o.no_diagnosis = true;
	struct plan *p = run_plan(s, &o, run_now());
	if (!p)
		return -1;
	int c = p->status == PLAN_OPTIMAL || p->status == PLAN_FEASIBLE
			? p->completion_year
			: -1;
	plan_destroy(p);
	return c;
}

/* Later completion counts as a larger year; "not complete" as never. */
static int completion_rank(int year)
{
	return year ? year : 1 << 30;
}

bool sweep_find_min_budget(const struct scenario *s, const struct run_options *base,
			   double lo, double hi, double precision, struct break_even *out)
{
	*out = (struct break_even){NAN, 0, NAN, 0, precision, lo, hi};
	int at_hi = holds_at(s, base, hi);
	if (at_hi < 0)
		return false;
	if (at_hi == 0)
		return true; /* no scale in the range makes every rule hold */
	int at_lo = holds_at(s, base, lo);
	if (at_lo < 0)
		return false;
	if (at_lo == 1) {
		hi = lo;
	} else {
		while (hi - lo > precision) {
			double mid = (lo + hi) / 2;
			int h = holds_at(s, base, mid);
			if (h < 0)
				return false;
			if (h)
				hi = mid;
			else
				lo = mid;
		}
	}
	out->min_scale = hi;
	int c0 = completion_at(s, base, hi);
	if (c0 < 0)
		return false;
	out->min_completion = c0;

	/* Now the smallest scale that completes at least a year earlier. */
	double top = out->hi;
	int c_top = completion_at(s, base, top);
	if (c_top < 0)
		return false;
	if (completion_rank(c_top) >= completion_rank(c0) || c_top == 0)
		return true;
	double a = hi, b = top;
	int cb = c_top;
	while (b - a > precision) {
		double mid = (a + b) / 2;
		int c = completion_at(s, base, mid);
		if (c < 0)
			return false;
		if (c && completion_rank(c) < completion_rank(c0)) {
			b = mid;
			cb = c;
		} else {
			a = mid;
		}
	}
	out->earlier_scale = b;
	out->earlier_completion = cb;
	return true;
}
