#!/usr/bin/env python3
"""Write scenarios/us-rural's funded re-plan of 1 January 2025 (issue 14).

usage: python3 tools/replan-funded.py BASE_PLAN_CSV SCENARIO_DIR

BASE_PLAN_CSV is a plan.csv of scenarios/us-rural/as-happened.json (the
README says which command made the one committed). Writes, in
SCENARIO_DIR, replan-2025.json (as-happened.json with "replan_from"
"2025-01-01" and "fixed" the ledger) and replan-2025-ledger.csv:

- done: every swap the plan made before 2025, with what the fund paid of
  it as the plan says (its funded cell, FUND=AMOUNT); the swaps of 2023
  came out OVERRUN dearer than the model's cost (the cost written), the
  overrun paid with own money (the fund's payments stay as approved);
- committed: the first COMMITTED swaps of the plan's 2025 by site_id
  (contracts signed before the re-plan), at the model's cost, their
  funded cell empty (the planner splits them between fund and own money).

Deterministic: the same plan.csv gives the same files.
"""
import csv
import json
import sys

OVERRUN = 0.03
COMMITTED = 40


def main():
    plan_csv, out = sys.argv[1], sys.argv[2]
    with open(plan_csv, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["period"]]
    done = [r for r in rows if r["period"] < "2025"]
    later = sorted((r for r in rows if r["period"].startswith("2025")),
                   key=lambda r: r["site_id"])
    committed = later[:COMMITTED]
    overrun = 0.0
    with open(out + "/replan-2025-ledger.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["site_id", "when", "to_vendor", "cost", "funded"])
        for r in done:
            cost = ""
            if r["period"].startswith("2023"):
                paid = round(float(r["total_cost"]) * (1 + OVERRUN), 2)
                overrun += paid - float(r["total_cost"])
                cost = "%.2f" % paid
            funded = ""
            if r["fund"] and float(r["funded_cost"]) > 0:
                funded = "%s=%s" % (r["fund"], r["funded_cost"])
            w.writerow([r["site_id"].lstrip("'"), r["period"], r["to_vendor"], cost, funded])
        for r in committed:
            w.writerow([r["site_id"].lstrip("'"), r["period"], r["to_vendor"], "", ""])
    with open(out + "/as-happened.json", encoding="utf-8") as f:
        s = json.load(f)
    s["name"] = "Rural US carrier re-planned on 1 January 2025, funds in flight"
    s["description"] = (
        "as-happened.json re-planned on 1 January 2025: 'fixed' is the ledger "
        "written by 'python3 tools/replan-funded.py' from a plan of "
        "as-happened.json: its swaps of 2022-24 done, with the fund's payments "
        "as that plan made them, those of 2023 %d%% dearer than estimated (the "
        "overrun own money), and %d of its 2025 swaps committed, their split "
        "left to the planner. Invented, like the network."
        % (round(OVERRUN * 100), len(committed)))
    s["replan_from"] = "2025-01-01"
    s["fixed"] = "replan-2025-ledger.csv"
    with open(out + "/replan-2025.json", "w", encoding="utf-8") as f:
        json.dump(s, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("done %d (overrun %.2f), committed %d" % (len(done), overrun, len(committed)))


if __name__ == "__main__":
    main()
