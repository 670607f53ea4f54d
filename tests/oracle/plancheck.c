/*
 * plancheck: check a plan written by 'phaseout plan -o DIR' from scratch.
 *
 *	plancheck SCENARIO.json PLAN_DIR [--budget-scale F] [--expect FILE]
 *		  [--baseline DIR]
 *
 * Reads DIR/plan.csv and DIR/summary.json, checks the rows against the
 * scenario (one row per high-risk site, the site's own region, domain,
 * vendor, units and cluster, its period (the 'period' column of
 * cli-and-outputs-2.md when the file has it, else 'year'), costs to the
 * cent, lateness, row order), every rule of model.md and model-2.md on
 * the decisions (oracle.h), and that summary.json's exposure,
 * present_cost and other figures match the recomputed ones (1e-6
 * relative). The loader's derived period indices must be the oracle's
 * own (oracle_check_derived). With --expect, the recomputed objectives
 * must also match a bruteforce output.
 *
 * With --baseline DIR (plan --baseline, cli-and-outputs-2.md "Moves"):
 * every row's 'moved' must be the move recounted from DIR/plan.csv
 * (oracle_read_baseline()), summary.json's sites_moved their sum and
 * sites_overdue those whose baseline period ends before replan_from, and with --expect
 *the moves must be bruteforce's; a version 1 plan.csv has the one extra column 'moved'.
 *
 * Prints one line per violation, "plancheck: RULE: what", and exits 1 on
 * any, 0 when the plan is right, 2 on bad usage or unreadable input.
 */
#include <csv.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "input/load.h"
#include "oracle.h"
#include "util/diag.h"
#include "util/num.h"
#include "util/xalloc.h"

enum {
	COL_YEAR,
	COL_SITE_ID,
	COL_REGION,
	COL_DOMAIN,
	COL_FROM_VENDOR,
	COL_TO_VENDOR,
	COL_UNITS,
	COL_EQUIPMENT_COST,
	COL_SITE_COST,
	COL_TOTAL_COST,
	COL_PRESENT_VALUE,
	COL_CLUSTER,
	COL_LATE,
	N_V1_COLS,
	/* Appended by cli-and-outputs-2.md. */
	COL_PERIOD = N_V1_COLS,
	COL_STATUS,
	COL_OWN_COST,
	COL_FUNDED_COST,
	COL_FUND,
	COL_MOVED,
	N_COLS,
};

static const char *const plan_columns[N_COLS] = {
	"year",          "site_id",     "region",         "domain",    "from_vendor",
	"to_vendor",     "units",       "equipment_cost", "site_cost", "total_cost",
	"present_value", "cluster",     "late",           "period",    "status",
	"own_cost",      "funded_cost", "fund",           "moved",
};

struct row {
	char **fields;
	size_t n_fields, alloc_fields;
	unsigned line;
};

struct table {
	struct row *rows;
	size_t n_rows, alloc_rows;
	struct row cur;
	bool row_open;
	unsigned line; /* the physical line being fed */
};

struct check {
	const struct scenario *s;
	struct oracle *o;
	size_t violations;
	size_t n_cols; /* N_V1_COLS, or N_COLS with version 2's columns */
	bool v2;       /* the version 2 columns (a 'period') */
	int moved_col; /* the 'moved' column, -1 none */
	/* --baseline: its decisions per site; NULL without one. */
	int *base_period, *base_vendor;
	int64_t moves;   /* recounted */
	int64_t overdue; /* of those, baseline period before replan_from */
	/* Funds: what plan.csv's rows say funds paid, per period, and per
	 * fund and period for rows that name one fund ([n_funds * n_periods]);
	 * multi: some row names more than one. */
	double *funded, *fund_paid;
	/* The ledger's own part of that ([n_periods]: own_cost of its done
	 * and committed rows) and the funds' payments its funded items
	 * make ([n_funds * n_periods]); fund_paid holds them too. */
	double *fixed_own, *ledger_paid;
	bool multi;
	const int *period; /* [n_sites] the plan's decisions, from plan.csv */
};

static void fail(struct check *c, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct check *c, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("plancheck: %s: ", rule);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	c->violations++;
}

static void on_field(void *text, size_t len, void *data)
{
	struct table *t = data;
	if (!t->row_open) {
		t->row_open = true;
		t->cur.line = t->line;
	}
	ARRAY_GROW(t->cur.fields, t->cur.n_fields, t->cur.alloc_fields);
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	t->cur.fields[t->cur.n_fields++] = copy;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct table *t = data;
	if (!t->row_open)
		return;
	ARRAY_GROW(t->rows, t->n_rows, t->alloc_rows);
	t->rows[t->n_rows++] = t->cur;
	memset(&t->cur, 0, sizeof(t->cur));
	t->row_open = false;
}

static void table_finish(struct table *t)
{
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t f = 0; f < t->rows[r].n_fields; f++)
			free(t->rows[r].fields[f]);
		free(t->rows[r].fields);
	}
	free(t->rows);
	for (size_t f = 0; f < t->cur.n_fields; f++)
		free(t->cur.fields[f]);
	free(t->cur.fields);
}

/* Read a CSV file one physical line at a time, so each row knows the line
 * it starts on. False when the file cannot be read or is not valid CSV. */
static bool table_read(struct table *t, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "plancheck: error: cannot read '%s'\n", path);
		return false;
	}
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	bool ok = true;
	while (ok && (len = getline(&line, &cap, f)) > 0) {
		t->line++;
		if (csv_parse(&p, line, (size_t)len, on_field, on_row, t) != (size_t)len)
			ok = false;
	}
	if (ok && csv_fini(&p, on_field, on_row, t) != 0)
		ok = false;
	if (!ok)
		fprintf(stderr, "plancheck: error: %s:%u: %s\n", path, t->line,
			csv_strerror(csv_error(&p)));
	csv_free(&p);
	free(line);
	fclose(f);
	return ok;
}

/* Undo the formula guard of cli-and-outputs.md: a leading ' before one of
 * = + - @ tab CR, and before a ' (docs/decisions.md: the guard is
 * reversible). */
static const char *unguard(const char *text)
{
	if (text[0] == '\'' && text[1] && strchr("=+-@\t\r'", text[1]))
		return text + 1;
	return text;
}

static bool parse_money(const char *text, double *out)
{
	return num_parse_double(text, out);
}

/*
 * Each cost is its exact value rounded once to cents (docs/decisions.md),
 * so a right figure is within half a cent of ours; a little more allows
 * for a different order of the same floating-point operations. Returns the
 * figure as written, in cents (0 when it is not a number).
 */
static long long check_money(struct check *c, const struct row *r, int col,
			     double expected, double slack, const char *site_id)
{
	double v;
	const char *text = r->fields[col];
	if (!parse_money(text, &v)) {
		fail(c, "cost", "plan.csv:%u: %s '%s' of site '%s' is not a number",
		     r->line, plan_columns[col], text, site_id);
		return 0;
	}
	if (fabs(v - expected) > slack + 1e-9 * fabs(expected))
		fail(c, "cost", "plan.csv:%u: %s of site '%s' is %s, expected %.2f",
		     r->line, plan_columns[col], site_id, text, expected);
	return llround(v * 100);
}

/* model.md and model-2.md, "late": years from the site's earliest
 * binding end to the end of its swap period, a site left unswapped
 * counting as swapped in the period after the horizon. A fund's final
 * date is a deadline of the HR sites it covers (rule 8; model-2.md's
 * "every deadline of any kind (rule, regional, site, fund)"), one that
 * history broke too. */
static double lateness(const struct check *c, size_t i, int period)
{
	const struct oracle *o = c->o;
	const struct scenario *s = c->s;
	int d = o->deadline_p[i];
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		if (fu->has_final && fu->final_p < d &&
		    scenario_fund_covers(fu, s->sites[i].domain))
			d = fu->final_p;
	}
	if (d >= o->n_periods)
		return 0;
	int when = period == ORACLE_UNSWAPPED ? o->n_periods : period;
	return when > d ? (double)(when - d) / o->per_year : 0;
}

/* A row's period index (from 'period' when the file has it, else from
 * 'year'), INT_MIN for an unswapped row or one that names no period. */
static int row_period(const struct check *c, const struct row *r)
{
	const char *text = r->fields[c->v2 ? COL_PERIOD : COL_YEAR];
	int p;
	if (!text[0] || !oracle_parse_label(c->o, text, &p))
		return INT_MIN;
	return p;
}

/* The order of cli-and-outputs.md (and -2.md): swapped rows by (period,
 * region, site_id), then unswapped rows by (region, site_id); text
 * bytewise. */
static int row_order(const struct check *c, const struct row *a, const struct row *b)
{
	int pa = row_period(c, a), pb = row_period(c, b);
	bool sa = pa != INT_MIN, sb = pb != INT_MIN;
	if (sa != sb)
		return sa ? -1 : 1;
	if (sa && pa != pb)
		return pa < pb ? -1 : 1;
	int k = strcmp(a->fields[COL_REGION], b->fields[COL_REGION]);
	return k ? k : strcmp(a->fields[COL_SITE_ID], b->fields[COL_SITE_ID]);
}

/* The decision of one row: its period from 'period' (version 2's column)
 * or 'year', which must agree. False (reported) when it names none. */
static bool parse_when(struct check *c, const struct row *r, const char *id, int *period)
{
	const struct oracle *o = c->o;
	char **f = r->fields;
	bool has_period = c->v2;
	*period = ORACLE_UNSWAPPED;
	if (has_period && (f[COL_YEAR][0] == '\0') != (f[COL_PERIOD][0] == '\0')) {
		fail(c, "plan.csv",
		     "plan.csv:%u: site '%s' has year '%s' and period '%s'", r->line, id,
		     f[COL_YEAR], f[COL_PERIOD]);
		return false;
	}
	if (f[COL_YEAR][0] == '\0')
		return true;
	int64_t y;
	if (!num_parse_int64(f[COL_YEAR], &y) || y < 1 || y > INT_MAX) {
		fail(c, "plan.csv", "plan.csv:%u: year '%s' of site '%s' is not a year",
		     r->line, f[COL_YEAR], id);
		return false;
	}
	if (!has_period) {
		if (o->per_year != 1) {
			fail(c, "plan.csv",
			     "plan.csv:%u: no period column, needed with periods "
			     "finer than a year",
			     r->line);
			return false;
		}
		*period = (int)(y - c->s->start);
		return true;
	}
	if (!oracle_parse_label(o, f[COL_PERIOD], period)) {
		fail(c, "plan.csv",
		     "plan.csv:%u: period '%s' of site '%s' is not a period of the "
		     "scenario's kind",
		     r->line, f[COL_PERIOD], id);
		return false;
	}
	if (oracle_period_year(o, *period) != y)
		fail(c, "plan.csv",
		     "plan.csv:%u: year %s of site '%s' is not the year of %s", r->line,
		     f[COL_YEAR], id, f[COL_PERIOD]);
	return true;
}

/* The ledger row of site i (the loader's reading of `fixed`, its
 * period included), NULL none. */
static const struct ledger_row *ledger_row_of(const struct scenario *s, size_t i)
{
	for (size_t r = 0; r < s->n_fixed; r++)
		if (s->fixed[r].site == i)
			return &s->fixed[r];
	return NULL;
}

/* A ledger row whose funded cell has items: the row's funded_cost and
 * fund are the items' as written (model-2.md rule 7: before replan_from
 * the funds' payments are the ledger's; committed items are contracted),
 * and its payments count in their funds' money. */
static void check_ledger_funds(struct check *c, const struct row *r, const char *id,
			       const struct ledger_row *fixed, int p, double funded)
{
	const struct scenario *s = c->s;
	double sum = 0;
	for (uint32_t k = fixed->pay_first; k < fixed->pay_first + fixed->n_pay; k++) {
		const struct ledger_payment *lp = &s->fixed_pays[k];
		sum += lp->amount;
		c->ledger_paid[(size_t)lp->fund * (size_t)c->o->n_periods + (size_t)p] +=
			lp->amount;
		c->fund_paid[(size_t)lp->fund * (size_t)c->o->n_periods + (size_t)p] +=
			lp->amount;
		if (!strstr(r->fields[COL_FUND], s->funds[lp->fund].name))
			fail(c, "fund",
			     "plan.csv:%u: ledger site '%s' does not name fund '%s' its "
			     "funded cell pays",
			     r->line, id, s->funds[lp->fund].name);
	}
	if (llround(sum * 100) != llround(funded * 100))
		fail(c, "fund",
		     "plan.csv:%u: funded_cost %.2f of ledger site '%s' is not its "
		     "funded items' %.2f",
		     r->line, funded, id, sum);
	c->funded[p] += funded;
}

/* A row's funds (model-2.md rule 7): each named fund exists, pays for
 * the site's domain and pays in period p, from replan_from on, at most
 * its share of the row's cost; the row's funded_cost counts in its
 * period, and in its fund's when it names one. */
static void check_row_funds(struct check *c, const struct row *r, const char *id,
			    size_t site, int p, double funded, double total)
{
	const struct scenario *s = c->s;
	char *list = xstrdup(r->fields[COL_FUND]);
	size_t named = 0;
	long only = -1;
	for (char *tok = strtok(list, ";"); tok; tok = strtok(NULL, ";")) {
		named++;
		long f = -1;
		for (size_t k = 0; k < s->n_funds; k++)
			if (strcmp(s->funds[k].name, tok) == 0)
				f = (long)k;
		if (f < 0) {
			fail(c, "fund", "plan.csv:%u: site '%s' names no fund '%s'",
			     r->line, id, tok);
			continue;
		}
		const struct fund *fu = &s->funds[f];
		bool covers = fu->n_domains == 0;
		for (size_t k = 0; k < fu->n_domains; k++)
			covers |= fu->domains[k] == s->sites[site].domain;
		if (!covers)
			fail(c, "fund",
			     "plan.csv:%u: fund '%s' pays for site '%s' outside its "
			     "domains",
			     r->line, tok, id);
		if (p < fu->first_p || p > fu->final_p || p < s->replan_p)
			fail(c, "fund",
			     "plan.csv:%u: fund '%s' pays for site '%s' outside its "
			     "paying periods",
			     r->line, tok, id);
		only = f;
	}
	free(list);
	c->funded[p] += funded;
	/* A period's payment is rounded once and shared among its rows by
	 * the largest remainder, so a row may get up to a cent above its
	 * exact share (plan/plan_funds.c). */
	if (named == 1 && only >= 0 &&
	    !oracle_le(funded, s->funds[only].share * total + 0.01))
		fail(c, "fund",
		     "plan.csv:%u: fund '%s' pays %.2f of site '%s', above its share "
		     "%.2f of %.2f",
		     r->line, s->funds[only].name, funded, id,
		     s->funds[only].share * total, total);
	if (named == 1 && only >= 0)
		c->fund_paid[(size_t)only * (size_t)c->o->n_periods + (size_t)p] +=
			funded;
	else if (named > 1)
		c->multi = true;
}

/* Whether the ledger alone leaves an HR site fund f covers late for
 * its final date: the rule is broken before the re-plan (model-2.md),
 * planned as soon as possible, which this checker does not judge. */
static bool fund_broken(const struct check *c, const struct fund *fu, const int *period)
{
	const struct scenario *s = c->s;
	if (!fu->has_final || fu->final_p >= c->o->n_periods)
		return false;
	for (size_t i = 0; i < s->n_sites; i++) {
		bool covers = fu->n_domains == 0;
		for (size_t k = 0; k < fu->n_domains; k++)
			covers |= fu->domains[k] == s->sites[i].domain;
		if (!covers || !c->o->hr[i])
			continue;
		const struct ledger_row *row = ledger_row_of(s, i);
		if (row ? row->p > fu->final_p : fu->final_p < s->replan_p)
			return true;
		(void)period;
	}
	return false;
}

/* Every fund's payments up to each period at most its disbursements by
 * then (rows that name one fund; with rows that name several, the funds
 * together), the ledger's included: where the ledger's alone exceed
 * them (a fact), the planner's payments up to then must be 0. Each HR
 * site it covers swapped by its final date's binding end (model-2.md
 * rule 8) unless the ledger already broke that. */
static void check_funds(struct check *c, const int *period)
{
	const struct scenario *s = c->s;
	int np = c->o->n_periods;
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		double paid = 0, ledger = 0;
		for (int p = 0; p < np && !c->multi; p++) {
			paid += c->fund_paid[f * (size_t)np + (size_t)p];
			ledger += c->ledger_paid[f * (size_t)np + (size_t)p];
			double disbursed = 0;
			for (size_t k = 0; k < fu->n_disbursements; k++)
				if (fu->disbursements[k].p <= p)
					disbursed += fu->disbursements[k].amount;
			if (!oracle_le(paid, disbursed) && !oracle_le(paid, ledger)) {
				char label[16];
				oracle_label(c->o, p, label, sizeof(label));
				fail(c, "fund",
				     "fund '%s' has paid %.2f by the end of %s, "
				     "disbursed %.2f",
				     fu->name, paid, label, disbursed);
				break;
			}
		}
		if (!fu->has_final || fu->final_p >= np || fund_broken(c, fu, period))
			continue;
		for (size_t i = 0; i < s->n_sites; i++) {
			bool covers = fu->n_domains == 0;
			for (size_t k = 0; k < fu->n_domains; k++)
				covers |= fu->domains[k] == s->sites[i].domain;
			if (!covers || !c->o->hr[i])
				continue;
			if (period[i] == ORACLE_UNSWAPPED || period[i] > fu->final_p)
				fail(c, "fund_deadline",
				     "site '%s' eligible for fund '%s' is not swapped by "
				     "its final date",
				     s->sites[i].id, fu->name);
		}
	}
}

/* Version 2's money columns: status done or committed on a ledger row
 * (before replan_from or from it on), else planned or unswapped,
 * own_cost = total_cost - funded_cost to the cent, a fund named exactly
 * when it pays a cent or more, moved empty (no baseline). */
static void check_v2_columns(struct check *c, const struct row *r, const char *id,
			     bool swapped, long long total_cents,
			     const struct ledger_row *fixed, size_t site, int p)
{
	char **f = r->fields;
	const char *status = fixed ? (fixed->p < c->s->replan_p ? "done" : "committed")
			     : swapped ? "planned"
				       : "unswapped";
	if (strcmp(f[COL_STATUS], status) != 0)
		fail(c, "plan.csv",
		     "plan.csv:%u: status of site '%s' is '%s', expected '%s'", r->line,
		     id, f[COL_STATUS], status);
	if (f[COL_MOVED][0] && !c->base_period)
		fail(c, "plan.csv",
		     "plan.csv:%u: moved of site '%s' is '%s' in a plan without a "
		     "baseline",
		     r->line, id, f[COL_MOVED]);
	if (!swapped) {
		for (int col = COL_OWN_COST; col <= COL_FUND; col++)
			if (f[col][0])
				fail(c, "plan.csv",
				     "plan.csv:%u: unswapped site '%s' has %s '%s'",
				     r->line, id, plan_columns[col], f[col]);
		return;
	}
	double own, funded;
	if (!parse_money(f[COL_OWN_COST], &own) ||
	    !parse_money(f[COL_FUNDED_COST], &funded)) {
		fail(c, "cost",
		     "plan.csv:%u: own_cost '%s' or funded_cost '%s' of site "
		     "'%s' is not a number",
		     r->line, f[COL_OWN_COST], f[COL_FUNDED_COST], id);
		return;
	}
	if (llround(own * 100) + llround(funded * 100) != total_cents)
		fail(c, "cost",
		     "plan.csv:%u: own_cost %s + funded_cost %s of site '%s' is not "
		     "total_cost",
		     r->line, f[COL_OWN_COST], f[COL_FUNDED_COST], id);
	if ((funded >= 0.01) != (f[COL_FUND][0] != '\0'))
		fail(c, "plan.csv",
		     "plan.csv:%u: fund '%s' of site '%s' with funded_cost %s", r->line,
		     f[COL_FUND], id, f[COL_FUNDED_COST]);
	if (own < 0 || funded < 0)
		fail(c, "cost",
		     "plan.csv:%u: own_cost or funded_cost of site '%s' below 0", r->line,
		     id);
	/* The ledger row's own spend alone in the exact money the oracle
	 * judges the budget in (its cost less plan.csv's funded cents), so
	 * that a year the ledger alone fills to the cent is not called over
	 * it by a rounding of its own cost. */
	double eq, sc, pv;
	if (fixed && oracle_site_cost(c->o, site, (int)fixed->vendor, p, &eq, &sc, &pv))
		c->fixed_own[p] += eq + sc - funded;
	else if (fixed)
		c->fixed_own[p] += own;
	if (fixed && fixed->n_pay)
		check_ledger_funds(c, r, id, fixed, p, funded);
	else if (f[COL_FUND][0])
		check_row_funds(c, r, id, site, p, funded, (double)total_cents / 100);
}

static void check_row(struct check *c, const struct row *r, const struct strmap *ids,
		      bool *seen, int *period, int *vendor)
{
	const struct scenario *s = c->s;
	char **f = r->fields;
	const char *id = unguard(f[COL_SITE_ID]);
	int64_t i = strmap_find(ids, id);
	if (i < 0) {
		fail(c, "plan.csv", "plan.csv:%u: unknown site '%s'", r->line, id);
		return;
	}
	const struct site *site = &s->sites[i];
	if (!c->o->hr[i]) {
		fail(c, "plan.csv", "plan.csv:%u: site '%s' is not a high-risk site",
		     r->line, id);
		return;
	}
	if (seen[i]) {
		fail(c, "once", "plan.csv:%u: site '%s' is listed again", r->line, id);
		return;
	}
	seen[i] = true;

	const char *expect_text[][2] = {
		{f[COL_REGION], s->regions.names[site->region]},
		{f[COL_DOMAIN], s->domains.names[site->domain]},
		{f[COL_FROM_VENDOR], s->site_vendors.names[site->vendor]},
		{f[COL_CLUSTER], site->cluster ? site->cluster : ""},
	};
	const int text_col[] = {COL_REGION, COL_DOMAIN, COL_FROM_VENDOR, COL_CLUSTER};
	for (size_t k = 0; k < 4; k++)
		if (strcmp(unguard(expect_text[k][0]), expect_text[k][1]) != 0)
			fail(c, "plan.csv",
			     "plan.csv:%u: %s of site '%s' is '%s', expected '%s'",
			     r->line, plan_columns[text_col[k]], id, expect_text[k][0],
			     expect_text[k][1]);
	int64_t units;
	if (!num_parse_int64(f[COL_UNITS], &units) || units != site->units)
		fail(c, "plan.csv",
		     "plan.csv:%u: units of site '%s' is '%s', expected %lld", r->line,
		     id, f[COL_UNITS], (long long)site->units);

	int p, v = -1;
	if (!parse_when(c, r, id, &p))
		return;
	long long total_cents = 0;
	if (p == ORACLE_UNSWAPPED) {
		for (int col = COL_TO_VENDOR; col <= COL_PRESENT_VALUE; col++)
			if (col != COL_UNITS && f[col][0])
				fail(c, "plan.csv",
				     "plan.csv:%u: unswapped site '%s' has %s '%s'",
				     r->line, id, plan_columns[col], f[col]);
	} else {
		v = scenario_find_vendor(s, unguard(f[COL_TO_VENDOR]));
		if (v < 0) {
			fail(c, "vendor",
			     "plan.csv:%u: to_vendor '%s' of site '%s' is not a "
			     "trusted vendor",
			     r->line, f[COL_TO_VENDOR], id);
			return;
		}
		double eq, sc, pv;
		const struct ledger_row *lr = ledger_row_of(s, (size_t)i);
		if (lr && !isnan(lr->cost) && lr->p == p && lr->vendor == (uint32_t)v &&
		    oracle_site_cost(c->o, (size_t)i, v, p, &eq, &sc, &pv)) {
			/* a written cost: no split, the total as is */
			if (f[COL_EQUIPMENT_COST][0] || f[COL_SITE_COST][0])
				fail(c, "cost",
				     "plan.csv:%u: site '%s' has a ledger cost but "
				     "equipment_cost '%s', site_cost '%s'",
				     r->line, id, f[COL_EQUIPMENT_COST],
				     f[COL_SITE_COST]);
			total_cents = check_money(c, r, COL_TOTAL_COST, sc, 0.005, id);
			check_money(c, r, COL_PRESENT_VALUE, pv, 0.005, id);
		} else if (oracle_site_cost(c->o, (size_t)i, v, p, &eq, &sc, &pv)) {
			/* total_cost is the sum of the other two as written,
			 * so within a cent of the exact sum. */
			long long e =
				check_money(c, r, COL_EQUIPMENT_COST, eq, 0.005, id);
			long long m = check_money(c, r, COL_SITE_COST, sc, 0.005, id);
			total_cents =
				check_money(c, r, COL_TOTAL_COST, eq + sc, 0.01, id);
			check_money(c, r, COL_PRESENT_VALUE, pv, 0.005, id);
			if (e + m != total_cents)
				fail(c, "cost",
				     "plan.csv:%u: total_cost %s of site '%s' is not "
				     "equipment_cost + site_cost",
				     r->line, f[COL_TOTAL_COST], id);
		}
	}
	period[i] = p;
	vendor[i] = v;
	/* Fixed swaps stay where the ledger puts them; the planner adds
	 * swaps only from replan_from on (model-2.md rule 6). */
	const struct ledger_row *fixed = ledger_row_of(s, (size_t)i);
	if (fixed && (fixed->p != p || fixed->vendor != (uint32_t)v))
		fail(c, "fixed",
		     "plan.csv:%u: site '%s' is not where its ledger row (line %u) "
		     "puts it",
		     r->line, id, fixed->line);
	else if (!fixed && p != ORACLE_UNSWAPPED && p < s->replan_p)
		fail(c, "history",
		     "plan.csv:%u: site '%s' is planned in %s, before replan_from",
		     r->line, id, f[COL_PERIOD]);
	if (c->v2)
		check_v2_columns(c, r, id, p != ORACLE_UNSWAPPED, total_cents,
				 fixed && fixed->p == p ? fixed : NULL, (size_t)i, p);
	if (c->base_period && fixed) {
		if (f[c->moved_col][0])
			fail(c, "moved",
			     "plan.csv:%u: moved of ledger site '%s' is '%s', not empty",
			     r->line, id, f[c->moved_col]);
	} else if (c->base_period) {
		bool moved =
			oracle_moved(c->base_period, c->base_vendor, (size_t)i, p, v);
		c->moves += moved;
		/* overdue: its baseline period ends before replan_from */
		c->overdue += moved && c->base_period[i] >= 0 &&
			      c->base_period[i] < s->replan_p;
		const char *want = moved ? "1" : "0";
		if (c->moved_col < 0 || strcmp(f[c->moved_col], want) != 0)
			fail(c, "moved",
			     "plan.csv:%u: moved of site '%s' is '%s', recounted %s",
			     r->line, id,
			     c->moved_col < 0 ? "(no column)" : f[c->moved_col], want);
	}

	/* Whole years with yearly periods (version 1's "%d"), else a
	 * number of years (0.25 a quarter). */
	double l = lateness(c, (size_t)i, p), written = 0;
	bool ok;
	if (c->o->per_year == 1) {
		char late[16] = "";
		if (l > 0)
			snprintf(late, sizeof(late), "%d", (int)l);
		ok = strcmp(f[COL_LATE], late) == 0;
	} else if (f[COL_LATE][0]) {
		ok = l > 0 && num_parse_double(f[COL_LATE], &written) &&
		     fabs(written - l) <= 1e-6;
	} else {
		ok = l == 0;
	}
	if (!ok) {
		char late[32] = "";
		if (l > 0)
			snprintf(late, sizeof(late), "%g", l);
		fail(c, "late", "plan.csv:%u: late of site '%s' is '%s', expected '%s'",
		     r->line, id, f[COL_LATE], late);
	}
}

static void check_plan_csv(struct check *c, const struct table *t, int *period,
			   int *vendor)
{
	const struct scenario *s = c->s;
	if (t->n_rows == 0) {
		fail(c, "plan.csv", "plan.csv is empty");
		return;
	}
	const struct row *h = &t->rows[0];
	c->n_cols = h->n_fields;
	/* Version 1 with a baseline: its columns and 'moved'. */
	bool v1_moved = c->base_period && c->n_cols == N_V1_COLS + 1 &&
			strcmp(h->fields[N_V1_COLS], "moved") == 0;
	/* Version 2 may end with 'why' (docs/decisions.md): words, not
	 * figures, so nothing here checks it. */
	bool v2_why = c->n_cols == N_COLS + 1 && strcmp(h->fields[N_COLS], "why") == 0;
	bool header_ok =
		c->n_cols == N_V1_COLS || c->n_cols == N_COLS || v1_moved || v2_why;
	size_t n_named = v1_moved ? N_V1_COLS : v2_why ? N_COLS : c->n_cols;
	for (size_t k = 0; header_ok && k < n_named; k++)
		header_ok = strcmp(h->fields[k], plan_columns[k]) == 0;
	c->v2 = c->n_cols == N_COLS || v2_why;
	c->moved_col = c->v2 ? COL_MOVED : v1_moved ? N_V1_COLS : -1;
	if (!header_ok) {
		fail(c, "plan.csv",
		     "plan.csv:1: header is not the one of cli-and-outputs.md "
		     "(or -2.md)");
		return;
	}
	if (c->n_cols == N_V1_COLS && c->s->format_version >= 2)
		fail(c, "plan.csv",
		     "plan.csv:1: a version 2 scenario's plan has the columns of "
		     "cli-and-outputs-2.md");

	struct strmap ids;
	strmap_init(&ids);
	for (size_t i = 0; i < s->n_sites; i++)
		strmap_intern(&ids, s->sites[i].id, NULL);
	bool *seen = xcalloc(s->n_sites + 1, sizeof(*seen));
	const struct row *prev = NULL;
	for (size_t k = 1; k < t->n_rows; k++) {
		const struct row *r = &t->rows[k];
		if (r->n_fields != c->n_cols) {
			fail(c, "plan.csv", "plan.csv:%u: %zu fields, expected %zu",
			     r->line, r->n_fields, c->n_cols);
			continue;
		}
		check_row(c, r, &ids, seen, period, vendor);
		if (prev && row_order(c, prev, r) > 0)
			fail(c, "order", "plan.csv:%u: site '%s' is out of order",
			     r->line, r->fields[COL_SITE_ID]);
		prev = r;
	}
	for (size_t i = 0; i < s->n_sites; i++)
		if (c->o->hr[i] && !seen[i])
			fail(c, "plan.csv", "high-risk site '%s' has no row",
			     s->sites[i].id);
	free(seen);
	strmap_finish(&ids);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	do {
		ARRAY_GROW(text, len + 4096, cap);
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	text[len] = '\0';
	fclose(f);
	return text;
}

static void check_number(struct check *c, const cJSON *root, const char *key,
			 double expected, bool required)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, key);
	if (!item) {
		if (required)
			fail(c, key, "summary.json has no '%s'", key);
		return;
	}
	if (!cJSON_IsNumber(item) || !oracle_near(item->valuedouble, expected))
		fail(c, key, "summary.json %s is %.9g, recomputed %.9g", key,
		     cJSON_IsNumber(item) ? item->valuedouble : NAN, expected);
}

/* summary.json's funds: each fund's paid is what plan.csv's rows say it
 * paid (when every row names at most one fund). */
static void check_summary_funds(struct check *c, const cJSON *root)
{
	const struct scenario *s = c->s;
	const cJSON *funds = cJSON_GetObjectItemCaseSensitive(root, "funds");
	if (!s->n_funds)
		return;
	if (cJSON_GetArraySize(funds) != (int)s->n_funds) {
		fail(c, "summary", "summary.json has no entry for each fund");
		return;
	}
	for (size_t f = 0; f < s->n_funds && !c->multi; f++) {
		double paid = 0;
		for (int p = 0; p < c->o->n_periods; p++)
			paid += c->fund_paid[f * (size_t)c->o->n_periods + (size_t)p];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetArrayItem(funds, (int)f), "paid");
		if (!cJSON_IsNumber(v) ||
		    llround(v->valuedouble * 100) != llround(paid * 100))
			fail(c, "summary",
			     "summary.json's fund '%s' paid is not %.2f, its rows' sum",
			     s->funds[f].name, paid);
	}
}

/*
 * With a history a rule may honestly not hold: one broken before the
 * re-plan, or a limit the ledger's swaps alone exceed (model-2.md rule 6).
 * The oracle then judges the rules itself, with history's facts as facts
 * (oracle_evaluate()), so summary.json's flags are not held against it
 * here; check_broken() holds every deadline and cap that history did not
 * break to "holds".
 */
static void check_broken(struct check *c, const cJSON *root);

static bool history_may_break(const struct check *c)
{
	return c->o->history;
}

static void check_summary(struct check *c, const char *path, const struct oracle_eval *ev,
			  double scale)
{
	char *text = read_text(path);
	if (!text) {
		fail(c, "summary", "cannot read '%s'", path);
		return;
	}
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsObject(root)) {
		fail(c, "summary", "'%s' is not a JSON object", path);
		cJSON_Delete(root);
		return;
	}
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(root, "status");
	if (!cJSON_IsString(status) || (strcmp(status->valuestring, "optimal") != 0 &&
					strcmp(status->valuestring, "feasible") != 0))
		fail(c, "summary", "summary.json status is not 'optimal' or 'feasible'");
	/* With --allow-late deadlines and caps are soft; this checker holds
	 * every rule hard, so such a plan cannot pass. */
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "allow_late")))
		fail(c, "summary",
		     "summary.json has allow_late: plancheck checks hard rules only");
	const cJSON *objective = cJSON_GetObjectItemCaseSensitive(root, "objective");
	const char *kind = c->s->objective == OBJECTIVE_COST       ? "cost"
			   : c->s->objective == OBJECTIVE_OWN_COST ? "own_cost"
								   : "exposure";
	if (objective &&
	    (!cJSON_IsString(objective) || strcmp(objective->valuestring, kind) != 0))
		fail(c, "summary", "summary.json objective is not '%s'", kind);

	check_number(c, root, "exposure", ev->exposure, true);
	check_number(c, root, "present_cost", ev->present_cost, true);
	check_number(c, root, "nominal_cost", ev->nominal_cost, false);
	check_number(c, root, "hr_units_left", (double)ev->hr_units_left, false);
	check_number(c, root, "hr_units_total", (double)c->o->hr_units_total, false);
	check_number(c, root, "hr_sites_total", (double)c->o->n_hr, false);
	check_number(c, root, "budget_scale", scale, false);
	check_summary_funds(c, root);
	if (c->base_period) {
		check_number(c, root, "sites_moved", (double)c->moves, true);
		check_number(c, root, "sites_overdue", (double)c->overdue, true);
	} else if (cJSON_GetObjectItemCaseSensitive(root, "sites_moved")) {
		fail(c, "summary", "summary.json has sites_moved without a baseline");
	}

	const cJSON *completion =
		cJSON_GetObjectItemCaseSensitive(root, "completion_year");
	if (completion) {
		bool ok = ev->completion_year
				  ? cJSON_IsNumber(completion) &&
					    completion->valuedouble == ev->completion_year
				  : cJSON_IsNull(completion);
		if (!ok)
			fail(c, "completion_year",
			     "summary.json completion_year is wrong, "
			     "recomputed %d (0 = null)",
			     ev->completion_year);
	}
	/* cli-and-outputs-2.md: the kind of periods, when given. */
	const cJSON *periods = cJSON_GetObjectItemCaseSensitive(root, "periods");
	const char *kind_name = c->o->per_year == 1   ? "year"
				: c->o->per_year == 2 ? "half"
				: c->o->per_year == 4 ? "quarter"
						      : "month";
	if (periods &&
	    (!cJSON_IsString(periods) || strcmp(periods->valuestring, kind_name) != 0))
		fail(c, "periods", "summary.json periods is not '%s'", kind_name);
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
	const cJSON *rule;
	cJSON_ArrayForEach(rule, rules)
	{
		const cJSON *holds = cJSON_GetObjectItemCaseSensitive(rule, "holds");
		const cJSON *label = cJSON_GetObjectItemCaseSensitive(rule, "label");
		if (!cJSON_IsTrue(holds) && !history_may_break(c))
			fail(c, "rules", "summary.json says rule '%s' does not hold",
			     cJSON_IsString(label) ? label->valuestring : "?");
	}
	if (c->v2)
		check_broken(c, root);
	cJSON_Delete(root);
}

/* A rule's "by" as the reports write it: its year, or its date as
 * "31 Jul 2023" (version 2). */
static void rule_when_text(const struct rule_when *w, int year, char *buf, size_t size)
{
	static const char *const month[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	if (w->dated && w->date.month >= 1 && w->date.month <= 12)
		snprintf(buf, size, "%d %s %04d", w->date.day, month[w->date.month - 1],
			 w->date.year);
	else
		snprintf(buf, size, "%d", year);
}

/* One rule the ledger alone breaks (model-2.md "Rules already broken
 * when re-planning"), by its label in summary.json (docs: the one name
 * of each rule), with the sites and units the plan leaves late for it
 * (-1: not counted here, a cap). */
struct broken_rule {
	char label[256];
	int64_t sites_late, units_late;
	bool seen;
};

/* The sites and units late for a deadline binding at the end of 'bind'
 * among the HR sites 'covers' says it covers: swapped after it (the
 * ledger's swaps too) or never. */
static void count_late(const struct check *c, int bind, const bool *covers,
		       struct broken_rule *b)
{
	b->sites_late = b->units_late = 0;
	for (size_t i = 0; i < c->s->n_sites; i++)
		if (c->o->hr[i] && covers[i] &&
		    (c->period[i] == ORACLE_UNSWAPPED || c->period[i] > bind)) {
			b->sites_late++;
			b->units_late += c->s->sites[i].units;
		}
}

static void deadline_label(const struct deadline_rule *d, char *buf, size_t size)
{
	char when[32];
	rule_when_text(&d->when, d->year, when, sizeof(when));
	snprintf(buf, size, "%s high-risk sites%s%s swapped by %s",
		 d->domain ? d->domain : "all", d->region_name ? " in region " : "",
		 d->region_name ? d->region_name : "", when);
}

static void fund_label(const struct fund *fu, char *buf, size_t size)
{
	snprintf(buf, size, "high-risk sites eligible for %s swapped by %04d-%02d-%02d",
		 fu->name, fu->final_date.year, fu->final_date.month, fu->final_date.day);
}

/* The rules the oracle finds broken by history alone
 * (oracle_history.c), each labelled as the reports name it. */
static size_t expected_broken(const struct check *c, struct broken_rule *out)
{
	const struct scenario *s = c->s;
	const struct oracle *o = c->o;
	bool *covers = xcalloc(s->n_sites + 1, sizeof(bool));
	size_t n = 0;
	char when[32];
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *d = &s->deadlines[r];
		if (!o->deadline_broken[r])
			continue;
		deadline_label(d, out[n].label, sizeof(out[n].label));
		for (size_t i = 0; i < s->n_sites; i++)
			covers[i] = (!d->domain ||
				     strcmp(d->domain,
					    s->domains.names[s->sites[i].domain]) == 0) &&
				    (!d->region_name ||
				     strcmp(d->region_name,
					    s->regions.names[s->sites[i].region]) == 0);
		count_late(c, o->rule_bind[r], covers, &out[n++]);
	}
	bool own = false;
	for (size_t i = 0; i < s->n_sites; i++)
		own |= o->own_broken[i];
	if (own) {
		/* One rule for every site's own deadline: late by its own. */
		struct broken_rule *b = &out[n++];
		snprintf(b->label, sizeof(b->label),
			 "high-risk sites swapped by their own deadline");
		b->sites_late = b->units_late = 0;
		for (size_t i = 0; i < s->n_sites; i++) {
			int d = o->own_deadline_p[i];
			if (o->hr[i] && d < o->n_periods &&
			    (c->period[i] == ORACLE_UNSWAPPED || c->period[i] > d)) {
				b->sites_late++;
				b->units_late += s->sites[i].units;
			}
		}
	}
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		if (!o->fund_broken[f])
			continue;
		fund_label(fu, out[n].label, sizeof(out[n].label));
		for (size_t i = 0; i < s->n_sites; i++)
			covers[i] = scenario_fund_covers(fu, s->sites[i].domain);
		count_late(c, fu->final_p, covers, &out[n++]);
	}
	for (size_t k = 0; k < s->n_caps; k++) {
		const struct share_cap_rule *cap = &s->caps[k];
		if (!o->cap_broken[k])
			continue;
		char scope[160] = "";
		for (size_t d = 0; d < cap->n_domains; d++)
			snprintf(scope + strlen(scope), sizeof(scope) - strlen(scope),
				 "%s%s", d ? "+" : "", cap->domains[d]);
		rule_when_text(&cap->when, cap->year, when, sizeof(when));
		snprintf(out[n].label, sizeof(out[n].label),
			 "high-risk share of %s%s%s%s <= %g%% from %s",
			 cap->n_domains ? scope : "all domains",
			 cap->measure == CAP_SITES ? " sites" : "",
			 cap->region ? " in region " : "", cap->region ? cap->region : "",
			 cap->max_share * 100, when);
		out[n].sites_late = out[n].units_late = -1;
		n++;
	}
	free(covers);
	return n;
}

/*
 * summary.json's broken_before_replan (cli-and-outputs-2.md) is exactly
 * the rules the ledger alone breaks, recounted by the oracle, each with
 * the sites and units the plan leaves late for a deadline; and every
 * other rule of summary.json's list holds (model-2.md: every rule that
 * can still hold stays hard). The oracle judges those rules on the
 * decisions too (oracle_evaluate()); here the report is held to it.
 */
static void check_broken(struct check *c, const cJSON *root)
{
	const struct scenario *s = c->s;
	const cJSON *list =
		cJSON_GetObjectItemCaseSensitive(root, "broken_before_replan");
	if (!c->o->history) {
		if (list && cJSON_GetArraySize(list) > 0)
			fail(c, "broken",
			     "summary.json lists rules broken before a re-plan "
			     "it does not have");
		return;
	}
	if (!cJSON_IsArray(list)) {
		fail(c, "broken", "summary.json has no broken_before_replan list");
		return;
	}
	struct broken_rule *want =
		xcalloc(s->n_deadlines + s->n_funds + s->n_caps + 2, sizeof(*want));
	size_t n = expected_broken(c, want);
	const cJSON *item;
	cJSON_ArrayForEach(item, list)
	{
		const cJSON *rule = cJSON_GetObjectItemCaseSensitive(item, "rule");
		const char *label = cJSON_IsString(rule) ? rule->valuestring : "?";
		size_t k = 0;
		while (k < n && (want[k].seen || strcmp(want[k].label, label) != 0))
			k++;
		if (k == n) {
			fail(c, "broken",
			     "summary.json lists '%s' as broken before the re-plan; the "
			     "ledger alone does not break it",
			     label);
			continue;
		}
		want[k].seen = true;
		const cJSON *sites = cJSON_GetObjectItemCaseSensitive(item, "sites_late");
		const cJSON *units = cJSON_GetObjectItemCaseSensitive(item, "units_late");
		if (want[k].sites_late >= 0 &&
		    (!cJSON_IsNumber(sites) || !cJSON_IsNumber(units) ||
		     sites->valuedouble != (double)want[k].sites_late ||
		     units->valuedouble != (double)want[k].units_late))
			fail(c, "broken",
			     "summary.json's '%s' has %g sites and %g units late, the "
			     "plan "
			     "%lld and %lld",
			     label, cJSON_IsNumber(sites) ? sites->valuedouble : NAN,
			     cJSON_IsNumber(units) ? units->valuedouble : NAN,
			     (long long)want[k].sites_late,
			     (long long)want[k].units_late);
	}
	for (size_t k = 0; k < n; k++)
		if (!want[k].seen)
			fail(c, "broken",
			     "the ledger alone breaks '%s', which summary.json's "
			     "broken_before_replan does not list",
			     want[k].label);
	/* Deadlines and caps: the rules history can break. A limit (budget,
	 * capacity, vendor share) the ledger alone exceeds honestly does
	 * not hold either; the oracle judges the planner's part of it. */
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
	cJSON_ArrayForEach(item, rules)
	{
		const cJSON *holds = cJSON_GetObjectItemCaseSensitive(item, "holds");
		const cJSON *rule = cJSON_GetObjectItemCaseSensitive(item, "label");
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(item, "kind");
		const char *label = cJSON_IsString(rule) ? rule->valuestring : "?";
		if (!cJSON_IsString(kind) ||
		    (strcmp(kind->valuestring, "deadline") != 0 &&
		     strcmp(kind->valuestring, "share_cap") != 0))
			continue;
		bool broken = false;
		for (size_t k = 0; k < n && !broken; k++)
			broken = strcmp(want[k].label, label) == 0;
		if (!broken && !cJSON_IsTrue(holds))
			fail(c, "rules",
			     "summary.json says rule '%s' does not hold, and history did "
			     "not break it",
			     label);
	}
	free(want);
}

/*
 * bruteforce's figures of the stages before and beside the objectives
 * (model-2.md): V_b of the rules history broke, the funds' extensions
 * used, the own present cost (the cost less each period's funded cost of
 * plan.csv, discounted). NAN: not in the file, not compared.
 */
static void check_expect_stages(struct check *c, const int *period,
				const struct oracle_eval *ev, double broken,
				double extensions, double own_present)
{
	if (!isnan(broken) && !oracle_near(ev->broken_violation, broken))
		fail(c, "expect",
		     "V_b %.6f of the rules broken before the re-plan, the "
		     "least is %.6f",
		     ev->broken_violation, broken);
	int used = oracle_extensions_used(c->o, period);
	if (!isnan(extensions) && (double)used != extensions)
		fail(c, "expect", "%d extensions used, the fewest are %.0f", used,
		     extensions);
	if (isnan(own_present))
		return;
	double own = ev->present_cost;
	for (int p = 0; p < c->o->n_periods; p++)
		own -= c->funded[p] *
		       pow(1.0 + c->s->discount_rate, -(double)p / c->o->per_year);
	/* plan.csv's funded_cost is rounded to the cent on every row. */
	if (fabs(own - own_present) >
	    0.01 * (double)c->s->n_sites + 1e-6 * fabs(own_present))
		fail(c, "expect", "own present cost %.6f, the optimum's is %.6f", own,
		     own_present);
}

/* The output of bruteforce: "feasible 0", or "feasible 1", "exposure E",
 * "present_cost C", and the stages' figures check_expect_stages() reads. */
static bool check_expect(struct check *c, const char *path, const int *period,
			 const struct oracle_eval *ev)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "plancheck: error: cannot read '%s'\n", path);
		return false;
	}
	int feasible = -1;
	double exposure = NAN, present = NAN, moves = NAN;
	double broken = NAN, extensions = NAN, own_present = NAN;
	char key[32];
	double value;
	while (fscanf(f, "%31s %lf", key, &value) == 2) {
		if (strcmp(key, "feasible") == 0)
			feasible = (int)value;
		else if (strcmp(key, "moves") == 0)
			moves = value;
		else if (strcmp(key, "exposure") == 0)
			exposure = value;
		else if (strcmp(key, "present_cost") == 0)
			present = value;
		else if (strcmp(key, "broken_violation") == 0)
			broken = value;
		else if (strcmp(key, "extensions") == 0)
			extensions = value;
		else if (strcmp(key, "own_present_cost") == 0)
			own_present = value;
	}
	fclose(f);
	if (feasible == 0) {
		fail(c, "expect", "'%s' finds no feasible plan, but this one is", path);
	} else if (feasible != 1 || isnan(exposure) || isnan(present)) {
		fprintf(stderr, "plancheck: error: '%s' is not a bruteforce output\n",
			path);
		return false;
	} else {
		if (!oracle_near(ev->exposure, exposure))
			fail(c, "expect", "exposure %.6f, the optimum is %.6f",
			     ev->exposure, exposure);
		/* With own_cost no stage fixes the net present cost (model-2.md:
		 * own present cost, then E): plans tied on both may differ in
		 * it, so the own present cost below is the figure compared. */
		if (c->s->objective != OBJECTIVE_OWN_COST &&
		    !oracle_near(ev->present_cost, present))
			fail(c, "expect", "present cost %.6f, the optimum's is %.6f",
			     ev->present_cost, present);
		if (c->base_period && isnan(moves)) {
			fprintf(stderr,
				"plancheck: error: '%s' has no moves (bruteforce "
				"--baseline)\n",
				path);
			return false;
		}
		if (c->base_period && (double)c->moves != moves)
			fail(c, "expect", "%lld sites moved, the fewest are %.0f",
			     (long long)c->moves, moves);
		check_expect_stages(c, period, ev, broken, extensions, own_present);
	}
	return true;
}

static const char usage[] = "usage: plancheck <scenario.json> <plan-dir> "
			    "[--budget-scale <f>] [--expect <bruteforce-output>] "
			    "[--baseline <dir>]\n";

int main(int argc, char **argv)
{
	const char *scenario_path = NULL, *dir = NULL, *expect = NULL, *baseline = NULL;
	double scale = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--budget-scale") == 0 && i + 1 < argc) {
			if (!num_parse_double(argv[++i], &scale) || scale < 0) {
				fprintf(stderr,
					"plancheck: error: bad budget scale '%s'\n",
					argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "--expect") == 0 && i + 1 < argc) {
			expect = argv[++i];
		} else if (strcmp(argv[i], "--baseline") == 0 && i + 1 < argc) {
			baseline = argv[++i];
		} else if (argv[i][0] != '-' && !scenario_path) {
			scenario_path = argv[i];
		} else if (argv[i][0] != '-' && !dir) {
			dir = argv[i];
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!dir) {
		fputs(usage, stderr);
		return 2;
	}

	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(scenario_path, &d);
	if (!s) {
		diag_print(&d, stderr);
		diag_finish(&d);
		return 2;
	}
	diag_finish(&d);

	int status = 2;
	struct check c = {.s = s, .o = oracle_create(s, scale)};
	c.o->report_prefix = "plancheck: ";
	struct table t = {0};
	char *csv_path = xasprintf("%s/plan.csv", dir);
	char *summary_path = xasprintf("%s/summary.json", dir);
	int *period = xmalloc((s->n_sites + 1) * sizeof(int));
	int *vendor = xmalloc((s->n_sites + 1) * sizeof(int));
	for (size_t i = 0; i <= s->n_sites; i++) {
		period[i] = ORACLE_UNSWAPPED;
		vendor[i] = -1;
	}
	c.violations += oracle_check_derived(c.o, stdout);
	if (baseline) {
		c.base_period = xmalloc((s->n_sites + 1) * sizeof(int));
		c.base_vendor = xmalloc((s->n_sites + 1) * sizeof(int));
		char *base_csv = xasprintf("%s/plan.csv", baseline);
		bool read =
			oracle_read_baseline(c.o, base_csv, c.base_period, c.base_vendor);
		if (!read)
			fprintf(stderr, "plancheck: error: cannot read '%s'\n", base_csv);
		free(base_csv);
		if (!read)
			goto out;
	}
	if (!table_read(&t, csv_path))
		goto out;
	c.funded = xcalloc((size_t)c.o->n_periods + 1, sizeof(double));
	c.fund_paid = xcalloc(s->n_funds * (size_t)c.o->n_periods + 1, sizeof(double));
	c.fixed_own = xcalloc((size_t)c.o->n_periods + 1, sizeof(double));
	c.ledger_paid = xcalloc(s->n_funds * (size_t)c.o->n_periods + 1, sizeof(double));
	check_plan_csv(&c, &t, period, vendor);
	check_funds(&c, period);
	c.o->funded = c.funded;
	if (s->n_fixed && c.v2)
		c.o->fixed_own = c.fixed_own;

	c.period = period;
	struct oracle_eval ev;
	oracle_evaluate(c.o, period, vendor, stdout, &ev);
	c.violations += ev.violations;
	check_summary(&c, summary_path, &ev, scale);
	if (expect && !check_expect(&c, expect, period, &ev))
		goto out;

	if (c.violations) {
		printf("plancheck: %zu violation%s\n", c.violations,
		       c.violations == 1 ? "" : "s");
		status = 1;
	} else {
		printf("plancheck: the plan holds: exposure %.6f, present cost %.6f\n",
		       ev.exposure, ev.present_cost);
		status = 0;
	}
out:
	free(c.funded);
	free(c.fund_paid);
	free(c.fixed_own);
	free(c.ledger_paid);
	free(c.base_period);
	free(c.base_vendor);
	free(period);
	free(vendor);
	free(csv_path);
	free(summary_path);
	table_finish(&t);
	oracle_destroy(c.o);
	scenario_destroy(s);
	return status;
}
