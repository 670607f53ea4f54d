#include "plan/depgraph.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Compressed adjacency of the edges (key[i] -> val[i]) by key. */
static void adjacency(size_t n, size_t m, const struct group_dep *deps, bool reverse,
		      uint32_t **start_out, uint32_t **adj_out)
{
	uint32_t *start = xcalloc(n + 1, sizeof(*start));
	uint32_t *adj = xmalloc((m ? m : 1) * sizeof(*adj));
	for (size_t i = 0; i < m; i++)
		start[(reverse ? deps[i].to : deps[i].from) + 1]++;
	for (size_t g = 0; g < n; g++)
		start[g + 1] += start[g];
	uint32_t *fill = xmalloc((n + 1) * sizeof(*fill));
	memcpy(fill, start, (n + 1) * sizeof(*fill));
	for (size_t i = 0; i < m; i++) {
		uint32_t key = reverse ? deps[i].to : deps[i].from;
		adj[fill[key]++] = reverse ? deps[i].from : deps[i].to;
	}
	free(fill);
	*start_out = start;
	*adj_out = adj;
}

void depgraph_init(struct depgraph *g, const struct instance *in)
{
	size_t n = in->n_groups;
	memset(g, 0, sizeof(*g));
	g->n_groups = n;
	adjacency(n, in->n_deps, in->deps, false, &g->start, &g->adj);
	adjacency(n, in->n_deps, in->deps, true, &g->rstart, &g->radj);
	g->comp = xmalloc((n + 1) * sizeof(*g->comp));
	g->comp_start = xmalloc((n + 1) * sizeof(*g->comp_start));
	g->members = xmalloc((n + 1) * sizeof(*g->members));

	int64_t *index = xmalloc((n + 1) * sizeof(*index));
	int64_t *low = xmalloc((n + 1) * sizeof(*low));
	bool *on = xcalloc(n + 1, sizeof(*on));
	uint32_t *stack = xmalloc((n + 1) * sizeof(*stack));
	uint32_t *calls = xmalloc((n + 1) * sizeof(*calls));
	uint32_t *pos = xmalloc((n + 1) * sizeof(*pos));
	const uint32_t *start = g->start, *adj = g->adj;
	size_t sp = 0, n_members = 0;
	int64_t next = 0;
	for (size_t v = 0; v < n; v++)
		index[v] = -1;

	for (size_t root = 0; root < n; root++) {
		if (index[root] >= 0)
			continue;
		size_t cp = 0;
		calls[cp++] = (uint32_t)root;
		index[root] = low[root] = next++;
		stack[sp++] = (uint32_t)root;
		on[root] = true;
		pos[root] = start[root];
		while (cp) {
			uint32_t v = calls[cp - 1];
			if (pos[v] < start[v + 1]) {
				uint32_t w = adj[pos[v]++];
				if (index[w] < 0) {
					index[w] = low[w] = next++;
					stack[sp++] = w;
					on[w] = true;
					pos[w] = start[w];
					calls[cp++] = w;
				} else if (on[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			cp--;
			if (cp && low[v] < low[calls[cp - 1]])
				low[calls[cp - 1]] = low[v];
			if (low[v] != index[v])
				continue;
			/* Emit the component rooted at v. */
			g->comp_start[g->n_comps] = (uint32_t)n_members;
			uint32_t w;
			do {
				w = stack[--sp];
				on[w] = false;
				g->comp[w] = (uint32_t)g->n_comps;
				g->members[n_members++] = w;
			} while (w != v);
			g->n_comps++;
		}
	}
	g->comp_start[g->n_comps] = (uint32_t)n_members;

	free(index);
	free(low);
	free(on);
	free(stack);
	free(calls);
	free(pos);
}

/*
 * Components come out sinks first, so when one is reached every group its
 * members wait for already has its first period: first = max(own
 * earliest period, first of every group depended on), the same for a
 * whole cycle.
 */
void depgraph_first_periods(const struct depgraph *g, const struct instance *in,
			    int *first, uint32_t *via)
{
	for (uint32_t cc = 0; cc < g->n_comps; cc++) {
		int period = 0;
		uint32_t set_by = UINT32_MAX;
		for (uint32_t k = g->comp_start[cc]; k < g->comp_start[cc + 1]; k++) {
			uint32_t m = g->members[k];
			if (in->groups[m].earliest_p > period) {
				period = in->groups[m].earliest_p;
				set_by = m;
			}
			for (uint32_t e = g->start[m]; e < g->start[m + 1]; e++)
				if (g->comp[g->adj[e]] != cc &&
				    first[g->adj[e]] > period) {
					period = first[g->adj[e]];
					set_by = g->adj[e];
				}
		}
		for (uint32_t k = g->comp_start[cc]; k < g->comp_start[cc + 1]; k++) {
			uint32_t m = g->members[k];
			first[m] = period;
			via[m] = set_by == m ? UINT32_MAX : set_by;
		}
	}
}

void depgraph_finish(struct depgraph *g)
{
	free(g->start);
	free(g->adj);
	free(g->rstart);
	free(g->radj);
	free(g->comp);
	free(g->comp_start);
	free(g->members);
	memset(g, 0, sizeof(*g));
}
