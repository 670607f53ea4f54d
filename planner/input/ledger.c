#include "input/ledger.h"

#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/csv_dialect.h"
#include "input/csv_read.h"
#include "input/date_text.h"
#include "input/save_as_csv.h"
#include "input/sites_csv.h"
#include "util/did_you_mean.h"
#include "util/list_item.h"
#include "util/money.h"
#include "util/num.h"
#include "util/utf8.h"
#include "util/xalloc.h"

enum column { COL_SITE_ID, COL_WHEN, COL_TO_VENDOR, COL_COST, COL_FUNDED, N_COLUMNS };

static const struct csv_read_column columns[N_COLUMNS] = {
	[COL_SITE_ID] = {"site_id", true},     [COL_WHEN] = {"when", true},
	[COL_TO_VENDOR] = {"to_vendor", true}, [COL_COST] = {"cost", false},
	[COL_FUNDED] = {"funded", false},
};

struct loader {
	struct scenario *s;
	struct csv_read r;
	bool columns_ok;
	unsigned col[N_COLUMNS];
	char *ignored;    /* names of the other columns, ", "-separated */
	bool utf8_hinted; /* save_as_csv_utf8_hint() */
};

static void read_header(struct csv_read *r)
{
	struct loader *l = r->ctx;
	l->columns_ok = csv_read_columns(r, columns, N_COLUMNS, l->col);
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len;
		const char *name = csv_read_field(r, i, &len);
		bool known = false;
		for (int c = 0; c < N_COLUMNS && !known; c++)
			known = strcmp(name, columns[c].name) == 0;
		if (known || !*name || !utf8_valid(name, len))
			continue;
		char *more = xasprintf("%s%s%s", l->ignored ? l->ignored : "",
				       l->ignored ? ", " : "", name);
		free(l->ignored);
		l->ignored = more;
	}
	struct scenario *s = l->s;
	s->fixed_col.site_id = l->col[COL_SITE_ID];
	s->fixed_col.when = l->col[COL_WHEN];
	s->fixed_col.to_vendor = l->col[COL_TO_VENDOR];
	s->fixed_col.cost = l->col[COL_COST];
	s->fixed_col.funded = l->col[COL_FUNDED];
}

static void cell_error(struct loader *l, enum column c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cell_error(struct loader *l, enum column c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(l->r.d, l->r.path, l->r.row_line, l->col[c], "%s", msg);
	free(msg);
}

/*
 * `when`: a label of the scenario's kind or a date in the period; either
 * must lie in the horizon. Messages show the horizon's first and last
 * labels, which is what the user would write.
 */
static bool read_when(struct loader *l, const char *text, struct date *out)
{
	const struct scenario *s = l->s;
	int ppy = s->periods_per_year, kind = 0;
	char first[16], last[16];
	period_label(s->start, ppy, 0, first, sizeof(first));
	period_label(s->start, ppy, s->n_years * ppy - 1, last, sizeof(last));
	switch (date_text_parse_when(text, ppy, out, &kind)) {
	case WHEN_TEXT_LABEL:
	case WHEN_TEXT_DATE:
		break;
	case WHEN_TEXT_OTHER_KIND:
		cell_error(l, COL_WHEN,
			   "when '%s' is a %s, but 'periods' is '%s' (write a label such "
			   "as '%s' or a date YYYY-MM-DD)",
			   text, period_kind_name(kind), period_kind_name(ppy), first);
		return false;
	case WHEN_TEXT_NOT_REAL:
		cell_error(l, COL_WHEN, "when '%s' is not a real calendar date", text);
		return false;
	case WHEN_TEXT_MALFORMED:
		cell_error(l, COL_WHEN,
			   "when '%s' must be a period label such as '%s' or a date "
			   "YYYY-MM-DD",
			   text, first);
		return false;
	}
	if (out->year < s->start || out->year > s->end) {
		cell_error(l, COL_WHEN, "when '%s' is outside the horizon (%s to %s)",
			   text, first, last);
		return false;
	}
	return true;
}

static bool read_vendor(struct loader *l, const char *text, uint32_t *out)
{
	const struct scenario *s = l->s;
	int v = scenario_find_vendor(s, text);
	if (v >= 0) {
		*out = (uint32_t)v;
		return true;
	}
	if (scenario_is_high_risk_vendor(s, text))
		cell_error(l, COL_TO_VENDOR,
			   "to_vendor '%s' is a high-risk vendor (a swap goes to a "
			   "trusted vendor of 'vendors')",
			   text);
	else
		cell_error(l, COL_TO_VENDOR,
			   "to_vendor '%s' is no trusted vendor in 'vendors' of "
			   "'%s'" DID_YOU_MEAN_HINT,
			   text, s->json_path,
			   DID_YOU_MEAN_HINT_ARGS(scenario_vendor_meant(s, text)));
	return false;
}

/* A money cell: a finite number >= 0 and at most MONEY_MAX, with a
 * decimal comma in a ';' file (csv_dialect.h). */
static bool parse_money(const struct loader *l, const char *text, double *out)
{
	double v;
	char buf[CSV_DIALECT_NUMBER_MAX];
	text = csv_dialect_number(l->r.delim, text, buf, sizeof(buf));
	if (!num_parse_double(text, &v) || v < 0 || v > MONEY_MAX)
		return false;
	*out = v + 0.0;
	return true;
}

/*
 * `funded`: FUND=AMOUNT items separated by ';', each trimmed, empty items
 * ignored (as in depends_on). The name ends at the item's last '=', so a
 * fund's name may hold '='. Each item is checked; the payments are added
 * to s->fixed_pays only when all of them are good.
 */
static bool read_funded(struct loader *l, const char *text, struct ledger_row *row)
{
	struct scenario *s = l->s;
	size_t first = s->n_fixed_pays;
	bool ok = true;
	const char *p = text, *a, *b;
	while (list_item_next(&p, &a, &b)) {
		char *item = xmalloc((size_t)(b - a) + 1);
		memcpy(item, a, (size_t)(b - a));
		item[b - a] = '\0';
		char *eq = strrchr(item, '=');
		char *name = item, *amount = eq ? eq + 1 : NULL;
		if (eq) {
			char *ne = eq;
			while (ne > item && list_is_blank(ne[-1]))
				ne--;
			*ne = '\0';
			while (list_is_blank(*amount))
				amount++;
		}
		double v = 0;
		int f = -1;
		if (!eq || !*name) {
			cell_error(l, COL_FUNDED,
				   "funded item '%.*s' must be FUND=AMOUNT", (int)(b - a),
				   a);
			ok = false;
		} else if (!parse_money(l, amount, &v)) {
			cell_error(
				l, COL_FUNDED,
				"funded item '%.*s' must pay a number in [0, 1e15], not "
				"'%s'%s",
				(int)(b - a), a, amount,
				csv_dialect_number_hint(l->r.delim, amount));
			ok = false;
		} else if ((f = scenario_find_fund(s, name)) < 0) {
			struct did_you_mean m;
			did_you_mean_init(&m, name);
			for (size_t k = 0; k < s->n_funds; k++)
				did_you_mean_offer(&m, s->funds[k].name);
			cell_error(l, COL_FUNDED,
				   "funded names '%s', which is no fund in 'funds' of "
				   "'%s'" DID_YOU_MEAN_HINT,
				   name, s->json_path,
				   DID_YOU_MEAN_HINT_ARGS(did_you_mean_best(&m)));
			ok = false;
		} else {
			bool twice = false;
			for (size_t k = first; k < s->n_fixed_pays; k++)
				twice |= s->fixed_pays[k].fund == (uint32_t)f;
			if (twice) {
				cell_error(l, COL_FUNDED, "funded names fund '%s' twice",
					   name);
				ok = false;
			} else {
				ARRAY_GROW(s->fixed_pays, s->n_fixed_pays,
					   s->alloc_fixed_pays);
				s->fixed_pays[s->n_fixed_pays++] =
					(struct ledger_payment){
						.fund_name = s->funds[f].name,
						.fund = (uint32_t)f,
						.amount = v,
					};
			}
		}
		free(item);
	}
	if (!ok) {
		s->n_fixed_pays = first;
		return false;
	}
	row->pay_first = (uint32_t)first;
	row->n_pay = (uint32_t)(s->n_fixed_pays - first);
	return true;
}

/* The payments of 'row' against 'cost', in cents as every report shows
 * them: more than the row's cost is an error at the funded cell. */
static bool check_paid(const struct scenario *s, const struct ledger_row *row,
		       double cost, struct diag *d)
{
	int64_t paid = 0;
	for (uint32_t k = 0; k < row->n_pay; k++)
		paid += money_cents(s->fixed_pays[row->pay_first + k].amount);
	if (paid <= money_cents(cost))
		return true;
	char a[64], b[64];
	money_format_text(a, sizeof(a), s->currency, paid);
	money_format_text(b, sizeof(b), s->currency, money_cents(cost));
	diag_add(d, s->fixed_path, row->line, s->fixed_col.funded,
		 "funded pays %s in all, more than the row's cost %s", a, b);
	return false;
}

static void read_row(struct csv_read *r)
{
	struct loader *l = r->ctx;
	struct scenario *s = l->s;
	const char *text[N_COLUMNS];
	size_t len[N_COLUMNS];
	bool ok = true;
	for (int c = 0; c < N_COLUMNS; c++) {
		text[c] = "";
		len[c] = 0;
		if (!l->col[c])
			continue;
		text[c] = csv_read_field(r, l->col[c] - 1, &len[c]);
		if (columns[c].required && len[c] == 0) {
			cell_error(l, c, "%s is empty", columns[c].name);
			ok = false;
		} else if (!utf8_valid(text[c], len[c])) {
			cell_error(l, c, "%s is not valid UTF-8%s", columns[c].name,
				   save_as_csv_utf8_hint(&l->utf8_hinted));
			ok = false;
			len[c] = 0;
		}
	}
	struct ledger_row row = {.cost = NAN, .line = r->row_line};
	if (len[COL_WHEN])
		ok &= read_when(l, text[COL_WHEN], &row.when);
	if (len[COL_TO_VENDOR])
		ok &= read_vendor(l, text[COL_TO_VENDOR], &row.vendor);
	if (len[COL_COST] && !parse_money(l, text[COL_COST], &row.cost)) {
		cell_error(l, COL_COST, "cost '%s' must be a number in [0, 1e15]%s",
			   text[COL_COST],
			   csv_dialect_number_hint(l->r.delim, text[COL_COST]));
		row.cost = NAN;
		ok = false;
	}
	size_t pays = s->n_fixed_pays;
	if (len[COL_FUNDED])
		ok &= read_funded(l, text[COL_FUNDED], &row);
	if (ok && !isnan(row.cost))
		ok &= check_paid(s, &row, row.cost, r->d);
	if (!ok || !l->columns_ok) {
		s->n_fixed_pays = pays;
		return;
	}
	row.site_id = strpool_dupn(&s->pool, text[COL_SITE_ID], len[COL_SITE_ID]);
	row.when_text = strpool_dupn(&s->pool, text[COL_WHEN], len[COL_WHEN]);
	row.to_vendor = s->vendors[row.vendor].name;
	ARRAY_GROW(s->fixed, s->n_fixed, s->alloc_fixed);
	s->fixed[s->n_fixed++] = row;
}

bool ledger_load(struct scenario *s, struct diag *d)
{
	size_t before = diag_count(d);
	struct loader l = {.s = s};
	l.r = (struct csv_read){
		.path = s->fixed_path,
		.d = d,
		.on_header = read_header,
		.on_row = read_row,
		.ctx = &l,
	};
	sites_csv_rules(&l.r);
	csv_read_file(&l.r, AT_FDCWD, s->fixed_path);
	if (l.ignored)
		scenario_add_note(s, 0, "ignored columns in '%s': %s", s->fixed_path,
				  l.ignored);
	free(l.ignored);
	csv_read_finish(&l.r);
	return diag_count(d) == before;
}

/*
 * A cluster's sites are swapped together: in the ledger all of its
 * high-risk sites or none, in one period, to one vendor (rows whose site
 * was refused are left out). A row that
 * differs from the cluster's first row is reported at its own when or
 * to_vendor; a cluster only partly listed at its first row, naming the
 * first missing site.
 */
static void check_clusters(struct scenario *s, const uint32_t *row_of, struct diag *d)
{
	struct strmap first;
	strmap_init(&first);
	uint32_t *first_row = xcalloc(s->n_fixed + 1, sizeof(*first_row));
	int ppy = s->periods_per_year;
	for (size_t i = 0; i < s->n_fixed; i++) {
		const struct ledger_row *row = &s->fixed[i];
		if (row->site == UINT32_MAX || !s->sites[row->site].cluster)
			continue;
		const struct site *site = &s->sites[row->site];
		int added = 0;
		uint32_t c = strmap_intern(&first, site->cluster, &added);
		if (added) {
			first_row[c] = (uint32_t)i;
			continue;
		}
		const struct ledger_row *f = &s->fixed[first_row[c]];
		if (f->p != row->p) {
			char a[16], b[16];
			period_label(s->start, ppy, row->p, a, sizeof(a));
			period_label(s->start, ppy, f->p, b, sizeof(b));
			diag_add(d, s->fixed_path, row->line, s->fixed_col.when,
				 "site '%s' of cluster '%s' is in %s, but site '%s' on "
				 "line %u is in %s (a cluster's sites are swapped in one "
				 "period)",
				 row->site_id, site->cluster, a, f->site_id, f->line, b);
		} else if (f->vendor != row->vendor) {
			diag_add(d, s->fixed_path, row->line, s->fixed_col.to_vendor,
				 "site '%s' of cluster '%s' goes to '%s', but site '%s' "
				 "on "
				 "line %u to '%s' (a cluster's sites go to one vendor)",
				 row->site_id, site->cluster, row->to_vendor, f->site_id,
				 f->line, f->to_vendor);
		}
	}
	/* Clusters only partly listed: count the missing high-risk sites. */
	size_t n = first.count;
	uint32_t *missing = xcalloc(n + 1, sizeof(*missing));
	uint32_t *example = xcalloc(n + 1, sizeof(*example));
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!site->cluster || row_of[i] != UINT32_MAX ||
		    !scenario_site_is_high_risk(s, site))
			continue;
		int64_t c = strmap_find(&first, site->cluster);
		if (c < 0)
			continue;
		if (!missing[c]++)
			example[c] = (uint32_t)i;
	}
	for (size_t c = 0; c < n; c++) {
		if (!missing[c])
			continue;
		const struct ledger_row *f = &s->fixed[first_row[c]];
		const struct site *ex = &s->sites[example[c]];
		char more[48] = "";
		if (missing[c] > 1)
			snprintf(more, sizeof(more), " (and %u more)", missing[c] - 1);
		diag_add(d, s->fixed_path, f->line, s->fixed_col.site_id,
			 "cluster '%s' is only partly in the ledger: its site '%s' "
			 "(line %u of '%s') is missing%s",
			 ex->cluster, ex->id, ex->line, s->sites_path, more);
	}
	free(missing);
	free(example);
	free(first_row);
	strmap_finish(&first);
}

void ledger_validate(struct scenario *s, struct diag *d)
{
	if (!s->n_fixed)
		return;
	struct strmap ids;
	strmap_init(&ids);
	for (size_t i = 0; i < s->n_sites; i++)
		strmap_intern(&ids, s->sites[i].id, NULL);
	/* row_of[site]: the ledger row of each site, UINT32_MAX when none. */
	uint32_t *row_of = xmalloc((s->n_sites + 1) * sizeof(*row_of));
	for (size_t i = 0; i <= s->n_sites; i++)
		row_of[i] = UINT32_MAX;
	for (size_t i = 0; i < s->n_fixed; i++) {
		struct ledger_row *row = &s->fixed[i];
		int64_t found = strmap_find(&ids, row->site_id);
		row->site = UINT32_MAX;
		if (found < 0) {
			diag_add(d, s->fixed_path, row->line, s->fixed_col.site_id,
				 "site_id '%s' is no site_id of '%s'", row->site_id,
				 s->sites_path);
			continue;
		}
		const struct site *site = &s->sites[found];
		if (!scenario_site_is_high_risk(s, site)) {
			const char *vendor = s->site_vendors.names[site->vendor];
			if (site->units > 0)
				diag_add(d, s->fixed_path, row->line,
					 s->fixed_col.site_id,
					 "site '%s' is not a high-risk site (its vendor "
					 "'%s' is not in 'high_risk_vendors')",
					 row->site_id, vendor);
			else
				diag_add(d, s->fixed_path, row->line,
					 s->fixed_col.site_id,
					 "site '%s' is not a high-risk site (it has 0 "
					 "units)",
					 row->site_id);
			continue;
		}
		if (row_of[found] != UINT32_MAX) {
			diag_add(d, s->fixed_path, row->line, s->fixed_col.site_id,
				 "site '%s' is already in the ledger on line %u",
				 row->site_id, s->fixed[row_of[found]].line);
			continue;
		}
		row_of[found] = (uint32_t)i;
		row->site = (uint32_t)found;
		if (!isnan(row->cost))
			continue;
		const char *domain = s->domains.names[site->domain];
		if (isnan(scenario_unit_cost(&s->vendors[row->vendor], domain))) {
			diag_add(
				d, s->fixed_path, row->line, s->fixed_col.to_vendor,
				"to_vendor '%s' has no unit_cost for domain '%s' of site "
				"'%s' (give the row's cost)",
				row->to_vendor, domain, row->site_id);
			continue;
		}
		if (row->n_pay)
			check_paid(s, row, ledger_row_cost(s, row), d);
	}
	check_clusters(s, row_of, d);
	free(row_of);
	strmap_finish(&ids);
}
