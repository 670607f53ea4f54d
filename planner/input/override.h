/*
 * override: `--set PATH=VALUE` and `--scale PATH=FACTOR`, what-ifs on a
 * scenario.json without editing it (issue 16; docs/decisions.md,
 * "Overrides").
 *
 * A path names one value of scenario.json: keys joined by '.', an array
 * element by "[N]" (0-based) or, in an array of named objects (vendors,
 * funds), by its name: "budget.2024", "budget.2024-Q3",
 * "vendors.Samsung.capacity.2025", "deadlines[1].year",
 * "share_caps[0].max_share". With --scale the last key of a per-year
 * number may be a year range "2024..2028"; a path that ends at an object
 * scales every number inside it ("--scale budget=0.8": every year).
 *
 * Overrides change the parsed document (cJSON) before the scenario is
 * read from it, so a value they write is validated exactly as one in the
 * file; every node they create is marked with the override's text, so a
 * problem there is reported as "--set budget.2024=-1: 'budget.2024'
 * must be ...". A path that names nothing is reported by override_apply()
 * itself, with a near name when there is one (util/did_you_mean.h).
 *
 * Calling sequence:
 *	struct override_list l;
 *	override_list_init(&l);
 *	if (!override_list_add(&l, OVERRIDE_SET, "budget.2024=8e6", &why)) ...
 *	load_scenario_with(path, &l, d);       (load.h: override_apply inside)
 *	override_list_finish(&l);
 *
 * Ownership: a list owns its strings; override_apply() adds nodes to the
 * document (freed with it) and marks to 'marks' (free with
 * override_marks_finish(); they point into the list and the document).
 */
#ifndef PHASEOUT_OVERRIDE_H
#define PHASEOUT_OVERRIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct cJSON;

enum override_kind {
	OVERRIDE_SET,
	OVERRIDE_SCALE,
};

struct override {
	enum override_kind kind;
	char *text;  /* as the user wrote it, with its option: "--set budget.2024=8e6" */
	char *path;  /* "budget.2024" */
	char *value; /* "8e6" */
};

struct override_list {
	struct override *items;
	size_t n, alloc;
};

void override_list_init(struct override_list *l);
void override_list_finish(struct override_list *l);

/*
 * override_list_add: parse 'arg' ("PATH=VALUE") of --set or --scale and
 * append it. False, with '*why' a static sentence for a usage error,
 * when it has no '=', an empty path, or (--scale) a factor that is not a
 * number >= 0.
 */
bool override_list_add(struct override_list *l, enum override_kind kind, const char *arg,
		       const char **why);

/*
 * override_list_add_text: append an override as its 'text' records it
 * (summary.json's "overrides", struct override's text: "--set PATH=VALUE"
 * or "--scale PATH=FACTOR"), so a run's overrides can be applied again.
 * False, with '*why' as for override_list_add(), when it is neither.
 */
bool override_list_add_text(struct override_list *l, const char *text, const char **why);

/* override_list_copy: 'dst' (initialised) gets copies of every item of
 * 'src' appended. */
void override_list_copy(struct override_list *dst, const struct override_list *src);

/* The nodes overrides wrote, with the override that wrote each one. */
struct override_mark {
	const struct cJSON *node;
	const char *text; /* the override's text */
	char *value;      /* its value as written, for "not 'X'" */
};

struct override_marks {
	struct override_mark *items;
	size_t n, alloc;
};

void override_marks_finish(struct override_marks *m);

/* override_marks_find: the mark of 'node', NULL when no override wrote it. */
const struct override_mark *override_marks_find(const struct override_marks *m,
						const struct cJSON *node);

/*
 * override_apply: apply every override of 'l', in order, to the document
 * 'root'. A path naming nothing, a value that is not there to scale, a
 * year outside the horizon: "--set PATH=VALUE: what is wrong" added to
 * 'd' (file = the override's text, no line). Applying goes on, so every
 * bad override is reported. False when any problem was added.
 */
bool override_apply(const struct override_list *l, struct cJSON *root,
		    struct override_marks *marks, struct diag *d);

/*
 * What a number at a path means to the rules, for `sweep --vary` and
 * --find-min (docs/decisions.md, "Sweeps over any parameter"): the one
 * home of that classification.
 *
 * override_path_loosening: +1 when a larger value only loosens the rules
 * (every plan allowed at a value is allowed at any larger one): money
 * (budget...), a vendor's capacity, crews, a later deadline or cap year,
 * a higher cap share (share_caps[N].max_share, max_vendor_share...).
 * -1 when a smaller value only loosens them: what a swap costs (a
 * vendor's unit_cost..., site_cost..., cost_escalation), since every
 * plan then spends no more in any year. 0 for anything else (rates,
 * the horizon, domains, regions, funds).
 */
int override_path_loosening(const char *path);

/* override_path_loosens: override_path_loosening(path) == +1. */
bool override_path_loosens(const char *path);

/* override_path_whole: whether the values at 'path' count whole things
 * (a year; a capacity in units or crews in sites, which plans use only
 * in whole numbers), so --find-min searches whole numbers only. */
bool override_path_whole(const char *path);

/* What the value at a path is measured in, for an axis title. */
enum override_unit {
	OVERRIDE_UNIT_NUMBER, /* a plain number (a rate, a share of cost) */
	OVERRIDE_UNIT_MONEY,  /* the scenario's currency */
	OVERRIDE_UNIT_UNITS,  /* units of equipment (a capacity) */
	OVERRIDE_UNIT_SITES,  /* sites (crews) */
	OVERRIDE_UNIT_YEAR,   /* a calendar year */
	OVERRIDE_UNIT_SHARE,  /* a share in [0, 1] */
};

enum override_unit override_path_unit(const char *path);

#endif
