#include "solver/model_blocks.h"

#include <math.h>
#include <stdlib.h>

#include "util/xalloc.h"

/* Whether the proof of docs/model.md, "Blocks of periods", covers this
 * model at all. */
static bool blocks_apply(const struct builder *b)
{
	const struct model *m = b->m;
	const struct instance *in = b->in;
	const struct scenario *s = in->scenario;
	if (!m->scaled_money || m->mode != MODEL_HARD || in->periods_per_year <= 1 ||
	    s->objective != OBJECTIVE_EXPOSURE || in->history || in->replan_p > 0 ||
	    s->n_funds || in->baseline)
		return false;
	/* The stage after E holds E <= E* + 1e-9|E*| + 1e-6 units of the
	 * scaled objective (solve.c; the unit is at most the largest
	 * coefficient). A swap one period later than its block start must
	 * cost more E than that, or the second stage could pick it. */
	double per_year = in->periods_per_year, np = in->n_periods;
	double least = INFINITY, most = 0, all = 0;
	for (uint32_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		if (!(gr->weight > 0) || gr->fixed_p >= 0)
			return false;
		least = fmin(least, gr->weight / per_year);
		most = fmax(most, gr->weight * np / per_year);
		all += gr->weight * gr->multiplicity * np / per_year;
	}
	return least > 1e-9 * all + 1e-6 * most;
}

/* Marks p and the period after it as block starts. */
static void alone(bool *start, int p, int np)
{
	start[p] = true;
	if (p + 1 < np)
		start[p + 1] = true;
}

/* Whether some allowed swap's nominal cost (what the budget rows count)
 * is lower later in a block than at its start. */
static bool cost_falls(const struct instance *in, const int *first)
{
	for (uint32_t g = 0; g < in->n_groups; g++)
		for (size_t v = 0; v < in->n_vendors; v++) {
			if (isnan(in->base_cost[g * in->n_vendors + v]))
				continue;
			for (int p = 0; p < in->n_periods; p++)
				if (first[p] != p &&
				    instance_cost(in, g, v, p) <
					    instance_cost(in, g, v, first[p]))
					return true;
		}
	return false;
}

/*
 * Whether stretch end e splits a block: for some vendor v and domain d
 * the share row at e can bind (the units v could gain in d at all, every
 * member its cost allows v for, exceed its room then) and is tighter
 * than the row at the next end. Otherwise a plan with the block's swaps
 * at its start gains by e what the original gained by the block's end,
 * at most the room at the first end after it, which is no more than the
 * room at e; and a member too big for e's room is too big for that later
 * end's too, so vendor_blocked() is the same all through the block.
 */
static bool end_splits(const struct builder *b, size_t e)
{
	const struct instance *in = b->in;
	if (e + 1 >= b->n_ends)
		return false;
	for (size_t v = 0; v < in->n_vendors; v++)
		for (uint32_t d = 0; d < in->n_domains; d++) {
			const double *room =
				&b->room[(v * in->n_domains + d) * b->n_ends];
			if (!isfinite(room[e]) || room[e] >= room[e + 1] - 1e-9)
				continue;
			double most = 0;
			for (uint32_t g = 0; g < in->n_groups; g++) {
				const struct group *gr = &in->groups[g];
				if (isnan(in->base_cost[g * in->n_vendors + v]))
					continue;
				for (uint32_t q = gr->first_part;
				     q < gr->first_part + gr->n_parts; q++)
					if (in->parts[q].domain == d)
						most += (double)in->parts[q].units *
							gr->multiplicity;
			}
			if (most > room[e] + 1e-9)
				return true;
		}
	return false;
}

void model_blocks_find(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	const struct scenario *s = in->scenario;
	int np = in->n_periods, ppy = in->periods_per_year;
	int *first = m->block_start = xmalloc(((size_t)np + 1) * sizeof(int));
	for (int p = 0; p < np; p++)
		first[p] = p;
	if (!blocks_apply(b))
		return;
	bool *start = xcalloc((size_t)np + 1, sizeof(bool));
	for (int p = 0; p < np; p++) {
		if (p % ppy == 0)
			start[p] = true;
		if (isfinite(in->budget_period[p]))
			alone(start, p, np);
		for (size_t v = 0; v < in->n_vendors; v++)
			if (s->vendors[v].capacity_period &&
			    isfinite(s->vendors[v].capacity_period[p]))
				alone(start, p, np);
		for (size_t r = 0; r < in->n_regions; r++)
			if (isfinite(scenario_crews_period(s, s->regions.names[r], p)))
				alone(start, p, np);
	}
	for (uint32_t g = 0; g < in->n_groups; g++)
		if (in->groups[g].earliest_p > 0 && in->groups[g].earliest_p < np)
			start[in->groups[g].earliest_p] = true;
	for (size_t e = 0; e < b->n_ends; e++)
		if (b->ends[e] + 1 < np && end_splits(b, e))
			start[b->ends[e] + 1] = true;
	for (int p = 1; p < np; p++)
		first[p] = start[p] ? p : first[p - 1];
	free(start);
	if (cost_falls(in, first))
		for (int p = 0; p < np; p++)
			first[p] = p;
}
