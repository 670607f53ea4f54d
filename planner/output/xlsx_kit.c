#include "output/xlsx_kit.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/money.h"

/* 1980-01-01T00:00:00Z: a workbook's creation time is part of its bytes
 * (docProps/core.xml), and a plan's files depend on the plan alone. */
#define FIXED_CREATED ((time_t)315532800)

/* A currency code goes into a number format in quotes; anything but
 * letters (which a format could misread) gives a plain number format. */
static void money_format_string(const char *currency, char *buf, size_t size)
{
	bool plain = currency && *currency && strlen(currency) <= 8;
	for (const char *c = currency; plain && *c; c++)
		plain = isalpha((unsigned char)*c);
	if (plain)
		snprintf(buf, size, "\"%s \"#,##0.00;\"-%s \"#,##0.00", currency,
			 currency);
	else
		snprintf(buf, size, "#,##0.00");
}

static lxw_format *numeric(lxw_workbook *wb, const char *num_format)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_num_format(f, num_format);
	return f;
}

bool xlsx_open(struct xlsx *x, const char *currency, const char *title)
{
	memset(x, 0, sizeof(*x));
	x->fd = -1;
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	if (snprintf(x->path, sizeof(x->path), "%s/phaseout-xlsx-XXXXXX", dir) >=
	    (int)sizeof(x->path)) {
		errno = ENAMETOOLONG;
		return false;
	}
	x->fd = mkstemp(x->path);
	if (x->fd < 0)
		return false;
	/* libxlsxwriter's own temporary files (one per part) go to the same
	 * folder, not to tmpfile()'s fixed /tmp. */
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE,
				    .tmpdir = (char *)(uintptr_t)dir,
				    .use_zip64 = LXW_FALSE};
	x->wb = workbook_new_opt(x->path, &opt);
	if (!x->wb) {
		int err = errno;
		unlink(x->path);
		close(x->fd);
		x->fd = -1;
		errno = err ? err : ENOMEM;
		return false;
	}
	lxw_doc_properties props = {
		.title = (char *)(uintptr_t)title,
		.author = "phaseout",
		.created = FIXED_CREATED,
	};
	xlsx_check(x, workbook_set_properties(x->wb, &props));

	x->header = workbook_add_format(x->wb);
	format_set_bold(x->header);
	format_set_bottom(x->header, LXW_BORDER_THIN);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	char money[64];
	money_format_string(currency, money, sizeof(money));
	x->money = numeric(x->wb, money);
	x->whole = numeric(x->wb, "#,##0");
	x->share = numeric(x->wb, "0.00%");
	x->decimal = numeric(x->wb, "0.000000");
	x->scale = numeric(x->wb, "0.000");
	return true;
}

lxw_worksheet *xlsx_sheet(struct xlsx *x, const char *name)
{
	lxw_worksheet *ws = x->failed ? NULL : workbook_add_worksheet(x->wb, name);
	if (!ws)
		x->failed = true;
	return ws;
}

void xlsx_check(struct xlsx *x, lxw_error err)
{
	if (err != LXW_NO_ERROR)
		x->failed = true;
}

void xlsx_text(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
	       const char *text)
{
	if (!x->failed && ws && text && *text)
		xlsx_check(x, worksheet_write_string(ws, row, col, text, NULL));
}

void xlsx_header(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
		 const char *text)
{
	if (!x->failed && ws)
		xlsx_check(x, worksheet_write_string(ws, row, col, text, x->header));
}

void xlsx_number(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
		 double value, lxw_format *format)
{
	if (!x->failed && ws && isfinite(value))
		xlsx_check(x, worksheet_write_number(ws, row, col,
						     value == 0 ? 0.0 : value, format));
}

void xlsx_cents(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
		int64_t cents)
{
	xlsx_number(x, ws, row, col, money_value(cents), x->money);
}

/* The workbook is closed (written) first; its bytes are then read back
 * through the descriptor opened by mkstemp, which names the same file. */
bool xlsx_finish(struct xlsx *x, FILE *f)
{
	bool ok = !x->failed;
	if (x->wb)
		ok = workbook_close(x->wb) == LXW_NO_ERROR && ok;
	x->wb = NULL;
	if (x->fd < 0)
		return false;
	unlink(x->path);
	if (ok && lseek(x->fd, 0, SEEK_SET) != 0)
		ok = false;
	char buf[65536];
	ssize_t got = 0;
	while (ok && (got = read(x->fd, buf, sizeof(buf))) > 0)
		ok = fwrite(buf, 1, (size_t)got, f) == (size_t)got;
	if (got < 0)
		ok = false;
	close(x->fd);
	x->fd = -1;
	return fflush(f) == 0 && !ferror(f) && ok;
}
