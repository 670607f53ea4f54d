#include "solver/model_history.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>

#include "solver/model_funds.h"
#include "util/xalloc.h"

bool model_history_has_vb(const struct instance *in)
{
	return in->history && in->history->any_broken;
}

double model_history_vb(const struct instance *in, size_t g, int p)
{
	const struct group *gr = &in->groups[g];
	const struct scenario *s = in->scenario;
	uint32_t n = gr->multiplicity == 1 ? gr->n_sites : 1;
	double v = 0;
	for (uint32_t k = 0; k < n; k++)
		v += history_site_vb(in->history,
				     &s->sites[in->group_sites[gr->first_site + k]], p);
	return v;
}

void model_history_fixed_spend(const struct instance *in, double *period, double *year)
{
	model_funds_fixed_own(in, period);
	for (int y = 0; y < in->n_years; y++)
		year[y] = 0;
	for (int p = 0; p < in->n_periods; p++)
		year[p / in->periods_per_year] += period[p];
}

bool model_history_past_year(const struct instance *in, int y)
{
	return (y + 1) * in->periods_per_year <= in->replan_p;
}

void model_history_raise(size_t n_rows, const int *row_type, double *row_ub,
			 const bool *skip, size_t nnz, const int *ia, const int *ja,
			 const double *ar, const bool *fixed_col)
{
	double *sum = xcalloc(n_rows + 1, sizeof(double));
	for (size_t k = 1; k <= nnz; k++)
		if (fixed_col[ja[k]])
			sum[ia[k]] += ar[k];
	for (size_t i = 1; i <= n_rows; i++)
		if (row_type[i] == GLP_UP && !skip[i] && sum[i] > row_ub[i])
			row_ub[i] = sum[i];
	free(sum);
}
