#include "output/report_overrides.h"

#include <cjson/cJSON.h>

#include "util/termtext.h"

void report_overrides_text(const struct scenario *s, FILE *f)
{
	for (size_t i = 0; i < s->n_overrides; i++) {
		fputs("override: ", f);
		termtext_put(f, s->overrides[i]);
		fputc('\n', f);
	}
}

void report_overrides_json(const struct scenario *s, cJSON *root)
{
	if (!s->n_overrides)
		return;
	cJSON *arr = cJSON_AddArrayToObject(root, "overrides");
	for (size_t i = 0; i < s->n_overrides; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(s->overrides[i]));
}
