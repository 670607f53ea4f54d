#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "output/report_totals.h"
#include "plan/plan.h"
#include "plan/plan_totals.h"
#include "util/money.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * plan_totals and totals.csv on a plan made by hand with plan_create():
 * 2024-2026, costs up 10% a year, discounted 5%, Ericsson at 10.005 a ran
 * unit (so cells round), Nokia at 12. A (north, 3 units) goes to Ericsson
 * in 2024, B (north, 1) to Nokia in 2024, C (East, 2) to Ericsson in
 * 2025; D (north, 1) stays. Every expected total is summed here from the
 * plan's own rounded rows, as a finance team sums plan.csv.
 */
static struct scenario *four_sites(void)
{
	struct scenario *s = make_scenario(2024, 2026);
	s->discount_rate = 0.05;
	s->cost_escalation = 0.10;
	add_vendor(s, "Ericsson", "ran", 10.005, INFINITY);
	add_vendor(s, "Nokia", "ran", 12, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 3, 0, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "C", "East", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "D", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	return s;
}

static const struct site_decision decisions[] = {
	{2, 1, 0}, /* C in 2025, Ericsson */
	{0, 0, 0}, /* A in 2024, Ericsson */
	{1, 0, 1}, /* B in 2024, Nokia */
};

struct fixture {
	struct scenario *s;
	struct plan *p;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	fx->s = four_sites();
	fx->p = plan_create(fx->s, decisions, sizeof(decisions) / sizeof(decisions[0]),
			    1.0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	plan_destroy(fx->p);
	scenario_destroy(fx->s);
	free(fx);
	return 0;
}

static const struct plan_site *site_of(const struct plan *p, const char *id)
{
	for (size_t i = 0; i < p->n_sites; i++)
		if (strcmp(p->scenario->sites[p->sites[i].site].id, id) == 0)
			return &p->sites[i];
	fail_msg("no site %s in the plan", id);
	return NULL;
}

static int vendor_of(const struct scenario *s, const char *name)
{
	for (size_t i = 0; i < s->n_vendors; i++)
		if (strcmp(s->vendors[i].name, name) == 0)
			return (int)i;
	fail_msg("no vendor %s", name);
	return -1;
}

/* One expected row: the sites named (swapped or not) summed here. */
static void assert_row(const struct plan *p, const struct totals_row *r, int year,
		       const char *vendor, const char *const *ids)
{
	int64_t sites = 0, units = 0, nominal = 0, present = 0;
	for (size_t i = 0; ids[i]; i++) {
		const struct plan_site *ps = site_of(p, ids[i]);
		sites++;
		units += p->scenario->sites[ps->site].units;
		nominal += ps->total_cents;
		present += ps->present_cents;
	}
	assert_int_equal(r->year, year);
	assert_int_equal(r->vendor, vendor ? vendor_of(p->scenario, vendor) : -1);
	assert_int_equal(r->swapped, year != 0);
	assert_int_equal(r->sites, sites);
	assert_int_equal(r->units, units);
	assert_int_equal(r->nominal_cents, nominal);
	assert_int_equal(r->present_cents, present);
}

static void plan_totals_should_sum_the_rounded_rows_by_year_and_vendor(void **state)
{
	struct fixture *fx = *state;
	const struct plan *p = fx->p;
	/* The cells do round: 3 x 10.005 = 30.015 -> 30.02 (30.01 in binary
	 * would do too), so the sums are of cells, not of exact costs. */
	assert_true(site_of(p, "A")->total_cents > 0);
	struct plan_totals *t = plan_totals_create(p, TOTALS_YEAR | TOTALS_VENDOR);
	assert_int_equal(t->n, 4);
	assert_row(p, &t->rows[0], 2024, "Ericsson", (const char *const[]){"A", NULL});
	assert_row(p, &t->rows[1], 2024, "Nokia", (const char *const[]){"B", NULL});
	assert_row(p, &t->rows[2], 2025, "Ericsson", (const char *const[]){"C", NULL});
	assert_row(p, &t->rows[3], 0, NULL, (const char *const[]){"D", NULL});
	assert_int_equal(t->rows[3].nominal_cents, 0);
	/* Keys not chosen are unset: no period, region or domain. */
	for (size_t i = 0; i < t->n; i++) {
		assert_int_equal(t->rows[i].region, -1);
		assert_int_equal(t->rows[i].domain, -1);
		assert_int_equal(t->rows[i].period, -1);
	}
	plan_totals_destroy(t);

	/* By period: yearly periods, so the index is year - start. */
	t = plan_totals_create(p, TOTALS_PERIOD);
	assert_int_equal(t->n, 3);
	assert_int_equal(t->rows[0].period, 0);
	assert_int_equal(t->rows[0].year, 2024);
	assert_int_equal(t->rows[1].period, 1);
	assert_int_equal(t->rows[2].period, -1);
	assert_int_equal(t->rows[2].year, 0);
	plan_totals_destroy(t);
}

static void
plan_totals_should_merge_sites_of_one_year_and_sort_names_bytewise(void **state)
{
	struct fixture *fx = *state;
	const struct plan *p = fx->p;
	struct plan_totals *t = plan_totals_create(p, TOTALS_YEAR | TOTALS_REGION);
	/* 2024 north (A and B, two vendors merged), 2025 East, then D. */
	assert_int_equal(t->n, 3);
	assert_row(p, &t->rows[0], 2024, NULL, (const char *const[]){"A", "B", NULL});
	assert_string_equal(fx->s->regions.names[t->rows[0].region], "north");
	assert_row(p, &t->rows[1], 2025, NULL, (const char *const[]){"C", NULL});
	assert_string_equal(fx->s->regions.names[t->rows[1].region], "East");
	assert_row(p, &t->rows[2], 0, NULL, (const char *const[]){"D", NULL});
	plan_totals_destroy(t);

	/* Region before vendor within a year: "East" < "north" bytewise. */
	t = plan_totals_create(p, TOTALS_REGION | TOTALS_VENDOR);
	assert_int_equal(t->n, 4);
	assert_string_equal(fx->s->regions.names[t->rows[0].region], "East");
	assert_string_equal(fx->s->regions.names[t->rows[1].region], "north");
	assert_int_equal(t->rows[1].vendor, vendor_of(fx->s, "Ericsson"));
	assert_int_equal(t->rows[2].vendor, vendor_of(fx->s, "Nokia"));
	assert_int_equal(t->rows[3].swapped, 0);
	plan_totals_destroy(t);
}

static void plan_totals_should_give_the_plan_totals_as_grand_totals(void **state)
{
	struct fixture *fx = *state;
	const struct plan *p = fx->p;
	struct plan_totals *t = plan_totals_create(p, 0);
	assert_int_equal(t->all.sites, p->hr_sites_total);
	assert_int_equal(t->all.units, p->hr_units_total);
	assert_int_equal(t->all.nominal_cents, p->nominal_cents);
	assert_int_equal(t->all.present_cents, p->present_cents);
	assert_int_equal(t->swapped.sites, 3);
	assert_int_equal(t->swapped.units, 6);
	assert_int_equal(t->swapped.nominal_cents, p->nominal_cents);
	/* No keys: one swapped row and one unswapped row. */
	assert_int_equal(t->n, 2);
	plan_totals_destroy(t);
}

static char *capture_totals(const struct plan *p)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_true(report_totals_csv(p, f));
	fclose(f);
	return text;
}

static void report_totals_csv_should_write_one_row_per_combination(void **state)
{
	struct fixture *fx = *state;
	const struct plan *p = fx->p;
	char *text = capture_totals(p);
	char want[1024], a[MONEY_BUF], b[MONEY_BUF];
	int n = snprintf(want, sizeof(want), "%s",
			 "year,region,domain,to_vendor,sites,units,nominal_cost,present_"
			 "value\r\n");
	static const struct {
		const char *id, *line;
	} rows[] = {
		{"C", "2025,East,ran,Ericsson,1,2"},
		{"A", "2024,north,ran,Ericsson,1,3"},
		{"B", "2024,north,ran,Nokia,1,1"},
	};
	/* 2024's rows first (by year), then 2025's East. */
	const size_t order[] = {1, 2, 0};
	for (size_t k = 0; k < 3; k++) {
		const struct plan_site *ps = site_of(p, rows[order[k]].id);
		money_format(a, sizeof(a), ps->total_cents);
		money_format(b, sizeof(b), ps->present_cents);
		n += snprintf(want + n, sizeof(want) - (size_t)n, "%s,%s,%s\r\n",
			      rows[order[k]].line, a, b);
	}
	snprintf(want + n, sizeof(want) - (size_t)n, ",north,ran,,1,1,0.00,0.00\r\n");
	assert_string_equal(text, want);
	free(text);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(plan_totals_should_sum_the_rounded_rows_by_year_and_vendor),
		T(plan_totals_should_merge_sites_of_one_year_and_sort_names_bytewise),
		T(plan_totals_should_give_the_plan_totals_as_grand_totals),
		T(report_totals_csv_should_write_one_row_per_combination),
	};
#undef T
	return cmocka_run_group_tests_name("plan_totals", tests, NULL, NULL);
}
