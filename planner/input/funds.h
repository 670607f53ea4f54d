/*
 * funds: scenario.json's `funds`, the funding programmes of
 * scenario-format-2.md: each fund's name, its disbursements (date ->
 * money), the share of one swap's cost it may pay, its eligible domains
 * and its deadline (a date, or months after the first disbursement with
 * extensions).
 *
 * Calling sequence (scenario_json.c, then validate.c):
 *	funds_read(&reader, node, s, have_horizon);   the "funds" array
 *	...
 *	funds_validate(s, d);                         domains against sites.csv
 *
 * Every problem is located and reported; reading goes on, so one run
 * reports them all. A fund joins s->funds only when its name is valid
 * (so that a ledger's `funded` can name it); its other keys are checked
 * either way. Strings live in s->pool, arrays belong to s.
 */
#ifndef PHASEOUT_FUNDS_H
#define PHASEOUT_FUNDS_H

#include <stdbool.h>

#include "input/json_schema.h"
#include "input/scenario.h"
#include "util/diag.h"

struct cJSON;

/* The most months a fund's deadline may reach after its first
 * disbursement, extensions included (100 years). */
#define FUNDS_MAX_MONTHS 1200

/* funds_read: the array at 'node' (the reader's path is "funds");
 * disbursement dates are checked against the horizon when 'have_horizon'. */
void funds_read(struct json_schema *r, const struct cJSON *node, struct scenario *s,
		bool have_horizon);

/* funds_validate: each fund's `domains` resolved against sites.csv's
 * domains (a name no row has is an error at the name). */
void funds_validate(struct scenario *s, struct diag *d);

#endif
