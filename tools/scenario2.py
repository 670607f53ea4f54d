#!/usr/bin/env python3
"""scenario2.py: write the shipped version 2 scenarios (phaseout-scenario/2).

    python3 tools/scenario2.py PROFILE -o DIR [--gen PHASEOUT_GEN] [-q]

PROFILE is uk-2022, canada-2027, sweden-2025 or us-rural. The output is the same
bytes on every machine (a seeded splitmix64, never Python's random), and
tests/scenarios.sh regenerates each folder from the command its README
gives and compares.

Why not phaseout-gen: phaseout-gen writes version 1 in whole years, with one
fixed set of domains, and the committed version 1 scenarios must keep its
bytes. The version 2 scenarios need dates, their own domains (ran4g,
managed, operations, access), per-site columns and growth.

How each scenario is shown feasible, as phaseout-gen does it: a *reference
plan* (a period and a trusted vendor for every swap unit) meets every rule;
budgets, capacities and crews are then set from what it needs with a
margin, and verify() checks it against the written figures before anything
is written (a failure is this script's bug).

- canada-2027, sweden-2025: drawn here, with a reference plan in the
  scenario's own periods.
- uk-2022: phaseout-gen's uk-2022 network (run with --gen) is kept as it is
  and extended. phaseout-gen's yearly reference plan is not written out,
  but every figure it set is its plan's need plus 25%, and every rule of
  that scenario binds at a year end. So the yearly plan done in each
  year's first month keeps every yearly limit (a year value limits the sum
  of its months) and every dated rule here (31 Jul 2023 and later binding
  ends fall after January of their year; budgets get no key in January).
  What this script adds is covered by figures of its own: the full-fibre
  access part has its own reference plan (also in January); the sensitive
  sites (deadline 28 Jan 2023, so swapped in 2022) get their cost added to
  the 2022 budget, their count to their region's crews and their units to
  both radio-and-transport vendors' capacities, and have no high-risk
  parent, so moving them into 2022 breaks nothing; Samsung limited to
  Wales and the South West gives its other swaps to Nokia, whose capacity
  grows by Samsung's and whose yearly budget need by the price difference
  on Samsung's whole capacity.
"""
import argparse
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile

MASK = (1 << 64) - 1


class Rng:
    """splitmix64: the same stream on every machine and Python version."""

    def __init__(self, seed):
        self.s = seed & MASK

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def real(self):
        return (self.next() >> 11) / float(1 << 53)

    def below(self, n):
        return self.next() % n

    def range(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def shuffle(self, items):
        for k in range(len(items) - 1, 0, -1):
            j = self.below(k + 1)
            items[k], items[j] = items[j], items[k]


# --- Periods (scenario-format-2.md): labels, dates, binding ends.

PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def month_len(y, m):
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return 29 if m == 2 and leap else MONTH_DAYS[m - 1]


class Periods:
    def __init__(self, kind, start, end):
        self.kind, self.start, self.end = kind, start, end
        self.k = PER_YEAR[kind]
        self.n = (end - start + 1) * self.k

    def year(self, p):
        return self.start + p // self.k

    def label(self, p):
        y, i = self.year(p), p % self.k
        return {"year": f"{y}", "half": f"{y}-H{i + 1}",
                "quarter": f"{y}-Q{i + 1}", "month": f"{y}-{i + 1:02d}"}[self.kind]

    def t(self, p):
        """Years from the horizon's first day to the start of period p."""
        return p / self.k

    def first_month(self, p):
        return (p % self.k) * (12 // self.k) + 1

    def start_date(self, p):
        return (self.year(p), self.first_month(p), 1)

    def end_date(self, p):
        y, m = self.year(p), self.first_month(p) + 12 // self.k - 1
        return (y, m, month_len(y, m))

    def of_date(self, d):
        """The period index holding date d (may be outside 0..n-1)."""
        y, m, _ = d
        return (y - self.start) * self.k + (m - 1) // (12 // self.k)

    def binding(self, d):
        """The last period ending on or before date d."""
        p = self.of_date(d)
        return p if self.end_date(p) == d else p - 1


def date(text):
    y, m, d = (int(x) for x in text.split("-"))
    return (y, m, d)


def iso(d):
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


def round_up(x, step):
    return math.ceil(x / step - 1e-12) * step


# --- The reference plan's checker, for every profile.


def verify(sc, plan, pers):
    """Check the reference plan against the scenario about to be written.

    sc: the scenario as dicts (json object, site rows); plan: site_id ->
    (period, vendor) for every high-risk site. Returns a list of problems."""
    j, rows = sc["json"], sc["rows"]
    hr_names = set(j["high_risk_vendors"])
    vend = {v["name"]: v for v in j["vendors"]}
    bad = []
    esc = j.get("cost_escalation", 0)

    def in_service_from(r):
        s = r.get("in_service", "")
        if not s:
            return 0
        d = date(s)
        if d <= (pers.start, 1, 1):
            return 0
        return pers.of_date(d)  # counts from the end of that period

    hr = [r for r in rows if r["vendor"] in hr_names and int(r["units"]) > 0]
    for r in hr:
        if r["site_id"] not in plan:
            bad.append(f"{r['site_id']}: no swap")
    if bad:
        return bad
    # Deadlines: rules, regional rules, site deadlines.
    for r in hr:
        p, v = plan[r["site_id"]]
        d = r["domain"]
        for rule in j.get("deadlines", []):
            if rule["domain"] not in ("*", d):
                continue
            if "region" in rule and rule["region"] != r["region"]:
                continue
            if p > pers.binding(date(rule["date"])):
                bad.append(f"{r['site_id']}: misses {rule}")
        if r.get("deadline") and p > pers.binding(date(r["deadline"])):
            bad.append(f"{r['site_id']}: misses its deadline")
        if r.get("earliest") and pers.start_date(p) < date(r["earliest"]):
            bad.append(f"{r['site_id']}: before its earliest date")
        if r.get("earliest_year") and pers.year(p) < int(r["earliest_year"]):
            bad.append(f"{r['site_id']}: before its earliest year")
        uc = vend[v]["unit_cost"]
        if d not in uc:
            bad.append(f"{r['site_id']}: {v} does not supply {d}")
        allowed = [x.strip() for x in r.get("allowed_vendors", "").split(";") if x.strip()]
        if allowed and v not in allowed:
            bad.append(f"{r['site_id']}: {v} not allowed")
        vr = j.get("vendor_regions", {})
        if v in vr and r["region"] not in vr[v]:
            bad.append(f"{r['site_id']}: {v} not allowed in {r['region']}")
    # Clusters and dependencies.
    first = {}
    for r in hr:
        c = r.get("cluster", "")
        if c:
            if c in first and first[c] != plan[r["site_id"]]:
                bad.append(f"cluster {c} split")
            first.setdefault(c, plan[r["site_id"]])
    by_id = {r["site_id"]: r for r in rows}
    for r in hr:
        for dep in (x.strip() for x in r.get("depends_on", "").split(";")):
            if dep and dep in plan and plan[dep][0] > plan[r["site_id"]][0]:
                bad.append(f"{r['site_id']}: depends on a later site {dep}")
    # Money, capacity, crews per year and per period key.
    spend, units, crews = {}, {}, {}
    for r in hr:
        p, v = plan[r["site_id"]]
        d, u = r["domain"], int(r["units"])
        cost = (j.get("site_cost", {}).get(d, 0) + u * vend[v]["unit_cost"][d]) * (1 + esc) ** pers.t(p)
        for key in (str(pers.year(p)), pers.label(p)):
            spend[key] = spend.get(key, 0) + cost
            units[(v, key)] = units.get((v, key), 0) + u
            crews[(r["region"], key)] = crews.get((r["region"], key), 0) + 1

    def limit(pyn, key, year_key):
        if isinstance(pyn, (int, float)):
            return pyn if key == year_key else None
        if key in pyn:
            return pyn[key]
        return pyn.get("default") if key == year_key else None

    def keys_of(p):
        return (str(pers.year(p)), pers.label(p))

    for p in range(pers.n):
        yk, pk = keys_of(p)
        for key in (yk, pk) if pk != yk else (yk,):
            if key not in spend:
                continue
            b = limit(j.get("budget", {}), key, yk)
            if b is not None and spend[key] > b + 1e-6:
                bad.append(f"{key}: spends {spend[key]:.0f} above {b}")
        for v in vend:
            for key in (yk, pk):
                c = vend[v].get("capacity")
                c = limit(c, key, yk) if c is not None else None
                if c is not None and units.get((v, key), 0) > c:
                    bad.append(f"{key}: {v} above its capacity")
    cr = j.get("crews")
    if cr is not None:
        regions = {r["region"] for r in rows}
        for reg in regions:
            pyn = cr["regions"].get(reg, cr["default"]) if "regions" in cr else cr
            for p in range(pers.n):
                yk, pk = keys_of(p)
                for key in (yk, pk):
                    c = limit(pyn, key, yk)
                    if c is None and "regions" in cr and key == yk:
                        c = limit(cr["default"], key, yk)
                    if c is not None and crews.get((reg, key), 0) > c:
                        bad.append(f"{key}: {reg} above its crews")
    # Caps, at every period end from their binding end on.
    for cap in j.get("share_caps", []):
        doms = cap["domain"] if isinstance(cap["domain"], list) else [cap["domain"]]
        scope = [r for r in rows if ("*" in doms or r["domain"] in doms) and int(r["units"]) > 0
                 and ("region" not in cap or r["region"] == cap["region"])]
        by_sites = cap.get("measure") == "sites"
        b = max(pers.binding(date(cap["date"])), 0)
        for p in range(b, pers.n):
            tot = left = 0
            for r in scope:
                if in_service_from(r) > p:
                    continue
                w = 1 if by_sites else int(r["units"])
                tot += w
                if r["vendor"] in hr_names and plan[r["site_id"]][0] > p:
                    left += w
            if left > cap["max_share"] * tot + 1e-9:
                bad.append(f"{pers.label(p)}: cap {cap['domain']} broken ({left} of {tot})")
    # Vendor share: at every period end, v's units in d <= max(mu * units
    # in service, v's units without swaps).
    mvs = j.get("max_vendor_share")
    if mvs:
        mus = mvs if isinstance(mvs, dict) else {d: mvs for d in {r["domain"] for r in rows}}
        for d, mu in mus.items():
            drows = [r for r in rows if r["domain"] == d]
            for p in range(pers.n):
                tot = sum(int(r["units"]) for r in drows if in_service_from(r) <= p)
                for v in vend:
                    base = sum(int(r["units"]) for r in drows
                               if r["vendor"] == v and in_service_from(r) <= p)
                    got = sum(int(r["units"]) for r in drows if r["vendor"] in hr_names
                              and int(r["units"]) > 0 and plan[r["site_id"]] [1] == v
                              and plan[r["site_id"]][0] <= p)
                    if got and base + got > max(mu * tot, base) + 1e-9:
                        bad.append(f"{pers.label(p)}: {v} above its {d} share")
    del by_id
    return bad


# --- Writing.

COLUMNS = ["site_id", "region", "domain", "vendor", "units", "criticality",
           "earliest_year", "earliest", "cluster", "depends_on", "deadline",
           "allowed_vendors", "in_service"]


def write_sites(path, rows, columns):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([r.get(c, "") for c in columns])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_json(path, obj):
    text = json.dumps(obj, indent=2, ensure_ascii=False)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text + "\n")


def split_counts(regions, total):
    """Largest remainder: total shared among regions by weight."""
    wsum = sum(w for _, _, w in regions)
    exact = [total * w / wsum for _, _, w in regions]
    out = [int(x) for x in exact]
    rem = sorted(range(len(regions)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in rem[: total - sum(out)]:
        out[i] += 1
    return out


def set_resources(j, rows, plan, pers, hr_names, frozen=None, margin=1.25):
    """Budgets, capacities and crews from the reference plan's needs."""
    vend = {v["name"]: v for v in j["vendors"]}
    esc = j.get("cost_escalation", 0)
    spend = [0.0] * (pers.end - pers.start + 1)
    vunits = {v: [0] * len(spend) for v in vend}
    rsites = {}
    for r in rows:
        if r["vendor"] not in hr_names or int(r["units"]) == 0:
            continue
        p, v = plan[r["site_id"]]
        d, u = r["domain"], int(r["units"])
        yi = p // pers.k
        spend[yi] += (j["site_cost"].get(d, 0) + u * vend[v]["unit_cost"][d]) * (1 + esc) ** pers.t(p)
        vunits[v][yi] += u
        rsites.setdefault(r["region"], [0] * len(spend))[yi] += 1
    spent = [s for s in spend if s > 0]
    floor_budget = 0.1 * sum(spent) / len(spent)
    j["budget"] = {str(pers.start + yi): round_up(margin * (s if s > 0 else floor_budget) * (1 + 1e-9) + 1, 10000)
                   for yi, s in enumerate(spend)}
    for v in j["vendors"]:
        v["capacity"] = round_up(max(margin * max(vunits[v["name"]]), 10), 10)
    regions = sorted(rsites, key=lambda reg: [r["region"] for r in rows].index(reg))
    crews = {reg: math.ceil(max(margin * max(rsites[reg]), 1)) for reg in regions}
    out = {}
    for reg in regions:
        if frozen and reg in frozen:
            out[reg] = {"default": crews[reg]}
            for p in range(pers.n):
                if frozen[reg](p):
                    out[reg][pers.label(p)] = 0
        else:
            out[reg] = crews[reg]
    j["crews"] = {"default": min(crews.values()), "regions": out}
    return spend


def plan_units(units, pers, rng, frozen=None):
    """The reference plan's periods: each swap unit (region, lo, hi,
    weight, key) goes to the least loaded allowed period in lo..hi, the
    units with the earliest hi first. Returns key -> period."""
    load = {}
    out = {}
    order = list(range(len(units)))
    rng.shuffle(order)
    order.sort(key=lambda i: units[i][2])
    for i in order:
        reg, lo, hi, w, key = units[i]
        best = None
        for p in range(lo, hi + 1):
            if frozen and reg in frozen and frozen[reg](p):
                continue
            if best is None or load.get(p, 0) < load.get(best, 0):
                best = p
        assert best is not None, key
        load[best] = load.get(best, 0) + w
        out[key] = best
    return out


def plan_vendors(units, allowed, rng):
    """Each swap unit (key, weight) to its least used allowed vendor,
    relative to the vendor's weight."""
    got = {}
    out = {}
    for key, w in units:
        best = None
        for v, weight in allowed(key):
            score = (got.get(v, 0) + w) / weight
            if best is None or score < best[0]:
                best = (score, v)
        out[key] = best[1]
        got[best[1]] = got.get(best[1], 0) + w
    return out


def swap_units(rows, hr_names):
    """site_id -> unit key (the cluster name, or the site id), and the
    units' site lists."""
    key_of, members = {}, {}
    for r in rows:
        if r["vendor"] in hr_names and int(r["units"]) > 0:
            k = r.get("cluster") or r["site_id"]
            key_of[r["site_id"]] = k
            members.setdefault(k, []).append(r)
    return key_of, members


# --- canada-2027 and sweden-2025: drawn here.


def build_drawn(prof, quiet):
    rng = Rng(prof["seed"])
    pers = Periods(prof["periods"], prof["start"], prof["end"])
    hr_names = prof["high_risk"]
    rows = []
    counts = split_counts(prof["regions"], prof["sites"])
    for (name, code, _), n in zip(prof["regions"], counts):
        prof["draw_region"](rng, rows, name, code, n)
    j = prof["json_head"]()
    key_of, members = swap_units(rows, hr_names)
    # Deadline period of each unit: the earliest rule, region rule or site
    # deadline covering any of its sites.
    def unit_deadline(k):
        best = pers.n - 1
        for r in members[k]:
            for rule in j["deadlines"]:
                if rule["domain"] not in ("*", r["domain"]):
                    continue
                if "region" in rule and rule["region"] != r["region"]:
                    continue
                best = min(best, pers.binding(date(rule["date"])))
            if r.get("deadline"):
                best = min(best, pers.binding(date(r["deadline"])))
        return best

    frozen = prof.get("frozen")
    ulist = [(members[k][0]["region"], 0, unit_deadline(k),
              sum(int(r["units"]) for r in members[k]), k) for k in members]
    per = plan_units(ulist, pers, rng, frozen)
    vr = j.get("vendor_regions", {})
    weights = prof["vendor_weights"]

    def allowed(k):
        out = []
        for v, wt in weights.items():
            ok = all(r["domain"] in prof["unit_cost"][v] and
                     (v not in vr or r["region"] in vr[v]) for r in members[k])
            if ok:
                out.append((v, wt))
        return out

    order = sorted(members, key=lambda k: (per[k], k))
    ven = plan_vendors([(k, sum(int(r["units"]) for r in members[k])) for k in order], allowed, rng)
    plan = {}
    for k, rs in members.items():
        for r in rs:
            plan[r["site_id"]] = (per[k], ven[k])
    prof["after_plan"](rng, rows, plan, pers)
    set_resources(j, rows, plan, pers, hr_names, frozen)
    return j, rows, plan, pers


def canada_profile():
    regions = [("British Columbia", "BC", 0.15), ("Alberta", "AB", 0.13),
               ("Prairies", "PR", 0.07), ("Ontario", "ON", 0.30),
               ("National Capital Region", "NCR", 0.05), ("Quebec", "QC", 0.20),
               ("Atlantic", "ATL", 0.07), ("North", "NT", 0.03)]
    west = ["British Columbia", "Alberta", "Prairies", "North"]
    unit_cost = {
        "Ericsson": {"ran4g": 21000, "ran5g": 26000, "core4g": 55000, "core5g": 60000, "managed": 9000},
        "Nokia": {"ran4g": 20000, "ran5g": 25000, "core4g": 52000, "core5g": 58000, "managed": 8500},
        "Samsung": {"ran4g": 19000, "ran5g": 23500},
    }
    site_cost = {"ran4g": 30000, "ran5g": 15000, "core4g": 600000, "core5g": 700000, "managed": 250000}

    def draw_region(rng, rows, name, code, n):
        # Cell sites: every one has a 4G layer; about 60% also a 5G one.
        # About 55% of the cell sites run a high-risk 4G RAN; of those with
        # a 5G layer, 45% had it built on the same vendor before the 2022
        # ban (a cluster: one crew visit swaps both layers).
        seq = {"RAN4G": 0, "RAN5G": 0, "CL": 0}
        for _ in range(n):
            hr = rng.real() < 0.55
            v4 = ("Huawei" if rng.real() < 0.8 else "ZTE") if hr else (
                "Ericsson" if rng.real() < 0.55 else "Nokia")
            u4 = (rng.range(3, 9) + rng.range(3, 9) + 1) // 2
            seq["RAN4G"] += 1
            r4 = {"site_id": f"{code}-RAN4G-{seq['RAN4G']:05d}", "region": name, "domain": "ran4g",
                  "vendor": v4, "units": str(u4), "criticality": "2" if rng.real() < 0.15 else "1"}
            rows.append(r4)
            if rng.real() < 0.6:
                if hr and rng.real() < 0.45:
                    v5 = v4
                else:
                    x = rng.real()
                    v5 = "Ericsson" if x < 0.45 else "Nokia" if x < 0.8 else (
                        "Samsung" if name in west else "Nokia")
                seq["RAN5G"] += 1
                r5 = {"site_id": f"{code}-RAN5G-{seq['RAN5G']:05d}", "region": name, "domain": "ran5g",
                      "vendor": v5, "units": str(rng.range(2, 6)), "criticality": "2"}
                rows.append(r5)
                if v5 == v4 and hr:
                    seq["CL"] += 1
                    r4["cluster"] = r5["cluster"] = f"{code}-CL-{seq['CL']:04d}"
        # Core sites: one 4G core (EPC) per region, two in the big ones; one
        # 5G core per region with more than 300 cell sites.
        for dom, tag, count, p_hr in (("core4g", "CORE4G", 2 if n > 300 else 1, 0.5),
                                      ("core5g", "CORE5G", 1 if n > 150 else 0, 0.5)):
            for k in range(count):
                v = ("Huawei" if rng.real() < 0.85 else "ZTE") if rng.real() < p_hr else (
                    "Ericsson" if rng.real() < 0.5 else "Nokia")
                rows.append({"site_id": f"{code}-{tag}-{k + 1:05d}", "region": name, "domain": dom,
                             "vendor": v, "units": str(rng.range(20, 60)), "criticality": "10"})
        # Managed services: the region's field-maintenance and network
        # operations contract (units: service lines).
        v = "Huawei" if rng.real() < 0.6 else "Ericsson"
        rows.append({"site_id": f"{code}-MGD-00001", "region": name, "domain": "managed",
                     "vendor": v, "units": str(rng.range(10, 30)), "criticality": "6"})

    def json_head():
        return {
            "format": "phaseout-scenario/2",
            "name": "Canadian-style national mobile operator under the 2022 Huawei and ZTE prohibition",
            "description": "Generated by 'python3 tools/scenario2.py canada-2027'. Site data, costs, "
                           "capacities, crews and the National Capital Region date are invented.",
            "currency": "CAD",
            "horizon": {"start": 2023, "end": 2028},
            "periods": "month",
            "sites": "sites.csv",
            "high_risk_vendors": ["Huawei", "ZTE"],
            "vendors": [{"name": v, "unit_cost": c} for v, c in unit_cost.items()],
            "site_cost": site_cost,
            "budget": {},
            "carry_over": True,
            "discount_rate": 0.04,
            "cost_escalation": 0.025,
            "deadlines": [
                {"domain": "ran5g", "date": "2024-06-28"},
                {"domain": "core5g", "date": "2024-06-28"},
                {"domain": "managed", "date": "2024-06-28"},
                {"domain": "*", "region": "National Capital Region", "date": "2023-12-31"},
                {"domain": "*", "date": "2027-12-31"},
            ],
            "vendor_regions": {"Samsung": west},
            "crews": {},
            "objective": "exposure",
        }

    def after_plan(rng, rows, plan, pers):
        # A few high-risk 4G-only sites wait for a tower lease or a permit
        # (an earliest date no later than their planned month's start), and
        # capital-region sites may go to Ericsson or Nokia only.
        for r in rows:
            if r["site_id"] not in plan:
                continue
            p, v = plan[r["site_id"]]
            if not r.get("cluster") and r["domain"] == "ran4g" and p > 0 and rng.real() < 0.04:
                e = rng.range(0, p)
                r["earliest"] = iso(pers.start_date(e))
            if r["region"] == "National Capital Region":
                r["allowed_vendors"] = "Ericsson;Nokia"
        # Growth: new 5G sites of trusted vendors entering service.
        n = 0
        for reg, code, w in regions:
            for k in range(max(2, round(160 * w))):
                n += 1
                m = rng.range(1, 36)
                y, mo = 2023 + (m - 1) // 12, (m - 1) % 12 + 1
                x = rng.real()
                v = "Ericsson" if x < 0.45 else "Nokia" if x < 0.8 else (
                    "Samsung" if reg in west else "Ericsson")
                rows.append({"site_id": f"{code}-RAN5G-N{k + 1:04d}", "region": reg, "domain": "ran5g",
                             "vendor": v, "units": str(rng.range(2, 6)), "criticality": "2",
                             "in_service": iso((y, mo, 1))})
        # North: no tower work in January to March.

    north_frozen = {"North": lambda p: pers_k(p, 12) in (0, 1, 2)}
    return {
        "seed": 2022_05_19, "periods": "month", "start": 2023, "end": 2028,
        "high_risk": {"Huawei", "ZTE"}, "regions": regions, "sites": 1400,
        "draw_region": draw_region, "json_head": json_head, "after_plan": after_plan,
        "unit_cost": unit_cost, "frozen": north_frozen,
        "vendor_weights": {"Ericsson": 0.45, "Nokia": 0.4, "Samsung": 0.15},
    }


def pers_k(p, k):
    return p % k


def sweden_profile():
    # Sweden's eight NUTS 2 regions ("riksområden"), weighted roughly by
    # population and area.
    regions = [("Stockholm", "STO", 0.20), ("Östra Mellansverige", "OMS", 0.16),
               ("Småland med öarna", "SMO", 0.09), ("Sydsverige", "SYD", 0.14),
               ("Västsverige", "VAS", 0.19), ("Norra Mellansverige", "NMS", 0.09),
               ("Mellersta Norrland", "MNL", 0.06), ("Övre Norrland", "ONL", 0.07)]
    nokia_area = ["Småland med öarna", "Sydsverige", "Västsverige", "Norra Mellansverige",
                  "Övre Norrland"]
    ericsson_area = ["Stockholm", "Östra Mellansverige", "Norra Mellansverige",
                     "Mellersta Norrland", "Övre Norrland"]
    unit_cost = {
        "Ericsson": {"ran": 140000, "transport": 60000, "core": 450000, "operations": 900000},
        "Nokia": {"ran": 135000, "transport": 58000, "core": 430000, "operations": 850000},
    }
    site_cost = {"ran": 120000, "transport": 40000, "core": 3000000, "operations": 2500000}

    def draw_region(rng, rows, name, code, n):
        n_tx = max(4, round(n * 0.09))
        n_ran = n - n_tx
        tx_ids = []
        for k in range(n_tx):
            x = rng.real()
            v = "Huawei" if x < 0.35 else "ZTE" if x < 0.5 else "Ericsson" if x < 0.8 else "Nokia"
            sid = f"{code}-TX-{k + 1:05d}"
            tx_ids.append(sid)
            rows.append({"site_id": sid, "region": name, "domain": "transport", "vendor": v,
                         "units": str(rng.range(2, 8)), "criticality": "3"})
        for k in range(n_ran):
            v = "Huawei" if rng.real() < 0.78 else ("Ericsson" if rng.real() < 0.6 else "Nokia")
            u = (rng.range(3, 12) + rng.range(3, 12) + 1) // 2
            r = {"site_id": f"{code}-RAN-{k + 1:05d}", "region": name, "domain": "ran", "vendor": v,
                 "units": str(u), "criticality": "2" if rng.real() < 0.15 else "1"}
            if rng.real() < 0.3:
                r["parent"] = tx_ids[rng.below(len(tx_ids))]
            rows.append(r)
        # Core: two sites in the three metropolitan regions, one elsewhere,
        # mostly trusted already (a small invented remainder).
        for k in range(2 if name in ("Stockholm", "Västsverige", "Sydsverige") else 1):
            v = "Huawei" if rng.real() < 0.2 else ("Ericsson" if rng.real() < 0.5 else "Nokia")
            rows.append({"site_id": f"{code}-CORE-{k + 1:05d}", "region": name, "domain": "core",
                         "vendor": v, "units": str(rng.range(20, 60)), "criticality": "10"})
        # Operations: the region's element managers and operations centre
        # (the service and maintenance network), Huawei where its RAN is.
        rows.append({"site_id": f"{code}-OPS-00001", "region": name, "domain": "operations",
                     "vendor": "Huawei", "units": str(rng.range(4, 12)), "criticality": "8"})

    def json_head():
        return {
            "format": "phaseout-scenario/2",
            "name": "Swedish-style joint radio network under the 2020 PTS licence conditions",
            "description": "Generated by 'python3 tools/scenario2.py sweden-2025'. Site data, costs, "
                           "capacities, crews and the vendors' areas are invented.",
            "currency": "SEK",
            "horizon": {"start": 2021, "end": 2025},
            "periods": "quarter",
            "sites": "sites.csv",
            "high_risk_vendors": ["Huawei", "ZTE"],
            "vendors": [{"name": v, "unit_cost": c} for v, c in unit_cost.items()],
            "site_cost": site_cost,
            "budget": {},
            "carry_over": False,
            "discount_rate": 0.03,
            "cost_escalation": 0.02,
            "deadlines": [{"domain": "*", "date": "2025-01-01"}],
            "vendor_regions": {"Ericsson": ericsson_area, "Nokia": nokia_area},
            "crews": {},
            "objective": "exposure",
        }

    def after_plan(rng, rows, plan, pers):
        by_id = {r["site_id"]: r for r in rows}
        for r in rows:
            parent = r.pop("parent", None)
            if r["site_id"] not in plan:
                if parent:
                    r["depends_on"] = parent
                continue
            p, v = plan[r["site_id"]]
            # A high-risk radio site keeps its parent only if the reference
            # plan swaps the parent no later (or the parent is trusted).
            if parent and (parent not in plan or plan[parent][0] <= p):
                r["depends_on"] = parent
            if r["domain"] == "ran" and p > 0 and rng.real() < 0.03:
                r["earliest"] = iso(pers.start_date(rng.range(0, p)))
        del by_id
        # Growth: new 3.5 GHz 5G sites of the trusted vendors, 2021 to 2024.
        for reg, code, w in regions:
            for k in range(round(240 * w)):
                q = rng.range(0, 15)
                y, mo = 2021 + q // 4, (q % 4) * 3 + 1
                v = "Ericsson" if reg in ericsson_area and (reg not in nokia_area or rng.real() < 0.5) else "Nokia"
                rows.append({"site_id": f"{code}-RAN-N{k + 1:04d}", "region": reg, "domain": "ran",
                             "vendor": v, "units": str(rng.range(3, 6)), "criticality": "1",
                             "in_service": iso((y, mo, 1))})

    return {
        "seed": 2020_10_20, "periods": "quarter", "start": 2021, "end": 2025,
        "high_risk": {"Huawei", "ZTE"}, "regions": regions, "sites": 3000,
        "draw_region": draw_region, "json_head": json_head, "after_plan": after_plan,
        "unit_cost": unit_cost,
        "frozen": {"Övre Norrland": lambda p: p % 4 == 0},
        "vendor_weights": {"Ericsson": 0.5, "Nokia": 0.5},
    }


# --- uk-2022: phaseout-gen's network, extended.

UK_GEN = ["--profile", "uk-2022", "--sites", "18000", "--seed", "2022", "--clusters", "--dependencies"]


def build_uk(gen, quiet):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([gen, "-q", *UK_GEN, "-o", tmp], check=True)
        with open(os.path.join(tmp, "scenario.json"), encoding="utf-8") as f:
            base = json.load(f)
        with open(os.path.join(tmp, "sites.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    rng = Rng(2022_10_13)
    pers = Periods("month", 2022, 2028)
    hr_names = set(base["high_risk_vendors"])
    regions = list(base["crews"]["regions"])
    by_id = {r["site_id"]: r for r in rows}
    esc = base["cost_escalation"]
    vend = {v["name"]: v for v in base["vendors"]}
    budget = {k: float(v) for k, v in base["budget"].items()}
    crews = dict(base["crews"]["regions"])
    capacity = {v: float(vend[v]["capacity"]) for v in vend}

    # Sensitive sites: four high-risk transport sites per region with no
    # high-risk parent and no earliest year, due 28 January 2023.
    sens_units = 0
    for reg in regions:
        cands = [r for r in rows if r["region"] == reg and r["domain"] == "transport"
                 and r["vendor"] in hr_names and int(r["units"]) > 0 and not r["earliest_year"]
                 and all(not d or by_id[d]["vendor"] not in hr_names
                         for d in r["depends_on"].split(";"))]
        rng.shuffle(cands)
        for r in cands[:4]:
            r["deadline"] = "2023-01-28"
            u = int(r["units"])
            sens_units += u
            dearest = max(vend[v]["unit_cost"].get("transport", 0) for v in vend)
            budget["2022"] += base["site_cost"]["transport"] + u * dearest
        crews[reg] += min(4, len(cands))
    for v in ("Ericsson", "Nokia"):
        capacity[v] += sens_units
    # Samsung in Wales and the South West only: Nokia may take the rest.
    capacity["Nokia"] += capacity["Samsung"]
    for yi in range(pers.end - pers.start + 1):
        diff = vend["Nokia"]["unit_cost"]["ran"] - vend["Samsung"]["unit_cost"]["ran"]
        budget[str(pers.start + yi)] += diff * capacity["Samsung"] * (1 + esc) ** yi

    # Full-fibre access: about 5% more sites, 60% of them on Huawei OLTs,
    # and new trusted sites entering service from 2022 to 2025.
    weights = {}
    for r in rows:
        weights[r["region"]] = weights.get(r["region"], 0) + 1
    counts = split_counts([(reg, "", weights[reg]) for reg in regions], 900)
    codes = {}
    for r in rows:
        codes.setdefault(r["region"], r["site_id"].split("-")[0])
    acc = []
    for reg, n in zip(regions, counts):
        for k in range(n):
            x = rng.real()
            v = "Huawei" if x < 0.6 else "Nokia" if x < 0.88 else "Adtran"
            acc.append({"site_id": f"{codes[reg]}-ACC-{k + 1:05d}", "region": reg, "domain": "access",
                        "vendor": v, "units": str(rng.range(2, 8)), "criticality": "2"})
    growth = []
    gcounts = split_counts([(reg, "", weights[reg]) for reg in regions], 360)
    for reg, n in zip(regions, gcounts):
        for k in range(n):
            m = rng.range(2, 48)
            y, mo = 2022 + (m - 1) // 12, (m - 1) % 12 + 1
            v = "Nokia" if rng.real() < 0.7 else "Adtran"
            growth.append({"site_id": f"{codes[reg]}-ACC-N{k + 1:04d}", "region": reg, "domain": "access",
                           "vendor": v, "units": str(rng.range(2, 6)), "criticality": "2",
                           "in_service": iso((y, mo, 1))})
    # Access reference plan, in January of each year: by January 2023 at
    # most 33% of the access sites in service then are high-risk (the cap
    # is 35% at 31 October 2023 and later; sites only join), half of the
    # swaps needed for that in 2022; the rest 2024-2027, evenly.
    hr_acc = [r for r in acc if r["vendor"] in hr_names]
    rng.shuffle(hr_acc)
    in_jan23 = len(acc) + sum(1 for g in growth if (date(g["in_service"])) <= (2023, 1, 31))
    need = len(hr_acc) - math.floor(0.33 * in_jan23)
    plan = {}
    years = [2022] * (need // 2) + [2023] * (need - need // 2)
    rest = len(hr_acc) - need
    years += [2024 + (i * 4) // rest for i in range(rest)]
    for r, y in zip(hr_acc, years):
        p = (y - 2022) * 12
        # One OLT site in four sits in an exchange whose power and space
        # only fit the compact vendor's shelf: Adtran only.
        if rng.real() < 0.25:
            r["allowed_vendors"] = "Adtran"
            v = "Adtran"
        else:
            v = "Adtran" if rng.real() < 0.5 else "Nokia"
        plan[r["site_id"]] = (p, v)
    acc_cost = {"Nokia": 4200, "Adtran": 3900}
    acc_site = 9000
    acc_spend, acc_units, acc_crews = {}, {}, {}
    for r in hr_acc:
        p, v = plan[r["site_id"]]
        y = pers.year(p)
        u = int(r["units"])
        acc_spend[y] = acc_spend.get(y, 0) + (acc_site + u * acc_cost[v]) * (1 + esc) ** (y - 2022)
        acc_units[(v, y)] = acc_units.get((v, y), 0) + u
        acc_crews[(r["region"], y)] = acc_crews.get((r["region"], y), 0) + 1
    for y, s in acc_spend.items():
        budget[str(y)] += 1.25 * s
    capacity["Nokia"] += 1.25 * max(acc_units.get(("Nokia", y), 0) for y in range(2022, 2029))
    capacity["Adtran"] = 1.25 * max(acc_units.get(("Adtran", y), 0) for y in range(2022, 2029))
    for reg in regions:
        crews[reg] += math.ceil(1.25 * max(acc_crews.get((reg, y), 0) for y in range(2022, 2029)))

    vendors = []
    for v in base["vendors"]:
        uc = dict(v["unit_cost"])
        if v["name"] == "Nokia":
            uc["access"] = acc_cost["Nokia"]
        vendors.append({"name": v["name"], "unit_cost": uc,
                        "capacity": round_up(capacity[v["name"]], 10)})
    vendors.append({"name": "Adtran", "unit_cost": {"access": acc_cost["Adtran"]},
                    "capacity": round_up(capacity["Adtran"], 10)})
    bud = {}
    for y in range(2022, 2029):
        bud[str(y)] = round_up(budget[str(y)], 10000)
        bud[f"{y}-12"] = 0
    j = {
        "format": "phaseout-scenario/2",
        "name": base["name"],
        "description": "Generated by 'python3 tools/scenario2.py uk-2022' from phaseout-gen's network ('"
                       + "phaseout-gen " + " ".join(UK_GEN) + "'), with dated rules, monthly periods, "
                       "sensitive sites, Samsung limited to two regions and a full-fibre access part. "
                       "Site data, costs, capacities and crews are invented.",
        "currency": base["currency"],
        "horizon": base["horizon"],
        "periods": "month",
        "sites": "sites.csv",
        "high_risk_vendors": base["high_risk_vendors"],
        "vendors": vendors,
        "site_cost": {**base["site_cost"], "access": acc_site},
        "budget": bud,
        "carry_over": base["carry_over"],
        "discount_rate": base["discount_rate"],
        "cost_escalation": base["cost_escalation"],
        "deadlines": [{"domain": "core", "date": "2023-12-31"},
                      {"domain": "*", "date": "2027-12-31"}],
        "share_caps": [{"domain": "ran", "date": "2023-07-31", "max_share": 0.35},
                       {"domain": "access", "date": "2023-10-31", "max_share": 0.35,
                        "measure": "sites"}],
        "max_vendor_share": base["max_vendor_share"],
        "vendor_regions": {"Samsung": ["Wales", "South West"]},
        "crews": {"default": min(crews.values()), "regions": crews},
        "objective": base["objective"],
    }
    rows_out = rows + acc + growth
    # Check the access part alone (the radio network's proof is above).
    sub = {"json": {**j, "deadlines": j["deadlines"][1:], "share_caps": j["share_caps"][1:],
                    "max_vendor_share": None, "budget": {}, "crews": None,
                    "vendors": [{**v, "capacity": None} for v in vendors]},
           "rows": acc + growth}
    bad = verify(sub, plan, pers)
    return j, rows_out, bad, pers


# --- main


def summary(j, rows, pers):
    hr = set(j["high_risk_vendors"])
    doms = {}
    for r in rows:
        d = doms.setdefault(r["domain"], [0, 0, 0, 0, 0])
        u = int(r["units"])
        if r.get("in_service"):
            d[4] += 1
            continue
        d[0] += 1
        d[2] += u
        if r["vendor"] in hr and u > 0:
            d[1] += 1
            d[3] += u
    lines = ["domain sites hr_sites units hr_units growth"]
    tot = [0] * 5
    for name, d in doms.items():
        lines.append(f"{name} {' '.join(str(x) for x in d)}")
        tot = [a + b for a, b in zip(tot, d)]
    lines.append(f"total {' '.join(str(x) for x in tot)}")
    vendors = {}
    for r in rows:
        if not r.get("in_service"):
            vendors[r["vendor"]] = vendors.get(r["vendor"], 0) + 1
    lines.append("vendors " + ", ".join(f"{v} {n}" for v, n in sorted(vendors.items(), key=lambda x: -x[1])))
    for key in ("cluster", "depends_on", "deadline", "allowed_vendors", "earliest", "earliest_year"):
        lines.append(f"rows with {key}: {sum(1 for r in rows if r.get(key))}")
    lines.append(f"clusters: {len({r['cluster'] for r in rows if r.get('cluster')})}")
    lines.append("budget " + ", ".join(f"{k} {v}" for k, v in j["budget"].items()))
    lines.append("capacity " + ", ".join(f"{v['name']} {v.get('capacity')}" for v in j["vendors"]))
    return "\n".join(lines)


# --- us-rural: phaseout-gen's carrier, with the program's money as funds.
US_GEN = ["--profile", "us-rural", "--sites", "400", "--seed", "2022", "--dependencies"]


def build_us(gen, out):
    """phaseout-gen's us-rural folder as it is (scenario.json, funded.json,
    sites.csv), plus two version 2 files on its network, by half-year (the
    program's extensions are 6 months): as-happened.json, the approved cost
    (funded.json's budget) paid 39.5% from 15 July 2022 and 60.5% from 15
    April 2025, and as-happened-full.json, all of it from 15 July 2022.
    Completion is due 12 months after the first disbursement, with up to 6
    extensions of 6 months (the count is an assumption); the carrier's own
    money is USD 2m a year."""
    subprocess.run([gen, "-q", *US_GEN, "-o", out], check=True)
    with open(os.path.join(out, "funded.json"), encoding="utf-8") as f:
        base = json.load(f)
    with open(os.path.join(out, "scenario.json"), encoding="utf-8") as f:
        under = json.load(f)
    approved = sum(base["budget"].values())
    first = sum(under["budget"].values())  # 0.395 of it, as scenario.json
    for name, money, title in (
            ("as-happened.json", {"2022-07-15": first, "2025-04-15": approved - first},
             "as it happened"),
            ("as-happened-full.json", {"2022-07-15": approved},
             "fully funded in 2022")):
        j = {
            "format": "phaseout-scenario/2",
            "name": f"Rural US carrier in the FCC reimbursement program, {title}",
            "description": (
                "The network of scenario.json (phaseout-gen's; site data, costs, capacities and "
                "crews are invented) by half-year, with the program's money as a fund: "
                + ("39.5% of the approved cost (funded.json's budget) from 15 July 2022, "
                   "the other 60.5% from 15 April 2025" if len(money) == 2 else
                   "all of the approved cost (funded.json's budget) from 15 July 2022")
                + "; completion due 12 months after the first disbursement, with up to 6 "
                "extensions of 6 months (the count is an assumption); own money USD 2m a year."),
            "currency": base["currency"],
            "horizon": {"start": 2022, "end": 2027},
            "periods": "half",
            "sites": "sites.csv",
            "high_risk_vendors": base["high_risk_vendors"],
            "vendors": base["vendors"],
            "site_cost": base["site_cost"],
            "budget": {"default": 2000000},
            "carry_over": base["carry_over"],
            "discount_rate": base["discount_rate"],
            "cost_escalation": base["cost_escalation"],
            "crews": base["crews"],
            "funds": [{
                "name": "Reimbursement program",
                "disbursements": money,
                "deadline": {"months_after_first": 12, "extension_months": 6,
                             "max_extensions": 6},
            }],
            "objective": "own_cost",
        }
        write_json(os.path.join(out, name), j)
    return 0


def main():
    ap = argparse.ArgumentParser(description="write a shipped version 2 scenario")
    ap.add_argument("profile", choices=["uk-2022", "canada-2027", "sweden-2025", "us-rural"])
    ap.add_argument("-o", dest="out", required=True)
    ap.add_argument("--gen", help="phaseout-gen, for uk-2022 and us-rural")
    ap.add_argument("-q", dest="quiet", action="store_true")
    a = ap.parse_args()
    if a.profile == "us-rural":
        if not a.gen:
            ap.error("us-rural needs --gen PATH (build/tools/phaseout-gen)")
        os.makedirs(a.out, exist_ok=True)
        return build_us(a.gen, a.out)
    if a.profile == "uk-2022":
        if not a.gen:
            ap.error("uk-2022 needs --gen PATH (build/tools/phaseout-gen)")
        j, rows, bad, pers = build_uk(a.gen, a.quiet)
        columns = [c for c in COLUMNS if c != "earliest"]
    else:
        prof = canada_profile() if a.profile == "canada-2027" else sweden_profile()
        j, rows, plan, pers = build_drawn(prof, a.quiet)
        bad = verify({"json": j, "rows": rows}, plan, pers)
        columns = [c for c in COLUMNS if c != "earliest_year"
                   and any(r.get(c) for r in rows) or c in COLUMNS[:6]]
    if bad:
        for b in bad[:20]:
            print(f"scenario2: internal error: the reference plan breaks a rule: {b}", file=sys.stderr)
        return 1
    os.makedirs(a.out, exist_ok=True)
    write_sites(os.path.join(a.out, "sites.csv"), rows, columns)
    write_json(os.path.join(a.out, "scenario.json"), j)
    if not a.quiet:
        print(summary(j, rows, pers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
