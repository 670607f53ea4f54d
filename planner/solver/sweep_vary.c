#include "solver/sweep_vary.h"

/* Index i of an axis of n points taken in loosening order as the
 * ii-th: backwards when smaller values loosen. */
static size_t in_order(size_t ii, size_t n, int d)
{
	return d < 0 ? n - 1 - ii : ii;
}

/* Offer point k the own plan of point c; take it when better. */
static void offer_one(const struct sweep_vary_grid *g, struct sweep_point *pts,
		      size_t *origin, size_t k, size_t c, const struct sweep_row *own)
{
	const struct sweep_point *lender = &pts[c];
	if (!lender->decisions)
		return;
	struct plan *p = plan_create(g->ss[k], lender->decisions, lender->n_decisions,
				     g->scales[k]);
	struct sweep_row row;
	sweep_row_of(p, g->scales[k], &row);
	if (sweep_plan_keeps_rules(p) && sweep_row_better(g->ss[k], &row, &pts[k].row)) {
		sweep_row_borrowed(&row, own, plan_first_objective(p));
		row.plan_from_scale = g->xs[c];
		pts[k].row = row;
		origin[k] = c;
	}
	plan_destroy(p);
}

void sweep_vary_offer(const struct sweep_vary_grid *g, struct sweep_point *pts,
		      size_t *origin)
{
	size_t nx = g->nx, ny = g->ny;
	for (size_t k = 0; k < nx * ny; k++)
		origin[k] = k;
	for (size_t jj = 0; jj < ny; jj++) {
		size_t j = in_order(jj, ny, g->dy);
		for (size_t ii = 0; ii < nx; ii++) {
			size_t i = in_order(ii, nx, g->dx);
			size_t k = j * nx + i;
			/* The final plans of the one-step-back neighbours;
			 * each holds the best of the points behind it. */
			size_t from_x = k, from_y = k;
			if (g->dx && ii > 0)
				from_x = origin[j * nx + (g->dx < 0 ? i + 1 : i - 1)];
			if (g->dy && jj > 0)
				from_y = origin[(g->dy < 0 ? j + 1 : j - 1) * nx + i];
			const struct sweep_row own = pts[k].row;
			if (from_x != k)
				offer_one(g, pts, origin, k, from_x, &own);
			if (from_y != k && from_y != from_x)
				offer_one(g, pts, origin, k, from_y, &own);
		}
	}
}
