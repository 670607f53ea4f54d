#include "solver/heuristic.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/depgraph.h"
#include "util/sort.h"
#include "util/xalloc.h"

/* How many swap units are tried between two questions to 'stop'. */
#define STOP_EVERY 256

struct cap_need {
	int period;       /* the first period the cap binds */
	double need;      /* HR units in scope still to swap by then */
	double *per_unit; /* [n_groups] HR units in scope per member */
};

/* One take: n members of group g to vendor v in period k. */
struct take_rec {
	uint32_t g, v, n;
	int k;
};

/*
 * The heuristic plans units: a unit is a strongly connected component
 * of the dependency graph, so one group, or the groups of a depends_on
 * cycle, which go in one period or not at all. Unit u's groups are
 * dg.members[dg.comp_start[u]] ... dg.members[dg.comp_start[u + 1] - 1].
 */
struct state {
	const struct instance *in;
	const struct scenario *s;
	bool hard;
	struct depgraph dg;
	uint32_t *left;   /* [n_groups] members not yet swapped */
	int *done_period; /* [n_groups] period all members were swapped by */
	uint32_t *count;  /* [n_groups * n_vendors * n_periods], guide only */
	struct take_rec *takes;
	size_t n_takes, alloc_takes;
	double *room; /* [n_vendors * n_domains] share room left */
	struct cap_need *caps;
	size_t n_caps;
	int *urgency;  /* [n_units] period of the deadline or cap it serves */
	double *ratio; /* [n_units] exposure removed per money */
	double *cost;  /* [n_units] at the cheapest vendors, start year */
	/* Cap first: at equal urgency, units in the scope of a cap that still
	 * needs swaps go first, most HR units in scope per money first. */
	bool cap_first;
	bool spread;       /* a period may use its even share of the year's rest */
	double *cap_ratio; /* [n_units] those units per money, 0 = none */
	uint32_t *rep;     /* [n_units] its first group, for ties */
	const struct heuristic_guide *guide;
	double *want;           /* [n_groups] members the guide wants this period */
	uint32_t *taken_before; /* [n_groups] members taken before this period */
	/* What is left of this year's money, capacity and crews for its
	 * later periods (a period key may allow a period less). */
	double year_money;
	double *year_capacity; /* [n_vendors] */
	double *year_crews;    /* [n_regions] */
	double *frac;          /* [n_units] fractional part of 'want' */
	/* This pass: how many dependencies of each unit are not swapped yet,
	 * and each candidate unit's place in the order (-1: not a candidate). */
	uint32_t *pending; /* [n_units] */
	int64_t *pos;      /* [n_units] */
	bool (*stop)(void *ctx);
	void *stop_ctx;
	unsigned ticks;
	bool stopped;
};

static bool should_stop(struct state *st)
{
	if (!st->stopped && st->stop && ++st->ticks % STOP_EVERY == 0)
		st->stopped = st->stop(st->stop_ctx);
	return st->stopped;
}

static uint32_t unit_first(const struct state *st, size_t u)
{
	return st->dg.comp_start[u];
}

static uint32_t unit_end(const struct state *st, size_t u)
{
	return st->dg.comp_start[u + 1];
}

static void init_caps(struct state *st)
{
	const struct instance *in = st->in;
	const struct scenario *s = st->s;
	st->caps = xcalloc(s->n_caps + 1, sizeof(*st->caps));
	for (size_t r = 0; r < s->n_caps; r++) {
		const struct share_cap_rule *c = &s->caps[r];
		int from = instance_cap_from(in, c);
		if (from >= in->n_periods)
			continue;
		struct cap_need *cn = &st->caps[st->n_caps++];
		cn->period = from;
		cn->per_unit = xcalloc(in->n_groups + 1, sizeof(double));
		double total;
		double hr = instance_cap_scope(in, c, from, cn->per_unit, &total);
		cn->need = hr - c->max_share * total;
	}
}

/* The share room: the least over the horizon's period ends where it can
 * change (before each entry into service, and the last), so a plan that
 * stays inside it keeps rule 5 at every period end. */
static void init_room(struct state *st)
{
	const struct instance *in = st->in;
	st->room = xmalloc((in->n_vendors * in->n_domains + 1) * sizeof(double));
	for (size_t v = 0; v < in->n_vendors; v++)
		for (size_t d = 0; d < in->n_domains; d++) {
			double room = instance_vendor_room(in, v, d, in->n_periods - 1);
			for (size_t k = 0; k < in->n_growth; k++)
				if (in->growth_p[k] > 0 &&
				    in->growth_p[k] < in->n_periods)
					room = fmin(room, instance_vendor_room(
								  in, v, d,
								  in->growth_p[k] - 1));
			st->room[v * in->n_domains + d] = room;
		}
}

/* Each unit's exposure removed per money at the cheapest vendors, and its
 * first group. */
static void init_units(struct state *st)
{
	const struct instance *in = st->in;
	size_t nu = st->dg.n_comps;
	st->ratio = xmalloc((nu + 1) * sizeof(double));
	st->cost = xmalloc((nu + 1) * sizeof(double));
	st->cap_ratio = xcalloc(nu + 1, sizeof(double));
	st->rep = xmalloc((nu + 1) * sizeof(uint32_t));
	for (size_t u = 0; u < nu; u++) {
		double weight = 0, cost = 0;
		uint32_t rep = UINT32_MAX;
		for (uint32_t k = unit_first(st, u); k < unit_end(st, u); k++) {
			uint32_t g = st->dg.members[k];
			double cheapest = INFINITY;
			for (size_t v = 0; v < in->n_vendors; v++) {
				double c = in->base_cost[g * in->n_vendors + v];
				if (!isnan(c) && c < cheapest)
					cheapest = c;
			}
			weight += in->groups[g].weight;
			cost += cheapest;
			if (g < rep)
				rep = g;
		}
		st->ratio[u] = weight / fmax(cost, 1e-9);
		st->cost[u] = cost;
		st->rep[u] = rep;
	}
}

/* A unit's urgency: its groups' deadline, or the period of a cap they help
 * meet while that cap still needs swaps, whichever is earliest; a unit
 * others depend on inherits their urgency. Components come sinks first,
 * so one pass from the last pushes each urgency down every chain. */
static void compute_urgency(struct state *st)
{
	const struct instance *in = st->in;
	const struct depgraph *dg = &st->dg;
	for (size_t u = 0; u < dg->n_comps; u++) {
		int best = INT_MAX;
		double scope = 0;
		for (uint32_t k = unit_first(st, u); k < unit_end(st, u); k++) {
			uint32_t g = dg->members[k];
			int y = instance_group_deadline(in, &in->groups[g]);
			for (size_t c = 0; c < st->n_caps; c++)
				if (st->caps[c].need > 1e-9 &&
				    st->caps[c].per_unit[g] > 0) {
					scope += st->caps[c].per_unit[g];
					if (st->caps[c].period < y)
						y = st->caps[c].period;
				}
			if (y < best)
				best = y;
		}
		st->urgency[u] = best;
		st->cap_ratio[u] = st->cap_first ? scope / fmax(st->cost[u], 1e-9) : 0;
	}
	for (size_t u = dg->n_comps; u-- > 0;)
		for (uint32_t k = unit_first(st, u); k < unit_end(st, u); k++) {
			uint32_t g = dg->members[k];
			for (uint32_t e = dg->start[g]; e < dg->start[g + 1]; e++) {
				uint32_t t = dg->comp[dg->adj[e]];
				if (t != u && st->urgency[u] < st->urgency[t])
					st->urgency[t] = st->urgency[u];
			}
		}
}

/* Units by priority; the context is the state. */
static int compare_priority(const void *pa, const void *pb, const void *ctx)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct state *st = ctx;
	if (st->urgency[a] != st->urgency[b])
		return st->urgency[a] < st->urgency[b] ? -1 : 1;
	if (st->cap_ratio[a] != st->cap_ratio[b])
		return st->cap_ratio[a] > st->cap_ratio[b] ? -1 : 1;
	if (st->ratio[a] != st->ratio[b])
		return st->ratio[a] > st->ratio[b] ? -1 : 1;
	return st->rep[a] < st->rep[b] ? -1 : st->rep[a] > st->rep[b];
}

static int compare_fraction(const void *pa, const void *pb, const void *ctx)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct state *st = ctx;
	if (st->frac[a] != st->frac[b])
		return st->frac[a] > st->frac[b] ? -1 : 1;
	return compare_priority(pa, pb, ctx);
}

/* Period resources: money, vendor capacity and crews still free this
 * period. */
struct year_budget {
	double money;
	double *capacity; /* [n_vendors] */
	double *crews;    /* [n_regions] */
};

/* How many members of group g vendor v can still take in period k. */
static uint32_t fits(const struct state *st, const struct year_budget *yb, uint32_t g,
		     size_t v, int k, double most)
{
	const struct instance *in = st->in;
	const struct group *gr = &in->groups[g];
	double cost = instance_cost(in, g, v, k);
	if (isnan(cost))
		return 0;
	double n = fmin(st->left[g], most);
	if (cost > 0)
		n = fmin(n, floor(yb->money / cost + 1e-9));
	if (gr->units > 0)
		n = fmin(n, floor(yb->capacity[v] / (double)gr->units + 1e-9));
	uint32_t end = gr->first_part + gr->n_parts;
	for (uint32_t q = gr->first_part; q < end; q++) {
		const struct group_part *p = &in->parts[q];
		/* A member's sites in this region, over all its parts (a
		 * cluster's radio and core sites use the same crews). */
		double sites = 0;
		bool first = true;
		for (uint32_t o = gr->first_part; o < end; o++)
			if (in->parts[o].region == p->region) {
				first = first && o >= q;
				sites += in->parts[o].sites;
			}
		if (first && sites > 0)
			n = fmin(n, floor(yb->crews[p->region] / sites + 1e-9));
		if (p->units > 0)
			n = fmin(n, floor(st->room[v * in->n_domains + p->domain] /
						  (double)p->units +
					  1e-9));
	}
	return n > 0 ? (uint32_t)n : 0;
}

/* Book n members of group g to vendor v in period k: n > 0 takes them,
 * n < 0 gives back what a take of -n booked. */
static void book(struct state *st, struct year_budget *yb, uint32_t g, size_t v, int k,
		 int64_t n)
{
	const struct instance *in = st->in;
	const struct group *gr = &in->groups[g];
	double dn = (double)n;
	yb->money -= dn * instance_cost(in, g, v, k);
	yb->capacity[v] -= dn * (double)gr->units;
	for (uint32_t q = gr->first_part; q < gr->first_part + gr->n_parts; q++) {
		const struct group_part *p = &in->parts[q];
		yb->crews[p->region] -= dn * p->sites;
		st->room[v * in->n_domains + p->domain] -= dn * (double)p->units;
	}
	for (size_t c = 0; c < st->n_caps; c++)
		if (k <= st->caps[c].period)
			st->caps[c].need -= dn * st->caps[c].per_unit[g];
	st->left[g] = (uint32_t)((int64_t)st->left[g] - n);
	if (st->count)
		st->count[((size_t)g * in->n_vendors + v) * (size_t)in->n_periods +
			  (size_t)k] += (uint32_t)n;
	if (n > 0) {
		ARRAY_GROW(st->takes, st->n_takes, st->alloc_takes);
		st->takes[st->n_takes++] =
			(struct take_rec){g, (uint32_t)v, (uint32_t)n, k};
	} else {
		st->n_takes--; /* gives back the last take, see take_cycle() */
	}
	st->done_period[g] = st->left[g] ? INT_MAX : k;
}

/* The vendors of group g in period k, cheapest first. */
static size_t vendors_by_cost(const struct state *st, uint32_t g, int k, size_t *order)
{
	const struct instance *in = st->in;
	size_t n = 0;
	for (size_t v = 0; v < in->n_vendors; v++) {
		if (isnan(in->base_cost[g * in->n_vendors + v]))
			continue;
		size_t i = n++;
		while (i > 0 && instance_cost(in, g, order[i - 1], k) >
					instance_cost(in, g, v, k)) {
			order[i] = order[i - 1];
			i--;
		}
		order[i] = v;
	}
	return n;
}

/* Up to 'most' members of group g, cheapest vendor first; whether any. */
static bool take_group(struct state *st, struct year_budget *yb, uint32_t g, int k,
		       double most, size_t *vendors)
{
	bool any = false;
	size_t nv = vendors_by_cost(st, g, k, vendors);
	for (size_t j = 0; j < nv && st->left[g] && most >= 1; j++) {
		uint32_t m = fits(st, yb, g, vendors[j], k, most);
		if (m) {
			book(st, yb, g, vendors[j], k, m);
			most -= m;
			any = true;
		}
	}
	return any;
}

/* Every group of a cycle in period k, or none: each to its cheapest vendor
 * with room once the groups before it are booked; on the first that fits
 * nowhere, the others are given back (the last takes, newest first). */
static bool take_cycle(struct state *st, struct year_budget *yb, size_t u, int k,
		       size_t *vendors)
{
	uint32_t first = unit_first(st, u), end = unit_end(st, u);
	for (uint32_t i = first; i < end; i++) {
		uint32_t g = st->dg.members[i];
		if (take_group(st, yb, g, k, 1, vendors) && !st->left[g])
			continue;
		for (uint32_t j = i; j-- > first;) {
			const struct take_rec *t = &st->takes[st->n_takes - 1];
			book(st, yb, t->g, t->v, t->k, -(int64_t)t->n);
		}
		return false;
	}
	return true;
}

/* How many members of group g a guided pass may take ('pass' 0: the whole
 * members the LP swaps this period; 1: its fractions rounded up; 'want'
 * counts this period only); INFINITY in the fill pass or without a guide. */
static double guided_most(const struct state *st, uint32_t g, int pass)
{
	if (!st->guide || pass >= 2)
		return INFINITY;
	uint32_t taken = st->in->groups[g].multiplicity - st->left[g];
	double w = pass == 0 ? floor(st->want[g] + 1e-6) : ceil(st->want[g] - 1e-6);
	return w - (double)(taken - st->taken_before[g]);
}

static bool unit_left(const struct state *st, size_t u)
{
	for (uint32_t i = unit_first(st, u); i < unit_end(st, u); i++)
		if (st->left[st->dg.members[i]])
			return true;
	return false;
}

/* Try unit u in this pass; whether it is now fully swapped. */
static bool try_unit(struct state *st, struct year_budget *yb, size_t u, int k, int pass,
		     size_t *vendors)
{
	uint32_t first = unit_first(st, u), end = unit_end(st, u);
	if (end - first == 1) {
		uint32_t g = st->dg.members[first];
		double most = guided_most(st, g, pass);
		if (st->left[g] && most >= 1)
			take_group(st, yb, g, k, most, vendors);
		return !st->left[g];
	}
	/* A cycle: pass 0 when the guide wants every group of it, pass 1
	 * when it wants any, the fill pass always. */
	bool all = true, any = false;
	for (uint32_t i = first; i < end; i++) {
		bool w = guided_most(st, st->dg.members[i], pass) >= 1;
		all = all && w;
		any = any || w;
	}
	if (!(pass == 0 ? all : any))
		return false;
	return take_cycle(st, yb, u, k, vendors);
}

/* A binary min-heap of places in the order. */
struct heap {
	int64_t *a;
	size_t n;
};

static void heap_push(struct heap *h, int64_t x)
{
	size_t i = h->n++;
	while (i > 0 && h->a[(i - 1) / 2] > x) {
		h->a[i] = h->a[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->a[i] = x;
}

static int64_t heap_pop(struct heap *h)
{
	int64_t top = h->a[0], x = h->a[--h->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->a[c + 1] < h->a[c])
			c++;
		if (h->a[c] >= x)
			break;
		h->a[i] = h->a[c];
		i = c;
	}
	if (h->n)
		h->a[i] = x;
	return top;
}

/*
 * One pass over the candidates order[0..n-1], as sweeps: each sweep tries,
 * in order, every unit whose dependencies are all swapped when the sweep
 * reaches it; a unit freed behind the sweep waits for the next. Sweeps
 * repeat until one takes nothing. Resources only shrink within a period, so
 * a unit once tried is tried again only when newly freed; with a heap of
 * places this costs O((units + dependencies) log units), where sweeping
 * the whole list again cost O(units) per step of a chain.
 */
static void run_pass(struct state *st, struct year_budget *yb, int k, int pass,
		     const uint32_t *order, size_t n, size_t *vendors, int64_t *heap_a,
		     int64_t *next_a)
{
	const struct depgraph *dg = &st->dg;
	for (size_t i = 0; i < n; i++)
		st->pos[order[i]] = (int64_t)i;
	/* Dependencies not yet swapped, counted edge by edge. */
	for (size_t i = 0; i < n; i++) {
		uint32_t u = order[i];
		st->pending[u] = 0;
		for (uint32_t m = unit_first(st, u); m < unit_end(st, u); m++) {
			uint32_t g = dg->members[m];
			for (uint32_t e = dg->start[g]; e < dg->start[g + 1]; e++)
				if (dg->comp[dg->adj[e]] != u &&
				    st->done_period[dg->adj[e]] > k)
					st->pending[u]++;
		}
	}
	struct heap cur = {heap_a, 0};
	size_t n_next = 0;
	for (size_t i = 0; i < n; i++)
		if (!st->pending[order[i]])
			heap_push(&cur, (int64_t)i);
	while (cur.n && !st->stopped) {
		while (cur.n) {
			int64_t at = heap_pop(&cur);
			uint32_t u = order[at];
			if (should_stop(st))
				break;
			/* Swapped in an earlier pass: it frees nobody now. */
			if (!unit_left(st, u) || !try_unit(st, yb, u, k, pass, vendors))
				continue;
			/* Swapped: free the units that waited for it. */
			for (uint32_t m = unit_first(st, u); m < unit_end(st, u); m++) {
				uint32_t g = dg->members[m];
				for (uint32_t e = dg->rstart[g]; e < dg->rstart[g + 1];
				     e++) {
					uint32_t f = dg->comp[dg->radj[e]];
					if (f == u || st->pos[f] < 0 || !st->pending[f] ||
					    --st->pending[f])
						continue;
					if (st->pos[f] > at)
						heap_push(&cur, st->pos[f]);
					else
						next_a[n_next++] = st->pos[f];
				}
			}
		}
		for (size_t i = 0; i < n_next; i++)
			heap_push(&cur, next_a[i]);
		n_next = 0;
	}
	for (size_t i = 0; i < n; i++)
		st->pos[order[i]] = -1;
}

/* A period's share of a year resource: what the year has left, or the
 * period key when that is less. */
static double period_share(double year_left, double key)
{
	return key < year_left ? key : year_left;
}

/* After a period: the year keeps what the period left (exactly, when the
 * period had the year's whole amount), or loses what the period used. */
static double year_after(double year_left, double start, double end)
{
	return start == year_left ? end : year_left - (start - end);
}

static bool plan_period(struct state *st, int k, double *carry, uint32_t *order,
			int64_t *heap_a, int64_t *next_a)
{
	const struct instance *in = st->in;
	const struct scenario *s = st->s;
	int ppy = in->periods_per_year, y = k / ppy;
	if (st->guide) {
		for (uint32_t g = 0; g < in->n_groups; g++)
			st->taken_before[g] = in->groups[g].multiplicity - st->left[g];
		if (!st->guide->want(k, st->count, st->want, st->guide->ctx))
			return false;
	}
	if (k % ppy == 0) {
		st->year_money =
			isfinite(in->budget[y]) ? in->budget[y] + *carry : INFINITY;
		for (size_t v = 0; v < in->n_vendors; v++)
			st->year_capacity[v] = s->vendors[v].capacity
						       ? s->vendors[v].capacity[y]
						       : INFINITY;
		for (uint32_t r = 0; r < in->n_regions; r++)
			st->year_crews[r] = scenario_crews(s, s->regions.names[r], y);
	}
	/* Spread: the year's rest split evenly over its periods left, so
	 * that a period in which some region cannot work (crews 0 in winter)
	 * does not leave the later ones without money or capacity for it. */
	double part = st->spread ? (double)(ppy - k % ppy) : 1;
	struct year_budget yb, at_start;
	yb.money = period_share(st->year_money / part, in->budget_period[k]);
	yb.capacity = xmalloc((in->n_vendors + 1) * sizeof(double));
	yb.crews = xmalloc((in->n_regions + 1) * sizeof(double));
	at_start.capacity = xmalloc((in->n_vendors + 1) * sizeof(double));
	at_start.crews = xmalloc((in->n_regions + 1) * sizeof(double));
	for (size_t v = 0; v < in->n_vendors; v++)
		yb.capacity[v] = period_share(st->year_capacity[v] / part,
					      s->vendors[v].capacity_period[k]);
	for (uint32_t r = 0; r < in->n_regions; r++)
		yb.crews[r] =
			period_share(st->year_crews[r] / part,
				     scenario_crews_period(s, s->regions.names[r], k));
	at_start.money = yb.money;
	memcpy(at_start.capacity, yb.capacity, in->n_vendors * sizeof(double));
	memcpy(at_start.crews, yb.crews, in->n_regions * sizeof(double));

	/* A re-plan: the ledger's swaps of this period are givens, booked
	 * first (they may leave nothing, or less than nothing); the planner
	 * adds swaps from replan_p on only. */
	for (uint32_t g = 0; in->history && g < in->n_groups; g++)
		if (in->groups[g].fixed_p == k && st->left[g])
			book(st, &yb, g, in->groups[g].fixed_v, k, 1);
	compute_urgency(st);
	size_t n = 0;
	for (uint32_t u = 0; u < st->dg.n_comps && k >= in->replan_p; u++) {
		if (!unit_left(st, u))
			continue;
		bool open = true;
		for (uint32_t i = unit_first(st, u); i < unit_end(st, u) && open; i++) {
			const struct group *gr = &in->groups[st->dg.members[i]];
			/* Past its deadline a hard plan has already failed it. */
			open = gr->earliest_p <= k && !(st->hard && gr->deadline_p < k) &&
			       gr->fixed_p < 0;
		}
		if (open)
			order[n++] = u;
	}
	sort_ctx(order, n, sizeof(*order), compare_priority, st);

	size_t *vendors = xmalloc((in->n_vendors + 1) * sizeof(size_t));
	/* With a guide, first what it wants this period, then (unless unspent
	 * money carries over and may be worth more later) a fill. */
	int passes = st->guide ? (s->carry_over ? 2 : 3) : 1;
	for (int pass = 0; pass < passes && !st->stopped; pass++) {
		if (st->guide && pass == 1) {
			/* The fractional remainders, the LP's surest first. */
			for (size_t i = 0; i < n; i++) {
				uint32_t u = order[i];
				double f = 0;
				for (uint32_t m = unit_first(st, u); m < unit_end(st, u);
				     m++) {
					double w = st->want[st->dg.members[m]];
					f += w - floor(w);
				}
				st->frac[u] = f / (unit_end(st, u) - unit_first(st, u));
			}
			sort_ctx(order, n, sizeof(*order), compare_fraction, st);
		}
		if (st->guide && pass == 2)
			sort_ctx(order, n, sizeof(*order), compare_priority, st);
		if (st->guide)
			run_pass(st, &yb, k, pass, order, n, vendors, heap_a, next_a);
		else
			run_pass(st, &yb, k, 2, order, n, vendors, heap_a, next_a);
	}
	st->year_money = year_after(st->year_money, at_start.money, yb.money);
	for (size_t v = 0; v < in->n_vendors; v++)
		st->year_capacity[v] = year_after(st->year_capacity[v],
						  at_start.capacity[v], yb.capacity[v]);
	for (uint32_t r = 0; r < in->n_regions; r++)
		st->year_crews[r] =
			year_after(st->year_crews[r], at_start.crews[r], yb.crews[r]);
	if (k % ppy == ppy - 1)
		/* A deficit (the ledger's swaps above the year's money)
		 * carries with carry_over (model-2.md rule 6). */
		*carry = s->carry_over && isfinite(st->year_money) ? st->year_money : 0;
	free(vendors);
	free(yb.capacity);
	free(yb.crews);
	free(at_start.capacity);
	free(at_start.crews);
	return !st->stopped;
}

static int compare_takes(const void *pa, const void *pb)
{
	const struct take_rec *a = pa, *b = pb;
	if (a->g != b->g)
		return a->g < b->g ? -1 : 1;
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

/* The decisions: a group's members in site order go to its takes in
 * (period, vendor) order; the rest stay. */
static void to_decisions(struct state *st, struct site_decision **out, size_t *n_out)
{
	const struct instance *in = st->in;
	if (st->n_takes) /* no takes: no array, and qsort wants one */
		qsort(st->takes, st->n_takes, sizeof(*st->takes), compare_takes);
	struct site_decision *d = xmalloc((in->n_group_sites + 1) * sizeof(*d));
	size_t n = 0, t = 0;
	for (uint32_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		const uint32_t *sites = in->group_sites + gr->first_site;
		uint32_t next = 0;
		for (; t < st->n_takes && st->takes[t].g == g; t++) {
			const struct take_rec *tk = &st->takes[t];
			uint32_t c = gr->multiplicity == 1 ? gr->n_sites : tk->n;
			for (uint32_t i = next; i < next + c && i < gr->n_sites; i++)
				d[n++] = (struct site_decision){sites[i], tk->k,
								(int)tk->v};
			next += c;
		}
		for (uint32_t i = next; i < gr->n_sites; i++)
			d[n++] = (struct site_decision){sites[i], -1, -1};
	}
	*out = d;
	*n_out = n;
}

/* One construction, in the usual order or cap first; '*stopped' when
 * 'stop' ended it. */
static bool attempt(const struct instance *in, const struct heuristic_options *o,
		    bool cap_first, bool spread, struct site_decision **out,
		    size_t *n_out, bool *stopped)
{
	struct state st = {.in = in,
			   .s = in->scenario,
			   .hard = o->hard,
			   .cap_first = cap_first,
			   .spread = spread,
			   .guide = o->guide,
			   .stop = o->stop,
			   .stop_ctx = o->stop_ctx};
	*out = NULL;
	*n_out = 0;
	size_t ng = in->n_groups;
	depgraph_init(&st.dg, in);
	size_t nu = st.dg.n_comps;
	st.left = xmalloc((ng + 1) * sizeof(uint32_t));
	st.done_period = xmalloc((ng + 1) * sizeof(int));
	st.year_capacity = xmalloc((in->n_vendors + 1) * sizeof(double));
	st.year_crews = xmalloc((in->n_regions + 1) * sizeof(double));
	st.urgency = xmalloc((nu + 1) * sizeof(int));
	st.pending = xcalloc(nu + 1, sizeof(uint32_t));
	st.pos = xmalloc((nu + 1) * sizeof(int64_t));
	for (size_t u = 0; u < nu; u++)
		st.pos[u] = -1;
	if (st.guide)
		st.count = xcalloc(ng * in->n_vendors * (size_t)in->n_periods + 1,
				   sizeof(uint32_t));
	for (size_t g = 0; g < ng; g++) {
		st.left[g] = in->groups[g].multiplicity;
		st.done_period[g] = INT_MAX;
	}
	init_units(&st);
	init_caps(&st);
	init_room(&st);

	if (st.guide) {
		st.want = xcalloc(ng + 1, sizeof(double));
		st.taken_before = xcalloc(ng + 1, sizeof(uint32_t));
		st.frac = xcalloc(nu + 1, sizeof(double));
	}
	uint32_t *order = xmalloc((nu + 1) * sizeof(uint32_t));
	int64_t *heap_a = xmalloc((nu + 1) * sizeof(int64_t));
	int64_t *next_a = xmalloc((nu + 1) * sizeof(int64_t));
	double carry = 0;
	bool ok = true;
	for (int k = 0; k < in->n_periods && ok; k++) {
		ok = plan_period(&st, k, &carry, order, heap_a, next_a);
		if (ok && st.stop && st.stop(st.stop_ctx))
			st.stopped = true;
		ok = ok && !st.stopped;
	}
	*stopped = st.stopped;
	free(order);
	free(heap_a);
	free(next_a);
	free(st.want);
	free(st.taken_before);
	free(st.frac);

	if (ok)
		to_decisions(&st, out, n_out);
	if (ok && o->hard) {
		struct plan *p = plan_create(in->scenario, *out, *n_out, 1.0);
		for (size_t i = 0; i < p->n_rules && ok; i++)
			ok = p->rules[i].holds || p->rules[i].kind == RULE_VENDOR_SHARE ||
			     p->rules[i].broken_before_replan;
		plan_destroy(p);
	}
	if (!ok) {
		free(*out);
		*out = NULL;
		*n_out = 0;
	}
	for (size_t c = 0; c < st.n_caps; c++)
		free(st.caps[c].per_unit);
	free(st.caps);
	free(st.room);
	free(st.left);
	free(st.done_period);
	free(st.year_capacity);
	free(st.year_crews);
	free(st.urgency);
	free(st.ratio);
	free(st.cost);
	free(st.cap_ratio);
	free(st.rep);
	free(st.pending);
	free(st.pos);
	free(st.count);
	free(st.takes);
	depgraph_finish(&st.dg);
	return ok;
}

/*
 * The usual order first; when a hard plan fails and there are share caps,
 * once more cap first, which spends the money before a cap's period where
 * it lowers the share most (a tight cap is missed otherwise by a few
 * units, the money having gone to high-criticality sites that weigh little
 * in it). With periods finer than a year, last, each period limited to
 * its even share of what the year has left: the usual order gives the
 * year's first period all of it, which starves a region whose crews
 * cannot work then (sweden-2025's winter quarters in the north). Plans
 * that the usual order finds stay as they were.
 */
bool heuristic_plan_opts(const struct instance *in, const struct heuristic_options *o,
			 struct site_decision **out, size_t *n_out)
{
	bool stopped = false;
	if (attempt(in, o, false, false, out, n_out, &stopped))
		return true;
	if (stopped || !o->hard)
		return false;
	if (in->scenario->n_caps && attempt(in, o, true, false, out, n_out, &stopped))
		return true;
	if (stopped || in->periods_per_year == 1)
		return false;
	return attempt(in, o, false, true, out, n_out, &stopped);
}

bool heuristic_plan(const struct instance *in, bool hard,
		    const struct heuristic_guide *guide, struct site_decision **out,
		    size_t *n_out)
{
	struct heuristic_options o = {.hard = hard, .guide = guide};
	return heuristic_plan_opts(in, &o, out, n_out);
}
