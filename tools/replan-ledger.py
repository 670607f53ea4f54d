#!/usr/bin/env python3
"""Write scenarios/uk-2022's re-plan of 1 January 2024 (issue 14).

usage: python3 tools/replan-ledger.py BASE_PLAN_CSV SCENARIO_DIR

BASE_PLAN_CSV is a plan.csv of scenarios/uk-2022/scenario.json (the
README says which command made the one committed). Writes, in
SCENARIO_DIR, replan-2024.json (the same network, "replan_from"
"2024-01-01", "fixed" the ledger) and replan-2024-ledger.csv:

- done: every swap the plan made before 2024, except the last MISSED core
  sites it swapped (the core deadline of 31 December 2023 missed on a few
  sites, as BT's was), at the model's cost (cost left empty);
- committed: the swaps the plan makes in the first half of 2024 (contracts
  signed for 2024), at a contracted price CONTRACT_DISCOUNT below the
  plan's nominal cost, written in the ledger.

Deterministic: the same plan.csv gives the same files.
"""
import csv
import json
import sys

MISSED = 3
CONTRACT_DISCOUNT = 0.04
FIRST_HALF_2024 = {"2024-%02d" % m for m in range(1, 7)}


def main():
    plan_csv, out = sys.argv[1], sys.argv[2]
    with open(plan_csv, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["period"]]
    done = [r for r in rows if r["period"] < "2024-01"]
    core = [r for r in done if r["domain"] == "core"]
    core.sort(key=lambda r: (r["period"], r["site_id"]))
    missed = {r["site_id"] for r in core[-MISSED:]}
    committed = [r for r in rows if r["period"] in FIRST_HALF_2024]
    with open(out + "/replan-2024-ledger.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["site_id", "when", "to_vendor", "cost"])
        for r in done:
            if r["site_id"] not in missed:
                w.writerow([r["site_id"].lstrip("'"), r["period"], r["to_vendor"], ""])
        for r in committed:
            cost = round(float(r["total_cost"]) * (1 - CONTRACT_DISCOUNT), 2)
            w.writerow([r["site_id"].lstrip("'"), r["period"], r["to_vendor"], "%.2f" % cost])
    with open(out + "/scenario.json", encoding="utf-8") as f:
        s = json.load(f)
    s["name"] = "uk-2022 re-planned on 1 January 2024"
    s["description"] = (
        "scenarios/uk-2022's network re-planned on 1 January 2024: 'fixed' is the "
        "ledger written by 'python3 tools/replan-ledger.py' from a plan of "
        "scenario.json: its swaps of 2022-23 done, except %d core sites that missed "
        "the core deadline of 31 December 2023, and its swaps of January to June "
        "2024 committed at a contracted price %d%% below the plan's. Invented, like "
        "the network." % (len(missed), round(CONTRACT_DISCOUNT * 100)))
    s["replan_from"] = "2024-01-01"
    s["fixed"] = "replan-2024-ledger.csv"
    with open(out + "/replan-2024.json", "w", encoding="utf-8") as f:
        json.dump(s, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("done %d, missed core %s, committed %d" %
          (len(done) - len(missed), ", ".join(sorted(missed)), len(committed)))


if __name__ == "__main__":
    main()
