/*
 * heuristic: a fast first plan that respects every rule, built year by
 * year without a solver.
 *
 * In each year, swap units are taken in order of urgency (the earliest
 * deadline or share cap they help meet, earliest first) and then of
 * exposure removed per unit of money; each goes to the cheapest trusted
 * vendor that still has money, capacity, crews and share room for it,
 * once every unit it depends on is swapped. A depends_on cycle (a strongly
 * connected component, depgraph.h) is one unit: all its groups in the
 * same year or none. It runs in well under a second on national networks
 * (time and memory about linear in sites, dependencies and years), gives
 * users a baseline ("a simple rule gets E = ...") and gives GLPK its
 * first incumbent.
 *
 * Ownership: the decisions returned are the caller's (free()).
 */
#ifndef PHASEOUT_HEURISTIC_H
#define PHASEOUT_HEURISTIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plan/instance.h"
#include "plan/plan.h"

/*
 * A guide for the year-by-year construction: before year index k is
 * planned, 'want' is asked for the number of members of each group it
 * would swap in year k, given the counts decided so far
 * (count[(g * n_vendors + v) * n_years + y], members of group g swapped
 * to vendor v in year index y). solve.c guides with an LP relaxation
 * re-solved with the earlier years fixed (relax-and-fix). Returning false
 * abandons the plan.
 */
struct heuristic_guide {
	bool (*want)(int k, const uint32_t *count, double *want, void *ctx);
	void *ctx;
};

struct heuristic_options {
	/* Return false (and no decisions) unless the plan keeps every
	 * deadline, cap and the cost objective's completion rule; without it
	 * (--allow-late) any plan found is returned. */
	bool hard;
	/* Each year first takes what the guide wants, in the usual order,
	 * then fills what money, capacity and crews are left. NULL: none. */
	const struct heuristic_guide *guide;
	/* Asked about every 256 swap units tried (well under a millisecond
	 * apart) and between years; true abandons the plan (false, no
	 * decisions). NULL: never. */
	bool (*stop)(void *ctx);
	void *stop_ctx;
};

/*
 * heuristic_plan_opts: a plan as one decision per HR site in '*out' (see
 * struct heuristic_options); false, with no decisions, when there is none
 * or 'stop' said so.
 */
bool heuristic_plan_opts(const struct instance *in, const struct heuristic_options *o,
			 struct site_decision **out, size_t *n_out);

/* heuristic_plan: heuristic_plan_opts() with no stop. */
bool heuristic_plan(const struct instance *in, bool hard,
		    const struct heuristic_guide *guide, struct site_decision **out,
		    size_t *n_out);

#endif
