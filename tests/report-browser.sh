#!/bin/sh
# report-browser.sh PHASEOUT SOURCE_ROOT: the page `phaseout report`
# writes, shown by a real browser (headless Chromium, installed by
# tools/setup.sh for this test): the screenshot of a plan and sweep
# report is not blank (many colours, much of it drawn, far more than a
# blank page's screenshot), and Chromium's own text of the page (its DOM
# dumped after layout) carries the figures of summary.json. Slow (a
# browser start, several seconds): suite 'slow'.
set -u
phaseout=$1
root=$2
tiny=$root/tests/data/plan/tiny/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

browser=""
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && browser=$b && break
done
if [ -z "$browser" ]; then
	skip "the report in a browser" "no chromium (tools/setup.sh installs it)"
	tap_done
	exit 0
fi
shoot() {
	# A profile of its own, so that parallel runs do not share one.
	HOME=$work timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$work/profile-$2" --hide-scrollbars \
		--screenshot="$work/$2.png" --window-size=1200,2000 "file://$1" \
		>/dev/null 2>&1
}

"$phaseout" plan "$tiny" -q -o "$work/a"
"$phaseout" sweep "$tiny" --budget-scale 0.6:1.2:0.1 --find-min-budget -q -o "$work/s"
"$phaseout" report "$work/a" "$work/s" -o "$work/report.html" -q
check "report exits 0" test $? = 0
printf '<!DOCTYPE html>\n<html><body></body></html>\n' >"$work/blank.html"

shoot "$work/report.html" report
check "chromium writes a screenshot of the report" test -s "$work/report.png"
shoot "$work/blank.html" blank
check "chromium writes a screenshot of a blank page" test -s "$work/blank.png"

cat >"$work/png.py" <<'PY'
import struct, sys, zlib

def pixels(path):
    """RGB(A) rows of an 8-bit PNG, decoded by hand (zlib + filters)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat = 8, b""
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        at += 12 + n
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows

def stats(path):
    w, h, bpp, rows = pixels(path)
    colours, drawn = set(), 0
    for line in rows:
        for x in range(0, w * bpp, bpp):
            px = line[x:x + 3]
            colours.add(px)
            drawn += px != b"\xff\xff\xff"
    return w, h, len(colours), drawn

w, h, n, drawn = stats(sys.argv[1])
bw, bh, bn, bdrawn = stats(sys.argv[2])
print(f"# report: {w}x{h}, {n} colours, {drawn} pixels not white; "
      f"blank page: {bn} colours, {bdrawn} not white")
assert (w, h) == (1200, 2000), (w, h)
assert n >= 64, n                      # text, tables, coloured chart lines
assert drawn * 50 >= w * h, drawn      # at least 2% of the page drawn
assert n > 10 * bn and drawn > 100 * (bdrawn + 1), (n, bn, drawn, bdrawn)
PY
check "the report's screenshot is not blank (colours and pixels drawn, against a blank page's)" \
	python3 "$work/png.py" "$work/report.png" "$work/blank.png"

# The text as Chromium laid it out: the DOM after parsing, tags dropped.
HOME=$work timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
	--user-data-dir="$work/profile-dom" --dump-dom "file://$work/report.html" \
	>"$work/dom.html" 2>/dev/null
check "chromium reads the page" test -s "$work/dom.html"
check "the page as Chromium read it carries summary.json's figures" \
	python3 - "$work/dom.html" "$work/a/summary.json" "$work/s/summary.json" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", dom, flags=re.S)))
p = json.load(open(sys.argv[2]))
cur = p["currency"]
for w in (p["status"], f"{p['exposure']:,.2f}", f"{cur} {p['present_cost']:,.2f}",
          f"{cur} {p['nominal_cost']:,.2f}", f"{p['gap'] * 100:.2f}%",
          str(p["completion_year"])):
    assert w in text, w
be = json.load(open(sys.argv[3]))["break_even"]
assert f"{cur} {be['min_total_budget']:,.2f}" in text
assert "<script" not in dom
PY
tap_done
