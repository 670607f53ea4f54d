/*
 * list_item: the ';'-separated lists of sites.csv and the ledger
 * (depends_on, allowed_vendors, funded): items trimmed of spaces and
 * tabs, empty items skipped (scenario-format.md).
 */
#ifndef PHASEOUT_LIST_ITEM_H
#define PHASEOUT_LIST_ITEM_H

#include <stdbool.h>

/* A space or a tab: what an item is trimmed of. */
bool list_is_blank(char c);

/*
 * list_item_next: the next non-empty item of the list at *p (NULL or ""
 * is an empty list), trimmed, as [*a, *b); *p moves past it. False when
 * no item is left.
 */
bool list_item_next(const char **p, const char **a, const char **b);

#endif
