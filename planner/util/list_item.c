#include "util/list_item.h"

#include <string.h>

bool list_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

bool list_item_next(const char **p, const char **a, const char **b)
{
	while (*p && **p) {
		const char *end = strchr(*p, ';');
		if (!end)
			end = *p + strlen(*p);
		*a = *p;
		*b = end;
		*p = *end ? end + 1 : end;
		while (*a < *b && list_is_blank(**a))
			(*a)++;
		while (*b > *a && list_is_blank((*b)[-1]))
			(*b)--;
		if (*a < *b)
			return true;
	}
	return false;
}
