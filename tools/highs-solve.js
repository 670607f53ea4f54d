#!/usr/bin/env node
// highs-solve.js FILE [--time-limit S] [--offset K] [--threads N]: solve an
// LP or MPS model (the format from the name: .mps or .lp) with HiGHS, the
// npm package 'highs' (a WebAssembly build, single-threaded), and print one
// line of key=value figures:
//
//	status=optimal objective=861 bound=861 gap=0 time=1.23
//	first=0.41 to1%=0.52 to0.1%=0.90 nodes=12 mb=85
//
// objective and bound are HiGHS's values plus K (--offset): GLPK writes an
// objective constant C as the objective row's RHS, which HiGHS, like cbc,
// reads as -C, so phaseout's exposure is HiGHS's objective + 2 C (see
// tests/cbc-compare.sh). gap is (objective - bound) / max(|objective|, 1e-9)
// on those corrected values (shared/spec/model.md), and first, to1% and
// to0.1% are the seconds to the first plan and to a proven gap of 1% and
// 0.1% on them ("-" when not reached). mb is the peak resident memory of
// this process, in megabytes.
//
// Not a dependency of phaseout: tools/bench-scale.sh installs the package
// outside the source tree and points HIGHS_JS at it (the folder that holds
// node_modules/highs, or the package itself); without HIGHS_JS the script
// tries require('highs').
"use strict";
const fs = require("fs");
const path = require("path");

function usage(msg) {
	process.stderr.write(`highs-solve.js: error: ${msg}\n` +
		"usage: highs-solve.js <file.mps|file.lp> [--time-limit <s>] [--offset <k>]\n");
	process.exit(2);
}

function loadHighsModule() {
	const where = process.env.HIGHS_JS;
	const tries = where ? [path.join(where, "node_modules", "highs"), where] : ["highs"];
	for (const t of tries) {
		try {
			return require(t);
		} catch (e) {
			if (e.code !== "MODULE_NOT_FOUND") throw e;
		}
	}
	usage(`cannot load the 'highs' package (HIGHS_JS=${where || ""})`);
}

async function main(argv) {
	let file = null;
	let timeLimit = Infinity;
	let offset = 0;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === "--time-limit" || a === "--offset") {
			const v = Number(argv[++i]);
			if (!Number.isFinite(v)) usage(`${a} needs a number`);
			if (a === "--time-limit") timeLimit = v;
			else offset = v;
		} else if (a.startsWith("-")) {
			usage(`unknown option '${a}'`);
		} else if (file === null) {
			file = a;
		} else {
			usage("one model file only");
		}
	}
	if (file === null) usage("missing model file");
	const format = file.endsWith(".mps") ? "mps" : "lp";
	const data = format === "mps" ? new Uint8Array(fs.readFileSync(file))
		: fs.readFileSync(file, "utf8");

	const highs = await loadHighsModule()();
	const t0 = process.hrtime.bigint();
	const since = () => Number(process.hrtime.bigint() - t0) / 1e9;
	const seen = {first: null, gap1: null, gap01: null};
	const gapOf = (p, d) => (p - d) / Math.max(Math.abs(p), 1e-9);
	// Progress from the MIP callbacks: the first incumbent, then the
	// first time the corrected gap is within 1% and 0.1%.
	const track = (event) => {
		const d = event.data;
		const p = d.objective_function_value;
		const b = d.mip_dual_bound;
		if (typeof p !== "number" || !Number.isFinite(p)) return;
		if (seen.first === null) seen.first = since();
		if (typeof b !== "number" || !Number.isFinite(b)) return;
		const g = gapOf(p + offset, b + offset);
		if (g <= 0.01 && seen.gap1 === null) seen.gap1 = since();
		if (g <= 0.001 && seen.gap01 === null) seen.gap01 = since();
	};
	const cb = highs.constants.callbackType;

	const model = highs.createModel({format, data});
	let line;
	try {
		model.options.set({output_flag: false, mip_rel_gap: 0});
		if (Number.isFinite(timeLimit)) model.options.set("time_limit", timeLimit);
		model.run({
			[cb.mipImprovingSolution]: track,
			[cb.mipLogging]: track,
		});
		const time = since();
		const code = model.getModelStatus();
		const status = Object.keys(highs.constants.modelStatus)
			.find((k) => highs.constants.modelStatus[k] === code) || String(code);
		const info = (k) => {
			try {
				return model.info.get(k);
			} catch (e) {
				return undefined;
			}
		};
		const primalOk = info("primal_solution_status");
		const obj = model.getObjectiveValue() + offset;
		const bound = Number(info("mip_dual_bound")) + offset;
		const hasPlan = primalOk === undefined ? Number.isFinite(obj) : Number(primalOk) === 2;
		const optimal = code === highs.constants.modelStatus.optimal;
		if (hasPlan && seen.first === null) seen.first = time;
		if (optimal) {
			if (seen.gap1 === null) seen.gap1 = time;
			if (seen.gap01 === null) seen.gap01 = time;
		}
		const show = (v) => (v === null ? "-" : v.toFixed(2));
		const gap = hasPlan && Number.isFinite(bound) ? gapOf(obj, bound) : null;
		line = [
			`status=${String(status).replace(/\s+/g, "_")}`,
			`objective=${hasPlan ? obj : "-"}`,
			`bound=${Number.isFinite(bound) ? bound : "-"}`,
			`gap=${gap === null ? "-" : gap.toPrecision(4)}`,
			`time=${time.toFixed(2)}`,
			`first=${show(seen.first)}`,
			`to1%=${show(seen.gap1)}`,
			`to0.1%=${show(seen.gap01)}`,
			`nodes=${info("mip_node_count")}`,
			`mb=${Math.round(process.resourceUsage().maxRSS / 1024)}`,
		].join(" ");
	} finally {
		model.dispose();
	}
	process.stdout.write(line + "\n");
}

main(process.argv.slice(2)).catch((e) => {
	process.stderr.write(`highs-solve.js: error: ${e && e.message ? e.message : e}\n`);
	process.exit(1);
});
