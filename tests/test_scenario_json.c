#include "testutil.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/scenario_json.h"
#include "util/diag.h"
#include "util/xalloc.h"

/*
 * The tests run in a fresh temporary folder, so that messages name
 * "scenario.json" exactly as a user in that folder would see them.
 *
 * In the tables, a single quote in the input stands for a double quote
 * (JSON is hard to read with every quote escaped); inputs marked 'raw'
 * are used as written. HEAD holds every required key on line 1, so the
 * keys a case adds start on line 2.
 */
#define FORMAT "'format': 'phaseout-scenario/1', "
#define NAME "'name': 't', "
#define HORIZON "'horizon': {'start': 2021, 'end': 2024}, "
#define SITES "'sites': 'sites.csv', "
#define HRV "'high_risk_vendors': ['Huawei'], "
#define VENDORS "'vendors': [{'name': 'Ericsson', 'unit_cost': {'ran': 10}}], "
#define HEAD "{" FORMAT NAME HORIZON SITES HRV VENDORS "\n"
/* HEAD of a version 2 file. */
#define FORMAT_2 "'format': 'phaseout-scenario/2', "
#define HEAD_2 "{" FORMAT_2 NAME HORIZON SITES HRV VENDORS "\n"

static char *diag_text(struct diag *d)
{
	if (diag_count(d) == 0)
		return xstrdup("");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	diag_print(d, f);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/*
 * load: scenario_load_json() on 'path'; returns the printed problems ("" for
 * none). The scenario goes to '*out' when 'out' is not NULL. The return
 * value of the loader must agree with the problems.
 */
static char *load(const char *path, struct scenario **out)
{
	struct diag d;
	diag_init(&d);
	struct scenario *s = scenario_create();
	bool ok = scenario_load_json(s, path, &d);
	assert_int_equal(ok, diag_count(&d) == 0);
	char *text = diag_text(&d);
	diag_finish(&d);
	if (out)
		*out = s;
	else
		scenario_destroy(s);
	return text;
}

static char *load_text(const char *text, bool raw, struct scenario **out)
{
	char *json = xstrdup(text);
	if (!raw)
		for (char *p = json; *p; p++)
			if (*p == '\'')
				*p = '"';
	free(testutil_write_file(".", "scenario.json", json));
	free(json);
	return load("scenario.json", out);
}

/* load_ok: load 'text' (quotes converted), which must have no problem. */
static struct scenario *load_ok(const char *text)
{
	struct scenario *s;
	char *problems = load_text(text, false, &s);
	assert_string_equal(problems, "");
	free(problems);
	return s;
}

struct bad_case {
	const char *name;
	const char *input;
	const char *expected;
	bool raw;
};

static void run_bad_cases(const struct bad_case *cases, size_t n)
{
	int failures = 0;
	for (size_t i = 0; i < n; i++) {
		char *got = load_text(cases[i].input, cases[i].raw, NULL);
		if (strcmp(got, cases[i].expected) != 0) {
			print_message("case '%s'\n--- expected:\n", cases[i].name);
			print_message("%s", cases[i].expected);
			print_message("--- got:\n");
			print_message("%s", got);
			failures++;
		}
		free(got);
	}
	assert_int_equal(failures, 0);
}

#define RUN(cases) run_bad_cases(cases, sizeof(cases) / sizeof(cases[0]))

static const struct bad_case syntax_cases[] = {
	{"trailing comma", HEAD "'budget': 5,}",
	 "scenario.json:2:13: malformed JSON: expected a key in double quotes, found "
	 "'}'\n",
	 false},
	{"text after the document", HEAD "'budget': 5}\nx",
	 "scenario.json:3:1: malformed JSON: expected end of file, found 'x'\n", false},
	{"unterminated string", HEAD "'description': 'abc}",
	 "scenario.json:2:16: malformed JSON: unterminated string\n", false},
	{"leading zero", HEAD "'budget': 01}",
	 "scenario.json:2:11: malformed JSON: invalid number '01'\n", false},
	{"number ending in a point", HEAD "'budget': 1.}",
	 "scenario.json:2:11: malformed JSON: invalid number '1.'\n", false},
	{"plus sign", HEAD "'budget': +5}",
	 "scenario.json:2:11: malformed JSON: expected a value, found '+'\n", false},
	{"bad literal", HEAD "'carry_over': tru}",
	 "scenario.json:2:15: malformed JSON: expected a value, found 'tru'\n", false},
	{"NaN", HEAD "'budget': NaN}",
	 "scenario.json:2:11: malformed JSON: expected a value, found 'NaN'\n", false},
	{"tab in a string", HEAD "'description': 'a\tb'}",
	 "scenario.json:2:18: malformed JSON: control character U+0009 in a string must "
	 "be escaped\n",
	 false},
	{"invalid UTF-8", HEAD "'description': 'caf\xe9'}",
	 "scenario.json:2:20: malformed JSON: invalid UTF-8 byte 0xE9 (save the file as "
	 "UTF-8, not Windows-1252 or Latin-1)\n",
	 false},
	{"overlong UTF-8", HEAD "'description': '\xc0\xaf'}",
	 "scenario.json:2:17: malformed JSON: invalid UTF-8 byte 0xC0 (save the file as "
	 "UTF-8, not Windows-1252 or Latin-1)\n",
	 false},
	{"lone surrogate", HEAD "'description': '\\ud800'}",
	 "scenario.json:2:17: malformed JSON: lone surrogate '\\ud800'\n", false},
	{"NUL escape", HEAD "'description': 'a\\u0000'}",
	 "scenario.json:2:18: '\\u0000' is not allowed in a string\n", false},
	{"invalid escape", HEAD "'description': '\\q'}",
	 "scenario.json:2:17: malformed JSON: invalid escape '\\q' in a string\n", false},
	{"empty file", "",
	 "scenario.json:1:1: malformed JSON: expected a value, found end of file\n",
	 true},
	{"blank file", "\n\n",
	 "scenario.json:3:1: malformed JSON: expected a value, found end of file\n",
	 true},
	{"single quotes", "{'format': 1}",
	 "scenario.json:1:2: malformed JSON: expected a key in double quotes, found "
	 "'''\n",
	 true},
	{"missing colon", HEAD "'budget' 5}",
	 "scenario.json:2:10: malformed JSON: expected ':' after the key, found '5'\n",
	 false},
	{"missing comma", HEAD "'deadlines': [1 2]}",
	 "scenario.json:2:17: malformed JSON: expected ',' or ']', found '2'\n", false},
	{"unclosed object", HEAD "'budget': 5",
	 "scenario.json:2:12: malformed JSON: expected ',' or '}', found end of file\n",
	 false},
	{"form feed as space", "{\f}",
	 "scenario.json:1:2: malformed JSON: expected a key in double quotes, found "
	 "U+000C\n",
	 false},
	{"columns count characters", HEAD "'description': 'caf\xc3\xa9', 'dealines': 1}",
	 "scenario.json:2:24: unknown key 'dealines' (did you mean 'deadlines'?)\n",
	 false},
	{"byte-order mark is no column",
	 "\xef\xbb\xbf{" NAME HORIZON SITES HRV VENDORS "'budget': 1e999}",
	 "scenario.json:1: missing required key 'format'\n"
	 "scenario.json:1:172: 'budget' must be a finite number, not '1e999'\n",
	 false},
	{"not an object", "[1]",
	 "scenario.json:1:1: the scenario must be a JSON object, not an array\n", false},
};

static void scenario_json_should_report_malformed_json_with_line_and_column(void **state)
{
	(void)state;
	RUN(syntax_cases);
}

static const struct bad_case key_cases[] = {
	{"every required key", "{}",
	 "scenario.json:1: missing required key 'format'\n"
	 "scenario.json:1: missing required key 'name'\n"
	 "scenario.json:1: missing required key 'horizon'\n"
	 "scenario.json:1: missing required key 'sites'\n"
	 "scenario.json:1: missing required key 'high_risk_vendors'\n"
	 "scenario.json:1: missing required key 'vendors'\n",
	 false},
	{"unknown key", HEAD "'dealines': []}",
	 "scenario.json:2:1: unknown key 'dealines' (did you mean 'deadlines'?)\n",
	 false},
	{"no key is near", HEAD "'colour': 'red'}",
	 "scenario.json:2:1: unknown key 'colour'\n", false},
	{"a key near one given is no misspelling of it",
	 HEAD "'budget': 1, 'budgets': 2}", "scenario.json:2:14: unknown key 'budgets'\n",
	 false},
	{"a misspelt version 2 key", HEAD_2 "'vendor_region': {}}",
	 "scenario.json:2:1: unknown key 'vendor_region' (did you mean "
	 "'vendor_regions'?)\n",
	 false},
	{"keys are case-sensitive", HEAD "'Budget': 1}",
	 "scenario.json:2:1: unknown key 'Budget' (did you mean 'budget'?)\n", false},
	{"duplicate key", HEAD "'name': 'u'}",
	 "scenario.json:2:1: duplicate key 'name'\n", false},
	{"duplicate domain key", HEAD "'site_cost': {'ran': 1, 'ran': 2}}",
	 "scenario.json:2:25: duplicate key 'site_cost.ran'\n", false},
	{"duplicate year key", HEAD "'budget': {'2021': 1, '2021': 2}}",
	 "scenario.json:2:23: duplicate key 'budget.2021'\n", false},
	{"duplicate region", HEAD "'crews': {'regions': {'north': 1, 'north': 2}}}",
	 "scenario.json:2:35: duplicate key 'crews.regions.north'\n", false},
	{"unknown key in a cap",
	 HEAD "'share_caps': [{'domain': 'ran', 'year': 2023, "
	      "'max_share': 0.5, 'regoin': 'x'}]}",
	 "scenario.json:2:66: unknown key 'share_caps[0].regoin' (did "
	 "you mean 'region'?)\n",
	 false},
	{"unknown key in a vendor",
	 "{" FORMAT NAME HORIZON SITES HRV
	 "\n'vendors': [{'name': 'Nokia', 'unit_cost': {}, "
	 "'capasity': 5}]}",
	 "scenario.json:2:48: unknown key 'vendors[0].capasity' (did "
	 "you mean 'capacity'?)\n",
	 false},
	{"missing keys in rules",
	 HEAD "'deadlines': [{'domain': 'ran'},\n {'year': 2023}],\n 'share_caps': [{}]}",
	 "scenario.json:2: missing required key 'deadlines[0].year'\n"
	 "scenario.json:3: missing required key 'deadlines[1].domain'\n"
	 "scenario.json:4: missing required key 'share_caps[0].domain'\n"
	 "scenario.json:4: missing required key 'share_caps[0].year'\n"
	 "scenario.json:4: missing required key 'share_caps[0].max_share'\n",
	 false},
	{"missing horizon end",
	 "{" FORMAT NAME SITES HRV VENDORS "\n'horizon': {'start': 2021}}",
	 "scenario.json:2: missing required key 'horizon.end'\n", false},
	{"missing vendor keys",
	 "{" FORMAT NAME HORIZON SITES HRV
	 "\n'vendors': [{'unit_cost': {}}, {'name': 'Nokia'}]}",
	 "scenario.json:2: missing required key 'vendors[0].name'\n"
	 "scenario.json:2: missing required key 'vendors[1].unit_cost'\n",
	 false},
	{"crews regions with other keys", HEAD "'crews': {'regions': {}, '2021': 3}}",
	 "scenario.json:2:26: unknown key 'crews.2021'\n", false},
	{"bad year keys",
	 HEAD "'budget': {'21': 1, '02021': 2, '0999': 3, 'Default': 4, ' 2021': 5}}",
	 "scenario.json:2:12: unknown key 'budget.21': expected 'default' or a 4-digit "
	 "year\n"
	 "scenario.json:2:21: unknown key 'budget.02021': expected 'default' or a "
	 "4-digit "
	 "year\n"
	 "scenario.json:2:33: unknown key 'budget.0999': expected 'default' or a 4-digit "
	 "year\n"
	 "scenario.json:2:44: unknown key 'budget.Default': expected 'default' or a "
	 "4-digit "
	 "year\n"
	 "scenario.json:2:58: unknown key 'budget. 2021': expected 'default' or a "
	 "4-digit "
	 "year\n",
	 false},
	{"bad key in a region's crews",
	 HEAD "'crews': {'regions': {'north': {'2022': 1, 'x': 2}}}}",
	 "scenario.json:2:44: unknown key 'crews.regions.north.x': expected 'default' or "
	 "a "
	 "4-digit year\n",
	 false},
	{"control character in a key", HEAD "'dead\\nlines': 1}",
	 "scenario.json:2:1: unknown key 'dead\\nlines' (did you mean "
	 "'deadlines'?)\n",
	 false},
};

static void scenario_json_should_reject_unknown_duplicate_and_missing_keys(void **state)
{
	(void)state;
	RUN(key_cases);
}

static const struct bad_case type_cases[] = {
	{"top-level types",
	 "{'format': 1,\n 'name': [],\n 'description': 2,\n 'currency': null,\n"
	 " 'horizon': '2021-2024',\n 'sites': true,\n 'high_risk_vendors': 'Huawei',\n"
	 " 'vendors': {},\n 'site_cost': 5,\n 'budget': 'lots',\n 'carry_over': 'yes',\n"
	 " 'discount_rate': '3%',\n 'cost_escalation': false,\n 'deadlines': {},\n"
	 " 'share_caps': 1,\n 'max_vendor_share': '50%',\n 'crews': [],\n 'objective': "
	 "1}",
	 "scenario.json:1:2: 'format' must be a string, not a number\n"
	 "scenario.json:2:2: 'name' must be a string, not an array\n"
	 "scenario.json:3:2: 'description' must be a string, not a number\n"
	 "scenario.json:4:2: 'currency' must be a string, not null\n"
	 "scenario.json:5:2: 'horizon' must be an object, not a string\n"
	 "scenario.json:6:2: 'sites' must be a string, not true\n"
	 "scenario.json:7:2: 'high_risk_vendors' must be an array of vendor names, not a "
	 "string\n"
	 "scenario.json:8:2: 'vendors' must be an array of vendor objects, not an "
	 "object\n"
	 "scenario.json:9:2: 'site_cost' must be an object of domain names to numbers, "
	 "not a "
	 "number\n"
	 "scenario.json:10:2: 'budget' must be a number in [0, 1e15] or an object of "
	 "per-year "
	 "numbers, not a string\n"
	 "scenario.json:11:2: 'carry_over' must be true or false, not a string\n"
	 "scenario.json:12:2: 'discount_rate' must be a number in [0, 1), not a string\n"
	 "scenario.json:13:2: 'cost_escalation' must be a number in (-1, 1), not false\n"
	 "scenario.json:14:2: 'deadlines' must be an array of objects, not an object\n"
	 "scenario.json:15:2: 'share_caps' must be an array of objects, not a number\n"
	 "scenario.json:16:2: 'max_vendor_share' must be a number in [0, 1] or an object "
	 "of "
	 "domain names to numbers, not a string\n"
	 "scenario.json:17:2: 'crews' must be a number >= 0 or an object of per-year "
	 "numbers, not an array\n"
	 "scenario.json:18:2: 'objective' must be a string, not a number\n",
	 false},
	{"nested types",
	 "{" FORMAT NAME HORIZON SITES "\n'high_risk_vendors': ['Huawei', 5],\n"
	 " 'vendors': ['Nokia', {'name': 7, 'unit_cost': [], 'capacity': 'many'}],\n"
	 " 'budget': {'2021': '1m'},\n"
	 " 'deadlines': [{'domain': 1, 'year': '2023'}],\n"
	 " 'share_caps': [{'domain': 5, 'year': 2023, 'max_share': '1/3', 'region': "
	 "1}],\n"
	 " 'crews': {'regions': [], 'default': {'default': null}}}",
	 "scenario.json:2:33: 'high_risk_vendors[1]' must be a string, not a number\n"
	 "scenario.json:3:14: 'vendors[0]' must be an object, not a string\n"
	 "scenario.json:3:24: 'vendors[1].name' must be a string, not a number\n"
	 "scenario.json:3:35: 'vendors[1].unit_cost' must be an object of domain names "
	 "to "
	 "numbers, not an array\n"
	 "scenario.json:3:52: 'vendors[1].capacity' must be a number >= 0 or an object "
	 "of "
	 "per-year numbers, not a string\n"
	 "scenario.json:4:13: 'budget.2021' must be a number in [0, 1e15], not a string\n"
	 "scenario.json:5:17: 'deadlines[0].domain' must be a string, not a number\n"
	 "scenario.json:5:30: 'deadlines[0].year' must be a whole year from 1000 to "
	 "9999, "
	 "not a string\n"
	 "scenario.json:6:18: 'share_caps[0].domain' must be a domain name, an array of "
	 "domain names or '*', not a number\n"
	 "scenario.json:6:45: 'share_caps[0].max_share' must be a number in [0, 1], not "
	 "a "
	 "string\n"
	 "scenario.json:6:65: 'share_caps[0].region' must be a string, not a number\n"
	 "scenario.json:7:12: 'crews.regions' must be an object of region names to "
	 "per-year "
	 "numbers, not an array\n"
	 "scenario.json:7:39: 'crews.default.default' must be a number >= 0, not null\n",
	 false},
	{"rules that are not objects", HEAD "'deadlines': [5], 'share_caps': ['ran']}",
	 "scenario.json:2:15: 'deadlines[0]' must be an object, not a number\n"
	 "scenario.json:2:34: 'share_caps[0]' must be an object, not a string\n",
	 false},
};

static void scenario_json_should_reject_wrong_types(void **state)
{
	(void)state;
	RUN(type_cases);
}

static const struct bad_case number_cases[] = {
	{"non-finite numbers",
	 "{" FORMAT NAME HORIZON SITES HRV "\n'budget': 1e999,\n"
	 " 'vendors': [{'name': 'Nokia', 'unit_cost': {'ran': -1e999}}],\n"
	 " 'discount_rate': 1E400}",
	 "scenario.json:2:1: 'budget' must be a finite number, not '1e999'\n"
	 "scenario.json:3:46: 'vendors[0].unit_cost.ran' must be a finite number, not "
	 "'-1e999'\n"
	 "scenario.json:4:2: 'discount_rate' must be a finite number, not '1E400'\n",
	 false},
	{"negative money, units and crews",
	 "{" FORMAT NAME HORIZON SITES HRV "\n'budget': {'default': -1},\n"
	 " 'site_cost': {'core': -0.5},\n"
	 " 'vendors': [{'name': 'Nokia', 'unit_cost': {'ran': -5}, 'capacity': {'2022': "
	 "-2}}],\n"
	 " 'crews': {'default': -1, 'regions': {'north': -3, 'south': {'default': -4}}}}",
	 "scenario.json:2:12: 'budget.default' must be a number in [0, 1e15], not '-1'\n"
	 "scenario.json:3:16: 'site_cost.core' must be a number in [0, 1e15], not "
	 "'-0.5'\n"
	 "scenario.json:4:46: 'vendors[0].unit_cost.ran' must be a number in [0, 1e15], "
	 "not "
	 "'-5'\n"
	 "scenario.json:4:71: 'vendors[0].capacity.2022' must be a number >= 0, not "
	 "'-2'\n"
	 "scenario.json:5:12: 'crews.default' must be a number >= 0, not '-1'\n"
	 "scenario.json:5:39: 'crews.regions.north' must be a number >= 0, not '-3'\n"
	 "scenario.json:5:62: 'crews.regions.south.default' must be a number >= 0, not "
	 "'-4'\n",
	 false},
	{"plain crews negative", HEAD "'crews': -2.5}",
	 "scenario.json:2:1: 'crews' must be a number >= 0, not '-2.5'\n", false},
	{"rates at the open ends", HEAD "'discount_rate': 1, 'cost_escalation': -1}",
	 "scenario.json:2:1: 'discount_rate' must be a number in [0, 1), not '1'\n"
	 "scenario.json:2:21: 'cost_escalation' must be a number in (-1, 1), not '-1'\n",
	 false},
	{"rates below and above", HEAD "'discount_rate': -0.01, 'cost_escalation': 1}",
	 "scenario.json:2:1: 'discount_rate' must be a number in [0, 1), not '-0.01'\n"
	 "scenario.json:2:25: 'cost_escalation' must be a number in (-1, 1), not '1'\n",
	 false},
	{"shares",
	 HEAD "'max_vendor_share': 1.5,\n"
	      " 'share_caps': [{'domain': 'ran', 'year': 2023, 'max_share': -0.1}]}",
	 "scenario.json:2:1: 'max_vendor_share' must be a number in [0, 1], not '1.5'\n"
	 "scenario.json:3:49: 'share_caps[0].max_share' must be a number in [0, 1], not "
	 "'-0.1'\n",
	 false},
	{"share object", HEAD "'max_vendor_share': {'ran': 1.01, '': 0.5}}",
	 "scenario.json:2:22: 'max_vendor_share.ran' must be a number in [0, 1], not "
	 "'1.01'\n"
	 "scenario.json:2:35: empty domain name in 'max_vendor_share'\n",
	 false},
	{"years",
	 HEAD "'deadlines': [{'domain': 'ran', 'year': 2023.5},\n"
	      " {'domain': 'ran', 'year': 999},\n"
	      " {'domain': 'ran', 'year': 10000},\n"
	      " {'domain': 'ran', 'year': 2.023e3}]}",
	 "scenario.json:2:33: 'deadlines[0].year' must be a whole year from 1000 to "
	 "9999, "
	 "not '2023.5'\n"
	 "scenario.json:3:20: 'deadlines[1].year' must be a whole year from 1000 to "
	 "9999, "
	 "not '999'\n"
	 "scenario.json:4:20: 'deadlines[2].year' must be a whole year from 1000 to "
	 "9999, "
	 "not '10000'\n",
	 false},
	{"horizon end before start",
	 "{" FORMAT NAME SITES HRV VENDORS "\n'horizon': {'start': 2024, 'end': 2021}}",
	 "scenario.json:2:28: 'horizon.end' must be >= 'horizon.start' 2024, not "
	 "'2021'\n",
	 false},
	{"horizon of 51 years",
	 "{" FORMAT NAME SITES HRV VENDORS "\n'horizon': {'start': 2000, 'end': 2050}}",
	 "scenario.json:2:1: 'horizon' must span at most 50 years, not 51 (2000 to "
	 "2050)\n",
	 false},
	{"per-year values without a horizon",
	 "{" FORMAT NAME SITES HRV VENDORS "\n'horizon': {'start': 2021.5, 'end': 2024}, "
	 "'budget': {'2022': -1}}",
	 "scenario.json:2:13: 'horizon.start' must be a whole year from 1000 to 9999, "
	 "not "
	 "'2021.5'\n"
	 "scenario.json:2:55: 'budget.2022' must be a number in [0, 1e15], not '-1'\n",
	 false},
};

static void scenario_json_should_reject_numbers_out_of_range(void **state)
{
	(void)state;
	RUN(number_cases);
}

static const struct bad_case value_cases[] = {
	{"wrong format",
	 "{" NAME HORIZON SITES HRV VENDORS "\n'format': 'phaseout-scenario/3'}",
	 "scenario.json:2:1: 'format' must be 'phaseout-scenario/1' or "
	 "'phaseout-scenario/2', not 'phaseout-scenario/3'\n",
	 false},
	{"empty names",
	 "{" FORMAT HORIZON HRV "\n'name': '', 'sites': '',\n"
	 " 'vendors': [{'name': '', 'unit_cost': {'': 1}}]}",
	 "scenario.json:2:1: 'name' must not be empty\n"
	 "scenario.json:2:13: 'sites' must not be empty\n"
	 "scenario.json:3:15: 'vendors[0].name' must not be empty\n"
	 "scenario.json:3:41: empty domain name in 'vendors[0].unit_cost'\n",
	 false},
	{"empty high-risk list",
	 "{" FORMAT NAME HORIZON SITES VENDORS "\n'high_risk_vendors': []}",
	 "scenario.json:2:1: 'high_risk_vendors' must name at least one vendor\n", false},
	{"repeated high-risk vendor",
	 "{" FORMAT NAME HORIZON SITES VENDORS "\n'high_risk_vendors': ['Huawei', 'ZTE', "
	 "'Huawei', '']}",
	 "scenario.json:2:40: duplicate vendor 'Huawei' in 'high_risk_vendors'\n"
	 "scenario.json:2:50: 'high_risk_vendors[3]' must not be empty\n",
	 false},
	{"repeated trusted vendor",
	 "{" FORMAT NAME HORIZON SITES HRV
	 "\n'vendors': [{'name': 'Nokia', 'unit_cost': {}},\n"
	 " {'name': 'Nokia', 'unit_cost': {}}]}",
	 "scenario.json:3:3: duplicate vendor 'Nokia' in 'vendors'\n", false},
	{"vendor both high-risk and trusted",
	 "{" FORMAT NAME HORIZON SITES "\n'high_risk_vendors': ['Huawei', 'ZTE'],\n"
	 " 'vendors': [{'name': 'ZTE', 'unit_cost': {'ran': 1}}]}",
	 "scenario.json:3:15: vendor 'ZTE' is listed both in 'high_risk_vendors' and in "
	 "'vendors'\n",
	 false},
	{"currency", HEAD "'currency': 'pounds'}",
	 "scenario.json:2:1: 'currency' must be a 3-letter ISO 4217 code such as 'GBP', "
	 "not "
	 "'pounds'\n",
	 false},
	{"lower-case currency", HEAD "'currency': 'eur'}",
	 "scenario.json:2:1: 'currency' must be a 3-letter ISO 4217 code such as 'GBP', "
	 "not "
	 "'eur'\n",
	 false},
	{"objective", HEAD "'objective': 'Cost'}",
	 "scenario.json:2:1: 'objective' must be 'exposure' or 'cost', not 'Cost'\n",
	 false},
	{"cap domains",
	 HEAD "'share_caps': [{'domain': [], 'year': 2023, 'max_share': 0.5},\n"
	      " {'domain': ['ran', '*'], 'year': 2023, 'max_share': 0.5},\n"
	      " {'domain': ['ran', 'core', 'ran'], 'year': 2023, 'max_share': 0.5},\n"
	      " {'domain': '', 'year': 2023, 'max_share': 0.5, 'region': ''}]}",
	 "scenario.json:2:17: 'share_caps[0].domain' must list at least one domain\n"
	 "scenario.json:3:21: 'share_caps[1].domain[1]' is '*', which must stand alone, "
	 "not "
	 "in an array\n"
	 "scenario.json:4:29: duplicate domain 'ran' in 'share_caps[2].domain'\n"
	 "scenario.json:5:3: 'share_caps[3].domain' must not be empty\n"
	 "scenario.json:5:49: 'share_caps[3].region' must not be empty\n",
	 false},
	{"empty deadline domain", HEAD "'deadlines': [{'domain': '', 'year': 2023}]}",
	 "scenario.json:2:16: 'deadlines[0].domain' must not be empty\n", false},
	{"empty region name", HEAD "'crews': {'regions': {'': 1}}}",
	 "scenario.json:2:23: empty region name in 'crews.regions'\n", false},
	{"long values are cut",
	 HEAD "'objective': '"
	      "exposure-exposure-exposure-exposure-exposure-exposure-exposure-exposure-"
	      "exposure"
	      "'}",
	 "scenario.json:2:1: 'objective' must be 'exposure' or 'cost', not "
	 "'exposure-exposure-exposure-exposure-exposure-exposure-exposure-exposure-expo.."
	 ".'\n",
	 false},
	{"control characters in values are hidden", HEAD "'objective': 'co\\nst'}",
	 "scenario.json:2:1: 'objective' must be 'exposure' or 'cost', not 'co\\nst'\n",
	 false},
};

static void scenario_json_should_reject_bad_values(void **state)
{
	(void)state;
	RUN(value_cases);
}

static void scenario_json_should_reject_a_nul_byte(void **state)
{
	(void)state;
	static const char text[] = "{\"name\": \"t\"}\0{}";
	FILE *f = fopen("scenario.json", "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, sizeof(text) - 1, f), sizeof(text) - 1);
	assert_int_equal(fclose(f), 0);
	char *got = load("scenario.json", NULL);
	assert_string_equal(got,
			    "scenario.json:1:14: malformed JSON: expected end of file, "
			    "found U+0000\n");
	free(got);
}

static void scenario_json_should_reject_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 2000;
	char *text = xmalloc(2 * depth + 1);
	memset(text, '[', depth);
	memset(text + depth, ']', depth);
	text[2 * depth] = '\0';
	char *got = load_text(text, true, NULL);
	assert_string_equal(
		got,
		"scenario.json:1:501: malformed JSON: nested deeper than 500 levels\n");
	free(got);
	free(text);
}

static void scenario_json_should_report_a_file_that_cannot_be_read(void **state)
{
	(void)state;
	char *got = load("missing.json", NULL);
	assert_string_equal(got,
			    "missing.json: cannot read: No such file or directory\n");
	free(got);
	got = load(".", NULL);
	assert_string_equal(got, ".: cannot read: not a regular file (a folder)\n");
	free(got);
}

static void assert_years(const double *got, const double *want, int n)
{
	assert_non_null(got);
	for (int i = 0; i < n; i++)
		assert_double_near(got[i], want[i], 0);
}

static const char *domain_of(const struct domain_value *dv, size_t n, size_t i)
{
	assert_true(i < n);
	return dv[i].domain;
}

static void scenario_json_should_load_every_key(void **state)
{
	(void)state;
	const char *path = TEST_DATA_DIR "/json/full.json";
	struct scenario *s;
	char *problems = load(path, &s);
	assert_string_equal(problems, "");
	free(problems);

	assert_string_equal(s->json_path, path);
	assert_string_equal(s->sites_path, TEST_DATA_DIR "/json/sites.csv");
	assert_string_equal(s->name, "Full example");
	assert_string_equal(s->description, "Every key of the format");
	assert_string_equal(s->currency, "EUR");
	assert_int_equal(s->start, 2021);
	assert_int_equal(s->end, 2025);
	assert_int_equal(s->n_years, 5);

	assert_int_equal(s->n_high_risk_vendors, 2);
	assert_string_equal(s->high_risk_vendors[0], "Huawei");
	assert_string_equal(s->high_risk_vendors[1], "ZTE");

	assert_int_equal(s->n_vendors, 3);
	const struct trusted_vendor *v = s->vendors;
	assert_string_equal(v[0].name, "Ericsson");
	assert_int_equal(v[0].line, 10);
	assert_int_equal(v[0].n_unit_cost, 2);
	assert_string_equal(domain_of(v[0].unit_cost, v[0].n_unit_cost, 1), "core");
	assert_double_near(scenario_unit_cost(&v[0], "ran"), 16000, 0);
	assert_double_near(scenario_unit_cost(&v[0], "core"), 130000, 0);
	assert_true(isnan(scenario_unit_cost(&v[0], "transport")));
	assert_years(v[0].capacity, (double[]){100, 400, 400, 400, 400}, 5);
	assert_string_equal(v[1].name, "Nokia");
	assert_int_equal(v[1].line, 12);
	assert_double_near(scenario_unit_cost(&v[1], "ran"), 15500.5, 0);
	assert_double_near(scenario_unit_cost(&v[1], "transport"), 9000, 0);
	assert_years(v[1].capacity, (double[]){250, 250, 250, 250, 250}, 5);
	assert_string_equal(v[2].name, "Samsung");
	assert_years(v[2].capacity,
		     (double[]){INFINITY, INFINITY, INFINITY, INFINITY, INFINITY}, 5);

	assert_int_equal(s->n_site_cost, 2);
	assert_int_equal(s->site_cost[0].line, 15);
	assert_double_near(scenario_site_cost(s, "ran"), 25000, 0);
	assert_double_near(scenario_site_cost(s, "core"), 400000, 0);
	assert_double_near(scenario_site_cost(s, "access"), 0, 0);

	assert_years(s->budget, (double[]){90e6, 150e6, 150e6, 150e6, 150e6}, 5);
	assert_true(s->carry_over);
	assert_double_near(s->discount_rate, 0.035, 0);
	assert_double_near(s->cost_escalation, -0.02, 0);

	assert_int_equal(s->n_deadlines, 2);
	assert_string_equal(s->deadlines[0].domain, "core");
	assert_int_equal(s->deadlines[0].year, 2023);
	assert_int_equal(s->deadlines[0].line, 20);
	assert_null(s->deadlines[1].domain);
	assert_int_equal(s->deadlines[1].year, 2027);

	assert_int_equal(s->n_caps, 3);
	const struct share_cap_rule *c = s->caps;
	assert_int_equal(c[0].n_domains, 1);
	assert_string_equal(c[0].domains[0], "ran");
	assert_null(c[0].region);
	assert_int_equal(c[0].year, 2022);
	assert_double_near(c[0].max_share, 0.35, 0);
	assert_int_equal(c[0].line, 22);
	assert_int_equal(c[1].n_domains, 2);
	assert_string_equal(c[1].domains[0], "ran");
	assert_string_equal(c[1].domains[1], "transport");
	assert_string_equal(c[1].region, "north");
	assert_int_equal(c[1].year, 2024);
	assert_double_near(c[1].max_share, 0.1, 0);
	assert_int_equal(c[2].n_domains, 0);
	assert_int_equal(c[2].year, 2020);

	assert_true(isnan(s->vendor_share_all));
	assert_int_equal(s->n_vendor_share, 2);
	assert_double_near(scenario_vendor_share_limit(s, "ran"), 0.6, 0);
	assert_double_near(scenario_vendor_share_limit(s, "core"), 1, 0);
	assert_true(isnan(scenario_vendor_share_limit(s, "transport")));

	assert_years(s->crews_default, (double[]){4, 12, 12, 12, 12}, 5);
	assert_int_equal(s->n_crews_regions, 3);
	assert_string_equal(s->crews_regions[0].region, "north");
	assert_int_equal(s->crews_regions[0].line, 29);
	assert_years(s->crews_regions[0].per_year, (double[]){4, 12, 20, 12, 12}, 5);
	assert_string_equal(s->crews_regions[1].region, "south");
	assert_years(s->crews_regions[1].per_year, (double[]){6, 6, 6, 6, 8}, 5);
	assert_string_equal(s->crews_regions[2].region, "east");
	assert_years(s->crews_regions[2].per_year, (double[]){3, 3, 3, 3, 3}, 5);
	assert_double_near(scenario_crews(s, "west", 0), 4, 0);
	assert_double_near(scenario_crews(s, "south", 4), 8, 0);

	assert_int_equal(s->objective, OBJECTIVE_COST);
	scenario_destroy(s);
}

static void scenario_json_should_apply_defaults(void **state)
{
	(void)state;
	struct scenario *s = load_ok(HEAD "'description': ''}");
	const double inf4[] = {INFINITY, INFINITY, INFINITY, INFINITY};
	assert_string_equal(s->description, "");
	assert_string_equal(s->currency, "GBP");
	assert_int_equal(s->n_years, 4);
	assert_years(s->budget, inf4, 4);
	assert_years(s->vendors[0].capacity, inf4, 4);
	assert_years(s->crews_default, inf4, 4);
	assert_int_equal(s->n_crews_regions, 0);
	assert_false(s->carry_over);
	assert_double_near(s->discount_rate, 0, 0);
	assert_double_near(s->cost_escalation, 0, 0);
	assert_int_equal(s->n_site_cost, 0);
	assert_int_equal(s->n_deadlines, 0);
	assert_int_equal(s->n_caps, 0);
	assert_true(isnan(s->vendor_share_all));
	assert_int_equal(s->n_vendor_share, 0);
	assert_int_equal(s->objective, OBJECTIVE_EXPOSURE);
	scenario_destroy(s);

	s = load_ok("{" FORMAT NAME HORIZON SITES HRV "'vendors': []}");
	assert_null(s->description);
	assert_int_equal(s->n_vendors, 0);
	scenario_destroy(s);
}

struct per_year_case {
	const char *budget;
	double want[4]; /* 2021 .. 2024 */
};

static void scenario_json_should_resolve_every_form_of_per_year_number(void **state)
{
	(void)state;
	static const struct per_year_case cases[] = {
		{"7", {7, 7, 7, 7}},
		{"0", {0, 0, 0, 0}},
		{"{}", {INFINITY, INFINITY, INFINITY, INFINITY}},
		{"{'default': 5}", {5, 5, 5, 5}},
		{"{'2022': 3}", {INFINITY, 3, INFINITY, INFINITY}},
		{"{'2022': 3, 'default': 5}", {5, 3, 5, 5}},
		{"{'2024': 1, '2021': 2e6}", {2e6, INFINITY, INFINITY, 1}},
		{"{'2019': 1, '2030': 2, 'default': 4}", {4, 4, 4, 4}},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = xasprintf(HEAD "'budget': %s}", cases[i].budget);
		struct scenario *s = load_ok(text);
		assert_years(s->budget, cases[i].want, 4);
		free(text);
		scenario_destroy(s);
		text = xasprintf("{" FORMAT NAME HORIZON SITES HRV
				 "\n'vendors': [{'name': "
				 "'V', 'unit_cost': {}, 'capacity': %s}]}",
				 cases[i].budget);
		s = load_ok(text);
		assert_years(s->vendors[0].capacity, cases[i].want, 4);
		free(text);
		scenario_destroy(s);
	}
}

struct crews_case {
	const char *crews;
	double want_default[4];
	const char *region; /* NULL: no regions */
	double want_region[4];
};

static void scenario_json_should_resolve_every_form_of_crews(void **state)
{
	(void)state;
	const double inf = INFINITY;
	const struct crews_case cases[] = {
		{"3", {3, 3, 3, 3}, NULL, {0}},
		{"{'default': 2, '2023': 5}", {2, 2, 5, 2}, NULL, {0}},
		{"{'regions': {'north': 4}}",
		 {inf, inf, inf, inf},
		 "north",
		 {4, 4, 4, 4}},
		{"{'regions': {'north': {'2022': 1}}}",
		 {inf, inf, inf, inf},
		 "north",
		 {inf, 1, inf, inf}},
		{"{'default': 6, 'regions': {'north': {'2022': 1}}}",
		 {6, 6, 6, 6},
		 "north",
		 {6, 1, 6, 6}},
		{"{'default': {'2021': 9, 'default': 6}, 'regions': {'north': {'2022': "
		 "1}}}",
		 {9, 6, 6, 6},
		 "north",
		 {9, 1, 6, 6}},
		{"{'default': {'2021': 9}, 'regions': {'north': {'default': 2, '2024': "
		 "0}}}",
		 {9, inf, inf, inf},
		 "north",
		 {2, 2, 2, 0}},
		{"{'default': 5, 'regions': {'north': {}}}",
		 {5, 5, 5, 5},
		 "north",
		 {5, 5, 5, 5}},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = xasprintf(HEAD "'crews': %s}", cases[i].crews);
		struct scenario *s = load_ok(text);
		assert_years(s->crews_default, cases[i].want_default, 4);
		if (cases[i].region) {
			assert_int_equal(s->n_crews_regions, 1);
			assert_string_equal(s->crews_regions[0].region, cases[i].region);
			assert_years(s->crews_regions[0].per_year, cases[i].want_region,
				     4);
			assert_int_equal(s->crews_regions[0].line, 2);
		} else {
			assert_int_equal(s->n_crews_regions, 0);
		}
		free(text);
		scenario_destroy(s);
	}
}

static void scenario_json_should_load_both_forms_of_vendor_share(void **state)
{
	(void)state;
	struct scenario *s = load_ok(HEAD "'max_vendor_share': 0.4}");
	assert_double_near(s->vendor_share_all, 0.4, 0);
	assert_int_equal(s->n_vendor_share, 0);
	assert_double_near(scenario_vendor_share_limit(s, "ran"), 0.4, 0);
	scenario_destroy(s);

	s = load_ok(HEAD "'max_vendor_share': {'ran': 0, 'core': 1}}");
	assert_true(isnan(s->vendor_share_all));
	assert_int_equal(s->n_vendor_share, 2);
	assert_string_equal(s->vendor_share[0].domain, "ran");
	assert_double_near(s->vendor_share[0].value, 0, 0);
	assert_string_equal(s->vendor_share[1].domain, "core");
	assert_double_near(s->vendor_share[1].value, 1, 0);
	assert_int_equal(s->vendor_share[1].line, 2);
	scenario_destroy(s);
}

static void scenario_json_should_accept_rule_years_outside_the_horizon(void **state)
{
	(void)state;
	struct scenario *s =
		load_ok(HEAD "'deadlines': [{'domain': '*', 'year': 2019},\n"
			     "{'domain': 'ran', 'year': 2040}],\n"
			     "'share_caps': [{'domain': ['core'], 'year': 2010, "
			     "'max_share': 0, 'region': 'south'}]}");
	assert_int_equal(s->n_deadlines, 2);
	assert_null(s->deadlines[0].domain);
	assert_int_equal(s->deadlines[0].year, 2019);
	assert_int_equal(s->deadlines[0].line, 2);
	assert_string_equal(s->deadlines[1].domain, "ran");
	assert_int_equal(s->deadlines[1].line, 3);
	assert_int_equal(s->n_caps, 1);
	assert_int_equal(s->caps[0].n_domains, 1);
	assert_string_equal(s->caps[0].domains[0], "core");
	assert_string_equal(s->caps[0].region, "south");
	assert_int_equal(s->caps[0].year, 2010);
	assert_int_equal(s->caps[0].line, 4);
	scenario_destroy(s);
}

struct sites_case {
	const char *json_path; /* where the scenario is written and loaded from */
	const char *sites;
	const char *want;
};

static void scenario_json_should_resolve_the_sites_path(void **state)
{
	(void)state;
	static const struct sites_case cases[] = {
		{"scenario.json", "sites.csv", "sites.csv"},
		{"sub/scenario.json", "sites.csv", "sub/sites.csv"},
		{"./sub/scenario.json", "data/s.csv", "./sub/data/s.csv"},
		{"sub/scenario.json", "../s.csv", "sub/../s.csv"},
		{"sub/scenario.json", "/srv/inventory/sites.csv",
		 "/srv/inventory/sites.csv"},
	};
	assert_int_equal(system("mkdir -p sub"), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = xasprintf(
			"{\"format\": \"phaseout-scenario/1\", \"name\": \"t\", "
			"\"horizon\": {\"start\": 2021, \"end\": 2021}, "
			"\"sites\": \"%s\", \"high_risk_vendors\": [\"H\"], "
			"\"vendors\": []}",
			cases[i].sites);
		free(testutil_write_file(".", cases[i].json_path, text));
		struct scenario *s;
		char *problems = load(cases[i].json_path, &s);
		assert_string_equal(problems, "");
		assert_string_equal(s->json_path, cases[i].json_path);
		assert_string_equal(s->sites_path, cases[i].want);
		free(problems);
		free(text);
		scenario_destroy(s);
	}
}

/* load_scenario() reads sites.csv whenever the JSON named it, so that one
 * run reports the problems of both files. */
static void scenario_json_should_set_the_sites_path_despite_other_problems(void **state)
{
	(void)state;
	struct scenario *s;
	char *problems = load_text(HEAD "'budget': -1}", false, &s);
	assert_string_equal(
		problems,
		"scenario.json:2:1: 'budget' must be a number in [0, 1e15], not '-1'\n");
	assert_string_equal(s->sites_path, "sites.csv");
	free(problems);
	scenario_destroy(s);
}

static const struct bad_case version_1_cases[] = {
	{"version 2 keys",
	 HEAD "'periods': 'quarter',\n"
	      " 'vendor_regions': {'Ericsson': ['north']},\n"
	      " 'deadlines': [{'domain': 'ran', 'date': '2023-06-30', 'region': 'x'}],\n"
	      " 'share_caps': [{'domain': 'ran', 'year': 2023, 'max_share': 0.5, "
	      "'measure': 'sites'}],\n"
	      " 'replan_from': '2022', 'fixed': 'f.csv', 'funds': []}",
	 "scenario.json:2:1: 'periods' needs phaseout-scenario/2 ('format' is "
	 "'phaseout-scenario/1')\n"
	 "scenario.json:3:2: 'vendor_regions' needs phaseout-scenario/2 ('format' is "
	 "'phaseout-scenario/1')\n"
	 "scenario.json:4: missing required key 'deadlines[0].year'\n"
	 "scenario.json:4:34: 'deadlines[0].date' needs phaseout-scenario/2 ('format' "
	 "is 'phaseout-scenario/1')\n"
	 "scenario.json:4:56: 'deadlines[0].region' needs phaseout-scenario/2 "
	 "('format' is 'phaseout-scenario/1')\n"
	 "scenario.json:5:67: 'share_caps[0].measure' needs phaseout-scenario/2 "
	 "('format' is 'phaseout-scenario/1')\n"
	 "scenario.json:6:2: 'replan_from' needs phaseout-scenario/2 ('format' is "
	 "'phaseout-scenario/1')\n"
	 "scenario.json:6:25: 'fixed' needs phaseout-scenario/2 ('format' is "
	 "'phaseout-scenario/1')\n"
	 "scenario.json:6:43: 'funds' needs phaseout-scenario/2 ('format' is "
	 "'phaseout-scenario/1')\n",
	 false},
	{"the own_cost objective", HEAD "'objective': 'own_cost'}",
	 "scenario.json:2:1: 'objective' 'own_cost' needs phaseout-scenario/2 ('format' "
	 "is 'phaseout-scenario/1')\n",
	 false},
	{"objectives of version 1", HEAD "'objective': 'own cost'}",
	 "scenario.json:2:1: 'objective' must be 'exposure' or 'cost', not 'own cost'\n",
	 false},
	{"period keys", HEAD "'budget': {'2022-Q3': 5, '2022-q3': 5, '2022': 9}}",
	 "scenario.json:2:12: period key 'budget.2022-Q3' needs phaseout-scenario/2 "
	 "('format' is 'phaseout-scenario/1')\n"
	 "scenario.json:2:26: unknown key 'budget.2022-q3': expected 'default' or a "
	 "4-digit year\n",
	 false},
	{"a trusted vendor may hold ';' in version 1",
	 "{" FORMAT NAME HORIZON SITES HRV "\n'vendors': [{'name': 'A;B', "
	 "'unit_cost': {}}], 'budget': -1}",
	 "scenario.json:2:48: 'budget' must be a number in [0, 1e15], not '-1'\n", false},
};

static void
scenario_json_should_tell_version_1_files_which_keys_need_version_2(void **state)
{
	(void)state;
	RUN(version_1_cases);
}

static const struct bad_case version_2_cases[] = {
	{"periods", HEAD_2 "'periods': 'week'}",
	 "scenario.json:2:1: 'periods' must be 'year', 'half', 'quarter' or 'month', "
	 "not 'week'\n",
	 false},
	{"periods not a string", HEAD_2 "'periods': 4}",
	 "scenario.json:2:1: 'periods' must be a string, not a number\n", false},
	{"malformed period keys, read after the periods",
	 HEAD_2 "'budget': {'2022-q3': 1, '2022-Q5': 2, '2022-7': 3, '2022-Q3': -1},\n"
		" 'periods': 'quarter'}",
	 "scenario.json:2:12: unknown key 'budget.2022-q3': expected 'default', a "
	 "4-digit year or a period label such as '2021-Q3'\n"
	 "scenario.json:2:26: unknown key 'budget.2022-Q5': expected 'default', a "
	 "4-digit year or a period label such as '2021-Q3'\n"
	 "scenario.json:2:40: unknown key 'budget.2022-7': expected 'default', a "
	 "4-digit year or a period label such as '2021-Q3'\n"
	 "scenario.json:2:53: 'budget.2022-Q3' must be a number in [0, 1e15], not "
	 "'-1'\n",
	 false},
	{"period keys of the wrong kind",
	 "{" FORMAT_2 NAME HORIZON SITES HRV
	 "\n'periods': 'month', 'crews': {'regions': {'north': {'2022-H1': 1}}},\n"
	 " 'vendors': [{'name': 'Nokia', 'unit_cost': {}, 'capacity': {'2022-Q1': "
	 "1}}]}",
	 "scenario.json:2:53: period key 'crews.regions.north.2022-H1' is a half, but "
	 "'periods' is 'month'\n"
	 "scenario.json:3:62: period key 'vendors[0].capacity.2022-Q1' is a quarter, "
	 "but 'periods' is 'month'\n",
	 false},
	{"period keys with yearly periods", HEAD_2 "'budget': {'2022-Q1': 1}}",
	 "scenario.json:2:12: period key 'budget.2022-Q1' is a quarter, but 'periods' "
	 "is 'year' (the default)\n",
	 false},
	{"dates",
	 HEAD_2
	 "'deadlines': [{'domain': 'ran', 'date': '2023-02-29'},\n"
	 " {'domain': 'ran', 'date': '31/12/2023'},\n"
	 " {'domain': 'ran', 'date': 2023},\n"
	 " {'domain': 'ran', 'date': '2023-06-30', 'year': 2023},\n"
	 " {'domain': 'ran'}],\n"
	 " 'share_caps': [{'domain': 'ran', 'date': '2023-13-01', 'max_share': 0.5},\n"
	 " {'domain': 'ran', 'max_share': 0.5, 'measure': 'units '}]}",
	 "scenario.json:2:33: 'deadlines[0].date' must be a real calendar date, not "
	 "'2023-02-29'\n"
	 "scenario.json:3:20: 'deadlines[1].date' must be a date 'YYYY-MM-DD' or a "
	 "year 'YYYY', not '31/12/2023'\n"
	 "scenario.json:4:20: 'deadlines[2].date' must be a date 'YYYY-MM-DD' or a "
	 "year 'YYYY' as a string, not a number\n"
	 "scenario.json:5:20: 'deadlines[3]' gives both 'year' and 'date': give one of "
	 "the two\n"
	 "scenario.json:6: missing required key 'deadlines[4].year' or "
	 "'deadlines[4].date'\n"
	 "scenario.json:7:35: 'share_caps[0].date' must be a real calendar date, not "
	 "'2023-13-01'\n"
	 "scenario.json:8: missing required key 'share_caps[1].year' or "
	 "'share_caps[1].date'\n"
	 "scenario.json:8:38: 'share_caps[1].measure' must be 'units' or 'sites', not "
	 "'units '\n",
	 false},
	{"vendor regions",
	 HEAD_2 "'vendor_regions': {'Nokia': ['north'], 'Huawei': ['north'],\n"
		" 'Ericsson': [], 'Ericsson': ['south']}}",
	 "scenario.json:2:20: 'vendor_regions.Nokia' names no trusted vendor in "
	 "'vendors'\n"
	 "scenario.json:2:40: 'vendor_regions.Huawei' names a high-risk vendor: "
	 "vendor_regions limits the trusted vendors of 'vendors'\n"
	 "scenario.json:3:2: 'vendor_regions.Ericsson' must list at least one region\n"
	 "scenario.json:3:18: duplicate key 'vendor_regions.Ericsson'\n",
	 false},
	{"vendor region lists",
	 HEAD_2 "'vendor_regions': {'Ericsson': ['north', '', 'north', 3]}}",
	 "scenario.json:2:42: 'vendor_regions.Ericsson[1]' must not be empty\n"
	 "scenario.json:2:46: duplicate region 'north' in 'vendor_regions.Ericsson'\n"
	 "scenario.json:2:55: 'vendor_regions.Ericsson[3]' must be a string, not a "
	 "number\n",
	 false},
	{"vendor regions not an object", HEAD_2 "'vendor_regions': ['north']}",
	 "scenario.json:2:1: 'vendor_regions' must be an object of vendor names to "
	 "arrays of regions, not an array\n",
	 false},
	{"a vendor named with ';'",
	 "{" FORMAT_2 NAME HORIZON SITES HRV "\n'vendors': [{'name': 'A;B', "
	 "'unit_cost': {}}]}",
	 "scenario.json:2:14: 'vendors[0].name' must not contain ';' (it separates the "
	 "names in allowed_vendors), not 'A;B'\n",
	 false},
	{"replan_from", HEAD_2 "'periods': 'quarter', 'replan_from': '2022-02-01'}",
	 "scenario.json:2:23: 'replan_from' must be a period start, not '2022-02-01' "
	 "(the nearest are 2022-01-01 and 2022-04-01)\n",
	 false},
	{"replan_from of another kind",
	 HEAD_2 "'periods': 'quarter', 'replan_from': '2022-H2'}",
	 "scenario.json:2:23: 'replan_from' '2022-H2' is a half, but 'periods' is "
	 "'quarter'\n",
	 false},
	{"replan_from as a year with the default periods",
	 HEAD_2 "'replan_from': '2022-07'}",
	 "scenario.json:2:1: 'replan_from' '2022-07' is a month, but 'periods' is 'year' "
	 "(the default)\n",
	 false},
	{"replan_from at the last period start is fine",
	 HEAD_2 "'periods': 'half', 'replan_from': '2024-H2',\n 'x': 1}",
	 "scenario.json:3:2: unknown key 'x'\n", false},
	{"replan_from after the last period start",
	 HEAD_2 "'periods': 'half', 'replan_from': '2025-H1'}",
	 "scenario.json:2:20: 'replan_from' must lie from the horizon's first day "
	 "2021-01-01 to its last period start 2024-07-01, not '2025-H1'\n",
	 false},
	{"replan_from before the horizon", HEAD_2 "'replan_from': '2020-01-01'}",
	 "scenario.json:2:1: 'replan_from' must lie from the horizon's first day "
	 "2021-01-01 to its last period start 2024-01-01, not '2020-01-01'\n",
	 false},
	{"replan_from malformed", HEAD_2 "'replan_from': '2022-02-30', 'fixed': ''}",
	 "scenario.json:2:1: 'replan_from' must be a real calendar date, not "
	 "'2022-02-30'\n"
	 "scenario.json:2:30: 'fixed' must not be empty\n",
	 false},
	{"replan_from not a string", HEAD_2 "'replan_from': 2022, 'fixed': 3}",
	 "scenario.json:2:1: 'replan_from' must be a string, not a number\n"
	 "scenario.json:2:22: 'fixed' must be a string, not a number\n",
	 false},
	{"funds",
	 HEAD_2
	 "'funds': [{'name': 'F', 'disbursements': {'2021-06-30': 5, "
	 "'2025-01-01': 1},\n 'share': -0.5, 'deadline': {'months_after_first': 6, "
	 "'max_extensions': 1, 'extension_months': 0}}, {'name': 'F'}, 7]}",
	 "scenario.json:2:60: disbursement date '2025-01-01' in 'funds[0].disbursements' "
	 "is outside the horizon (2021-01-01 to 2024-12-31)\n"
	 "scenario.json:3: missing required key 'funds[1].disbursements'\n"
	 "scenario.json:3:2: 'funds[0].share' must be a number in [0, 1], not '-0.5'\n"
	 "scenario.json:3:76: 'funds[0].deadline.extension_months' must be >= 1 when "
	 "'max_extensions' is 1, not '0'\n"
	 "scenario.json:3:102: duplicate fund 'F' in 'funds'\n"
	 "scenario.json:3:116: 'funds[2]' must be an object, not a number\n",
	 false},
	{"objectives of version 2", HEAD_2 "'objective': 'own cost'}",
	 "scenario.json:2:1: 'objective' must be 'exposure', 'cost' or 'own_cost', not "
	 "'own cost'\n",
	 false},
	{"funds not an array", HEAD_2 "'funds': {}}",
	 "scenario.json:2:1: 'funds' must be an array of fund objects, not an object\n",
	 false},
	{"an unknown format reads version 2 keys without telling",
	 "{" NAME HORIZON SITES HRV VENDORS "\n'format': 'x', 'periods': 'quarter', "
	 "'budget': {'2022-Q1': -1}}",
	 "scenario.json:2:1: 'format' must be 'phaseout-scenario/1' or "
	 "'phaseout-scenario/2', not 'x'\n"
	 "scenario.json:2:49: 'budget.2022-Q1' must be a number in [0, 1e15], not "
	 "'-1'\n",
	 false},
};

static void scenario_json_should_reject_bad_version_2_keys(void **state)
{
	(void)state;
	RUN(version_2_cases);
}

static void assert_date(struct date got, int year, int month, int day)
{
	assert_int_equal(got.year, year);
	assert_int_equal(got.month, month);
	assert_int_equal(got.day, day);
}

/*
 * replan_from, fixed and funds as loaded, and the periods derived from
 * them (scenario_finish_periods()): quarters of 2021-2024, so 2022-Q3 is
 * period 6 and 2024-Q4 the last, 15.
 */
static void scenario_json_should_load_replan_from_fixed_and_funds(void **state)
{
	(void)state;
	struct scenario *s = load_ok(
		HEAD_2 "'periods': 'quarter', 'replan_from': '2022-Q3', 'fixed': "
		       "'ledger/fixed.csv',\n"
		       " 'funds': [{'name': 'R=1', 'disbursements': {'2023-04-15': 3025, "
		       "'2022-07-15': 1975},\n"
		       " 'share': 0.5, 'domains': ['ran'], 'deadline': "
		       "{'months_after_first': 12, 'extension_months': 6, "
		       "'max_extensions': 2}},\n"
		       " {'name': 'P', 'disbursements': {'2021-01-01': 0}, 'deadline': "
		       "'2023'},\n"
		       " {'name': 'Q', 'disbursements': {'2024-10-01': 7}}]}");
	scenario_finish_periods(s);
	assert_true(s->has_replan_from);
	assert_date(s->replan_from, 2022, 7, 1);
	assert_int_equal(s->replan_p, 6);
	assert_string_equal(s->fixed_path, "ledger/fixed.csv");
	assert_int_equal(s->n_funds, 3);

	const struct fund *f = &s->funds[0];
	assert_string_equal(f->name, "R=1");
	assert_int_equal(f->n_disbursements, 2); /* sorted by date */
	assert_date(f->disbursements[0].date, 2022, 7, 15);
	assert_double_near(f->disbursements[0].amount, 1975, 0);
	assert_int_equal(f->disbursements[0].p, 6);
	assert_date(f->disbursements[1].date, 2023, 4, 15);
	assert_int_equal(f->disbursements[1].p, 9);
	assert_double_near(f->share, 0.5, 0);
	assert_int_equal(f->n_domains, 1);
	assert_string_equal(f->domain_names[0], "ran");
	assert_int_equal(f->deadline_kind, FUND_DEADLINE_MONTHS);
	assert_int_equal(f->months_after_first, 12);
	assert_int_equal(f->extension_months, 6);
	assert_int_equal(f->max_extensions, 2);
	assert_int_equal(f->first_p, 6);
	/* D(0) 2023-07-15 binds at the end of 2023-Q2 (9), D(1) 2024-01-15 at
	 * 2023-Q4 (11), D(2) 2024-07-15 at 2024-Q2 (13): the final date. */
	assert_true(f->has_final);
	assert_date(f->final_date, 2024, 7, 15);
	assert_int_equal(f->ext_p[0], 9);
	assert_int_equal(f->ext_p[1], 11);
	assert_int_equal(f->ext_p[2], 13);
	assert_int_equal(f->final_p, 13);

	f = &s->funds[1]; /* a bare year: 31 December */
	assert_double_near(f->share, 1, 0);
	assert_int_equal(f->n_domains, 0);
	assert_int_equal(f->deadline_kind, FUND_DEADLINE_DATE);
	assert_date(f->final_date, 2023, 12, 31);
	assert_int_equal(f->final_p, 11);
	assert_null(f->ext_p);

	f = &s->funds[2]; /* no deadline */
	assert_false(f->has_final);
	assert_int_equal(f->first_p, 15);
	assert_int_equal(f->final_p, 16);
	scenario_destroy(s);
}

static void scenario_json_should_load_the_own_cost_objective(void **state)
{
	(void)state;
	struct scenario *s = load_ok(HEAD_2 "'objective': 'own_cost'}");
	assert_int_equal(s->objective, OBJECTIVE_OWN_COST);
	assert_true(scenario_completes(s));
	assert_int_equal(s->objective_at.line, 2);
	assert_int_equal(s->objective_at.column, 1);
	scenario_destroy(s);
}

/* replan_from on the horizon's first day means no re-plan. */
static void
scenario_json_should_read_replan_from_on_the_first_day_as_no_replan(void **state)
{
	(void)state;
	struct scenario *s =
		load_ok(HEAD_2 "'periods': 'month', 'replan_from': '2021-01'}");
	scenario_finish_periods(s);
	assert_true(s->has_replan_from);
	assert_date(s->replan_from, 2021, 1, 1);
	assert_int_equal(s->replan_p, 0);
	scenario_destroy(s);
	s = load_ok(HEAD_2 "'replan_from': '2023-01-01'}");
	scenario_finish_periods(s);
	assert_int_equal(s->replan_p, 2);
	scenario_destroy(s);
}

static void assert_periods(const double *got, int first, const double *want, int n)
{
	assert_non_null(got);
	for (int i = 0; i < n; i++)
		assert_double_near(got[first + i], want[i], 0);
}

static void scenario_json_should_load_period_keys_of_the_scenarios_kind(void **state)
{
	(void)state;
	const double inf = INFINITY;
	struct scenario *s = load_ok(
		HEAD_2
		"'budget': {'default': 100, '2022-Q3': 5, '2022': 50, '2030-Q1': 1,\n"
		" '2020-Q4': 1, '2023-Q1': 7},\n"
		" 'crews': {'default': {'2021-Q2': 3},\n"
		" 'regions': {'north': {'2021-Q1': 1, '2022': 4}, 'south': 2}},\n"
		" 'periods': 'quarter'}");
	assert_int_equal(s->format_version, 2);
	assert_int_equal(s->periods_per_year, 4);
	assert_years(s->budget, (double[]){100, 50, 100, 100}, 4);
	/* 2021 .. 2024 by quarter; keys outside the horizon are dropped. */
	assert_periods(s->budget_period, 0,
		       (double[]){inf, inf, inf, inf, inf, inf, 5, inf, 7, inf}, 10);
	assert_periods(s->budget_period, 12, (double[]){inf, inf, inf, inf}, 4);
	assert_years(s->crews_default, (double[]){inf, inf, inf, inf}, 4);
	assert_periods(s->crews_default_period, 0, (double[]){inf, 3, inf, inf}, 4);
	assert_int_equal(s->n_crews_regions, 2);
	/* A region's period without a key of its own takes the default's. */
	assert_years(s->crews_regions[0].per_year, (double[]){inf, 4, inf, inf}, 4);
	assert_periods(s->crews_regions[0].per_period, 0, (double[]){1, 3, inf, inf}, 4);
	assert_years(s->crews_regions[1].per_year, (double[]){2, 2, 2, 2}, 4);
	assert_periods(s->crews_regions[1].per_period, 0, (double[]){inf, 3, inf, inf},
		       4);
	assert_periods(s->vendors[0].capacity_period, 0, (double[]){inf, inf, inf, inf},
		       4);
	scenario_destroy(s);

	s = load_ok("{" FORMAT_2 NAME HORIZON SITES HRV
		    "'periods': 'month', 'vendors': [{'name': 'V', 'unit_cost': {},\n"
		    " 'capacity': {'2021-12': 4, '2024-01': 2}}]}");
	assert_int_equal(s->periods_per_year, 12);
	assert_years(s->vendors[0].capacity, (double[]){inf, inf, inf, inf}, 4);
	assert_periods(s->vendors[0].capacity_period, 11, (double[]){4, inf}, 2);
	assert_periods(s->vendors[0].capacity_period, 36, (double[]){2, inf}, 2);
	scenario_destroy(s);
}

static void scenario_json_should_load_dated_and_regional_rules(void **state)
{
	(void)state;
	struct scenario *s = load_ok(
		HEAD_2
		"'deadlines': [{'domain': 'core', 'date': '2023-07-31', "
		"'region': 'north'},\n"
		" {'domain': '*', 'date': '2024'}, {'domain': 'ran', 'year': 2022}],\n"
		" 'share_caps': [{'domain': 'ran', 'date': '2022-06-30', "
		"'max_share': 0.3, 'measure': 'sites'},\n"
		" {'domain': '*', 'year': 2023, 'max_share': 0.1, 'measure': "
		"'units'}],\n"
		" 'vendor_regions': {'Ericsson': ['north', 'south']}}");
	assert_int_equal(s->n_deadlines, 3);
	const struct deadline_rule *d = s->deadlines;
	assert_true(d[0].when.dated);
	assert_int_equal(d[0].when.date.year, 2023);
	assert_int_equal(d[0].when.date.month, 7);
	assert_int_equal(d[0].when.date.day, 31);
	assert_int_equal(d[0].year, 2023);
	assert_string_equal(d[0].region_name, "north");
	assert_int_equal(d[0].region_at.line, 2);
	assert_int_equal(d[0].region_at.column, 56);
	assert_int_equal(d[0].line, 2);
	assert_true(d[1].when.dated);
	assert_int_equal(d[1].when.date.month, 12);
	assert_int_equal(d[1].when.date.day, 31);
	assert_int_equal(d[1].year, 2024);
	assert_null(d[1].region_name);
	assert_false(d[2].when.dated);
	assert_int_equal(d[2].year, 2022);

	assert_int_equal(s->n_caps, 2);
	assert_true(s->caps[0].when.dated);
	assert_int_equal(s->caps[0].when.date.month, 6);
	assert_int_equal(s->caps[0].measure, CAP_SITES);
	assert_false(s->caps[1].when.dated);
	assert_int_equal(s->caps[1].measure, CAP_UNITS);

	const struct trusted_vendor *v = &s->vendors[0];
	assert_int_equal(v->n_regions, 2);
	assert_string_equal(v->region_names[0], "north");
	assert_string_equal(v->region_names[1], "south");
	assert_int_equal(v->region_at[1].line, 6);
	assert_int_equal(v->region_at[1].column, 43);
	assert_int_equal(v->regions_line, 6);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			scenario_json_should_report_malformed_json_with_line_and_column),
		cmocka_unit_test(
			scenario_json_should_reject_unknown_duplicate_and_missing_keys),
		cmocka_unit_test(scenario_json_should_reject_wrong_types),
		cmocka_unit_test(scenario_json_should_reject_numbers_out_of_range),
		cmocka_unit_test(scenario_json_should_reject_bad_values),
		cmocka_unit_test(scenario_json_should_reject_a_nul_byte),
		cmocka_unit_test(scenario_json_should_reject_deep_nesting),
		cmocka_unit_test(scenario_json_should_report_a_file_that_cannot_be_read),
		cmocka_unit_test(scenario_json_should_load_every_key),
		cmocka_unit_test(scenario_json_should_apply_defaults),
		cmocka_unit_test(
			scenario_json_should_resolve_every_form_of_per_year_number),
		cmocka_unit_test(scenario_json_should_resolve_every_form_of_crews),
		cmocka_unit_test(scenario_json_should_load_both_forms_of_vendor_share),
		cmocka_unit_test(
			scenario_json_should_accept_rule_years_outside_the_horizon),
		cmocka_unit_test(scenario_json_should_resolve_the_sites_path),
		cmocka_unit_test(
			scenario_json_should_set_the_sites_path_despite_other_problems),
		cmocka_unit_test(
			scenario_json_should_tell_version_1_files_which_keys_need_version_2),
		cmocka_unit_test(scenario_json_should_reject_bad_version_2_keys),
		cmocka_unit_test(scenario_json_should_load_replan_from_fixed_and_funds),
		cmocka_unit_test(scenario_json_should_load_the_own_cost_objective),
		cmocka_unit_test(
			scenario_json_should_read_replan_from_on_the_first_day_as_no_replan),
		cmocka_unit_test(
			scenario_json_should_load_period_keys_of_the_scenarios_kind),
		cmocka_unit_test(scenario_json_should_load_dated_and_regional_rules),
	};
	return cmocka_run_group_tests_name("scenario_json", tests, testutil_enter_tempdir,
					   testutil_leave_tempdir);
}
