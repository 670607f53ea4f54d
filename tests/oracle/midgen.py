#!/usr/bin/env python3
"""midgen: a seeded mid-size scenario (50 to 2,000 sites) with the rules asked for.

    midgen.py --seed S --sites N -o DIR [options]

Writes DIR/scenario.json and DIR/sites.csv (shared/spec/scenario-format.md)
for the outside-solver comparison (tests/cbc-compare.sh). Every rule of
shared/spec/model.md can be switched on: clusters, dependencies, earliest
years, deadlines, budgets (tight, loose or none; carry-over), cost
escalation and discount, both objectives, share caps (national or one per
region), crews (national or per region), vendor capacities and
max_vendor_share.

Feasible by construction, as phaseout-gen does it: the generator first
draws a reference plan (a year and a trusted vendor for every swap unit,
everything swapped by the last deadline), draws earliest years and
dependencies only in ways that plan keeps, and then sets every budget,
capacity, crew count and share limit from what that plan needs, times a
margin (tight: a few percent; loose: half as much again). The optimum is
then a real choice among plans, not a copy of the reference plan.

Version 2 (shared/spec/scenario-format-2.md and model-2.md), switched on by
any of --periods half|quarter|month, --dated, --site-deadlines,
--allowed-vendors, --vendor-regions, --sites-cap, --growth and
--period-keys: the reference plan then gives every swap unit a period, and
deadlines by date (inside a period, so they bind at the end of the one
before; a regional one too), sites' own deadlines, allowed_vendors,
earliest dates, vendor_regions, a radio cap measured by sites, trusted
sites entering service during the horizon and period keys on budget,
capacity and crews all follow that plan, as above. Without them the files
are byte for byte what this script always wrote.

Independent of the planner: plain Python 3 and its standard library only.
Byte-deterministic per option set: its own splitmix64 PRNG (not Python's
random module, whose methods may change between versions), integers for
money and units, and shares written with two decimals.
"""
import argparse
import calendar
import json
import math
import os
import sys

MASK = (1 << 64) - 1


class Rng:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def rnd(self, lo, hi):
        """A whole number in [lo, hi]."""
        return lo + self.next() % (hi - lo + 1)

    def chance(self, percent):
        return self.rnd(1, 100) <= percent

    def pick(self, values):
        return values[self.rnd(0, len(values) - 1)]


REGIONS = ["north", "south", "east", "west"]
DOMAINS = ["core", "transport", "ran"]
TRUSTED = ["Ericsson", "Nokia", "Samsung"]
# Thousands of pounds per unit; Samsung supplies radio only.
UNIT_COST = {
    "Ericsson": {"core": 45000, "transport": 9000, "ran": 14500},
    "Nokia": {"core": 42000, "transport": 8600, "ran": 13800},
    "Samsung": {"ran": 12500},
}
SITE_COST = {"core": 400000, "transport": 22000, "ran": 18000}
OTHER_VENDORS = {"core": ["Ericsson", "Nokia"],
                 "transport": ["Ericsson", "Nokia", "Cisco"],
                 "ran": ["Ericsson", "Nokia", "Samsung"]}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="midgen.py", description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--sites", type=int, required=True, help="50 to 2000")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--years", type=int, default=5, help="length of the horizon (default 5)")
    p.add_argument("--high-risk-share", type=float, default=0.5)
    p.add_argument("--objective", choices=["exposure", "cost"], default="exposure")
    p.add_argument("--budget", choices=["tight", "loose", "none"], default="loose")
    p.add_argument("--carry-over", action="store_true",
                   help="carry_over true, with a level budget that needs it")
    p.add_argument("--escalation", type=float, default=0.0)
    p.add_argument("--discount", type=float, default=0.0)
    p.add_argument("--clusters", action="store_true")
    p.add_argument("--dependencies", action="store_true")
    p.add_argument("--earliest", action="store_true", help="some earliest_year cells")
    p.add_argument("--no-deadlines", action="store_true")
    p.add_argument("--share-cap", action="store_true", help="a national radio share cap")
    p.add_argument("--regional-caps", action="store_true",
                   help="a ran+transport share cap per region")
    p.add_argument("--crews", choices=["none", "national", "regional"], default="none")
    p.add_argument("--capacity", choices=["none", "tight", "loose"], default="none")
    p.add_argument("--vendor-share", action="store_true", help="max_vendor_share on ran")
    p.add_argument("--criticality", choices=["plain", "mixed"], default="mixed")
    p.add_argument("--periods", choices=sorted(PER_YEAR), default="year",
                   help="planning period (version 2 unless year)")
    p.add_argument("--dated", action="store_true",
                   help="deadlines and caps by dates inside a period, a regional deadline")
    p.add_argument("--site-deadlines", type=float, default=0.0,
                   help="share of high-risk sites with their own deadline")
    p.add_argument("--allowed-vendors", type=float, default=0.0,
                   help="share of high-risk sites with allowed_vendors")
    p.add_argument("--vendor-regions", action="store_true",
                   help="Samsung takes sites in two regions only")
    p.add_argument("--sites-cap", action="store_true", help="a radio cap measured by sites")
    p.add_argument("--growth", type=float, default=0.0,
                   help="trusted sites entering service, as a share of --sites")
    p.add_argument("--replan", action="store_true",
                   help="replan_from at the middle period's start, and a `fixed` "
                   "ledger of the reference plan's swaps before it (done, at the "
                   "model's cost) and in it (committed, at 95%% of it, written)")
    p.add_argument("--period-keys", action="store_true",
                   help="period keys on budget, capacity and crews")
    p.add_argument("--funds", choices=["timing", "extensions", "own-cost"],
                   help="a fund on top of the own budget (model-2.md rules 7-8): "
                   "'timing', 40%% of the reference plan's cost from the start and "
                   "60%% from the middle period; 'extensions', the same with a "
                   "deadline 12 months after the first money, extensions of one "
                   "period, the last reaching the reference plan's last period; "
                   "'own-cost', a fund paying 75%% of each swap with the own_cost "
                   "objective")
    a = p.parse_args(argv)
    if not 50 <= a.sites <= 2000:
        p.error("--sites must be from 50 to 2000")
    if not 2 <= a.years <= 12:
        p.error("--years must be from 2 to 12")
    return a


def options_text(argv):
    """argv without -o/--output and its folder, so the bytes do not depend on it."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("-o", "--output"):
            skip = True
        elif not arg.startswith(("-o", "--output=")):
            out.append(arg)
    return out


PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}


def is_v2(a):
    return (a.periods != "year" or a.dated or a.site_deadlines or a.allowed_vendors
            or a.vendor_regions or a.sites_cap or a.growth or a.period_keys or a.replan
            or a.funds)


class Cut:
    """The periods of scenario-format-2.md, from the horizon's first day."""

    def __init__(self, start, ppy):
        self.start, self.ppy, self.months = start, ppy, 12 // ppy

    def holding(self, y, m):
        return (y - self.start) * self.ppy + (m - 1) // self.months

    def binding_end(self, y, m, d):
        """The last period ending on or before the date."""
        last = m % self.months == 0 and d == calendar.monthrange(y, m)[1]
        return self.holding(y, m) - (0 if last else 1)

    def first_month(self, p):
        return self.start + p // self.ppy, (p % self.ppy) * self.months + 1

    def end_date(self, p):
        y, m = self.first_month(p)
        m += self.months - 1
        return y, m, calendar.monthrange(y, m)[1]

    def label(self, p):
        y, m = self.first_month(p)
        sub = p % self.ppy + 1
        return {1: "%d" % y, 2: "%d-H%d" % (y, sub), 4: "%d-Q%d" % (y, sub),
                12: "%d-%02d" % (y, sub)}[self.ppy]

    def year_of(self, p):
        return self.start + p // self.ppy


def date_text(y, m, d):
    return "%04d-%02d-%02d" % (y, m, d)


def add_fund(a, sc, cut, n_periods, hr_sites, spend_p):
    """--funds: one fund for every domain, its money a share of what the
    reference plan costs, dated on period starts. The own budget already
    pays for the reference plan, so the scenario stays feasible; the
    fund's money and its timing then decide how early the plan can go."""
    total = sum(spend_p)
    mid = n_periods // 2
    first = date_text(*cut.first_month(0), 1)
    second = date_text(*cut.first_month(mid), 1)
    fund = {"name": "Reimbursement", "disbursements": {
        first: int(total * 0.4 // 1000) * 1000, second: int(total * 0.6 // 1000) * 1000}}
    if a.funds == "extensions":
        # D(k) = start + M + k periods; D(K) is the first day after the
        # reference plan's last period, whose end is then D(K)'s binding end.
        last = max(s["period"] for s in hr_sites)
        k = 3
        months = (last + 1) * cut.months
        fund["deadline"] = {"months_after_first": max(0, months - k * cut.months),
                            "extension_months": cut.months, "max_extensions": k}
    elif a.funds == "own-cost":
        fund["share"] = 0.75
        sc["objective"] = "own_cost"
    sc["funds"] = [fund]
    # The own budget, carried over, is what the reference plan needs
    # beside the fund (paying its share of each period's swaps while its
    # money lasts), 3% more: so the money binds, and the fund's timing.
    share = fund.get("share", 1.0)
    money = {0: fund["disbursements"][first], mid: fund["disbursements"][second]}
    usable = paid = need = 0.0
    needs = {}
    for p in range(n_periods):
        usable += money.get(p, 0)
        pay = min(share * spend_p[p], usable - paid)
        paid += pay
        need += spend_p[p] - pay
        y = cut.year_of(p)
        needs[y] = max(needs.get(y, 0.0), need)
    budget, had = {}, 0
    for y in sorted(needs):
        cum = max(had, int(math.ceil(needs[y] * 1.03 / 1000.0)) * 1000)
        budget[str(y)] = cum - had
        had = cum
    sc["budget"] = budget
    sc["carry_over"] = True


def margin(kind):
    return {"tight": 1.03, "loose": 1.5}[kind]


def add_v2_sites(a, r, cut, n_periods, sites, hr_sites):
    """Sites' own deadlines and allowed_vendors that the reference plan
    keeps, and trusted or other sites entering service (network growth)."""
    if a.site_deadlines:
        for s in hr_sites:
            if r.rnd(0, 9999) >= int(a.site_deadlines * 10000):
                continue
            q = s["period"] + r.rnd(0, 2)
            if r.chance(50):
                s["deadline"] = date_text(*cut.end_date(q))
            else:
                # Inside the next period: still binds at the end of q.
                s["deadline"] = date_text(*cut.first_month(q + 1), r.rnd(1, 20))
    if a.allowed_vendors:
        for s in hr_sites:
            if r.rnd(0, 9999) >= int(a.allowed_vendors * 10000):
                continue
            names = [s["to"]]
            others = [v for v in TRUSTED if v != s["to"] and s["domain"] in UNIT_COST[v]]
            if others and r.chance(50):
                names.append(r.pick(others))
            if r.chance(50):
                names.reverse()
            s["allowed"] = ";".join(names)
    for k in range(int(round(a.growth * a.sites))):
        region = REGIONS[r.rnd(0, len(REGIONS) - 1)]
        domain = "transport" if r.chance(20) else "ran"
        s = {"id": "G%s%05d" % (region[0].upper(), k + 1), "region": region,
             "domain": domain, "vendor": r.pick(OTHER_VENDORS[domain]),
             "units": {"transport": r.rnd(1, 6), "ran": r.rnd(2, 8)}[domain],
             "crit": "", "hr": False, "cluster": "", "earliest": "", "deps": [],
             "period": 0, "deadline": "", "allowed": ""}
        if r.chance(10):
            s["in_service"], s["in_service_p"] = date_text(cut.start - 1, 6, 1), 0
        else:
            p = r.rnd(0, n_periods - 1)
            y, m = cut.first_month(p)
            m += r.rnd(0, cut.months - 1)
            s["in_service"], s["in_service_p"] = date_text(y, m, r.rnd(1, 28)), p
        sites.append(s)


def main(argv):
    a = parse_args(argv)
    r = Rng(a.seed * 1000003 + a.sites)
    start = 2025
    years = list(range(start, start + a.years))
    end = years[-1]
    last_deadline = end - 1 if a.years > 2 else end
    core_deadline = min(start + 1, last_deadline)
    v2 = is_v2(a)
    ppy = PER_YEAR[a.periods]
    cut = Cut(start, ppy)
    n_periods = a.years * ppy
    # Version 2's deadlines by date bind at the end of the period before
    # the one holding the date.
    core_date = (core_deadline, 8, 15) if a.dated else (core_deadline, 12, 31)
    all_date = (last_deadline, 11, 20) if a.dated else (last_deadline, 12, 31)
    north_date = (start + 1, 5, 10)
    core_bind, all_bind = cut.binding_end(*core_date), cut.binding_end(*all_date)
    north_bind = cut.binding_end(*north_date) if a.dated else n_periods
    samsung_regions = ["north", "east"]

    # Sites: region, domain, vendor, units, criticality.
    sites = []
    for i in range(a.sites):
        region = REGIONS[r.rnd(0, len(REGIONS) - 1)]
        u = r.rnd(1, 100)
        domain = "core" if u <= 3 else "transport" if u <= 20 else "ran"
        if i < len(DOMAINS):
            # Every domain is present, so that every rule names one.
            domain = DOMAINS[i]
        hr = r.rnd(0, 9999) < int(a.high_risk_share * 10000)
        vendor = (("Huawei" if r.chance(80) else "ZTE") if hr
                  else r.pick(OTHER_VENDORS[domain]))
        units = {"core": r.rnd(10, 40), "transport": r.rnd(1, 6), "ran": r.rnd(2, 8)}[domain]
        if a.criticality == "plain":
            crit = ""
        else:
            crit = {"core": "10", "transport": "3",
                    "ran": r.pick(["1", "1", "1", "2", "1.5", "0.5"])}[domain]
        tag = {"core": "C", "transport": "T", "ran": "R"}[domain]
        sites.append({"id": "%s%s%05d" % (region[0].upper(), tag, i + 1),
                      "region": region, "domain": domain, "vendor": vendor,
                      "units": units, "crit": crit, "hr": hr, "cluster": "",
                      "earliest": "", "deps": [], "in_service_p": 0, "period": 0,
                      "deadline": "", "allowed": "", "in_service": ""})
    hr_sites = [s for s in sites if s["hr"]]
    if not hr_sites:
        sites[0].update(vendor="Huawei", hr=True)
        hr_sites = [sites[0]]

    # Swap units: clusters of 2 to 5 high-risk radio sites of one region.
    units_of = []  # list of lists of sites
    if a.clusters:
        for region in REGIONS:
            pool = [s for s in hr_sites if s["region"] == region and s["domain"] == "ran"]
            k = 0
            while k < len(pool):
                size = r.rnd(1, 5)
                group = pool[k:k + size]
                k += size
                if len(group) >= 2 and r.chance(50):
                    name = "%s-c%d" % (region, len(units_of) + 1)
                    for s in group:
                        s["cluster"] = name
                    units_of.append(group)
                else:
                    units_of.extend([s] for s in group)
        units_of.extend([s] for s in hr_sites if s["domain"] != "ran")
    else:
        units_of = [[s] for s in hr_sites]
    units_of.sort(key=lambda g: g[0]["id"])

    # Reference plan: a year (index) and a vendor for every swap unit.
    for g in units_of:
        domains = {s["domain"] for s in g}
        if v2:
            # The same choice in periods, every deadline's binding end kept.
            if "core" in domains and not a.no_deadlines:
                hi = core_bind
            elif a.no_deadlines and a.objective == "exposure":
                hi = n_periods - 1
            else:
                hi = all_bind
            if not a.no_deadlines and any(s["domain"] == "transport" and
                                          s["region"] == "north" for s in g):
                hi = min(hi, north_bind)
            p = r.rnd(0, hi)
            can = [v for v in TRUSTED if all(d in UNIT_COST[v] for d in domains) and
                   (v != "Samsung" or not a.vendor_regions or
                    all(s["region"] in samsung_regions for s in g))]
            v = r.pick(can)
            for s in g:
                s["year"], s["to"], s["period"] = cut.year_of(p), v, p
            continue
        if "core" in domains and not a.no_deadlines:
            hi = core_deadline
        elif a.no_deadlines and a.objective == "exposure":
            hi = end
        else:
            hi = last_deadline
        y = r.rnd(start, hi)
        can = [v for v in TRUSTED if all(d in UNIT_COST[v] for d in domains)]
        v = r.pick(can)
        for s in g:
            s["year"], s["to"], s["period"] = y, v, y - start
    # Earliest years no later than the planned year.
    if a.earliest and v2:
        # Dates: a period's first day, or a day inside the period before
        # (either way the first period that may swap the site is e).
        for s in hr_sites:
            if s["period"] > 0 and r.chance(25):
                e = r.rnd(1, s["period"])
                if r.chance(50):
                    s["earliest"] = date_text(*cut.first_month(e), 1)
                else:
                    s["earliest"] = date_text(*cut.first_month(e - 1), r.rnd(2, 28))
    elif a.earliest:
        for s in hr_sites:
            if s["year"] > start and r.chance(25):
                s["earliest"] = str(r.rnd(start + 1, s["year"]))
    # Dependencies on a transport or core site of the same region planned
    # no later (and sometimes on a site that is not high-risk).
    if a.dependencies:
        parents = {reg: [s for s in sites if s["region"] == reg and s["domain"] != "ran"]
                   for reg in REGIONS}
        for s in sites:
            if s["domain"] != "ran" or not r.chance(30):
                continue
            cand = [p for p in parents[s["region"]]
                    if not p["hr"] or not s["hr"] or p["period"] <= s["period"]]
            if s["hr"]:
                cand = [p for p in cand if not p["hr"] or p["period"] <= s["period"]]
            else:
                cand = [p for p in cand if not p["hr"]] + \
                    [p for p in cand if p["hr"]][:1]
            if cand:
                s["deps"].append(cand[r.rnd(0, len(cand) - 1)]["id"])

    if v2:
        add_v2_sites(a, r, cut, n_periods, sites, hr_sites)

    # What the reference plan needs each year (and period).
    esc = a.escalation
    spend = {y: 0.0 for y in years}
    vendor_units = {(v, y): 0 for v in TRUSTED for y in years}
    region_sites = {(reg, y): 0 for reg in REGIONS for y in years}
    spend_p = [0.0] * n_periods
    vendor_units_p = {(v, p): 0 for v in TRUSTED for p in range(n_periods)}
    region_sites_p = {(reg, p): 0 for reg in REGIONS for p in range(n_periods)}
    for s in hr_sites:
        if v2:
            cost = (SITE_COST[s["domain"]] + s["units"] * UNIT_COST[s["to"]][s["domain"]]) \
                * (1 + esc) ** (s["period"] / ppy)
            spend_p[s["period"]] += cost
            vendor_units_p[(s["to"], s["period"])] += s["units"]
            region_sites_p[(s["region"], s["period"])] += 1
        else:
            cost = (SITE_COST[s["domain"]] + s["units"] * UNIT_COST[s["to"]][s["domain"]]) \
                * (1 + esc) ** (s["year"] - start)
        spend[s["year"]] += cost
        vendor_units[(s["to"], s["year"])] += s["units"]
        region_sites[(s["region"], s["year"])] += 1
    key_year = years[1] if len(years) > 1 else years[0]
    with_keys = v2 and a.period_keys and ppy > 1

    def period_keys(need, least):
        """Keys for key_year's periods: 1.5 times what the plan needs."""
        first = (key_year - start) * ppy
        return {cut.label(p): max(least, math.ceil(need(p) * 1.5 / least) * least)
                for p in range(first, first + ppy)}

    sc = {"format": "phaseout-scenario/2" if v2 else "phaseout-scenario/1",
          "name": "midgen seed %d, %d sites" % (a.seed, a.sites),
          "description": "Generated by 'midgen.py %s'." % " ".join(options_text(argv)),
          "currency": "GBP",
          "horizon": {"start": start, "end": end}}
    if v2:
        sc["periods"] = a.periods
    sc["sites"] = "sites.csv"
    sc["high_risk_vendors"] = ["Huawei", "ZTE"]
    vendors = []
    for v in TRUSTED:
        obj = {"name": v, "unit_cost": UNIT_COST[v]}
        if a.capacity != "none":
            m = margin(a.capacity)
            peak = max(vendor_units[(v, y)] for y in years)
            cap = max(1, math.ceil(peak * m))
            if r.chance(50):
                obj["capacity"] = cap
            else:
                per = {"default": cap}
                y = years[r.rnd(0, len(years) - 1)]
                per[str(y)] = max(1, math.ceil(vendor_units[(v, y)] * m))
                obj["capacity"] = per
            if with_keys and v == TRUSTED[0]:
                if not isinstance(obj["capacity"], dict):
                    obj["capacity"] = {"default": obj["capacity"]}
                obj["capacity"].update(period_keys(lambda p: vendor_units_p[(v, p)], 1))
        vendors.append(obj)
    sc["vendors"] = vendors
    if v2 and a.vendor_regions:
        sc["vendor_regions"] = {"Samsung": samsung_regions}
    sc["site_cost"] = SITE_COST
    if a.budget != "none":
        m = margin(a.budget)
        if a.carry_over:
            # A level budget that the reference plan can keep only by
            # carrying money over: every prefix of years gets at least
            # what the plan spends in it.
            level = max(sum(spend[x] for x in years[:k + 1]) / (k + 1)
                        for k in range(len(years)))
            sc["budget"] = {"default": int(math.ceil(level * m / 1000.0)) * 1000}
        else:
            # Tight money in the first two years only, the rest loose: a
            # budget that binds in every year makes a knapsack per year,
            # whose proof takes an outside solver far longer than the tests
            # allow on these sizes (a budget loose everywhere is 'loose').
            sc["budget"] = {str(y): int(math.ceil(spend[y] * (m if k < 2 else 1.5)
                                                  / 1000.0)) * 1000
                            for k, y in enumerate(years)}
        if with_keys:
            sc["budget"].update(period_keys(lambda p: spend_p[p], 1000))
    sc["carry_over"] = bool(a.carry_over)
    if a.discount:
        sc["discount_rate"] = a.discount
    if a.escalation:
        sc["cost_escalation"] = a.escalation
    if not a.no_deadlines and a.dated:
        sc["deadlines"] = [{"domain": "core", "date": date_text(*core_date)},
                           {"domain": "*", "date": date_text(*all_date)},
                           {"domain": "transport", "region": "north",
                            "date": date_text(*north_date)}]
    elif not a.no_deadlines:
        sc["deadlines"] = [{"domain": "core", "year": core_deadline},
                           {"domain": "*", "year": last_deadline}]

    def share_left(scope, y0):
        """Largest share of high-risk units left at the end of a year >= y0."""
        total = sum(s["units"] for s in scope)
        worst = 0.0
        for y in years:
            if y < y0:
                continue
            left = sum(s["units"] for s in scope if s["hr"] and s["year"] > y)
            worst = max(worst, left / total if total else 0.0)
        return worst

    def share_left_p(scope, bind, sites_measure=False):
        """Largest share left at a period end from 'bind' on, over what is
        in service there (units, or sites with units > 0)."""
        worst = 0.0
        for p in range(max(bind, 0), n_periods):
            live = [s for s in scope if s["in_service_p"] <= p and s["units"] > 0]
            count = (lambda s: 1) if sites_measure else (lambda s: s["units"])
            total = sum(count(s) for s in live)
            left = sum(count(s) for s in live if s["hr"] and s["period"] > p)
            worst = max(worst, left / total if total else 0.0)
        return worst

    def cap_share(worst):
        return min(1.0, math.ceil((worst + 0.01) * 100) / 100)

    caps = []
    cap_year = start + 1
    if v2:
        cap_when = {"date": date_text(cap_year, 9, 10)} if a.dated else {"year": cap_year}
        cap_bind = cut.binding_end(cap_year, 9, 10) if a.dated \
            else cut.binding_end(cap_year, 12, 31)
        ran = [s for s in sites if s["domain"] == "ran"]
        if a.share_cap:
            caps.append(dict({"domain": "ran"}, **cap_when,
                             max_share=cap_share(share_left_p(ran, cap_bind))))
        if a.sites_cap:
            caps.append(dict({"domain": "ran"}, **cap_when,
                             max_share=cap_share(share_left_p(ran, cap_bind, True)),
                             measure="sites"))
        if a.regional_caps:
            bind = cut.binding_end(cap_year + 1, 12, 31)
            for reg in REGIONS:
                scope = [s for s in sites if s["region"] == reg and s["domain"] != "core"]
                caps.append({"domain": ["ran", "transport"], "year": cap_year + 1,
                             "max_share": cap_share(share_left_p(scope, bind)),
                             "region": reg})
    elif a.share_cap:
        scope = [s for s in sites if s["domain"] == "ran"]
        caps.append({"domain": "ran", "year": cap_year,
                     "max_share": min(1.0, math.ceil((share_left(scope, cap_year) + 0.01)
                                                     * 100) / 100)})
    if a.regional_caps:
        for reg in REGIONS:
            scope = [s for s in sites if s["region"] == reg and s["domain"] != "core"]
            caps.append({"domain": ["ran", "transport"], "year": cap_year + 1,
                         "max_share": min(1.0, math.ceil(
                             (share_left(scope, cap_year + 1) + 0.01) * 100) / 100),
                         "region": reg})
    if caps:
        sc["share_caps"] = caps
    if a.vendor_share and v2:
        worst = 0.0
        for p in range(n_periods):
            live = [s for s in sites if s["domain"] == "ran" and s["in_service_p"] <= p]
            ran_total = sum(s["units"] for s in live)
            for v in TRUSTED:
                had = sum(s["units"] for s in live if s["vendor"] == v)
                got = sum(s["units"] for s in hr_sites
                          if s["domain"] == "ran" and s["to"] == v and s["period"] <= p)
                worst = max(worst, (had + got) / ran_total)
        sc["max_vendor_share"] = {"ran": cap_share(worst)}
    elif a.vendor_share:
        ran_total = sum(s["units"] for s in sites if s["domain"] == "ran")
        worst = 0.0
        for v in TRUSTED:
            had = sum(s["units"] for s in sites if s["domain"] == "ran" and s["vendor"] == v)
            for y in years:
                got = sum(s["units"] for s in hr_sites
                          if s["domain"] == "ran" and s["to"] == v and s["year"] <= y)
                worst = max(worst, (had + got) / ran_total)
        sc["max_vendor_share"] = {"ran": min(1.0, math.ceil((worst + 0.01) * 100) / 100)}
    if a.crews != "none":
        m = margin("tight")
        if a.crews == "national":
            sc["crews"] = max(1, math.ceil(max(region_sites.values()) * m))
        else:
            regions = {}
            for reg in REGIONS:
                regions[reg] = max(1, math.ceil(max(region_sites[(reg, y)] for y in years) * m))
            default = max(regions.values())
            # One region's entry per year: the busiest year gets its own figure.
            first = REGIONS[0]
            busiest = max(years, key=lambda y: (region_sites[(first, y)], -y))
            regions[first] = {"default": regions[first],
                              str(busiest): max(1, math.ceil(region_sites[(first, busiest)] * m))}
            sc["crews"] = {"default": default, "regions": regions}
        if with_keys:
            need = lambda p: max(region_sites_p[(reg, p)] for reg in REGIONS)  # noqa: E731
            if a.crews == "national":
                sc["crews"] = dict({"default": sc["crews"]}, **period_keys(need, 1))
            else:
                sc["crews"]["default"] = dict({"default": sc["crews"]["default"]},
                                              **period_keys(need, 1))
    sc["objective"] = a.objective
    if a.funds:
        add_fund(a, sc, cut, n_periods, hr_sites, spend_p)
    ledger = []
    if a.replan and n_periods >= 2:
        # The reference plan keeps every rule, so a ledger of its own
        # swaps leaves the re-plan feasible and breaks no rule.
        rp = n_periods // 2
        sc["replan_from"] = cut.label(rp)
        sc["fixed"] = "fixed.csv"
        for s in hr_sites:
            if s["period"] < rp:
                ledger.append((s["id"], cut.label(s["period"]), s["to"], ""))
            elif s["period"] == rp:
                cost = (SITE_COST[s["domain"]] + s["units"] * UNIT_COST[s["to"]][s["domain"]]) \
                    * (1 + a.escalation) ** (rp / ppy) * 0.95
                ledger.append((s["id"], cut.label(rp), s["to"], "%.2f" % cost))

    os.makedirs(a.output, exist_ok=True)
    if a.replan:
        with open(os.path.join(a.output, "fixed.csv"), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write("site_id,when,to_vendor,cost\n")
            for row in ledger:
                f.write("%s,%s,%s,%s\n" % row)
    with open(os.path.join(a.output, "scenario.json"), "w", encoding="utf-8",
              newline="\n") as f:
        json.dump(sc, f, indent=2)
        f.write("\n")
    with open(os.path.join(a.output, "sites.csv"), "w", encoding="utf-8", newline="\n") as f:
        if v2:
            # Version 2: earliest dates in 'earliest', earliest_year empty.
            f.write("site_id,region,domain,vendor,units,criticality,earliest_year,cluster,"
                    "depends_on,deadline,allowed_vendors,earliest,in_service\n")
            for s in sites:
                f.write("%s,%s,%s,%s,%d,%s,,%s,%s,%s,%s,%s,%s\n" % (
                    s["id"], s["region"], s["domain"], s["vendor"], s["units"], s["crit"],
                    s["cluster"], ";".join(s["deps"]), s["deadline"], s["allowed"],
                    s["earliest"], s["in_service"]))
        else:
            f.write("site_id,region,domain,vendor,units,criticality,earliest_year,cluster,"
                    "depends_on\n")
            for s in sites:
                f.write("%s,%s,%s,%s,%d,%s,%s,%s,%s\n" % (
                    s["id"], s["region"], s["domain"], s["vendor"], s["units"], s["crit"],
                    s["earliest"], s["cluster"], ";".join(s["deps"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
