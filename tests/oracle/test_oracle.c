/*
 * test_oracle: the oracle's version 2 rules on scenarios whose version 2
 * fields are set by hand (the tiny version 1 scenarios of tests/data/tiny,
 * cut into periods, dated and restricted here), each figure computed by
 * hand; and the oracle's calendar against the loader's derived periods on
 * every day of five years, for every kind of period.
 */
#define _GNU_SOURCE /* open_memstream */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../testutil.h"
#include "input/load.h"
#include "oracle.h"
#include "util/diag.h"
#include "util/xalloc.h"

static struct scenario *load_tiny(const char *name)
{
	char *path = xasprintf("%s/tiny/%s/scenario.json", TEST_DATA_DIR, name);
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(path, &d);
	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	diag_finish(&d);
	free(path);
	return s;
}

/* Cut the loaded scenario into 'per_year' periods a year, as a version 2
 * file with "periods" would be, and derive the periods again. */
static void set_periods(struct scenario *s, int per_year)
{
	s->format_version = 2;
	s->periods_per_year = per_year;
	free(s->budget_period);
	s->budget_period = NULL;
	free(s->crews_default_period);
	s->crews_default_period = NULL;
	for (size_t i = 0; i < s->n_crews_regions; i++) {
		free(s->crews_regions[i].per_period);
		s->crews_regions[i].per_period = NULL;
	}
	for (size_t v = 0; v < s->n_vendors; v++) {
		free(s->vendors[v].capacity_period);
		s->vendors[v].capacity_period = NULL;
	}
	scenario_finish_periods(s);
}

/* The violation lines of one evaluation, for assertions on their text. */
struct run {
	struct oracle_eval ev;
	char *text;
};

static struct run evaluate(struct oracle *o, const int *period, const int *vendor)
{
	struct run r = {0};
	size_t size;
	FILE *f = open_memstream(&r.text, &size);
	assert_non_null(f);
	oracle_evaluate(o, period, vendor, f, &r.ev);
	fclose(f);
	return r;
}

static void assert_said(const struct run *r, const char *line)
{
	if (!strstr(r->text, line))
		fail_msg("expected '%s' in:\n%s", line, r->text);
}

enum { ERICSSON, NOKIA };

/* bf-basic: H1 (ran, 4 units), H2 (core, 2 units), T1; budget 10,000 a
 * year; Ericsson ran 1,000 a unit, Nokia ran 2,000 and core 5,000. */
static void oracle_should_escalate_and_discount_by_fractional_years(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-basic");
	s->cost_escalation = 0.04;
	s->discount_rate = 0.05;
	s->budget[1] = 20000;
	set_periods(s, 4);
	struct oracle *o = oracle_create(s, 1);
	assert_int_equal(o->n_periods, 8);
	int period[] = {2, 5, ORACLE_UNSWAPPED}, vendor[] = {ERICSSON, NOKIA, -1};
	struct run r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0);
	/* E = 4 units x 2 quarters + 2 units x 5 quarters, in years. */
	assert_double_near(r.ev.exposure, 4 * 0.5 + 2 * 1.25, 1e-12);
	double h1 = 4000 * pow(1.04, 0.5), h2 = 10000 * pow(1.04, 1.25);
	assert_double_near(r.ev.nominal_cost, h1 + h2, 1e-6);
	assert_double_near(r.ev.present_cost,
			   h1 * pow(1.05, -0.5) + h2 * pow(1.05, -1.25), 1e-6);
	assert_int_equal(r.ev.completion_period, 5); /* T1 is no HR site */
	assert_int_equal(r.ev.completion_year, 2026);
	assert_int_equal(oracle_check_derived(o, stderr), 0);
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

static void oracle_should_hold_budget_per_year_and_period_key(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-basic");
	set_periods(s, 2);
	s->budget_period[1] = 3000;
	struct oracle *o = oracle_create(s, 2); /* keys scale too: 6,000 */
	int period[] = {1, 0, ORACLE_UNSWAPPED}, vendor[] = {ERICSSON, NOKIA, -1};
	struct run r = evaluate(o, period, vendor);
	/* 2025: 14,000 against 20,000; 2025-H2: 4,000 against 6,000. */
	assert_int_equal(r.ev.violations, 0);
	free(r.text);
	oracle_destroy(o);

	o = oracle_create(s, 1);
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 2);
	assert_said(&r, "budget: 2025-H2 spends 4000.00, period key 3000.00");
	assert_said(&r, "budget: 2025 spends 14000.00, 10000.00 available");
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

static void oracle_should_carry_over_between_years_not_periods(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-basic");
	set_periods(s, 2);
	int period[] = {2, 3, ORACLE_UNSWAPPED}, vendor[] = {ERICSSON, NOKIA, -1};
	struct oracle *o = oracle_create(s, 1);
	struct run r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "budget: 2026 spends 14000.00, 10000.00 available");
	free(r.text);
	oracle_destroy(o);
	s->carry_over = true; /* 2025 leaves 10,000 to 2026 */
	o = oracle_create(s, 1);
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0);
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

static void oracle_should_bind_dated_and_site_deadlines_at_period_ends(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-basic");
	s->sites[0].has_deadline = true;
	s->sites[0].deadline = (struct date){2025, 8, 15};
	s->deadlines = xcalloc(1, sizeof(*s->deadlines));
	s->n_deadlines = 1;
	s->deadlines[0] = (struct deadline_rule){
		.domain = "core",
		.when = {.dated = true, .date = {2026, 3, 31}},
		.region_name = "south",
	};
	set_periods(s, 4);
	struct oracle *o = oracle_create(s, 1);
	assert_int_equal(oracle_check_derived(o, stderr), 0);
	/* 15 Aug 2025 is inside 2025-Q3: H1 must go by the end of Q2. */
	int period[] = {2, ORACLE_UNSWAPPED, ORACLE_UNSWAPPED};
	int vendor[] = {ERICSSON, -1, -1};
	struct run r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "site_deadline: site 'H1' must go by 2025-08-15 (end of "
			"2025-Q2): swapped in 2025-Q3");
	free(r.text);
	period[0] = 1;
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0); /* the core rule covers the south */
	free(r.text);
	oracle_destroy(o);

	s->deadlines[0].region_name = "north";
	o = oracle_create(s, 1);
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "deadline: deadline 'core' in 'north' by 2026-03-31 (end of "
			"2026-Q1): site 'H2' never swapped");
	free(r.text);
	period[1] = 4;
	vendor[1] = NOKIA;
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0);
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

static void oracle_should_start_earliest_dates_at_the_next_period(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-basic");
	s->sites[0].has_earliest = true;
	s->sites[0].earliest = (struct date){2025, 4, 2};
	set_periods(s, 4);
	struct oracle *o = oracle_create(s, 1);
	assert_int_equal(o->earliest_p[0], 2);
	assert_int_equal(oracle_check_derived(o, stderr), 0);
	int period[] = {1, ORACLE_UNSWAPPED, ORACLE_UNSWAPPED},
	    vendor[] = {ERICSSON, -1, -1};
	struct run r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "earliest: site 'H1' swapped in 2025-Q2, which starts before "
			"its earliest date 2025-04-02");
	free(r.text);
	period[0] = 2;
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0);
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

static void oracle_should_keep_allowed_vendors_and_vendor_regions(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-basic");
	s->allowed = xcalloc(1, sizeof(*s->allowed));
	s->allowed[0] = NOKIA;
	s->n_allowed = 1;
	s->sites[0].allowed_first = 0;
	s->sites[0].n_allowed = 1;
	set_periods(s, 2);
	struct oracle *o = oracle_create(s, 1);
	assert_false(oracle_vendor_allowed(o, 0, ERICSSON));
	assert_true(oracle_vendor_allowed(o, 0, NOKIA));
	assert_true(oracle_vendor_allowed(o, 1, ERICSSON));
	int period[] = {0, ORACLE_UNSWAPPED, ORACLE_UNSWAPPED},
	    vendor[] = {ERICSSON, -1, -1};
	struct run r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "allowed_vendors: site 'H1' swapped to 'Ericsson', not one of "
			"its allowed_vendors");
	free(r.text);
	vendor[0] = NOKIA;
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0);
	free(r.text);
	oracle_destroy(o);

	static const char *south[] = {"south"};
	s->vendors[NOKIA].region_names = xmalloc(sizeof(south));
	memcpy(s->vendors[NOKIA].region_names, south, sizeof(south));
	s->vendors[NOKIA].n_regions = 1;
	o = oracle_create(s, 1);
	assert_false(oracle_vendor_allowed(o, 0, NOKIA));
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "vendor_regions: site 'H1' of region 'north' swapped to "
			"'Nokia', whose vendor_regions leave it out");
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

/* bf-caps-share: H1 (4 units), H2 (4 units, criticality 2), T1 (Ericsson,
 * 2 units), all ran; a cap of 0.5 from 2025; max_vendor_share 0.5. T1
 * enters service on 1 Feb 2026, so it counts from the end of 2026-Q1. */
static void oracle_should_count_caps_over_what_is_in_service(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-caps-share");
	s->sites[2].has_in_service = true;
	s->sites[2].in_service = (struct date){2026, 2, 1};
	set_periods(s, 4);
	struct oracle *o = oracle_create(s, 1);
	assert_int_equal(o->in_service_p[2], 4);
	assert_int_equal(oracle_check_derived(o, stderr), 0);
	int period[] = {4, ORACLE_UNSWAPPED, ORACLE_UNSWAPPED},
	    vendor[] = {NOKIA, -1, -1};
	struct run r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "share_cap: cap 'ran' 0.5 from 2025: 8 high-risk units of 8 left "
			"at the end of 2025-Q4");
	/* E: H1 4 quarters, H2 (criticality 2) all 8. */
	assert_double_near(r.ev.exposure, 4 * 1.0 + 8 * 2.0, 1e-12);
	free(r.text);
	oracle_destroy(o);

	s->caps[0].measure = CAP_SITES;
	o = oracle_create(s, 1);
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "share_cap: cap 'ran' 0.5 from 2025: 2 high-risk sites of 2 left "
			"at the end of 2025-Q4");
	free(r.text);
	period[0] = 3; /* 1 site of 2 left at the end of 2025: holds */
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0);
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

/* model-2.md rule 5: the limit follows what is in service; T1's 2 units
 * come with it (Ericsson's own), so H1 to Ericsson fits until then. */
static void oracle_should_hold_vendor_share_as_the_network_grows(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-caps-share");
	for (size_t i = 0; i < s->n_caps; i++)
		free(s->caps[i].domains);
	free(s->caps);
	s->caps = NULL;
	s->n_caps = 0;
	s->sites[2].has_in_service = true;
	s->sites[2].in_service = (struct date){2026, 2, 1};
	set_periods(s, 4);
	struct oracle *o = oracle_create(s, 1);
	int period[] = {0, ORACLE_UNSWAPPED, ORACLE_UNSWAPPED},
	    vendor[] = {ERICSSON, -1, -1};
	struct run r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 1);
	assert_said(&r, "vendor_share: vendor 'Ericsson' holds 6 of 10 units of 'ran', "
			"limit 5 at the end of 2026-Q4");
	free(r.text);
	vendor[0] = NOKIA;
	r = evaluate(o, period, vendor);
	assert_int_equal(r.ev.violations, 0);
	free(r.text);
	oracle_destroy(o);
	scenario_destroy(s);
}

static void oracle_should_read_and_write_labels_of_each_kind(void **state)
{
	(void)state;
	struct scenario *s = load_tiny("bf-basic");
	static const struct {
		int per_year;
		const char *label;
		int p;
	} ok[] = {
		{1, "2026", 1},     {2, "2025-H2", 1},   {4, "2026-Q3", 6},
		{12, "2025-07", 6}, {12, "2024-12", -1}, {4, "2027-Q1", 8},
	};
	static const struct {
		int per_year;
		const char *label;
	} bad[] = {
		{4, "2025-q3"}, {4, "2025-Q5"}, {12, "2025-7"}, {12, "2025-13"},
		{2, "2025-Q1"}, {1, "2025-H1"}, {4, "2025"},    {2, "25-H1"},
	};
	for (size_t k = 0; k < sizeof(ok) / sizeof(ok[0]); k++) {
		set_periods(s, ok[k].per_year);
		struct oracle *o = oracle_create(s, 1);
		int p = 99;
		char label[16];
		assert_true(oracle_parse_label(o, ok[k].label, &p));
		assert_int_equal(p, ok[k].p);
		oracle_label(o, p, label, sizeof(label));
		assert_string_equal(label, ok[k].label);
		oracle_destroy(o);
	}
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		set_periods(s, bad[k].per_year);
		struct oracle *o = oracle_create(s, 1);
		int p = 99;
		if (oracle_parse_label(o, bad[k].label, &p))
			fail_msg("'%s' read as period %d", bad[k].label, p);
		oracle_destroy(o);
	}
	scenario_destroy(s);
}

/*
 * Two calendars written apart, the oracle's and util/period.c (through
 * scenario_finish_periods), agree on every day from 2023 to 2027 as a
 * rule's date, a site's deadline, earliest date and in-service date.
 */
static void oracle_calendar_should_agree_with_the_loader_on_every_day(void **state)
{
	(void)state;
	static const int kinds[] = {1, 2, 4, 12};
	struct scenario *s = load_tiny("bf-basic");
	s->deadlines = xcalloc(1, sizeof(*s->deadlines));
	s->n_deadlines = 1;
	s->caps = xcalloc(1, sizeof(*s->caps));
	s->n_caps = 1;
	size_t days = 0;
	for (size_t k = 0; k < 4; k++) {
		set_periods(s, kinds[k]);
		for (int y = 2023; y <= 2027; y++)
			for (int m = 1; m <= 12; m++)
				for (int d = 1; d <= date_days_in_month(y, m); d++) {
					struct date when = {y, m, d};
					s->deadlines[0].when = (struct rule_when){
						.dated = true, .date = when};
					s->caps[0].when = s->deadlines[0].when;
					for (size_t i = 0; i < s->n_sites; i++) {
						struct site *site = &s->sites[i];
						site->has_deadline =
							site->has_in_service = true;
						site->has_earliest = i != 1;
						site->earliest_year = i == 1 ? y : 0;
						site->deadline = site->in_service = when;
						site->earliest = when;
					}
					scenario_finish_periods(s);
					struct oracle *o = oracle_create(s, 1);
					if (oracle_check_derived(o, stderr) != 0)
						fail_msg("periods of %d a year differ on "
							 "%04d-%02d-%02d",
							 kinds[k], y, m, d);
					oracle_destroy(o);
					days++;
				}
	}
	assert_int_equal(days, 4 * (365 * 4 + 366));
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(oracle_should_escalate_and_discount_by_fractional_years),
		cmocka_unit_test(oracle_should_hold_budget_per_year_and_period_key),
		cmocka_unit_test(oracle_should_carry_over_between_years_not_periods),
		cmocka_unit_test(
			oracle_should_bind_dated_and_site_deadlines_at_period_ends),
		cmocka_unit_test(oracle_should_start_earliest_dates_at_the_next_period),
		cmocka_unit_test(oracle_should_keep_allowed_vendors_and_vendor_regions),
		cmocka_unit_test(oracle_should_count_caps_over_what_is_in_service),
		cmocka_unit_test(oracle_should_hold_vendor_share_as_the_network_grows),
		cmocka_unit_test(oracle_should_read_and_write_labels_of_each_kind),
		cmocka_unit_test(
			oracle_calendar_should_agree_with_the_loader_on_every_day),
	};
	return cmocka_run_group_tests_name("oracle", tests, NULL, NULL);
}
