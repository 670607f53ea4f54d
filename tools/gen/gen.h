/*
 * gen: the state of one phaseout-gen run and the steps that fill it.
 * phaseout-gen writes a synthetic national mobile network as a phaseout
 * scenario (shared/spec/scenario-format.md): scenario.json and sites.csv in
 * the folder given with -o.
 *
 * How the figures are made. Sites are drawn per region and domain from a
 * seeded PRNG (splitmix64 feeding xoshiro256**, never rand()), so the same
 * options give byte-identical files on every machine. The generator then
 * builds a *reference plan*: a year and a trusted vendor for every swap unit
 * that meets every deadline, share cap and vendor-share limit. Clusters are
 * formed before that plan; earliest years and dependencies are drawn after
 * it and only in ways the plan already satisfies (an earliest year no later
 * than the site's planned year, a parent planned no later than its child),
 * so they cannot make the scenario infeasible. Budgets, vendor capacities
 * and regional crews are then set from what the reference plan needs each
 * year, with a margin: the reference plan itself proves the scenario
 * feasible. Before writing, the reference plan is checked again against the
 * written figures, rule by rule, and any failure is an internal error.
 *
 * Profiles (struct profile_def) set the rules, regions, domains, prices and
 * currency of a kind of scenario: the committed scenarios/ folders are each
 * one profile's output. A domain that no deadline covers (germany-2026's
 * radios) is only partly swapped by the reference plan, so the budget leaves
 * the optimiser a choice of which high-risk sites stay.
 *
 * Plain C11 and libc: no planner header, no libphaseout. The generator
 * knows the scenario format, not the planner, which keeps it a fair
 * source of test input.
 *
 * The steps, in main.c's order (each file one part of the pipeline):
 *	set_rules(g); rng_seed(&g->rng, seed);
 *	make_sites(g); make_clusters(g); make_swap_units(g);  generate.c
 *	plan_years(g); plan_vendors(g);                        reference.c
 *	add_earliest_years(g); add_dependencies(g);            generate.c
 *	set_resources(g);                                      reference.c
 *	verify_plan(g);                                        verify.c
 *	write_file(g, dir, "sites.csv", write_sites); ...      write.c
 */
#ifndef PHASEOUT_GEN_GEN_H
#define PHASEOUT_GEN_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "options.h"
#include "profiles.h"
#include "rng.h"

#define MAX_DEPS 2
#define BUDGET_STEP 10000.0

struct site {
	int32_t cluster; /* index into gen.clusters, -1 for none */
	int32_t dep[MAX_DEPS];
	uint32_t seq;  /* number within its region and domain, from 1 */
	uint32_t unit; /* swap unit of a high-risk site */
	uint16_t units;
	int16_t earliest; /* 0 = none */
	uint8_t region, domain, vendor, criticality;
	int8_t year; /* reference plan: year index, -1 = not scheduled */
	uint8_t to;  /* reference plan: trusted vendor */
	/* Version 2: the reference plan's period index (-1 = none); the
	 * site's own deadline, binding at the end of period deadline_p (-1 =
	 * none), written as that period's last day or (deadline_inside) as a
	 * day inside the next one; allowed_vendors as bits of trusted vendors
	 * (1 << (v - FIRST_TRUSTED)), 0 = none; for a grown site, the period
	 * its in_service date falls in (-1: a date before the horizon). */
	int16_t period, deadline_p, in_service_p;
	uint8_t deadline_inside, allowed, in_service_day, in_service_month;
	bool grown;
};

/* A swap unit of the reference plan: one site, or one cluster. */
struct swap_unit {
	uint32_t units, n_sites;
	uint8_t domain, region;
	int8_t year;
	uint8_t to;
	int16_t period; /* version 2, -1 = not scheduled */
};

struct cluster {
	uint32_t seq; /* number within its region */
	uint32_t n_sites;
	uint8_t region;
};

/* The rules of the scenario being written (the profile's, or for the
 * national profile ones that follow the horizon). */
struct rules {
	int n_deadlines, n_caps;
	struct rule_def deadline[MAX_RULES], cap[MAX_RULES];
};

struct gen {
	struct options opt;
	bool v2;                /* any version 2 option (options_v2) */
	int n_periods;          /* n_years * opt.per_year (version 2) */
	double sites_cap_share; /* --sites-cap's max_share, from the plan */
	const struct profile_def *prof;
	int n_years;
	struct rules rules;
	struct rng rng;

	struct site *sites;
	size_t n_sites;
	struct cluster *clusters;
	size_t n_clusters;
	struct swap_unit *swaps;
	size_t n_swaps;

	/* Figures written to scenario.json. */
	double budget[MAX_YEARS];
	double capacity[N_VENDORS];
	double crews[MAX_REGIONS];
	/* What the reference plan needs. */
	double spend[MAX_YEARS];
	double vendor_units[N_VENDORS][MAX_YEARS];
	double region_sites[MAX_REGIONS][MAX_YEARS];
};

/* calloc that never returns NULL (main.c: out of memory aborts). */
void *xcalloc(size_t count, size_t size);

/* generate.c */
void make_sites(struct gen *g);
bool is_high_risk(const struct site *s);
void make_clusters(struct gen *g);
void make_swap_units(struct gen *g);
void add_earliest_years(struct gen *g);
void add_dependencies(struct gen *g);
void plan_periods(struct gen *g);
void add_v2_columns(struct gen *g);
void add_growth(struct gen *g);
bool samsung_takes(const struct gen *g, int region);

/* reference.c */
void set_rules(struct gen *g);
int deadline_of(const struct gen *g, int d);
double escalation(const struct gen *g, int yi);
double site_escalation(const struct gen *g, const struct site *s);
int rule_period(const struct gen *g, int year);
void plan_years(struct gen *g);
bool plan_vendors(struct gen *g);
void set_resources(struct gen *g);

/* verify.c */
bool verify_plan(const struct gen *g);

/* write.c */
void write_json(const struct gen *g, FILE *f);
void write_funded_json(const struct gen *g, FILE *f);
void write_sites(const struct gen *g, FILE *f);
bool write_file(const struct gen *g, const char *dir, const char *name,
		void (*writer)(const struct gen *, FILE *));

#endif
