#include "heuristic.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct cap_need {
	int year_index;   /* the first year the cap binds */
	double need;      /* HR units in scope still to swap by then */
	double *per_unit; /* [n_groups] HR units in scope per member */
};

struct state {
	const struct instance *in;
	const struct scenario *s;
	bool hard;
	uint32_t *left;  /* [n_groups] members not yet swapped */
	int *done_year;  /* [n_groups] year index all members were swapped */
	uint32_t *count; /* [n_groups * n_vendors * n_years] members swapped */
	double *room;    /* [n_vendors * n_domains] share room left */
	struct cap_need *caps;
	size_t n_caps;
	int *urgency;  /* [n_groups] year of the deadline or cap it serves */
	double *ratio; /* [n_groups] exposure removed per money */
	const struct heuristic_guide *guide;
	double *want;           /* [n_groups] members the guide wants this year */
	uint32_t *taken_before; /* [n_groups] members taken before this year */
	double *frac;           /* [n_groups] fractional part of 'want' */
};

static void init_caps(struct state *st)
{
	const struct instance *in = st->in;
	const struct scenario *s = st->s;
	st->caps = xcalloc(s->n_caps + 1, sizeof(*st->caps));
	for (size_t r = 0; r < s->n_caps; r++) {
		const struct share_cap_rule *c = &s->caps[r];
		if (c->year > s->end)
			continue;
		struct cap_need *cn = &st->caps[st->n_caps++];
		cn->year_index = c->year > s->start ? c->year - s->start : 0;
		cn->per_unit = xcalloc(in->n_groups + 1, sizeof(double));
		double total;
		double hr = instance_cap_scope(in, c, cn->per_unit, &total);
		cn->need = hr - c->max_share * total;
	}
}

static void init_room(struct state *st)
{
	const struct instance *in = st->in;
	st->room = xmalloc((in->n_vendors * in->n_domains + 1) * sizeof(double));
	for (size_t v = 0; v < in->n_vendors; v++)
		for (size_t d = 0; d < in->n_domains; d++) {
			double mu = scenario_vendor_share_limit(st->s,
								st->s->domains.names[d]);
			double had = (double)in->vendor_had[v * in->n_domains + d];
			st->room[v * in->n_domains + d] =
				isnan(mu) ? INFINITY
					  : fmax(mu * (double)in->domain_units[d], had) -
						    had;
		}
}

/* A group's urgency: its deadline, or the year of a cap it helps meet
 * while that cap still needs swaps, whichever is earlier; a unit others
 * depend on inherits their urgency. */
static void compute_urgency(struct state *st)
{
	const struct instance *in = st->in;
	for (size_t g = 0; g < in->n_groups; g++) {
		int u = in->groups[g].deadline_year;
		if (st->s->objective == OBJECTIVE_COST && st->s->end < u)
			u = st->s->end;
		for (size_t c = 0; c < st->n_caps; c++)
			if (st->caps[c].need > 1e-9 && st->caps[c].per_unit[g] > 0 &&
			    st->s->start + st->caps[c].year_index < u)
				u = st->s->start + st->caps[c].year_index;
		st->urgency[g] = u;
	}
	for (size_t pass = 0; pass < in->n_deps + 1; pass++) {
		bool changed = false;
		for (size_t i = 0; i < in->n_deps; i++) {
			uint32_t f = in->deps[i].from, t = in->deps[i].to;
			if (st->urgency[f] < st->urgency[t]) {
				st->urgency[t] = st->urgency[f];
				changed = true;
			}
		}
		if (!changed)
			break;
	}
}

static const struct state *sort_state;

static int compare_priority(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct state *st = sort_state;
	if (st->urgency[a] != st->urgency[b])
		return st->urgency[a] < st->urgency[b] ? -1 : 1;
	if (st->ratio[a] != st->ratio[b])
		return st->ratio[a] > st->ratio[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int compare_fraction(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct state *st = sort_state;
	if (st->frac[a] != st->frac[b])
		return st->frac[a] > st->frac[b] ? -1 : 1;
	return compare_priority(pa, pb);
}

static bool deps_done(const struct state *st, uint32_t g, int k)
{
	const struct instance *in = st->in;
	/* deps are sorted by 'from'; a linear scan keeps this simple and the
	 * number of dependencies is small next to the groups. */
	for (size_t i = 0; i < in->n_deps; i++)
		if (in->deps[i].from == g && st->done_year[in->deps[i].to] > k)
			return false;
	return true;
}

/* Year resources: money, vendor capacity and crews still free this year. */
struct year_budget {
	double money;
	double *capacity; /* [n_vendors] */
	double *crews;    /* [n_regions] */
};

/* How many members of group g vendor v can still take in year k. */
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
	for (uint32_t q = gr->first_part; q < gr->first_part + gr->n_parts; q++) {
		const struct group_part *p = &in->parts[q];
		n = fmin(n, floor(yb->crews[p->region] / p->sites + 1e-9));
		if (p->units > 0)
			n = fmin(n, floor(st->room[v * in->n_domains + p->domain] /
						  (double)p->units +
					  1e-9));
	}
	return n > 0 ? (uint32_t)n : 0;
}

static void take(struct state *st, struct year_budget *yb, uint32_t g, size_t v, int k,
		 uint32_t n)
{
	const struct instance *in = st->in;
	const struct group *gr = &in->groups[g];
	yb->money -= n * instance_cost(in, g, v, k);
	yb->capacity[v] -= (double)n * (double)gr->units;
	for (uint32_t q = gr->first_part; q < gr->first_part + gr->n_parts; q++) {
		const struct group_part *p = &in->parts[q];
		yb->crews[p->region] -= (double)n * p->sites;
		st->room[v * in->n_domains + p->domain] -= (double)n * (double)p->units;
	}
	for (size_t c = 0; c < st->n_caps; c++)
		if (k <= st->caps[c].year_index)
			st->caps[c].need -= n * st->caps[c].per_unit[g];
	st->left[g] -= n;
	st->count[((size_t)g * in->n_vendors + v) * (size_t)in->n_years + (size_t)k] += n;
	if (!st->left[g])
		st->done_year[g] = k;
}

/* The vendors of group g in year k, cheapest first. */
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

static bool plan_year(struct state *st, int k, double *carry, uint32_t *order)
{
	const struct instance *in = st->in;
	const struct scenario *s = st->s;
	if (st->guide) {
		for (uint32_t g = 0; g < in->n_groups; g++)
			st->taken_before[g] = in->groups[g].multiplicity - st->left[g];
		if (!st->guide->want(k, st->count, st->want, st->guide->ctx))
			return false;
	}
	struct year_budget yb;
	yb.money = isfinite(in->budget[k]) ? in->budget[k] + *carry : INFINITY;
	yb.capacity = xmalloc((in->n_vendors + 1) * sizeof(double));
	yb.crews = xmalloc((in->n_regions + 1) * sizeof(double));
	for (size_t v = 0; v < in->n_vendors; v++)
		yb.capacity[v] =
			s->vendors[v].capacity ? s->vendors[v].capacity[k] : INFINITY;
	for (uint32_t r = 0; r < in->n_regions; r++)
		yb.crews[r] = scenario_crews(s, s->regions.names[r], k);

	compute_urgency(st);
	size_t n = 0;
	for (uint32_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		if (!st->left[g] || gr->earliest_yi > k)
			continue;
		/* Past its deadline a hard plan has already failed this unit. */
		if (st->hard && st->urgency[g] != INT_MAX &&
		    in->groups[g].deadline_year < s->start + k)
			continue;
		order[n++] = g;
	}
	sort_state = st;
	qsort(order, n, sizeof(*order), compare_priority);

	size_t *vendors = xmalloc((in->n_vendors + 1) * sizeof(size_t));
	/* With a guide, first what it wants this year, then (unless unspent
	 * money carries over and may be worth more later) a fill. */
	int passes = st->guide ? (s->carry_over ? 2 : 3) : 1;
	for (int pass = 0; pass < passes; pass++) {
		if (st->guide && pass == 1) {
			/* The fractional remainders, the LP's surest first. */
			for (size_t i = 0; i < n; i++)
				st->frac[order[i]] =
					st->want[order[i]] - floor(st->want[order[i]]);
			qsort(order, n, sizeof(*order), compare_fraction);
		}
		if (st->guide && pass == 2)
			qsort(order, n, sizeof(*order), compare_priority);
		bool progress = true;
		while (progress) {
			progress = false;
			for (size_t i = 0; i < n; i++) {
				uint32_t g = order[i];
				double most = INFINITY;
				if (st->guide && pass < 2) {
					/* Pass 0 takes the whole members the LP swaps
					 * this year, pass 1 rounds its fractions up.
					 * 'want' counts this year only. */
					uint32_t taken =
						in->groups[g].multiplicity - st->left[g];
					double w = pass == 0 ? floor(st->want[g] + 1e-6)
							     : ceil(st->want[g] - 1e-6);
					most = w - (double)(taken - st->taken_before[g]);
				}
				if (!st->left[g] || most < 1 || !deps_done(st, g, k))
					continue;
				size_t nv = vendors_by_cost(st, g, k, vendors);
				for (size_t j = 0; j < nv && st->left[g] && most >= 1;
				     j++) {
					uint32_t m =
						fits(st, &yb, g, vendors[j], k, most);
					if (m) {
						take(st, &yb, g, vendors[j], k, m);
						most -= m;
						progress = true;
					}
				}
			}
		}
	}
	*carry = s->carry_over && isfinite(yb.money) ? yb.money : 0;
	free(vendors);
	free(yb.capacity);
	free(yb.crews);
	return true;
}

static void to_decisions(const struct state *st, struct site_decision **out,
			 size_t *n_out)
{
	const struct instance *in = st->in;
	struct site_decision *d = xmalloc((in->n_group_sites + 1) * sizeof(*d));
	size_t n = 0;
	for (uint32_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		const uint32_t *sites = in->group_sites + gr->first_site;
		uint32_t next = 0;
		for (int k = 0; k < in->n_years; k++)
			for (size_t v = 0; v < in->n_vendors; v++) {
				uint32_t c = st->count[((size_t)g * in->n_vendors + v) *
							       (size_t)in->n_years +
						       (size_t)k];
				if (!c)
					continue;
				uint32_t from = gr->multiplicity == 1 ? 0 : next;
				uint32_t to =
					gr->multiplicity == 1 ? gr->n_sites : next + c;
				for (uint32_t i = from; i < to; i++)
					d[n++] = (struct site_decision){
						sites[i], st->s->start + k, (int)v};
				next += gr->multiplicity == 1 ? gr->n_sites : c;
			}
		for (uint32_t i = next; i < gr->n_sites; i++)
			d[n++] = (struct site_decision){sites[i], 0, -1};
	}
	*out = d;
	*n_out = n;
}

bool heuristic_plan(const struct instance *in, bool hard,
		    const struct heuristic_guide *guide, struct site_decision **out,
		    size_t *n_out)
{
	struct state st = {.in = in, .s = in->scenario, .hard = hard, .guide = guide};
	size_t ng = in->n_groups;
	st.left = xmalloc((ng + 1) * sizeof(uint32_t));
	st.done_year = xmalloc((ng + 1) * sizeof(int));
	st.urgency = xmalloc((ng + 1) * sizeof(int));
	st.ratio = xmalloc((ng + 1) * sizeof(double));
	st.count =
		xcalloc(ng * in->n_vendors * (size_t)in->n_years + 1, sizeof(uint32_t));
	for (size_t g = 0; g < ng; g++) {
		st.left[g] = in->groups[g].multiplicity;
		st.done_year[g] = INT_MAX;
		double cheapest = INFINITY;
		for (size_t v = 0; v < in->n_vendors; v++) {
			double c = in->base_cost[g * in->n_vendors + v];
			if (!isnan(c) && c < cheapest)
				cheapest = c;
		}
		st.ratio[g] = in->groups[g].weight / fmax(cheapest, 1e-9);
	}
	init_caps(&st);
	init_room(&st);

	st.want = xcalloc(ng + 1, sizeof(double));
	st.taken_before = xcalloc(ng + 1, sizeof(uint32_t));
	st.frac = xcalloc(ng + 1, sizeof(double));
	uint32_t *order = xmalloc((ng + 1) * sizeof(uint32_t));
	double carry = 0;
	bool ok = true;
	for (int k = 0; k < in->n_years && ok; k++)
		ok = plan_year(&st, k, &carry, order);
	free(order);
	free(st.want);
	free(st.taken_before);
	free(st.frac);

	to_decisions(&st, out, n_out);
	if (ok && hard) {
		struct plan *p = plan_create(in->scenario, *out, *n_out, 1.0);
		for (size_t i = 0; i < p->n_rules && ok; i++)
			ok = p->rules[i].holds || p->rules[i].kind == RULE_VENDOR_SHARE;
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
	free(st.done_year);
	free(st.urgency);
	free(st.ratio);
	free(st.count);
	return ok;
}
