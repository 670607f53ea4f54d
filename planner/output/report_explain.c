#include "output/report_explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/report_overrides.h"
#include "plan/rule_label.h"
#include "util/money.h"
#include "util/num.h"
#include "util/period.h"
#include "util/termtext.h"
#include "util/xalloc.h"

static void put_label(const struct scenario *s, FILE *f, int q)
{
	char label[24];
	period_label(s->start, s->periods_per_year, q, label, sizeof(label));
	fputs(label, f);
}

static void put_money(const struct scenario *s, FILE *f, double value)
{
	char *cur = termtext_dup(s->currency ? s->currency : "GBP");
	char buf[MONEY_BUF + 64];
	money_format_text(buf, sizeof(buf), cur, money_cents(value));
	fputs(buf, f);
	free(cur);
}

static void put_units(FILE *f, double n, const char *one, const char *many)
{
	char buf[64];
	num_format_count(buf, sizeof(buf), n, one, many);
	fputs(buf, f);
}

/* One period's reasons in words, with their figures. */
static void put_period(const struct plan *p, const struct why *w,
		       const struct why_site *ws, const struct why_period *wp, FILE *f)
{
	const struct scenario *s = p->scenario;
	const char *sep = "";
	if (wp->reasons & WHY_BUDGET) {
		fputs("the own budget was spent: ", f);
		put_money(s, f, wp->money_left);
		fputs(" left, below the ", f);
		put_money(s, f, wp->cost);
		fputs(" the cheapest vendor with room would have cost", f);
		sep = "; ";
	}
	if (wp->reasons & WHY_CAPACITY) {
		fputs(sep, f);
		for (uint32_t i = 0; i < wp->n_vendors; i++) {
			const struct why_vendor_left *vl =
				&ws->vendors[wp->first_vendor + i];
			fputs(i ? ", " : "", f);
			termtext_put(f, s->vendors[vl->vendor].name);
			if (vl->share) {
				fputs(" was at its ", f);
				termtext_put(f, s->domains.names[vl->domain]);
				fputs(" share limit (room for ", f);
				put_units(f, vl->left, "more unit", "more units");
				fputs(")", f);
			} else {
				fputs(" was at capacity (", f);
				put_units(f, floor(vl->left + 1e-9), "unit", "units");
				fputs(" left)", f);
			}
		}
		fputs(", for its ", f);
		put_units(f, (double)ws->units, "unit", "units");
		sep = "; ";
	}
	if (wp->reasons & WHY_CREWS) {
		fputs(sep, f);
		for (uint32_t i = 0; i < wp->n_regions; i++) {
			const struct why_crews_left *cl =
				&ws->regions[wp->first_region + i];
			fputs(i ? ", " : "", f);
			termtext_put(f, s->regions.names[cl->region]);
			fputs("'s crews were used (", f);
			put_units(f, floor(cl->left + 1e-9), "crew", "crews");
			fputs(" left for ", f);
			put_units(f, cl->need, "site", "sites");
			fputs(")", f);
		}
		sep = "; ";
	}
	if (wp->reasons & WHY_DEPENDENCY) {
		fputs(sep, f);
		fputs("it depends on ", f);
		for (uint32_t i = 0; i < wp->n_deps; i++) {
			uint32_t t = ws->deps[wp->first_dep + i];
			fputs(i ? ", " : "", f);
			termtext_put(f, s->sites[t].id);
			fputs(" (", f);
			int tp = -1;
			for (size_t k = 0; k < p->n_sites; k++)
				if (p->sites[k].site == t)
					tp = p->sites[k].period;
			if (tp >= 0) {
				fputs("swapped in ", f);
				put_label(s, f, tp);
			} else {
				fputs("not swapped", f);
			}
			fputs(")", f);
		}
		sep = "; ";
	}
	if (wp->reasons & (WHY_NOT_NEEDED | WHY_NO_EXPOSURE | WHY_OTHERS_FIRST)) {
		char *text = why_period_text(w, ws, wp);
		fputs(sep, f);
		fputs(text, f);
		free(text);
		if (wp->reasons & WHY_OTHERS_FIRST && s->objective == OBJECTIVE_EXPOSURE)
			fputs(" (nothing it needed was full then)", f);
	}
}

/* The periods before the swap, those with the same reasons as one range. */
static void put_periods(const struct plan *p, const struct why *w,
			const struct why_site *ws, FILE *f)
{
	const struct scenario *s = p->scenario;
	size_t i = 0;
	while (i < ws->n_periods) {
		char *text = why_period_text(w, ws, &ws->periods[i]);
		size_t j = i + 1;
		while (j < ws->n_periods) {
			char *next = why_period_text(w, ws, &ws->periods[j]);
			bool same = strcmp(next, text) == 0;
			free(next);
			if (!same)
				break;
			j++;
		}
		fputs("  ", f);
		put_label(s, f, ws->periods[i].period);
		if (j - i > 1) {
			fputs("..", f);
			put_label(s, f, ws->periods[j - 1].period);
			fputs(": ", f);
			/* A range: the short reasons, the figures of its first
			 * period. */
			termtext_put(f, text);
			fputs(" (in ", f);
			put_label(s, f, ws->periods[i].period);
			fputs(": ", f);
			put_period(p, w, ws, &ws->periods[i], f);
			fputs(")", f);
		} else {
			fputs(": ", f);
			put_period(p, w, ws, &ws->periods[i], f);
		}
		fputs("\n", f);
		free(text);
		i = j;
	}
}

static bool deadline_covers(const struct scenario *s, const struct deadline_rule *dl,
			    const struct site *site)
{
	if (dl->domain && strcmp(dl->domain, s->domains.names[site->domain]) != 0)
		return false;
	return !dl->region_name || site->region == dl->region;
}

/* Whether a swap in 'period' (-1 none) keeps a deadline binding at 'bind'. */
static void put_deadline_outcome(const struct scenario *s, int period, int bind, FILE *f)
{
	if (bind >= s->n_periods) {
		fputs("binds after the horizon", f);
	} else if (period >= 0 && period <= bind) {
		fputs("met: due by the end of ", f);
		put_label(s, f, bind);
	} else if (bind < 0) {
		fputs("late: due before the horizon's first period ended", f);
	} else {
		fputs("late: due by the end of ", f);
		put_label(s, f, bind);
	}
}

static void put_rules(const struct plan *p, const struct plan_site *ps, FILE *f)
{
	const struct scenario *s = p->scenario;
	const struct site *site = &s->sites[ps->site];
	bool any = false;
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		if (!deadline_covers(s, dl, site))
			continue;
		char *label = rule_label_deadline(dl);
		fputs(any ? "" : "Rules that cover it:\n", f);
		fputs("  ", f);
		termtext_put(f, label);
		fputs(": ", f);
		put_deadline_outcome(s, ps->period, dl->when.bind_p, f);
		fputs("\n", f);
		free(label);
		any = true;
	}
	if (site->has_deadline) {
		char date[24];
		date_format(site->deadline, date, sizeof(date));
		fputs(any ? "" : "Rules that cover it:\n", f);
		fprintf(f, "  its own deadline %s: ", date);
		put_deadline_outcome(s, ps->period, site->deadline_p, f);
		fputs("\n", f);
		any = true;
	}
	size_t c = 0;
	for (size_t r = 0; r < p->n_rules; r++) {
		const struct plan_rule *pr = &p->rules[r];
		if (pr->kind == RULE_SHARE_CAP && c < s->n_caps) {
			const struct share_cap_rule *cap = &s->caps[c++];
			if (!scenario_cap_covers(s, cap, site->domain, site->region))
				continue;
		} else if (pr->kind != RULE_COMPLETION) {
			continue;
		}
		fputs(any ? "" : "Rules that cover it:\n", f);
		fputs("  ", f);
		termtext_put(f, pr->label);
		fputs(pr->holds ? ": the plan keeps it\n" : ": the plan breaks it\n", f);
		any = true;
	}
	if (!any)
		fputs("No deadline or cap covers it.\n", f);
}

bool report_explain_write(const struct plan *p, const struct why *w, size_t k, FILE *f)
{
	const struct scenario *s = p->scenario;
	const struct plan_site *ps = &p->sites[k];
	const struct site *site = &s->sites[ps->site];
	struct why_site ws;
	why_explain(w, k, &ws);

	termtext_put(f, site->id);
	fputs(": ", f);
	termtext_put(f, s->regions.names[site->region]);
	fputs(", ", f);
	termtext_put(f, s->domains.names[site->domain]);
	fputs(", ", f);
	put_units(f, (double)site->units, "unit", "units");
	fputs(" of ", f);
	termtext_put(f, s->site_vendors.names[site->vendor]);
	fputs("\n", f);
	/* The plan's --set and --scale, which the account is made with. */
	report_overrides_text(s, f);
	if (ws.cluster) {
		fputs("It goes with its cluster ", f);
		termtext_put(f, ws.cluster);
		fputs(" (", f);
		put_units(f, ws.n_unit_sites, "site", "sites");
		fputs(", ", f);
		put_units(f, (double)ws.units, "unit", "units");
		fputs("): the figures below are the cluster's.\n", f);
	}
	if (ps->period >= 0) {
		fputs("Swapped in ", f);
		put_label(s, f, ps->period);
		fputs(" to ", f);
		termtext_put(f, s->vendors[ps->vendor].name);
		fputs(" for ", f);
		put_money(s, f, money_value(ps->total_cents));
		fputs(" (present value ", f);
		put_money(s, f, money_value(ps->present_cents));
		fputs(").\n", f);
	} else {
		fputs("Not swapped within the horizon (", f);
		put_label(s, f, 0);
		fputs("..", f);
		put_label(s, f, s->n_periods - 1);
		fputs(").\n", f);
	}

	char *from = why_from_text(w, &ws);
	if (from) {
		fputs("The first period it may go in is ", f);
		put_label(s, f, ws.earliest);
		fputs(": ", f);
		termtext_put(f, from);
		fputs(ws.earliest >= s->n_periods ? ", after the horizon.\n" : ".\n", f);
		free(from);
	} else {
		fputs("It may go from the horizon's first period, ", f);
		put_label(s, f, 0);
		fputs(".\n", f);
	}
	if (ws.n_periods) {
		fputs(ps->period >= 0 ? "Not earlier, because in\n"
				      : "Not swapped, because in\n",
		      f);
		put_periods(p, w, &ws, f);
	} else if (ps->period >= 0) {
		fputs("It goes in the first period it may: nothing earlier to explain.\n",
		      f);
	}
	put_rules(p, ps, f);
	why_site_finish(&ws);
	return fflush(f) == 0 && !ferror(f);
}
