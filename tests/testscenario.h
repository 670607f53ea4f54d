/*
 * testscenario: scenarios built in C for unit tests, as the loaders would
 * leave them (see make_scenario), so validate, precheck and the other
 * modules are tested without files.
 *
 * Ownership: everything belongs to the scenario; scenario_destroy() frees it.
 */
#ifndef PHASEOUT_TESTSCENARIO_H
#define PHASEOUT_TESTSCENARIO_H

#include <stdbool.h>
#include <stdint.h>

#include "input/baseline.h"
#include "input/scenario.h"
#include "plan/instance.h"

struct scenario *make_scenario(int start, int end);
struct trusted_vendor *add_vendor(struct scenario *s, const char *name,
				  const char *domains, double cost, double capacity);
struct site *add_site(struct scenario *s, const char *id, const char *region,
		      const char *domain, const char *vendor, int64_t units,
		      int earliest_year, const char *cluster, const char *depends_on);
void add_deadline(struct scenario *s, const char *domain, int year, unsigned line);

/* make_instance: validate 's' (which must pass: it resolves depends_on;
 * the test fails otherwise, printing the problems) and derive its
 * instance. */
struct instance *make_instance(struct scenario *s, double budget_scale, bool aggregate);
/* make_instance_baseline: the same with a baseline (borrowed). */
struct instance *make_instance_baseline(struct scenario *s, double budget_scale,
					bool aggregate, const struct baseline *b);

/* set_baseline: site 'id' swapped in 'year' to 'vendor' in 'b' (year 0:
 * unswapped); yearly scenarios. */
void set_baseline(struct baseline *b, const struct scenario *s, const char *id, int year,
		  const char *vendor);

/* make_three_sites: A (ran, 2 units), B (ran, 1 unit) and C (core, 1
 * unit), all Huawei; Ericsson takes both domains at 10 a unit; 30 a year;
 * core due by 2025 (line 9); 2024-2026. */
struct scenario *make_three_sites(void);

/* make_two_core_sites_due_2024: C1 and C2 (core, 1 unit each) due by 2024
 * (line 9) and R (ran, 1 unit), all Huawei; Ericsson at 10 a unit with
 * 'capacity' units a year; 'budget' a year; 2024-2026. */
struct scenario *make_two_core_sites_due_2024(double budget, double capacity);

/* load_files: write scenario.json, sites.csv and, when 'fixed' is not
 * NULL, fixed.csv into the current folder and load them as the program
 * does; the loader's problems are printed and fail the test. */
struct scenario *load_files(const char *json, const char *sites, const char *fixed);

#endif
