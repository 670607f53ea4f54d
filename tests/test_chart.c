#include "testutil.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "output/chart.h"
#include "output/chart_kit.h"
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
	struct scenario *small, *large;
};

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
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	scenario_destroy(fx->small);
	scenario_destroy(fx->large);
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
		int k = (int)(n * 7 % (size_t)s->n_years) / 2;
		dec[n].site = i;
		dec[n].period = early ? k : s->n_years - 1 - k;
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
};

/* Infeasible points are the only pure red the sensitivity chart draws
 * (0xd62728, antialiased at the edges). */
static bool is_reddish(uint32_t px)
{
	unsigned r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;
	return r > 170 && g < 90 && b < 90;
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
			   cairo_image_surface_get_height(img), 0, 0};
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
		cmocka_unit_test(chart_sensitivity_should_give_the_same_bytes_twice),
		cmocka_unit_test(chart_sensitivity_should_mark_infeasible_points_in_red),
		cmocka_unit_test(chart_sensitivity_should_draw_degenerate_sweeps),
		cmocka_unit_test(chart_sensitivity_should_fail_on_a_full_disk),
		cmocka_unit_test(chart_should_draw_the_same_after_releasing_fonts),
		cmocka_unit_test(chart_legend_should_keep_a_rules_limit_and_year),
	};
	return cmocka_run_group_tests_name("chart", tests, setup, teardown);
}
