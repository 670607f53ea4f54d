#include "solver/local_search.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "solver/branch_clock.h"
#include "solver/model_impl.h"
#include "util/xalloc.h"

/* A neighbourhood: the x columns of periods [from, to), or those of the
 * groups whose first part is in 'region' (from = -1). */
struct neighbourhood {
	int from, to;
	uint32_t region;
};

/* What the sub-problem's branch-and-bound callback needs. */
struct search {
	const struct local_search_options *o;
	const double *x; /* the plan in hand, offered as the incumbent */
	bool offered;
	int nodes;
	struct branch_clock *branch; /* GLPK's branching within the clock */
};

static void callback(glp_tree *tree, void *info)
{
	struct search *s = info;
	if (s->o->time_left_ms(s->o->ctx) == 0) {
		glp_ios_terminate(tree);
		return;
	}
	switch (glp_ios_reason(tree)) {
	case GLP_IBRANCH: {
		int ms = s->o->time_left_ms(s->o->ctx);
		branch_clock_branch(s->branch, tree,
				    ms == 0x7fffffff ? INFINITY : ms / 1000.0);
		break;
	}
	case GLP_IHEUR:
		if (!s->offered) {
			s->offered = true;
			glp_ios_heur_sol(tree, s->x);
		}
		break;
	case GLP_ISELECT:
		if (++s->nodes > s->o->node_limit)
			glp_ios_terminate(tree);
		break;
	default:
		break;
	}
}

static bool is_free(const struct model *m, const struct neighbourhood *nb, int j)
{
	const struct model_col *c = &m->cols[j];
	if (nb->from >= 0)
		return c->period >= nb->from && c->period < nb->to;
	const struct group *g = &m->in->groups[c->group];
	return g->n_parts > 0 && m->in->parts[g->first_part].region == nb->region;
}

/* The neighbourhoods in the order they are tried: windows of two years,
 * then regions. A window that covers the whole horizon is the whole
 * problem, not a neighbourhood, and is left out; so are regions when
 * there is only one. */
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
	double value = glp_get_obj_coef(sub, 0);
	for (int j = 1; j <= m->n_cols; j++)
		value += glp_get_obj_coef(sub, j) * x[j];

	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.meth = GLP_DUALP;
	glp_iocp iocp;
	solve_branch_and_cut_init(&iocp);
	iocp.cb_func = callback;

	int improved = 0;
	bool stopped = false;
	for (int pass = 0; pass < LOCAL_SEARCH_ROUNDS && !stopped; pass++) {
		int before = improved;
		for (size_t k = 0; k < n_nb && !stopped; k++) {
			for (int j = 1; j <= n_x; j++) {
				if (is_free(m, &nb[k], j))
					glp_set_col_bnds(sub, j, type[j], lb[j], ub[j]);
				else
					glp_set_col_bnds(sub, j, GLP_FX, round(x[j]),
							 round(x[j]));
			}
			double tol = 1e-9 * fmax(1, fabs(value)) + 1e-6;
			smcp.tm_lim = o->time_left_ms(o->ctx);
			if (smcp.tm_lim == 0) {
				stopped = true;
				break;
			}
			if (glp_simplex(sub, &smcp) != 0) {
				/* a singular basis after the new bounds */
				glp_adv_basis(sub, 0);
				if (glp_simplex(sub, &smcp) != 0)
					continue;
			}
			if (glp_get_status(sub) != GLP_OPT ||
			    glp_get_obj_val(sub) >= value - tol)
				continue; /* nothing better in here */
			struct search s = {.o = o, .x = x};
			iocp.cb_info = &s;
			iocp.tm_lim = o->time_left_ms(o->ctx);
			if (iocp.tm_lim == 0) {
				stopped = true;
				break;
			}
			s.branch = branch_clock_create(m->n_cols);
			int ret = glp_intopt(sub, &iocp);
			branch_clock_destroy(s.branch);
			int mip = glp_mip_status(sub);
			if (ret != 0 && ret != GLP_ESTOP && ret != GLP_ETMLIM)
				continue;
			if ((mip == GLP_OPT || mip == GLP_FEAS) &&
			    glp_mip_obj_val(sub) < value - tol) {
				for (int j = 1; j <= m->n_cols; j++)
					x[j] = glp_mip_col_val(sub, j);
				value = glp_mip_obj_val(sub);
				improved++;
			}
		}
		if (improved == before)
			break;
	}
	return improved;
}
