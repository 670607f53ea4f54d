#include "plan/plan_totals.h"

#include <stdlib.h>
#include <string.h>

#include "util/sort.h"
#include "util/xalloc.h"

/* One plan site's keys, as the chosen keys see it. */
static struct totals_row key_of(const struct plan *p, const struct plan_site *ps,
				unsigned keys)
{
	const struct site *site = &p->scenario->sites[ps->site];
	bool swapped = ps->year != 0 && ps->vendor >= 0;
	struct totals_row r = {.period = -1, .region = -1, .domain = -1, .vendor = -1};
	r.swapped = swapped;
	if (swapped && (keys & TOTALS_PERIOD))
		r.period = ps->period;
	if (swapped && (keys & (TOTALS_PERIOD | TOTALS_YEAR)))
		r.year = ps->year;
	if (keys & TOTALS_REGION)
		r.region = site->region;
	if (keys & TOTALS_DOMAIN)
		r.domain = site->domain;
	if (swapped && (keys & TOTALS_VENDOR))
		r.vendor = ps->vendor;
	r.sites = 1;
	r.units = site->units;
	if (swapped) {
		r.nominal_cents = ps->total_cents;
		r.present_cents = ps->present_cents;
	}
	return r;
}

static int cmp_int(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_name(const char *const *names, int64_t a, int64_t b)
{
	if (a < 0 || b < 0)
		return cmp_int(a, b);
	return strcmp(names[a], names[b]);
}

/* Swapped rows first, by period (or year), region, domain and vendor,
 * names bytewise; then the unswapped, by region and domain. */
static int by_keys(const void *va, const void *vb, const void *ctx)
{
	const struct totals_row *a = va, *b = vb;
	const struct scenario *s = ctx;
	int c;
	if ((c = cmp_int(b->swapped, a->swapped)))
		return c;
	if ((c = cmp_int(a->year, b->year)) || (c = cmp_int(a->period, b->period)))
		return c;
	if ((c = cmp_name(s->regions.names, a->region, b->region)))
		return c;
	if ((c = cmp_name(s->domains.names, a->domain, b->domain)))
		return c;
	if (a->vendor < 0 || b->vendor < 0)
		return cmp_int(a->vendor, b->vendor);
	return strcmp(s->vendors[a->vendor].name, s->vendors[b->vendor].name);
}

static bool same_keys(const struct totals_row *a, const struct totals_row *b)
{
	return a->swapped == b->swapped && a->period == b->period && a->year == b->year &&
	       a->region == b->region && a->domain == b->domain && a->vendor == b->vendor;
}

static void add(struct totals_row *to, const struct totals_row *r)
{
	to->sites += r->sites;
	to->units += r->units;
	to->nominal_cents += r->nominal_cents;
	to->present_cents += r->present_cents;
}

struct plan_totals *plan_totals_create(const struct plan *p, unsigned keys)
{
	struct plan_totals *t = xcalloc(1, sizeof(*t));
	struct totals_row none = {.period = -1, .region = -1, .domain = -1, .vendor = -1};
	t->all = none;
	t->swapped = none;
	t->swapped.swapped = 1;
	if (p->n_sites == 0)
		return t;
	struct totals_row *each = xcalloc(p->n_sites, sizeof(*each));
	for (size_t i = 0; i < p->n_sites; i++) {
		each[i] = key_of(p, &p->sites[i], keys);
		add(&t->all, &each[i]);
		if (each[i].swapped)
			add(&t->swapped, &each[i]);
	}
	sort_ctx(each, p->n_sites, sizeof(*each), by_keys, p->scenario);
	t->rows = xcalloc(p->n_sites, sizeof(*t->rows));
	for (size_t i = 0; i < p->n_sites; i++) {
		if (t->n > 0 && same_keys(&t->rows[t->n - 1], &each[i])) {
			add(&t->rows[t->n - 1], &each[i]);
		} else {
			t->rows[t->n++] = each[i];
		}
	}
	free(each);
	return t;
}

void plan_totals_destroy(struct plan_totals *t)
{
	if (!t)
		return;
	free(t->rows);
	free(t);
}
