#include "testutil.h"

#include <stdlib.h>

#include "plan/rule_label.h"

/* Compare, then free, a label. */
static void expect(char *label, const char *want)
{
	assert_string_equal(label, want);
	free(label);
}

static void rule_label_should_name_deadlines_by_domain_or_all(void **state)
{
	(void)state;
	struct deadline_rule core = {.domain = "core", .year = 2025, .line = 7};
	struct deadline_rule all = {.domain = NULL, .year = 2027, .line = 8};
	expect(rule_label_deadline(&core), "core high-risk sites swapped by 2025");
	expect(rule_label_deadline(&all), "all high-risk sites swapped by 2027");
	expect(rule_label_completion(2028),
	       "every high-risk site swapped by 2028 (cost objective)");
}

static void rule_label_should_name_a_cap_by_its_scope_and_share(void **state)
{
	(void)state;
	const char *doms[] = {"ran", "transport"};
	struct share_cap_rule two = {.domains = doms,
				     .n_domains = 2,
				     .region = "North",
				     .year = 2026,
				     .max_share = 0.5};
	struct share_cap_rule every = {.year = 2023, .max_share = 0.355};
	expect(rule_label_cap(&two),
	       "high-risk share of ran+transport in region North <= 50% from 2026");
	expect(rule_label_cap(&every),
	       "high-risk share of all domains <= 35.5% from 2023");
}

static void rule_label_should_name_vendor_shares(void **state)
{
	(void)state;
	expect(rule_label_vendor_share("Nokia", "core", 0.4),
	       "Nokia's share of core <= 40%");
	expect(rule_label_vendor_share(NULL, "ran", 0.7),
	       "every trusted vendor's share of ran <= 70%");
	expect(rule_label_vendor_share(NULL, NULL, 0.4),
	       "every trusted vendor's share of every domain <= 40%");
}

/* A chart shortens only the names: they sit between the marks. */
static void rule_label_should_mark_the_names_for_a_legend(void **state)
{
	(void)state;
	const char *doms[] = {"ran"};
	struct share_cap_rule cap = {
		.domains = doms, .n_domains = 1, .year = 2023, .max_share = 0.35};
	struct deadline_rule dl = {.domain = NULL, .year = 2025};
	expect(rule_label_cap_marked(&cap, "[", "]"),
	       "high-risk share of [ran] <= 35% from 2023");
	expect(rule_label_deadline_marked(&dl, "[", "]"),
	       "[all] high-risk sites swapped by 2025");
}

/* The short names a chart writes beside a dated rule's mark keep the
 * date as the scenario wrote it. */
static void rule_label_should_give_dated_rules_short_names(void **state)
{
	(void)state;
	const char *doms[] = {"ran", "core"};
	struct deadline_rule dl = {
		.domain = "core", .year = 2023, .when = {2023, true, {2023, 12, 31}, 11}};
	struct deadline_rule reg = {.domain = NULL,
				    .year = 2025,
				    .when = {2025, true, {2025, 5, 15}, 16},
				    .region_name = "North"};
	struct share_cap_rule cap = {.domains = doms,
				     .n_domains = 2,
				     .year = 2024,
				     .when = {2024, true, {2024, 8, 20}, 6},
				     .measure = CAP_SITES,
				     .max_share = 0.35};
	expect(rule_label_deadline_short_marked(&dl, "[", "]"),
	       "[core] swapped by 31 Dec 2023");
	expect(rule_label_deadline_short_marked(&reg, "", ""),
	       "all in North swapped by 15 May 2025");
	expect(rule_label_cap_short_marked(&cap, "[", "]"),
	       "[ran+core sites] <= 35% from 20 Aug 2024");
	cap.n_domains = 0;
	cap.measure = CAP_UNITS;
	cap.region = "south";
	expect(rule_label_cap_short_marked(&cap, "", ""),
	       "all domains in south <= 35% from 20 Aug 2024");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rule_label_should_name_deadlines_by_domain_or_all),
		cmocka_unit_test(rule_label_should_name_a_cap_by_its_scope_and_share),
		cmocka_unit_test(rule_label_should_name_vendor_shares),
		cmocka_unit_test(rule_label_should_mark_the_names_for_a_legend),
		cmocka_unit_test(rule_label_should_give_dated_rules_short_names),
	};
	return cmocka_run_group_tests_name("rule_label", tests, NULL, NULL);
}
