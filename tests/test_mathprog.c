#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "output/mathprog.h"
#include "util/xalloc.h"

/* Hand-built scenarios: names are interned the way the loaders do it. */
static uint32_t intern(struct scenario *s, struct strmap *map, const char *name)
{
	return strmap_intern(map, strpool_dup(&s->pool, name), NULL);
}

static double *per_year(const struct scenario *s, double a, double b)
{
	double *v = xcalloc((size_t)s->n_years, sizeof(*v));
	v[0] = a;
	v[1] = b;
	return v;
}

static void add_site(struct scenario *s, const char *id, const char *region,
		     const char *domain, const char *vendor, int64_t units,
		     double criticality)
{
	ARRAY_GROW(s->sites, s->n_sites, s->alloc_sites);
	s->sites[s->n_sites++] = (struct site){
		.id = strpool_dup(&s->pool, id),
		.region = intern(s, &s->regions, region),
		.domain = intern(s, &s->domains, domain),
		.vendor = intern(s, &s->site_vendors, vendor),
		.units = units,
		.criticality = criticality,
		.line = (unsigned)s->n_sites + 2,
	};
}

static struct domain_value *domain_values(struct scenario *s, size_t n,
					  const char **domains, const double *values)
{
	struct domain_value *dv = xcalloc(n, sizeof(*dv));
	for (size_t i = 0; i < n; i++)
		dv[i] = (struct domain_value){strpool_dup(&s->pool, domains[i]),
					      values[i], 0};
	return dv;
}

/*
 * Two years, three sites (a cluster, an earliest year, a dependency, a
 * trusted vendor's own site), two vendors (one with a quote in its name
 * and a limited capacity), a budget with an unlimited year, two deadlines,
 * a regional cap and regional crews: every part of the data section.
 */
static struct scenario *small_scenario(void)
{
	struct scenario *s = scenario_create();
	s->name = "tiny";
	s->start = 2021;
	s->end = 2022;
	s->n_years = 2;

	add_site(s, "A", "north", "ran", "Huawei", 4, 1);
	add_site(s, "B's", "north", "ran", "ZTE", 2, 2.5);
	add_site(s, "C", "south", "core", "Ericsson", 6, 1);
	s->sites[0].cluster = strpool_dup(&s->pool, "c1");
	s->sites[1].cluster = s->sites[0].cluster;
	s->sites[1].earliest_year = 2022;
	s->sites[1].depends_on = strpool_dup(&s->pool, "C;C");
	s->dep_start = xcalloc(s->n_sites + 1, sizeof(*s->dep_start));
	s->dep_sites = xcalloc(2, sizeof(*s->dep_sites));
	s->dep_start[2] = s->dep_start[3] = 2;
	s->dep_sites[0] = s->dep_sites[1] = 2;

	s->high_risk_vendors = xcalloc(3, sizeof(*s->high_risk_vendors));
	s->high_risk_vendors[0] = "Huawei";
	s->high_risk_vendors[1] = "ZTE";
	s->high_risk_vendors[2] = "Huawei";
	s->n_high_risk_vendors = 3;

	s->vendors = xcalloc(2, sizeof(*s->vendors));
	s->n_vendors = 2;
	s->vendors[0] = (struct trusted_vendor){
		.name = "Ericsson",
		.unit_cost = domain_values(s, 2, (const char *[]){"ran", "core"},
					   (const double[]){16000, 130000.5}),
		.n_unit_cost = 2,
		.capacity = per_year(s, INFINITY, 5),
	};
	s->vendors[1] = (struct trusted_vendor){
		.name = "O'Neil",
		.unit_cost = domain_values(s, 1, (const char *[]){"ran"},
					   (const double[]){0.1}),
		.n_unit_cost = 1,
		.capacity = per_year(s, INFINITY, INFINITY),
	};
	s->site_cost = domain_values(s, 2, (const char *[]){"ran", "transport"},
				     (const double[]){2500, 7});
	s->n_site_cost = 2;

	s->budget = per_year(s, 150e6, INFINITY);
	s->carry_over = true;
	s->discount_rate = 0.035;
	s->cost_escalation = -0.02;

	s->deadlines = xcalloc(2, sizeof(*s->deadlines));
	s->n_deadlines = 2;
	s->deadlines[0] = (struct deadline_rule){.domain = "core", .year = 2022};
	s->deadlines[1] = (struct deadline_rule){.year = 2030};

	s->caps = xcalloc(2, sizeof(*s->caps));
	s->n_caps = 2;
	s->caps[0].domains = xcalloc(2, sizeof(*s->caps[0].domains));
	s->caps[0].domains[0] = "ran";
	s->caps[0].domains[1] = "ran";
	s->caps[0].n_domains = 2;
	s->caps[0].region = "north";
	s->caps[0].year = 2019;
	s->caps[0].max_share = 0.35;
	s->caps[1].year = 2022;
	s->caps[1].max_share = 0;

	s->vendor_share =
		domain_values(s, 1, (const char *[]){"core"}, (const double[]){0.5});
	s->n_vendor_share = 1;

	s->crews_default = per_year(s, 3, INFINITY);
	s->crews_regions = xcalloc(1, sizeof(*s->crews_regions));
	s->n_crews_regions = 1;
	s->crews_regions[0] = (struct region_crews){.region = "south",
						    .per_year = per_year(s, INFINITY, 1)};
	s->objective = OBJECTIVE_COST;
	return s;
}

static const char expected_small[] =
	"# Data for models/phaseout.mod, written by phaseout from a scenario.\n"
	"# Solve: glpsol --math phaseout.mod -d THIS_FILE\n"
	"data;\n"
	"\n"
	"param start := 2021;\n"
	"param end := 2022;\n"
	"\n"
	"# Every row of sites.csv; earliest_year 0 = none.\n"
	"param : SITES : site_region site_domain site_vendor units criticality "
	"earliest_year :=\n"
	"  'A' 'north' 'ran' 'Huawei' 4 1 0\n"
	"  'B''s' 'north' 'ran' 'ZTE' 2 2.5 2022\n"
	"  'C' 'south' 'core' 'Ericsson' 6 1 0;\n"
	"\n"
	"set CLUSTERED := 'A' 'B''s';\n"
	"param cluster :=\n"
	"  'A' 'c1'\n"
	"  'B''s' 'c1';\n"
	"\n"
	"# (s, t): site s depends on site t.\n"
	"set DEPENDS_ON :=\n"
	"  ('B''s', 'C');\n"
	"\n"
	"set HIGH_RISK_VENDORS := 'Huawei' 'ZTE';\n"
	"set VENDORS := 'Ericsson' 'O''Neil';\n"
	"\n"
	"# (v, d): vendor v replaces domain d at unit_cost[v, d].\n"
	"set OFFER :=\n"
	"  ('Ericsson', 'ran')\n"
	"  ('Ericsson', 'core')\n"
	"  ('O''Neil', 'ran');\n"
	"param unit_cost :=\n"
	"  'Ericsson' 'ran' 16000\n"
	"  'Ericsson' 'core' 130000.5\n"
	"  'O''Neil' 'ran' 0.1;\n"
	"\n"
	"# Units a vendor can install in a year; a year not listed is unlimited.\n"
	"set CAPACITY_LIMITED :=\n"
	"  ('Ericsson', 2022);\n"
	"param capacity :=\n"
	"  'Ericsson' 2022 5;\n"
	"\n"
	"param site_cost :=\n"
	"  'ran' 2500;\n"
	"\n"
	"# Years with a budget; a year not listed is unlimited.\n"
	"set BUDGET_YEARS := 2021;\n"
	"param budget :=\n"
	"  2021 150000000;\n"
	"param budget_scale := 0.8;\n"
	"param carry_over := 1;\n"
	"param discount_rate := 0.035;\n"
	"param cost_escalation := -0.02;\n"
	"\n"
	"set DEADLINES := 1 2;\n"
	"param deadline_year := 1 2022 2 2030;\n"
	"set DEADLINE_DOMAINS[1] := 'core';\n"
	"set DEADLINE_DOMAINS[2] :=;\n"
	"\n"
	"set CAPS := 1 2;\n"
	"param cap_year := 1 2019 2 2022;\n"
	"param cap_share := 1 0.35 2 0;\n"
	"set CAP_DOMAINS[1] := 'ran';\n"
	"set CAP_REGIONS[1] := 'north';\n"
	"set CAP_DOMAINS[2] :=;\n"
	"set CAP_REGIONS[2] :=;\n"
	"\n"
	"set SHARE_LIMITED := 'core';\n"
	"param max_vendor_share :=\n"
	"  'core' 0.5;\n"
	"\n"
	"# HR sites a region can swap in a year; a pair not listed is unlimited.\n"
	"set CREWS_LIMITED :=\n"
	"  ('north', 2021)\n"
	"  ('south', 2022);\n"
	"param crews :=\n"
	"  'north' 2021 3\n"
	"  'south' 2022 1;\n"
	"\n"
	"param objective := 'cost';\n"
	"\n"
	"end;\n";

/* The written text, via a memory stream. */
static char *write_to_string(const struct scenario *s, double budget_scale, bool *ok)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	*ok = mathprog_write_data(s, budget_scale, f);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void mathprog_should_write_every_part_of_a_small_scenario(void **state)
{
	(void)state;
	struct scenario *s = small_scenario();
	bool ok;
	char *text = write_to_string(s, 0.8, &ok);
	assert_true(ok);
	assert_string_equal(text, expected_small);
	free(text);
	scenario_destroy(s);
}

/* Period keys: INFINITY everywhere but at 'p', which holds 'value'. */
static double *one_key(int n, int p, double value)
{
	double *v = xcalloc((size_t)n, sizeof(*v));
	for (int i = 0; i < n; i++)
		v[i] = i == p ? value : INFINITY;
	return v;
}

/*
 * small_scenario() in quarters, with every version 2 part of the data
 * section: dated and regional deadlines, a cap by sites, the sites' own
 * deadline, earliest and in_service dates, an allowed_vendors list with a
 * repeat, vendor_regions, and period keys on budget, capacity and crews
 * (one vendor without a capacity_period array at all).
 */
static struct scenario *small_v2_scenario(void)
{
	struct scenario *s = small_scenario();
	s->format_version = 2;
	s->periods_per_year = 4;
	s->n_periods = 8;
	s->deadlines[0].when.date = (struct date){2022, 5, 15};
	s->deadlines[0].region_name = "south";
	s->deadlines[1].when.date = (struct date){2030, 12, 31};
	s->caps[0].when.date = (struct date){2019, 12, 31};
	s->caps[1].when.date = (struct date){2022, 9, 30};
	s->caps[1].measure = CAP_SITES;

	s->sites[0].has_deadline = true;
	s->sites[0].deadline = (struct date){2022, 3, 31};
	s->sites[1].has_earliest = true;
	s->sites[1].earliest = (struct date){2021, 7, 2};
	s->sites[2].has_in_service = true;
	s->sites[2].in_service = (struct date){2021, 11, 30};
	s->allowed = xcalloc(2, sizeof(*s->allowed));
	s->allowed[0] = s->allowed[1] = 1;
	s->n_allowed = 2;
	s->sites[1].allowed_first = 0;
	s->sites[1].n_allowed = 2;

	s->vendors[1].region_names = xcalloc(2, sizeof(*s->vendors[1].region_names));
	s->vendors[1].region_names[0] = "south";
	s->vendors[1].region_names[1] = "north";
	s->vendors[1].n_regions = 2;

	s->budget_period = one_key(8, 2, 5000);
	s->vendors[0].capacity_period = one_key(8, 5, 3);
	s->crews_default_period = one_key(8, 0, 2);
	s->crews_regions[0].per_period = one_key(8, 7, 1);
	return s;
}

static const char expected_v2_part[] =
	"param objective := 'cost';\n"
	"\n"
	"# Version 2: periods, dates (year month day), site rules.\n"
	"param periods_per_year := 4;\n"
	"param deadline_month := 1 5 2 12;\n"
	"param deadline_day := 1 15 2 31;\n"
	"set DEADLINE_REGIONS[1] := 'south';\n"
	"param cap_month := 1 12 2 9;\n"
	"param cap_day := 1 31 2 30;\n"
	"param cap_measure := 1 'units' 2 'sites';\n"
	"\n"
	"param : SITE_DEADLINE : deadline_y deadline_m deadline_d :=\n"
	"  'A' 2022 3 31;\n"
	"param : SITE_EARLIEST : earliest_y earliest_m earliest_d :=\n"
	"  'B''s' 2021 7 2;\n"
	"param : IN_SERVICE : in_service_y in_service_m in_service_d :=\n"
	"  'C' 2021 11 30;\n"
	"\n"
	"# allowed_vendors: the sites with a list, and what it allows.\n"
	"set RESTRICTED := 'B''s';\n"
	"set ALLOWED :=\n"
	"  ('B''s', 'O''Neil');\n"
	"\n"
	"# vendor_regions: the vendors with an entry, and its regions.\n"
	"set REGION_LIMITED := 'O''Neil';\n"
	"set VENDOR_REGIONS :=\n"
	"  ('O''Neil', 'south')\n"
	"  ('O''Neil', 'north');\n"
	"\n"
	"# Period keys (year, q): q-th period of the year; a period not listed "
	"has none.\n"
	"set BUDGET_KEYS :=\n"
	"  2021 3;\n"
	"param budget_key :=\n"
	"  2021 3 5000;\n"
	"set CAPACITY_KEYS :=\n"
	"  ('Ericsson', 2022, 2);\n"
	"param capacity_key :=\n"
	"  'Ericsson' 2022 2 3;\n"
	"set CREWS_KEYS :=\n"
	"  ('north', 2021, 1)\n"
	"  ('south', 2022, 4);\n"
	"param crews_key :=\n"
	"  'north' 2021 1 2\n"
	"  'south' 2022 4 1;\n"
	"\n"
	"end;\n";

/* Version 2 appends its part after version 1's, which is unchanged. */
static void mathprog_should_write_the_version_2_part_after_version_1s(void **state)
{
	(void)state;
	struct scenario *s = small_v2_scenario();
	bool ok;
	char *text = write_to_string(s, 0.8, &ok);
	assert_true(ok);
	const char *v1_end = strstr(expected_small, "param objective := 'cost';\n");
	assert_non_null(v1_end);
	size_t v1_len = (size_t)(v1_end - expected_small);
	assert_int_equal(strncmp(text, expected_small, v1_len), 0);
	assert_string_equal(text + v1_len, expected_v2_part);
	free(text);
	scenario_destroy(s);
}

/* Round-trip: 0.1 + 0.2 needs all 17 digits, 1e300 and 1e-300 an
 * exponent; each must read back as the same double. */
static void mathprog_should_write_numbers_that_read_back_exactly(void **state)
{
	(void)state;
	const double values[] = {0.1 + 0.2, 1e300, 1e-300, 123456789.125, 2.0 / 3};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct scenario *s = small_scenario();
		s->budget[0] = values[i];
		bool ok;
		char *text = write_to_string(s, 1, &ok);
		assert_true(ok);
		const char *p = strstr(text, "param budget :=\n  2021 ");
		assert_non_null(p);
		double back = strtod(p + strlen("param budget :=\n  2021 "), NULL);
		if (back != values[i])
			fail_msg("%.17g came back as %.17g", values[i], back);
		free(text);
		scenario_destroy(s);
	}
}

static void mathprog_should_write_the_exposure_objective_and_no_rules(void **state)
{
	(void)state;
	struct scenario *s = scenario_create();
	s->start = 2030;
	s->end = 2030;
	s->n_years = 1;
	s->budget = xcalloc(1, sizeof(*s->budget));
	s->budget[0] = INFINITY;
	add_site(s, "only", "r", "d", "Huawei", 1, 1);
	bool ok;
	char *text = write_to_string(s, 1, &ok);
	assert_true(ok);
	assert_non_null(strstr(text, "set BUDGET_YEARS :=;\nparam budget :=;\n"));
	assert_non_null(strstr(text, "set DEADLINES :=;\nparam deadline_year :=;\n"));
	assert_non_null(strstr(text, "set CAPS :=;\n"));
	assert_non_null(strstr(text, "set SHARE_LIMITED :=;\n"));
	assert_non_null(strstr(text, "set CREWS_LIMITED :=;\n"));
	assert_non_null(strstr(text, "set DEPENDS_ON :=;\n"));
	assert_non_null(strstr(text, "param objective := 'exposure';\n"));
	free(text);
	scenario_destroy(s);
}

/* 100 bytes and a tab are fine; 101 bytes or a line break are not. */
static void mathprog_should_refuse_names_glpsol_cannot_read(void **state)
{
	(void)state;
	char name[MATHPROG_MAX_NAME + 2];
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';

	struct scenario *s = small_scenario();
	name[MATHPROG_MAX_NAME] = '\0';
	s->sites[2].id = strpool_dup(&s->pool, name);
	s->vendors[1].name = "tab\there";
	assert_null(mathprog_unwritable_name(s));

	name[MATHPROG_MAX_NAME] = 'x';
	s->sites[2].id = strpool_dup(&s->pool, name);
	assert_string_equal(mathprog_unwritable_name(s), name);
	bool ok;
	char *text = write_to_string(s, 1, &ok);
	assert_false(ok);
	assert_true(text == NULL || text[0] == '\0');
	free(text);
	scenario_destroy(s);

	s = small_scenario();
	s->caps[0].region = "north\nsea";
	assert_string_equal(mathprog_unwritable_name(s), "north\nsea");
	text = write_to_string(s, 1, &ok);
	assert_false(ok);
	free(text);
	scenario_destroy(s);
}

static void mathprog_should_refuse_an_unvalidated_scenario(void **state)
{
	(void)state;
	struct scenario *s = small_scenario();
	free(s->dep_start);
	s->dep_start = NULL;
	bool ok;
	char *text = write_to_string(s, 1, &ok);
	assert_false(ok);
	free(text);
	scenario_destroy(s);
}

static void mathprog_should_refuse_two_vendors_with_one_name(void **state)
{
	(void)state;
	struct scenario *s = small_scenario();
	s->vendors[1].name = "Ericsson";
	bool ok;
	char *text = write_to_string(s, 1, &ok);
	assert_false(ok);
	free(text);
	scenario_destroy(s);
}

static void mathprog_should_report_a_full_disk(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		skip();
	struct scenario *s = small_scenario();
	assert_false(mathprog_write_data(s, 1, f));
	fclose(f);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mathprog_should_write_every_part_of_a_small_scenario),
		cmocka_unit_test(
			mathprog_should_write_the_version_2_part_after_version_1s),
		cmocka_unit_test(mathprog_should_write_numbers_that_read_back_exactly),
		cmocka_unit_test(
			mathprog_should_write_the_exposure_objective_and_no_rules),
		cmocka_unit_test(mathprog_should_refuse_names_glpsol_cannot_read),
		cmocka_unit_test(mathprog_should_refuse_an_unvalidated_scenario),
		cmocka_unit_test(mathprog_should_refuse_two_vendors_with_one_name),
		cmocka_unit_test(mathprog_should_report_a_full_disk),
	};
	return cmocka_run_group_tests_name("mathprog", tests, NULL, NULL);
}
