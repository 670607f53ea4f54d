#include "solver/model_impl.h"

#include "solver/model_blocks.h"
#include "solver/model_build.h"
#include "solver/model_funds.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/ledger_money.h"
#include "solver/model_history.h"
#include "util/xalloc.h"

static int add_row(struct builder *b, int type, double lb, double ub)
{
	if (b->n_rows + 2 > b->alloc_rows) {
		b->alloc_rows = b->alloc_rows ? 2 * b->alloc_rows : 256;
		b->row_type = xreallocarray(b->row_type, b->alloc_rows, sizeof(int));
		b->row_lb = xreallocarray(b->row_lb, b->alloc_rows, sizeof(double));
		b->row_ub = xreallocarray(b->row_ub, b->alloc_rows, sizeof(double));
	}
	int i = (int)++b->n_rows;
	b->row_type[i] = type;
	b->row_lb[i] = lb;
	b->row_ub[i] = ub;
	return i;
}

static void add_coef(struct builder *b, int row, int col, double value)
{
	if (value == 0)
		return;
	if (b->nnz + 2 > b->alloc_nnz) {
		b->alloc_nnz = b->alloc_nnz ? 2 * b->alloc_nnz : 4096;
		b->ia = xreallocarray(b->ia, b->alloc_nnz, sizeof(int));
		b->ja = xreallocarray(b->ja, b->alloc_nnz, sizeof(int));
		b->ar = xreallocarray(b->ar, b->alloc_nnz, sizeof(double));
	}
	b->nnz++;
	b->ia[b->nnz] = row;
	b->ja[b->nnz] = col;
	b->ar[b->nnz] = value;
}

static int add_col(struct builder *b, uint32_t group, int vendor, int period)
{
	struct model *m = b->m;
	if ((size_t)m->n_cols + 2 > b->alloc_cols) {
		b->alloc_cols = b->alloc_cols ? 2 * b->alloc_cols : 1024;
		m->cols = xreallocarray(m->cols, b->alloc_cols, sizeof(*m->cols));
		for (int o = 0; o < MODEL_N_OBJ; o++)
			m->obj[o] =
				xreallocarray(m->obj[o], b->alloc_cols, sizeof(double));
	}
	int j = ++m->n_cols;
	m->cols[j] = (struct model_col){group, (int16_t)vendor, (int16_t)period};
	for (int o = 0; o < MODEL_N_OBJ; o++)
		m->obj[o][j] = 0;
	return j;
}

int model_build_row(struct builder *b, int type, double lb, double ub)
{
	return add_row(b, type, lb, ub);
}

void model_build_coef(struct builder *b, int row, int col, double value)
{
	add_coef(b, row, col, value);
}

int model_build_col(struct builder *b, uint32_t group, int vendor, int period)
{
	return add_col(b, group, vendor, period);
}

static int64_t part_units_in(const struct instance *in, const struct group *g,
			     uint32_t domain)
{
	int64_t u = 0;
	for (uint32_t q = g->first_part; q < g->first_part + g->n_parts; q++)
		if (in->parts[q].domain == domain)
			u += in->parts[q].units;
	return u;
}

/* The stretch ends and the vendors' room at each (see struct builder). */
static void vendor_room(struct builder *b)
{
	const struct instance *in = b->in;
	int np = in->n_periods;
	b->ends = xmalloc((in->n_growth + 1) * sizeof(int));
	for (size_t k = 0; k < in->n_growth; k++)
		if (in->growth_p[k] > 0 && in->growth_p[k] < np)
			b->ends[b->n_ends++] = in->growth_p[k] - 1;
	b->ends[b->n_ends++] = np - 1;
	size_t n = in->n_vendors * in->n_domains * b->n_ends;
	b->room = xmalloc((n + 1) * sizeof(double));
	for (size_t v = 0; v < in->n_vendors; v++)
		for (size_t d = 0; d < in->n_domains; d++)
			for (size_t e = 0; e < b->n_ends; e++)
				b->room[(v * in->n_domains + d) * b->n_ends + e] =
					instance_vendor_room(in, v, d, b->ends[e]);
}

/* Whether one member of group g is too big for vendor v's room at some
 * stretch end from period k on. */
static bool vendor_blocked(const struct builder *b, const struct group *g, size_t v,
			   int k)
{
	const struct instance *in = b->in;
	for (uint32_t q = g->first_part; q < g->first_part + g->n_parts; q++) {
		const struct group_part *p = &in->parts[q];
		const double *room =
			&b->room[(v * in->n_domains + p->domain) * b->n_ends];
		for (size_t e = 0; e < b->n_ends; e++)
			if (b->ends[e] >= k && (double)p->units > room[e] + 1e-9)
				return true;
	}
	return false;
}

/* A fixed swap's one column (plan/history.h), fixed to 1 by its once
 * row: its period, vendor and cost; in E, the cost and (elastic) V like
 * any other swap, never a move. */
static void add_fixed_column(struct builder *b, uint32_t g)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	const struct group *gr = &in->groups[g];
	int np = in->n_periods, k = gr->fixed_p;
	int j = add_col(b, g, (int)gr->fixed_v, k);
	m->obj[MODEL_OBJ_EXPOSURE][j] =
		-gr->weight * ((double)(np - k) / in->periods_per_year);
	m->obj[MODEL_OBJ_COST][j] = instance_pv(in, g, gr->fixed_v, k);
	m->obj_const[MODEL_OBJ_EXPOSURE] +=
		gr->weight * ((double)np / in->periods_per_year);
}

/*
 * x columns, group by group, period by period, vendor by vendor. A column
 * exists only where the swap is allowed at all: the vendor may take every
 * site of the group (cost not NAN), the period is not before its earliest
 * period, one member fits under the vendor's share limit, and (hard model)
 * the period is not after the group's deadline, since the rule forbids it.
 * Exposure and lateness count periods as years: len(p) = 1 / per_year.
 */
static void add_x_columns(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	int np = in->n_periods;
	double per_year = in->periods_per_year;
	m->group_first = xmalloc((in->n_groups + 1) * sizeof(uint32_t));
	for (uint32_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		m->group_first[g] = (uint32_t)m->n_cols + 1;
		if (gr->fixed_p >= 0) {
			add_fixed_column(b, g);
			continue;
		}
		int last = np - 1;
		int deadline = instance_group_deadline(in, gr);
		if (m->mode == MODEL_HARD && deadline <= np - 1)
			last = deadline;
		int d_late = deadline <= np - 1 ? deadline : INT_MAX;
		int open = gr->earliest_p > in->replan_p ? gr->earliest_p : in->replan_p;
		bool vb = m->mode == MODEL_HARD && model_history_has_vb(in);
		for (int k = open; k <= last; k++)
			for (size_t v = 0; v < in->n_vendors; v++) {
				if (m->block_start[k] != k ||
				    isnan(in->base_cost[g * in->n_vendors + v]) ||
				    vendor_blocked(b, gr, v, k))
					continue;
				int j = add_col(b, g, (int)v, k);
				m->obj[MODEL_OBJ_EXPOSURE][j] =
					-gr->weight * ((double)(np - k) / per_year);
				m->obj[MODEL_OBJ_COST][j] = instance_pv(in, g, v, k);
				/* own spend: the cost, less the payments
				 * (model_funds.c) */
				m->obj[MODEL_OBJ_OWN_COST][j] = m->obj[MODEL_OBJ_COST][j];
				m->obj[MODEL_OBJ_PAYMENTS][j] = m->obj[MODEL_OBJ_COST][j];
				if (in->baseline)
					m->obj[MODEL_OBJ_MOVES][j] =
						instance_moves_coef(in, g, v, k, NULL);
				if (vb)
					m->obj[MODEL_OBJ_VIOLATION][j] =
						model_history_vb(in, g, k) -
						model_history_vb(in, g, -1);
				if (d_late != INT_MAX && !vb) {
					int late = k > d_late ? k - d_late : 0;
					m->obj[MODEL_OBJ_VIOLATION][j] =
						(double)gr->units *
						((double)(late - (np - d_late)) /
						 per_year);
				}
			}
		m->obj_const[MODEL_OBJ_EXPOSURE] +=
			gr->weight * gr->multiplicity * ((double)np / per_year);
		if (in->baseline) {
			double moved;
			instance_moves_coef(in, g, 0, -1, &moved);
			m->obj_const[MODEL_OBJ_MOVES] += moved;
		}
		if (vb)
			m->obj_const[MODEL_OBJ_VIOLATION] +=
				model_history_vb(in, g, -1) * gr->multiplicity;
		if (d_late != INT_MAX && !vb)
			m->obj_const[MODEL_OBJ_VIOLATION] +=
				(double)gr->units * ((double)(np - d_late) / per_year) *
				gr->multiplicity;
	}
	m->group_first[in->n_groups] = (uint32_t)m->n_cols + 1;
	m->n_x = m->n_cols;
}

/* Rule 1, once; with the hard model also rule 2 (deadlines) and the cost
 * objective's completion rule: a group that must go is fixed to all its
 * members, the late columns having been left out. */
static void add_once_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	m->must_go = xcalloc(in->n_groups + 1, sizeof(bool));
	for (uint32_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		bool must = (m->mode == MODEL_HARD &&
			     instance_group_deadline(in, gr) <= in->n_periods - 1) ||
			    gr->fixed_p >= 0;
		m->must_go[g] = must;
		double mult = gr->multiplicity;
		int r = must ? add_row(b, GLP_FX, mult, mult)
			     : add_row(b, GLP_UP, 0, mult);
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
			add_coef(b, r, (int)j, 1);
	}
}

/*
 * Rule 3, budget. Without carry-over: spend(y) <= budget(y) in every
 * limited year, spend(y) summing the year's periods. With it, a
 * continuous column c_y >= 0 holds the money carried out of year y into
 * y+1 (only between two limited years; an unlimited year carries
 * nothing): spend(y) + c_y - c_{y-1} <= budget(y). A period key adds a
 * row of its own: spend(p) <= key(p).
 */
/*
 * Money in the budget rows is counted in a unit of the model's own, the
 * largest limited budget (or, without one, 1), on a grid of 2^-40 of it:
 * a scenario whose prices and budgets are all multiplied by a power of
 * ten then gives GLPK the same rows, bit for bit, and so the same plan.
 * The grid moves a cost by at most 5e-13 of the largest budget, far
 * below GLPK's own feasibility tolerance; plan.c judges every rule on
 * the exact figures.
 */
static double money_unit(const struct instance *in)
{
	double most = 0;
	for (int k = 0; k < in->n_years; k++)
		if (isfinite(in->budget[k]))
			most = fmax(most, in->budget[k]);
	for (int p = 0; p < in->n_periods; p++)
		if (isfinite(in->budget_period[p]))
			most = fmax(most, in->budget_period[p]);
	return most > 0 ? most : 1;
}

double model_money(const struct model *m, double amount)
{
	const double grid = 1099511627776.0; /* 2^40 */
	if (!m->scaled_money)
		return amount;
	return round(amount / m->money_unit * grid) / grid;
}

/*
 * Rule 6's money. Where the fixed swaps' own spend alone (their cost
 * less what funds pay of it, model_funds_fixed_own()) exceeds a row's
 * money, the planner adds nothing there. Without carry-over the year's
 * deficit is forgiven: the row's bound becomes that own spend. With it,
 * the deficit carries into the next year, lowering its money: the carry
 * column out of the year may go below 0, but never below what the fixed
 * swaps alone leave when every earlier planner year saved all it could
 * (the chain below), so that a deficit is never money the planner can
 * borrow against. A deficit in the last year of a run of limited years
 * has nowhere to go and is forgiven. A period key is raised like any
 * limit (it never carries).
 */
static void fixed_budget_bounds(struct builder *b, const double *pspend,
				const double *yspend, const double *carried)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	double chain = 0; /* the most the previous year can carry out */
	for (int k = 0; k < in->n_years; k++) {
		int r = m->budget_row[k];
		if (!r) {
			chain = 0;
			continue;
		}
		double money = in->budget[k] + (k > 0 ? carried[k - 1] : 0);
		double in_chain = k > 0 && b->carry_col[k - 1] ? chain : 0;
		double left = money + in_chain - yspend[k];
		if (b->carry_col[k]) {
			b->carry_floor[k] = left < 0 ? left : 0;
			chain = left;
			continue;
		}
		if (left < 0)
			b->row_ub[r] = model_money(m, yspend[k] - in_chain);
		chain = 0;
	}
	for (int p = in->replan_p; p < in->n_periods; p++) {
		int r = b->period_row[p];
		if (r && pspend[p] > in->budget_period[p])
			b->row_ub[r] = model_money(m, pspend[p]);
	}
}

static void add_budget_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	int ny = in->n_years;
	m->money_unit = m->scaled_money ? money_unit(in) : 1;
	b->carry_col = xcalloc((size_t)ny + 1, sizeof(int));
	b->carry_floor = xcalloc((size_t)ny + 1, sizeof(double));
	/* A re-plan: the years before replan_from hold the ledger's swaps
	 * only, so they get no row, and what they leave comes in as money. */
	double *carried = xcalloc((size_t)ny + 1, sizeof(double));
	double *pspend = xcalloc((size_t)in->n_periods + 1, sizeof(double));
	double *yspend = xcalloc((size_t)ny + 1, sizeof(double));
	if (in->history) {
		model_history_fixed_spend(in, pspend, yspend);
		ledger_money_history_carry(in->scenario, in->replan_p, in->budget, yspend,
					   carried);
	}
	if (in->scenario->carry_over)
		for (int k = 0; k + 1 < ny; k++)
			if (isfinite(in->budget[k]) && isfinite(in->budget[k + 1]) &&
			    !(in->history && model_history_past_year(in, k)))
				b->carry_col[k] = add_col(b, UINT32_MAX, -1, -1);
	int *row_of_year = m->budget_row = xcalloc((size_t)ny + 1, sizeof(int));
	for (int k = 0; k < ny; k++) {
		if (!isfinite(in->budget[k]) ||
		    (in->history && model_history_past_year(in, k)))
			continue;
		double money = in->budget[k] + (k > 0 ? carried[k - 1] : 0);
		int r = add_row(b, GLP_UP, 0, model_money(m, money));
		row_of_year[k] = r;
		if (b->carry_col[k])
			add_coef(b, r, b->carry_col[k], 1);
		if (k > 0 && b->carry_col[k - 1])
			add_coef(b, r, b->carry_col[k - 1], -1);
	}
	int ppy = in->periods_per_year;
	int *row_of_period = b->period_row =
		xcalloc((size_t)in->n_periods + 1, sizeof(int));
	for (int p = in->replan_p; p < in->n_periods; p++)
		if (isfinite(in->budget_period[p]))
			row_of_period[p] = add_row(b, GLP_UP, 0,
						   model_money(m, in->budget_period[p]));
	for (int j = 1; j <= m->n_x; j++) {
		const struct model_col *c = &m->cols[j];
		/* own spend: a ledger row's funded items are not own money */
		double cost = model_money(
			m, instance_cost(in, c->group, (size_t)c->vendor, c->period) -
				   model_funds_ledger_paid(in, c->group));
		if (row_of_year[c->period / ppy])
			add_coef(b, row_of_year[c->period / ppy], j, cost);
		if (row_of_period[c->period])
			add_coef(b, row_of_period[c->period], j, cost);
	}
	if (in->history)
		fixed_budget_bounds(b, pspend, yspend, carried);
	free(carried);
	free(pspend);
	free(yspend);
	/* The same rule summed over each run of limited years, from its
	 * first year to every later one: implied by the rows above (with
	 * carry-over it is exactly what the carried money allows), so no
	 * plan and no LP optimum changes, but GLPK's cover and MIR cuts get
	 * a knapsack over several years to work on, one with the money of
	 * all of them as its capacity (docs/decisions.md, "The model"). */
	m->prefix_row = xcalloc((size_t)ny + 1, sizeof(int));
	m->prefix_from = xcalloc((size_t)ny + 1, sizeof(int));
	int from = 0;
	double money = 0;
	/* Not in the exported model, which is the plain formulation. */
	for (int k = 0; k < ny && m->scaled_money && !in->history; k++) {
		if (!isfinite(in->budget[k])) {
			from = k + 1;
			money = 0;
			continue;
		}
		money += model_money(m, in->budget[k]);
		if (k == from)
			continue;
		int r = add_row(b, GLP_UP, 0, money);
		m->prefix_row[k] = r;
		m->prefix_from[k] = from;
		for (int j = 1; j <= m->n_x; j++) {
			const struct model_col *c = &m->cols[j];
			int y = c->period / ppy;
			if (y >= from && y <= k)
				add_coef(b, r, j,
					 model_money(m, instance_cost(in, c->group,
								      (size_t)c->vendor,
								      c->period)));
		}
	}
}

/*
 * Rule 4, share caps. HR units (or sites) left in scope at the end of
 * period p are H - S(p), with S(p) those swapped by then, so the cap reads
 * S(p) >= H - sigma*T(p), T(p) counting what is in service then. S only
 * grows and T never falls (no new high-risk sites), so in the hard model
 * the first period the cap binds is the only row needed; the elastic
 * model needs one row a period, each with its own slack (units above the
 * cap then, part of V).
 */
static void add_cap_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	const struct scenario *s = in->scenario;
	int np = in->n_periods;
	for (size_t r = 0; r < s->n_caps; r++) {
		const struct share_cap_rule *c = &s->caps[r];
		int from = instance_cap_from(in, c);
		if (from >= np)
			continue;
		double *h = xcalloc(in->n_groups + 1, sizeof(double));
		int to = m->mode == MODEL_HARD ? from : np - 1;
		/* Broken before the re-plan (hard model): a row with its slack
		 * in V_b at every period end from replan_from on. */
		bool broken = m->mode == MODEL_HARD && in->history &&
			      in->history->cap_broken[r];
		if (broken) {
			from = from > in->replan_p ? from : in->replan_p;
			to = np - 1;
		}
		for (int k = from; k <= to; k++) {
			double total;
			double hr = instance_cap_scope(in, c, k, h, &total);
			double need = hr - c->max_share * total;
			if (need <= 1e-9)
				continue;
			int row = add_row(b, GLP_LO, need, 0);
			for (uint32_t g = 0; g < in->n_groups; g++) {
				if (!h[g])
					continue;
				for (uint32_t j = m->group_first[g];
				     j < m->group_first[g + 1]; j++)
					if (m->cols[j].period <= k)
						add_coef(b, row, (int)j, h[g]);
			}
			if (m->mode == MODEL_ELASTIC || broken) {
				int e = add_col(b, UINT32_MAX, -1, -1);
				m->obj[MODEL_OBJ_VIOLATION][e] =
					1.0 / in->periods_per_year;
				add_coef(b, row, e, 1);
			}
		}
		free(h);
	}
}

/* Rule 5, trusted vendor share: swaps only add units, so within a
 * stretch in which no site enters service the stretch's last period is
 * the only one to check (without growth: the end of the horizon): units
 * gained by then <= room then. */
static void add_vendor_share_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	for (size_t v = 0; v < in->n_vendors; v++)
		for (uint32_t d = 0; d < in->n_domains; d++)
			for (size_t e = 0; e < b->n_ends; e++) {
				double cap =
					b->room[(v * in->n_domains + d) * b->n_ends + e];
				if (!isfinite(cap))
					continue;
				int row = 0;
				for (int j = 1; j <= m->n_x; j++) {
					const struct model_col *c = &m->cols[j];
					if ((size_t)c->vendor != v ||
					    c->period > b->ends[e])
						continue;
					int64_t u = part_units_in(
						in, &in->groups[c->group], d);
					if (!u)
						continue;
					if (!row)
						row = add_row(b, GLP_UP, 0, cap);
					add_coef(b, row, j, (double)u);
				}
			}
}

/* Rules 6 and 7: vendor capacity and crews, per year (summing the
 * year's periods) and per period key. */
static void add_capacity_and_crew_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	const struct scenario *s = in->scenario;
	size_t ny = (size_t)in->n_years, np = (size_t)in->n_periods;
	int ppy = in->periods_per_year;
	size_t nr = in->n_regions;
	int *cap_row = xcalloc(in->n_vendors * ny + 1, sizeof(int));
	int *crew_row = xcalloc(nr * ny + 1, sizeof(int));
	int *cap_prow = xcalloc(in->n_vendors * np + 1, sizeof(int));
	int *crew_prow = xcalloc(nr * np + 1, sizeof(int));
	for (size_t v = 0; v < in->n_vendors; v++)
		for (size_t k = 0; k < ny; k++) {
			double cap = s->vendors[v].capacity ? s->vendors[v].capacity[k]
							    : INFINITY;
			if (isfinite(cap))
				cap_row[v * ny + k] = add_row(b, GLP_UP, 0, cap);
		}
	for (uint32_t r = 0; r < nr; r++)
		for (size_t k = 0; k < ny; k++) {
			double crews = scenario_crews(s, s->regions.names[r], (int)k);
			if (isfinite(crews))
				crew_row[r * ny + k] = add_row(b, GLP_UP, 0, crews);
		}
	for (size_t v = 0; v < in->n_vendors; v++)
		for (size_t p = 0; p < np; p++) {
			double cap = s->vendors[v].capacity_period
					     ? s->vendors[v].capacity_period[p]
					     : INFINITY;
			if (isfinite(cap))
				cap_prow[v * np + p] = add_row(b, GLP_UP, 0, cap);
		}
	for (uint32_t r = 0; r < nr; r++)
		for (size_t p = 0; p < np; p++) {
			double crews =
				scenario_crews_period(s, s->regions.names[r], (int)p);
			if (isfinite(crews))
				crew_prow[r * np + p] = add_row(b, GLP_UP, 0, crews);
		}
	/* A group's parts are per (domain, region): sum its sites per region
	 * first, so that no (row, column) pair reaches GLPK twice. */
	double *sites_in = xcalloc(nr + 1, sizeof(double));
	for (int j = 1; j <= m->n_x; j++) {
		const struct model_col *c = &m->cols[j];
		const struct group *g = &in->groups[c->group];
		size_t p = (size_t)c->period, y = p / (size_t)ppy;
		size_t v = (size_t)c->vendor;
		if (cap_row[v * ny + y])
			add_coef(b, cap_row[v * ny + y], j, (double)g->units);
		if (cap_prow[v * np + p])
			add_coef(b, cap_prow[v * np + p], j, (double)g->units);
		for (uint32_t q = g->first_part; q < g->first_part + g->n_parts; q++)
			sites_in[in->parts[q].region] += in->parts[q].sites;
		for (uint32_t q = g->first_part; q < g->first_part + g->n_parts; q++) {
			uint32_t r = in->parts[q].region;
			if (sites_in[r] && crew_row[r * ny + y])
				add_coef(b, crew_row[r * ny + y], j, sites_in[r]);
			if (sites_in[r] && crew_prow[r * np + p])
				add_coef(b, crew_prow[r * np + p], j, sites_in[r]);
			sites_in[r] = 0;
		}
	}
	free(sites_in);
	free(cap_row);
	free(crew_row);
	free(cap_prow);
	free(crew_prow);
}

/* The first and last period of group g's x columns; false when it has
 * none. Its columns are ordered by period. */
static bool group_periods(const struct model *m, uint32_t g, int *first, int *last)
{
	uint32_t a = m->group_first[g], z = m->group_first[g + 1];
	if (a == z)
		return false;
	*first = m->cols[a].period;
	*last = m->cols[z - 1].period;
	return true;
}

/*
 * Rule 8 in the plain formulation (the exported model): for every period
 * k, swapped_by(f, k) - swapped_by(t, k) <= 0, each side summed from the
 * x columns. A dependency costs O(periods^2 x vendors) coefficients.
 */
static void add_plain_dependency_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	for (size_t i = 0; i < in->n_deps; i++) {
		uint32_t f = in->deps[i].from, t = in->deps[i].to;
		for (int k = 0; k < in->n_periods; k++) {
			bool any = false;
			for (uint32_t j = m->group_first[f]; j < m->group_first[f + 1];
			     j++)
				any |= m->cols[j].period <= k;
			if (!any)
				continue;
			int row = add_row(b, GLP_UP, 0, 0);
			for (uint32_t j = m->group_first[f]; j < m->group_first[f + 1];
			     j++)
				if (m->cols[j].period <= k)
					add_coef(b, row, (int)j, 1);
			for (uint32_t j = m->group_first[t]; j < m->group_first[t + 1];
			     j++)
				if (m->cols[j].period <= k)
					add_coef(b, row, (int)j, -1);
		}
	}
}

/*
 * Rule 8 in the model phaseout solves: the same rows over a chain of
 * continuous columns s[g,k] = swapped_by(g, k), one per period of each
 * group in a dependency (s[g,k] - s[g,k-1] - x[g,.,k] = 0), so that a
 * dependency row has two coefficients. The plain rows of a monthly
 * network with 1,600 dependencies held 20 million coefficients, more
 * than GLPK could scale within a minute; the chain holds a few hundred
 * thousand. The LP relaxation is the same (s is a name for a sum).
 * Used with periods finer than a year only.
 * A row is needed only in a period in which f has a column: elsewhere
 * swapped_by(f) stands still while swapped_by(t) can only grow, so the
 * row of the period before implies it.
 */
static void add_chained_dependency_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	/* chain[g]: the column of s[g, first period of g], 0 none; the
	 * group's later periods follow it in order. */
	uint32_t *chain = xcalloc(in->n_groups + 1, sizeof(uint32_t));
	/* starts[k]: the block starts before k, so that a chain's column of
	 * period k (a block start) is chain[g] + starts[k] - starts[first]. */
	int *starts = xmalloc(((size_t)in->n_periods + 1) * sizeof(int));
	for (int k = 0, n = 0; k < in->n_periods; k++) {
		starts[k] = n;
		n += m->block_start[k] == k;
	}
	for (size_t i = 0; i < in->n_deps; i++) {
		uint32_t ends[2] = {in->deps[i].from, in->deps[i].to};
		for (int e = 0; e < 2; e++) {
			uint32_t g = ends[e];
			int first, last;
			if (chain[g] || !group_periods(m, g, &first, &last))
				continue;
			uint32_t j = m->group_first[g];
			for (int k = first; k <= last; k++) {
				if (m->block_start[k] != k)
					continue;
				int s = add_col(b, g, -1, k);
				if (k == first)
					chain[g] = (uint32_t)s;
				int row = add_row(b, GLP_FX, 0, 0);
				add_coef(b, row, s, 1);
				if (k > first)
					add_coef(b, row, s - 1, -1);
				for (;
				     j < m->group_first[g + 1] && m->cols[j].period == k;
				     j++)
					add_coef(b, row, (int)j, -1);
			}
		}
	}
	for (size_t i = 0; i < in->n_deps; i++) {
		uint32_t f = in->deps[i].from, t = in->deps[i].to;
		int f_first, f_last, t_first = 0, t_last = -1;
		if (!group_periods(m, f, &f_first, &f_last))
			continue;
		bool t_any = group_periods(m, t, &t_first, &t_last);
		int prev = -1;
		for (uint32_t j = m->group_first[f]; j < m->group_first[f + 1]; j++) {
			int k = m->cols[j].period;
			if (k == prev)
				continue;
			prev = k;
			int row = add_row(b, GLP_UP, 0, 0);
			add_coef(b, row, (int)chain[f] + (starts[k] - starts[f_first]),
				 1);
			if (t_any && k >= t_first) {
				int q = k < t_last ? k : t_last;
				add_coef(b, row,
					 (int)chain[t] + (starts[q] - starts[t_first]),
					 -1);
			}
		}
	}
	free(starts);
	free(chain);
}

/* Where fixed swaps alone exceed a limit, the planner adds nothing
 * there (model-2.md rule 6): the row's bound becomes their sum. Not the
 * dependencies' rows nor the funds'. */
static void raise_for_fixed(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	bool *fixed_col = xcalloc((size_t)m->n_cols + 1, sizeof(bool));
	for (int j = 1; j <= m->n_x; j++)
		fixed_col[j] = in->groups[m->cols[j].group].fixed_p >= 0;
	bool *skip = xcalloc(b->n_rows + 1, sizeof(bool));
	for (size_t i = b->dep_rows_from; i <= b->n_rows; i++)
		skip[i] = true;
	/* A fund's rows are not limits: a fixed swap after D_f(k-1) needs
	 * extension k (model-2.md rule 8 counts every eligible site's
	 * swap, the ledger's too), and the ledger's payments have their own
	 * room in the cumulative rows (model_funds.c). */
	for (size_t i = b->funds_rows_from; i <= b->funds_rows_to; i++)
		skip[i] = true;
	/* The budget rows count own spend: fixed_budget_bounds() raised them. */
	for (int k = 0; k < in->n_years; k++)
		skip[m->budget_row[k]] = true;
	for (int p = 0; p < in->n_periods; p++)
		skip[b->period_row[p]] = true;
	model_history_raise(b->n_rows, b->row_type, b->row_ub, skip, b->nnz, b->ia, b->ja,
			    b->ar, fixed_col);
	free(skip);
	free(fixed_col);
}

static void load_into_glpk(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	glp_prob *lp = m->lp;
	m->n_rows = (int)b->n_rows;
	if (m->n_rows)
		glp_add_rows(lp, m->n_rows);
	if (m->n_cols)
		glp_add_cols(lp, m->n_cols);
	for (int i = 1; i <= m->n_rows; i++)
		glp_set_row_bnds(lp, i, b->row_type[i], b->row_lb[i], b->row_ub[i]);
	for (int j = 1; j <= m->n_cols; j++) {
		const struct model_col *c = &m->cols[j];
		if (j > m->n_x && model_funds_col_bounds(m, j))
			continue;
		if (j > m->n_x && c->period >= 0) {
			/* a swapped-by column of a dependency chain */
			uint32_t mult = in->groups[c->group].multiplicity;
			glp_set_col_bnds(lp, j, GLP_DB, 0, mult);
			continue;
		}
		if (j > m->n_x) {
			glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
			continue;
		}
		uint32_t mult = in->groups[c->group].multiplicity;
		if (mult == 1) {
			glp_set_col_kind(lp, j, GLP_BV);
		} else {
			glp_set_col_kind(lp, j, GLP_IV);
			glp_set_col_bnds(lp, j, GLP_DB, 0, mult);
		}
		m->n_int_cols++;
	}
	for (int k = 0; k < in->n_years; k++)
		if (b->carry_col[k] && b->carry_floor[k] < 0)
			glp_set_col_bnds(lp, b->carry_col[k], GLP_LO,
					 model_money(m, b->carry_floor[k]), 0);
	if (b->nnz)
		glp_load_matrix(lp, (int)b->nnz, b->ia, b->ja, b->ar);
}

int model_objective_order(const struct model *m,
			  enum model_objective order[MODEL_MAX_STAGES])
{
	int n = 0;
	enum objective_kind kind = m->in->scenario->objective;
	if (m->mode == MODEL_ELASTIC || model_history_has_vb(m->in))
		order[n++] = MODEL_OBJ_VIOLATION;
	if (m->n_exts)
		order[n++] = MODEL_OBJ_EXTENSIONS;
	order[n++] = kind == OBJECTIVE_COST       ? MODEL_OBJ_COST
		     : kind == OBJECTIVE_OWN_COST ? MODEL_OBJ_OWN_COST
						  : MODEL_OBJ_EXPOSURE;
	if (m->in->baseline)
		order[n++] = MODEL_OBJ_MOVES;
	order[n++] = kind == OBJECTIVE_EXPOSURE ? MODEL_OBJ_COST : MODEL_OBJ_EXPOSURE;
	/* Last, the payments with the swaps fixed: for "exposure" and
	 * "cost" the own spend was never minimised; for "own_cost" the
	 * second stage may have spent the first stage's tolerance. */
	if (m->n_pays)
		order[n++] = MODEL_OBJ_PAYMENTS;
	return n;
}

void model_first_from_replan(const struct model *m, enum model_objective first,
			     double *coef, double *constant)
{
	memcpy(coef, m->obj[first], ((size_t)m->n_cols + 1) * sizeof(double));
	*constant = m->obj_const[first];
	const struct instance *in = m->in;
	int rp = in->replan_p, np = in->n_periods;
	if (rp <= 0)
		return; /* no re-plan: z_r = z */
	/* E from replan_from on: a member swapped in k is in place at the
	 * ends of max(k, rp) - rp periods from rp; the present cost of the
	 * swaps from rp on, committed ones included. */
	double per_year = in->periods_per_year;
	if (first == MODEL_OBJ_EXPOSURE) {
		*constant = 0;
		for (size_t g = 0; g < in->n_groups; g++)
			*constant += in->groups[g].weight * in->groups[g].multiplicity *
				     ((double)(np - rp) / per_year);
	}
	for (int j = 1; j <= m->n_x; j++) {
		const struct model_col *c = &m->cols[j];
		const struct group *gr = &in->groups[c->group];
		int k = c->period;
		if (first == MODEL_OBJ_EXPOSURE)
			coef[j] = -gr->weight *
				  ((double)(np - (k > rp ? k : rp)) / per_year);
		else if (k < rp)
			coef[j] = 0;
	}
}

static void set_objective(struct model *m, enum model_objective o)
{
	glp_set_obj_dir(m->lp, GLP_MIN);
	glp_set_obj_coef(m->lp, 0, m->obj_const[o]);
	for (int j = 1; j <= m->n_cols; j++)
		glp_set_obj_coef(m->lp, j, m->obj[o][j]);
}

static struct model *build(const struct instance *in, enum model_mode mode,
			   bool scaled_money)
{
	struct model *m = xcalloc(1, sizeof(*m));
	m->in = in;
	m->mode = mode;
	m->scaled_money = scaled_money;
	/* GLPK writes to stdout unless told otherwise; ours must stay clean. */
	glp_term_out(GLP_OFF);
	m->lp = glp_create_prob();

	struct builder b = {.m = m, .in = in};
	vendor_room(&b);
	model_blocks_find(&b);
	add_x_columns(&b);
	add_once_rows(&b);
	add_budget_rows(&b);
	b.funds_rows_from = b.n_rows + 1;
	model_funds_build(&b);
	b.funds_rows_to = b.n_rows;
	add_cap_rows(&b);
	add_vendor_share_rows(&b);
	add_capacity_and_crew_rows(&b);
	/* In years the plain rows are few, and version 1 plans keep their
	 * model (and so their search path and bytes). */
	b.dep_rows_from = b.n_rows + 1;
	if (scaled_money && in->periods_per_year > 1)
		add_chained_dependency_rows(&b);
	else
		add_plain_dependency_rows(&b);
	if (in->history)
		raise_for_fixed(&b);
	load_into_glpk(&b);
	enum model_objective order[MODEL_MAX_STAGES];
	model_objective_order(m, order);
	set_objective(m, order[0]);

	free(b.ends);
	free(b.room);
	free(b.ia);
	free(b.ja);
	free(b.ar);
	free(b.row_type);
	free(b.row_lb);
	free(b.row_ub);
	free(b.carry_col);
	free(b.carry_floor);
	free(b.period_row);
	return m;
}

struct model *model_create(const struct instance *in, enum model_mode mode)
{
	return build(in, mode, true);
}

struct model *model_create_for_export(const struct instance *in, enum model_mode mode)
{
	return build(in, mode, false);
}

void model_destroy(struct model *m)
{
	if (!m)
		return;
	if (m->lp)
		glp_delete_prob(m->lp);
	free(m->cols);
	free(m->group_first);
	free(m->budget_row);
	free(m->prefix_row);
	free(m->prefix_from);
	free(m->must_go);
	free(m->block_start);
	model_funds_free(m);
	for (int o = 0; o < MODEL_N_OBJ; o++)
		free(m->obj[o]);
	free(m);
}

int model_rows(const struct model *m)
{
	return m->n_rows;
}

int model_cols(const struct model *m)
{
	return m->n_cols;
}

int model_int_cols(const struct model *m)
{
	return m->n_int_cols;
}

/* Names are made of indices and years only, never of user text: GLPK
 * aborts on names over 255 characters or with control characters. */
static void name_everything(struct model *m)
{
	const struct scenario *s = m->in->scenario;
	char name[64];
	glp_set_prob_name(m->lp, "phaseout");
	glp_set_obj_name(m->lp, "objective");
	for (int j = 1; j <= m->n_cols; j++) {
		const struct model_col *c = &m->cols[j];
		if (j <= m->n_x && s->periods_per_year == 1)
			snprintf(name, sizeof(name), "x_g%u_v%d_y%d", (unsigned)c->group,
				 c->vendor, s->start + c->period);
		else if (j <= m->n_x)
			snprintf(name, sizeof(name), "x_g%u_v%d_p%d", (unsigned)c->group,
				 c->vendor, c->period);
		else
			snprintf(name, sizeof(name), "aux%d", j - m->n_x);
		glp_set_col_name(m->lp, j, name);
	}
	for (int i = 1; i <= m->n_rows; i++) {
		snprintf(name, sizeof(name), "r%d", i);
		glp_set_row_name(m->lp, i, name);
	}
}

/* errno is whatever GLPK's failed write left, 0 when it left nothing. */
bool model_write_lp(struct model *m, const char *path)
{
	name_everything(m);
	errno = 0;
	return glp_write_lp(m->lp, NULL, path) == 0;
}

bool model_write_mps(struct model *m, const char *path)
{
	name_everything(m);
	errno = 0;
	return glp_write_mps(m->lp, GLP_MPS_FILE, NULL, path) == 0;
}
