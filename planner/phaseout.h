/*
 * phaseout: the planner as a library, for a program that embeds it. This
 * is the whole public interface: it includes no other phaseout header and
 * every type in it is opaque or plain data. Put planner/api/ on the
 * include path and link libphaseout.a. The `phaseout` program calls the
 * layers under this header directly, through the same functions, so an
 * embedder gets the same plans, numbers and files.
 *
 *	struct phaseout_error *err = NULL;
 *	struct phaseout_scenario *s = phaseout_scenario_load("x.json", &err);
 *	if (!s) { puts(phaseout_error_message(err)); phaseout_error_free(err); }
 *	struct phaseout_options o;
 *	phaseout_options_init(&o);          (60 s, gap 0, budgets as written)
 *	o.time_limit = 10;
 *	struct phaseout_plan *p = phaseout_plan_run(s, &o, &err);
 *	phaseout_plan_status(p), phaseout_plan_exposure(p), ...
 *	phaseout_plan_write_folder(p, "out", false, &err);
 *	phaseout_plan_free(p);
 *	phaseout_scenario_free(s);
 *	phaseout_release_caches();          (once, at the end)
 *
 * Errors are values: a function that can fail returns false or NULL and,
 * when 'err' is not NULL, sets *err to a new error the caller frees with
 * phaseout_error_free(); its code says what kind of failure it was, its
 * message says it in words (every problem of an input, one a line, as
 * "FILE:LINE[:COL]: message"). A plan whose rules cannot hold, or that
 * found nothing in its time, is a result (its status), not an error.
 *
 * The library prints nothing, installs no signal handler, forks no
 * process and never exits (except on running out of memory, where it
 * aborts): progress and internal errors go to the 'log' callback, and a
 * run stops early when the 'stop' callback says so.
 *
 * Ownership: each handle is freed by its _free function, which accepts
 * NULL. A plan or sweep borrows its scenario: free it first.
 */
#ifndef PHASEOUT_H
#define PHASEOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct phaseout_scenario;
struct phaseout_plan;
struct phaseout_sweep;
struct phaseout_error;

/* What went wrong. */
enum phaseout_error_code {
	PHASEOUT_ERROR_INPUT = 1, /* the scenario has problems (`phaseout` exits 2) */
	PHASEOUT_ERROR_FOLDER,    /* an output folder cannot be written */
	PHASEOUT_ERROR_INTERNAL,  /* the solver failed */
};

enum phaseout_error_code phaseout_error_code(const struct phaseout_error *e);
/* The message, without a "phaseout: error:" prefix; may hold newlines. */
const char *phaseout_error_message(const struct phaseout_error *e);
void phaseout_error_free(struct phaseout_error *e);

/* What the library tells its caller through 'log'. */
enum phaseout_log_kind {
	PHASEOUT_LOG_ERROR,        /* an internal failure, in words */
	PHASEOUT_LOG_PROGRESS,     /* the solve's progress; replaces the last line */
	PHASEOUT_LOG_PROGRESS_END, /* no more progress lines for now ("") */
};

struct phaseout_options {
	double time_limit;   /* seconds for each plan; 0 = none (default 60) */
	double gap;          /* stop at this proven relative gap (default 0) */
	double budget_scale; /* multiply every budget (default 1; not for sweeps) */
	bool allow_late;     /* deadlines and caps soft (default false) */
	bool progress;       /* progress lines to 'log' (default false) */
	/* Asked during a run; true stops it with the best plan so far. */
	bool (*stop)(void *ctx);
	void *stop_ctx;
	/* Progress and internal errors; NULL drops them. */
	void (*log)(void *ctx, enum phaseout_log_kind kind, const char *text);
	void *log_ctx;
};

/* phaseout_options_init: the defaults of `phaseout plan`. */
void phaseout_options_init(struct phaseout_options *o);

/*
 * phaseout_scenario_load: read and validate scenario.json at 'json_path'
 * and the sites CSV it names. NULL with a PHASEOUT_ERROR_INPUT error
 * listing every problem; a scenario using replan_from, fixed or funds is
 * refused so (the planner does not plan them yet).
 */
struct phaseout_scenario *phaseout_scenario_load(const char *json_path,
						 struct phaseout_error **err);
void phaseout_scenario_free(struct phaseout_scenario *s);

/* How a plan came out: `phaseout plan`'s statuses and exit codes 0, 3, 4. */
enum phaseout_status {
	PHASEOUT_OPTIMAL,    /* proven best */
	PHASEOUT_FEASIBLE,   /* a plan keeping every rule, not proven best */
	PHASEOUT_INFEASIBLE, /* the rules cannot all hold (closest plan kept) */
	PHASEOUT_NO_PLAN,    /* nothing found within the time limit */
};

/* phaseout_status_name: "optimal", "feasible", "infeasible", "no_plan". */
const char *phaseout_status_name(enum phaseout_status status);

/* phaseout_plan_run: plan 's' under 'o' (NULL: the defaults). NULL only
 * with a PHASEOUT_ERROR_INTERNAL error. */
struct phaseout_plan *phaseout_plan_run(const struct phaseout_scenario *s,
					const struct phaseout_options *o,
					struct phaseout_error **err);
void phaseout_plan_free(struct phaseout_plan *p);

enum phaseout_status phaseout_plan_status(const struct phaseout_plan *p);
double phaseout_plan_exposure(const struct phaseout_plan *p); /* E */
double phaseout_plan_present_cost(const struct phaseout_plan *p);
double phaseout_plan_nominal_cost(const struct phaseout_plan *p);
/* The year every high-risk site is swapped by; 0 = not within the horizon. */
int phaseout_plan_completion_year(const struct phaseout_plan *p);
int64_t phaseout_plan_hr_units_left(const struct phaseout_plan *p);

/*
 * phaseout_plan_write_folder: the files `phaseout plan -o DIR` writes
 * (plan.csv, timeline.csv, the charts, summary.json; summary.json alone
 * without a plan), into 'dir' as one whole run; 'force' as --force.
 * False with a PHASEOUT_ERROR_FOLDER error.
 */
bool phaseout_plan_write_folder(const struct phaseout_plan *p, const char *dir,
				bool force, struct phaseout_error **err);

/* One point of a sweep, as a row of sensitivity.csv. */
struct phaseout_sweep_point {
	double budget_scale;
	enum phaseout_status status;
	double exposure;
	double present_cost;
	int completion_year; /* 0 = not complete within the horizon */
	/* The plan was a smaller scale's (it keeps every rule here too and
	 * was better than this point's own): that scale; NAN when its own. */
	double plan_from_scale;
};

/*
 * phaseout_sweep_run: plan 's' at each of the 'n' increasing budget
 * scales, one after another in this process, as `phaseout sweep --jobs 1`
 * does (o->budget_scale is ignored). NULL only with a
 * PHASEOUT_ERROR_INTERNAL error.
 */
struct phaseout_sweep *phaseout_sweep_run(const struct phaseout_scenario *s,
					  const struct phaseout_options *o,
					  const double *scales, size_t n,
					  struct phaseout_error **err);
void phaseout_sweep_free(struct phaseout_sweep *sw);

size_t phaseout_sweep_count(const struct phaseout_sweep *sw);
/* phaseout_sweep_point: point 'i' (i < phaseout_sweep_count()). */
struct phaseout_sweep_point phaseout_sweep_point(const struct phaseout_sweep *sw,
						 size_t i);

/* phaseout_sweep_write_folder: the files of `phaseout sweep -o DIR`
 * (sensitivity.csv, the charts, summary.json). False with a
 * PHASEOUT_ERROR_FOLDER error. */
bool phaseout_sweep_write_folder(const struct phaseout_sweep *sw, const char *dir,
				 bool force, struct phaseout_error **err);

/*
 * phaseout_release_caches: give back the font caches that cairo and
 * fontconfig keep for the whole process once a folder's charts are drawn
 * (leak checkers report them otherwise). Call it once, after the last
 * folder is written; a later chart loads the fonts again.
 */
void phaseout_release_caches(void);

#endif
