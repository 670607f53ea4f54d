#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "output/report_check.h"
#include "plan/instance.h"
#include "plan/precheck.h"

#include "testscenario.h"

/* Two ran sites of Huawei in the north, 600 units each, a trusted core
 * site in the south; Ericsson takes ran at 1,250.5 a unit: one site fits
 * a year's budget, both do not. */
static struct scenario *base(void)
{
	struct scenario *s = make_scenario(2021, 2023);
	s->currency = "GBP";
	add_vendor(s, "Ericsson", "ran", 1250.5, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 600, 0, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 600, 0, NULL, NULL);
	add_site(s, "T", "south", "core", "Ericsson", 4, 0, NULL, NULL);
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = 1000000;
	return s;
}

/* The report of 's' as check prints it. */
static char *report(struct scenario *s, bool quiet)
{
	struct instance *in = make_instance(s, 1.0, true);
	struct precheck *pc = precheck_run(in);
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	report_check_write(f, s, in, pc, quiet);
	assert_int_equal(fclose(f), 0);
	precheck_destroy(pc);
	instance_destroy(in);
	return text;
}

static void has_line(const char *text, const char *line)
{
	if (!text)
		fail_msg("no report written");
	else if (!strstr(text, line))
		fail_msg("no line '%s' in:\n%s", line, text);
}

static void report_check_should_group_counts_and_money(void **state)
{
	(void)state;
	struct scenario *s = base();
	char *text = report(s, false);
	has_line(text, "\n  domain  sites  HR sites  units  HR units  HR share\n"
		       "  core        1         0      4         0      0.0%\n"
		       "  ran         2         2  1,200     1,200    100.0%\n"
		       "  all         3         2  1,204     1,200     99.7%\n");
	has_line(text, "\nSwap units: 2, each a single site\n");
	has_line(text, "\n  Ericsson: unit cost ran GBP 1,250.50; capacity unlimited\n");
	has_line(text, "\nBudget: GBP 3,000,000.00 in total over 2021-2023 "
		       "(GBP 1,000,000.00 a year)\n");
	free(text);
	scenario_destroy(s);
}

/* The rules read as the plan and the findings name them (rule_label.h). */
static void report_check_should_name_rules_as_every_report_does(void **state)
{
	(void)state;
	struct scenario *s = base();
	add_deadline(s, "ran", 2021, 7);
	s->objective = OBJECTIVE_COST;
	char *text = report(s, false);
	has_line(text, "\nRules:\n"
		       "  objective: cost (least present cost with every high-risk "
		       "site swapped by the end, then least exposure)\n"
		       "  every high-risk site swapped by 2023 (cost objective)\n"
		       "  ran high-risk sites swapped by 2021 (line 7)\n");
	has_line(text,
		 "\n  impossible: ran high-risk sites swapped by 2021 cannot hold: "
		 "the high-risk sites due by 2021 cost at least GBP "
		 "1,500,600.00 (each at its cheapest vendor and year), but the "
		 "budget of 2021 is GBP 1,000,000.00: GBP 500,600.00 short (line 7)\n");
	free(text);
	scenario_destroy(s);
}

static void report_check_should_print_only_findings_when_quiet(void **state)
{
	(void)state;
	struct scenario *s = base();
	char *text = report(s, true);
	assert_string_equal(text, "Findings:\n"
				  "  none\n"
				  "Result: nothing impossible found (0 notes)\n");
	free(text);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_check_should_group_counts_and_money),
		cmocka_unit_test(report_check_should_name_rules_as_every_report_does),
		cmocka_unit_test(report_check_should_print_only_findings_when_quiet),
	};
	return cmocka_run_group_tests_name("report_check", tests, NULL, NULL);
}
