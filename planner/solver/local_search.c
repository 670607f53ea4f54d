#include "solver/local_search.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "solver/model_impl.h"
#include "solver/sub_mip.h"
#include "util/xalloc.h"

/* A neighbourhood: the x columns of periods [from, to), or those of the
 * groups whose first part is in 'region' (from = -1). */
struct neighbourhood {
	int from, to;
	uint32_t region;
};

static bool is_free(const struct model *m, const struct neighbourhood *nb, int j)
{
	const struct model_col *c = &m->cols[j];
	if (nb->from >= 0)
		return c->period >= nb->from && c->period < nb->to;
	const struct group *g = &m->in->groups[c->group];
	return g->n_parts > 0 && m->in->parts[g->first_part].region == nb->region;
}

/* The neighbourhoods: windows of two years, then regions, the order
 * next_in_turn() visits them in. A window that covers the whole horizon
 * is the whole problem, not a neighbourhood, and is left out; so are
 * regions when there is only one. */
static size_t neighbourhoods(const struct model *m, struct neighbourhood **out)
{
	const struct instance *in = m->in;
	int ppy = in->periods_per_year;
	int n_years = (in->n_periods + ppy - 1) / ppy;
	size_t n = 0;
	struct neighbourhood *nb =
		xmalloc(((size_t)n_years + in->n_regions + 1) * sizeof(*nb));
	for (int y = 0; n_years > 2 && y + 1 < n_years; y++)
		nb[n++] = (struct neighbourhood){y * ppy, (y + 2) * ppy, 0};
	for (size_t r = 0; in->n_regions > 1 && r < in->n_regions; r++)
		nb[n++] = (struct neighbourhood){-1, -1, (uint32_t)r};
	*out = nb;
	return n;
}

/* The copy of the model's problem, and its x columns' own bounds. */
struct local_search {
	const struct model *m;
	glp_prob *sub;
	int *type;
	double *lb, *ub;
	struct neighbourhood *nb;
	size_t n_nb;
};

/*
 * How much neighbourhood nb leaves to decide around the plan x: its free
 * x columns (those the copy's bounds let take a value other than 0) of
 * the groups that still have a member to place in it, i.e. that x does
 * not swap in full outside it. A window's columns exist for every year a
 * group may go, so it is the plan that makes a window small: by the last
 * years most groups are gone. Counted from x, so deterministic.
 */
static long open_columns(const struct local_search *ls, const struct neighbourhood *nb,
			 const double *x)
{
	const struct model *m = ls->m;
	const struct instance *in = m->in;
	long n = 0;
	for (uint32_t g = 0; g < in->n_groups; g++) {
		double outside = 0;
		long inside = 0;
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++) {
			if (!is_free(m, nb, (int)j))
				outside += x[j];
			else if (ls->type[j] != GLP_FX || ls->ub[j] != 0)
				inside++;
		}
		if (outside < in->groups[g].multiplicity - 0.5)
			n += inside;
	}
	return n;
}

/* Smallest first: the next neighbourhood to search around x, of those
 * not yet searched since the plan last changed: the windows before the
 * regions, and of each kind the one with the fewest open columns (the
 * first on a tie); n_nb when none is left. */
static size_t next_neighbourhood(const struct local_search *ls, const bool *done,
				 const double *x)
{
	size_t best = ls->n_nb;
	long best_key = 0;
	for (size_t k = 0; k < ls->n_nb; k++) {
		if (done[k])
			continue;
		/* regions after every window */
		long key = open_columns(ls, &ls->nb[k], x) +
			   (ls->nb[k].from >= 0 ? 0 : (long)ls->m->n_x + 1);
		if (best == ls->n_nb || key < best_key) {
			best = k;
			best_key = key;
		}
	}
	return best;
}

/* Visiting the neighbourhoods in turn: rounds over all of them in the
 * order of neighbourhoods(), another round only after one that gained,
 * LOCAL_SEARCH_ROUNDS at most. */
struct in_turn {
	size_t next;
	int round;
	bool gained; /* in this round */
};

static size_t next_in_turn(struct in_turn *t, size_t n_nb)
{
	if (t->next == n_nb) {
		if (!t->gained || t->round + 1 >= LOCAL_SEARCH_ROUNDS)
			return n_nb;
		t->round++;
		t->next = 0;
		t->gained = false;
	}
	return t->next++;
}

struct local_search *local_search_create(const struct model *m)
{
	struct local_search *ls = xcalloc(1, sizeof(*ls));
	ls->m = m;
	ls->n_nb = neighbourhoods(m, &ls->nb);
	ls->sub = glp_create_prob();
	glp_copy_prob(ls->sub, m->lp, GLP_OFF);
	int n_x = m->n_x;
	ls->type = xmalloc(((size_t)n_x + 1) * sizeof(int));
	ls->lb = xmalloc(((size_t)n_x + 1) * sizeof(double));
	ls->ub = xmalloc(((size_t)n_x + 1) * sizeof(double));
	for (int j = 1; j <= n_x; j++) {
		ls->type[j] = glp_get_col_type(ls->sub, j);
		ls->lb[j] = glp_get_col_lb(ls->sub, j);
		ls->ub[j] = glp_get_col_ub(ls->sub, j);
	}
	return ls;
}

void local_search_destroy(struct local_search *ls)
{
	if (!ls)
		return;
	glp_delete_prob(ls->sub);
	free(ls->type);
	free(ls->lb);
	free(ls->ub);
	free(ls->nb);
	free(ls);
}

int local_search_improve(struct local_search *ls, const struct local_search_options *o,
			 double *x)
{
	const struct model *m = ls->m;
	glp_prob *sub = ls->sub;
	const struct neighbourhood *nb = ls->nb;
	size_t n_nb = ls->n_nb;
	int n_x = m->n_x;
	const int *type = ls->type;
	const double *lb = ls->lb, *ub = ls->ub;
	struct sub_mip_options so = {.node_limit = o->node_limit,
				     .presolve = o->presolve,
				     .few_cuts = o->presolve,
				     .time_left_ms = o->time_left_ms,
				     .ctx = o->ctx};
	bool *done = xcalloc(n_nb + 1, sizeof(bool));
	struct in_turn turn = {0, 0, false};
	int improved = 0;
	for (size_t searches = 0; searches < LOCAL_SEARCH_ROUNDS * n_nb; searches++) {
		size_t k = o->smallest_first ? next_neighbourhood(ls, done, x)
					     : next_in_turn(&turn, n_nb);
		if (k >= n_nb)
			break;
		for (int j = 1; j <= n_x; j++) {
			if (is_free(m, &nb[k], j))
				glp_set_col_bnds(sub, j, type[j], lb[j], ub[j]);
			else
				glp_set_col_bnds(sub, j, GLP_FX, round(x[j]),
						 round(x[j]));
		}
		enum sub_mip_result r = sub_mip_search(sub, &so, x);
		if (r == SUB_MIP_STOPPED)
			break;
		if (r == SUB_MIP_BETTER) {
			improved++;
			if (o->good_enough && o->good_enough(x, o->good_enough_ctx))
				break;
			for (size_t i = 0; i < n_nb; i++)
				done[i] = false;
			turn.gained = true;
		}
		done[k] = true;
	}
	free(done);
	return improved;
}
