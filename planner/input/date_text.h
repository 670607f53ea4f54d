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

#endif
