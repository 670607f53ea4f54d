#include "plan/plandiff.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static int compare_sites(const void *x, const void *y)
{
	const struct plan_read_site *a = *(const struct plan_read_site *const *)x;
	const struct plan_read_site *b = *(const struct plan_read_site *const *)y;
	return strcmp(a->id, b->id);
}

/* The sites of 'p' by site_id, bytewise (ids are unique in a plan_read). */
static const struct plan_read_site **sorted_sites(const struct plan_read *p)
{
	const struct plan_read_site **v =
		xcalloc(p->n_sites ? p->n_sites : 1, sizeof(*v));
	for (size_t i = 0; i < p->n_sites; i++)
		v[i] = &p->sites[i];
	if (p->n_sites > 1)
		qsort(v, p->n_sites, sizeof(*v), compare_sites);
	return v;
}

/*
 * Moves and vendor changes are judged only where both plans swap the
 * site; a site swapped in one plan only is "added" or "removed" whatever
 * its vendor. A site's region, domain and units come from its scenario,
 * so a difference there means the plans were made from different
 * inventories: it is flagged rather than hidden.
 */
static unsigned site_changes(struct plandiff *pd, const struct plan_read_site *a,
			     const struct plan_read_site *b)
{
	unsigned ch = 0;
	if (a->year && b->year) {
		if (b->period < a->period) {
			ch |= PLANDIFF_EARLIER;
			pd->n_earlier++;
			pd->periods_earlier += a->period - b->period;
		} else if (b->period > a->period) {
			ch |= PLANDIFF_LATER;
			pd->n_later++;
			pd->periods_later += b->period - a->period;
		}
		if (strcmp(a->to_vendor, b->to_vendor) != 0) {
			ch |= PLANDIFF_VENDOR;
			pd->n_vendor++;
		}
	} else if (b->year) {
		ch |= PLANDIFF_ADDED;
		pd->n_added++;
	} else if (a->year) {
		ch |= PLANDIFF_REMOVED;
		pd->n_removed++;
	}
	if (strcmp(a->region, b->region) != 0)
		ch |= PLANDIFF_REGION;
	if (strcmp(a->domain, b->domain) != 0)
		ch |= PLANDIFF_DOMAIN;
	if (a->units != b->units)
		ch |= PLANDIFF_UNITS;
	if (ch & (PLANDIFF_REGION | PLANDIFF_DOMAIN | PLANDIFF_UNITS))
		pd->n_inventory++;
	return ch;
}

/* Count a site of both plans that moved from its period in A to its
 * period in B (moves are few: a linear search keeps them in order). */
static void add_move(struct plandiff *pd, size_t *alloc, const struct plan_read_site *a,
		     const struct plan_read_site *b)
{
	size_t i = 0;
	while (i < pd->n_moves &&
	       (pd->moves[i].from < a->period ||
		(pd->moves[i].from == a->period && pd->moves[i].to < b->period)))
		i++;
	if (i == pd->n_moves || pd->moves[i].from != a->period ||
	    pd->moves[i].to != b->period) {
		ARRAY_GROW(pd->moves, pd->n_moves, *alloc);
		memmove(&pd->moves[i + 1], &pd->moves[i],
			(pd->n_moves - i) * sizeof(pd->moves[0]));
		pd->moves[i] = (struct plandiff_move){a->period, b->period, 0, 0};
		pd->n_moves++;
	}
	pd->moves[i].sites++;
	pd->moves[i].units += b->units;
}

static void add_site(struct plandiff *pd, size_t *alloc, const struct plan_read_site *a,
		     const struct plan_read_site *b, unsigned changes)
{
	ARRAY_GROW(pd->sites, pd->n_sites, *alloc);
	pd->sites[pd->n_sites++] = (struct plandiff_site){a, b, changes};
}

static void diff_sites(struct plandiff *pd)
{
	const struct plan_read_site **va = sorted_sites(pd->a);
	const struct plan_read_site **vb = sorted_sites(pd->b);
	size_t na = pd->a->n_sites, nb = pd->b->n_sites;
	size_t i = 0, j = 0, alloc = 0, alloc_moves = 0;
	while (i < na || j < nb) {
		int cmp = i == na ? 1 : j == nb ? -1 : strcmp(va[i]->id, vb[j]->id);
		if (cmp < 0) {
			pd->n_only_a++;
			add_site(pd, &alloc, va[i++], NULL, PLANDIFF_ONLY_IN_A);
		} else if (cmp > 0) {
			pd->n_only_b++;
			add_site(pd, &alloc, NULL, vb[j++], PLANDIFF_ONLY_IN_B);
		} else {
			pd->n_common++;
			unsigned ch = site_changes(pd, va[i], vb[j]);
			if (ch & (PLANDIFF_EARLIER | PLANDIFF_LATER))
				add_move(pd, &alloc_moves, va[i], vb[j]);
			if (ch)
				add_site(pd, &alloc, va[i], vb[j], ch);
			i++, j++;
		}
	}
	free(va);
	free(vb);
}

static int compare_years(const void *x, const void *y)
{
	const struct plan_read_year *a = x, *b = y;
	return (a->period > b->period) - (a->period < b->period);
}

static struct plan_read_year *sorted_years(const struct plan_read *p)
{
	struct plan_read_year *v = xcalloc(p->n_years ? p->n_years : 1, sizeof(*v));
	if (p->n_years)
		memcpy(v, p->years, p->n_years * sizeof(*v));
	if (p->n_years > 1)
		qsort(v, p->n_years, sizeof(*v), compare_years);
	return v;
}

/* A's or B's spend in a year's subtotal: the sum of its periods there,
 * in cents as the files hold them; NAN when it has none. */
static double add_spend(double total, double spend)
{
	if (isnan(spend))
		return total;
	return isnan(total) ? spend : round((total + spend) * 100) / 100;
}

/* The subtotal of the year of the rows years[first..n_years). */
static void add_year_total(struct plandiff *pd, size_t *alloc, size_t first)
{
	struct plandiff_year t = {pd->years[first].year,   NAN, NAN, NAN, NAN,
				  pd->years[first].period, true};
	for (size_t k = first; k < pd->n_years; k++) {
		const struct plandiff_year *y = &pd->years[k];
		t.spend_a = add_spend(t.spend_a, y->spend_a);
		t.spend_b = add_spend(t.spend_b, y->spend_b);
		if (!isnan(y->hr_share_a) || !isnan(y->spend_a))
			t.hr_share_a = y->hr_share_a;
		if (!isnan(y->hr_share_b) || !isnan(y->spend_b))
			t.hr_share_b = y->hr_share_b;
	}
	ARRAY_GROW(pd->years, pd->n_years, *alloc);
	pd->years[pd->n_years++] = t;
}

/* Every period of either timeline: two plans of the same scenario share
 * their horizon, but plans of different scenarios need not. */
static void diff_years(struct plandiff *pd)
{
	struct plan_read_year *ya = sorted_years(pd->a);
	struct plan_read_year *yb = sorted_years(pd->b);
	size_t na = pd->a->n_years, nb = pd->b->n_years;
	size_t i = 0, j = 0, alloc = 0, year_first = 0;
	while (i < na || j < nb) {
		struct plandiff_year y = {0, NAN, NAN, NAN, NAN, 0, false};
		bool take_a = i < na && (j == nb || ya[i].period <= yb[j].period);
		bool take_b = j < nb && (i == na || yb[j].period <= ya[i].period);
		y.year = take_a ? ya[i].year : yb[j].year;
		y.period = take_a ? ya[i].period : yb[j].period;
		if (pd->per_year > 1 && pd->n_years > year_first &&
		    pd->years[year_first].year != y.year) {
			add_year_total(pd, &alloc, year_first);
			year_first = pd->n_years;
		}
		if (take_a) {
			y.spend_a = ya[i].spend;
			y.hr_share_a = ya[i].hr_share;
			i++;
		}
		if (take_b) {
			y.spend_b = yb[j].spend;
			y.hr_share_b = yb[j].hr_share;
			j++;
		}
		ARRAY_GROW(pd->years, pd->n_years, alloc);
		pd->years[pd->n_years++] = y;
	}
	if (pd->per_year > 1 && pd->n_years > year_first)
		add_year_total(pd, &alloc, year_first);
	free(ya);
	free(yb);
}

bool plandiff_same_periods(const struct plan_read *a, const struct plan_read *b)
{
	return a->per_year == b->per_year;
}

struct plandiff *plandiff_create(const struct plan_read *a, const struct plan_read *b)
{
	struct plandiff *pd = xcalloc(1, sizeof(*pd));
	pd->a = a;
	pd->b = b;
	pd->per_year = a->per_year > 0 ? a->per_year : 1;
	diff_sites(pd);
	diff_years(pd);
	return pd;
}

void plandiff_destroy(struct plandiff *pd)
{
	if (!pd)
		return;
	free(pd->sites);
	free(pd->years);
	free(pd->moves);
	free(pd);
}

static const struct {
	unsigned bit;
	const char *name;
} change_names[] = {
	{PLANDIFF_EARLIER, "earlier"},     {PLANDIFF_LATER, "later"},
	{PLANDIFF_ADDED, "added"},         {PLANDIFF_REMOVED, "removed"},
	{PLANDIFF_VENDOR, "vendor"},       {PLANDIFF_REGION, "region"},
	{PLANDIFF_DOMAIN, "domain"},       {PLANDIFF_UNITS, "units"},
	{PLANDIFF_ONLY_IN_A, "only_in_a"}, {PLANDIFF_ONLY_IN_B, "only_in_b"},
};

void plandiff_change_text(unsigned changes, char *buf, size_t size)
{
	if (!size)
		return;
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(change_names) / sizeof(change_names[0]); i++) {
		if (!(changes & change_names[i].bit))
			continue;
		size_t len = strlen(change_names[i].name);
		if (n + (n > 0) + len >= size)
			return; /* whole names only */
		if (n > 0)
			buf[n++] = ';';
		memcpy(buf + n, change_names[i].name, len + 1);
		n += len;
	}
}
