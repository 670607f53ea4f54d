#include "plan/sweep_row.h"

#include <math.h>
#include <string.h>

void sweep_row_of(const struct plan *p, double scale, struct sweep_row *row)
{
	const struct scenario *s = p->scenario;
	memset(row, 0, sizeof(*row));
	row->budget_scale = scale;
	row->total_budget = 0;
	for (int y = 0; y < s->n_years; y++) /* INFINITY if any is */
		row->total_budget += s->budget && isfinite(s->budget[y])
					     ? s->budget[y] * p->budget_scale
					     : INFINITY;
	row->status = p->status;
	row->exposure = p->exposure;
	row->present_cost = p->present_cost;
	row->nominal_cost = p->nominal_cost;
	row->completion_year = p->completion_year;
	row->completion_period = p->completion_period;
	row->hr_units_remaining = p->hr_units_left;
	for (size_t i = 0; i < p->n_rules; i++)
		if (p->rules[i].kind == RULE_DEADLINE) {
			row->deadlines_total++;
			row->deadlines_met += p->rules[i].holds;
		}
	row->gap = p->gap;
	row->violation = p->violation;
	row->stopped_by = p->stopped_by;
	row->bound = p->bound;
	row->plan_from_scale = NAN;
}

double sweep_total_budget(const struct scenario *s, double scale)
{
	double total = 0;
	for (int y = 0; y < s->n_years; y++)
		total += s->budget && isfinite(s->budget[y]) ? s->budget[y] * scale
							     : INFINITY;
	return total;
}

bool sweep_row_cut_short(const struct sweep_row *row)
{
	return row->stopped_by != PLAN_STOP_NONE;
}
