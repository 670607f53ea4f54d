#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/scenario.h"
#include "input/sites_csv.h"
#include "util/diag.h"
#include "util/xalloc.h"

#define HEADER "site_id,region,domain,vendor,units\n"
#define ALL_COLUMNS                                                                     \
	"site_id,region,domain,vendor,units,criticality,earliest_year,cluster,depends_" \
	"on\n"

/*
 * One load: 'len' bytes of 'text' written as sites.csv in a fresh folder,
 * loaded into a fresh scenario. 'problems' is what diag_print shows, with
 * the folder taken out of the file names so tables can say "sites.csv:".
 */
struct load {
	char *dir;
	struct scenario *s;
	bool ok;
	char *problems;
};

static char *strip_dir(const char *text, const char *dir)
{
	char *prefix = xasprintf("%s/", dir);
	size_t plen = strlen(prefix);
	char *out = xmalloc(strlen(text) + 1);
	size_t n = 0;
	for (const char *p = text; *p;) {
		if (strncmp(p, prefix, plen) == 0) {
			p += plen;
			continue;
		}
		out[n++] = *p++;
	}
	out[n] = '\0';
	free(prefix);
	return out;
}

static void load_path_version(struct load *l, const char *path, int version)
{
	struct diag d;
	diag_init(&d);
	l->s = scenario_create();
	l->s->format_version = version;
	l->s->sites_path = xstrdup(path);
	l->ok = sites_csv_load(l->s, &d);
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	assert_non_null(f);
	if (diag_count(&d))
		diag_print(&d, f);
	assert_int_equal(fclose(f), 0);
	l->problems = strip_dir(buf, l->dir);
	free(buf);
	/* The return value and the diag must agree. */
	assert_int_equal(l->ok, diag_count(&d) == 0);
	diag_finish(&d);
}

static void load_path(struct load *l, const char *path)
{
	load_path_version(l, path, 1);
}

static void load_bytes_version(struct load *l, const char *text, size_t len, int version)
{
	l->dir = testutil_tempdir();
	char *path = xasprintf("%s/sites.csv", l->dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	load_path_version(l, path, version);
	free(path);
}

static void load_bytes(struct load *l, const char *text, size_t len)
{
	load_bytes_version(l, text, len, 1);
}

static void load_text(struct load *l, const char *text)
{
	load_bytes(l, text, strlen(text));
}

/* load_text_2: as a version 2 scenario's sites.csv. */
static void load_text_2(struct load *l, const char *text)
{
	load_bytes_version(l, text, strlen(text), 2);
}

static void load_finish(struct load *l)
{
	testutil_rmtree(l->dir);
	free(l->dir);
	scenario_destroy(l->s);
	free(l->problems);
}

static const char *region_of(const struct scenario *s, size_t i)
{
	return s->regions.names[s->sites[i].region];
}

static const char *domain_of(const struct scenario *s, size_t i)
{
	return s->domains.names[s->sites[i].domain];
}

static const char *vendor_of(const struct scenario *s, size_t i)
{
	return s->site_vendors.names[s->sites[i].vendor];
}

/* Compare two possibly NULL strings, failing with both shown. */
static void assert_same_text(const char *a, const char *b)
{
	if (a && b)
		assert_string_equal(a, b);
	else
		assert_ptr_equal(a, b);
}

static void sites_csv_should_load_every_column(void **state)
{
	(void)state;
	struct load l;
	load_text(&l, "cluster,site_id,notes,region,,domain,vendor,units,criticality,"
		      "earliest_year,depends_on,owner,notes\n"
		      "c7,A1,hello,North,,ran,Huawei,12,2.5,2025,B1; C1,me,again\n"
		      ",B1,,South,,core,ZTE,0,,,,,\n"
		      ",C1,,North,,ran,Ericsson,3,0.25,,,,\n");
	assert_string_equal(l.problems, "");
	assert_true(l.ok);
	const struct scenario *s = l.s;
	assert_int_equal(s->n_sites, 3);

	assert_string_equal(s->sites[0].id, "A1");
	assert_string_equal(region_of(s, 0), "North");
	assert_string_equal(domain_of(s, 0), "ran");
	assert_string_equal(vendor_of(s, 0), "Huawei");
	assert_int_equal(s->sites[0].units, 12);
	assert_double_near(s->sites[0].criticality, 2.5, 0);
	assert_int_equal(s->sites[0].earliest_year, 2025);
	assert_string_equal(s->sites[0].cluster, "c7");
	assert_string_equal(s->sites[0].depends_on, "B1; C1");
	assert_int_equal(s->sites[0].line, 2);

	/* Empty optional cells take their defaults. */
	assert_string_equal(s->sites[1].id, "B1");
	assert_int_equal(s->sites[1].units, 0);
	assert_double_near(s->sites[1].criticality, 1, 0);
	assert_int_equal(s->sites[1].earliest_year, 0);
	assert_null(s->sites[1].cluster);
	assert_null(s->sites[1].depends_on);
	assert_int_equal(s->sites[1].line, 3);
	assert_double_near(s->sites[2].criticality, 0.25, 0);

	/* Names are interned in order of first appearance. */
	assert_int_equal(s->regions.count, 2);
	assert_int_equal(s->sites[0].region, s->sites[2].region);
	assert_string_equal(s->regions.names[0], "North");
	assert_string_equal(s->regions.names[1], "South");
	assert_int_equal(s->domains.count, 2);
	assert_int_equal(s->site_vendors.count, 3);
	assert_string_equal(s->site_vendors.names[2], "Ericsson");

	/* 1-based field numbers of the header. */
	assert_int_equal(s->csv_col.cluster, 1);
	assert_int_equal(s->csv_col.site_id, 2);
	assert_int_equal(s->csv_col.region, 4);
	assert_int_equal(s->csv_col.domain, 6);
	assert_int_equal(s->csv_col.vendor, 7);
	assert_int_equal(s->csv_col.units, 8);
	assert_int_equal(s->csv_col.criticality, 9);
	assert_int_equal(s->csv_col.earliest_year, 10);
	assert_int_equal(s->csv_col.depends_on, 11);

	/* Unknown names once each, in header order; the unnamed one not at all. */
	assert_int_equal(s->n_extra_columns, 2);
	assert_string_equal(s->extra_columns[0], "notes");
	assert_string_equal(s->extra_columns[1], "owner");
	load_finish(&l);
}

static void sites_csv_should_leave_absent_optional_columns_at_zero(void **state)
{
	(void)state;
	struct load l;
	load_text(&l, HEADER "a,r,d,v,1");
	assert_string_equal(l.problems, "");
	assert_int_equal(l.s->n_sites, 1);
	assert_int_equal(l.s->csv_col.criticality, 0);
	assert_int_equal(l.s->csv_col.earliest_year, 0);
	assert_int_equal(l.s->csv_col.cluster, 0);
	assert_int_equal(l.s->csv_col.depends_on, 0);
	assert_int_equal(l.s->n_extra_columns, 0);
	assert_double_near(l.s->sites[0].criticality, 1, 0);
	load_finish(&l);
}

/*
 * Spaces and tabs around unquoted fields go (libcsv's default); quoted
 * fields stay as written, spaces included, and spaces outside the quotes
 * go too.
 */
static void sites_csv_should_trim_unquoted_fields_only(void **state)
{
	(void)state;
	struct load l;
	load_text(&l, ALL_COLUMNS " \ta b\t , \" x \" ,\"\td\",  \"v\"  ,\t7\t,"
				  " 1.5 , 2030 , c c ,\" a; b \"\n");
	assert_string_equal(l.problems, "");
	const struct scenario *s = l.s;
	assert_int_equal(s->n_sites, 1);
	assert_string_equal(s->sites[0].id, "a b");
	assert_string_equal(region_of(s, 0), " x ");
	assert_string_equal(domain_of(s, 0), "\td");
	assert_string_equal(vendor_of(s, 0), "v");
	assert_int_equal(s->sites[0].units, 7);
	assert_double_near(s->sites[0].criticality, 1.5, 0);
	assert_int_equal(s->sites[0].earliest_year, 2030);
	assert_string_equal(s->sites[0].cluster, "c c");
	assert_string_equal(s->sites[0].depends_on, " a; b ");
	load_finish(&l);
}

static void sites_csv_should_keep_commas_quotes_and_line_breaks(void **state)
{
	(void)state;
	struct load l;
	load_text(&l, "site_id,region,domain,vendor,units,notes\n"
		      "\"a,1\",\"say \"\"hi\"\"\",d,v,1,\"two\nlines\"\n"
		      "\"b\n\nc\",r,d,v,2,\n"
		      "d,r,d,v,3,\"\"\n");
	assert_string_equal(l.problems, "");
	const struct scenario *s = l.s;
	assert_int_equal(s->n_sites, 3);
	assert_string_equal(s->sites[0].id, "a,1");
	assert_string_equal(region_of(s, 0), "say \"hi\"");
	assert_int_equal(s->sites[0].line, 2);
	assert_string_equal(s->sites[1].id, "b\n\nc");
	assert_int_equal(s->sites[1].line, 4);
	assert_string_equal(s->sites[2].id, "d");
	assert_int_equal(s->sites[2].line, 7);
	load_finish(&l);
}

/*
 * A spreadsheet's export (tests/data/csv/spreadsheet.csv: BOM, CRLF,
 * quoting everywhere, columns in another order, extra and unnamed columns,
 * padded cells, a row of empty cells) holds the same sites as clean.csv and
 * must load to exactly the same values, field by field.
 */
static void sites_csv_should_load_spreadsheet_export_like_clean_file(void **state)
{
	(void)state;
	struct load clean = {.dir = xstrdup(TEST_DATA_DIR "/csv")};
	struct load sheet = {.dir = xstrdup(TEST_DATA_DIR "/csv")};
	load_path(&clean, TEST_DATA_DIR "/csv/clean.csv");
	load_path(&sheet, TEST_DATA_DIR "/csv/spreadsheet.csv");
	assert_string_equal(clean.problems, "");
	assert_string_equal(sheet.problems, "");
	const struct scenario *a = clean.s, *b = sheet.s;
	assert_int_equal(a->n_sites, 5);
	assert_int_equal(b->n_sites, a->n_sites);
	for (size_t i = 0; i < a->n_sites; i++) {
		assert_string_equal(a->sites[i].id, b->sites[i].id);
		assert_string_equal(region_of(a, i), region_of(b, i));
		assert_string_equal(domain_of(a, i), domain_of(b, i));
		assert_string_equal(vendor_of(a, i), vendor_of(b, i));
		assert_int_equal(a->sites[i].units, b->sites[i].units);
		assert_double_near(a->sites[i].criticality, b->sites[i].criticality, 0);
		assert_int_equal(a->sites[i].earliest_year, b->sites[i].earliest_year);
		assert_same_text(a->sites[i].cluster, b->sites[i].cluster);
		assert_same_text(a->sites[i].depends_on, b->sites[i].depends_on);
		assert_int_equal(a->sites[i].line, b->sites[i].line);
	}
	/* Spot checks that the two agree on the right values. */
	assert_string_equal(region_of(a, 0), "London, West");
	assert_string_equal(region_of(a, 2), "North \"A\"");
	assert_string_equal(a->sites[2].depends_on, "L-001;\nL-002");
	assert_string_equal(a->sites[1].depends_on, "L-001");
	assert_int_equal(a->sites[3].line, 6);
	assert_int_equal(a->regions.count, b->regions.count);
	assert_int_equal(b->n_extra_columns, 1);
	assert_string_equal(b->extra_columns[0], "notes");
	assert_int_equal(b->csv_col.site_id, 3);
	assert_int_equal(b->csv_col.domain, 10);
	free(clean.dir);
	free(sheet.dir);
	clean.dir = sheet.dir = NULL;
	scenario_destroy(clean.s);
	scenario_destroy(sheet.s);
	free(clean.problems);
	free(sheet.problems);
}

/*
 * Many rows and one very long field: nothing depends on libcsv's or
 * getline's buffer sizes, and every string survives in the pool.
 */
static void sites_csv_should_load_many_rows_and_long_fields(void **state)
{
	(void)state;
	enum { ROWS = 20000, LONG = 300000 };
	char *text = xmalloc(ROWS * 64 + LONG + 256);
	size_t n = (size_t)sprintf(text, HEADER);
	for (int i = 0; i < ROWS; i++)
		n += (size_t)sprintf(text + n, "s%d,r%d,d%d,v%d,%d\n", i, i % 17, i % 3,
				     i % 5, i);
	n += (size_t)sprintf(text + n, "\"");
	memset(text + n, 'x', LONG);
	n += LONG;
	n += (size_t)sprintf(text + n, "\",r,d,v,1\n");
	struct load l;
	load_bytes(&l, text, n);
	assert_string_equal(l.problems, "");
	const struct scenario *s = l.s;
	assert_int_equal(s->n_sites, ROWS + 1);
	assert_int_equal(s->regions.count, 17 + 1);
	for (int i = 0; i < ROWS; i += 997) {
		char id[32];
		snprintf(id, sizeof(id), "s%d", i);
		assert_string_equal(s->sites[i].id, id);
		assert_int_equal(s->sites[i].units, i);
		assert_int_equal(s->sites[i].line, i + 2);
	}
	assert_int_equal(strlen(s->sites[ROWS].id), LONG);
	assert_int_equal(s->sites[ROWS].line, ROWS + 2);
	load_finish(&l);
	free(text);
}

static void sites_csv_should_report_a_missing_file(void **state)
{
	(void)state;
	struct load l = {.dir = testutil_tempdir()};
	char *path = xasprintf("%s/nowhere.csv", l.dir);
	load_path(&l, path);
	assert_false(l.ok);
	assert_string_equal(l.problems,
			    "nowhere.csv: cannot read: No such file or directory\n");
	free(path);
	load_finish(&l);
}

static void sites_csv_should_report_a_folder(void **state)
{
	(void)state;
	struct load l = {.dir = testutil_tempdir()};
	char *path = xasprintf("%s/sites.csv", l.dir);
	assert_int_equal(mkdir(path, 0700), 0);
	load_path(&l, path);
	assert_false(l.ok);
	assert_string_equal(l.problems,
			    "sites.csv: cannot read: not a regular file (a folder)\n");
	free(path);
	load_finish(&l);
}

/* Bytes a string literal cannot hold (NUL): length given explicitly. */
static void sites_csv_should_stop_at_a_nul_byte(void **state)
{
	(void)state;
	static const char text[] = HEADER "a,r\0,d,v,1\nb,r,d,v,-1\n";
	struct load l;
	load_bytes(&l, text, sizeof(text) - 1);
	assert_false(l.ok);
	assert_string_equal(
		l.problems,
		"sites.csv:2: contains a NUL byte, so it is not a CSV text file\n");
	load_finish(&l);
}

static void sites_csv_should_reject_utf16(void **state)
{
	(void)state;
	static const char text[] = "\xff\xfes\0i\0t\0e\0_\0i\0d\0\n\0";
	struct load l;
	load_bytes(&l, text, sizeof(text) - 1);
	assert_false(l.ok);
	assert_string_equal(
		l.problems,
		"sites.csv: file is UTF-16, not UTF-8 (save it as 'CSV UTF-8')\n");
	load_finish(&l);
}

/* Input -> every problem printed, in diag order. */
/* What a file's first cell that is not UTF-8 gets. */
#define LATIN1_HINT                                                                 \
	" (the file looks saved as Windows-1252 or Latin-1: save it as CSV UTF-8; " \
	"Excel: Save As, 'CSV UTF-8 (Comma delimited)'; LibreOffice: Save As, "     \
	"'Text CSV', character set 'Unicode (UTF-8)')"

struct error_case {
	const char *name;
	const char *csv;
	const char *problems;
};

static const struct error_case error_cases[] = {
	{"empty file", "", "sites.csv: empty file, expected a header row\n"},
	{"only blank lines", "\n\r\n \t \n\n",
	 "sites.csv: empty file, expected a header row\n"},
	{"header and no rows", HEADER,
	 "sites.csv: no sites (the file has a header row but no data rows)\n"},
	{"header, blank lines and empty cells", HEADER "\n,,,,\r\n  \n\"\",,,,\n",
	 "sites.csv: no sites (the file has a header row but no data rows)\n"},
	{"missing column", "site_id,region,domain,vendor\na,r,d,v\n",
	 "sites.csv:1: missing required column 'units'\n"},
	{"missing columns with a case hint",
	 "Site_ID,region,domain,vendor_name,units\na,r,d,v,1\n",
	 "sites.csv:1: missing required column 'vendor'\n"
	 "sites.csv:1:1: unknown column 'Site_ID' (did you mean 'site_id'?)\n"},
	{"misspelt optional columns",
	 "site_id,region,domain,vendor,units,criticallity,earliest year\n"
	 "a,r,d,v,1,2,2025\n",
	 "sites.csv:1:6: unknown column 'criticallity' (did you mean "
	 "'criticality'?)\n"
	 "sites.csv:1:7: unknown column 'earliest year' (did you mean "
	 "'earliest_year'?)\n"},
	{"a column in another case",
	 "site_id,region,domain,vendor,units,Earliest_Year,depends-on\na,r,d,v,1,,\n",
	 "sites.csv:1:6: unknown column 'Earliest_Year' (did you mean "
	 "'earliest_year'?)\n"
	 "sites.csv:1:7: unknown column 'depends-on' (did you mean 'depends_on'?)\n"},
	{"a misspelt required column", "site_id,regoin,domain,vendor,unit\na,r,d,v,1\n",
	 "sites.csv:1:2: unknown column 'regoin' (did you mean 'region'?)\n"
	 "sites.csv:1:5: unknown column 'unit' (did you mean 'units'?)\n"},
	{"header after blank lines", "\n\nsite_id,domain,vendor,units\na,d,v,1\n",
	 "sites.csv:3: missing required column 'region'\n"},
	{"duplicate column", "site_id,region,domain,vendor,units,units\na,r,d,v,1,2\n",
	 "sites.csv:1:6: duplicate column 'units' (also column 5)\n"},
	{"wrong number of fields", HEADER "a,r,d,v,1\nb,r,d,v\nc,r,d,v,1,2\nd\n",
	 "sites.csv:3: row has 4 fields, the header has 5\n"
	 "sites.csv:4: row has 6 fields, the header has 5\n"
	 "sites.csv:5: row has 1 field, the header has 5\n"},
	{"empty required fields", HEADER "a,,d,v,1\n,r,d,v,\n\"\",r,\"\",v,1\n",
	 "sites.csv:2:2: region is empty\n"
	 "sites.csv:3:1: site_id is empty\n"
	 "sites.csv:3:5: units is empty\n"
	 "sites.csv:4:1: site_id is empty\n"
	 "sites.csv:4:3: domain is empty\n"},
	{"bad units",
	 HEADER "a,r,d,v,-3\nb,r,d,v,1.5\nc,r,d,v,ten\nd,r,d,v,2e3\n"
		"e,r,d,v,1000000001\nf,r,d,v,99999999999999999999\ng,r,d,v,\" 7\"\n"
		"h,r,d,v,1000000000\n",
	 "sites.csv:2:5: units '-3' must be a whole number >= 0\n"
	 "sites.csv:3:5: units '1.5' must be a whole number >= 0\n"
	 "sites.csv:4:5: units 'ten' must be a whole number >= 0\n"
	 "sites.csv:5:5: units '2e3' must be a whole number >= 0\n"
	 "sites.csv:6:5: units '1000000001' is too large (at most 1000000000)\n"
	 "sites.csv:7:5: units '99999999999999999999' is too large (at most 1000000000)\n"
	 "sites.csv:8:5: units ' 7' must be a whole number >= 0\n"},
	{"bad criticality",
	 "site_id,region,domain,vendor,units,criticality\n"
	 "a,r,d,v,1,0\nb,r,d,v,1,-2\nc,r,d,v,1,high\nd,r,d,v,1,1e999\n"
	 "e,r,d,v,1,\"1,5\"\nf,r,d,v,1,nan\ng,r,d,v,1,1e-3\n",
	 "sites.csv:2:6: criticality '0' must be a number > 0\n"
	 "sites.csv:3:6: criticality '-2' must be a number > 0\n"
	 "sites.csv:4:6: criticality 'high' must be a number > 0\n"
	 "sites.csv:5:6: criticality '1e999' must be a number > 0\n"
	 "sites.csv:6:6: criticality '1,5' must be a number > 0 (a decimal comma is "
	 "read only in a file separated by ';'; write a point)\n"
	 "sites.csv:7:6: criticality 'nan' must be a number > 0\n"},
	{"bad earliest_year",
	 "earliest_year,site_id,region,domain,vendor,units\n"
	 "2024.5,a,r,d,v,1\n999,b,r,d,v,1\nsoon,c,r,d,v,1\n10000,d,r,d,v,1\n"
	 ",e,r,d,v,1\n2030,f,r,d,v,1\n",
	 "sites.csv:2:1: earliest_year '2024.5' must be a whole year from 1000 to 9999\n"
	 "sites.csv:3:1: earliest_year '999' must be a whole year from 1000 to 9999\n"
	 "sites.csv:4:1: earliest_year 'soon' must be a whole year from 1000 to 9999\n"
	 "sites.csv:5:1: earliest_year '10000' must be a whole year from 1000 to 9999\n"},
	{"every problem of one row", ALL_COLUMNS "a,,d,v,x,0,1,,\n",
	 "sites.csv:2:2: region is empty\n"
	 "sites.csv:2:5: units 'x' must be a whole number >= 0\n"
	 "sites.csv:2:6: criticality '0' must be a number > 0\n"
	 "sites.csv:2:7: earliest_year '1' must be a whole year from 1000 to 9999\n"},
	{"values checked even when a column is missing",
	 "site_id,region,domain,units\na,r,d,-1\n",
	 "sites.csv:1: missing required column 'vendor'\n"
	 "sites.csv:2:4: units '-1' must be a whole number >= 0\n"},
	{"stray quote, then keep going", HEADER "a,r\"x,d,v,1\nb,r,d,v,-1\n",
	 "sites.csv:2:2: stray '\"' in a field (quote the whole field and double the "
	 "quotes inside it)\n"
	 "sites.csv:3:5: units '-1' must be a whole number >= 0\n"},
	{"text after a closing quote", HEADER "a,\"r\"x,d,v,1\nb,r,d,v,1\n",
	 "sites.csv:2:2: unexpected 'x' after a closing quote\n"},
	{"malformed header", "site_id,\"region\"x,domain,vendor,units\na,r,d,v,1\n",
	 "sites.csv:1:2: unexpected 'x' after a closing quote\n"},
	{"stray quote on the second line of a row",
	 HEADER "a,\"r\nmore\"x,d,v,1\nb,r,d,v,1,\nc,r,d,v,1\n",
	 "sites.csv:3:2: unexpected 'x' after a closing quote\n"
	 "sites.csv:4: row has 6 fields, the header has 5\n"},
	{"unterminated quote", HEADER "a,r,d,v,1\nb,r,\"d,v,1\nc,r,d,v,1\n",
	 "sites.csv:3:3: unterminated quoted field (its closing '\"' is missing)\n"},
	{"unterminated quote in the header", "site_id,\"region\n",
	 "sites.csv:1:2: unterminated quoted field (its closing '\"' is missing)\n"},
	{"line of a row after multi-line fields",
	 "site_id,region,domain,vendor,units,notes\n"
	 "a,r,d,v,1,\"one\ntwo\nthree\"\n"
	 "b,r,d,v,x,\"\"\n"
	 "\"c\nd\",r,d,v,-1,n\n",
	 "sites.csv:5:5: units 'x' must be a whole number >= 0\n"
	 "sites.csv:6:5: units '-1' must be a whole number >= 0\n"},
	{"line of a row after a carriage return in mid-line",
	 HEADER "a,r,d,v,1\rb,r,d,v,-1\r\nc,r,d,v,-2\r\n",
	 "sites.csv:2:5: units '-1' must be a whole number >= 0\n"
	 "sites.csv:3:5: units '-2' must be a whole number >= 0\n"},
	{"invalid UTF-8",
	 HEADER "a,r\xff,d,v,1\nb,r,\xc0\xaf,v,1\nc,r,d,\xed\xa0\x80,1\n"
		"\xe2\x82,r,d,v,1\nok\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xa1,r,d,v,1\n",
	 "sites.csv:2:2: region is not valid UTF-8" LATIN1_HINT "\n"
	 "sites.csv:3:3: domain is not valid UTF-8\n"
	 "sites.csv:4:4: vendor is not valid UTF-8\n"
	 "sites.csv:5:1: site_id is not valid UTF-8\n"},
	{"invalid UTF-8 in a column name", "site_id,region,domain,vendor,units,n\xe9\n",
	 "sites.csv: no sites (the file has a header row but no data rows)\n"
	 "sites.csv:1:6: column name is not valid UTF-8" LATIN1_HINT "\n"},
};

static void sites_csv_should_report_each_problem_in_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		const struct error_case *c = &error_cases[i];
		struct load l;
		load_text(&l, c->csv);
		if (l.ok || strcmp(l.problems, c->problems) != 0)
			fail_msg("case '%s': expected\n%sgot\n%s", c->name, c->problems,
				 l.problems);
		load_finish(&l);
	}
}

/* Rows with problems are not appended, the good ones are. */
static void sites_csv_should_append_only_clean_rows(void **state)
{
	(void)state;
	struct load l;
	load_text(&l, HEADER "a,r,d,v,1\nb,r,d,v,-1\nc,r,d,v\nd,r,d,v,4\n");
	assert_false(l.ok);
	assert_int_equal(l.s->n_sites, 2);
	assert_string_equal(l.s->sites[0].id, "a");
	assert_string_equal(l.s->sites[1].id, "d");
	load_finish(&l);
}

#define V2_COLUMNS HEADER_NO_NL ",deadline,allowed_vendors,earliest,in_service\n"
#define HEADER_NO_NL "site_id,region,domain,vendor,units"

static void sites_csv_should_load_the_version_2_columns(void **state)
{
	(void)state;
	struct load l;
	load_text_2(&l, "in_service,site_id,region,domain,vendor,units,earliest,"
			"allowed_vendors,deadline,owner\n"
			",A,r,ran,Huawei,1,2025-04-01,\" Nokia ; ;Ericsson\",2026,x\n"
			"2023-05-17,B,r,ran,Ericsson,3,,,,\n"
			",C,r,ran,Huawei,1,,,2024-02-29,\n");
	assert_string_equal(l.problems, "");
	const struct scenario *s = l.s;
	assert_int_equal(s->n_sites, 3);
	assert_int_equal(s->csv_col.in_service, 1);
	assert_int_equal(s->csv_col.earliest, 7);
	assert_int_equal(s->csv_col.allowed_vendors, 8);
	assert_int_equal(s->csv_col.deadline, 9);
	assert_int_equal(s->n_extra_columns, 1);
	assert_string_equal(s->extra_columns[0], "owner");

	const struct site *a = &s->sites[0];
	assert_true(a->has_earliest);
	assert_int_equal(a->earliest.year, 2025);
	assert_int_equal(a->earliest.month, 4);
	assert_int_equal(a->earliest.day, 1);
	/* A bare year as a deadline is 31 December. */
	assert_true(a->has_deadline);
	assert_int_equal(a->deadline.year, 2026);
	assert_int_equal(a->deadline.month, 12);
	assert_int_equal(a->deadline.day, 31);
	assert_false(a->has_in_service);
	/* Kept as written: validate_scenario() resolves it. */
	assert_string_equal(a->allowed_vendors, " Nokia ; ;Ericsson");

	const struct site *b = &s->sites[1];
	assert_true(b->has_in_service);
	assert_int_equal(b->in_service.year, 2023);
	assert_int_equal(b->in_service.month, 5);
	assert_int_equal(b->in_service.day, 17);
	assert_false(b->has_deadline);
	assert_false(b->has_earliest);
	assert_null(b->allowed_vendors);
	assert_int_equal(s->sites[2].deadline.day, 29);
	load_finish(&l);
}

/* In version 1 the new columns are unknown columns, their cells unread. */
static void sites_csv_should_ignore_the_version_2_columns_in_version_1(void **state)
{
	(void)state;
	struct load l;
	load_text(&l, V2_COLUMNS "A,r,ran,Huawei,1,soon,Nobody,2025,2030-02-30\n");
	assert_string_equal(l.problems, "");
	const struct scenario *s = l.s;
	assert_int_equal(s->csv_col.deadline, 0);
	assert_int_equal(s->csv_col.in_service, 0);
	assert_int_equal(s->n_extra_columns, 4);
	assert_string_equal(s->extra_columns[0], "deadline");
	assert_string_equal(s->extra_columns[3], "in_service");
	assert_true(sites_csv_is_version_2_column("allowed_vendors"));
	assert_false(sites_csv_is_version_2_column("earliest_year"));
	assert_false(s->sites[0].has_deadline);
	assert_null(s->sites[0].allowed_vendors);
	load_finish(&l);
}

/* A name far from every column, or near one the header already has, is
 * an ignored column as before. */
static void sites_csv_should_ignore_columns_that_are_no_misspelling(void **state)
{
	(void)state;
	struct load l;
	load_text(&l, "site_id,region,domain,vendor,units,owner,notes,vendors,Units\n"
		      "A,r,ran,Huawei,1,x,y,z,2\n");
	assert_string_equal(l.problems, "");
	const struct scenario *s = l.s;
	assert_int_equal(s->n_extra_columns, 4);
	assert_string_equal(s->extra_columns[0], "owner");
	assert_string_equal(s->extra_columns[2], "vendors");
	assert_string_equal(s->extra_columns[3], "Units");
	assert_int_equal(s->sites[0].units, 1);
	load_finish(&l);
}

/* In version 2 'earliest' and 'earliest_year' are both columns: a
 * misspelling goes to the nearer. */
static void sites_csv_should_suggest_the_nearer_version_2_column(void **state)
{
	(void)state;
	struct load l;
	load_text_2(&l, "site_id,region,domain,vendor,units,earlist,alowed_vendors\n"
			"A,r,ran,Huawei,1,,\n");
	assert_string_equal(
		l.problems,
		"sites.csv:1:6: unknown column 'earlist' (did you mean "
		"'earliest'?)\n"
		"sites.csv:1:7: unknown column 'alowed_vendors' (did you mean "
		"'allowed_vendors'?)\n");
	load_finish(&l);
	/* Version 1 has neither: 'earlist' is far from earliest_year. */
	load_text(&l, "site_id,region,domain,vendor,units,earlist\nA,r,ran,Huawei,1,\n");
	assert_string_equal(l.problems, "");
	load_finish(&l);
}

static const struct error_case version_2_cases[] = {
	{"dates",
	 V2_COLUMNS "a,r,d,v,1,2025-02-29,,,\n"
		    "b,r,d,v,1,31/12/2025,,2025,\n"
		    "c,r,d,v,1,25,,2025-1-1,2024\n"
		    "d,r,d,v,1,,,,2024-04-31\n"
		    "e,r,d,v,1,2025-12-31,,2025-01-01,2024-01-01\n",
	 "sites.csv:2:6: deadline '2025-02-29' is not a real calendar date\n"
	 "sites.csv:3:6: deadline '31/12/2025' must be a date YYYY-MM-DD or a year "
	 "YYYY\n"
	 "sites.csv:3:8: earliest '2025' is a year, not a date (write 2025-01-01 or "
	 "2025-12-31)\n"
	 "sites.csv:4:6: deadline '25' must be a date YYYY-MM-DD or a year YYYY\n"
	 "sites.csv:4:8: earliest '2025-1-1' must be a date YYYY-MM-DD\n"
	 "sites.csv:4:9: in_service '2024' is a year, not a date (write 2024-01-01 or "
	 "2024-12-31)\n"
	 "sites.csv:5:9: in_service '2024-04-31' is not a real calendar date\n"},
	{"earliest and earliest_year in one row",
	 "site_id,region,domain,vendor,units,earliest_year,earliest\n"
	 "a,r,d,v,1,2025,2025-01-01\nb,r,d,v,1,2025,\nc,r,d,v,1,,2025-01-01\n",
	 "sites.csv:2:7: earliest and earliest_year are both filled (give one of the "
	 "two)\n"},
	{"invalid UTF-8 in allowed_vendors", V2_COLUMNS "a,r,d,v,1,,N\xff,,\n",
	 "sites.csv:2:7: allowed_vendors is not valid UTF-8" LATIN1_HINT "\n"},
};

static void sites_csv_should_report_bad_version_2_cells(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(version_2_cases) / sizeof(version_2_cases[0]);
	     i++) {
		const struct error_case *c = &version_2_cases[i];
		struct load l;
		load_text_2(&l, c->csv);
		if (l.ok || strcmp(l.problems, c->problems) != 0)
			fail_msg("case '%s': expected\n%sgot\n%s", c->name, c->problems,
				 l.problems);
		load_finish(&l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sites_csv_should_load_every_column),
		cmocka_unit_test(sites_csv_should_leave_absent_optional_columns_at_zero),
		cmocka_unit_test(sites_csv_should_trim_unquoted_fields_only),
		cmocka_unit_test(sites_csv_should_keep_commas_quotes_and_line_breaks),
		cmocka_unit_test(
			sites_csv_should_load_spreadsheet_export_like_clean_file),
		cmocka_unit_test(sites_csv_should_load_many_rows_and_long_fields),
		cmocka_unit_test(sites_csv_should_report_a_missing_file),
		cmocka_unit_test(sites_csv_should_report_a_folder),
		cmocka_unit_test(sites_csv_should_stop_at_a_nul_byte),
		cmocka_unit_test(sites_csv_should_reject_utf16),
		cmocka_unit_test(sites_csv_should_report_each_problem_in_the_table),
		cmocka_unit_test(sites_csv_should_append_only_clean_rows),
		cmocka_unit_test(sites_csv_should_load_the_version_2_columns),
		cmocka_unit_test(
			sites_csv_should_ignore_the_version_2_columns_in_version_1),
		cmocka_unit_test(sites_csv_should_ignore_columns_that_are_no_misspelling),
		cmocka_unit_test(sites_csv_should_suggest_the_nearer_version_2_column),
		cmocka_unit_test(sites_csv_should_report_bad_version_2_cells),
	};
	return cmocka_run_group_tests_name("sites_csv", tests, NULL, NULL);
}
