/*
 * The public interface of phaseout.h over the layers: a handle wraps the
 * internal object, options become run_options, the library's messages
 * are relayed to the caller's log callback, and each layer's way of
 * failing (problems in a diag, a NULL with a logged message, outdir's
 * kept error) becomes one error value.
 */
#include "phaseout.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "output/chart.h"
#include "output/outdir.h"
#include "output/run_files.h"
#include "plan/plan.h"
#include "plan/sweep_row.h"
#include "solver/run.h"
#include "solver/sweep.h"
#include "util/diag.h"
#include "util/log.h"
#include "util/xalloc.h"

struct phaseout_error {
	enum phaseout_error_code code;
	char *message;
};

struct phaseout_scenario {
	struct scenario *scenario;
};

struct phaseout_plan {
	struct plan *plan;
};

struct phaseout_sweep {
	const struct scenario *scenario;
	struct sweep_row *rows;
	size_t n;
};

/* Set *err (when asked for) to a new error that takes 'message'. */
static void set_error(struct phaseout_error **err, enum phaseout_error_code code,
		      char *message)
{
	if (!err) {
		free(message);
		return;
	}
	struct phaseout_error *e = xmalloc(sizeof(*e));
	e->code = code;
	e->message = message;
	*err = e;
}

enum phaseout_error_code phaseout_error_code(const struct phaseout_error *e)
{
	return e->code;
}

const char *phaseout_error_message(const struct phaseout_error *e)
{
	return e->message;
}

void phaseout_error_free(struct phaseout_error *e)
{
	if (!e)
		return;
	free(e->message);
	free(e);
}

void phaseout_options_init(struct phaseout_options *o)
{
	memset(o, 0, sizeof(*o));
	o->time_limit = 60;
	o->budget_scale = 1;
}

/* The library's messages on their way to the caller's callback; the last
 * error is kept for the error value. */
struct relay {
	const struct phaseout_options *o;
	char *last_error;
	struct log_sink sink;
};

static enum phaseout_log_kind public_kind(enum log_kind kind)
{
	switch (kind) {
	case LOG_ERROR:
		return PHASEOUT_LOG_ERROR;
	case LOG_PROGRESS:
		return PHASEOUT_LOG_PROGRESS;
	case LOG_PROGRESS_END:
		return PHASEOUT_LOG_PROGRESS_END;
	}
	return PHASEOUT_LOG_ERROR;
}

static void relay_write(void *ctx, enum log_kind kind, const char *text)
{
	struct relay *r = ctx;
	if (kind == LOG_ERROR) {
		free(r->last_error);
		r->last_error = xstrdup(text);
	}
	if (r->o->log)
		r->o->log(r->o->log_ctx, public_kind(kind), text);
}

static void relay_init(struct relay *r, const struct phaseout_options *o)
{
	r->o = o;
	r->last_error = NULL;
	r->sink = (struct log_sink){.write = relay_write, .ctx = r};
}

/* An internal failure as an error value: the message logged, if any. */
static void relay_fail(struct relay *r, struct phaseout_error **err, const char *what)
{
	set_error(err, PHASEOUT_ERROR_INTERNAL,
		  r->last_error ? xasprintf("%s: %s", what, r->last_error)
				: xasprintf("%s failed", what));
}

static struct run_options run_options_of(const struct phaseout_options *o,
					 const struct relay *r)
{
	return (struct run_options){
		.budget_scale = o->budget_scale,
		.time_limit = o->time_limit,
		.gap = o->gap,
		.allow_late = o->allow_late,
		.progress = o->progress,
		.stop = o->stop,
		.stop_ctx = o->stop_ctx,
		.log = &r->sink,
	};
}

struct phaseout_scenario *phaseout_scenario_load(const char *json_path,
						 struct phaseout_error **err)
{
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario_to_plan(json_path, &d);
	if (!s) {
		/* Every problem, one a line, as the program prints them. */
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		if (mem) {
			diag_print(&d, mem);
			fclose(mem);
		}
		if (text && len && text[len - 1] == '\n')
			text[len - 1] = '\0';
		set_error(err, PHASEOUT_ERROR_INPUT,
			  text ? text : xasprintf("cannot load '%s'", json_path));
		diag_finish(&d);
		return NULL;
	}
	diag_finish(&d);
	struct phaseout_scenario *ps = xmalloc(sizeof(*ps));
	ps->scenario = s;
	return ps;
}

void phaseout_scenario_free(struct phaseout_scenario *s)
{
	if (!s)
		return;
	scenario_destroy(s->scenario);
	free(s);
}

static enum phaseout_status public_status(enum plan_status status)
{
	switch (status) {
	case PLAN_OPTIMAL:
		return PHASEOUT_OPTIMAL;
	case PLAN_FEASIBLE:
		return PHASEOUT_FEASIBLE;
	case PLAN_INFEASIBLE:
		return PHASEOUT_INFEASIBLE;
	case PLAN_NO_PLAN:
		return PHASEOUT_NO_PLAN;
	}
	return PHASEOUT_NO_PLAN;
}

const char *phaseout_status_name(enum phaseout_status status)
{
	switch (status) {
	case PHASEOUT_OPTIMAL:
		return plan_status_name(PLAN_OPTIMAL);
	case PHASEOUT_FEASIBLE:
		return plan_status_name(PLAN_FEASIBLE);
	case PHASEOUT_INFEASIBLE:
		return plan_status_name(PLAN_INFEASIBLE);
	case PHASEOUT_NO_PLAN:
		return plan_status_name(PLAN_NO_PLAN);
	}
	return "?";
}

struct phaseout_plan *phaseout_plan_run(const struct phaseout_scenario *s,
					const struct phaseout_options *o,
					struct phaseout_error **err)
{
	struct phaseout_options defaults;
	if (!o) {
		phaseout_options_init(&defaults);
		o = &defaults;
	}
	struct relay r;
	relay_init(&r, o);
	struct run_options ro = run_options_of(o, &r);
	struct plan *p = run_plan(s->scenario, &ro, run_now());
	if (!p) {
		relay_fail(&r, err, "planning");
		free(r.last_error);
		return NULL;
	}
	free(r.last_error);
	struct phaseout_plan *pp = xmalloc(sizeof(*pp));
	pp->plan = p;
	return pp;
}

void phaseout_plan_free(struct phaseout_plan *p)
{
	if (!p)
		return;
	plan_destroy(p->plan);
	free(p);
}

enum phaseout_status phaseout_plan_status(const struct phaseout_plan *p)
{
	return public_status(p->plan->status);
}

double phaseout_plan_exposure(const struct phaseout_plan *p)
{
	return p->plan->exposure;
}

double phaseout_plan_present_cost(const struct phaseout_plan *p)
{
	return p->plan->present_cost;
}

double phaseout_plan_nominal_cost(const struct phaseout_plan *p)
{
	return p->plan->nominal_cost;
}

int phaseout_plan_completion_year(const struct phaseout_plan *p)
{
	return p->plan->completion_year;
}

int64_t phaseout_plan_hr_units_left(const struct phaseout_plan *p)
{
	return p->plan->hr_units_left;
}

/* An -o folder of 'command', checked as outdir_prepare() does; outdir's
 * error as the error value. */
static struct outdir *prepared_folder(const char *dir, const char *command, bool force,
				      struct phaseout_error **err)
{
	struct outdir *od = outdir_create(dir, command);
	if (outdir_prepare(od, force))
		return od;
	set_error(err, PHASEOUT_ERROR_FOLDER, xstrdup(outdir_error(od)));
	outdir_destroy(od);
	return NULL;
}

/* The end of a folder's writing: outdir's error as the error value. */
static bool committed(struct outdir *od, bool ok, struct phaseout_error **err)
{
	if (!ok)
		set_error(err, PHASEOUT_ERROR_FOLDER, xstrdup(outdir_error(od)));
	outdir_destroy(od);
	return ok;
}

bool phaseout_plan_write_folder(const struct phaseout_plan *p, const char *dir,
				bool force, struct phaseout_error **err)
{
	struct outdir *od = prepared_folder(dir, "plan", force, err);
	return od && committed(od, run_files_write_plan(p->plan, od), err);
}

struct phaseout_sweep *phaseout_sweep_run(const struct phaseout_scenario *s,
					  const struct phaseout_options *o,
					  const double *scales, size_t n,
					  struct phaseout_error **err)
{
	struct phaseout_options defaults;
	if (!o) {
		phaseout_options_init(&defaults);
		o = &defaults;
	}
	struct relay r;
	relay_init(&r, o);
	struct run_options ro = run_options_of(o, &r);
	struct sweep_row *rows = xcalloc(n + 1, sizeof(*rows));
	if (!sweep_run(s->scenario, &ro, scales, n, rows)) {
		relay_fail(&r, err, "the sweep");
		free(r.last_error);
		free(rows);
		return NULL;
	}
	free(r.last_error);
	struct phaseout_sweep *sw = xmalloc(sizeof(*sw));
	*sw = (struct phaseout_sweep){s->scenario, rows, n};
	return sw;
}

void phaseout_sweep_free(struct phaseout_sweep *sw)
{
	if (!sw)
		return;
	free(sw->rows);
	free(sw);
}

size_t phaseout_sweep_count(const struct phaseout_sweep *sw)
{
	return sw->n;
}

struct phaseout_sweep_point phaseout_sweep_point(const struct phaseout_sweep *sw,
						 size_t i)
{
	const struct sweep_row *row = &sw->rows[i];
	return (struct phaseout_sweep_point){
		.budget_scale = row->budget_scale,
		.status = public_status(row->status),
		.exposure = row->exposure,
		.present_cost = row->present_cost,
		.completion_year = row->completion_year,
		.plan_from_scale = row->plan_from_scale,
	};
}

bool phaseout_sweep_write_folder(const struct phaseout_sweep *sw, const char *dir,
				 bool force, struct phaseout_error **err)
{
	struct outdir *od = prepared_folder(dir, "sweep", force, err);
	return od &&
	       committed(od,
			 run_files_write_sweep(sw->scenario, sw->rows, sw->n, NULL, od),
			 err);
}

void phaseout_release_caches(void)
{
	chart_release_fonts();
}
