#include "cli/progress.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "input/override.h"
#include "solver/run.h"
#include "util/money.h"
#include "util/num.h"
#include "util/xalloc.h"

struct sweep_progress {
	const struct scenario *s;
	FILE *f;
	bool terminal; /* redraw in place; else one line per update */
	size_t n, done, cut;
	double t0, last_draw;
	bool have_best;
	double best_value, best_scale; /* the first objective, lowest so far */
	size_t best_k;                 /* and its point */
	double min_ok_scale;           /* smallest scale keeping every rule */
	/* sweep_progress_vary(): the axes (n_axes 0: a budget sweep), and on
	 * one axis which way it loosens and its tightest value that kept
	 * every rule (NAN none yet). */
	size_t n_axes;
	struct sweep_vary_axis x, y;
	size_t nx;
	int loosening;
	double tightest_ok;
	char phase[160];   /* "" while points are planned */
	int step, at_most; /* the phase's probe, 0 none */
	char bracket[120];
};

bool sweep_progress_wanted(bool quiet)
{
	if (quiet)
		return false;
	const char *env = getenv("PHASEOUT_PROGRESS");
	if (env && strcmp(env, "0") == 0)
		return false;
	if (env && strcmp(env, "1") == 0)
		return true;
	return isatty(STDERR_FILENO);
}

struct sweep_progress *sweep_progress_create(const struct scenario *s, size_t n, FILE *f)
{
	struct sweep_progress *pg = xcalloc(1, sizeof(*pg));
	pg->s = s;
	pg->f = f;
	pg->terminal = isatty(fileno(f));
	pg->n = n;
	pg->t0 = run_now();
	pg->last_draw = pg->t0;
	pg->min_ok_scale = NAN;
	pg->tightest_ok = NAN;
	return pg;
}

void sweep_progress_vary(struct sweep_progress *pg, const struct sweep_vary_axis *x,
			 size_t nx, const struct sweep_vary_axis *y)
{
	if (!pg || !nx)
		return;
	pg->x = *x;
	pg->n_axes = 1;
	pg->nx = nx;
	if (y) {
		pg->y = *y;
		pg->n_axes = 2;
	}
	pg->loosening = y ? 0 : x->path ? override_path_loosening(x->path) : 1;
}

void sweep_progress_duration(char *buf, size_t size, double seconds)
{
	long t = seconds > 0 ? lround(seconds) : 0;
	if (t < 60)
		snprintf(buf, size, "%lds", t);
	else if (t < 3600)
		snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
	else
		snprintf(buf, size, "%ldh%02ldm", t / 3600, t / 60 % 60);
}

/* Cut 'line' to one column less than the terminal is wide, at a
 * character's start (a longer line would wrap, and "\r" would then
 * redraw only its last row). */
static void fit_width(char *line, int fd)
{
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_col < 2)
		return;
	size_t cols = 0;
	for (char *p = line; *p; p++) {
		if (((unsigned char)*p & 0xc0) == 0x80)
			continue; /* a UTF-8 continuation byte */
		if (++cols >= ws.ws_col) {
			*p = '\0';
			return;
		}
	}
}

/* Append to 'line' (of 'size' bytes, '*len' used) what 'fmt' says. */
static void append(char *line, size_t size, int *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void append(char *line, size_t size, int *len, const char *fmt, ...)
{
	if (*len < 0 || (size_t)*len >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line + *len, size - (size_t)*len, fmt, ap);
	va_end(ap);
	*len = n < 0 ? n : *len + n;
}

/* An axis's value at point k: "budget.2024 = 100", or the budget scale
 * "1.200×" (as a budget sweep's line writes it). */
static void axis_place(const struct sweep_vary_axis *a, double v, char *buf, size_t size)
{
	if (!a->path) {
		snprintf(buf, size, "%.3f\xc3\x97", v);
		return;
	}
	char value[48];
	num_format_plain(value, sizeof(value), v);
	snprintf(buf, size, "%s = %s", a->path, value);
}

/* Where the best plan is: its scale, or with --vary its point's values
 * (y's first, as the text's "sweep over Y and X"). */
static void best_place(const struct sweep_progress *pg, char *buf, size_t size)
{
	if (!pg->n_axes) {
		snprintf(buf, size, "%.3f\xc3\x97", pg->best_scale);
		return;
	}
	char xs[200], ys[200] = "";
	size_t i = pg->best_k % pg->nx, j = pg->best_k / pg->nx;
	axis_place(&pg->x, pg->x.from + (double)i * pg->x.step, xs, sizeof(xs));
	if (pg->n_axes == 2) {
		axis_place(&pg->y, pg->y.from + (double)j * pg->y.step, ys, sizeof(ys));
		snprintf(buf, size, "%s, %s", ys, xs);
	} else {
		snprintf(buf, size, "%s", xs);
	}
}

/* Points done and the time left first, so that a narrow terminal still
 * shows them; then the best plan, where the rules hold, and cut short. */
static void draw(struct sweep_progress *pg)
{
	double now = run_now();
	pg->last_draw = now;
	char line[400], elapsed[32];
	sweep_progress_duration(elapsed, sizeof(elapsed), now - pg->t0);
	int len = 0;
	append(line, sizeof(line), &len, "sweep: %zu/%zu points", pg->done, pg->n);
	if (*pg->phase) {
		append(line, sizeof(line), &len, "; %s", pg->phase);
		if (pg->step)
			append(line, sizeof(line), &len, ": step %d of at most %d, %s",
			       pg->step, pg->at_most, pg->bracket);
		append(line, sizeof(line), &len, ", %s elapsed", elapsed);
	} else if (pg->done && pg->done < pg->n) {
		char left[32];
		double per = (now - pg->t0) / (double)pg->done;
		sweep_progress_duration(left, sizeof(left),
					per * (double)(pg->n - pg->done));
		append(line, sizeof(line), &len, ", about %s left (%s elapsed)", left,
		       elapsed);
	} else {
		append(line, sizeof(line), &len, ", %s elapsed", elapsed);
	}
	if (pg->have_best) {
		char value[48], at[420];
		best_place(pg, at, sizeof(at));
		if (pg->s->objective == OBJECTIVE_EXPOSURE) {
			num_format_short(value, sizeof(value), pg->best_value);
			append(line, sizeof(line), &len, "; best E %s at %s", value, at);
		} else {
			money_format_short(value, sizeof(value),
					   pg->s->currency ? pg->s->currency : "GBP",
					   pg->best_value);
			append(line, sizeof(line), &len, "; best cost %s at %s", value,
			       at);
		}
	}
	if (!pg->n_axes && isfinite(pg->min_ok_scale))
		append(line, sizeof(line), &len, "; every rule holds from %.3f\xc3\x97",
		       pg->min_ok_scale);
	if (pg->n_axes && isfinite(pg->tightest_ok)) {
		char at[200];
		axis_place(&pg->x, pg->tightest_ok, at, sizeof(at));
		append(line, sizeof(line), &len, "; every rule holds %s %s",
		       pg->loosening > 0 ? "from" : "up to", at);
	}
	if (pg->cut)
		append(line, sizeof(line), &len, "; %zu cut short by a limit", pg->cut);
	if (pg->terminal) {
		fit_width(line, fileno(pg->f));
		fprintf(pg->f, "\r%s\033[K", line);
	} else {
		fprintf(pg->f, "phaseout: %s\n", line);
	}
	fflush(pg->f);
}

/* A tie for the best goes to the smaller scale, or with --vary to the
 * earlier point, so the line does not depend on the order points come
 * back in. */
void sweep_progress_point(struct sweep_progress *pg, size_t k,
			  const struct sweep_row *row)
{
	if (!pg)
		return;
	pg->done++;
	pg->cut += sweep_row_cut_short(row);
	bool ok = row->status == PLAN_OPTIMAL || row->status == PLAN_FEASIBLE;
	if (ok) {
		double v = pg->s->objective == OBJECTIVE_EXPOSURE ? row->exposure
								  : row->present_cost;
		bool before =
			pg->n_axes ? k < pg->best_k : row->budget_scale < pg->best_scale;
		if (!pg->have_best || v < pg->best_value ||
		    (v == pg->best_value && before)) {
			pg->have_best = true;
			pg->best_value = v;
			pg->best_scale = row->budget_scale;
			pg->best_k = k;
		}
		if (!(row->budget_scale >= pg->min_ok_scale))
			pg->min_ok_scale = row->budget_scale;
		if (pg->n_axes && pg->loosening) {
			double x = pg->x.from + (double)(k % pg->nx) * pg->x.step;
			if (isnan(pg->tightest_ok) ||
			    (pg->loosening > 0 ? x < pg->tightest_ok
					       : x > pg->tightest_ok))
				pg->tightest_ok = x;
		}
	}
	draw(pg);
}

void sweep_progress_tick(struct sweep_progress *pg)
{
	if (pg && pg->terminal && run_now() - pg->last_draw >= 1.0)
		draw(pg);
}

void sweep_progress_phase(struct sweep_progress *pg, const char *what)
{
	if (!pg)
		return;
	snprintf(pg->phase, sizeof(pg->phase), "%s", what);
	pg->step = 0;
	draw(pg);
}

void sweep_progress_step(struct sweep_progress *pg, int step, int at_most,
			 const char *bracket)
{
	if (!pg)
		return;
	pg->step = step;
	pg->at_most = at_most;
	snprintf(pg->bracket, sizeof(pg->bracket), "%s", bracket);
	draw(pg);
}

void sweep_progress_destroy(struct sweep_progress *pg)
{
	if (!pg)
		return;
	if (pg->terminal) {
		fputs("\r\033[K", pg->f);
		fflush(pg->f);
	}
	free(pg);
}
