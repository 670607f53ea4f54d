/*
 * phaseout.mod: the phase-out model of shared/spec/model.md in GNU MathProg.
 *
 * This is the declarative twin of planner/solver/model.c, for review by an
 * operations-research reader and as an independent oracle in the tests
 * (tests/glpsol-compare.sh). It takes the scenario's raw data, as written by
 * `phaseout export SCENARIO.json --mathprog FILE` (planner/output/mathprog.c), and
 * derives everything else here: high-risk sites, swap units, costs, totals.
 *
 * MathProg solves one objective, so the two lexicographic stages of
 * model.md are two runs:
 *
 *   glpsol --math phaseout.mod -d data.dat -d stage1.dat   # param stage := 1;
 *   glpsol --math phaseout.mod -d data.dat -d stage2.dat   # param stage := 2;
 *                                                          # param first_value := z1;
 *
 * Stage 1 minimises the first objective (exposure, or the net present cost
 * when objective = 'cost'); stage 2 adds "first objective <= z1 +
 * 1e-9*|z1| + 1e-6" and minimises the other. After each solve the model
 * prints lines a script can read: "exposure N", "present_cost N",
 * "nominal_cost N" and one "swap KIND NAME VENDOR YEAR" per swap.
 *
 * Names are quoted strings in the data ('...' with '' for a quote), so
 * '2021' and 2021 never meet: years are numbers, names are text.
 */

/* ------------------------------------------------------------------ */
/* Horizon                                                            */
/* ------------------------------------------------------------------ */

param start integer;
param end integer, >= start;
set YEARS := start..end;

/* ------------------------------------------------------------------ */
/* The site inventory: every row of sites.csv, any vendor             */
/* ------------------------------------------------------------------ */

set SITES;
param site_region{SITES} symbolic;
param site_domain{SITES} symbolic;
param site_vendor{SITES} symbolic;
param units{SITES} integer, >= 0;
param criticality{SITES} > 0, default 1;
param earliest_year{SITES} integer, default 0; /* 0 = no earliest year */

/* Sites with a non-empty cluster cell, and that cell. */
set CLUSTERED within SITES, default {};
param cluster{CLUSTERED} symbolic;

/* (s, t) in DEPENDS_ON: site s names site t in its depends_on column. */
set DEPENDS_ON within {SITES, SITES};

set REGIONS := setof{s in SITES} site_region[s];
set DOMAINS := setof{s in SITES} site_domain[s];

/* ------------------------------------------------------------------ */
/* Vendors                                                            */
/* ------------------------------------------------------------------ */

set HIGH_RISK_VENDORS;
set VENDORS; /* the trusted vendors, who can replace equipment */

/* (v, d) in OFFER: vendor v lists domain d in its unit_cost. */
set OFFER dimen 2;
check{(v, d) in OFFER}: v in VENDORS;
param unit_cost{OFFER} >= 0;
param site_cost{DOMAINS} >= 0, default 0;

/* Capacity: units vendor v can install in year y; absent = unlimited. */
set CAPACITY_LIMITED within {VENDORS, YEARS};
param capacity{CAPACITY_LIMITED} >= 0;

/* ------------------------------------------------------------------ */
/* Money                                                              */
/* ------------------------------------------------------------------ */

/* Years with a budget; every other year is unlimited. */
set BUDGET_YEARS within YEARS, default {};
param budget{BUDGET_YEARS} >= 0;
param budget_scale >= 0, default 1;
param carry_over binary, default 0;
param discount_rate >= 0, < 1, default 0;
param cost_escalation > -1, < 1, default 0;

/* ------------------------------------------------------------------ */
/* Rules                                                              */
/* ------------------------------------------------------------------ */

/* Deadlines: an empty domain set means "*" (every domain). */
set DEADLINES, default {};
param deadline_year{DEADLINES} integer;
set DEADLINE_DOMAINS{DEADLINES}, default {};

/* High-risk share caps: empty domain set = every domain, empty region set
 * = every region. */
set CAPS, default {};
param cap_year{CAPS} integer;
param cap_share{CAPS} >= 0, <= 1;
set CAP_DOMAINS{CAPS}, default {};
set CAP_REGIONS{CAPS}, default {};

/* Trusted-vendor share limit, for the domains that have one. */
set SHARE_LIMITED within DOMAINS, default {};
param max_vendor_share{SHARE_LIMITED} >= 0, <= 1;

/* Crews: high-risk sites region r can swap in year y; absent = unlimited. */
set CREWS_LIMITED within {REGIONS, YEARS};
param crews{CREWS_LIMITED} >= 0;

/* ------------------------------------------------------------------ */
/* Objective and stage                                                */
/* ------------------------------------------------------------------ */

param objective symbolic, in {'exposure', 'cost'}, default 'exposure';
param stage integer, in {1, 2}, default 1;
/* Stage 2 only: the optimal value z1 of the first objective. */
param first_value, default 0;

/* ------------------------------------------------------------------ */
/* Derived sets and numbers                                           */
/* ------------------------------------------------------------------ */

/* High-risk sites: a high-risk vendor's row with units > 0. Only these are
 * scheduled; every other row only counts in the shares. */
set HR := {s in SITES: site_vendor[s] in HIGH_RISK_VENDORS and units[s] > 0};

/* Swap units: all HR sites sharing a cluster, or one HR site without one.
 * A unit is a pair (kind, name) so that a cluster named like a site id
 * stays a different unit. */
param unit_kind{s in HR} symbolic := if s in CLUSTERED then 'cluster' else 'site';
param unit_name{s in HR} symbolic := if s in CLUSTERED then cluster[s] else s;
set UNITS dimen 2 := setof{s in HR} (unit_kind[s], unit_name[s]);
set MEMBERS{(k, n) in UNITS} := {s in HR: unit_kind[s] = k and unit_name[s] = n};

param unit_earliest{(k, n) in UNITS} := max{s in MEMBERS[k, n]} earliest_year[s];
param unit_units{(k, n) in UNITS} := sum{s in MEMBERS[k, n]} units[s];

/* CHOICES[k, n]: the (vendor, year) pairs unit (k, n) may be swapped in: the
 * vendor lists the domain of every site of the unit, and the year is no
 * earlier than the largest earliest_year of its sites. */
set CHOICES{(k, n) in UNITS} :=
	{v in VENDORS, y in YEARS:
	 y >= unit_earliest[k, n]
	 and forall{s in MEMBERS[k, n]} (v, site_domain[s]) in OFFER};

/* Nominal cost of swapping unit (k, n) to v in year y: for each site,
 * site_cost[d] + units * unit_cost[v, d], escalated to year y. The present
 * value discounts that to the start. */
param growth{y in YEARS} := (1 + cost_escalation) ** (y - start);
param discount{y in YEARS} := (1 + discount_rate) ** (start - y);
param swap_cost{(k, n) in UNITS, (v, y) in CHOICES[k, n]} :=
	growth[y] * sum{s in MEMBERS[k, n]}
		(site_cost[site_domain[s]] + units[s] * unit_cost[v, site_domain[s]]);

/* Totals over every site, any vendor (a swap replaces units one for one,
 * so these never change). */
param domain_units{d in DOMAINS} := sum{s in SITES: site_domain[s] = d} units[s];
param vendor_had{v in VENDORS, d in DOMAINS} :=
	sum{s in SITES: site_vendor[s] = v and site_domain[s] = d} units[s];
param unit_units_in{(k, n) in UNITS, d in DOMAINS} :=
	sum{s in MEMBERS[k, n]: site_domain[s] = d} units[s];
param unit_sites_in{(k, n) in UNITS, r in REGIONS} :=
	card({s in MEMBERS[k, n]: site_region[s] = r});

/* The sites in scope of a share cap. */
set CAP_SCOPE{c in CAPS} :=
	{s in SITES:
	 (card(CAP_DOMAINS[c]) = 0 or site_domain[s] in CAP_DOMAINS[c])
	 and (card(CAP_REGIONS[c]) = 0 or site_region[s] in CAP_REGIONS[c])};

/* RUN[y]: the budget years whose money may pay for spending in year y (a
 * limited year). Without carry-over that is y alone; with it, y and the
 * limited years just before it, back to the last unlimited year (which
 * carries nothing forward). */
set RUN{y in BUDGET_YEARS} :=
	{t in YEARS: t <= y and (t = y or carry_over = 1)
	 and forall{q in t..y} q in BUDGET_YEARS};

/* ------------------------------------------------------------------ */
/* Variables                                                          */
/* ------------------------------------------------------------------ */

/* x[k, n, v, y] = 1: unit (k, n) is swapped to vendor v in year y. */
var x{(k, n) in UNITS, (v, y) in CHOICES[k, n]} binary;

/* swapped[k, n, y] = 1 when unit (k, n) is swapped by the end of year y. */
var swapped{UNITS, YEARS} >= 0, <= 1;

var spend{YEARS} >= 0;     /* nominal money spent in each year */
var exposure >= 0;         /* E of model.md, weighted unit-years */
var present_cost >= 0;     /* net present cost */
var nominal_cost >= 0;

/* ------------------------------------------------------------------ */
/* Definitions                                                        */
/* ------------------------------------------------------------------ */

s.t. define_swapped{(k, n) in UNITS, y in YEARS}:
	swapped[k, n, y] = sum{(v, t) in CHOICES[k, n]: t <= y} x[k, n, v, t];

s.t. define_spend{y in YEARS}:
	spend[y] = sum{(k, n) in UNITS, v in VENDORS: (v, y) in CHOICES[k, n]}
		swap_cost[k, n, v, y] * x[k, n, v, y];

/* E: each year, every HR site still there at its end counts
 * criticality * units. */
s.t. define_exposure:
	exposure = sum{y in YEARS, s in HR} criticality[s] * units[s]
		* (1 - swapped[unit_kind[s], unit_name[s], y]);

s.t. define_present_cost:
	present_cost = sum{y in YEARS} discount[y] * spend[y];

s.t. define_nominal_cost:
	nominal_cost = sum{y in YEARS} spend[y];

/* ------------------------------------------------------------------ */
/* Rules of model.md                                                  */
/* ------------------------------------------------------------------ */

/* Rule 1, once: each swap unit is swapped at most once, in one year, to
 * one trusted vendor. */
s.t. once{(k, n) in UNITS}:
	sum{(v, y) in CHOICES[k, n]} x[k, n, v, y] <= 1;

/* The cost objective's completion rule: every HR site is swapped by the
 * end of the horizon. */
s.t. complete{(k, n) in UNITS: objective = 'cost'}:
	swapped[k, n, end] >= 1;

/* Rule 2, deadlines: every HR site of the rule's domain (any domain for
 * '*') is swapped in a year <= D. A rule with D > end binds nothing inside
 * the horizon. With D < start no swap can be early enough: the row reads
 * 0 >= 1 for each such site, so it cannot hold while one remains. */
s.t. deadline{r in DEADLINES, s in HR:
	      deadline_year[r] <= end
	      and (card(DEADLINE_DOMAINS[r]) = 0
		   or site_domain[s] in DEADLINE_DOMAINS[r])}:
	(if deadline_year[r] >= start
	 then swapped[unit_kind[s], unit_name[s], deadline_year[r]]
	 else 0) >= 1;

/* Rule 3, budget: nominal spend in a limited year y <= its budget. With
 * carry-over, unspent money of a limited year adds to the next year's; as
 * spending is never negative that is the same as: the spend over each
 * stretch RUN[y] of limited years ending at y <= the budgets of that
 * stretch. An unlimited year carries nothing, so stretches stop there. */
s.t. budget_limit{y in BUDGET_YEARS}:
	sum{t in RUN[y]} spend[t] <= budget_scale * sum{t in RUN[y]} budget[t];

/* Rule 4, high-risk share caps: at the end of every year y >= Y0 (every
 * year when Y0 < start), the HR units not yet swapped among the sites in
 * scope are <= max_share * all units of the sites in scope. */
s.t. share_cap{c in CAPS, y in YEARS: y >= cap_year[c]}:
	sum{s in CAP_SCOPE[c] inter HR} units[s]
		* (1 - swapped[unit_kind[s], unit_name[s], y])
	<= cap_share[c] * sum{s in CAP_SCOPE[c]} units[s];

/* Rule 5, trusted-vendor share: for a domain d with a limit, vendor v's
 * units in d at the end of every year (what it had plus what was swapped
 * to it so far) <= max(limit * all units of d, what it had). A vendor
 * already above the limit thus gets no more swaps in d. */
s.t. vendor_share{d in SHARE_LIMITED, v in VENDORS, y in YEARS}:
	vendor_had[v, d]
	+ sum{(k, n) in UNITS, t in YEARS:
	      t <= y and (v, t) in CHOICES[k, n] and unit_units_in[k, n, d] > 0}
		unit_units_in[k, n, d] * x[k, n, v, t]
	<= max(max_vendor_share[d] * domain_units[d], vendor_had[v, d]);

/* Rule 6, vendor capacity: units swapped to v in year y <= its capacity. */
s.t. vendor_capacity{(v, y) in CAPACITY_LIMITED}:
	sum{(k, n) in UNITS: (v, y) in CHOICES[k, n]} unit_units[k, n] * x[k, n, v, y]
	<= capacity[v, y];

/* Rule 7, crews: HR sites swapped in region r in year y <= crews(r, y). A
 * cluster spanning regions uses crews in each of them. */
s.t. crew_limit{(r, y) in CREWS_LIMITED}:
	sum{(k, n) in UNITS, v in VENDORS:
	    (v, y) in CHOICES[k, n] and unit_sites_in[k, n, r] > 0}
		unit_sites_in[k, n, r] * x[k, n, v, y]
	<= crews[r, y];

/* Rule 8, dependencies: HR site s may be swapped by year y only if each HR
 * site t it depends on is swapped by y. Dependencies on sites that are not
 * HR bind nothing; within one swap unit they hold by themselves. A cycle
 * forces its units into the same year. */
s.t. dependency{(s, t) in DEPENDS_ON, y in YEARS:
		s in HR and t in HR
		and (unit_kind[s] != unit_kind[t] or unit_name[s] != unit_name[t])}:
	swapped[unit_kind[s], unit_name[s], y] <= swapped[unit_kind[t], unit_name[t], y];

/* ------------------------------------------------------------------ */
/* Objectives                                                         */
/* ------------------------------------------------------------------ */

/* Stage 2 keeps the first objective within model.md's tolerance of its
 * optimum z1 from stage 1. */
s.t. keep_first{i in 1..1: stage = 2}:
	(if objective = 'exposure' then exposure else present_cost)
	<= first_value + 1e-9 * abs(first_value) + 1e-6;

/* Exposure objective: minimise E, then the net present cost. Cost
 * objective: minimise the net present cost, then E. */
minimize goal:
	if (objective = 'exposure' and stage = 1) or (objective = 'cost' and stage = 2)
	then exposure
	else present_cost;

solve;

/* Report the plan from the rounded decisions, as a planner would compute
 * its figures from the plan itself (a binary within the solver's integer
 * tolerance of 0 or 1 must not shift E by 1e-6). */
param chosen{(k, n) in UNITS, (v, y) in CHOICES[k, n]} := round(x[k, n, v, y].val);
param done_by{(k, n) in UNITS, y in YEARS} :=
	sum{(v, t) in CHOICES[k, n]: t <= y} chosen[k, n, v, t];
param year_spend{y in YEARS} :=
	sum{(k, n) in UNITS, v in VENDORS: (v, y) in CHOICES[k, n]}
		swap_cost[k, n, v, y] * chosen[k, n, v, y];

printf "objective %s\n", objective;
printf "stage %d\n", stage;
printf "exposure %.17g\n",
	sum{y in YEARS, s in HR} criticality[s] * units[s]
		* (1 - done_by[unit_kind[s], unit_name[s], y]);
printf "present_cost %.17g\n", sum{y in YEARS} discount[y] * year_spend[y];
printf "nominal_cost %.17g\n", sum{y in YEARS} year_spend[y];
printf{(k, n) in UNITS, (v, y) in CHOICES[k, n]: chosen[k, n, v, y] = 1}
	"swap %s %s %s %d\n", k, n, v, y;
printf{y in YEARS} "spend %d %.17g\n", y, year_spend[y];

end;
