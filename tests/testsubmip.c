#include "testutil.h"

#include "testsubmip.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "solver/model_impl.h"
#include "util/xalloc.h"

#include "testscenario.h"

int sub_mip_no_limit(void *ctx)
{
	(void)ctx;
	return INT_MAX;
}

int sub_mip_out_of_time(void *ctx)
{
	(void)ctx;
	return 0;
}

int sub_mip_fixture_col(const struct model *m, uint32_t g, int y)
{
	for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
		if (m->cols[j].period == y)
			return (int)j;
	fail_msg("no column of group %u in year index %d", g, y);
	return 0;
}

void sub_mip_fixture_setup(struct sub_mip_fixture *f, int year_a)
{
	f->s = make_three_sites();
	f->in = make_instance(f->s, 1.0, true);
	f->m = model_create(f->in, MODEL_HARD);
	struct model *m = f->m;
	/* no helper columns: one x column per group and year */
	assert_int_equal(m->n_cols, m->n_x);
	assert_int_equal(m->n_x, 8); /* C, due by 2025, has none in 2026 */
	glp_set_obj_coef(m->lp, 0, m->obj_const[MODEL_OBJ_EXPOSURE]);
	for (int j = 1; j <= m->n_cols; j++)
		glp_set_obj_coef(m->lp, j, m->obj[MODEL_OBJ_EXPOSURE][j]);
	f->x = xcalloc((size_t)m->n_cols + 1, sizeof(double));
	f->x[sub_mip_fixture_col(m, 0, year_a)] = 1;
	f->x[sub_mip_fixture_col(m, 1, 0)] = 1;
	f->x[sub_mip_fixture_col(m, 2, 0)] = 1;
}

void sub_mip_fixture_teardown(struct sub_mip_fixture *f)
{
	free(f->x);
	model_destroy(f->m);
	instance_destroy(f->in);
	scenario_destroy(f->s);
}

double sub_mip_fixture_exposure(const struct sub_mip_fixture *f)
{
	double z = f->m->obj_const[MODEL_OBJ_EXPOSURE];
	for (int j = 1; j <= f->m->n_cols; j++)
		z += f->m->obj[MODEL_OBJ_EXPOSURE][j] * f->x[j];
	return z;
}

void sub_mip_fixture_assert_best(const struct sub_mip_fixture *f)
{
	assert_double_near(sub_mip_fixture_exposure(f), 1, 1e-9);
	assert_double_near(f->x[sub_mip_fixture_col(f->m, 0, 0)], 1, 1e-9);
	assert_double_near(f->x[sub_mip_fixture_col(f->m, 1, 0)] +
				   f->x[sub_mip_fixture_col(f->m, 2, 0)],
			   1, 1e-9);
	double sum = 0;
	for (int j = 1; j <= f->m->n_x; j++) {
		assert_double_near(f->x[j], round(f->x[j]), 1e-9);
		sum += f->x[j];
	}
	assert_double_near(sum, 3, 1e-9);
}
