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

Independent of the planner: plain Python 3 and its standard library only.
Byte-deterministic per option set: its own splitmix64 PRNG (not Python's
random module, whose methods may change between versions), integers for
money and units, and shares written with two decimals.
"""
import argparse
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


def margin(kind):
    return {"tight": 1.03, "loose": 1.5}[kind]


def main(argv):
    a = parse_args(argv)
    r = Rng(a.seed * 1000003 + a.sites)
    start = 2025
    years = list(range(start, start + a.years))
    end = years[-1]
    last_deadline = end - 1 if a.years > 2 else end
    core_deadline = min(start + 1, last_deadline)

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
                      "earliest": "", "deps": []})
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
            s["year"], s["to"] = y, v
    # Earliest years no later than the planned year.
    if a.earliest:
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
                    if not p["hr"] or not s["hr"] or p["year"] <= s["year"]]
            if s["hr"]:
                cand = [p for p in cand if not p["hr"] or p["year"] <= s["year"]]
            else:
                cand = [p for p in cand if not p["hr"]] + \
                    [p for p in cand if p["hr"]][:1]
            if cand:
                s["deps"].append(cand[r.rnd(0, len(cand) - 1)]["id"])

    # What the reference plan needs each year.
    esc = a.escalation
    spend = {y: 0.0 for y in years}
    vendor_units = {(v, y): 0 for v in TRUSTED for y in years}
    region_sites = {(reg, y): 0 for reg in REGIONS for y in years}
    for s in hr_sites:
        cost = (SITE_COST[s["domain"]] + s["units"] * UNIT_COST[s["to"]][s["domain"]]) \
            * (1 + esc) ** (s["year"] - start)
        spend[s["year"]] += cost
        vendor_units[(s["to"], s["year"])] += s["units"]
        region_sites[(s["region"], s["year"])] += 1

    sc = {"format": "phaseout-scenario/1",
          "name": "midgen seed %d, %d sites" % (a.seed, a.sites),
          "description": "Generated by 'midgen.py %s'." % " ".join(options_text(argv)),
          "currency": "GBP",
          "horizon": {"start": start, "end": end},
          "sites": "sites.csv",
          "high_risk_vendors": ["Huawei", "ZTE"]}
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
        vendors.append(obj)
    sc["vendors"] = vendors
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
    sc["carry_over"] = bool(a.carry_over)
    if a.discount:
        sc["discount_rate"] = a.discount
    if a.escalation:
        sc["cost_escalation"] = a.escalation
    if not a.no_deadlines:
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

    caps = []
    cap_year = start + 1
    if a.share_cap:
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
    if a.vendor_share:
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
    sc["objective"] = a.objective

    os.makedirs(a.output, exist_ok=True)
    with open(os.path.join(a.output, "scenario.json"), "w", encoding="utf-8",
              newline="\n") as f:
        json.dump(sc, f, indent=2)
        f.write("\n")
    with open(os.path.join(a.output, "sites.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("site_id,region,domain,vendor,units,criticality,earliest_year,cluster,"
                "depends_on\n")
        for s in sites:
            f.write("%s,%s,%s,%s,%d,%s,%s,%s,%s\n" % (
                s["id"], s["region"], s["domain"], s["vendor"], s["units"], s["crit"],
                s["earliest"], s["cluster"], ";".join(s["deps"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
