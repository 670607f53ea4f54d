#include "input/save_as_csv.h"

#include <string.h>

const char *save_as_csv_workbook(const void *bytes, size_t len)
{
	/* .xlsx and .ods are zip archives: a local file header first. */
	if (len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0)
		return "an .xlsx or .ods workbook";
	if (len >= 8 && memcmp(bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return "an Excel 97-2003 workbook (.xls)";
	return NULL;
}

const char *save_as_csv_utf8_hint(bool *given)
{
	if (*given)
		return "";
	*given = true;
	return " (the file looks saved as Windows-1252 or Latin-1: save it as CSV "
	       "UTF-8; " SAVE_AS_CSV_HOW ")";
}
