#include "testutil.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "output/chart.h"
#include "output/chart_kit.h"
#include "output/report_vary.h"
#include "plan/plan.h"
#include "plan/sweep_row.h"
#include "util/diag.h"
#include "util/xalloc.h"

/*
 * Real plans from plan_create() on scenarios written to a temporary
 * folder: a small one (4 years, 2 domains, a cap, deadlines, a year
 * without a budget limit, carry-over) and a large one (50 years, 12
 * domains with long names, many rules), with decisions made by hand.
 */
struct fixture {
	char *dir;
	struct scenario *small, *large, *quarterly, *monthly;
};

/* Version 2, quarters: dated rules inside periods, on a period end, before
 * the horizon and after it; a period key for a budget. */
static const char quarterly_json[] =
	"{\n"
	"  \"format\": \"phaseout-scenario/2\",\n"
	"  \"name\": \"Quarterly chart test\",\n"
	"  \"currency\": \"EUR\",\n"
	"  \"horizon\": {\"start\": 2024, \"end\": 2027},\n"
	"  \"periods\": \"quarter\",\n"
	"  \"sites\": \"small.csv\",\n"
	"  \"high_risk_vendors\": [\"Huawei\"],\n"
	"  \"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"core\": 50000, "
	"\"ran\": 10000}}],\n"
	"  \"budget\": {\"default\": 300000, \"2025-Q2\": 60000},\n"
	"  \"carry_over\": true,\n"
	"  \"deadlines\": [{\"domain\": \"core\", \"date\": \"2025-05-15\"},\n"
	"    {\"domain\": \"ran\", \"region\": \"south\", \"date\": \"2025-06-30\"},\n"
	"    {\"domain\": \"core\", \"region\": \"north\", \"date\": \"2023-11-15\"},\n"
	"    {\"domain\": \"*\", \"year\": 2027}],\n"
	"  \"share_caps\": [{\"domain\": \"ran\", \"date\": \"2024-08-20\", "
	"\"max_share\": 0.6},\n"
	"    {\"domain\": \"*\", \"date\": \"2029-03-01\", \"max_share\": 0.1}]\n"
	"}\n";

/* Version 2, 72 months, with three dated rules within a month of each
 * other (their labels must stack). */
static const char monthly_json[] =
	"{\n"
	"  \"format\": \"phaseout-scenario/2\",\n"
	"  \"name\": \"Monthly chart test\",\n"
	"  \"horizon\": {\"start\": 2023, \"end\": 2028},\n"
	"  \"periods\": \"month\",\n"
	"  \"sites\": \"small.csv\",\n"
	"  \"high_risk_vendors\": [\"Huawei\"],\n"
	"  \"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"core\": 50000, "
	"\"ran\": 10000}}],\n"
	"  \"budget\": {\"2023\": 400000, \"2024\": 300000, \"2026\": 250000},\n"
	"  \"deadlines\": [{\"domain\": \"core\", \"date\": \"2024-06-28\"},\n"
	"    {\"domain\": \"ran\", \"date\": \"2024-06-28\"},\n"
	"    {\"domain\": \"*\", \"date\": \"2027-12-31\"}],\n"
	"  \"share_caps\": [{\"domain\": \"ran\", \"date\": \"2024-07-10\", "
	"\"max_share\": 0.35}]\n"
	"}\n";

static const char small_json[] =
	"{\n"
	"  \"format\": \"phaseout-scenario/1\",\n"
	"  \"name\": \"Chart test network\",\n"
	"  \"currency\": \"EUR\",\n"
	"  \"horizon\": {\"start\": 2021, \"end\": 2024},\n"
	"  \"sites\": \"small.csv\",\n"
	"  \"high_risk_vendors\": [\"Huawei\"],\n"
	"  \"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"core\": 50000, "
	"\"ran\": 10000}}],\n"
	"  \"budget\": {\"2021\": 400000, \"2022\": 300000, \"2024\": 250000},\n"
	"  \"carry_over\": true,\n"
	"  \"deadlines\": [{\"domain\": \"core\", \"year\": 2022}, {\"domain\": \"*\", "
	"\"year\": 2024}],\n"
	"  \"share_caps\": [{\"domain\": \"ran\", \"year\": 2022, \"max_share\": 0.35}]\n"
	"}\n";

static const char small_csv[] = "site_id,region,domain,vendor,units\n"
				"C1,north,core,Huawei,3\n"
				"C2,south,core,Huawei,2\n"
				"C3,south,core,Ericsson,2\n"
				"R1,north,ran,Huawei,10\n"
				"R2,north,ran,Huawei,10\n"
				"R3,south,ran,Huawei,10\n"
				"R4,south,ran,Huawei,10\n"
				"R5,south,ran,Ericsson,20\n";

#define LARGE_DOMAINS 12
#define LARGE_SITES_PER_DOMAIN 10

static char *large_domain(int d)
{
	return xasprintf("domain %02d with a very long name that no legend has room "
			 "for in one line",
			 d);
}

static char *large_json(void)
{
	char *costs = xstrdup("");
	for (int d = 0; d < LARGE_DOMAINS; d++) {
		char *dom = large_domain(d);
		char *next = xasprintf("%s%s\"%s\": %d", costs, d ? ", " : "", dom,
				       1000 * (d + 1));
		free(dom);
		free(costs);
		costs = next;
	}
	/* Every seventh year has no budget entry: unlimited. */
	char *budget = xstrdup("");
	for (int y = 2021; y <= 2070; y++) {
		if (y % 7 == 0)
			continue;
		char *next = xasprintf("%s%s\"%d\": %d", budget, budget[0] ? ", " : "", y,
				       150000 + 1000 * (y % 13));
		free(budget);
		budget = next;
	}
	char *dom0 = large_domain(0), *dom3 = large_domain(3);
	char *json = xasprintf(
		"{\n"
		"  \"format\": \"phaseout-scenario/1\",\n"
		"  \"name\": \"A national operator with a name far too long to fit on "
		"one "
		"line of the chart title, so that it must be cut short somewhere "
		"here\",\n"
		"  \"horizon\": {\"start\": 2021, \"end\": 2070},\n"
		"  \"sites\": \"large.csv\",\n"
		"  \"high_risk_vendors\": [\"Huawei\", \"ZTE\"],\n"
		"  \"vendors\": [{\"name\": \"Nokia\", \"unit_cost\": {%s}}],\n"
		"  \"budget\": {%s},\n"
		"  \"deadlines\": [{\"domain\": \"%s\", \"year\": 2030}, {\"domain\": "
		"\"*\", "
		"\"year\": 2068}, {\"domain\": \"%s\", \"year\": 2075}],\n"
		"  \"share_caps\": [{\"domain\": \"%s\", \"year\": 2025, \"max_share\": "
		"0.5},"
		" {\"domain\": \"*\", \"year\": 2040, \"max_share\": 0.2}, {\"domain\": "
		"[\"%s\", \"%s\"], \"year\": 2050, \"max_share\": 0.1}]\n"
		"}\n",
		costs, budget, dom0, dom3, dom3, dom0, dom3);
	free(costs);
	free(budget);
	free(dom0);
	free(dom3);
	return json;
}

static char *large_csv(void)
{
	char *csv = xstrdup("site_id,region,domain,vendor,units\n");
	for (int d = 0; d < LARGE_DOMAINS; d++) {
		char *dom = large_domain(d);
		for (int i = 0; i < LARGE_SITES_PER_DOMAIN; i++) {
			char *next = xasprintf("%sS%02d-%02d,r%d,%s,%s,%d\n", csv, d, i,
					       i % 3, dom, i % 2 ? "ZTE" : "Huawei",
					       1 + (i * 7 + d) % 9);
			free(csv);
			csv = next;
		}
		char *next = xasprintf("%sT%02d,r0,%s,Nokia,%d\n", csv, d, dom, 5 + d);
		free(csv);
		csv = next;
		free(dom);
	}
	return csv;
}

static struct scenario *load(const char *dir, const char *name, const char *json)
{
	char *path = testutil_write_file(dir, name, json);
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(path, &d);
	if (!s || diag_count(&d)) {
		diag_print(&d, stderr);
		fail_msg("cannot load %s", path);
	}
	diag_finish(&d);
	free(path);
	return s;
}

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	fx->dir = testutil_tempdir();
	free(testutil_write_file(fx->dir, "small.csv", small_csv));
	char *csv = large_csv();
	free(testutil_write_file(fx->dir, "large.csv", csv));
	free(csv);
	fx->small = load(fx->dir, "small.json", small_json);
	char *json = large_json();
	fx->large = load(fx->dir, "large.json", json);
	free(json);
	fx->quarterly = load(fx->dir, "quarterly.json", quarterly_json);
	fx->monthly = load(fx->dir, "monthly.json", monthly_json);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	scenario_destroy(fx->small);
	scenario_destroy(fx->large);
	scenario_destroy(fx->quarterly);
	scenario_destroy(fx->monthly);
	testutil_rmtree(fx->dir);
	free(fx->dir);
	free(fx);
	chart_release_fonts();
	return 0;
}

/*
 * A plan of 's' with every high-risk site swapped to vendor 0: 'early'
 * spreads the sites over the first years of the horizon, otherwise over
 * its last years, so the two plans' timelines differ everywhere.
 */
static struct plan *make_plan(const struct scenario *s, bool early)
{
	struct site_decision *dec = xcalloc(s->n_sites + 1, sizeof(*dec));
	size_t n = 0;
	for (uint32_t i = 0; i < s->n_sites; i++) {
		if (!scenario_site_is_high_risk(s, &s->sites[i]))
			continue;
		int k = (int)(n * 7 % (size_t)s->n_periods) / 2;
		dec[n].site = i;
		dec[n].period = early ? k : s->n_periods - 1 - k;
		dec[n].vendor = 0;
		n++;
	}
	struct plan *p = plan_create(s, dec, n, 1.0);
	free(dec);
	p->status = PLAN_OPTIMAL;
	return p;
}

/* ---- Capturing and reading what a writer wrote ---------------------------- */

struct bytes {
	char *data;
	size_t len;
};

typedef bool (*timeline_fn)(const struct plan *p, FILE *f);

static struct bytes capture_timeline(timeline_fn write, const struct plan *p)
{
	struct bytes b = {NULL, 0};
	FILE *f = open_memstream(&b.data, &b.len);
	assert_non_null(f);
	assert_true(write(p, f));
	assert_int_equal(fclose(f), 0);
	assert_true(b.len > 0);
	return b;
}

typedef bool (*sensitivity_fn)(const struct scenario *s, const struct sweep_row *rows,
			       size_t n, FILE *f);

static struct bytes capture_sensitivity(sensitivity_fn write, const struct scenario *s,
					const struct sweep_row *rows, size_t n)
{
	struct bytes b = {NULL, 0};
	FILE *f = open_memstream(&b.data, &b.len);
	assert_non_null(f);
	assert_true(write(s, rows, n, f));
	assert_int_equal(fclose(f), 0);
	assert_true(b.len > 0);
	return b;
}

struct reader {
	const struct bytes *b;
	size_t pos;
};

static cairo_status_t read_bytes(void *closure, unsigned char *data, unsigned int length)
{
	struct reader *r = closure;
	if (r->b->len - r->pos < length)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->b->data + r->pos, length);
	r->pos += length;
	return CAIRO_STATUS_SUCCESS;
}

/* A decoded PNG: its size and how many pixels match a predicate. */
struct image {
	int width, height;
	size_t not_white, reddish;
	size_t greenish, orangeish; /* break-even lines, cut-short squares */
};

/* Infeasible points are the only pure red the sensitivity chart draws
 * (0xd62728, antialiased at the edges). */
static bool is_reddish(uint32_t px)
{
	unsigned r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;
	return r > 170 && g < 90 && b < 90;
}

/* The break-even line's green (0x2ca02c) and the cut-short squares'
 * orange (0xff7f0e), which nothing else on the sensitivity chart uses. */
static bool is_greenish(uint32_t px)
{
	unsigned r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;
	return g > 140 && r < 90 && b < 90;
}

static bool is_orangeish(uint32_t px)
{
	unsigned r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;
	return r > 220 && g > 100 && g < 160 && b < 60;
}

static struct image decode_png(const struct bytes *png)
{
	static const unsigned char magic[] = {0x89, 'P',  'N',  'G',
					      '\r', '\n', 0x1a, '\n'};
	assert_true(png->len > sizeof(magic));
	assert_memory_equal(png->data, magic, sizeof(magic));
	struct reader r = {png, 0};
	cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_bytes, &r);
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	struct image im = {cairo_image_surface_get_width(img),
			   cairo_image_surface_get_height(img),
			   0,
			   0,
			   0,
			   0};
	cairo_surface_flush(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	for (int y = 0; y < im.height; y++) {
		const uint32_t *row =
			(const uint32_t *)(const void *)(data +
							 (size_t)y * (size_t)stride);
		for (int x = 0; x < im.width; x++) {
			uint32_t px = row[x] & 0xffffff;
			if (px != 0xffffff)
				im.not_white++;
			if (is_reddish(px))
				im.reddish++;
			if (is_greenish(px))
				im.greenish++;
			if (is_orangeish(px))
				im.orangeish++;
		}
	}
	cairo_surface_destroy(img);
	return im;
}

static void assert_drawn_png(const struct bytes *png)
{
	struct image im = decode_png(png);
	assert_int_equal(im.width, CHART_WIDTH);
	assert_true(im.height >= 400 && im.height <= 4000);
	/* Axes, text, lines and bars: far more than a few stray pixels. */
	size_t all = (size_t)im.width * (size_t)im.height;
	if (im.not_white * 50 < all)
		fail_msg("only %zu of %zu pixels drawn", im.not_white, all);
}

static bool ends_with(const struct bytes *b, const char *tail)
{
	size_t len = b->len;
	while (len > 0 && (b->data[len - 1] == '\n' || b->data[len - 1] == ' '))
		len--;
	size_t n = strlen(tail);
	return len >= n && memcmp(b->data + len - n, tail, n) == 0;
}

static void assert_svg(const struct bytes *svg)
{
	assert_true(svg->len > 5 && memcmp(svg->data, "<?xml", 5) == 0);
	/* open_memstream keeps a NUL after the data. */
	assert_non_null(strstr(svg->data, "<svg"));
	assert_non_null(strstr(svg->data, "width=\"1000px\""));
	assert_true(ends_with(svg, "</svg>"));
	assert_int_equal(strlen(svg->data), svg->len);
}

static void assert_same_bytes(const struct bytes *a, const struct bytes *b)
{
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->data, b->data, a->len);
}

/* ---- The timeline ------------------------------------------------------------- */

static void chart_timeline_png_should_decode_and_not_be_blank(void **state)
{
	struct fixture *fx = *state;
	const struct scenario *ss[] = {fx->small, fx->large};
	for (size_t i = 0; i < 2; i++) {
		struct plan *p = make_plan(ss[i], true);
		struct bytes png = capture_timeline(chart_timeline_png, p);
		assert_drawn_png(&png);
		free(png.data);
		plan_destroy(p);
	}
}

static void chart_timeline_svg_should_be_a_whole_svg_document(void **state)
{
	struct fixture *fx = *state;
	const struct scenario *ss[] = {fx->small, fx->large};
	for (size_t i = 0; i < 2; i++) {
		struct plan *p = make_plan(ss[i], false);
		struct bytes svg = capture_timeline(chart_timeline_svg, p);
		assert_svg(&svg);
		free(svg.data);
		plan_destroy(p);
	}
}

static void chart_timeline_should_give_the_same_bytes_twice(void **state)
{
	struct fixture *fx = *state;
	struct plan *p = make_plan(fx->large, true);
	timeline_fn writers[] = {chart_timeline_svg, chart_timeline_png};
	for (size_t i = 0; i < 2; i++) {
		struct bytes a = capture_timeline(writers[i], p);
		struct bytes b = capture_timeline(writers[i], p);
		assert_same_bytes(&a, &b);
		free(a.data);
		free(b.data);
	}
	plan_destroy(p);
}

/* The picture comes from the plan: another plan of the same scenario
 * (same legend, same axes) draws other pixels. */
static void chart_timeline_should_change_with_the_plan(void **state)
{
	struct fixture *fx = *state;
	struct plan *early = make_plan(fx->small, true);
	struct plan *late = make_plan(fx->small, false);
	struct bytes a = capture_timeline(chart_timeline_png, early);
	struct bytes b = capture_timeline(chart_timeline_png, late);
	struct image ia = decode_png(&a), ib = decode_png(&b);
	assert_int_equal(ia.height, ib.height);
	assert_false(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	free(a.data);
	free(b.data);
	plan_destroy(early);
	plan_destroy(late);
}

/* Every domain, cap and deadline has a legend row, and the panel grows to
 * hold them rather than letting the legend run off the picture. */
static void chart_timeline_should_grow_with_the_legend(void **state)
{
	struct fixture *fx = *state;
	struct plan *small = make_plan(fx->small, true);
	struct plan *large = make_plan(fx->large, true);
	struct bytes a = capture_timeline(chart_timeline_png, small);
	struct bytes b = capture_timeline(chart_timeline_png, large);
	struct image ia = decode_png(&a), ib = decode_png(&b);
	/* 1 + 12 domains + 3 caps + 3 deadlines = 19 rows of 18 pixels. */
	assert_true(ib.height > ia.height);
	assert_true(ib.height >= 19 * 18 + 300);
	free(a.data);
	free(b.data);
	plan_destroy(small);
	plan_destroy(large);
}

/* cairo refuses invalid UTF-8 and would drop the whole picture; names
 * are cleaned first (a JSON escape can put a newline in a name). */
static void chart_timeline_should_draw_names_that_are_not_clean_text(void **state)
{
	struct fixture *fx = *state;
	const char *name = fx->small->name;
	fx->small->name = "bad \xff\xfe byte,\nnew line and \xe2\x82 cut";
	struct plan *p = make_plan(fx->small, true);
	struct bytes png = capture_timeline(chart_timeline_png, p);
	assert_drawn_png(&png);
	struct bytes svg = capture_timeline(chart_timeline_svg, p);
	assert_svg(&svg);
	free(png.data);
	free(svg.data);
	plan_destroy(p);
	fx->small->name = name;
}

static void chart_timeline_should_fail_on_a_full_disk(void **state)
{
	struct fixture *fx = *state;
	struct plan *p = make_plan(fx->small, true);
	timeline_fn writers[] = {chart_timeline_svg, chart_timeline_png};
	for (size_t i = 0; i < 2; i++) {
		FILE *f = fopen("/dev/full", "w");
		assert_non_null(f);
		assert_false(writers[i](p, f));
		fclose(f);
	}
	plan_destroy(p);
}

/* ---- The sensitivity curve ------------------------------------------------------ */

/* A sweep of the small scenario by hand: less money, more exposure and a
 * later end; below 0.8 the rules cannot hold. */
static size_t make_rows(struct sweep_row *rows, bool with_infeasible)
{
	static const double scales[] = {1.4, 0.6, 1.0, 0.8, 1.2, 0.7, 2.0};
	size_t n = sizeof(scales) / sizeof(scales[0]);
	for (size_t i = 0; i < n; i++) {
		double k = scales[i];
		struct sweep_row *r = &rows[i];
		memset(r, 0, sizeof(*r));
		r->budget_scale = k;
		r->total_budget = INFINITY;
		r->status = i == 4 ? PLAN_FEASIBLE : PLAN_OPTIMAL;
		r->exposure = 120 / k;
		r->present_cost = 900000;
		r->nominal_cost = 950000;
		r->completion_year = k >= 1 ? 2023 : 2024;
		r->deadlines_total = 2;
		r->deadlines_met = 2;
		r->gap = r->status == PLAN_FEASIBLE ? 0.01 : 0;
		if (with_infeasible && k < 0.8) {
			r->status = PLAN_INFEASIBLE;
			r->completion_year = 0;
			r->hr_units_remaining = 10;
			r->deadlines_met = 1;
			r->violation = 10;
		}
	}
	return n;
}

static void chart_sensitivity_png_should_decode_and_not_be_blank(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	size_t n = make_rows(rows, true);
	struct bytes png = capture_sensitivity(chart_sensitivity_png, fx->small, rows, n);
	assert_drawn_png(&png);
	free(png.data);
}

static void chart_sensitivity_svg_should_be_a_whole_svg_document(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	size_t n = make_rows(rows, true);
	struct bytes svg = capture_sensitivity(chart_sensitivity_svg, fx->large, rows, n);
	assert_svg(&svg);
	free(svg.data);
}

static void chart_sensitivity_should_give_the_same_bytes_twice(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	size_t n = make_rows(rows, true);
	sensitivity_fn writers[] = {chart_sensitivity_svg, chart_sensitivity_png};
	for (size_t i = 0; i < 2; i++) {
		struct bytes a = capture_sensitivity(writers[i], fx->small, rows, n);
		struct bytes b = capture_sensitivity(writers[i], fx->small, rows, n);
		assert_same_bytes(&a, &b);
		free(a.data);
		free(b.data);
	}
}

/* Infeasible points are red crosses (with a legend row); a sweep where
 * every point keeps the rules has no red at all. */
static void chart_sensitivity_should_mark_infeasible_points_in_red(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	size_t n = make_rows(rows, false);
	struct bytes a = capture_sensitivity(chart_sensitivity_png, fx->small, rows, n);
	make_rows(rows, true);
	struct bytes b = capture_sensitivity(chart_sensitivity_png, fx->small, rows, n);
	struct image ia = decode_png(&a), ib = decode_png(&b);
	assert_int_equal(ia.reddish, 0);
	/* Two crosses in each panel and one in the legend, 9 pixels square. */
	if (ib.reddish < 5 * 20)
		fail_msg("only %zu red pixels", ib.reddish);
	free(a.data);
	free(b.data);
}

static struct bytes capture_sensitivity_be(const struct scenario *s,
					   const struct sweep_row *rows, size_t n,
					   const struct break_even *be)
{
	struct bytes b = {NULL, 0};
	FILE *f = open_memstream(&b.data, &b.len);
	assert_non_null(f);
	assert_true(chart_sensitivity_be_png(s, rows, n, be, f));
	fclose(f);
	return b;
}

/* --find-min-budget's scales are drawn: green and purple lines through
 * the three panels; without a search the picture has no green, and the
 * two PNGs differ. */
static void chart_sensitivity_should_draw_the_break_even_lines(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	size_t n = make_rows(rows, true);
	struct break_even be = {.min_scale = 0.8,
				.min_completion = 2024,
				.earlier_scale = 1.0,
				.earlier_completion = 2023,
				.precision = 0.005,
				.lo = 0.6,
				.hi = 2.0};
	struct bytes a = capture_sensitivity_be(fx->small, rows, n, NULL);
	struct bytes b = capture_sensitivity_be(fx->small, rows, n, &be);
	struct bytes c = capture_sensitivity(chart_sensitivity_png, fx->small, rows, n);
	assert_same_bytes(&a, &c); /* no search: the chart as before */
	assert_false(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	struct image ia = decode_png(&a), ib = decode_png(&b);
	assert_int_equal(ia.greenish, 0);
	/* A dashed line down three panels of 200 pixels and more. */
	if (ib.greenish < 300)
		fail_msg("only %zu green pixels", ib.greenish);
	free(a.data);
	free(b.data);
	free(c.data);
}

/* A point that a time limit cut short gets an orange square in each
 * panel and a legend row; a sweep with none has no orange. */
static void chart_sensitivity_should_square_points_cut_short(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	size_t n = make_rows(rows, true);
	struct bytes a = capture_sensitivity(chart_sensitivity_png, fx->small, rows, n);
	rows[2].stopped_by = PLAN_STOP_TIME_LIMIT;
	struct bytes b = capture_sensitivity(chart_sensitivity_png, fx->small, rows, n);
	struct image ia = decode_png(&a), ib = decode_png(&b);
	assert_int_equal(ia.orangeish, 0);
	/* Four squares of 13 pixels a side: about 50 pixels each. */
	if (ib.orangeish < 4 * 30)
		fail_msg("only %zu orange pixels", ib.orangeish);
	free(a.data);
	free(b.data);
}

/* The pixels not white in a band of rows, 'from' down to 'to' rows above
 * the picture's bottom edge. */
static size_t not_white_above_bottom(const struct bytes *png, int from, int to)
{
	struct reader r = {png, 0};
	cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_bytes, &r);
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(img);
	int w = cairo_image_surface_get_width(img),
	    h = cairo_image_surface_get_height(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	size_t n = 0;
	for (int y = h - from; y < h - to; y++) {
		const uint32_t *row =
			(const uint32_t *)(const void *)(data +
							 (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++)
			n += (row[x] & 0xffffff) != 0xffffff;
	}
	cairo_surface_destroy(img);
	return n;
}

static struct bytes capture_vary(const struct vary_grid *g)
{
	struct bytes b = {NULL, 0};
	FILE *f = open_memstream(&b.data, &b.len);
	assert_non_null(f);
	assert_true(chart_sensitivity_vary_png(g, f));
	assert_int_equal(fclose(f), 0);
	return b;
}

/* A one-axis --vary over a year's budget has the budget sweep's money
 * line: under the bottom panel's ticks (from 22 to 37 pixels below the
 * plot, which ends 78 above the picture's bottom), the total budget each
 * tick gives. Over a capacity the total stays the same at every point,
 * and that band stays white. */
static void chart_sensitivity_vary_should_draw_the_money_line_of_a_budget(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[5];
	for (size_t i = 0; i < 5; i++) {
		memset(&rows[i], 0, sizeof(rows[i]));
		rows[i].budget_scale = 1;
		rows[i].total_budget = 2e6 + 1e6 * (double)i;
		rows[i].status = PLAN_OPTIMAL;
		rows[i].exposure = 100 - 10 * (double)i;
		rows[i].present_cost = 9e5;
		rows[i].completion_year = 2024;
		rows[i].gap = rows[i].bound = rows[i].plan_from_scale = NAN;
	}
	struct vary_grid g = {.s = fx->small,
			      .rows = rows,
			      .nx = 5,
			      .ny = 1,
			      .x_path = "budget.2024",
			      .x_from = 0,
			      .x_step = 1e6,
			      .x_loosening = 1};
	struct bytes budget = capture_vary(&g);
	for (size_t i = 0; i < 5; i++)
		rows[i].total_budget = 2e6;
	g.x_path = "vendors.Nokia.capacity";
	g.x_step = 10;
	struct bytes capacity = capture_vary(&g);
	assert_drawn_png(&budget);
	assert_drawn_png(&capacity);
	size_t with = not_white_above_bottom(&budget, 78 - 22, 78 - 37);
	size_t without = not_white_above_bottom(&capacity, 78 - 22, 78 - 37);
	assert_int_equal(without, 0);
	/* Five money labels or more ("GBP 2m"), each some 40 pixels. */
	if (with < 5 * 40)
		fail_msg("only %zu pixels drawn under the ticks", with);
	free(budget.data);
	free(capacity.data);
}

/* No rows, a single row, rows with no plan: still a picture. */
static void chart_sensitivity_should_draw_degenerate_sweeps(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	make_rows(rows, true);
	rows[1].status = PLAN_NO_PLAN;
	rows[1].exposure = NAN;
	size_t counts[] = {0, 1, 2};
	for (size_t i = 0; i < 3; i++) {
		struct bytes png = capture_sensitivity(chart_sensitivity_png, fx->small,
						       rows, counts[i]);
		assert_drawn_png(&png);
		struct bytes svg = capture_sensitivity(chart_sensitivity_svg, fx->small,
						       rows, counts[i]);
		assert_svg(&svg);
		free(png.data);
		free(svg.data);
	}
}

static void chart_sensitivity_should_fail_on_a_full_disk(void **state)
{
	struct fixture *fx = *state;
	struct sweep_row rows[8];
	size_t n = make_rows(rows, true);
	sensitivity_fn writers[] = {chart_sensitivity_svg, chart_sensitivity_png};
	for (size_t i = 0; i < 2; i++) {
		FILE *f = fopen("/dev/full", "w");
		assert_non_null(f);
		assert_false(writers[i](fx->small, rows, n, f));
		fclose(f);
	}
}

/* chart_release_fonts() between two charts: the second loads the fonts
 * again and draws the same bytes. */
static void chart_should_draw_the_same_after_releasing_fonts(void **state)
{
	struct fixture *fx = *state;
	struct plan *p = make_plan(fx->small, true);
	struct bytes a = capture_timeline(chart_timeline_png, p);
	chart_release_fonts();
	struct bytes b = capture_timeline(chart_timeline_png, p);
	assert_same_bytes(&a, &b);
	free(a.data);
	free(b.data);
	plan_destroy(p);
}

/* A cap's legend keeps its limit and year: the fixed words before the
 * names go first, then the names are cut; a short label stays whole. */
static void chart_legend_should_keep_a_rules_limit_and_year(void **state)
{
	(void)state;
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
	cairo_t *cr = cairo_create(surface);
	char out[512];

	chart_legend_text(cr, "core high-risk sites swapped by 2023", out, sizeof(out));
	assert_string_equal(out, "core high-risk sites swapped by 2023");

	chart_legend_text(
		cr, "high-risk share of " LABEL_CUT "ran" LABEL_TAIL " <= 35% from 2023",
		out, sizeof(out));
	assert_string_equal(out, "ran <= 35% from 2023");

	chart_legend_text(cr,
			  "high-risk share of " LABEL_CUT
			  "core+ran+transport+fixed access in region South West and "
			  "Wales" LABEL_TAIL " <= 35% from 2023",
			  out, sizeof(out));
	const char *tail = " <= 35% from 2023";
	size_t n = strlen(out), t = strlen(tail);
	assert_true(n > t);
	assert_string_equal(out + n - t, tail);
	assert_non_null(strstr(out, "\xe2\x80\xa6")); /* the names were cut */
	assert_int_equal(strncmp(out, "core+ran", 8), 0);

	cairo_destroy(cr);
	cairo_surface_destroy(surface);
}

/* ---- Time in periods ------------------------------------------------------------- */

/* A date's x: its period's start plus the days to it (itself counted)
 * over the period's days, in years of the axis; figures by hand. */
static void chart_date_x_should_place_a_date_by_its_day_in_its_period(void **state)
{
	(void)state;
	/* 2025-Q2 (91 days from 1 April), period 5 of a horizon from 2024. */
	assert_double_near(chart_date_x(2024, 4, (struct date){2025, 5, 15}),
			   2023.5 + 5 / 4.0 + (30 + 15) / 91.0 / 4, 1e-12);
	assert_double_near(chart_date_x(2024, 4, (struct date){2025, 4, 1}),
			   2023.5 + 5 / 4.0 + 1 / 91.0 / 4, 1e-12);
	/* A period's last day is its end, the next period's start. */
	assert_double_near(chart_date_x(2024, 4, (struct date){2025, 6, 30}),
			   chart_period_x(2024, 4, 6), 1e-12);
	/* February of a leap year has 29 days; a month is 1/12 of a year. */
	assert_double_near(chart_date_x(2024, 12, (struct date){2024, 2, 14}),
			   2023.5 + 1 / 12.0 + 14 / 29.0 / 12, 1e-12);
	/* Before the horizon: period -3 of a quarterly cut from 2024. */
	assert_double_near(chart_date_x(2024, 4, (struct date){2023, 5, 1}),
			   2023.5 - 3 / 4.0 + 31 / 91.0 / 4, 1e-12);
	/* Years: the band around the year, 2024 being a leap year. */
	assert_double_near(chart_date_x(2024, 1, (struct date){2024, 7, 1}),
			   2023.5 + 183 / 366.0, 1e-12);
	/* Every day of 2024–2025 lies inside its month's band, later days
	 * further right. */
	double last = -1;
	for (struct date d = {2024, 1, 1}; d.year < 2026;) {
		double x = chart_date_x(2024, 12, d);
		int p = (d.year - 2024) * 12 + d.month - 1;
		assert_true(x > chart_period_x(2024, 12, p));
		assert_true(x <= chart_period_x(2024, 12, p + 1) + 1e-12);
		assert_true(x > last);
		last = x;
		if (++d.day > date_days_in_month(d.year, d.month)) {
			d.day = 1;
			if (++d.month > 12) {
				d.month = 1;
				d.year++;
			}
		}
	}
}

static cairo_t *scratch_context(cairo_surface_t **surface)
{
	*surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
	cairo_t *cr = cairo_create(*surface);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	return cr;
}

static void assert_no_overlap(const struct chart_box *boxes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (chart_boxes_overlap(&boxes[i], &boxes[j]))
				fail_msg("boxes %zu (x %.1f, w %.1f) and %zu (x %.1f, w "
					 "%.1f) overlap",
					 i, boxes[i].x, boxes[i].w, j, boxes[j].x,
					 boxes[j].w);
}

/* Pixels of x data 'v' in 'fr', computed here. */
static double px(const struct frame *fr, double v)
{
	return fr->x + (v - fr->x_min) / (fr->x_max - fr->x_min) * fr->w;
}

/*
 * A quarterly or monthly axis labels each year once, in the middle of the
 * year, with a long tick at each year boundary and a short one at every
 * other period boundary; a long monthly horizon thins the labels so they
 * never touch, and drops ticks too dense to see.
 */
static void chart_time_axis_should_label_years_and_tick_periods(void **state)
{
	(void)state;
	cairo_surface_t *surface;
	cairo_t *cr = scratch_context(&surface);
	const struct {
		int start, end, per_year;
		size_t labels, year_ticks, period_ticks;
	} cases[] = {
		{2024, 2027, 4, 4, 5, 4 * 3},   /* 16 quarters */
		{2023, 2028, 12, 6, 7, 6 * 11}, /* 72 months */
		{2023, 2028, 2, 6, 7, 6},       /* halves */
		{2021, 2070, 12, 10, 51, 0},    /* 600 months: every 5th year */
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct frame fr = {
			80, 100, 600, 250, cases[c].start - 0.5, cases[c].end + 0.5,
			0,  1};
		struct chart_time_axis ax;
		chart_time_axis_layout(cr, &fr, cases[c].start, cases[c].end,
				       cases[c].per_year, &ax);
		assert_int_equal(ax.n_labels, cases[c].labels);
		assert_int_equal(ax.n_year_ticks, cases[c].year_ticks);
		assert_int_equal(ax.n_period_ticks, cases[c].period_ticks);
		struct chart_box *boxes = xcalloc(ax.n_labels + 1, sizeof(*boxes));
		for (size_t i = 0; i < ax.n_labels; i++) {
			const struct chart_year_label *l = &ax.labels[i];
			double mid = l->box.x + l->box.w / 2;
			/* Centred on its year, within a pixel (ticks sit on
			 * pixel centres). */
			assert_double_near(mid, px(&fr, l->year), 1.0);
			/* Every year labelled: each label within its year. */
			if (ax.n_labels == (size_t)(cases[c].end - cases[c].start + 1)) {
				assert_true(l->box.x > px(&fr, l->year - 0.5));
				assert_true(l->box.x + l->box.w < px(&fr, l->year + 0.5));
			}
			assert_true(l->box.y > fr.y + fr.h);
			if (i > 0)
				assert_true(l->year > ax.labels[i - 1].year);
			boxes[i] = l->box;
			/* Wider boxes: labels keep a gap. */
			boxes[i].x -= 3;
			boxes[i].w += 6;
		}
		assert_no_overlap(boxes, ax.n_labels);
		free(boxes);
		for (size_t i = 0; i < ax.n_year_ticks; i++)
			assert_double_near(ax.year_ticks[i],
					   px(&fr, cases[c].start - 0.5 + (double)i),
					   1.0);
		for (size_t i = 0; i < ax.n_period_ticks; i++) {
			double years = (ax.period_ticks[i] - fr.x) / fr.w *
				       (fr.x_max - fr.x_min);
			double periods = years * cases[c].per_year;
			/* On a period boundary that is not a year's. */
			assert_double_near(periods, round(periods),
					   cases[c].per_year / fr.w * 20);
			assert_true((long)round(periods) % cases[c].per_year != 0);
		}
		chart_time_axis_finish(&ax);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
}

/* Labels at near and equal anchors stack into rows; none overlap, each
 * starts beside its anchor (or ends before it at the right edge). */
static void chart_place_labels_should_stack_labels_that_would_touch(void **state)
{
	(void)state;
	struct chart_label l[] = {
		{.anchor = 300, .w = 150, .h = 14}, {.anchor = 300, .w = 150, .h = 14},
		{.anchor = 320, .w = 100, .h = 14}, {.anchor = 100, .w = 120, .h = 14},
		{.anchor = 460, .w = 90, .h = 14},  {.anchor = 590, .w = 80, .h = 14},
		{.anchor = 60, .w = 30, .h = 14},
	};
	size_t n = sizeof(l) / sizeof(l[0]);
	int rows = chart_place_labels(l, n, 50, 600, 200, 8);
	assert_true(rows >= 3); /* three labels around x = 300..420 */
	struct chart_box boxes[sizeof(l) / sizeof(l[0])];
	for (size_t i = 0; i < n; i++) {
		boxes[i] = l[i].box;
		boxes[i].w += 8; /* the gap */
		assert_true(l[i].box.x >= 50 && l[i].box.x + l[i].box.w <= 600);
		assert_double_near(l[i].box.y + l[i].box.h, 200 - l[i].row * 16.0, 1e-9);
		assert_true(l[i].box.x == l[i].anchor + 3 ||
			    l[i].box.x + l[i].box.w == l[i].anchor - 3);
		assert_true(l[i].row < rows);
	}
	assert_no_overlap(boxes, n);
	/* At the right edge the label ends left of its anchor. */
	assert_double_near(l[5].box.x + l[5].box.w, 587, 1e-9);
	/* The first label that fits goes in the lowest row. */
	assert_int_equal(l[3].row, 0);
	assert_int_equal(l[6].row, 0);
	assert_int_equal(chart_place_labels(l, 0, 0, 10, 0, 1), 0);
}

/* What the quarterly fixture's dated rules should get, by hand: the x data
 * of the date and of the binding end. */
struct expected_mark {
	bool cap;
	size_t rule;
	bool date_inside;
	double date, bind;
};

/*
 * Each dated rule is marked at its date, inside its period at the day's
 * fraction, and at its binding end (the period end on or before it); a
 * rule dated before the horizon binds at its left edge, one after it has
 * no mark, one given as a year has none either. The labels sit above the
 * panel and do not overlap.
 */
static void chart_timeline_should_mark_dated_rules_where_they_bind(void **state)
{
	struct fixture *fx = *state;
	struct plan *p = make_plan(fx->quarterly, true);
	struct chart_timeline_layout lay;
	assert_true(chart_timeline_layout(p, &lay));
	const struct expected_mark want[] = {
		/* core by 15 May 2025: 45 of 2025-Q2's 91 days; binds at the
		 * end of 2025-Q1. */
		{false, 0, true, 2024.75 + 45 / 91.0 / 4, 2024.75},
		/* ran in south by 30 Jun 2025: a period end, binds there. */
		{false, 1, true, 2025.0, 2025.0},
		/* core in north by 15 Nov 2023: before the horizon. */
		{false, 2, false, 0, 2023.5},
		/* ran <= 60% from 20 Aug 2024: 51 of 2024-Q3's 92 days;
		 * binds from the end of 2024-Q2. */
		{true, 0, true, 2024.0 + 51 / 92.0 / 4, 2024.0},
	};
	size_t n_want = sizeof(want) / sizeof(want[0]);
	assert_int_equal(lay.n_marks, n_want);
	struct frame fr = {lay.plot_x, lay.plot_y, lay.plot_w, lay.plot_h,
			   lay.x_min,  lay.x_max,  0,          1};
	assert_double_near(lay.x_min, 2023.5, 1e-12);
	assert_double_near(lay.x_max, 2027.5, 1e-12);
	struct chart_box boxes[8];
	for (size_t i = 0; i < n_want; i++) {
		const struct expected_mark *w = &want[i];
		const struct chart_rule_mark *m = NULL;
		for (size_t k = 0; k < lay.n_marks; k++)
			if (lay.marks[k].cap == w->cap && lay.marks[k].rule == w->rule)
				m = &lay.marks[k];
		if (!m) {
			fail_msg("no mark for %s %zu", w->cap ? "cap" : "deadline",
				 w->rule);
			return;
		}
		assert_int_equal(m->date_inside, w->date_inside);
		if (w->date_inside)
			assert_double_near(m->date_x, px(&fr, w->date), 1e-6);
		assert_double_near(m->bind_x, px(&fr, w->bind), 1e-6);
		assert_true(m->bind_x <= m->date_x + 1e-9 || !w->date_inside);
		/* Above the panel, inside the picture. */
		assert_true(m->label_y + m->label_h <= lay.plot_y);
		assert_true(m->label_y > 60); /* below the header */
		assert_true(m->label_x >= lay.plot_x);
		assert_true(m->label_x + m->label_w <= CHART_WIDTH);
		boxes[i] = (struct chart_box){m->label_x, m->label_y, m->label_w,
					      m->label_h};
	}
	assert_no_overlap(boxes, n_want);
	chart_timeline_layout_finish(&lay);
	plan_destroy(p);

	/* Yearly (version 1) rules have no marks and no room above. */
	p = make_plan(fx->small, true);
	assert_true(chart_timeline_layout(p, &lay));
	assert_int_equal(lay.n_marks, 0);
	assert_double_near(lay.plot_y, 96, 1e-12);
	chart_timeline_layout_finish(&lay);
	plan_destroy(p);
}

/*
 * A 72-month timeline draws: a PNG of the picture's size that decodes and
 * is not blank, an SVG document, the same bytes twice; the three rules
 * dated within a fortnight get labels that do not overlap.
 */
static void chart_timeline_should_draw_72_months(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(fx->monthly->n_periods, 72);
	struct plan *p = make_plan(fx->monthly, false);
	assert_int_equal(p->n_years, 72);
	struct bytes png = capture_timeline(chart_timeline_png, p);
	assert_drawn_png(&png);
	struct chart_timeline_layout lay;
	assert_true(chart_timeline_layout(p, &lay));
	struct image im = decode_png(&png);
	assert_int_equal(im.height, (int)lay.height);
	assert_int_equal(lay.n_marks, 4);
	struct chart_box boxes[4];
	for (size_t i = 0; i < lay.n_marks; i++)
		boxes[i] = (struct chart_box){lay.marks[i].label_x, lay.marks[i].label_y,
					      lay.marks[i].label_w, lay.marks[i].label_h};
	assert_no_overlap(boxes, lay.n_marks);
	/* Two deadlines on one day: one x, two rows. */
	assert_double_near(lay.marks[0].date_x, lay.marks[1].date_x, 1e-9);
	assert_true(fabs(lay.marks[0].label_y - lay.marks[1].label_y) >=
		    lay.marks[0].label_h);
	chart_timeline_layout_finish(&lay);
	struct bytes again = capture_timeline(chart_timeline_png, p);
	assert_same_bytes(&png, &again);
	struct bytes svg = capture_timeline(chart_timeline_svg, p);
	assert_svg(&svg);
	free(png.data);
	free(again.data);
	free(svg.data);
	plan_destroy(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chart_timeline_png_should_decode_and_not_be_blank),
		cmocka_unit_test(chart_timeline_svg_should_be_a_whole_svg_document),
		cmocka_unit_test(chart_timeline_should_give_the_same_bytes_twice),
		cmocka_unit_test(chart_timeline_should_change_with_the_plan),
		cmocka_unit_test(chart_timeline_should_grow_with_the_legend),
		cmocka_unit_test(
			chart_timeline_should_draw_names_that_are_not_clean_text),
		cmocka_unit_test(chart_timeline_should_fail_on_a_full_disk),
		cmocka_unit_test(chart_sensitivity_png_should_decode_and_not_be_blank),
		cmocka_unit_test(chart_sensitivity_svg_should_be_a_whole_svg_document),
		cmocka_unit_test(chart_sensitivity_should_draw_the_break_even_lines),
		cmocka_unit_test(chart_sensitivity_should_square_points_cut_short),
		cmocka_unit_test(chart_sensitivity_should_give_the_same_bytes_twice),
		cmocka_unit_test(chart_sensitivity_should_mark_infeasible_points_in_red),
		cmocka_unit_test(chart_sensitivity_should_draw_degenerate_sweeps),
		cmocka_unit_test(
			chart_sensitivity_vary_should_draw_the_money_line_of_a_budget),
		cmocka_unit_test(chart_sensitivity_should_fail_on_a_full_disk),
		cmocka_unit_test(chart_should_draw_the_same_after_releasing_fonts),
		cmocka_unit_test(chart_legend_should_keep_a_rules_limit_and_year),
		cmocka_unit_test(
			chart_date_x_should_place_a_date_by_its_day_in_its_period),
		cmocka_unit_test(chart_time_axis_should_label_years_and_tick_periods),
		cmocka_unit_test(chart_place_labels_should_stack_labels_that_would_touch),
		cmocka_unit_test(chart_timeline_should_mark_dated_rules_where_they_bind),
		cmocka_unit_test(chart_timeline_should_draw_72_months),
	};
	return cmocka_run_group_tests_name("chart", tests, setup, teardown);
}
