#!/bin/sh
# setup.sh: install what phaseout needs from Debian's packages (only what
# is missing), then configure and build it in build/.
#
# Run from anywhere, as root (or with sudo available) on Debian 12:
#	sh tools/setup.sh
set -eu
cd "$(dirname "$0")/.."

# Build: compiler, meson, ninja, pkg-config and the seven libraries (cairo
# draws the charts; fonts-dejavu-core gives fontconfig a "sans-serif" for
# their text; nettle computes the SHA-256 checksums of -o folders;
# libxlsxwriter writes plan.xlsx and sensitivity.xlsx). Tests:
# cmocka, glpsol (the MathProg oracle), cbc (an outside solver that proves
# the optimum of phaseout's exported models: tests/cbc-compare.sh, and
# beside phaseout in tools/bench-scale.sh), python3 (midgen.py writes the
# scenarios those tests compare on, reads summary.json and compares JSON
# in the shell suites, tests/lib/tap.sh), clang-format (the formatting
# check), shellcheck (the shell scripts' check), clang-tools
# (scan-build, clang's static analyser, in .ci/run), chromium (headless,
# it renders `phaseout report`'s page to a screenshot in
# tests/report-browser.sh: the page must show in a real browser) and
# libreoffice-calc-nogui (soffice --headless: the slow test
# tests/spreadsheet-calc.sh opens the workbooks and CSV files in a real
# spreadsheet program and checks what it reads). libxlsxwriter-dev writes
# plan.xlsx and sensitivity.xlsx.
packages="gcc libc6-dev meson ninja-build pkg-config libglpk-dev libcsv-dev
libcjson-dev libcmocka-dev libcairo2-dev fonts-dejavu-core nettle-dev
libxlsxwriter-dev glpk-utils coinor-cbc python3 clang-format shellcheck
clang-tools chromium libreoffice-calc-nogui"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		sudo="sudo"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	# shellcheck disable=SC2086
	$sudo apt-get install -y -q --no-install-recommends $missing
fi

if [ ! -f build/build.ninja ]; then
	meson setup build
fi
ninja -C build
