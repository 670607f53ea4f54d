/*
 * xlsx_kit: what the workbooks (report_xlsx.h) are made with: a
 * libxlsxwriter workbook built in a private temporary file and copied
 * into the caller's FILE, so that workbooks are written like every other
 * report (into an -o folder's staging file, or a memory stream in tests);
 * fixed document properties, so the same run gives the same bytes; the
 * cell formats every sheet shares; and cell writers that remember the
 * first failure.
 *
 *	struct xlsx x;
 *	if (!xlsx_open(&x, scenario->currency, "phaseout plan")) return false;
 *	lxw_worksheet *ws = xlsx_sheet(&x, "Plan");
 *	xlsx_text(&x, ws, 0, 0, site->id);        (a text cell: never a formula)
 *	xlsx_cents(&x, ws, 0, 1, cents);          (money, currency format)
 *	return xlsx_finish(&x, f);                (false: nothing useful in f)
 *
 * Ownership: xlsx_finish() frees everything, whether it succeeds or not.
 */
#ifndef PHASEOUT_XLSX_KIT_H
#define PHASEOUT_XLSX_KIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <xlsxwriter.h>

struct xlsx {
	lxw_workbook *wb;
	char path[4096];    /* the temporary workbook */
	int fd;             /* open on it, -1 when none */
	bool failed;        /* a cell or chart call failed */
	lxw_format *header; /* bold column names */
	lxw_format *bold;
	lxw_format *money;   /* #,##0.00 with the currency */
	lxw_format *whole;   /* #,##0 */
	lxw_format *share;   /* 0.00% of a fraction */
	lxw_format *decimal; /* 0.000000 */
	lxw_format *scale;   /* 0.000 */
};

/*
 * xlsx_open: a new workbook whose money cells show 'currency' (the
 * scenario's ISO code; NULL or odd text gives no symbol), with 'title'
 * among its document properties and a fixed creation time (1980-01-01,
 * the zip format's own epoch, which its entries carry too). False when
 * no temporary file could be made (errno says why).
 */
bool xlsx_open(struct xlsx *x, const char *currency, const char *title);

/* xlsx_sheet: a new worksheet called 'name' (NULL after a failure). */
lxw_worksheet *xlsx_sheet(struct xlsx *x, const char *name);

/* The cell writers: nothing is written for a NULL or empty text, a
 * non-finite number, or after a failure. */
void xlsx_text(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
	       const char *text);
void xlsx_header(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
		 const char *text);
void xlsx_number(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
		 double value, lxw_format *format);
void xlsx_cents(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
		int64_t cents);

/* xlsx_check: note the result of a libxlsxwriter call. */
void xlsx_check(struct xlsx *x, lxw_error err);

/*
 * xlsx_finish: close the workbook, copy its bytes into 'f' and remove the
 * temporary file. False when any step (or any cell before) failed, or a
 * write to 'f' did; the FILE is flushed, never closed.
 */
bool xlsx_finish(struct xlsx *x, FILE *f);

#endif
