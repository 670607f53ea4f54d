#include "input/date_notes.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/period.h"
#include "util/xalloc.h"

/* How many site ids a note names before "and N more". */
#define MAX_NAMED 3

/*
 * "is inside 2023-Q3: binds at the end of 2023-Q2, 30 Jun 2023" into buf,
 * or false when 'd' is a period end (it binds where it says).
 */
static bool where_it_binds(const struct scenario *s, struct date d, char *buf,
			   size_t size)
{
	int ppy = s->periods_per_year;
	int p = period_of_date(s->start, ppy, d);
	if (date_compare(d, period_end_date(s->start, ppy, p)) == 0)
		return false;
	char inside[16], before[16], end[16];
	period_label(s->start, ppy, p, inside, sizeof(inside));
	period_label(s->start, ppy, p - 1, before, sizeof(before));
	date_format_long(period_end_date(s->start, ppy, p - 1), end, sizeof(end));
	snprintf(buf, size, "is inside %s: binds at the end of %s, %s", inside, before,
		 end);
	return true;
}

static void note_rule(struct scenario *s, const char *path, size_t i,
		      const struct rule_when *w, unsigned line)
{
	char where[96], date[16];
	if (!w->dated || !where_it_binds(s, w->date, where, sizeof(where)))
		return;
	date_format_long(w->date, date, sizeof(date));
	scenario_add_note(s, line, "the date %s of %s[%zu] %s", date, path, i, where);
}

static int compare_dates(const void *pa, const void *pb, const struct scenario *s)
{
	const struct site *a = &s->sites[*(const uint32_t *)pa];
	const struct site *b = &s->sites[*(const uint32_t *)pb];
	int c = date_compare(a->deadline, b->deadline);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

/*
 * Site deadlines, one note per distinct date inside a period, in date
 * order, naming the first sites that have it (in row order).
 */
static void note_site_deadlines(struct scenario *s)
{
	uint32_t *idx = xmalloc((s->n_sites + 1) * sizeof(*idx));
	size_t n = 0;
	for (size_t i = 0; i < s->n_sites; i++)
		if (s->sites[i].has_deadline &&
		    scenario_site_is_high_risk(s, &s->sites[i]))
			idx[n++] = (uint32_t)i;
	/* Insertion sort by (date, line): notes are few, rows already in
	 * line order, and this keeps the sort free of static state. */
	for (size_t i = 1; i < n; i++) {
		uint32_t x = idx[i];
		size_t j = i;
		while (j > 0 && compare_dates(&idx[j - 1], &x, s) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = x;
	}
	for (size_t i = 0; i < n;) {
		struct date d = s->sites[idx[i]].deadline;
		size_t j = i;
		while (j < n && date_compare(s->sites[idx[j]].deadline, d) == 0)
			j++;
		char where[96], date[16];
		if (where_it_binds(s, d, where, sizeof(where))) {
			date_format_long(d, date, sizeof(date));
			size_t count = j - i;
			char *names = xasprintf("'%s'", s->sites[idx[i]].id);
			for (size_t k = i + 1; k < j && k < i + MAX_NAMED; k++) {
				char *next =
					xasprintf("%s, '%s'", names, s->sites[idx[k]].id);
				free(names);
				names = next;
			}
			if (count == 1)
				scenario_add_note(s, 0, "the deadline %s of site %s %s",
						  date, names, where);
			else if (count <= MAX_NAMED)
				scenario_add_note(s, 0,
						  "the deadline %s of %zu sites (%s) %s",
						  date, count, names, where);
			else
				scenario_add_note(
					s, 0,
					"the deadline %s of %zu sites (%s and %zu "
					"more) %s",
					date, count, names, count - MAX_NAMED, where);
			free(names);
		}
		i = j;
	}
	free(idx);
}

void date_notes_add(struct scenario *s)
{
	for (size_t i = 0; i < s->n_deadlines; i++)
		note_rule(s, "deadlines", i, &s->deadlines[i].when, s->deadlines[i].line);
	for (size_t i = 0; i < s->n_caps; i++)
		note_rule(s, "share_caps", i, &s->caps[i].when, s->caps[i].line);
	note_site_deadlines(s);
}
