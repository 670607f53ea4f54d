#include "input/baseline.h"

#include <stdlib.h>
#include <string.h>

#include "input/plan_read.h"
#include "util/period.h"
#include "util/xalloc.h"

/* Up to this many unknown site ids are named in the note. */
#define NOTE_NAMES 3

/* A baseline row's period in the scenario's horizon; BASELINE_ELSEWHERE
 * outside it. 'number' is plan_read's: year * per_year + sub - 1. */
static int horizon_period(const struct scenario *s, int per_year, int number)
{
	if (per_year < 1) /* plan_read sets it with the first row */
		return BASELINE_ELSEWHERE;
	int year = number / per_year, sub = number % per_year + 1;
	int p = period_index(s->start, s->periods_per_year, year, sub);
	return p >= 0 && p < s->n_periods ? p : BASELINE_ELSEWHERE;
}

struct baseline *baseline_create(const struct scenario *s, const char *dir)
{
	struct baseline *b = xcalloc(1, sizeof(*b));
	b->dir = xstrdup(dir);
	b->n_sites = s->n_sites;
	b->period = xmalloc((s->n_sites ? s->n_sites : 1) * sizeof(int));
	b->vendor = xmalloc((s->n_sites ? s->n_sites : 1) * sizeof(int));
	for (size_t i = 0; i < s->n_sites; i++) {
		b->period[i] = BASELINE_UNSWAPPED;
		b->vendor[i] = -1;
	}
	return b;
}

struct baseline *baseline_load(const char *dir, const struct scenario *s, struct diag *d,
			       char **error)
{
	*error = NULL;
	struct plan_read *r = plan_read_load_plan(dir, d, error);
	if (!r)
		return NULL;
	if (r->per_year && r->per_year != s->periods_per_year) {
		*error = xasprintf("'%s' is planned in %s, but the scenario's periods "
				   "are %s (a baseline must be planned in the same "
				   "periods)",
				   dir, plan_read_period_noun(r->per_year, true),
				   plan_read_period_noun(s->periods_per_year, true));
		plan_read_destroy(r);
		return NULL;
	}

	struct baseline *b = baseline_create(s, dir);
	b->n_rows = r->n_sites;
	struct strmap ids;
	strmap_init(&ids);
	for (size_t i = 0; i < s->n_sites; i++)
		strmap_intern(&ids, s->sites[i].id, NULL);

	char *names = xstrdup("");
	for (size_t k = 0; k < r->n_sites; k++) {
		const struct plan_read_site *row = &r->sites[k];
		int64_t i = strmap_find(&ids, row->id);
		if (i < 0) {
			if (b->n_unknown++ < NOTE_NAMES) {
				char *more =
					xasprintf("%s%s'%s' (line %u)", names,
						  *names ? ", " : "", row->id, row->line);
				free(names);
				names = more;
			}
			continue;
		}
		if (!row->to_vendor)
			continue;
		int v = scenario_find_vendor(s, row->to_vendor);
		int p = horizon_period(s, r->per_year, row->period);
		if (v < 0 || p == BASELINE_ELSEWHERE) {
			b->period[i] = BASELINE_ELSEWHERE;
		} else {
			b->period[i] = p;
			b->vendor[i] = v;
		}
	}
	if (b->n_unknown)
		b->note = xasprintf(
			"the baseline %s/plan.csv names %zu site%s the scenario does not "
			"have: %s%s (not counted)",
			dir, b->n_unknown, b->n_unknown == 1 ? "" : "s", names,
			b->n_unknown > NOTE_NAMES ? " and more" : "");
	free(names);
	strmap_finish(&ids);
	plan_read_destroy(r);
	return b;
}

bool baseline_moved(const struct baseline *b, uint32_t site, int period, int vendor)
{
	int bp = b->period[site];
	if (bp == BASELINE_UNSWAPPED)
		return period >= 0;
	return bp != period || b->vendor[site] != vendor;
}

bool baseline_overdue(const struct baseline *b, const struct scenario *s, uint32_t site)
{
	/* A baseline period p is overdue when it ends before replan_from,
	 * i.e. p is before the first re-planned period. */
	int p = b->period[site];
	return p >= 0 && p < s->replan_p;
}

void baseline_destroy(struct baseline *b)
{
	if (!b)
		return;
	free(b->dir);
	free(b->period);
	free(b->vendor);
	free(b->note);
	free(b);
}
