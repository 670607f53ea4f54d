/*
 * phaseout.mod: the phase-out model of shared/spec/model.md and
 * model-2.md in GNU MathProg.
 *
 * This is the declarative twin of planner/solver/model.c, for review by an
 * operations-research reader and as an independent oracle in the tests
 * (tests/glpsol-compare.sh). It takes the scenario's raw data, as written by
 * `phaseout export SCENARIO.json --mathprog FILE` (planner/output/mathprog.c), and
 * derives everything else here: high-risk sites, swap units, costs, totals,
 * and (version 2) the periods, where each date binds, who is in service.
 *
 * One model for both formats: a version 1 scenario is the special case of
 * yearly periods (periods_per_year = 1, the default) with no dates, and
 * every expression below then reduces to version 1's.
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
 * "nominal_cost N" and one "swap KIND NAME VENDOR PERIOD" per swap (the
 * period's label: the year itself with yearly periods).
 *
 * Names are quoted strings in the data ('...' with '' for a quote), so
 * '2021' and 2021 never meet: years are numbers, names are text.
 *
 * Not modelled here (model-2.md): replan_from, the ledger (fixed), funds,
 * the own_cost objective and --allow-late.
 */

/* ------------------------------------------------------------------ */
/* Horizon and periods                                                */
/* ------------------------------------------------------------------ */

param start integer;
param end integer, >= start;
set YEARS := start..end;

/* 1 (years), 2 (halves), 4 (quarters) or 12 (months) periods a year. */
param periods_per_year integer, in {1, 2, 4, 12}, default 1;
param n_periods := (end - start + 1) * periods_per_year;
param months_per_period := 12 / periods_per_year;

/* Period p = 0, 1, ...: the horizon's first period is 0. p lies in
 * calendar year pyear[p] and is its psub[p]-th period (1-based, as the
 * label 2024-Q3 says 3). len(p) and t(p) are model-2.md's: a period's
 * length is a fixed fraction of a year, never counted in days. */
set PERIODS := 0..n_periods - 1;
param pyear{p in PERIODS} := start + floor(p / periods_per_year);
param psub{p in PERIODS} := p mod periods_per_year + 1;
param len := 1 / periods_per_year;
param t{p in PERIODS} := p / periods_per_year;
param last_period := n_periods - 1;

param plabel{p in PERIODS} symbolic :=
	if periods_per_year = 1 then pyear[p] & ''
	else pyear[p]
		& (if periods_per_year = 2 then '-H'
		   else if periods_per_year = 4 then '-Q'
		   else if psub[p] < 10 then '-0' else '-')
		& psub[p];

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

/* Version 2 columns, as dates (year, month, day): a site's own deadline,
 * its earliest date and its in_service date. */
set SITE_DEADLINE within SITES, default {};
param deadline_y{SITE_DEADLINE} integer;
param deadline_m{SITE_DEADLINE} integer, in 1..12;
param deadline_d{SITE_DEADLINE} integer, in 1..31;
set SITE_EARLIEST within SITES, default {};
param earliest_y{SITE_EARLIEST} integer;
param earliest_m{SITE_EARLIEST} integer, in 1..12;
param earliest_d{SITE_EARLIEST} integer, in 1..31;
set IN_SERVICE within SITES, default {};
param in_service_y{IN_SERVICE} integer;
param in_service_m{IN_SERVICE} integer, in 1..12;
param in_service_d{IN_SERVICE} integer, in 1..31;

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

/* allowed_vendors: the sites with a list (RESTRICTED) and the (site,
 * vendor) pairs it allows. vendor_regions: the vendors with an entry
 * (REGION_LIMITED) and the (vendor, region) pairs it allows. */
set RESTRICTED within SITES, default {};
set ALLOWED within {SITES, VENDORS}, default {SITES, VENDORS: 0};
set REGION_LIMITED within VENDORS, default {};
set VENDOR_REGIONS within {VENDORS, REGIONS}, default {VENDORS, REGIONS: 0};

/* Capacity: units vendor v can install in year y; absent = unlimited. A
 * period key (v, y, q): in the q-th period of year y. */
set CAPACITY_LIMITED within {VENDORS, YEARS};
param capacity{CAPACITY_LIMITED} >= 0;
set CAPACITY_KEYS within {VENDORS, YEARS, 1..periods_per_year},
	default {VENDORS, YEARS, 1..periods_per_year: 0};
param capacity_key{CAPACITY_KEYS} >= 0;

/* ------------------------------------------------------------------ */
/* Money                                                              */
/* ------------------------------------------------------------------ */

/* Years with a budget; every other year is unlimited. BUDGET_KEYS: the
 * period keys (y, q) of the budget, a second limit on one period's spend
 * that never adds money and never carries over. */
set BUDGET_YEARS within YEARS, default {};
param budget{BUDGET_YEARS} >= 0;
set BUDGET_KEYS within {YEARS, 1..periods_per_year},
	default {YEARS, 1..periods_per_year: 0};
param budget_key{BUDGET_KEYS} >= 0;
param budget_scale >= 0, default 1;
param carry_over binary, default 0;
param discount_rate >= 0, < 1, default 0;
param cost_escalation > -1, < 1, default 0;

/* ------------------------------------------------------------------ */
/* Rules                                                              */
/* ------------------------------------------------------------------ */

/* Deadlines: an empty domain set means "*" (every domain), an empty
 * region set every region. A rule's date is (deadline_year, month, day);
 * a version 1 rule's year Y is 31 December of Y. */
set DEADLINES, default {};
param deadline_year{DEADLINES} integer;
param deadline_month{DEADLINES} integer, in 1..12, default 12;
param deadline_day{DEADLINES} integer, in 1..31, default 31;
set DEADLINE_DOMAINS{DEADLINES}, default {};
set DEADLINE_REGIONS{DEADLINES}, default {};

/* High-risk share caps: empty domain set = every domain, empty region set
 * = every region; measured in units (version 1) or sites. */
set CAPS, default {};
param cap_year{CAPS} integer;
param cap_month{CAPS} integer, in 1..12, default 12;
param cap_day{CAPS} integer, in 1..31, default 31;
param cap_share{CAPS} >= 0, <= 1;
param cap_measure{CAPS} symbolic, in {'units', 'sites'}, default 'units';
set CAP_DOMAINS{CAPS}, default {};
set CAP_REGIONS{CAPS}, default {};

/* Trusted-vendor share limit, for the domains that have one. */
set SHARE_LIMITED within DOMAINS, default {};
param max_vendor_share{SHARE_LIMITED} >= 0, <= 1;

/* Crews: high-risk sites region r can swap in year y; absent = unlimited.
 * A period key (r, y, q): in the q-th period of year y. */
set CREWS_LIMITED within {REGIONS, YEARS};
param crews{CREWS_LIMITED} >= 0;
set CREWS_KEYS within {REGIONS, YEARS, 1..periods_per_year},
	default {REGIONS, YEARS, 1..periods_per_year: 0};
param crews_key{CREWS_KEYS} >= 0;

/* ------------------------------------------------------------------ */
/* Objective and stage                                                */
/* ------------------------------------------------------------------ */

param objective symbolic, in {'exposure', 'cost'}, default 'exposure';
param stage integer, in {1, 2}, default 1;
/* Stage 2 only: the optimal value z1 of the first objective. */
param first_value, default 0;

/* ------------------------------------------------------------------ */
/* The calendar: where a date falls and where it binds                */
/* ------------------------------------------------------------------ */

/* Every date the rules use, as (year, month, day). The cut into periods
 * continues before and after the horizon, so each date has a period
 * index, negative before the horizon, n_periods or more after it. */
set END_DATES dimen 3 :=
	setof{r in DEADLINES} (deadline_year[r], deadline_month[r], deadline_day[r])
	union setof{c in CAPS} (cap_year[c], cap_month[c], cap_day[c])
	union setof{s in SITE_DEADLINE} (deadline_y[s], deadline_m[s], deadline_d[s]);
set START_DATES dimen 3 :=
	setof{s in SITE_EARLIEST} (earliest_y[s], earliest_m[s], earliest_d[s])
	union setof{s in IN_SERVICE} (in_service_y[s], in_service_m[s], in_service_d[s]);

/* Months from the horizon's first day to the date's month, and the
 * period holding the date. */
param month_index{(y, m, d) in END_DATES union START_DATES} := (y - start) * 12 + m - 1;
param period_of{(y, m, d) in END_DATES union START_DATES} :=
	floor(month_index[y, m, d] / months_per_period);

/* Whether a date is the last day of its period: the last month of the
 * period and the last day of that month (February has 29 days in a
 * Gregorian leap year). */
param is_period_end{(y, m, d) in END_DATES} :=
	if month_index[y, m, d] mod months_per_period = months_per_period - 1
	   and d = (if m = 2
		    then (if (y mod 4 = 0 and y mod 100 != 0) or y mod 400 = 0
			  then 29 else 28)
		    else if m = 4 or m = 6 or m = 9 or m = 11 then 30
		    else 31)
	then 1 else 0;

/* A dated rule's binding end (scenario-format-2.md): the last period end
 * on or before its date. Below 0: before the horizon's first period end;
 * last_period + 1 or more: after the horizon, binding nothing. */
param binding_end{(y, m, d) in END_DATES} :=
	period_of[y, m, d] - (if is_period_end[y, m, d] then 0 else 1);

/* The first period that starts on or after a date (earliest: "not swapped
 * in a period that starts before it"). */
param first_on_or_after{(y, m, d) in START_DATES} :=
	period_of[y, m, d]
	+ (if d = 1 and month_index[y, m, d] mod months_per_period = 0 then 0 else 1);

param deadline_bind{r in DEADLINES} :=
	binding_end[deadline_year[r], deadline_month[r], deadline_day[r]];
param cap_bind{c in CAPS} := binding_end[cap_year[c], cap_month[c], cap_day[c]];
param site_deadline_bind{s in SITE_DEADLINE} :=
	binding_end[deadline_y[s], deadline_m[s], deadline_d[s]];

/* The first period a site may be swapped in: from earliest_year (its
 * first period) or earliest (the first period starting on or after it). */
param site_first{s in SITES} :=
	if s in SITE_EARLIEST
	then first_on_or_after[earliest_y[s], earliest_m[s], earliest_d[s]]
	else if earliest_year[s] = 0 then 0
	else (earliest_year[s] - start) * periods_per_year;

/* Growth: a site counts from the end of the period holding its in_service
 * date (from the start when that is on or before the horizon's first day;
 * never when after the horizon, as no period end is that late). */
param in_service_from{s in SITES} :=
	if s in IN_SERVICE
	then max(0, period_of[in_service_y[s], in_service_m[s], in_service_d[s]])
	else 0;
param counts{s in SITES, p in PERIODS} := if p >= in_service_from[s] then 1 else 0;

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

param unit_earliest{(k, n) in UNITS} := max{s in MEMBERS[k, n]} site_first[s];
param unit_units{(k, n) in UNITS} := sum{s in MEMBERS[k, n]} units[s];

/* Whether vendor v may take HR site s: it lists the site's domain, the
 * site's allowed_vendors (when given) names it, and its vendor_regions
 * entry (when it has one) holds the site's region. */
param may_take{v in VENDORS, s in HR} :=
	if (v, site_domain[s]) in OFFER
	   and (s not in RESTRICTED or (s, v) in ALLOWED)
	   and (v not in REGION_LIMITED or (v, site_region[s]) in VENDOR_REGIONS)
	then 1 else 0;

/* CHOICES[k, n]: the (vendor, period) pairs unit (k, n) may be swapped in:
 * the vendor may take every site of the unit (so a disallowed vendor has
 * no variable at all), and the period is no earlier than the latest first
 * period of its sites. */
set CHOICES{(k, n) in UNITS} :=
	{v in VENDORS, p in PERIODS:
	 p >= unit_earliest[k, n]
	 and forall{s in MEMBERS[k, n]} may_take[v, s] = 1};

/* Nominal cost of swapping unit (k, n) to v in period p: for each site,
 * site_cost[d] + units * unit_cost[v, d], escalated by t(p) years. The
 * present value discounts that by t(p) years to the horizon's first day. */
param growth{p in PERIODS} := (1 + cost_escalation) ** t[p];
param discount{p in PERIODS} := (1 + discount_rate) ** (-t[p]);
param swap_cost{(k, n) in UNITS, (v, p) in CHOICES[k, n]} :=
	growth[p] * sum{s in MEMBERS[k, n]}
		(site_cost[site_domain[s]] + units[s] * unit_cost[v, site_domain[s]]);

/* Totals over the sites in service at the end of period p, any vendor (a
 * swap replaces units one for one; growth only adds). */
param domain_units{d in DOMAINS, p in PERIODS} :=
	sum{s in SITES: site_domain[s] = d} units[s] * counts[s, p];
param vendor_had{v in VENDORS, d in DOMAINS, p in PERIODS} :=
	sum{s in SITES: site_vendor[s] = v and site_domain[s] = d} units[s] * counts[s, p];
param unit_units_in{(k, n) in UNITS, d in DOMAINS} :=
	sum{s in MEMBERS[k, n]: site_domain[s] = d} units[s];
param unit_sites_in{(k, n) in UNITS, r in REGIONS} :=
	card({s in MEMBERS[k, n]: site_region[s] = r});

/* The sites in scope of a share cap, and what one counts: its units, or 1
 * for a site with units > 0 (measure 'sites'). */
set CAP_SCOPE{c in CAPS} :=
	{s in SITES:
	 (card(CAP_DOMAINS[c]) = 0 or site_domain[s] in CAP_DOMAINS[c])
	 and (card(CAP_REGIONS[c]) = 0 or site_region[s] in CAP_REGIONS[c])};
param cap_count{c in CAPS, s in SITES} :=
	if cap_measure[c] = 'sites' then (if units[s] > 0 then 1 else 0) else units[s];

/* The HR sites a deadline rule covers: its domain (any for "*") and its
 * region (any without one). */
set DEADLINE_SCOPE{r in DEADLINES} :=
	{s in HR:
	 (card(DEADLINE_DOMAINS[r]) = 0 or site_domain[s] in DEADLINE_DOMAINS[r])
	 and (card(DEADLINE_REGIONS[r]) = 0 or site_region[s] in DEADLINE_REGIONS[r])};

/* RUN[y]: the budget years whose money may pay for spending in year y (a
 * limited year). Without carry-over that is y alone; with it, y and the
 * limited years just before it, back to the last unlimited year (which
 * carries nothing forward). */
set RUN{y in BUDGET_YEARS} :=
	{q in YEARS: q <= y and (q = y or carry_over = 1)
	 and forall{i in q..y} i in BUDGET_YEARS};

/* ------------------------------------------------------------------ */
/* Variables                                                          */
/* ------------------------------------------------------------------ */

/* x[k, n, v, p] = 1: unit (k, n) is swapped to vendor v in period p. */
var x{(k, n) in UNITS, (v, p) in CHOICES[k, n]} binary;

/* swapped[k, n, p] = 1 when unit (k, n) is swapped by the end of period p. */
var swapped{UNITS, PERIODS} >= 0, <= 1;

var spend{PERIODS} >= 0;   /* nominal money spent in each period */
var exposure >= 0;         /* E of model.md, weighted unit-years */
var present_cost >= 0;     /* net present cost */
var nominal_cost >= 0;

/* ------------------------------------------------------------------ */
/* Definitions                                                        */
/* ------------------------------------------------------------------ */

s.t. define_swapped{(k, n) in UNITS, p in PERIODS}:
	swapped[k, n, p] = sum{(v, q) in CHOICES[k, n]: q <= p} x[k, n, v, q];

s.t. define_spend{p in PERIODS}:
	spend[p] = sum{(k, n) in UNITS, v in VENDORS: (v, p) in CHOICES[k, n]}
		swap_cost[k, n, v, p] * x[k, n, v, p];

/* E: each period, every HR site still there at its end counts
 * len(p) * criticality * units. */
s.t. define_exposure:
	exposure = sum{p in PERIODS, s in HR} len * criticality[s] * units[s]
		* (1 - swapped[unit_kind[s], unit_name[s], p]);

s.t. define_present_cost:
	present_cost = sum{p in PERIODS} discount[p] * spend[p];

s.t. define_nominal_cost:
	nominal_cost = sum{p in PERIODS} spend[p];

/* ------------------------------------------------------------------ */
/* Rules of model.md and model-2.md                                   */
/* ------------------------------------------------------------------ */

/* Rule 1, once: each swap unit is swapped at most once, in one period, to
 * one trusted vendor. */
s.t. once{(k, n) in UNITS}:
	sum{(v, p) in CHOICES[k, n]} x[k, n, v, p] <= 1;

/* The cost objective's completion rule: every HR site is swapped by the
 * end of the horizon. */
s.t. complete{(k, n) in UNITS: objective = 'cost'}:
	swapped[k, n, last_period] >= 1;

/* Rule 2, deadlines (model-2.md new rule 1: dated, regional): every HR
 * site the rule covers is swapped in a period ending on or before its
 * binding end. A binding end after the horizon binds nothing inside it.
 * One before the first period end leaves no swap early enough: the row
 * reads 0 >= 1 for each such site, so it cannot hold while one remains. */
s.t. deadline{r in DEADLINES, s in DEADLINE_SCOPE[r]: deadline_bind[r] <= last_period}:
	(if deadline_bind[r] >= 0
	 then swapped[unit_kind[s], unit_name[s], deadline_bind[r]]
	 else 0) >= 1;

/* New rule 2, site deadline: the same for one site's own deadline (a
 * cluster so takes the earliest of its sites'). */
s.t. site_deadline{s in SITE_DEADLINE inter HR: site_deadline_bind[s] <= last_period}:
	(if site_deadline_bind[s] >= 0
	 then swapped[unit_kind[s], unit_name[s], site_deadline_bind[s]]
	 else 0) >= 1;

/* Rule 3, budget: own spend in a limited year y (its periods' spend) <=
 * its budget. With carry-over, unspent money of a limited year adds to
 * the next year's; as spending is never negative that is the same as: the
 * spend over each stretch RUN[y] of limited years ending at y <= the
 * budgets of that stretch. An unlimited year carries nothing, so
 * stretches stop there. */
s.t. budget_limit{y in BUDGET_YEARS}:
	sum{q in RUN[y], p in PERIODS: pyear[p] = q} spend[p]
	<= budget_scale * sum{q in RUN[y]} budget[q];

/* A period key of the budget limits that period's spend alone. */
s.t. budget_key_limit{p in PERIODS: (pyear[p], psub[p]) in BUDGET_KEYS}:
	spend[p] <= budget_scale * budget_key[pyear[p], psub[p]];

/* Rule 4, high-risk share caps (new rule 4: also by sites; growth): at
 * every period end from the binding end on (every period end when it is
 * before the horizon's first), the HR units (or sites) not yet swapped
 * among the sites in scope are <= max_share * all units (or sites) of the
 * sites in scope in service then. */
s.t. share_cap{c in CAPS, p in PERIODS: p >= cap_bind[c]}:
	sum{s in CAP_SCOPE[c] inter HR} cap_count[c, s]
		* (1 - swapped[unit_kind[s], unit_name[s], p])
	<= cap_share[c] * sum{s in CAP_SCOPE[c]} cap_count[c, s] * counts[s, p];

/* Rule 5, trusted-vendor share (new rule 5: with growth): for a domain d
 * with a limit, vendor v's units in d at the end of every period (what it
 * has in service plus what was swapped to it so far) <= max(limit * all
 * units of d in service, what it has in service without the swaps). A
 * vendor already above the limit thus gets no more swaps in d. */
s.t. vendor_share{d in SHARE_LIMITED, v in VENDORS, p in PERIODS}:
	vendor_had[v, d, p]
	+ sum{(k, n) in UNITS, q in PERIODS:
	      q <= p and (v, q) in CHOICES[k, n] and unit_units_in[k, n, d] > 0}
		unit_units_in[k, n, d] * x[k, n, v, q]
	<= max(max_vendor_share[d] * domain_units[d, p], vendor_had[v, d, p]);

/* Rule 6, vendor capacity: units swapped to v in year y (all its periods)
 * <= its capacity; a period key limits its period. */
s.t. vendor_capacity{(v, y) in CAPACITY_LIMITED}:
	sum{(k, n) in UNITS, p in PERIODS: pyear[p] = y and (v, p) in CHOICES[k, n]}
		unit_units[k, n] * x[k, n, v, p]
	<= capacity[v, y];

s.t. vendor_capacity_key{(v, y, q) in CAPACITY_KEYS, p in PERIODS:
			 pyear[p] = y and psub[p] = q}:
	sum{(k, n) in UNITS: (v, p) in CHOICES[k, n]} unit_units[k, n] * x[k, n, v, p]
	<= capacity_key[v, y, q];

/* Rule 7, crews: HR sites swapped in region r in year y (all its periods)
 * <= crews(r, y); a period key limits its period. A cluster spanning
 * regions uses crews in each of them. */
s.t. crew_limit{(r, y) in CREWS_LIMITED}:
	sum{(k, n) in UNITS, v in VENDORS, p in PERIODS:
	    pyear[p] = y and (v, p) in CHOICES[k, n] and unit_sites_in[k, n, r] > 0}
		unit_sites_in[k, n, r] * x[k, n, v, p]
	<= crews[r, y];

s.t. crew_key_limit{(r, y, q) in CREWS_KEYS, p in PERIODS: pyear[p] = y and psub[p] = q}:
	sum{(k, n) in UNITS, v in VENDORS:
	    (v, p) in CHOICES[k, n] and unit_sites_in[k, n, r] > 0}
		unit_sites_in[k, n, r] * x[k, n, v, p]
	<= crews_key[r, y, q];

/* Rule 8, dependencies: HR site s may be swapped by period p only if each
 * HR site t it depends on is swapped by p. Dependencies on sites that are
 * not HR bind nothing; within one swap unit they hold by themselves. A
 * cycle forces its units into the same period. */
s.t. dependency{(s, q) in DEPENDS_ON, p in PERIODS:
		s in HR and q in HR
		and (unit_kind[s] != unit_kind[q] or unit_name[s] != unit_name[q])}:
	swapped[unit_kind[s], unit_name[s], p] <= swapped[unit_kind[q], unit_name[q], p];

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
param chosen{(k, n) in UNITS, (v, p) in CHOICES[k, n]} := round(x[k, n, v, p].val);
param done_by{(k, n) in UNITS, p in PERIODS} :=
	sum{(v, q) in CHOICES[k, n]: q <= p} chosen[k, n, v, q];
param period_spend{p in PERIODS} :=
	sum{(k, n) in UNITS, v in VENDORS: (v, p) in CHOICES[k, n]}
		swap_cost[k, n, v, p] * chosen[k, n, v, p];

printf "objective %s\n", objective;
printf "stage %d\n", stage;
printf "exposure %.17g\n",
	sum{p in PERIODS, s in HR} len * criticality[s] * units[s]
		* (1 - done_by[unit_kind[s], unit_name[s], p]);
printf "present_cost %.17g\n", sum{p in PERIODS} discount[p] * period_spend[p];
printf "nominal_cost %.17g\n", sum{p in PERIODS} period_spend[p];
printf{(k, n) in UNITS, (v, p) in CHOICES[k, n]: chosen[k, n, v, p] = 1}
	"swap %s %s %s %s\n", k, n, v, plabel[p];
printf{y in YEARS} "spend %d %.17g\n", y,
	sum{p in PERIODS: pyear[p] = y} period_spend[p];
printf{p in PERIODS: periods_per_year > 1}
	"period_spend %s %.17g\n", plabel[p], period_spend[p];

end;
