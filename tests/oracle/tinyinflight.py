#!/usr/bin/env python3
"""tinyinflight: a tinygen --v2 scenario put in flight, deterministic by seed.

    tinyinflight.py --replan SEED DIR
    tinyinflight.py --funds SEED DIR
    tinyinflight.py --replan-funds SEED DIR

rewrites DIR/scenario.json (written by 'tinygen --v2') for the brute force
(scenario-format-2.md):

--replan: replan_from at a random period start after the first, and a
  `fixed` ledger (DIR/fixed.csv) of random swaps: about a third of the
  swap units done (in a period before replan_from), some committed (from
  it on), each to a trusted vendor listing its domains (allowed_vendors
  and earliest dates ignored: facts, not errors), some at a written cost.
  So history may overspend a year, fill a vendor or a region's crews,
  miss a deadline or a cap: the rules broken before the re-plan.
--funds: one or two funds (disbursements on period starts and inside
  periods, a share, some domains, no deadline, a date or months after the
  first disbursement with 1-3 extensions) and an objective of exposure,
  cost or own_cost.
--replan-funds: both (the ledger drawn first, then the funds), and a
  `funded` column: some ledger rows paid in part or whole by a fund
  (done or contracted), an amount that may pass the fund's share or
  what it had disbursed by then (facts, not errors), the others empty
  (own money when done, the planner's split when committed).

Exit status 0, or 3 when the scenario has nothing to put in flight (one
period, no high-risk site).
"""
import csv
import json
import random
import sys

PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}


def label(start, per_year, p):
    year, sub = start + p // per_year, p % per_year + 1
    if per_year == 1:
        return str(year)
    if per_year == 12:
        return "%d-%02d" % (year, sub)
    return "%d-%s%d" % (year, "H" if per_year == 2 else "Q", sub)


def period_start(start, per_year, p):
    year, sub = start + p // per_year, p % per_year
    return year, 1 + sub * (12 // per_year)


def load(work):
    with open(work + "/scenario.json") as f:
        s = json.load(f)
    with open(work + "/sites.csv", newline="") as f:
        sites = list(csv.DictReader(f))
    return s, sites


def high_risk(s, sites):
    return [r for r in sites
            if r["vendor"] in s["high_risk_vendors"] and int(r["units"] or 0) > 0]


def units_of(hr):
    """Swap units: a cluster's sites together, a site alone."""
    units, by_cluster = [], {}
    for r in hr:
        c = r.get("cluster") or ""
        if c:
            if c not in by_cluster:
                by_cluster[c] = []
                units.append(by_cluster[c])
            by_cluster[c].append(r)
        else:
            units.append([r])
    return units


def model_cost(s, v, site, t):
    d = site["domain"]
    esc = (1 + s.get("cost_escalation", 0)) ** t
    return (s.get("site_cost", {}).get(d, 0) + int(site["units"]) * v["unit_cost"][d]) * esc


def replan(rng, s, sites, per_year, n_periods):
    """The ledger's rows [site, when, to_vendor, cost] and the sites'
    model costs, or None when there is nothing to put in flight."""
    if n_periods < 2:
        return None
    hr = high_risk(s, sites)
    if not hr:
        return None
    start = s["horizon"]["start"]
    rp = rng.randint(1, n_periods - 1)
    rows = []
    for unit in units_of(hr):
        domains = {r["domain"] for r in unit}
        vendors = [v for v in s["vendors"] if domains <= set(v["unit_cost"])]
        draw = rng.random()
        if not vendors or draw > 0.5:
            continue
        p = rng.randint(0, rp - 1) if draw < 0.35 else rng.randint(rp, n_periods - 1)
        v = rng.choice(vendors)
        written = rng.random() < 0.3
        for site in unit:
            model = model_cost(s, v, site, p / per_year)
            cost = ""
            if written:
                cost = str(int(round(model * rng.choice([0.8, 1.0, 1.3]), -3)))
            rows.append([site["site_id"], label(start, per_year, p), v["name"], cost,
                         float(cost) if cost else model, site["domain"]])
    s["replan_from"] = label(start, per_year, rp)
    s["fixed"] = "fixed.csv"
    return rows


def write_ledger(work, rows, funded):
    with open(work + "/fixed.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["site_id", "when", "to_vendor", "cost"] + (["funded"] if funded else []))
        for r in rows:
            w.writerow(r[:4] + ([r[6]] if funded else []))


def ledger_funded(rng, s, rows):
    """A funded cell for some ledger rows: one or two of the funds that
    cover the site's domain, each paying a part of the row's cost (the
    items together at most the cost); empty for the others."""
    for r in rows:
        cost, domain = r[4], r[5]
        names = [f["name"] for f in s["funds"]
                 if domain in f.get("domains", [domain])]
        items = []
        if names and rng.random() < 0.45:
            left = int(cost * 100) / 100
            for name in rng.sample(names, rng.randint(1, len(names))):
                amount = int(left * rng.choice([0.3, 0.5, 0.75, 1.0]) * 100) / 100
                if amount > 0:
                    items.append("%s=%.2f" % (name, amount))
                    left -= amount
        r.append(";".join(items))


def funds(rng, s, sites, per_year, n_periods):
    hr = high_risk(s, sites)
    if not hr:
        return 3
    start = s["horizon"]["start"]
    estimate = 0
    for site in hr:
        costs = [model_cost(s, v, site, 0) for v in s["vendors"]
                 if site["domain"] in v["unit_cost"]]
        estimate += min(costs) if costs else 0
    present = sorted({r["domain"] for r in hr})
    out = []
    for k in range(rng.choice([1, 1, 2])):
        dates = set()
        for _ in range(rng.choice([1, 2])):
            year, month = period_start(start, per_year, rng.randint(0, n_periods - 1))
            day = rng.choice([1, 1, 15])
            dates.add("%04d-%02d-%02d" % (year, month, day))
        money = estimate * rng.choice([0.4, 0.7, 1.0, 1.5]) / len(dates)
        f = {"name": "fund-%d" % (k + 1),
             "disbursements": {d: int(round(money, -3)) for d in sorted(dates)}}
        if rng.random() < 0.4:
            f["share"] = rng.choice([0.5, 0.75])
        if rng.random() < 0.4:
            f["domains"] = rng.sample(present, rng.randint(1, len(present)))
        first = min(dates)
        fy, fm = int(first[:4]), int(first[5:7])
        months_left = (start + n_periods // per_year - fy) * 12 - (fm - 1)
        draw = rng.random()
        if draw < 0.25 and months_left > 1:
            m = rng.randint(1, months_left)
            y, mo = fy + (fm - 1 + m - 1) // 12, (fm - 1 + m - 1) % 12 + 1
            f["deadline"] = "%04d-%02d-%02d" % (y, mo, rng.choice([10, 28]))
        elif draw < 0.8:
            step = 12 // per_year
            f["deadline"] = {
                "months_after_first": rng.randint(max(0, months_left // 2 - 1),
                                                  max(0, months_left - 1)),
                "extension_months": step * rng.choice([1, 1, 2]),
                "max_extensions": rng.randint(1, 3)}
        out.append(f)
    s["funds"] = out
    # tinygen draws money for its objective: completion (cost, own_cost)
    # only where it drew cost.
    if s.get("objective") == "cost":
        s["objective"] = rng.choice(["cost", "own_cost", "own_cost"])
    elif rng.random() < 0.2:
        s["objective"] = "own_cost"
    return 0


def main():
    modes = ("--replan", "--funds", "--replan-funds")
    if len(sys.argv) != 4 or sys.argv[1] not in modes:
        sys.stderr.write("usage: tinyinflight.py --replan|--funds|--replan-funds SEED DIR\n")
        return 2
    rng = random.Random(int(sys.argv[2]) * 7919 + modes.index(sys.argv[1]))
    work = sys.argv[3]
    s, sites = load(work)
    per_year = PER_YEAR[s.get("periods", "year")]
    n_periods = (s["horizon"]["end"] - s["horizon"]["start"] + 1) * per_year
    if sys.argv[1] != "--funds":
        rows = replan(rng, s, sites, per_year, n_periods)
        if rows is None:
            return 3
    if sys.argv[1] != "--replan":
        status = funds(rng, s, sites, per_year, n_periods)
        if status:
            return status
    if sys.argv[1] == "--replan":
        write_ledger(work, rows, False)
    elif sys.argv[1] == "--replan-funds":
        ledger_funded(rng, s, rows)
        write_ledger(work, rows, True)
    with open(work + "/scenario.json", "w") as f:
        json.dump(s, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
