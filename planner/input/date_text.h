/*
 * date_text: a date as scenario.json and sites.csv write it
 * (scenario-format-2.md, "Dates"): YYYY-MM-DD, a real calendar date, or a
 * bare year YYYY, which means 31 December and is accepted only where the
 * date is a deadline. The readers word the message: each file quotes its
 * values its own way.
 *
 * Pure: no allocation, nothing kept.
 */
#ifndef PHASEOUT_DATE_TEXT_H
#define PHASEOUT_DATE_TEXT_H

#include "util/period.h"

enum date_text {
	DATE_TEXT_OK,        /* YYYY-MM-DD, a real date */
	DATE_TEXT_YEAR,      /* YYYY (no leading 0): '*out' is 31 December */
	DATE_TEXT_NOT_REAL,  /* YYYY-MM-DD, but no such day (2023-02-30) */
	DATE_TEXT_MALFORMED, /* neither */
};

/* date_text_parse: what 'text' is; '*out' is set for OK and YEAR only. */
enum date_text date_text_parse(const char *text, struct date *out);

/*
 * A period as replan_from and the ledger's 'when' write it
 * (scenario-format-2.md): a period label of the scenario's kind
 * ('per_year'; 0 when 'periods' is invalid: a label of any kind) or a
 * date YYYY-MM-DD.
 */
enum when_text {
	WHEN_TEXT_LABEL,      /* a label of the kind: '*out' is its first day */
	WHEN_TEXT_DATE,       /* a real date: '*out' */
	WHEN_TEXT_OTHER_KIND, /* a label of kind '*kind' (1, 2, 4 or 12) */
	WHEN_TEXT_NOT_REAL,   /* YYYY-MM-DD, but no such day */
	WHEN_TEXT_MALFORMED,  /* neither a label nor a date */
};

/* date_text_parse_when: what 'text' is; '*out' is set for LABEL and DATE,
 * '*kind' for OTHER_KIND. */
enum when_text date_text_parse_when(const char *text, int per_year, struct date *out,
				    int *kind);

#endif
