/*
 * depgraph: the dependencies between an instance's groups as a graph, and
 * its strongly connected components. A component of more than one group
 * is a depends_on cycle, whose sites must all be swapped in the same year
 * (model.md rule 8), so it is one unit for whoever plans; and from them
 * the first year each group allows once its dependencies are counted.
 *
 * Calling sequence:
 *	struct depgraph g;
 *	depgraph_init(&g, instance);
 *	for (size_t c = 0; c < g.n_comps; c++)
 *		for (uint32_t k = g.comp_start[c]; k < g.comp_start[c + 1]; k++)
 *			... group g.members[k] ...
 *	depgraph_first_periods(&g, instance, first, via);
 *	depgraph_finish(&g);
 *
 * Time and memory are linear in groups plus dependencies (Tarjan's
 * algorithm, iterative, so a 1,000,000-long chain needs no deep stack).
 *
 * Ownership: owns its arrays; borrows nothing after depgraph_init().
 */
#ifndef PHASEOUT_DEPGRAPH_H
#define PHASEOUT_DEPGRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "plan/instance.h"

struct depgraph {
	size_t n_groups;
	/* The groups g depends on: adj[start[g]] .. adj[start[g + 1] - 1]. */
	uint32_t *start; /* [n_groups + 1] */
	uint32_t *adj;   /* [n_deps] */
	/* The groups that depend on g: radj[rstart[g]] .. radj[rstart[g+1]-1]. */
	uint32_t *rstart; /* [n_groups + 1] */
	uint32_t *radj;   /* [n_deps] */
	/* Components sinks first: every component a component depends on
	 * comes before it. Members of component c are members[comp_start[c]]
	 * .. members[comp_start[c + 1] - 1], in the order Tarjan's algorithm
	 * found them. */
	size_t n_comps;
	uint32_t *comp;       /* [n_groups] component of each group */
	uint32_t *comp_start; /* [n_comps + 1] */
	uint32_t *members;    /* [n_groups] */
};

void depgraph_init(struct depgraph *g, const struct instance *in);
/*
 * depgraph_first_periods: the first period each group can be swapped in
 * once what it depends on is counted, into first[n_groups]: the latest
 * own earliest_p among its cycle's members and every group they wait
 * for, directly or not. via[n_groups] names the group that sets it (a
 * member of its cycle, or a group depended on), UINT32_MAX when the
 * group's own period does or nothing is later than period 0.
 */
void depgraph_first_periods(const struct depgraph *g, const struct instance *in,
			    int *first, uint32_t *via);
void depgraph_finish(struct depgraph *g);

#endif
