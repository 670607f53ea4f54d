#!/bin/sh
# report-html.sh PHASEOUT SOURCE_ROOT: `phaseout report DIR... -o FILE`
# (issue 16 item 4): the page carries the figures of each folder's
# summary.json (parsed here, not copied), the rules and their outcomes,
# each period's spend from timeline.csv, the changes `diff` prints, and a
# sweep's break-even budgets; it is one self-contained document (no
# scripts, nothing fetched, one inline SVG per chart with ids of its
# own); bad folders get their message and exit 2 and leave an earlier page
# as it was.
set -u
phaseout=$1
root=$2
tiny=$root/tests/data/plan/tiny/scenario.json
quarters=$root/tests/data/plan/quarters/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

"$phaseout" plan "$tiny" -q -o "$work/a"
"$phaseout" plan "$tiny" --budget-scale 1.2 -q -o "$work/b"
"$phaseout" plan "$quarters" -q -o "$work/q"
"$phaseout" sweep "$tiny" --budget-scale 0.6:1.2:0.1 --find-min-budget \
	--precision 0.001 -q -o "$work/s"

"$phaseout" report "$work/a" -o "$work/one.html" >"$work/one.out"
check "one plan: report exits 0" test $? = 0
check "one plan: says what it wrote" \
	test "$(cat "$work/one.out")" = "wrote $work/one.html (1 folder)"

# The page's text (tags dropped, entities undone) against summary.json.
cat >"$work/figures.py" <<'PY'
import csv, html, json, re, sys

def text_of(path):
    page = open(path, encoding="utf-8").read()
    body = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    return page, html.unescape(re.sub(r"<[^>]+>", " ", body))

def money(v, cur):
    return f"{cur} {v:,.2f}"

def plan_figures(text, d):
    s = json.load(open(d + "/summary.json"))
    cur = s["currency"]
    want = [s["status"], s["objective"], f"{s['exposure']:,.2f}",
            money(s["present_cost"], cur), money(s["nominal_cost"], cur)]
    if s["gap"] is not None:
        want.append(f"{s['gap'] * 100:.2f}%")
    if s["bound"] is not None:
        want.append(f"{s['bound']:,.2f}")
    want.append(str(s["completion_year"]) if s["completion_year"]
                else "not complete within the horizon")
    for r in s["rules"]:
        want.append(r["label"])
    # Each period's spend, from timeline.csv, and their total.
    rows = list(csv.DictReader(open(d + "/timeline.csv", newline="")))
    total = 0.0
    for r in rows:
        total += float(r["spend"])
        want.append(money(float(r["spend"]), cur))
    want.append(money(round(total, 2), cur))
    missing = [w for w in want if w not in text]
    assert not missing, (d, missing)
    # One outcome per rule, as summary.json says.
    holds = sum(1 for r in s["rules"] if r["holds"])
    assert len(re.findall(r"\bholds\b", text)) >= holds
    assert text.count("broken") >= len(s["rules"]) - holds

def self_contained(page):
    for bad in ("<script", "<link", "<iframe", "<img", "@import", "@font-face",
                "http://", "https://", "javascript:"):
        assert bad not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")\
            .replace('xmlns:xlink="http://www.w3.org/1999/xlink"', ""), bad
    # ids unique across the inline charts
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "duplicate ids"
    for ref in re.findall(r'href="#([^"]+)"', page):
        assert ref in ids, ref

mode, page_path = sys.argv[1], sys.argv[2]
page, text = text_of(page_path)
self_contained(page)
if mode == "plans":  # plans PAGE CHARTS DIR...: CHARTS inline SVGs in all
    for d in sys.argv[4:]:
        plan_figures(text, d)
    assert page.count("<svg") == int(sys.argv[3]), page.count("<svg")
elif mode == "sweep":
    d = sys.argv[3]
    s = json.load(open(d + "/summary.json"))
    be = s["break_even"]
    cur = be["currency"]
    for w in (f"{be['min_budget_scale']:g}", money(be["min_total_budget"], cur),
              money(be["earlier_completion_total_budget"], cur)):
        assert w in text, w
    rows = list(csv.DictReader(open(d + "/sensitivity.csv", newline="")))
    for r in rows:
        assert f"{float(r['exposure']):,.2f}" in text, r["exposure"]
        assert money(float(r["present_cost"]), cur) in text, r["present_cost"]
PY
check "one plan: the page carries summary.json's figures, the rules, each period's spend" \
	python3 "$work/figures.py" plans "$work/one.html" 1 "$work/a"
check "one plan: the timeline chart is inline SVG" grep -q "<svg" "$work/one.html"

"$phaseout" report "$work/a" "$work/b" "$work/s" -o "$work/three.html" -q
check "two plans and a sweep: report exits 0" test $? = 0
check "two plans and a sweep: both plans' figures, three charts with ids of their own" \
	python3 "$work/figures.py" plans "$work/three.html" 3 "$work/a" "$work/b"
check "two plans and a sweep: the sweep's break-even money and table" \
	python3 "$work/figures.py" sweep "$work/three.html" "$work/s"
"$phaseout" diff "$work/a" "$work/b" >"$work/diff.out"
check "two plans: the changes as diff prints them" \
	python3 - "$work/three.html" "$work/diff.out" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
pre = re.findall(r"<pre>(.*?)</pre>", page, flags=re.S)
assert len(pre) == 1, len(pre)
assert html.unescape(pre[0]) == open(sys.argv[2], encoding="utf-8").read()
PY

# --- Bad folders: exit 2, the message, nothing written ---------------------
echo "an earlier page" >"$work/keep.html"
"$phaseout" report "$work/none" -o "$work/keep.html" 2>"$work/err"
check "a missing folder: exit 2" test $? = 2
check "a missing folder: named" grep -q "'$work/none': No such file or directory" "$work/err"
check "a missing folder: an earlier page is left as it was" \
	test "$(cat "$work/keep.html")" = "an earlier page"
"$phaseout" report "$work/a/plan.csv" -o "$work/x.html" 2>"$work/err"
check "a file, not a folder: exit 2" test $? = 2
check "a file, not a folder: said" grep -q "is not a folder" "$work/err"
mkdir "$work/empty"
"$phaseout" report "$work/empty" "$work/none" -o "$work/x.html" 2>"$work/err"
check "several bad folders: exit 2" test $? = 2
check "several bad folders: each named" \
	test "$(grep -c "^phaseout: error: '$work/" "$work/err")" = 2
check "a folder without summary.json: said" grep -q "holds no summary.json" "$work/err"
check "nothing written on exit 2" test ! -e "$work/x.html"
"$phaseout" diff "$work/a" "$work/b" -q -o "$work/d"
"$phaseout" report "$work/d" -o "$work/x.html" 2>"$work/err"
check "another command's folder: exit 2" test $? = 2
cp -R "$work/a" "$work/t"
echo "<!-- edited -->" >>"$work/t/timeline.svg"
"$phaseout" report "$work/t" -o "$work/x.html" 2>"$work/err"
check "an edited chart: exit 2" test $? = 2
check "an edited chart: the file and its checksum named" \
	grep -q "timeline.svg' does not match the checksum" "$work/err"
printf '{"command": "plan",\n  "status": }\n' >"$work/empty/summary.json"
"$phaseout" report "$work/empty" -o "$work/x.html" 2>"$work/err"
check "a malformed summary.json: exit 2" test $? = 2
check "a malformed summary.json: file:line:column" \
	grep -q "^$work/empty/summary.json:2:[0-9]*: " "$work/err"
"$phaseout" report "$work/a" 2>"$work/err"
check "no -o: a usage error" test $? = 2
"$phaseout" report -o "$work/x.html" 2>"$work/err"
check "no folders: a usage error" test $? = 2
"$phaseout" report "$work/a" -o "$work" 2>"$work/err"
check "-o a folder: a usage error" test $? = 2
check "no temporary files left beside the pages" \
	test -z "$(find "$work" -maxdepth 1 -name '.*.tmp')"

# A plan a time limit cut short says so, beside summary.json's figures.
"$phaseout" plan "$root/scenarios/uk-2020/scenario.json" --time-limit 0.3 -q -o "$work/cut"
"$phaseout" report "$work/cut" -o "$work/cut.html" -q
check "a plan cut short: its figures" \
	python3 "$work/figures.py" plans "$work/cut.html" 1 "$work/cut"
if grep -q '"stopped_by":	null' "$work/cut/summary.json"; then
	check "a plan that ran to its end: not marked cut short" \
		fails grep -q "not proven optimal" "$work/cut.html"
else
	check "a plan cut short by a limit: marked not proven" \
		grep -q "cut short by a limit; the best plan found, not proven optimal" "$work/cut.html"
fi
check "a plan proven optimal: not marked cut short" \
	fails grep -q "not proven optimal" "$work/one.html"

# Quarters: a version 2 plan in periods.
"$phaseout" report "$work/q" "$work/a" -o "$work/q.html" -q
check "a plan in quarters beside a yearly one: report exits 0" test $? = 0
check "a plan in quarters: its figures and spend per quarter" \
	python3 "$work/figures.py" plans "$work/q.html" 2 "$work/q" "$work/a"
check "plans in periods of different kinds: not compared, said" \
	grep -q "Not compared: the plans are in periods of different kinds" "$work/q.html"
tap_done
