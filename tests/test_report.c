#include "testutil.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "output/report.h"
#include "plan/plan.h"
#include "solver/solve.h"
#include "util/xalloc.h"
#include "version.h"

/*
 * A hand-built scenario and plan, so the writers are tested without a
 * solver or plan_create(). Domains are interned in the order ran, core,
 * Access: bytewise that is Access, core, ran, so a writer that forgets to
 * sort (or sorts ignoring case) shows. Site texts exercise the formula
 * guard and RFC 4180 quoting.
 */
struct fixture {
	struct scenario *s;
	struct plan p;
	struct plan_site sites[4];
	struct plan_year years[3];
	double shares[3][3]; /* [year][domain index] */
	struct plan_rule rules[4];
	char *diagnosis[2];
};

static void add_site(struct scenario *s, const char *id, const char *region,
		     const char *domain, const char *vendor, int64_t units,
		     const char *cluster)
{
	struct site *site = &s->sites[s->n_sites++];
	site->id = id;
	site->region = strmap_intern(&s->regions, region, NULL);
	site->domain = strmap_intern(&s->domains, domain, NULL);
	site->vendor = strmap_intern(&s->site_vendors, vendor, NULL);
	site->units = units;
	site->criticality = 1;
	site->cluster = cluster;
}

static struct scenario *make_scenario(void)
{
	struct scenario *s = scenario_create();
	s->name = "North, \"test\"";
	s->json_path = xstrdup("scen/north.json");
	s->currency = "EUR";
	s->start = 2021;
	s->end = 2023;
	s->n_years = 3;
	s->n_periods = 3;
	s->budget = xcalloc(3, sizeof(double));
	s->budget[0] = 200000;
	s->budget[1] = INFINITY;
	s->budget[2] = 1e6;
	s->n_vendors = 2;
	s->vendors = xcalloc(2, sizeof(*s->vendors));
	s->vendors[0].name = "Ericsson";
	s->vendors[1].name = "Nokia";
	s->sites = xcalloc(4, sizeof(*s->sites));
	s->alloc_sites = 4;
	add_site(s, "S1", "north", "ran", "Huawei", 10, NULL);
	add_site(s, "=HYPERLINK(\"x\")", "east, upper", "core", "ZTE", 2, "+c1");
	add_site(s, "-7", "north", "Access", "Huawei", 5, "c2");
	add_site(s, "S4", "north", "ran", "Huawei", 3, NULL);
	return s;
}

static void set_year(struct fixture *fx, int yi, double budget, double spend,
		     int64_t sites, int64_t units, int64_t left, double share,
		     double exposure, double ran, double core, double access)
{
	struct plan_year *y = &fx->years[yi];
	y->period = yi;
	y->year = 2021 + yi;
	y->budget = budget;
	y->available = budget;
	y->spend = spend;
	y->unspent = budget - spend;
	y->sites_swapped = sites;
	y->units_swapped = units;
	y->hr_units_remaining = left;
	y->hr_share = share;
	y->exposure = exposure;
	fx->shares[yi][0] = ran;
	fx->shares[yi][1] = core;
	fx->shares[yi][2] = access;
	y->hr_share_domain = fx->shares[yi];
}

/* A plan row in 2021-2023 (year 0: not swapped). */
static struct plan_site site_row(uint32_t site, int year, int vendor, double equipment,
				 double site_cost, double total, double present,
				 double late)
{
	return (struct plan_site){.site = site,
				  .period = year ? year - 2021 : -1,
				  .year = year,
				  .vendor = vendor,
				  .equipment_cost = equipment,
				  .site_cost = site_cost,
				  .total_cost = total,
				  .present_value = present,
				  .late = late};
}

static struct plan_rule rule_row(enum rule_kind kind, char *label, int year, bool holds,
				 double value, double limit, int64_t sites_late,
				 int64_t units_late, unsigned line)
{
	return (struct plan_rule){.kind = kind,
				  .label = label,
				  .year = year,
				  .period = year - 2021,
				  .holds = holds,
				  .value = value,
				  .limit = limit,
				  .sites_late = sites_late,
				  .units_late = units_late,
				  .scenario_line = line};
}

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	struct scenario *s = fx->s = make_scenario();
	struct plan *p = &fx->p;

	fx->sites[0] = site_row(0, 2021, 0, 160000, 5000, 165000, 165000, 0);
	fx->sites[1] = site_row(1, 2022, 1, 260000.5, 0, 260000.5, 247619.523809, 0);
	fx->sites[2] = site_row(2, 2022, 0, 12345.6789, 100, 12445.6789, 11853.0275, 1);
	fx->sites[3] = site_row(3, 0, -1, 0, 0, 0, 0, 2);

	set_year(fx, 0, 200000, 165000, 1, 10, 10, 0.5, 12.5, 0.5, 0.25, 1.0 / 3.0);
	set_year(fx, 1, INFINITY, 272446.1789, 2, 7, 3, 0.15, 4.5, 0.3, 0, 0);
	set_year(fx, 2, 1e6, 0, 0, 0, 3, 0.15, 3, 0.3, 0, 0);

	fx->rules[0] = rule_row(RULE_DEADLINE, "deadline core by 2022", 2022, true, 0, 0,
				0, 0, 5);
	fx->rules[1] = rule_row(RULE_SHARE_CAP, "cap ran 20% from 2022", 2022, false, 0.3,
				0.2, 0, 0, 9);
	fx->rules[2] = rule_row(RULE_VENDOR_SHARE, "vendor share ran 60%", 2021, true,
				0.5, 0.6, 0, 0, 0);
	fx->rules[3] =
		rule_row(RULE_DEADLINE, "deadline * by 2023", 2023, false, 3, 0, 1, 3, 6);

	p->scenario = s;
	p->status = PLAN_OPTIMAL;
	p->objective = OBJECTIVE_EXPOSURE;
	p->budget_scale = 1;
	p->allow_late = true;
	p->sites = fx->sites;
	p->n_sites = 4;
	p->years = fx->years;
	p->n_years = 3;
	p->rules = fx->rules;
	p->n_rules = 4;
	p->exposure = 20;
	p->present_cost_exact = 424472.551309;
	p->violation = 6.5;
	p->completion_year = 0;
	p->hr_units_left = 3;
	p->hr_sites_total = 4;
	p->hr_units_total = 20;
	p->bound = 19.999999999;
	p->gap = 5e-11;
	p->solve_seconds = 1.23456;
	p->load_seconds = 0.5;
	p->first_plan_seconds = 0.75;
	p->heuristic_exposure = 26.25;
	p->model_rows = 120;
	p->model_cols = 300;
	p->model_int_cols = 250;
	plan_round_money(p);
	fx->diagnosis[0] = "deadline * by 2023 cannot hold: 3 units late";
	fx->diagnosis[1] = "money missing by 2023: EUR 12,000.00";
	*state = fx;
	return 0;
}

/* The infeasible variant: what the solver knows is little. */
static void make_infeasible(struct fixture *fx)
{
	struct plan *p = &fx->p;
	p->status = PLAN_INFEASIBLE;
	p->allow_late = false;
	p->bound = NAN;
	p->gap = NAN;
	p->heuristic_exposure = NAN;
	p->solve_seconds = NAN;
	p->load_seconds = NAN;
	p->first_plan_seconds = NAN;
	p->diagnosis = fx->diagnosis;
	p->n_diagnosis = 2;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	free(fx->p.year_money); /* plan_round_money's, as plan_destroy frees it */
	scenario_destroy(fx->s);
	free(fx);
	return 0;
}

/* assert_string_equal truncates long texts; show where they part. */
static void assert_text_equal(const char *got, const char *expected)
{
	if (strcmp(got, expected) == 0)
		return;
	size_t i = 0;
	while (got[i] && got[i] == expected[i])
		i++;
	fail_msg("texts differ at byte %zu:\n--- got from there:\n%s\n--- expected:\n%s",
		 i, got + i, expected + i);
}

typedef bool (*writer_fn)(const struct plan *p, FILE *f);

/* plan.csv with its why made by the writer (run_files.c shares one). */
static bool write_plan_csv(const struct plan *p, FILE *f)
{
	return report_csv_write_plan(p, NULL, f);
}

/* Run a writer into memory; it must succeed, and give the same bytes twice. */
static char *capture(writer_fn write, const struct plan *p)
{
	char *out[2];
	for (int i = 0; i < 2; i++) {
		size_t len = 0;
		FILE *f = open_memstream(&out[i], &len);
		assert_non_null(f);
		assert_true(write(p, f));
		assert_int_equal(fclose(f), 0);
	}
	assert_string_equal(out[0], out[1]);
	free(out[1]);
	return out[0];
}

static void report_csv_write_plan_should_write_rows_in_plan_order(void **state)
{
	struct fixture *fx = *state;
	char *got = capture(write_plan_csv, &fx->p);
	assert_text_equal(
		got,
		"year,site_id,region,domain,from_vendor,to_vendor,units,equipment_cost,"
		"site_cost,total_cost,present_value,cluster,late\r\n"
		"2021,S1,north,ran,Huawei,Ericsson,10,160000.00,5000.00,165000.00,"
		"165000.00,,\r\n"
		"2022,\"'=HYPERLINK(\"\"x\"\")\",\"east, upper\",core,ZTE,Nokia,2,"
		"260000.50,0.00,260000.50,247619.52,'+c1,\r\n"
		"2022,'-7,north,Access,Huawei,Ericsson,5,12345.68,100.00,12445.68,"
		"11853.03,c2,1\r\n"
		",S4,north,ran,Huawei,,3,,,,,,2\r\n");
	free(got);
}

static void report_csv_write_timeline_should_sort_domain_columns_bytewise(void **state)
{
	struct fixture *fx = *state;
	char *got = capture(report_csv_write_timeline, &fx->p);
	assert_text_equal(
		got,
		"year,budget,available,spend,unspent,sites_swapped,units_swapped,"
		"hr_units_remaining,hr_share,exposure,hr_share_Access,hr_share_core,"
		"hr_share_ran\r\n"
		"2021,200000.00,200000.00,165000.00,35000.00,1,10,10,0.500000,12.500000,"
		"0.333333,0.250000,0.500000\r\n"
		"2022,,,272446.18,,2,7,3,0.150000,4.500000,0.000000,0.000000,0.300000\r\n"
		"2023,1000000.00,1000000.00,0.00,1000000.00,0,0,3,0.150000,3.000000,"
		"0.000000,0.000000,0.300000\r\n");
	free(got);
}

static void report_csv_should_write_headers_only_without_sites_or_years(void **state)
{
	struct fixture *fx = *state;
	fx->p.n_sites = 0;
	fx->p.years = NULL;
	char *plan = capture(write_plan_csv, &fx->p);
	assert_string_equal(plan, "year,site_id,region,domain,from_vendor,to_vendor,"
				  "units,equipment_cost,site_cost,total_cost,"
				  "present_value,cluster,late\r\n");
	char *timeline = capture(report_csv_write_timeline, &fx->p);
	assert_non_null(strstr(timeline, "hr_share_ran\r\n"));
	assert_null(strstr(timeline, "2021"));
	free(plan);
	free(timeline);
}

static const char *const summary_keys[] = {
	"command",
	"scenario",
	"scenario_file",
	"status",
	"objective",
	"exposure",
	"present_cost",
	"nominal_cost",
	"violation",
	"bound",
	"gap",
	"stopped_by",
	"completion_year",
	"hr_units_left",
	"hr_sites_total",
	"hr_units_total",
	"budget_scale",
	"allow_late",
	"currency",
	"heuristic_exposure",
	"money_value",
	"rules",
	"diagnosis",
	"late_sites",
	"solve_seconds",
	"load_seconds",
	"first_plan_seconds",
	"model",
	"versions",
};

static cJSON *parse_summary(const struct plan *p, char **text)
{
	*text = capture(report_json_write_summary, p);
	cJSON *root = cJSON_Parse(*text);
	assert_non_null(root);
	size_t i = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, root)
	{
		assert_true(i < sizeof(summary_keys) / sizeof(summary_keys[0]));
		assert_string_equal(item->string, summary_keys[i]);
		i++;
	}
	assert_int_equal(i, sizeof(summary_keys) / sizeof(summary_keys[0]));
	return root;
}

static double number(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsNumber(item))
		fail_msg("'%s' is not a number", key);
	return item->valuedouble;
}

static const char *string(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsString(item))
		fail_msg("'%s' is not a string", key);
	return item->valuestring;
}

static bool is_null(const cJSON *obj, const char *key)
{
	return cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(obj, key));
}

static void report_json_should_write_every_key_in_order_with_rounding(void **state)
{
	struct fixture *fx = *state;
	char *text;
	cJSON *root = parse_summary(&fx->p, &text);

	assert_string_equal(string(root, "scenario"), "North, \"test\"");
	assert_string_equal(string(root, "scenario_file"), "scen/north.json");
	assert_string_equal(string(root, "status"), "optimal");
	assert_string_equal(string(root, "objective"), "exposure");
	assert_string_equal(string(root, "currency"), "EUR");
	/* Rounded to cents, and printed short (no 17-digit tails). */
	assert_true(number(root, "present_cost") == 424472.55);
	assert_true(number(root, "nominal_cost") == 437446.18);
	assert_non_null(strstr(text, "424472.55,"));
	assert_non_null(strstr(text, "437446.18,"));
	assert_true(number(root, "exposure") == 20);
	assert_true(number(root, "bound") == 20);
	assert_true(number(root, "gap") == 0);
	assert_true(number(root, "violation") == 6.5);
	assert_true(number(root, "solve_seconds") == 1.235);
	assert_true(number(root, "load_seconds") == 0.5);
	assert_true(number(root, "first_plan_seconds") == 0.75);
	assert_true(number(root, "heuristic_exposure") == 26.25);
	assert_true(is_null(root, "completion_year"));
	assert_true(number(root, "hr_units_left") == 3);
	assert_true(number(root, "hr_sites_total") == 4);
	assert_true(number(root, "hr_units_total") == 20);
	assert_true(number(root, "budget_scale") == 1);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "allow_late")));
	assert_true(number(root, "late_sites") == 2);

	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
	assert_int_equal(cJSON_GetArraySize(rules), 4);
	const cJSON *cap = cJSON_GetArrayItem(rules, 1);
	assert_string_equal(string(cap, "kind"), "share_cap");
	assert_string_equal(string(cap, "label"), "cap ran 20% from 2022");
	assert_true(number(cap, "year") == 2022);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(cap, "holds")));
	assert_true(number(cap, "value") == 0.3);
	assert_true(number(cap, "limit") == 0.2);
	const cJSON *late = cJSON_GetArrayItem(rules, 3);
	assert_string_equal(string(late, "kind"), "deadline");
	assert_true(number(late, "sites_late") == 1);
	assert_true(number(late, "units_late") == 3);
	assert_string_equal(string(cJSON_GetArrayItem(rules, 2), "kind"), "vendor_share");

	assert_int_equal(
		cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "diagnosis")),
		0);
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
	assert_true(number(model, "rows") == 120);
	assert_true(number(model, "columns") == 300);
	assert_true(number(model, "integer_columns") == 250);
	const cJSON *versions = cJSON_GetObjectItemCaseSensitive(root, "versions");
	assert_string_equal(string(versions, "phaseout"), PHASEOUT_VERSION);
	assert_string_equal(string(versions, "glpk"), solve_glpk_version());
	cJSON_Delete(root);
	free(text);
}

static void report_json_should_write_null_for_unknown_values(void **state)
{
	struct fixture *fx = *state;
	make_infeasible(fx);
	fx->p.objective = OBJECTIVE_COST;
	char *text;
	cJSON *root = parse_summary(&fx->p, &text);
	assert_string_equal(string(root, "status"), "infeasible");
	assert_string_equal(string(root, "objective"), "cost");
	assert_true(is_null(root, "bound"));
	assert_true(is_null(root, "gap"));
	assert_true(is_null(root, "heuristic_exposure"));
	assert_true(is_null(root, "money_value"));
	assert_true(is_null(root, "solve_seconds"));
	assert_true(is_null(root, "load_seconds"));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(root, "allow_late")));
	const cJSON *diagnosis = cJSON_GetObjectItemCaseSensitive(root, "diagnosis");
	assert_int_equal(cJSON_GetArraySize(diagnosis), 2);
	assert_string_equal(cJSON_GetArrayItem(diagnosis, 1)->valuestring,
			    "money missing by 2023: EUR 12,000.00");
	cJSON_Delete(root);
	free(text);

	fx->p.completion_year = 2023;
	root = parse_summary(&fx->p, &text);
	assert_true(number(root, "completion_year") == 2023);
	cJSON_Delete(root);
	free(text);
}

static void assert_no_trailing_spaces(const char *text)
{
	for (const char *p = text; *p; p++)
		if (*p == '\n' && p > text && (p[-1] == ' ' || p[-1] == '\t'))
			fail_msg("trailing space before offset %zu", (size_t)(p - text));
	assert_true(text[0] == '\0' || text[strlen(text) - 1] == '\n');
}

static void report_text_should_show_objectives_timeline_and_rules(void **state)
{
	struct fixture *fx = *state;
	char *got = capture(report_text_write, &fx->p);
	assert_no_trailing_spaces(got);
	assert_text_equal(
		got,
		"scenario: North, \"test\"\n"
		"status: optimal\n"
		"objective: least exposure, then least present cost\n"
		"exposure: E = 20 weighted unit-years (bound 20, gap 0.00%)\n"
		"cost: EUR 424,472.55 present value, EUR 437,446.18 nominal\n"
		"violation: V = 6.5 (units times years late, plus units above caps)\n"
		"a simple rule gets E = 26.25, the optimiser gets E = 20\n"
		"solve time: 1.2 s; model: 120 rows, 300 columns (250 integer)\n"
		"\n"
		"timeline (money in EUR; HR share = HR units left over all units):\n"
		"year     budget  spend  sites  units  HR left  HR share  Access   core  "
		"  "
		"ran  exposure\n"
		"2021       200k   165k      1     10       10     50.0%   33.3%  25.0%  "
		"50.0%      12.5\n"
		"2022  unlimited   272k      2      7        3     15.0%    0.0%   0.0%  "
		"30.0%       4.5\n"
		"2023         1m      0      0      0        3     15.0%    0.0%   0.0% "
		" "
		"30.0%         3\n"
		"\n"
		"rules:\n"
		"  holds  deadline core by 2022: 0 HR units left at the end of 2022\n"
		"  fails  cap ran 20% from 2022: worst share 30.00% in 2022, limit "
		"20.00%\n"
		"  holds  vendor share ran 60%: largest share 50.00% in 2021, limit "
		"60.00%\n"
		"  fails  deadline * by 2023: 3 HR units left at the end of 2023 (1 "
		"site, 3 units late)\n"
		"\n"
		"not complete: 3 HR units left at the end of 2023\n");
	free(got);
}

static void report_text_should_show_the_diagnosis_of_an_infeasible_plan(void **state)
{
	struct fixture *fx = *state;
	make_infeasible(fx);
	fx->s->name = "bad\033[31mname\n";
	char *got = capture(report_text_write, &fx->p);
	assert_no_trailing_spaces(got);
	/* Control characters from the user's files are shown as '?'. */
	assert_non_null(strstr(got, "scenario: bad\\x1b[31mname\\n\n"
				    "status: infeasible\nthe rules cannot all hold\n"));
	assert_non_null(strstr(got, "\ndiagnosis:\n"
				    "  deadline * by 2023 cannot hold: 3 units late\n"
				    "  money missing by 2023: EUR 12,000.00\n"));
	assert_non_null(strstr(got, "  fails  cap ran 20% from 2022"));
	/* No plan: no objectives, no timeline, no completion line. */
	assert_null(strstr(got, "timeline"));
	assert_null(strstr(got, "exposure: E"));
	assert_null(strstr(got, "complete"));
	free(got);
}

static void report_text_should_show_cost_first_for_the_cost_objective(void **state)
{
	struct fixture *fx = *state;
	struct plan *p = &fx->p;
	p->objective = OBJECTIVE_COST;
	p->status = PLAN_FEASIBLE;
	p->bound = 400000;
	p->gap = (p->present_cost - p->bound) / p->present_cost;
	p->heuristic_exposure = NAN;
	p->allow_late = false;
	p->completion_year = 2022;
	fx->s->carry_over = true;
	fx->years[0].budget = 2e6;
	fx->years[1].budget = 1e6;
	plan_round_money(p);
	char *got = capture(report_text_write, p);
	assert_no_trailing_spaces(got);
	assert_non_null(strstr(got, "status: feasible\n"
				    "objective: least present cost, then least exposure\n"
				    "cost: EUR 424,472.55 present value (bound EUR "
				    "400,000.00, gap 5.77%), EUR 437,446.18 nominal\n"
				    "exposure: E = 20 weighted unit-years\n"
				    "solve time"));
	/* The carry-over in reported cents: 2m - 165k, then that plus 1m
	 * less 272,446.18. */
	assert_non_null(strstr(got, "year  budget  available  spend"));
	assert_non_null(strstr(got, "2022      1m      2.83m   272k"));
	assert_non_null(strstr(got, "2023      1m      3.56m      0"));
	assert_non_null(strstr(got, "\ncompletion: every HR site swapped by 2022\n"));
	assert_null(strstr(got, "a simple rule"));
	assert_null(strstr(got, "violation"));
	free(got);
}

static void report_writers_should_fail_on_a_full_disk(void **state)
{
	struct fixture *fx = *state;
	writer_fn writers[] = {write_plan_csv, report_csv_write_timeline,
			       report_json_write_summary, report_text_write};
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++) {
		FILE *f = fopen("/dev/full", "w");
		assert_non_null(f);
		assert_false(writers[i](&fx->p, f));
		fclose(f);
	}
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(report_csv_write_plan_should_write_rows_in_plan_order),
		T(report_csv_write_timeline_should_sort_domain_columns_bytewise),
		T(report_csv_should_write_headers_only_without_sites_or_years),
		T(report_json_should_write_every_key_in_order_with_rounding),
		T(report_json_should_write_null_for_unknown_values),
		T(report_text_should_show_objectives_timeline_and_rules),
		T(report_text_should_show_the_diagnosis_of_an_infeasible_plan),
		T(report_text_should_show_cost_first_for_the_cost_objective),
		T(report_writers_should_fail_on_a_full_disk),
	};
#undef T
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
